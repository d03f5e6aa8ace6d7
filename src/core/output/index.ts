// Every output format the AWS CLI prints (`--output json|text|table|yaml|yaml-stream`), for a
// query result: exactly the bytes `aws ... --query Q --output F` writes to stdout.
import { JsonValue, OrderedObject, PyFloat, PyKeyedObject, Verbatim, isObject, objectSize } from '../json/values';
import { dumpsTo } from '../json/print';
import { JmesPathError, expressionReferenceResult } from '../jmespath/errors';
import { compile, formatCliOutput, searchOnce } from '../jmespath';
import { OutputFormatError } from './python';
import { formatText } from './text';
import { formatTable } from './table';
import { formatYaml, formatYamlStream } from './yaml';

export { OutputFormatError } from './python';
export { formatText } from './text';
export { formatTable } from './table';
export { formatYaml, formatYamlStream } from './yaml';

export const OUTPUT_FORMATS = ['json', 'text', 'table', 'yaml', 'yaml-stream'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface OutputOptions {
  /** `json` (default), `text`, `table`, `yaml` or `yaml-stream`. */
  output?: OutputFormat;
  /** The table's title: the operation's API name as botocore spells it (`DescribeInstances`). */
  title?: string;
  /** Table width limit; the CLI uses 80 unless stdout is a terminal. */
  terminalWidth?: number;
  /** Values the query may build before it stops with `limit-exceeded` (default DEFAULT_MAX_VALUES). */
  maxValues?: number;
}

export function isOutputFormat(s: unknown): s is OutputFormat {
  return typeof s === 'string' && (OUTPUT_FORMATS as readonly string[]).includes(s);
}

/** Checks options from callers outside TypeScript's reach (commands, the CLI, scripts). */
export function checkOutputOptions(options: OutputOptions): void {
  if (options.output !== undefined && !isOutputFormat(options.output)) {
    throw new JmesPathError('invalid-option', `Unknown output format ${JSON.stringify(options.output)}: expected one of ${OUTPUT_FORMATS.join(', ')}.`);
  }
  if (options.title !== undefined && typeof options.title !== 'string') {
    throw new JmesPathError('invalid-option', 'The table title must be a string (the operation name, e.g. DescribeInstances).');
  }
  const w = options.terminalWidth;
  if (w !== undefined && !(typeof w === 'number' && Number.isInteger(w) && w > 0)) {
    throw new JmesPathError('invalid-option', 'terminalWidth must be a positive integer.');
  }
}

/** Prints a query result in the chosen format. Throws OutputFormatError where the CLI fails. */
export function formatOutput(value: JsonValue, options: OutputOptions = {}): string {
  const output = options.output ?? 'json';
  // json's printer checks as it goes
  const unprintable = output === 'json' ? undefined : findUnprintable(value, true);
  if (unprintable instanceof PyKeyedObject) {
    if (findUnprintable(value)) throw expressionReferenceResult(); // (which says more, wherever it is)
    // the CLI's text, table and yaml printers sort keys and print str(key): Python's rules for
    // mixed key types, which this engine leaves to JSON
    throw new OutputFormatError('TypeError', `merge() made an object with keys that are not strings (${[...unprintable.pyKeys.keys()][0]}): only --output json prints it here`);
  }
  if (unprintable) throw expressionReferenceResult();
  switch (output) {
    case 'json': return formatCliOutput(value);
    case 'text': return formatText(value);
    case 'table': return formatTable(value, options.title ?? '', { terminalWidth: options.terminalWidth });
    case 'yaml': return formatYaml(value);
    case 'yaml-stream': return formatYamlStream(value);
  }
}

/**
 * The first `&expression` in the value, or (`keyedToo`) the first object with keys that are not
 * strings, if any (walked without recursion: results can be 100,000 deep).
 */
function findUnprintable(value: JsonValue, keyedToo = false): object | undefined {
  // Results may share lists (`[@, @] | [@, @]` doubles at every step): a walk that has visited a
  // million containers starts again, remembering what it has seen.
  let found = walkForUnprintable(value, undefined, 1_000_000, keyedToo);
  if (found === undefined) found = walkForUnprintable(value, new Set(), Infinity, keyedToo);
  return found ?? undefined;
}

/** What it found, null for nothing, undefined: gave up after `budget` containers. */
function walkForUnprintable(value: JsonValue, seen: Set<object> | undefined, budget: number, keyedToo: boolean): object | null | undefined {
  const stack: JsonValue[] = [value];
  while (stack.length) {
    const v = stack.pop()!;
    if (v === null || typeof v !== 'object' || v instanceof PyFloat || v instanceof Verbatim) continue;
    if (seen) {
      if (seen.has(v)) continue;
      seen.add(v);
    } else if (--budget < 0) {
      return undefined;
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) if (v[i] !== null && typeof v[i] === 'object') stack.push(v[i]);
    } else if (v instanceof OrderedObject) {
      if (keyedToo && v instanceof PyKeyedObject) return v;
      for (const x of v.map.values()) if (x !== null && typeof x === 'object') stack.push(x);
    } else if (isObject(v)) {
      for (const key in v) {
        const x = v[key];
        if (x !== null && typeof x === 'object') stack.push(x);
      }
    } else {
      return v;
    }
  }
  return null;
}

/** Results nested deeper than this are printed whole, so a failure to print them leaves no partial output. */
const STREAM_MAX_DEPTH = 1000;

/** A printer for JsonDocument.searchText(). */
export function printerFor(options: OutputOptions): (value: JsonValue) => string {
  checkOutputOptions(options);
  return (value) => formatOutput(value, options);
}

/**
 * One-shot: the exact text `aws ... --query <expression> --output <output>` prints for the
 * document, given as text or as bytes (which must be UTF-8).
 */
export function search(expression: string, jsonText: string | Uint8Array, options: OutputOptions = {}): string {
  const print = printerFor(options ?? {});
  const ast = compile(expression); // the CLI rejects a bad --query before it reads anything
  return searchOnce(jsonText, ast, print, { maxValues: options.maxValues, verbatim: (options.output ?? 'json') === 'json' });
}

/**
 * As search(), handing the output to `write` in pieces (about 64 KB for `--output json`) rather
 * than as one string: what the command line does, so printing a 100 MB result needs no 100 MB
 * string. Nothing is written when the query or its printing fails.
 */
export function searchTo(expression: string, jsonText: string | Uint8Array, options: OutputOptions, write: (chunk: string | Uint8Array) => void): void {
  const print = printerFor(options ?? {});
  const ast = compile(expression);
  const streamJson = (options.output ?? 'json') === 'json';
  const out = searchOnce(jsonText, ast, (value) => {
    if (!streamJson) return print(value);
    if (isObject(value) && objectSize(value) === 0) return ''; // the CLI prints nothing for {}
    if (findUnprintable(value)) throw expressionReferenceResult();
    try {
      dumpsTo(value, write, STREAM_MAX_DEPTH);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      return print(value); // nothing was written: printed whole, it fails (or not) as search() does
    }
    return '\n';
  }, { maxValues: options.maxValues, verbatim: streamJson });
  if (out) write(out);
}
