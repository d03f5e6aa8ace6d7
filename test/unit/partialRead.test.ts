// A one-shot search reads only what the expression can observe (demand.ts, partialRead.ts). It must
// answer exactly as reading the whole document does: same result bytes, same errors, and invalid
// JSON anywhere (also in the parts it skips) reported as the full reader reports it.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { JsonDocument, compile, search } from '../../src/core/jmespath';
import { documentDemand } from '../../src/core/jmespath/demand';
import { readPartially } from '../../src/core/jmespath/partialRead';
import { rng } from './differentialCases';

/** The full read: every value built, then evaluated. */
function fullAnswer(expression: string, document: string): string {
  try {
    return JsonDocument.parse(document, { exact: true }).searchText(expression).text;
  } catch (e) {
    return `error ${(e as { kind?: string }).kind}: ${(e as Error).message}`;
  }
}

/** A one-shot search given bytes, as the command line gives it: the partial read. */
function oneShotAnswer(expression: string, document: string): string {
  try {
    return search(expression, Buffer.from(document, 'utf8'));
  } catch (e) {
    return `error ${(e as { kind?: string }).kind}: ${(e as Error).message}`;
  }
}

const KEYS = ['a', 'b', 'c', 'Items', 'Name', '10', 'x y', 'é'];
function generator(seed: number) {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const int = (n: number) => Math.floor(r() * n);
  const key = () => pick(KEYS);
  const field = () => {
    const k = key();
    return /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? k : JSON.stringify(k);
  };
  const value = (depth: number): unknown => {
    const k = depth > 3 ? int(6) : int(10);
    if (k === 0) return null;
    if (k === 1) return pick([true, false]);
    if (k === 2) return pick([0, 1, -1, 2.5, 7, 100, 12345678901234567890n]);
    if (k === 3) return pick(['', 'a', 'b', 'abc', 'é', '😀', '1']);
    if (k === 4) return pick([1.0, 3.0]); // written as integral floats below
    if (k === 5) return [];
    if (k < 8) return Array.from({ length: int(5) }, () => value(depth + 1));
    return Object.fromEntries(Array.from({ length: int(4) }, () => [key(), value(depth + 1)]));
  };
  const write = (v: unknown): string => {
    if (typeof v === 'bigint') return v.toString();
    if (typeof v === 'number' && (v === 1 || v === 3) && r() < 0.5) return `${v}.0`;
    if (Array.isArray(v)) return `[${v.map(write).join(', ')}]`;
    if (v !== null && typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${write(x)}`).join(', ')}}`;
    return JSON.stringify(v);
  };
  const expr = (depth: number): string => {
    const leaf = () => pick([field(), '@', `${field()}.${field()}`, `${field()}[${pick(['0', '-1', '1', '-2'])}]`]);
    if (depth > 2) return leaf();
    const e = () => expr(depth + 1);
    switch (int(24)) {
      case 0: return `${e()}[*].${field()}`;
      case 1: return `${e()}[]`;
      case 2: return `${e()}[${pick(['0', '-1', '2', '-3'])}]`;
      case 3: return `${e()}[${pick(['1:', ':2', '::-1', '-2:', '1:3:2'])}]`;
      case 4: return `${e()}[?${field()}]`;
      case 5: return `${e()}[?${field()} == ${pick(["'a'", '`1`', '`null`', '`[]`', '`1.0`'])}]`;
      case 6: return `${e()}[?!${field()}].${field()}`;
      case 7: return `length(${e()})`;
      case 8: return `keys(${e()})`;
      case 9: return `type(${e()})`;
      case 10: return `not_null(${e()}, ${e()})`;
      case 11: return `${e()} || ${e()}`;
      case 12: return `${e()} && ${e()}`;
      case 13: return `[${e()}, ${e()}]`;
      case 14: return `{x: ${e()}, y: ${e()}}`;
      case 15: return `${e()}.*`;
      case 16: return `sort_by(${e()}, &${field()})`;
      case 17: return `max_by(${e()}, &${field()})`;
      case 18: return `map(&${field()}, ${e()})`;
      case 19: return `${e()} | ${e()}`;
      case 20: return `!${e()}`;
      case 21: return `${e()}[*]`;
      case 22: return `to_string(${e()})`;
      default: return leaf();
    }
  };
  return { document: () => write(value(0)), expression: () => expr(0) };
}

describe('one-shot search reads only what the expression observes', () => {
  it('answers 20,000 generated queries exactly as reading the whole document does (results and errors)', function () {
    this.timeout(120000);
    const g = generator(20261127);
    const documents = Array.from({ length: 400 }, g.document);
    const differ: string[] = [];
    for (let i = 0; i < 20000; i++) {
      const document = documents[i % documents.length];
      const expression = g.expression();
      const full = fullAnswer(expression, document);
      const once = oneShotAnswer(expression, document);
      if (full !== once) differ.push(`${expression} on ${document}\n  full: ${full}\n  once: ${once}`);
    }
    assert.ok(differ.length === 0, `${differ.length} differ; first:\n${differ.slice(0, 5).join('\n')}`);
  });

  it('reads whitespace of any layout alike: indentation of every width and alignment, tabs, CRLF (spaces are skipped four at a time)', () => {
    const g = generator(20261207);
    const layouts = Array.from({ length: 24 }, (_, n) => [' '.repeat(n), `\n${' '.repeat(n)}`, `\r\n${' '.repeat(n)}\t`, `\n\n${' '.repeat(n)}  `][n % 4]);
    const differ: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const layout = layouts[i % layouts.length];
      const document = layout + g.document().replace(/, /g, `,${layout}`).replace(/: /g, `:${layout}`).replace(/\[/g, `[${layout}`) + layout;
      const expression = g.expression();
      // the bytes at each offset from a word boundary: ws() reads words only where the buffer starts on one
      const offset = Math.floor(i / layouts.length) % 4; // (independent of the layout)
      const bytes = Buffer.alloc(Buffer.byteLength(document) + offset);
      bytes.write(document, offset, 'utf8');
      // (no InvalidJson on the way: it would send the query to the full reader, and still answer alike)
      const demand = documentDemand(compile(expression));
      assert.doesNotThrow(() => readPartially(bytes.subarray(offset), demand), `${expression} on ${JSON.stringify(document)}`);
      const full = fullAnswer(expression, document);
      let once: string;
      try {
        once = search(expression, bytes.subarray(offset));
      } catch (e) {
        once = `error ${(e as { kind?: string }).kind}: ${(e as Error).message}`;
      }
      if (full !== once) differ.push(`${expression} on ${JSON.stringify(document)}\n  full: ${full}\n  once: ${once}`);
    }
    assert.ok(differ.length === 0, `${differ.length} differ; first:\n${differ.slice(0, 5).join('\n')}`);
  });

  it('answers every case of the compliance suite as the full read does', () => {
    const dir = path.resolve(__dirname, '../../../test/fixtures/compliance');
    let checked = 0;
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      for (const group of JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { given: unknown; cases: { expression: string }[] }[]) {
        const document = JSON.stringify(group.given, null, 2);
        for (const c of group.cases) {
          assert.strictEqual(oneShotAnswer(c.expression, document), fullAnswer(c.expression, document), `${file}: ${c.expression}`);
          checked++;
        }
      }
    }
    assert.ok(checked > 800, `${checked} cases`);
  });

  it('builds only the demanded parts: skipped members are left out, lists keep their length', () => {
    const doc = Buffer.from('{"Items": [{"a": 1, "b": [1, 2, 3]}, {"a": 2.0, "b": {"c": "x"}}, {"a": 3}], "Other": {"big": [1, 2, 3]}}');
    assert.deepStrictEqual(readPartially(doc, documentDemand(compile('Items[-1].a'))), { Items: [null, null, { a: 3 }] });
    assert.deepStrictEqual(readPartially(doc, documentDemand(compile('length(Items)'))), { Items: [null, null, null] });
    assert.deepStrictEqual(readPartially(doc, documentDemand(compile('keys(Other)'))), { Other: { big: null } });
    assert.deepStrictEqual(readPartially(doc, documentDemand(compile('Other'))), { Other: { big: [1, 2, 3] } });
  });

  it('a negative index beyond any length is null, as jmespath.py says (trial 22: the CLI said "too large to hold")', () => {
    const doc = '{"Items": [{"a": 1}, {"a": 2}, {"a": 3}]}';
    for (const expression of ['Items[-9007199254740993]', 'Items[-999999999999999999999].a', 'Items[-4]', 'Items[-3].a', '[Items[-1].a, Items[-99999999999].a]']) {
      assert.strictEqual(oneShotAnswer(expression, doc), fullAnswer(expression, doc), expression);
    }
    assert.strictEqual(oneShotAnswer('Items[-9007199254740993]', doc), 'null\n');
    assert.strictEqual(oneShotAnswer('[Items[-1].a, Items[-99999999999].a]', doc), '[\n    3,\n    null\n]\n');
  });

  it('reports invalid JSON in a skipped part exactly as the full reader does, for a break at every offset', () => {
    const base = '{"Items": [{"a": 1, "s": "x\\u00e9y"}, {"a": [true, false, null], "b": -1.5e3}], "c": "z"}';
    const breaks = ['', ',', ']', '}', '"', 'x', '\\', '\u0001', ' ', '0', '-', '.', 'e'];
    let checked = 0;
    for (let at = 0; at <= base.length; at++) {
      for (const b of breaks) {
        const document = base.slice(0, at) + b + base.slice(at + 1);
        for (const expression of ['c', 'Items[-1].a', 'length(Items)']) {
          assert.strictEqual(oneShotAnswer(expression, document), fullAnswer(expression, document), `${expression} on ${document}`);
          checked++;
        }
      }
    }
    assert.ok(checked > 3000);
  });
});

describe('a list with one consumer is narrowed as it is read', () => {
  /** 3,000 items: a few shapes of values, ties and nulls, so filters and max_by/min_by meet every case. */
  const items = Array.from({ length: 3000 }, (_, i) => (i % 97 === 5 ? 'null' : `{"id": ${i}, "n": ${(i * 7919) % 1000}, "w": ${i % 10}.0, "s": "k${(i * 31) % 500}", "t": [${i % 3}, ${i % 5}]}`));
  const document = `{"Items": [${items.join(', ')}], "Other": [1, 2]}`;

  it('answers filters and max_by/min_by on long lists exactly as reading the whole document does', () => {
    const expressions = [
      'Items[?n > `990`].id', 'Items[?n == `999`]', 'Items[?!n]', 'Items[?s == \'k7\'].[id, w]', 'Items[?t[0] == `1`] | length(@)',
      'max_by(Items[?n], &n).id', 'max_by(Items, &n)', 'min_by(Items, &w)', 'max_by(Items, &s).s', 'min_by(Items, &s)',
      'Items[?n > `500`][?w > `5.0`].id | [-3:]', '[Items[?n > `998`].id, length(Items)]', 'Items[?n > `998`] | [0].id',
      'max_by(Items, &id)', 'Items[?n > `995`].t[]', 'Items[?t[?@ == `4`]].id | length(@)',
    ];
    for (const e of expressions) assert.strictEqual(oneShotAnswer(e, document), fullAnswer(e, document), e);
  });

  it('reports a query error met while narrowing as the full read does', () => {
    const mixed = `{"Items": [${Array.from({ length: 2000 }, (_, i) => `{"k": ${i === 1500 ? '"x"' : i}}`).join(', ')}]}`;
    for (const e of ['max_by(Items, &k)', 'min_by(Items, &k)', 'Items[?abs(k) > `3`]', 'Items[?k > `1998`].k']) {
      const full = fullAnswer(e, mixed);
      assert.strictEqual(oneShotAnswer(e, mixed), full, e);
    }
    assert.match(fullAnswer('max_by(Items, &k)', mixed), /^error invalid-type/);
  });

  it('narrows only a list no other part of the query looks at', () => {
    const narrowed = (e: string) => JSON.stringify(documentDemand(compile(e)), (k, v) => (v instanceof Map ? Object.fromEntries(v) : v)).includes('"narrow"');
    assert.ok(narrowed('Items[?a].b') && narrowed('max_by(Items, &a)') && narrowed('Reservations[].Instances[?State.Name == \'running\']'));
    assert.ok(!narrowed('[Items[?a], length(Items)]') && !narrowed('Items[:5] | [?a]') && !narrowed('sort_by(Items, &a)') && !narrowed('Items[?a] || Items'));
  });
});
