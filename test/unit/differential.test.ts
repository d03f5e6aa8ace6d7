// Differential test: generated cases must print byte for byte what jmespath.py (the AWS CLI) prints.
import * as assert from 'assert';
import { OracleAnswer, askOracle } from './oracle';
import { errorOf, ourAnswer } from './engineHarness';
import { search } from '../../src/core/output';
import { generateCases, generateGrammarCases } from './differentialCases';

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

describe('differential test against jmespath.py: expressions grown from the grammar', function () {
  this.timeout(120000);
  // an &expression printed by to_string() shows a memory address in Python: the rest must agree
  const withoutAddresses = (a: OracleAnswer) => JSON.parse(JSON.stringify(a).replace(/ at 0x[0-9a-f]+/g, '')) as OracleAnswer;
  // the CLI fails on an &expression result with Python's "not JSON serializable"; ours says what to do instead (same kind)
  const sameOutcome = (ours: OracleAnswer, python: OracleAnswer) =>
    JSON.stringify(ours) === JSON.stringify(withoutAddresses(python)) ||
    (ours.error !== undefined && python.error?.kind === ours.error.kind && /_Expression/.test(python.error.message));

  it(`${COUNT} grown cases (seed ${SEED}) agree byte for byte`, () => {
    const cases = generateGrammarCases(SEED, COUNT);
    const oracle = askOracle(cases);
    const failures = cases.flatMap((c, i) => {
      const ours = ourAnswer(c.expression, c.document);
      return sameOutcome(ours, oracle[i]) ? [] : [`${c.expression}\n  on ${c.document}\n  jmespath.py ${JSON.stringify(oracle[i])}\n  ours        ${JSON.stringify(ours)}`];
    });
    assert.ok(failures.length === 0, `${failures.length} of ${COUNT} differ; first ones:\n${failures.slice(0, 8).join('\n')}`);
    // the grammar reaches errors of every runtime kind and nested projections that answer
    const kinds = new Set(oracle.map((o) => o.error?.kind ?? 'ok'));
    for (const kind of ['ok', 'syntax', 'invalid-type', 'invalid-value']) assert.ok(kinds.has(kind), kind);
  });

  it('to_number(&expression) fails as jmespath.py does (int() of an _Expression), not null', () => {
    const cases = [{ expression: 'to_number(&a)', document: '{"a": "1"}' }];
    const python = askOracle(cases)[0];
    assert.strictEqual(python.error?.kind, 'invalid-type');
    assert.deepStrictEqual(ourAnswer(cases[0].expression, cases[0].document), python);
  });
});

describe('merge() with key/value pairs: the keys of a Python dict', function () {
  this.timeout(60000);
  // merge() type-checks only its first argument; later ones go to dict.update(), which reads a
  // list as key/value pairs whose keys may be numbers, booleans or null (found by the generator)
  const document = JSON.stringify({ a: [[1.5, null]], b: [['1', 1], [2.5, 2]], V: { x: 1 } }).replace('1.5', '1.0').replace('2.5', '1.0');
  const agreeing = [
    'merge(`{}`, a)', // a float key read from the document prints as the document spells it
    'merge(`{}`, b)',
    'merge(V, `[[1, "a"], [true, "b"], [1.0, "c"]]`)', // one key by Python equality, first spelling kept
    'merge(`{}`, `[[1e2, "a"], [1e-5, 1], [12345678901234567890, 2], [false, 0], [0, 9], [-0.0, 3], [null, 4]]`)',
    'keys(merge(`{}`, a))', // the keys as Python holds them
    'keys(merge(merge(`{}`, b), `{"1": 5}`))',
    'merge(`{}`, a)."1.0"', // a float key is not the string "1.0"
    'merge(`{}`, a) == `{"1.0": null}`',
    'merge(`{}`, `[[1, null]]`) == merge(`{}`, `[[true, null]]`)',
    'merge(merge(`{}`, `[[1.0, 1]]`), `[[1, 2]]`)',
    'to_string(merge(`{}`, b))',
    'values(merge(`{}`, b))',
  ];
  it('agree with jmespath.py byte for byte', () => {
    const cases = agreeing.map((expression) => ({ expression, document }));
    const oracle = askOracle(cases);
    cases.forEach((c, i) => assert.deepStrictEqual(ourAnswer(c.expression, c.document), oracle[i], c.expression));
  });

  it('two keys that print alike (the string "1" and the number 1) are a clear invalid-value error, never one of them dropped', () => {
    for (const expression of ['merge(`{"1": 0}`, `[[1, 2]]`)', 'merge(`{}`, [[to_number(`"nan"`), `1`], [to_number(`"nan"`), `2`]])']) {
      const python = askOracle([{ expression, document }])[0];
      assert.ok(python.stdout && /"(1|NaN)": .*\n.*"(1|NaN)": /.test(python.stdout), `jmespath.py prints the key twice: ${python.stdout}`);
      const e = errorOf(() => search(expression, document));
      assert.strictEqual(e.kind, 'invalid-value');
      assert.match(e.message, /twice/);
    }
  });

  it('other output formats refuse such an object with an output-format error (JSON prints it)', () => {
    for (const output of ['text', 'table', 'yaml'] as const) {
      const e = errorOf(() => search('[merge(`{}`, a)]', document, { output }));
      assert.strictEqual(e.kind, 'output-format', output);
      assert.match(e.message, /not strings \(1\.0\)/);
    }
  });
});
