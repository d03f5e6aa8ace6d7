// Read-only results editors: one per JSON source, refreshed in place as queries run. The JSON text
// is only ever a result; which query made it, and whether a later query failed (the result is then
// stale), is shown outside the text: a CodeLens above it and dimmed text.
import * as vscode from 'vscode';
import { shortMessage } from '../../core/jmespath/errors';
import { Disposable } from '../../dispose';
import { stripJsonExtension } from '../../languages';
import { basename, shownName } from './queryService';

export const RESULT_SCHEME = 'jmespath-result';
const MAX_LENS_CHARS = 160;

export interface ShownResult {
  text: string;
  expression: string;
  source: vscode.Uri;
  /** Where the query came from when not the palette (a query file). */
  origin?: vscode.Uri;
  /** Why the result is empty, when a field the data does not have explains it. */
  hint?: string;
  /** What the user is told when the result was cut at the results limit (`text` is the part shown). */
  cut?: string;
  /** A later query on this source failed, or (`gone`) the query was deleted; `text` is still the last good result. */
  stale?: { expression: string; message: string; gone?: boolean };
}

/** What a results tab showed, by its URI (workspace state). */
const REMEMBERED_KEY = 'jmespathAws.resultsTabs';
const OPEN_TABS_KEY = 'jmespathAws.openResultsTabs';
const MAX_REMEMBERED = 20;
interface RememberedResult {
  source: string;
  expression: string;
  origin?: string;
}

export class ResultsView extends Disposable implements vscode.TextDocumentContentProvider, vscode.CodeLensProvider {
  private readonly results = new Map<string, ShownResult>();
  private readonly changed = this._register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;
  private readonly closed = this._register(new vscode.EventEmitter<vscode.Uri>());
  /** The results tab of a source was closed (the source's URI). */
  readonly onDidClose = this.closed.event;
  private readonly lensesChanged = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.lensesChanged.event;
  private readonly staleText = this._register(vscode.window.createTextEditorDecorationType({ opacity: '0.5' }));
  /** After the last line of a cut result: where it stops and why. */
  private readonly cutEnd = this._register(vscode.window.createTextEditorDecorationType({
    after: { color: new vscode.ThemeColor('editorCodeLens.foreground'), fontStyle: 'italic', margin: '0 0 0 2em' },
  }));

  /** Re-runs a query into its results tab (set by the query features). */
  rerun: ((source: vscode.Uri, expression: string, origin?: vscode.Uri, viewColumn?: vscode.ViewColumn) => Promise<unknown>) | undefined;
  /** Results tabs VS Code asked for that this session has no text of: being re-run. */
  private readonly restoring = new Set<string>();

  /** `state`: where the query of each results tab is remembered, so that a tab restored after a reload shows its result again. */
  constructor(private readonly state?: vscode.Memento) {
    super();
    this._register(vscode.workspace.registerTextDocumentContentProvider(RESULT_SCHEME, this));
    this._register(vscode.languages.registerCodeLensProvider({ scheme: RESULT_SCHEME }, this));
    this._register(vscode.window.onDidChangeVisibleTextEditors(() => this.render()));
    // (a shown document takes its new text a moment after show(): the cut mark goes to its end)
    this._register(vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document.uri.scheme !== RESULT_SCHEME) return;
      this.render();
      const key = e.document.uri.toString();
      if (this.toTop.has(key) && e.document.getText() === this.results.get(key)?.text) this.moveToTop(e.document);
    }));
    // a closed results tab forgets its text; running a query again brings it back. (Not on the
    // document's close event: VS Code sends it late, and for a language change, as for a table.)
    this._register(vscode.window.tabGroups.onDidChangeTabs((e) => {
      this.forget(e.closed);
      if (e.opened.length || e.closed.length) this.rememberOpenTabs();
    }));
  }

  /** Which results tabs are open, and in which column (workspace state): a reload brings them back. */
  private rememberOpenTabs(): void {
    if (!this.state) return;
    const open: { uri: string; column: number }[] = [];
    for (const group of vscode.window.tabGroups.all) {
      for (const tab of group.tabs) {
        const uri = resultTabUri(tab);
        if (uri) open.push({ uri, column: group.viewColumn });
      }
    }
    void this.state.update(OPEN_TABS_KEY, open);
  }

  /**
   * After a window reload VS Code drops the results tabs (their text came from this extension,
   * which was not running yet) and may leave their column empty (trial 14): the queries of the tabs
   * open before the reload run again into their columns.
   */
  restoreTabs(): void {
    const open = this.state?.get<{ uri: string; column: number }[]>(OPEN_TABS_KEY, []) ?? [];
    const present = new Set(vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => (t.input instanceof vscode.TabInputText ? t.input.uri.toString() : '')));
    for (const { uri, column } of open) {
      if (!present.has(uri) && !this.results.has(uri)) void this.runAgain(uri, column);
    }
  }

  /** Runs the query a results tab showed again (into `column`, or where the tab is); false when none is remembered. */
  private runAgain(uri: string, column?: vscode.ViewColumn): Promise<unknown> | false {
    const remembered = this.state?.get<Record<string, RememberedResult>>(REMEMBERED_KEY, {})[uri];
    if (!remembered || !this.rerun) return false;
    const origin = remembered.origin ? vscode.Uri.parse(remembered.origin) : undefined;
    return this.rerun(vscode.Uri.parse(remembered.source), remembered.expression, origin, column).catch(() => undefined);
  }

  /** Forgets the results of closed tabs that no other tab shows. */
  private forget(closed: readonly vscode.Tab[]): void {
    const gone = new Set(closed.map(resultTabUri).filter((u): u is string => u !== undefined));
    if (gone.size === 0) return;
    for (const group of vscode.window.tabGroups.all) for (const tab of group.tabs) gone.delete(resultTabUri(tab) ?? '');
    for (const uri of gone) {
      const source = this.results.get(uri)?.source;
      this.results.delete(uri);
      if (source) this.closed.fire(source);
    }
  }

  static uriFor(source: vscode.Uri): vscode.Uri {
    const name = stripJsonExtension(basename(source));
    // no extension: the tab holds any output format (json, text, table, yaml) in that language;
    // a result queried again is a result of a result, not "x (query result) (query result)"
    const title = source.scheme === RESULT_SCHEME ? name.replace(/ \(query (result|result of a result)\)$/, ' (query result of a result)') : `${name} (query result)`;
    return vscode.Uri.from({ scheme: RESULT_SCHEME, path: `/${title}`, query: source.toString() });
  }

  /** The source whose results `uri` (a results tab's) shows: what uriFor put in its query. */
  static sourceOf(uri: vscode.Uri): vscode.Uri {
    return vscode.Uri.parse(uri.query);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const key = uri.toString();
    const shown = this.results.get(key);
    if (shown) return shown.text;
    // a tab VS Code restored after a reload (or reopened) without a result of this session: its
    // query runs again, and its text follows (trial 14: the tabs vanished, an empty column stayed)
    if (!this.restoring.has(key)) {
      const running = this.runAgain(key);
      if (running) {
        this.restoring.add(key);
        void running.finally(() => this.restoring.delete(key));
      }
    }
    return '';
  }

  /** Remembers what a results tab shows (the last few tabs), for restoring it. */
  private remember(uri: vscode.Uri, result: Omit<ShownResult, 'stale'>): void {
    if (!this.state) return;
    const all = this.state.get<Record<string, RememberedResult>>(REMEMBERED_KEY, {});
    const entry: RememberedResult = { source: result.source.toString(), expression: result.expression, origin: result.origin?.toString() };
    const known = all[uri.toString()];
    if (known && known.source === entry.source && known.expression === entry.expression && known.origin === entry.origin) return;
    const kept = Object.entries(all).filter(([key]) => key !== uri.toString()).slice(-(MAX_REMEMBERED - 1));
    void this.state.update(REMEMBERED_KEY, Object.fromEntries([...kept, [uri.toString(), entry]]));
  }

  /** The query file a result came from was renamed or moved: its lens names the new one. */
  setOrigin(source: vscode.Uri, origin: vscode.Uri): void {
    const uri = ResultsView.uriFor(source);
    const shown = this.results.get(uri.toString());
    if (!shown) return;
    shown.origin = origin;
    this.remember(uri, shown);
    this.lensesChanged.fire();
  }

  /** Closes the results tabs of `source` (its result is then forgotten); the column the first was in. */
  async close(source: vscode.Uri): Promise<vscode.ViewColumn | undefined> {
    const uri = ResultsView.uriFor(source).toString();
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => resultTabUri(t) === uri);
    const column = tabs[0]?.group.viewColumn;
    if (tabs.length) await vscode.window.tabGroups.close(tabs, true);
    return column;
  }

  /** What the results editor of `source` shows (for tests and commands). */
  resultFor(source: vscode.Uri): ShownResult | undefined {
    return this.results.get(ResultsView.uriFor(source).toString());
  }

  /** Every result held, for re-running them when a setting changes. */
  all(): ShownResult[] {
    return [...this.results.values()];
  }

  /** Results still held (closed results tabs are forgotten). */
  get size(): number {
    return this.results.size;
  }

  /** Shows a good result for `source`, opening the results editor beside it if needed. */
  async show(result: Omit<ShownResult, 'stale'>, options: { reveal?: boolean; viewColumn?: vscode.ViewColumn; languageId?: string; top?: boolean } = {}): Promise<vscode.TextDocument> {
    const uri = ResultsView.uriFor(result.source);
    this.results.set(uri.toString(), { ...result });
    this.remember(uri, result);
    if (options.top) this.toTop.add(uri.toString());
    this.changed.fire(uri);
    this.lensesChanged.fire();
    let doc = await vscode.workspace.openTextDocument(uri);
    // json; plaintext for text and table output (so no JSON problems); yaml
    const languageId = options.languageId ?? 'json';
    if (doc.languageId !== languageId) doc = await vscode.languages.setTextDocumentLanguage(doc, languageId);
    const visible = vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === uri.toString());
    if ((options.reveal ?? true) && !visible) {
      await vscode.window.showTextDocument(doc, { viewColumn: options.viewColumn ?? columnHolding(uri) ?? columnBeside(), preserveFocus: true, preview: false });
    }
    this.render();
    if (options.top && doc.getText() === result.text) this.moveToTop(doc); // (no change of text is coming)
    return doc;
  }

  /** Results to show from the top once their new text is in. */
  private readonly toTop = new Set<string>();

  private moveToTop(doc: vscode.TextDocument): void {
    if (!this.toTop.delete(doc.uri.toString())) return;
    const start = new vscode.Position(0, 0);
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.uri.toString() !== doc.uri.toString()) continue;
      editor.selection = new vscode.Selection(start, start);
      editor.revealRange(new vscode.Range(start, start), vscode.TextEditorRevealType.AtTop);
    }
  }

  /**
   * A query on `source` failed (or with `gone`, the query that made the result was deleted): keep
   * the last good result, marked stale. Returns whether there was one.
   */
  markStale(source: vscode.Uri, expression: string, message: string, gone = false): boolean {
    const uri = ResultsView.uriFor(source).toString();
    const shown = this.results.get(uri);
    if (!shown) return false;
    shown.stale = { expression, message, gone };
    this.lensesChanged.fire();
    this.render();
    return true;
  }

  isOpen(source: vscode.Uri): boolean {
    const uri = ResultsView.uriFor(source).toString();
    return vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === uri);
  }

  /** Whether a tab holds the result of `source`, shown or behind another tab. */
  hasTab(source: vscode.Uri): boolean {
    const uri = ResultsView.uriFor(source).toString();
    return this.isOpen(source) || vscode.window.tabGroups.all.some((group) =>
      group.tabs.some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri));
  }

  /** The editor showing the result of `source`, if one is visible. */
  editorFor(source: vscode.Uri): vscode.TextEditor | undefined {
    const uri = ResultsView.uriFor(source).toString();
    return vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri);
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const shown = this.results.get(document.uri.toString());
    if (!shown) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    const from = shown.origin ? ` (from ${basename(shown.origin)})` : '';
    // (lenses on one line: what is wrong first, as a narrow editor shows only the start)
    // stale: the result shown is an earlier query's, and says so (trial 26: a half-typed query's
    // result and its "Empty:" hint stood beside the failure of the finished one, as if one query)
    const earlier = shown.stale && !shown.stale.gone;
    const lenses = [new vscode.CodeLens(top, {
      title: `${earlier ? '$(history) Last good result: ' : '$(search) '}${clip(shown.expression)}  on ${basename(shown.source)}${from}`,
      tooltip: `Result of ${shown.expression}\non ${shownName(shown.source)}`,
      command: '',
    })];
    if (shown.hint && !earlier) lenses.unshift(new vscode.CodeLens(top, { title: `$(lightbulb) ${clip(shown.hint)}`, command: '' }));
    if (shown.cut) lenses.unshift(new vscode.CodeLens(top, { title: `$(warning) ${clip(shown.cut)}`, tooltip: shown.cut, command: '' }));
    if (shown.stale) {
      lenses.unshift(new vscode.CodeLens(top, {
        title: shown.stale.gone
          ? `$(warning) Stale: ${clip(shown.stale.message)}`
          : `$(warning) Stale: ${clip(shown.stale.expression)} failed: ${clip(shortMessage(shown.stale.message.split('\n')[0].replace(/,? for expression:$/, '')))}`,
        tooltip: `${shown.stale.message}\n\nShowing the last good result below.`,
        command: '',
      }));
    }
    return lenses;
  }

  /** Dims stale results; marks where a cut result stops. */
  private render(): void {
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.uri.scheme !== RESULT_SCHEME) continue;
      const shown = this.results.get(editor.document.uri.toString());
      const doc = editor.document;
      editor.setDecorations(this.staleText, shown?.stale ? [new vscode.Range(0, 0, doc.lineCount, 0)] : []);
      editor.setDecorations(this.cutEnd, shown?.cut ? [{
        range: endOfText(doc),
        renderOptions: { after: { contentText: `… ${shown.cut.replace(/^Cut: /, 'cut here: ')}` } },
      }] : []);
    }
  }
}

/** An empty range at the end of the last line with text (a result ends with a line break). */
function endOfText(doc: vscode.TextDocument): vscode.Range {
  let last = doc.lineCount - 1;
  while (last > 0 && doc.lineAt(last).isEmptyOrWhitespace) last--;
  const end = doc.lineAt(last).range.end;
  return new vscode.Range(end, end);
}

function clip(s: string): string {
  const one = s.replace(/\s*\n\s*/g, ' ');
  return one.length > MAX_LENS_CHARS ? one.slice(0, MAX_LENS_CHARS - 1) + '…' : one;
}

/** The URI of the results editor a tab holds, as a string; undefined for any other tab. */
export function resultTabUri(tab: vscode.Tab): string | undefined {
  return tab.input instanceof vscode.TabInputText && tab.input.uri.scheme === RESULT_SCHEME ? tab.input.uri.toString() : undefined;
}

/** The column whose tabs already hold this results editor (behind another), so it is not opened twice. */
function columnHolding(uri: vscode.Uri): vscode.ViewColumn | undefined {
  return vscode.window.tabGroups.all.find((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString()))?.viewColumn;
}

/**
 * Where results go: a column that holds results already; else beside the active editor, but when
 * that column shows a file of the user's (the other of two JSON files side by side, a script), a
 * new column at the right instead of on top of it.
 */
function columnBeside(): vscode.ViewColumn {
  const groups = vscode.window.tabGroups;
  const active = groups.activeTabGroup.viewColumn;
  // a column that holds results already (of another JSON) takes these too: a query on each of four
  // files made four more columns (trial 16)
  const withResults = groups.all.filter((g) => g.viewColumn !== active && g.tabs.some((t) => resultTabUri(t) !== undefined));
  if (withResults.length > 0) return (withResults.find((g) => g.viewColumn > active) ?? withResults[withResults.length - 1]).viewColumn;
  // (the next column shows no results: those would have been taken above)
  const next = groups.all.find((g) => g.viewColumn === active + 1);
  if (!next?.activeTab?.input) return vscode.ViewColumn.Beside;
  const last = Math.max(...groups.all.map((g) => g.viewColumn));
  return last < vscode.ViewColumn.Nine ? last + 1 : vscode.ViewColumn.Beside;
}
