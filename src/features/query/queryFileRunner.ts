// Running the queries of a `.jmespath` file against its bound JSON: the Run CodeLens command,
// `Run Query Under Cursor`, and live re-runs as the user edits while a result is showing.
import * as vscode from 'vscode';
import { readConfig } from '../../config';
import { queryAtLine, splitQueries } from '../../core/query/queryFile';
import { Disposable, DisposableMap, timeout } from '../../dispose';
import { JMESPATH_LANGUAGE_ID } from '../../languages';
import { QueryFileBindings, activeQueryFile, toUri } from './queryFileBindings';
import { QueryRunner } from './queryRunner';

export class QueryFileRunner extends Disposable {
  /** Query files whose results editor is showing, so edits re-run the query under the cursor. */
  private readonly live = new Set<string>();
  /** Pending live re-run per query file. */
  private readonly timers = this._register(new DisposableMap<string>());

  constructor(private readonly runner: QueryRunner, private readonly bindings: QueryFileBindings) {
    super();
    this._register(vscode.workspace.onDidChangeTextDocument((e) => this.onEdit(e)));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => {
      this.live.delete(d.uri.toString());
      this.timers.delete(d.uri.toString());
    }));
  }

  /** Runs one query of a query file (CodeLens, or scripted with (expression, queryFileUri)). */
  async run(expression: string, queryFile?: vscode.Uri | string): Promise<string | undefined> {
    const qf = toUri(queryFile) ?? activeQueryFile();
    let source = qf ? this.bindings.bindingOf(qf) : undefined;
    if (!source && qf) {
      const picked = await this.bindings.bindCommand(undefined, qf);
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
    if (!editor || editor.document.languageId !== JMESPATH_LANGUAGE_ID) return undefined;
    const block = queryAtLine(splitQueries(editor.document.getText()), editor.selection.active.line);
    if (!block) {
      void vscode.window.showInformationMessage('Put the cursor inside a query (queries are separated by blank lines).');
      return undefined;
    }
    return this.run(block.text, editor.document.uri);
  }

  private onEdit(e: vscode.TextDocumentChangeEvent): void {
    if (e.document.languageId !== JMESPATH_LANGUAGE_ID || e.contentChanges.length === 0) return;
    const uri = e.document.uri;
    const source = this.bindings.bindingOf(uri);
    if (!this.live.has(uri.toString()) || !source || !this.runner.results.isOpen(source)) return;
    this.timers.set(uri.toString(), timeout(() => {
      const editor = vscode.window.visibleTextEditors.find((ed) => ed.document.uri.toString() === uri.toString());
      if (!editor) return;
      const block = queryAtLine(splitQueries(editor.document.getText()), editor.selection.active.line);
      if (block) void this.runner.runAndShow(source, block.text, { reveal: false });
    }, readConfig().debounceMs));
  }
}
