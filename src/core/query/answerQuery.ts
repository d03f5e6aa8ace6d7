// Answers a query on a read document in the shape the editor needs: the printed result, its count,
// and the source offsets behind highlights. Runs in the query worker and, for small open documents,
// on the extension host itself.
import { JmesPathError, JsonDocument, Node, compile, formatCliOutput, searchPartially } from '../jmespath';
import { diagnose } from '../jmespath/analysis/diagnostics';
import type { ErrorKind } from '../jmespath/errors';
import { MissingField, explainEmpty, explainNullItem } from './emptyResult';
import { JsonValue, NeedsExactRead } from '../json/values';
import { parseJson } from '../json/parse';
import { OutputOptions, printerFor } from '../output';

export interface SerializedError {
  /**
   * `not-loaded`: the worker does not hold the document (the host reloads it and asks again).
   * `out-of-memory` / `worker-crashed`: the query worker died running the request (the next
   * request starts a fresh one).
   * `file-not-found`: the JSON file is gone (moved, renamed or deleted).
   */
  kind: ErrorKind | 'internal' | 'not-loaded' | 'out-of-memory' | 'worker-crashed' | 'file-not-found';
  message: string;
  /** 0-based code-point column of a syntax error. */
  column?: number;
  /** 1-based position of invalid JSON. */
  line?: number;
  jsonColumn?: number;
}

export interface QueryAnswer {
  /** What `aws --output json` (or the requested output format) prints, cut at maxChars. */
  text: string;
  truncated: boolean;
  /** The length of the whole printed result, when `text` is cut. */
  printedChars?: number;
  /** Number of values in the result: its length for a list, 0 for null, else 1. */
  count: number;
  /** Flat [start, end, start, end, ...] document offsets of the values the result is made of (at most maxRanges). */
  ranges: number[];
  /** How many values the result takes from the document, maxRanges or not (with sources only). */
  rangeTotal?: number;
  /** The result (or part of it) was computed, not taken from the document. */
  computed: boolean;
  /** Offset where a computed result belongs in the document (with sources only). */
  anchor: number;
  /** For a `null` or `[]` result: a field the data does not have where the query looks for it. */
  missing?: MissingField;
  /** For an empty result no field explains: a filter given each element, not the list (the lint's words, and the query it suggests). */
  filterOnElement?: { message: string; corrected: string };
  ms: number;
}

export interface QueryOptions {
  withSources: boolean;
  maxChars: number;
  maxRanges: number;
  /** Print the result as `--output text|table|yaml|yaml-stream` would (without sources only; default json). */
  output?: OutputOptions;
}

export function answerQuery(doc: JsonDocument, expression: string, options: QueryOptions): QueryAnswer {
  const t0 = performance.now();
  const ast = compile(expression);
  if (options.withSources) {
    const traced = doc.searchWithSources(ast, options.maxRanges);
    const { computed, anchor, rangeTotal } = traced;
    return answerOf(traced.value, traced.text, options, t0, {
      ranges: traced.ranges.flat(), computed, anchor, ...(rangeTotal !== undefined ? { rangeTotal } : {}),
    });
  }
  const { value, text } = doc.searchText(ast, printerOf(options));
  const empty = isEmptyResult(value);
  const missing = explainMissing(ast, doc, empty ? explainEmpty : explainNullItem);
  if (missing) return answerOf(value, text, options, t0, { missing });
  // `Instances[][?State.Name=='running']`: the palette and the results tab say why, as a query file does (trial 26)
  const filter = empty ? diagnose(expression, { kind: 'json', root: doc.value }).find((d) => d.code === 'filter-on-element') : undefined;
  const corrected = filter?.fix && expression.slice(0, filter.start) + filter.fix.text + expression.slice(filter.end);
  return answerOf(value, text, options, t0, filter && corrected ? { filterOnElement: { message: filter.message, corrected } } : {});
}

/**
 * The answer from a partial read of a document's bytes (no sources), before the document is read
 * whole: a big file's first result without the seconds of building all of it. Undefined when the
 * whole document is needed (see searchPartially), or the result is empty (explaining why looks at
 * the whole document).
 */
export function answerQueryOnBytes(bytes: Uint8Array, expression: string, options: QueryOptions): QueryAnswer | undefined {
  const t0 = performance.now();
  if (options.withSources) return undefined;
  const answer = searchPartially(bytes, compile(expression), printerOf(options));
  if (!answer || isEmptyResult(answer.value)) return undefined;
  return answerOf(answer.value, answer.text, options, t0, {});
}

/** How the result is printed: the requested output format, JSON when none. */
function printerOf(options: QueryOptions): (value: JsonValue) => string {
  return options.output && (options.output.output ?? 'json') !== 'json' ? printerFor(options.output) : formatCliOutput;
}

/** The answer for a result printed as `printed`, cut at maxChars; `more`: sources or why it is empty. */
function answerOf(value: JsonValue, printed: string, options: QueryOptions, t0: number, more: Partial<QueryAnswer>): QueryAnswer {
  const truncated = printed.length > options.maxChars;
  return {
    text: truncated ? printed.slice(0, options.maxChars) : printed,
    truncated,
    ...(truncated ? { printedChars: printed.length } : {}),
    count: Array.isArray(value) ? value.length : value === null ? 0 : 1,
    ranges: [],
    computed: false,
    anchor: 0,
    ...more,
    ms: performance.now() - t0,
  };
}

/** Documents re-read exactly to explain an empty result when the fast read cannot list their keys. */
const EXACT_EXPLAIN_MAX_CHARS = 32_000_000;

/**
 * Why the result is empty. The fast read (JSON.parse) cannot list the keys of an object with
 * integer-like keys (`"10"`, `"2"`) in document order; then the text is read exactly once more.
 */
function explainMissing(ast: Node, doc: JsonDocument, explain: typeof explainEmpty): MissingField | undefined {
  try {
    return explain(ast, doc.value, { rethrowInexact: true });
  } catch (e) {
    if (!(e instanceof NeedsExactRead) || doc.text.length > EXACT_EXPLAIN_MAX_CHARS) return undefined;
    try {
      return explain(ast, parseJson(doc.text).value);
    } catch {
      return undefined;
    }
  }
}

export function serializeError(e: unknown): SerializedError {
  if (e instanceof JmesPathError) {
    return { kind: e.kind, message: e.message, column: e.column, line: e.line, jsonColumn: e.jsonColumn };
  }
  return { kind: 'internal', message: e instanceof Error ? e.message : String(e) };
}

/** `null`, `[]`, or lists of only those (`[[], []]` from a projection over empty filters). */
export function isEmptyResult(value: unknown, depth = 0): boolean {
  if (value === null) return true;
  return Array.isArray(value) && depth < 8 && value.every((v) => isEmptyResult(v, depth + 1));
}
