// Completion at a cursor in a (possibly unfinished) query. The word being typed is replaced by a
// placeholder field, the query is closed so it parses, and the placeholder's inputs are found by
// evaluating it on the data (or walking the AWS output shape): whatever objects reach it are the
// objects whose keys may be typed there, inside filters, function arguments and multiselects alike.
import { analyzeQuery } from '../../aws/queryCheck';
import { ShapeTree, enumValues, isList, isMap, isStructure } from '../../aws/model';
import { formatKey } from '../../json/paths';
import { dumps, jsonString } from '../../json/print';
import { JsonObject, JsonValue, compareStrings, getField, isObject, objectEntries, objectKeys, sameKeys, typeOf } from '../../json/values';
import { Node, parseWithSpans } from '../parser';
import { FUNCTION_DOCS, functionMarkdown, signatureText } from './functionDocs';
import { EXPREF_OVER_ELEMENTS, childrenOf, probe } from './probe';
import { comparatorBefore, closers, closingQuote, previousSignificant, scanPrefix, wordAt } from './scan';
import { DataSource, FieldNode, lastField, stringLiteral } from './source';

export type CompletionKind = 'field' | 'function' | 'value';

export interface CompletionEntry {
  kind: CompletionKind;
  label: string;
  /** Plain text, or a snippet (`sort_by($1)`) when `snippet` is set. */
  insertText: string;
  snippet?: boolean;
  filterText?: string;
  /** One line: type and a sample value, a signature, or how often a value occurs. */
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** Lower comes first. */
  rank: number;
  /**
   * Query text right before the completions' range that this item replaces too: `.` when
   * `Tags.` becomes `Tags[].Key` (a list has no fields of its own).
   */
  replaceBefore?: string;
}

export interface Completions {
  /** UTF-16 range of the query text the chosen item replaces. */
  start: number;
  end: number;
  items: CompletionEntry[];
}

const PLACEHOLDER = '__jmespath_cursor__';
const MAX_VALUES = 30;
/** Ranks: values, then fields (moved past the values when there are any), then functions. */
const VALUES_FIRST = 5000;
/** Keys sort_by and co. cannot order by come after those they can. */
const UNSORTABLE_AFTER = 2500;
const FUNCTIONS_AFTER = 10_000;
const MAX_OBJECTS_SCANNED = 50_000;
const SAMPLES_PER_LAYOUT = 20;

type Position = 'member' | 'expression' | 'value';

export function complete(query: string, offset: number, data: DataSource, onElements = false): Completions {
  const none: Completions = { start: offset, end: offset, items: [] };
  const prefixState = scanPrefix(query.slice(0, offset));
  let start: number;
  let end: number;
  let position: Position | undefined;
  let quotedName = false;
  if (prefixState.quote) {
    const q = prefixState.quote;
    start = q.offset;
    end = offset;
    const closing = closingQuote(query, q.offset);
    if (closing >= 0 && !/[\]|)&,]/.test(query.slice(offset, closing))) end = closing + 1;
    if (q.char === '"') {
      position = positionBefore(query, start, prefixState);
      quotedName = true;
    } else if (comparatorBefore(query, start)) {
      position = 'value';
    }
  } else {
    const word = wordAt(query, offset);
    if (/^[0-9]/.test(query.slice(word.start, word.end))) return none;
    ({ start, end } = word);
    position = positionBefore(query, start, prefixState);
  }
  if (!position) return none;

  let located = locatePlaceholder(query, start, end);
  // `max_by(Volumes, ‸`: the argument wants an &expression over the elements, and a bare field
  // there would be read from the current node: offer the elements' fields with the `&`
  let exprefPrefix = '';
  if (located && !quotedName && position === 'expression' && isBareExprefArgument(located.ast, located.placeholder)) {
    const withAmpersand = locatePlaceholder(`${query.slice(0, start)}&${query.slice(start)}`, start + 1, end + 1);
    if (withAmpersand) {
      located = withAmpersand;
      exprefPrefix = '&';
    }
  }
  const items: CompletionEntry[] = [];
  if (located) {
    const comparedWith = position !== 'member' ? comparisonPartner(located.ast, located.placeholder) : undefined;
    if (data.kind === 'json') {
      const watch = comparedWith ? [located.placeholder, comparedWith] : [located.placeholder];
      const result = probe(located.ast, data.root, { watch, limit: MAX_OBJECTS_SCANNED });
      if (position !== 'value') {
        let fields = fieldItems(result.records.get(located.placeholder)!.inputs, quotedName, exprefPrefix, sortKeyOf(located.ast, located.placeholder));
        // a filter that keeps nothing here leaves nothing to offer (trial 22: `Instances[?State.Name
        // == 'running'].Tags[].` offered no Key or Value): the fields of every element, said so
        if (fields.length === 0 && hasFilter(located.ast)) {
          const all = probe(withFiltersKeepingAll(located.ast, located.placeholder), data.root, { watch: [located.placeholder], limit: MAX_OBJECTS_SCANNED });
          fields = fieldItems(all.records.get(located.placeholder)!.inputs, quotedName, exprefPrefix, sortKeyOf(located.ast, located.placeholder))
            .map((f) => ({ ...f, detail: `${f.detail} · where the filter keeps nothing`, documentation: `${f.documentation} The filters before this keep no element of the data: these are the fields of the elements they drop.` }));
        }
        items.push(...fields);
      }
      if (comparedWith) items.push(...valueItems(result.records.get(comparedWith)!.outputs));
    } else if (data.kind === 'shape') {
      let shape: ShapeTree | undefined;
      let compared: ShapeTree | undefined;
      const comparedField = comparedWith && lastField(comparedWith);
      analyzeQuery(located.ast, data.tree, '', data.label, (node, s) => {
        if (node === located.placeholder) shape = s;
        if (node === comparedField && isStructure(s)) compared = s[node.name];
      });
      if (position !== 'value') items.push(...shapeItems(shape, quotedName, exprefPrefix));
      items.push(...enumItems(enumValues(compared, data.enums), comparedField?.name));
    }
  }
  // after a comparator the values come first (a field there compares two fields, which is rarer)
  if (items.some((i) => i.kind === 'value')) for (const i of items) if (i.kind === 'field') i.rank += VALUES_FIRST;
  if (position === 'expression' && !quotedName) items.push(...functionItems());
  // after a dot, functions once the word typed names no field, or there are no fields (a list, a
  // string: `Tags.` then `length(@)`; trial 18, 19); offered always, they would bury the fields
  const typed = query.slice(start, offset);
  if (position === 'member' && !quotedName && !items.some((i) => i.kind === 'field' && i.label.startsWith(typed))) {
    const functions = functionItems().filter((i) => i.label.startsWith(typed));
    if (!onElements && !items.some((i) => i.kind === 'field')) items.push(...elementFieldItems(query, start, offset, data));
    items.push(...functions);
  }
  return { start, end, items };
}

/**
 * After a dot on a list (`Tags.`), where a field would read null: the fields of its elements,
 * each written as `[].Key` in place of the dot (trial 22: only functions were offered there).
 */
function elementFieldItems(query: string, start: number, offset: number, data: DataSource): CompletionEntry[] {
  const dot = previousSignificant(query, start).offset;
  if (query[dot] !== '.') return [];
  const projected = `${query.slice(0, dot)}[]${query.slice(dot)}`;
  const onElements = complete(projected, offset + 2, data, true).items.filter((i) => i.kind === 'field');
  const replaced = query.slice(dot, start);
  return onElements.map((i) => ({
    ...i,
    label: `[].${i.label}`,
    insertText: `[].${i.insertText}`,
    filterText: i.filterText ?? i.label, // (an editor filters on what it replaces: `replaceBefore` then this)
    detail: `${i.detail ?? ''} · of each element: a list has no fields of its own`.replace(/^ · /, ''),
    documentation: `${i.documentation ?? ''} Read on the list itself, a field gives null: \`[].\` reads it from each element.`.trimStart(),
    replaceBefore: replaced,
  }));
}

function hasFilter(node: Node): boolean {
  if (node.type === 'filter_projection') return true;
  return childrenOf(node).some(hasFilter);
}

const KEEP_ALL: Node = { type: 'literal', value: true };

/** The query with every filter keeping every element (`[?...]` as `[?\`true\`]`); `keep` (the placeholder) stays the same node. */
function withFiltersKeepingAll(node: Node, keep: Node): Node {
  if (node === keep) return node;
  const copy = { ...node } as Record<string, unknown>;
  for (const [key, value] of Object.entries(node)) {
    if (Array.isArray(value)) {
      copy[key] = value.map((v) => (isNode(v) ? withFiltersKeepingAll(v, keep) : v && typeof v === 'object' && 'value' in v && isNode(v.value) ? { ...v, value: withFiltersKeepingAll(v.value, keep) } : v));
    } else if (isNode(value)) {
      copy[key] = withFiltersKeepingAll(value, keep);
    }
  }
  if (node.type === 'filter_projection') copy.condition = KEEP_ALL;
  return copy as Node;
}

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string';
}

/** What may be typed at `start`: a member after a dot, any expression, or nothing here. */
function positionBefore(query: string, start: number, state: ReturnType<typeof scanPrefix>): Position | undefined {
  const prev = previousSignificant(query, start);
  const c = prev.text.slice(-1);
  const innermost = state.open[state.open.length - 1]?.opener;
  if (c === '') return 'expression';
  if (c === '.') return /[0-9]/.test(query[prev.offset - 1] ?? '') ? undefined : 'member';
  if (innermost === '{' && (c === '{' || c === ',')) return undefined; // a key of a multiselect hash
  if (c === ':') return innermost === '{' ? 'expression' : undefined;
  if ('(,|&!=<>[?'.includes(c)) return 'expression';
  return undefined;
}

/** The query with the typed word replaced by a placeholder field, parsed: as it stands, or closed. */
export function locatePlaceholder(query: string, start: number, end: number): { ast: Node; placeholder: FieldNode } | undefined {
  const before = query.slice(0, start);
  const candidates = [before + PLACEHOLDER + query.slice(end), before + PLACEHOLDER + closers(scanPrefix(before))];
  for (const text of candidates) {
    let ast: Node;
    try {
      ast = parseWithSpans(text).ast;
    } catch {
      continue;
    }
    const placeholder = findField(ast, PLACEHOLDER);
    if (placeholder) return { ast, placeholder };
  }
  return undefined;
}

function findField(node: Node, name: string): FieldNode | undefined {
  if (node.type === 'field' && node.name === name) return node;
  for (const child of childrenOf(node)) {
    const found = findField(child, name);
    if (found) return found;
  }
  return undefined;
}

/** sort_by, max_by or min_by when the placeholder is the key its &expression ends in (`sort_by(x, &a.‸)`). */
function sortKeyOf(node: Node, placeholder: Node): string | undefined {
  if (node.type === 'function' && (node.name === 'sort_by' || node.name === 'max_by' || node.name === 'min_by')) {
    const key = node.args[1];
    let last = key?.type === 'expref' ? key.child : undefined;
    while (last?.type === 'subexpression') last = last.children[last.children.length - 1];
    if (last === placeholder) return node.name;
  }
  for (const child of childrenOf(node)) {
    const found = sortKeyOf(child, placeholder);
    if (found) return found;
  }
  return undefined;
}

/** Whether the placeholder is, as it stands (no `&`), the &expression argument of a function. */
function isBareExprefArgument(node: Node, placeholder: Node): boolean {
  const elements = node.type === 'function' ? EXPREF_OVER_ELEMENTS[node.name] : undefined;
  if (node.type === 'function' && elements !== undefined && node.args[1 - elements] === placeholder) return true;
  return childrenOf(node).some((child) => isBareExprefArgument(child, placeholder));
}

/** The other side of the comparison the placeholder is an operand of. */
function comparisonPartner(node: Node, placeholder: Node): Node | undefined {
  if (node.type === 'comparator') {
    if (node.right === placeholder) return node.left;
    if (node.left === placeholder) return node.right;
  }
  for (const child of childrenOf(node)) {
    const found = comparisonPartner(child, placeholder);
    if (found) return found;
  }
  return undefined;
}

interface KeyStats {
  count: number;
  types: Set<string>;
  sample: JsonValue;
}

/**
 * The keys of the objects that reach the cursor: most frequent first, with types and a sample.
 * Objects are grouped by their key list (AWS output repeats a few layouts thousands of times), so
 * counting costs one key list per object; types and samples come from a few objects per layout.
 */
function fieldItems(inputs: JsonValue[], quotedName: boolean, prefix = '', sortKeyFor?: string): CompletionEntry[] {
  type Layout = { keys: string[]; count: number; samples: JsonObject[] };
  const layouts = new Map<string, Layout>();
  let objects = 0;
  let last: Layout | undefined;
  for (const input of inputs) {
    if (!isObject(input)) continue;
    objects++;
    const keys = objectKeys(input);
    let layout = last && sameKeys(last.keys, keys) ? last : undefined;
    if (!layout) {
      const signature = keys.join('\u0000');
      layout = layouts.get(signature);
      if (!layout) {
        layouts.set(signature, (layout = { keys, count: 0, samples: [] }));
      }
    }
    if (layout.count++ < SAMPLES_PER_LAYOUT) layout.samples.push(input);
    last = layout;
  }
  const stats = new Map<string, KeyStats>();
  for (const layout of layouts.values()) {
    for (const key of layout.keys) {
      let s = stats.get(key);
      if (!s) stats.set(key, (s = { count: 0, types: new Set(), sample: null }));
      s.count += layout.count;
      for (const sample of layout.samples) {
        const value = getField(sample, key);
        s.types.add(typeOf(value));
        if (s.sample === null) s.sample = value;
      }
    }
  }
  // most frequent first; alike, by name (the data's own order put StateReason before State: trial 14)
  const sorted = [...stats.entries()].sort((a, b) => b[1].count - a[1].count || compareStrings(a[0], b[0]));
  return sorted.map(([key, s], rank) => {
    const types = [...s.types].sort((a, b) => (a === 'null' ? 1 : b === 'null' ? -1 : 0)).join(' | ');
    const insertText = prefix + (quotedName ? JSON.stringify(key) : formatKey(key));
    const sample = s.sample === null ? '' : ` · ${sampleText(s.sample)}`;
    // the empty key as `""`: an empty label is no item at all to the editor (trial 18)
    const shownKey = key === '' ? '""' : key;
    // a key sort_by/max_by/min_by cannot order by (lists, objects, booleans fail there): last, and said
    const unsortable = sortKeyFor !== undefined && !s.types.has('string') && !s.types.has('number');
    return {
      kind: 'field',
      label: prefix + shownKey,
      insertText,
      filterText: quotedName ? insertText : shownKey,
      detail: `${types}${sample}${unsortable ? ` · not a key for ${sortKeyFor} (numbers or strings only)` : ''}`,
      documentation: `In ${s.count} of ${objects} object${objects === 1 ? '' : 's'} here.`,
      rank: unsortable ? UNSORTABLE_AFTER + rank : rank,
    };
  });
}

/** A short one-line picture of a value: `"i-0abc…"`, `16`, `{State, Code} (2 keys)`, `[3 items]`. */
export function sampleText(value: JsonValue, max = 40): string {
  if (Array.isArray(value)) return `[${value.length} item${value.length === 1 ? '' : 's'}]`;
  if (isObject(value)) {
    const keys = objectEntries(value).map(([k]) => k);
    const shown = keys.slice(0, 3).join(', ') + (keys.length > 3 ? ', …' : '');
    return `{${shown}}`;
  }
  // (a string as written, not escaped to ASCII as to_string() would: "東京", not "\u6771\u4eac")
  const text = typeof value === 'string' ? jsonString(value) : dumps(value, true);
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

/** After a comparator on an AWS enum field: the values the service documents for it, in its order. */
function enumItems(values: readonly string[] | undefined, field: string | undefined): CompletionEntry[] {
  return (values ?? []).map((value, rank) => {
    const literal = stringLiteral(value);
    return { kind: 'value', label: literal, insertText: literal, filterText: literal, detail: `one of the ${values!.length} values of ${field}`, rank };
  });
}

/** After a comparator: the most frequent values of the other side, as literals. */
function valueItems(outputs: JsonValue[]): CompletionEntry[] {
  const counts = new Map<string, { literal: string; count: number; order: number }>();
  let total = 0;
  for (const v of outputs) {
    if (v === null || Array.isArray(v) || isObject(v)) continue;
    total++;
    const literal = typeof v === 'string' ? stringLiteral(v) : `\`${dumps(v, true)}\``;
    const c = counts.get(literal);
    if (c) c.count++;
    else counts.set(literal, { literal, count: 1, order: counts.size });
  }
  const sorted = [...counts.values()].sort((a, b) => b.count - a.count || a.order - b.order).slice(0, MAX_VALUES);
  return sorted.map((c, rank) => ({
    kind: 'value',
    label: c.literal,
    insertText: c.literal,
    filterText: c.literal,
    detail: `${c.count} of ${total} value${total === 1 ? '' : 's'}`,
    rank,
  }));
}

function shapeItems(shape: ShapeTree | undefined, quotedName: boolean, prefix = ''): CompletionEntry[] {
  if (!isStructure(shape)) return [];
  // by name: botocore's member order follows the model's history (EC2's Instance lists
  // InstanceLifecycle long before InstanceId), which means nothing to someone typing `Inst`
  const members = Object.entries(shape).sort(([a], [b]) => compareStrings(a, b));
  return members.map(([name, member], rank) => {
    const insertText = prefix + (quotedName ? JSON.stringify(name) : formatKey(name));
    return { kind: 'field', label: prefix + name, insertText, filterText: quotedName ? insertText : name, detail: describeShape(member), rank };
  });
}

/** `list of structure`, `string`, `map`: a member's type in words. */
export function describeShape(shape: ShapeTree): string {
  if (isList(shape)) return `list of ${describeShape(shape[0])}`;
  if (isMap(shape)) return 'map';
  if (typeof shape === 'object') return 'structure';
  if (shape.startsWith('s#')) return 'string';
  return ({ s: 'string', i: 'integer', b: 'boolean', t: 'timestamp', f: 'number', B: 'blob', m: 'map' } as Record<string, string>)[shape] ?? shape;
}

function functionItems(): CompletionEntry[] {
  return [...FUNCTION_DOCS.values()].map((doc, rank) => ({
    kind: 'function',
    label: doc.name,
    insertText: `${doc.name}($1)`,
    snippet: true,
    detail: signatureText(doc),
    documentation: functionMarkdown(doc, { signature: false }),
    rank: FUNCTIONS_AFTER + rank,
  }));
}
