// Run & refine: a CodeLens above each read-only `aws` command in shell, PowerShell and cmd scripts
// runs it once (the user's aws, the line's arguments, --output json), opens the output beside the
// script with a query file bound to it (live results through the query-file machinery), and writes
// the refined query back into the line as one undoable edit.
import * as crypto from 'crypto';
import * as path from 'path';
import * as vscode from 'vscode';
import { Commands } from '../../commands';
import { SECTION, readConfig } from '../../config';
import { argvToRun, awsCliEnvironment, cacheKey, commandLabel, environmentToRun, expansionsToResolve, queryToWriteBack, writeBackEdit } from '../../core/aws/awsRun';
import { outputFormatOf } from '../../core/aws/outputLint';
import { readOnlyVerdict } from '../../core/aws/readOnly';
import { CliCommand, expansionRole, findCliCommands } from '../../core/aws/scriptScan';
import { search } from '../../core/jmespath';
import type { OutputFormat } from '../../core/output';
import { ExpansionValue } from '../../core/shell/expand';
import { Expansion, Shell, readCommand } from '../../core/shell/shellWords';
import { queryAtLine, splitQueries } from '../../core/query/queryFile';
import { newGroupBelow } from '../query/queryFileRunner';
import { movedUri } from '../query/queryRunner';
import { Disposable } from '../../dispose';
import { JMESPATH_SELECTOR, SCRIPT_SELECTOR, scriptLanguageOf } from '../../languages';
import { ModelStore } from './modelStore';
import { AwsRunError, INSTALL_URL, runAws } from './runRefineProcess';

export interface RunAwsArgs {
  uri: vscode.Uri | string;
  /** 0-based line where the command starts. */
  line: number;
  /** Values for the line's variables (`ENDPOINT`, `env:AWS_REGION`, `OPTS`), skipping the prompts. */
  variables?: Record<string, string | string[]>;
  /** Run again even when this session already has the output. */
  fresh?: boolean;
  /** Called from the UI: failures are shown as messages instead of rejecting. */
  interactive?: boolean;
}

export interface RunAwsResult {
  outputUri: string;
  queryFileUri: string;
  /** The line's --query (or @) on the output, printed as `aws ... --output json` prints it. */
  result: string;
}

export interface WriteBackArgs {
  uri: vscode.Uri | string;
  line: number;
  expression: string;
}

/** One command line's output, shared by every script line that runs the same command. */
interface CachedOutput {
  outputUri: vscode.Uri;
  at: Date;
}

/**
 * The text of the last few outputs, by file: the rest is read back from the output file when
 * needed (a long session of runs kept every output in memory).
 */
class RecentOutputs {
  private readonly texts = new Map<string, string>();

  constructor(private readonly keep: number) {}

  set(uri: vscode.Uri, text: string): void {
    this.texts.delete(uri.toString());
    this.texts.set(uri.toString(), text);
    for (const key of this.texts.keys()) {
      if (this.texts.size <= this.keep) break;
      this.texts.delete(key);
    }
  }

  async get(uri: vscode.Uri): Promise<string> {
    const text = this.texts.get(uri.toString()) ?? new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    this.set(uri, text);
    return text;
  }
}

/** A script line being refined: its query file, bound to the output. */
interface RunRecord extends CachedOutput {
  key: string;
  script: vscode.Uri;
  line: number;
  service: string;
  operation: string;
  queryFileUri: vscode.Uri;
}

export class RunRefine extends Disposable implements vscode.CodeLensProvider {
  /** Output per command line (argv, folder, AWS_* environment), for this session. */
  private readonly cache = new Map<string, CachedOutput>();
  private readonly outputs = new RecentOutputs(3);
  /** The last run of each script line, for its lenses. */
  private readonly lastRun = new Map<string, RunRecord>();
  /** Query file -> the run it refines. */
  private readonly byQueryFile = new Map<string, RunRecord>();
  /** Values the user typed for variables this session, per script and name. */
  private readonly answers = new Map<string, string>();
  private readonly lensesChanged = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.lensesChanged.event;
  /** Where outputs and their query files are written (outside the workspace). */
  private readonly outputDir: vscode.Uri;
  /** Prints one source's results in a format (the query features' results format; wired at activation). */
  setResultsFormat: ((source: vscode.Uri, format: OutputFormat) => void) | undefined;

  constructor(private readonly models: ModelStore, storage: vscode.Uri) {
    super();
    this.outputDir = vscode.Uri.joinPath(storage, 'aws-output');
    this._register(vscode.languages.registerCodeLensProvider(SCRIPT_SELECTOR.filter((s) => s.language !== 'python'), this));
    this._register(vscode.languages.registerCodeLensProvider(JMESPATH_SELECTOR, { provideCodeLenses: (d) => this.queryFileLenses(d) }));
    this._register(vscode.commands.registerCommand(Commands.runAwsCommand, (args: RunAwsArgs) => this.runCommand(args)));
    this._register(vscode.commands.registerCommand(Commands.rerunAwsCommand, (args?: RunAwsArgs) => {
      if (args) return this.runCommand({ ...args, fresh: true });
      try {
        return this.runCommand({ ...this.argsAtCursor(), fresh: true });
      } catch (e) {
        return showFailure(e);
      }
    }));
    this._register(vscode.commands.registerCommand(Commands.writeQueryBack, (args?: WriteBackArgs & { interactive?: boolean }) => this.writeBackCommand(args)));
    // a script renamed or moved in the editor keeps its runs (trial 19: write-back failed on the old name)
    this._register(vscode.workspace.onDidRenameFiles((e) => this.followRenames(e.files)));
    // the editor asks for lenses again only when told: the setting must show or hide them at once
    this._register(vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SECTION}.awsCli.runRefineCodeLens`)) this.lensesChanged.fire();
    }));
  }

  private followRenames(files: readonly { oldUri: vscode.Uri; newUri: vscode.Uri }[]): void {
    for (const [key, record] of [...this.lastRun]) {
      const script = movedUri(record.script, files);
      if (!script) continue;
      record.script = script;
      this.lastRun.delete(key);
      this.lastRun.set(lineKey(script, record.line), record);
    }
    this.lensesChanged.fire();
  }

  /** Read-only commands this extension can run, on the script lines where they start. */
  runnableCommands(doc: vscode.TextDocument): { cmd: CliCommand; line: number }[] {
    const shell = shellOf(doc);
    if (!shell) return [];
    const out: { cmd: CliCommand; line: number }[] = [];
    for (const cmd of findCliCommands(doc.getText(), shell)) {
      const op = this.models.get(cmd.service)?.operations[cmd.operation];
      if (op && readOnlyVerdict(op).readOnly) out.push({ cmd, line: doc.positionAt(cmd.start).line });
    }
    return out;
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    if (!readConfig().runRefineCodeLens) return [];
    const lenses: vscode.CodeLens[] = [];
    for (const { line } of this.runnableCommands(doc)) {
      const range = new vscode.Range(line, 0, line, 0);
      const args: RunAwsArgs = { uri: doc.uri.toString(), line, interactive: true };
      const last = this.lastRun.get(lineKey(doc.uri, line));
      lenses.push(new vscode.CodeLens(range, {
        title: last ? `$(play) Refine (output from ${last.at.toLocaleTimeString()})` : '$(play) Run & refine',
        tooltip: 'Run this read-only command once with --output json, then refine its --query on the real output',
        command: Commands.runAwsCommand,
        arguments: [args],
      }));
      if (last) {
        lenses.push(new vscode.CodeLens(range, { title: '$(refresh) Re-run', command: Commands.rerunAwsCommand, arguments: [args] }));
        lenses.push(new vscode.CodeLens(range, {
          title: '$(reply) Write back query', tooltip: `Put the query under the cursor in ${path.basename(last.queryFileUri.path)} into this line`,
          command: Commands.writeQueryBack, arguments: [{ uri: doc.uri.toString(), line, interactive: true }],
        }));
      }
    }
    return lenses;
  }

  private queryFileLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const run = this.byQueryFile.get(doc.uri.toString());
    if (!run) return [];
    const target = `${path.basename(run.script.path)} line ${run.line + 1}`;
    return splitQueries(doc.getText()).flatMap((block) => {
      const range = new vscode.Range(block.startLine, 0, block.startLine, 0);
      return [
        new vscode.CodeLens(range, {
          title: `$(reply) Write back to ${target}`, tooltip: `Replace the --query of aws ${run.service} ${run.operation} with this query`,
          command: Commands.writeQueryBack, arguments: [{ uri: run.script.toString(), line: run.line, expression: block.text, interactive: true }],
        }),
        new vscode.CodeLens(range, {
          title: '$(refresh) Re-run aws', command: Commands.rerunAwsCommand,
          arguments: [{ uri: run.script.toString(), line: run.line, interactive: true }],
        }),
      ];
    });
  }

  private argsAtCursor(): RunAwsArgs {
    const editor = vscode.window.activeTextEditor;
    if (!editor) throw new AwsRunError('Open a script and put the cursor on an aws command.', 'no-command');
    const run = this.byQueryFile.get(editor.document.uri.toString());
    if (run) return { uri: run.script, line: run.line, interactive: true };
    const line = editor.selection.active.line;
    const found = this.runnableCommands(editor.document).filter((c) => c.line <= line).pop();
    return { uri: editor.document.uri, line: found?.line ?? line, interactive: true };
  }

  // ---- running ----

  async runCommand(args: RunAwsArgs | undefined): Promise<RunAwsResult | undefined> {
    try {
      return await this.run(args ?? this.argsAtCursor());
    } catch (e) {
      if (args && !args.interactive) throw e;
      await showFailure(e);
      return undefined;
    }
  }

  private async run(args: RunAwsArgs): Promise<RunAwsResult> {
    if (!args || args.uri === undefined || typeof args.line !== 'number') {
      throw new AwsRunError('jmespathAws.runAwsCommand needs { uri, line } (line 0-based, where the command starts).', 'no-command');
    }
    const script = typeof args.uri === 'string' ? vscode.Uri.parse(args.uri) : args.uri;
    const doc = await vscode.workspace.openTextDocument(script);
    const cmd = this.commandAt(doc, args.line);
    const line = doc.positionAt(cmd.start).line;
    const op = this.models.get(cmd.service)?.operations[cmd.operation];
    if (!op) {
      throw new AwsRunError(`Not run: aws ${cmd.service} ${cmd.operation} is not an operation of the AWS models this extension has (EC2, DynamoDB, S3 API), so it cannot tell whether it only reads.`, 'refused');
    }
    const verdict = readOnlyVerdict(op);
    if (!verdict.readOnly) throw new AwsRunError(`Not run: aws ${cmd.service} ${cmd.operation}: ${verdict.reason}. Run & refine runs only commands that read.`, 'refused');

    const values = await this.resolveVariables(doc, cmd, args);
    const { argv, unresolved } = argvToRun(cmd, (e) => values.get(expansionKey(e)));
    const own = environmentToRun(cmd, (e) => values.get(expansionKey(e)));
    const missing = [...unresolved, ...own.unresolved];
    if (missing.length) throw new AwsRunError(`Not run: ${missing[0].name} has no value.`, 'unresolved');
    const folder = vscode.workspace.getWorkspaceFolder(script)?.uri.fsPath ?? (script.scheme === 'file' ? path.dirname(script.fsPath) : undefined);
    const cwd = folder ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? process.cwd();
    const env: NodeJS.ProcessEnv = awsCliEnvironment({ ...process.env, ...own.env });
    const config = readConfig();
    const program = config.awsCliPath || 'aws';
    const key = cacheKey([program, ...argv], cwd, env);

    let output = args.fresh ? undefined : this.cache.get(key);
    // not run: the same command line ran earlier (this or another line): say how old its data is (trial 19)
    const cached = output ? `output from ${output.at.toLocaleTimeString()}, when the same command ran (Re-run for fresh data)` : undefined;
    if (!output) {
      const stdout = await runAws({
        program, argv, cwd, env, timeoutMs: config.awsCliTimeoutSeconds * 1000,
        title: `aws ${cmd.service} ${cmd.operation}`,
      });
      if (!stdout.trim()) throw new AwsRunError(`aws ${cmd.service} ${cmd.operation} printed nothing (exit code 0): there is no output to refine.`, 'not-json');
      try {
        JSON.parse(stdout);
      } catch {
        throw new AwsRunError(`aws ${cmd.service} ${cmd.operation} did not print JSON: ${stdout.slice(0, 200)}`, 'not-json');
      }
      output = await this.saveOutput(cmd, key, stdout);
      this.cache.set(key, output);
      await showFreshOutput(output.outputUri, stdout);
    }
    const previous = this.lastRun.get(lineKey(script, line));
    const record = await this.queryFileFor(doc, line, cmd, key, output, previous?.key === key ? previous : undefined);
    this.lastRun.set(lineKey(script, line), record);
    this.byQueryFile.set(record.queryFileUri.toString(), record);
    this.lensesChanged.fire();
    const shown = await this.show(doc, record, cmd.query?.text, outputFormatOf(cmd, env), cached);
    // again once the panes are open: opening them could cancel the script's refresh (its lens
    // sometimes still said "Run & refine" until the script was clicked)
    this.lensesChanged.fire();
    return shown;
  }

  private commandAt(doc: vscode.TextDocument, line: number): CliCommand {
    const shell = shellOf(doc);
    if (!shell) throw new AwsRunError(`Run & refine works in shell, PowerShell and cmd scripts; ${path.basename(doc.uri.path)} is ${doc.languageId}.`, 'no-command');
    const commands = findCliCommands(doc.getText(), shell);
    // the line where the command starts; else one of its continuation lines
    const cmd = commands.find((c) => doc.positionAt(c.start).line === line)
      ?? commands.find((c) => doc.positionAt(c.start).line < line && line <= doc.positionAt(c.end).line);
    if (!cmd) throw new AwsRunError(`No aws <service> <operation> command starts on line ${line + 1} of ${path.basename(doc.uri.path)}.`, 'no-command');
    return cmd;
  }

  /** Values for the line's variables: given, from the environment, or asked for (never left unresolved). */
  private async resolveVariables(doc: vscode.TextDocument, cmd: CliCommand, args: RunAwsArgs): Promise<Map<string, ExpansionValue>> {
    const values = new Map<string, ExpansionValue>();
    const text = doc.getText();
    for (const e of expansionsToResolve(cmd)) {
      const given = args.variables?.[e.name] ?? args.variables?.[sourceOf(text, e)];
      if (given !== undefined) {
        values.set(expansionKey(e), given);
        continue;
      }
      const fromEnv = environmentValue(e, cmd.shell);
      const assigned = e.kind === 'variable' ? scriptAssignment(text.slice(0, cmd.start), e.name, cmd.shell) : undefined;
      if (fromEnv !== undefined && assigned === undefined) {
        values.set(expansionKey(e), fromEnv);
        continue;
      }
      const remembered = this.answers.get(`${doc.uri}#${sourceOf(text, e)}`);
      const source = sourceOf(text, e);
      const role = expansionRole(cmd, e);
      // an option's value cannot be nothing: `--region` alone stops aws with a usage error (trial 15)
      const option = role?.startsWith('the value of ') ? role.slice('the value of '.length) : undefined;
      const why = assigned !== undefined ? `The script sets it (${assigned.trim().slice(0, 80)}).` : 'Not set in the environment VS Code runs with.';
      const typed = await vscode.window.showInputBox({
        title: `Value of ${source} for ${commandLabel(cmd, 60)}`,
        prompt: `${why} Type the value to run with${e.kind === 'list' ? ' (words, quoted as in the script)' : ''}${option ? '' : '; empty for none'}.` +
          (role ? ` It stands for ${role}.` : ''),
        value: remembered ?? fromEnv ?? simpleLiteral(assigned) ?? '',
        ignoreFocusOut: true,
        validateInput: (v) => (option && v.trim() === '' ? `${option} needs a value: empty, aws stops with a usage error.` : undefined),
      });
      if (typed === undefined) throw new AwsRunError(`Not run: ${source} has no value (the command is never run with an unresolved variable).`, 'unresolved');
      this.answers.set(`${doc.uri}#${source}`, typed);
      values.set(expansionKey(e), e.kind === 'list' || e.kind === 'command' ? splitTyped(typed, cmd.shell) : typed);
    }
    return values;
  }

  private async saveOutput(cmd: CliCommand, key: string, stdout: string): Promise<CachedOutput> {
    const dir = this.outputDir;
    await vscode.workspace.fs.createDirectory(dir);
    const outputUri = vscode.Uri.joinPath(dir, `${cmd.service}-${cmd.operation}-${hashOf(key)}.json`);
    await vscode.workspace.fs.writeFile(outputUri, new TextEncoder().encode(stdout));
    this.outputs.set(outputUri, stdout);
    return { outputUri, at: new Date() };
  }

  /** The line's query file: a first run this session starts from the line's own query; a re-run keeps the user's edits. */
  private async queryFileFor(doc: vscode.TextDocument, line: number, cmd: CliCommand, key: string, output: CachedOutput, previous?: RunRecord): Promise<RunRecord> {
    const scriptName = path.basename(doc.uri.path);
    const queryFileUri = previous?.queryFileUri ?? vscode.Uri.joinPath(this.outputDir,
      `${scriptName.replace(/[^\w.-]+/g, '_')}-L${line + 1}-${cmd.service}-${cmd.operation}-${hashOf(doc.uri.toString() + key)}.jmespath`);
    if (!previous) {
      // (the command without its --query, which is below and changes as it is refined and written back)
      const header = `# Refine the --query of ${scriptName} line ${line + 1}: ${commandLabel(cmd, 70, { withoutQuery: true })}\n` +
        '# Edit the query: results refresh live. "Write back" puts it into the script (one undo step).\n\n';
      await vscode.workspace.fs.writeFile(queryFileUri, new TextEncoder().encode(`${header}${cmd.query?.text ?? '@'}\n`));
    }
    return { ...output, key, script: doc.uri, line, service: cmd.service, operation: cmd.operation, queryFileUri };
  }

  /** `lineFormat`: what the line prints in (its --output), which the results then print in (the format switch can change it again). */
  private async show(script: vscode.TextDocument, run: RunRecord, lineQuery: string | undefined, lineFormat: OutputFormat | undefined, cached?: string): Promise<RunAwsResult> {
    const scriptEditor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === script.uri.toString());
    // an earlier run's output and query file are still showing: this run's go into the same panes
    const earlier = (ext: string): vscode.ViewColumn | undefined => vscode.window.visibleTextEditors.find((e) =>
      e !== scriptEditor && e.document.uri.path.startsWith(`${this.outputDir.path}/`) && e.document.uri.path.endsWith(ext))?.viewColumn;
    const beside = scriptEditor?.viewColumn !== undefined ? scriptEditor.viewColumn + 1 : vscode.ViewColumn.Beside;
    const queryColumn = earlier('.jmespath');
    const outputColumn = earlier('.json') ?? beside;
    let outputEditor: vscode.TextEditor | undefined;
    try {
      outputEditor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(run.outputUri), { viewColumn: outputColumn, preview: false });
    } catch {
      // over 50 MB VS Code shows the file but does not hand it to extensions; the query file
      // reads it from disk
      await vscode.commands.executeCommand('vscode.open', run.outputUri, { viewColumn: outputColumn, preview: false });
    }
    // what aws printed, not to be edited: a stray key corrupted it, and Ctrl+Z there quietly took
    // a Re-run's data back to the run before (trial 15)
    await vscode.commands.executeCommand('workbench.action.files.setActiveEditorReadonlyInSession');
    await vscode.commands.executeCommand(Commands.bindQueryFile, run.outputUri.toString(), run.queryFileUri.toString());
    const queryDoc = await vscode.workspace.openTextDocument(run.queryFileUri);
    // the output stays visible beside the script, the query file under it (and its results under
    // that): two columns wide enough to read, not three narrow ones
    const shown = vscode.window.visibleTextEditors.find((e) => e.document === queryDoc);
    const queryEditor = await vscode.window.showTextDocument(queryDoc, { viewColumn: shown?.viewColumn ?? queryColumn ?? (await newGroupBelow(outputEditor ?? 'active')) ?? vscode.ViewColumn.Beside, preview: false });
    // the results look like what the line prints (json is run and cached; the format is only
    // printing), these results only: other results keep the chosen format (trial 19)
    if (lineFormat) this.setResultsFormat?.(run.outputUri, lineFormat);
    const notes = [
      lineFormat && `results printed as --output ${lineFormat}, as ${path.basename(script.uri.path)} line ${run.line + 1} prints them`,
      cached,
    ].filter(Boolean);
    if (notes.length) vscode.window.setStatusBarMessage(`$(${cached ? 'history' : 'output'}) ${notes.join('; ')}`, 10000);
    const block = splitQueries(queryDoc.getText()).pop();
    if (block) {
      const pos = new vscode.Position(block.startLine, 0);
      queryEditor.selection = new vscode.Selection(pos, pos);
      await vscode.commands.executeCommand(Commands.runQuery, block.text, run.queryFileUri.toString());
    }
    const expression = lineQuery ?? '@';
    let result: string;
    try {
      result = search(expression, await this.outputs.get(run.outputUri));
    } catch (e) {
      result = e instanceof Error ? e.message : String(e);
    }
    return { outputUri: run.outputUri.toString(), queryFileUri: run.queryFileUri.toString(), result };
  }

  // ---- writing back ----

  async writeBackCommand(args?: WriteBackArgs & { interactive?: boolean }): Promise<string | undefined> {
    try {
      return await this.writeBack(args ?? this.writeBackArgsAtCursor());
    } catch (e) {
      if (args && !args.interactive) throw e;
      await showFailure(e);
      return undefined;
    }
  }

  private writeBackArgsAtCursor(): WriteBackArgs & { interactive: boolean } {
    const editor = vscode.window.activeTextEditor;
    const run = editor && this.byQueryFile.get(editor.document.uri.toString());
    if (!editor || !run) throw new AwsRunError('Put the cursor in a query of a Run & refine query file.', 'no-command');
    const block = queryAtLine(splitQueries(editor.document.getText()), editor.selection.active.line);
    if (!block) throw new AwsRunError('Put the cursor inside a query (queries are separated by blank lines).', 'no-command');
    return { uri: run.script, line: run.line, expression: block.text, interactive: true };
  }

  private async writeBack(args: WriteBackArgs): Promise<string> {
    if (!args || args.uri === undefined || typeof args.line !== 'number') {
      throw new AwsRunError('jmespathAws.writeQueryBack needs { uri, line, expression }.', 'no-command');
    }
    const script = typeof args.uri === 'string' ? vscode.Uri.parse(args.uri) : args.uri;
    let expression = args.expression;
    if (expression === undefined) {
      // from a script lens: the query under the cursor in this line's query file
      const run = this.lastRun.get(lineKey(script, args.line));
      const queryDoc = run && vscode.workspace.textDocuments.find((d) => d.uri.toString() === run.queryFileUri.toString());
      const editor = queryDoc && vscode.window.visibleTextEditors.find((e) => e.document === queryDoc);
      const blocks = queryDoc ? splitQueries(queryDoc.getText()) : [];
      const block = (editor && queryAtLine(blocks, editor.selection.active.line)) ?? blocks[blocks.length - 1];
      if (!block) throw new AwsRunError('Run & refine this command first: there is no refined query to write back.', 'no-command');
      expression = block.text;
    }
    const checked = queryToWriteBack(expression);
    if ('error' in checked) throw new AwsRunError(checked.error, 'refused');
    const doc = await vscode.workspace.openTextDocument(script);
    const cmd = this.commandAt(doc, args.line);
    const edit = writeBackEdit(cmd, checked.expression);
    const we = new vscode.WorkspaceEdit();
    we.replace(doc.uri, new vscode.Range(doc.positionAt(edit.start), doc.positionAt(edit.end)), edit.text);
    if (!(await vscode.workspace.applyEdit(we))) throw new AwsRunError(`Could not edit ${path.basename(script.path)}.`, 'cli-error');
    // the line in sight from its start: the script's pane is often narrow (trial 12), and revealing
    // the end of a long line left the script scrolled sideways, its left half blank (trial 15)
    const lineStart = new vscode.Position(doc.positionAt(edit.start).line, 0);
    vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === doc.uri.toString())?.revealRange(new vscode.Range(lineStart, lineStart), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    vscode.window.setStatusBarMessage(`$(check) Query written back to ${path.basename(script.path)} line ${args.line + 1} (Ctrl+Z there undoes it)`, 8000);
    const updated = this.commandAt(doc, args.line);
    const lines: string[] = [];
    for (let l = doc.positionAt(updated.start).line; l <= doc.positionAt(updated.end).line; l++) lines.push(doc.lineAt(l).text);
    return lines.join(doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n');
  }
}

function shellOf(doc: vscode.TextDocument): Shell | undefined {
  const language = scriptLanguageOf(doc.languageId);
  return language === 'python' ? undefined : language;
}

function hashOf(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex').slice(0, 8);
}

function lineKey(uri: vscode.Uri, line: number): string {
  return `${uri.toString()}#${line}`;
}

function expansionKey(e: Expansion): string {
  return `${e.kind}:${e.name}`;
}

function sourceOf(text: string, e: Expansion): string {
  return text.slice(e.start, e.end);
}

/** The variable's value in the environment VS Code runs with ($X, $env:X, %X%); shell-only variables have none. */
function environmentValue(e: Expansion, shell: Shell): string | undefined {
  if (e.kind !== 'variable') return undefined;
  let name = e.name;
  if (shell === 'powershell') {
    if (!/^env:/i.test(name)) return undefined;
    name = name.slice(4);
  }
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return undefined;
  if (shell === 'bash') return process.env[name];
  const key = Object.keys(process.env).find((k) => k.toUpperCase() === name.toUpperCase());
  return key === undefined ? undefined : process.env[key];
}

/** The right-hand side of the last assignment to `name` in the script before the command, if any. */
function scriptAssignment(before: string, name: string, shell: Shell): string | undefined {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = shell === 'bash'
    ? new RegExp(`^[ \\t]*(?:export[ \\t]+|local[ \\t]+|readonly[ \\t]+|declare(?:[ \\t]+-\\w+)*[ \\t]+)?${escaped}=(.*)$`, 'gm')
    : shell === 'powershell'
      ? new RegExp(`^[ \\t]*\\$${escaped}[ \\t]*=(.*)$`, 'gim')
      : new RegExp(`^[ \\t]*@?set[ \\t]+"?${escaped}=(.*?)"?[ \\t]*$`, 'gim');
  let last: string | undefined;
  for (let m = re.exec(before); m; m = re.exec(before)) last = m[1];
  return last;
}

/** `us-east-1`, `'us-east-1'`, "us-east-1" as a default for the prompt; anything with expansions is not a default. */
function simpleLiteral(assigned: string | undefined): string | undefined {
  const m = assigned && /^\s*(?:'([^']*)'|"([^"$`]*)"|([^\s'"$`;|&()]*))\s*$/.exec(assigned);
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
}

function splitTyped(typed: string, shell: Shell): string[] {
  return readCommand(typed, 0, shell).words.map((w) => w.text);
}

async function showFailure(e: unknown): Promise<void> {
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof AwsRunError && e.kind === 'cancelled') return;
  if (e instanceof AwsRunError && e.kind === 'not-installed') {
    const install = 'How to Install';
    const settings = 'Set Path';
    const pick = await vscode.window.showErrorMessage(message, install, settings);
    if (pick === install) await vscode.env.openExternal(vscode.Uri.parse(INSTALL_URL));
    if (pick === settings) await vscode.commands.executeCommand('workbench.action.openSettings', 'jmespathAws.awsCli.path');
    return;
  }
  void vscode.window.showErrorMessage(message);
}

/**
 * A re-run's output into its open document at once: the file lives in the extension's storage,
 * outside the workspace, where VS Code may never notice it changed (and the query would run on
 * the old text). One edit, saved: the document is the file again.
 */
async function showFreshOutput(outputUri: vscode.Uri, text: string): Promise<void> {
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === outputUri.toString());
  if (!doc || doc.getText() === text) return;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
  if (await vscode.workspace.applyEdit(edit)) await doc.save();
}
