// A JSON result cut at the results editor's limit is shown as valid JSON: the whole entries that fit.
import * as assert from 'assert';
import { formatCliOutput } from '../../src/core/jmespath';
import { closeCutJson } from '../../src/core/query/cutJson';
import { rng } from './differentialCases';

/** Values whose strings hold what could be mistaken for structure: quotes, backslashes, brackets, commas. */
function generate(seed: number, count: number): unknown[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const strings = ['', 'a', ',', '[', ']', '{', '}', '"', '\\', '\\"', '",', '"]', 'x, y', '日本', '😀', 'a\nb'];
  const value = (depth: number): unknown => {
    const k = r();
    if (depth > 3 || k < 0.4) return pick([pick(strings), pick(strings) + pick(strings), 1, 2.5, true, null]);
    if (k < 0.7) return Array.from({ length: Math.floor(r() * 4) }, () => value(depth + 1));
    return Object.fromEntries(Array.from({ length: Math.floor(r() * 4) }, (_, i) => [`k${pick(strings)}${i}`, value(depth + 1)]));
  };
  return Array.from({ length: count }, () => (r() < 0.5 ? Array.from({ length: 1 + Math.floor(r() * 6) }, () => value(1)) : value(0)));
}

describe('a JSON result cut at the results limit', () => {
  it('is valid JSON holding the whole top-level entries that fit, at every cut of 400 generated results', () => {
    let cuts = 0;
    let whole = 0;
    for (const value of generate(2026_12_06, 400)) {
      const printed = formatCliOutput(value as never);
      for (let length = 1; length < printed.length - 1; length++) {
        const prefix = printed.slice(0, length);
        const closed = closeCutJson(prefix);
        if (!closed) continue;
        cuts++;
        const parsed = JSON.parse(closed.text);
        // the text is the printed text up to the cut, then closing brackets
        const kept = closed.text.replace(/(\n *[\]}])+\n$/, '');
        assert.ok(printed.startsWith(kept), `${JSON.stringify(closed.text)} continues ${JSON.stringify(printed)}`);
        if (closed.entries > 0) {
          whole++;
          const entries = Array.isArray(value) ? value : Object.entries(value as object);
          const shown = Array.isArray(parsed) ? parsed : Object.entries(parsed);
          assert.deepStrictEqual(shown, entries.slice(0, closed.entries));
          // every top-level entry followed by its comma within the cut is kept
          const next = formatCliOutput((Array.isArray(value) ? entries.slice(0, closed.entries + 1) : Object.fromEntries(entries.slice(0, closed.entries + 1) as [string, unknown][])) as never);
          assert.ok(closed.entries + 1 >= entries.length || !prefix.startsWith(next.slice(0, next.lastIndexOf('\n', next.length - 2)) + ','), 'one more entry fits');
        }
      }
    }
    assert.ok(cuts > 5000 && whole > 2000, `${cuts} cuts, ${whole} with whole entries`);
  });

  it('says nothing for a cut scalar or a cut inside the first entry of every level', () => {
    assert.strictEqual(closeCutJson('"abcdef'), undefined);
    assert.strictEqual(closeCutJson('[\n    "a, b'), undefined);
    assert.strictEqual(closeCutJson('{\n    "a": [\n        1'), undefined);
    assert.deepStrictEqual(closeCutJson('{\n    "a": [\n        1,\n        2'), { text: '{\n    "a": [\n        1\n    ]\n}\n', entries: 0 });
  });
});
