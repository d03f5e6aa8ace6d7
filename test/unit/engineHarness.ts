// Runs one case through our engine, in the oracle's answer shape.
import { search, JmesPathError } from '../../src/core/jmespath';
import * as assert from 'assert';
import type { OracleAnswer } from './oracle';

export function ourAnswer(expression: string, document: string): OracleAnswer {
  try {
    return { stdout: search(expression, document) };
  } catch (e) {
    if (!(e instanceof JmesPathError)) throw e;
    return { error: { kind: e.kind, message: e.message, column: e.kind === 'syntax' ? e.column ?? null : null } };
  }
}

/** The JmesPathError `fn` throws; fails the test if it throws nothing or something else. */
export function errorOf(fn: () => unknown): JmesPathError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof JmesPathError, `expected a JmesPathError, got ${e}`);
    return e;
  }
  assert.fail('expected an error');
}
