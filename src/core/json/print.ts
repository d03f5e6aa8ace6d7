// Writes values as Python writes them: json.dumps (what `aws --output json` prints) and repr()
// (what jmespath.py puts in its error messages).
import { JsonValue, PyFloat, checkExact, integerWrites, isObject, objectEntries } from './values';

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

function jsonNumber(v: number | bigint | PyFloat): string {
  if (typeof v === 'bigint') return v.toString();
  const n = v instanceof PyFloat ? v.value : v;
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  if (v instanceof PyFloat || !Number.isInteger(n)) return pyFloatRepr(n);
  checkExact(n);
  integerWrites.count++;
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
  const parts: string[] = [];
  write(value, compact ? undefined : '\n', parts, compact);
  return parts.join('');
}

function write(v: JsonValue, newline: string | undefined, out: string[], ascii: boolean): void {
  if (v === null) { out.push('null'); return; }
  switch (typeof v) {
    case 'string': out.push(jsonString(v, ascii)); return;
    case 'boolean': out.push(v ? 'true' : 'false'); return;
    case 'number': case 'bigint': out.push(jsonNumber(v)); return;
  }
  if (v instanceof PyFloat) { out.push(jsonNumber(v)); return; }
  const inner = newline === undefined ? undefined : newline + '    ';
  const sep = inner === undefined ? ',' : ',' + inner;
  if (Array.isArray(v)) {
    if (v.length === 0) { out.push('[]'); return; }
    out.push(inner === undefined ? '[' : '[' + inner);
    for (let i = 0; i < v.length; i++) {
      if (i > 0) out.push(sep);
      write(v[i], inner, out, ascii);
    }
    out.push(newline === undefined ? ']' : newline + ']');
    return;
  }
  const entries = objectEntries(v);
  if (entries.length === 0) { out.push('{}'); return; }
  out.push(inner === undefined ? '{' : '{' + inner);
  const colon = inner === undefined ? ':' : ': ';
  for (let i = 0; i < entries.length; i++) {
    if (i > 0) out.push(sep);
    out.push(jsonString(entries[i][0], ascii), colon);
    write(entries[i][1], inner, out, ascii);
  }
  out.push(newline === undefined ? '}' : newline + '}');
}

/** Python's repr() of a value, as jmespath.py's messages show it ('abc', True, None, {'a': 1}). */
export function pyRepr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'string') return pyStrRepr(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return Number.isInteger(v) ? jsonNumber(v) : pyFloatRepr(v);
  if (v instanceof PyFloat) return pyFloatRepr(v.value);
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`;
  if (isObject(v)) return `{${objectEntries(v).map(([k, x]) => `${pyStrRepr(k)}: ${pyRepr(x)}`).join(', ')}}`;
  return '<jmespath.visitor._Expression object>';
}

/** Python's str(): like repr() except that a string is itself. */
export function pyStr(v: unknown): string {
  return typeof v === 'string' ? v : pyRepr(v);
}

// Python's str.isprintable() is false for these categories (other, separators) except the space
const NOT_PRINTABLE = /^[\p{C}\p{Z}]$/u;

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
