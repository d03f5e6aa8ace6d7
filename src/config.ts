// Typed access to the `jmespathAws.*` settings declared in package.json.
import * as vscode from 'vscode';

export const SECTION = 'jmespathAws';

export interface Config {
  debounceMs: number;
  maxResultChars: number;
  highlightEnabled: boolean;
  maxHighlights: number;
  recentQueries: number;
  /** The query worker's heap limit in MB (maxOldGenerationSizeMb). */
  workerMemoryMb: number;
  /** The AWS CLI Run & refine runs ('' = `aws` from PATH). */
  awsCliPath: string;
  awsCliTimeoutSeconds: number;
  runRefineCodeLens: boolean;
}

export function readConfig(): Config {
  const c = vscode.workspace.getConfiguration(SECTION);
  return {
    debounceMs: clamp(c.get<number>('query.debounceMs', 250), 0, 5000),
    maxResultChars: clamp(c.get<number>('query.maxResultChars', 2_000_000), 1000, 200_000_000),
    highlightEnabled: c.get<boolean>('highlight.enabled', true),
    maxHighlights: clamp(c.get<number>('highlight.maxHighlights', 2000), 0, 100_000),
    recentQueries: clamp(c.get<number>('query.recentQueries', 20), 0, 200),
    workerMemoryMb: Math.round(clamp(c.get<number>('query.workerMemoryMb', 4096), 32, 65536)),
    awsCliPath: c.get<string>('awsCli.path', '').trim(),
    awsCliTimeoutSeconds: clamp(c.get<number>('awsCli.timeoutSeconds', 60), 1, 3600),
    runRefineCodeLens: c.get<boolean>('awsCli.runRefineCodeLens', true),
  };
}

function clamp(n: number, lo: number, hi: number): number {
  return Number.isFinite(n) ? Math.min(hi, Math.max(lo, n)) : lo;
}
