// JMESPath language intelligence, editor-free: completion, signature help, hover and lints for a
// query, against a JSON document, an AWS output shape, or nothing.
import { Completions, complete as completeAt } from './complete';
import { QueryDiagnostic, diagnose as diagnoseQuery } from './diagnostics';
import { HoverInfo, hover as hoverAt } from './hover';
import { SignatureInfo, signatureHelp as signatureHelpAt } from './signature';
import type { DataSource } from './source';

export { sampleText } from './complete';
export type { CompletionEntry, CompletionKind, Completions } from './complete';
export type { LintCode, QueryDiagnostic } from './diagnostics';
export { FUNCTION_DOCS, functionMarkdown, signatureText } from './functionDocs';
export type { FunctionDoc } from './functionDocs';
export type { HoverInfo } from './hover';
export type { SignatureInfo } from './signature';
export type { DataSource } from './source';

/** Completions for the query at `offset` (UTF-16), from the data's keys and values, or its shape. */
export function complete(query: string, offset: number, data: DataSource): Completions {
  return withinStack(() => completeAt(query, offset, data), { start: offset, end: offset, items: [] });
}

/** What the query's part at `offset` is and (with data) what it selects. */
export function hover(query: string, offset: number, data: DataSource): HoverInfo | undefined {
  return withinStack(() => hoverAt(query, offset, data), undefined);
}

/** The function call around `offset` and its parameter there. */
export function signatureHelp(query: string, offset: number): SignatureInfo | undefined {
  return withinStack(() => signatureHelpAt(query, offset), undefined);
}

/** Lints: queries that run but silently answer nothing, and why. */
export function diagnose(query: string, data: DataSource): QueryDiagnostic[] {
  return withinStack(() => diagnoseQuery(query, data), []);
}

/**
 * The analyses walk the query's tree recursively. The parser reads some forms without recursion
 * (12,000 pipes in a row, thousands of `!`), so a query it reads may still be nested deeper than
 * the stack allows: then there is nothing to suggest or explain rather than an exception in the
 * editor's provider (running the query says it is nested too deeply).
 */
function withinStack<T>(analyse: () => T, nothing: T): T {
  try {
    return analyse();
  } catch (e) {
    if (e instanceof RangeError && /call stack/i.test(e.message)) return nothing;
    throw e;
  }
}
