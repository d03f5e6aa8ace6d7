// Reads only the parts of a JSON document that an expression can observe (demand.ts), exactly,
// straight from its UTF-8 bytes, and checks the rest is valid JSON (and valid UTF-8) without
// building or even decoding it: `Items[-1]` on a 100 MB document builds one item, `length(Items)`
// none. Anything invalid throws InvalidJson; the caller then reads the whole text with the full
// reader, which says where and why.
import { JsonValue, PlainObject, Verbatim, builtObject, makeFloat, setMember } from '../json/values';
import { numberValue, parseJson } from '../json/parse';
import { ALL, Demand, Narrowing, PRINT, Partial, merge } from './demand';

export class InvalidJson extends Error {
  constructor() {
    super('Invalid JSON (the full reader reports where).');
  }
}

const QUOTE = 34, BACKSLASH = 92, COMMA = 44, COLON = 58, MINUS = 45, DOT = 46;
const LBRACKET = 91, RBRACKET = 93, LBRACE = 123, RBRACE = 125;

/** Applies a list's one consumer to the elements read so far (Partial.narrow); returns those to keep. */
export type Narrower = (how: Narrowing, elements: JsonValue[]) => JsonValue[];

/** Elements read before a list is narrowed (and narrowed again). */
const NARROW_EVERY = 512;

/**
 * The document with only `demand` read; undemanded values are null placeholders or left out.
 * With `narrower`, lists with a single consumer keep only what it keeps (Partial.narrow).
 */
export function readPartially(bytes: Uint8Array, demand: Demand, narrower?: Narrower): JsonValue {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const r = new PartialReader(buf, narrower);
  const bom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
  const start = r.ws(bom ? 3 : 0);
  if (start >= buf.length) throw new InvalidJson();
  const value = r.value(start, demand);
  if (r.ws(r.pos) !== buf.length) throw new InvalidJson();
  return value;
}

class PartialReader {
  /** Just past the value read last. */
  pos = 0;
  /** What the string skipped last held: an escape, a byte beyond ASCII. */
  private escaped = false;
  private wide = false;
  /** Whether a `\uD800`-`\uDFFF` escape was skipped since this was last reset. */
  private surrogateEscape = false;
  /** Checks the keys skip() passes, while a printed value is skipped. */
  private keys: KeyCheck | undefined;
  /** Demanded names with their UTF-8 bytes, to match keys without decoding them. */
  private readonly names = new WeakMap<Map<string, Demand>, { name: string; bytes: Buffer }[]>();

  /** The bytes as 32-bit words, when they start at a multiple of four (ws() reads spaces four at a time). */
  private readonly words: Uint32Array | undefined;

  constructor(private readonly b: Buffer, private readonly narrower?: Narrower) {
    this.words = b.byteOffset % 4 === 0 ? new Uint32Array(b.buffer, b.byteOffset, b.length >>> 2) : undefined;
  }

  value(i: number, d: Demand): JsonValue {
    if (d === undefined) {
      this.pos = this.skip(i);
      return null;
    }
    if (d === PRINT) return this.printed(i);
    const c = this.b[i];
    if (c === LBRACKET && d !== ALL) return this.array(i, d);
    if (c === LBRACE && d !== ALL) return this.object(i, d);
    return this.whole(i);
  }

  /**
   * A value that is only printed: a container stays bytes (Verbatim) when it prints as it reads
   * (no duplicate key, whose last value Python prints at the first one's place; no escaped key; no
   * escaped surrogate, which Python prints as it is) and is not too deep for the printer.
   */
  private printed(i: number): JsonValue {
    const b = this.b;
    const c = b[i];
    if (c !== LBRACKET && c !== LBRACE) return this.whole(i);
    const inner = this.ws(i + 1);
    if (b[inner] === c + 2) return this.whole(i); // [] and {} (the CLI prints nothing for {})
    this.keys = new KeyCheck(b);
    this.surrogateEscape = false;
    try {
      const end = this.skip(i);
      this.pos = end;
      if (this.keys.ok && !this.surrogateEscape) return new Verbatim(b, i, end) as unknown as JsonValue; // stands for the container
    } finally {
      this.keys = undefined;
      this.surrogateEscape = false;
    }
    return this.whole(i);
  }

  /** The value at `i`, exactly as the full reader reads it. */
  private whole(i: number): JsonValue {
    const b = this.b;
    const c = b[i];
    if (c === QUOTE) return this.string(i);
    if (c === MINUS || (c >= 48 && c <= 57)) {
      const end = this.skipNumber(i);
      this.pos = end;
      return this.numberAt(i, end);
    }
    const end = this.skip(i);
    this.pos = end;
    if (c === 116) return true;
    if (c === 102) return false;
    if (c === 110) return null;
    return parseJson(b.toString('utf8', i, end)).value; // a container
  }

  /**
   * The value of the valid number token [i, end). Short tokens need no string: up to 15 significant
   * digits and a power of ten up to 22 make both factors exact doubles, so one multiplication or
   * division rounds correctly, as Number() does (Clinger's fast path).
   */
  private numberAt(i: number, end: number): JsonValue {
    const b = this.b;
    const negative = b[i] === MINUS;
    let k = negative ? i + 1 : i;
    let m = 0;
    let digits = 0;
    let scale = 0; // digits after the point
    let isFloat = false;
    for (; k < end; k++) {
      const d = b[k];
      if (d === DOT) {
        isFloat = true;
        continue;
      }
      if (d < 48 || d > 57) break;
      m = m * 10 + (d - 48);
      if (m !== 0 || isFloat) digits++;
      if (isFloat) scale++;
    }
    if (k === end && digits <= 15) {
      if (!isFloat) return negative ? 0 - m || 0 : m; // `-0` is the integer 0
      if (scale <= 22) return makeFloat(negative ? -(m / POWERS_OF_TEN[scale]) : m / POWERS_OF_TEN[scale]);
    }
    let exponent = false;
    for (let x = i; x < end; x++) if (b[x] === 101 || b[x] === 69) exponent = true;
    return numberValue(b.toString('latin1', i, end), isFloat || exponent);
  }

  private string(i: number): string {
    const end = this.skipString(i);
    this.pos = end;
    if (!this.escaped && !this.wide) return this.b.toString('latin1', i + 1, end - 1);
    return JSON.parse(this.b.toString('utf8', i, end)) as string; // escapes decode as the full reader does
  }

  /**
   * A list: its elements as demanded, placeholders (null) for the rest. When no element is
   * demanded as such, only indexed ones are read, and negative indices from the offsets of the
   * last few elements: `Items[-1]` on a million items keeps one offset, not a million.
   */
  private array(i: number, d: Partial): JsonValue[] {
    const b = this.b;
    const { elements, at } = d;
    let keep = 0; // how far from the end a negative index reaches
    if (at) for (const k of at.keys()) if (k < 0 && -k > keep) keep = -k;
    // (grown as elements come: `Items[-9007199254740993]` reaches further than any list is long)
    const ring: number[] | undefined = keep > 0 ? [] : undefined;
    let out: JsonValue[] = [];
    const narrow = this.narrower && d.narrow;
    let narrowAt = NARROW_EVERY;
    let count = 0;
    let j = this.ws(i + 1);
    if (b[j] !== RBRACKET) {
      for (;; count++) {
        if (ring) ring[count % keep] = j;
        const own = at ? merge(elements, at.get(count)) : elements;
        if (own === undefined) { // then no element is demanded as such: placeholders come at the end
          j = this.skip(j);
        } else if (narrow?.filter && own !== narrow.test) {
          // what the condition needs first; the whole element only if it passes
          const probe = this.value(j, narrow.test);
          const end = this.pos;
          if (this.narrower!(narrow, [probe]).length > 0) out.push(this.value(j, own));
          j = end;
        } else {
          if (elements === undefined) while (out.length < count) out.push(null);
          out.push(this.value(j, own));
          j = this.pos;
          if (narrow && out.length >= narrowAt) {
            out = this.narrower!(narrow, out);
            narrowAt = out.length + NARROW_EVERY;
          }
        }
        j = this.ws(j);
        const c = b[j];
        if (c === COMMA) {
          j = this.ws(j + 1);
          continue;
        }
        if (c !== RBRACKET) throw new InvalidJson();
        count++;
        break;
      }
    }
    if (narrow) {
      this.pos = j + 1;
      return out.length > 0 ? this.narrower!(narrow, out) : out;
    }
    if (out.length < count) {
      const read = out.length;
      out.length = count;
      out.fill(null, read);
    }
    if (ring) {
      for (const [k, own] of at!) {
        const index = k + count;
        if (k < 0 && index >= 0) out[index] = this.value(ring[index % keep], merge(merge(elements, at!.get(index)), own));
      }
    }
    this.pos = j + 1; // (reading from the end moved it)
    return out;
  }

  private object(i: number, d: Partial): JsonValue {
    const b = this.b;
    const o: PlainObject = {};
    let ordered: Map<string, JsonValue> | undefined; // once a key needs order (setMember)
    const { fields, members } = d;
    const everyKey = d.size === true || members !== undefined;
    let built = 0;
    let firstKey = -1;
    let j = this.ws(i + 1);
    if (b[j] === RBRACE) {
      this.pos = j + 1;
      return o;
    }
    for (;;) {
      if (b[j] !== QUOTE) throw new InvalidJson();
      if (firstKey < 0) firstKey = j;
      let key: string | undefined;
      if (everyKey) {
        key = this.string(j);
      } else {
        const keyEnd = this.skipString(j);
        if (this.escaped) key = this.string(j);
        else if (fields) key = this.fieldAt(j, keyEnd, fields);
        this.pos = keyEnd;
        if (key !== undefined && !fields?.has(key)) key = undefined;
      }
      j = this.ws(this.pos);
      if (b[j] !== COLON) throw new InvalidJson();
      j = this.ws(j + 1);
      const own = key === undefined ? undefined : merge(fields?.get(key), members);
      if (own === undefined) {
        j = this.skip(j);
        if (key !== undefined) ordered = setMember(o, ordered, key, null);
      } else {
        ordered = setMember(o, ordered, key!, this.value(j, own));
        j = this.pos;
      }
      if (key !== undefined) built++;
      j = this.ws(j);
      const c = b[j];
      if (c === COMMA) {
        j = this.ws(j + 1);
        continue;
      }
      if (c !== RBRACE) throw new InvalidJson();
      j++;
      break;
    }
    // not empty, though no member was asked for by name: one placeholder says so
    if (built === 0 && d.present) ordered = setMember(o, ordered, this.string(firstKey), null);
    this.pos = j;
    return builtObject(o, ordered);
  }

  /** The demanded name the unescaped key at `start` spells, if any (no string is built for others). */
  private fieldAt(start: number, end: number, fields: Map<string, Demand>): string | undefined {
    const b = this.b;
    const length = end - start - 2;
    let names = this.names.get(fields);
    if (!names) this.names.set(fields, (names = [...fields.keys()].map((name) => ({ name, bytes: Buffer.from(name, 'utf8') }))));
    for (let n = 0; n < names.length; n++) {
      const bytes = names[n].bytes;
      if (bytes.length !== length) continue;
      let k = 0;
      while (k < length && b[start + 1 + k] === bytes[k]) k++;
      if (k === length) return names[n].name;
    }
    return undefined;
  }

  /** Validates the string at `i` (escapes, control characters, UTF-8) and returns the offset just past it. */
  private skipString(i: number): number {
    const b = this.b;
    const n = b.length;
    this.escaped = false;
    this.wide = false;
    let k = i + 1;
    for (;;) {
      while (k < n && PLAIN_IN_STRING[b[k]] === 1) k++;
      if (k >= n) throw new InvalidJson();
      const c = b[k];
      if (c === QUOTE) return k + 1;
      if (c === BACKSLASH) {
        this.escaped = true;
        const e = b[k + 1];
        if (e === 117 /* u */) {
          for (let h = k + 2; h < k + 6; h++) if (!isHex(b[h])) throw new InvalidJson();
          if ((b[k + 2] | 0x20) === 100 /* d */ && b[k + 3] >= 56 /* 8 */) this.surrogateEscape = true;
          k += 6;
        } else if (e === QUOTE || e === BACKSLASH || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116) {
          k += 2;
        } else {
          throw new InvalidJson();
        }
        continue;
      }
      if (c < 0x20) throw new InvalidJson();
      this.wide = true;
      k = this.skipUtf8(k);
    }
  }

  /** Validates one multi-byte UTF-8 sequence (RFC 3629: no overlong forms, surrogates or values past U+10FFFF). */
  private skipUtf8(k: number): number {
    const b = this.b;
    const c = b[k];
    let extra: number;
    let lo = 0x80, hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) extra = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      extra = 2;
      if (c === 0xe0) lo = 0xa0;
      else if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      extra = 3;
      if (c === 0xf0) lo = 0x90;
      else if (c === 0xf4) hi = 0x8f;
    } else {
      throw new InvalidJson();
    }
    const second = b[k + 1];
    if (!(second >= lo && second <= hi)) throw new InvalidJson();
    for (let m = 2; m <= extra; m++) {
      const x = b[k + m];
      if (!(x >= 0x80 && x <= 0xbf)) throw new InvalidJson();
    }
    return k + extra + 1;
  }

  /** Validates the value at `i` without building it; returns the offset just past it. */
  private skip(i: number): number {
    const b = this.b;
    const c = b[i];
    if (c === QUOTE) return this.skipString(i);
    if (c === MINUS || (c >= 48 && c <= 57)) return this.skipNumber(i);
    if (c === LBRACE || c === LBRACKET) return this.skipContainer(i);
    return this.skipLiteral(i);
  }

  /** Open containers while skipping, innermost last: 1 for an object (reused: skipping does not nest). */
  private open = new Uint8Array(64);

  private skipContainer(i: number): number {
    const b = this.b;
    let open = this.open;
    let depth = 0;
    for (;;) {
      // a value starts at i
      const c = b[i];
      if (c === LBRACE || c === LBRACKET) {
        i = this.ws(i + 1);
        if (b[i] === c + 2) { // `}` closes `{`, `]` closes `[`
          i++;
        } else {
          if (depth === open.length) {
            const grown = new Uint8Array(depth * 2);
            grown.set(open);
            this.open = open = grown;
          }
          open[depth++] = c === LBRACE ? 1 : 0;
          this.keys?.open(depth, c === LBRACE);
          if (c === LBRACE) i = this.skipKey(i, depth);
          continue;
        }
      } else if (c === QUOTE) {
        i = this.skipString(i);
      } else if (c === MINUS || (c >= 48 && c <= 57)) {
        i = this.skipNumber(i);
      } else {
        i = this.skipLiteral(i);
      }
      // after a value: close what ends here, or move to the next member
      for (;;) {
        if (depth === 0) return i;
        i = this.ws(i);
        const d = b[i];
        const inObject = open[depth - 1] === 1;
        if (d === COMMA) {
          i = this.ws(i + 1);
          if (inObject) i = this.skipKey(i, depth);
          break;
        }
        if (d !== (inObject ? RBRACE : RBRACKET)) throw new InvalidJson();
        depth--;
        i++;
      }
    }
  }

  /** true, false, null; anything else here is not JSON. */
  private skipLiteral(i: number): number {
    const b = this.b;
    const c = b[i];
    if (c === 116 && b[i + 1] === 114 && b[i + 2] === 117 && b[i + 3] === 101) return i + 4;
    if (c === 102 && b[i + 1] === 97 && b[i + 2] === 108 && b[i + 3] === 115 && b[i + 4] === 101) return i + 5;
    if (c === 110 && b[i + 1] === 117 && b[i + 2] === 108 && b[i + 3] === 108) return i + 4;
    throw new InvalidJson();
  }

  /** Skips `"key" :` and the whitespace after it; `depth`: of the object, for the key check. */
  private skipKey(i: number, depth: number): number {
    if (this.b[i] !== QUOTE) throw new InvalidJson();
    const start = i;
    i = this.skipString(i);
    if (this.keys?.ok) this.keys.key(start, i, this.escaped, depth);
    i = this.ws(i);
    if (this.b[i] !== COLON) throw new InvalidJson();
    return this.ws(i + 1);
  }

  private skipNumber(i: number): number {
    const b = this.b;
    if (b[i] === MINUS) i++;
    let c = b[i];
    if (c === 48) {
      i++;
    } else if (c >= 49 && c <= 57) {
      do c = b[++i]; while (c >= 48 && c <= 57);
    } else {
      throw new InvalidJson();
    }
    if (b[i] === DOT) {
      const start = ++i;
      while ((c = b[i]) >= 48 && c <= 57) i++;
      if (i === start) throw new InvalidJson();
    }
    c = b[i];
    if (c === 101 || c === 69) {
      c = b[++i];
      if (c === 43 || c === MINUS) i++;
      const start = i;
      while ((c = b[i]) >= 48 && c <= 57) i++;
      if (i === start) throw new InvalidJson();
    }
    return i;
  }

  ws(i: number): number {
    const b = this.b;
    let c = b[i];
    if (c === 10 && this.words !== undefined) return this.indentation(i + 1);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = b[++i];
    return i;
  }

  /** Whitespace after a line break: indentation (half the bytes of a pretty-printed document), four spaces a step once aligned. */
  private indentation(i: number): number {
    const b = this.b;
    const words = this.words!;
    while ((i & 3) !== 0 && b[i] === 32) i++;
    if ((i & 3) === 0) {
      let w = i >>> 2;
      while (words[w] === FOUR_SPACES) w++;
      i = w << 2;
    }
    let c = b[i];
    while (c === 32 || c === 10 || c === 13 || c === 9) c = b[++i];
    return i;
  }
}

const FOUR_SPACES = 0x20202020;

/** Bytes a string holds as they are: ASCII but control characters, the quote and the backslash. */
const PLAIN_IN_STRING = new Uint8Array(256).map((_, c) => (c >= 0x20 && c < 0x80 && c !== QUOTE && c !== BACKSLASH ? 1 : 0));

const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** The deepest printed value the printer takes as bytes (deeper ones are built, and fail as built values do). */
const MAX_PRINTED_DEPTH = 1000;

/**
 * Duplicate and escaped keys in the objects of a value being skipped, by nesting depth: keys are
 * compared by a hash of their bytes, and by the bytes when two hashes meet.
 */
class KeyCheck {
  ok = true;
  /** By depth: the current object's key hashes and [start, end) offsets, two numbers a key. */
  private readonly hashes: number[][] = [];
  private readonly spans: number[][] = [];
  /** By depth: a map from hash to key index, once an object has many keys. */
  private readonly indexes: (Map<number, number> | undefined)[] = [];

  constructor(private readonly b: Uint8Array) {}

  /** A container opens at `depth` (the skip stack's height): an object's keys start afresh. */
  open(depth: number, isObject: boolean): void {
    if (depth > MAX_PRINTED_DEPTH) this.ok = false;
    if (!this.ok || !isObject) return;
    (this.hashes[depth] ??= []).length = 0;
    (this.spans[depth] ??= []).length = 0;
    this.indexes[depth] = undefined;
  }

  /** The quoted key [start, end) of the object open at `depth`. */
  key(start: number, end: number, escaped: boolean, depth: number): void {
    if (escaped) {
      this.ok = false;
      return;
    }
    const b = this.b;
    let h = 0x811c9dc5;
    for (let k = start + 1; k < end - 1; k++) h = Math.imul(h ^ b[k], 16777619);
    const hashes = this.hashes[depth];
    const spans = this.spans[depth];
    let index = this.indexes[depth];
    if (index === undefined && hashes.length >= 32) {
      index = this.indexes[depth] = new Map();
      for (let n = 0; n < hashes.length; n++) index.set(hashes[n], n);
    }
    if (index !== undefined) {
      const seen = index.get(h);
      if (seen !== undefined) this.ok = false; // the same key, or a collision: either way, built
      else index.set(h, hashes.length);
    } else {
      for (let n = 0; n < hashes.length; n++) {
        if (hashes[n] === h && this.same(spans[2 * n], spans[2 * n + 1], start, end)) {
          this.ok = false;
          return;
        }
      }
    }
    hashes.push(h);
    spans.push(start, end);
  }

  private same(s1: number, e1: number, s2: number, e2: number): boolean {
    if (e1 - s1 !== e2 - s2) return false;
    for (let k = 0; k < e1 - s1; k++) if (this.b[s1 + k] !== this.b[s2 + k]) return false;
    return true;
  }
}
