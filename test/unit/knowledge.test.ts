// AWS knowledge in scripts: DynamoDB read consistency and its cost, the GSI strong-read rule (proved
// against moto_server with the real aws CLI and boto3), S3 consistency, Lambda /tmp.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { KnowledgeHover, KnowledgeLanguage, hoverAt, scriptKnowledge } from '../../src/core/aws/knowledge';
import { findBoto3Calls, findCliCalls } from '../../src/core/aws/knowledge/awsCalls';
import { calculatorLink } from '../../src/core/aws/knowledge/dynamodbReads';
import { findLambdaHandlers } from '../../src/core/aws/knowledge/lambdaTmp';
import { AWS_ENV, Moto, startMoto } from './motoServer';

function hoverOn(src: string, language: KnowledgeLanguage, needle: string): KnowledgeHover | undefined {
  const at = src.indexOf(needle);
  assert.ok(at >= 0, `${needle} is in the source`);
  return hoverAt(scriptKnowledge(src, language), at + 1);
}

/** Applies a problem's fix the way the quick fix does (edits from last to first). */
function applyFix(src: string, edits: { start: number; end: number; text: string }[]): string {
  return [...edits].sort((a, b) => b.start - a.start).reduce((s, e) => s.slice(0, e.start) + e.text + s.slice(e.end), src);
}

describe('AWS knowledge: finding calls', () => {
  it('reads aws command lines with global options, continuations, quotes and --flag=value', () => {
    const src = "aws --profile p --region eu-west-1 dynamodb query \\\n  --table-name 'My Table' --index-name=ByEmail --consistent-read\naws s3 ls # aws dynamodb scan in a comment\n";
    const calls = findCliCalls(src, 'bash');
    assert.deepStrictEqual(calls.map((c) => `${c.cliService} ${c.operation}`), ['dynamodb query', 's3 ls']);
    const args = Object.fromEntries(calls[0].args.map((a) => [a.name, a.value ?? true]));
    assert.deepStrictEqual(args, { '--profile': 'p', '--region': 'eu-west-1', '--table-name': 'My Table', '--index-name': 'ByEmail', '--consistent-read': true });
  });

  it('reads PowerShell and cmd continuations', () => {
    assert.strictEqual(findCliCalls('aws dynamodb get-item `\n  --consistent-read `\n  --table-name T\n', 'powershell')[0].args.length, 2);
    assert.strictEqual(findCliCalls('aws dynamodb get-item ^\r\n  --consistent-read --table-name T\r\n', 'cmd')[0].args.length, 2);
  });

  it('binds boto3 clients, resources, Tables, Buckets and Objects, inline chains and meta.client', () => {
    const src = [
      'import boto3',
      "ddb = boto3.resource('dynamodb')",
      "table = ddb.Table('Music')",
      "client = boto3.session.Session(profile_name='x').client('dynamodb')",
      'raw = table.meta.client',
      "s3 = boto3.resource('s3')",
      "bucket = s3.Bucket('b')",
      "table.get_item(Key={'a': 1})",
      "client.query(TableName='t')",
      'raw.scan(TableName="t")',
      "boto3.client('s3').get_object(Bucket='b', Key='k')",
      "bucket.Object('k').get()",
      "bucket.objects.filter(Prefix='p')",
      "s3.Object('b', 'k').put(Body=b'')",
      "x = 'table.query(IndexName=\"i\")'  # not a call",
      'table = 5',
      'table.query()',
    ].join('\n');
    const calls = findBoto3Calls(src).map((c) => `${c.service}:${c.receiver}.${c.operation}`);
    assert.deepStrictEqual(calls, [
      'dynamodb:Table.get_item', 'dynamodb:client.query', 'dynamodb:client.scan', 's3:client.get_object',
      's3:Object.get', 's3:objects.filter', 's3:Object.put',
    ]);
  });
});

describe('AWS knowledge: DynamoDB read consistency', () => {
  const cases: [string, KnowledgeLanguage, string, RegExp, RegExp][] = [
    ['aws dynamodb get-item --table-name T --key k\n', 'bash', 'get-item', /GetItem: eventually consistent read/, /0\.5 read capacity unit per 4 KB/],
    ['aws dynamodb get-item --table-name T --key k --consistent-read\n', 'bash', 'get-item', /GetItem: strongly consistent read/, /1 read capacity unit per 4 KB/],
    ['aws dynamodb query --no-consistent-read --table-name T\n', 'bash', 'query', /Query: eventually consistent read.*--no-consistent-read/, /added up, then rounded up/],
    ['aws dynamodb scan --table-name T\n', 'powershell', 'scan', /Scan: eventually consistent/, /evaluated/],
    ['aws dynamodb transact-get-items --transact-items file://t.json\n', 'bash', 'transact-get-items', /transactional/, /2 read capacity units per 4 KB/],
    ['aws dynamodb batch-get-item --request-items \'{"T": {"Keys": [], "ConsistentRead": true}}\'\n', 'bash', 'batch-get-item', /BatchGetItem: strongly consistent/, /each item is rounded up/],
    ['aws dynamodb batch-get-item --request-items file://items.json\n', 'bash', 'batch-get-item', /depends on a value.*items\.json/, /Eventually consistent reads cost/],
    ["import boto3\nc = boto3.client('dynamodb')\nc.get_item(TableName='T', Key={})\n", 'python', 'get_item', /GetItem: eventually consistent/, /Add `ConsistentRead=True`/],
    ["import boto3\nt = boto3.resource('dynamodb').Table('T')\nt.query(ConsistentRead=True)\n", 'python', 'query', /Query: strongly consistent/, /1 read capacity unit/],
    ["import boto3\nt = boto3.resource('dynamodb').Table('T')\nt.scan(ConsistentRead=strong)\n", 'python', 'scan', /depends on a value.*ConsistentRead=strong/, /strongly consistent reads \*\*1 unit/],
    ["import boto3\nr = boto3.resource('dynamodb')\nr.batch_get_item(RequestItems={'T': {'Keys': [], 'ConsistentRead': True}})\n", 'python', 'batch_get_item', /strongly consistent/, /separately/],
    ["import boto3\nc = boto3.client('dynamodb')\nc.transact_get_items(TransactItems=[])\n", 'python', 'transact_get_items', /transactional/, /2 read capacity units/],
  ];
  for (const [src, language, needle, title, cost] of cases) {
    it(`${language}: ${src.split('\n').find((l) => l.includes(needle))}`, () => {
      const h = hoverOn(src, language, needle);
      assert.ok(h, 'a hover');
      assert.strictEqual(h.kind, 'dynamodb-read');
      assert.match(h.markdown.replace(/\n/g, ' '), title);
      assert.match(h.markdown, cost);
      assert.match(h.markdown, /developerguide\/HowItWorks\.ReadConsistency\.html/);
    });
  }

  it('links the capacity calculator with the call\'s consistency', () => {
    const h = hoverOn('aws dynamodb get-item --consistent-read --table-name T\n', 'bash', 'get-item')!;
    const link = /\((command:jmespathAws\.openCapacityCalculator\?[^)]+)\)/.exec(h.markdown)![1];
    assert.strictEqual(link, calculatorLink('strong'));
    assert.deepStrictEqual(JSON.parse(decodeURIComponent(link.split('?')[1])), [{ consistency: 'strong' }]);
  });

  it('has no hover on writes, other services, or a Table method that does not read', () => {
    const k = scriptKnowledge("aws dynamodb put-item --table-name T\naws ec2 describe-instances\nimport_x = 1\n", 'bash');
    assert.deepStrictEqual(k.hovers, []);
    const py = scriptKnowledge("import boto3\nt = boto3.resource('dynamodb').Table('T')\nt.put_item(Item={})\nt.batch_get_item()\n", 'python');
    assert.deepStrictEqual(py.hovers, []);
  });
});

describe('AWS knowledge: strongly consistent reads on a GSI', () => {
  it('flags --consistent-read with --index-name and removes it', () => {
    const src = 'aws dynamodb query --table-name T --index-name ByEmail --consistent-read \\\n  --key-condition-expression "e = :e"\n';
    const [p] = scriptKnowledge(src, 'bash').problems;
    assert.strictEqual(p.code, 'dynamodb-gsi-consistent-read');
    assert.strictEqual(src.slice(p.start, p.end), '--consistent-read');
    assert.match(p.message, /ValidationException/);
    assert.match(p.doc, /GSI\.html/);
    assert.strictEqual(applyFix(src, p.fix!.edits), 'aws dynamodb query --table-name T --index-name ByEmail \\\n  --key-condition-expression "e = :e"\n');
    // its hover says it fails, not that it returns the most up-to-date data
    const [hover] = scriptKnowledge(src, 'bash').hovers;
    assert.match(hover.markdown, /\*\*This read fails\.\*\* Strongly consistent reads are not supported on global secondary indexes/);
    assert.doesNotMatch(hover.markdown, /most up-to-date/);
  });

  it('flags IndexName= with ConsistentRead=True in boto3 and removes the keyword', () => {
    const src = "import boto3\nt = boto3.resource('dynamodb').Table('T')\nt.query(\n    IndexName='ByEmail',\n    ConsistentRead=True,\n    KeyConditionExpression=k,\n)\nt.scan(IndexName='ByEmail', ConsistentRead=True)\n";
    const problems = scriptKnowledge(src, 'python').problems;
    assert.deepStrictEqual(problems.map((p) => src.slice(p.start, p.end)), ['ConsistentRead=True', 'ConsistentRead=True']);
    let fixed = applyFix(src, problems[1].fix!.edits);
    fixed = applyFix(fixed, problems[0].fix!.edits);
    assert.strictEqual(fixed, "import boto3\nt = boto3.resource('dynamodb').Table('T')\nt.query(\n    IndexName='ByEmail',\n    KeyConditionExpression=k,\n)\nt.scan(IndexName='ByEmail')\n");
  });

  it('the fix leaves no line of just a continuation, and no trailing space (trial 20)', () => {
    const fix = (src: string, language: 'bash' | 'powershell' | 'python') => applyFix(src, scriptKnowledge(src, language).problems[0].fix!.edits);
    assert.strictEqual(fix('aws dynamodb query --table-name T \\\n  --index-name ByEmail \\\n  --consistent-read \\\n  --key-condition-expression "e = :e"\n', 'bash'),
      'aws dynamodb query --table-name T \\\n  --index-name ByEmail \\\n  --key-condition-expression "e = :e"\n', 'alone on a continued line: the line');
    assert.strictEqual(fix('aws dynamodb query --table-name T \\\n  --index-name ByEmail \\\n  --consistent-read\necho done\n', 'bash'),
      'aws dynamodb query --table-name T \\\n  --index-name ByEmail\necho done\n', 'alone on the last line: with the continuation into it');
    assert.strictEqual(fix('aws dynamodb query --table-name T `\n  --index-name ByEmail `\n  --consistent-read `\n  --limit 1\n', 'powershell'),
      'aws dynamodb query --table-name T `\n  --index-name ByEmail `\n  --limit 1\n');
    assert.strictEqual(fix("import boto3\nt = boto3.resource('dynamodb').Table('T')\nt.query(IndexName='GSI1', ConsistentRead=True,\n        KeyConditionExpression=k)\n", 'python'),
      "import boto3\nt = boto3.resource('dynamodb').Table('T')\nt.query(IndexName='GSI1',\n        KeyConditionExpression=k)\n", 'no space left at the line end');
  });

  it('leaves eventually consistent index reads, table reads and declared local indexes alone', () => {
    const src = [
      'aws dynamodb create-table --table-name T --local-secondary-indexes \'[{"IndexName": "ByDate", "KeySchema": []}]\' \\',
      '  --global-secondary-indexes \'[{"IndexName": "ByEmail"}]\'',
      'aws dynamodb query --table-name T --index-name ByEmail',
      'aws dynamodb query --table-name T --consistent-read',
      'aws dynamodb query --table-name T --index-name ByDate --consistent-read',
      '',
    ].join('\n');
    assert.deepStrictEqual(scriptKnowledge(src, 'bash').problems, []);
  });
});

describe('the GSI rule against moto_server (real aws CLI and boto3)', function () {
  this.timeout(120000);
  const env = AWS_ENV;
  let moto: Moto | undefined;
  let endpoint: string;
  let dir: string;

  before(async () => {
    for (const tool of ['aws', 'moto_server', 'python3']) {
      assert.strictEqual(spawnSync('sh', ['-c', `command -v ${tool}`]).status, 0, `${tool} is needed (python3 with awscli, boto3 and moto)`);
    }
    moto = await startMoto();
    endpoint = moto.endpoint;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gsi-'));
    const create = spawnSync('aws', ['--endpoint-url', endpoint, 'dynamodb', 'create-table', '--table-name', 'Users',
      '--attribute-definitions', 'AttributeName=pk,AttributeType=S', 'AttributeName=sk,AttributeType=S', 'AttributeName=email,AttributeType=S', 'AttributeName=day,AttributeType=S',
      '--key-schema', 'AttributeName=pk,KeyType=HASH', 'AttributeName=sk,KeyType=RANGE',
      '--global-secondary-indexes', '[{"IndexName": "ByEmail", "KeySchema": [{"AttributeName": "email", "KeyType": "HASH"}], "Projection": {"ProjectionType": "ALL"}}]',
      '--local-secondary-indexes', '[{"IndexName": "ByDay", "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "day", "KeyType": "RANGE"}], "Projection": {"ProjectionType": "ALL"}}]',
      '--billing-mode', 'PAY_PER_REQUEST'], { env, encoding: 'utf8' });
    assert.strictEqual(create.status, 0, create.stderr);
  });
  after(() => {
    moto?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the aws CLI: DynamoDB rejects exactly the line we flag', () => {
    const lines = [
      `aws --endpoint-url ${endpoint} dynamodb query --table-name Users --index-name ByEmail --consistent-read --key-condition-expression 'email = :e' --expression-attribute-values '{":e": {"S": "a@b.c"}}'`,
      `aws --endpoint-url ${endpoint} dynamodb query --table-name Users --index-name ByEmail --key-condition-expression 'email = :e' --expression-attribute-values '{":e": {"S": "a@b.c"}}'`,
      `aws --endpoint-url ${endpoint} dynamodb scan --table-name Users --index-name ByEmail --consistent-read`,
    ];
    const script = lines.join('\n') + '\n';
    const flagged = scriptKnowledge(script, 'bash').problems.map((p) => script.slice(0, p.start).split('\n').length - 1);
    assert.deepStrictEqual(flagged, [0, 2]);
    lines.forEach((line, i) => {
      const r = spawnSync('bash', ['-c', line], { env, encoding: 'utf8' });
      if (flagged.includes(i)) {
        assert.notStrictEqual(r.status, 0, `line ${i} should fail`);
        assert.match(r.stderr, /ValidationException.*Consistent reads are not supported on global secondary indexes/);
      } else {
        assert.strictEqual(r.status, 0, r.stderr);
      }
    });
  });

  it('boto3: the flagged GSI query raises ValidationException; the local index query works and is not flagged', () => {
    const script = [
      'import boto3',
      `client = boto3.client('dynamodb', endpoint_url='${endpoint}')`,
      'client.create_table(',
      "    TableName='Events', BillingMode='PAY_PER_REQUEST',",
      "    AttributeDefinitions=[{'AttributeName': n, 'AttributeType': 'S'} for n in ('pk', 'sk', 'day', 'email')],",
      "    KeySchema=[{'AttributeName': 'pk', 'KeyType': 'HASH'}, {'AttributeName': 'sk', 'KeyType': 'RANGE'}],",
      "    LocalSecondaryIndexes=[{'IndexName': 'ByDay', 'KeySchema': [{'AttributeName': 'pk', 'KeyType': 'HASH'}, {'AttributeName': 'day', 'KeyType': 'RANGE'}], 'Projection': {'ProjectionType': 'ALL'}}],",
      "    GlobalSecondaryIndexes=[{'IndexName': 'ByEmail', 'KeySchema': [{'AttributeName': 'email', 'KeyType': 'HASH'}], 'Projection': {'ProjectionType': 'ALL'}}],",
      ')',
      "table = boto3.resource('dynamodb', endpoint_url=client.meta.endpoint_url).Table('Events')",
      "local = table.query(IndexName='ByDay', ConsistentRead=True, KeyConditionExpression='pk = :p', ExpressionAttributeValues={':p': 'x'})",
      "print('local ok', local['Count'])",
      'try:',
      "    table.query(IndexName='ByEmail', ConsistentRead=True, KeyConditionExpression='email = :e', ExpressionAttributeValues={':e': 'a@b.c'})",
      'except Exception as e:',
      "    print('gsi failed', type(e).__name__, e)",
      '',
    ].join('\n');
    const problems = scriptKnowledge(script, 'python').problems;
    assert.strictEqual(problems.length, 1);
    assert.match(script.slice(0, problems[0].start).split('\n').pop()!, /IndexName='ByEmail'/);
    fs.writeFileSync(path.join(dir, 'gsi.py'), script);
    const r = spawnSync('python3', ['gsi.py'], { cwd: dir, env, encoding: 'utf8' });
    assert.strictEqual(r.status, 0, r.stderr);
    assert.match(r.stdout, /local ok 0/);
    assert.match(r.stdout, /gsi failed ClientError .*ValidationException.*Consistent reads are not supported on global secondary indexes/);
  });
});

describe('AWS knowledge: S3 consistency', () => {
  const cases: [string, KnowledgeLanguage, string][] = [
    ['aws s3 cp report.json s3://b/report.json\n', 'bash', 'cp'],
    ['aws s3 sync ./site s3://b/\n', 'bash', 'sync'],
    ['aws s3 ls s3://b/\n', 'powershell', 'ls'],
    ['aws s3api get-object --bucket b --key k out\n', 'cmd', 'get-object'],
    ['aws s3api put-object --bucket b --key k --body f\n', 'bash', 'put-object'],
    ['aws s3api list-objects-v2 --bucket b\n', 'bash', 'list-objects-v2'],
    ["import boto3\ns3 = boto3.client('s3')\ns3.get_object(Bucket='b', Key='k')\n", 'python', 'get_object'],
    ["import boto3\ns3 = boto3.client('s3')\ns3.upload_file('f', 'b', 'k')\n", 'python', 'upload_file'],
    ["import boto3\ns3 = boto3.client('s3')\ns3.list_objects_v2(Bucket='b')\n", 'python', 'list_objects_v2'],
    ["import boto3\nb = boto3.resource('s3').Bucket('b')\nfor o in b.objects.all(): pass\n", 'python', 'all('],
  ];
  for (const [src, language, needle] of cases) {
    it(`${language}: ${needle}`, () => {
      const h = hoverOn(src, language, needle);
      assert.ok(h);
      assert.strictEqual(h.kind, 's3-consistency');
      assert.match(h.markdown, /strong read-after-write consistency/);
      assert.match(h.markdown, /since December 2020/);
      assert.match(h.markdown, /AmazonS3\/latest\/userguide\/Welcome\.html#ConsistencyModel/);
    });
  }

  it('has no hover on bucket operations or other services', () => {
    assert.deepStrictEqual(scriptKnowledge('aws s3api create-bucket --bucket b\naws s3 mb s3://b\n', 'bash').hovers, []);
  });
});

describe('AWS knowledge: Lambda /tmp', () => {
  const handler = (body: string, imports = 'import json\nimport os\n') => `${imports}\n\ndef lambda_handler(event, context):\n${body}`;

  it('recognises handlers by their (event, context) parameters or their name', () => {
    assert.deepStrictEqual(findLambdaHandlers('def handler(e, c):\n  pass\ndef go(event, _context):\n  pass\ndef other(a, b):\n  pass\n  def inner(event, context): pass\n').map((h) => h.name), ['handler', 'go']);
  });

  it('hovers /tmp paths only in handler files', () => {
    const src = handler("    path = os.path.join('/tmp', 'x.json')\n    open(f'/tmp/{event}.csv', 'w')\n");
    const k = scriptKnowledge(src, 'python');
    assert.deepStrictEqual(k.hovers.map((h) => src.slice(h.start, h.end)), ["'/tmp'", "f'/tmp/{event}.csv'"]);
    assert.match(k.hovers[0].markdown, /512 MB by default, configurable from 512 MB up to 10,240 MB/);
    assert.match(k.hovers[0].markdown, /execution environment is reused/);
    assert.match(k.hovers[0].markdown, /configuration-ephemeral-storage\.html/);
    assert.deepStrictEqual(scriptKnowledge("x = '/tmp/a'\n", 'python').hovers, []);
  });

  it('flags writes to other absolute paths, following one assignment, and fixes them with the snippet\'s pattern', () => {
    const src = handler([
      "    with open('/var/task/out.json', 'w') as f:",
      '        json.dump(event, f)',
      "    open('/etc/config.ini')",
      "    os.makedirs('/opt/cache', exist_ok=True)",
      "    target = os.path.join('/data', event['name'])",
      "    with open(target, mode='a') as f: pass",
      "    open('/tmp/ok', 'w')",
      "    open('/mnt/efs/shared.txt', 'w')",
      "    open('relative.txt', 'w')",
      '',
    ].join('\n'));
    const problems = scriptKnowledge(src, 'python').problems;
    assert.deepStrictEqual(problems.map((p) => src.slice(p.start, p.end)), ["'/var/task/out.json'", "'/opt/cache'", 'target']);
    assert.match(problems[0].message, /Read-only file system/);
    assert.match(problems[0].message, /lambda-tmp-s3/);
    assert.strictEqual(problems[0].fix!.title, "Write under /tmp: os.path.join('/tmp', 'out.json')");
    assert.match(applyFix(src, problems[0].fix!.edits), /with open\(os\.path\.join\('\/tmp', 'out\.json'\), 'w'\)/);
    assert.match(applyFix(src, problems[2].fix!.edits), /target = os\.path\.join\('\/tmp', event\['name'\]\)/);
  });

  it('adds import os when the fix needs it', () => {
    const src = handler("    open('/var/out.txt', 'w').write('x')\n", 'import json\n');
    const [p] = scriptKnowledge(src, 'python').problems;
    const fixed = applyFix(src, p.fix!.edits);
    assert.ok(fixed.startsWith('import os\nimport json\n'), fixed);
    assert.strictEqual(spawnSync('python3', ['-c', 'import ast,sys; ast.parse(sys.stdin.read())'], { input: fixed }).status, 0);
  });

  it('covers boto3 downloads, pathlib and pandas-style writers', () => {
    const src = handler([
      "    s3.download_file('b', 'k', '/opt/model.bin')",
      "    Path('/var/log/app.log').write_text('x')",
      "    df.to_csv(f'/data/{event[\"id\"]}.csv')",
      "    Path('/var/log/app.log').read_text()",
      '',
    ].join('\n'), 'import os\nimport boto3\nfrom pathlib import Path\ns3 = boto3.client("s3")\n');
    const problems = scriptKnowledge(src, 'python').problems;
    assert.deepStrictEqual(problems.map((p) => src.slice(p.start, p.end)), ["'/opt/model.bin'", "'/var/log/app.log'", 'f\'/data/{event["id"]}.csv\'']);
    assert.match(applyFix(src, problems[2].fix!.edits), /to_csv\(f'\/tmp\/\{event\["id"\]\}\.csv'\)/);
  });

  it('says nothing in files without a handler', () => {
    assert.deepStrictEqual(scriptKnowledge("open('/var/out.txt', 'w')\n", 'python').problems, []);
  });
});
