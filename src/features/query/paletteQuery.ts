// `JMESPath: Query Active JSON...`: an input that evaluates as you type and previews the result or
// the error, offers recent queries (editable), and on Enter opens or refreshes the results editor.
import * as vscode from 'vscode';
import { readConfig } from '../../config';
import { QueryRunner, oneLine, pickJsonFile } from './queryRunner';
import { basename } from './queryService';
import { OUTPUT_FORMATS, OutputFormat, isOutputFormat } from '../../core/output';

const RECENT_KEY = 'jmespathAws.recentQueries';
const PREVIEW_CHARS = 400;

interface QueryItem extends vscode.QuickPickItem {
  expression: string;
  isRun?: boolean;
  /** A completion of the typed text: choosing it edits the query instead of running it. */
  isSuggestion?: boolean;
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

  constructor(private readonly runner: QueryRunner, private readonly state: vscode.Memento) {}

  /** Field and function suggestions while typing (the language features provide them). */
  setSuggester(suggester: PaletteSuggester): void {
    this.suggester = suggester;
  }

  recent(): string[] {
    return this.state.get<string[]>(RECENT_KEY, []);
  }

  async remember(expression: string): Promise<void> {
    const max = readConfig().recentQueries;
    const list = [expression, ...this.recent().filter((q) => q !== expression)].slice(0, max);
    await this.state.update(RECENT_KEY, list);
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
      await this.remember(expression);
      return outcome.answer!.text;
    }
    if (!source) {
      const active = vscode.window.activeTextEditor;
      const reason = active ? `${basename(active.document.uri)} is not JSON` : 'No JSON file is open';
      source = await pickJsonFile(`${reason}: pick a JSON file to query`);
      if (!source) return undefined;
    }
    return this.ask(source);
  }

  private ask(source: vscode.Uri): Promise<string | undefined> {
    const config = readConfig();
    const qp = vscode.window.createQuickPick<QueryItem>();
    qp.title = `JMESPath query on ${basename(source)}`;
    qp.placeholder = 'e.g. Reservations[].Instances[].InstanceId (Enter runs; recent queries below)';
    qp.matchOnDescription = false;
    const edit: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('edit'), tooltip: 'Edit this query' };
    const recentItems = (): QueryItem[] =>
      this.recent().map((q) => ({ label: q, expression: q, description: 'recent', buttons: [edit] }));
    let runItem: QueryItem | undefined;
    let suggestionItems: QueryItem[] = [];
    let generation = 0;
    let timer: NodeJS.Timeout | undefined;

    const render = () => {
      const rest = [...suggestionItems, ...recentItems()];
      const active = qp.activeItems[0];
      qp.items = runItem ? [runItem, ...rest.filter((i) => i.expression !== runItem!.expression)] : rest;
      // a refresh (the preview answering) keeps the item the user moved to
      const same = active && !active.isRun ? qp.items.find((i) => i.expression === active.expression && !i.isRun) : undefined;
      if (same) qp.activeItems = [same];
    };
    const suggest = (expression: string, mine: number) => {
      if (!this.suggester) return;
      void this.suggester(source, expression).then((found) => {
        if (mine !== generation) return;
        suggestionItems = found.map((f) => ({ label: f.label, description: f.description, expression: f.expression, isSuggestion: true, alwaysShow: true }));
        render();
      }, () => undefined);
    };
    const preview = (expression: string) => {
      const mine = ++generation;
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
      timer = setTimeout(async () => {
        try {
          const answer = await this.runner.service.run(source, expression, { withSources: false, maxChars: PREVIEW_CHARS * 4, output: this.runner.outputFor(source) });
          if (mine !== generation) return;
          const flat = oneLine(answer.text);
          runItem = {
            ...runItem!, description: `$(check) ${answer.count} value${answer.count === 1 ? '' : 's'} · Enter opens the result`,
            detail: flat === '' ? '(prints nothing: empty object)' : flat.length > PREVIEW_CHARS ? flat.slice(0, PREVIEW_CHARS) + '…' : flat,
          };
        } catch (e) {
          if (mine !== generation) return;
          const err = e as Error & { detail?: { kind: string; column?: number } };
          const where = err.detail?.column !== undefined ? ` at column ${err.detail.column}` : '';
          runItem = { ...runItem!, description: `$(error) ${err.detail?.kind ?? 'error'}${where}`, detail: errorLine(err.message, expression, err.detail?.column) };
        }
        qp.busy = false;
        render();
      }, config.debounceMs);
    };

    return new Promise<string | undefined>((resolve) => {
      let done = false;
      qp.onDidChangeValue(preview);
      qp.onDidTriggerItemButton((e) => {
        qp.value = e.item.expression;
        preview(e.item.expression);
      });
      qp.onDidAccept(async () => {
        const item = qp.activeItems[0];
        if (item?.isSuggestion) {
          qp.value = item.expression;
          preview(item.expression);
          return;
        }
        const expression = item?.expression ?? qp.value;
        if (!expression.trim()) return;
        done = true;
        qp.hide();
        const outcome = await this.runner.runAndShow(source, expression);
        if (outcome.error) {
          await this.runner.report(source, outcome.error);
          resolve(undefined);
        } else {
          await this.remember(expression);
          resolve(outcome.answer!.text);
        }
      });
      qp.onDidHide(() => {
        clearTimeout(timer);
        if (this.current === qp) this.current = undefined;
        qp.dispose();
        if (!done) resolve(undefined);
      });
      render();
      qp.show();
      this.current = qp;
      suggest('', generation);
    });
  }
}

/**
 * The whole error on one line (a quick pick shows one): the message, and for a syntax error the
 * expression with a caret at the column, as `Reservations[?State ==‸]`.
 */
function errorLine(message: string, expression: string, column: number | undefined): string {
  const reason = message.split('\n')[0];
  if (column === undefined) return reason;
  const chars = Array.from(expression);
  return `${reason} ⟶ ${chars.slice(0, column).join('')}‸${chars.slice(column).join('')}`;
}
