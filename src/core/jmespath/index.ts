// The engine's public surface: compile once (cached), read a document once, evaluate many times,
// and print as `aws ... --output json` prints.
import { JsonValue, NeedsExactRead, integerWrites, isObject, objectSize } from '../json/values';
import { JsonSyntaxError, ParsedJson, SourceMap, hasFloatTokens, parseJson } from '../json/parse';
import { dumps } from '../json/print';
import { JmesPathError, asTooDeep } from './errors';
import { evaluate } from './interpreter';
import { Node, parse } from './parser';
import { TracedResult, evaluateWithSources } from './provenance';
import { documentText, withByteOrderMarkNamed } from './documentText';

export { JmesPathError } from './errors';
export type { ErrorKind } from './errors';
export type { Node } from './parser';
export type { Range, TracedResult } from './provenance';
export { FUNCTION_NAMES } from './functions';

const CACHE_SIZE = 512;
const cache = new Map<string, Node>();

/** Parses an expression, reusing the result for an expression seen recently. */
export function compile(expression: string): Node {
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

/** A JSON document read once, to be queried many times. */
export class JsonDocument {
  private constructor(readonly text: string, private root: JsonValue, private exact: boolean, private sourceMap?: SourceMap) {}

  /**
   * Reads text, or bytes that must be UTF-8 (a leading byte order mark is skipped). Throws
   * JmesPathError of kind `invalid-json` with line and column (and the byte offset for bad bytes).
   */
  static parse(input: string | Uint8Array, options: { withSourceMap?: boolean } = {}): JsonDocument {
    const { text, byteOrderMark } = documentText(input);
    const parsed = withByteOrderMarkNamed(byteOrderMark, () => readJson(text, { withSourceMap: options.withSourceMap, fast: !options.withSourceMap }));
    return new JsonDocument(text, parsed.value, parsed.exact, parsed.sourceMap);
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
    const parsed = readJson(this.text, { withSourceMap });
    this.root = parsed.value;
    this.exact = true;
    if (parsed.sourceMap) this.sourceMap = parsed.sourceMap;
  }

  private floatTokens: boolean | undefined;

  /**
   * Runs `use` on this document's values. After a fast read, if the outcome could differ from an
   * exact read (a value JSON.parse got wrong was used, or an integer was written out and the text
   * has float tokens), re-reads exactly and runs `use` again.
   */
  private withExactRetry<T>(use: () => T): T {
    const before = integerWrites.count;
    let outcome: { value: T } | { error: unknown };
    try {
      outcome = { value: use() };
    } catch (e) {
      outcome = { error: e };
    }
    if (!this.exact) {
      const needsExact = 'error' in outcome && outcome.error instanceof NeedsExactRead;
      if (needsExact || (integerWrites.count !== before && (this.floatTokens ??= hasFloatTokens(this.text)))) {
        this.reread(false);
        try {
          outcome = { value: use() };
        } catch (e) {
          outcome = { error: e };
        }
      }
    }
    if ('error' in outcome) throw asTooDeep(outcome.error);
    return outcome.value;
  }

  /** The result value. Print it with formatCliOutput() through searchText() if it may hold document numbers. */
  search(expression: string | Node): JsonValue {
    const ast = typeof expression === 'string' ? compile(expression) : expression;
    return this.withExactRetry(() => exactValue(evaluate(ast, this.root)));
  }

  /**
   * What `aws --query <expression> --output json` prints for this document, or what `print`
   * makes of the result (another output format).
   */
  searchText(expression: string | Node, print: (value: JsonValue) => string = formatCliOutput): { text: string; value: JsonValue } {
    const ast = typeof expression === 'string' ? compile(expression) : expression;
    return this.withExactRetry(() => {
      const value = evaluate(ast, this.root);
      const writes = integerWrites.count;
      const text = print(value);
      if (numbersAreComputed(ast)) integerWrites.count = writes; // printing them says nothing about the document
      return { text, value };
    });
  }

  /** Evaluates and reports the document ranges the result is made of (for highlighting). */
  searchWithSources(expression: string | Node, limit?: number): TracedResult & { text: string } {
    const ast = typeof expression === 'string' ? compile(expression) : expression;
    const sourceMap = this.getSourceMap();
    try {
      const traced = evaluateWithSources(ast, this.root, sourceMap, limit);
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

/** Checks a result holds no value the fast read got wrong (printing visits every one). */
function exactValue(value: JsonValue): JsonValue {
  if (value !== null && typeof value === 'object') dumps(value, true);
  return value;
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
export function search(expression: string, jsonText: string): string {
  const ast = compile(expression); // the CLI rejects a bad --query before it reads anything
  return JsonDocument.parse(jsonText).searchText(ast).text;
}
