// The engine's output formats against the real aws CLI (v1 on PATH, and v2 at /usr/bin/aws when
// Debian's awscli is installed) talking to moto_server: the same response, queried and printed by
// `aws ... --query Q --output F` and by search(Q, response, { output: F, title }), byte for byte.
import * as assert from 'assert';
import * as fs from 'fs';
import { search } from '../../src/core/output';
import { Moto, aws, startMoto } from './motoServer';

const V2 = '/usr/bin/aws';

describe('output formats: the engine prints what the real aws CLI prints (moto_server)', function () {
  this.timeout(240000);
  let moto: Moto;

  before(async () => {
    moto = await startMoto();
    const e = moto.endpoint;
    const run = aws(e, ['ec2', 'run-instances', '--image-id', 'ami-1e749f67', '--count', '3', '--instance-type', 't2.micro',
      '--tag-specifications', 'ResourceType=instance,Tags=[{Key=Name,Value=web 日本},{Key=env,Value=prod}]']);
    assert.strictEqual(run.status, 0, run.stderr);
    const table = aws(e, ['dynamodb', 'create-table', '--table-name', 'Music', '--attribute-definitions', 'AttributeName=Artist,AttributeType=S',
      '--key-schema', 'AttributeName=Artist,KeyType=HASH', '--billing-mode', 'PAY_PER_REQUEST']);
    assert.strictEqual(table.status, 0, table.stderr);
    for (const [artist, extra] of [['Björk', '"Year": {"N": "1993"}'], ['東京事変', '"Tags": {"L": [{"S": "rock"}, {"S": "jp"}]}'], ['Nina', '"Info": {"M": {"Label": {"S": "Bethlehem"}}}']]) {
      const put = aws(e, ['dynamodb', 'put-item', '--table-name', 'Music', '--item', `{"Artist": {"S": "${artist}"}, ${extra}}`]);
      assert.strictEqual(put.status, 0, put.stderr);
    }
  });
  after(() => moto?.stop());

  // one full response per command and CLI, queried by both sides
  const fullResponses = new Map<string, string>();
  function fullResponse(command: string[], cli = 'aws'): string {
    const key = `${cli} ${command.join(' ')}`;
    if (!fullResponses.has(key)) {
      const full = aws(moto.endpoint, [...command, '--output', 'json'], cli);
      assert.strictEqual(full.status, 0, full.stderr);
      fullResponses.set(key, full.stdout);
    }
    return fullResponses.get(key)!;
  }

  const CASES: [string[], string, string, string][] = [
    [['ec2', 'describe-instances'], 'DescribeInstances', 'Reservations[].Instances[].[InstanceId, InstanceType, State.Name]', 'table'],
    [['ec2', 'describe-instances'], 'DescribeInstances', 'Reservations[].Instances[].{Id: InstanceId, Type: InstanceType, Tags: Tags}', 'table'],
    [['ec2', 'describe-instances'], 'DescribeInstances', 'Reservations[].Instances[].[InstanceId, Tags[?Key==`Name`].Value | [0]]', 'text'],
    [['ec2', 'describe-instances'], 'DescribeInstances', 'Reservations[0].Instances[0].[Placement, State]', 'text'],
    [['dynamodb', 'scan', '--table-name', 'Music'], 'Scan', 'Items', 'table'],
    [['dynamodb', 'scan', '--table-name', 'Music'], 'Scan', 'Items', 'text'],
    [['dynamodb', 'scan', '--table-name', 'Music'], 'Scan', '@', 'table'],
  ];

  for (const [command, title, query, output] of CASES) {
    it(`aws ${command.slice(0, 2).join(' ')} --query '${query}' --output ${output}`, () => {
      const real = aws(moto.endpoint, [...command, '--query', query, '--output', output]);
      assert.strictEqual(real.status, 0, real.stderr);
      assert.ok(real.stdout.length > 0);
      assert.strictEqual(search(query, fullResponse(command), { output: output as 'text' | 'table', title }), real.stdout);
    });
  }

  it('the ragged-row failure: same message, nothing on stdout', () => {
    const query = 'Reservations[].Instances[].[InstanceId, Tags[?Key==`env`].Value]';
    const full = fullResponse(['ec2', 'describe-instances']);
    const real = aws(moto.endpoint, ['ec2', 'describe-instances', '--query', '[[`1`, `2`], [`3`]]', '--output', 'table']);
    assert.strictEqual(real.status, 255);
    assert.strictEqual(real.stdout, '');
    assert.throws(() => search('[[`1`, `2`], [`3`]]', full, { output: 'table', title: 'DescribeInstances' }), (e: Error) => `\n${e.message}\n` === real.stderr);
    assert.ok(search(query, full, { output: 'text' }).length > 0);
  });

  it('yaml and yaml-stream as AWS CLI v2 prints them', function () {
    if (!fs.existsSync(V2)) {
      console.log(`    (skipped: AWS CLI v2 not found at ${V2}; \`apt-get install -y awscli\` installs it)`);
      this.skip();
    }
    for (const [command, query, output] of [
      [['ec2', 'describe-instances'], 'Reservations[].Instances[]', 'yaml'],
      [['dynamodb', 'scan', '--table-name', 'Music'], '@', 'yaml'],
      [['dynamodb', 'scan', '--table-name', 'Music'], 'Items[].Artist.S', 'yaml-stream'],
    ] as [string[], string, string][]) {
      const real = aws(moto.endpoint, [...command, '--query', query, '--output', output], V2);
      assert.strictEqual(real.status, 0, real.stderr);
      // v2 prints timestamps its own way, so its own json is the source
      assert.strictEqual(search(query, fullResponse(command, V2), { output: output as 'yaml' }), real.stdout, `${command.join(' ')} ${query} ${output}`);
    }
  });
});
