// The output formats on the cases users meet, pinned to what the AWS CLI prints (each expected text
// was printed by awscli's formatter; the generated differential tests cover the rest).
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as path from 'path';
import { OutputFormatError, search } from '../../src/core/output';
import { formatTable } from '../../src/core/output/table';
import { textWidth } from '../../src/core/output/python';
import { errorOf } from './engineHarness';

const root = path.resolve(__dirname, '../../..');
const INSTANCES = '{"Reservations":[{"Instances":[{"InstanceId":"i-1","State":{"Name":"running"}},{"InstanceId":"i-2","State":{"Name":"stopped"}}]}]}';

describe('--output text', () => {
  it('lists of scalars are tab separated; lists of lists one line each', () => {
    assert.strictEqual(search('Reservations[].Instances[].InstanceId', INSTANCES, { output: 'text' }), 'i-1\ti-2\n');
    assert.strictEqual(search('Reservations[].Instances[].[InstanceId, State.Name]', INSTANCES, { output: 'text' }), 'i-1\trunning\ni-2\tstopped\n');
  });
  it('nested objects print under their upper-cased key; None and True as Python prints them', () => {
    assert.strictEqual(search('@', INSTANCES, { output: 'text' }), 'INSTANCES\ti-1\nSTATE\trunning\nINSTANCES\ti-2\nSTATE\tstopped\n');
    assert.strictEqual(search('missing', '{}', { output: 'text' }), 'None\n');
    assert.strictEqual(search('[`true`, `null`, `1.0`]', '{}', { output: 'text' }), 'True\tNone\t1.0\n');
  });
  it('object columns follow the keys sorted, not the query order', () => {
    assert.strictEqual(search('{Z: a, A: b}', '{"a": 1, "b": 2}', { output: 'text' }), '2\t1\n');
    assert.strictEqual(search('[a, b]', '{"a": 1, "b": 2}', { output: 'text' }), '1\t2\n');
  });
  it('objects with differing keys share the union of columns', () => {
    assert.strictEqual(search('@', '[{"a": 1, "b": "x"}, {"a": 2}, {"c": 3}]', { output: 'text' }), '1\tx\t\n2\t\t\n\t\t3\n');
  });
  it('empty results print nothing', () => {
    assert.strictEqual(search('a', '{"a": []}', { output: 'text' }), '');
    assert.strictEqual(search('a', '{"a": {}}', { output: 'text' }), '');
  });
});

describe('--output table', () => {
  it('titles the table with the operation name and sizes columns to the widest section', () => {
    assert.strictEqual(search('Reservations[].Instances[].[InstanceId, State.Name]', INSTANCES, { output: 'table', title: 'DescribeInstances' }),
      '--------------------\n| DescribeInstances|\n+------+-----------+\n|  i-1 |  running  |\n|  i-2 |  stopped  |\n+------+-----------+\n');
  });
  it('counts East Asian wide characters as two columns', () => {
    assert.strictEqual(textWidth('日本語'), 6);
    assert.strictEqual(textWidth('ｶﾀｶﾅ'), 4); // half-width katakana
    assert.strictEqual(search('@', '{"Name":"日本語","Id":"i-1"}', { output: 'table', title: 'GetItem' }),
      '-------------------\n|     GetItem     |\n+------+----------+\n|  Id  |  Name    |\n+------+----------+\n|  i-1 |  日本語  |\n+------+----------+\n');
  });
  it('a table printed after a longer one holds only its own text (the print buffer is reused)', () => {
    const rows = (n: number): string => JSON.stringify(Array.from({ length: n }, (_, i) => ({ Id: `i-${i}`, State: 'running' })));
    const long = search('@', rows(300), { output: 'table', title: 'DescribeInstances' });
    const short = search('@', rows(1), { output: 'table', title: 'DescribeInstances' });
    // as awscli.formatter.TableFormatter prints it
    assert.strictEqual(short, '--------------------\n| DescribeInstances|\n+------+-----------+\n|  Id  |   State   |\n+------+-----------+\n|  i-0 |  running  |\n+------+-----------+\n');
    assert.strictEqual(search('@', rows(300), { output: 'table', title: 'DescribeInstances' }), long);
    assert.strictEqual(long.split('\n').length, 300 + 7); // dashes, title, rule, header, rule, rows, rule, ''
  });
  it('ragged rows fail as the CLI fails, with a kind', () => {
    const e = errorOf(() => search('[[`1`, `2`], [`3`]]', '{}', { output: 'table', title: 'X' }));
    assert.strictEqual(e.kind, 'output-format');
    assert.strictEqual(e.message, 'Row should have 2 elements, instead it has 1');
    assert.strictEqual((e as OutputFormatError).pythonError, 'ValueError');
  });
  it('a scalar prints the title only; falsy results print nothing', () => {
    assert.strictEqual(formatTable('i-1', 'RunInstances'), '--------------\n|RunInstances|\n+------------+\n');
    for (const v of [null, false, 0, '', [], {}]) assert.strictEqual(formatTable(v, 'X'), '');
  });
  it('tables wider than the terminal (80 when piped) turn single rows vertical', () => {
    const wide = JSON.stringify({ A: 'x'.repeat(40), B: 'y'.repeat(40) });
    const narrow = search('@', wide, { output: 'table', title: 'T' });
    assert.deepStrictEqual(narrow.split('\n').slice(2, 5), [
      '+---+---------------------------------------------+',
      `|  A|  ${'x'.repeat(40)}   |`,
      `|  B|  ${'y'.repeat(40)}   |`,
    ]);
    const roomy = search('@', wide, { output: 'table', title: 'T', terminalWidth: 200 });
    assert.strictEqual(roomy.split('\n')[3], `|                     A                     |                     B                      |`);
  });
});

describe('--output yaml and yaml-stream (AWS CLI v2)', () => {
  it('quotes what YAML would read as another type, keeps timestamps as strings, sorts keys', () => {
    const doc = JSON.stringify({ h: 'yes', d: '123', c: '2016-01-01T00:00:00.000Z', b: "it's", a: 'multi\nline', e: [], f: {}, g: '😀' });
    assert.strictEqual(search('@', doc, { output: 'yaml' }),
      "a: 'multi\n\n  line'\nb: it's\nc: '2016-01-01T00:00:00.000Z'\nd: '123'\ne: []\nf: {}\ng: \"\\U0001F600\"\nh: yes\n");
  });
  it('prints a bare scalar as JSON, a stream as one list item, nothing for {}', () => {
    assert.strictEqual(search('a', '{"a": "i-1"}', { output: 'yaml' }), '"i-1"\n');
    assert.strictEqual(search('a', '{"a": "i-1"}', { output: 'yaml-stream' }), '- i-1\n');
    assert.strictEqual(search('a', '{"a": {}}', { output: 'yaml' }), '');
    assert.strictEqual(search('a', '{"a": [{"k": [1, 2]}]}', { output: 'yaml' }), '- k:\n  - 1\n  - 2\n');
  });
  it('a repeated object becomes an anchor and an alias', () => {
    assert.strictEqual(search('[a, a]', '{"a": {"x": 1}}', { output: 'yaml' }), '- &id001\n  x: 1\n- *id001\n');
  });
});

describe('engine options and the CLI', () => {
  it('rejects an unknown format or a bad title with kind invalid-option', () => {
    assert.strictEqual(errorOf(() => search('a', '{}', { output: 'csv' as never })).kind, 'invalid-option');
    assert.strictEqual(errorOf(() => search('a', '{}', { title: 5 as never })).kind, 'invalid-option');
  });
  it('json stays the default and prints as before', () => {
    assert.strictEqual(search('a', '{"a": [1]}'), '[\n    1\n]\n');
    assert.strictEqual(search('a', '{"a": [1]}', { output: 'json' }), '[\n    1\n]\n');
  });
  it('dist/cli.js takes --output and --title; the ragged-row failure exits 255 as the CLI does', () => {
    const cli = path.join(root, 'dist', 'cli.js');
    const ok = spawnSync('node', [cli, '--output', 'table', '--title', 'DescribeInstances', 'Reservations[].Instances[].[InstanceId, State.Name]'], { input: INSTANCES, encoding: 'utf8' });
    assert.strictEqual(ok.status, 0, ok.stderr);
    assert.ok(ok.stdout.startsWith('--------------------\n| DescribeInstances|\n'), ok.stdout);
    const text = spawnSync('node', [cli, '--output=text', 'Reservations[].Instances[].InstanceId'], { input: INSTANCES, encoding: 'utf8' });
    assert.strictEqual(text.stdout, 'i-1\ti-2\n');
    const ragged = spawnSync('node', [cli, '--output', 'table', '--title', 'X', '[[`1`, `2`], [`3`]]'], { input: '{}', encoding: 'utf8' });
    assert.strictEqual(ragged.status, 255);
    assert.strictEqual(ragged.stderr, '\nRow should have 2 elements, instead it has 1\n');
    const bad = spawnSync('node', [cli, '--output', 'csv', 'a'], { input: '{}', encoding: 'utf8' });
    assert.strictEqual(bad.status, 252);
    assert.match(bad.stderr, /Invalid choice/);
  });
});
