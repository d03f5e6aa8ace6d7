// jmespath.py's built-in functions: signatures checked before a call (same messages), Python's
// int/float arithmetic, code-point string handling.
import {
  JsonObject, JsonValue, JsonNumber, ObjectBuilder, PyKeyedObject, pythonEntries, pythonKeyIdentity, pythonKeys, PyFloat, isFloat, isNumber, isObject, makeFloat, makeInt,
  objectEntries, objectSize, objectValues, toJsNumber, typeOf, pythonTypeName,
  compareNumbers, compareStrings, lengthInCodePoints, pyEquals, checkExact, pyContains, pyEndsWith, pyStartsWith, holdsPlainInteger,
} from '../json/values';
import { compactLength, dumps, pyStr } from '../json/print';
import { JmesPathError } from './errors';
import { Evaluation } from './evaluation';
import { ExpressionReference as ExpRef, RuntimeValue, pyOrder } from './semantics';

type ArgType = 'any' | 'number' | 'string' | 'array' | 'object' | 'expref' | 'array-number' | 'array-string';
interface Signature {
  types: ArgType[][];
  variadic?: boolean;
}
interface FunctionSpec {
  signature: Signature;
  call: (args: RuntimeValue[], ev: Evaluation) => RuntimeValue;
}

// Python type names each jmespath type name admits (REVERSE_TYPES_MAP)
const PY_TYPES: Record<string, string[]> = {
  boolean: ['bool'], array: ['list'], object: ['dict'], null: ['NoneType'], string: ['str'],
  number: ['float', 'int'], expref: ['_Expression'],
};
const JMES_TYPE: Record<string, string> = {
  bool: 'boolean', list: 'array', dict: 'object', NoneType: 'null', str: 'string', float: 'number',
  int: 'number', _Expression: 'expref',
};

function typeError(fn: string, value: unknown, actual: string, expected: readonly string[]): JmesPathError {
  return new JmesPathError(
    'invalid-type',
    `In function ${fn}(), invalid type for value: ${pyStr(value)}, expected one of: ${pyList(expected)}, received: "${actual}"`,
  );
}

function pyList(items: readonly string[]): string {
  return `[${items.map((s) => `'${s}'`).join(', ')}]`;
}

function checkType(fn: string, value: RuntimeValue, types: ArgType[]): void {
  if (types.includes('any')) return;
  const allowed: string[] = [];
  const subtypes: string[][] = [];
  for (const t of types) {
    const [type, sub] = t.split('-');
    if (sub) subtypes.push(PY_TYPES[sub]);
    allowed.push(...PY_TYPES[type]);
  }
  const actual = pythonTypeName(value);
  if (!allowed.includes(actual)) throw typeError(fn, value, JMES_TYPE[actual] ?? 'unknown', types);
  if (subtypes.length === 0) return;
  const list = value as JsonValue[];
  if (subtypes.length === 1) {
    for (const element of list) {
      const name = pythonTypeName(element);
      if (!subtypes[0].includes(name)) throw typeError(fn, element, name, types);
    }
  } else if (list.length > 0) {
    const first = pythonTypeName(list[0]);
    const chosen = subtypes.find((s) => s.includes(first));
    if (!chosen) throw typeError(fn, list[0], first, types);
    for (const element of list) {
      const name = pythonTypeName(element);
      if (!chosen.includes(name)) throw typeError(fn, element, name, types);
    }
  }
}

export function callFunction(name: string, args: RuntimeValue[], ev: Evaluation = new Evaluation()): JsonValue {
  const spec = Object.prototype.hasOwnProperty.call(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
  if (!spec) throw new JmesPathError('unknown-function', `Unknown function: ${name}()`);
  const { types, variadic } = spec.signature;
  if (variadic ? args.length < types.length : args.length !== types.length) {
    const plural = types.length === 1 ? 'argument' : 'arguments';
    throw new JmesPathError(
      'invalid-arity',
      `Expected ${variadic ? 'at least ' : ''}${types.length} ${plural} for function ${name}(), received ${args.length}`,
    );
  }
  for (let i = 0; i < types.length; i++) checkType(name, args[i], types[i]);
  const result = spec.call(args, ev) as JsonValue;
  if (Array.isArray(result)) ev.spend(result.length);
  return result;
}

// ---- numbers, Python style ----

function pyAbs(n: JsonNumber): JsonNumber {
  if (typeof n === 'bigint') return n < 0n ? makeInt(-n) : n;
  if (n instanceof PyFloat) return new PyFloat(Math.abs(n.value));
  return Math.abs(n);
}

/** Python's sum(): exact over integers, float from the first float on. */
export function pySum(values: JsonNumber[]): JsonNumber {
  let intSum = 0;
  let bigSum: bigint | undefined;
  let i = 0;
  for (; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'number') checkExact(v);
    if (isFloat(v)) break;
    if (bigSum !== undefined || typeof v === 'bigint') {
      bigSum = (bigSum ?? BigInt(intSum)) + BigInt(v as number | bigint);
    } else {
      const next = intSum + (v as number);
      if (Number.isSafeInteger(next)) intSum = next;
      else bigSum = BigInt(intSum) + BigInt(v as number);
    }
  }
  if (i === values.length) return bigSum !== undefined ? makeInt(bigSum) : intSum;
  let f = bigSum !== undefined ? intToFloat(bigSum) : intSum;
  for (; i < values.length; i++) {
    const v = values[i];
    f += typeof v === 'bigint' ? intToFloat(v) : toJsNumber(v);
  }
  return makeFloat(f);
}

/** Python's float(int): the nearest double, or OverflowError past the largest one (never infinity). */
function intToFloat(n: bigint): number {
  const x = Number(n);
  if (!Number.isFinite(x)) throw new JmesPathError('invalid-value', 'int too large to convert to float');
  return x;
}

/** Python's `/`: an int total is divided exactly and rounded once (int / int), a float total as doubles. */
function pyDivide(total: JsonNumber, count: number): JsonNumber {
  if (typeof total !== 'bigint') return makeFloat(toJsNumber(total) / count);
  return makeFloat(intQuotient(total, BigInt(count)));
}

/** The double nearest n / d (ties to even), as Python's int true division: no double rounding, no infinity. */
function intQuotient(n: bigint, d: bigint): number {
  const negative = n < 0n !== d < 0n;
  if (n < 0n) n = -n;
  if (d < 0n) d = -d;
  // a quotient of 54-55 bits, shifted by `scale`, and whether anything was left over
  let scale = n.toString(2).length - d.toString(2).length - 55;
  let q: bigint;
  let rest: bigint;
  if (scale >= 0) {
    const dd = d << BigInt(scale);
    q = n / dd;
    rest = n % dd;
  } else {
    const nn = n << BigInt(-scale);
    q = nn / d;
    rest = nn % d;
  }
  const extra = BigInt(q.toString(2).length - 53);
  if (extra > 0n) {
    const low = q & ((1n << extra) - 1n);
    const half = 1n << (extra - 1n);
    q >>= extra;
    if (low > half || (low === half && (rest !== 0n || (q & 1n) === 1n))) q += 1n;
    scale += Number(extra);
  }
  // q has at most 54 bits and is exact as a double; powers of two scale it exactly until overflow
  const x = Number(q) * 2 ** Math.min(scale, 1000) * 2 ** Math.max(scale - 1000, 0);
  if (!Number.isFinite(x)) throw new JmesPathError('invalid-value', 'integer division result too large for a float');
  return negative ? -x : x;
}

function toInteger(fn: 'ceil' | 'floor', n: JsonNumber): JsonNumber {
  if (!isFloat(n)) return n;
  const x = toJsNumber(n);
  if (Number.isNaN(x)) throw new JmesPathError('invalid-value', 'cannot convert float NaN to integer');
  if (!Number.isFinite(x)) throw new JmesPathError('invalid-value', 'cannot convert float infinity to integer');
  const r = fn === 'ceil' ? Math.ceil(x) : Math.floor(x);
  return Number.isSafeInteger(r) ? r || 0 : makeInt(BigInt(r));
}

// Python's int()/float() on a str first map every Unicode decimal digit to its ASCII digit and
// every non-ASCII whitespace character to a space (_PyUnicode_TransformDecimalAndSpaceToASCII);
// anything else outside ASCII makes the text invalid. Each entry is the zero of a run 0-9 (Nd,
// Unicode 14 as in Python 3.11, so the answer does not depend on Node's ICU version).
const DIGIT_ZEROS = [
  0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6, 0xe50, 0xed0, 0xf20, 0x1040,
  0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0,
  0xaa50, 0xabf0, 0xff10, 0x104a0, 0x10d30, 0x11066, 0x110f0, 0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0, 0x11650, 0x116c0,
  0x11730, 0x118e0, 0x11950, 0x11c50, 0x11d50, 0x11da0, 0x16a60, 0x16ac0, 0x16b50, 0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6,
  0x1e140, 0x1e2f0, 0x1e950, 0x1fbf0,
];
// str.isspace() outside ASCII; inside ASCII int()/float() strip only \t\n\v\f\r and space
const NON_ASCII_SPACE = /^[\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/;
// Python's limit on digits converted by int() (sys.get_int_max_str_digits(), default 4300)
const INT_MAX_STR_DIGITS = 4300;

/** The decimal value of a Unicode digit (Python's unicodedata.decimal), or -1. */
export function unicodeDecimal(codePoint: number): number {
  let lo = 0;
  let hi = DIGIT_ZEROS.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const d = codePoint - DIGIT_ZEROS[mid];
    if (d < 0) hi = mid - 1;
    else if (d > 9) lo = mid + 1;
    else return d;
  }
  return -1;
}

function toAsciiNumberText(text: string): string | undefined {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 127) out += ch;
    else if (NON_ASCII_SPACE.test(ch)) out += ' ';
    else {
      const d = unicodeDecimal(c);
      if (d < 0) return undefined;
      out += String(d);
    }
  }
  return out;
}

// after the mapping: ASCII only; underscores only between two digits (PEP 515)
const DIGITS = '\\d+(?:_\\d+)*';
const INT_TEXT = new RegExp(`^[+-]?${DIGITS}$`);
const FLOAT_TEXT = new RegExp(`^[+-]?(?:${DIGITS}(?:\\.(?:${DIGITS})?)?|\\.${DIGITS})(?:[eE][+-]?${DIGITS})?$`);
const SPECIAL_FLOAT = /^([+-]?)(inf|infinity|nan)$/i;

/** to_number() on a string: exactly what Python's int() accepts, else float(), else null. */
export function parsePythonNumber(text: string): JsonValue {
  const ascii = toAsciiNumberText(text);
  if (ascii === undefined) return null;
  const s = ascii.replace(/^[\t\n\v\f\r ]+|[\t\n\v\f\r ]+$/g, '');
  if (INT_TEXT.test(s)) {
    const digits = s.replace(/[+_-]/g, '');
    // past the limit int() raises ValueError and float() takes over (giving inf for huge values)
    if (digits.length <= INT_MAX_STR_DIGITS) return makeInt(BigInt(s.replace(/_/g, '')));
  }
  if (FLOAT_TEXT.test(s)) return makeFloat(Number(s.replace(/_/g, '')));
  const special = SPECIAL_FLOAT.exec(s);
  if (special) {
    const v = special[2].toLowerCase() === 'nan' ? NaN : Infinity;
    return special[1] === '-' ? makeFloat(-v) : makeFloat(v);
  }
  return null;
}

/**
 * The dict merge() builds with Python's dict.update(arg) for every argument after the first (only
 * the first is type-checked): objects merge; lists (and strings) are read as sequences of key/value
 * pairs, whose keys may be numbers, booleans or null. Python's equality decides which keys are one
 * (1, 1.0 and true are one key, printed as first spelled), and json.dumps prints the others as JSON
 * text (1 -> "1", 1.0 -> "1.0", true -> "true", None -> "null").
 */
class MergedDict {
  private readonly builder = new ObjectBuilder();
  /** Which key (by Python equality, see pythonKeyIdentity) each printed key is. */
  private readonly keyAt = new Map<string, string>();
  /** The printed form of each non-string key: as first spelled. */
  private readonly printedOf = new Map<string, string>();
  /** The key behind each printed key that is not a string. */
  private readonly pyKeys = new Map<string, JsonValue>();

  constructor(private readonly ev: Evaluation) {}

  update(arg: JsonValue): void {
    if (isObject(arg)) {
      for (const [k, v] of pythonEntries(arg)) this.set(k, v);
      return;
    }
    if (typeof arg !== 'string' && !Array.isArray(arg)) {
      throw new JmesPathError('invalid-type', `'${pythonTypeName(arg)}' object is not iterable`);
    }
    const elements: JsonValue[] = typeof arg === 'string' ? Array.from(arg) : arg;
    elements.forEach((element, i) => {
      let pair: JsonValue[];
      if (typeof element === 'string') pair = Array.from(element);
      else if (Array.isArray(element)) pair = element;
      else if (isObject(element)) pair = pythonKeys(element);
      else throw new JmesPathError('invalid-type', `cannot convert dictionary update sequence element #${i} to a sequence`);
      if (pair.length !== 2) {
        throw new JmesPathError('invalid-value', `dictionary update sequence element #${i} has length ${pair.length}; 2 is required`);
      }
      const [key, value] = pair;
      if (Array.isArray(key) || isObject(key)) throw new JmesPathError('invalid-type', `unhashable type: '${pythonTypeName(key)}'`);
      this.set(key, value);
    });
  }

  build(): JsonObject {
    const built = this.builder.build();
    return this.pyKeys.size === 0 ? built : new PyKeyedObject(new Map(objectEntries(built)), this.pyKeys);
  }

  private set(key: JsonValue, value: JsonValue): void {
    const identity = pythonKeyIdentity(key);
    let printed: string;
    if (typeof key === 'string') {
      printed = key;
    } else {
      // a float read fast as an integer (1.0 as 1) prints as the document spells it only after an exact read
      if (holdsPlainInteger(key)) this.ev.wroteIntegers = true;
      printed = this.printedOf.get(identity) ?? dumps(key, true);
      if (!this.printedOf.has(identity)) {
        this.printedOf.set(identity, printed);
        this.pyKeys.set(printed, key);
      }
    }
    const there = this.keyAt.get(printed);
    if (there !== undefined && there !== identity) throw this.twoKeys(printed);
    this.keyAt.set(printed, identity);
    this.builder.set(printed, value);
  }

  /** Python's dict holds the string "1" and the number 1 apart (and every NaN) and prints both as "1": an object with a repeated key, which this engine's objects cannot hold. */
  private twoKeys(printed: string): JmesPathError {
    return new JmesPathError('invalid-value', `merge() would make an object with the key "${printed}" twice (Python keeps two keys apart that print alike); not supported: make the keys strings`);
  }
}

// ---- ordering helpers for max/min/sort ----

function compareSame(a: JsonValue, b: JsonValue): number {
  return typeof a === 'string' ? compareStrings(a, b as string) : compareNumbers(a as JsonNumber, b as JsonNumber);
}

function extreme(list: JsonValue[], wantMax: boolean): JsonValue {
  if (list.length === 0) return null;
  let best = list[0];
  for (let i = 1; i < list.length; i++) {
    const c = compareSame(list[i], best);
    if (wantMax ? c > 0 : c < 0) best = list[i];
  }
  return best;
}

function keyOf(fn: string, expref: ExpRef, element: JsonValue, allowed: string[]): JsonValue {
  const key = expref.evaluate(element);
  const type = JMES_TYPE[pythonTypeName(key)] ?? 'unknown';
  if (!allowed.includes(type)) throw typeError(fn, key, type, allowed);
  return key;
}

function extremeBy(fn: 'max_by' | 'min_by', list: JsonValue[], expref: ExpRef): JsonValue {
  if (list.length === 0) return null;
  const allowed = ['number', 'string'];
  let best = list[0];
  let bestKey = keyOf(fn, expref, best, allowed);
  for (let i = 1; i < list.length; i++) {
    const key = keyOf(fn, expref, list[i], allowed);
    // Python's max()/min() compare the new item against the best so far, raising on str vs int
    if (pyOrder(fn === 'max_by' ? 'gt' : 'lt', key, bestKey)) {
      best = list[i];
      bestKey = key;
    }
  }
  return best;
}

/**
 * The keys sort_by orders by, while it sorts. Module state rather than a closure: optimized code
 * for a closure may keep its context (and through it the whole list) alive until the next sort,
 * which on a 10 MB document doubled the next read's cost.
 */
let sortKeys: JsonValue[] = [];

function byKey(a: number, b: number): number {
  return compareSame(sortKeys[a], sortKeys[b]) || a - b;
}

function sortBy(list: JsonValue[], expref: ExpRef): JsonValue[] {
  if (list.length === 0) return list;
  const firstKey = expref.evaluate(list[0]);
  const required = JMES_TYPE[pythonTypeName(firstKey)] ?? 'unknown';
  if (required !== 'number' && required !== 'string') throw typeError('sort_by', list[0], required, ['string', 'number']);
  const n = list.length;
  const keys = new Array<JsonValue>(n);
  const order = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    keys[i] = keyOf('sort_by', expref, list[i], [required]);
    order[i] = i;
  }
  sortKeys = keys;
  try {
    order.sort(byKey);
  } finally {
    sortKeys = [];
  }
  const sorted = new Array<JsonValue>(n);
  for (let i = 0; i < n; i++) sorted[i] = list[order[i]];
  return sorted;
}

const sig = (...types: ArgType[][]): Signature => ({ types });
const num = (v: RuntimeValue) => v as JsonNumber;
const arr = (v: RuntimeValue) => v as JsonValue[];
const str = (v: RuntimeValue) => v as string;

const FUNCTIONS: Record<string, FunctionSpec> = {
  abs: { signature: sig(['number']), call: ([a]) => pyAbs(num(a)) },
  avg: {
    signature: sig(['array-number']),
    call: ([a]) => (arr(a).length ? pyDivide(pySum(arr(a) as JsonNumber[]), arr(a).length) : null),
  },
  ceil: { signature: sig(['number']), call: ([a]) => toInteger('ceil', num(a)) },
  floor: { signature: sig(['number']), call: ([a]) => toInteger('floor', num(a)) },
  contains: {
    signature: sig(['array', 'string'], ['any']),
    call: ([subject, search]) => {
      if (typeof subject === 'string') {
        if (typeof search !== 'string') {
          throw new JmesPathError('invalid-type', `'in <string>' requires string as left operand, not ${pythonTypeName(search)}`);
        }
        return pyContains(subject, search);
      }
      return arr(subject).some((e) => pyEquals(e, search as JsonValue));
    },
  },
  ends_with: { signature: sig(['string'], ['string']), call: ([s, x]) => pyEndsWith(str(s), str(x)) },
  starts_with: { signature: sig(['string'], ['string']), call: ([s, x]) => pyStartsWith(str(s), str(x)) },
  join: { signature: sig(['string'], ['array-string']), call: ([sep, a]) => arr(a).join(str(sep)) },
  keys: { signature: sig(['object']), call: ([o]) => pythonKeys(o as never) },
  values: { signature: sig(['object']), call: ([o]) => objectValues(o as never) },
  length: {
    signature: sig(['string', 'array', 'object']),
    call: ([v]) => (typeof v === 'string' ? lengthInCodePoints(v) : Array.isArray(v) ? v.length : objectSize(v as never)),
  },
  map: {
    signature: sig(['expref'], ['array']),
    call: ([e, a]) => arr(a).map((element) => (e as ExpRef).evaluate(element)),
  },
  max: { signature: sig(['array-number', 'array-string']), call: ([a]) => extreme(arr(a), true) },
  min: { signature: sig(['array-number', 'array-string']), call: ([a]) => extreme(arr(a), false) },
  max_by: { signature: sig(['array'], ['expref']), call: ([a, e]) => extremeBy('max_by', arr(a), e as ExpRef) },
  min_by: { signature: sig(['array'], ['expref']), call: ([a, e]) => extremeBy('min_by', arr(a), e as ExpRef) },
  merge: {
    signature: { types: [['object']], variadic: true },
    call: (args, ev) => {
      const merged = new MergedDict(ev);
      for (const arg of args) merged.update(arg as JsonValue);
      return merged.build();
    },
  },
  not_null: {
    signature: { types: [['any']], variadic: true },
    call: (args) => args.find((a) => a !== null) ?? null,
  },
  reverse: {
    signature: sig(['array', 'string']),
    call: ([v]) => (typeof v === 'string' ? Array.from(v).reverse().join('') : [...arr(v)].reverse()),
  },
  sort: {
    signature: sig(['array-string', 'array-number']),
    call: ([a]) => {
      const list = [...arr(a)];
      return list.length && typeof list[0] === 'string'
        ? list.sort((x, y) => compareStrings(x as string, y as string))
        : list.sort((x, y) => compareNumbers(x as JsonNumber, y as JsonNumber));
    },
  },
  sort_by: { signature: sig(['array'], ['expref']), call: ([a, e]) => sortBy(arr(a), e as ExpRef) },
  sum: { signature: sig(['array-number']), call: ([a]) => pySum(arr(a) as JsonNumber[]) },
  to_array: { signature: sig(['any']), call: ([v]) => (Array.isArray(v) ? v : [v as JsonValue]) },
  to_number: {
    signature: sig(['any']),
    call: ([v]) => {
      if (isNumber(v)) return v;
      if (typeof v === 'string') return parsePythonNumber(v);
      // jmespath.py hands anything else that is not JSON to int(), which raises
      if (pythonTypeName(v) === '_Expression') throw new JmesPathError('invalid-type', "int() argument must be a string, a bytes-like object or a real number, not '_Expression'");
      return null;
    },
  },
  to_string: {
    signature: sig(['any']),
    call: ([v], ev) => {
      if (typeof v === 'string') return v;
      // the text is built from values, each at least a few characters: a query that shares one
      // list many times over (`[@,@,@,@] | [@,@,@,@] | ...`) prints far more than it built
      ev.spend(Math.floor(compactLength(v as JsonValue) / CHARACTERS_PER_VALUE));
      if (holdsPlainInteger(v as JsonValue)) ev.wroteIntegers = true;
      return dumps(v as JsonValue, true);
    },
  },
  type: {
    signature: sig(['any']),
    call: ([v]) => (pythonTypeName(v) === '_Expression' ? null : typeOf(v as JsonValue)),
  },
};

/** What to_string() counts against the query's limit of values: one per this many characters it writes. */
const CHARACTERS_PER_VALUE = 8;

export const FUNCTION_NAMES = Object.keys(FUNCTIONS).sort();
