// The engine's public surface: compile once (cached), read a document once, evaluate many times,
// and print as `aws ... --output json` prints.
import { JsonValue, isObject, objectSize } from '../json/values';
import { JsonSyntaxError, ParsedJson, SourceMap, parseJson } from '../json/parse';
import { dumps } from '../json/print';
import { JmesPathError, asTooDeep } from './errors';
import { evaluate } from './interpreter';
import { Node, parse } from './parser';
import { TracedResult, evaluateWithSources } from './provenance';

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
  private constructor(readonly text: string, private root: JsonValue, private sourceMap?: SourceMap) {}

  get value(): JsonValue {
    return this.root;
  }

  /** Throws JmesPathError of kind `invalid-json` with line and column. */
  static parse(text: string, options: { withSourceMap?: boolean } = {}): JsonDocument {
    const parsed = readJson(text, options.withSourceMap);
    return new JsonDocument(text, parsed.value, parsed.sourceMap);
  }

  /** Offsets of every value, computed on first use. */
  getSourceMap(): SourceMap {
    if (!this.sourceMap) {
      // the map is keyed by value identity, so adopt the values it was built for
      const parsed = readJson(this.text, true);
      this.root = parsed.value;
      this.sourceMap = parsed.sourceMap!;
    }
    return this.sourceMap;
  }

  search(expression: string | Node): JsonValue {
    return evaluateNode(typeof expression === 'string' ? compile(expression) : expression, this.root);
  }

  /** Evaluates and reports the document ranges the result is made of (for highlighting). */
  searchWithSources(expression: string | Node, limit?: number): TracedResult {
    const ast = typeof expression === 'string' ? compile(expression) : expression;
    try {
      const sourceMap = this.getSourceMap();
      return evaluateWithSources(ast, this.root, sourceMap, limit);
    } catch (e) {
      throw asTooDeep(e);
    }
  }
}

function readJson(text: string, withSourceMap?: boolean): ParsedJson {
  try {
    return parseJson(text, { withSourceMap });
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

export function evaluateNode(ast: Node, value: JsonValue): JsonValue {
  try {
    return evaluate(ast, value);
  } catch (e) {
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
  return formatCliOutput(evaluateNode(ast, readJson(jsonText).value));
}
