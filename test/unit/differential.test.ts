// Differential test: generated cases must print byte for byte what jmespath.py (the AWS CLI) prints.
import * as assert from 'assert';
import { askOracle } from './oracle';
import { ourAnswer } from './engineHarness';
import { generateCases } from './differentialCases';

const SEED = 20261126;
const COUNT = 4000;

describe('differential test against jmespath.py', function () {
  this.timeout(120000);
  it(`${COUNT} generated cases (seed ${SEED}) agree byte for byte`, () => {
    const cases = generateCases(SEED, COUNT);
    const oracle = askOracle(cases);
    const failures: string[] = [];
    cases.forEach((c, i) => {
      const ours = ourAnswer(c.expression, c.document);
      if (JSON.stringify(ours) !== JSON.stringify(oracle[i])) {
        failures.push(`${c.expression}\n  on ${c.document}\n  jmespath.py ${JSON.stringify(oracle[i])}\n  ours        ${JSON.stringify(ours)}`);
      }
    });
    assert.ok(failures.length === 0, `${failures.length} of ${COUNT} differ; first ones:\n${failures.slice(0, 8).join('\n')}`);
  });

  it('the generator reaches the cases engines get wrong', () => {
    const cases = generateCases(SEED, COUNT);
    const oracle = askOracle(cases);
    const outputs = oracle.map((o) => o.stdout ?? '');
    // string/date filters that select something, floats that stay floats, exact big integers
    assert.ok(cases.some((c, i) => /CreateTime <|CreateTime </.test(c.expression) && outputs[i].includes('"')));
    assert.ok(outputs.some((o) => /\b\d+\.0\b/.test(o)));
    assert.ok(outputs.some((o) => o.includes('12345678901234567890')));
    assert.ok(oracle.some((o) => o.error?.kind === 'invalid-type'));
    assert.ok(oracle.some((o) => o.error?.kind === 'invalid-value'));
    // to_number() reading another script's digits or Unicode spaces, and refusing near misses
    const nonAscii = /[^\x00-\x7f]/;
    assert.ok(cases.some((c, i) => c.expression.startsWith('to_number(') && nonAscii.test(c.expression + c.document) && /^-?\d/.test(outputs[i])));
    assert.ok(cases.some((c, i) => c.expression.startsWith('to_number(') && /_/.test(c.expression + c.document) && outputs[i] === 'null\n'));
    // orderings and matches that meet a lone surrogate
    const lone = /(?:[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff])|\\ud[89ab]/i;
    for (const fn of ['sort(', 'max(', 'starts_with(', 'ends_with(', 'contains(']) {
      assert.ok(cases.some((c, i) => c.expression.startsWith(fn) && lone.test(c.expression + c.document) && outputs[i] !== ''), fn);
    }
  });
});
