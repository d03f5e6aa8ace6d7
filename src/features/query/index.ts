// Wires the query features to the editor.
import * as vscode from 'vscode';
import { Commands } from '../../commands';
import { SECTION } from '../../config';
import { JSON_SELECTOR } from '../../languages';
import { ResultsFollowSources } from './followSources';
import { ResultHighlights } from './highlights';
import { JsonPaths } from './jsonPaths';
import { PaletteQuery } from './paletteQuery';
import { RecentEdits } from './keysTypedEarly';
import { QueryFileBindings } from './queryFileBindings';
import { QueryFileLenses } from './queryFileLenses';
import { QueryFileRunner } from './queryFileRunner';
import { QueryRunner, openPickers } from './queryRunner';
import { QueryService } from './queryService';
import { RESULT_SCHEME, ResultsView } from './resultsView';
import { ResultsFormat } from './resultsFormat';
import type { OutputFormat } from '../../core/output';

export interface QueryFeatures {
  runner: QueryRunner;
  bindings: QueryFileBindings;
  queryFiles: QueryFileRunner;
  palette: PaletteQuery;
  /** The JSON picker while it is open (tests read what it offers). */
  pickers: typeof openPickers;
  /** Recent edits of each document: keys typed while a palette or panel opens are taken back out of them. */
  recentEdits: RecentEdits;
}

/** How long after activation results tabs dropped by a window reload are brought back. */
const RESTORE_TABS_AFTER_MS = 1500;

export function registerQueryFeatures(context: vscode.ExtensionContext): QueryFeatures {
  const service = new QueryService(vscode.Uri.joinPath(context.extensionUri, 'dist').fsPath);
  const results = new ResultsView(context.workspaceState);
  const highlights = new ResultHighlights();
  const format = new ResultsFormat(context.workspaceState, RESULT_SCHEME);
  const runner = new QueryRunner(service, results, highlights, format);
  // a results tab restored after a reload shows its query's result again (not a result of a result: its source is gone)
  results.rerun = (source, expression, origin, viewColumn) => source.scheme === RESULT_SCHEME
    ? Promise.resolve()
    : runner.runAndShow(source, expression, { reveal: viewColumn !== undefined, viewColumn, origin, highlight: false });
  // results follow their JSON as it is edited or changes on disk (a stale one too: trial 15, 16)
  const following = new ResultsFollowSources(results, (source) => runner.refresh(source));
  // done with a query's results, done with its highlights (trial 16: they stayed, with the count)
  context.subscriptions.push(results.onDidClose((source) => highlights.clearOn(source)));
  // (once the editors VS Code restores are in place)
  const restoring = setTimeout(() => results.restoreTabs(), RESTORE_TABS_AFTER_MS);
  context.subscriptions.push({ dispose: () => clearTimeout(restoring) });
  const recentEdits = new RecentEdits();
  const palette = new PaletteQuery(runner, context.workspaceState, recentEdits);
  const bindings = new QueryFileBindings(service, context.workspaceState);
  const queryFiles = new QueryFileRunner(runner, bindings);
  const lenses = new QueryFileLenses(bindings);
  const paths = new JsonPaths(service);

  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!e.affectsConfiguration(SECTION)) return;
      await runner.applySettings(e);
    }),
    service, results, following, highlights, bindings, queryFiles, lenses, format, recentEdits,
    vscode.workspace.onDidRenameFiles((e) => runner.followRenames(e.files)),
    vscode.workspace.onDidOpenTextDocument((doc) => runner.opened(doc)),
    vscode.languages.registerHoverProvider(JSON_SELECTOR, paths),
    vscode.commands.registerCommand(Commands.query, (expression?: string, uri?: vscode.Uri | string, options?: { show?: boolean; output?: OutputFormat }) =>
      palette.command(expression, uri, options)),
    vscode.commands.registerCommand(Commands.queryFromKeyboard, () => palette.command()),
    vscode.commands.registerCommand(Commands.runQuery, (expression: string, queryFile?: vscode.Uri | string) =>
      queryFiles.run(expression, queryFile)),
    vscode.commands.registerCommand(Commands.runQueryAtCursor, () => queryFiles.runAtCursor()),
    vscode.commands.registerCommand(Commands.newQueryFile, (json?: vscode.Uri | string) => bindings.newQueryFile(json)),
    vscode.commands.registerCommand(Commands.bindQueryFile, (json?: vscode.Uri | string, queryFile?: vscode.Uri | string) =>
      bindings.bindCommand(json, queryFile)),
    vscode.commands.registerCommand(Commands.clearHighlights, () => highlights.clearFromKey()),
    vscode.commands.registerCommand(Commands.nextResult, () => highlights.go(1)),
    vscode.commands.registerCommand(Commands.previousResult, () => highlights.go(-1)),
    vscode.commands.registerCommand(Commands.copyPath, (args?: { projected?: boolean; uri?: string; offset?: number }) =>
      paths.copyPath(args)),
  );
  return { runner, bindings, queryFiles, palette, pickers: openPickers, recentEdits };
}
