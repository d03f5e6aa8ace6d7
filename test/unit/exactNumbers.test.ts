// Integers beyond 2^53 compare and print exactly, whatever they meet: the fast read (JSON.parse)
// rounds them, so every comparison path must notice and answer from the exact values.
import * as assert from 'assert';
import { JsonDocument, search } from '../../src/core/jmespath';
import { ourAnswer } from './engineHarness';
import { askOracle, OracleCase } from './oracle';

const BIG = ['9007199254740991', '9007199254740992', '9007199254740993', '-9007199254740993', '18446744073709551617', '123456789012345678901234567890'];
const LITERALS = [...BIG, '9007199254740992.0', '9.007199254740993e15', '1e16', '0.5', '-1'];

function cases(): OracleCase[] {
  const out: OracleCase[] = [];
  // a float in the document too, so a fast read cannot assume every integer is exact
  const documents = BIG.map((b) => `{"v": ${b}, "f": 1.5, "list": [${b}, 9007199254740992, 2.5]}`);
  documents.push(`[${BIG.join(', ')}, 1.0]`);
  for (const document of documents) {
    for (const lit of LITERALS) {
      for (const op of ['<', '<=', '>', '>=', '==', '!=']) {
        out.push({ expression: `v ${op} \`${lit}\``, document });
        out.push({ expression: `list[?@ ${op} \`${lit}\`]`, document });
        out.push({ expression: `[?@ ${op} \`${lit}\`]`, document });
      }
      out.push({ expression: `contains(list, \`${lit}\`)`, document });
      out.push({ expression: `contains(@, \`${lit}\`)`, document });
    }
    for (const fn of ['max(list)', 'min(list)', 'sort(list)', 'max(@)', 'min(@)', 'sort(@)', 'reverse(sort(@))', 'sum(list)',
      'max_by(list[].{n: @}, &n)', 'min_by(list[].{n: @}, &n)', 'sort_by(list[].{n: @}, &n)', 'list[0] == list[1]', 'v', '@']) {
      out.push({ expression: fn, document });
    }
  }
  return out;
}

describe('exact big integers', () => {
  it('compare exactly in filters, equality, contains, max/min/sort, against int and float literals (jmespath.py)', function () {
    this.timeout(120000);
    const all = cases();
    const expected = askOracle(all);
    const wrong: string[] = [];
    all.forEach((c, i) => {
      const ours = ourAnswer(c.expression, c.document);
      if (JSON.stringify(ours) !== JSON.stringify(expected[i])) wrong.push(`${c.expression} on ${c.document}: ours ${JSON.stringify(ours)}, python ${JSON.stringify(expected[i])}`);
    });
    assert.deepStrictEqual(wrong.slice(0, 10), [], `${wrong.length} of ${all.length} cases differ`);
  });

  it('the issue\'s example: [?@ > `9007199254740992`] keeps 9007199254740993, also on a re-query', () => {
    assert.strictEqual(search('[?@ > `9007199254740992`]', '[9007199254740993]'), '[\n    9007199254740993\n]\n');
    const doc = JsonDocument.parse('{"a": [9007199254740993, 0.5]}');
    assert.strictEqual(doc.searchText('a[?@ > `9007199254740992.0`]').text, '[\n    9007199254740993\n]\n');
    assert.strictEqual(doc.searchText('contains(a, `9007199254740992`)').text, 'false\n');
  });

  it('prints integers of any length exactly (python stops at 4,300 digits; we do not), never Infinity for an integer', () => {
    const digits = '7'.repeat(20000);
    const same = (actual: string, expected: string, what: string) => assert.ok(actual === expected, `${what}: got ${actual.slice(0, 60)}... (${actual.length} chars)`);
    same(search('@', `[${digits}, -${digits}, 1e400]`), `[\n    ${digits},\n    -${digits},\n    Infinity\n]\n`, '@');
    same(search('max(@)', `[${digits}, 1.5]`), `${digits}\n`, 'max');
    same(search('abs(@)', `-${digits}`), `${digits}\n`, 'abs');
    same(search('sum(@)', `[${digits}, ${digits}]`), `1${'5'.repeat(19999)}4\n`, 'sum');
    same(search('[?@ > `1e300`]', `[${digits}, 1.5]`), `[\n    ${digits}\n]\n`, 'filter');
    same(JsonDocument.parse(`{"a": ${digits}, "b": 0.5}`).searchText('a').text, `${digits}\n`, 're-query');
    // to_number follows python's int(): past 4,300 digits float() takes over, as in jmespath.py
    same(search('to_number(@)', JSON.stringify(digits)), 'Infinity\n', 'to_number');
  });
});
