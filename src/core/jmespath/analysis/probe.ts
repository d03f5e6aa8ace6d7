// Evaluates a query as the engine does (same semantics, same functions) while watching chosen
// nodes: what reaches them and what they give. It never stops at the first failure: an error is
// recorded on its node and evaluation goes on with null, so one query can be explained end to end.
import {
  JsonValue, NeedsExactRead, NotAnObject, ObjectBuilder, OrderedObject, fieldlessKind, getField, isObject, objectValues,
} from '../../json/values';
import { JmesPathError, asTooDeep } from '../errors';
import { Evaluation } from '../evaluation';
import { callFunction } from '../functions';
import { pythonIndex, sliceIndexes } from '../interpreter';
import type { Node } from '../parser';
import { ExpressionReference, RuntimeValue, isFalse, isOrderable, jmesEquals, pyOrder } from '../semantics';

/** What one watched node saw. */
export class NodeRecord {
  /** Values the node was evaluated on (objects once each), up to the limit. */
  readonly inputs: JsonValue[] = [];
  /** Values the node gave, in order, up to the limit. */
  readonly outputs: JsonValue[] = [];
  evaluations = 0;
  nullOutputs = 0;
  errors: JmesPathError[] = [];
  /** Inputs met on branches the evaluation skips (merged in by finish()). */
  private readonly shadowInputs: JsonValue[] = [];

  constructor(private readonly limit: number) {}

  addInput(v: JsonValue, shadow: boolean): void {
    const list = shadow ? this.shadowInputs : this.inputs;
    if (list.length < this.limit) list.push(v);
  }

  /** Adds the skipped branches' inputs the real evaluation did not see (each object once). */
  finish(): void {
    if (this.shadowInputs.length === 0) return;
    const seen = new Set<unknown>(this.inputs.filter((v) => v !== null && typeof v === 'object'));
    for (const v of this.shadowInputs) {
      if (this.inputs.length >= this.limit) break;
      if (v !== null && typeof v === 'object') {
        if (seen.has(v)) continue;
        seen.add(v);
      }
      this.inputs.push(v);
    }
    this.shadowInputs.length = 0;
  }

  addOutput(v: JsonValue): void {
    this.evaluations++;
    if (v === null) this.nullOutputs++;
    if (this.outputs.length < this.limit) this.outputs.push(v);
  }
}

/** Per field node, cheaply: how many objects it was asked of and how many had the key. */
export interface FieldStats {
  objects: number;
  hits: number;
  /** A few of the objects without the key (for "did you mean"). */
  misses: JsonValue[];
  /** What it was asked of that is neither an object nor null (`list`, `string`, `number`, `boolean`): a field of those is always null. */
  notObjects: Set<string>;
}

export interface ProbeOptions {
  watch?: Iterable<Node>;
  /** Collect FieldStats for every field node. */
  fieldStats?: boolean;
  /** Most inputs/outputs kept per watched node. */
  limit?: number;
  /** Values the query may build before the probe stops with `limit-exceeded` (as the engine does). */
  maxValues?: number;
}

/**
 * Values a probe may build: it runs as the user types (hover, completion, lints), so well below
 * the engine's limit, and far above what explaining a query on a 100 MB document needs.
 */
export const PROBE_MAX_VALUES = 5_000_000;

export interface ProbeResult {
  value: JsonValue;
  records: Map<Node, NodeRecord>;
  fieldStats: Map<Node, FieldStats>;
  /** Every error met, with the node it happened at. */
  errors: { node: Node; error: JmesPathError }[];
}

/** Functions that apply an &expression to each element of another argument: the index of that argument (the &expression is the other one). */
export const EXPREF_OVER_ELEMENTS: Record<string, number> = { sort_by: 0, max_by: 0, min_by: 0, map: 1 };

export function probe(ast: Node, root: JsonValue, options: ProbeOptions = {}): ProbeResult {
  const limit = options.limit ?? 100_000;
  const records = new Map<Node, NodeRecord>();
  for (const n of options.watch ?? []) records.set(n, new NodeRecord(limit));
  const fieldStats = new Map<Node, FieldStats>();
  const errors: ProbeResult['errors'] = [];
  const evaluation = new Evaluation(options.maxValues ?? PROBE_MAX_VALUES);
  // nodes with a watched node inside: a skipped branch under one of them is still walked for inputs
  const leadsToWatched = new Set<Node>();
  if (records.size) markAncestors(ast, records, leadsToWatched);

  class ProbeRef extends NotAnObject implements ExpressionReference {
    constructor(readonly node: Node) {
      super();
    }
    evaluate(value: JsonValue): JsonValue {
      return ev(this.node, value);
    }
  }

  const fail = (node: Node, e: unknown): null => {
    if (e instanceof NeedsExactRead) throw e;
    const error = asTooDeep(e);
    if (!(error instanceof JmesPathError)) throw error;
    errors.push({ node, error });
    records.get(node)?.errors.push(error);
    return null;
  };

  /** Walks a branch the real evaluation skips, only so the watched nodes in it see their inputs. */
  const shadow = (node: Node, value: JsonValue): void => {
    if (!leadsToWatched.has(node)) return;
    shadowDepth++;
    try {
      ev(node, value);
    } finally {
      shadowDepth--;
    }
  };
  let shadowDepth = 0;

  const ev = (node: Node, value: JsonValue): JsonValue => {
    const record = records.get(node);
    if (record) record.addInput(value, shadowDepth > 0);
    const out = evalNode(node, value);
    if (record && shadowDepth === 0) record.addOutput(out);
    return out;
  };

  const evalNode = (node: Node, value: JsonValue): JsonValue => {
    switch (node.type) {
      case 'field': {
        if (options.fieldStats) {
          let s = fieldStats.get(node);
          if (!s) fieldStats.set(node, (s = { objects: 0, hits: 0, misses: [], notObjects: new Set() }));
          if (isObject(value)) {
            s.objects++;
            const v = getField(value, node.name);
            if (v !== null || hasKey(value, node.name)) s.hits++;
            else if (s.misses.length < 20) s.misses.push(value);
            return v;
          }
          // ('value': an &expression, whose field is no sure mistake: the lint says nothing then)
          if (value !== null) s.notObjects.add(fieldlessKind(value) ?? 'value');
        }
        return isObject(value) ? getField(value, node.name) : null;
      }
      case 'subexpression':
      case 'index_expression': {
        let result = value;
        for (const child of node.children) result = ev(child, result);
        return result;
      }
      case 'pipe':
        return ev(node.right, ev(node.left, value));
      case 'identity':
      case 'current':
        return value;
      case 'literal':
        return node.value;
      case 'index': {
        if (!Array.isArray(value)) return null;
        const i = pythonIndex(node.index, value.length);
        return i === undefined ? null : value[i];
      }
      case 'slice':
        if (!Array.isArray(value)) return null;
        try {
          const indexes = sliceIndexes(value.length, node.start, node.stop, node.step);
          evaluation.spend(indexes.length);
          return indexes.map((i) => value[i]);
        } catch (e) {
          return fail(node, e);
        }
      case 'projection': {
        const base = ev(node.left, value);
        if (!Array.isArray(base)) return null;
        evaluation.spend(base.length);
        const collected: JsonValue[] = [];
        for (const element of base) {
          const current = ev(node.right, element);
          if (current !== null) collected.push(current);
        }
        return collected;
      }
      case 'value_projection': {
        const base = ev(node.left, value);
        if (!isObject(base)) return null;
        const members = objectValues(base);
        evaluation.spend(members.length);
        const collected: JsonValue[] = [];
        for (const element of members) {
          const current = ev(node.right, element);
          if (current !== null) collected.push(current);
        }
        return collected;
      }
      case 'filter_projection': {
        const base = ev(node.left, value);
        if (!Array.isArray(base)) return null;
        evaluation.spend(base.length);
        const collected: JsonValue[] = [];
        for (const element of base) {
          if (!isFalse(ev(node.condition, element))) {
            const current = ev(node.right, element);
            if (current !== null) collected.push(current);
          }
        }
        return collected;
      }
      case 'flatten': {
        const base = ev(node.child, value);
        if (!Array.isArray(base)) return null;
        let size = 0;
        for (const element of base) size += Array.isArray(element) ? element.length : 1;
        evaluation.spend(size); // before building: this is the step that multiplies
        const merged: JsonValue[] = [];
        for (const element of base) {
          if (Array.isArray(element)) for (const e of element) merged.push(e);
          else merged.push(element);
        }
        return merged;
      }
      case 'comparator': {
        const left = ev(node.left, value);
        const right = ev(node.right, value);
        if (node.op === 'eq') return jmesEquals(left, right);
        if (node.op === 'ne') return !jmesEquals(left, right);
        if (!isOrderable(left) || !isOrderable(right)) return null;
        try {
          return pyOrder(node.op, left, right);
        } catch (e) {
          return fail(node, e);
        }
      }
      case 'or': {
        const matched = ev(node.left, value);
        if (isFalse(matched)) return ev(node.right, value);
        shadow(node.right, value);
        return matched;
      }
      case 'and': {
        const matched = ev(node.left, value);
        if (isFalse(matched)) {
          shadow(node.right, value);
          return matched;
        }
        return ev(node.right, value);
      }
      case 'not':
        return isFalse(ev(node.child, value));
      case 'expref':
        return new ProbeRef(node.child) as unknown as JsonValue;
      case 'function': {
        const args: RuntimeValue[] = node.args.map((a) => ev(a, value));
        // sort_by & co. stop at the first bad key; walk every element so watched nodes see them all
        const over = EXPREF_OVER_ELEMENTS[node.name];
        if (over !== undefined) {
          const list = args[over];
          const ref = node.args[1 - over];
          if (Array.isArray(list) && ref?.type === 'expref' && leadsToWatched.has(ref.child)) {
            for (const element of list) shadow(ref.child, element);
          }
        }
        try {
          return callFunction(node.name, args, evaluation);
        } catch (e) {
          return fail(node, e);
        }
      }
      case 'multi_select_list':
        if (value === null) return null;
        evaluation.spend(node.children.length);
        return node.children.map((c) => ev(c, value));
      case 'multi_select_hash': {
        if (value === null) return null;
        evaluation.spend(node.pairs.length);
        const b = new ObjectBuilder();
        for (const pair of node.pairs) b.set(pair.key, ev(pair.value, value));
        return b.build();
      }
    }
  };

  let value: JsonValue;
  try {
    value = ev(ast, root);
  } catch (e) {
    value = fail(ast, e);
  }
  for (const r of records.values()) r.finish();
  return { value, records, fieldStats, errors };
}

function hasKey(obj: JsonValue, key: string): boolean {
  // getField gave null: the key may still be there with a null value
  if (!isObject(obj)) return false;
  if (obj instanceof OrderedObject) return obj.map.has(key);
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/** Children of a node, in evaluation order. */
export function childrenOf(node: Node): Node[] {
  switch (node.type) {
    case 'subexpression':
    case 'index_expression':
    case 'multi_select_list':
      return node.children;
    case 'pipe':
    case 'projection':
    case 'value_projection':
    case 'comparator':
    case 'or':
    case 'and':
      return [node.left, node.right];
    case 'filter_projection':
      return [node.left, node.condition, node.right];
    case 'flatten':
    case 'not':
    case 'expref':
      return [node.child];
    case 'function':
      return node.args;
    case 'multi_select_hash':
      return node.pairs.map((p) => p.value);
    default:
      return [];
  }
}

function markAncestors(node: Node, watched: Map<Node, unknown>, out: Set<Node>): boolean {
  let found = watched.has(node);
  for (const child of childrenOf(node)) if (markAncestors(child, watched, out)) found = true;
  if (found) out.add(node);
  return found;
}
