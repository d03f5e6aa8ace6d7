// Runs one case through our engine, in the oracle's answer shape.
import { search, JmesPathError } from '../../src/core/jmespath';
import type { OracleAnswer } from './oracle';

export function ourAnswer(expression: string, document: string): OracleAnswer {
  try {
    return { stdout: search(expression, document) };
  } catch (e) {
    if (!(e instanceof JmesPathError)) throw e;
    return { error: { kind: e.kind, message: e.message, column: e.kind === 'syntax' ? e.column ?? null : null } };
  }
}
