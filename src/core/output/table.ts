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
import { JsonObject, JsonValue, OrderedObject, PlainObject, compareStrings, getField, hasKey, isObject, objectKeys } from '../json/values';
import { constants as bufferConstants } from 'buffer';
import { JmesPathError, TOO_LARGE_MESSAGE } from '../jmespath/errors';
import { OutputFormatError, isNarrowLatin1, isScalar, pyStr, pyTruthy, pyTypeName, spaces, textWidth } from './python';

export interface TableOptions {
  /** The CLI's terminal width: 80 whenever stdout is not a terminal (pipes, files, `$(...)`). */
  terminalWidth?: number;
}

/** What `aws <op> --output table` prints for `value`, titled `title` (the operation's API name). */
export function formatTable(value: JsonValue, title: string, options: TableOptions = {}): string {
  // The CLI builds the whole table before it prints (every section is sized to the widest one).
  // Built here, a section keeps what sizes it and its cells go to one flat list, which printing
  // then walks. (A row array per row of a 10 MB result cost more in garbage collection than all
  // the rest.)
  const { table, builder } = reused;
  table.clear();
  builder.clear();
  try {
    if (!builder.build(title, value, 0)) return '';
    return printTable(table, options.terminalWidth ?? 80);
  } finally {
    table.clear(); // (lets go of the cells; the lists keep their size for the next table, until a while without one)
    builder.clear();
    reused.printed.clear();
    reused.letGoLater();
  }
}

/** What the builder does with a table: the CLI's MultiTable calls. */
interface Table {
  newSection(title: string | null, indent: number): void;
  addRowHeader(headers: string[]): void;
  addRow(row: string[]): void;
  /** addRow of the values at `at`, each as str() prints it (no row array: a big table adds hundreds of thousands). */
  addRowOf(values: JsonValue[], at: number[]): void;
}

/** Column widths given each with its padding, scaled in place with the CLI's rounding and correction to add up to `maxWidth`. */
function scaleColumnWidths(widths: number[], maxWidth: number): void {
  if (widths.length === 0) return;
  let total = 0;
  for (let i = 0; i < widths.length; i++) total += (widths[i] += 4);
  const scale = maxWidth / total;
  let offBy = -maxWidth;
  for (let i = 0; i < widths.length; i++) offBy += (widths[i] = roundHalfEven(scale * widths[i]));
  while (offBy !== 0) {
    const down = offBy > 0;
    for (let k = 0; k < widths.length && offBy !== 0; k++) {
      const i = down ? k : widths.length - 1 - k;
      widths[i] += down ? -1 : 1;
      offBy += down ? -1 : 1;
    }
  }
}

/** Where a table's text goes, piece by piece. */
interface TextOut {
  /** Any text. */
  add(text: string): void;
  /** `count` copies of an ASCII character. */
  repeat(code: number, count: number): void;
  /** A cell: `left`, `text` after two spaces (if it fits), padded to `length` columns, `right`. */
  cell(text: string, length: number, left: string, right: string): void;
  /** The columns a text takes. */
  width(text: string): number;
  text(): string;
}

/** Text joined a few thousand pieces at a time (any characters). */
class StringOut implements TextOut {
  private parts: string[] = [];
  private chunks: string[] = [];

  add(s: string): void {
    if (this.parts.push(s) >= 8192) {
      this.chunks.push(this.parts.join(''));
      this.parts.length = 0;
    }
  }

  repeat(code: number, count: number): void {
    if (count > 0) this.add(code === SPACE ? spaces(count) : String.fromCharCode(code).repeat(count));
  }

  cell(text: string, length: number, left: string, right: string): void {
    alignLeft(this, text, length, left, right, textWidth);
  }

  width(text: string): number {
    return textWidth(text);
  }

  text(): string {
    this.chunks.push(this.parts.join(''));
    return this.chunks.join('');
  }
}

/**
 * Latin-1 text written byte by byte into one buffer, sized from the measured table and reused by
 * the tables that follow. A big table is mostly padding: joined from string pieces it made a
 * string per line and touched twice its size in fresh memory (the pieces' chunks, then the text),
 * and on this project's machines touching fresh memory costs more than writing it.
 */
class Latin1Out implements TextOut {
  private buffer = NO_BUFFER;
  private length = 0;
  /** The bytes from the start of the buffer that hold written text or spaces: padding is most of a table, so repeat(SPACE) only moves on. */
  private ready = 0;

  /** Starts a text of about `size` bytes (it may be longer: it grows), in the buffer of the last one if that is big enough. */
  start(size: number): this {
    this.length = 0;
    this.ready = Math.max(size, 1 << 12);
    if (this.buffer.length < this.ready) this.buffer = Buffer.allocUnsafe(this.ready);
    this.buffer.fill(SPACE, 0, this.ready); // (not all of a kept buffer: it may be much bigger)
    return this;
  }

  add(s: string): void {
    const n = s.length;
    if (this.length + n > this.ready) this.grow(n);
    const buffer = this.buffer;
    let at = this.length;
    for (let i = 0; i < n; i++) buffer[at++] = s.charCodeAt(i);
    this.length = at;
  }

  repeat(code: number, count: number): void {
    if (count <= 0) return;
    if (this.length + count > this.ready) this.grow(count);
    if (code === SPACE) {
      this.length += count;
      return;
    }
    const buffer = this.buffer;
    let at = this.length;
    for (const end = at + count; at < end;) buffer[at++] = code;
    this.length = at;
  }

  /** alignLeft for narrow Latin-1 text, whose width is its length. */
  cell(text: string, length: number, left: string, right: string): void {
    const n = text.length;
    const padding = length - (n + 2 + left.length + right.length) >= 0 ? 2 : 0;
    const fill = length - (left.length + padding + n) - right.length;
    const size = left.length + padding + n + (fill > 0 ? fill : 0) + right.length;
    if (this.length + size > this.ready) this.grow(size);
    const buffer = this.buffer;
    let at = this.length;
    for (let i = 0; i < left.length; i++) buffer[at++] = left.charCodeAt(i);
    at += padding;
    for (let i = 0; i < n; i++) buffer[at++] = text.charCodeAt(i);
    if (fill > 0) at += fill;
    for (let i = 0; i < right.length; i++) buffer[at++] = right.charCodeAt(i);
    this.length = at;
  }

  width(text: string): number {
    return text.length;
  }

  /** Where the next text goes. */
  get size(): number {
    return this.length;
  }

  /** The text from `start` to `end` (written before) again. */
  again(start: number, end: number): void {
    const n = end - start;
    if (this.length + n > this.ready) this.grow(n);
    this.buffer.copyWithin(this.length, start, end);
    this.length += n;
  }

  private grow(more: number): void {
    const ready = Math.max(2 * this.ready, this.length + more);
    if (ready > this.buffer.length) {
      const bigger = Buffer.allocUnsafe(ready);
      this.buffer.copy(bigger, 0, 0, this.length);
      this.buffer = bigger;
    }
    this.buffer.fill(SPACE, this.length, ready);
    this.ready = ready;
  }

  /** The text; the buffer is kept for the next tables (formats switched, a query retyped) unless it is very big. */
  text(): string {
    const text = (this.buffer as LatinBuffer).latin1Slice(0, this.length);
    if (this.buffer.length > MAX_KEPT_BUFFER) this.letGo();
    return text;
  }

  letGo(): void {
    this.buffer = NO_BUFFER;
    this.ready = this.length = 0;
  }
}

const NO_BUFFER = Buffer.alloc(0);

/** Node's Buffer method behind toString('latin1'), without its argument checks. */
type LatinBuffer = Buffer & { latin1Slice(start: number, end: number): string };

/** The largest buffer kept between tables (a 10 MB describe-instances result prints 19 MB of table). */
const MAX_KEPT_BUFFER = 32 << 20;

/** Python's round() of a float: halves go to the even neighbour. */
function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

const SPACE = 0x20;
const DASH = 0x2d;

/** `left`, `text` centred in `length` columns, `right` (the CLI's center_text). */
function centerText(out: TextOut, text: string, length: number, left: string, right: string): void {
  const textLength = out.width(text);
  const start = Math.floor(length / 2) - Math.floor(textLength / 2) - 1;
  out.add(left);
  out.repeat(SPACE, start);
  out.add(text);
  out.repeat(SPACE, length - right.length - (left.length + start + textLength));
  out.add(right);
}

/** `left`, `text` after two spaces (if it fits), padded to `length` columns, `right` (the CLI's align_left). */
function alignLeft(out: TextOut, text: string, length: number, left: string, right: string, width: (s: string) => number): void {
  const textLength = width(text);
  const padding = length - (textLength + 2 + left.length + right.length) >= 0 ? 2 : 0;
  out.add(left);
  out.repeat(SPACE, padding);
  out.add(text);
  out.repeat(SPACE, length - (left.length + padding + textLength) - right.length);
  out.add(right);
}

/** A section's rule line: `edge+----+------+edge` (the CLI's _get_line_break between edges). */
function lineBreak(out: TextOut, widths: number[], edge: string, end: string): void {
  out.add(edge);
  if (widths.length > 0) out.add('+');
  for (let i = 0; i < widths.length; i++) {
    out.repeat(DASH, widths[i] - (i === 0 ? 2 : 1));
    out.add('+');
  }
  out.add(end);
}

/** `|` repeated for each level of indent, and that followed by the line's end. */
const EDGES: string[] = [];
const ENDS: string[] = [];
function edgeOf(indent: number): string {
  return (EDGES[indent] ??= '|'.repeat(indent));
}
function endOf(indent: number): string {
  return (ENDS[indent] ??= '|'.repeat(indent) + '\n');
}

const CHUNK_BITS = 13;
const CHUNK = 1 << CHUNK_BITS;

/**
 * Strings in chunks of a fixed size: one growing array of a big table's cells was copied at every
 * doubling into fresh memory, which costs more on these machines than all the pushes.
 */
class CellList {
  private readonly chunks: string[][] = [];
  private last: string[] = [];
  length = 0;

  push(cell: string): void {
    const i = this.length & (CHUNK - 1);
    if (i === 0) {
      this.last = new Array<string>(CHUNK); // (allocated whole: a growing array is copied as it grows)
      this.chunks.push(this.last);
    }
    this.last[i] = cell;
    this.length++;
  }

  get(i: number): string {
    return this.chunks[i >>> CHUNK_BITS][i & (CHUNK - 1)];
  }

  clear(): void {
    this.chunks.length = 0;
    this.last = NO_CELLS;
    this.length = 0;
  }
}

const NO_CELLS: string[] = [];
const NO_HEADERS: string[] = [];

/** Small integers in one growable typed array (off the garbage collector's heap). */
class IntList {
  private data = new Int32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(2 * this.length);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  get(i: number): number {
    return this.data[i];
  }

  set(i: number, value: number): void {
    this.data[i] = value;
  }

  /** Empties the list; `shrink`: lets go of a grown array too. */
  clear(shrink: boolean): void {
    this.length = 0;
    if (shrink && this.data.length > 1024) this.data = new Int32Array(1024);
  }
}

/**
 * The CLI's MultiTable, sized and with its cells; its rows are not kept, only their cells, in one
 * flat list. Its width is that of the widest section, as it is, or (when that is wider than the
 * terminal) as it is with single-row sections turned into `key | value` rows.
 *
 * A section is an index into lists of numbers rather than an object: a 10 MB result makes tens of
 * thousands of sections, and while the table was built the garbage collector copied every
 * section object and its arrays (that cost more than building them).
 */
class Measure implements Table {
  private readonly titles: (string | null)[] = [];
  private readonly titleWidths = new IntList();
  private readonly indents = new IntList();
  private readonly rowCounts = new IntList();
  /** The cells of each row of a section (every row has as many as its first); -1 before the first. */
  private readonly columnCounts = new IntList();
  /** The widest header, and the widest cell of the first row: the `header | value` form's columns. */
  private readonly widestHeaders = new IntList();
  private readonly widestFirstCells = new IntList();
  /**
   * Each section's headers (its last header row): the builder's arrays, shared by the sections of
   * one shape (every instance's), with their widths measured once.
   */
  private readonly headers: string[][] = [];
  private readonly headerWidths = new Map<string[], number[]>();
  /** A section's column widths: `widthCounts` numbers from `widthStarts` in `widths`. */
  private readonly widthStarts = new IntList();
  private readonly widthCounts = new IntList();
  private readonly widths = new IntList();
  /** Every row's cells, in order: a section's rows follow each other, each as wide as the section. */
  readonly cells = new CellList();

  /** Whether every title, header and cell is narrow Latin-1 (U+0000-U+00A0): widths are lengths, and the text fits a Latin-1 buffer. */
  plain = true;

  private width(text: string): number {
    if (isNarrowLatin1(text)) return text.length;
    this.plain = false;
    return textWidth(text);
  }

  /** Empties the table for the next one; `shrink`: lets go of the room a big table made too. */
  clear(shrink = false): void {
    this.titles.length = 0;
    for (const list of [this.titleWidths, this.indents, this.rowCounts, this.columnCounts, this.widestHeaders, this.widestFirstCells,
      this.widthStarts, this.widthCounts, this.widths]) list.clear(shrink);
    this.headers.length = 0;
    this.headerWidths.clear();
    this.cells.clear();
    this.plain = true;
  }

  get sectionCount(): number {
    return this.titles.length;
  }

  newSection(title: string | null, indent: number): void {
    this.titles.push(title);
    this.titleWidths.push(this.width(title ?? 'None'));
    this.indents.push(indent);
    this.rowCounts.push(0);
    this.columnCounts.push(-1);
    this.widestHeaders.push(0);
    this.widestFirstCells.push(0);
    this.headers.push(NO_HEADERS);
    this.widthStarts.push(this.widths.length);
    this.widthCounts.push(0);
  }

  addRowHeader(headers: string[]): void {
    const s = this.current('add_header');
    let widths = this.headerWidths.get(headers);
    if (widths === undefined) {
      widths = headers.map((h) => this.width(h));
      this.headerWidths.set(headers, widths);
    }
    this.widestHeaders.set(s, this.updateWidths(s, widths, 0, headers.length));
    if (this.columnCounts.get(s) < 0) this.columnCounts.set(s, headers.length);
    this.headers[s] = headers;
  }

  addRow(row: string[]): void {
    const from = this.cells.length;
    for (let i = 0; i < row.length; i++) this.cells.push(row[i]);
    this.rowAdded(from);
  }

  addRowOf(values: JsonValue[], at: number[]): void {
    const from = this.cells.length;
    for (let i = 0; i < at.length; i++) this.cells.push(pyStr(values[at[i]]));
    this.rowAdded(from);
  }

  /** Sizes the section for the row whose cells were added from `from` on. */
  private rowAdded(from: number): void {
    const s = this.current('add_row');
    const length = this.cells.length - from;
    const columns = this.columnCounts.get(s);
    if (columns < 0) this.columnCounts.set(s, length);
    else if (length !== columns) throw new OutputFormatError('ValueError', `Row should have ${columns} elements, instead it has ${length}`);
    const widest = this.updateWidths(s, this.cells, from, length);
    const rows = this.rowCounts.get(s);
    if (rows === 0) this.widestFirstCells.set(s, widest);
    this.rowCounts.set(s, rows + 1);
  }

  /** The last section: the one the CLI adds rows and headers to. */
  private current(method: string): number {
    if (this.titles.length === 0) throw new OutputFormatError('AttributeError', `'NoneType' object has no attribute '${method}'`);
    return this.titles.length - 1;
  }

  /**
   * Updates the section's column widths with a row's (`length` texts from `from`, or their widths);
   * returns the row's widest text.
   */
  private updateWidths(s: number, row: CellList | number[], from: number, length: number): number {
    const start = this.widthStarts.get(s);
    const count = this.widthCounts.get(s);
    if (count !== 0 && length > count) throw new OutputFormatError('IndexError', 'list index out of range');
    const cells = row instanceof CellList ? row : undefined;
    let widest = 0;
    for (let i = 0; i < length; i++) {
      const w = cells !== undefined ? this.width(cells.get(from + i)) : (row as number[])[from + i];
      if (w > widest) widest = w;
      if (count === 0) this.widths.push(w); // the last section's widths are the last in the list
      else if (w > this.widths.get(start + i)) this.widths.set(start + i, w);
    }
    if (count === 0) this.widthCounts.set(s, length);
    return widest;
  }

  title(s: number): string | null {
    return this.titles[s];
  }

  indent(s: number): number {
    return this.indents.get(s);
  }

  rowCount(s: number): number {
    return this.rowCounts.get(s);
  }

  columns(s: number): number {
    return Math.max(0, this.columnCounts.get(s));
  }

  headerCount(s: number): number {
    return this.headers[s].length;
  }

  /** The section's headers (the builder's array: sections of one shape share it). */
  headersOf(s: number): string[] {
    return this.headers[s];
  }

  header(s: number, i: number): string {
    return this.headers[s][i];
  }

  /** Single-row sections print as `header | value` rows when the table is wider than the terminal. */
  canBeVertical(s: number): boolean {
    return this.rowCounts.get(s) === 1 && this.headers[s].length > 0;
  }

  /** The section's column widths, as it is or in its `header | value` form, into `widths` (reused from section to section). */
  maxWidths(s: number, asRows: boolean, widths: number[]): number[] {
    if (asRows) {
      widths.length = this.columns(s) === 0 ? 0 : 2;
      if (widths.length !== 0) {
        widths[0] = this.widestHeaders.get(s);
        widths[1] = this.widestFirstCells.get(s);
      }
      return widths;
    }
    const start = this.widthStarts.get(s);
    widths.length = this.widthCounts.get(s);
    for (let i = 0; i < widths.length; i++) widths[i] = this.widths.get(start + i);
    return widths;
  }

  private totalWidth(s: number, asRows: boolean): number {
    let total = 2 + 2 * this.indents.get(s); // the border, the indent
    if (asRows) {
      if (this.columns(s) > 0) total += this.widestHeaders.get(s) + this.widestFirstCells.get(s) + 8;
    } else {
      const start = this.widthStarts.get(s);
      for (let i = 0, n = this.widthCounts.get(s); i < n; i++) total += this.widths.get(start + i) + 4;
    }
    return Math.max(this.titleWidths.get(s) + 2 + 2 * this.indents.get(s), total);
  }

  /** How many lines the table prints (each as wide as the table, unless a text is wider). */
  lineCount(vertical: boolean): number {
    let lines = 1;
    for (let s = 0; s < this.titles.length; s++) {
      const asRows = vertical && this.canBeVertical(s);
      const headers = this.headers[s].length;
      const rows = this.rowCounts.get(s);
      if (this.titles[s]) lines += asRows || headers > 0 || rows > 0 ? 1 : 2;
      if (!asRows && headers > 0) lines += 2;
      if (rows > 0) lines += 2 + (asRows ? headers : rows);
    }
    return lines;
  }

  layout(terminalWidth: number): { width: number; vertical: boolean } {
    let widest = -Infinity;
    let widestVertical = -Infinity;
    for (let s = 0; s < this.titles.length; s++) {
      const asIs = this.totalWidth(s, false);
      widest = Math.max(widest, asIs);
      widestVertical = Math.max(widestVertical, this.canBeVertical(s) ? this.totalWidth(s, true) : asIs);
    }
    return widest > terminalWidth ? { width: widestVertical, vertical: true } : { width: widest, vertical: false };
  }
}

/** The measured table as the CLI prints it: the widest width, every section sized to it. */
function printTable(table: Measure, terminalWidth: number): string {
  const { width, vertical } = table.layout(terminalWidth);
  const plain = table.plain;
  const size = table.lineCount(vertical) * (width + 1); // (at least: a text wider than the table makes its line longer)
  // said at once, before a buffer that big is filled (fuzzing: Node's own error, after seconds and gigabytes)
  if (size > bufferConstants.MAX_STRING_LENGTH) throw new JmesPathError('too-large', TOO_LARGE_MESSAGE);
  const latin1 = plain ? reused.latin1.start(size) : undefined;
  const out: TextOut = latin1 ?? new StringOut();
  const printed = reused.printed;
  printed.clear();
  let pooled = 0;
  out.repeat(DASH, width);
  out.add('\n');
  const cells = table.cells;
  const scratch: number[] = [];
  let at = 0;
  for (let s = 0; s < table.sectionCount; s++) {
    const first = at;
    const rowCount = table.rowCount(s);
    const columns = table.columns(s);
    at += rowCount * columns;
    const asRows = vertical && table.canBeVertical(s);
    const headerCount = asRows ? 0 : table.headerCount(s);
    const indent = table.indent(s);
    const innerWidth = width - indent * 2;
    const edge = edgeOf(indent);
    const end = endOf(indent);
    const widths = table.maxWidths(s, asRows, scratch);
    scaleColumnWidths(widths, innerWidth);
    let lines: PrintedLines | undefined;
    if (latin1 !== undefined) {
      const shape = table.headersOf(s);
      lines = printed.get(shape);
      if (lines === undefined) {
        lines = (reused.printedPool[pooled++] ??= new PrintedLines());
        lines.forget();
        printed.set(shape, lines);
      }
      if (!lines.printFor(indent, asRows, widths)) lines.startFor(indent, asRows, widths);
    }
    const title = table.title(s);
    if (title) {
      if (lines !== undefined && lines.title === title) {
        latin1!.again(lines.titleAt, lines.titleEnd);
      } else {
        const from = latin1?.size ?? 0;
        out.add(edge);
        centerText(out, title, innerWidth, '|', '|');
        out.add(end);
        if (lines !== undefined) lines.printedTitle(title, from, latin1!.size);
      }
      if (headerCount === 0 && rowCount === 0) {
        out.add(edge + '+');
        out.repeat(DASH, innerWidth - 2);
        out.add('+' + end);
      }
    }
    if (headerCount > 0) {
      rule(out, lines, widths, edge, end);
      if (lines !== undefined && lines.headerAt >= 0) {
        latin1!.again(lines.headerAt, lines.headerEnd);
      } else {
        const from = latin1?.size ?? 0;
        out.add(edge);
        const n = Math.min(widths.length, headerCount);
        for (let i = 0; i < n; i++) centerText(out, table.header(s, i), widths[i], i === 0 ? '|' : '', '|');
        out.add(end);
        if (lines !== undefined) lines.printedHeader(from, latin1!.size);
      }
    }
    if (rowCount === 0 || widths.length === 0) continue;
    rule(out, lines, widths, edge, end);
    if (asRows) {
      const n = Math.min(table.headerCount(s), columns);
      for (let i = 0; i < n; i++) {
        out.add(edge);
        out.cell(table.header(s, i), widths[0], '|', '|');
        if (widths.length > 1) out.cell(cells.get(first + i), widths[1], '', '|');
        out.add(end);
      }
    } else {
      const n = Math.min(widths.length, columns);
      for (let row = first; row < at; row += columns) {
        out.add(edge);
        for (let i = 0; i < n; i++) out.cell(cells.get(row + i), widths[i], i === 0 ? '|' : '', '|');
        out.add(end);
      }
    }
    rule(out, lines, widths, edge, end);
  }
  return out.text();
}

/** A section's rule line, copied when a section like it printed one. */
function rule(out: TextOut, lines: PrintedLines | undefined, widths: number[], edge: string, end: string): void {
  if (lines === undefined) return lineBreak(out, widths, edge, end);
  const latin1 = out as Latin1Out;
  if (lines.ruleAt >= 0) return latin1.again(lines.ruleAt, lines.ruleEnd);
  lines.ruleAt = latin1.size;
  lineBreak(out, widths, edge, end);
  lines.ruleEnd = latin1.size;
}

/**
 * Where a Latin-1 table's lines for sections of one shape (the same headers) were printed: the next
 * such section with the same indent and column widths prints its title (if the same), rule and
 * header lines byte for byte as they are, copied. (Most of a describe-* table's sections repeat
 * one of a few: every instance's State, Placement, Monitoring...)
 */
class PrintedLines {
  private indent = -1;
  private asRows = false;
  private readonly widths: number[] = [];
  title: string | null = null;
  titleAt = -1;
  titleEnd = -1;
  ruleAt = -1;
  ruleEnd = -1;
  headerAt = -1;
  headerEnd = -1;

  /** Whether the lines were printed for a section laid out like this. */
  printFor(indent: number, asRows: boolean, widths: number[]): boolean {
    if (indent !== this.indent || asRows !== this.asRows || widths.length !== this.widths.length) return false;
    for (let i = 0; i < widths.length; i++) if (widths[i] !== this.widths[i]) return false;
    return true;
  }

  printedTitle(title: string, start: number, end: number): void {
    this.title = title;
    this.titleAt = start;
    this.titleEnd = end;
  }

  printedHeader(start: number, end: number): void {
    this.headerAt = start;
    this.headerEnd = end;
  }

  /** Forgets the layout too (taken for another shape). */
  forget(): void {
    this.indent = -1;
  }

  /** Forgets the lines: a section laid out like this prints them anew. */
  startFor(indent: number, asRows: boolean, widths: number[]): void {
    this.indent = indent;
    this.asRows = asRows;
    this.widths.length = 0;
    for (let i = 0; i < widths.length; i++) this.widths.push(widths[i]);
    this.title = null;
    this.titleAt = this.titleEnd = this.ruleAt = this.ruleEnd = this.headerAt = this.headerEnd = -1;
  }
}

/** A column key as the CLI may hold it: an object key, or (for a list among objects) a list index. */
type Key = string | number | boolean;

function hasColumnKey(obj: JsonObject, key: Key): boolean {
  return typeof key === 'string' && hasKey(obj, key);
}

class TableBuilder {
  private readonly groupings = new KeyGroupings();

  constructor(private readonly table: Table) {}

  clear(): void {
    this.groupings.clear();
  }

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
    const values: JsonValue[] = [];
    const { headers, headerAt, more, moreAt } = this.groupings.group(current, values);
    if (headers.length === 1) {
      this.table.addRow([headers[0], pyStr(values[headerAt[0]])]);
    } else if (headers.length > 0) {
      this.table.addRowHeader(headers);
      this.table.addRowOf(values, headerAt);
    }
    for (let k = 0; k < more.length; k++) this.build(more[k], values[moreAt[k]], indent + 1);
  }

  private fromListOfObjects(current: JsonValue[], indent: number, title: string | null): void {
    if (this.fromListOfAlikeObjects(current, indent, title)) return;
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
      if (!isObject(element)) {
        // only "" and [] get this far (groupKeys): `element.get(h)` runs once per header, and
        // `key in element` is a substring or membership test, true only for the key '' in ''
        if (headers.length > 0) throw new OutputFormatError('AttributeError', `'${pyTypeName(element)}' object has no attribute 'get'`);
        this.table.addRow([]);
        if (element === '' && more.includes('')) throw new OutputFormatError('TypeError', "string indices must be integers, not 'str'");
        continue;
      }
      this.table.addRow(headers.map((h) => (hasColumnKey(element, h) ? pyStr(getField(element, h as string)) : '')));
      for (const key of more) {
        if (hasColumnKey(element, key)) this.build(key as string, getField(element, key as string), indent + 1);
      }
    }
  }

  /**
   * A list whose objects all have the same keys, the same of them holding scalars (the common
   * case: instances, volumes, tags): the union of their keys is the first one's. False, having
   * built nothing, for any other list.
   */
  private fromListOfAlikeObjects(current: JsonValue[], indent: number, title: string | null): boolean {
    let grouping: Grouping | undefined;
    const valuesOf: JsonValue[][] = [];
    for (const item of current) {
      if (!isObject(item)) return false;
      const values: JsonValue[] = [];
      const itsGrouping = this.groupings.group(item, values);
      if (grouping !== undefined && itsGrouping !== grouping) return false;
      grouping = itsGrouping;
      valuesOf.push(values);
    }
    const { headers, headerAt, more, moreAt } = grouping!;
    this.table.addRowHeader(headers);
    for (let g = 0; g < valuesOf.length; g++) {
      if (g > 0 && more.length > 0) {
        this.table.newSection(title, indent);
        this.table.addRowHeader(headers);
      }
      const values = valuesOf[g];
      this.table.addRowOf(values, headerAt);
      for (let k = 0; k < more.length; k++) this.build(more[k], values[moreAt[k]], indent + 1);
    }
    return true;
  }
}

/** An object's keys split into scalar-valued (sorted) and the rest (sorted). */
function groupObjectKeys(obj: JsonObject): [string[], string[]] {
  const keys = objectKeys(obj);
  const { headers, more } = groupingOf(keys, keys.map((key) => getField(obj, key)));
  return [headers, more];
}

/** An object's keys grouped as groupObjectKeys does, with where each sits among the object's values. */
interface Grouping {
  keys: string[];
  /** Which keys held scalars, in key order. */
  scalar: boolean[];
  headers: string[];
  more: string[];
  /** The index in the object's values of each header, and of each of `more`. */
  headerAt: number[];
  moreAt: number[];
}

/**
 * groupObjectKeys for objects that mostly repeat a few shapes (every instance, every tag of a
 * describe-* result), reading values in order rather than by key: sorting each object's keys again
 * and looking up every key cost more than the rest of building the table. A grouping seen for an
 * object with the same first key is reused when its keys and which of them hold scalars are the
 * same. (Groupings are shared: callers only read them.)
 */
class KeyGroupings {
  /** The groupings seen, by first key (a few shapes may share one: Ebs and Attachment start with AttachTime). */
  private readonly byFirstKey = new Map<string, Grouping[]>();

  clear(): void {
    this.byFirstKey.clear();
  }

  /** The object's grouping; its values, in key order, go to `values` (empty when called). */
  group(obj: JsonObject, values: JsonValue[]): Grouping {
    if (obj instanceof OrderedObject) {
      for (const value of obj.map.values()) values.push(value);
      return this.groupOf([...obj.map.keys()], values);
    }
    // for-in reads a plain object's values in order faster than Object.keys and Object.values
    for (const key in obj) values.push(obj[key]);
    if (values.length === 0) return EMPTY_GROUPING;
    const candidates = this.byFirstKey.get(firstKey(obj));
    if (candidates !== undefined) {
      for (const known of candidates) if (sameShape(known, obj, values)) return known;
    }
    return this.groupOf(objectKeys(obj), values);
  }

  private groupOf(keys: string[], values: JsonValue[]): Grouping {
    if (keys.length === 0) return EMPTY_GROUPING;
    const grouping = groupingOf(keys, values);
    const candidates = this.byFirstKey.get(keys[0]);
    if (candidates === undefined) this.byFirstKey.set(keys[0], [grouping]);
    else if (candidates.length < MAX_SHAPES_PER_FIRST_KEY) candidates.push(grouping);
    return grouping;
  }
}

const MAX_SHAPES_PER_FIRST_KEY = 8;

/** The grouping of an object with these keys and values (in its order). */
function groupingOf(keys: string[], values: JsonValue[]): Grouping {
  const scalar = values.map(isScalar);
  const byKey = (i: number, j: number): number => compareStrings(keys[i], keys[j]);
  const headerAt = keys.map((_, i) => i).filter((i) => scalar[i]).sort(byKey);
  const moreAt = keys.map((_, i) => i).filter((i) => !scalar[i]).sort(byKey);
  return { keys, scalar, headers: headerAt.map((i) => keys[i]), more: moreAt.map((i) => keys[i]), headerAt, moreAt };
}

function firstKey(obj: PlainObject): string {
  for (const key in obj) return key;
  return '';
}

/** Whether a plain object has the grouping's keys, in its order, the same of them holding scalars. */
function sameShape(known: Grouping, obj: PlainObject, values: JsonValue[]): boolean {
  if (known.keys.length !== values.length) return false;
  let i = 0;
  for (const key in obj) {
    if (known.keys[i] !== key || known.scalar[i] !== isScalar(values[i])) return false;
    i++;
  }
  return true;
}

const EMPTY_GROUPING: Grouping = { keys: [], scalar: [], headers: [], more: [], headerAt: [], moreAt: [] };

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

/**
 * The table, its builder and its text buffer, reused from table to table. V8's optimized code for
 * their methods depends on the objects it ran with, weakly: when a table's objects died at a full
 * garbage collection, every table method was thrown out and optimized again on the next table,
 * which took twice as long. What a big table made room for is let go of after a while without one.
 */
const reused = new (class {
  readonly table = new Measure();
  readonly builder = new TableBuilder(this.table);
  readonly latin1 = new Latin1Out();
  readonly printed = new Map<string[], PrintedLines>();
  /** The PrintedLines of every table (by first use), kept so that their code is kept too. */
  readonly printedPool: PrintedLines[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  letGoLater(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.table.clear(true);
      this.latin1.letGo();
      this.printedPool.length = 0;
    }, LET_GO_AFTER_MS);
    this.timer.unref?.();
  }
})();

const LET_GO_AFTER_MS = 30_000;
