// The editor's query worker (dist/queryWorker.js, built, in a child process) driven through its
// client, as the extension host drives it: the disk reader checks size and encoding, and a worker that dies
// (out of memory, crash) fails what it was doing with a kind of its own; the next request starts a
// fresh worker.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { QueryClient, QueryError } from '../../src/features/query/queryClient';
import { EXPRESSION_REFERENCE_MESSAGE } from '../../src/core/jmespath/errors';

const DIST = path.resolve(__dirname, '../../../dist');
const OPTIONS = { withSources: false, maxChars: 100_000, maxRanges: 100 };

async function rejection(p: Promise<unknown>): Promise<QueryError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof QueryError, `expected a QueryError, got ${e}`);
    return e;
  }
  assert.fail('expected the request to fail');
}

describe('query worker', function () {
  this.timeout(120000);
  let dir: string;
  let client: QueryClient;
  // the client unrefs its worker (it must not keep VS Code alive); keep this process alive meanwhile
  const keepAlive = setInterval(() => undefined, 1000);
  before(() => {
    assert.ok(fs.existsSync(path.join(DIST, 'queryWorker.js')), 'run `npm run build` first');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jmespath-worker-'));
  });
  afterEach(() => client?.dispose());
  after(() => {
    clearInterval(keepAlive);
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const file = (name: string, content: Buffer | string) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, content);
    return p;
  };

  it('the disk reader refuses bytes that are not UTF-8 with line, column and byte offset, and names UTF-16', async () => {
    client = new QueryClient(DIST);
    const bad = file('latin1.json', Buffer.concat([Buffer.from('{\n  "Name": "caf'), Buffer.from([0xe9]), Buffer.from('"\n}')]));
    const e = await rejection(client.load('latin1@1', { path: bad }));
    assert.deepStrictEqual([e.detail.kind, e.detail.line, e.detail.jsonColumn], ['invalid-json', 2, 15]);
    assert.match(e.message, /^Invalid JSON: Not UTF-8 at line 2, column 15 \(byte offset 16\): E9 22 is a 3-byte sequence cut short/);
    const utf16 = await rejection(client.load('utf16@1', { bytes: Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('{"a": 1}', 'utf16le').swap16()]) }));
    assert.match(utf16.message, /The file is UTF-16 \(big-endian, byte order mark FE FF\), not UTF-8/);
    // a byte order mark is skipped and the document answers
    const bom = file('bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"Name": "café"}')]));
    await client.load('bom@1', { path: bom });
    assert.strictEqual((await client.query('bom@1', 'Name', OPTIONS)).text, '"café"\n');
  });

  it('a file read from disk answers its first query from a partial read, then everything from the whole document', async () => {
    client = new QueryClient(DIST);
    const items = file('lazy.json', JSON.stringify({ Items: Array.from({ length: 5000 }, (_, i) => ({ id: i, price: i % 7 === 0 ? 2.0 : i / 4, tag: `t${i % 10}` })), Meta: { "10": 1, b: 2 } }, null, 2).replace(/"price": 2,/g, '"price": 2.0,'));
    await client.load('lazy@1', { path: items });
    const first = await client.query('lazy@1', 'Items[?id > `4997`]', OPTIONS);
    assert.deepStrictEqual([first.count, first.text], [2, '[\n    {\n        "id": 4998,\n        "price": 2.0,\n        "tag": "t8"\n    },\n    {\n        "id": 4999,\n        "price": 1249.75,\n        "tag": "t9"\n    }\n]\n']);
    assert.strictEqual((await client.query('lazy@1', 'Items[7].price', OPTIONS)).text, '2.0\n', 'floats stay floats');
    const traced = await client.query('lazy@1', 'Items[0].tag', { ...OPTIONS, withSources: true });
    assert.strictEqual(traced.ranges.length, 2, 'highlights come from the whole read');
    assert.strictEqual((await client.query('lazy@1', 'keys(Meta)', OPTIONS)).text, '[\n    "10",\n    "b"\n]\n', 'key order as written');
    const empty = await client.query('lazy@1', 'Items[0].Tag', OPTIONS);
    assert.strictEqual(empty.missing?.field, 'Tag', 'an empty result is explained');
    // invalid JSON: the first query says where, as reading it at once did
    const broken = file('broken.json', '{"Items": [1, 2,, 3]}');
    await client.load('broken@1', { path: broken });
    const e = await rejection(client.query('broken@1', 'Items[0]', OPTIONS));
    assert.deepStrictEqual([e.detail.kind, e.detail.line, e.detail.jsonColumn], ['invalid-json', 1, 17]);
  });

  it('remembers what it loaded, most recently used last, and drops the least recently used beyond its limit', async () => {
    client = new QueryClient(DIST, { maxDocuments: 2 });
    await client.load('a@1', { text: '{"n": 1}' });
    await client.load('b@1', { text: '{"n": 2}' });
    assert.deepStrictEqual(client.loadedKeys, ['a@1', 'b@1']);
    assert.ok(client.isLoaded('a@1'), 'a loaded document is not read again for the next query');
    assert.strictEqual((await client.query('a@1', 'n', OPTIONS)).text, '1\n');
    assert.deepStrictEqual(client.loadedKeys, ['b@1', 'a@1']);
    await client.load('c@1', { text: '{"n": 3}' });
    assert.deepStrictEqual(client.loadedKeys, ['a@1', 'c@1']);
    const gone = await rejection(client.query('b@1', 'n', OPTIONS));
    assert.strictEqual(gone.detail.kind, 'not-loaded');
  });

  it('the disk reader refuses a 1 GiB file from its size at once', async () => {
    client = new QueryClient(DIST);
    const huge = path.join(dir, 'huge.json');
    fs.closeSync(fs.openSync(huge, 'w'));
    fs.truncateSync(huge, 1024 ** 3);
    const t0 = Date.now();
    const e = await rejection(client.load('huge@1', { path: huge }));
    assert.strictEqual(e.detail.kind, 'too-large');
    assert.match(e.message, /^huge\.json is 1\.00 GiB \(1,073,741,824 bytes\): more than the 536,870,888 bytes \(512 MiB\) a JSON document may have/);
    assert.ok(Date.now() - t0 < 5000, `took ${Date.now() - t0} ms`);
    fs.rmSync(huge);
  });

  it('an expression reference as a result is an error, not the syntax tree', async () => {
    client = new QueryClient(DIST);
    await client.load('doc@1', { text: '{"a": [1]}' });
    for (const expression of ['&a', '{x: &a}', '[&a]']) {
      const e = await rejection(client.query('doc@1', expression, OPTIONS));
      assert.deepStrictEqual([e.detail.kind, e.message], ['invalid-type', EXPRESSION_REFERENCE_MESSAGE]);
      const traced = await rejection(client.query('doc@1', expression, { ...OPTIONS, withSources: true }));
      assert.strictEqual(traced.detail.kind, 'invalid-type');
    }
  });

  it('out of memory: the query fails with kind out-of-memory naming the query; the next query starts a fresh worker', async () => {
    const ITEMS_KEY = 'file:///work/space/items.json@disk:1:2'; // the service's key: uri@version
    client = new QueryClient(DIST, { memoryMb: 64 });
    const items = file('items.json', JSON.stringify({ Items: Array.from({ length: 100_000 }, (_, i) => ({ i, s: 'x'.repeat(20), f: i + 0.5 })) }));
    await client.load(ITEMS_KEY, { path: items });
    await client.load('small@1', { text: '{"a": [1, 2, 3]}' });
    const heavy = 'to_array(Items)[].{a: i, b: s, c: f, d: [i, s, f], e: [i, s, f, i, s, f]}';
    const [e, alsoPending] = await Promise.all([
      rejection(client.query(ITEMS_KEY, heavy, OPTIONS)),
      rejection(client.query('small@1', 'a', OPTIONS)), // queued behind it: fails too, with the same reason
    ]);
    assert.strictEqual(e.detail.kind, 'out-of-memory');
    assert.strictEqual(e.message, `The query worker ran out of memory while running ${heavy} on items.json (its limit is 64 MB, setting jmespathAws.query.workerMemoryMb). It was stopped; the next query starts a fresh one. Narrow the query (or the file), or raise the limit.`);
    assert.strictEqual(alsoPending.detail.kind, 'out-of-memory');
    assert.deepStrictEqual(client.loadedKeys, [], 'the dead worker held nothing any more');
    // the next request starts a fresh worker (the service reloads what it needs: not-loaded)
    const notLoaded = await rejection(client.query(ITEMS_KEY, 'length(Items)', OPTIONS));
    assert.strictEqual(notLoaded.detail.kind, 'not-loaded');
    await client.load(ITEMS_KEY, { path: items });
    assert.strictEqual((await client.query(ITEMS_KEY, 'length(Items)', OPTIONS)).text, '100000\n');
    assert.strictEqual(client.workersStarted, 2);
  });

  it('a worker that dies otherwise fails its requests with kind worker-crashed; a memory limit change replaces an idle worker', async () => {
    client = new QueryClient(DIST);
    const items = JSON.stringify({ Items: Array.from({ length: 100_000 }, (_, i) => ({ i, s: 'x'.repeat(20) })) });
    await client.load('file:///w/doc.json@1', { text: items });
    const pending = client.query('file:///w/doc.json@1', 'sort_by(Items, &s)[].{a: i, b: s}', OPTIONS);
    // what a crash looks like from outside: the process ends with requests unanswered
    (client as unknown as { worker: { kill(signal: string): void } }).worker.kill('SIGKILL');
    const e = await rejection(pending);
    assert.strictEqual(e.detail.kind, 'worker-crashed');
    assert.strictEqual(e.message, 'The query worker stopped unexpectedly while running sort_by(Items, &s)[].{a: i, b: s} on doc.json (signal SIGKILL). The next query starts a fresh one.');
    await client.load('doc@2', { text: '{"a": 2}' });
    assert.strictEqual((await client.query('doc@2', 'a', OPTIONS)).text, '2\n');
    assert.strictEqual(client.workersStarted, 2);
    client.setMemoryLimit(512);
    await client.load('doc@3', { text: '{"a": 3}' });
    assert.strictEqual((await client.query('doc@3', 'a', OPTIONS)).text, '3\n');
    assert.strictEqual(client.workersStarted, 3, 'the new limit took a new worker');
  });
});
