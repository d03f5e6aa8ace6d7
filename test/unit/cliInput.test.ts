// The CLI (dist/cli.js, built) on input that has hurt it: bytes that are not UTF-8, files too big
// to read, a reader that goes away, results too big to print, expression references as results.
// It answers or says why in one message: never a stack trace, exit codes 0 / 252 / 255 only.
import * as assert from 'assert';
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { OUTPUT_FORMATS, search } from '../../src/core/output';
import { EXPRESSION_REFERENCE_MESSAGE } from '../../src/core/jmespath/errors';
import { MAX_JSON_BYTES } from '../../src/core/json/sizeLimit';
import { errorOf } from './engineHarness';
import { askOracle } from './oracle';
import { aws, startMoto } from './motoServer';

const root = path.resolve(__dirname, '../../..');
const CLI = path.join(root, 'dist', 'cli.js');

function cli(args: string[], input?: Buffer | string): { status: number | null; stdout: string; stderr: string; ms: number } {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8', maxBuffer: 1 << 28, timeout: 120000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - t0 };
}

function assertNoStackTrace(stderr: string): void {
  assert.ok(!/\n\s+at .+[(:]\d+/.test(stderr) && !/(Range|Type)Error:|node:internal/.test(stderr), `a stack trace or JavaScript error:\n${stderr.slice(0, 1500)}`);
}

describe('CLI on hostile input', function () {
  this.timeout(300000);
  let dir: string;
  before(() => {
    assert.ok(fs.existsSync(CLI), 'run `npm run build` first');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jmespath-cli-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, content: Buffer | string) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, content);
    return p;
  };

  it('bytes that are not UTF-8 exit 255 with line, column and byte offset, from a file and from stdin', () => {
    const latin1 = Buffer.concat([Buffer.from('{"Name": "caf'), Buffer.from([0xe9]), Buffer.from('"}')]);
    const expected = '\nInvalid JSON: Not UTF-8 at line 1, column 14 (byte offset 13): E9 22 is a 3-byte sequence cut short ' +
      "(in Windows-1252/Latin-1 0xE9 is 'é': was the file saved in another encoding?). JSON must be UTF-8 (RFC 8259).\n";
    for (const r of [cli(['Name', file('latin1.json', latin1)]), cli(['Name'], latin1)]) {
      assert.deepStrictEqual([r.status, r.stdout, r.stderr], [255, '', expected]);
    }
    const utf16 = cli(['Name', file('utf16.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"Name": 1}', 'utf16le')]))]);
    assert.strictEqual(utf16.status, 255);
    assert.match(utf16.stderr, /^\nInvalid JSON: The file is UTF-16 \(little-endian, byte order mark FF FE\), not UTF-8\./);
    const bom = cli(['Name', file('bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"Name": "café"}')]))]);
    assert.deepStrictEqual([bom.status, bom.stdout, bom.stderr], [0, '"café"\n', '']);
  });

  it('a 1 GiB file is refused at once with its size, from a path or a redirected stdin; a bad query fails before reading', () => {
    const huge = path.join(dir, 'huge.json');
    fs.closeSync(fs.openSync(huge, 'w'));
    fs.truncateSync(huge, 1024 ** 3); // sparse: costs no disk
    const byPath = cli(['Reservations', huge]);
    assert.deepStrictEqual([byPath.status, byPath.stdout], [255, '']);
    assert.strictEqual(byPath.stderr, `\n${huge} is 1.00 GiB (1,073,741,824 bytes): more than the 536,870,888 bytes (512 MiB) a JSON document may have (the longest string JavaScript can hold). Narrow it first, e.g. with jq or by querying a smaller response.\n`);
    assert.ok(byPath.ms < 5000, `took ${byPath.ms} ms: it read the file`);
    const fd = fs.openSync(huge, 'r');
    try {
      const t0 = Date.now();
      const r = spawnSync(process.execPath, [CLI, 'Reservations'], { stdio: [fd, 'pipe', 'pipe'], encoding: 'utf8' });
      assert.strictEqual(r.status, 255);
      assert.match(r.stderr, /^\nstdin is 1\.00 GiB \(1,073,741,824 bytes\): more than the 536,870,888 bytes \(512 MiB\)/);
      assert.ok(Date.now() - t0 < 5000);
    } finally {
      fs.closeSync(fd);
    }
    const badQuery = cli(['Reservations[', huge]);
    assert.strictEqual(badQuery.status, 252);
    assert.match(badQuery.stderr, /^\nBad value for --query Reservations\[: /);
    // just under the limit is not refused for its size (it is read and found not to be JSON)
    assert.strictEqual(MAX_JSON_BYTES, 2 ** 29 - 24);
    const dirRead = cli(['a', dir]);
    assert.deepStrictEqual([dirRead.status, dirRead.stderr], [255, `\njmespath-aws: cannot read ${dir}: it is a directory, not a JSON file\n`]);
    const missing = cli(['a', path.join(dir, 'nope.json')]);
    assert.strictEqual(missing.status, 255);
    // in words, naming the program and the file (trial 15: Node's ENOENT text)
    assert.strictEqual(missing.stderr, `\njmespath-aws: cannot read ${path.join(dir, 'nope.json')}: no such file\n`);
    for (const r of [byPath, badQuery, dirRead, missing]) assertNoStackTrace(r.stderr);
  });

  it('takes `-` for stdin and `--query EXPRESSION` as aws does; says what is wrong with other arguments (trial 25: only the usage)', () => {
    const doc = file('args.json', '{"a": {"b": 1}}');
    assert.deepStrictEqual([cli(['a.b', '-'], '{"a": {"b": 2}}').stdout, cli(['--query', 'a.b', doc]).stdout, cli(['--output', 'text', '--query=a.b', '-'], '{"a": {"b": 3}}').stdout], ['2\n', '1\n', '3\n']);
    for (const [args, why] of [
      [['a', doc, 'extra.json'], 'unrecognized arguments: extra.json'],
      [['--version'], 'unrecognized arguments: --version'],
      [['--query', 'a', '--colour', doc], 'unrecognized arguments: --colour'],
      [[], 'the following arguments are required: EXPRESSION'],
      [['--query', 'a', doc, 'b.json'], 'unrecognized arguments: b.json'],
    ] as [string[], string][]) {
      const r = cli(args, '{}');
      assert.strictEqual(r.status, 252, args.join(' '));
      assert.ok(r.stderr.startsWith('usage: jmespath-aws'), r.stderr);
      assert.ok(r.stderr.endsWith(`\njmespath-aws: error: ${why}\n`), `${args.join(' ')}: ${r.stderr}`);
      assert.strictEqual(r.stdout, '');
    }
  });

  it('exits quietly when its reader goes away (| head -1): no EPIPE trace, exit 0', async () => {
    const big = file('items.json', JSON.stringify({ Items: Array.from({ length: 100_000 }, (_, i) => ({ i, s: 'x'.repeat(40) })) }));
    for (const args of [['@', big], ['--output', 'text', 'Items', big], ['--output', 'yaml', 'Items[:50000]', big]]) {
      const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      const firstLine = await new Promise<string>((resolve) => {
        let got = '';
        child.stdout.on('data', (d: Buffer) => {
          got += d.toString();
          if (got.includes('\n')) {
            child.stdout.destroy(); // what head -1 does once it has its line
            resolve(got.split('\n')[0]);
          }
        });
      });
      const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
      assert.ok(firstLine.length > 0);
      assert.deepStrictEqual([code, stderr], [0, ''], `${args.join(' ')}: exit ${code}\n${stderr.slice(0, 1000)}`);
    }
    // and through a real shell pipe
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${CLI}" @ "${big}" | head -1`], { encoding: 'utf8' });
    assert.deepStrictEqual([r.status, r.stdout, r.stderr], [0, '{\n', '']);
  });

  it('a result too large for a JavaScript string is a clear error, exit 255', () => {
    // 3 MB string x 192 copies: printing would need ~600 M characters (a string holds 512 M)
    const doc = file('str.json', JSON.stringify({ a: 'x'.repeat(3 * 1024 * 1024) }));
    const r = cli(['[a,a,a,a,a,a,a,a] | [@,@,@,@,@,@,@,@] | [@,@,@]', doc]);
    assert.deepStrictEqual([r.status, r.stdout], [255, '']);
    assert.match(r.stderr, /^\n(The result is too large to hold or print \(JavaScript strings and arrays have a size limit\); narrow the query\.|.*limit.*)\n$/);
    assertNoStackTrace(r.stderr);
  });

  it('an expression reference as a result is an error in every format, as the AWS CLI fails on it', () => {
    const doc = '{"a": [{"n": 2}, {"n": 1}]}';
    for (const expression of ['&a', '{x: &a}', '[&a]', 'a[].[&n]', '[[&a]]', '{x: {y: [&a]}}']) {
      for (const output of OUTPUT_FORMATS) {
        const e = errorOf(() => search(expression, doc, { output }));
        assert.deepStrictEqual([e.kind, e.message], ['invalid-type', EXPRESSION_REFERENCE_MESSAGE], `${expression} as ${output}`);
        const r = cli(['--output', output, expression], doc);
        assert.deepStrictEqual([r.status, r.stdout, r.stderr], [255, '', `\n${EXPRESSION_REFERENCE_MESSAGE}\n`], `${expression} as ${output}`);
      }
    }
    // jmespath.py returns the _Expression object and json.dumps fails with a TypeError: the same kind
    const oracle = askOracle([{ expression: '&a', document: doc }, { expression: '{x: &a}', document: doc }]);
    for (const o of oracle) assert.strictEqual(o.error?.kind, 'invalid-type', JSON.stringify(o));
    // where a reference is used as it should be, or turned into a string, nothing changes
    assert.strictEqual(search('sort_by(a, &n)[0].n', doc), '1\n');
    assert.strictEqual(search('to_string(&a)', doc), '"\\"<jmespath.visitor._Expression object>\\""\n');
  });

  it('the real aws CLI (v1, against moto_server): fails on an expression reference with the words our message quotes; reads JSON files without positions (we differ on purpose)', async () => {
    const moto = await startMoto();
    try {
      const r = aws(moto.endpoint, ['sts', 'get-caller-identity', '--output', 'json', '--query', '{x: &Account}']);
      assert.strictEqual(r.status, 255);
      assert.match(r.stderr, /Encountered unrecognized type in JSON encoder\./);
      assert.ok(EXPRESSION_REFERENCE_MESSAGE.includes('"Encountered unrecognized type in JSON encoder."'));
      // where the aws CLI reads JSON files itself (--cli-input-json file://): no position for bad
      // bytes, and a leading byte order mark is an error it echoes back invisibly; we differ on purpose
      const latin1 = path.join(dir, 'aws-latin1.json');
      fs.writeFileSync(latin1, Buffer.concat([Buffer.from('{"Name": "caf'), Buffer.from([0xe9]), Buffer.from('"}')]));
      const bad = aws(moto.endpoint, ['sts', 'get-caller-identity', '--cli-input-json', `file://${latin1}`]);
      assert.strictEqual(bad.status, 255);
      assert.match(bad.stderr, /Unable to load paramfile \(.*aws-latin1\.json\), text contents could not be decoded/);
      assert.match(cli(['Name', latin1]).stderr, /Not UTF-8 at line 1, column 14 \(byte offset 13\)/);
      const bom = path.join(dir, 'aws-bom.json');
      fs.writeFileSync(bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{}')]));
      const withBom = aws(moto.endpoint, ['sts', 'get-caller-identity', '--cli-input-json', `file://${bom}`]);
      assert.strictEqual(withBom.status, 255);
      assert.match(withBom.stderr, /Invalid JSON: Unexpected UTF-8 BOM \(decode using utf-8-sig\)/);
      assert.strictEqual(cli(['@', bom]).status, 0);
      // text prints the object's repr with a memory address, exit 0: not something to copy
      const text = aws(moto.endpoint, ['sts', 'get-caller-identity', '--output', 'text', '--query', '&Account']);
      assert.match(text.stdout, /^<jmespath\.visitor\._Expression object at 0x[0-9a-f]+>\n$/);
    } finally {
      moto.stop();
    }
  });
});

describe('CLI: a lone surrogate in the result (fuzzing: we printed U+FFFD and exited 0)', function () {
  this.timeout(60000);
  it('fails as the CLI\'s UTF-8 stdout does: exit 255, what it printed before the failing write, its message', () => {
    const doc = '{"Items": [{"Name": "ok"}, {"Name": "bad\\ud83d"}]}';
    const json = cli(['Items[].Name'], doc);
    // json.dump writes a list's string with the separator and indent before it
    assert.deepStrictEqual([json.status, json.stdout, json.stderr], [255, '[\n    "ok"', "\n'utf-8' codec can't encode character '\\ud83d' in position 10: surrogates not allowed\n"]);
    const text = cli(['--output', 'text', 'Items[].Name'], doc);
    assert.deepStrictEqual([text.status, text.stdout, text.stderr], [255, '', "\n'utf-8' codec can't encode character '\\ud83d' in position 6: surrogates not allowed\n"]);
    const table = cli(['--output', 'table', '--title', 'T', 'Items'], doc);
    assert.strictEqual(table.status, 255);
    assert.match(table.stdout, /^-+\n\|\s+T\s+\|\n\+-+\+\n\|\s+Name\s+\|\n\+-+\+\n\|  ok\s+\|\n$/);
    assert.match(table.stderr, /^\n'utf-8' codec can't encode character '\\ud83d' in position 6: surrogates not allowed\n$/);
    // a pair is one character and prints; so do other formats' own rules and documents without such escapes
    assert.deepStrictEqual([cli(['a'], '{"a": "\\ud83d\\ude00"}').stdout, cli(['a'], '{"a": "\\ud83d\\ude00"}').status], ['"\u{1F600}"\n', 0]);
    assert.match(cli(['--output', 'yaml', 'Items[1]'], doc).stderr, /surrogates not allowed/);
    // a bare string in yaml is JSON, one write (AWS CLI v2's formatter on a strict UTF-8 stream)
    const yaml = cli(['--output', 'yaml', 'Items[1].Name'], doc);
    assert.deepStrictEqual([yaml.status, yaml.stdout, yaml.stderr], [255, '', "\n'utf-8' codec can't encode character '\\ud83d' in position 4: surrogates not allowed\n"]);
    // in an error message, as Python's stderr writes it
    const typeError = cli(['abs(`"\\ude00"`)'], '{}');
    assert.deepStrictEqual([typeError.status, typeError.stderr], [255, '\nIn function abs(), invalid type for value: \\ude00, expected one of: [\'number\'], received: "string"\n']);
  });
});

describe('CLI: a text printing that fails part way', function () {
  this.timeout(60000);
  it('prints the lines aws printed before its formatter failed, then the message (exit 255)', () => {
    const r = cli(['--output', 'text', "[[`[1]`, 'x'], [{a: `1`}, 'x']]"], '{}');
    assert.deepStrictEqual([r.status, r.stdout, r.stderr], [255, 'x\n1\n', "\n'str' object has no attribute 'items'\n"]);
  });
});
