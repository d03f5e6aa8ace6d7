// Messages between the capacity calculator panel (host) and its webview. `import type` on both sides.
import type { Consistency, SnippetFormat } from '../core/capacity/capacity';

/** Everything the user typed, as typed (strings), so validation can speak about it. */
export interface CapacityFormState {
  sizeMode: 'size' | 'item';
  size: string;
  sizeUnit: 'B' | 'KB';
  item: string;
  readCount: string;
  readPerSeconds: string;
  consistency: Consistency;
  writeCount: string;
  writePerSeconds: string;
  transactional: boolean;
  gsiCount: string;
  gsiProjectedSize: string;
  readRequestPerMillion: string;
  writeRequestPerMillion: string;
  rcuHour: string;
  wcuHour: string;
}

/** What the webview shows, reported after each render (tests read it; the host keeps it current). */
export interface RenderedView {
  rcu: string;
  wcu: string;
  gsiWcu: string;
  onDemandMonthly: string;
  provisionedMonthly: string;
  steps: string[];
  /** The "heaviest attributes" list as shown. */
  weights: string[];
  errors: Record<string, string>;
  /** Elements that run or load things (img, script, iframe...) inside the form: user text must never add any. */
  foreignElements: number;
}

export type ToHost =
  /** `focused`: whether the page has the keyboard focus already (clicked into while it loaded). */
  | { type: 'ready'; focused: boolean }
  | { type: 'changed'; state: CapacityFormState }
  | { type: 'rendered'; view: RenderedView }
  | { type: 'insert'; format?: SnippetFormat }
  | { type: 'copy'; format: SnippetFormat }
  /** Ctrl+Z in the panel right after an insert: undo the insert in its editor (not the panel's last field edit). */
  | { type: 'undoInsert' }
  /** A field of the page has focus: keys typed from now on reach it. */
  | { type: 'focused' };

export type ToWebview =
  /** `initial`: the editor's form in answer to a new page's 'ready' (fields typed on the page meanwhile win). */
  | { type: 'setState'; state: CapacityFormState; initial?: boolean }
  /** `inserted`: after a successful insert (Ctrl+Z in the panel then undoes it). */
  | { type: 'notice'; text: string; error?: boolean; inserted?: boolean }
  /** Keys typed while the panel opened, taken back out of the editor they went to: for the focused field, in front of what was typed there. */
  | { type: 'typedAhead'; text: string };
