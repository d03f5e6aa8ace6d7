// A problem found in a file, with the documentation page its rule comes from and an optional fix:
// what the knowledge rules and the cloud-init seed checks report, and the editor shows as a
// diagnostic with a quick fix.

export interface ProblemFix {
  title: string;
  edits: { start: number; end: number; text: string }[];
}

export interface DocumentedProblem {
  start: number;
  end: number;
  message: string;
  code: string;
  severity: 'error' | 'warning' | 'info' | 'hint';
  /** The documentation page the rule comes from. */
  doc: string;
  fix?: ProblemFix;
}
