// The palette's input opens from the extension host, a moment after its key: keys typed in that
// moment go to the editor that had focus, usually the JSON being queried (and auto save may write
// them to disk). This takes such text out of the editor again and hands it to the palette.
import * as vscode from 'vscode';

/**
 * Edits that arrive this long before the palette's command are taken as typed after its key. The
 * key's command (`jmespathAws.queryFromKeyboard`) has no activation event, so VS Code sends it at
 * once, ahead of the keys typed after it; this covers the rest of the race.
 */
const EARLY_MS = 50;
/** Typed text is taken out of the editor once no key has reached it for this long (keys from a busy moment trickle in). */
const SETTLE_MS = 300;
/** How long after the palette opens keys reaching the editor are taken as meant for the palette. */
const WINDOW_MS = 5000;
/** How long the window stays open while keys are still arriving in the editor. */
const MAX_WINDOW_MS = 30_000;
/** How long stopping waits for an edit on its way and keys still arriving. */
const STOP_WAIT_MS = 8000;
/** How long edits are remembered. */
const KEEP_MS = 60_000;

interface Edit {
  at: number;
  version: number;
  reason: vscode.TextDocumentChangeReason | undefined;
  /** Where each change was and how much text it inserted (not the text: a big paste is not kept). */
  changes: { rangeOffset: number; rangeLength: number; insertedLength: number }[];
  /** Whether the document was saved just before this edit. */
  cleanBefore: boolean;
}

/** Keys taken out of a document: where they were and the document's length without them. */
interface TakenOut {
  start: number;
  text: string;
  lengthWithout: number;
  /** Whether the document was saved when they were typed (it is saved again after an undo through them). */
  saved: boolean;
  /** Undone through: the next redo of their typing (maybe merged with the user's edit before) goes on through them. */
  undone?: boolean;
}

/** How many undo or redo steps going through typed keys may take at most (one per typing pause). */
const MAX_STEPS_THROUGH_KEYS = 50;

/**
 * The last few seconds of edits to each document, with when they arrived; and the keys taken out
 * of each, so that undo and redo go through them as if they had never been typed.
 */
export class RecentEdits implements vscode.Disposable {
  private readonly edits = new Map<vscode.TextDocument, Edit[]>();
  private readonly takenOut = new Map<vscode.TextDocument, TakenOut[]>();
  private readonly steppingThrough = new Set<vscode.TextDocument>();
  /** The version of each document when it was last saved (or opened unchanged). */
  private readonly savedVersions = new WeakMap<vscode.TextDocument, number>();
  private readonly listeners: vscode.Disposable[];

  constructor() {
    for (const doc of vscode.workspace.textDocuments) this.opened(doc);
    this.listeners = [
      vscode.workspace.onDidOpenTextDocument((doc) => this.opened(doc)),
      vscode.workspace.onDidSaveTextDocument((doc) => this.savedVersions.set(doc, doc.version)),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        this.edits.delete(doc);
        this.takenOut.delete(doc);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => this.changed(e)),
    ];
  }

  private opened(doc: vscode.TextDocument): void {
    if (!doc.isDirty) this.savedVersions.set(doc, doc.version);
  }

  private changed(e: vscode.TextDocumentChangeEvent): void {
    if (e.contentChanges.length === 0) return; // (only the dirty state changed)
    const now = Date.now();
    const doc = e.document;
    const kept = (this.edits.get(doc) ?? []).filter((edit) => edit.at >= now - KEEP_MS);
    const changes = e.contentChanges.map((c) => ({ rangeOffset: c.rangeOffset, rangeLength: c.rangeLength, insertedLength: c.text.length }));
    kept.push({ at: now, version: doc.version, reason: e.reason, changes, cleanBefore: this.savedVersions.get(doc) === doc.version - 1 });
    this.edits.set(doc, kept);
    if (e.reason === undefined && !this.steppingThrough.has(doc)) this.takenOut.get(doc)?.forEach((k) => (k.undone = false)); // (no redo left)
    if ((e.reason === vscode.TextDocumentChangeReason.Undo || e.reason === vscode.TextDocumentChangeReason.Redo) && !this.steppingThrough.has(doc)) {
      const keys = this.keysAt(doc, e);
      if (keys) void this.stepThrough(doc, keys, e.reason === vscode.TextDocumentChangeReason.Undo ? 'undo' : 'redo');
    }
  }

  /** Remembers keys taken out of `doc` at `start` by the edit that made `version` (the document is now without them). */
  tookOut(doc: vscode.TextDocument, start: number, text: string, saved: boolean, version: number): void {
    const list = (this.takenOut.get(doc) ?? []).slice(-9);
    list.push({ start, text, lengthWithout: documentLength(doc), saved });
    this.takenOut.set(doc, list);
    this.takenBefore.set(doc, Math.max(version, this.takenUpTo(doc)));
  }

  /** The version of each document after keys were last taken out of it: edits up to it are no one's keys any more. */
  private readonly takenBefore = new WeakMap<vscode.TextDocument, number>();

  /** The version up to which edits of `doc` were already looked at by someone taking keys out. */
  takenUpTo(doc: vscode.TextDocument): number {
    return this.takenBefore.get(doc) ?? -1;
  }

  /**
   * The keys an undo or redo brought back: an undo of taking them out puts them back whole; a redo
   * of their typing puts back what was typed first. Either way the document is otherwise as it
   * was without them (undo and redo go back and forth through the same states).
   */
  private keysAt(doc: vscode.TextDocument, e: vscode.TextDocumentChangeEvent): TakenOut | undefined {
    const length = documentLength(doc);
    const undo = e.reason === vscode.TextDocumentChangeReason.Undo;
    return this.takenOut.get(doc)?.find((k) => {
      if (undo) {
        const [change] = e.contentChanges;
        return e.contentChanges.length === 1 && change.rangeOffset === k.start && change.rangeLength === 0 &&
          change.text === k.text && length === k.lengthWithout + k.text.length;
      }
      // the redo of their typing: its changes may include the user's own edit just before them (one undo step)
      const typed = length - k.lengthWithout;
      return k.undone === true && typed > 0 && typed <= k.text.length &&
        doc.getText(new vscode.Range(doc.positionAt(k.start), doc.positionAt(k.start + 1))) === k.text[0];
    });
  }

  /**
   * Goes on undoing (or redoing) until the keys are gone again: one undo takes the document back
   * to before they were typed, one redo forward to after they were taken out. Only in the
   * document's focused editor, where the user's undo came from, and each step only inside them.
   */
  private async stepThrough(doc: vscode.TextDocument, keys: TakenOut, command: 'undo' | 'redo'): Promise<void> {
    this.steppingThrough.add(doc);
    try {
      let missed = 0;
      for (let i = 0; i < MAX_STEPS_THROUGH_KEYS && documentLength(doc) !== keys.lengthWithout; i++) {
        if (doc.isClosed || vscode.window.activeTextEditor?.document !== doc) break;
        const version = doc.version;
        await vscode.commands.executeCommand(command);
        const step = this.edits.get(doc)?.at(-1);
        if (doc.version === version || !step || step.version !== doc.version) {
          // the editor had not quite got its focus back (from the palette, a click): again, in a moment
          if (++missed > 3) break;
          await new Promise((r) => setTimeout(r, 100));
          continue;
        }
        const inside = step.changes.every((c) => c.rangeOffset >= keys.start && c.rangeOffset + c.rangeLength <= keys.start + keys.text.length);
        if (!inside) break; // (their typing was one undo step with the user's edit before them)
      }
      const where = new vscode.Range(doc.positionAt(keys.start), doc.positionAt(keys.start + keys.text.length));
      if (command === 'undo' && !doc.isClosed && documentLength(doc) === keys.lengthWithout + keys.text.length && doc.getText(where) === keys.text) {
        // no undo reached it: the keys must not stay (auto save would write them), so out again as an edit
        const edit = new vscode.WorkspaceEdit();
        edit.delete(doc.uri, where);
        await vscode.workspace.applyEdit(edit);
      }
      keys.undone = command === 'undo';
      if (keys.saved && doc.isDirty && documentLength(doc) === keys.lengthWithout) await doc.save();
    } finally {
      this.steppingThrough.delete(doc);
    }
  }

  /** The document's edits that arrived at or after `time`, oldest first. */
  since(doc: vscode.TextDocument, time: number): Edit[] {
    return (this.edits.get(doc) ?? []).filter((edit) => edit.at >= time);
  }

  dispose(): void {
    this.listeners.forEach((l) => l.dispose());
    this.edits.clear();
    this.takenOut.clear();
  }
}

/**
 * From the palette's command until the palette closes (`stop()`) or WINDOW_MS: text typed into the
 * active editor at one place (the edits VS Code makes while typing: insertions, auto-closed
 * brackets, typing over them) is taken out again, one edit each time typing into it settles, the
 * document saved again if it was saved before, and the text's first line given to `recovered`
 * (with whether a line break, the key Enter, followed it).
 * Anything else (an edit elsewhere, undo, a reload) is left alone. While the palette is open no
 * key of the user's reaches the editor: what does was typed before the palette appeared.
 */
export class KeysTypedEarly implements vscode.Disposable {
  private readonly document = vscode.window.activeTextEditor?.document;
  private readonly started = Date.now();
  /** Edits from this time and after our own last edit are the keys'. */
  private from: number;
  private afterVersion = -1;
  /** Edits after this time are not looked at (set when stopped). */
  private until = Infinity;
  private cleanBefore: boolean | undefined;
  private timer: NodeJS.Timeout | undefined;
  private taking = false;
  private stopped = false;

  /**
   * `recovered`: the first line of text taken out, and whether Enter followed it; `settled`: called
   * after each look at keys in the editor (taken out or left alone), when none are left to wait for.
   * `earlyMs`: how long before this edits count as keys typed after the command's key.
   */
  constructor(private readonly recent: RecentEdits, private readonly recovered: (text: string, enter: boolean) => void, private readonly settled: () => void = () => undefined,
    private readonly trace: (step: string) => void = () => undefined, earlyMs = EARLY_MS) {
    this.from = this.started - earlyMs;
    this.timer = setInterval(() => void this.tick(), SETTLE_MS / 3);
  }

  private async tick(): Promise<void> {
    const pending = this.pending();
    // keys still arriving keep the window open: a busy editor of a big document hands them over
    // seconds late (and later still on a loaded machine)
    const over = Date.now() - this.started >= (typedRegion(pending) ? MAX_WINDOW_MS : WINDOW_MS);
    if (over) {
      this.trace('keys: window over');
      return this.stop();
    }
    const last = pending.at(-1);
    if (last && Date.now() - last.at >= SETTLE_MS) await this.take();
  }

  /**
   * Takes out what is typed so far and stops watching. `enter`: the palette's Enter, pressed after
   * every key that went to the editor, so keys still arriving there are the palette's too; else
   * (the palette closed) keys typed after this are not its own (another palette may be waiting for them).
   */
  async stop(enter = false): Promise<void> {
    if (this.stopped) return;
    this.dispose();
    if (!enter) this.until = Date.now();
    // an edit on its way is waited for, and keys still arriving until they settle: in a big document
    // an edit refused because more keys came is answered only seconds later (trial 11: 4.5 s in 10 MB)
    const deadline = Date.now() + STOP_WAIT_MS;
    while (Date.now() < deadline) {
      const pending = this.pending();
      if (!this.taking) {
        if (!typedRegion(pending)) break;
        if (Date.now() - pending.at(-1)!.at >= SETTLE_MS) await this.take();
        if (!typedRegion(this.pending())) break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    await this.take();
  }

  /** Whether keys typed before the palette opened are still in the editor (or being taken out). */
  typing(): boolean {
    return this.taking || (!this.stopped && typedRegion(this.pending()) !== undefined);
  }

  private pending(): Edit[] {
    if (!this.document) return [];
    const after = Math.max(this.afterVersion, this.recent.takenUpTo(this.document));
    return this.recent.since(this.document, this.from).filter((e) => e.version > after && e.at <= this.until);
  }

  /** Removes the text typed since the last time, if that is all that happened to the document. */
  private async take(): Promise<void> {
    const doc = this.document;
    if (!doc || doc.isClosed || this.taking) return;
    const edits = this.pending();
    if (edits.length === 0) return;
    this.taking = true;
    try {
      const last = edits[edits.length - 1].version;
      const region = typedRegion(edits);
      this.trace(`keys: ${edits.length} edits (v${edits[0].version}-${edits[edits.length - 1].version}, document v${doc.version}) ${region ? `typed ${region.length} at ${region.start}` : 'not typing'}`);
      if (!region || region.length <= 0) {
        this.afterVersion = last; // not typing: left alone, and not waited for
        return;
      }
      if (doc.version !== last) return;
      this.cleanBefore ??= edits[0].cleanBefore;
      const range = new vscode.Range(doc.positionAt(region.start), doc.positionAt(region.start + region.length));
      // what was typed ends at the caret: after it are brackets and quotes the editor closed by itself
      const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc);
      const caret = editor ? doc.offsetAt(editor.selection.active) : region.start + region.length;
      const all = doc.getText(range);
      const text = caret >= region.start && caret <= region.start + region.length ? all.slice(0, caret - region.start) : all;
      if (all.trim() === '') {
        this.afterVersion = last; // not keys meant for a query (a save may add the last line's end)
        return;
      }
      const edit = new vscode.WorkspaceEdit();
      edit.delete(doc.uri, range);
      // refused when a key reached the editor meanwhile: the next time takes that too
      if (!(await vscode.workspace.applyEdit(edit))) {
        this.trace('keys: taking out refused');
        return;
      }
      this.afterVersion = edits[edits.length - 1].version + 1; // (our own edit)
      this.recent.tookOut(doc, region.start, all, this.cleanBefore === true, this.afterVersion);
      // a line break typed after the query was its Enter; the keys go to the palette before saving
      // (saving a big document takes a while)
      const [firstLine, ...more] = text.split(/\r?\n/);
      if (firstLine) this.recovered(firstLine, more.length > 0);
      if (this.cleanBefore && !doc.isUntitled) await doc.save();
    } finally {
      this.taking = false;
      if (typedRegion(this.pending()) === undefined) this.settled();
    }
  }

  dispose(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }
}

/** Where consecutive edits typed text at one place: an insertion, then edits inside what it inserted or at its end. */
function typedRegion(edits: Edit[]): { start: number; length: number } | undefined {
  let region: { start: number; length: number } | undefined;
  for (let i = 0; i < edits.length; i++) {
    const edit = edits[i];
    if (edit.reason || edit.changes.length !== 1 || edit.version !== edits[0].version + i) return undefined;
    const change = edit.changes[0];
    if (!region) {
      if (change.rangeLength !== 0) return undefined;
      region = { start: change.rangeOffset, length: change.insertedLength };
    } else {
      if (change.rangeOffset < region.start || change.rangeOffset + change.rangeLength > region.start + region.length) return undefined;
      region.length += change.insertedLength - change.rangeLength;
    }
  }
  return region;
}

function documentLength(doc: vscode.TextDocument): number {
  return doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end);
}
