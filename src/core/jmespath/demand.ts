// Which parts of a document an expression can observe, worked out from the expression alone, so a
// one-shot search can read only those parts of a big document (json/partialRead.ts) and skip the
// rest. Sound for every result that is not an error: a value the expression does not demand is
// never looked at. Error messages may show any value, so a search that fails on a partly read
// document runs again on the whole document.
import type { Node } from './parser';

/** Everything about the value: read it whole. */
export const ALL = 'all';

/**
 * The value is printed as it is and nothing else looks at it: a container can stay bytes
 * (Verbatim) that the printer reformats. Anything more asked of the same value makes it ALL.
 */
export const PRINT = 'print';

/** Parts of a value: scalars are always read whole; containers only as far as asked. */
export interface Partial {
  /** Whether the value is null, its type, and a container's emptiness (a list's length too). */
  present?: boolean;
  /** A container's size: a list's length, an object's keys (undemanded members read as null). */
  size?: boolean;
  /** Object members by name. */
  fields?: Map<string, Demand>;
  /** Array elements by index (negative from the end). */
  at?: Map<number, Demand>;
  /** Every element of an array. */
  elements?: Demand;
  /** Every member value of an object. */
  members?: Demand;
  /**
   * The list is used by one consumer only, which may be applied to parts of it as it is read, the
   * reader keeping what it returns: a filter keeps the elements that pass, max_by and min_by the
   * best so far. Elements that cannot matter then never pile up in memory. Never merged: a second
   * consumer of the same list drops it.
   */
  narrow?: Narrowing;
}

/** `test`: what the filter's condition demands of an element (read first; the rest only for elements that pass). */
export type Narrowing = { filter: Node; test: Demand; best?: undefined } | { best: Extract<Node, { type: 'function' }>; filter?: undefined };

/** `undefined`: the value is never looked at (it is still validated as JSON). */
export type Demand = typeof ALL | typeof PRINT | Partial | undefined;

const PRESENT: Partial = { present: true };
const SIZE: Partial = { size: true };

/** Merges one documentDemand() may do: repeated flattens can double the demand at every step. */
const MERGE_BUDGET = 20_000;
let mergesLeft = Infinity;

class TooComplex extends Error {}

export function merge(a: Demand, b: Demand): Demand {
  if (a === undefined) return b;
  if (b === undefined) return a;
  if (a === ALL || b === ALL) return ALL;
  if (a === PRINT || b === PRINT) return a === b ? PRINT : ALL;
  if (--mergesLeft < 0) throw new TooComplex();
  const out: Partial = {};
  if (a.present || b.present) out.present = true;
  if (a.size || b.size) out.size = true;
  const fields = mergeMaps(a.fields, b.fields);
  if (fields) out.fields = fields;
  const at = mergeMaps(a.at, b.at);
  if (at) out.at = at;
  const elements = merge(a.elements, b.elements);
  if (elements !== undefined) out.elements = elements;
  const members = merge(a.members, b.members);
  if (members !== undefined) out.members = members;
  return out;
}

function mergeMaps<K>(a: Map<K, Demand> | undefined, b: Map<K, Demand> | undefined): Map<K, Demand> | undefined {
  if (!a) return b;
  if (!b) return a;
  const out = new Map(a);
  for (const [k, d] of b) out.set(k, merge(out.get(k), d));
  return out;
}

/** What is demanded of the elements of a list, whichever element it is. */
function anyElement(d: Demand): Demand {
  if (d === undefined || d === ALL || d === PRINT) return d;
  let e: Demand = d.elements;
  for (const x of d.at?.values() ?? []) e = merge(e, x);
  return e;
}

/**
 * The demand on a document for printing the expression's whole result (ALL when too complex to
 * work out). `verbatim`: the printer takes containers as bytes (PRINT), as the JSON printer does.
 */
export function documentDemand(node: Node, verbatim = false): Demand {
  mergesLeft = MERGE_BUDGET;
  try {
    return demandOf(node, verbatim ? PRINT : ALL);
  } catch (e) {
    if (e instanceof TooComplex || e instanceof RangeError) return ALL; // the whole document, as before
    throw e;
  } finally {
    mergesLeft = Infinity;
  }
}

/** The demand on a node's input, given the demand on its output. */
export function demandOf(node: Node, out: Demand): Demand {
  switch (node.type) {
    case 'field':
      return out === undefined ? undefined : { fields: new Map([[node.name, out]]) };
    case 'identity':
    case 'current':
      return out;
    case 'literal':
      return undefined;
    case 'subexpression':
    case 'index_expression': {
      let d = out;
      for (let i = node.children.length - 1; i >= 0; i--) d = demandOf(node.children[i], d);
      return d;
    }
    case 'pipe':
      return demandOf(node.left, demandOf(node.right, out));
    case 'index':
      return out === undefined ? undefined : { at: new Map([[Number(node.index), out]]) };
    case 'slice': {
      if (node.step !== null && Number(node.step) === 0) return ALL; // the error needs the list
      const e = anyElement(out);
      return e === undefined ? (out === undefined ? undefined : PRESENT) : { present: true, elements: e };
    }
    case 'projection': {
      // the projection drops null results: each one's nullness is demanded too
      const each = demandOf(node.right, merge(anyElement(out), PRESENT));
      return demandOf(node.left, merge(PRESENT, each === undefined ? undefined : { elements: each }));
    }
    case 'value_projection': {
      const each = demandOf(node.right, merge(anyElement(out), PRESENT));
      return demandOf(node.left, merge(PRESENT, { members: merge(each, PRESENT) }));
    }
    case 'filter_projection': {
      const test = demandOf(node.condition, PRESENT);
      const each = merge(test, demandOf(node.right, merge(anyElement(out), PRESENT)));
      return demandOf(node.left, each === undefined ? PRESENT : { present: true, elements: each, narrow: { filter: node.condition, test } });
    }
    case 'flatten': {
      // lists among the elements are merged in (their lengths count); anything else is an element
      const e = anyElement(out);
      const each = merge(merge(PRESENT, e), e === undefined ? undefined : { elements: e });
      return demandOf(node.child, { present: true, elements: each });
    }
    case 'comparator':
      return merge(demandOf(node.left, ALL), demandOf(node.right, ALL));
    case 'or':
    case 'and':
      return merge(demandOf(node.left, merge(out, PRESENT)), demandOf(node.right, out));
    case 'not':
      return demandOf(node.child, PRESENT);
    case 'expref':
      return undefined; // evaluated by the function that receives it
    case 'function':
      return functionDemand(node, out);
    case 'multi_select_list': {
      let d: Demand = PRESENT; // null input gives null
      node.children.forEach((child, i) => {
        const own = out === undefined || out === ALL || out === PRINT ? out : merge(merge(out.elements, out.at?.get(i)), out.at?.get(i - node.children.length));
        d = merge(d, demandOf(child, own));
      });
      return d;
    }
    case 'multi_select_hash': {
      let d: Demand = PRESENT;
      for (const pair of node.pairs) {
        const own = out === undefined || out === ALL || out === PRINT ? out : merge(out.fields?.get(pair.key), out.members);
        d = merge(d, demandOf(pair.value, own));
      }
      return d;
    }
  }
}

function functionDemand(node: Extract<Node, { type: 'function' }>, out: Demand): Demand {
  const args = node.args;
  const exprefBody = (n: Node | undefined): Node | undefined => (n?.type === 'expref' ? n.child : undefined);
  switch (node.name) {
    case 'length':
    case 'keys':
      return args.length === 1 ? demandOf(args[0], SIZE) : allOf(args);
    case 'type':
      return args.length === 1 ? demandOf(args[0], PRESENT) : allOf(args);
    case 'not_null':
      return args.reduce<Demand>((d, a) => merge(d, demandOf(a, merge(out, PRESENT))), undefined);
    case 'sort_by':
    case 'max_by':
    case 'min_by': {
      const key = exprefBody(args[1]);
      if (args.length !== 2 || !key) return allOf(args);
      // the result is elements of the list (one for max_by/min_by), ordered by the key
      const result = node.name === 'sort_by' ? anyElement(out) : out;
      const elements = merge(result, demandOf(key, ALL));
      return demandOf(args[0], node.name === 'sort_by' ? { present: true, elements } : { present: true, elements, narrow: { best: node } });
    }
    case 'map': {
      const body = exprefBody(args[0]);
      if (args.length !== 2 || !body) return allOf(args);
      const each = demandOf(body, anyElement(out));
      return demandOf(args[1], merge(PRESENT, each === undefined ? undefined : { elements: each }));
    }
    default:
      return allOf(args);
  }
}

/** Every argument read whole (an `&expression` runs on elements of those, read whole too). */
function allOf(args: Node[]): Demand {
  return args.reduce<Demand>((d, a) => (a.type === 'expref' ? d : merge(d, demandOf(a, ALL))), undefined);
}
