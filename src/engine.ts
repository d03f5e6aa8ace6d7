// dist/engine.js: the engine as a standalone Node module (for scripts, tests and benchmarks).
export { search, compile, JsonDocument, JmesPathError, formatCliOutput } from './core/jmespath';
