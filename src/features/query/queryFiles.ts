// `.jmespath` query files: a CodeLens per query, syntax diagnostics at the CLI's column, a bound
// JSON source (status bar, remembered per workspace), and live re-runs as you type.
import * as vscode from 'vscode';
import { Commands } from '../../commands';
import { readConfig } from '../../config';
import { JmesPathError, compile } from '../../core/jmespath';
import { QueryBlock, codePointColumnToOffset, fileOffsetOf, queryAtLine, splitQueries } from '../../core/query/queryFile';
import { QueryRunner, pickJsonFile } from './queryRunner';
import { basename } from './queryService';

const BINDINGS_KEY = 'jmespathAws.queryFileBindings';
export const LANGUAGE_ID = 'jmespath';

export class QueryFiles implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('jmespath');
  private readonly status = vscode.window.createStatusBarItem('jmespathAws.binding', vscode.StatusBarAlignment.Right, 100);
  private readonly lensesChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.lensesChanged.event;
  private readonly disposables: vscode.Disposable[] = [];
  private liveTimer: NodeJS.Timeout | undefined;
  /** Query files whose results editor is showing, so edits re-run the query under the cursor. */
  private readonly live = new Set<string>();

  constructor(private readonly runner: QueryRunner, private readonly state: vscode.Memento) {
    this.status.name = 'JMESPath Query File Source';
    this.status.command = Commands.bindQueryFile;
    this.disposables.push(
      this.diagnostics, this.status, this.lensesChanged,
      vscode.languages.registerCodeLensProvider({ language: LANGUAGE_ID }, this),
      vscode.workspace.onDidOpenTextDocument((d) => this.validate(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.onEdit(e)),
      vscode.workspace.onDidCloseTextDocument((d) => this.diagnostics.delete(d.uri)),
      vscode.window.onDidChangeActiveTextEditor(() => this.updateStatus()),
    );
    vscode.workspace.textDocuments.forEach((d) => this.validate(d));
    this.updateStatus();
  }

  // ---- binding ----

  bindingOf(queryFile: vscode.Uri): vscode.Uri | undefined {
    const uri = this.state.get<Record<string, string>>(BINDINGS_KEY, {})[queryFile.toString()];
    return uri ? vscode.Uri.parse(uri) : undefined;
  }

  async bind(queryFile: vscode.Uri, json: vscode.Uri): Promise<void> {
    const all = { ...this.state.get<Record<string, string>>(BINDINGS_KEY, {}), [queryFile.toString()]: json.toString() };
    await this.state.update(BINDINGS_KEY, all);
    this.updateStatus();
    this.lensesChanged.fire();
  }

  /** `JMESPath: Bind Query File to JSON...`; scriptable with (jsonUri, queryFileUri). */
  async bindCommand(json?: vscode.Uri | string, queryFile?: vscode.Uri | string): Promise<string | undefined> {
    const qf = toUri(queryFile) ?? this.activeQueryFile();
    if (!qf) {
      void vscode.window.showWarningMessage('Open a .jmespath query file first.');
      return undefined;
    }
    const target = toUri(json) ?? (await pickJsonFile(`Run the queries in ${basename(qf)} against`));
    if (!target) return undefined;
    await this.bind(qf, target);
    return target.toString();
  }

  private activeQueryFile(): vscode.Uri | undefined {
    const doc = vscode.window.activeTextEditor?.document;
    return doc?.languageId === LANGUAGE_ID ? doc.uri : undefined;
  }

  private updateStatus(): void {
    const qf = this.activeQueryFile();
    if (!qf) {
      this.status.hide();
      return;
    }
    const bound = this.bindingOf(qf);
    this.status.text = bound ? `$(json) ${basename(bound)}` : '$(json) Bind to JSON…';
    this.status.tooltip = bound ? `Queries in this file run against ${vscode.workspace.asRelativePath(bound)}. Click to change.` : 'Choose the JSON file these queries run against.';
    this.status.show();
  }

  // ---- new query file ----

  /** `JMESPath: New Query File for Active JSON`: creates (or opens) `<name>.jmespath` beside the JSON, bound to it. */
  async newQueryFile(json?: vscode.Uri | string): Promise<string | undefined> {
    let source = toUri(json) ?? this.runner.service.activeJsonUri();
    source ??= await pickJsonFile('Create a query file for');
    if (!source) return undefined;
    const target = source.with({ path: source.path.replace(/\.(jsonc?)$/i, '') + '.jmespath' });
    let exists = true;
    try {
      await vscode.workspace.fs.stat(target);
    } catch {
      exists = false;
    }
    if (!exists) {
      const template = `# Queries against ${basename(source)}: one per paragraph, blank lines between.\n# Click "Run" above a query, or put the cursor in it and edit: results refresh live.\n\n@\n`;
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(template));
    }
    await this.bind(target, source);
    const doc = await vscode.workspace.openTextDocument(target);
    await vscode.window.showTextDocument(doc, { preview: false });
    return target.toString();
  }

  // ---- running ----

  /** Runs one query of a query file (CodeLens, or scripted with (expression, queryFileUri)). */
  async run(expression: string, queryFile?: vscode.Uri | string): Promise<string | undefined> {
    const qf = toUri(queryFile) ?? this.activeQueryFile();
    let source = qf ? this.bindingOf(qf) : undefined;
    if (!source && qf) {
      const picked = await this.bindCommand(undefined, qf);
      source = picked ? vscode.Uri.parse(picked) : undefined;
    }
    if (!source) return undefined;
    if (qf) this.live.add(qf.toString());
    const outcome = await this.runner.runAndShow(source, expression);
    if (outcome.error) {
      await this.runner.report(source, outcome.error);
      return undefined;
    }
    return outcome.answer!.text;
  }

  /** `JMESPath: Run Query Under Cursor`. */
  async runAtCursor(): Promise<string | undefined> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== LANGUAGE_ID) return undefined;
    const block = queryAtLine(splitQueries(editor.document.getText()), editor.selection.active.line);
    if (!block) {
      void vscode.window.showInformationMessage('Put the cursor inside a query (queries are separated by blank lines).');
      return undefined;
    }
    return this.run(block.text, editor.document.uri);
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const bound = this.bindingOf(document.uri);
    return splitQueries(document.getText()).map((block) => {
      const range = new vscode.Range(block.startLine, 0, block.startLine, 0);
      return new vscode.CodeLens(range, {
        title: bound ? `$(play) Run on ${basename(bound)}` : '$(play) Run (choose JSON)',
        command: Commands.runQuery,
        arguments: [block.text, document.uri.toString()],
      });
    });
  }

  private onEdit(e: vscode.TextDocumentChangeEvent): void {
    if (e.document.languageId !== LANGUAGE_ID || e.contentChanges.length === 0) return;
    this.validate(e.document);
    const uri = e.document.uri;
    const source = this.bindingOf(uri);
    if (!this.live.has(uri.toString()) || !source || !this.runner.results.isOpen(source)) return;
    clearTimeout(this.liveTimer);
    this.liveTimer = setTimeout(() => {
      const editor = vscode.window.visibleTextEditors.find((ed) => ed.document.uri.toString() === uri.toString());
      if (!editor) return;
      const block = queryAtLine(splitQueries(editor.document.getText()), editor.selection.active.line);
      if (block) void this.runner.runAndShow(source, block.text, { reveal: false });
    }, readConfig().debounceMs);
  }

  // ---- diagnostics ----

  validate(document: vscode.TextDocument): void {
    if (document.languageId !== LANGUAGE_ID) return;
    const diagnostics: vscode.Diagnostic[] = [];
    for (const block of splitQueries(document.getText())) {
      const d = diagnose(document, block);
      if (d) diagnostics.push(d);
    }
    this.diagnostics.set(document.uri, diagnostics);
  }

  dispose(): void {
    clearTimeout(this.liveTimer);
    this.disposables.forEach((d) => d.dispose());
  }
}

function diagnose(document: vscode.TextDocument, block: QueryBlock): vscode.Diagnostic | undefined {
  try {
    compile(block.text);
    return undefined;
  } catch (e) {
    if (!(e instanceof JmesPathError) || e.kind !== 'syntax') return undefined;
    const textOffset = codePointColumnToOffset(block.text, e.column ?? 0);
    const start = document.positionAt(fileOffsetOf(block, Math.min(textOffset, block.text.length)));
    const end = start.translate(0, textOffset < block.text.length ? 1 : 0);
    const diagnostic = new vscode.Diagnostic(new vscode.Range(start, end), e.message, vscode.DiagnosticSeverity.Error);
    diagnostic.source = 'jmespath';
    diagnostic.code = `column ${e.column}`;
    return diagnostic;
  }
}

function toUri(u: vscode.Uri | string | undefined): vscode.Uri | undefined {
  return typeof u === 'string' ? vscode.Uri.parse(u) : u;
}

