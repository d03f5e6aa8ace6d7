// Reads JSON text into the Python-faithful value model (values.ts), with line/column errors and,
// on request, the source offsets of every value (for highlighting query results in the editor).
import { JsonValue, ObjectBuilder, PyFloat, makeFloat, makeInt } from './values';

export class JsonSyntaxError extends Error {
  /** 1-based line and column, as editors show them. */
  readonly line: number;
  readonly column: number;
  constructor(readonly reason: string, readonly offset: number, text: string) {
    const { line, column } = lineAndColumn(text, offset);
    super(`${reason} at line ${line}, column ${column}`);
    this.line = line;
    this.column = column;
  }
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Source ranges of document values: for each array, [start, end] pairs by index; for each object,
 * a map from key to its value's [start, end] and the key's own start (the last occurrence wins,
 * as in Python).
 */
export interface SourceMap {
  root: [number, number];
  arrays: WeakMap<JsonValue[], Int32Array>;
  objects: WeakMap<object, Map<string, MemberRange>>;
}
export type MemberRange = [valueStart: number, valueEnd: number, keyStart: number];

export interface ParseOptions {
  /** Record value offsets (slower; used for inline highlights). */
  withSourceMap?: boolean;
  /** Accept NaN, Infinity and -Infinity as Python's json module does (query literals). */
  pythonLiterals?: boolean;
  /**
   * Read with JSON.parse, several times faster. The result is not exact (`exact: false`): the caller
   * must handle NeedsExactRead and check, with hasFloatTokens(), any result that wrote an integer.
   */
  fast?: boolean;
}

export interface ParsedJson {
  value: JsonValue;
  sourceMap?: SourceMap;
  /** False when JSON.parse read it: using a rounded integer or a reordered object then throws NeedsExactRead. */
  exact: boolean;
}

export function parseJson(text: string, options: ParseOptions = {}): ParsedJson {
  if (options.fast && !options.withSourceMap && !options.pythonLiterals) {
    try {
      return { value: JSON.parse(text.charCodeAt(0) === BOM ? text.slice(1) : text) as JsonValue, exact: false };
    } catch {
      // fall through: the full reader reports where the text is wrong
    }
  }
  return new Reader(text, options).read();
}

/** A UTF-8 byte order mark (PowerShell's `Out-File -Encoding utf8` writes one): skipped, offsets kept. */
const BOM = 0xfeff;
const WS_SPACE = 32, WS_TAB = 9, WS_LF = 10, WS_CR = 13;
const QUOTE = 34, BACKSLASH = 92, COLON = 58;

/**
 * True when the text may hold a float token (`1.0`, `2e3`), which JSON.parse reads as a plain
 * number: '.' or an exponent after a digit, outside strings. A false alarm only costs a re-read.
 */
export function hasFloatTokens(text: string): boolean {
  let i = 0;
  while (i < text.length && isWhitespace(text.charCodeAt(i))) i++;
  const first = text.charCodeAt(i);
  if (first === 45 || (first >= 48 && first <= 57)) return true; // a bare number: let the reader decide
  for (let j = text.indexOf('.'); j !== -1; j = text.indexOf('.', j + 1)) {
    if (isDigit(text.charCodeAt(j - 1)) && startsNumberToken(text, j - 1)) return true;
  }
  for (const e of ['e', 'E']) {
    for (let j = text.indexOf(e); j !== -1; j = text.indexOf(e, j + 1)) {
      const next = text.charCodeAt(j + 1);
      if ((isDigit(next) || next === 43 || next === 45) && isDigit(text.charCodeAt(j - 1)) && startsNumberToken(text, j - 1)) return true;
    }
  }
  return false;
}

/** Whether the digit at `i` belongs to a number token (not to a string): what precedes its digits. */
function startsNumberToken(text: string, i: number): boolean {
  while (i > 0 && isDigit(text.charCodeAt(i - 1))) i--;
  i--;
  if (text.charCodeAt(i) === 45) i--; // minus sign
  while (i >= 0 && isWhitespace(text.charCodeAt(i))) i--;
  const c = text.charCodeAt(i);
  if (c === 91 /* [ */ || c === 44 /* , */) return true;
  if (c !== COLON) return false;
  i--;
  while (i >= 0 && isWhitespace(text.charCodeAt(i))) i--;
  return text.charCodeAt(i) === QUOTE;
}

function isWhitespace(c: number): boolean {
  return c === WS_SPACE || c === WS_LF || c === WS_CR || c === WS_TAB;
}

interface Frame {
  array?: JsonValue[];
  arrayLocs?: number[];
  object?: ObjectBuilder;
  objectLocs?: Map<string, MemberRange>;
  key?: string;
  keyStart?: number;
  start: number;
}

export class Reader {
  private i = 0;
  private readonly text: string;
  private readonly sourceMap?: SourceMap;

  constructor(text: string, private readonly options: ParseOptions) {
    this.text = text;
    if (options.withSourceMap) {
      this.sourceMap = { root: [0, 0], arrays: new WeakMap(), objects: new WeakMap() };
    }
  }

  read(): ParsedJson {
    const text = this.text;
    if (text.charCodeAt(0) === BOM) this.i = 1;
    this.skipWhitespace();
    if (this.i >= text.length) this.fail(text.trim() === '' ? 'The document is empty' : 'Expected a JSON value');
    return this.readFrom(true);
  }

  /** Reads the one value that starts at `start` (no whitespace before it); `position` is then just past it. */
  readValueAt(start: number): JsonValue {
    this.i = start;
    return this.readFrom(false).value;
  }

  get position(): number {
    return this.i;
  }

  private readFrom(wholeText: boolean): ParsedJson {
    const text = this.text;
    const stack: Frame[] = [];
    let value: JsonValue;
    let valueStart = this.i;
    // Iterative, so a 100,000-deep document cannot overflow the call stack.
    for (;;) {
      this.skipWhitespace();
      valueStart = this.i;
      const c = text.charCodeAt(this.i);
      if (c === 123 /* { */) {
        this.i++;
        this.skipWhitespace();
        const frame: Frame = { object: new ObjectBuilder(), start: valueStart };
        if (this.sourceMap) frame.objectLocs = new Map();
        if (text.charCodeAt(this.i) === 125 /* } */) {
          this.i++;
          value = this.finishObject(frame);
        } else {
          frame.keyStart = this.i;
          frame.key = this.readKey();
          stack.push(frame);
          continue;
        }
      } else if (c === 91 /* [ */) {
        this.i++;
        this.skipWhitespace();
        const frame: Frame = { array: [], start: valueStart };
        if (this.sourceMap) frame.arrayLocs = [];
        if (text.charCodeAt(this.i) === 93 /* ] */) {
          this.i++;
          value = this.finishArray(frame);
        } else {
          stack.push(frame);
          continue;
        }
      } else {
        value = this.readScalar();
      }
      // attach the finished value to its parents, closing every container that ends here
      for (;;) {
        const valueEnd = this.i;
        const top = stack[stack.length - 1];
        if (!top) {
          if (!wholeText) return { value, exact: true };
          if (this.sourceMap) this.sourceMap.root = [valueStart, valueEnd];
          this.skipWhitespace();
          if (text.charCodeAt(this.i) === 47) this.fail('Comments are not allowed in JSON');
          if (this.i < text.length) this.fail('Unexpected data after the JSON value');
          return { value, sourceMap: this.sourceMap, exact: true };
        }
        if (top.array) {
          top.array.push(value);
          top.arrayLocs?.push(valueStart, valueEnd);
        } else {
          top.object!.set(top.key!, value);
          top.objectLocs?.set(top.key!, [valueStart, valueEnd, top.keyStart!]);
        }
        this.skipWhitespace();
        const d = text.charCodeAt(this.i);
        if (d === 44 /* , */) {
          this.i++;
          this.skipWhitespace();
          if (top.object) {
            if (text.charCodeAt(this.i) === 125) this.fail('Trailing comma before }');
            top.keyStart = this.i;
            top.key = this.readKey();
          } else if (text.charCodeAt(this.i) === 93) {
            this.fail('Trailing comma before ]');
          }
          break;
        }
        const close = top.array ? 93 : 125;
        if (d === 47 /* / */) this.fail('Comments are not allowed in JSON');
        if (d !== close) this.fail(top.array ? "Expected ',' or ']'" : "Expected ',' or '}'");
        this.i++;
        stack.pop();
        valueStart = top.start;
        value = top.array ? this.finishArray(top) : this.finishObject(top);
      }
    }
  }

  private finishArray(frame: Frame): JsonValue[] {
    const arr = frame.array!;
    if (this.sourceMap) this.sourceMap.arrays.set(arr, Int32Array.from(frame.arrayLocs!));
    return arr;
  }

  private finishObject(frame: Frame): JsonValue {
    const obj = frame.object!.build();
    if (this.sourceMap) this.sourceMap.objects.set(obj as object, frame.objectLocs!);
    return obj;
  }

  private readKey(): string {
    const c = this.text.charCodeAt(this.i);
    if (c === 47 /* / */) this.fail('Comments are not allowed in JSON');
    if (c !== QUOTE) this.fail('Expected a double-quoted property name');
    const key = this.readString();
    this.skipWhitespace();
    if (this.text.charCodeAt(this.i) !== COLON) this.fail("Expected ':' after property name");
    this.i++;
    return key;
  }

  private readScalar(): JsonValue {
    const text = this.text;
    const c = text.charCodeAt(this.i);
    if (c === QUOTE) return this.readString();
    if ((c >= 48 && c <= 57) || c === 45) {
      if (this.options.pythonLiterals && text.startsWith('-Infinity', this.i)) {
        this.i += 9;
        return new PyFloat(-Infinity);
      }
      return this.readNumber();
    }
    for (const [word, value] of LITERALS) {
      if (text.startsWith(word, this.i)) {
        if (typeof value === 'number' && !this.options.pythonLiterals) break;
        this.i += word.length;
        return value;
      }
    }
    if (c === 47 /* / */ && (text[this.i + 1] === '/' || text[this.i + 1] === '*')) this.fail('Comments are not allowed in JSON');
    if (c === 39 /* ' */) this.fail('Strings must use double quotes');
    if (Number.isNaN(c)) this.fail('Unexpected end of input');
    if (c === BOM) this.fail('Unexpected byte order mark (U+FEFF; a file may have one only at its start)');
    const ch = String.fromCodePoint(text.codePointAt(this.i)!);
    if (/[\p{C}\p{Z}]/u.test(ch)) this.fail(`Unexpected invisible character U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`); // never shown raw
    this.fail(`Unexpected character '${ch}'`);
  }

  private readNumber(): JsonValue {
    const text = this.text;
    const start = this.i;
    let i = this.i;
    if (text.charCodeAt(i) === 45) i++;
    const intStart = i;
    while (isDigit(text.charCodeAt(i))) i++;
    if (i === intStart) { this.i = i; this.fail('Invalid number'); }
    if (text.charCodeAt(intStart) === 48 && i - intStart > 1) { this.i = intStart; this.fail('Leading zeros are not allowed in numbers'); }
    let isFloat = false;
    if (text.charCodeAt(i) === 46) {
      i++;
      const fracStart = i;
      while (isDigit(text.charCodeAt(i))) i++;
      if (i === fracStart) { this.i = i; this.fail('Expected a digit after the decimal point'); }
      isFloat = true;
    }
    const e = text.charCodeAt(i);
    if (e === 101 || e === 69) {
      i++;
      const s = text.charCodeAt(i);
      if (s === 43 || s === 45) i++;
      const expStart = i;
      while (isDigit(text.charCodeAt(i))) i++;
      if (i === expStart) { this.i = i; this.fail('Expected a digit in the exponent'); }
      isFloat = true;
    }
    this.i = i;
    return numberValue(text.slice(start, i), isFloat);
  }

  private readString(): string {
    const text = this.text;
    const start = this.i;
    let i = start + 1;
    let out = '';
    let chunk = i;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        this.i = i + 1;
        return out + text.slice(chunk, i);
      }
      if (c === BACKSLASH) {
        out += text.slice(chunk, i);
        const esc = text[i + 1];
        const simple = ESCAPES[esc];
        if (simple !== undefined) {
          out += simple;
          i += 2;
        } else if (esc === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) { this.i = i; this.fail('Invalid \\u escape in string'); }
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else {
          this.i = i;
          this.fail(i + 1 >= text.length ? 'Unterminated string' : 'Invalid escape in string');
        }
        chunk = i;
        continue;
      }
      if (c < 32 || Number.isNaN(c)) {
        this.i = Number.isNaN(c) || c === 10 ? start : i;
        this.fail(Number.isNaN(c) || c === 10 ? 'Unterminated string' : 'Control character in string');
      }
      i++;
    }
  }

  private skipWhitespace(): void {
    const text = this.text;
    let i = this.i;
    while (isWhitespace(text.charCodeAt(i))) i++;
    this.i = i;
  }

  private fail(reason: string): never {
    throw new JsonSyntaxError(reason, Math.min(this.i, this.text.length), this.text);
  }
}

/** The value of a valid JSON number token, as Python reads it. */
export function numberValue(token: string, isFloat: boolean): JsonValue {
  if (isFloat) return makeFloat(Number(token));
  if (token.length - (token.charCodeAt(0) === 45 ? 1 : 0) <= 15) return Number(token) || 0; // `-0` is the integer 0
  return makeInt(BigInt(token));
}

const LITERALS: [string, JsonValue][] = [
  ['true', true], ['false', false], ['null', null],
  ['NaN', NaN], ['Infinity', new PyFloat(Infinity)],
];

const ESCAPES: Record<string, string> = {
  '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t',
};

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
