// to_number() and string ordering/matching against python3 itself: Python's int()/float() on a
// str (any script's digits, Unicode whitespace, underscores) and code-point comparison, lone
// surrogates included.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { search } from '../../src/core/jmespath';
import { pyRepr } from '../../src/core/json/print';
import { parsePythonNumber } from '../../src/core/jmespath/functions';
import { JsonNumber, toJsNumber } from '../../src/core/json/values';
import { askOracle } from './oracle';
import { ourAnswer } from './engineHarness';

function python(script: string, input = ''): string {
  const r = spawnSync('python3', ['-c', script], { input, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
  return r.stdout;
}

const toNumber = (s: string) => search('to_number(@)', JSON.stringify(s));

describe('to_number() reads strings as Python int()/float() do', function () {
  this.timeout(60000);

  it('accepts digits of any script, full-width digits, Unicode spaces and underscores between digits', () => {
    assert.strictEqual(toNumber('１２'), '12\n');
    assert.strictEqual(toNumber('١٢٣'), '123\n');
    assert.strictEqual(toNumber('१.५'), '1.5\n');
    assert.strictEqual(toNumber(' \u3000 7 \u2003'), '7\n');
    assert.strictEqual(toNumber('\x851\xa0'), '1\n');
    assert.strictEqual(toNumber('1_000'), '1000\n');
    assert.strictEqual(toNumber('1e1_0'), '10000000000.0\n');
    assert.strictEqual(toNumber('１'.repeat(4301)), 'Infinity\n', 'past int()\'s 4300 digits, float() answers');
  });

  it('rejects what Python rejects', () => {
    for (const s of ['\ufeff1', ' \x1c1', '1__0', '_1', '1_', '1_.5', '1._5', '1_e5', '- 1', '1,000', '١٫٥', '12\u200b', 'inf_']) {
      assert.strictEqual(toNumber(s), 'null\n', JSON.stringify(s));
    }
  });

  it('agrees with int()/float() on every code point before and after a digit', () => {
    // the code points Python accepts in "<c>1" and "1<c>", with the value it gives
    const py = python(`
import json, sys
def num(s):
    try: return int(s)
    except ValueError:
        try: return float(s)
        except ValueError: return None
out = {}
for c in range(sys.maxunicode + 1):
    if 0xd800 <= c <= 0xdfff: continue
    a, b = num(chr(c) + '1'), num('1' + chr(c))
    if a is not None or b is not None: out[c] = [a, b]
print(json.dumps(out))
`);
    const expected = JSON.parse(py) as Record<string, [number | null, number | null]>;
    const wrong: string[] = [];
    for (let c = 0; c <= 0x10ffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCodePoint(c);
      const want = expected[c] ?? [null, null];
      const got = [parsePythonNumber(ch + '1'), parsePythonNumber('1' + ch)].map((v) => (v === null ? null : toJsNumber(v as JsonNumber)));
      if (got[0] !== want[0] || got[1] !== want[1]) wrong.push(`U+${c.toString(16)}: python ${JSON.stringify(want)}, ours ${JSON.stringify(got)}`);
    }
    assert.deepStrictEqual(wrong.slice(0, 10), []);
  });

  it('agrees with jmespath.py on number-like strings', () => {
    const texts = ['0', '-0', '+0.0', '007', '1.e1', '.e1', '1e', '.5', '5.', '1e٣', '١_٠', '𝟗𝟗', '꧑', 'Infinity', '-inf', '+nan',
      'infinit', '\t-3\n', '0x1f', '1e400', '٣.١٤e-٢', '1' + '_1'.repeat(4299), '1' + '_1'.repeat(4300), '9'.repeat(4300), ' 1 2 '];
    const cases = texts.map((t) => ({ expression: 'to_number(@)', document: JSON.stringify(t) }));
    const oracle = askOracle(cases);
    cases.forEach((c, i) => assert.deepStrictEqual(ourAnswer(c.expression, c.document), oracle[i], c.document.slice(0, 40)));
  });
});

describe('strings compare and match by code point, lone surrogates included', () => {
  const strings = ['\ud83d', '\ude00', '\ud83d\ude00', '\ud83d\ude01', 'a\ud83d', '\ud83dz', '\ude00\ud83d', '\uffff', '\ue000', '\ud7ff', '~', '', 'a'];

  it('sorts as Python sorts', () => {
    const doc = JSON.stringify(strings);
    const [oracle] = askOracle([{ expression: 'sort(@)', document: doc }]);
    assert.deepStrictEqual(ourAnswer('sort(@)', doc), oracle);
    // U+D83D (lone) sorts below U+E000 and U+FFFF, and below the astral U+1F600 it starts
    assert.deepStrictEqual(JSON.parse(search('sort(@)', JSON.stringify(['\uffff', '\ud83d\ude00', '\ud83d', '\ue000']))), ['\ud83d', '\ue000', '\uffff', '\ud83d\ude00']);
  });

  it('orders pairs with < and max/min exactly as jmespath.py', () => {
    const cases = strings.flatMap((a) => strings.map((b) => ({ expression: '[a < b, a > b, max([a, b]), min_by([{k: a}, {k: b}], &k).k]', document: JSON.stringify({ a, b }) })));
    const oracle = askOracle(cases);
    cases.forEach((c, i) => assert.deepStrictEqual(ourAnswer(c.expression, c.document), oracle[i], c.document));
  });

  it('starts_with, ends_with and contains never match half of a surrogate pair', () => {
    assert.strictEqual(search('starts_with(a, b)', JSON.stringify({ a: '😀', b: '\ud83d' })), 'false\n');
    assert.strictEqual(search('ends_with(a, b)', JSON.stringify({ a: '😀', b: '\ude00' })), 'false\n');
    assert.strictEqual(search('contains(a, b)', JSON.stringify({ a: 'x😀y', b: '\ude00y' })), 'false\n');
    assert.strictEqual(search('contains(a, b)', JSON.stringify({ a: 'x\ude00y', b: '\ude00y' })), 'true\n');
    const cases = strings.flatMap((a) => strings.map((b) => ({ expression: '[starts_with(a, b), ends_with(a, b), contains(a, b)]', document: JSON.stringify({ a: `x${a}${a}`, b }) })));
    const oracle = askOracle(cases);
    cases.forEach((c, i) => assert.deepStrictEqual(ourAnswer(c.expression, c.document), oracle[i], c.document));
  });
});

describe("error messages quote strings as Python's repr() does", function () {
  this.timeout(60000);
  it('escapes exactly the characters str.isprintable() refuses, in repr() form', () => {
    // runs of characters that are not printable, with their category ("Cn": unassigned in Python's tables)
    const py = python(`
import json, sys, unicodedata
runs = []
for c in range(sys.maxunicode + 1):
    ch = chr(c)
    if ch.isprintable(): continue
    cat = unicodedata.category(ch)
    if runs and runs[-1][1] == c - 1 and runs[-1][2] == cat: runs[-1][1] = c
    else: runs.append([c, c, cat])
print(json.dumps({'runs': runs, 'samples': [[t, repr(t)] for t in json.loads(sys.stdin.read())]}))
`, JSON.stringify(['\x00', '\x7f', '\xa0', '\xad', '\u2028', '\ud83d', '\ue000', '\u{e0001}', "it's", 'a"b\'c', '\\', '\t\n\r', '😀', '\u3000']));
    const { runs, samples } = JSON.parse(py) as { runs: [number, number, string][]; samples: [string, string][] };
    for (const [text, repr] of samples) assert.strictEqual(pyRepr(text), repr);
    const notPrintable = new Map<number, string>();
    for (const [lo, hi, category] of runs) for (let c = lo; c <= hi; c++) notPrintable.set(c, category);
    const wrong: string[] = [];
    for (let c = 0; c <= 0x10ffff; c++) {
      const ch = String.fromCodePoint(c);
      if (c === 0x27 || c === 0x5c) continue; // quote and backslash: printable, escaped (see the samples)
      const escaped = pyRepr(ch) !== `'${ch}'`;
      const category = notPrintable.get(c);
      // characters assigned after Python's Unicode version are printable to a newer Node
      if (escaped !== (category !== undefined) && !(category === 'Cn' && !/\p{Cn}/u.test(ch))) wrong.push(`U+${c.toString(16)}`);
    }
    assert.deepStrictEqual(wrong.slice(0, 10), []);
  });
});
