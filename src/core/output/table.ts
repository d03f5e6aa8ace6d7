// `--output table`, by the rules of the AWS CLI's table formatter (awscli/formatter.py TableFormatter
// and awscli/table.py MultiTable, the same in v1 and v2), including its quirks:
// - the title row is the operation's API name; a scalar result prints the title only; a falsy
//   result (null, false, 0, '', [], {}) prints nothing;
// - an object is one row under its sorted scalar keys (a single scalar key: a `key | value` row),
//   and each non-scalar member a sub-table indented one level, titled with its key;
// - a list of objects has the sorted union of scalar keys as columns; when they have non-scalar
//   members, each object repeats the header above its own sub-tables;
// - every row of a section must have as many cells as its first (`Row should have N elements,
//   instead it has M`, the CLI's ValueError);
// - column widths are scaled to the widest section; when that is wider than the terminal (80
//   columns when output is not a terminal), single-row sections turn into `key | value` rows.
import { JsonObject, JsonValue, OrderedObject, compareStrings, getField, isObject, objectKeys } from '../json/values';
import { OutputFormatError, isScalar, pyStr, pyTruthy, pyTypeName, textWidth } from './python';

export interface TableOptions {
  /** The CLI's terminal width: 80 whenever stdout is not a terminal (pipes, files, `$(...)`). */
  terminalWidth?: number;
}

/** What `aws <op> --output table` prints for `value`, titled `title` (the operation's API name). */
export function formatTable(value: JsonValue, title: string, options: TableOptions = {}): string {
  // Two passes over the value, each holding one section at a time: the first measures (the CLI
  // sizes every section to the widest one), the second prints. Holding every section of a 10 MB
  // result at once cost more in garbage collection than building them twice.
  const measure = new MultiTable();
  if (!new TableBuilder(measure).build(title, value, 0)) return '';
  measure.end();
  const out = new ChunkedText();
  const { width, vertical } = measure.layout(options.terminalWidth ?? 80);
  out.add(dashes(width) + '\n');
  const print = new MultiTable({ width, vertical, out });
  new TableBuilder(print).build(title, value, 0);
  print.end();
  return out.text();
}

class Section {
  title: string | null = '';
  headers: string[] = [];
  rows: string[][] = [];
  indent = 0;
  private columns: number | undefined;
  private maxWidths: number[] = [];

  addHeader(headers: string[]): void {
    this.updateMaxWidths(headers);
    if (this.columns === undefined) this.columns = headers.length;
    this.headers = headers;
  }

  addRow(row: string[]): void {
    if (this.columns === undefined) this.columns = row.length;
    if (row.length !== this.columns) {
      throw new OutputFormatError('ValueError', `Row should have ${this.columns} elements, instead it has ${row.length}`);
    }
    this.rows.push(row);
    this.updateMaxWidths(row);
  }

  private updateMaxWidths(row: string[]): void {
    if (this.maxWidths.length === 0) {
      this.maxWidths = row.map(textWidth);
      return;
    }
    for (let i = 0; i < row.length; i++) {
      if (i >= this.maxWidths.length) throw new OutputFormatError('IndexError', 'list index out of range');
      this.maxWidths[i] = Math.max(textWidth(row[i]), this.maxWidths[i]);
    }
  }

  /** Column widths, scaled (with the CLI's rounding and correction) to add up to `maxWidth`. */
  columnWidths(padding: number, maxWidth?: number): number[] {
    const unscaled = this.maxWidths.map((w) => w + padding);
    if (maxWidth === undefined || unscaled.length === 0) return unscaled;
    const scale = maxWidth / unscaled.reduce((a, b) => a + b, 0);
    const scaled = unscaled.map((w) => roundHalfEven(scale * w));
    let offBy = scaled.reduce((a, b) => a + b, 0) - maxWidth;
    while (offBy !== 0) {
      const down = offBy > 0;
      for (let k = 0; k < scaled.length && offBy !== 0; k++) {
        const i = down ? k : scaled.length - 1 - k;
        scaled[i] += down ? -1 : 1;
        offBy += down ? -1 : 1;
      }
    }
    return scaled;
  }

  totalWidth(padding: number, outerPadding: number): number {
    let total = 2; // the border
    for (const w of this.columnWidths(0)) total += w + padding;
    total += 2 * outerPadding;
    const titleWidth = textWidth(this.title ?? 'None') + 2 + 2 * outerPadding;
    return Math.max(titleWidth, total);
  }
}

/** Text built by concatenation, flattened every 64K characters (V8 keeps `a + b` as a rope until read). */
class ChunkedText {
  private chunks: string[] = [];
  private chunk = '';

  add(s: string): void {
    this.chunk += s;
    if (this.chunk.length > 65536) {
      void Number(this.chunk); // ToNumber reads the string whole, which flattens it
      this.chunks.push(this.chunk);
      this.chunk = '';
    }
  }

  text(): string {
    this.chunks.push(this.chunk);
    return this.chunks.join('');
  }
}

/** Python's round() of a float: halves go to the even neighbour. */
function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

const SPACES: string[] = Array.from({ length: 128 }, (_, i) => ' '.repeat(i));
const spaces = (n: number): string => (n <= 0 ? '' : n < 128 ? SPACES[n] : ' '.repeat(n));
const dashes = (n: number): string => (n > 0 ? '-'.repeat(n) : '');

function centerText(text: string, length: number, left: string, right: string): string {
  const textLength = textWidth(text);
  const start = Math.floor(length / 2) - Math.floor(textLength / 2) - 1;
  const soFar = left.length + start + textLength;
  return left + spaces(start) + text + spaces(length - right.length - soFar) + right;
}

function alignLeft(text: string, length: number, left: string, right: string): string {
  const textLength = textWidth(text);
  const padding = length - (textLength + 2 + left.length + right.length) >= 0 ? 2 : 0;
  return left + spaces(padding) + text + spaces(length - (left.length + padding + textLength) - right.length) + right;
}

function lineBreak(widths: number[]): string {
  let line = '';
  widths.forEach((w, i) => { line += i === 0 ? `+${dashes(w - 2)}+` : `${dashes(w - 1)}+`; });
  return line;
}

/**
 * The CLI's MultiTable, seeing one section at a time. Measuring (no `print`): the widest section
 * as it is, and as it would be with single-row sections turned into `key | value` rows (the CLI
 * does that when the table is wider than the terminal). Printing: each section as it ends.
 */
class MultiTable {
  private current: Section | undefined;
  private widest = -Infinity;
  private widestVertical = -Infinity;

  constructor(private readonly print?: { width: number; vertical: boolean; out: ChunkedText }) {}

  newSection(title: string | null, indent: number): void {
    this.end();
    this.current = new Section();
    this.current.title = title;
    this.current.indent = indent;
  }

  addRowHeader(headers: string[]): void {
    this.section('add_header').addHeader(headers);
  }

  addRow(row: string[]): void {
    this.section('add_row').addRow(row);
  }

  private section(method: string): Section {
    if (!this.current) throw new OutputFormatError('AttributeError', `'NoneType' object has no attribute '${method}'`);
    return this.current;
  }

  /** The current section is complete. */
  end(): void {
    const section = this.current;
    if (!section) return;
    this.current = undefined;
    if (this.print) {
      renderSection(this.print.vertical ? toVertical(section) : section, this.print.width, this.print.out);
      return;
    }
    this.widest = Math.max(this.widest, section.totalWidth(4, section.indent));
    const vertical = toVertical(section);
    this.widestVertical = Math.max(this.widestVertical, vertical.totalWidth(4, vertical.indent));
  }

  /** After measuring: the table's width, and whether single-row sections print vertically. */
  layout(terminalWidth: number): { width: number; vertical: boolean } {
    return this.widest > terminalWidth ? { width: this.widestVertical, vertical: true } : { width: this.widest, vertical: false };
  }
}

/** A single-row section as `header | value` rows; any other section as it is. */
function toVertical(section: Section): Section {
  if (section.rows.length !== 1 || section.headers.length === 0) return section;
  const vertical = new Section();
  vertical.title = section.title;
  vertical.indent = section.indent;
  const row = section.rows[0];
  const n = Math.min(section.headers.length, row.length);
  for (let i = 0; i < n; i++) vertical.addRow([section.headers[i], row[i]]);
  return vertical;
}

function renderSection(section: Section, maxWidth: number, out: ChunkedText): void {
  const edge = '|'.repeat(section.indent);
  const end = edge + '\n';
  const width = maxWidth - section.indent * 2;
  if (section.title) {
    out.add(edge + centerText(section.title, width, '|', '|') + end);
    if (section.headers.length === 0 && section.rows.length === 0) out.add(edge + `+${dashes(width - 2)}+` + end);
  }
  if (section.headers.length > 0) {
    const widths = section.columnWidths(4, width);
    let line = edge;
    const n = Math.min(widths.length, section.headers.length);
    for (let i = 0; i < n; i++) line += centerText(section.headers[i], widths[i], i === 0 ? '|' : '', '|');
    out.add(edge + lineBreak(widths) + end);
    out.add(line + end);
  }
  if (section.rows.length === 0) return;
  const widths = section.columnWidths(4, width);
  if (widths.length === 0) return;
  const rule = edge + lineBreak(widths) + end;
  out.add(rule);
  for (const row of section.rows) {
    let line = edge;
    const n = Math.min(widths.length, row.length);
    for (let i = 0; i < n; i++) line += alignLeft(row[i], widths[i], i === 0 ? '|' : '', '|');
    out.add(line + end);
  }
  out.add(rule);
}

/** A column key as the CLI may hold it: an object key, or (for a list among objects) a list index. */
type Key = string | number | boolean;

const hasOwn = Object.prototype.hasOwnProperty;

function hasKey(obj: JsonObject, key: Key): boolean {
  if (typeof key !== 'string') return false;
  return obj instanceof OrderedObject ? obj.map.has(key) : hasOwn.call(obj, key);
}

class TableBuilder {
  constructor(private readonly table: MultiTable) {}

  build(title: string | null, current: JsonValue, indent: number): boolean {
    if (!pyTruthy(current)) return false;
    if (title !== null) this.table.newSection(title, indent);
    if (Array.isArray(current)) {
      if (isObject(current[0])) {
        this.fromListOfObjects(current, indent, title);
      } else {
        for (const item of current) {
          if (isScalar(item)) this.table.addRow([pyStr(item)]);
          else if (isObject(item)) this.table.addRow(objectKeys(item)); // iterating a dict yields its keys
          else if ((item as JsonValue[]).every(isScalar)) this.table.addRow((item as JsonValue[]).map(pyStr));
          else this.build(null, item, 0);
        }
      }
    } else if (isObject(current)) {
      this.fromObject(current, indent);
    }
    return true;
  }

  private fromObject(current: JsonObject, indent: number): void {
    const [headers, more] = groupObjectKeys(current);
    if (headers.length === 1) {
      this.table.addRow([headers[0], pyStr(getField(current, headers[0]))]);
    } else if (headers.length > 0) {
      this.table.addRowHeader(headers);
      this.table.addRow(headers.map((k) => pyStr(getField(current, k))));
    }
    for (const key of more) this.build(key, getField(current, key), indent + 1);
  }

  private fromListOfObjects(current: JsonValue[], indent: number, title: string | null): void {
    const headerSet = new PySet();
    const moreSet = new PySet();
    for (const item of current) {
      const [h, m] = groupKeys(item);
      h.forEach((k) => headerSet.add(k));
      m.forEach((k) => moreSet.add(k));
    }
    const headers = headerSet.sorted();
    const more = moreSet.sorted();
    const headerTexts = headers.map((h) => pyStr(h));
    this.table.addRowHeader(headerTexts);
    let first = true;
    for (const element of current) {
      if (!first && more.length > 0) {
        this.table.newSection(title, indent);
        this.table.addRowHeader(headerTexts);
      }
      first = false;
      if (!isObject(element)) throw new OutputFormatError('AttributeError', `'${pyTypeName(element)}' object has no attribute 'get'`);
      this.table.addRow(headers.map((h) => (hasKey(element, h) ? pyStr(getField(element, h as string)) : '')));
      for (const key of more) {
        if (hasKey(element, key)) this.build(key as string, getField(element, key as string), indent + 1);
      }
    }
  }
}

/** An object's keys split into scalar-valued (sorted) and the rest (sorted). */
function groupObjectKeys(obj: JsonObject): [string[], string[]] {
  const headers: string[] = [];
  const more: string[] = [];
  for (const key of objectKeys(obj)) (isScalar(getField(obj, key)) ? headers : more).push(key);
  return [headers.sort(compareStrings), more.sort(compareStrings)];
}

/** The CLI's key grouping applied to whatever a list of objects holds, failing as Python fails. */
function groupKeys(item: JsonValue): [Key[], Key[]] {
  if (isObject(item)) return groupObjectKeys(item);
  if (typeof item === 'string') {
    if (item.length > 0) throw new OutputFormatError('TypeError', "string indices must be integers, not 'str'");
    return [[], []];
  }
  if (!Array.isArray(item)) throw new OutputFormatError('TypeError', `'${pyTypeName(item)}' object is not iterable`);
  // iterating a list yields its elements, each then used as an index into the same list
  const headers: Key[] = [];
  const more: Key[] = [];
  for (const el of item) {
    const isInt = typeof el === 'boolean' || typeof el === 'bigint' || (typeof el === 'number' && Number.isInteger(el));
    if (!isInt) throw new OutputFormatError('TypeError', `list indices must be integers or slices, not ${pyTypeName(el)}`);
    const big = typeof el === 'bigint' ? el : BigInt(Number(el));
    if (big >= 2n ** 63n || big < -(2n ** 63n)) throw new OutputFormatError('IndexError', "cannot fit 'int' into an index-sized integer");
    let index = Number(big);
    if (index < 0) index += item.length;
    if (index < 0 || index >= item.length) throw new OutputFormatError('IndexError', 'list index out of range');
    (isScalar(item[index]) ? headers : more).push(el as Key);
  }
  const byNumber = (a: Key, b: Key): number => Number(a) - Number(b);
  return [headers.sort(byNumber), more.sort(byNumber)];
}

/** A Python set of keys: 1 and True are one member (the first kept); sorting mixed types fails. */
class PySet {
  private text = new Set<string>();
  private numbers: Map<number, Key> | undefined;

  add(k: Key): void {
    if (typeof k === 'string') this.text.add(k);
    else {
      this.numbers ??= new Map();
      if (!this.numbers.has(Number(k))) this.numbers.set(Number(k), k);
    }
  }

  sorted(): Key[] {
    const numbers = this.numbers ? [...this.numbers.values()] : [];
    if (this.text.size > 0 && numbers.length > 0) {
      // which pair Python compares first depends on its (randomised) string hashes
      throw new OutputFormatError('TypeError', `'<' not supported between instances of '${typeof numbers[0] === 'boolean' ? 'bool' : 'int'}' and 'str'`);
    }
    return numbers.length > 0 ? numbers.sort((a, b) => Number(a) - Number(b)) : [...this.text].sort(compareStrings);
  }
}
