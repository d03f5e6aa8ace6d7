// Truth, equality and ordering as jmespath.py applies them (with Python's own rules underneath).
import {
  JsonValue, compareNumbers, compareStrings, isNumber, isObject, objectSize, pyEquals, pythonTypeName,
} from '../json/values';
import { JmesPathError } from './errors';
import type { Comparator } from './parser';

/** A value during evaluation: JSON, or an `&expression` passed to a function. */
export interface ExpressionReference {
  evaluate(value: JsonValue): JsonValue;
}
export type RuntimeValue = JsonValue | ExpressionReference;

export function isFalse(v: RuntimeValue): boolean {
  if (v === null || v === false || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  return isObject(v) && objectSize(v) === 0;
}

/** Python's `0 == False` is True; jmespath says a number never equals a boolean at the top level. */
export function jmesEquals(x: JsonValue, y: JsonValue): boolean {
  if (typeof x === 'string' && typeof y === 'string') return x === y;
  if ((typeof x === 'boolean' && isZeroOrOne(y)) || (typeof y === 'boolean' && isZeroOrOne(x))) return false;
  return pyEquals(x, y);
}

function isZeroOrOne(v: JsonValue): boolean {
  return isNumber(v) && (compareNumbers(v, 0) === 0 || compareNumbers(v, 1) === 0);
}

const OPERATOR_SYMBOL: Record<Comparator, string> = { eq: '==', ne: '!=', lt: '<', gt: '>', lte: '<=', gte: '>=' };

/** Python's `<` and friends on two orderable values (numbers and strings), with its TypeError. */
export function pyOrder(op: Comparator, left: JsonValue, right: JsonValue): boolean {
  let c: number;
  if (typeof left === 'string' && typeof right === 'string') c = compareStrings(left, right);
  else if (isNumber(left) && isNumber(right)) c = compareNumbers(left, right);
  else throw pyTypeError(op, left, right);
  if (Number.isNaN(c)) return false;
  switch (op) {
    case 'lt': return c < 0;
    case 'lte': return c <= 0;
    case 'gt': return c > 0;
    default: return c >= 0;
  }
}

export function pyTypeError(op: Comparator, left: unknown, right: unknown): JmesPathError {
  return new JmesPathError(
    'invalid-type',
    `'${OPERATOR_SYMBOL[op]}' not supported between instances of '${pythonTypeName(left)}' and '${pythonTypeName(right)}'`,
  );
}

export function isOrderable(v: JsonValue): boolean {
  return typeof v === 'string' || isNumber(v);
}

