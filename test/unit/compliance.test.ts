// The official JMESPath compliance suite (test/fixtures/compliance, MIT): every case must give the
// suite's answer, and the exact text, error kind, message and column jmespath.py gives.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parseJson } from '../../src/core/json/parse';
import { dumps } from '../../src/core/json/print';
import { pyEquals } from '../../src/core/json/values';
import { askOracle, OracleAnswer } from './oracle';
import { ourAnswer } from './engineHarness';

const dir = path.resolve(__dirname, '../../../test/fixtures/compliance');

interface SuiteCase { file: string; expression: string; document: string; result?: string; error?: string }

function loadSuite(): SuiteCase[] {
  const cases: SuiteCase[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const groups = parseJson(fs.readFileSync(path.join(dir, file), 'utf8')).value as never as Record<string, unknown>[];
    for (const group of groups as never as { given: unknown; cases: unknown[] }[]) {
      const document = dumps(group.given as never, true);
      // benchmarks.json cases carry no expected result: they are compared with jmespath.py only
      for (const c of group.cases as { expression: string; result?: unknown; error?: string; bench?: string }[]) {
        cases.push({
          file, expression: c.expression, document, error: c.error,
          result: 'result' in c ? dumps(c.result as never, true) : undefined,
        });
      }
    }
  }
  return cases;
}

describe('JMESPath compliance suite', function () {
  this.timeout(60000);
  const cases = loadSuite();
  let oracle: OracleAnswer[];
  before(() => {
    oracle = askOracle(cases);
  });

  it('has the whole suite', () => {
    assert.strictEqual(cases.length, 908, 'the whole suite: 892 cases with expected results and 16 benchmarks');
  });

  const byFile = new Map<string, number[]>();
  cases.forEach((c, i) => byFile.set(c.file, [...(byFile.get(c.file) ?? []), i]));
  for (const [file, indexes] of byFile) {
    it(`${file}: ${indexes.length} cases agree with the suite and byte for byte with jmespath.py`, () => {
      const failures: string[] = [];
      for (const i of indexes) {
        const c = cases[i];
        const ours = ourAnswer(c.expression, c.document);
        if (c.error !== undefined) {
          if (ours.error?.kind !== c.error) failures.push(`${c.expression}: expected error ${c.error}, got ${JSON.stringify(ours)}`);
        } else if (ours.error) {
          failures.push(`${c.expression}: unexpected error ${ours.error.message}`);
        } else if (c.result !== undefined) {
          const got = ours.stdout === '' ? {} : parseJson(ours.stdout).value;
          if (!pyEquals(got, parseJson(c.result).value)) failures.push(`${c.expression}: got ${ours.stdout}, expected ${c.result}`);
        }
        const py = oracle[i];
        if (JSON.stringify(py) !== JSON.stringify(ours)) {
          failures.push(`${c.expression} on ${c.document.slice(0, 80)}:\n  jmespath.py ${JSON.stringify(py)}\n  ours        ${JSON.stringify(ours)}`);
        }
      }
      assert.deepStrictEqual(failures, []);
    });
  }
});
