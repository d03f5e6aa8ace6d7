// Why a result is empty: walks the query over the data the way the interpreter does and finds a
// field that no object at that point of the data has, with "did you mean" from those objects' own
// keys (`InstanceID` -> `InstanceId`). Bounded: it looks at a limited number of values.
import { editDistance } from '../editDistance';
import { childrenOf } from '../jmespath/analysis/probe';
import { evaluate } from '../jmespath/interpreter';
import { Node } from '../jmespath/parser';
import { isFalse } from '../jmespath/semantics';
import { JsonValue, NeedsExactRead, fieldlessKind, isObject, objectKeys, objectValues } from '../json/values';

export interface MissingField {
  /** The field the query asks for. */
  field: string;
  /** 0-based code-point column of the field in the expression. */
  column: number;
  /** The closest key the data has at that point, if one is close enough. */
  suggestion?: string;
  /** Some of the keys the data has there (for the message when nothing is close). */
  known: string[];
  /** It was read on no object, only on these (`list`, `string`, `number`, `boolean`), which have no fields. */
  on?: string[];
  /** The result is not empty, but this field's item of a multiselect is null in every row (`[InstanceId, InstanceTyp]`). */
  everyRow?: boolean;
}

/** Values looked at before giving up (keeps huge documents cheap). */
const BUDGET = 20_000;
const MAX_KNOWN = 200;

interface Seen {
  node: Extract<Node, { type: 'field' }>;
  objects: number;
  found: boolean;
  keys: Set<string>;
  notObjects: Set<string>;
}

/**
 * For a result that is `null` or `[]`: the first field (in the expression) that was looked up on at
 * least one object and found on none of them. Undefined when no field explains it.
 */
export function explainEmpty(ast: Node, data: JsonValue, options: { rethrowInexact?: boolean } = {}): MissingField | undefined {
  const walked = walkAll(ast, data, options);
  if (!walked) return undefined;
  const missing = [...walked.seen.values()]
    .filter((s) => (s.objects > 0 && !s.found) || (s.objects === 0 && s.notObjects.size > 0))
    .sort((a, b) => a.node.start - b.node.start)[0];
  if (!missing) return undefined;
  if (missing.objects === 0) return { field: missing.node.name, column: missing.node.start, known: [], on: [...missing.notObjects].sort() };
  return missingField(missing);
}

/**
 * For a result that is not empty: the first field no object had, inside an item of a multiselect
 * that was null in every row (`[InstanceId, InstanceTyp]`: a column of nulls, the typo unseen).
 */
export function explainNullItem(ast: Node, data: JsonValue, options: { rethrowInexact?: boolean } = {}): MissingField | undefined {
  if (!holdsMultiselect(ast)) return undefined;
  const walked = walkAll(ast, data, options);
  if (!walked) return undefined;
  const inNullItems = new Set<Node>();
  for (const [item, rows] of walked.items) if (rows.nonNull === 0) fieldsOf(item, inNullItems);
  const missing = [...walked.seen.values()]
    .filter((s) => s.objects > 0 && !s.found && inNullItems.has(s.node))
    .sort((a, b) => a.node.start - b.node.start)[0];
  return missing ? { ...missingField(missing), everyRow: true } : undefined;
}

function missingField(s: Seen): MissingField {
  const known = [...s.keys];
  return { field: s.node.name, column: s.node.start, suggestion: closestKey(s.node.name, known), known: known.slice(0, 20) };
}

interface WalkState {
  budget: number;
  /** Each multiselect item: in how many rows it was evaluated, and how many gave a value. */
  items: Map<Node, { rows: number; nonNull: number }>;
}

function walkAll(ast: Node, data: JsonValue, options: { rethrowInexact?: boolean }): { seen: Map<Node, Seen>; items: WalkState['items'] } | undefined {
  const seen = new Map<Node, Seen>();
  const state: WalkState = { budget: BUDGET, items: new Map() };
  try {
    walk(ast, data, seen, state);
  } catch (e) {
    // a fast read's object whose key order JSON.parse changed (`"10"`, `"2"`): the caller may read exactly
    if (options.rethrowInexact && e instanceof NeedsExactRead) throw e;
    // an error (or the budget spent): no explanation rather than a wrong one
    return undefined;
  }
  return { seen, items: state.items };
}

function holdsMultiselect(node: Node): boolean {
  let found = false;
  visitNodes(node, (n) => {
    if (n.type === 'multi_select_list' || n.type === 'multi_select_hash') found = true;
  });
  return found;
}

function fieldsOf(node: Node, into: Set<Node>): void {
  visitNodes(node, (n) => {
    if (n.type === 'field') into.add(n);
  });
}

/** Calls `f` on every node of the tree. */
function visitNodes(node: Node, f: (n: Node) => void): void {
  f(node);
  for (const child of childrenOf(node)) visitNodes(child, f);
}

/** One sentence for the user. */
export function describeMissing(m: MissingField): string {
  if (m.on) {
    // (as the query lint says it: a field of a list or a scalar is always null)
    const onList = m.on.length === 1 && m.on[0] === 'list';
    return `${m.field} is read on ${m.on.map((k) => `a ${k}`).join(' or ')}, which has no fields${onList ? `; for each element's ${m.field}, write [].${m.field}` : ''}`;
  }
  const base = `${m.field} is not a field of the data at that point${m.everyRow ? ' (null in every row)' : ''}`;
  if (m.suggestion) return `${base}; did you mean ${m.suggestion}?`;
  return `${base}${keysThere(m.known)}`;
}

/** ` (it has A, B, …)`: the first keys of the object(s) at that point, or nothing when there are none. */
export function keysThere(keys: readonly string[], several = false): string {
  // (a key that would read as something else in the list, "" or "a, b", shown quoted)
  const shown = keys.slice(0, 8).map((k) => (k === '' || /[,()]|^\s|\s$/.test(k) ? JSON.stringify(k) : k));
  return keys.length ? ` (${several ? 'they have' : 'it has'} ${shown.join(', ')}${keys.length > 8 ? ', …' : ''})` : '';
}

function walk(node: Node, value: JsonValue, seen: Map<Node, Seen>, state: WalkState): JsonValue {
  if (--state.budget < 0) throw new Error('budget');
  switch (node.type) {
    case 'field': {
      let s = seen.get(node);
      if (!s) seen.set(node, (s = { node, objects: 0, found: false, keys: new Set(), notObjects: new Set() }));
      if (isObject(value)) {
        s.objects++;
        const keys = objectKeys(value);
        if (keys.includes(node.name)) s.found = true;
        else for (const k of keys) if (s.keys.size < MAX_KNOWN) s.keys.add(k);
      } else {
        const kind = fieldlessKind(value);
        if (kind) s.notObjects.add(kind);
      }
      return evaluate(node, value);
    }
    case 'subexpression':
    case 'index_expression': {
      let result = value;
      for (const child of node.children) result = walk(child, result, seen, state);
      return result;
    }
    case 'pipe':
      return walk(node.right, walk(node.left, value, seen, state), seen, state);
    case 'projection':
    case 'value_projection':
    case 'filter_projection': {
      const base = walk(node.left, value, seen, state);
      const elements = node.type === 'value_projection' ? (isObject(base) ? objectValues(base) : []) : Array.isArray(base) ? base : [];
      for (const element of elements) {
        if (node.type === 'filter_projection' && isFalse(walk(node.condition, element, seen, state))) continue;
        walk(node.right, element, seen, state);
      }
      return evaluate(node, value);
    }
    case 'flatten':
      walk(node.child, value, seen, state);
      return evaluate(node, value);
    case 'comparator':
    case 'and':
    case 'or':
      walk(node.left, value, seen, state);
      walk(node.right, value, seen, state);
      return evaluate(node, value);
    case 'not':
      walk(node.child, value, seen, state);
      return evaluate(node, value);
    case 'function':
      for (const arg of node.args) walk(arg, value, seen, state);
      return evaluate(node, value);
    case 'multi_select_list':
    case 'multi_select_hash': {
      if (value === null) return null; // (a multiselect of null is null: its items are not evaluated)
      for (const item of childrenOf(node)) {
        const got = walk(item, value, seen, state);
        let rows = state.items.get(item);
        if (!rows) state.items.set(item, (rows = { rows: 0, nonNull: 0 }));
        rows.rows++;
        if (got !== null) rows.nonNull++;
      }
      return evaluate(node, value);
    }
    default:
      return evaluate(node, value);
  }
}

/** Edits allowed for a suggestion: 1 up to 4 characters, 2 up to 8, then 3 (so `Foo` never becomes `Bar`). */
export function maxSuggestionDistance(name: string): number {
  const n = [...name].length;
  return n <= 4 ? 1 : n <= 8 ? 2 : 3;
}

/** The key closest to `name`: same letters in another case first, else the fewest edits within the limit. */
export function closestKey(name: string, keys: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  const limit = maxSuggestionDistance(name);
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const key of keys) {
    if (key === name) continue;
    if (key.toLowerCase() === lower) return key;
    const d = editDistance(lower, key.toLowerCase(), bestDistance - 1);
    if (d < bestDistance) {
      bestDistance = d;
      best = key;
    }
  }
  return best;
}

