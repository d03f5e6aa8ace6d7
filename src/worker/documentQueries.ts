// Answers a query on a read document in the shape the editor needs. Used by the query worker and,
// for small open documents, by the extension host itself (no vscode import: it runs in both).
import { JmesPathError, JsonDocument, compile } from '../core/jmespath';
import type { QueryAnswer, SerializedError } from '../shared/queryProtocol';

export interface QueryOptions {
  withSources: boolean;
  maxChars: number;
  maxRanges: number;
}

export function answerQuery(doc: JsonDocument, expression: string, options: QueryOptions): QueryAnswer {
  const t0 = performance.now();
  const ast = compile(expression);
  let value;
  let printed: string;
  let ranges: number[] = [];
  let computed = false;
  let anchor = 0;
  if (options.withSources) {
    const traced = doc.searchWithSources(ast, options.maxRanges);
    ({ value, text: printed, computed, anchor } = traced);
    ranges = traced.ranges.flat();
  } else {
    ({ value, text: printed } = doc.searchText(ast));
  }
  const truncated = printed.length > options.maxChars;
  return {
    text: truncated ? printed.slice(0, options.maxChars) : printed,
    truncated,
    count: Array.isArray(value) ? value.length : value === null ? 0 : 1,
    ranges,
    computed,
    anchor,
    ms: performance.now() - t0,
  };
}

export function serializeError(e: unknown): SerializedError {
  if (e instanceof JmesPathError) {
    return { kind: e.kind, message: e.message, column: e.column, line: e.line, jsonColumn: e.jsonColumn };
  }
  return { kind: 'internal', message: e instanceof Error ? e.message : String(e) };
}
