// The bits of Python the AWS CLI's formatters lean on: str() of a value, type names, the errors
// they raise on shapes they were not written for, and the column width of text.
import { pyStr } from '../json/print';
import { JsonObject, JsonValue, OrderedObject, PyFloat, compareStrings, isObject, objectKeys, sameKeys } from '../json/values';
import { WIDE_RANGES } from './eastAsianWidth';
import { JmesPathError } from '../jmespath/errors';

export { pyStr };

const SPACES: string[] = Array.from({ length: 128 }, (_, i) => ' '.repeat(i));

/** `n` spaces (padding: table cells, yaml indents). */
export const spaces = (n: number): string => (n <= 0 ? '' : n < 128 ? SPACES[n] : ' '.repeat(n));

/** A formatter failure, reported as the CLI reports it: `\n<message>\n` on stderr, exit 255. */
export class OutputFormatError extends JmesPathError {
  /** What the CLI had printed when its formatter failed (text writes line by line; the others fail before printing). */
  printed = '';

  constructor(readonly pythonError: 'ValueError' | 'TypeError' | 'AttributeError' | 'IndexError' | 'UnicodeEncodeError', message: string) {
    super('output-format', message);
  }
}

const SURROGATE = /[\ud800-\udfff]/;

/**
 * Python's failure to encode `text` as UTF-8, if it holds a lone surrogate (JSON's `"\ud83d"`
 * alone): the message names the first run of them by code point position, as str.encode() does.
 */
export function utf8EncodeError(text: string): OutputFormatError | undefined {
  if (!SURROGATE.test(text)) return undefined;
  let position = 0;
  let first = -1;
  const run: string[] = [];
  for (const ch of text) { // (a valid pair is one code point)
    const lone = ch.length === 1 && SURROGATE.test(ch);
    if (lone) {
      if (first < 0) first = position;
      run.push(ch);
    } else if (first >= 0) {
      break;
    }
    position++;
  }
  if (first < 0) return undefined;
  const hex = (ch: string) => `\\u${ch.charCodeAt(0).toString(16)}`;
  const what = run.length === 1 ? `character '${hex(run[0])}' in position ${first}` : `characters in position ${first}-${first + run.length - 1}`;
  return new OutputFormatError('UnicodeEncodeError', `'utf-8' codec can't encode ${what}: surrogates not allowed`);
}

/** Python's type(v).__name__ for a JSON value. */
export function pyTypeName(v: JsonValue): string {
  if (v === null) return 'NoneType';
  switch (typeof v) {
    case 'boolean': return 'bool';
    case 'string': return 'str';
    case 'bigint': return 'int';
    case 'number':
      if (!Number.isInteger(v)) return 'float';
      return 'int';
  }
  if (v instanceof PyFloat) return 'float';
  return Array.isArray(v) ? 'list' : isObject(v) ? 'dict' : 'object';
}

/** Python truthiness: None, False, 0, 0.0, '', [] and {} are false. */
export function pyTruthy(v: JsonValue): boolean {
  if (v === null) return false;
  switch (typeof v) {
    case 'boolean': return v;
    case 'string': return v.length > 0;
    case 'number': return v !== 0;
    case 'bigint': return v !== 0n;
  }
  if (v instanceof PyFloat) return v.value !== 0;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof OrderedObject) return v.map.size > 0;
  for (const _ in v) return true;
  return false;
}

export function isScalar(v: JsonValue): boolean {
  return !(Array.isArray(v) || isObject(v));
}

const MAYBE_WIDE = /[^\u0000-\u00a0]/;

function isWide(cp: number): boolean {
  let lo = 0;
  let hi = WIDE_RANGES.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < WIDE_RANGES[2 * mid]) hi = mid - 1;
    else if (cp > WIDE_RANGES[2 * mid + 1]) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Whether every character is in U+0000-U+00A0: one column each, one byte in Latin-1. */
export function isNarrowLatin1(text: string): boolean {
  const n = text.length;
  if (n > 64) return !MAYBE_WIDE.test(text);
  for (let i = 0; i < n; i++) if (text.charCodeAt(i) > 0xa0) return false; // (a table's cells are short: faster than the regular expression)
  return true;
}

/** Columns the CLI's tables give a text: 2 for East Asian wide, fullwidth and ambiguous characters. */
export function textWidth(text: string): number {
  if (isNarrowLatin1(text)) return text.length;
  let n = 0;
  for (const ch of text) n += isWide(ch.codePointAt(0)!) ? 2 : 1;
  return n;
}

/**
 * An object's keys sorted (the CLI's text and table formatters and v2's yaml representer sort
 * them). The objects of a result mostly repeat a few shapes (every instance, every tag): the order
 * found for a shape is reused, by its first key.
 */
export class SortedKeys {
  private readonly byFirstKey = new Map<string, { keys: string[]; sorted: string[] }>();

  clear(): void {
    this.byFirstKey.clear();
  }

  of(obj: JsonObject): string[] {
    const keys = objectKeys(obj);
    if (keys.length < 2) return keys;
    const known = this.byFirstKey.get(keys[0]);
    if (known !== undefined && sameKeys(known.keys, keys)) return known.sorted;
    const sorted = [...keys].sort(compareStrings);
    this.byFirstKey.set(keys[0], { keys, sorted });
    return sorted; // (shared: callers only read it)
  }
}
