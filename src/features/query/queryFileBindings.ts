// Which JSON file each `.jmespath` query file runs against: remembered per workspace, shown in the
// status bar, changed with `JMESPath: Bind Query File to JSON...`; and creating a query file for a JSON.
import * as path from 'path';
import * as vscode from 'vscode';
import { Commands } from '../../commands';
import { Disposable } from '../../dispose';
import { splitQueries } from '../../core/query/queryFile';
import { JMESPATH_LANGUAGE_ID, isJsonPath, stripJsonExtension } from '../../languages';
import { movedUri, pickJsonFile } from './queryRunner';
import { QueryService, basename, openDocument, shownName } from './queryService';

const BINDINGS_KEY = 'jmespathAws.queryFileBindings';
const LAST_BOUND_KEY = 'jmespathAws.lastBoundJson';
/** The header a query file names its JSON with (written by `New Query File`, used by the samples). */
const HEADER = /^#\s*Queries against\s+(\S+?\.jsonc?)(?=[\s:(]|$)/im;

/** The JSON a query file's header comment names, resolved beside the query file, and where the name is in the text. */
function headerName(queryFile: vscode.Uri, text: string): { uri: vscode.Uri; start: number; length: number } | undefined {
  const m = HEADER.exec(text.slice(0, 2000));
  if (!m) return undefined;
  return { uri: vscode.Uri.joinPath(queryFile, '..', m[1]), start: m.index + m[0].length - m[1].length, length: m[1].length };
}

/** The JSON a query file's header comment names, resolved beside the query file. */
export function headerBinding(queryFile: vscode.Uri, text: string): vscode.Uri | undefined {
  return headerName(queryFile, text)?.uri;
}

export class QueryFileBindings extends Disposable {
  private readonly status = this._register(vscode.window.createStatusBarItem('jmespathAws.binding', vscode.StatusBarAlignment.Right, 100));
  private readonly changed = this._register(new vscode.EventEmitter<{ queryFile: vscode.Uri; json: vscode.Uri; renamed?: boolean }>());
  /** Fires after a query file is bound (or re-bound) to a JSON file; `renamed`: because one of them was renamed (its result follows by itself). */
  readonly onDidChangeBinding = this.changed.event;

  constructor(private readonly service: QueryService, private readonly state: vscode.Memento) {
    super();
    this.status.name = 'JMESPath Query File Source';
    this.status.command = Commands.bindQueryFile;
    this._register(vscode.window.onDidChangeActiveTextEditor(() => this.updateStatus()));
    this._register(vscode.workspace.onDidChangeTextDocument((e) => void this.followHeader(e)));
    this._register(vscode.workspace.onDidRenameFiles((e) => void this.followRenames(e.files)));
    this.updateStatus();
  }

  /**
   * Files renamed or moved in the editor (Explorer, F2, a refactoring): bindings follow their JSON
   * and their query file, and headers name the new path (trial 18: the next run failed with
   * `ENOENT ... stat`). Moves outside the editor are not seen; a run then says the file is gone.
   */
  private async followRenames(files: readonly { oldUri: vscode.Uri; newUri: vscode.Uri }[]): Promise<void> {
    const moved = (uri: vscode.Uri): vscode.Uri | undefined => movedUri(uri, files);
    const rebind = new Map<string, { queryFile: vscode.Uri; json: vscode.Uri }>();
    const stored = this.state.get<Record<string, string>>(BINDINGS_KEY, {});
    const next: Record<string, string> = {};
    for (const [qf, json] of Object.entries(stored)) {
      const queryFile = moved(vscode.Uri.parse(qf)) ?? vscode.Uri.parse(qf);
      const newJson = moved(vscode.Uri.parse(json));
      next[queryFile.toString()] = (newJson ?? vscode.Uri.parse(json)).toString();
      if (newJson || queryFile.toString() !== qf) rebind.set(queryFile.toString(), { queryFile, json: newJson ?? vscode.Uri.parse(json) });
    }
    // query files bound by their header alone: those that moved, and those naming a JSON that moved
    const queryFiles = new Map<string, { now: vscode.Uri; before: vscode.Uri }>();
    for (const { oldUri, newUri } of files) {
      if (/\.jmespath$/i.test(newUri.path)) queryFiles.set(newUri.toString(), { now: newUri, before: oldUri });
    }
    // (only when a JSON or a folder moved, that a header may name: not for every file renamed)
    if (await someJsonOrFolder(files.map((f) => f.newUri))) {
      for (const uri of await vscode.workspace.findFiles('**/*.jmespath', '**/node_modules/**', 500)) {
        if (!queryFiles.has(uri.toString())) queryFiles.set(uri.toString(), { now: uri, before: uri });
      }
    }
    for (const { now, before } of queryFiles.values()) {
      if (rebind.has(now.toString()) || next[now.toString()]) continue;
      const named = headerBinding(before, await textOf(now));
      const json = named && (moved(named) ?? (before.toString() !== now.toString() ? named : undefined));
      if (json) rebind.set(now.toString(), { queryFile: now, json });
    }
    await this.state.update(BINDINGS_KEY, next);
    for (const { queryFile, json } of rebind.values()) {
      // (a closed query file is opened in the background, for its header to be edited and saved)
      if (!openDocument(queryFile)) await vscode.workspace.openTextDocument(queryFile).then(undefined, () => undefined);
      await this.bind(queryFile, json, false, true);
    }
  }

  /**
   * A header edited to name another existing JSON (an undo of a re-bind, a name typed) binds the
   * file to it: the header and the binding never disagree (trial 14: after Ctrl+Z the header named
   * the old JSON while the queries ran on the new one).
   */
  private async followHeader(e: vscode.TextDocumentChangeEvent): Promise<void> {
    const doc = e.document;
    if (doc.languageId !== JMESPATH_LANGUAGE_ID || e.contentChanges.length === 0) return;
    const stored = this.storedBinding(doc.uri);
    const named = headerBinding(doc.uri, doc.getText());
    if (!stored || !named || named.toString() === stored) return;
    try {
      if ((await vscode.workspace.fs.stat(named)).type !== vscode.FileType.File) return;
    } catch {
      return; // (a name half typed)
    }
    // still what the header names, and not bound to it meanwhile
    if (doc.isClosed || headerBinding(doc.uri, doc.getText())?.toString() !== named.toString() || this.bindingOf(doc.uri)?.toString() === named.toString()) return;
    // (an undo then a redo, quickly: renaming the header here would undo the redo)
    await this.bind(doc.uri, named, true);
  }

  /** The JSON the query file runs against: the one bound to it, else the one its header comment names. */
  bindingOf(queryFile: vscode.Uri): vscode.Uri | undefined {
    const uri = this.storedBinding(queryFile);
    if (uri) return vscode.Uri.parse(uri);
    const doc = openDocument(queryFile);
    return doc ? headerBinding(queryFile, doc.getText()) : undefined;
  }

  /** The JSON bound to the query file (as a URI string), not counting its header. */
  private storedBinding(queryFile: vscode.Uri): string | undefined {
    return this.state.get<Record<string, string>>(BINDINGS_KEY, {})[queryFile.toString()];
  }

  /** Forgets which JSON was bound last (it is offered first when binding another query file). */
  async forgetLastBound(): Promise<void> {
    await this.state.update(LAST_BOUND_KEY, undefined);
  }

  /** JSON files most likely meant for `queryFile`, best first (for the picker). */
  private likelyJson(queryFile: vscode.Uri): { uri: vscode.Uri; why: string }[] {
    const out: { uri: vscode.Uri; why: string }[] = [];
    const add = (uri: vscode.Uri | undefined, why: string) => {
      if (uri && !out.some((o) => o.uri.toString() === uri.toString())) out.push({ uri, why });
    };
    add(this.bindingOf(queryFile), 'bound now');
    // a JSON named as the query file is meant for it, whatever was bound last
    const stem = queryFile.path.replace(/\.jmespath$/i, '');
    add(queryFile.with({ path: stem + '.json' }), 'same name');
    const lastSaved = this.state.get<string>(LAST_BOUND_KEY);
    const last = lastSaved ? vscode.Uri.parse(lastSaved) : undefined;
    // only a JSON of the workspace or beside the query file: not Run & refine's output, which lives
    // in the extension's storage with the query file made for it
    if (last && (vscode.workspace.getWorkspaceFolder(last) || sameFolder(last, queryFile))) add(last, 'last bound');
    return out;
  }

  /** `fromHeader`: the header names `json` already (an edit of it): it is not rewritten, even if it changes meanwhile. */
  async bind(queryFile: vscode.Uri, json: vscode.Uri, fromHeader = false, renamed = false): Promise<void> {
    const all = { ...this.state.get<Record<string, string>>(BINDINGS_KEY, {}), [queryFile.toString()]: json.toString() };
    await this.state.update(BINDINGS_KEY, all);
    await this.state.update(LAST_BOUND_KEY, json.toString());
    if (!fromHeader) await renameInHeader(queryFile, json);
    this.updateStatus();
    this.changed.fire({ queryFile, json, renamed });
  }

  /** `JMESPath: Bind Query File to JSON...`; scriptable with (jsonUri, queryFileUri). */
  async bindCommand(json?: vscode.Uri | string, queryFile?: vscode.Uri | string): Promise<string | undefined> {
    const qf = toUri(queryFile) ?? activeQueryFile();
    if (!qf) {
      void vscode.window.showWarningMessage('Open a .jmespath query file first.');
      return undefined;
    }
    const target = toUri(json) ?? (await pickJsonFile(`Run the queries in ${basename(qf)} against`, this.likelyJson(qf), qf));
    if (!target) return undefined;
    await this.bind(qf, target);
    return target.toString();
  }

  /** `JMESPath: New Query File Bound to This JSON`: creates (or opens) `<name>.jmespath` beside the JSON, bound to it. */
  async newQueryFile(json?: vscode.Uri | string): Promise<string | undefined> {
    let source = toUri(json) ?? this.service.activeJsonUri();
    source ??= await pickJsonFile('Create a query file for');
    if (!source) return undefined;
    if (!vscode.workspace.fs.isWritableFileSystem(source.scheme)) {
      // an untitled JSON (or a result): a query file names its JSON by path (trial 16: "Unable to
      // resolve filesystem provider" in a modal error)
      source = await this.savedFirst(source);
      if (!source) return undefined;
    }
    const target = source.with({ path: stripJsonExtension(source.path) + '.jmespath' });
    let exists = true;
    try {
      await vscode.workspace.fs.stat(target);
    } catch {
      exists = false;
    }
    if (!exists) {
      const template = `# Queries against ${basename(source)}: one per paragraph, blank lines between.\n# Run a query with "Run" above it or Ctrl+Enter; while its results show, they follow your edits.\n\n@\n`;
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(template));
    }
    await this.bind(target, source);
    const doc = await vscode.workspace.openTextDocument(target);
    // beside the JSON (results will share that column), cursor on the first query, ready to type over
    const sourceEditor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === source!.toString());
    const editor = await vscode.window.showTextDocument(doc, {
      preview: false,
      viewColumn: sourceEditor && sourceEditor.viewColumn === vscode.window.activeTextEditor?.viewColumn ? vscode.ViewColumn.Beside : undefined,
    });
    const first = splitQueries(doc.getText())[0];
    if (first) {
      const start = new vscode.Position(first.startLine, 0);
      const end = doc.lineAt(first.endLine).range.end;
      editor.selection = new vscode.Selection(start, first.text === '@' ? end : start);
      editor.revealRange(new vscode.Range(start, end));
    }
    return target.toString();
  }

  /** Offers to save a JSON that has no file yet; the saved file's URI, or undefined. */
  private async savedFirst(source: vscode.Uri): Promise<vscode.Uri | undefined> {
    const saveAs = 'Save As...';
    const doc = openDocument(source);
    const canSave = source.scheme === 'untitled' && doc !== undefined;
    const message = `${basename(source)} is not a file yet: a query file finds its JSON by path.${canSave ? ' Save the JSON first.' : ''}`;
    const choice = canSave ? await vscode.window.showWarningMessage(message, saveAs) : await vscode.window.showWarningMessage(message);
    if (choice !== saveAs || !doc) return undefined;
    return vscode.workspace.save(doc.uri);
  }

  private updateStatus(): void {
    const qf = activeQueryFile();
    if (!qf) {
      this.status.hide();
      return;
    }
    const bound = this.bindingOf(qf);
    this.status.text = bound ? `$(json) ${basename(bound)}` : '$(json) Bind to JSON…';
    this.status.tooltip = bound ? `Queries in this file run against ${shownName(bound)}. Click to change.` : 'Choose the JSON file these queries run against.';
    this.status.show();
  }
}

/**
 * An open query file whose header names another JSON than the one it is now bound to names that one
 * (an edit of its own, one undo step; saved if the file had no unsaved changes): a header that
 * contradicts the binding would mislead, and bind the file back where it is opened without one.
 */
async function renameInHeader(queryFile: vscode.Uri, json: vscode.Uri): Promise<void> {
  const doc = openDocument(queryFile);
  if (!doc || json.scheme !== queryFile.scheme || json.authority !== queryFile.authority) return;
  const header = headerName(queryFile, doc.getText());
  if (!header || header.uri.toString() === json.toString()) return;
  const name = path.posix.relative(path.posix.dirname(queryFile.path), json.path);
  if (/\s/.test(name) || !/\.jsonc?$/i.test(name)) return; // (what a header can name)
  const wasDirty = doc.isDirty;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(queryFile, new vscode.Range(doc.positionAt(header.start), doc.positionAt(header.start + header.length)), name);
  if (await vscode.workspace.applyEdit(edit) && !wasDirty) await doc.save();
}

/** The query file in the active editor, if that is one. */
export function activeQueryFile(): vscode.Uri | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  return doc?.languageId === JMESPATH_LANGUAGE_ID ? doc.uri : undefined;
}

export function toUri(u: vscode.Uri | string | undefined): vscode.Uri | undefined {
  return typeof u === 'string' ? vscode.Uri.parse(u) : u;
}

function sameFolder(a: vscode.Uri, b: vscode.Uri): boolean {
  return vscode.Uri.joinPath(a, '..').toString() === vscode.Uri.joinPath(b, '..').toString();
}

/** A file's text: its open document's, else what is on disk ('' when unreadable). */
async function textOf(uri: vscode.Uri): Promise<string> {
  const open = openDocument(uri);
  if (open) return open.getText();
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return '';
  }
}

/** Whether any of `uris` is a JSON file (by name, as a header names it) or a folder. */
async function someJsonOrFolder(uris: vscode.Uri[]): Promise<boolean> {
  for (const uri of uris) {
    if (isJsonPath(uri.path)) return true;
    try {
      if ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.Directory) return true;
    } catch {
      // (gone again meanwhile)
    }
  }
  return false;
}
