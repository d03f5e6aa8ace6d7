// `--output text`, by the rules of the AWS CLI's text formatter (awscli/text.py, the same in v1 and v2):
// - a scalar prints as Python's str() (`None`, `True`, `1.0`) on its own line;
// - a list of scalars is one tab-separated line (one `KEY\tvalue` line each under a key);
// - an object prints its scalar values on one line, keys sorted by code point, then each
//   non-scalar member under its key, upper-cased as the line's first column;
// - a list of objects uses the sorted union of the objects' scalar keys as columns ('' where one
//   is missing), so every row has the same columns.
import { JsonObject, JsonValue, compareStrings, getField, hasKey, isObject, objectKeys } from '../json/values';
import { OutputFormatError, SortedKeys, isScalar, pyStr, pyTypeName } from './python';

export function formatText(value: JsonValue): string {
  const writer = reusedWriter;
  try {
    writer.value(value, undefined, undefined);
    return writer.text();
  } catch (e) {
    if (e instanceof OutputFormatError) e.printed = writer.linesWritten(); // (the CLI's text formatter writes a line at a time)
    throw e;
  } finally {
    writer.clear();
  }
}

/** The scalar keys of a list of objects: their columns, in order, and as a set. */
interface Columns {
  keys: string[];
  has: Set<string>;
}

/**
 * Writes the text. An object's keys are sorted once per shape, and its line is one string built
 * as it goes: a 10 MB result makes hundreds of thousands of objects, and sorting each one's
 * entries anew, with sets and arrays for each, cost more in garbage collection than the rest.
 */
class TextWriter {
  private readonly parts: string[] = [];
  private readonly chunks: string[] = [];
  private readonly sortedKeys = new SortedKeys();
  private readonly upperCase = new Map<string, string>();

  text(): string {
    this.chunks.push(this.parts.join(''));
    return this.chunks.join('');
  }

  /** The lines finished so far. */
  linesWritten(): string {
    return this.chunks.join('') + this.parts.slice(0, this.partsInLines).join('');
  }

  /** How many of `parts` make up finished lines. */
  private partsInLines = 0;

  clear(): void {
    this.parts.length = 0;
    this.partsInLines = 0;
    this.chunks.length = 0;
    this.sortedKeys.clear();
    this.upperCase.clear();
  }

  private line(text: string): void {
    this.parts.push(text);
    this.endLine();
  }

  private endLine(): void {
    this.parts.push('\n');
    if (this.parts.length >= 8192) {
      this.chunks.push(this.parts.join(''));
      this.parts.length = 0;
    }
    this.partsInLines = this.parts.length;
  }

  private upper(identifier: string): string {
    let upper = this.upperCase.get(identifier);
    if (upper === undefined) this.upperCase.set(identifier, (upper = identifier.toUpperCase()));
    return upper;
  }

  value(item: JsonValue, identifier: string | undefined, columns: Columns | undefined): void {
    if (Array.isArray(item)) this.list(item, identifier);
    else if (isObject(item)) this.object(item, identifier, columns);
    else this.line(pyStr(item));
  }

  private list(items: JsonValue[], identifier: string | undefined): void {
    if (items.length === 0) return;
    if (items.some(isObject)) {
      const columns = allScalarKeys(items);
      for (const element of items) this.value(element, identifier, columns);
    } else if (items.some(Array.isArray)) {
      const scalars = items.filter(isScalar);
      if (scalars.length > 0) this.scalars(scalars, identifier);
      for (const item of items) if (!isScalar(item)) this.value(item, identifier, undefined);
    } else {
      this.scalars(items, identifier);
    }
  }

  private scalars(items: JsonValue[], identifier: string | undefined): void {
    if (identifier !== undefined) {
      const key = this.upper(identifier);
      for (const item of items) this.line(key + '\t' + pyStr(item));
    } else {
      this.line(items.map(pyStr).join('\t'));
    }
  }

  /** Before a line's cell `n`: the line's upper-cased key (if any) before the first, a tab before the others. */
  private startCell(n: number, identifier: string | undefined): void {
    if (n > 0) this.parts.push('\t');
    else if (identifier !== undefined) this.parts.push(this.upper(identifier), '\t');
  }

  private object(item: JsonObject, identifier: string | undefined, columns: Columns | undefined): void {
    const keys = this.sortedKeys.of(item);
    const parts = this.parts;
    // the line's pieces go straight to the text (strings joined as they come cost more to flatten)
    let cells = 0;
    if (columns === undefined) {
      for (const key of keys) {
        const value = getField(item, key);
        if (!isScalar(value)) continue;
        this.startCell(cells++, identifier);
        parts.push(pyStr(value));
      }
    } else {
      // dict.get(key, ''): a key another object holds as a scalar may hold a list here (printed as repr)
      for (const key of columns.keys) {
        this.startCell(cells++, identifier);
        if (hasKey(item, key)) parts.push(pyStr(getField(item, key)));
      }
    }
    if (cells > 0) this.endLine();
    for (const key of keys) {
      if (columns !== undefined ? columns.has.has(key) : isScalar(getField(item, key))) continue;
      this.value(getField(item, key), key, undefined);
    }
  }
}

/**
 * One writer for every text: V8's optimized code for its methods depends on the objects it ran
 * with, weakly, and was thrown away whenever a garbage collection took a finished writer (as for
 * the table, table.ts's `reused`).
 */
const reusedWriter = new TextWriter();

/** The sorted union of the scalar-valued keys; every element must be an object (as in the CLI). */
function allScalarKeys(items: JsonValue[]): Columns {
  const has = scalarKeys(items);
  return { keys: [...has].sort(compareStrings), has };
}

/**
 * (Apart from the sort: V8 optimized the loop while it ran, before the line after it had ever run,
 * and then left its optimized code at that line at every call, hundreds of times a big text.)
 */
function scalarKeys(items: JsonValue[]): Set<string> {
  const has = new Set<string>();
  for (const item of items) {
    if (!isObject(item)) throw new OutputFormatError('AttributeError', `'${pyTypeName(item)}' object has no attribute 'items'`);
    for (const key of objectKeys(item)) if (isScalar(getField(item, key))) has.add(key);
  }
  return has;
}
