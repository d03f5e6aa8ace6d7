// `--output yaml` and `--output yaml-stream` as AWS CLI v2 prints them. v2's formatter prints a
// bare scalar (string, number, boolean, null) as compact JSON and anything else with ruamel.yaml's
// safe dumper: ruamel's representer (keys sorted, a repeated object becomes &id001/*id001, YAML
// 1.2 resolution decides which strings need quotes) and, through ruamel.yaml.clib, libyaml's
// emitter (block style, 2-space indent, sequences not indented under keys, 80-column folding,
// characters outside the BMP escaped). yaml-stream prints the result as a one-item list. This is
// our own emitter following the same rules, checked against v2 2.9.19 (ruamel.yaml 0.17.21 with
// ruamel.yaml.clib 0.2.7).
import { jsonString, pyFloatRepr } from '../json/print';
import { JsonValue, PyFloat, checkExact, compareStrings, isObject, objectEntries } from '../json/values';

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

// ---- representation: values to nodes (one node per JS object, so a repeated object is aliased)

type Tag = 'str' | 'int' | 'float' | 'bool' | 'null';
interface ScalarNode { kind: 'scalar'; tag: Tag; value: string }
interface SeqNode { kind: 'seq'; items: YNode[] }
interface MapNode { kind: 'map'; pairs: [ScalarNode, YNode][] }
type YNode = ScalarNode | SeqNode | MapNode;

function represent(value: JsonValue, seen: Map<object, YNode>): YNode {
  if (value === null) return { kind: 'scalar', tag: 'null', value: 'null' };
  switch (typeof value) {
    case 'string': return { kind: 'scalar', tag: 'str', value };
    case 'boolean': return { kind: 'scalar', tag: 'bool', value: value ? 'true' : 'false' };
    case 'bigint': return { kind: 'scalar', tag: 'int', value: value.toString() };
    case 'number':
      checkExact(value);
      return Number.isInteger(value) ? { kind: 'scalar', tag: 'int', value: intText(value) } : { kind: 'scalar', tag: 'float', value: floatText(value) };
  }
  if (value instanceof PyFloat) return { kind: 'scalar', tag: 'float', value: floatText(value.value) };
  const known = seen.get(value);
  if (known) return known;
  if (Array.isArray(value)) {
    const node: SeqNode = { kind: 'seq', items: [] };
    seen.set(value, node);
    for (const item of value) node.items.push(represent(item, seen));
    return node;
  }
  const node: MapNode = { kind: 'map', pairs: [] };
  seen.set(value, node);
  const entries = objectEntries(value).sort((a, b) => compareStrings(a[0], b[0]));
  for (const [k, v] of entries) node.pairs.push([{ kind: 'scalar', tag: 'str', value: k }, represent(v, seen)]);
  return node;
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

function resolvedTag(value: string): string {
  const first = value === '' ? '' : String.fromCodePoint(value.codePointAt(0)!);
  for (const [tag, re] of RESOLVERS) {
    const starts = FIRST_CHARS[tag];
    if ((first === '' ? tag === 'null' : starts.includes(first)) && re.test(value)) return tag;
  }
  return 'str';
}

// ---- scalar analysis (libyaml's rules: which styles can carry the text)

interface Analysis {
  empty: boolean;
  multiline: boolean;
  flowPlain: boolean;
  blockPlain: boolean;
  singleQuoted: boolean;
}

const isBreak = (ch: string): boolean => ch === '\n' || ch === '\r' || ch === '\x85' || ch === '\u2028' || ch === '\u2029';
const isBlankz = (ch: string | undefined): boolean => ch === undefined || ch === ' ' || ch === '\t' || ch === '\0' || isBreak(ch);

/** libyaml's printable set (with unicode allowed): no C0 controls but LF, no NEL, nothing outside the BMP. */
function isPrintable(c: number): boolean {
  return c === 0x0a || (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff);
}

function analyze(chars: string[]): Analysis {
  if (chars.length === 0) return { empty: true, multiline: false, flowPlain: false, blockPlain: true, singleQuoted: true };
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
  const n = chars.length;
  const head = chars.slice(0, 3).join('');
  if (head === '---' || head === '...') blockIndicators = flowIndicators = true;
  let precededByWhitespace = true;
  for (let i = 0; i < n; i++) {
    const ch = chars[i];
    const followedByWhitespace = isBlankz(chars[i + 1]);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) flowIndicators = blockIndicators = true;
      if (ch === '?' || ch === ':') {
        flowIndicators = true;
        if (followedByWhitespace) blockIndicators = true;
      }
      if (ch === '-' && followedByWhitespace) flowIndicators = blockIndicators = true;
    } else {
      if (',?[]{}'.includes(ch)) flowIndicators = true;
      if (ch === ':') {
        flowIndicators = true;
        if (followedByWhitespace) blockIndicators = true;
      }
      if (ch === '#' && precededByWhitespace) flowIndicators = blockIndicators = true;
    }
    if (!isPrintable(ch.codePointAt(0)!)) special = true;
    if (isBreak(ch)) lineBreaks = true;
    if (ch === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === n - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(ch)) {
      if (i === 0) leadingBreak = true;
      if (i === n - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = previousBreak = false;
    }
    precededByWhitespace = isBlankz(ch);
  }
  const a: Analysis = { empty: false, multiline: lineBreaks, flowPlain: true, blockPlain: true, singleQuoted: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) a.flowPlain = a.blockPlain = false;
  if (breakSpace || spaceBreak || special) a.flowPlain = a.blockPlain = a.singleQuoted = false;
  if (lineBreaks) a.flowPlain = a.blockPlain = false;
  if (flowIndicators) a.flowPlain = false;
  if (blockIndicators) a.blockPlain = false;
  return a;
}

// ---- emitting (libyaml's emitter: the state machine unrolled into recursion)

const BEST_WIDTH = 80;
const INDENT = 2;
const ESCAPES: Record<number, string> = {
  0x00: '0', 0x07: 'a', 0x08: 'b', 0x09: 't', 0x0a: 'n', 0x0b: 'v', 0x0c: 'f', 0x0d: 'r', 0x1b: 'e',
  0x22: '"', 0x5c: '\\', 0x85: 'N', 0xa0: '_', 0x2028: 'L', 0x2029: 'P',
};

function dumpDocument(value: JsonValue): string {
  const root = represent(value, new Map());
  const emitter = new Emitter(anchorsOf(root));
  emitter.node(root, {});
  emitter.writeIndent(); // document end
  return emitter.out.join('');
}

/** Nodes met twice get anchors id001, id002... numbered as the walk meets them the second time. */
function anchorsOf(root: YNode): Map<YNode, string> {
  const seen = new Set<YNode>();
  const anchors = new Map<YNode, string>();
  const stack: YNode[] = [root];
  // depth-first in document order (an explicit stack keeps deep documents off the call stack)
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.kind === 'scalar') continue;
    if (seen.has(node)) {
      if (!anchors.has(node)) anchors.set(node, `id${String(anchors.size + 1).padStart(3, '0')}`);
      continue;
    }
    seen.add(node);
    if (node.kind === 'seq') for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
    else for (let i = node.pairs.length - 1; i >= 0; i--) stack.push(node.pairs[i][1]);
  }
  return anchors;
}

interface Context { sequence?: boolean; mapping?: boolean; simpleKey?: boolean }
type Style = 'plain' | 'single' | 'double';

const utf8Length = (s: string): number => Buffer.byteLength(s, 'utf8');

class Emitter {
  readonly out: string[] = [];
  private column = 0;
  private whitespace = true;
  private indention = true;
  private indent = -1;
  private indents: number[] = [];
  private flowLevel = 0;
  private mappingContext = false;
  private simpleKeyContext = false;
  private serialized = new Set<YNode>();

  constructor(private readonly anchors: Map<YNode, string>) {}

  node(node: YNode, ctx: Context): void {
    this.mappingContext = !!ctx.mapping;
    this.simpleKeyContext = !!ctx.simpleKey;
    if (node.kind === 'scalar') {
      const chars = Array.from(node.value);
      const analysis = analyze(chars);
      const style = this.selectStyle(node, analysis);
      this.increaseIndent(true, false);
      if (style === 'plain') this.writePlain(chars, !this.simpleKeyContext);
      else if (style === 'single') this.writeSingleQuoted(chars, !this.simpleKeyContext);
      else this.writeDoubleQuoted(chars, !this.simpleKeyContext);
      this.indent = this.indents.pop()!;
      return;
    }
    const anchor = this.anchors.get(node);
    if (anchor !== undefined && this.serialized.has(node)) {
      this.writeIndicator('*', true, false, false);
      this.writeAnchor(anchor);
      if (this.simpleKeyContext) this.put(' ');
      return;
    }
    this.serialized.add(node);
    if (anchor !== undefined) {
      this.writeIndicator('&', true, false, false);
      this.writeAnchor(anchor);
    }
    const seq = node.kind === 'seq';
    const empty = seq ? node.items.length === 0 : node.pairs.length === 0;
    if (this.flowLevel > 0 || empty) {
      this.writeIndicator(seq ? '[' : '{', true, true, false);
      this.increaseIndent(true, false);
      this.indent = this.indents.pop()!;
      this.writeIndicator(seq ? ']' : '}', false, false, false);
    } else if (node.kind === 'seq') {
      this.increaseIndent(false, this.mappingContext && !this.indention);
      for (const item of node.items) {
        this.writeIndent();
        this.writeIndicator('-', true, false, true);
        this.node(item, { sequence: true });
      }
      this.indent = this.indents.pop()!;
    } else {
      this.increaseIndent(false, false);
      for (const [key, value] of node.pairs) {
        this.writeIndent();
        if (!/[\n\r\x85\u2028\u2029]/.test(key.value) && utf8Length(key.value) <= 128) {
          this.node(key, { mapping: true, simpleKey: true });
          this.writeIndicator(':', false, false, false);
        } else {
          this.writeIndicator('?', true, false, true);
          this.node(key, { mapping: true });
          this.writeIndent();
          this.writeIndicator(':', true, false, true);
        }
        this.node(value, { mapping: true });
      }
      this.indent = this.indents.pop()!;
    }
  }

  private selectStyle(node: ScalarNode, a: Analysis): Style {
    // a plain scalar must read back as the same type (YAML 1.2 resolution, ruamel's resolver)
    const plainImplicit = resolvedTag(node.value) === node.tag;
    let style: Style = 'plain';
    if (this.simpleKeyContext && a.multiline) style = 'double';
    if (style === 'plain') {
      if ((this.flowLevel > 0 && !a.flowPlain) || (this.flowLevel === 0 && !a.blockPlain)) style = 'single';
      if (a.empty && (this.flowLevel > 0 || this.simpleKeyContext)) style = 'single';
      if (!plainImplicit) style = 'single';
    }
    if (style === 'single' && !a.singleQuoted) style = 'double';
    return style;
  }

  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? INDENT : 0;
    else if (!indentless) this.indent += INDENT;
  }

  private put(s: string): void {
    this.out.push(s);
    this.column += 1;
  }

  private putBreak(): void {
    this.out.push('\n');
    this.column = 0;
  }

  private writeBreak(ch: string): void {
    if (ch === '\n') this.putBreak();
    else {
      this.out.push(ch);
      this.column = 0;
    }
  }

  private writeIndicator(indicator: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.out.push(indicator);
    this.column += indicator.length;
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  private writeAnchor(anchor: string): void {
    this.out.push(anchor);
    this.column += anchor.length;
    this.whitespace = false;
    this.indention = false;
  }

  writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    if (this.column < indent) {
      this.out.push(' '.repeat(indent - this.column));
      this.column = indent;
    }
    this.whitespace = true;
    this.indention = true;
  }

  private writePlain(chars: string[], allowBreaks: boolean): void {
    if (!this.whitespace && chars.length > 0) this.put(' ');
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i];
      if (ch === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && chars[i + 1] !== ' ') this.writeIndent();
        else this.put(ch);
        spaces = true;
      } else if (isBreak(ch)) {
        if (!breaks && ch === '\n') this.putBreak();
        this.writeBreak(ch);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(ch);
        this.indention = false;
        spaces = breaks = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  private writeSingleQuoted(chars: string[], allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i];
      if (ch === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i !== 0 && i !== chars.length - 1 && chars[i + 1] !== ' ') this.writeIndent();
        else this.put(ch);
        spaces = true;
      } else if (isBreak(ch)) {
        if (!breaks && ch === '\n') this.putBreak();
        this.writeBreak(ch);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (ch === "'") this.put("'");
        this.put(ch);
        this.indention = false;
        spaces = breaks = false;
      }
    }
    if (breaks) this.writeIndent();
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeDoubleQuoted(chars: string[], allowBreaks: boolean): void {
    this.writeIndicator('"', true, false, false);
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i];
      const c = ch.codePointAt(0)!;
      if (!isPrintable(c) || isBreak(ch) || ch === '"' || ch === '\\') {
        const hex = c.toString(16).toUpperCase();
        const escape = ESCAPES[c] ?? (c <= 0xff ? `x${hex.padStart(2, '0')}` : c <= 0xffff ? `u${hex.padStart(4, '0')}` : `U${hex.padStart(8, '0')}`);
        this.out.push('\\' + escape);
        this.column += 1 + escape.length;
        spaces = false;
      } else if (ch === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i !== 0 && i !== chars.length - 1) {
          this.writeIndent();
          if (chars[i + 1] === ' ') this.put('\\');
        } else {
          this.put(ch);
        }
        spaces = true;
      } else {
        this.put(ch);
        spaces = false;
      }
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }
}
