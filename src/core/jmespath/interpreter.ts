// Evaluates a parsed expression with jmespath.py's semantics (TreeInterpreter in visitor.py).
import { JsonValue, NotAnObject, ObjectBuilder, getField, isObject, objectValues } from '../json/values';
import { JmesPathError } from './errors';
import { Evaluation } from './evaluation';
import { callFunction } from './functions';
import { Node } from './parser';
import { ExpressionReference, RuntimeValue, isFalse, isOrderable, jmesEquals, pyOrder } from './semantics';

/** An `&expression` argument, evaluated by functions such as sort_by. */
export class ExpRef extends NotAnObject implements ExpressionReference {
  private readonly run: Evaluator;

  constructor(readonly node: Node, private readonly ev: Evaluation) {
    super();
    this.run = evaluatorOf(node);
  }

  evaluate(value: JsonValue): JsonValue {
    return this.run(value, this.ev);
  }
}

/** Evaluates `node` on `value`; `ev` carries the state of the whole evaluation (limits, exactness). */
export function evaluate(node: Node, value: JsonValue, ev: Evaluation = new Evaluation()): JsonValue {
  return evaluatorOf(node)(value, ev);
}

type Evaluator = (value: JsonValue, ev: Evaluation) => JsonValue;

// Each node becomes a closure once (parsed expressions are cached, so are their evaluators): a
// projection then calls its right-hand side directly instead of switching on the node's type for
// every element.
const evaluators = new WeakMap<Node, Evaluator>();

function evaluatorOf(node: Node): Evaluator {
  let evaluator = evaluators.get(node);
  if (evaluator === undefined) {
    evaluator = evaluatorFor(node);
    evaluators.set(node, evaluator);
  }
  return evaluator;
}

function evaluatorFor(node: Node): Evaluator {
  switch (node.type) {
    case 'field': {
      const name = node.name;
      return (value) => (isObject(value) ? getField(value, name) : null);
    }
    case 'subexpression':
    case 'index_expression':
      return chain(node.children.map(evaluatorOf));
    case 'pipe':
      return chain([evaluatorOf(node.left), evaluatorOf(node.right)]);
    case 'identity':
    case 'current':
      return (value) => value;
    case 'literal': {
      const literal = node.value;
      return () => literal;
    }
    case 'index': {
      const index = node.index;
      return (value) => {
        if (!Array.isArray(value)) return null;
        const i = pythonIndex(index, value.length);
        return i === undefined ? null : value[i];
      };
    }
    case 'slice': {
      const { start, stop, step } = node;
      return (value) => (Array.isArray(value) ? sliceList(value, start, stop, step) : null);
    }
    case 'projection': {
      const left = evaluatorOf(node.left);
      if (node.right.type === 'identity') {
        return (value, ev) => {
          const base = left(value, ev);
          if (!Array.isArray(base)) return null;
          ev.spend(base.length);
          return base.filter((v) => v !== null);
        };
      }
      const right = evaluatorOf(node.right);
      return (value, ev) => {
        const base = left(value, ev);
        if (!Array.isArray(base)) return null;
        ev.spend(base.length);
        return collect(base, right, ev);
      };
    }
    case 'value_projection': {
      const left = evaluatorOf(node.left);
      const right = evaluatorOf(node.right);
      return (value, ev) => {
        const base = left(value, ev);
        if (!isObject(base)) return null;
        const members = objectValues(base);
        ev.spend(members.length);
        return collect(members, right, ev);
      };
    }
    case 'filter_projection': {
      const left = evaluatorOf(node.left);
      const condition = evaluatorOf(node.condition);
      const right = evaluatorOf(node.right);
      return (value, ev) => {
        const base = left(value, ev);
        if (!Array.isArray(base)) return null;
        ev.spend(base.length);
        const collected: JsonValue[] = [];
        for (let i = 0; i < base.length; i++) {
          const element = base[i];
          if (!isFalse(condition(element, ev))) {
            const current = right(element, ev);
            if (current !== null) collected.push(current);
          }
        }
        return collected;
      };
    }
    case 'flatten': {
      const child = evaluatorOf(node.child);
      return (value, ev) => {
        const base = child(value, ev);
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
      };
    }
    case 'comparator': {
      const left = evaluatorOf(node.left);
      const right = evaluatorOf(node.right);
      const op = node.op;
      if (op === 'eq') return (value, ev) => jmesEquals(left(value, ev), right(value, ev));
      if (op === 'ne') return (value, ev) => !jmesEquals(left(value, ev), right(value, ev));
      return (value, ev) => {
        const l = left(value, ev);
        const r = right(value, ev);
        return isOrderable(l) && isOrderable(r) ? pyOrder(op, l, r) : null;
      };
    }
    case 'or': {
      const left = evaluatorOf(node.left);
      const right = evaluatorOf(node.right);
      return (value, ev) => {
        const matched = left(value, ev);
        return isFalse(matched) ? right(value, ev) : matched;
      };
    }
    case 'and': {
      const left = evaluatorOf(node.left);
      const right = evaluatorOf(node.right);
      return (value, ev) => {
        const matched = left(value, ev);
        return isFalse(matched) ? matched : right(value, ev);
      };
    }
    case 'not': {
      const child = evaluatorOf(node.child);
      return (value, ev) => isFalse(child(value, ev));
    }
    case 'expref': {
      const child = node.child;
      return (_value, ev) => new ExpRef(child, ev) as unknown as JsonValue;
    }
    case 'function': {
      const name = node.name;
      const args = node.args.map(evaluatorOf);
      return (value, ev) => callFunction(name, args.map((arg) => arg(value, ev) as RuntimeValue), ev);
    }
    case 'multi_select_list': {
      const children = node.children.map(evaluatorOf);
      return (value, ev) => {
        if (value === null) return null;
        ev.spend(children.length);
        return children.map((child) => child(value, ev));
      };
    }
    case 'multi_select_hash': {
      const keys = node.pairs.map((pair) => pair.key);
      const values = node.pairs.map((pair) => evaluatorOf(pair.value));
      return (value, ev) => {
        if (value === null) return null;
        ev.spend(keys.length);
        const b = new ObjectBuilder();
        for (let i = 0; i < keys.length; i++) b.set(keys[i], values[i](value, ev));
        return b.build();
      };
    }
  }
}

/** `a.b`, `a[0]`, `a | b`: each step on the result of the one before. */
function chain(steps: Evaluator[]): Evaluator {
  if (steps.length === 2) {
    const [first, second] = steps;
    return (value, ev) => second(first(value, ev), ev);
  }
  return (value, ev) => {
    let result = value;
    for (const step of steps) result = step(result, ev);
    return result;
  };
}

/** A projection's right-hand side on each element, nulls dropped. */
function collect(elements: JsonValue[], right: Evaluator, ev: Evaluation): JsonValue[] {
  const collected: JsonValue[] = [];
  for (let i = 0; i < elements.length; i++) {
    const current = right(elements[i], ev);
    if (current !== null) collected.push(current);
  }
  return collected;
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

