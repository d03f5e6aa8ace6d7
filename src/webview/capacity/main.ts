// The capacity calculator's webview: reads the form, computes with the same core code as the host,
// renders results, steps and field errors (always as text, never as HTML), keeps its state.
import { GSI_READ_UNITS, SnippetFormat, computeCapacity, formatNumber, usd } from '../../core/capacity/capacity';
import { DEFAULT_FORM, formToInput } from '../../shared/capacityForm';
import type { CapacityFormState, RenderedView, ToHost, ToWebview } from '../../shared/capacityProtocol';

/** The form, and the field last used (a hidden panel's page is let go of: trial 23 came back to Item size, not Writes). */
type PageState = CapacityFormState & { lastFieldId?: string };

interface VsCodeApi {
  postMessage(message: ToHost): void;
  getState(): PageState | undefined;
  setState(state: PageState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
/** The last thing done in the panel was an insert into an editor (Ctrl+Z undoes it there). */
let undoableInsert = false;
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const TEXT_FIELDS = ['size', 'item', 'readCount', 'readPerSeconds', 'writeCount', 'writePerSeconds', 'gsiCount', 'gsiProjectedSize',
  'readRequestPerMillion', 'writeRequestPerMillion', 'rcuHour', 'wcuHour'] as const;
// which core field each error belongs beside
const ERROR_TARGET: Record<string, string> = {
  itemSizeBytes: 'size', item: 'item', 'reads.count': 'readCount', 'reads.perSeconds': 'readPerSeconds',
  'reads.consistency': 'consistency', 'writes.count': 'writeCount', 'writes.perSeconds': 'writePerSeconds',
  'gsis.count': 'gsiCount', 'gsis.projectedSizeBytes': 'gsiProjectedSize',
  'prices.readRequestPerMillion': 'readRequestPerMillion', 'prices.writeRequestPerMillion': 'writeRequestPerMillion',
  'prices.rcuHour': 'rcuHour', 'prices.wcuHour': 'wcuHour',
};

function readForm(): CapacityFormState {
  const state = { ...DEFAULT_FORM };
  for (const f of TEXT_FIELDS) (state as Record<string, unknown>)[f] = ($(f) as HTMLInputElement | HTMLTextAreaElement).value;
  state.sizeMode = ($('modeItem') as HTMLInputElement).checked ? 'item' : 'size';
  state.sizeUnit = ($('sizeUnit') as HTMLSelectElement).value as 'B' | 'KB';
  state.consistency = ($('consistency') as HTMLSelectElement).value as CapacityFormState['consistency'];
  state.transactional = ($('transactional') as HTMLInputElement).checked;
  return state;
}

function writeForm(state: CapacityFormState): void {
  for (const f of TEXT_FIELDS) ($(f) as HTMLInputElement | HTMLTextAreaElement).value = state[f];
  ($('modeItem') as HTMLInputElement).checked = state.sizeMode === 'item';
  ($('modeSize') as HTMLInputElement).checked = state.sizeMode !== 'item';
  ($('sizeUnit') as HTMLSelectElement).value = state.sizeUnit;
  ($('consistency') as HTMLSelectElement).value = state.consistency;
  ($('transactional') as HTMLInputElement).checked = state.transactional;
}


/** Keeps the form and the field last used for the page VS Code loads when the panel is shown again. */
function saveState(state = readForm()): void {
  vscode.setState({ ...state, lastFieldId: lastField?.id });
}

function render(report = true): void {
  const state = readForm();
  saveState(state);
  $('sizeRow').hidden = state.sizeMode === 'item';
  $('itemRow').hidden = state.sizeMode !== 'item';
  const result = computeCapacity(formToInput(state));
  const errors: Record<string, string> = {};
  for (const e of result.errors) errors[ERROR_TARGET[e.field] ?? e.field] ??= e.message;
  document.querySelectorAll<HTMLElement>('[data-error-for]').forEach((el) => {
    const field = el.dataset.errorFor!;
    el.textContent = errors[field] ?? '';
    const input = document.getElementById(field);
    input?.setAttribute('aria-invalid', errors[field] ? 'true' : 'false');
  });
  // grouped as the steps below print them (trial 14: 4000 here, 4,000 there)
  $('rcu').textContent = result.reads ? formatNumber(result.reads.provisioned) : '—';
  $('wcu').textContent = result.writes ? formatNumber(result.writes.provisioned) : '—';
  $('gsiWcu').textContent = result.writes && result.writes.gsiCount
    ? `${formatNumber(result.writes.gsiProvisionedEach)} WCU, ${GSI_READ_UNITS} RCU × ${result.writes.gsiCount}` : '—';
  // any invalid field: no cost at all (a cost of part of the input would mislead)
  $('onDemand').textContent = result.cost ? usd(result.cost.onDemandMonthly) : '—';
  $('provisioned').textContent = result.cost ? usd(result.cost.provisionedMonthly) : '—';
  const steps = $('steps');
  steps.replaceChildren(...result.steps.map((s) => Object.assign(document.createElement('li'), { textContent: s })));
  const weights = $('weights');
  weights.replaceChildren(...(result.item?.attributes.slice(0, 8) ?? []).map((a) => {
    const li = document.createElement('li');
    li.textContent = `${a.name} (${a.type}): ${a.bytes} bytes`;
    return li;
  }));
  $('weightsBlock').hidden = !result.item;
  const texts = (id: string) => [...$(id).children].map((li) => li.textContent ?? '');
  // report what is on screen, read back from the page
  const view: RenderedView = {
    rcu: $('rcu').textContent ?? '',
    wcu: $('wcu').textContent ?? '',
    gsiWcu: $('gsiWcu').textContent ?? '',
    onDemandMonthly: $('onDemand').textContent ?? '',
    provisionedMonthly: $('provisioned').textContent ?? '',
    steps: texts('steps'),
    weights: texts('weights'),
    errors,
    foreignElements: document.querySelector('main')!.querySelectorAll('img, iframe, script, object, embed').length,
  };
  const canInsert = !!(result.reads && result.writes && result.errors.length === 0);
  document.querySelectorAll<HTMLButtonElement>('button[data-format], #insert').forEach((b) => (b.disabled = !canInsert));
  // the first render shows what this page had saved; the host's form (which may be newer: this
  // page reloads when it moves to another group) arrives as setState in answer to 'ready'
  if (report) vscode.postMessage({ type: 'changed', state });
  vscode.postMessage({ type: 'rendered', view });
}

/** The form fields the user changed on this page before the editor's form arrived (it answers 'ready'). */
const typedBeforeAnswer = new Set<keyof CapacityFormState>();
let answered = false;
const FIELD_OF: Record<string, keyof CapacityFormState> = { modeItem: 'sizeMode', modeSize: 'sizeMode' };

function noteTyping(event: Event): void {
  const id = (event.target as HTMLElement | null)?.id;
  if (answered || !id) return;
  const field = FIELD_OF[id] ?? (id in DEFAULT_FORM ? (id as keyof CapacityFormState) : undefined);
  if (field) typedBeforeAnswer.add(field);
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const msg = event.data;
  if (msg.type === 'setState') {
    const state = { ...DEFAULT_FORM, ...msg.state };
    if (msg.initial) {
      // keys typed while the editor was busy answering must not be overwritten by its older form
      const onPage = readForm();
      for (const field of typedBeforeAnswer) (state as Record<string, unknown>)[field] = onPage[field];
      typedBeforeAnswer.clear();
      answered = true;
    }
    writeForm(state);
    render();
  } else if (msg.type === 'typedAhead') {
    // keys that went to the editor while the panel opened, taken back out of it: they were typed
    // before any that reached the field
    const field = focusForm();
    const at = focusedAs?.field === field ? focusedAs : { start: field.value.length, end: field.value.length, value: field.value };
    // where the selection was when the page took the focus: replaced, or (keys typed there since
    // replaced it) in front of them
    const typedSince = field.value !== at.value;
    field.setRangeText(msg.text, at.start, typedSince ? at.start : at.end, typedSince ? 'preserve' : 'end');
    focusedAs = undefined;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  } else if (msg.type === 'notice') {
    const notice = $('notice');
    notice.textContent = msg.text;
    notice.className = msg.error ? 'notice error' : 'notice';
    undoableInsert = msg.inserted === true;
  }
});

// VS Code's webview host passes every key on to the workbench, which answers Ctrl+A with a select
// all of its own a moment later: by then the first key typed after Ctrl+A was in the field, and
// the second replaced it. The field's own select all is enough.
document.addEventListener('keydown', (e) => {
  const field = e.target as HTMLElement | null;
  const selectAll = (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'a';
  if (selectAll && field && (field.tagName === 'INPUT' || field.tagName === 'TEXTAREA')) e.stopPropagation();
  // Ctrl+Z right after Insert undoes the insert, in its editor: the browser's own undo changed the
  // last field typed in, and the panel and the inserted text disagreed (trial 19)
  const undo = (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'z';
  if (undo && undoableInsert) {
    e.preventDefault();
    e.stopPropagation();
    undoableInsert = false;
    vscode.postMessage({ type: 'undoInsert' });
  }
});
document.addEventListener('input', (e) => {
  undoableInsert = false;
  noteTyping(e);
  render();
});
document.addEventListener('change', (e) => {
  undoableInsert = false;
  noteTyping(e);
  render();
});
// A new or revealed panel has focus but no field: typing went nowhere until Tab (trial 22). The
// first field of the form (or the one last used) takes the focus, its value selected as a
// dialog's first field is, so typing replaces it.
let lastField: HTMLInputElement | HTMLTextAreaElement | undefined = savedLastField();
/** Whether the page has put the focus in a field yet (its first field's value is then selected, as a dialog's is). */
let focusedOnce = false;

function savedLastField(): HTMLInputElement | HTMLTextAreaElement | undefined {
  const id = vscode.getState()?.lastFieldId;
  const field = id ? document.getElementById(id) : null;
  return field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement ? field : undefined;
}
/** The field the page gave the focus, with its selection and value then (until keys taken out of the editor came). */
let focusedAs: { field: HTMLInputElement | HTMLTextAreaElement; start: number; end: number; value: string } | undefined;

function firstField(): HTMLInputElement | HTMLTextAreaElement {
  return ($('modeItem') as HTMLInputElement).checked ? $('item') : $('size');
}

/** The focused field, focusing the one last used (or the first) when none is. */
function focusForm(): HTMLInputElement | HTMLTextAreaElement {
  const active = document.activeElement;
  if (active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement) return active;
  const first = !focusedOnce;
  focusedOnce = true;
  const field = lastField && !lastField.closest('[hidden]') ? lastField : firstField();
  field.focus();
  if (first) field.select();
  else if (field === lastField && lastSelection) field.setSelectionRange(lastSelection[0], lastSelection[1]); // (VS Code focusing the page took it away)
  focusedAs = { field, start: field.selectionStart ?? 0, end: field.selectionEnd ?? 0, value: field.value };
  return field;
}

/** Where the selection of the last field was (a click that activates the panel is followed by VS Code focusing the page). */
let lastSelection: [number, number] | undefined;
for (const event of ['select', 'keyup', 'mouseup', 'input']) {
  document.addEventListener(event, (e) => {
    const field = e.target;
    if (field === lastField && (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement)) {
      lastSelection = [field.selectionStart ?? 0, field.selectionEnd ?? 0];
    }
  }, true);
}

document.addEventListener('focusin', (e) => {
  const target = e.target;
  if (!(target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement)) return;
  if (target !== lastField) lastSelection = undefined;
  lastField = target;
  focusedOnce = true;
  saveState();
  vscode.postMessage({ type: 'focused' });
});
// (after the click that may have brought the focus: a select, a button or a radio keeps it)
window.addEventListener('focus', () => setTimeout(() => {
  const active = document.activeElement;
  if (!active || active === document.body || active === document.documentElement) focusForm();
}, 0));
// a key pressed while the page has focus but no field does: the field takes it (moving the focus
// on keydown sends the key's character to the field)
document.addEventListener('keydown', (e) => {
  if (e.target !== document.body && e.target !== document.documentElement) return;
  if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) focusForm();
  // Ctrl+A just after a click that activated the panel (VS Code then focuses the page, not the
  // field clicked): the field's select all, not the page's
  if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'a') {
    e.preventDefault();
    e.stopPropagation();
    focusForm().select();
  }
}, true);

$('insert').addEventListener('click', () => vscode.postMessage({ type: 'insert' }));
document.querySelectorAll<HTMLButtonElement>('button[data-format]').forEach((b) =>
  b.addEventListener('click', () => vscode.postMessage({ type: 'copy', format: b.dataset.format as SnippetFormat })));

writeForm({ ...DEFAULT_FORM, ...(vscode.getState() ?? {}) });
render(false);
vscode.postMessage({ type: 'ready', focused: document.hasFocus() });
// keys typed while the page loaded (the panel has the focus from the start) go to the first field
const page = window as { keysBeforeScript?: string[] };
const keysBeforeScript = page.keysBeforeScript?.join('') ?? '';
page.keysBeforeScript = undefined;
if (document.hasFocus() || keysBeforeScript) {
  const field = focusForm();
  if (keysBeforeScript) {
    field.setRangeText(keysBeforeScript, field.selectionStart ?? 0, field.selectionEnd ?? 0, 'end');
    field.dispatchEvent(new Event('input', { bubbles: true }));
  }
}
