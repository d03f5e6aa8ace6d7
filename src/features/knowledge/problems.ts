// Knowledge and seed-file problems as diagnostics (their code links the documentation page) and
// their fixes as quick fixes applied as one workspace edit (one undo step).
import * as vscode from 'vscode';
import type { DocumentedProblem } from '../../core/problem';

export type Problem = DocumentedProblem;

const SEVERITY = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
} as const;

export function toDiagnostic(doc: vscode.TextDocument, p: Problem, source = 'AWS'): vscode.Diagnostic {
  const d = new vscode.Diagnostic(new vscode.Range(doc.positionAt(p.start), doc.positionAt(p.end)), p.message, SEVERITY[p.severity]);
  d.source = source;
  d.code = { value: p.code, target: vscode.Uri.parse(p.doc) };
  return d;
}

export function problemActions(doc: vscode.TextDocument, range: vscode.Range, problems: Problem[], diagnostics: readonly vscode.Diagnostic[]): vscode.CodeAction[] {
  const actions: vscode.CodeAction[] = [];
  for (const p of problems) {
    if (!p.fix) continue;
    const pRange = new vscode.Range(doc.positionAt(p.start), doc.positionAt(p.end));
    if (!pRange.intersection(range)) continue;
    const action = new vscode.CodeAction(p.fix.title, vscode.CodeActionKind.QuickFix);
    action.edit = new vscode.WorkspaceEdit();
    for (const e of p.fix.edits) action.edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.text);
    action.isPreferred = true;
    action.diagnostics = diagnostics.filter((d) => d.range.isEqual(pRange) && d.message === p.message);
    actions.push(action);
  }
  return actions;
}
