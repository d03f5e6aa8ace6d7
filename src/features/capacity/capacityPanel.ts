// `AWS: DynamoDB Capacity Calculator`: one panel (a second call reveals it), restored after a reload
// by a serializer, locked down (CSP with nonce, local resources from dist/webview only).
import * as vscode from 'vscode';
import { randomBytes } from 'crypto';
import { CapacityInput, CapacityResult, Snippet, SnippetFormat, computeCapacity, snippetForResult, snippetFormatFor } from '../../core/capacity/capacity';
import { boto3ArgumentWarning, cliFlagWarning, insidePythonBrackets, jsonMemberCommas, snippetPlace } from '../../core/capacity/snippetPlace';
import { templateThroughputWarning } from '../../core/capacity/templateCheck';
import { Disposable } from '../../dispose';
import { EditorLayout, groupAreas } from '../../core/editorLayout';
import { scriptLanguageOf } from '../../languages';
import { DEFAULT_FORM, formToInput } from '../../shared/capacityForm';
import { KeysTypedEarly, RecentEdits } from '../query/keysTypedEarly';
import type { CapacityFormState, RenderedView, ToHost, ToWebview } from '../../shared/capacityProtocol';

export const CAPACITY_VIEW_TYPE = 'jmespathAws.capacityCalculator';

/** Where "Insert into editor" writes: the last text editor the user was in, remembered by document. */
interface InsertTarget {
  uri: vscode.Uri;
  selection: vscode.Selection;
  viewColumn: vscode.ViewColumn | undefined;
}

const UNPIN_AFTER_MS = 1500;
/**
 * Chosen in the Command Palette, the command runs after the palette has closed and given the
 * editor back its focus: keys typed after Enter may reach the editor first. Edits this long before
 * the command count as such keys (the palette had the focus then, not the editor).
 */
const AFTER_COMMAND_PALETTE_MS = 400;

export class CapacityPanel extends Disposable {
  private panel: vscode.WebviewPanel | undefined;
  /** Listeners of the current panel: they die with it. */
  private panelListeners: vscode.Disposable[] = [];
  private state: CapacityFormState = DEFAULT_FORM;
  private pendingPreset: Partial<CapacityFormState> | undefined;
  /** What the webview last showed (for tests and for "insert" feedback). */
  lastView: RenderedView | undefined;
  private readonly viewChanged = this._register(new vscode.EventEmitter<RenderedView>());
  readonly onDidRender = this.viewChanged.event;
  private target: InsertTarget | undefined;

  /** Keys typed while the panel opens, which went to the editor it was opened from: taken back out for the form. */
  private earlyKeys: KeysTypedEarly | undefined;
  /** What they held, until the page is ready for it. */
  private typedAhead = '';
  private pageReady = false;
  private focusWhenReady = false;
  /** Each editor group's share of the editor area, by view column, as last measured. */
  private groupAreas: number[] | undefined;

  private async measureGroups(): Promise<void> {
    if (vscode.window.tabGroups.all.length < 3) { // (panelColumn() needs the sizes only then)
      this.groupAreas = undefined;
      return;
    }
    try {
      this.groupAreas = groupAreas(await vscode.commands.executeCommand<EditorLayout>('vscode.getEditorLayout'));
    } catch {
      this.groupAreas = undefined;
    }
  }

  constructor(private readonly extensionUri: vscode.Uri, private readonly recentEdits?: RecentEdits) {
    super();
    this._register({ dispose: () => this.earlyKeys?.dispose() });
    this.remember(vscode.window.activeTextEditor);
    // while the panel has focus there is no active text editor; and when the panel shares the
    // editor's group the editor is not even visible: remember the document and the cursor
    this._register(vscode.window.onDidChangeActiveTextEditor((e) => {
      this.remember(e);
      void this.measureGroups(); // (a sash dragged says nothing; a move between editors often follows it)
    }));
    // the groups' sizes, for where the panel opens (show() cannot wait for them: keys typed after the command)
    this._register(vscode.window.tabGroups.onDidChangeTabGroups(() => void this.measureGroups()));
    void this.measureGroups();
    this._register(vscode.window.onDidChangeTextEditorSelection((e) => {
      if (e.textEditor === vscode.window.activeTextEditor) this.remember(e.textEditor);
    }));
    this._register(vscode.window.registerWebviewPanelSerializer(CAPACITY_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state: unknown) => {
        this.attach(panel, isFormState(state) ? state : DEFAULT_FORM);
      },
    }));
  }

  /**
   * Revealing the panel briefly activates the editor it was hidden behind; until the panel is
   * active, the editor the user opened it from stays the insert target.
   */
  private openedFrom: vscode.TextEditor | undefined;
  private unpinTimer: NodeJS.Timeout | undefined;

  private remember(editor: vscode.TextEditor | undefined): void {
    if (!editor || editor.document.uri.scheme === 'output') return;
    // (by document: the same editor shown again may be a new TextEditor object, whose cursor counts)
    if (this.openedFrom && editor.document !== this.openedFrom.document) return;
    this.target = { uri: editor.document.uri, selection: editor.selection, viewColumn: editor.viewColumn };
  }

  private get webviewRoot(): vscode.Uri {
    return vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
  }

  /** Opens the calculator, or reveals it if it is open; a preset overrides fields of the form. */
  show(preset?: Partial<CapacityFormState>): vscode.WebviewPanel {
    const from = vscode.window.activeTextEditor;
    if (from) {
      this.openedFrom = undefined;
      this.remember(from);
      this.openedFrom = from;
    }
    void this.endEarlyKeys();
    if (from && this.recentEdits) {
      // the panel opens a moment after its command: keys typed in that moment go to this editor
      // (trial 22: the first digit of an item size went into the YAML, the rest nowhere)
      this.typedAhead = '';
      this.earlyKeys = new KeysTypedEarly(this.recentEdits, (keys) => this.keysTypedAhead(keys), undefined, undefined, AFTER_COMMAND_PALETTE_MS);
    }
    if (this.panel) {
      if (this.panel.active) this.openedFrom = undefined; // nothing will be activated
      // a hidden panel's page loads again: it takes the focus once it can take keys
      if (!this.panel.visible) this.pageReady = false; // (its page was let go of while hidden)
      this.focusWhenReady = !this.panel.visible && this.earlyKeys !== undefined;
      // Hidden behind the editor it is opened from, it opens beside it as a new panel does: revealed
      // in place it hid its insert target, and keys typed meanwhile reached neither the editor nor the page
      const behindEditor = !this.panel.visible && from !== undefined && from.viewColumn === this.panel.viewColumn;
      this.panel.reveal(behindEditor ? panelColumn(this.groupAreas) : undefined, this.focusWhenReady);
      if (preset) {
        this.state = { ...this.state, ...preset };
        this.post({ type: 'setState', state: this.state });
      }
      return this.panel;
    }
    // a new webview reports its own form first; the preset is applied when it is ready
    this.pendingPreset = preset;
    // Opened from an editor, the page takes the focus once it can take keys: keys typed while it
    // loaded were lost (trial 22); until then they go to the editor, and are taken back out of it.
    this.focusWhenReady = this.earlyKeys !== undefined;
    const panel = vscode.window.createWebviewPanel(CAPACITY_VIEW_TYPE, 'DynamoDB Capacity', { viewColumn: panelColumn(this.groupAreas), preserveFocus: this.focusWhenReady }, {
      enableScripts: true,
      retainContextWhenHidden: false,
      localResourceRoots: [this.webviewRoot],
    });
    this.attach(panel, this.state);
    return panel;
  }

  /** The form as the page last reported it. */
  get form(): CapacityFormState {
    return this.state;
  }

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  private attach(panel: vscode.WebviewPanel, state: CapacityFormState): void {
    this.panel = panel;
    this.state = state;
    this.pageReady = false;
    panel.webview.options = { enableScripts: true, localResourceRoots: [this.webviewRoot] };
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icon.png');
    panel.webview.html = this.html(panel.webview);
    this.panelListeners.push(
      panel.webview.onDidReceiveMessage((m: ToHost) => this.onMessage(m)),
      // the editor activations that revealing or moving the panel causes arrive around its own
      // activation, in either order: keep the pin a moment longer
      panel.onDidChangeViewState((e) => {
        if (!e.webviewPanel.active) {
          if (this.pageReady && !this.focusWhenReady) void this.earlyKeys?.stop(); // back in an editor: what is typed there is the editor's
          return;
        }
        clearTimeout(this.unpinTimer);
        this.unpinTimer = setTimeout(() => (this.openedFrom = undefined), UNPIN_AFTER_MS);
      }),
      panel.onDidDispose(() => {
        void this.earlyKeys?.stop();
        this.panel = undefined;
        this.lastView = undefined;
        this.panelListeners.forEach((d) => d.dispose());
        this.panelListeners = [];
      }),
    );
  }

  /** Stops taking keys out of the editor (after taking those already typed) and forgets the watch. */
  private endEarlyKeys(): Promise<void> {
    const keys = this.earlyKeys;
    this.earlyKeys = undefined;
    return keys?.stop() ?? Promise.resolve();
  }

  /** Keys taken out of the editor go to the page's focused field, in front of what was typed there. */
  private keysTypedAhead(keys: string): void {
    this.typedAhead += keys;
    if (!this.pageReady || !this.typedAhead) return;
    this.post({ type: 'typedAhead', text: this.typedAhead });
    this.typedAhead = '';
  }

  /** The last notice shown under the buttons (what happened on insert or copy). */
  lastNotice: string | undefined;

  /** Sets the form (tests and commands drive the panel this way). */
  post(message: ToWebview): void {
    if (message.type === 'notice') this.lastNotice = message.text;
    // a webview that is reloading (moved to another group) misses messages: it asks for this state when ready
    if (message.type === 'setState') this.state = message.state;
    void this.panel?.webview.postMessage(message);
  }

  private async onMessage(m: ToHost): Promise<void> {
    switch (m.type) {
      case 'ready':
        if (this.pendingPreset) this.state = { ...this.state, ...this.pendingPreset };
        this.pendingPreset = undefined;
        this.post({ type: 'setState', state: this.state, initial: true });
        this.pageReady = true;
        this.keysTypedAhead('');
        if (this.focusWhenReady) {
          this.focusWhenReady = false;
          // (the panel may be active without the focus: revealed in the group of the editor it hid)
          if (this.panel && !m.focused) this.panel.reveal(undefined, false);
        }
        break;
      case 'focused':
        void this.earlyKeys?.stop(); // keys go to the page now
        break;
      case 'changed':
        this.state = m.state;
        break;
      case 'rendered':
        this.lastView = m.view;
        this.viewChanged.fire(m.view);
        break;
      case 'insert':
        await this.insert(m.format);
        break;
      case 'copy':
        await this.copy(m.format);
        break;
      case 'undoInsert':
        await this.undoInsert();
        break;
    }
  }

  /** The last insert: its document and the version the insert made (undone only while nothing else changed it). */
  private lastInsert: { doc: vscode.TextDocument; version: number; where: string; column: vscode.ViewColumn | undefined } | undefined;

  /** Undoes the last insert in its editor (Ctrl+Z in the panel right after it); false when the file changed since. */
  async undoInsert(): Promise<boolean> {
    const last = this.lastInsert;
    this.lastInsert = undefined;
    if (!last || last.doc.isClosed || last.doc.version !== last.version) {
      this.post({ type: 'notice', text: 'The file changed since the insert: undo it there (Ctrl+Z in its editor).', error: true });
      return false;
    }
    // in the editor it went into: shown without a column, it opened again over the panel (trial 23)
    const column = vscode.window.visibleTextEditors.find((e) => e.document === last.doc)?.viewColumn ?? last.column;
    await vscode.window.showTextDocument(last.doc, { viewColumn: column, preserveFocus: false, preview: false });
    await vscode.commands.executeCommand('undo');
    // back to the panel, where Ctrl+Z was pressed (unless the file took the panel's place)
    if (this.panel?.visible) this.panel.reveal(undefined, false);
    this.post({ type: 'notice', text: `Undid the insert into ${last.where}.` });
    return true;
  }

  private result(): CapacityResult {
    return computeCapacity(formToInput(this.state));
  }

  private snippet(format: SnippetFormat, indent = '', step?: string): Snippet | undefined {
    const snippet = snippetForResult(format, this.result(), indent, step);
    if (!snippet) this.post({ type: 'notice', text: 'Fix the highlighted fields first.', error: true });
    return snippet;
  }

  /** Copies a format to the clipboard; returns the text (undefined when the input is invalid). */
  async copy(format: SnippetFormat): Promise<string | undefined> {
    const snippet = this.snippet(format);
    if (!snippet) return undefined;
    await vscode.env.clipboard.writeText(snippet.text);
    this.post({ type: 'notice', text: `Copied to the clipboard.${snippet.note ? ` ${snippet.note}` : ''}` });
    return snippet.text;
  }

  /**
   * Inserts the throughput for the file's language at the cursor of the last text editor, as one
   * undo step. When that editor is hidden (the panel shares its group) it is shown again first.
   */
  async insert(format?: SnippetFormat): Promise<boolean> {
    // what is typed from here on is the user's, and our own edit is not keys typed early (CI: an
    // insert made before the page had the focus was taken back out and typed into the form)
    await this.endEarlyKeys();
    const target = this.target;
    const doc = target && vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.uri.toString());
    if (!target || !doc || doc.isClosed) {
      this.post({ type: 'notice', text: 'Open the file to insert into (CloudFormation, Terraform or a shell script) first.', error: true });
      return false;
    }
    const chosen = format ?? snippetFormatFor(doc.languageId, doc.fileName);
    const selection = doc.validateRange(target.selection) as vscode.Range;
    const indent = doc.lineAt(selection.start.line).text.match(/^\s*/)![0];
    if (!this.snippet(chosen, indent)) return false;
    let editor = vscode.window.visibleTextEditors.find((e) => e.document === doc);
    if (!editor) {
      editor = await vscode.window.showTextDocument(doc, { viewColumn: target.viewColumn, selection, preserveFocus: false, preview: false });
    }
    // nested lines indented as the file is (the editor's detected tab size; a 4-space template got 2)
    const { insertSpaces, tabSize } = editor.options;
    const snippet = this.snippet(chosen, indent, insertSpaces === false ? '\t' : ' '.repeat(typeof tabSize === 'number' ? tabSize : 2))!;
    // at the cursor, unless that splits a word (then after it) or a line of text takes a block
    // (then on a line of its own); the snippet continues the line's indentation, so the first
    // line's own is stripped
    const line = doc.lineAt(selection.start.line).text;
    const inCall = chosen !== 'boto3' || insidePythonBrackets(doc.getText(), doc.offsetAt(selection.start));
    const place = selection.isEmpty ? snippetPlace(line, selection.start.character, chosen, inCall) : { column: selection.start.character, before: '', after: '' };
    const range = selection.isEmpty ? new vscode.Range(selection.start.line, place.column, selection.start.line, place.column) : selection;
    const body = snippet.text.replace(/^\s*/, '');
    const all = doc.getText();
    // a JSON member between others: the commas it needs, in the same edit
    const commas = chosen === 'cloudformation-json' ? jsonMemberCommas(all.slice(0, doc.offsetAt(range.start)), all.slice(doc.offsetAt(range.end))) : { trailing: '' };
    const text = place.before + (place.before.startsWith('\n') ? body.replace(/\n$/, '') : body) + place.after + commas.trailing;
    const startOffset = doc.offsetAt(range.start) + (commas.commaAt !== undefined ? 1 : 0);
    const ok = await editor.edit((b) => {
      if (commas.commaAt !== undefined) b.insert(doc.positionAt(commas.commaAt), ',');
      b.replace(range, text);
    });
    const insertedLine = range.start.line + (place.before.startsWith('\n') ? 1 : 0);
    if (ok) {
      const end = doc.positionAt(startOffset + text.length);
      editor.selection = new vscode.Selection(end, end);
      // the line from its start (trial 17: a long create-table line was left scrolled to the end, its left half blank)
      const lineStart = new vscode.Position(insertedLine, 0);
      editor.revealRange(new vscode.Range(lineStart, lineStart), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }
    const shell = scriptLanguageOf(doc.languageId);
    const at = startOffset + place.before.length;
    const warning = !ok ? undefined
      : chosen === 'cli' ? cliFlagWarning(doc.getText(), at, shell === undefined || shell === 'python' ? 'bash' : shell)
        : chosen === 'boto3' ? boto3ArgumentWarning(doc.getText(), at)
          : chosen === 'cloudformation-yaml' || chosen === 'cloudformation-json' ? templateThroughputWarning(doc.getText(), at, chosen === 'cloudformation-json', all)
            : undefined;
    const where = `${vscode.workspace.asRelativePath(doc.uri)}, line ${insertedLine + 1}`;
    this.lastInsert = ok ? { doc, version: doc.version, where, column: editor.viewColumn } : undefined;
    this.post({
      type: 'notice',
      text: ok ? `Inserted into ${where}.${snippet.note ? ` ${snippet.note}` : ''}${warning ? ` ${warning}` : ''} (Ctrl+Z here undoes it.)` : 'The editor did not accept the edit.',
      error: !ok || warning !== undefined,
      inserted: ok,
    });
    // the panel's notice may be below its fold (trial 23): a wrong place is said where it is seen
    if (warning) void vscode.window.showWarningMessage(`Inserted into ${where}, but: ${warning}`);
    return ok;
  }

  private html(webview: vscode.Webview): string {
    const nonce = randomBytes(16).toString('base64');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.webviewRoot, 'capacity.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(this.webviewRoot, 'capacity.css'));
    const csp = `default-src 'none'; style-src ${webview.cspSource}; img-src ${webview.cspSource}; script-src 'nonce-${nonce}';`;
    return /* html */ `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<script nonce="${nonce}">
// keys typed while the page loads, before the form's script can take them (trial 22: lost)
window.keysBeforeScript = [];
addEventListener('keydown', (e) => {
  const active = document.activeElement;
  if (!window.keysBeforeScript || (active && active !== document.body && active !== document.documentElement)) return;
  if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) window.keysBeforeScript.push(e.key);
}, true);
</script>
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
<title>DynamoDB Capacity</title>
</head>
<body>
<main>
<h1>DynamoDB capacity</h1>
<p class="hint">Read and write capacity from item size and request rate, by the DynamoDB Developer Guide's rules.</p>
<section aria-labelledby="item-h">
  <h2 id="item-h">Item</h2>
  <div class="radio" role="radiogroup" aria-label="Item size from">
    <label><input type="radio" name="mode" id="modeSize" value="size" checked> Size</label>
    <label><input type="radio" name="mode" id="modeItem" value="item"> Paste an item (JSON or DynamoDB JSON; get-item, query or scan output)</label>
  </div>
  <div class="row" id="sizeRow">
    <label for="size">Item size</label>
    <input id="size" inputmode="decimal" aria-describedby="size-error">
    <select id="sizeUnit" aria-label="Size unit"><option value="B">bytes</option><option value="KB">KB</option></select>
    <span class="error" id="size-error" data-error-for="size" role="alert"></span>
  </div>
  <div class="row" id="itemRow" hidden>
    <label for="item">Item</label>
    <textarea id="item" rows="6" spellcheck="false" aria-describedby="item-error" placeholder='{"pk": {"S": "user#1"}, "score": {"N": "42"}}'></textarea>
    <span class="error" id="item-error" data-error-for="item" role="alert"></span>
  </div>
  <div id="weightsBlock" hidden><h3>Heaviest attributes</h3><ol id="weights"></ol></div>
</section>
<section aria-labelledby="reads-h">
  <h2 id="reads-h">Reads</h2>
  <div class="row">
    <label for="readCount">Reads</label><input id="readCount" inputmode="decimal" aria-describedby="readCount-error">
    <label for="readPerSeconds">per</label><input id="readPerSeconds" inputmode="decimal" aria-label="Reads: per how many seconds" aria-describedby="readPerSeconds-error"><span>seconds</span>
    <select id="consistency" aria-label="Read consistency">
      <option value="eventual">eventually consistent</option><option value="strong">strongly consistent</option><option value="transactional">transactional</option>
    </select>
    <span class="error" id="readCount-error" data-error-for="readCount" role="alert"></span>
    <span class="error" id="readPerSeconds-error" data-error-for="readPerSeconds" role="alert"></span>
  </div>
</section>
<section aria-labelledby="writes-h">
  <h2 id="writes-h">Writes</h2>
  <div class="row">
    <label for="writeCount">Writes</label><input id="writeCount" inputmode="decimal" aria-describedby="writeCount-error">
    <label for="writePerSeconds">per</label><input id="writePerSeconds" inputmode="decimal" aria-label="Writes: per how many seconds" aria-describedby="writePerSeconds-error"><span>seconds</span>
    <label class="check"><input type="checkbox" id="transactional"> transactional</label>
    <span class="error" id="writeCount-error" data-error-for="writeCount" role="alert"></span>
    <span class="error" id="writePerSeconds-error" data-error-for="writePerSeconds" role="alert"></span>
  </div>
  <div class="row">
    <label for="gsiCount">Global secondary indexes</label><input id="gsiCount" inputmode="numeric" aria-describedby="gsiCount-error">
    <label for="gsiProjectedSize">projected size (same unit; empty = whole item)</label><input id="gsiProjectedSize" inputmode="decimal" aria-describedby="gsiProjectedSize-error">
    <span class="error" id="gsiCount-error" data-error-for="gsiCount" role="alert"></span>
    <span class="error" id="gsiProjectedSize-error" data-error-for="gsiProjectedSize" role="alert"></span>
  </div>
</section>
<section aria-labelledby="result-h" class="results">
  <h2 id="result-h">Provisioned capacity</h2>
  <dl>
    <dt>Read capacity units</dt><dd id="rcu" aria-live="polite"></dd>
    <dt>Write capacity units</dt><dd id="wcu" aria-live="polite"></dd>
    <dt>Per global secondary index</dt><dd id="gsiWcu"></dd>
    <dt>On-demand, per month</dt><dd id="onDemand"></dd>
    <dt>Provisioned, per month</dt><dd id="provisioned"></dd>
  </dl>
  <h3>How it adds up</h3>
  <ol id="steps" class="steps"></ol>
  <div class="actions">
    <button id="insert" title="Insert into the last active editor: CloudFormation YAML/JSON, Terraform, boto3 (Python) or CLI by its language">Insert into editor</button>
    <button class="secondary" data-format="cloudformation-yaml">Copy CloudFormation (YAML)</button>
    <button class="secondary" data-format="cloudformation-json">Copy CloudFormation (JSON)</button>
    <button class="secondary" data-format="cli">Copy CLI flag</button>
    <button class="secondary" data-format="terraform">Copy Terraform</button>
    <button class="secondary" data-format="boto3">Copy boto3</button>
  </div>
  <p id="notice" class="notice" role="status"></p>
</section>
<details>
  <summary>Prices (USD, editable)</summary>
  <p class="hint">Defaults: us-east-1 list prices for the standard table class as published in 2025. Not live prices: check the AWS pricing page for your region.</p>
  <div class="row prices">
    <label for="readRequestPerMillion">On-demand reads, per million</label><input id="readRequestPerMillion" inputmode="decimal">
    <span class="error" data-error-for="readRequestPerMillion"></span>
    <label for="writeRequestPerMillion">On-demand writes, per million</label><input id="writeRequestPerMillion" inputmode="decimal">
    <span class="error" data-error-for="writeRequestPerMillion"></span>
    <label for="rcuHour">RCU-hour</label><input id="rcuHour" inputmode="decimal">
    <span class="error" data-error-for="rcuHour"></span>
    <label for="wcuHour">WCU-hour</label><input id="wcuHour" inputmode="decimal">
    <span class="error" data-error-for="wcuHour"></span>
  </div>
</details>
</main>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
  }

  override dispose(): void {
    this.panel?.dispose();
    super.dispose();
  }
}

function isFormState(v: unknown): v is CapacityFormState {
  return typeof v === 'object' && v !== null && 'sizeMode' in v && 'readCount' in v;
}

/** `jmespathAws.computeCapacity`: the numbers and steps, without opening anything. */
export function computeCapacityCommand(input: CapacityInput = {}): CapacityResult {
  return computeCapacity(input);
}

/**
 * Beside the active editor; but with three groups or more, in the largest other group rather than a
 * fourth column, too narrow for the form (trial 11), or a short stacked group (trial 24: after
 * Run & refine, a pane too short to show any result).
 */
function panelColumn(areas: number[] | undefined): vscode.ViewColumn {
  const groups = vscode.window.tabGroups;
  if (groups.all.length < 3) return vscode.ViewColumn.Beside;
  const active = groups.activeTabGroup.viewColumn;
  const columns = groups.all.map((g) => g.viewColumn);
  if (areas && areas.length === columns.length) {
    // the largest; among equals the nearest, after the active group first
    const sorted = [...columns].sort((a, b) => a - b);
    const order = [...sorted.filter((c) => c > active), ...sorted.filter((c) => c < active).reverse()];
    return order.reduce((best, c) => (areas[c - 1] > areas[best - 1] + 1e-6 ? c : best));
  }
  return columns.includes(active + 1) ? active + 1 : Math.max(...columns.filter((c) => c !== active));
}
