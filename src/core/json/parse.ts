// Reads JSON text into the Python-faithful value model (values.ts), with line/column errors and,
// on request, the source offsets of every value (for highlighting query results in the editor).
import { JsonValue, ObjectBuilder, PyFloat, needsOrderedObject, makeInt } from './values';

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
}

export interface ParsedJson {
  value: JsonValue;
  sourceMap?: SourceMap;
}

export function parseJson(text: string, options: ParseOptions = {}): ParsedJson {
  if (!options.withSourceMap && !options.pythonLiterals && plainParseIsExact(text)) {
    try {
      return { value: JSON.parse(text) as JsonValue };
    } catch {
      // fall through: the full reader reports where the text is wrong
    }
  }
  return new Reader(text, options).read();
}

const WS_SPACE = 32, WS_TAB = 9, WS_LF = 10, WS_CR = 13;
const QUOTE = 34, BACKSLASH = 92, COLON = 58;

/**
 * True when JSON.parse gives exactly what Python's json module would: no floats (JS forgets that
 * `1.0` is a float), no integers beyond 15 digits, no `-0`, no keys a JS object would reorder.
 * Scanning is several times cheaper than parsing, so the common AWS document takes the native path.
 */
export function plainParseIsExact(text: string): boolean {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      let j = text.indexOf('"', i + 1);
      while (j !== -1 && text.charCodeAt(j - 1) === BACKSLASH) {
        let k = j - 1;
        while (text.charCodeAt(k) === BACKSLASH) k--;
        if ((j - 1 - k) % 2 === 0) break;
        j = text.indexOf('"', j + 1);
      }
      if (j === -1) return false;
      const first = text.charCodeAt(i + 1);
      if ((first >= 48 && first <= 57) || first === 95 || first === BACKSLASH) {
        let k = j + 1;
        while (k < n && isWhitespace(text.charCodeAt(k))) k++;
        if (text.charCodeAt(k) === COLON) {
          const key = text.slice(i + 1, j);
          if (key.includes('\\') || needsOrderedObject(key)) return false;
        }
      }
      i = j + 1;
    } else if ((c >= 48 && c <= 57) || c === 45) {
      const start = i;
      let digits = 0;
      for (; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d >= 48 && d <= 57) digits++;
        else if (d === 46 || d === 101 || d === 69) return false;
        else if (d !== 45 && d !== 43) break;
      }
      if (digits > 15) return false;
      if (c === 45 && text.charCodeAt(start + 1) === 48 && i === start + 2) return false; // -0
    } else {
      i++;
    }
  }
  return true;
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

class Reader {
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
    this.skipWhitespace();
    if (this.i >= text.length) this.fail(text.trim() === '' ? 'The document is empty' : 'Expected a JSON value');
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
          if (this.sourceMap) this.sourceMap.root = [valueStart, valueEnd];
          this.skipWhitespace();
          if (text.charCodeAt(this.i) === 47) this.fail('Comments are not allowed in JSON');
          if (this.i < text.length) this.fail('Unexpected data after the JSON value');
          return { value, sourceMap: this.sourceMap };
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
        return -Infinity;
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
    this.fail(`Unexpected character '${String.fromCodePoint(text.codePointAt(this.i)!)}'`);
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
    const token = text.slice(start, i);
    if (isFloat) {
      const n = Number(token);
      return Number.isInteger(n) || Object.is(n, -0) ? new PyFloat(n) : n;
    }
    if (i - intStart <= 15) return Number(token) || 0; // `-0` is the integer 0
    return makeInt(BigInt(token));
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

const LITERALS: [string, JsonValue][] = [
  ['true', true], ['false', false], ['null', null],
  ['NaN', NaN], ['Infinity', Infinity],
];

const ESCAPES: Record<string, string> = {
  '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t',
};

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
