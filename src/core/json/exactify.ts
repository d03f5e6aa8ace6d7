// Makes a JSON.parse result exact without reading the document again: one scan of the text finds
// the number tokens JSON.parse cannot represent (integral floats such as `2.0`, integers beyond
// 2^53, `-0`), by their place among all number tokens; one walk of the tree, in document order,
// puts the exact values in those places. Documents whose order JSON.parse changes (index-like
// keys) or whose members it merges (duplicate keys) are left to the exact reader.
import { JsonValue, PlainObject, makeFloat, makeInt, needsOrderedObject } from './values';

const QUOTE = 34, BACKSLASH = 92, COLON = 58, MINUS = 45, DOT = 46;

/**
 * Patches `root` (a JSON.parse result of `text`) in place into exactly what the exact reader reads,
 * and returns it; undefined when that cannot be done this way (the caller reads exactly instead).
 */
export function exactify(text: string, root: JsonValue): JsonValue | undefined {
  const scan = scanNumbers(text);
  const walk = new Walk(scan.places, scan.values);
  try {
    const value = walk.visit(root);
    if (walk.members !== scan.members || walk.numbers !== scan.numbers) return undefined; // duplicate keys
    return value;
  } catch (e) {
    if (e instanceof CannotPatch || e instanceof RangeError) return undefined; // reordered keys; very deep
    throw e;
  }
}

class CannotPatch extends Error {}

interface Scan {
  /** Ordinals (among all number tokens) of the tokens JSON.parse gets wrong, and their exact values. */
  places: number[];
  values: JsonValue[];
  numbers: number;
  members: number;
}

function scanNumbers(text: string): Scan {
  const places: number[] = [];
  const values: JsonValue[] = [];
  let numbers = 0;
  let members = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      let j = text.indexOf('"', i + 1);
      while (j !== -1 && escapedAt(text, j)) j = text.indexOf('"', j + 1);
      i = j === -1 ? n : j + 1;
      continue;
    }
    if (c === COLON) {
      members++;
      i++;
      continue;
    }
    if (c !== MINUS && (c < 48 || c > 57)) {
      i++;
      continue;
    }
    const start = i;
    let digits = 0;
    let fraction = -1; // index of the '.'
    let exponent = false;
    let zeroFraction = true;
    if (c === MINUS) i++;
    for (;; i++) {
      const d = text.charCodeAt(i);
      if (d >= 48 && d <= 57) {
        if (exponent) continue;
        digits++;
        if (fraction >= 0 && d !== 48) zeroFraction = false;
      } else if (d === DOT) {
        fraction = i;
      } else if (d === 101 || d === 69 || ((d === 43 || d === MINUS) && exponent)) {
        exponent = true;
      } else {
        break;
      }
    }
    const ordinal = numbers++;
    let exact: JsonValue | undefined;
    if (exponent || (fraction >= 0 && digits > 15)) {
      // a float whose double may be integral (`1e3`, `1.00000000000000001`) or infinite
      const v = Number(text.slice(start, i));
      if (Number.isInteger(v) || !Number.isFinite(v) || Object.is(v, -0)) exact = makeFloat(v);
    } else if (fraction >= 0) {
      // `2.0`, `-0.0`: an integral float, which JSON.parse makes an integer (with 15 digits or
      // fewer and a fraction that is not zero, the double cannot be integral)
      if (zeroFraction) exact = makeFloat(Number(text.slice(start, fraction)) || (c === MINUS ? -0 : 0));
    } else if (digits > 15) {
      const v = makeInt(BigInt(text.slice(start, i)));
      if (typeof v === 'bigint') exact = v;
    } else if (c === MINUS && digits === 1 && text.charCodeAt(start + 1) === 48) {
      exact = 0; // `-0` is the integer 0; JSON.parse reads -0
    }
    if (exact !== undefined) {
      places.push(ordinal);
      values.push(exact);
    }
  }
  return { places, values, numbers, members };
}

/** Whether the quote at `j` is escaped: an odd run of backslashes before it. */
function escapedAt(text: string, j: number): boolean {
  let k = j - 1;
  while (text.charCodeAt(k) === BACKSLASH) k--;
  return (j - 1 - k) % 2 === 1;
}

class Walk {
  numbers = 0;
  members = 0;
  private next = 0;

  constructor(private readonly places: number[], private readonly values: JsonValue[]) {}

  /** The value, with its exact replacement if it is a number in the list of places. */
  visit(v: JsonValue): JsonValue {
    if (typeof v === 'number') {
      const ordinal = this.numbers++;
      if (this.next < this.places.length && this.places[this.next] === ordinal) return this.values[this.next++];
      return v;
    }
    if (v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const x = v[i];
        if (x !== null && (typeof x === 'object' || typeof x === 'number')) {
          const y = this.visit(x);
          if (y !== x) v[i] = y;
        }
      }
      return v;
    }
    const o = v as PlainObject;
    for (const key in o) {
      if (needsOrderedObject(key)) throw new CannotPatch();
      this.members++;
      const x = o[key];
      if (x !== null && (typeof x === 'object' || typeof x === 'number')) {
        const y = this.visit(x);
        if (y !== x) o[key] = y;
      }
    }
    return v;
  }
}
