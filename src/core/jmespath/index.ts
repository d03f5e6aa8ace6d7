// The engine's public surface: compile once (cached), read a document once, evaluate many times,
// and print as `aws ... --output json` prints.
import { JsonValue, NeedsExactRead, holdsPlainInteger, isObject, objectSize } from '../json/values';
import { exactify } from '../json/exactify';
import { JsonSyntaxError, ParsedJson, SourceMap, hasFloatTokens, parseJson } from '../json/parse';
import { dumps } from '../json/print';
import { JmesPathError, asTooDeep } from './errors';
import { ALL, Narrowing, documentDemand } from './demand';
import { Evaluation } from './evaluation';
import { InvalidJson, readPartially } from './partialRead';
import { documentText, withByteOrderMarkNamed } from './documentText';
import { evaluate } from './interpreter';
import { isFalse } from './semantics';
import { callFunction } from './functions';
import { Node, parse } from './parser';
import { TracedResult, evaluateWithSources } from './provenance';

export { JmesPathError } from './errors';
export type { ErrorKind } from './errors';
export type { Node } from './parser';
export type { Range, TracedResult } from './provenance';
export { FUNCTION_NAMES } from './functions';
export { DEFAULT_MAX_VALUES } from './evaluation';

const CACHE_SIZE = 512;
const cache = new Map<string, Node>();

/** Parses an expression, reusing the result for an expression seen recently. */
export function compile(expression: string): Node {
  // (the engine is called from JavaScript too: a number or null would be read as text or fail in a parser's loop)
  if (typeof expression !== 'string') throw new JmesPathError('invalid-option', `A JMESPath expression is a string, not ${describeType(expression)}.`);
  const hit = cache.get(expression);
  if (hit) return hit;
  let ast: Node;
  try {
    ast = parse(expression);
  } catch (e) {
    throw asTooDeep(e);
  }
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(expression, ast);
  return ast;
}

export interface SearchOptions {
  /** Values one evaluation may build before it stops with `limit-exceeded` (DEFAULT_MAX_VALUES). */
  maxValues?: number;
}

export interface SearchOnceOptions extends SearchOptions {
  /** The printer takes document containers as bytes (Verbatim), as the JSON printer does. */
  verbatim?: boolean;
}

/** Error kinds whose messages may show a document value or name its Python type (`int`). */
const NAMES_VALUES = new Set<string>(['invalid-type', 'invalid-value', 'output-format']);

/** A JSON document read once, to be queried many times. */
export class JsonDocument {
  private constructor(readonly text: string, private root: JsonValue, private exact: boolean, private sourceMap?: SourceMap) {}

  /**
   * Reads text, or bytes that must be UTF-8 (a leading byte order mark is skipped). Throws
   * JmesPathError of kind `invalid-json` with line and column (and the byte offset for bad bytes).
   * `exact` reads exactly at once, with the exact reader; `oneQuery` makes a fast read exact at once
   * (exactify.ts: for a single query, cheaper than being ready to read it again).
   */
  static parse(input: string | Uint8Array, options: { withSourceMap?: boolean; exact?: boolean; oneQuery?: boolean } = {}): JsonDocument {
    const { text, byteOrderMark } = documentText(input);
    const parsed = withByteOrderMarkNamed(byteOrderMark, () => readJson(text, { withSourceMap: options.withSourceMap, fast: !options.withSourceMap && !options.exact }));
    const doc = new JsonDocument(text, parsed.value, parsed.exact, parsed.sourceMap);
    if (options.oneQuery && !doc.exact) doc.reread(false);
    return doc;
  }

  get value(): JsonValue {
    return this.root;
  }

  /** Offsets of every value, computed on first use. */
  getSourceMap(): SourceMap {
    if (!this.sourceMap) this.reread(true);
    return this.sourceMap!;
  }

  /** Re-reads exactly (and with offsets); the maps are keyed by value identity, so adopt the new values. */
  private reread(withSourceMap: boolean): void {
    if (!withSourceMap && !this.exact) {
      // patch what JSON.parse got wrong, in place, rather than read it all again
      const patched = exactify(this.text, this.root);
      if (patched !== undefined) {
        this.root = patched;
        this.exact = true;
        return;
      }
    }
    const parsed = readJson(this.text, { withSourceMap });
    this.root = parsed.value;
    this.exact = true;
    if (parsed.sourceMap) this.sourceMap = parsed.sourceMap;
  }

  private floatTokens: boolean | undefined;

  /**
   * Runs `run` on this document's values, in a fresh Evaluation. After a fast read, if the outcome
   * could differ from an exact read, re-reads exactly and runs it again: when a value JSON.parse got
   * wrong was used (NeedsExactRead), or, if the text has float tokens (`1.0`, which JSON.parse reads
   * as 1), when the result holds a document integer, to_string() wrote one, or an error message may
   * name one.
   */
  private withExactRetry<T>(run: (ev: Evaluation) => T, resultOf: (out: T) => JsonValue | undefined, options: SearchOptions): T {
    const attempt = (): { out: T; ev: Evaluation } | { error: unknown } => {
      const ev = new Evaluation(options.maxValues);
      try {
        return { out: run(ev), ev };
      } catch (error) {
        return { error };
      }
    };
    let outcome = attempt();
    if (!this.exact && this.fastReadMayDiffer(outcome, resultOf)) {
      this.reread(false);
      outcome = attempt();
    }
    if ('error' in outcome) throw asTooDeep(outcome.error);
    return outcome.out;
  }

  private fastReadMayDiffer<T>(outcome: { out: T; ev: Evaluation } | { error: unknown }, resultOf: (out: T) => JsonValue | undefined): boolean {
    let integers: boolean;
    if ('error' in outcome) {
      const e = outcome.error;
      if (e instanceof NeedsExactRead) return true;
      integers = e instanceof JmesPathError && NAMES_VALUES.has(e.kind);
    } else {
      const result = resultOf(outcome.out);
      try {
        integers = outcome.ev.wroteIntegers || (result !== undefined && holdsPlainInteger(result));
      } catch (e) {
        if (e instanceof NeedsExactRead) return true;
        throw e;
      }
    }
    return integers && (this.floatTokens ??= hasFloatTokens(this.text));
  }

  /** The result value. Print it with formatCliOutput() or searchText(). */
  search(expression: string | Node, options: SearchOptions = {}): JsonValue {
    const ast = astOf(expression);
    return this.withExactRetry((ev) => evaluate(ast, this.root, ev), (v) => v, options);
  }

  /**
   * What `aws --query <expression> --output json` prints for this document, or what `print`
   * makes of the result (another output format).
   */
  searchText(expression: string | Node, print: (value: JsonValue) => string = formatCliOutput, options: SearchOptions = {}): { text: string; value: JsonValue } {
    const ast = astOf(expression);
    // numbers the expression computed (`length(...)`) say nothing about the document
    const computed = numbersAreComputed(ast);
    return this.withExactRetry((ev) => {
      const value = evaluate(ast, this.root, ev);
      return { text: print(value), value };
    }, (out) => (computed ? undefined : out.value), options);
  }

  /** Evaluates and reports the document ranges the result is made of (for highlighting). */
  searchWithSources(expression: string | Node, limit?: number, options: SearchOptions = {}): TracedResult & { text: string } {
    const ast = astOf(expression);
    const sourceMap = this.getSourceMap();
    try {
      const traced = evaluateWithSources(ast, this.root, sourceMap, limit, new Evaluation(options.maxValues));
      return { ...traced, text: formatCliOutput(traced.value) };
    } catch (e) {
      throw asTooDeep(e);
    }
  }
}

/** Whether every number in the result is one the expression computed as a Python int (`length(...)`). */
function numbersAreComputed(node: Node): boolean {
  if (node.type === 'function') return node.name === 'length' || node.name === 'ceil' || node.name === 'floor';
  return node.type === 'literal' || node.type === 'comparator' || node.type === 'not';
}

function readJson(text: string, options: { withSourceMap?: boolean; fast?: boolean } = {}): ParsedJson {
  try {
    return parseJson(text, options);
  } catch (e) {
    if (e instanceof JsonSyntaxError) {
      const err = new JmesPathError('invalid-json', `Invalid JSON: ${e.message}`);
      err.line = e.line;
      err.jsonColumn = e.column;
      throw err;
    }
    throw asTooDeep(e);
  }
}

/** A compiled expression, or the expression compiled. */
function astOf(expression: string | Node): Node {
  if (typeof expression === 'string') return compile(expression);
  if (expression !== null && typeof expression === 'object' && typeof (expression as { type?: unknown }).type === 'string') return expression;
  throw new JmesPathError('invalid-option', `A JMESPath expression is a string (or what compile() returns), not ${describeType(expression)}.`);
}

/** `null`, `a number`, `an object`...: what a caller passed instead. */
function describeType(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  if (Array.isArray(v)) return 'an array';
  const type = typeof v;
  return `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
}

/** What `aws --output json` prints for a result: 4-space JSON and a newline, nothing for `{}`. */
export function formatCliOutput(value: JsonValue): string {
  if (isObject(value) && objectSize(value) === 0) return '';
  try {
    return dumps(value) + '\n';
  } catch (e) {
    throw asTooDeep(e);
  }
}

/** One-shot: the exact text `aws ... --query <expression> --output json` prints for the document. */
export function search(expression: string, jsonText: string | Uint8Array, options: SearchOptions = {}): string {
  const ast = compile(expression); // the CLI rejects a bad --query before it reads anything
  return searchOnce(jsonText, ast, formatCliOutput, { ...options, verbatim: true });
}

/**
 * One query on a document read for it alone. Given bytes (a file, a pipe), only the parts the
 * expression can observe are built (demand.ts), exactly, straight from the UTF-8: for big files
 * much less work than decoding and reading it all; containers that are only printed stay bytes
 * for a `verbatim` printer. Given text, JSON.parse reads it (encoding the
 * text to bytes first would cost more than it saves). Errors are answered from a full read, since
 * their messages may show any value; so is invalid JSON, whose message says where.
 */
export function searchOnce(input: string | Uint8Array, ast: Node, print: (value: JsonValue) => string, options: SearchOnceOptions = {}): string {
  if (typeof input !== 'string' && !(input instanceof Uint8Array)) {
    throw new JmesPathError('invalid-option', `A JSON document is text (a string) or bytes (a Uint8Array or Buffer), not ${describeType(input)}.`);
  }
  if (typeof input !== 'string') {
    const answer = searchPartially(input, ast, print, options);
    if (answer) return answer.text;
  }
  // for a string: a fast read, made exact only if the result needs it
  return JsonDocument.parse(input, { oneQuery: typeof input !== 'string' }).searchText(ast, print, options).text;
}

/**
 * The result and its printed text from a partial read of the bytes (see searchOnce), or undefined
 * when the whole document must be read for it: the expression observes everything, the bytes are
 * not valid JSON, or the query fails (its message may show any value). A `verbatim` result may
 * hold Verbatim containers.
 */
export function searchPartially(bytes: Uint8Array, ast: Node, print: (value: JsonValue) => string, options: SearchOnceOptions = {}): { text: string; value: JsonValue } | undefined {
  const demand = documentDemand(ast, options.verbatim);
  if (demand === ALL) return undefined;
  const ev = new Evaluation(options.maxValues);
  let root: JsonValue;
  try {
    root = readPartially(bytes, demand, (how, elements) => narrowList(how, elements, ev));
  } catch (e) {
    if (e instanceof JmesPathError && e.kind === 'limit-exceeded') throw e; // the same on any read
    // invalid JSON, or a query error while narrowing a list: the full read says where and what
    if (!(e instanceof InvalidJson) && !(e instanceof JsonSyntaxError) && !(e instanceof JmesPathError)) throw asTooDeep(e);
    return undefined;
  }
  try {
    const value = evaluate(ast, root, ev);
    return { text: print(value), value };
  } catch (e) {
    if (e instanceof JmesPathError && e.kind === 'limit-exceeded') throw e;
    return undefined;
  }
}

/** What a list's one consumer keeps of the elements read so far: those passing its filter, or its max_by/min_by. */
function narrowList(how: Narrowing, elements: JsonValue[], ev: Evaluation): JsonValue[] {
  if (how.filter) return elements.filter((e) => !isFalse(evaluate(how.filter, e, ev)));
  // the function on the elements so far: the best, the first among equals, as on the whole list
  return [callFunction(how.best.name, [elements, evaluate(how.best.args[1], null, ev)], ev)];
}
