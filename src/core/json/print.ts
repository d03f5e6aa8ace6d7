// Writes values as Python writes them: json.dumps (what `aws --output json` prints) and repr()
// (what jmespath.py puts in its error messages).
import { JsonValue, NotAnObject, OrderedObject, PlainObject, PyFloat, Verbatim, checkExact, checkKeyOrder, isObject, objectEntries } from './values';
import { reformatTo } from './reformat';
import { expressionReferenceResult } from '../jmespath/errors';

/** Python's repr() of a float, which json.dumps also uses (1.0, 1e+16, 1e-05). */
export function pyFloatRepr(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (n === Infinity) return 'inf';
  if (n === -Infinity) return '-inf';
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
  const [mantissa, exp] = n.toExponential().split('e'); // shortest round-trip digits
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const e = Number(exp);
  let out: string;
  if (e >= -4 && e < 16) {
    if (e >= 0) {
      const intPart = digits.slice(0, e + 1).padEnd(e + 1, '0');
      out = `${intPart}.${digits.slice(e + 1) || '0'}`;
    } else {
      out = `0.${'0'.repeat(-e - 1)}${digits}`;
    }
  } else {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    out = `${m}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  return negative ? `-${out}` : out;
}

export function jsonNumber(v: number | bigint | PyFloat): string {
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') checkExact(v);
  const n = v instanceof PyFloat ? v.value : v;
  // Python's repr and JS agree on the shortest digits; both write plain decimals in this range
  const size = n < 0 ? -n : n;
  if (size >= 1e-4 && size < 1e16) return v instanceof PyFloat ? `${n}.0` : String(n);
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  if (v instanceof PyFloat || !Number.isInteger(n)) return pyFloatRepr(n);
  return String(n);
}

// json.dumps escapes these (and, with ensure_ascii, everything above 0x7e)
const JSON_ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };
const ESCAPE_ALL = /["\\\u0000-\u001f]/g;
const ESCAPE_ALL_ASCII = /["\\\u0000-\u001f\u007f-\uffff]/g;

function escapeChar(ch: string): string {
  return JSON_ESCAPES[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

export function jsonString(s: string, ensureAscii = false): string {
  if (ensureAscii) return `"${s.replace(ESCAPE_ALL_ASCII, escapeChar)}"`;
  // JSON.stringify escapes as json.dumps does, except lone surrogates (Python writes them as they are)
  const quoted = JSON.stringify(s);
  return quoted.length === s.length + 2 || !quoted.includes('\\ud') ? quoted : `"${s.replace(ESCAPE_ALL, escapeChar)}"`;
}

/**
 * json.dumps(value, indent=4, ensure_ascii=False): the body of `aws --output json`.
 * With `compact`, json.dumps(value, separators=(',', ':')) as jmespath's to_string() uses.
 */
export function dumps(value: JsonValue, compact = false): string {
  if (!compact && stringifiesAsPython(value)) {
    try {
      const text = JSON.stringify(value, null, 4);
      if (!text.includes('\\ud')) return text; // a lone surrogate, which Python writes as it is
    } catch {
      // too long for one string, or too deep for JSON.stringify's recursion: the writer below
      // says which, before it fills the memory
    }
  }
  const chunks: string[] = [];
  let length = 0;
  let measured = false;
  const w = new JsonWriter(compact, (piece) => {
    const chunk = typeof piece === 'string' ? piece : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength).toString('utf8');
    // fail as soon as the text cannot be one string, before it fills the memory
    if ((length += chunk.length) > MAX_STRING_LENGTH) throw new RangeError('Invalid string length');
    chunks.push(chunk);
    if (!measured && length > 1 << 25) { // big: find out now whether it can fit at all
      measured = true;
      if (measure(value, compact ? 1 : 6).length > MAX_STRING_LENGTH) throw new RangeError('Invalid string length');
    }
  });
  w.write(value, compact ? undefined : '\n');
  w.end();
  return chunks.join('');
}

/**
 * Whether JSON.stringify(value, null, 4) writes what json.dumps(value, indent=4) does (the native
 * printer is several times faster): plain lists and objects, strings, booleans, null, and numbers
 * that both print alike (integers within 2^53, other numbers of magnitude 1e-4 to 1e16), in a text
 * of moderate size (JSON.stringify would only find out at the end that it cannot be one string;
 * the writer measures first, each shared list once: `[@,@] | [@,@] | ...`). Throws NeedsExactRead as the writer would,
 * for a number or key order a fast read got wrong.
 */
function stringifiesAsPython(root: JsonValue): boolean {
  const stack: JsonValue[] = [root];
  const indents: number[] = [0];
  let length = 0; // at least this many characters: each value's indentation and strings
  let values = 0;
  while (stack.length > 0) {
    if (++values > STRINGIFY_MAX_VALUES) return false;
    const v = stack.pop()!;
    const indent = indents.pop()!;
    if ((length += indent) > STRINGIFY_MAX_LENGTH) return false;
    if (v === null || typeof v === 'boolean') continue;
    if (typeof v === 'string') {
      length += v.length;
    } else if (typeof v === 'number') {
      checkExact(v);
      const size = v < 0 ? -v : v;
      if (!Number.isInteger(v) && !(size >= 1e-4 && size < 1e16)) return false;
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        stack.push(v[i]);
        indents.push(indent + 4);
      }
    } else if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      let first = true;
      for (const key in v) {
        if (first) checkKeyOrder([key]); // a fast read moved an index-like key first
        first = false;
        length += key.length;
        stack.push((v as PlainObject)[key]);
        indents.push(indent + 4);
      }
    } else {
      return false; // bigint, PyFloat, OrderedObject, bytes, an &expression
    }
  }
  return true;
}

/** Results printing longer than this (about 128 MB), or of more values (shared lists count each time), go through the writer. */
const STRINGIFY_MAX_LENGTH = 1 << 27;
const STRINGIFY_MAX_VALUES = 5_000_000;

/**
 * json.dumps(value, indent=4, ensure_ascii=False) handed to `sink` in pieces (text, or UTF-8 bytes
 * where a document's bytes are reformatted), so a big result is
 * written out (the command line streams to stdout) without ever being one string. Throws before
 * writing anything when the text could not be one string (as dumps() does, where Python runs out
 * of memory) or the value nests deeper than `maxDepth`.
 */
export function dumpsTo(value: JsonValue, sink: (chunk: string | Uint8Array) => void, maxDepth: number): void {
  const m = measure(value, 6);
  if (m.length > MAX_STRING_LENGTH) throw new RangeError('Invalid string length');
  if (m.height > maxDepth) throw new RangeError('Maximum call stack size exceeded');
  const w = new JsonWriter(false, sink);
  w.write(value, '\n');
  w.end();
}

const PARTS_PER_CHUNK = 8192;

/**
 * A lower bound of the printed length and the nesting height, each shared list or object measured
 * once (fast on `[@,@] | [@,@]`, whose text doubles at every step). Too deep to measure: height
 * Infinity, length 0 (printing then stops at the limit).
 */
function measure(root: JsonValue, separator: number): { length: number; height: number } {
  const memo = new Map<object, { length: number; height: number }>();
  const visit = (v: JsonValue): { length: number; height: number } => {
    if (typeof v === 'number') return { length: String(v).length, height: 0 };
    if (typeof v === 'string') return { length: v.length + 2, height: 0 };
    if (v === null || typeof v !== 'object' || v instanceof NotAnObject) return { length: 1, height: 0 }; // a Verbatim prints without recursion
    const known = memo.get(v);
    if (known !== undefined) return known;
    let length = 2;
    let height = 0;
    const add = (x: JsonValue): boolean => {
      const m = visit(x);
      length += m.length + separator; // ",\n    " at least, when indented
      if (m.height > height) height = m.height;
      return length <= MAX_STRING_LENGTH;
    };
    if (Array.isArray(v)) {
      for (const x of v) if (!add(x)) break;
    } else {
      for (const [key, x] of objectEntries(v)) {
        length += key.length + 3; // `"key":`
        if (!add(x)) break;
      }
    }
    if (length > 2) length -= separator; // (none after the last)
    const result = { length, height: height + 1 };
    memo.set(v, result);
    return result;
  };
  try {
    return visit(root);
  } catch {
    return { length: 0, height: Infinity };
  }
}

/**
 * At least how many characters the value prints in compactly, each shared list or object measured
 * once: cheap even for `[@,@] | [@,@] | ...`, whose text doubles at every step.
 */
export function compactLength(value: JsonValue): number {
  return measure(value, 1).length;
}

/** V8's longest string (2^29 - 24 characters on 64-bit). */
const MAX_STRING_LENGTH = 0x1fffffe8;

class JsonWriter {
  private readonly parts: string[] = [];
  /** Quoted keys with their separator, by key: keys repeat in every element of a list. */
  private readonly keys = new Map<string, string>();

  constructor(private readonly ascii: boolean, private readonly sink: (chunk: string | Uint8Array) => void) {}

  end(): void {
    if (this.parts.length > 0) this.flush();
  }

  private emit(s: string): void {
    this.parts.push(s);
    if (this.parts.length >= PARTS_PER_CHUNK) this.flush();
  }

  private flush(): void {
    this.sink(this.parts.join(''));
    this.parts.length = 0;
  }

  write(v: JsonValue, newline: string | undefined): void {
    if (v === null) return this.emit('null');
    switch (typeof v) {
      case 'string': return this.emit(jsonString(v, this.ascii));
      case 'boolean': return this.emit(v ? 'true' : 'false');
      case 'number': case 'bigint': return this.emit(jsonNumber(v));
    }
    if (v instanceof PyFloat) return this.emit(jsonNumber(v));
    if (v instanceof Verbatim) {
      if (newline === undefined) throw new Error('A document value held as bytes cannot be printed compactly.'); // demand.ts never lets one reach to_string()
      if (this.parts.length > 0) this.flush();
      return reformatTo(v, newline.length - 1, this.sink);
    }
    if (v instanceof NotAnObject) { // an &expression: to_string() prints str() of it, as Python's default=str
      if (newline !== undefined) throw expressionReferenceResult();
      return this.emit(jsonString(pyRepr(v), this.ascii));
    }
    const inner = newline === undefined ? undefined : newline + '    ';
    const sep = inner === undefined ? ',' : ',' + inner;
    if (Array.isArray(v)) {
      if (v.length === 0) return this.emit('[]');
      this.emit(inner === undefined ? '[' : '[' + inner);
      for (let i = 0; i < v.length; i++) {
        if (i > 0) this.emit(sep);
        this.write(v[i], inner);
      }
      return this.emit(newline === undefined ? ']' : newline + ']');
    }
    const colon = inner === undefined ? ':' : ': ';
    let first = true;
    const member = (key: string, value: JsonValue): void => {
      if (first) {
        this.emit(inner === undefined ? '{' : '{' + inner);
        first = false;
      } else {
        this.emit(sep);
      }
      this.emit(this.quotedKey(key, colon));
      this.write(value, inner);
    };
    if (v instanceof OrderedObject) {
      for (const [key, value] of v.map) member(key, value);
    } else {
      for (const key in v) {
        if (first) checkKeyOrder([key]); // a fast read moved an index-like key first
        member(key, (v as PlainObject)[key]);
      }
    }
    this.emit(first ? '{}' : newline === undefined ? '}' : newline + '}');
  }

  private quotedKey(key: string, colon: string): string {
    let quoted = this.keys.get(key);
    if (quoted === undefined) {
      quoted = jsonString(key, this.ascii) + colon;
      if (this.keys.size < 10000) this.keys.set(key, quoted);
    }
    return quoted;
  }
}

/** Python's repr() of a value, as jmespath.py's messages show it ('abc', True, None, {'a': 1}). */
export function pyRepr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'string') return pyStrRepr(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') {
    checkExact(v);
    return Number.isInteger(v) ? jsonNumber(v) : pyFloatRepr(v);
  }
  if (v instanceof PyFloat) return pyFloatRepr(v.value);
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`;
  if (isObject(v)) return `{${objectEntries(v).map(([k, x]) => `${pyStrRepr(k)}: ${pyRepr(x)}`).join(', ')}}`;
  return '<jmespath.visitor._Expression object>';
}

/** Python's str(): like repr() except that a string is itself. */
export function pyStr(v: unknown): string {
  return typeof v === 'string' ? v : pyRepr(v);
}

/**
 * What Python's str.isprintable() rejects, which repr() escapes: controls, format characters
 * (U+202E), lone surrogates, private use, unassigned, and separators other than the ASCII space.
 */
const NOT_PRINTABLE = new RegExp('^[\\p{Cc}\\p{Cf}\\p{Cs}\\p{Co}\\p{Cn}\\p{Zl}\\p{Zp}\\p{Zs}' +
  // Unassigned in Unicode 14.0 (Python 3.11's tables, which the CLI's repr uses) but assigned in
  // Node's newer tables: Python still escapes them. Checked code point by code point against
  // python3 in test/unit/engineApi.test.ts.
  '\u{88f}\u{897}\u{c5c}\u{cdc}\u{cf3}\u{ece}\u{1acf}-\u{1add}\u{1ae0}-\u{1aeb}\u{1b4e}-\u{1b4f}' +
  '\u{1b7f}\u{1c89}-\u{1c8a}\u{20c1}\u{2427}-\u{2429}\u{2b96}\u{2ffc}-\u{2fff}\u{31e4}-\u{31e5}' +
  '\u{31ef}\u{a7cb}-\u{a7cf}\u{a7d2}\u{a7d4}\u{a7da}-\u{a7dc}\u{a7f1}\u{fbc3}-\u{fbd2}' +
  '\u{fd90}-\u{fd91}\u{fdc8}-\u{fdce}\u{105c0}-\u{105f3}\u{10940}-\u{10959}\u{10d40}-\u{10d65}' +
  '\u{10d69}-\u{10d85}\u{10d8e}-\u{10d8f}\u{10ec2}-\u{10ec7}\u{10ed0}-\u{10ed8}\u{10efa}-\u{10eff}' +
  '\u{1123f}-\u{11241}\u{11380}-\u{11389}\u{1138b}\u{1138e}\u{11390}-\u{113b5}\u{113b7}-\u{113c0}' +
  '\u{113c2}\u{113c5}\u{113c7}-\u{113ca}\u{113cc}-\u{113d5}\u{113d7}-\u{113d8}\u{113e1}-\u{113e2}' +
  '\u{116d0}-\u{116e3}\u{11b00}-\u{11b09}\u{11b60}-\u{11b67}\u{11bc0}-\u{11be1}\u{11bf0}-\u{11bf9}' +
  '\u{11db0}-\u{11ddb}\u{11de0}-\u{11de9}\u{11f00}-\u{11f10}\u{11f12}-\u{11f3a}\u{11f3e}-\u{11f5a}' +
  '\u{1342f}\u{13440}-\u{13455}\u{13460}-\u{143fa}\u{16100}-\u{16139}\u{16d40}-\u{16d79}' +
  '\u{16ea0}-\u{16eb8}\u{16ebb}-\u{16ed3}\u{16ff2}-\u{16ff6}\u{187f8}-\u{187ff}\u{18cff}' +
  '\u{18d09}-\u{18d1e}\u{18d80}-\u{18df2}\u{1b132}\u{1b155}\u{1cc00}-\u{1ccfc}\u{1cd00}-\u{1ceb3}' +
  '\u{1ceba}-\u{1ced0}\u{1cee0}-\u{1cef0}\u{1d2c0}-\u{1d2d3}\u{1df25}-\u{1df2a}\u{1e030}-\u{1e06d}' +
  '\u{1e08f}\u{1e4d0}-\u{1e4f9}\u{1e5d0}-\u{1e5fa}\u{1e5ff}\u{1e6c0}-\u{1e6de}\u{1e6e0}-\u{1e6f5}' +
  '\u{1e6fe}-\u{1e6ff}\u{1f6d8}\u{1f6dc}\u{1f774}-\u{1f77f}\u{1f7d9}\u{1f8b2}-\u{1f8bb}' +
  '\u{1f8c0}-\u{1f8c1}\u{1f8d0}-\u{1f8d8}\u{1fa54}-\u{1fa57}\u{1fa75}-\u{1fa77}\u{1fa87}-\u{1fa8a}' +
  '\u{1fa8e}-\u{1fa8f}\u{1faad}-\u{1faaf}\u{1fabb}-\u{1fabf}\u{1fac6}\u{1fac8}\u{1facd}-\u{1facf}' +
  '\u{1fada}-\u{1fadc}\u{1fadf}\u{1fae8}-\u{1faea}\u{1faef}\u{1faf7}-\u{1faf8}\u{1fbcb}-\u{1fbef}' +
  '\u{1fbfa}\u{2b739}-\u{2b73f}\u{2cea2}-\u{2cead}\u{2ebf0}-\u{2ee5d}\u{31350}-\u{33479}' +
  ']$', 'u');

function pyEscape(c: number): string {
  if (c < 0x100) return `\\x${c.toString(16).padStart(2, '0')}`;
  if (c < 0x10000) return `\\u${c.toString(16).padStart(4, '0')}`;
  return `\\U${c.toString(16).padStart(8, '0')}`;
}

function pyStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c !== 0x20 && NOT_PRINTABLE.test(ch)) out += pyEscape(c);
    else out += ch;
  }
  return out + quote;
}
