// Runs a query against a JSON source and shows the outcome everywhere it belongs: the results
// editor, highlights in the source, and (for failures) a message that says what to do.
import * as vscode from 'vscode';
import { readConfig } from '../../config';
import { ResultHighlights } from './highlights';
import { CancelledError, QueryError, QueryService, basename, openDocument } from './queryService';
import { ResultsView } from './resultsView';
import { ResultsFormat, languageOfFormat } from './resultsFormat';
import type { OutputFormat, OutputOptions } from '../../core/output';
import type { QueryAnswer } from '../../shared/queryProtocol';

export interface RunOutcome {
  answer?: QueryAnswer;
  error?: QueryError | CancelledError | Error;
}

export class QueryRunner {
  /** The last query shown per source, re-run when the results format changes. */
  private readonly lastRun = new Map<string, { source: vscode.Uri; expression: string }>();

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

  /** Runs and shows; never throws (errors are shown in the results editor and returned). */
  async runAndShow(source: vscode.Uri, expression: string, options: { reveal?: boolean; output?: OutputFormat } = {}): Promise<RunOutcome> {
    const reveal = options.reveal ?? true;
    const output = this.outputFor(source, options.output);
    this.lastRun.set(source.toString(), { source, expression });
    try {
      // the result first (fast read); the offsets for highlights need the exact reader, so they follow
      const answer = await this.service.run(source, expression, { withSources: false, output });
      const notice = answer.truncated ? `\n… result cut at ${answer.text.length.toLocaleString()} characters (setting jmespathAws.query.maxResultChars)\n` : '';
      await this.results.show(source, answer.text + notice, reveal, languageOfFormat(output.output ?? 'json'));
      this.highlights.clear();
      const doc = openDocument(source);
      if (doc && readConfig().highlightEnabled) {
        const version = doc.version;
        const traced = await this.service.run(source, expression, { withSources: true });
        if (doc.version === version) {
          const computed = traced.computed || (traced.ranges.length === 0 && traced.count > 0)
            ? { text: oneLine(traced.text), anchor: traced.anchor }
            : undefined;
          this.highlights.set(source, version, traced.ranges, traced.count, computed);
        }
      }
      return { answer };
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      if (!(error instanceof CancelledError)) await this.results.show(source, `${error.message}\n`, reveal, 'plaintext');
      this.highlights.clear();
      return { error };
    }
  }

  /** Re-prints every results editor still showing, in the newly chosen format. */
  private async rerunShown(): Promise<void> {
    for (const { source, expression } of [...this.lastRun.values()]) {
      if (this.results.isOpen(source)) await this.runAndShow(source, expression, { reveal: false });
      else this.lastRun.delete(source.toString());
    }
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
    const firstLine = error.message.split('\n')[0];
    void vscode.window.showErrorMessage(`JMESPath: ${firstLine}`);
  }
}

export async function revealPosition(uri: vscode.Uri, line: number, character: number): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  const pos = new vscode.Position(line, character);
  editor.selection = new vscode.Selection(pos, pos);
  editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenter);
}

/** Asks for a JSON file when there is no JSON to query (the active editor is something else). */
export async function pickJsonFile(reason: string): Promise<vscode.Uri | undefined> {
  const files = await vscode.workspace.findFiles('**/*.json', '**/node_modules/**', 500);
  const browse = '$(folder-opened) Browse...';
  const items = [
    ...files.map((f) => ({ label: vscode.workspace.asRelativePath(f), uri: f as vscode.Uri | undefined })),
    { label: browse, uri: undefined },
  ];
  const pick = await vscode.window.showQuickPick(items, { title: reason, placeHolder: 'Pick a JSON file to query' });
  if (!pick) return undefined;
  if (pick.uri) return pick.uri;
  const chosen = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { JSON: ['json'] } });
  return chosen?.[0];
}

/** Printed JSON on one line, for previews and inline text. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
