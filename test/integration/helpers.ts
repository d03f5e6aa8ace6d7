// Shared helpers for integration tests: fixtures, waiting with deadlines (never bare sleeps).
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';

export const EXTENSION_ID = 'jmespath-aws-tools.jmespath-aws-helpers';

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'tests need the fixture workspace open');
  return vscode.Uri.joinPath(folder.uri, name);
}

export async function api(): Promise<ExtensionApi> {
  const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed`);
  return ext.isActive ? ext.exports : ext.activate();
}

export async function openEditor(name: string, column = vscode.ViewColumn.One): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(name));
  return vscode.window.showTextDocument(doc, { viewColumn: column, preview: false });
}

/** Polls `probe` until it returns a truthy value or the deadline passes. */
/** Opens the workspace file `name` and the query palette on it, as Ctrl+Alt+J does (not waiting for it to close). */
export async function openPaletteOn(name: string): Promise<NonNullable<ExtensionApi['query']['palette']['activePick']>> {
  const { query } = await api();
  await openEditor(name);
  void vscode.commands.executeCommand('jmespathAws.query');
  return waitFor('palette', () => query.palette.activePick);
}

export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${last}` : ''}`);
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  // An untitled document a test opened without showing it stays open until VS Code lets it go,
  // maybe during a later test; its name (Untitled-N) is then given to the next new one, and the
  // extension host may hand that test the old document (CI: a diagnostic of another test's text).
  // Each test ends with them closed instead.
  for (const doc of vscode.workspace.textDocuments.filter((d) => d.isUntitled && !d.isClosed)) {
    await vscode.window.showTextDocument(doc, { preview: true });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await waitFor('untitled documents closed', () => vscode.workspace.textDocuments.every((d) => !d.isUntitled) || undefined);
}

/**
 * A new untitled document with `content`. VS Code gives a new untitled document the name of one
 * just closed, and the extension host may still hand out the closed one for it (CI: a query ran
 * on another test's text and printed null; reproduced by closing and opening at once): until the
 * document holds `content`, wait for that one to go and ask again.
 */
export async function openUntitled(content: string, language: string): Promise<vscode.TextDocument> {
  for (let attempt = 0; ; attempt++) {
    const doc = await vscode.workspace.openTextDocument({ language, content });
    if (doc.getText() === content) return doc;
    if (attempt === 20) throw new Error(`VS Code kept handing out ${doc.uri.toString()} with other text`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Writes `files` (name: content) into the fixture workspace, runs `fn` with their URIs in that
 * order, then closes every editor and removes the files, whatever happened.
 */
export async function withWorkspaceFiles<T>(files: Record<string, string | Uint8Array>, fn: (uris: vscode.Uri[]) => Promise<T>): Promise<T> {
  const uris = Object.keys(files).map(workspaceFile);
  Object.values(files).forEach((content, i) => fs.writeFileSync(uris[i].fsPath, content));
  try {
    return await fn(uris);
  } finally {
    await closeAllEditors();
    for (const uri of uris) fs.rmSync(uri.fsPath, { force: true });
  }
}

export function resultEditor(): vscode.TextEditor | undefined {
  return vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'jmespath-result');
}

/**
 * Asks the code-server runner's key bridge to act in the workbench page as a user would
 * (keybinding `when` clauses apply). False when the runner has none (desktop VS Code).
 */
async function keyBridge(action: string, params: Record<string, string | number>): Promise<boolean> {
  const base = process.env.IT_KEYS_URL;
  if (!base) return false;
  const query = Object.entries(params).map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`).join('&');
  const res = await fetch(`${base}/${action}?${query}`);
  if (!res.ok) throw new Error(`key bridge: ${res.status} ${await res.text()}`);
  return true;
}

/**
 * Presses a key (`F8`, `Control+Alt+J`) in the workbench; `then`: text typed right after it, as a
 * fast typist does (`delayMs` between keys, 20 by default), and with `enter`, Enter right after that.
 */
export const pressKey = (key: string, then?: string, options: { delayMs?: number; enter?: boolean } = {}): Promise<boolean> =>
  keyBridge('press', then === undefined ? { key } : { key, then, delay: options.delayMs ?? 20, enter: options.enter ? 1 : 0 });

/** Types text in the workbench key by key, `delayMs` between keys. */
export const typeKeys = (text: string, delayMs = 0): Promise<boolean> => keyBridge('type', { text, delay: delayMs });

/** Pastes text into the focused workbench input, in one go as Ctrl+V does. */
export const pasteText = (text: string): Promise<boolean> => keyBridge('paste', { text });

/** Clicks the element of a webview matching the CSS selector as soon as it exists, then Ctrl+A and types the text (resolves at once: the typing happens after). */
export const typeInWebview = (selector: string, text: string): Promise<boolean> => keyBridge('webviewType', { selector, text });
/** Presses `key` (`Control+z`) on an element of a webview, as a user would with it focused. */
export const pressInWebview = (selector: string, key: string): Promise<boolean> => keyBridge('webviewPress', { selector, key });

/** Clicks the workbench element matching the CSS selector with the mouse. */
export const clickElement = (selector: string): Promise<boolean> => keyBridge('click', { selector });

/** Waits until the workbench page has an element matching the CSS selector. */
export const waitForElement = (selector: string): Promise<boolean> => keyBridge('wait', { selector });

/** The outer HTML of the workbench elements matching the CSS selector ('' for none), or undefined without the bridge. */
export async function elementsHtml(selector: string): Promise<string | undefined> {
  const base = process.env.IT_KEYS_URL;
  if (!base) return undefined;
  const res = await fetch(`${base}/html?selector=${encodeURIComponent(selector)}`);
  if (!res.ok) throw new Error(`key bridge: ${res.status} ${await res.text()}`);
  return res.text();
}

export const hasKeyBridge = (): boolean => !!process.env.IT_KEYS_URL;

/**
 * Opens the Command Palette from the active editor group (F1) and types `title`; resolves with the
 * label of the row Enter would run once one is focused (and matches `until`, if given). Enter is
 * left to the caller.
 */
export async function chooseInCommandPalette(title: string, until?: RegExp): Promise<string> {
  await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
  await pressKey('F1');
  await waitForElement('.quick-input-widget input:focus');
  await typeKeys(title);
  return waitFor(`${title} listed`, async () => {
    const row = await elementsHtml('.quick-input-list .monaco-list-row.focused');
    const label = row && /aria-label="([^"]+)"/.exec(row)?.[1];
    return label && (!until || until.test(label)) ? label : undefined;
  });
}

/** Applies the quick fix titled `title` offered for `d` (fails, naming those offered, when there is none). */
export async function applyQuickFix(doc: vscode.TextDocument, d: vscode.Diagnostic, title: string | RegExp): Promise<void> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range);
  const fix = actions.find((a) => (typeof title === 'string' ? a.title === title : title.test(a.title)));
  assert.ok(fix?.edit, `quick fix ${title} among ${actions.map((a) => a.title).join(', ')}`);
  assert.ok(await vscode.workspace.applyEdit(fix.edit));
}
