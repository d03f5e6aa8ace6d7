// The engine's public surface: output format, errors, parse-once documents, provenance, depth.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as path from 'path';
import { JmesPathError, JsonDocument, compile, search } from '../../src/core/jmespath';
import { caretExcerpt, shortMessage } from '../../src/core/jmespath/errors';
import { pyRepr } from '../../src/core/json/print';
import { errorOf } from './engineHarness';

const root = path.resolve(__dirname, '../../..');

describe('engine: search() prints as the AWS CLI does', () => {
  it('indents by 4, keeps non-ASCII, ends with a newline', () => {
    assert.strictEqual(search('a', '{"a": {"b": ["é", 1.0, 10]}}'), '{\n    "b": [\n        "é",\n        1.0,\n        10\n    ]\n}\n');
  });
  it('prints nothing for {} but prints [] and null', () => {
    assert.strictEqual(search('a', '{"a": {}}'), '');
    assert.strictEqual(search('a', '{"a": []}'), '[]\n');
    assert.strictEqual(search('missing', '{}'), 'null\n');
  });
  it('keeps document key order, big integers and float formatting', () => {
    assert.strictEqual(search('keys(@)', '{"10": 1, "2": 2, "a": 3}'), '[\n    "10",\n    "2",\n    "a"\n]\n');
    assert.strictEqual(search('a', '{"a": 123456789012345678901234567890}'), '123456789012345678901234567890\n');
    assert.strictEqual(search('[sum(@), avg(@)]', '[1e16, 0]'), '[\n    1e+16,\n    5000000000000000.0\n]\n');
    assert.strictEqual(search('to_string(@)', '0.00001'), '"1e-05"\n');
  });
  it('compares strings by code point and dates as strings, like the CLI', () => {
    const doc = '{"Volumes": [{"Id": "v-1", "CreateTime": "2016-05-01T00:00:00.000Z"}, {"Id": "v-2", "CreateTime": "2018-01-01T00:00:00.000Z"}, {"Id": "v-3"}]}';
    assert.strictEqual(search("Volumes[?CreateTime<'2017-01-01'].Id", doc), '[\n    "v-1"\n]\n');
    assert.strictEqual(search('Volumes[?CreateTime<`2017-01-01`].Id', doc), '[\n    "v-1"\n]\n');
    assert.strictEqual(search('max(@)', '["～", "😀"]'), '"😀"\n');
    assert.strictEqual(search('max_by(@, &n).n', '[{"n": "b"}, {"n": "a"}]'), '"b"\n');
  });
});

describe('engine: the fast read never changes an answer', () => {
  // documents read with JSON.parse are re-read exactly whenever the difference could show
  const cases: [string, string, string][] = [
    ['a', '{"a": 12345678901234567890}', '12345678901234567890\n'],
    ['a == `12345678901234567891`', '{"a": 12345678901234567890}', 'false\n'],
    ['keys(@)', '{"b": 1, "10": 2, "2": 3}', '[\n    "b",\n    "10",\n    "2"\n]\n'],
    ['@', '{"b": 1, "10": 2}', '{\n    "b": 1,\n    "10": 2\n}\n'],
    ['to_string(a)', '{"a": [1.0, 2]}', '"[1.0,2]"\n'],
    ['sum(a)', '{"a": [1.0, 2]}', '3.0\n'],
    ['a[0]', '{"a": [1e2]}', '100.0\n'],
    ['length(a)', '{"a": [1.0, 2]}', '2\n'],
  ];
  for (const [expression, doc, expected] of cases) {
    it(`${expression} on ${doc}`, () => {
      assert.strictEqual(search(expression, doc), expected);
      const d = JsonDocument.parse(doc);
      assert.strictEqual(d.searchText(expression).text, expected, 'parse-once document');
    });
  }
  it('error messages name floats as Python does', () => {
    assert.match(errorOf(() => search("[?a < 'x']", '[{"a": 1.0}]')).message, /'float' and 'str'/);
    assert.match(errorOf(() => search('abs(a)', '{"a": [1.0]}')).message, /value: \[1\.0\]/);
  });
});

describe('engine: errors', () => {
  it('a long type error is cut in its middle for one-line places, keeping what is wrong (trial 22: only the value showed)', () => {
    const item = JSON.stringify({ Instances: [{ InstanceId: 'i-1', Tags: [{ Key: 'Name', Value: 'x'.repeat(300) }] }] });
    const e = errorOf(() => search('sort_by(Instances, &Tags)', item));
    assert.ok(e.message.length > 300 && /^In function sort_by\(\), invalid type for value: /.test(e.message));
    const short = shortMessage(e.message);
    assert.strictEqual(short, `In function sort_by(), invalid type for value: {'InstanceId': 'i-1', 'Tags': [{'Key': 'Name', 'V…, expected one of: ['string', 'number'], received: "array"`);
    assert.ok(short.length <= 160, 'fits the results tab\'s mark');
    assert.strictEqual(shortMessage('Unknown function: foo()'), 'Unknown function: foo()');
    const ours = `The query worker ran out of memory while running ${'a.'.repeat(100)}b (its limit is 64 MB, setting jmespathAws.query.workerMemoryMb).`;
    assert.strictEqual(shortMessage(ours), ours, 'other messages whole');
    assert.strictEqual(shortMessage('two\nlines'), 'two lines');
  });

  it('a caret excerpt keeps the caret in sight: cut around the column, by code points', () => {
    const q = "Reservations[].Instances[?State.Name=='running'.InstanceId";
    const e = errorOf(() => compile(q)) as JmesPathError & { column: number };
    assert.strictEqual(caretExcerpt(q, e.column), "…es[?State.Name=='running'.InstanceId‸");
    assert.strictEqual(caretExcerpt('a.b', 1), 'a‸.b', 'short: whole');
    assert.strictEqual(caretExcerpt(`${'😀'.repeat(50)}.b`, 50, 3, 1), '…😀😀😀‸.…', 'astral characters count once and are never split');
  });

  it('syntax errors carry the column and the CLI message with a caret', () => {
    const e = errorOf(() => compile('foo.[bar'));
    assert.strictEqual(e.kind, 'syntax');
    assert.strictEqual(e.column, 8);
    const e2 = errorOf(() => compile('foo[?a == ]'));
    assert.strictEqual(e2.column, 10);
    assert.strictEqual(e2.message, 'invalid token: Parse error at column 10, token "]" (RBRACKET), for expression:\n"foo[?a == ]"\n           ^');
  });
  it('arguments of the wrong type from JavaScript are invalid-option errors that say what came, never a TypeError (dist/engine.js)', () => {
    // the built bundle, loaded at run time as a user's JavaScript would load it
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const engine = require(path.join(root, 'dist', 'engine.js')) as { search: (e: unknown, t: unknown, o?: unknown) => string; JsonDocument: typeof JsonDocument; compile: typeof compile };
    const cases: [string, () => unknown, RegExp][] = [
      ['a number expression', () => engine.search(42, '{}'), /A JMESPath expression is a string, not a number/],
      ['null expression', () => engine.search(null, '{}'), /not null/],
      ['an array expression', () => engine.search(['a'], '{"a": 1}'), /not an array/],
      ['a number document', () => engine.search('a', 42), /A JSON document is text \(a string\) or bytes .*not a number/],
      ['no document', () => engine.search('a', undefined), /not undefined/],
      ['JsonDocument.parse of null', () => engine.JsonDocument.parse(null as unknown as string), /A JSON document is text/],
      ['search with a number', () => engine.JsonDocument.parse('{}').search(5 as unknown as string), /not a number/],
    ];
    for (const [what, run, message] of cases) {
      // (dist/engine.js has its own JmesPathError class)
      const e = ((): { kind?: string; message: string; name: string } => {
        try {
          run();
        } catch (err) {
          return err as { kind?: string; message: string; name: string };
        }
        return assert.fail(`${what}: no error`);
      })();
      assert.strictEqual(e.name, 'JmesPathError', `${what}: ${e.name} ${e.message}`);
      assert.strictEqual(e.kind, 'invalid-option', what);
      assert.match(e.message, message, what);
    }
    assert.strictEqual(engine.JsonDocument.parse('{"a": 2}').search(engine.compile('a')), 2, 'a compiled expression is taken');
  });

  it('function errors have their kinds', () => {
    assert.strictEqual(errorOf(() => search('length(a, b)', '{}')).kind, 'invalid-arity');
    assert.strictEqual(errorOf(() => search('nope(a)', '{}')).kind, 'unknown-function');
    assert.strictEqual(errorOf(() => search('abs(a)', '{"a": "x"}')).kind, 'invalid-type');
    assert.strictEqual(errorOf(() => search('[::0]', '[]')).kind, 'invalid-value');
    assert.strictEqual(errorOf(() => search("[?a < 'x']", '[{"a": 1}]')).message, "'<' not supported between instances of 'int' and 'str'");
  });
  it('invalid JSON reports line and column', () => {
    const e = errorOf(() => search('a', '{\n  "a": 1,\n  "b": tru\n}'));
    assert.strictEqual(e.kind, 'invalid-json');
    assert.strictEqual(e.line, 3);
    assert.strictEqual(e.jsonColumn, 8);
    assert.match(e.message, /line 3, column 8/);
    const c = errorOf(() => search('a', '{"a": 1 // note\n}'));
    assert.match(c.message, /Comments are not allowed/);
  });
});

describe('engine: depth and size', () => {
  const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
  it('a 100,000-deep document evaluates, or fails with too-deep, never a RangeError', () => {
    const doc = JsonDocument.parse(deep(100000));
    assert.strictEqual(doc.search('length(@)'), 1);
    const printed = (() => { try { return search('@', deep(100000)); } catch (e) { return e; } })();
    assert.ok(typeof printed === 'string' || (printed instanceof JmesPathError && printed.kind === 'too-deep'), String(printed));
  });
  it('a very deep expression fails with too-deep or syntax, never a RangeError', () => {
    const e = errorOf(() => compile('('.repeat(200000) + 'a' + ')'.repeat(200000)));
    assert.strictEqual(e.kind, 'too-deep');
  });
  it('max, min and sort over a million elements', () => {
    const nums = Array.from({ length: 1_000_000 }, (_, i) => (i * 7919) % 1_000_003);
    const doc = JsonDocument.parse(JSON.stringify(nums));
    assert.strictEqual(doc.search('max(@)'), nums.reduce((a, b) => (a > b ? a : b)));
    assert.strictEqual(doc.search('min(@)'), 0);
    assert.strictEqual((doc.search('sort(@)') as number[])[999_999], doc.search('max(@)'));
  });
});

describe('engine: parse once, query many times, with provenance', () => {
  const text = '{"Reservations": [{"Instances": [{"InstanceId": "i-1", "State": {"Name": "running"}}, {"InstanceId": "i-2", "State": {"Name": "stopped"}}]}]}';
  it('evaluates many expressions against one read', () => {
    const doc = JsonDocument.parse(text);
    assert.deepStrictEqual(doc.search('Reservations[].Instances[].InstanceId'), ['i-1', 'i-2']);
    assert.strictEqual(doc.search('length(Reservations[].Instances[])'), 2);
    assert.strictEqual(compile('a.b'), compile('a.b'), 'compiled expressions are cached');
  });
  it('reports the source ranges of selected document values', () => {
    const doc = JsonDocument.parse(text);
    const r = doc.searchWithSources("Reservations[].Instances[?State.Name=='running'].InstanceId");
    assert.deepStrictEqual(r.value, [['i-1']]);
    assert.strictEqual(r.computed, false);
    assert.deepStrictEqual(r.ranges.map(([s, e]) => text.slice(s, e)), ['"i-1"']);
    const all = doc.searchWithSources('Reservations[0].Instances[*].State');
    assert.deepStrictEqual(all.ranges.map(([s, e]) => text.slice(s, e)), ['{"Name": "running"}', '{"Name": "stopped"}']);
  });
  it('marks computed results', () => {
    const doc = JsonDocument.parse(text);
    const r = doc.searchWithSources('length(Reservations[].Instances[])');
    assert.strictEqual(r.computed, true);
    assert.deepStrictEqual(r.ranges, []);
  });
});

describe('engine: dist/engine.js and the jmespath-aws CLI', () => {
  it('dist/engine.js exports search()', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const engine = require(path.join(root, 'dist/engine.js'));
    assert.strictEqual(engine.search('a', '{"a": 1.0}'), '1.0\n');
  });
  const cli = (args: string[], input: string) => spawnSync('node', [path.join(root, 'dist/cli.js'), ...args], { input, encoding: 'utf8' });
  it('prints like aws --output json and exits 0', () => {
    const r = cli(['a[0]'], '{"a": ["x"]}');
    assert.strictEqual(r.status, 0);
    assert.strictEqual(r.stdout, '"x"\n');
  });
  it('exits 252 with "Bad value for --query" on a syntax error, 255 on other errors', () => {
    const bad = cli(['a['], '{}');
    assert.strictEqual(bad.status, 252);
    assert.match(bad.stderr, /Bad value for --query a\[: /);
    const other = cli(['abs(a)'], '{"a": "x"}');
    assert.strictEqual(other.status, 255);
    assert.match(other.stderr, /In function abs\(\), invalid type/);
    assert.strictEqual(cli(['a'], '{"a": ').status, 255);
  });
});

describe('engine: error messages show values as Python\'s repr() does', () => {
  it('escapes exactly the code points Python 3 escapes (controls, U+202E, lone surrogates, unassigned...)', function () {
    this.timeout(60000);
    // one character per code point: 1 where repr() keeps it as is, 0 where it escapes it
    const py = spawnSync('python3', ['-c', "import sys; sys.stdout.write(''.join('1' if c in (39, 92) or repr(chr(c))[1:-1] == chr(c) else '0' for c in range(0x110000)))"], { encoding: 'utf8', maxBuffer: 1 << 24 });
    assert.strictEqual(py.status, 0, py.stderr);
    const differing: string[] = [];
    for (let c = 0; c < 0x110000; c++) {
      const ch = String.fromCodePoint(c);
      const kept = ch === "'" || ch === '\\' || pyRepr(ch) === `'${ch}'` || pyRepr(ch) === `"${ch}"`;
      if (kept !== (py.stdout[c] === '1')) differing.push(`U+${c.toString(16)}`);
    }
    assert.deepStrictEqual(differing.slice(0, 20), [], `${differing.length} code points differ`);
  });
  it('writes escapes the way Python does', () => {
    const sample = ['\u202e', '\ud800', '\u0000', '\u00a0', '\u2028', 'a\udfffb', '\u{e0001}', '\u{10ffff}', "it's", '"\'', '\\'];
    const py = spawnSync('python3', ['-c', 'import json, sys; print(json.dumps([repr(s) for s in json.load(sys.stdin)]))'], { input: JSON.stringify(sample), encoding: 'utf8' });
    assert.strictEqual(py.status, 0, py.stderr);
    assert.deepStrictEqual(sample.map((s) => pyRepr(s)), JSON.parse(py.stdout));
  });
});
