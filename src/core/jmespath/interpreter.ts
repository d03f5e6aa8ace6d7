// Evaluates a parsed expression with jmespath.py's semantics (TreeInterpreter in visitor.py).
import { JsonValue, NotAnObject, ObjectBuilder, getField, isObject, objectValues } from '../json/values';
import { JmesPathError } from './errors';
import { Evaluation } from './evaluation';
import { callFunction } from './functions';
import { Node } from './parser';
import { ExpressionReference, RuntimeValue, isFalse, isOrderable, jmesEquals, pyOrder } from './semantics';

/** An `&expression` argument, evaluated by functions such as sort_by. */
export class ExpRef extends NotAnObject implements ExpressionReference {
  constructor(readonly node: Node, private readonly ev: Evaluation) {
    super();
  }
  evaluate(value: JsonValue): JsonValue {
    return evaluate(this.node, value, this.ev);
  }
}

/** Evaluates `node` on `value`; `ev` carries the state of the whole evaluation (limits, exactness). */
export function evaluate(node: Node, value: JsonValue, ev: Evaluation = new Evaluation()): JsonValue {
  switch (node.type) {
    case 'field':
      return isObject(value) ? getField(value, node.name) : null;
    case 'subexpression':
    case 'index_expression': {
      let result = value;
      for (const child of node.children) result = evaluate(child, result, ev);
      return result;
    }
    case 'pipe':
      return evaluate(node.right, evaluate(node.left, value, ev), ev);
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
      return Array.isArray(value) ? sliceList(value, node.start, node.stop, node.step) : null;
    case 'projection': {
      const base = evaluate(node.left, value, ev);
      if (!Array.isArray(base)) return null;
      const right = node.right;
      ev.spend(base.length);
      if (right.type === 'identity') return base.filter((v) => v !== null);
      const collected: JsonValue[] = [];
      for (const element of base) {
        const current = evaluate(right, element, ev);
        if (current !== null) collected.push(current);
      }
      return collected;
    }
    case 'value_projection': {
      const base = evaluate(node.left, value, ev);
      if (!isObject(base)) return null;
      const members = objectValues(base);
      ev.spend(members.length);
      const collected: JsonValue[] = [];
      for (const element of members) {
        const current = evaluate(node.right, element, ev);
        if (current !== null) collected.push(current);
      }
      return collected;
    }
    case 'filter_projection': {
      const base = evaluate(node.left, value, ev);
      if (!Array.isArray(base)) return null;
      ev.spend(base.length);
      const collected: JsonValue[] = [];
      for (const element of base) {
        if (!isFalse(evaluate(node.condition, element, ev))) {
          const current = evaluate(node.right, element, ev);
          if (current !== null) collected.push(current);
        }
      }
      return collected;
    }
    case 'flatten': {
      const base = evaluate(node.child, value, ev);
      if (!Array.isArray(base)) return null;
      let size = 0;
      for (const element of base) size += Array.isArray(element) ? element.length : 1;
      ev.spend(size); // before building: this is the step that multiplies
      const merged: JsonValue[] = [];
      for (const element of base) {
        if (Array.isArray(element)) for (const e of element) merged.push(e);
        else merged.push(element);
      }
      return merged;
    }
    case 'comparator': {
      const left = evaluate(node.left, value, ev);
      const right = evaluate(node.right, value, ev);
      if (node.op === 'eq') return jmesEquals(left, right);
      if (node.op === 'ne') return !jmesEquals(left, right);
      if (!isOrderable(left) || !isOrderable(right)) return null;
      return pyOrder(node.op, left, right);
    }
    case 'or': {
      const matched = evaluate(node.left, value, ev);
      return isFalse(matched) ? evaluate(node.right, value, ev) : matched;
    }
    case 'and': {
      const matched = evaluate(node.left, value, ev);
      return isFalse(matched) ? matched : evaluate(node.right, value, ev);
    }
    case 'not':
      return isFalse(evaluate(node.child, value, ev));
    case 'expref':
      return new ExpRef(node.child, ev) as unknown as JsonValue;
    case 'function': {
      const args: RuntimeValue[] = node.args.map((a) => evaluate(a, value, ev));
      return callFunction(node.name, args, ev);
    }
    case 'multi_select_list':
      if (value === null) return null;
      ev.spend(node.children.length);
      return node.children.map((c) => evaluate(c, value, ev));
    case 'multi_select_hash': {
      if (value === null) return null;
      ev.spend(node.pairs.length);
      const b = new ObjectBuilder();
      for (const pair of node.pairs) b.set(pair.key, evaluate(pair.value, value, ev));
      return b.build();
    }
  }
}

/** A Python list index (negative counts from the end), or undefined when out of range. */
export function pythonIndex(index: number | bigint, length: number): number | undefined {
  let i = Number(index);
  if (i < 0) i += length;
  return i >= 0 && i < length ? i : undefined;
}

/** The indexes Python's list[start:stop:step] selects. */
export function sliceIndexes(
  length: number,
  start: number | bigint | null,
  stop: number | bigint | null,
  step: number | bigint | null,
): number[] {
  const s = step === null ? 1 : clampBig(step);
  if (s === 0) throw new JmesPathError('invalid-value', 'slice step cannot be zero');
  const lower = s > 0 ? 0 : -1;
  const upper = s > 0 ? length : length - 1;
  const bound = (v: number | bigint | null, dflt: number): number => {
    if (v === null) return dflt;
    let x = clampBig(v);
    if (x < 0) {
      x += length;
      if (x < lower) x = lower;
    } else if (x > upper) {
      x = upper;
    }
    return x;
  };
  const from = bound(start, s > 0 ? lower : upper);
  const to = bound(stop, s > 0 ? upper : lower);
  const out: number[] = [];
  if (s > 0) for (let i = from; i < to; i += s) out.push(i);
  else for (let i = from; i > to; i += s) out.push(i);
  return out;
}

function sliceList(list: JsonValue[], start: number | bigint | null, stop: number | bigint | null, step: number | bigint | null): JsonValue[] {
  if ((step === null || step === 1) && (start === null || typeof start === 'number') && (stop === null || typeof stop === 'number')) {
    return list.slice(start ?? 0, stop ?? list.length); // same clamping as Python for step 1
  }
  return sliceIndexes(list.length, start, stop, step).map((i) => list[i]);
}

/** Huge slice bounds behave like +-infinity; keep them as plain numbers. */
function clampBig(v: number | bigint): number {
  if (typeof v === 'number') return v;
  const limit = BigInt(Number.MAX_SAFE_INTEGER);
  return Number(v > limit ? limit : v < -limit ? -limit : v);
}

