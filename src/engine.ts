// dist/engine.js: the engine as a standalone Node module (for scripts, tests and benchmarks).
// search(expression, jsonText, { output, title }) prints as `aws ... --query E --output F` does.
export { compile, JsonDocument, JmesPathError, formatCliOutput } from './core/jmespath';
export { search, formatOutput, OUTPUT_FORMATS, OutputFormatError } from './core/output';
export type { OutputFormat, OutputOptions } from './core/output';
