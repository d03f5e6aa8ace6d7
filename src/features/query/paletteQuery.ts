// `JMESPath: Query Active JSON...`: an input that evaluates as you type and previews the result or
// the error, offers recent queries (those run on this file first, editable), and on Enter opens or
// refreshes the results editor. A failed Enter keeps the palette open with the CLI's whole message.
import * as vscode from 'vscode';
import { describeMissing } from '../../core/query/emptyResult';
import { readConfig } from '../../config';
import type { QueryAnswer } from '../../shared/queryProtocol';
import { QueryRunner, correctedQuery, emptyResultHint, errorLines, openJsonTabs, pickJsonFile, revealPosition } from './queryRunner';
import { basename } from './queryService';
import { OUTPUT_FORMATS, OutputFormat, isOutputFormat } from '../../core/output';
import { KeysTypedEarly, RecentEdits } from './keysTypedEarly';
import { TypedAheadQuery } from '../../core/query/typedAhead';
import { rowMayBeShown } from '../../core/query/pickRows';
import { emptyPrintout, previewLine } from '../../core/query/preview';
import { caretExcerpt, shortMessage } from '../../core/jmespath/errors';

const RECENT_KEY = 'jmespathAws.recentQueries';
/** expression -> URIs of the JSON files it ran on (most recent first). */
const RECENT_SOURCES_KEY = 'jmespathAws.recentQuerySources';
const MAX_SOURCES_PER_QUERY = 10;
/** Recent queries kept per workspace, whatever the setting offers (its maximum). */
const MAX_RECENT_KEPT = 200;
const PREVIEW_CHARS = 400;
/** How long after a keystroke or a refresh an active-row change is taken as VS Code's, not the user's. */
const AUTOMATIC_MOVE_MS = 150;
/** How late VS Code's own first active-row change after the list changed may come (CI under load: a recent query ran). */
const FIRST_MOVE_MS = 2000;
/** Keys typed before the palette opened are put in front of the input once typing in it pauses this long. */
const PUT_AFTER_PAUSE_MS = 400;

interface QueryItem extends vscode.QuickPickItem {
  expression: string;
  isRun?: boolean;
  /** A completion of the typed text: choosing it edits the query instead of running it. */
  isSuggestion?: boolean;
  /** A "did you mean" row: Enter puts its corrected query into the input. */
  isHint?: boolean;
  /** Invalid JSON: the row that goes to where the document is wrong (1-based). */
  goTo?: { line: number; column: number };
}

/** A field or function that may follow the typed text: the whole query with it, and a description. */
export interface PaletteSuggestion {
  expression: string;
  label: string;
  description?: string;
}
export type PaletteSuggester = (source: vscode.Uri, expression: string) => Promise<PaletteSuggestion[]>;

export class PaletteQuery {
  private suggester: PaletteSuggester | undefined;
  /** The open query input (for tests). */
  current: vscode.QuickPick<QueryItem> | undefined;
  /** The palette while it is open (for tests that read what it shows). */
  activePick: vscode.QuickPick<QueryItem> | undefined;
  /** The last steps of putting keys typed early into the input (a race is read from it when a test fails). */
  readonly keyTrace: string[] = [];
  private trace(step: string): void {
    this.keyTrace.push(`${Date.now() % 100000} ${step}`);
    if (this.keyTrace.length > 120) this.keyTrace.shift();
  }

  constructor(private readonly runner: QueryRunner, private readonly state: vscode.Memento, private readonly recentEdits: RecentEdits) {}

  /** Field and function suggestions while typing (the language features provide them). */
  setSuggester(suggester: PaletteSuggester): void {
    this.suggester = suggester;
  }

  /** The recent queries offered: as many as the setting says (more are kept: trial 16, a limit of 0 for a moment lost them all). */
  recent(): string[] {
    return this.state.get<string[]>(RECENT_KEY, []).slice(0, readConfig().recentQueries);
  }

  /** Recent queries, those that ran on `source` first (each group most recent first). */
  recentFor(source: vscode.Uri): { expression: string; here: boolean; ranOn?: string }[] {
    const sources = this.state.get<Record<string, string[]>>(RECENT_SOURCES_KEY, {});
    const key = source.toString();
    const all = this.recent().map((expression) => {
      const uris = Object.prototype.hasOwnProperty.call(sources, expression) ? sources[expression] : [];
      return { expression, here: uris.includes(key), ranOn: uris[0] };
    });
    return [...all.filter((r) => r.here), ...all.filter((r) => !r.here)];
  }

  async remember(expression: string, source?: vscode.Uri): Promise<void> {
    if (readConfig().recentQueries === 0) return; // none offered: none recorded either
    const stored = this.state.get<string[]>(RECENT_KEY, []);
    const list = [expression, ...stored.filter((q) => q !== expression)].slice(0, MAX_RECENT_KEPT);
    const old = this.state.get<Record<string, string[]>>(RECENT_SOURCES_KEY, {});
    const sources: Record<string, string[]> = {};
    for (const q of list) {
      let uris = Object.prototype.hasOwnProperty.call(old, q) ? old[q] : [];
      if (q === expression && source) uris = [source.toString(), ...uris.filter((u) => u !== source.toString())].slice(0, MAX_SOURCES_PER_QUERY);
      if (uris.length) sources[q] = uris;
    }
    await this.state.update(RECENT_KEY, list);
    await this.state.update(RECENT_SOURCES_KEY, sources);
  }

  /**
   * With an expression: runs it against `uri` (or the active JSON) without prompting and returns
   * the printed result (rejects with the error message). Without: asks interactively.
   */
  async command(expression?: string, uri?: vscode.Uri | string, options: { show?: boolean; output?: OutputFormat } = {}): Promise<string | undefined> {
    let source = typeof uri === 'string' ? vscode.Uri.parse(uri) : uri;
    source ??= this.runner.service.activeJsonUri();
    if (expression !== undefined) {
      if (!source) throw new Error('No JSON file to query: open one or pass its URI.');
      if (options.output !== undefined && !isOutputFormat(options.output)) {
        throw new Error(`Unknown output format "${String(options.output)}": expected one of ${OUTPUT_FORMATS.join(', ')}.`);
      }
      const output = options.output;
      const outcome = options.show === false
        ? await this.runner.service.run(source, expression, { withSources: false, output: this.runner.outputFor(source, output) })
          .then((answer) => ({ answer, error: undefined }), (error: Error) => ({ answer: undefined, error }))
        : await this.runner.runAndShow(source, expression, { output });
      if (outcome.error) throw outcome.error;
      await this.remember(expression, source);
      return outcome.answer!.text;
    }
    if (!source) {
      const active = vscode.window.activeTextEditor;
      // JSON files open in tabs come first, the first ready for Enter (trial 16: from the Explorer the
      // picker said no JSON was open, with several in tabs, and Enter did nothing)
      const open = openJsonTabs();
      const reason = active ? `${basename(active.document.uri)} is not JSON` : open.length ? 'No JSON editor is active' : 'No JSON file is open';
      // keys typed right after Ctrl+Alt+J in a script go into it until the picker appears: taken
      // back out, they start the query
      let typedEarly = '';
      const title = `${reason}: pick a JSON file to query`;
      let picker: vscode.QuickPick<vscode.QuickPickItem> | undefined;
      // the keys show in the picker's title until the palette takes them (trial 24: they looked lost)
      // keys typed on into the picker while a query was being typed, matching no file: the query's
      // rest, not a filter (trial 25: `length` reached the script, `(Reservations)` hid every file)
      let queryInFilter = false;
      let filter = '';
      /** Query text the filter held when it was cleared (the title had shown it as the query's). */
      let kept = '';
      const soFar = () => typedEarly + kept + (queryInFilter ? filter : '');
      const retitle = () => {
        if (picker && soFar()) picker.title = `${title}. Your query so far: ${soFar()}`;
      };
      const earlyKeys = new KeysTypedEarly(this.recentEdits, (keys) => {
        typedEarly += keys;
        retitle();
      }, undefined, (step) => this.trace(step));
      try {
        source = await pickJsonFile(title, open.map((uri) => ({ uri, why: 'open in an editor' })), undefined, (qp) => {
          picker = qp;
          retitle();
          const listAll = (all: boolean) => {
            const active = qp.activeItems[0]?.label;
            qp.items = qp.items.map((i) => ({ ...i, alwaysShow: all }));
            qp.activeItems = [qp.items.find((i) => i.label === active && i.uri) ?? qp.items.find((i) => i.uri)!].filter(Boolean);
          };
          qp.onDidChangeValue((value) => {
            if (queryInFilter && value === '') {
              // cleared to look for a file: what it held stays in the query, typing filters again
              kept += filter;
              queryInFilter = false;
              listAll(false);
            }
            filter = value;
            if (!queryInFilter && value && (typedEarly || earlyKeys.typing()) && !qp.items.some((i) => i.uri && rowMayBeShown(i.label, value))) {
              queryInFilter = true;
              listAll(true); // every file stays listed, the one that was active too
            }
            retitle();
          });
        });
      } finally {
        await earlyKeys.stop();
      }
      if (!source) return undefined;
      return this.ask(source, soFar());
    }
    return this.ask(source);
  }

  /** The palette on `source`; `typedEarly`: keys typed for it before it could open (they start the query). */
  private ask(source: vscode.Uri, typedEarly = ''): Promise<string | undefined> {
    const qp = vscode.window.createQuickPick<QueryItem>();
    this.activePick = qp;
    qp.title = `JMESPath query on ${basename(source)}`;
    qp.placeholder = 'A JMESPath query (Enter runs it; recent queries below)';
    qp.matchOnDescription = false;
    const edit: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('edit'), tooltip: 'Edit this query' };
    const recentItems = (): QueryItem[] => this.recentFor(source).map((r) => ({
      label: r.expression,
      expression: r.expression,
      description: r.here ? `recent on ${basename(source)}` : r.ranOn ? `recent on ${basename(vscode.Uri.parse(r.ranOn))}` : 'recent',
      buttons: [edit],
    }));
    let runItem: QueryItem | undefined;
    let suggestionItems: QueryItem[] = [];
    /** Rows under the run item: the rest of an error message (CLI's expression and caret lines). */
    let extraRows: QueryItem[] = [];
    let generation = 0;
    let timer: NodeJS.Timeout | undefined;
    /** Order of the last keystroke and of the last move to a row other than the run row. */
    let events = 0;
    let typedAt = 0;
    let movedAt = 0;
    let lastTyped = '';
    /**
     * VS Code moves to the first visible row by itself when the input filters the list or the items
     * are replaced, and reports that like a user's move: active changes until this time are its own.
     */
    let automaticUntil = 0;
    /**
     * The first row VS Code makes active after the list changed is its own too, however late it
     * says so (a busy editor: seconds), up to this time; the user's next move is theirs.
     */
    let firstMoveUntil = 0;
    const expectAutomaticMove = () => {
      automaticUntil = Date.now() + AUTOMATIC_MOVE_MS;
      firstMoveUntil = Date.now() + FIRST_MOVE_MS;
    };
    /**
     * A row the input hides was not moved to by the user: VS Code reports the row it made active
     * for an earlier value (or one kept by a refresh) late when the editor is busy.
     */
    const mayBeShown = (item: QueryItem) => rowMayBeShown(item.label, qp.value, item.alwaysShow);

    /**
     * Keys typed before the input appeared, taken back out of the editor, go in front of the input
     * when typing in it pauses (a key reaching the input as its value is set is overwritten there;
     * the query keeps it and the input shows it at the next pause).
     */
    const typed = new TypedAheadQuery();
    let valueChangedAt = 0;
    let showTimer: NodeJS.Timeout | undefined;
    let waitingForEarlyKeys = false;
    const typedQuery = () => {
      typed.sync(qp.value);
      return typed.query();
    };
    /** Sets the input to a value chosen for it (a suggestion, a correction, a recent query to edit). */
    const replaceValue = (value: string) => {
      qp.value = typed.replace(value);
    };
    const showTyped = () => {
      clearTimeout(showTimer);
      if (this.activePick !== qp || typed.shown()) return;
      if (Date.now() - valueChangedAt < PUT_AFTER_PAUSE_MS) {
        showTimer = setTimeout(showTyped, PUT_AFTER_PAUSE_MS);
        return;
      }
      const value = typed.toShow();
      if (value === undefined) return; // (when the value set last has reached the input)
      this.trace(`shows ${JSON.stringify(value)}`);
      qp.value = value;
      typedAt = ++events;
      lastTyped = value;
      preview(value);
    };
    const render = () => {
      const rest = [...suggestionItems, ...recentItems()];
      const active = qp.activeItems[0];
      qp.items = runItem
        ? [runItem, ...extraRows, ...rest.filter((i) => i.expression !== runItem!.expression)]
        : rest;
      expectAutomaticMove();
      // a refresh (the preview answering) keeps the item the user moved to after typing; a row
      // that was only first when the list opened is not kept (Enter would run it, not the input)
      const same = active && !active.isRun && movedAt > typedAt ? qp.items.find((i) => i.expression === active.expression && !i.isRun) : undefined;
      if (same && mayBeShown(same)) qp.activeItems = [same];
    };
    const suggest = (expression: string, mine: number) => {
      if (!this.suggester) return;
      void this.suggester(source, expression).then((found) => {
        if (mine !== generation) return;
        suggestionItems = found.map((f) => ({ label: f.label, description: f.description, expression: f.expression, isSuggestion: true, alwaysShow: true }));
        // an example from this file's own fields (trial 14: an EC2 example showed on any file)
        if (expression === '' && found[0]) qp.placeholder = `A JMESPath query, e.g. ${found[0].expression} (Enter runs it; recent queries below)`;
        render();
      }, () => undefined);
    };
    const showError = (expression: string, e: unknown) => {
      const { summary, lines } = errorLines(e);
      const column = (e as { detail?: { column?: number } }).detail?.column;
      // the caret first: the row is cut at the palette's width (the message is in the rows below too)
      const first = column === undefined ? shortMessage(lines[0]) : `⟶ ${caretExcerpt(expression, column)}   ${shortMessage(lines[0])}`;
      runItem = { label: expression, expression, isRun: true, alwaysShow: true, description: `$(error) ${summary}`, detail: first };
      // the CLI's caret line (spaces, then ^) cannot line up under its expression in the palette's
      // proportional font (trials 25, 27: it pointed elsewhere): the caret goes into the line above
      const rest = lines.slice(1);
      const merged = rest.flatMap((line, i) => {
        const caret = /^ *\^$/.test(line) && i > 0 ? line.length - 1 : -1;
        if (caret >= 0) return [];
        const next = rest[i + 1];
        const at = next !== undefined && /^ *\^$/.test(next) ? next.length - 1 : -1;
        return [at >= 0 ? caretExcerpt(line, at, 60, 30) : line];
      });
      extraRows = merged.map((line) => ({ label: line, expression, alwaysShow: true, isRun: true }));
      const detail = (e as { detail?: { kind?: string; line?: number; jsonColumn?: number } }).detail;
      if (detail?.kind === 'invalid-json' && detail.line) {
        const goTo = { line: detail.line, column: detail.jsonColumn ?? 1 };
        extraRows.push({ label: `$(go-to-file) Go to line ${goTo.line}, column ${goTo.column} of ${basename(source)}`, expression, alwaysShow: true, goTo });
      }
    };
    const showAnswer = (expression: string, answer: QueryAnswer) => {
      const format = this.runner.outputFor(source).output ?? 'json';
      const flat = previewLine(answer.text, format, PREVIEW_CHARS);
      const hint = emptyResultHint(answer);
      runItem = {
        label: expression, expression, isRun: true, alwaysShow: true,
        // no green check beside an answer a typo emptied (issue 10: "a typo'd key shows a green 0 values")
        description: `${hint ? '$(warning)' : '$(check)'} ${answer.count} value${answer.count === 1 ? '' : 's'} · Enter opens the result${cutNote(answer)}`,
        detail: flat === '' ? emptyPrintout(format) : flat,
      };
      const corrected = correctedQuery(expression, answer);
      // the row is cut to the palette's width: the suggestion goes first
      const suggestion = corrected ? answer.missing?.suggestion : undefined;
      // a filter given each element: the corrected query first, the why below it (trial 27: the fix was cut off)
      const piped = answer.filterOnElement;
      extraRows = hint ? [{
        label: piped ? `$(lightbulb) Did you mean ${piped.corrected}?`
          : suggestion ? `$(lightbulb) Did you mean ${suggestion}? ${describeMissing({ ...answer.missing!, suggestion: undefined, known: [] })}` : `$(lightbulb) ${hint}`,
        expression: corrected ?? expression, alwaysShow: true, isHint: corrected !== undefined,
        description: corrected ? 'Enter puts the correction in the input' : undefined,
        detail: piped ? hint : undefined,
      }] : [];
    };
    const preview = (expression: string) => {
      const mine = ++generation;
      extraRows = [];
      suggestionItems = [];
      suggest(expression, mine);
      if (expression.trim() === '') {
        runItem = undefined;
        qp.busy = false;
        render();
        return;
      }
      // never show a stale preview: mark it pending at once, fill it when this generation answers
      runItem = { label: expression, expression, isRun: true, alwaysShow: true, description: 'evaluating…', detail: '' };
      qp.busy = true;
      render();
      clearTimeout(timer);
      // the editor still holds keys typed before the palette opened: previewed once they are out
      waitingForEarlyKeys = earlyKeys.typing();
      if (waitingForEarlyKeys) return;
      timer = setTimeout(async () => {
        try {
          const answer = await this.runner.service.run(source, expression, { withSources: false, maxChars: PREVIEW_CHARS * 4, output: this.runner.outputFor(source) });
          if (mine !== generation) return;
          showAnswer(expression, answer);
        } catch (e) {
          if (mine !== generation) return;
          showError(expression, e);
        }
        qp.busy = false;
        render();
      }, readConfig().debounceMs);
    };

    // Keys typed before the input appeared went to the editor: they are taken back out of it and
    // go in front of what is typed in the input (at once if nothing is, else at a pause).
    let accept = async (): Promise<void> => undefined;
    const earlyKeys = new KeysTypedEarly(this.recentEdits, (keys, enter) => {
      this.trace(`recovered ${JSON.stringify(keys)}${enter ? ' + Enter' : ''}`);
      typed.addEarly(keys);
      preview(typedQuery());
      showTyped();
      if (enter && this.activePick === qp) void accept(); // Enter too reached the editor before the palette opened
    }, () => {
      if (this.activePick === qp && waitingForEarlyKeys) preview(typedQuery());
    }, (step) => this.trace(step));

    return new Promise<string | undefined>((resolve) => {
      let done = false;
      qp.onDidChangeValue((value) => {
        valueChangedAt = Date.now();
        typed.changed(value);
        const query = typedQuery();
        this.trace(`value ${JSON.stringify(value)}: query ${JSON.stringify(query)}`);
        typedAt = ++events;
        lastTyped = value;
        expectAutomaticMove();
        preview(query);
        if (!typed.shown()) showTyped();
      });
      qp.onDidChangeActive((items) => {
        const automatic = Date.now() < automaticUntil || Date.now() < firstMoveUntil;
        if (items[0]) firstMoveUntil = 0;
        const user = items[0] && !items[0].isRun && !automatic && mayBeShown(items[0]);
        if (user) movedAt = ++events;
        this.trace(`active ${JSON.stringify(items[0]?.label)}${user ? ' (moved)' : ''}`);
      });
      qp.onDidTriggerItemButton((e) => {
        replaceValue(e.item.expression);
        preview(e.item.expression);
      });
      accept = async () => {
        const item = qp.activeItems[0];
        // Typing fast, then Enter: the active row may still be one from before the last keystroke
        // (the run row of an earlier preview, or a recent query that was first then). A row counts
        // only if the user moved to it after typing; otherwise run the input as it is now.
        const moved = movedAt > typedAt && qp.value === lastTyped && item !== undefined && mayBeShown(item); // (a value set by code may not have been seen yet)
        this.trace(`Enter on ${JSON.stringify(qp.value)} at ${JSON.stringify(item?.label)}${moved ? ' (moved)' : ''}${earlyKeys.typing() ? ' (keys in the editor)' : ''}`);
        if (earlyKeys.typing()) {
          // Enter right after typing fast: the editor gives its keys back first
          qp.busy = true;
          await earlyKeys.stop(true);
        }
        if (item?.isSuggestion && moved) {
          replaceValue(item.expression);
          preview(item.expression);
          return;
        }
        const chosen = item && ((!item.isRun && moved) || typedQuery().trim() === '') ? item : undefined;
        const expression = chosen?.expression ?? typedQuery();
        if (!expression.trim()) return;
        if (chosen?.goTo) {
          qp.hide();
          await revealPosition(source, chosen.goTo.line - 1, chosen.goTo.column - 1);
          return;
        }
        if (chosen?.isHint) {
          // "did you mean": put the corrected query in the input and preview it
          replaceValue(item.expression);
          preview(item.expression);
          return;
        }
        generation++;
        qp.busy = true;
        this.trace(`runs ${JSON.stringify(expression)}`);
        const outcome = await this.runner.runAndShow(source, expression);
        qp.busy = false;
        if (outcome.error) {
          // stay where the user is looking: the palette shows the whole error; the value is kept
          if (typedQuery() !== expression) replaceValue(expression);
          showError(expression, outcome.error);
          render();
          return;
        }
        done = true;
        await this.remember(expression, source);
        qp.hide();
        resolve(outcome.answer!.text);
      };
      qp.onDidAccept(() => void accept());
      qp.onDidHide(() => {
        this.trace('hidden');
        clearTimeout(showTimer);
        void earlyKeys.stop();
        clearTimeout(timer);
        if (this.current === qp) this.current = undefined;
        if (this.activePick === qp) this.activePick = undefined;
        qp.dispose();
        if (!done) resolve(undefined);
      });
      render();
      this.trace('shown');
      qp.show();
      this.current = qp;
      suggest('', generation);
      if (typedEarly) {
        typed.addEarly(typedEarly);
        preview(typedQuery());
        showTyped();
      }
    });
  }
}

/** Whether the results editor will show only part of the result (the preview's own limit is much lower). */
function cutNote(answer: QueryAnswer): string {
  const limit = readConfig().maxResultChars;
  return (answer.printedChars ?? answer.text.length) > limit ? ` (cut at ${limit.toLocaleString()} characters)` : '';
}
