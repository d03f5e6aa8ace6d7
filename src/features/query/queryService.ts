// Finds the JSON a query runs against, has the worker read it once per version (from the editor,
// or from disk for files VS Code does not hand to extensions), and runs queries against it.
import * as vscode from 'vscode';
import type { OutputOptions } from '../../core/output';
import { readConfig } from '../../config';
import { Disposable } from '../../dispose';
import { isJsonDocument, isJsonPath } from '../../languages';
import { JsonDocument } from '../../core/jmespath';
import type { QueryAnswer } from '../../shared/queryProtocol';
import { answerQuery, serializeError } from '../../core/query/answerQuery';
import { CancelledError, QueryClient, QueryError } from './queryClient';
import { MAX_JSON_BYTES, fileTooLargeMessage } from '../../core/json/sizeLimit';

/** Reads and queries in the worker slower than this get a progress notification with a Cancel button. */
const PROGRESS_AFTER_MS = 1000;
/**
 * Open documents up to this size are read and queried on the extension host itself (JSON.parse of
 * 16 M characters takes well under the second the issue allows); larger ones, and the offsets for
 * highlights (which need the slower exact reader), go to the worker.
 */
const IN_PROCESS_MAX_CHARS = 16_000_000;

/** The open document for `uri`, if VS Code holds it (files over 50 MB it does not). */
export function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
}

/** The document's length in characters, without copying its text as getText() would. */
export function documentLength(doc: vscode.TextDocument): number {
  return doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end);
}

export class QueryService extends Disposable {
  private readonly client: QueryClient;
  /** uri -> key of the version last sent to the worker (the client knows whether it still holds it) */
  private readonly keyOf = new Map<string, string>();
  /** uri -> the open document's version read on this thread */
  private readonly local = new Map<string, { source: vscode.TextDocument; version: number; doc: JsonDocument }>();

  constructor(distDir: string) {
    super();
    this.client = this._register(new QueryClient(distDir, { memoryMb: readConfig().workerMemoryMb }));
    this._register(vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('jmespathAws.query.workerMemoryMb')) this.client.setMemoryLimit(readConfig().workerMemoryMb);
    }));
    this._register(vscode.workspace.onDidCloseTextDocument((doc) => this.forget(doc.uri)));
  }

  private forget(uri: vscode.Uri): void {
    this.local.delete(uri.toString());
    const key = this.keyOf.get(uri.toString());
    if (key) {
      this.client.unload(key);
      this.keyOf.delete(uri.toString());
    }
  }

  /** The JSON source of the active editor tab, including files too large to open as documents. */
  activeJsonUri(): vscode.Uri | undefined {
    const editor = vscode.window.activeTextEditor;
    if (editor && isJsonDocument(editor.document)) return editor.document.uri;
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    if (input instanceof vscode.TabInputText && isJsonPath(input.uri.path)) return input.uri;
    return undefined;
  }

  /** Makes sure the worker holds the current version of `uri`; returns its key. */
  async ensureLoaded(uri: vscode.Uri): Promise<string> {
    const open = openDocument(uri);
    let key: string;
    let source: { path: string } | { text: string } | { bytes: Uint8Array };
    if (open) {
      key = `${uri.toString()}@${open.version}.${documentId(open)}`;
      if (this.client.isLoaded(key)) return key;
      source = { text: open.getText() };
    } else {
      const stat = await statOrExplain(uri);
      key = `${uri.toString()}@disk:${stat.mtime}:${stat.size}`;
      if (this.client.isLoaded(key)) return key;
      if (uri.scheme === 'file') {
        source = { path: uri.fsPath }; // the worker checks the size before it reads
      } else {
        if (stat.size > MAX_JSON_BYTES) throw new QueryError({ kind: 'too-large', message: fileTooLargeMessage(basename(uri), stat.size) });
        source = { bytes: await vscode.workspace.fs.readFile(uri) }; // decoded in the worker: UTF-8 only
      }
    }
    const previous = this.keyOf.get(uri.toString());
    if (previous && previous !== key) this.client.unload(previous);
    await this.loadWithProgress(key, source, uri);
    this.keyOf.set(uri.toString(), key);
    return key;
  }

  private async loadWithProgress(key: string, source: { path: string } | { text: string } | { bytes: Uint8Array }, uri: vscode.Uri): Promise<void> {
    await withProgress(`Reading ${basename(uri)} for JMESPath`, (signal) => this.client.load(key, source, signal));
  }

  async run(uri: vscode.Uri, expression: string, options: { withSources: boolean; maxChars?: number; output?: OutputOptions }): Promise<QueryAnswer> {
    const config = readConfig();
    const queryOptions = { withSources: options.withSources, maxChars: options.maxChars ?? config.maxResultChars, maxRanges: config.maxHighlights, output: options.output };
    const open = openDocument(uri);
    if (open && !options.withSources && documentLength(open) <= IN_PROCESS_MAX_CHARS) {
      try {
        return answerQuery(this.localDocument(open), expression, queryOptions);
      } catch (e) {
        throw new QueryError(serializeError(e));
      }
    }
    // a file read from disk is read whole during its first queries (the worker answers the very
    // first from a partial read): slow ones get the same progress and Cancel as reading
    return this.withLoaded(uri, (key) => withProgress(`Running JMESPath on ${basename(uri)}`, (signal) => this.client.query(key, expression, queryOptions, signal)));
  }

  /** Runs `ask` on the loaded document; if the worker no longer holds it, reads it again once. */
  private async withLoaded<T>(uri: vscode.Uri, ask: (key: string) => Promise<T>): Promise<T> {
    const key = await this.ensureLoaded(uri);
    try {
      return await ask(key);
    } catch (e) {
      if (!(e instanceof QueryError && e.detail.kind === 'not-loaded')) throw e;
      this.client.forget(key);
      return ask(await this.ensureLoaded(uri));
    }
  }

  /** The open document read on this thread, once per version. */
  private localDocument(doc: vscode.TextDocument): JsonDocument {
    const cached = this.local.get(doc.uri.toString());
    if (cached && cached.source === doc && cached.version === doc.version) return cached.doc;
    const parsed = JsonDocument.parse(doc.getText());
    this.local.set(doc.uri.toString(), { source: doc, version: doc.version, doc: parsed });
    return parsed;
  }

  async pathAt(uri: vscode.Uri, offset: number) {
    return this.withLoaded(uri, (key) => this.client.pathAt(key, offset));
  }
}

/** Runs work in the query worker; past a second, a notification with Cancel (which stops the worker). */
async function withProgress<T>(title: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const abort = new AbortController();
  const running = work(abort.signal);
  let settled = false;
  void running.then(() => (settled = true), () => (settled = true));
  const timer = setTimeout(() => {
    if (settled) return;
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_progress, token) => {
      token.onCancellationRequested(() => abort.abort());
      return running.catch(() => undefined);
    });
  }, PROGRESS_AFTER_MS);
  try {
    return await running;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A number for each document object: a closed untitled document's URI and version come back with
 * the next one (`untitled:Untitled-1`, version 1), and its close event may arrive after the new one
 * is queried (CI: a query ran on the closed document's text).
 */
const documentIds = new WeakMap<vscode.TextDocument, number>();
let lastDocumentId = 0;
function documentId(doc: vscode.TextDocument): number {
  let id = documentIds.get(doc);
  if (id === undefined) documentIds.set(doc, (id = ++lastDocumentId));
  return id;
}

export function basename(uri: vscode.Uri): string {
  return uri.path.split('/').pop() ?? uri.path;
}

/**
 * A file as the user knows it: its path in the workspace, else its name. (Run & refine keeps its
 * outputs in the extension's storage: the whole path there told the user nothing, trial 26.)
 */
export function shownName(uri: vscode.Uri): string {
  const relative = vscode.workspace.asRelativePath(uri);
  return relative === uri.fsPath || relative === uri.path || relative === uri.toString() ? basename(uri) : relative;
}

export { QueryError, CancelledError };

/** The file's stat; a missing file is an error that says so in words (not `ENOENT: ... stat '...'`). */
async function statOrExplain(uri: vscode.Uri): Promise<vscode.FileStat> {
  try {
    return await vscode.workspace.fs.stat(uri);
  } catch (e) {
    if ((e instanceof vscode.FileSystemError && e.code === 'FileNotFound') || /ENOENT/.test(String(e))) {
      const where = uri.scheme === 'file' ? uri.fsPath : uri.toString();
      throw new QueryError({ kind: 'file-not-found', message: `${basename(uri)} is not there any more (moved, renamed or deleted): ${where}` });
    }
    throw e;
  }
}
