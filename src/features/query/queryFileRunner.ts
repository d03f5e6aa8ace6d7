// Running the queries of a `.jmespath` file against its bound JSON: the Run CodeLens command,
// `Run Query Under Cursor`, and live re-runs as the user edits while a result is showing. Results
// share the query file's column (below it) instead of opening a third column; an empty result
// caused by a field the data does not have is flagged on that field with "did you mean"; a query
// that fails is marked on the query itself (and in the status bar), which clears on the next run.
import * as vscode from 'vscode';
import { shortMessage } from '../../core/jmespath/errors';
import { Commands } from '../../commands';
import { readConfig } from '../../config';
import { describeMissing } from '../../core/query/emptyResult';
import { codePointColumnToOffset, fileOffsetOf, queryAtLine, splitQueries } from '../../core/query/queryFile';
import { Disposable, DisposableMap, timeout } from '../../dispose';
import { JMESPATH_LANGUAGE_ID } from '../../languages';
import { QueryFileBindings, activeQueryFile, toUri } from './queryFileBindings';
import { QueryRunner, RunOutcome, movedUri, oneLine } from './queryRunner';
import { CancelledError, QueryError } from './queryClient';
import { basename, openDocument } from './queryService';
import { ResultsView, resultTabUri } from './resultsView';

export class QueryFileRunner extends Disposable implements vscode.CodeActionProvider {
  /** Query file -> the query last run from it, so edits and re-binding re-run what is shown. */
  private readonly live = new Map<string, string>();
  /** Pending live re-run per query file. */
  private readonly timers = this._register(new DisposableMap<string>());
  /** Lines edited since the last live re-run, per query file: where the query being worked on is when the cursor is not in one. */
  private readonly editedLines = new Map<string, number[]>();
  /** "Empty because of a typo" hints and failed runs on query files. */
  private readonly hints = this._register(vscode.languages.createDiagnosticCollection('jmespath-result'));
  /** The status bar's word on the last failed run, until the next run, and the query file it ran from. */
  private failure: vscode.Disposable | undefined;
  private failureFrom: string | undefined;
  /** The failure's text, shown in the status bar while its query file is the active editor (trial 22: in every editor). */
  private failureText: string | undefined;

  constructor(private readonly runner: QueryRunner, private readonly bindings: QueryFileBindings) {
    super();
    this._register(vscode.languages.registerCodeActionsProvider({ language: JMESPATH_LANGUAGE_ID }, this, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }));
    this._register(vscode.workspace.onDidChangeTextDocument((e) => this.onEdit(e)));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => {
      this.live.delete(d.uri.toString());
      this.editedLines.delete(d.uri.toString());
      this.timers.delete(d.uri.toString());
      this.hints.delete(d.uri);
    }));
    // (after a rename the result follows by itself: QueryRunner.followRenames)
    this._register(bindings.onDidChangeBinding(({ queryFile, renamed }) => { if (!renamed) void this.rerun(queryFile); }));
    // a renamed query file keeps running live as it is edited
    this._register(vscode.workspace.onDidRenameFiles((e) => {
      for (const [key, expression] of [...this.live]) {
        const moved = movedUri(vscode.Uri.parse(key), e.files);
        if (!moved) continue;
        this.live.delete(key);
        this.live.set(moved.toString(), expression);
      }
    }));
    this._register(vscode.window.onDidChangeActiveTextEditor(() => this.showFailure()));
    // runs of a query file's query that it did not start (the results format switched, the JSON
    // changed on disk) mark and clear its failure too (trial 18: an error stayed after they succeeded)
    this._register(runner.onDidRun((e) => {
      if (e.origin && openDocument(e.origin)?.languageId === JMESPATH_LANGUAGE_ID) this.showOutcome(e.origin, e.expression, e.outcome);
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
    if (qf) this.live.set(qf.toString(), expression);
    const outcome = await this.runFrom(qf, source, expression, true);
    if (outcome.error) {
      // a failed query is marked where it is, by showOutcome (a notification could not go away once
      // it is fixed); invalid JSON is the JSON's problem: its notification goes to the line
      // (a missing JSON is marked on the query file's header by showOutcome, with a quick fix)
      if (!qf || (isSourceProblem(outcome.error) && !isMissingFile(outcome.error))) await this.runner.report(source, outcome.error);
      return undefined;
    }
    return outcome.answer!.text;
  }

  /** "Bind to Another JSON..." on the header's mark that the bound JSON is gone. */
  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    return context.diagnostics.filter((d) => d.source === 'jmespath' && d.code === 'file-not-found').map((d) => {
      const action = new vscode.CodeAction('Bind to Another JSON...', vscode.CodeActionKind.QuickFix);
      action.diagnostics = [d];
      action.isPreferred = true;
      action.command = { title: 'Bind to Another JSON...', command: Commands.bindQueryFile, arguments: [undefined, doc.uri] };
      return action;
    });
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

  /** Each query file's runs, one after another: a re-run after re-binding that finished after a newer run hid its outcome. */
  private readonly runs = new Map<string, Promise<unknown>>();

  private runFrom(qf: vscode.Uri | undefined, source: vscode.Uri, expression: string, reveal: boolean): Promise<RunOutcome> {
    const key = qf?.toString() ?? '';
    const run = (this.runs.get(key) ?? Promise.resolve()).catch(() => undefined).then(() => this.runNow(qf, source, expression, reveal));
    this.runs.set(key, run);
    void run.finally(() => { if (this.runs.get(key) === run) this.runs.delete(key); }).catch(() => undefined);
    return run;
  }

  private async runNow(qf: vscode.Uri | undefined, source: vscode.Uri, expression: string, reveal: boolean): Promise<RunOutcome> {
    const viewColumn = reveal && qf && !this.runner.results.isOpen(source) ? await this.columnForResults(qf, source) : undefined;
    const outcome = await this.runner.runAndShow(source, expression, { reveal, viewColumn, origin: qf });
    if (viewColumn !== undefined) {
      // a first run that failed shows no result: the group made for it goes again
      const group = vscode.window.tabGroups.all.find((g) => g.viewColumn === viewColumn);
      if (group && group.tabs.length === 0) await vscode.window.tabGroups.close(group);
    }
    return outcome;
  }

  /**
   * Where the results go, never on top of the query file: a group that already holds them, or
   * shows other results (not the query file's or the source's); when the query file sits in its own
   * column beside the source, a new group below the query file (one column for query file and
   * results); otherwise beside.
   */
  private async columnForResults(qf: vscode.Uri, source: vscode.Uri): Promise<vscode.ViewColumn | undefined> {
    const qfEditor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === qf.toString());
    if (!qfEditor?.viewColumn) return undefined;
    const sourceEditor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === source.toString());
    const resultsUri = ResultsView.uriFor(source).toString();
    const isResult = (t: vscode.Tab) => resultTabUri(t) !== undefined;
    const isThisResult = (t: vscode.Tab) => resultTabUri(t) === resultsUri;
    const others = vscode.window.tabGroups.all.filter((g) => g.viewColumn !== qfEditor.viewColumn && g.viewColumn !== sourceEditor?.viewColumn);
    const resultsGroup = others.find((g) => g.tabs.some(isThisResult)) ?? others.find((g) => g.tabs.some(isResult));
    if (resultsGroup) return resultsGroup.viewColumn;
    if (!sourceEditor?.viewColumn || qfEditor.viewColumn === sourceEditor.viewColumn) {
      // (the results tab may sit behind the query file, after a re-binding: not there)
      const behindQueryFile = vscode.window.tabGroups.all.find((g) => g.viewColumn === qfEditor.viewColumn)?.tabs.some(isThisResult);
      return behindQueryFile ? vscode.ViewColumn.Beside : undefined;
    }
    const created = await newGroupBelow(qfEditor);
    // give the focus back to the query file; the results open in the new group without taking it
    await vscode.window.showTextDocument(qfEditor.document, { viewColumn: qfEditor.viewColumn, preserveFocus: false, preview: false });
    return created;
  }

  /** Re-runs what a query file shows after it is bound to another JSON file. */
  private async rerun(qf: vscode.Uri): Promise<void> {
    const expression = this.live.get(qf.toString());
    const source = this.bindings.bindingOf(qf);
    if (expression === undefined || !source) return;
    // results come into view for a query file in view (re-bound from its editor); one bound by
    // Run & refine before it is shown gets its results where that puts them (trial 19: a fourth column)
    const inView = vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === qf.toString());
    await this.runFrom(qf, source, expression, inView);
  }

  private onEdit(e: vscode.TextDocumentChangeEvent): void {
    if (e.document.languageId !== JMESPATH_LANGUAGE_ID || e.contentChanges.length === 0) return;
    const uri = e.document.uri;
    this.hints.delete(uri); // its range and its query are gone; the next run says again
    const source = this.bindings.bindingOf(uri);
    if (!this.live.has(uri.toString()) || !source || !this.runner.results.hasTab(source)) return;
    const edited = this.editedLines.get(uri.toString()) ?? [];
    for (const c of e.contentChanges) edited.push(c.range.start.line);
    this.editedLines.set(uri.toString(), edited.slice(-20));
    this.timers.set(uri.toString(), timeout(() => {
      this.timers.delete(uri.toString());
      const lines = this.editedLines.get(uri.toString()) ?? [];
      this.editedLines.delete(uri.toString());
      // the editor typed in: with the file split in two, the first one found may sit on another query
      // (trial 15: the results switched to it)
      const active = vscode.window.activeTextEditor;
      const editor = active?.document.uri.toString() === uri.toString() ? active : vscode.window.visibleTextEditors.find((ed) => ed.document.uri.toString() === uri.toString());
      if (!editor) return;
      const blocks = splitQueries(editor.document.getText());
      // the query at the cursor, else the one last edited (a pasted line ending in a line break
      // leaves the cursor on the blank line under it: trial 20)
      const block = [editor.selection.active.line, ...lines.reverse()].map((line) => queryAtLine(blocks, line)).find((b) => b !== undefined);
      if (!block) {
        this.liveQueryGone(uri, blocks.map((b) => b.text));
        return;
      }
      this.live.set(uri.toString(), block.text);
      // on the JSON bound now: an edit of the header (an undo) may have re-bound the file meanwhile
      const bound = this.bindings.bindingOf(uri);
      if (!bound || !this.runner.results.hasTab(bound)) return;
      // its results tab behind another (query files sharing the results column): brought to front (trial 16)
      void this.runFrom(uri, bound, block.text, !this.runner.results.isOpen(bound));
    }, readConfig().debounceMs));
  }

  /**
   * After an edit: when the query the results came from is no longer in the file (its line
   * deleted), the results say so, and its failure, if it failed, is no longer shown (trial 20: both
   * stayed, the failure in the status bar of every editor).
   */
  private liveQueryGone(qf: vscode.Uri, queries: string[]): void {
    // (still live: a query typed or pasted next runs)
    const expression = this.live.get(qf.toString());
    if (expression === undefined || queries.includes(expression)) return;
    this.hints.delete(qf);
    if (this.failureFrom === qf.toString()) this.setFailure(undefined);
    const source = this.bindings.bindingOf(qf);
    const shown = source && this.runner.results.resultFor(source);
    const fromIt = shown && shown.origin?.toString() === qf.toString() && (shown.expression === expression || shown.stale?.expression === expression);
    if (source && fromIt && !shown.stale?.gone) {
      this.runner.results.markStale(source, expression, `${oneLine(expression)} was deleted from ${basename(qf)}`, true);
    }
  }

  /**
   * Flags what went wrong in the query that ran: its failure (on the query and in the status bar,
   * until a run of it succeeds), or the field that made its result empty.
   */
  private showOutcome(qf: vscode.Uri, expression: string, outcome: RunOutcome): void {
    const error = outcome.error;
    if (error instanceof CancelledError) return;
    const failed = error !== undefined && !isSourceProblem(error);
    // (the status bar is narrow: the value a type error shows is cut shorter there, so what is wrong shows; trial 24)
    this.setFailure(failed ? qf : undefined, failed ? `$(error) JMESPath: ${shortMessage(error.message, STATUS_MAX_VALUE)}` : undefined);
    const doc = openDocument(qf);
    if (!doc) return;
    if (error && isMissingFile(error)) {
      // on the header, where the binding is written: it goes once a run finds a JSON again (a
      // notification stayed after the file was back: trial 20)
      const header = Array.from({ length: Math.min(doc.lineCount, 20) }, (_, i) => doc.lineAt(i)).find((l) => /^\s*#.*\bagainst\b/i.test(l.text)) ?? doc.lineAt(0);
      const d = new vscode.Diagnostic(header.range, `${oneLine(error.message)}. The queries in ${basename(qf)} run against it: bind another JSON (quick fix) or put it back.`, vscode.DiagnosticSeverity.Error);
      d.source = 'jmespath';
      d.code = 'file-not-found';
      this.hints.set(qf, [d]);
      return;
    }
    const block = splitQueries(doc.getText()).find((b) => b.text === expression);
    if (block && error && !isSourceProblem(error)) {
      // (a syntax error is marked at its column as the query is typed: not twice)
      const syntax = error instanceof QueryError && error.detail.kind === 'syntax';
      const range = new vscode.Range(doc.positionAt(fileOffsetOf(block, 0)), doc.positionAt(fileOffsetOf(block, block.text.length)));
      const d = new vscode.Diagnostic(range, `The query failed: ${shortMessage(error.message)}`, vscode.DiagnosticSeverity.Error);
      d.source = 'jmespath';
      d.code = error instanceof QueryError ? error.detail.kind : 'error';
      this.hints.set(qf, syntax ? [] : [d]);
      return;
    }
    // (a field read on a list or a scalar: the query's lint says so already, from its dot)
    const missing = outcome.answer?.missing?.on ? undefined : outcome.answer?.missing;
    if (!missing || !block) {
      this.hints.set(qf, []);
      return;
    }
    const at = codePointColumnToOffset(block.text, missing.column);
    const start = doc.positionAt(fileOffsetOf(block, at));
    const end = doc.positionAt(fileOffsetOf(block, Math.min(block.text.length, at + missing.field.length)));
    const d = new vscode.Diagnostic(new vscode.Range(start, end), missing.everyRow ? `A column of the result is null in every row: ${describeMissing({ ...missing, everyRow: false })}` : `The result is empty: ${describeMissing(missing)}`, vscode.DiagnosticSeverity.Warning);
    d.source = 'jmespath';
    d.code = 'missing-field';
    this.hints.set(qf, [d]);
  }

  private setFailure(qf: vscode.Uri | undefined, text?: string): void {
    this.failureFrom = qf?.toString();
    this.failureText = text;
    this.showFailure();
  }

  private showFailure(): void {
    this.failure?.dispose();
    this.failure = undefined;
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    if (this.failureText !== undefined && active === this.failureFrom) this.failure = vscode.window.setStatusBarMessage(this.failureText);
  }

  override dispose(): void {
    this.failure?.dispose();
    super.dispose();
  }
}

/** The characters of a value a type error shows in the status bar. */
const STATUS_MAX_VALUE = 12;

/** A failure of the JSON, not of the query: invalid, or not there any more (not marked on the query). */
function isSourceProblem(error: Error): boolean {
  return error instanceof QueryError && (error.detail.kind === 'invalid-json' || error.detail.kind === 'file-not-found');
}

function isMissingFile(error: Error): boolean {
  return error instanceof QueryError && error.detail.kind === 'file-not-found';
}

/** A new, empty editor group under the editor's, or the active group's (VS Code splits that group in two); its column. */
export async function newGroupBelow(editor: vscode.TextEditor | 'active'): Promise<vscode.ViewColumn | undefined> {
  const before = new Set(vscode.window.tabGroups.all.map((g) => g.viewColumn));
  if (editor !== 'active') await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preserveFocus: false, preview: false });
  await vscode.commands.executeCommand('workbench.action.newGroupBelow');
  return vscode.window.tabGroups.all.find((g) => !before.has(g.viewColumn))?.viewColumn;
}
