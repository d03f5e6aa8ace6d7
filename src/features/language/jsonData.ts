// The JSON a query is analysed against (a query file's bound JSON, the palette's source), read once
// per version: from the open document, or from disk for files VS Code does not hold open.
import * as vscode from 'vscode';
import { JsonSyntaxError, hasFloatTokens, parseJson } from '../../core/json/parse';
import { decodeJsonBytes, JsonEncodingError } from '../../core/json/utf8';
import { JsonValue, NeedsExactRead } from '../../core/json/values';
import { Disposable } from '../../dispose';

/** Files above this are not read on the extension host for completion and hover (queries still run). */
const MAX_ANALYSED_BYTES = 64 * 1024 * 1024;

export type JsonData =
  | { ok: true; root: JsonValue }
  | { ok: false; reason: string };

interface Entry {
  key: string;
  text: string;
  root: JsonValue;
  exact: boolean;
  floatTokens?: boolean;
}

export class JsonDataCache extends Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly changed = this._register(new vscode.EventEmitter<vscode.Uri>());
  /** Fires when a JSON document that was read changes (its analysis is stale). */
  readonly onDidChange = this.changed.event;

  constructor() {
    super();
    this._register(vscode.workspace.onDidChangeTextDocument((e) => {
      if (this.entries.has(e.document.uri.toString())) this.changed.fire(e.document.uri);
    }));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => this.entries.delete(d.uri.toString())));
  }

  /**
   * Runs `use` on the document's values. A fast read (JSON.parse) that turns out to be inexact for
   * what `use` touched (huge integers, keys JSON.parse reorders) is redone exactly, and `use` rerun.
   */
  async use<T>(uri: vscode.Uri, use: (root: JsonValue) => T): Promise<{ ok: true; value: T } | { ok: false; reason: string }> {
    let entry: Entry;
    try {
      entry = await this.read(uri);
    } catch (e) {
      return { ok: false, reason: e instanceof Error ? e.message : String(e) };
    }
    if (!entry.exact) {
      // JSON.parse reads `1.0` as 1, which hovers and samples would show: only a text without float
      // tokens can be used as read, as long as no rounded integer or reordered key is met
      if (!(entry.floatTokens ??= hasFloatTokens(entry.text))) {
        try {
          return { ok: true, value: use(entry.root) };
        } catch (e) {
          if (!(e instanceof NeedsExactRead)) throw e;
        }
      }
      entry.root = parseJson(entry.text).value;
      entry.exact = true;
    }
    return { ok: true, value: use(entry.root) };
  }

  private async read(uri: vscode.Uri): Promise<Entry> {
    const id = uri.toString();
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === id);
    let key: string;
    let text: string | undefined;
    if (open) {
      key = `v${open.version}`;
      if (this.entries.get(id)?.key === key) return this.entries.get(id)!;
      text = open.getText();
    } else {
      const stat = await vscode.workspace.fs.stat(uri);
      key = `disk:${stat.mtime}:${stat.size}`;
      if (this.entries.get(id)?.key === key) return this.entries.get(id)!;
      if (stat.size > MAX_ANALYSED_BYTES) throw new Error(`${uri.path.split('/').pop()} is over ${MAX_ANALYSED_BYTES / 1024 / 1024} MB: open it to get field suggestions`);
      // (as the queries read it: bytes that are not UTF-8 say where, never U+FFFD in a hover: trial 16)
      try {
        text = decodeJsonBytes(await vscode.workspace.fs.readFile(uri)).text;
      } catch (e) {
        if (e instanceof JsonEncodingError) throw new Error(`the bound JSON cannot be read: ${e.message}`);
        throw e;
      }
    }
    if (text.length > MAX_ANALYSED_BYTES) throw new Error('the JSON is too large to analyse while typing');
    let root: JsonValue;
    try {
      root = parseJson(text, { fast: true }).value;
    } catch (e) {
      if (e instanceof JsonSyntaxError) throw new Error(`the bound JSON is not valid (line ${e.line}, column ${e.column})`);
      throw e;
    }
    const entry: Entry = { key, text, root, exact: false };
    this.entries.set(id, entry);
    return entry;
  }

  override dispose(): void {
    this.entries.clear();
    super.dispose();
  }
}
