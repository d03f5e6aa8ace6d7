// A fast read (JSON.parse) made exact in place must equal the exact reader's values, or step aside
// (undefined) where JSON.parse changed the document's shape: duplicate or index-like keys.
import * as assert from 'assert';
import { exactify } from '../../src/core/json/exactify';
import { parseJson } from '../../src/core/json/parse';
import { dumps } from '../../src/core/json/print';
import { search as searchOutput, searchTo } from '../../src/core/output';
import { rng } from './differentialCases';

const NUMBERS = ['0', '-0', '1', '-1', '2.0', '-0.0', '0.0', '1.5', '1e3', '1E+2', '2.5e-3', '1e400', '-1e400', '9007199254740993',
  '-12345678901234567890', '1234567890123456', '123456789012345678901234567890.0', '0.000', '10.50', '3.0e0', '5e-324',
  '123456789012345678901234567890.5', '1.00000000000000001', '999999999999999.9', '0.1000000000000000055511151231257827'];
const STRINGS = ['"a"', '"x\\"y"', '"\\\\"', '"\\\\\\""', '"1.0"', '":"', '"é"', '"\\u0041: 2.0"'];

function document(r: () => number, depth = 0): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const k = depth > 3 ? Math.floor(r() * 3) : Math.floor(r() * 6);
  if (k === 0) return pick(NUMBERS);
  if (k === 1) return pick(STRINGS);
  if (k === 2) return pick(['true', 'false', 'null']);
  if (k === 3) return `[${Array.from({ length: Math.floor(r() * 4) }, () => document(r, depth + 1)).join(', ')}]`;
  const keys = ['a', 'b', 'c:d', 'x\\"y', 'é'];
  return `{${Array.from({ length: Math.floor(r() * 4) }, (_, i) => `"${keys[(i + Math.floor(r() * 2)) % keys.length]}": ${document(r, depth + 1)}`).join(', ')}}`;
}

/** Whether a member was merged away: more `:` outside strings than keys in the values read. */
function hasDuplicateKeys(text: string): boolean {
  let colons = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === ':') colons++;
  }
  let keys = 0;
  const count = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(count);
    else if (v !== null && typeof v === 'object' && v.constructor === Object) {
      keys += Object.keys(v).length;
      Object.values(v).forEach(count);
    }
  };
  count(parseJson(text).value);
  return colons !== keys;
}

describe('exactify: JSON.parse made exact without a second read', () => {
  it('equals the exact reader on 3,000 generated documents, or declines where JSON.parse merged or moved members', () => {
    const r = rng(7);
    let patched = 0;
    for (let i = 0; i < 3000; i++) {
      const text = document(r);
      const exact = dumps(parseJson(text).value);
      const fast = exactify(text, JSON.parse(text));
      assert.strictEqual(fast === undefined, hasDuplicateKeys(text), `declined: ${fast === undefined}: ${text}`);
      if (fast === undefined) continue;
      patched++;
      assert.strictEqual(dumps(fast), exact, text);
    }
    assert.ok(patched > 2000, `patched only ${patched}`);
  });

  it('declines duplicate keys and index-like keys, which JSON.parse merges or moves', () => {
    assert.strictEqual(exactify('{"a": 1.0, "a": 2}', JSON.parse('{"a": 1.0, "a": 2}')), undefined);
    assert.strictEqual(exactify('{"b": 1, "10": 2.0}', JSON.parse('{"b": 1, "10": 2.0}')), undefined);
    assert.deepStrictEqual(dumps(exactify('[2.0, "1.0", 3]', JSON.parse('[2.0, "1.0", 3]'))!), '[\n    2.0,\n    "1.0",\n    3\n]');
  });

  it('the command line\'s streamed output equals the whole string, in pieces', () => {
    const big = `{"Items": [${Array.from({ length: 20000 }, (_, i) => `{"id": ${i}, "w": ${i % 3}.0, "s": "é${i}"}`).join(', ')}]}`;
    for (const q of ['@', 'Items[-1]', 'Items[?id > `19990`]', 'Items[0].nothing', '`{}`', 'length(Items)']) {
      const chunks: Buffer[] = [];
      searchTo(q, Buffer.from(big), {}, (c) => chunks.push(Buffer.from(c)));
      assert.strictEqual(Buffer.concat(chunks).toString('utf8'), searchOutput(q, big), q);
      if (q === '@') assert.ok(chunks.length > 10, 'streamed in pieces');
    }
  });
});
