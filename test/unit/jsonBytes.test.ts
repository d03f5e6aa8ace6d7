// JSON given as bytes: UTF-8 only (RFC 8259), with the byte offset, line and column of the first
// byte that is not, checked against Python's own UTF-8 decoder; byte order marks and UTF-16/32
// named; and where Python's json reads what we refuse, said so on purpose.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { JsonDocument } from '../../src/core/jmespath';
import { search } from '../../src/core/output';
import { decodeJsonBytes, firstInvalidSequence } from '../../src/core/json/utf8';
import { errorOf } from './engineHarness';
import { rng } from './hostileCorpus';

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

/** Python's verdict on the same bytes: strict UTF-8 decoding, and json.loads(bytes). */
function python(cases: Buffer[]): { decodeError: number | null; jsonLoads: string }[] {
  const script = `
import json, sys
for line in sys.stdin:
    b = bytes.fromhex(line.strip())
    try:
        b.decode('utf-8'); start = None
    except UnicodeDecodeError as e:
        start = e.start
    try:
        json.loads(b); loads = 'ok'
    except Exception as e:
        loads = type(e).__name__
    print(json.dumps({'decodeError': start, 'jsonLoads': loads}))
`;
  const r = spawnSync('python3', ['-c', script], { input: cases.map((c) => c.toString('hex')).join('\n') + '\n', encoding: 'utf8', maxBuffer: 1 << 26 });
  assert.strictEqual(r.status, 0, `python3 failed (is it installed?): ${r.stderr}`);
  return r.stdout.trim().split('\n').map((l) => JSON.parse(l));
}

const INVALID: [name: string, input: Buffer, offset: number, line: number, column: number, words: RegExp][] = [
  ['0xFF at the start', bytes([0xff], '{"a": 1}'), 0, 1, 1, /byte 0xFF, which never occurs in UTF-8/],
  ['Latin-1 é in the middle', bytes('{"name": "caf', [0xe9], '", "b": 1}'), 13, 1, 14, /E9 22 is a 3-byte sequence cut short.*'é'/],
  ['a sequence cut off at the end', bytes('{"a": "x"}', [0xe2, 0x82]), 10, 1, 11, /cut off by the end of the input/],
  ['overlong C0 AF (a slash)', bytes('{"a": "', [0xc0, 0xaf], '"}'), 7, 1, 8, /C0 AF is an overlong encoding/],
  ['overlong E0 80 AF', bytes('["', [0xe0, 0x80, 0xaf], '"]'), 2, 1, 3, /E0 80 AF is an overlong encoding/],
  ['overlong F0 80 80 AF', bytes('["', [0xf0, 0x80, 0x80, 0xaf], '"]'), 2, 1, 3, /overlong/],
  ['a lone surrogate encoded in UTF-8 (ED A0 80)', bytes('{"a":\n  "', [0xed, 0xa0, 0x80], '"}'), 9, 2, 4, /ED A0 80 encodes the UTF-16 surrogate U\+D800/],
  ['a low surrogate (ED BF BF)', bytes('["', [0xed, 0xbf, 0xbf], '"]'), 2, 1, 3, /surrogate U\+DFFF/],
  ['beyond U+10FFFF (F4 90 80 80)', bytes('["', [0xf4, 0x90, 0x80, 0x80], '"]'), 2, 1, 3, /beyond U\+10FFFF/],
  ['F5 lead byte', bytes('["', [0xf5, 0x80, 0x80, 0x80], '"]'), 2, 1, 3, /beyond U\+10FFFF/],
  ['a continuation byte alone', bytes('["', [0x80], '"]'), 2, 1, 3, /continues a character that never started/],
  ['Windows-1252 right quote', bytes('["it', [0x92], 's"]'), 4, 1, 5, /'’'/],
  // columns count UTF-16 units as editors do: € is one, 😀 two
  ['after wide characters on line 3', bytes('{\n"€😀": 1,\n"ü😀x": "', [0xfe], '"}'), 28, 3, 10, /byte 0xFE/],
];

describe('JSON bytes', function () {
  this.timeout(120000);

  it('valid UTF-8 reads exactly as the same text does (every plane, escapes, a leading byte order mark skipped)', () => {
    const text = JSON.stringify({ a: 'café €😀 𝒳 \u0000 \ud800', b: [1, 2.0, 1e400], 'ключ': { 'ü': true } }).replace('2', '2.0');
    for (const expression of ['@', 'a', 'b', 'keys(@)', '"ключ"']) {
      assert.strictEqual(search(expression, Buffer.from(text)), search(expression, text), expression);
      assert.strictEqual(search(expression, bytes([0xef, 0xbb, 0xbf], text)), search(expression, text), `${expression} after a BOM`);
    }
    const doc = JsonDocument.parse(new Uint8Array(bytes([0xef, 0xbb, 0xbf], '{"a": 1}')));
    assert.strictEqual(doc.text, '{"a": 1}', 'the byte order mark is not part of the text (editors hide it too)');
    assert.deepStrictEqual(decodeJsonBytes(bytes('[1]')), { text: '[1]', byteOrderMark: false });
  });

  it('bytes that are not UTF-8 are invalid-json with line, column and byte offset; the offset is Python\'s', () => {
    const theirs = python(INVALID.map((c) => c[1]));
    INVALID.forEach(([name, input, offset, line, column, words], i) => {
      const e = errorOf(() => JsonDocument.parse(input));
      assert.strictEqual(e.kind, 'invalid-json', name);
      assert.strictEqual(e.line, line, `${name}: line`);
      assert.strictEqual(e.jsonColumn, column, `${name}: column`);
      assert.ok(e.message.startsWith(`Invalid JSON: Not UTF-8 at line ${line}, column ${column} (byte offset ${offset}): `), `${name}: ${e.message}`);
      assert.match(e.message, words, name);
      assert.match(e.message, /JSON must be UTF-8 \(RFC 8259\)/);
      assert.strictEqual(theirs[i].decodeError, offset, `${name}: Python's UnicodeDecodeError names position ${theirs[i].decodeError}`);
      // the same through the one-shot API with every output format
      assert.strictEqual(errorOf(() => search('@', input, { output: 'table' })).message, e.message);
    });
  });

  it('random bytes: valid exactly when Python\'s strict UTF-8 decoder says so, failing at the same offset', () => {
    const r = rng(14);
    const pool = [0x22, 0x41, 0x0a, 0x80, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff, 0xa0, 0x9f, 0x90, 0x8f];
    const cases = Array.from({ length: 3000 }, () => Buffer.from(Array.from({ length: 1 + Math.floor(r() * 12) }, () => pool[Math.floor(r() * pool.length)])))
      .filter((b) => b[0] !== 0 && b[1] !== 0);
    const theirs = python(cases);
    cases.forEach((c, i) => {
      const bad = firstInvalidSequence(c);
      assert.strictEqual(bad?.offset ?? null, theirs[i].decodeError, `bytes ${c.toString('hex')}: ${bad?.reason}`);
      // and the fatal decoder (the fast path) agrees with the scan (the slow path)
      let decodes = true;
      try { new TextDecoder('utf-8', { fatal: true }).decode(c); } catch { decodes = false; }
      assert.strictEqual(decodes, bad === undefined, c.toString('hex'));
    });
  });

  it('UTF-16 and UTF-32 are named, with or without a byte order mark; Python\'s json.loads reads them, we refuse on purpose (RFC 8259)', () => {
    const text = '{"a": "é"}';
    const cases: [string, Buffer, RegExp][] = [
      ['UTF-16 LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), /The file is UTF-16 \(little-endian, byte order mark FF FE\)/],
      ['UTF-16 BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]), /The file is UTF-16 \(big-endian, byte order mark FE FF\)/],
      ['UTF-16 LE without BOM', Buffer.from(text, 'utf16le'), /looks like UTF-16 \(little-endian, no byte order mark/],
      ['UTF-16 BE without BOM', Buffer.from(text, 'utf16le').swap16(), /looks like UTF-16 \(big-endian, no byte order mark/],
      ['UTF-32 LE with BOM', Buffer.from([0xff, 0xfe, 0, 0, 0x5b, 0, 0, 0, 0x5d, 0, 0, 0]), /UTF-32 \(little-endian, byte order mark FF FE 00 00\)/],
      ['UTF-32 BE without BOM', Buffer.from([0, 0, 0, 0x5b, 0, 0, 0, 0x5d]), /looks like UTF-32 \(big-endian/],
    ];
    const theirs = python(cases.map((c) => c[1]));
    cases.forEach(([name, input, words], i) => {
      const e = errorOf(() => JsonDocument.parse(input));
      assert.strictEqual(e.kind, 'invalid-json', name);
      assert.match(e.message, words, name);
      assert.match(e.message, /JSON must be UTF-8 \(RFC 8259\): save the file as UTF-8/);
      assert.deepStrictEqual([e.line, e.jsonColumn], [1, 1]);
      assert.strictEqual(theirs[i].jsonLoads, 'ok', `${name}: Python's json.loads(bytes) detects and reads it`);
    });
    // Python's json.loads(bytes) also lets a UTF-8-encoded surrogate through (surrogatepass); we do not
    const surrogate = bytes('["', [0xed, 0xa0, 0x80], '"]');
    assert.strictEqual(python([surrogate])[0].jsonLoads, 'ok');
    assert.strictEqual(errorOf(() => JsonDocument.parse(surrogate)).kind, 'invalid-json');
  });

  it('a zero-filled file is said to hold no text, not named UTF-32 (fuzzing)', () => {
    const all = errorOf(() => JsonDocument.parse(Buffer.alloc(100_000)));
    assert.strictEqual(all.kind, 'invalid-json');
    assert.match(all.message, /holds no text: all its 100,000 bytes are NUL \(00\)/);
    assert.doesNotMatch(all.message, /UTF-32/);
    const first = errorOf(() => JsonDocument.parse(Buffer.concat([Buffer.alloc(4096), Buffer.from('{}')])));
    assert.match(first.message, /its first 4,096 bytes are NUL/);
  });

  it('a byte order mark is named in messages, never shown as an invisible character', () => {
    const fromBytes = errorOf(() => JsonDocument.parse(bytes([0xef, 0xbb, 0xbf], 'garbage')));
    assert.strictEqual(fromBytes.message, "Invalid JSON: Unexpected character 'g' at line 1, column 1 (after the UTF-8 byte order mark EF BB BF that starts the file, which is allowed and skipped)");
    const fromText = errorOf(() => JsonDocument.parse('\ufeff{"a": }'));
    assert.match(fromText.message, /at line 1, column 8 \(the text starts with a byte order mark, U\+FEFF, which is skipped but counted as column 1\)$/);
    const twice = errorOf(() => JsonDocument.parse(bytes([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], '{}')));
    assert.match(twice.message, /Unexpected byte order mark \(U\+FEFF; a file may have one only at its start\) at line 1, column 1/);
    const inside = errorOf(() => JsonDocument.parse('[1,\n\ufeff2]'));
    assert.strictEqual(inside.message, 'Invalid JSON: Unexpected byte order mark (U+FEFF; a file may have one only at its start) at line 2, column 1');
    for (const e of [fromBytes, fromText, twice, inside]) assert.ok(!e.message.includes('\ufeff'), e.message);
  });

  it('100 MB: valid bytes decode at TextDecoder speed; an invalid last byte is found with its line', () => {
    const line = '{"InstanceId": "i-0123456789abcdef0", "Name": "café €", "n": 12345},\n';
    const body = Buffer.from(line.repeat(Math.ceil(100e6 / Buffer.byteLength(line))));
    const big = Buffer.concat([Buffer.from('['), body.subarray(0, body.length - 2), Buffer.from(']')]);
    let t = performance.now();
    const decoded = decodeJsonBytes(big);
    const validMs = performance.now() - t;
    assert.strictEqual(decoded.text.length, big.toString('utf8').length);
    t = performance.now();
    const baseline = big.toString('utf8').length;
    const toStringMs = performance.now() - t;
    big[big.length - 5] = 0xff;
    t = performance.now();
    let e: Error | undefined;
    try { decodeJsonBytes(big); } catch (x) { e = x as Error; }
    const invalidMs = performance.now() - t;
    const lines = body.toString('latin1').split('\n').length - 1;
    assert.match(e!.message, new RegExp(`^Not UTF-8 at line ${lines}, column \\d+ \\(byte offset ${big.length - 5}\\)`));
    console.log(`      100 MB: valid ${validMs.toFixed(0)} ms (Buffer#toString ${toStringMs.toFixed(0)} ms for ${baseline} chars), invalid at the end ${invalidMs.toFixed(0)} ms`);
    assert.ok(validMs < toStringMs * 2 + 500, `decoding took ${validMs} ms, Buffer#toString ${toStringMs} ms`);
    assert.ok(invalidMs < 10000, `finding the bad byte took ${invalidMs} ms`);
  });
});
