// Lints where --output changes what --query means, and the proof with the real aws CLI against
// moto_server: with --output text a paginated operation's query runs once per page.
import * as assert from 'assert';
import { checkOutputFormats, outputFormatOf } from '../../src/core/aws/outputLint';
import { findCliCommands } from '../../src/core/aws/scriptScan';
import { search } from '../../src/core/output';
import { loadModel } from './awsModels';
import { Moto, aws, startMoto } from './motoServer';

const lint = (src: string) => checkOutputFormats(src, 'bash', loadModel);
const codes = (src: string) => lint(src).map((p) => p.code);

describe('output lints: per-page queries, ragged tables, text column order', () => {
  it('paginator definitions come from botocore', () => {
    assert.deepStrictEqual(loadModel('dynamodb')!.operations.scan.paginator!.resultKeys, ['Items', 'Count', 'ScannedCount']);
    assert.deepStrictEqual(loadModel('ec2')!.operations['describe-instances'].paginator!.resultKeys, ['Reservations']);
    assert.deepStrictEqual(loadModel('s3')!.operations['list-objects-v2'].paginator!.resultKeys, ['Contents', 'CommonPrefixes']);
    assert.strictEqual(loadModel('ec2')!.operations['run-instances'].paginator, undefined);
  });

  const perPage = [
    "aws ec2 describe-instances --query 'Reservations[0].Instances[0].InstanceId' --output text",
    "aws ec2 describe-instances --query 'Reservations[-1]' --output text",
    "aws ec2 describe-instances --query 'Reservations[].Instances[] | [0].InstanceId' --output text",
    "aws ec2 describe-instances --query 'Reservations[:2]' --output text",
    "aws ec2 describe-instances --query 'length(Reservations[].Instances[])' --output text",
    "aws ec2 describe-instances --query 'sort_by(Reservations[].Instances[], &LaunchTime)[-1].InstanceId' --output text",
    "aws ec2 describe-instances --query 'max_by(Reservations[].Instances[], &LaunchTime).InstanceId' --output text",
    "aws ec2 describe-instances --query 'join(`,`, Reservations[].Instances[].InstanceId)' --output text",
    "aws dynamodb scan --table-name T --query 'Count' --output text",
    "aws dynamodb scan --table-name T --query 'sum(Items[].Size.N)' --output yaml-stream",
    "aws s3api list-objects-v2 --bucket b --query 'reverse(Contents)[0].Key' --output=text",
  ];
  for (const src of perPage) {
    it(`warns: ${src}`, () => assert.deepStrictEqual(codes(src), ['output-per-page']));
  }

  const fine = [
    "aws ec2 describe-instances --query 'Reservations[].Instances[].InstanceId' --output text",
    "aws ec2 describe-instances --query 'Reservations[].Instances[0].InstanceId' --output text", // [0] inside each reservation
    "aws ec2 describe-instances --query 'Reservations[0].Instances[0].InstanceId' --output json",
    "aws ec2 describe-instances --query 'Reservations[0].Instances[0].InstanceId' --output text --no-paginate",
    "aws ec2 run-instances --image-id ami-1 --query 'Instances[0].InstanceId' --output text", // not paginated
    "aws ec2 describe-instances --query 'Reservations[0]' --output $FORMAT",
  ];
  for (const src of fine) {
    it(`is quiet: ${src}`, () => assert.deepStrictEqual(codes(src), []));
  }

  it('offers --output json and --no-paginate as fixes, each one edit', () => {
    const src = "aws ec2 describe-instances --query 'Reservations[0]' --output text\n";
    const [p] = lint(src);
    assert.strictEqual(src.slice(p.start, p.end), '--output text');
    const apply = (edits: { start: number; end: number; text: string }[]) => edits.reduceRight((s, e) => s.slice(0, e.start) + e.text + s.slice(e.end), src);
    assert.deepStrictEqual(p.fixes.map((f) => apply(f.edits)), [
      "aws ec2 describe-instances --query 'Reservations[0]' --output json\n",
      "aws ec2 describe-instances --query 'Reservations[0]' --output text --no-paginate\n",
    ]);
  });

  it('warns that nested projections make --output table fail, and the CLI does fail', () => {
    const src = "aws ec2 describe-instances --query 'Reservations[*].Instances[*].InstanceId' --output table";
    assert.deepStrictEqual(codes(src), ['output-table-ragged']);
    assert.deepStrictEqual(codes("aws ec2 describe-instances --query 'Reservations[*].Instances[*].[InstanceId, Tags[].Value]' --output table"), ['output-table-ragged']);
    assert.deepStrictEqual(codes("aws ec2 describe-instances --query 'Reservations[].Instances[].[InstanceId, State.Name]' --output table"), []);
    // what the warning is about: two reservations of different sizes
    const doc = '{"Reservations": [{"Instances": [{"InstanceId": "i-1"}]}, {"Instances": [{"InstanceId": "i-2"}, {"InstanceId": "i-3"}]}]}';
    assert.throws(() => search('Reservations[*].Instances[*].InstanceId', doc, { output: 'table', title: 'DescribeInstances' }), /Row should have 1 elements, instead it has 2/);
  });

  it('does not warn where nested projections end in objects or fixed rows, which --output table prints', () => {
    const printable = [
      "Reservations[].Instances[?State.Name=='running'].{Id: InstanceId, Type: InstanceType}",
      'Reservations[*].Instances[*].{Id: InstanceId, Type: InstanceType}',
      'Reservations[*].Instances[*].[InstanceId, InstanceType]',
      "Reservations[].Instances[?State.Name=='running'].[InstanceId, InstanceType]",
    ];
    const doc = JSON.stringify({ Reservations: [
      { Instances: [{ InstanceId: 'i-1', InstanceType: 't3.micro', State: { Name: 'running' } }] },
      { Instances: [{ InstanceId: 'i-2', InstanceType: 't3.small', State: { Name: 'running' } }, { InstanceId: 'i-3', InstanceType: 'm5.large', State: { Name: 'running' } }] },
    ] });
    for (const q of printable) {
      assert.deepStrictEqual(codes(`aws ec2 describe-instances --query "${q}" --output table`), [], q);
      assert.match(search(q, doc, { output: 'table', title: 'DescribeInstances' }), /i-3/, q); // the CLI's formatter prints it
    }
    // where the shape says the rows are lists of scalars, in any service of the model
    assert.deepStrictEqual(codes("aws ec2 describe-instances --query 'Reservations[*].Instances[*].State.Name' --output table"), ['output-table-ragged']);
    assert.deepStrictEqual(codes("aws ec2 describe-instances --query 'Reservations[*].Instances[*].State' --output table"), []);
  });

  it('hints that --output text prints object values in sorted key order', () => {
    const [p] = lint("aws ec2 describe-instances --query 'Reservations[].Instances[].{Name: Tags[0].Value, Id: InstanceId}' --output text");
    assert.strictEqual(p.code, 'output-text-order');
    assert.strictEqual(p.severity, 'info');
    assert.match(p.message, /sorted key order \(Id, Name\)/);
    assert.deepStrictEqual(codes("aws ec2 describe-instances --query 'Reservations[].Instances[].{A: InstanceId, B: State.Name}' --output text"), []);
    assert.strictEqual(search('{Name: n, Id: i}', '{"n": "web", "i": "i-1"}', { output: 'text' }), 'i-1\tweb\n');
  });
});

describe('the format a command prints in (Run & refine shows results in it)', () => {
  const formatOf = (line: string, env: Record<string, string> = {}) => outputFormatOf(findCliCommands(line, 'bash')[0], env);

  it('is the literal --output, else AWS_DEFAULT_OUTPUT, else json; none for a variable or an unknown value', () => {
    assert.strictEqual(formatOf('aws ec2 describe-volumes --output table'), 'table');
    assert.strictEqual(formatOf("aws ec2 describe-volumes --output='yaml-stream' --query x"), 'yaml-stream');
    assert.strictEqual(formatOf('aws --output text ec2 describe-volumes', { AWS_DEFAULT_OUTPUT: 'table' }), 'text', 'the option wins over the environment');
    assert.strictEqual(formatOf('aws ec2 describe-volumes', { AWS_DEFAULT_OUTPUT: 'table' }), 'table');
    assert.strictEqual(formatOf('aws ec2 describe-volumes', { AWS_DEFAULT_OUTPUT: 'xml' }), 'json', 'the CLI refuses an unknown default; we print json');
    assert.strictEqual(formatOf('aws ec2 describe-volumes'), 'json');
    assert.strictEqual(formatOf('aws ec2 describe-volumes --output "$FMT"'), undefined);
    assert.strictEqual(formatOf('aws ec2 describe-volumes --output xml'), undefined);
  });
});

describe('output lints proven with the real aws CLI (dynamodb scan --page-size 1 on moto_server)', function () {
  this.timeout(180000);
  let moto: Moto;
  before(async () => {
    moto = await startMoto();
    const made = aws(moto.endpoint, ['dynamodb', 'create-table', '--table-name', 'Pages', '--attribute-definitions', 'AttributeName=Id,AttributeType=S',
      '--key-schema', 'AttributeName=Id,KeyType=HASH', '--billing-mode', 'PAY_PER_REQUEST']);
    assert.strictEqual(made.status, 0, made.stderr);
    for (const id of ['a', 'b', 'c']) {
      const put = aws(moto.endpoint, ['dynamodb', 'put-item', '--table-name', 'Pages', '--item', `{"Id": {"S": "${id}"}}`]);
      assert.strictEqual(put.status, 0, put.stderr);
    }
  });
  after(() => moto?.stop());

  it('`Items[0]` prints the first item of every page with --output text, one item with json; we warn on the text form only', () => {
    const base = ['dynamodb', 'scan', '--table-name', 'Pages', '--page-size', '1', '--query', 'Items[0].Id.S'];
    const text = aws(moto.endpoint, [...base, '--output', 'text']);
    const json = aws(moto.endpoint, [...base, '--output', 'json']);
    assert.strictEqual(text.status, 0, text.stderr);
    assert.strictEqual(text.stdout.trim().split('\n').length, 3, `one line per page: ${text.stdout}`);
    assert.strictEqual(JSON.parse(json.stdout).length, 1, 'json: the first item of the whole result');
    assert.deepStrictEqual(codes(`aws dynamodb scan --table-name Pages --page-size 1 --query 'Items[0].Id.S' --output text`), ['output-per-page']);
    assert.deepStrictEqual(codes(`aws dynamodb scan --table-name Pages --page-size 1 --query 'Items[0].Id.S' --output json`), []);
    // the fix --no-paginate: one request, so the query sees one page
    const fixed = aws(moto.endpoint, [...base, '--output', 'text', '--no-paginate']);
    assert.strictEqual(fixed.stdout.trim().split('\n').length, 1);
  });

  it('AWS_DEFAULT_OUTPUT=text before the command does the same, and is warned about on the assignment', () => {
    const perPage = aws(moto.endpoint, ['dynamodb', 'scan', '--table-name', 'Pages', '--page-size', '1', '--query', 'Items[0].Id.S'], 'aws', { AWS_DEFAULT_OUTPUT: 'text' });
    assert.strictEqual(perPage.status, 0, perPage.stderr);
    assert.strictEqual(perPage.stdout.trim().split('\n').length, 3, `one line per page: ${perPage.stdout}`);
    const src = "AWS_DEFAULT_OUTPUT=text aws dynamodb scan --table-name Pages --page-size 1 --query 'Items[0].Id.S'\n";
    const [p] = lint(src);
    assert.strictEqual(p?.code, 'output-per-page');
    assert.strictEqual(src.slice(p.start, p.end), 'AWS_DEFAULT_OUTPUT=text');
    assert.match(p.message, /^With AWS_DEFAULT_OUTPUT=text, the AWS CLI applies --query to each page of scan separately/);
    assert.deepStrictEqual(p.fixes.map((f) => f.title.split(' (')[0]), ['Use AWS_DEFAULT_OUTPUT=json', 'Add --no-paginate']);
    const apply = (edits: { start: number; end: number; text: string }[]) => edits.reduceRight((s, e) => s.slice(0, e.start) + e.text + s.slice(e.end), src);
    assert.deepStrictEqual(p.fixes.map((f) => apply(f.edits)), [
      "AWS_DEFAULT_OUTPUT=json aws dynamodb scan --table-name Pages --page-size 1 --query 'Items[0].Id.S'\n",
      "AWS_DEFAULT_OUTPUT=text aws dynamodb scan --table-name Pages --page-size 1 --query 'Items[0].Id.S' --no-paginate\n",
    ]);
    assert.deepStrictEqual(codes("AWS_DEFAULT_OUTPUT=text aws dynamodb scan --table-name Pages --query 'Items[0]' --output json"), [], 'the option wins');
    assert.deepStrictEqual(codes("AWS_DEFAULT_OUTPUT=$F aws dynamodb scan --table-name Pages --query 'Items[0]'"), []);
    assert.deepStrictEqual(codes("AWS_DEFAULT_OUTPUT=text aws dynamodb scan --table-name Pages --query '{b: Count, a: ScannedCount}'"), ['output-per-page', 'output-text-order']);
  });

  it('`length(Items)` and `Count` answer per page with --output text', () => {
    const length = aws(moto.endpoint, ['dynamodb', 'scan', '--table-name', 'Pages', '--page-size', '1', '--query', 'length(Items)', '--output', 'text']);
    assert.deepStrictEqual(length.stdout.trim().split('\n'), ['1', '1', '1']);
    const count = aws(moto.endpoint, ['dynamodb', 'scan', '--table-name', 'Pages', '--page-size', '1', '--query', 'Count', '--output', 'json']);
    assert.strictEqual(count.stdout.trim(), '3', 'json sums the pages');
    assert.deepStrictEqual(codes(`aws dynamodb scan --table-name Pages --page-size 1 --query 'length(Items)' --output text`), ['output-per-page']);
  });
});
