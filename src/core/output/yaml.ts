// `--output yaml` and `--output yaml-stream` as AWS CLI v2 prints them. v2's formatter prints a
// bare scalar (string, number, boolean, null) as compact JSON and anything else with ruamel.yaml's
// safe dumper: ruamel's representer (keys sorted, a repeated object becomes &id001/*id001, YAML
// 1.2 resolution decides which strings need quotes) and, through ruamel.yaml.clib, libyaml's
// emitter (block style, 2-space indent, sequences not indented under keys, 80-column folding,
// characters outside the BMP escaped). yaml-stream prints the result as a one-item list. This is
// our own emitter following the same rules, checked against v2 2.9.19 (ruamel.yaml 0.17.21 with
// ruamel.yaml.clib 0.2.7).
import { jsonString, pyFloatRepr } from '../json/print';
import { SortedKeys, spaces, utf8EncodeError } from './python';
import { JsonValue, NotAnObject, PyFloat, checkExact, getField, isObject, objectEntries, objectKeys } from '../json/values';

/** What `aws ... --output yaml` prints for a result ('' for `{}`, as the CLI prints nothing). */
export function formatYaml(value: JsonValue): string {
  if (isObject(value) && objectEntries(value).length === 0) return '';
  if (!Array.isArray(value) && !isObject(value)) return jsonScalar(value) + '\n';
  return dumpDocument(value);
}

/** What `aws ... --output yaml-stream` prints for an unpaginated result (one list item per response). */
export function formatYamlStream(value: JsonValue): string {
  if (isObject(value) && objectEntries(value).length === 0) return '';
  return dumpDocument([value]);
}

function jsonScalar(v: JsonValue): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return jsonString(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') checkExact(v);
  const n = v instanceof PyFloat ? v.value : (v as number);
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  return v instanceof PyFloat || !Number.isInteger(n) ? pyFloatRepr(n) : intText(n);
}

// ---- resolution: a plain scalar that YAML 1.2 would read as something else must be quoted

const RESOLVERS: [string, RegExp][] = [
  ['bool', /^(?:true|True|TRUE|false|False|FALSE)$/],
  ['float', /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)|[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/],
  ['int', /^(?:[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+)$/],
  ['merge', /^(?:<<)$/],
  ['null', /^(?:~|null|Null|NULL|)$/],
  ['timestamp', /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/],
  ['value', /^(?:=)$/],
  ['yaml', /^(?:!|&|\*)$/],
];
// each resolver is tried only for values starting with one of its first characters
const FIRST_CHARS: Record<string, string> = {
  bool: 'tTfF', float: '-+0123456789.', int: '-+0123456789', merge: '<', null: '~nN', timestamp: '0123456789', value: '=', yaml: '!&*',
};

/** The resolvers to try for a value by its first character (each starts with an ASCII one). */
const RESOLVERS_BY_FIRST: [string, RegExp][][] = Array.from({ length: 128 }, (_, c) =>
  RESOLVERS.filter(([tag]) => FIRST_CHARS[tag].includes(String.fromCharCode(c))));

function resolvedTag(value: string): string {
  if (value === '') return 'null';
  const c = value.charCodeAt(0);
  if (c < 128) for (const [tag, re] of RESOLVERS_BY_FIRST[c]) if (re.test(value)) return tag;
  return 'str';
}

// ---- scalar analysis (libyaml's rules: which styles can carry the text)
//
// libyaml reads code points; reading UTF-16 units instead decides the same: the half of a
// surrogate pair is neither an indicator, a blank nor printable, as the code point is not. A
// scalar written plain or single-quoted is therefore BMP text, one unit per column.

const EMPTY = 1, MULTILINE = 2, FLOW_PLAIN = 4, BLOCK_PLAIN = 8, SINGLE_QUOTED = 16;

const SPACE = 0x20, TAB = 0x09, LF = 0x0a, CR = 0x0d, NEL = 0x85, LS = 0x2028, PS = 0x2029;
const QUOTE = 0x27, DOUBLE_QUOTE = 0x22, BACKSLASH = 0x5c;
const isBreak = (c: number): boolean => c === LF || c === CR || c === NEL || c === LS || c === PS;
/** A blank, a break, NUL, or (NaN) past the end. */
const isBlankz = (c: number): boolean => c === SPACE || c === TAB || c === 0 || isBreak(c) || c !== c;

/** Indicators by character: a flow and block indicator first in a scalar, and a flow indicator anywhere else. */
const FIRST_INDICATOR = 1, FLOW_INDICATOR = 2;
const INDICATORS = new Uint8Array(128);
for (const ch of '#,[]{}&*!|>\'"%@`') INDICATORS[ch.charCodeAt(0)] |= FIRST_INDICATOR;
for (const ch of ',?[]{}') INDICATORS[ch.charCodeAt(0)] |= FLOW_INDICATOR;

/** libyaml's printable set (with unicode allowed): no C0 controls but LF, no NEL, nothing outside the BMP. */
function isPrintable(c: number): boolean {
  return c === 0x0a || (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff);
}

/** Which styles can carry the text, as flags. */
function analyze(s: string): number {
  const n = s.length;
  if (n === 0) return EMPTY | BLOCK_PLAIN | SINGLE_QUOTED;
  let blockIndicators = false;
  let flowIndicators = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  if (s.startsWith('---') || s.startsWith('...')) blockIndicators = flowIndicators = true;
  let precededByWhitespace = true;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    const indicator = c < 128 ? INDICATORS[c] : 0;
    if (i === 0) {
      if (indicator & FIRST_INDICATOR) flowIndicators = blockIndicators = true;
      if (c === 0x3f /* ? */ || c === 0x3a /* : */) {
        flowIndicators = true;
        if (isBlankz(s.charCodeAt(1))) blockIndicators = true;
      }
      if (c === 0x2d /* - */ && isBlankz(s.charCodeAt(1))) flowIndicators = blockIndicators = true;
    } else {
      if (indicator & FLOW_INDICATOR) flowIndicators = true;
      if (c === 0x3a /* : */) {
        flowIndicators = true;
        if (isBlankz(s.charCodeAt(i + 1))) blockIndicators = true;
      }
      if (c === 0x23 /* # */ && precededByWhitespace) flowIndicators = blockIndicators = true;
    }
    if (!isPrintable(c)) special = true;
    if (c === SPACE) {
      if (i === 0) leadingSpace = true;
      if (i === n - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === n - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = previousBreak = false;
    }
    precededByWhitespace = isBlankz(c);
  }
  let flowPlain = true;
  let blockPlain = true;
  let singleQuoted = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) flowPlain = blockPlain = false;
  if (breakSpace || spaceBreak || special) flowPlain = blockPlain = singleQuoted = false;
  if (lineBreaks) flowPlain = blockPlain = false;
  if (flowIndicators) flowPlain = false;
  if (blockIndicators) blockPlain = false;
  return (lineBreaks ? MULTILINE : 0) | (flowPlain ? FLOW_PLAIN : 0) | (blockPlain ? BLOCK_PLAIN : 0) | (singleQuoted ? SINGLE_QUOTED : 0);
}

// ---- emitting (libyaml's emitter in block style: the state machine unrolled into recursion)

const BEST_WIDTH = 80;
const INDENT = 2;
const ESCAPES: Record<number, string> = {
  0x00: '0', 0x07: 'a', 0x08: 'b', 0x09: 't', 0x0a: 'n', 0x0b: 'v', 0x0c: 'f', 0x0d: 'r', 0x1b: 'e',
  0x22: '"', 0x5c: '\\', 0x85: 'N', 0xa0: '_', 0x2028: 'L', 0x2029: 'P',
};

function escapeOf(c: number): string {
  const hex = c.toString(16).toUpperCase();
  return '\\' + (ESCAPES[c] ?? (c <= 0xff ? `x${hex.padStart(2, '0')}` : c <= 0xffff ? `u${hex.padStart(4, '0')}` : `U${hex.padStart(8, '0')}`));
}

type Tag = 'str' | 'int' | 'float' | 'bool' | 'null';
const PLAIN = 0, SINGLE = 1, DOUBLE = 2;

/** An anchor (&id001), once the list or object it names is met a second time. */
interface Anchor { name: string; serialized: boolean }

function dumpDocument(value: JsonValue): string {
  const sortedKeys = new SortedKeys();
  const emitter = new Emitter(anchorsOf(value, sortedKeys), sortedKeys);
  emitter.node(value, false);
  emitter.writeIndent(); // document end
  return emitter.text();
}

type Obj = Exclude<JsonValue, null | boolean | string | number | bigint | PyFloat | JsonValue[]>;

const isContainer = (v: JsonValue): v is JsonValue[] | Obj => typeof v === 'object' && v !== null && !(v instanceof NotAnObject);

/**
 * Lists and objects met twice get anchors id001, id002... numbered as a walk in document order
 * meets them the second time. (Only results that repeat one, `[Items[0], Items[0]]`, have any:
 * an unordered walk finds out first.)
 */
function anchorsOf(root: JsonValue, sortedKeys: SortedKeys): Map<object, Anchor> {
  const anchors = new Map<object, Anchor>();
  if (!repeatsAContainer(root)) return anchors;
  const seen = new Set<object>();
  const stack: JsonValue[] = [root];
  // depth-first in document order (an explicit stack keeps deep documents off the call stack)
  while (stack.length > 0) {
    const v = stack.pop()!;
    if (!isContainer(v)) continue;
    if (seen.has(v)) {
      if (!anchors.has(v)) anchors.set(v, { name: `id${String(anchors.size + 1).padStart(3, '0')}`, serialized: false });
      continue;
    }
    seen.add(v);
    if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
    else {
      const keys = sortedKeys.of(v);
      for (let i = keys.length - 1; i >= 0; i--) stack.push(getField(v, keys[i]));
    }
  }
  return anchors;
}

function repeatsAContainer(root: JsonValue): boolean {
  const seen = new Set<object>();
  const stack: JsonValue[] = [root];
  while (stack.length > 0) {
    const v = stack.pop()!;
    if (!isContainer(v)) continue;
    if (seen.has(v)) return true;
    seen.add(v);
    if (Array.isArray(v)) for (let i = 0; i < v.length; i++) stack.push(v[i]);
    else for (const key of objectKeys(v)) stack.push(getField(v, key));
  }
  return false;
}

/** '\n' and `n` spaces. */
const NEWLINE_INDENTS: string[] = [];
const newlineIndent = (n: number): string => (NEWLINE_INDENTS[n] ??= '\n' + ' '.repeat(n));

/** Keys up to this many UTF-16 units are at most 128 bytes of UTF-8 (a unit is at most 3). */
const SHORT_KEY = 42;

class Emitter {
  private parts: string[] = [];
  private readonly chunks: string[] = [];
  private column = 0;
  private whitespace = true;
  private indention = true;
  private indent = -1;
  /** A simple key's text with its ':' (a simple key never folds, so its text is the same wherever it is). */
  private readonly simpleKeys = new Map<string, string | null>();

  constructor(private readonly anchors: Map<object, Anchor>, private readonly sortedKeys: SortedKeys) {}

  text(): string {
    this.chunks.push(this.parts.join(''));
    return this.chunks.join('');
  }

  /** Writes text of BMP characters (one column each), no line break among them. */
  private add(s: string): void {
    if (this.parts.push(s) >= 8192) {
      this.chunks.push(this.parts.join(''));
      this.parts.length = 0;
    }
    this.column += s.length;
  }

  /** `mapping`: the value of a key (a list there is not indented under its key). */
  node(value: JsonValue, mapping: boolean): void {
    if (!isContainer(value)) {
      this.scalar(tagOf(value), scalarText(value), false);
      return;
    }
    const anchor = this.anchors.get(value);
    if (anchor !== undefined) {
      this.writeIndicator(anchor.serialized ? '*' : '&', true, false, false);
      this.writeAnchor(anchor.name);
      if (anchor.serialized) return; // (an alias is never a key here: keys are strings)
      anchor.serialized = true;
    }
    const saved = this.indent;
    if (Array.isArray(value)) {
      if (value.length === 0) {
        this.writeIndicator('[', true, true, false);
        this.writeIndicator(']', false, false, false);
        return;
      }
      if (saved < 0) this.indent = 0;
      else if (!(mapping && !this.indention)) this.indent += INDENT;
      for (let i = 0; i < value.length; i++) {
        this.writeIndent();
        this.writeIndicator('-', true, false, true);
        this.node(value[i], false);
      }
    } else {
      const keys = this.sortedKeys.of(value);
      if (keys.length === 0) {
        this.writeIndicator('{', true, true, false);
        this.writeIndicator('}', false, false, false);
        return;
      }
      this.indent = saved < 0 ? 0 : saved + INDENT;
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i];
        this.writeIndent();
        const simple = this.simpleKey(key);
        if (simple !== null) {
          this.add(simple);
          this.whitespace = false;
          this.indention = false;
        } else {
          this.writeIndicator('?', true, false, true);
          this.scalar('str', key, false);
          this.writeIndent();
          this.writeIndicator(':', true, false, true);
        }
        this.node(getField(value, key), true);
      }
    }
    this.indent = saved;
  }

  /** The text of `key` and its ':' as a simple key (written just after an indent), or null when it must be a `? key` entry. */
  private simpleKey(key: string): string | null {
    let text = this.simpleKeys.get(key);
    if (text !== undefined) return text;
    text = null;
    if (!/[\n\r\x85\u2028\u2029]/.test(key) && (key.length <= SHORT_KEY || Buffer.byteLength(key, 'utf8') <= 128)) {
      // written aside (the caller writes it), in the state the caller is in: just after an indent
      const { parts, column } = this;
      this.parts = [];
      this.scalar('str', key, true);
      this.writeIndicator(':', false, false, false);
      text = this.parts.join('');
      this.parts = parts;
      this.column = column;
    }
    this.simpleKeys.set(key, text);
    return text;
  }

  private scalar(tag: Tag, text: string, simpleKey: boolean): void {
    // libyaml's emitter takes UTF-8: a lone surrogate fails the CLI (JSON prints it escaped)
    const unencodable = tag === 'str' ? utf8EncodeError(text) : undefined;
    if (unencodable) throw unencodable;
    const style = selectStyle(tag, text, analyze(text), simpleKey);
    const saved = this.indent;
    this.indent = saved < 0 ? INDENT : saved + INDENT;
    if (style === PLAIN) this.writePlain(text, !simpleKey);
    else if (style === SINGLE) this.writeSingleQuoted(text, !simpleKey);
    else this.writeDoubleQuoted(text, !simpleKey);
    this.indent = saved;
  }

  private putBreak(): void {
    this.add('\n');
    this.column = 0;
  }

  private writeIndicator(indicator: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.add(' ');
    this.add(indicator);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  private writeAnchor(anchor: string): void {
    this.add(anchor);
    this.whitespace = false;
    this.indention = false;
  }

  writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) {
      this.add(newlineIndent(indent));
      this.column = indent;
    } else if (this.column < indent) {
      this.add(spaces(indent - this.column));
    }
    this.whitespace = true;
    this.indention = true;
  }

  /** Plain text has no line breaks (analyze): only a space past the best width turns into one. */
  private writePlain(s: string, allowBreaks: boolean): void {
    if (!this.whitespace && s.length > 0) this.add(' ');
    let written = 0;
    if (allowBreaks && this.column + s.length - 1 > BEST_WIDTH) {
      for (let i = s.indexOf(' '); i !== -1; i = s.indexOf(' ', i + 1)) {
        const afterSpace = i > 0 && s.charCodeAt(i - 1) === SPACE;
        if (!afterSpace && this.column + (i - written) > BEST_WIDTH && s.charCodeAt(i + 1) !== SPACE) {
          if (i > written) this.add(s.slice(written, i));
          this.writeIndent();
          written = i + 1;
        }
      }
    }
    if (written < s.length) this.add(written === 0 ? s : s.slice(written));
    this.whitespace = false;
    this.indention = false;
  }

  /** Single-quoted text is BMP text without specials (analyze); written in runs between the characters that need more. */
  private writeSingleQuoted(s: string, allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    const n = s.length;
    let inSpaces = false;
    let breaks = false;
    let run = 0;
    const flush = (end: number): void => {
      if (end > run) this.add(s.slice(run, end));
      run = end;
    };
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c === SPACE) {
        if (allowBreaks && !inSpaces && this.column + (i - run) > BEST_WIDTH && i !== 0 && i !== n - 1 && s.charCodeAt(i + 1) !== SPACE) {
          flush(i);
          this.writeIndent();
          run = i + 1;
        }
        inSpaces = true;
      } else if (isBreak(c)) {
        flush(i);
        if (!breaks && c === LF) this.putBreak();
        this.add(s[i]);
        this.column = 0;
        run = i + 1;
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) {
          flush(i);
          this.writeIndent();
        }
        if (c === QUOTE) {
          flush(i);
          this.add("'"); // the quote itself stays in the run
        }
        this.indention = false;
        inSpaces = breaks = false;
      }
    }
    flush(n);
    if (breaks) this.writeIndent();
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeDoubleQuoted(s: string, allowBreaks: boolean): void {
    this.writeIndicator('"', true, false, false);
    const n = s.length;
    let inSpaces = false;
    let run = 0;
    const flush = (end: number): void => {
      if (end > run) this.add(s.slice(run, end));
      run = end;
    };
    for (let i = 0; i < n;) {
      const c = s.codePointAt(i)!;
      const units = c > 0xffff ? 2 : 1;
      if (!isPrintable(c) || isBreak(c) || c === DOUBLE_QUOTE || c === BACKSLASH) {
        flush(i);
        this.add(escapeOf(c));
        run = i + units;
        inSpaces = false;
      } else if (c === SPACE) {
        if (allowBreaks && !inSpaces && this.column + (i - run) > BEST_WIDTH && i !== 0 && i + units !== n) {
          flush(i);
          this.writeIndent();
          run = i + 1;
          if (s.charCodeAt(i + 1) === SPACE) this.add('\\');
        }
        inSpaces = true;
      } else {
        inSpaces = false;
      }
      i += units;
    }
    flush(n);
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }
}

/** The style libyaml picks for a scalar; a plain one must read back as the same type (YAML 1.2 resolution, ruamel's resolver). */
function selectStyle(tag: Tag, text: string, analysis: number, simpleKey: boolean): number {
  let style = PLAIN;
  if (simpleKey && analysis & MULTILINE) style = DOUBLE;
  if (style === PLAIN) {
    // block style throughout: only empty lists and objects are written in flow style
    if (!(analysis & BLOCK_PLAIN)) style = SINGLE;
    if (analysis & EMPTY && simpleKey) style = SINGLE;
    if (resolvedTag(text) !== tag) style = SINGLE;
  }
  if (style === SINGLE && !(analysis & SINGLE_QUOTED)) style = DOUBLE;
  return style;
}

function tagOf(value: JsonValue): Tag {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string': return 'str';
    case 'boolean': return 'bool';
    case 'bigint': return 'int';
    case 'number': return Number.isInteger(value) ? 'int' : 'float';
  }
  return 'float'; // PyFloat
}

/** A scalar as ruamel represents it. */
function scalarText(value: JsonValue): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string': return value;
    case 'boolean': return value ? 'true' : 'false';
    case 'bigint': return value.toString();
    case 'number':
      checkExact(value); // (infinite too: only a fast read makes one)
      return Number.isInteger(value) ? String(value) : floatText(value);
  }
  return floatText((value as PyFloat).value);
}

/** An integer from the document: a fast read may have rounded it or lost its `.0` (see JsonDocument). */
function intText(n: number): string {
  checkExact(n);
  return String(n);
}

function floatText(n: number): string {
  if (Number.isNaN(n)) return '.nan';
  if (n === Infinity) return '.inf';
  if (n === -Infinity) return '-.inf';
  return pyFloatRepr(n).toLowerCase();
}
