// Diagnostics and quick fixes for cloud-init seed files: user-data (by name, or a file starting
// with #cloud-config) and meta-data.
import * as vscode from 'vscode';
import { CLOUD_INIT_VERSION } from '../../core/cloudInit/cloudConfigKeys';
import { cloudConfigKeysAt } from '../../core/cloudInit/keyCompletion';
import { SeedFileKind, SeedProblem, checkSeedFile, seedFileKind } from '../../core/cloudInit/userDataCheck';
import { DOCS } from '../../core/aws/knowledge/docs';
import { Disposable, DisposableMap, timeout } from '../../dispose';
import { YAML_LANGUAGE_ID } from '../../languages';
import { problemActions, toDiagnostic } from './problems';

/** The largest seed file checked: YAML is read at about 1 MB a second, on the extension host, as the user types. */
const MAX_CHARS = 256 * 1024;
const DEBOUNCE_MS = 300;

export class SeedFileChecks extends Disposable implements vscode.CodeActionProvider, vscode.CompletionItemProvider {
  private readonly diagnostics = this._register(vscode.languages.createDiagnosticCollection('cloud-init'));
  private readonly problems = new Map<string, { version: number; problems: SeedProblem[] }>();
  /** Pending re-check per open document; closing the document cancels it. */
  private readonly timers = this._register(new DisposableMap<string>());

  constructor() {
    super();
    this._register(vscode.languages.registerCodeActionsProvider('*', this, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }));
    // (YAML only: a user-data file by name opens as YAML; word completion offered the user's own typos, trial 26)
    this._register(vscode.languages.registerCompletionItemProvider({ language: YAML_LANGUAGE_ID }, this));
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
    if (doc.isClosed || doc.uri.scheme === 'output' || doc.uri.scheme === 'git') return;
    const head = doc.getText(new vscode.Range(0, 0, Math.min(doc.lineCount, 50), 0)); // (what the kind is told by)
    const kind = seedFileKind(doc.fileName, head, doc.languageId === YAML_LANGUAGE_ID);
    if (!kind) {
      if (this.problems.has(doc.uri.toString())) this.forget(doc.uri);
      return;
    }
    const text = doc.getText();
    const problems = text.length <= MAX_CHARS ? checkSeedFile(kind, text) : [tooBigToCheck(kind, text)];
    this.problems.set(doc.uri.toString(), { version: doc.version, problems });
    this.diagnostics.set(doc.uri, problems.map((p) => toDiagnostic(doc, p, 'cloud-init')));
  }

  /** cloud-config keys where a key is typed: module keys at the top level, an entry's keys in `users` and `write_files`, `chpasswd`'s. */
  provideCompletionItems(doc: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] | undefined {
    const head = doc.getText(new vscode.Range(0, 0, Math.min(doc.lineCount, 50), 0));
    if (seedFileKind(doc.fileName, head, true) !== 'user-data') return undefined;
    if (doc.offsetAt(new vscode.Position(doc.lineCount, 0)) > MAX_CHARS) return undefined; // (as the checks: a big file is not read as you type)
    const text = doc.getText();
    const at = cloudConfigKeysAt(text, doc.offsetAt(position));
    if (!at) return undefined;
    const range = new vscode.Range(doc.positionAt(at.start), doc.positionAt(at.end));
    const link = new vscode.MarkdownString(`[cloud-init ${CLOUD_INIT_VERSION} module reference](${DOCS.cloudInitModules})`);
    return at.keys.filter((k) => !at.present.includes(k)).map((key) => {
      const item = new vscode.CompletionItem(key, vscode.CompletionItemKind.Property);
      item.detail = at.where;
      item.documentation = link;
      item.insertText = `${key}: `;
      item.range = range;
      return item;
    });
  }

  provideCodeActions(doc: vscode.TextDocument, range: vscode.Range): vscode.CodeAction[] {
    // fixes carry offsets: never offer them for an older version of the text
    const known = this.problems.get(doc.uri.toString());
    if (known && known.version !== doc.version) this.check(doc);
    const checked = this.problems.get(doc.uri.toString());
    return checked ? problemActions(doc, range, checked.problems, this.diagnostics.get(doc.uri) ?? []) : [];
  }
}

function tooBigToCheck(kind: SeedFileKind, text: string): SeedProblem {
  const end = text.indexOf('\n');
  return { start: 0, end: end < 0 ? text.length : end, severity: 'info', code: 'seed-not-checked', doc: DOCS.cloudInitFormats,
    message: `This ${kind} file is ${Math.round(text.length / 1024)} KB, more than the ${MAX_CHARS / 1024} KB checked as you type: it is not checked. (EC2 takes at most 16 KB of user data.)` };
}
