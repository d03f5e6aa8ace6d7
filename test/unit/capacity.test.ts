// DynamoDB capacity arithmetic: the seed's example, AWS's documented examples, rounding edges and
// every kind of invalid input.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { capacitySnippet, computeCapacity, snippetForResult, snippetFormatFor, usd } from '../../src/core/capacity/capacity';
import { DEFAULT_FORM, formToInput } from '../../src/shared/capacityForm';
import { itemSizeFromJson, numberSize, utf8Length } from '../../src/core/capacity/itemSize';
import { parseJson } from '../../src/core/json/parse';
import { boto3ArgumentWarning, cliFlagWarning, insidePythonBrackets, snippetPlace } from '../../src/core/capacity/snippetPlace';

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
    assert.ok(Math.abs(r.cost!.onDemandMonthly - (11 * secondsPerMonth) / 1e6) < 1e-6);
    assert.strictEqual(r.cost!.provisionedMonthly, (10 + 1) * 730);
    assert.match(r.cost!.pricesLabel, /us-east-1.*not live/);
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

describe('capacity: figures as a user reads them', () => {
  it('costs round to the cent half up, whatever the binary noise ($52.195 is $52.20)', () => {
    const r = computeCapacity(formToInput(DEFAULT_FORM));
    assert.strictEqual(usd(r.cost!.provisionedMonthly), '$52.20'); // 50 RCU, 100 WCU for 730 h: 52.19499999999999 as doubles
    assert.strictEqual(usd(0.005), '$0.01');
    assert.strictEqual(usd(1234567.891), '$1,234,567.89');
    assert.match(r.steps.join(' '), /provisioned \$52\.20/);
  });

  it('numbers with thousands separators, as the steps print them, are numbers', () => {
    const r = computeCapacity({ itemSizeBytes: '1,024', reads: { count: '1,000', perSeconds: '10', consistency: 'strong' } });
    assert.deepStrictEqual(r.errors, []);
    assert.strictEqual(r.reads!.provisioned, 100);
    assert.match(computeCapacity({ itemSizeBytes: '1,00', reads: { count: '1', perSeconds: '1', consistency: 'strong' } }).errors[0].message, /"1,00" is not a number/);
  });
});

describe('capacity: invalid input never gives NaN or Infinity', () => {
  const check = (input: Parameters<typeof computeCapacity>[0], field: string, message: RegExp) => {
    const r = computeCapacity(input);
    const e = r.errors.find((x) => x.field === field);
    assert.ok(e, `no error for ${field}: ${JSON.stringify(r.errors)}`);
    assert.match(e.message, message);
    for (const s of r.steps) assert.doesNotMatch(s, /NaN|Infinity/);
    assert.strictEqual(r.cost, undefined, 'invalid input shows no cost');
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
    assert.deepStrictEqual(capacitySnippet('cloudformation-yaml', 5, 10), { text: 'ProvisionedThroughput:\n  ReadCapacityUnits: 5\n  WriteCapacityUnits: 10\n' });
    assert.deepStrictEqual(JSON.parse(`{${capacitySnippet('cloudformation-json', 5, 10).text}}`), { ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 10 } });
    assert.deepStrictEqual(capacitySnippet('cli', 5, 10), { text: '--provisioned-throughput ReadCapacityUnits=5,WriteCapacityUnits=10' });
    assert.match(capacitySnippet('terraform', 5, 10).text, /read_capacity {2}= 5\nwrite_capacity = 10/);
  });

  it('nested lines indent one step as the file does: spaces or a tab, but YAML never with a tab', () => {
    assert.strictEqual(capacitySnippet('cloudformation-json', 5, 10, '  ', undefined, '\t').text, '"ProvisionedThroughput": {\n  \t"ReadCapacityUnits": 5,\n  \t"WriteCapacityUnits": 10\n  }');
    assert.strictEqual(capacitySnippet('cloudformation-yaml', 5, 10, '    ', undefined, '    ').text, '    ProvisionedThroughput:\n        ReadCapacityUnits: 5\n        WriteCapacityUnits: 10\n');
    assert.strictEqual(capacitySnippet('cloudformation-yaml', 5, 10, '', undefined, '\t').text, 'ProvisionedThroughput:\n  ReadCapacityUnits: 5\n  WriteCapacityUnits: 10\n');
  });
  it('picks the format from the language', () => {
    assert.strictEqual(snippetFormatFor('yaml'), 'cloudformation-yaml');
    assert.strictEqual(snippetFormatFor('json'), 'cloudformation-json');
    assert.strictEqual(snippetFormatFor('plaintext', 'main.tf'), 'terraform');
    assert.strictEqual(snippetFormatFor('shellscript'), 'cli');
    assert.strictEqual(snippetFormatFor('python'), 'boto3');
    assert.strictEqual(snippetFormatFor('plaintext', 'deploy.py'), 'boto3');
  });

  it('boto3: a ProvisionedThroughput argument botocore accepts for create_table, and a warning anywhere else (trial 17: a CLI flag went into get_item)', () => {
    const snippet = capacitySnippet('boto3', 5, 10).text;
    const check = spawnSync('python3', ['-c', [
      'import sys, botocore.session, botocore.validate',
      "op = botocore.session.get_session().get_service_model('dynamodb').operation_model('CreateTable')",
      "params = eval('dict(' + sys.argv[1] + ', TableName=\"t\", KeySchema=[{\"AttributeName\": \"k\", \"KeyType\": \"HASH\"}], AttributeDefinitions=[{\"AttributeName\": \"k\", \"AttributeType\": \"S\"}])')",
      'botocore.validate.validate_parameters(params, op.input_shape)',
      "print(params['ProvisionedThroughput'])",
    ].join('\n'), snippet], { encoding: 'utf8' });
    assert.strictEqual(check.status, 0, check.stderr);
    assert.strictEqual(check.stdout.trim(), "{'ReadCapacityUnits': 5, 'WriteCapacityUnits': 10}");
    const script = [
      'import boto3',
      "table = boto3.resource('dynamodb').Table('t')",
      "client.create_table(TableName='t (\"x\")', # a ( in a comment",
      '    KeySchema=[],',
      '    )',
      "item = table.get_item(Key={'pk': 'cust#1'})",
    ].join('\n');
    const at = (needle: string, delta = 0) => script.indexOf(needle) + needle.length + delta;
    assert.strictEqual(boto3ArgumentWarning(script, at('KeySchema=[],')), undefined);
    assert.match(boto3ArgumentWarning(script, at("Key={'pk': ", 0))!, /inside get_item\(\.\.\.\): boto3 would refuse it/);
    assert.match(boto3ArgumentWarning(script, script.length)!, /outside any call/);
  });
});

describe('capacity: global secondary indexes and minimums in the inserted text', () => {
  const withGsis = computeCapacity({ itemSizeBytes: 2000, reads: { count: 10 }, writes: { count: 50 }, gsis: { count: 2, projectedSizeBytes: 300 } });

  it('YAML and Terraform carry each index\'s throughput', () => {
    const yaml = snippetForResult('cloudformation-yaml', withGsis, '      ')!;
    assert.strictEqual(yaml.note, undefined);
    assert.strictEqual(yaml.text, [
      '      ProvisionedThroughput:',
      '        ReadCapacityUnits: 10',
      '        WriteCapacityUnits: 100',
      '      # Each of the 2 global secondary indexes, in its GlobalSecondaryIndexes entry (index reads are not calculated; 1 is the minimum):',
      '      #   ProvisionedThroughput:',
      '      #     ReadCapacityUnits: 1',
      '      #     WriteCapacityUnits: 50',
      '',
    ].join('\n'));
    const tf = snippetForResult('terraform', withGsis)!.text;
    assert.match(tf, /^read_capacity {2}= 10\nwrite_capacity = 100\n# Each of the 2 global secondary indexes, in its global_secondary_index block.*\n# {3}read_capacity {2}= 1\n# {3}write_capacity = 50\n$/);
  });

  it('JSON and the CLI flag say plainly that they are table-only, with the indexes\' numbers', () => {
    const json = snippetForResult('cloudformation-json', withGsis)!;
    assert.deepStrictEqual(JSON.parse(`{${json.text}}`), { ProvisionedThroughput: { ReadCapacityUnits: 10, WriteCapacityUnits: 100 } });
    assert.match(json.note!, /^Table only: each of the 2 global secondary indexes needs its own ProvisionedThroughput \(ReadCapacityUnits 1, WriteCapacityUnits 50\)/);
    const cli = snippetForResult('cli', withGsis)!;
    assert.strictEqual(cli.text, '--provisioned-throughput ReadCapacityUnits=10,WriteCapacityUnits=100');
    assert.match(cli.note!, /^Table only: .*ReadCapacityUnits=1,WriteCapacityUnits=50 in --global-secondary-indexes/);
    // without indexes there is nothing to say
    assert.strictEqual(snippetForResult('cli', computeCapacity({ itemSizeBytes: 1, reads: { count: 1 }, writes: { count: 1 } }))!.note, undefined);
  });

  it('provisions at least 1 unit, for 0 reads or writes too, and says why', () => {
    const r = computeCapacity({ itemSizeBytes: 100, reads: { count: 0 }, writes: { count: 0 }, gsis: { count: 1 } });
    assert.deepStrictEqual(r.errors, []);
    assert.strictEqual(r.reads!.exact, 0);
    assert.strictEqual(r.reads!.provisioned, 1);
    assert.strictEqual(r.writes!.provisioned, 1);
    assert.strictEqual(r.writes!.gsiProvisionedEach, 1);
    assert.match(r.steps.join('\n'), /= 0; DynamoDB's minimum is 1 RCU, so 1 RCU\./);
    assert.match(r.steps.join('\n'), /= 0; DynamoDB's minimum is 1 WCU, so 1 WCU\./);
    assert.strictEqual(snippetForResult('cli', r)!.text, '--provisioned-throughput ReadCapacityUnits=1,WriteCapacityUnits=1');
    // the provisioned cost counts what is provisioned: 1 RCU + 1 index RCU, 1 WCU + 1 index WCU
    assert.strictEqual(r.cost!.provisionedMonthly, 730 * (2 * 0.00013 + 2 * 0.00065));
  });

  it('invalid input gives no cost and no text to insert', () => {
    for (const input of [
      { itemSizeBytes: 100, reads: { count: 1 }, writes: { count: 'x' } },
      { itemSizeBytes: 100, reads: { count: 1 }, writes: { count: 1 }, prices: { rcuHour: 'cheap' } },
      { item: '{"a": {"S": 5}}', reads: { count: 1 }, writes: { count: 1 } },
    ]) {
      const r = computeCapacity(input);
      assert.ok(r.errors.length, JSON.stringify(input));
      assert.strictEqual(r.cost, undefined);
      assert.ok(!r.steps.some((s) => s.startsWith('Monthly')));
      assert.strictEqual(snippetForResult('cli', r), undefined);
    }
  });
});

describe('capacity: DynamoDB JSON is checked, naming the attribute', () => {
  const itemError = (item: string) => {
    const r = computeCapacity({ item, reads: { count: 1 } });
    assert.strictEqual(r.itemSizeBytes, undefined, `${item} must not be sized`);
    assert.strictEqual(r.errors.length, 1, JSON.stringify(r.errors));
    assert.strictEqual(r.errors[0].field, 'item');
    assert.doesNotMatch(r.errors[0].message, /undefined|is not a function|Cannot read|NaN|\[object/);
    return r.errors[0].message;
  };
  it('wrong shapes', () => {
    assert.strictEqual(itemError('{"id": {"S": "a"}, "tags": {"L": "x"}}'), 'Attribute "tags": L holds a list of values, e.g. {"L": [{"S": "a"}]}; got a string ("x").');
    assert.strictEqual(itemError('{"name": {"S": 5}}'), 'Attribute "name": S holds a string; got a number (5).');
    assert.match(itemError('{"id": {"S": "a"}, "m": {"M": [1]}}'), /^Attribute "m": M holds an object/);
    assert.match(itemError('{"id": {"S": "a"}, "ok": {"BOOL": "yes"}}'), /^Attribute "ok": BOOL holds true or false; got a string \("yes"\)/);
    assert.match(itemError('{"id": {"S": "a"}, "gone": {"NULL": false}}'), /^Attribute "gone": NULL must be true/);
    assert.match(itemError('{"id": {"S": "a"}, "two": {"S": "a", "N": "1"}}'), /^Attribute "two" has 2 type keys \(S, N\)/);
    assert.match(itemError('{"id": {"S": "a"}, "plain": 5}'), /^Attribute "plain" is a number \(5\); in DynamoDB JSON every value is an object with one type key/);
  });
  it('unknown type keys, with a guess', () => {
    assert.strictEqual(itemError('{"id": {"S": "a"}, "n": {"NUM": "1"}}'), 'Attribute "n": "NUM" is not a DynamoDB type; did you mean "N"? (types: S, N, B, BOOL, NULL, L, M, SS, NS, BS).');
    assert.match(itemError('{"id": {"s": "a"}}'), /^Attribute "id": "s" is not a DynamoDB type; did you mean "S"\?/);
    assert.match(itemError('{"id": {"STRING": "a"}}'), /^Attribute "id": "STRING" is not a DynamoDB type; did you mean "S"\?/);
    assert.match(itemError('{"id": {"S": "a"}, "x": {"QQ": "a"}}'), /^Attribute "x": "QQ" is not a DynamoDB type \(types: S, N/);
  });
  it('numbers, binaries and sets', () => {
    assert.strictEqual(itemError('{"n": {"N": "12abc"}}'), 'Attribute "n": "12abc" is not a number.');
    assert.match(itemError('{"n": {"N": 12}}'), /^Attribute "n": a DynamoDB number is written as a string, e.g. \{"N": "42"\}; got a number \(12\)/);
    assert.match(itemError('{"n": {"N": "1234567890123456789012345678901234567890"}}'), /at most 38 significant digits/);
    assert.match(itemError('{"b": {"B": "not base64!"}}'), /^Attribute "b": binary values are base64 text/);
    assert.match(itemError('{"s": {"SS": []}}'), /^Attribute "s": DynamoDB does not store empty sets/);
    assert.match(itemError('{"s": {"SS": ["a", "a"]}}'), /^Attribute "s": SS contains "a" twice/);
    assert.match(itemError('{"s": {"NS": ["1", "x"]}}'), /^Attribute "s" \(NS element 1\): "x" is not a number/);
  });
  it('names nested attributes by their path', () => {
    assert.match(itemError('{"a": {"M": {"b": {"L": [{"S": "ok"}, {"N": "x1"}]}}}}'), /^Attribute "a.b\[1\]": "x1" is not a number/);
  });
  it('still sizes valid DynamoDB JSON and plain JSON with nested maps', () => {
    const ok = computeCapacity({ item: '{"id": {"S": "a"}, "n": {"N": "-1.5e3"}, "b": {"B": "aGVsbG8="}, "ss": {"SS": ["x", "y"]}, "l": {"L": [{"NULL": true}, {"BOOL": false}]}}', reads: { count: 1 } });
    assert.deepStrictEqual(ok.errors, []);
    assert.strictEqual(ok.item!.format, 'dynamodb-json');
    const plain = computeCapacity({ item: '{"user": {"name": "x"}, "Item": 1}', reads: { count: 1 } });
    assert.deepStrictEqual(plain.errors, []);
    assert.strictEqual(plain.item!.format, 'json');
  });
});

describe('capacity: where the snippet goes (trial 11: a cursor in --consistent-read split it)', () => {
  const insert = (line: string, column: number, format: 'cli' | 'cloudformation-yaml') => {
    const p = snippetPlace(line, column, format);
    return line.slice(0, p.column) + p.before + 'SNIP' + p.after + line.slice(p.column);
  };

  it('a CLI flag goes after the word the cursor is in, with spaces around it, never inside a word or after a continuation', () => {
    const line = 'aws dynamodb query --table-name Music --consistent-read \\';
    assert.strictEqual(insert(line, line.indexOf('consistent') + 4, 'cli'), 'aws dynamodb query --table-name Music --consistent-read SNIP \\');
    assert.strictEqual(insert(line, line.indexOf('Music'), 'cli'), 'aws dynamodb query --table-name SNIP Music --consistent-read \\', 'at the start of a word: before it');
    assert.strictEqual(insert(line, line.length, 'cli'), 'aws dynamodb query --table-name Music --consistent-read SNIP \\');
    const quoted = "aws dynamodb create-table --key-schema 'AttributeName=a b,KeyType=HASH' x";
    assert.strictEqual(insert(quoted, quoted.indexOf('a b') + 2, 'cli'), "aws dynamodb create-table --key-schema 'AttributeName=a b,KeyType=HASH' SNIP x", 'a quoted word keeps its spaces');
    assert.strictEqual(insert('aws dynamodb create-table', 25, 'cli'), 'aws dynamodb create-table SNIP');
    assert.strictEqual(insert('', 0, 'cli'), 'SNIP');
  });

  it('a boto3 argument goes where an argument starts or ends, with its commas, never inside a string or a nested list (trial 19: after the `)`)', () => {
    const snippet = capacitySnippet('boto3', 5, 10).text;
    const put = (line: string, column: number) => {
      const p = snippetPlace(line, column, 'boto3');
      return line.slice(0, p.column) + p.before + snippet + p.after + line.slice(p.column);
    };
    const call = 'ddb.create_table(TableName=name)';
    const pt = "ProvisionedThroughput={'ReadCapacityUnits': 5, 'WriteCapacityUnits': 10}";
    assert.strictEqual(put(call, call.length - 1), `ddb.create_table(TableName=name, ${pt})`, 'before the `)`');
    assert.strictEqual(put(call, call.indexOf('Name')), `ddb.create_table(TableName=name, ${pt})`, 'in an argument: after it');
    assert.strictEqual(put(call, call.indexOf('(') + 1), `ddb.create_table(${pt}, TableName=name)`, 'after the `(`');
    const nested = "create_table(TableName='a,b', KeySchema=[{'x': 1}, {'y': 2}])";
    const whole = (t: string) => t;
    const cases = [
      [nested, nested.indexOf(',b'), whole], [nested, nested.indexOf("{'y'"), whole], [nested, nested.indexOf("'x'") + 1, whole],
      ['client.create_table(', 20, (t) => `${t}\n)`], ['    ', 4, (t) => `f(\n${t}\n)`], ["    TableName='t',  # the name", 8, (t) => `f(\n${t}\n)`],
    ] as [string, number, (t: string) => string][];
    // each line (in the call it is a line of) is Python with the throughput as an argument
    for (const [line, column, wrap] of cases) {
      const text = put(line, column);
      const source = wrap(text);
      const r = spawnSync('python3', ['-c', 'import ast, sys; ast.parse(sys.argv[1]); print(sys.argv[1].count("ProvisionedThroughput="))', source], { encoding: 'utf8' });
      assert.strictEqual(r.status, 0, `${source}\n${r.stderr}`);
      assert.ok(text.includes(`, ${pt}`) || text.includes(`(${pt}`) || text.trimStart().startsWith(pt), text);
    }
  });

  it('a boto3 argument outside any call goes on a line of its own, never into a statement (trial 20: `..., import boto3`)', () => {
    const snippet = capacitySnippet('boto3', 5, 10).text;
    const text = 'import boto3\nddb = boto3.client("dynamodb")\n';
    assert.strictEqual(insidePythonBrackets(text, 0), false);
    assert.strictEqual(insidePythonBrackets('ddb.create_table(\n    TableName="t",\n', 30), true, 'a call open on a line above');
    assert.strictEqual(insidePythonBrackets('x = "(" # (\n', 12), false, 'brackets in strings and comments do not count');
    const line = 'import boto3';
    const p = snippetPlace(line, 0, 'boto3', insidePythonBrackets(text, 0));
    const edited = line.slice(0, p.column) + p.before + snippet + p.after + line.slice(p.column);
    assert.strictEqual(edited, `import boto3\n${snippet}`);
    const r = spawnSync('python3', ['-c', 'import ast, sys; ast.parse(sys.argv[1])', edited], { encoding: 'utf8' });
    assert.strictEqual(r.status, 0, r.stderr);
  });

  it('a block of lines goes at the cursor on a blank line, else on a new line below with the same indentation', () => {
    assert.strictEqual(insert('      ', 6, 'cloudformation-yaml'), '      SNIP');
    assert.strictEqual(insert('    Properties:', 6, 'cloudformation-yaml'), '    Properties:\n    SNIP');
  });

  it('warns when the command is not one --provisioned-throughput belongs to, across continued lines (any service: trial 14)', () => {
    const flag = ' --provisioned-throughput ReadCapacityUnits=5,WriteCapacityUnits=5';
    const at = (text: string, shell: 'bash' | 'powershell' = 'bash') => cliFlagWarning(text.replace('‸', flag), text.indexOf('‸') + 1, shell);
    assert.match(at('aws dynamodb query \\\n  --table-name Music --consistent-read‸\n') ?? '', /not of aws dynamodb query: the CLI stops with "Unknown options"/);
    assert.strictEqual(at('aws --region us-east-1 dynamodb create-table \\\n  --table-name Music‸\n'), undefined);
    assert.strictEqual(at('aws dynamodb update-table --table-name Music‸'), undefined);
    assert.strictEqual(at('aws dynamodb update-table `\n  --table-name Music‸', 'powershell'), undefined);
    assert.match(at('aws ec2 describe-volumes --query "Volumes[?State==\'available\'].VolumeId"‸\n') ?? '', /not of aws ec2 describe-volumes/);
    assert.match(at('aws --profile dev s3api list-buckets‸') ?? '', /not of aws s3api list-buckets/);
    assert.match(at('echo "launched: $ids"‸') ?? '', /this line is not an aws command/, 'another command (trial 25: nothing said)');
    assert.strictEqual(at('echo hi\n‸'), undefined, 'a line of its own: it may start a command');
    assert.strictEqual(at('aws dynamodb create-table --table-name T\n‸'), undefined, 'on a line of its own, after the command');
  });
});

describe('capacity: inputs a new user tried (trial 17)', () => {
  it('query or scan output pasted as the item: sized by its largest item, and says so', () => {
    const pasted = JSON.stringify({ Items: [{ a: { S: 'x' } }, { a: { S: 'a much longer value' } }], Count: 2, ScannedCount: 2 });
    const r = computeCapacity({ item: pasted, reads: { count: 1 }, writes: { count: 1 } });
    assert.deepStrictEqual(r.errors, []);
    assert.strictEqual(r.item?.bytes, 1 + 19); // name "a" + the longer string
    assert.deepStrictEqual(r.item?.ofItems, { count: 2, index: 1 });
    assert.ok(r.steps.some((s) => s.includes('the largest of the 2 items pasted (Items[1])')), r.steps.join('\n'));
    // get-item output with --return-consumed-capacity is its item too
    const withConsumed = computeCapacity({ item: JSON.stringify({ Item: { a: { S: 'xyz' } }, ConsumedCapacity: { TableName: 't', CapacityUnits: 0.5 } }), reads: { count: 1 } });
    assert.strictEqual(withConsumed.item?.bytes, 4);
    const empty = computeCapacity({ item: '{"Items": [], "Count": 0}', reads: { count: 1 } });
    assert.match(empty.errors[0].message, /has no Items/);
  });

  it('a projection larger than the item is an error, not more index writes than table writes', () => {
    const r = computeCapacity({ itemSizeBytes: 4096, writes: { count: 100 }, gsis: { count: 2, projectedSizeBytes: 5000 } });
    assert.deepStrictEqual(r.errors.map((e) => e.field), ['gsis.projectedSizeBytes']);
    assert.match(r.errors[0].message, /cannot be larger than the item \(4,096 bytes\)/);
    assert.strictEqual(r.writes, undefined);
  });

  it('a number past 2^53 is refused rather than shown as another; a rate below 0.001 is not shown as 0', () => {
    const huge = computeCapacity({ itemSizeBytes: 100, reads: { count: '99999999999999999999' } });
    assert.deepStrictEqual(huge.errors.map((e) => e.field), ['reads.count']);
    assert.match(huge.errors[0].message, /Too large to compute exactly: at most 9,007,199,254,740,991/);
    const slow = computeCapacity({ itemSizeBytes: 100, reads: { count: 0.5, perSeconds: 3600 } });
    assert.ok(slow.steps.some((s) => s.includes('= 0.000139 reads/s')), slow.steps.join('\n'));
  });
});
