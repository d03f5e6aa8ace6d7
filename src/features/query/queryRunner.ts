// Runs a query against a JSON source and shows the outcome everywhere it belongs: the results
// editor, highlights in the source, and (for failures) a message that says what to do.
import * as vscode from 'vscode';
import { readConfig } from '../../config';
import { describeMissing } from '../../core/query/emptyResult';
import { codePointColumnToOffset } from '../../core/query/queryFile';
import { closeCutJson } from '../../core/query/cutJson';
import { ResultHighlights } from './highlights';
import { CancelledError, QueryError, QueryService, basename, openDocument } from './queryService';
import { RESULT_SCHEME, ResultsView } from './resultsView';
import { isJsonDocument, isJsonPath } from '../../languages';
import { ResultsFormat, languageOfFormat } from './resultsFormat';
import type { OutputFormat, OutputOptions } from '../../core/output';
import type { QueryAnswer } from '../../shared/queryProtocol';

export interface RunOutcome {
  answer?: QueryAnswer;
  error?: QueryError | CancelledError | Error;
}

export interface RunOptions {
  /** Open the results editor if it is not showing (default true). */
  reveal?: boolean;
  /** Where to open it when it is not showing (default: beside). */
  viewColumn?: vscode.ViewColumn;
  /** The query file the query came from. */
  origin?: vscode.Uri;
  /** Print as this output format instead of the chosen results format. */
  output?: OutputFormat;
  /** Run the highlight pass (default true; false re-prints the result and leaves highlights as they are). */
  highlight?: boolean;
  /** Show the result from its first line (another format: the old position means nothing in it). */
  top?: boolean;
}

/** A run that went to the results editor, whatever started it (a query file, a format switch, the JSON changing). */
export interface RunEvent {
  source: vscode.Uri;
  expression: string;
  origin?: vscode.Uri;
  outcome: RunOutcome;
}

export class QueryRunner {
  private readonly ran = new vscode.EventEmitter<RunEvent>();
  /** Every run's outcome: a query file marks its failure, and clears it, however the query was run again. */
  readonly onDidRun = this.ran.event;
  /** Highlight passes that failed after a good result (the result stayed); for tests. */
  highlightFailures = 0;
  /** The last query shown per source, re-run when the results format changes. */
  private readonly lastRun = new Map<string, { source: vscode.Uri; expression: string }>();
  /** The last query shown with its highlight pass: what highlights show, or would with highlights on. */
  private lastHighlighted: { source: vscode.Uri; expression: string } | undefined;
  /**
   * The last query shown on a JSON that was not open (picked from the palette in a script): its
   * highlights come when the JSON is opened (trial 23: they never came).
   */
  private highlightOnOpen: { source: vscode.Uri; expression: string } | undefined;

  constructor(
    readonly service: QueryService,
    readonly results: ResultsView,
    readonly highlights: ResultHighlights,
    readonly format?: ResultsFormat,
  ) {
    format?.onDidChange(() => this.rerunShown());
  }

  /** How results of `source` print: the chosen results format, or `output` when given. */
  outputFor(source: vscode.Uri, output?: OutputFormat): OutputOptions {
    return this.format?.optionsFor(source, output) ?? { output: output ?? 'json' };
  }

  /**
   * Runs and shows; never throws. A good result goes to the results editor and the highlights; a
   * failure never replaces it there (the last good result is marked stale) and is returned.
   */
  async runAndShow(source: vscode.Uri, expression: string, options: RunOptions = {}): Promise<RunOutcome> {
    const output = this.outputFor(source, options.output);
    this.lastRun.set(source.toString(), { source, expression });
    let answer: QueryAnswer;
    try {
      answer = await this.service.run(source, expression, { withSources: false, output });
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      if (!(error instanceof CancelledError)) this.results.markStale(source, expression, error.message);
      this.ran.fire({ source, expression, origin: options.origin, outcome: { error } });
      return { error };
    }
    // the result first (fast read); the offsets for highlights need the exact reader, so they follow
    const format = output.output ?? 'json';
    const { text, cut } = shownText(answer, format);
    await this.results.show({ source, expression, text, origin: options.origin, hint: emptyResultHint(answer), cut }, { ...options, languageId: languageOfFormat(format) });
    this.ran.fire({ source, expression, origin: options.origin, outcome: { answer } });
    if (options.highlight ?? true) {
      this.lastHighlighted = { source, expression };
      await this.highlight(source, expression);
    }
    return { answer };
  }

  /**
   * Runs the query the results tab of `source` shows again, in place (its JSON changed): the query
   * that failed last if the result is stale; highlights come back only where they were.
   */
  async refresh(source: vscode.Uri): Promise<void> {
    const shown = this.results.resultFor(source);
    if (!shown) return;
    const highlighted = this.lastHighlighted?.source.toString() === source.toString();
    await this.runAndShow(source, shown.stale?.expression ?? shown.expression, { reveal: false, origin: shown.origin, highlight: highlighted });
  }

  /**
   * Files renamed or moved in the editor: a result of a JSON that moved is shown for it under its
   * new name, in the old tab's place (not beside a stale tab of the old name); a result whose query
   * file moved names the new one (trial 19: both kept the old names).
   */
  async followRenames(files: readonly { oldUri: vscode.Uri; newUri: vscode.Uri }[]): Promise<void> {
    for (const shown of this.results.all()) {
      const source = movedUri(shown.source, files);
      const origin = shown.origin && movedUri(shown.origin, files);
      if (!source) {
        if (origin) this.results.setOrigin(shown.source, origin);
        continue;
      }
      const open = this.results.hasTab(shown.source);
      const column = await this.results.close(shown.source);
      await this.runAndShow(source, shown.stale?.expression ?? shown.expression, { reveal: open, viewColumn: column, origin: origin ?? shown.origin, highlight: false });
    }
  }

  /** The second pass: source offsets for highlights. Its failure leaves the result as it is. */
  private async highlight(source: vscode.Uri, expression: string): Promise<void> {
    this.highlights.clear();
    const doc = openDocument(source);
    this.highlightOnOpen = doc ? undefined : { source, expression };
    if (!doc || !readConfig().highlightEnabled) return;
    const version = doc.version;
    try {
      const traced = await this.service.run(source, expression, { withSources: true });
      if (doc.version !== version) return;
      const found = traced.rangeTotal ?? traced.ranges.length; // values in the document, highlighted or past the limit
      // inline only when nothing is highlighted: beside one value of a partly computed result
      // (`{id: InstanceId, n: length(Tags)}`) the whole result read as that value's (trial 24)
      const computed = found === 0 && (traced.computed || traced.count > 0)
        ? { text: oneLine(traced.text), anchor: traced.anchor }
        : undefined;
      this.highlights.set(source, version, traced.ranges, found, traced.count, computed);
    } catch (e) {
      this.highlightFailures++;
      if (!(e instanceof CancelledError)) console.warn(`JMESPath: no highlights for ${expression}: ${(e as Error).message}`);
    }
  }

  /** A document opened: if it is the JSON the last query ran on while it was closed, its highlights now. */
  async opened(doc: vscode.TextDocument): Promise<void> {
    const pending = this.highlightOnOpen;
    if (!pending || doc.uri.toString() !== pending.source.toString()) return;
    this.highlightOnOpen = undefined;
    // only while its result is still shown, for that query (not after the tab closed or another query)
    const shown = this.results.resultFor(pending.source);
    if (!shown || shown.stale || shown.expression !== pending.expression || !this.results.hasTab(pending.source)) return;
    await this.highlight(pending.source, pending.expression);
  }

  /**
   * Settings changed: what is shown follows at once. Highlights off clears them; on brings back
   * those of the last query shown; a new highlight limit redoes the highlights showing; a new result
   * limit re-prints every result held (without moving the highlights to another document).
   */
  async applySettings(e: vscode.ConfigurationChangeEvent): Promise<void> {
    const config = readConfig();
    const showing = this.highlights.summary !== undefined;
    if (e.affectsConfiguration('jmespathAws.query.maxResultChars')) {
      for (const shown of this.results.all()) {
        if (shown.stale) continue;
        await this.runAndShow(shown.source, shown.expression, { reveal: false, origin: shown.origin, highlight: false });
      }
    }
    const enabled = e.affectsConfiguration('jmespathAws.highlight.enabled');
    if (enabled && !config.highlightEnabled) {
      this.highlights.clear();
      return;
    }
    const again = (enabled && config.highlightEnabled) || (showing && e.affectsConfiguration('jmespathAws.highlight.maxHighlights'));
    const last = this.lastHighlighted;
    if (again && last && openDocument(last.source)) await this.highlight(last.source, last.expression);
  }

  /** Re-prints every results editor still showing, in the newly chosen format, from the top. */
  private async rerunShown(): Promise<void> {
    const shown: { source: vscode.Uri; expression: string }[] = [];
    for (const run of this.lastRun.values()) {
      // (a results tab behind another tab is re-printed too: it shows the new format when brought to front)
      if (this.results.hasTab(run.source)) shown.push(run);
      else this.lastRun.delete(run.source.toString());
    }
    if (shown.length === 0) return;
    const format = this.format?.current ?? 'json';
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Printing results as ${format}` }, async () => {
      for (const { source, expression } of shown) {
        // the result the tab shows, which a failed query since then left as it was, marked stale (trial 24:
        // the failed query ran again, failed again, and the tab kept the old format)
        const held = this.results.resultFor(source);
        const outcome = await this.runAndShow(source, held?.expression ?? expression, { reveal: false, top: true, origin: held?.origin });
        const stale = held?.stale;
        if (stale && !outcome.error) this.results.markStale(source, stale.expression, stale.message, stale.gone);
      }
    });
  }

  /** Tells the user about a failed run, with a way to the problem when there is one. */
  async report(source: vscode.Uri, error: Error): Promise<void> {
    if (error instanceof CancelledError) return;
    if (error instanceof QueryError && error.detail.kind === 'invalid-json' && error.detail.line) {
      const go = `Go to Line ${error.detail.line}`;
      const pick = await vscode.window.showErrorMessage(`${basename(source)}: ${error.message}`, go);
      if (pick === go) await revealPosition(source, error.detail.line - 1, (error.detail.jsonColumn ?? 1) - 1);
      return;
    }
    // the CLI's whole message: its lines joined (a notification cannot keep the caret aligned)
    const message = error.message.split('\n').map((l) => l.trim()).filter(Boolean).join(' ');
    void vscode.window.showErrorMessage(`JMESPath: ${message}`);
  }
}

export async function revealPosition(uri: vscode.Uri, line: number, character: number): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  const pos = new vscode.Position(line, character);
  editor.selection = new vscode.Selection(pos, pos);
  editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenter);
}

/** The JSON picker while it is open (for tests that read what it offers). */
export const openPickers: { json?: vscode.QuickPick<vscode.QuickPickItem & { uri?: vscode.Uri }> } = {};

/** JSON documents in editor tabs (untitled and outside the workspace too), the active tab of each group first. */
export function openJsonTabs(): vscode.Uri[] {
  const seen = new Map<string, vscode.Uri>();
  for (const group of vscode.window.tabGroups.all) {
    const tabs = group.activeTab ? [group.activeTab, ...group.tabs.filter((t) => t !== group.activeTab)] : group.tabs;
    for (const tab of tabs) {
      if (!(tab.input instanceof vscode.TabInputText) || tab.input.uri.scheme === RESULT_SCHEME) continue;
      const uri = tab.input.uri;
      const doc = openDocument(uri);
      if (doc ? isJsonDocument(doc) || untitledHoldingJson(doc) : isJsonPath(uri.path)) seen.set(uri.toString(), uri);
    }
  }
  return [...seen.values()];
}

/** JSON pasted into a new untitled editor that is still Plain Text (trial 24: it was not offered). */
function untitledHoldingJson(doc: vscode.TextDocument): boolean {
  if (!doc.isUntitled || doc.languageId !== 'plaintext') return false;
  const start = doc.getText(new vscode.Range(0, 0, Math.min(doc.lineCount, 20), 0));
  return /^\s*[[{]/.test(start);
}

/**
 * Asks for a JSON file. `likely` files (that exist) come first and the best one is pre-selected;
 * other workspace JSON follows, those beside `near` first. With no likely file nothing is
 * pre-selected, so Enter never picks an arbitrary file.
 */
export async function pickJsonFile(reason: string, likely: { uri: vscode.Uri; why: string }[] = [], near?: vscode.Uri,
  shown?: (picker: NonNullable<typeof openPickers.json>) => void): Promise<vscode.Uri | undefined> {
  const files = await vscode.workspace.findFiles('**/*.{json,jsonc}', '**/node_modules/**', 500);
  const existing = new Set(files.map((f) => f.toString()));
  const top = likely.filter((l) => existing.has(l.uri.toString()) || openDocument(l.uri));
  const folder = near ? near.path.slice(0, near.path.lastIndexOf('/') + 1) : undefined;
  const inFolder = (f: vscode.Uri) => folder !== undefined && f.path.startsWith(folder) && !f.path.slice(folder.length).includes('/');
  const rest = files.filter((f) => !top.some((t) => t.uri.toString() === f.toString()))
    .sort((a, b) => Number(inFolder(b)) - Number(inFolder(a)) || a.path.localeCompare(b.path));
  type Item = vscode.QuickPickItem & { uri?: vscode.Uri };
  const items: Item[] = [
    ...top.map((t) => ({ label: vscode.workspace.asRelativePath(t.uri), description: t.why, uri: t.uri })),
    ...(top.length ? [{ label: 'other JSON files', kind: vscode.QuickPickItemKind.Separator }] : []),
    ...rest.map((f) => ({ label: vscode.workspace.asRelativePath(f), description: inFolder(f) ? 'same folder' : undefined, uri: f })),
    { label: '$(folder-opened) Browse...' },
  ];
  const qp = vscode.window.createQuickPick<Item>();
  openPickers.json = qp;
  qp.title = reason;
  qp.placeholder = 'Pick a JSON file';
  qp.items = items;
  qp.activeItems = top.length ? [items[0]] : [];
  shown?.(qp);
  const pick = await new Promise<Item | undefined>((resolve) => {
    qp.onDidAccept(() => {
      const chosen = qp.activeItems[0] ?? qp.selectedItems[0];
      if (!chosen) {
        // nothing pre-selected (no likely file) and nothing chosen: say how, and wait (trial 16: Enter did nothing, silently)
        qp.placeholder = 'Choose a file with the arrow keys (or type part of its name), then press Enter';
        return;
      }
      resolve(chosen);
      qp.hide();
    });
    qp.onDidHide(() => {
      resolve(undefined);
      qp.dispose();
      if (openPickers.json === qp) openPickers.json = undefined;
    });
    qp.show();
    if (!top.length) qp.activeItems = [];
  });
  if (!pick) return undefined;
  if (pick.uri) return pick.uri;
  const chosen = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { JSON: ['json', 'jsonc'] } });
  return chosen?.[0];
}

/** An error as the palette shows it: a short summary and the CLI's whole message, line by line. */
export function errorLines(e: unknown): { summary: string; lines: string[] } {
  const err = e as Error & { detail?: { kind: string; column?: number } };
  const kind = err.detail?.kind ?? 'error';
  const where = err.detail?.column !== undefined ? ` at column ${err.detail.column}` : '';
  const lines = String(err.message ?? e).split('\n').filter((l, i, all) => l !== '' || i < all.length - 1);
  return { summary: `${kind === 'syntax' ? 'syntax error' : kind}${where}`, lines };
}

/**
 * What the results editor shows of an answer, and what it says when the result was cut at
 * maxResultChars: JSON is cut back to the whole entries that fit and closed (valid JSON, no bogus
 * problems); other formats are cut where the limit falls.
 */
export function shownText(answer: QueryAnswer, format: OutputFormat): { text: string; cut?: string } {
  if (!answer.truncated) return { text: answer.text };
  // what is shown first: a narrow editor shows only the start of the line
  const limit = answer.text.length.toLocaleString();
  const why = `(the result is longer than ${limit} characters: setting jmespathAws.query.maxResultChars)`;
  const closed = format === 'json' ? closeCutJson(answer.text) : undefined;
  if (!closed) {
    const whole = answer.printedChars ? ` of ${answer.printedChars.toLocaleString()}` : '';
    return { text: answer.text, cut: `Cut: the first ${limit}${whole} characters shown (setting jmespathAws.query.maxResultChars)` };
  }
  const list = answer.text.startsWith('[');
  const what = list ? 'values' : 'members';
  const shown = closed.entries > 0 ? `the first ${closed.entries.toLocaleString()}${list ? ` of ${answer.count.toLocaleString()}` : ''} ${what} shown` : `part of the first ${list ? 'value' : 'member'} shown`;
  return { text: closed.text, cut: `Cut: ${shown} ${why}` };
}

/** "did you mean" for an empty result (or a multiselect column null in every row) caused by a field the data does not have there. */
export function emptyResultHint(answer: QueryAnswer): string | undefined {
  if (answer.filterOnElement) return `Empty: ${answer.filterOnElement.message}`;
  return answer.missing ? `${answer.missing.everyRow ? 'Null in every row' : 'Empty'}: ${describeMissing({ ...answer.missing, everyRow: false })}` : undefined;
}

/** The expression with the missing field replaced by the suggestion. */
export function correctedQuery(expression: string, answer: QueryAnswer): string | undefined {
  if (answer.filterOnElement) return answer.filterOnElement.corrected;
  const m = answer.missing;
  if (!m?.suggestion) return undefined;
  const start = codePointColumnToOffset(expression, m.column);
  if (expression.slice(start, start + m.field.length) !== m.field) return undefined; // quoted identifier: leave it
  return expression.slice(0, start) + m.suggestion + expression.slice(start + m.field.length);
}

/** Printed JSON on one line, for previews and inline text. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** Where `uri` is after `files` were renamed or moved (itself, or a folder it is in), if it moved. */
export function movedUri(uri: vscode.Uri, files: readonly { oldUri: vscode.Uri; newUri: vscode.Uri }[]): vscode.Uri | undefined {
  const u = uri.toString();
  for (const { oldUri, newUri } of files) {
    const from = oldUri.toString();
    if (u === from) return newUri;
    if (u.startsWith(from + '/')) return vscode.Uri.parse(newUri.toString() + u.slice(from.length));
  }
  return undefined;
}
