// Queries that multiply their input stop with `limit-exceeded` instead of exhausting memory, in the
// engine, the highlight tracer and the command line.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as path from 'path';
import { DEFAULT_MAX_VALUES, JsonDocument, search } from '../../src/core/jmespath';
import { errorOf } from './engineHarness';
import { complete, diagnose, hover } from '../../src/core/jmespath/analysis';

const cli = path.resolve(__dirname, '../../../dist/cli.js');
const MULTIPLY = '@ | [@,@,@,@,@,@,@,@][]';

describe('value limits', () => {
  const million = JSON.stringify(Array.from({ length: 1_000_000 }, (_, i) => i));

  it('the issue\'s query that killed the process stops with limit-exceeded, and the document stays usable', function () {
    this.timeout(60000);
    const doc = JsonDocument.parse(million);
    const e = errorOf(() => doc.searchText(Array(4).fill(MULTIPLY).join(' | ')));
    assert.strictEqual(e.kind, 'limit-exceeded');
    assert.match(e.message, /more than 20,000,000 values/);
    assert.strictEqual(doc.searchText('length(@)').text, '1000000\n');
  });

  it('the highlight pass (source tracer) stops the same way, not with a stack overflow', function () {
    this.timeout(60000);
    const doc = JsonDocument.parse(million, { withSourceMap: true });
    const e = errorOf(() => doc.searchWithSources(Array(4).fill(MULTIPLY).join(' | '), 2000));
    assert.strictEqual(e.kind, 'limit-exceeded');
    assert.strictEqual(doc.searchWithSources('[-1]', 10).text, '999999\n');
  });

  it('counts every way a query builds values: projections, filters, flatten, multiselects, functions', () => {
    const doc = JsonDocument.parse(JSON.stringify({ a: Array.from({ length: 100 }, (_, i) => ({ b: i, c: [i, i] })) }));
    for (const q of ['a[].b', 'a[?b > `-1`].b', 'a[].c[]', 'a[].[b, c]', 'a[].{x: b}', 'sort_by(a, &b)', 'map(&b, a)', 'a[*].b', 'a[*].*']) {
      assert.strictEqual(errorOf(() => doc.search(q, { maxValues: 50 })).kind, 'limit-exceeded', q);
      assert.doesNotThrow(() => doc.search(q, { maxValues: 1000 }), q);
    }
  });

  it('to_string() counts what it writes: a list shared many times over stops at once instead of printing 400 MB', function () {
    this.timeout(60000);
    const wide = JSON.stringify(Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, i])));
    const shared = '@ | [@,@,@,@,@,@,@,@] | [@,@,@,@,@,@,@,@] | [@,@,@,@,@,@,@,@]';
    assert.strictEqual(errorOf(() => search(`${shared} | to_string(@)`, wide)).kind, 'limit-exceeded');
    // what a document's own text costs stays far inside the limit: to_string(@) of a million integers
    assert.strictEqual(search('length(to_string(@))', million), `${JSON.stringify(JSON.parse(million)).length}\n`);
  });

  it('completion, hover and lints follow a multiplying query only so far, and say so', () => {
    const data = { kind: 'json' as const, root: JSON.parse(million) };
    const query = Array(4).fill(MULTIPLY).join(' | ');
    const info = hover(query, query.length - 1, data);
    assert.match(info!.markdown, /\*\*Not explained:\*\* the query builds more than 5,000,000 values on this data/);
    assert.deepStrictEqual(diagnose(`${query} | [].nothing`, data), [], 'no lint from a probe stopped part way');
    assert.deepStrictEqual(complete(`${query} | [0].`, query.length + 7, data).items.filter((i) => i.kind === 'field'), []);
  });

  it('a limit of N allows exactly N values', () => {
    const doc = JsonDocument.parse('[1, 2, 3, 4]');
    assert.deepStrictEqual(doc.search('[*]', { maxValues: 4 }), [1, 2, 3, 4]);
    assert.strictEqual(errorOf(() => doc.search('[*]', { maxValues: 3 })).kind, 'limit-exceeded');
    assert.strictEqual(errorOf(() => search('[*]', '[1, 2, 3, 4]', { maxValues: 3 })).kind, 'limit-exceeded');
  });

  it('the default leaves room for a 100 MB document\'s projections', () => {
    assert.ok(DEFAULT_MAX_VALUES >= 10_000_000);
    const doc = JsonDocument.parse(million);
    assert.strictEqual(doc.searchText('length([*].[@, @])').text, '1000000\n');
  });

  it('the command line stops with exit 255 and the message, and takes --max-values', function () {
    this.timeout(60000);
    const run = (args: string[], input: string) => spawnSync(process.execPath, [cli, ...args], { input, encoding: 'utf8' });
    const r = run([Array(4).fill(MULTIPLY).join(' | ')], million);
    assert.strictEqual(r.status, 255, r.stderr);
    assert.match(r.stderr, /more than 20,000,000 values/);
    assert.doesNotMatch(r.stderr, /    at /, 'no stack trace');
    const small = run(['--max-values', '2', '[*]'], '[1, 2, 3]');
    assert.strictEqual(small.status, 255);
    assert.match(small.stderr, /more than 2 values/);
    assert.strictEqual(run(['--max-values', '3', '[*]'], '[1, 2, 3]').stdout, '[\n    1,\n    2,\n    3\n]\n');
    assert.strictEqual(run(['--max-values', 'lots', '@'], '1').status, 252);
  });
});
