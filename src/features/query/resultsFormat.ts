// The output format the results editor, the palette preview and query files print in (json, text,
// table, yaml, yaml-stream: what `aws --output F` prints), chosen from the results editor's title
// bar or the status bar, and remembered per workspace.
import * as vscode from 'vscode';
import { ServiceModel, tableTitleForName } from '../../core/aws/model';
import { OUTPUT_FORMATS, OutputFormat, OutputOptions, isOutputFormat } from '../../core/output';
import { Commands } from '../../commands';
import { Disposable } from '../../dispose';
import { stripJsonExtension } from '../../languages';
import { basename } from './queryService';
import { ResultsView } from './resultsView';

const STATE_KEY = 'jmespathAws.resultsFormat';
const CHOOSE_FORMAT_COMMAND = Commands.chooseResultsFormat;
export const FORMAT_CONTEXT_KEY = 'jmespathAws.resultsFormat';

const DESCRIPTIONS: Record<OutputFormat, string> = {
  json: 'aws --output json (default)',
  text: 'aws --output text: tab-separated, objects in sorted key order',
  table: 'aws --output table: titled with the operation name',
  yaml: 'aws --output yaml (AWS CLI v2)',
  'yaml-stream': 'aws --output yaml-stream (AWS CLI v2)',
};

/** The language a results editor shows a format in: text and table are plain text (no JSON problems). */
export function languageOfFormat(format: OutputFormat): string {
  return format === 'json' ? 'json' : format === 'yaml' || format === 'yaml-stream' ? 'yaml' : 'plaintext';
}

/** The table title for a source, from its file name (see tableTitleForName). */
export function tableTitleFor(source: vscode.Uri, models: readonly ServiceModel[] = []): string {
  return tableTitleForName(stripJsonExtension(basename(source)), models);
}

export class ResultsFormat extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<OutputFormat>());
  readonly onDidChange = this.changed.event;
  private readonly status = this._register(vscode.window.createStatusBarItem('jmespathAws.resultsFormat', vscode.StatusBarAlignment.Right, 100));

  /** The AWS service models whose operations name tables (read on first use). */
  models: () => readonly ServiceModel[] = () => [];

  constructor(private readonly state: vscode.Memento, private readonly resultScheme: string) {
    super();
    this.status.name = 'JMESPath Results Format';
    this.status.command = CHOOSE_FORMAT_COMMAND;
    // from the results tab's title bar the first argument is the tab's URI: ask, as with no format
    this._register(vscode.commands.registerCommand(CHOOSE_FORMAT_COMMAND, (format?: unknown) => this.choose(format instanceof vscode.Uri ? undefined : format as string | undefined)));
    this._register(vscode.window.onDidChangeVisibleTextEditors(() => this.updateStatus()));
    this._register(vscode.window.onDidChangeActiveTextEditor(() => this.updateStatus()));
    this.updateStatus();
    void vscode.commands.executeCommand('setContext', FORMAT_CONTEXT_KEY, this.current);
  }

  get current(): OutputFormat {
    const saved = this.state.get<string>(STATE_KEY);
    return isOutputFormat(saved) ? saved : 'json';
  }

  /** Formats of single sources (Run & refine's output prints as its line does), until a format is chosen. */
  private readonly bySource = new Map<string, OutputFormat>();

  /** Prints the results of `source` in `format`, leaving the chosen format for everything else (trial 19: refining a table line turned every result into a table). */
  setFor(source: vscode.Uri, format: OutputFormat): void {
    this.bySource.set(source.toString(), format);
    this.updateStatus();
  }

  /** The format results of `source` print in. */
  formatFor(source: vscode.Uri): OutputFormat {
    return this.bySource.get(source.toString()) ?? this.current;
  }

  /** How to print results of `source` (an explicit format wins over the source's, then the chosen one). */
  optionsFor(source: vscode.Uri, format: OutputFormat = this.formatFor(source)): OutputOptions {
    // only a table has a title (naming it may read the AWS models)
    return { output: format, title: format === 'table' ? tableTitleFor(source, this.models()) : undefined };
  }

  /** Sets the format (asks with a quick pick when none is given); returns the format in use. */
  async choose(format?: string): Promise<OutputFormat | undefined> {
    if (format !== undefined && !isOutputFormat(format)) {
      void vscode.window.showErrorMessage(`Unknown output format "${format}": expected one of ${OUTPUT_FORMATS.join(', ')}.`);
      return undefined;
    }
    let chosen: OutputFormat | undefined = format;
    if (chosen === undefined) {
      // the format in use marked and first in focus (`picked` shows nothing in a single-choice pick: trial 18)
      const items = OUTPUT_FORMATS.map((f) => ({
        label: f === this.current ? `$(check) ${f}` : f, format: f,
        description: f === this.current ? `${DESCRIPTIONS[f]} · in use` : DESCRIPTIONS[f],
      }));
      const qp = vscode.window.createQuickPick<(typeof items)[number]>();
      qp.items = items;
      qp.activeItems = items.filter((i) => i.format === this.current);
      qp.title = 'Results format (as `aws --output` prints)';
      qp.placeholder = `now: ${this.current}`;
      chosen = await new Promise<OutputFormat | undefined>((resolve) => {
        qp.onDidAccept(() => {
          resolve(qp.selectedItems[0]?.format);
          qp.hide();
        });
        qp.onDidHide(() => {
          resolve(undefined);
          qp.dispose();
        });
        qp.show();
      });
    }
    if (chosen === undefined) return undefined;
    // a format chosen is for every result, those of a single source too
    const overridden = this.bySource.size > 0;
    this.bySource.clear();
    if (chosen !== this.current || overridden) {
      await this.state.update(STATE_KEY, chosen);
      await vscode.commands.executeCommand('setContext', FORMAT_CONTEXT_KEY, chosen);
      this.updateStatus();
      this.changed.fire(chosen);
    }
    return chosen;
  }

  private updateStatus(): void {
    const results = vscode.window.visibleTextEditors.filter((e) => e.document.uri.scheme === this.resultScheme);
    if (results.length) {
      // the format of the results in front
      const front = results.find((e) => e === vscode.window.activeTextEditor) ?? results[0];
      const format = this.formatFor(ResultsView.sourceOf(front.document.uri));
      this.status.text = `$(output) ${format}`;
      this.status.tooltip = `Results printed as \`aws --output ${format}\`: click to choose another format`;
      this.status.show();
    } else {
      this.status.hide();
    }
  }
}
