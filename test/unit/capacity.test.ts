// DynamoDB capacity arithmetic: the seed's example, AWS's documented examples, rounding edges and
// every kind of invalid input.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { capacitySnippet, computeCapacity, snippetFormatFor } from '../../src/core/capacity/capacity';
import { itemSizeFromJson, numberSize, utf8Length } from '../../src/core/capacity/itemSize';
import { parseJson } from '../../src/core/json/parse';

const root = path.resolve(__dirname, '../../..');

describe('capacity: worked examples', () => {
  it("the seed's example: 1000 writes per 10 seconds @ 512 bytes = 100 WCU", () => {
    const r = computeCapacity({ itemSizeBytes: 512, writes: { count: 1000, perSeconds: 10 } });
    assert.deepStrictEqual(r.errors, []);
    assert.strictEqual(r.writes!.perSecond, 100);
    assert.strictEqual(r.writes!.unitsPerRead, 1);
    assert.strictEqual(r.writes!.provisioned, 100);
    assert.match(r.steps.join('\n'), /1,000 per 10 seconds = 100 writes\/s; 512 bytes rounded up to 1 KB = 1 write unit per write: 100 × 1 = 100 WCU/);
  });
  it('AWS: 80 strongly consistent reads/s of 3 KB items = 80 RCU; eventually consistent = 40', () => {
    assert.strictEqual(computeCapacity({ itemSizeBytes: 3072, reads: { count: 80, consistency: 'strong' } }).reads!.provisioned, 80);
    assert.strictEqual(computeCapacity({ itemSizeBytes: 3072, reads: { count: 80, consistency: 'eventual' } }).reads!.provisioned, 40);
  });
  it('AWS: 100 writes/s of 512-byte items = 100 WCU; a 3.5 KB item costs 4 WCU per write', () => {
    assert.strictEqual(computeCapacity({ itemSizeBytes: 512, writes: { count: 100 } }).writes!.provisioned, 100);
    assert.strictEqual(computeCapacity({ itemSizeBytes: 3584, writes: { count: 1 } }).writes!.provisioned, 4);
  });
  it('AWS: a 10 KB item read costs 3 RCU strongly, 1.5 eventually, 6 transactionally', () => {
    const at = (consistency: 'strong' | 'eventual' | 'transactional') => computeCapacity({ itemSizeBytes: 10240, reads: { count: 1, consistency } }).reads!;
    assert.strictEqual(at('strong').exact, 3);
    assert.strictEqual(at('eventual').exact, 1.5);
    assert.strictEqual(at('eventual').provisioned, 2);
    assert.strictEqual(at('transactional').exact, 6);
  });
  it('transactional writes cost double', () => {
    assert.strictEqual(computeCapacity({ itemSizeBytes: 1500, writes: { count: 10, transactional: true } }).writes!.provisioned, 40);
  });
  it('global secondary indexes take each write, sized by their projection', () => {
    const r = computeCapacity({ itemSizeBytes: 2000, writes: { count: 50 }, gsis: { count: 2, projectedSizeBytes: 300 } });
    assert.strictEqual(r.writes!.provisioned, 100);
    assert.strictEqual(r.writes!.gsiProvisionedEach, 50);
    assert.match(r.steps.join('\n'), /each of 2 indexes takes every write too/);
  });
  it('on-demand and provisioned monthly costs use the editable prices', () => {
    const r = computeCapacity({ itemSizeBytes: 1000, reads: { count: 10 }, writes: { count: 1 }, prices: { readRequestPerMillion: 1, writeRequestPerMillion: 1, rcuHour: 1, wcuHour: 1 } });
    const secondsPerMonth = 730 * 3600;
    assert.ok(Math.abs(r.cost.onDemandMonthly - (11 * secondsPerMonth) / 1e6) < 1e-6);
    assert.strictEqual(r.cost.provisionedMonthly, (10 + 1) * 730);
    assert.match(r.cost.pricesLabel, /us-east-1.*not live/);
  });
});

describe('capacity: rounding edges', () => {
  const rcu = (size: number, count: number, consistency: 'strong' | 'eventual' = 'strong') =>
    computeCapacity({ itemSizeBytes: size, reads: { count, consistency } }).reads!.provisioned;
  const wcu = (size: number, count: number) => computeCapacity({ itemSizeBytes: size, writes: { count } }).writes!.provisioned;
  it('4096 bytes is one read unit, 4097 two', () => {
    assert.strictEqual(rcu(4096, 1), 1);
    assert.strictEqual(rcu(4097, 1), 2);
  });
  it('1024 bytes is one write unit, 1025 two; 0 bytes still one', () => {
    assert.strictEqual(wcu(1024, 1), 1);
    assert.strictEqual(wcu(1025, 1), 2);
    assert.strictEqual(wcu(0, 1), 1);
  });
  it('eventually consistent odd counts round up to whole units', () => {
    assert.strictEqual(rcu(100, 1, 'eventual'), 1);
    assert.strictEqual(rcu(100, 3, 'eventual'), 2);
    assert.strictEqual(rcu(100, 4, 'eventual'), 2);
  });
  it('fractional rates round up only at the end (10 reads per 3 s = 4 RCU), without float noise', () => {
    assert.strictEqual(rcu(100, 10 / 1, 'strong'), 10);
    assert.strictEqual(computeCapacity({ itemSizeBytes: 100, reads: { count: 10, perSeconds: 3 } }).reads!.provisioned, 4);
    assert.strictEqual(computeCapacity({ itemSizeBytes: 100, writes: { count: 0.3, perSeconds: 0.1 } }).writes!.provisioned, 3);
  });
});

describe('capacity: item size by DynamoDB rules', () => {
  it('UTF-8 strings, numbers by significant digits', () => {
    assert.strictEqual(utf8Length('é😀a'), 2 + 4 + 1);
    assert.strictEqual(numberSize('2015'), 3);
    assert.strictEqual(numberSize('123.4500'), 4);
    assert.strictEqual(numberSize('-0.001'), 2);
  });
  it('sizes the sample get-item output (DynamoDB JSON) and ranks attributes', () => {
    const item = parseJson(fs.readFileSync(path.join(root, 'samples/dynamodb-get-item.json'), 'utf8')).value;
    const size = itemSizeFromJson(item);
    assert.strictEqual(size.format, 'dynamodb-json');
    assert.strictEqual(size.bytes, 21 + 22 + 25 + 7 + 8 + 12 + 15);
    assert.strictEqual(size.attributes[0].name, 'AlbumTitle');
  });
  it('sizes plain JSON, with list and map overhead', () => {
    const size = itemSizeFromJson(parseJson('{"id": "a", "tags": ["x", "yz"], "m": {"k": true}, "n": null}').value);
    // id 2+1; tags 4 + 3 + (1+1) + (1+2); m 1 + 3 + (1 + 1 + 1); n 1 + 1
    assert.strictEqual(size.bytes, 3 + 4 + 8 + 1 + 6 + 2);
  });
  it('takes an item as JSON text', () => {
    const r = computeCapacity({ item: '{"pk": {"S": "user#1"}, "n": {"N": "12345678901234567890"}}', writes: { count: 1 } });
    assert.deepStrictEqual(r.errors, []);
    assert.strictEqual(r.itemSizeBytes, 2 + 6 + 1 + 11);
  });
});

describe('capacity: invalid input never gives NaN or Infinity', () => {
  const check = (input: Parameters<typeof computeCapacity>[0], field: string, message: RegExp) => {
    const r = computeCapacity(input);
    const e = r.errors.find((x) => x.field === field);
    assert.ok(e, `no error for ${field}: ${JSON.stringify(r.errors)}`);
    assert.match(e.message, message);
    for (const s of r.steps) assert.doesNotMatch(s, /NaN|Infinity/);
    assert.ok(Number.isFinite(r.cost.onDemandMonthly) && Number.isFinite(r.cost.provisionedMonthly));
    assert.ok(r.reads === undefined || r.writes === undefined, 'an invalid input must leave a result out');
  };
  it('negative, empty and non-numeric sizes', () => {
    check({ itemSizeBytes: -1, reads: { count: 1 } }, 'itemSizeBytes', /negative/);
    check({ itemSizeBytes: '', reads: { count: 1 } }, 'itemSizeBytes', /Enter a number/);
    check({ itemSizeBytes: '12kb', reads: { count: 1 } }, 'itemSizeBytes', /not a number/);
  });
  it('items over 400 KB', () => {
    check({ itemSizeBytes: 409601, reads: { count: 1 } }, 'itemSizeBytes', /400 KB/);
    check({ item: JSON.stringify({ big: 'x'.repeat(410000) }), reads: { count: 1 } }, 'item', /400 KB/);
    assert.deepStrictEqual(computeCapacity({ itemSizeBytes: 409600, reads: { count: 1 } }).errors, []);
  });
  it('bad rates and items', () => {
    check({ itemSizeBytes: 1, reads: { count: 1, perSeconds: 0 } }, 'reads.perSeconds', /greater than 0/);
    check({ itemSizeBytes: 1, reads: { count: 'lots' } }, 'reads.count', /not a number/);
    check({ itemSizeBytes: 1, reads: { count: Infinity } }, 'reads.count', /not a number/);
    check({ item: '{"a": ', reads: { count: 1 } }, 'item', /not valid JSON.*line 1/);
    check({ item: '[1, 2]', reads: { count: 1 } }, 'item', /JSON object/);
    check({ itemSizeBytes: 1, reads: { count: 1 }, writes: { count: 1 }, gsis: { count: 1.5 } }, 'gsis.count', /whole number/);
    assert.strictEqual(computeCapacity({ itemSizeBytes: 1, writes: { count: 1 }, gsis: { count: 1.5 } }).writes, undefined);
  });
});

describe('capacity: snippets', () => {
  it('CloudFormation YAML and JSON, CLI and Terraform', () => {
    assert.strictEqual(capacitySnippet('cloudformation-yaml', 5, 10), 'ProvisionedThroughput:\n  ReadCapacityUnits: 5\n  WriteCapacityUnits: 10\n');
    assert.deepStrictEqual(JSON.parse(`{${capacitySnippet('cloudformation-json', 5, 10)}}`), { ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 10 } });
    assert.strictEqual(capacitySnippet('cli', 5, 10), '--provisioned-throughput ReadCapacityUnits=5,WriteCapacityUnits=10');
    assert.match(capacitySnippet('terraform', 5, 10), /read_capacity {2}= 5\nwrite_capacity = 10/);
  });
  it('picks the format from the language', () => {
    assert.strictEqual(snippetFormatFor('yaml'), 'cloudformation-yaml');
    assert.strictEqual(snippetFormatFor('json'), 'cloudformation-json');
    assert.strictEqual(snippetFormatFor('plaintext', 'main.tf'), 'terraform');
    assert.strictEqual(snippetFormatFor('shellscript'), 'cli');
  });
});
