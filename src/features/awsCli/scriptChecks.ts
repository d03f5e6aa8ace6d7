// Diagnostics and quick fixes for AWS CLI and boto3 use in shell, PowerShell, cmd and Python files
// (completion, hover and signature help inside queries live in features/language).
import * as vscode from 'vscode';
import { ScriptProblem, checkScript, languageOf } from '../../core/aws/scriptCheck';
import { ModelStore } from './modelStore';

const LANGUAGES = ['shellscript', 'powershell', 'bat', 'python'];
const DEBOUNCE_MS = 300;

export class ScriptChecks implements vscode.CodeActionProvider, vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('aws-cli');
  private readonly problems = new Map<string, ScriptProblem[]>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly models: ModelStore) {
    const selector = LANGUAGES.map((language) => ({ language }));
    this.disposables.push(
      this.diagnostics,
      vscode.languages.registerCodeActionsProvider(selector, this, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
      vscode.workspace.onDidOpenTextDocument((d) => this.check(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.diagnostics.delete(d.uri);
        this.problems.delete(d.uri.toString());
      }),
    );
    // after activation returns: checking reads the AWS models, which activation never does
    const initial = setTimeout(() => vscode.workspace.textDocuments.forEach((d) => this.check(d)), 0);
    this.disposables.push({ dispose: () => clearTimeout(initial) });
  }

  private schedule(doc: vscode.TextDocument): void {
    if (!languageOf(doc.languageId)) return;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => this.check(doc), DEBOUNCE_MS));
  }

  check(doc: vscode.TextDocument): void {
    const language = languageOf(doc.languageId);
    if (!language) return;
    const problems = checkScript(doc.getText(), language, this.models.lookup);
    this.problems.set(doc.uri.toString(), problems);
    this.diagnostics.set(doc.uri, problems.map((p) => {
      const d = new vscode.Diagnostic(new vscode.Range(doc.positionAt(p.start), doc.positionAt(p.end)), p.message,
        p.code === 'query-syntax' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
      d.source = p.code === 'boto3-parameter' ? 'boto3' : 'aws --query';
      d.code = p.code;
      return d;
    }));
  }

  provideCodeActions(doc: vscode.TextDocument, range: vscode.Range): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const p of this.problems.get(doc.uri.toString()) ?? []) {
      if (!p.fix) continue;
      const pRange = new vscode.Range(doc.positionAt(p.start), doc.positionAt(p.end));
      if (!pRange.intersection(range)) continue;
      const [from, to] = p.fixRange ?? [p.start, p.end];
      const action = new vscode.CodeAction(p.fixTitle ?? `Change to ${p.fix}`, vscode.CodeActionKind.QuickFix);
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(doc.uri, new vscode.Range(doc.positionAt(from), doc.positionAt(to)), p.fix);
      action.isPreferred = true;
      action.diagnostics = this.diagnostics.get(doc.uri)?.filter((d) => d.range.isEqual(pRange));
      actions.push(action);
    }
    return actions;
  }

  dispose(): void {
    this.timers.forEach((t) => clearTimeout(t));
    this.disposables.forEach((d) => d.dispose());
  }
}
