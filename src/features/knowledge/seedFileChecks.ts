// Diagnostics and quick fixes for cloud-init seed files: user-data (by name, or a file starting
// with #cloud-config) and meta-data.
import * as vscode from 'vscode';
import { SeedProblem, checkSeedFile, seedFileKind } from '../../core/cloudInit/userDataCheck';
import { Disposable, DisposableMap, timeout } from '../../dispose';
import { YAML_LANGUAGE_ID } from '../../languages';
import { problemActions, toDiagnostic } from './problems';

const MAX_CHARS = 1_000_000;
const DEBOUNCE_MS = 300;

export class SeedFileChecks extends Disposable implements vscode.CodeActionProvider {
  private readonly diagnostics = this._register(vscode.languages.createDiagnosticCollection('cloud-init'));
  private readonly problems = new Map<string, { version: number; problems: SeedProblem[] }>();
  /** Pending re-check per open document; closing the document cancels it. */
  private readonly timers = this._register(new DisposableMap<string>());

  constructor() {
    super();
    this._register(vscode.languages.registerCodeActionsProvider('*', this, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }));
    this._register(vscode.workspace.onDidOpenTextDocument((d) => this.check(d)));
    this._register(vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => {
      this.timers.delete(d.uri.toString());
      this.forget(d.uri);
    }));
    this._register(timeout(() => vscode.workspace.textDocuments.forEach((d) => this.check(d)), 0));
  }

  private forget(uri: vscode.Uri): void {
    this.diagnostics.delete(uri);
    this.problems.delete(uri.toString());
  }

  private schedule(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    this.timers.set(key, timeout(() => {
      this.timers.delete(key);
      this.check(doc);
    }, DEBOUNCE_MS));
  }

  check(doc: vscode.TextDocument): void {
    if (doc.isClosed || doc.uri.scheme === 'output' || doc.uri.scheme === 'git' || doc.lineCount > 50_000) return;
    const text = doc.getText();
    const kind = text.length <= MAX_CHARS ? seedFileKind(doc.fileName, text, doc.languageId === YAML_LANGUAGE_ID) : undefined;
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
    const known = this.problems.get(doc.uri.toString());
    if (known && known.version !== doc.version) this.check(doc);
    const checked = this.problems.get(doc.uri.toString());
    return checked ? problemActions(doc, range, checked.problems, this.diagnostics.get(doc.uri) ?? []) : [];
  }
}
