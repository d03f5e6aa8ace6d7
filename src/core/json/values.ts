// The JSON value model, chosen so that values behave as they do in Python (jmespath.py, the AWS CLI):
// - integers: JS numbers while safe, bigint beyond; floats: non-integral JS numbers, or PyFloat
//   when integral (`1.0` must stay a float and print `1.0`);
// - objects: plain JS objects, or OrderedObject when JS would reorder the keys (`"10"`, `"2"`)
//   or a key is `__proto__`.

/** Base of the non-JSON objects that flow through evaluation, so isObject() can tell them apart. */
export abstract class NotAnObject {}

/** A float whose value is integral (1.0, 1e16, -0.0) or infinite: JS numbers alone cannot say it is a float. */
export class PyFloat extends NotAnObject {
  constructor(readonly value: number) {
    super();
  }
}

/**
 * A container of a document, kept as its UTF-8 bytes: a one-shot query that only prints it reads
 * it without building it (partialRead.ts), and the printer reformats the bytes (reformat.ts). The
 * reader makes one only of valid JSON that prints as it reads: no duplicate or escaped keys, no
 * escaped surrogates.
 */
export class Verbatim extends NotAnObject {
  constructor(readonly bytes: Uint8Array, readonly start: number, readonly end: number) {
    super();
  }
}

/** An object whose key order a plain JS object would not keep. */
export class OrderedObject {
  constructor(readonly map: Map<string, JsonValue> = new Map()) {}
}

/**
 * An object some of whose keys are not strings, as Python's dict holds them: only merge() makes
 * one, from key/value pairs (`merge(`{}`, `[[1.0, 'a']]`)`). JSON prints such a key as its JSON
 * text (`"1.0"`); to everything else (keys(), field access, ==) it stays what `pyKeys` says.
 */
export class PyKeyedObject extends OrderedObject {
  /** `pyKeys`: the key behind each printed key that is not a string. */
  constructor(map: Map<string, JsonValue>, readonly pyKeys: ReadonlyMap<string, JsonValue>) {
    super(map);
  }
}

export type PlainObject = { [key: string]: JsonValue };
export type JsonObject = PlainObject | OrderedObject;
export type JsonNumber = number | bigint | PyFloat;
export type JsonValue = null | boolean | string | JsonNumber | JsonValue[] | JsonObject;

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * Thrown when a value read by the fast path (JSON.parse) turns out to need the exact reader: an
 * integer JSON.parse rounded, or an object whose key order JSON.parse changed. Only such documents
 * can hold these values (everything the engine builds is exact), so the check costs nothing else.
 */
export class NeedsExactRead extends Error {
  constructor() {
    super('This document needs the exact JSON reader.');
  }
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;


/**
 * A plain JS number beyond 2^53 (infinite too) can only be an integer JSON.parse rounded: the exact
 * reader and every computation keep such values as bigint or PyFloat.
 */
export function checkExact(n: number): void {
  if (n > MAX_SAFE || n < -MAX_SAFE) throw new NeedsExactRead();
}

export function checkKeyOrder(keys: string[]): string[] {
  // JSON.parse moves array-index keys first, so looking at the first key is enough
  if (keys.length > 0 && needsOrderedObject(keys[0]) && keys[0] !== '__proto__') throw new NeedsExactRead();
  return keys;
}

/** True for keys a plain object would move to the front (array indices) or treat specially. */
export function needsOrderedObject(key: string): boolean {
  const c = key.charCodeAt(0);
  if (c >= 48 && c <= 57) {
    // canonical array index: no leading zero, below 2^32 - 1
    if (key.length > 10 || (c === 48 && key.length > 1)) return false;
    for (let i = 1; i < key.length; i++) {
      const d = key.charCodeAt(i);
      if (d < 48 || d > 57) return false;
    }
    return Number(key) < 4294967295;
  }
  return key === '__proto__';
}

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof NotAnObject);
}

/**
 * Whether a result holds a plain integer, which a fast read (JSON.parse reads `1.0` as 1) may have
 * got wrong; throws NeedsExactRead for a value the fast read certainly got wrong (a rounded
 * integer, reordered keys). Visits every value, iteratively (results can be deep).
 */
export function holdsPlainInteger(value: JsonValue): boolean {
  let found = false;
  const stack: JsonValue[] = [value];
  while (stack.length > 0) {
    const v = stack.pop()!;
    if (typeof v === 'number') {
      checkExact(v);
      if (Number.isInteger(v)) found = true;
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push(v[i]);
    } else if (v instanceof OrderedObject) {
      for (const x of v.map.values()) stack.push(x);
    } else if (isObject(v)) {
      for (const key in v) {
        if (!hasOwn.call(v, key)) continue;
        if (needsOrderedObject(key) && key !== '__proto__') throw new NeedsExactRead();
        stack.push((v as PlainObject)[key]);
      }
    }
  }
  return found;
}

export function isNumber(v: unknown): v is JsonNumber {
  return typeof v === 'number' || typeof v === 'bigint' || v instanceof PyFloat;
}

export function isFloat(v: JsonNumber): boolean {
  if (typeof v !== 'number') return v instanceof PyFloat;
  checkExact(v); // a huge integer JSON.parse made Infinity is not a float
  return !Number.isInteger(v);
}

export function toJsNumber(v: JsonNumber): number {
  return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : v.value;
}

/** A float result, wrapped when integral (or infinite) so it keeps printing as a float. */
export function makeFloat(n: number): JsonNumber {
  return Number.isInteger(n) || Object.is(n, -0) || n === Infinity || n === -Infinity ? new PyFloat(n) : n;
}

/** An integer result, as bigint only when it is outside the safe range. */
export function makeInt(n: bigint): JsonNumber {
  return n <= BigInt(Number.MAX_SAFE_INTEGER) && n >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(n) : n;
}

export function getField(obj: JsonObject, key: string): JsonValue {
  if (obj instanceof OrderedObject) {
    const v = obj.map.get(key);
    return v === undefined || (obj instanceof PyKeyedObject && obj.pyKeys.has(key)) ? null : v;
  }
  if (key === '__proto__') return hasOwn.call(obj, key) ? obj[key] : null;
  const v = obj[key];
  // inherited members (`constructor`, `toString`) are functions, never JSON values
  return v === undefined || typeof v === 'function' ? null : v;
}

export function objectKeys(obj: JsonObject): string[] {
  return obj instanceof OrderedObject ? [...obj.map.keys()] : checkKeyOrder(Object.keys(obj));
}

/** Whether two key lists (from objectKeys) are the same keys in the same order: objects of one shape. */
export function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function objectValues(obj: JsonObject): JsonValue[] {
  if (obj instanceof OrderedObject) return [...obj.map.values()];
  checkKeyOrder(Object.keys(obj));
  return Object.values(obj);
}

export function objectSize(obj: JsonObject): number {
  return obj instanceof OrderedObject ? obj.map.size : Object.keys(obj).length;
}

/**
 * Sets a member of an object being built: on the plain object until a key needs order (a plain
 * object would move it), then on the returned map, which holds every member from then on (pass it
 * back). ObjectBuilder wraps it; the partial reader calls it directly, building a million objects.
 */
export function setMember(plain: PlainObject, ordered: Map<string, JsonValue> | undefined, key: string, value: JsonValue): Map<string, JsonValue> | undefined {
  if (ordered === undefined && !needsOrderedObject(key)) {
    plain[key] = value;
    return undefined;
  }
  ordered ??= new Map(Object.entries(plain));
  ordered.set(key, value);
  return ordered;
}

/** The object setMember() built. */
export function builtObject(plain: PlainObject, ordered: Map<string, JsonValue> | undefined): JsonObject {
  return ordered ? new OrderedObject(ordered) : plain;
}

/** Builds objects key by key, switching to OrderedObject when a plain object would reorder. */
export class ObjectBuilder {
  private readonly plain: PlainObject = {};
  private ordered: Map<string, JsonValue> | undefined;

  set(key: string, value: JsonValue): void {
    this.ordered = setMember(this.plain, this.ordered, key, value);
  }

  build(): JsonObject {
    return builtObject(this.plain, this.ordered);
  }
}

export function objectFromEntries(entries: Iterable<[string, JsonValue]>): JsonObject {
  const b = new ObjectBuilder();
  for (const [k, v] of entries) b.set(k, v);
  return b.build();
}

export function objectEntries(obj: JsonObject): [string, JsonValue][] {
  if (obj instanceof OrderedObject) return [...obj.map.entries()];
  const entries = Object.entries(obj);
  if (entries.length > 0) checkKeyOrder([entries[0][0]]);
  return entries;
}

/** jmespath's type names. */
export type JmesType = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object';

export function typeOf(v: JsonValue): JmesType {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'boolean': return 'boolean';
    case 'string': return 'string';
    case 'number': case 'bigint': return 'number';
  }
  if (Array.isArray(v)) return 'array';
  return v instanceof PyFloat ? 'number' : 'object';
}

/**
 * What a value that is not an object is called when a field is read on it (`list`, `string`,
 * `number`, `boolean`: a field of those is always null); undefined for objects, null and anything else.
 */
export function fieldlessKind(v: JsonValue): 'list' | 'string' | 'number' | 'boolean' | undefined {
  if (v === null) return undefined;
  if (Array.isArray(v)) return 'list';
  const t = typeOf(v);
  return t === 'string' || t === 'number' || t === 'boolean' ? t : undefined;
}

/** Python's type name of a value, as jmespath.py puts it in some error messages. */
export function pythonTypeName(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'str';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (v instanceof PyFloat) return 'float';
  if (Array.isArray(v)) return 'list';
  return isObject(v) ? 'dict' : '_Expression';
}

/** Strings compare by code point in Python; JS `<` compares UTF-16 units. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  // Python compares code points: a shared high surrogate may start a pair in one string and be
  // lone in the other (a lone surrogate, from a \ud83d escape, is a code point of its own)
  if (i > 0 && isHighSurrogate(a.charCodeAt(i - 1))) {
    const x = a.codePointAt(i - 1)!;
    const y = b.codePointAt(i - 1)!;
    if (x !== y) return x - y;
  }
  return (i < a.length ? a.codePointAt(i)! : -1) - (i < b.length ? b.codePointAt(i)! : -1);
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** True when offset `i` falls between the two halves of a surrogate pair (inside one code point). */
function splitsPair(s: string, i: number): boolean {
  return i > 0 && i < s.length && isHighSurrogate(s.charCodeAt(i - 1)) && isLowSurrogate(s.charCodeAt(i));
}

/** Python's str.startswith: by code points, so a lone surrogate never matches half of a pair. */
export function pyStartsWith(s: string, prefix: string): boolean {
  return s.startsWith(prefix) && !splitsPair(s, prefix.length);
}

export function pyEndsWith(s: string, suffix: string): boolean {
  return s.endsWith(suffix) && !splitsPair(s, s.length - suffix.length);
}

/** Python's `sub in s`. */
export function pyContains(s: string, sub: string): boolean {
  for (let i = s.indexOf(sub); i !== -1; i = s.indexOf(sub, i + 1)) {
    if (!splitsPair(s, i) && !splitsPair(s, i + sub.length)) return true;
  }
  return false;
}

/** Exact comparison of two numbers, as Python compares int and float. */
export function compareNumbers(a: JsonNumber, b: JsonNumber): number {
  // a plain number beyond 2^53 was rounded by a fast read, whatever it is compared with
  if (typeof a === 'number') checkExact(a);
  if (typeof b === 'number') checkExact(b);
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : a === b ? 0 : NaN;
  const x = toJsNumber(a);
  const y = toJsNumber(b);
  if (typeof a !== 'bigint' && typeof b !== 'bigint') return x < y ? -1 : x > y ? 1 : x === y ? 0 : NaN;
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  // a float infinity is beyond every integer; a big integer's double may be infinite, the integer is not
  const infiniteA = typeof a !== 'bigint' && !Number.isFinite(x);
  const infiniteB = typeof b !== 'bigint' && !Number.isFinite(y);
  if (infiniteA && infiniteB) return x < y ? -1 : x > y ? 1 : 0;
  if (infiniteA) return x > 0 ? 1 : -1;
  if (infiniteB) return y > 0 ? -1 : 1;
  // at least one side is a big integer: compare exactly, floats' integral part first
  const bi = (v: JsonNumber): bigint => (typeof v === 'bigint' ? v : BigInt(Math.trunc(toJsNumber(v))));
  const ia = bi(a);
  const ib = bi(b);
  if (ia !== ib) return ia < ib ? -1 : 1;
  const fa = typeof a === 'bigint' ? 0 : x - Math.trunc(x);
  const fb = typeof b === 'bigint' ? 0 : y - Math.trunc(y);
  return fa < fb ? -1 : fa > fb ? 1 : 0;
}

export function lengthInCodePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) { n--; i++; }
    }
  }
  return n;
}

/**
 * Python's `==` on JSON values: 1 == 1.0, True == 1 (inside lists and objects too), dicts by
 * content regardless of order. The top-level 0/1-versus-bool exception is jmespath's and lives in
 * the interpreter.
 */
export function pyEquals(a: JsonValue, b: JsonValue): boolean {
  if (a === b) {
    if (typeof a !== 'number') return true;
    checkExact(a); // two integers JSON.parse rounded to the same double
    return a === a; // NaN != NaN
  }
  if (a === null || b === null) return false;
  const na = numericValue(a);
  if (na !== undefined) {
    const nb = numericValue(b);
    return nb !== undefined && compareNumbers(na, nb) === 0;
  }
  if (typeof a === 'string' || typeof b === 'string') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!pyEquals(a[i], b[i])) return false;
    return true;
  }
  if (isObject(a) && isObject(b)) {
    if (a instanceof PyKeyedObject || b instanceof PyKeyedObject) return pyKeyedEquals(a, b);
    const ka = objectKeys(a);
    if (ka.length !== objectSize(b)) return false;
    for (const k of ka) {
      if (!hasKey(b, k) || !pyEquals(getField(a, k), getField(b, k))) return false;
    }
    return true;
  }
  return false;
}

/** Whether the object has the key as a string key (Python's `key in dict`). */
export function hasKey(obj: JsonObject, key: string): boolean {
  if (obj instanceof PyKeyedObject && obj.pyKeys.has(key)) return false;
  return obj instanceof OrderedObject ? obj.map.has(key) : hasOwn.call(obj, key);
}

/** The key Python holds behind a printed key: a string, or what a PyKeyedObject's other keys are. */
function pythonKey(obj: JsonObject, printed: string): JsonValue {
  return obj instanceof PyKeyedObject ? obj.pyKeys.get(printed) ?? printed : printed;
}

/** The keys of an object as Python holds them. */
export function pythonKeys(obj: JsonObject): JsonValue[] {
  return objectKeys(obj).map((k) => pythonKey(obj, k));
}

/** The members of an object with their keys as Python holds them. */
export function pythonEntries(obj: JsonObject): [JsonValue, JsonValue][] {
  return objectEntries(obj).map(([k, v]) => [pythonKey(obj, k), v]);
}

let nanKeys = 0;

/** One text for the dict keys Python takes as one: numbers (and booleans) by value, null by itself, strings as they are. */
export function pythonKeyIdentity(key: JsonValue): string {
  if (typeof key === 'string') return `str ${key}`;
  if (key === null) return 'None';
  if (typeof key === 'boolean') return key ? '1' : '0';
  if (typeof key === 'bigint') return key.toString();
  const n = key instanceof PyFloat ? key.value : key as number;
  if (Number.isNaN(n)) return `nan ${nanKeys++}`; // NaN equals nothing, not even another NaN
  return Number.isInteger(n) ? BigInt(n).toString() : `float ${n}`;
}

/** Python's == on two dicts, one of which has keys that are not strings. */
function pyKeyedEquals(a: JsonObject, b: JsonObject): boolean {
  const entries = (o: JsonObject) => new Map(pythonEntries(o).map(([k, v]) => [pythonKeyIdentity(k), v]));
  const ea = entries(a);
  const eb = entries(b);
  if (ea.size !== eb.size) return false;
  for (const [k, v] of ea) if (!eb.has(k) || !pyEquals(v, eb.get(k)!)) return false;
  return true;
}

/** Booleans are numbers to Python's `==` (True == 1). */
function numericValue(v: JsonValue): JsonNumber | undefined {
  if (typeof v === 'boolean') return v ? 1 : 0;
  return isNumber(v) ? v : undefined;
}
