// JMESPath language intelligence, editor-free: completion, signature help, hover and lints for a
// query, against a JSON document, an AWS output shape, or nothing.
export { complete, sampleText } from './complete';
export type { CompletionEntry, CompletionKind, Completions } from './complete';
export { diagnose } from './diagnostics';
export type { LintCode, QueryDiagnostic } from './diagnostics';
export { FUNCTION_DOCS, functionMarkdown, signatureText } from './functionDocs';
export type { FunctionDoc } from './functionDocs';
export { hover } from './hover';
export type { HoverInfo } from './hover';
export { signatureHelp } from './signature';
export type { SignatureInfo } from './signature';
export type { DataSource } from './source';
