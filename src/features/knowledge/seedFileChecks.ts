// Diagnostics and quick fixes for cloud-init seed files: user-data (by name, or a file starting
// with #cloud-config) and meta-data.
import * as vscode from 'vscode';
import { SeedProblem, checkSeedFile, seedFileKind } from '../../core/cloudInit/userDataCheck';
import { problemActions, toDiagnostic } from './problems';

const MAX_CHARS = 1_000_000;
const DEBOUNCE_MS = 300;

export class SeedFileChecks implements vscode.CodeActionProvider, vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('cloud-init');
  private readonly problems = new Map<string, { version: number; problems: SeedProblem[] }>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor() {
    this.disposables.push(
      this.diagnostics,
      vscode.languages.registerCodeActionsProvider('*', this, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
      vscode.workspace.onDidOpenTextDocument((d) => this.check(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
    );
    const initial = setTimeout(() => vscode.workspace.textDocuments.forEach((d) => this.check(d)), 0);
    this.disposables.push({ dispose: () => clearTimeout(initial) });
  }

  private forget(uri: vscode.Uri): void {
    this.diagnostics.delete(uri);
    this.problems.delete(uri.toString());
  }

  private schedule(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => this.check(doc), DEBOUNCE_MS));
  }

  check(doc: vscode.TextDocument): void {
    if (doc.uri.scheme === 'output' || doc.uri.scheme === 'git' || doc.lineCount > 50_000) return;
    const text = doc.getText();
    const kind = text.length <= MAX_CHARS ? seedFileKind(doc.fileName, text, doc.languageId === 'yaml') : undefined;
    if (!kind) {
      if (this.problems.has(doc.uri.toString())) this.forget(doc.uri);
      return;
    }
    const problems = checkSeedFile(kind, text);
    this.problems.set(doc.uri.toString(), { version: doc.version, problems });
    this.diagnostics.set(doc.uri, problems.map((p) => toDiagnostic(doc, p, 'cloud-init')));
  }

  provideCodeActions(doc: vscode.TextDocument, range: vscode.Range): vscode.CodeAction[] {
    // fixes carry offsets: never offer them for an older version of the text
    if (this.problems.get(doc.uri.toString())?.version !== doc.version) this.check(doc);
    const checked = this.problems.get(doc.uri.toString());
    return checked ? problemActions(doc, range, checked.problems, this.diagnostics.get(doc.uri) ?? []) : [];
  }

  dispose(): void {
    this.timers.forEach((t) => clearTimeout(t));
    this.disposables.forEach((d) => d.dispose());
  }
}
