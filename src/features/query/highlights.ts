// Highlights the document values a query result is made of, with a count in the status bar and
// next/previous navigation; computed results are shown as inline text instead. The keys (F8,
// Shift+F8, Escape) and the count belong to the highlighted document only: the context key
// `jmespathAws.highlightsActive` is true only while that document is the active editor.
import * as vscode from 'vscode';
import { Commands, ContextKeys } from '../../commands';
import { Disposable } from '../../dispose';

interface HighlightState {
  source: vscode.Uri;
  version: number;
  ranges: [number, number][];
  /** Document values the result is made of (the highlights, and those past the limit). */
  total: number;
  /** The result's values as the palette counts them: a list of lists (`Reservations[].Instances[].InstanceId`) is its lists. */
  values: number;
  computedText?: string;
  anchor?: number;
  current: number;
}

const MAX_INLINE_CHARS = 120;

export class ResultHighlights extends Disposable {
  private readonly match = this._register(vscode.window.createTextEditorDecorationType({
    backgroundColor: new vscode.ThemeColor('jmespathAws.resultHighlightBackground'),
    border: '1px solid',
    borderColor: new vscode.ThemeColor('jmespathAws.resultHighlightBorder'),
    overviewRulerColor: new vscode.ThemeColor('jmespathAws.resultOverviewRuler'),
    overviewRulerLane: vscode.OverviewRulerLane.Center,
  }));
  private readonly current = this._register(vscode.window.createTextEditorDecorationType({
    border: '2px solid',
    borderColor: new vscode.ThemeColor('jmespathAws.resultHighlightBorder'),
  }));
  private readonly inline = this._register(vscode.window.createTextEditorDecorationType({
    after: { color: new vscode.ThemeColor('jmespathAws.inlineResultForeground'), margin: '0 0 0 2em', fontStyle: 'italic' },
  }));
  private readonly status = this._register(vscode.window.createStatusBarItem('jmespathAws.results', vscode.StatusBarAlignment.Left, 50));
  private state: HighlightState | undefined;

  constructor() {
    super();
    this.status.name = 'JMESPath Results';
    this._register(vscode.window.onDidChangeVisibleTextEditors(() => this.render()));
    this._register(vscode.window.onDidChangeActiveTextEditor(() => this.render()));
    this._register(vscode.window.onDidChangeTextEditorVisibleRanges((e) => {
      // a computed result follows the view, so it is never on a line scrolled off screen
      if (this.state?.computedText !== undefined && this.isSource(e.textEditor.document.uri)) this.render();
    }));
    this._register(vscode.workspace.onDidChangeTextDocument((e) => {
      // offsets go stale as soon as the source changes
      if (this.state && e.document.uri.toString() === this.state.source.toString() && e.contentChanges.length) this.clear();
    }));
  }

  /** Records what a query found in `source` and shows it in its editors. */
  set(source: vscode.Uri, version: number, flatRanges: number[], total: number, values: number, computed?: { text: string; anchor: number }): void {
    const ranges: [number, number][] = [];
    for (let i = 0; i + 1 < flatRanges.length; i += 2) ranges.push([flatRanges[i], flatRanges[i + 1]]);
    this.state = {
      source, version, ranges, total, values, current: -1,
      computedText: computed?.text, anchor: computed?.anchor,
    };
    this.render();
  }

  clear(): void {
    this.state = undefined;
    this.render();
  }

  /** Clears the highlights if they are on `source` (its results tab was closed). */
  clearOn(source: vscode.Uri): void {
    if (this.state?.source.toString() === source.toString()) this.clear();
  }

  /** `Clear Result Highlights` (Escape): also drops the selection F8 made, as Escape does. */
  clearFromKey(): void {
    const editor = vscode.window.activeTextEditor;
    if (editor && this.isSource(editor.document.uri) && !editor.selection.isEmpty) {
      editor.selection = new vscode.Selection(editor.selection.active, editor.selection.active);
    }
    this.clear();
  }

  /** Whether the active editor shows the highlighted document (where F8 and the count apply). */
  get activeInSource(): boolean {
    const editor = vscode.window.activeTextEditor;
    return !!editor && this.isSource(editor.document.uri);
  }

  private isSource(uri: vscode.Uri): boolean {
    return !!this.state && uri.toString() === this.state.source.toString();
  }

  /** What is highlighted now (for tests and the status bar). */
  get summary(): { source: string; count: number; total: number; values: number; computedText?: string; current: number; statusVisible: boolean; statusText?: string; inlineLine?: number } | undefined {
    const s = this.state;
    return s && {
      source: s.source.toString(), count: s.ranges.length, total: s.total, values: s.values, computedText: s.computedText, current: s.current,
      statusVisible: this.statusVisible, statusText: this.statusVisible ? this.status.text : undefined, inlineLine: this.inlineLine,
    };
  }

  private statusVisible = false;
  /** The line the computed result is shown on (for tests). */
  private inlineLine: number | undefined;
  private contextValue: boolean | undefined;
  private navigableValue: boolean | undefined;

  /** Moves the selection to the next (or previous) highlighted value. */
  async go(step: 1 | -1): Promise<number | undefined> {
    const s = this.state;
    if (!s || s.ranges.length === 0) return undefined;
    s.current = (s.current + step + s.ranges.length) % s.ranges.length;
    const doc = await vscode.workspace.openTextDocument(s.source);
    const editor = await vscode.window.showTextDocument(doc, { preserveFocus: false, preview: false, viewColumn: this.columnOf(s.source) });
    const [start, end] = s.ranges[s.current];
    const range = new vscode.Range(doc.positionAt(start), doc.positionAt(end));
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    this.render();
    return s.current;
  }

  private columnOf(uri: vscode.Uri): vscode.ViewColumn | undefined {
    return vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString())?.viewColumn;
  }

  private render(): void {
    const s = this.state;
    for (const editor of vscode.window.visibleTextEditors) {
      const mine = s && editor.document.uri.toString() === s.source.toString();
      if (!mine) {
        editor.setDecorations(this.match, []);
        editor.setDecorations(this.current, []);
        editor.setDecorations(this.inline, []);
        continue;
      }
      const doc = editor.document;
      const toRange = ([a, b]: [number, number]) => new vscode.Range(doc.positionAt(a), doc.positionAt(b));
      editor.setDecorations(this.match, s.ranges.map(toRange));
      editor.setDecorations(this.current, s.current >= 0 ? [toRange(s.ranges[s.current])] : []);
      if (s.computedText !== undefined) {
        const anchorLine = doc.positionAt(s.anchor ?? 0).line;
        const visible = editor.visibleRanges;
        // scrolled, the top lines are under sticky scroll's header (as many as it may show)
        const top = visible.length === 0 ? 0 : Math.min(visible[0].start.line + stickyLines(doc, visible[0]), visible[0].end.line);
        const onScreen = visible.length === 0 || visible.some((r) => Math.max(r.start.line, top) <= anchorLine && anchorLine <= r.end.line);
        const lineNo = onScreen ? anchorLine : top;
        const text = s.computedText.length > MAX_INLINE_CHARS ? s.computedText.slice(0, MAX_INLINE_CHARS - 1) + '…' : s.computedText;
        const where = onScreen ? '' : `  (from line ${anchorLine + 1})`;
        editor.setDecorations(this.inline, [{ range: doc.lineAt(lineNo).range, renderOptions: { after: { contentText: `⇒ ${text}${where}` } } }]);
        if (editor === vscode.window.activeTextEditor || this.inlineLine === undefined) this.inlineLine = lineNo;
      } else {
        editor.setDecorations(this.inline, []);
      }
    }
    const active = !!s && this.activeInSource;
    if (active !== this.contextValue) {
      this.contextValue = active;
      void vscode.commands.executeCommand('setContext', ContextKeys.highlightsActive, active);
    }
    // with nothing highlighted (a limit of 0, a computed result) F8 stays VS Code's next problem (trial 16)
    const navigable = active && s.ranges.length > 0;
    if (navigable !== this.navigableValue) {
      this.navigableValue = navigable;
      void vscode.commands.executeCommand('setContext', ContextKeys.highlightsNavigable, navigable);
    }
    if (!s || s.computedText === undefined) this.inlineLine = undefined;
    if (!s || !active) {
      this.status.hide();
      this.statusVisible = false;
      return;
    }
    // the count is the result's values, as the palette said; how many are highlighted when that
    // differs: a highlight limit (setting), or a list of lists, whose lists are the values and
    // whose elements the highlights (trial 23: the palette said 2 values, the status bar 4)
    const values = `${s.values} value${s.values === 1 ? '' : 's'}`;
    const highlighted = s.ranges.length < s.total ? `${s.ranges.length}${s.total !== s.values ? ` of ${s.total}` : ''} highlighted` : `${s.total} highlighted`;
    const differs = s.ranges.length !== s.values;
    this.status.text = s.computedText !== undefined && s.ranges.length === 0
      ? '$(symbol-value) JMESPath: computed result'
      : s.current >= 0
        ? `$(search) JMESPath: ${s.current + 1} of ${differs ? `${highlighted} (${values})` : values}`
        : `$(search) JMESPath: ${values}${differs ? ` (${highlighted})` : ''}`;
    this.status.tooltip = 'Values the last query took from this document. Click for the next one; Escape clears.';
    this.status.command = Commands.nextResult;
    this.status.show();
    this.statusVisible = true;
  }
}

/** How many lines at the top of a scrolled editor sticky scroll may cover (none at the file's top). */
function stickyLines(doc: vscode.TextDocument, firstVisible: vscode.Range): number {
  if (firstVisible.start.line === 0) return 0;
  const editor = vscode.workspace.getConfiguration('editor', doc);
  return editor.get<boolean>('stickyScroll.enabled', true) ? editor.get<number>('stickyScroll.maxLineCount', 5) : 0;
}
