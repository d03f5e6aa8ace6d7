// Prints a document's container straight from its UTF-8 bytes, exactly as json.dumps(indent=4,
// ensure_ascii=False) prints the value they hold, without building the value: `@` on a 100 MB
// document costs one pass over its bytes and no tree. The bytes are valid JSON as the partial
// reader vouched for them (Verbatim), so nothing is checked here.
import { JsonNumber, Verbatim } from './values';
import { numberValue } from './parse';
import { jsonNumber, jsonString } from './print';

const CHUNK = 1 << 16;
const QUOTE = 34, BACKSLASH = 92, COMMA = 44, COLON = 58, MINUS = 45, DOT = 46, ZERO = 48;
const LBRACKET = 91, RBRACKET = 93, LBRACE = 123, RBRACE = 125;

/** Hands the printed bytes of `v` to `sink` in pieces; `indent` is the nesting the value starts at, in spaces. */
export function reformatTo(v: Verbatim, indent: number, sink: (chunk: Uint8Array) => void): void {
  new Reformatter(v.bytes, sink, indent).run(v.start, v.end);
}

class Reformatter {
  private out = Buffer.allocUnsafe(CHUNK);
  private p = 0;
  /** "\n" and the indentation, by depth. */
  private readonly newlines: Buffer[] = [];

  private readonly b: Buffer;

  constructor(bytes: Uint8Array, private readonly sink: (chunk: Uint8Array) => void, private readonly indent: number) {
    this.b = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  run(start: number, end: number): void {
    const b = this.b;
    let depth = 0;
    let i = start;
    while (i < end) {
      const c = b[i];
      if (c === 32 || c === 10 || c === 13 || c === 9) {
        i++;
      } else if (c === QUOTE) {
        i = this.string(i);
      } else if (c === COMMA) {
        this.byte(COMMA);
        this.newline(depth);
        i++;
      } else if (c === COLON) {
        this.byte(COLON);
        this.byte(32);
        i++;
      } else if (c === LBRACKET || c === LBRACE) {
        let j = i + 1;
        let d = b[j];
        while (d === 32 || d === 10 || d === 13 || d === 9) d = b[++j];
        this.byte(c);
        if (d === c + 2) { // `]` follows `[`, `}` follows `{`: empty, printed [] or {}
          this.byte(d);
          i = j + 1;
        } else {
          this.newline(++depth);
          i = j;
        }
      } else if (c === RBRACKET || c === RBRACE) {
        this.newline(--depth);
        this.byte(c);
        i++;
      } else if (c === MINUS || (c >= ZERO && c <= 57)) {
        i = this.number(i);
      } else { // true, false, null
        const n = c === 102 ? 5 : 4;
        for (let k = 0; k < n; k++) this.byte(b[i + k]);
        i += n;
      }
    }
    if (this.p > 0) this.sink(this.out.subarray(0, this.p));
  }

  private byte(c: number): void {
    if (this.p === this.out.length) this.flush();
    this.out[this.p++] = c;
  }

  /** Hands on what is written and starts a new buffer (the sink may hold on to the old one). */
  private flush(): void {
    this.sink(this.out.subarray(0, this.p));
    this.out = Buffer.allocUnsafe(CHUNK);
    this.p = 0;
  }

  private bytes(from: Uint8Array, start: number, end: number): void {
    const n = end - start;
    if (this.p + n > this.out.length) {
      this.flush();
      if (n > this.out.length) return this.sink(from.subarray(start, end));
    }
    if (n < 32) {
      const out = this.out;
      let p = this.p;
      for (let k = start; k < end; k++) out[p++] = from[k];
      this.p = p;
    } else {
      this.out.set(from.subarray(start, end), this.p);
      this.p += n;
    }
  }

  private newline(depth: number): void {
    let s = this.newlines[depth];
    if (s === undefined) s = this.newlines[depth] = Buffer.from('\n' + ' '.repeat(this.indent + 4 * depth));
    this.bytes(s, 0, s.length);
  }

  /** Copies a string that needs no escaping as it is; others are decoded and escaped as Python escapes them. */
  private string(i: number): number {
    const b = this.b;
    let k = i + 1;
    let c = b[k];
    while (c !== QUOTE && c !== BACKSLASH) c = b[++k];
    if (c === QUOTE) {
      this.bytes(b, i, k + 1);
      return k + 1;
    }
    while (b[k] !== QUOTE) k += b[k] === BACKSLASH ? 2 : 1;
    const printed = Buffer.from(jsonString(JSON.parse(b.toString('utf8', i, k + 1)) as string), 'utf8');
    this.bytes(printed, 0, printed.length);
    return k + 1;
  }

  /**
   * An integer prints as it is written (but `-0` as 0). A float prints as Python's repr() of its
   * value, which is the token itself when it has at most 15 significant digits, no exponent, no
   * trailing zero and a size from 1e-4 (repr's plain-decimal range): most floats in real data.
   */
  private number(i: number): number {
    const b = this.b;
    let k = b[i] === MINUS ? i + 1 : i;
    const intStart = k;
    let c = b[k];
    while (c >= ZERO && c <= 57) c = b[++k];
    const intEnd = k;
    if (c !== DOT && c !== 101 && c !== 69) {
      if (intEnd - intStart === 1 && b[intStart] === ZERO) this.byte(ZERO); // 0 and -0
      else this.bytes(b, i, k);
      return k;
    }
    let plain = c === DOT;
    if (plain) {
      c = b[++k];
      while (c >= ZERO && c <= 57) c = b[++k];
      plain = c !== 101 && c !== 69 && b[k - 1] !== ZERO && this.shortDecimal(intStart, intEnd, k);
    }
    if (plain) {
      this.bytes(b, i, k);
      return k;
    }
    if (c === 101 || c === 69) {
      c = b[++k];
      if (c === 43 || c === MINUS) c = b[++k];
      while (c >= ZERO && c <= 57) c = b[++k];
    }
    let token = '';
    for (let x = i; x < k; x++) token += String.fromCharCode(b[x]);
    const printed = jsonNumber(numberValue(token, true) as JsonNumber);
    for (let x = 0; x < printed.length; x++) this.byte(printed.charCodeAt(x));
    return k;
  }

  /** Whether the decimal `int.fraction` (fraction up to `end`) has at most 15 significant digits and is 0 or at least 1e-4. */
  private shortDecimal(intStart: number, intEnd: number, end: number): boolean {
    const b = this.b;
    const fractionStart = intEnd + 1;
    if (b[intStart] !== ZERO) return intEnd - intStart + (end - fractionStart) <= 15;
    let z = fractionStart;
    while (z < end && b[z] === ZERO) z++;
    return z - fractionStart <= 3 && end - z <= 15;
  }
}
