// Run & refine on plain Node: the read-only rule over every operation in data/aws (checked against
// botocore's waiters and streaming outputs), what is run for a line, and write-back quoting per
// shell, proven by what the shell hands to a program (real bash; PowerShell and cmd by their rules).
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { argvToRun, awsCliEnvironment, classifyFailure, environmentToRun, queryToWriteBack, writeBackEdit } from '../../src/core/aws/awsRun';
import { outputFormatOf } from '../../src/core/aws/outputLint';
import { MODEL_SERVICES } from '../../src/core/aws/model';
import { READ_ONLY_PREFIXES, readOnlyVerdict } from '../../src/core/aws/readOnly';
import { expansionRole, findCliCommands } from '../../src/core/aws/scriptScan';
import { quoteForShell } from '../../src/core/shell/quote';
import { Shell, readCommand } from '../../src/core/shell/shellWords';
import { loadModel } from './awsModels';

/** Verbs (first word of the botocore name) of operations that create, change or delete. */
const MUTATING_VERBS = new Set(['Accept', 'Advertise', 'Allocate', 'Apply', 'Assign', 'Associate', 'Attach', 'Authorize', 'Bundle',
  'Cancel', 'Confirm', 'Copy', 'Create', 'Delete', 'Deprovision', 'Deregister', 'Detach', 'Disable', 'Disassociate', 'Enable',
  'Export', 'Import', 'Lock', 'Modify', 'Monitor', 'Move', 'Provision', 'Purchase', 'Put', 'Reboot', 'Register', 'Reject',
  'Release', 'Replace', 'Report', 'Request', 'Reset', 'Restore', 'Revoke', 'Run', 'Send', 'Start', 'Stop', 'Terminate',
  'Unassign', 'Unlock', 'Unmonitor', 'Update', 'Withdraw', 'Tag', 'Untag', 'Upload', 'Abort', 'Complete', 'Rename', 'Write',
  // may write: PartiQL statements (UPDATE/DELETE), batch and transactional writes
  'Execute', 'BatchExecute', 'BatchWrite', 'TransactWrite',
  // reads, but the CLI writes the streamed body to a local file: nothing to refine
  'Select']);

function verbOf(name: string): string {
  return /^(?:Batch|Transact)?[A-Z][a-z]+/.exec(name)![0];
}

describe('Run & refine: which operations only read', function () {
  this.timeout(60000); // python3 with botocore
  const all = MODEL_SERVICES.flatMap((s) => Object.entries(loadModel(s)!.operations).map(([cli, op]) => ({ service: s, cli, op })));

  it('classifies every operation in data/aws by its verb, and never a mutating one as read-only', () => {
    assert.ok(all.length > 900, `${all.length} operations`);
    const unknown = new Set<string>();
    for (const { service, cli, op } of all) {
      const verb = verbOf(op.name);
      const readOnly = readOnlyVerdict(op).readOnly;
      if (MUTATING_VERBS.has(verb)) assert.strictEqual(readOnly, false, `${service} ${cli} (${verb}) must not be run`);
      else if (!(READ_ONLY_PREFIXES as readonly string[]).includes(verb)) unknown.add(verb);
    }
    assert.deepStrictEqual([...unknown], [], 'every verb is known to be reading or writing');
    for (const [service, cli] of [['ec2', 'run-instances'], ['dynamodb', 'put-item'], ['ec2', 'delete-volume'], ['dynamodb', 'batch-write-item'],
      ['dynamodb', 'execute-statement'], ['dynamodb', 'transact-write-items'], ['ec2', 'export-image'], ['s3', 'get-object'], ['s3', 'select-object-content']]) {
      assert.strictEqual(readOnlyVerdict(loadModel(service)!.operations[cli]).readOnly, false, `${service} ${cli}`);
    }
    for (const [service, cli] of [['ec2', 'describe-instances'], ['ec2', 'get-console-output'], ['ec2', 'search-transit-gateway-routes'],
      ['dynamodb', 'scan'], ['dynamodb', 'query'], ['dynamodb', 'batch-get-item'], ['dynamodb', 'transact-get-items'], ['s3', 'list-objects-v2'], ['s3', 'head-object']]) {
      assert.strictEqual(readOnlyVerdict(loadModel(service)!.operations[cli]).readOnly, true, `${service} ${cli}`);
    }
  });

  it("agrees with botocore: every operation a waiter polls only reads; streamed bodies are never run", () => {
    const r = spawnSync('python3', ['-c', `
import json, botocore.session
s = botocore.session.get_session()
out = {}
for svc in ${JSON.stringify([...MODEL_SERVICES])}:
    m = s.get_service_model(svc)
    waiters = s.get_waiter_model(svc)
    polled = sorted({waiters.get_waiter(n).operation for n in waiters.waiter_names})
    streaming = sorted(op for op in m.operation_names if m.operation_model(op).has_streaming_output or m.operation_model(op).has_event_stream_output)
    out[svc] = {"polled": polled, "streaming": streaming}
print(json.dumps(out))`], { encoding: 'utf8' });
    assert.strictEqual(r.status, 0, `python3 with botocore is needed: ${r.stderr}`);
    const facts = JSON.parse(r.stdout) as Record<string, { polled: string[]; streaming: string[] }>;
    for (const service of MODEL_SERVICES) {
      const byName = new Map(Object.values(loadModel(service)!.operations).map((op) => [op.name, op]));
      assert.ok(facts[service].polled.length > 0);
      for (const name of facts[service].polled) assert.ok(readOnlyVerdict(byName.get(name)!).readOnly, `${service} ${name} is polled by a waiter`);
      for (const name of facts[service].streaming) assert.ok(!readOnlyVerdict(byName.get(name)!).readOnly, `${service} ${name} streams its output`);
    }
  });
});

describe('Run & refine: what is run for a line', () => {
  it('drops --query and --output (both spellings), adds --output json, resolves variables', () => {
    const [cmd] = findCliCommands(`aws $ENDPOINT --output=text ec2 describe-instances --filters "Name=tag:Name,Values=$NAME" --query 'Reservations[0]' --output table\n`, 'bash');
    const { argv, unresolved } = argvToRun(cmd, (e) => ({ ENDPOINT: '--endpoint-url http://h:1', NAME: 'web server' } as Record<string, string>)[e.name]);
    assert.deepStrictEqual(unresolved, []);
    assert.deepStrictEqual(argv, ['--endpoint-url', 'http://h:1', 'ec2', 'describe-instances', '--filters', 'Name=tag:Name,Values=web server', '--output', 'json']);
    assert.deepStrictEqual(argvToRun(cmd, () => undefined).unresolved.map((e) => e.name), ['ENDPOINT', 'NAME']);
  });

  it("runs with the line's own environment: NAME=value words before aws, quoted or with variables, as bash reads them (trial 19)", () => {
    const src = `echo start; AWS_DEFAULT_REGION=eu-west-1 TAG="a b" OUT=$FMT aws ec2 describe-volumes --query 'Volumes[].VolumeId'\n`;
    const [cmd] = findCliCommands(src, 'bash');
    assert.ok(cmd, 'still found as a command (a quoted value with a space hid it)');
    const { env, unresolved } = environmentToRun(cmd, (e) => (e.name === 'FMT' ? 'text' : undefined));
    assert.deepStrictEqual(unresolved, []);
    assert.deepStrictEqual(env, { AWS_DEFAULT_REGION: 'eu-west-1', TAG: 'a b', OUT: 'text' });
    assert.deepStrictEqual(environmentToRun(cmd, () => undefined).unresolved.map((e) => e.name), ['FMT']);
    // what bash hands the program as its environment
    const bash = spawnSync('bash', ['-c', src.replace('echo start; ', 'FMT=text; ').replace(/aws .*/, 'env')], { encoding: 'utf8' }).stdout;
    for (const [k, v] of Object.entries(env)) assert.ok(bash.split('\n').includes(`${k}=${v}`), `${k}=${v} in bash's env`);
    assert.strictEqual(outputFormatOf(cmd, awsCliEnvironment({ AWS_DEFAULT_OUTPUT: 'table', ...env })), 'table');
    // words that are not assignments, or after the program, are no environment
    assert.strictEqual(findCliCommands('echo A=1 aws ec2 describe-vpcs\n', 'bash').length, 0);
    assert.strictEqual(findCliCommands('aws ec2 describe-vpcs --filters Name=x,Values=y\n', 'bash')[0].assignments, undefined);
  });

  it('writes back only a query that parses, on one line when that reads the same (trial 15: a half-typed line went in)', () => {
    assert.match((queryToWriteBack("Items[].SongTitle.S\nItems[?contains(") as { error: string }).error, /^The query does not parse, so it was not written back: .*column/);
    assert.deepStrictEqual(queryToWriteBack("Volumes[?Size > `1`]\n  .VolumeId"), { expression: 'Volumes[?Size > `1`] .VolumeId' });
    assert.deepStrictEqual(queryToWriteBack("Volumes[].VolumeId"), { expression: 'Volumes[].VolumeId' });
    // a line break inside a literal is part of its value: kept
    assert.deepStrictEqual(queryToWriteBack("Tags[?Value == 'a\nb']"), { expression: "Tags[?Value == 'a\nb']" });
    assert.deepStrictEqual(queryToWriteBack("Items[1:\n3]"), { expression: 'Items[1: 3]' });
  });

  it('says where a missing region is set for a run from VS Code (trial 11)', () => {
    // what the installed aws prints without a region
    const real = spawnSync('aws', ['ec2', 'describe-instances'], { env: { PATH: process.env.PATH, HOME: fs.mkdtempSync(path.join(os.tmpdir(), 'no-aws-')), AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y' }, encoding: 'utf8' });
    assert.strictEqual(real.status, 255);
    const r = classifyFailure(real.status, real.stderr);
    assert.strictEqual(r.kind, 'credentials');
    assert.match(r.message, /^No AWS region \(aws exited with 255\): You must specify a region\. .* Or set AWS_DEFAULT_REGION or AWS_REGION .* in the environment VS Code starts from, or add --region to the command\.$/);
  });

  it('runs aws with AWS_REGION alone as its region: the installed CLI (v1) reads only AWS_DEFAULT_REGION (trial 17)', function () {
    this.timeout(120000);
    const base = { PATH: process.env.PATH, HOME: fs.mkdtempSync(path.join(os.tmpdir(), 'no-aws-')), AWS_REGION: 'eu-west-3', AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y' };
    // (to a port nothing listens on: with a region, the CLI gets as far as connecting)
    const run = (env: Record<string, string | undefined>) => spawnSync('aws', ['ec2', 'describe-instances', '--endpoint-url', 'http://127.0.0.1:9', '--cli-connect-timeout', '1'],
      { env: env as NodeJS.ProcessEnv, encoding: 'utf8', timeout: 60000 }).stderr;
    assert.match(run(base), /You must specify a region/, 'the CLI here does not read AWS_REGION by itself');
    const env = awsCliEnvironment(base);
    assert.match(run(env), /Could not connect to the endpoint URL: "http:\/\/127\.0\.0\.1:9\/"/);
    assert.strictEqual(env.AWS_PAGER, '');
    // a region the user set for the CLI stays
    assert.strictEqual(awsCliEnvironment({ ...base, AWS_DEFAULT_REGION: 'us-east-2' }).AWS_DEFAULT_REGION, 'us-east-2');
  });

  it('names missing credentials and keeps the CLI\'s own text otherwise', () => {
    const noCredentials = classifyFailure(255, 'Unable to locate credentials. You can configure credentials by running "aws configure".\n');
    assert.strictEqual(noCredentials.kind, 'credentials');
    // one full stop, the CLI's advice said once (trial 14)
    assert.strictEqual(noCredentials.message, 'No usable AWS credentials (aws exited with 255): Unable to locate credentials. You can configure credentials by running "aws configure". Or set AWS_PROFILE / AWS_ACCESS_KEY_ID in the environment VS Code starts from (or run "aws sso login").');
    assert.match(classifyFailure(254, 'An error occurred (ExpiredToken) when calling the DescribeVolumes operation: The security token included in the request is expired').message,
      /is expired\. Run "aws configure" \(or "aws sso login"\)/);
    const other = classifyFailure(254, '\nAn error occurred (InvalidVolume.NotFound) when calling the DescribeVolumes operation: vol-1\n');
    assert.deepStrictEqual(other, { kind: 'cli-error', message: 'aws exited with 254: An error occurred (InvalidVolume.NotFound) when calling the DescribeVolumes operation: vol-1' });
    // the command as it ran, variables resolved: a usage error is often a variable with the wrong value
    const usage = classifyFailure(2, 'usage: aws [options] <command> <subcommand>\naws: error: argument command: Invalid choice', { program: '/usr/bin/aws', argv: ['ec2', 'describe-volumes', 'http://127.0.0.1:5000', '--filters', "Name=tag:Name,Values=it's web", '--output', 'json'] });
    assert.strictEqual(usage.message.split(':')[0], "aws exited with 2 (ran");
    assert.ok(usage.message.startsWith("aws exited with 2 (ran: /usr/bin/aws ec2 describe-volumes http://127.0.0.1:5000 --filters 'Name=tag:Name,Values=it'\\''s web' --output json): usage:"), usage.message);
  });
});

/** What real bash hands to a program for `words` (the text after the program name). */
function bashReceives(words: string): string[] {
  const r = spawnSync('bash', ['-c', `args() { printf '%s\\0' "$@"; }; args ${words}`], { encoding: 'utf8' });
  assert.strictEqual(r.status, 0, r.stderr);
  return r.stdout.split('\0').slice(0, -1);
}

const QUERIES = [
  "Reservations[].Instances[?State.Name=='running'].InstanceId",
  "Tags[?Key=='it\\'s'].Value",
  'Volumes[?Size > `100`].{Id: VolumeId, "Size GB": Size}',
  "Items[?a=='$HOME' && b=='`date`'] | [0]",
  'x[?a == `"\\\\"`]',
  "a || b && !c",
  "join(', ', [?contains(@, '%PATH%')]) | '100%' | \"a&b|c<d>e^f\"",
  "'‘smart’'",
  '@',
];

describe('Run & refine: write-back quoting reaches the CLI unchanged', function () {
  this.timeout(60000); // real bash and python3 per case; slow on a loaded machine
  for (const q of QUERIES) {
    it(`bash (real bash): ${q}`, () => {
      assert.deepStrictEqual(bashReceives(`--query ${quoteForShell(q, 'bash')}`), ['--query', q]);
    });
  }

  for (const shell of ['bash', 'powershell', 'cmd'] as Shell[]) {
    it(`${shell}: the script reader reads back every quoted query`, () => {
      for (const q of QUERIES) {
        const line = `aws ec2 describe-volumes --query ${quoteForShell(q, shell)}`;
        const [cmd] = findCliCommands(line, shell);
        assert.strictEqual(cmd?.query?.text, q, `${shell}: ${line}`);
      }
    });
  }

  it('cmd: what cmd.exe leaves is what Python\'s list2cmdline writes for the C runtime, up to carets and %%', () => {
    // the C runtime layer against Python's own quoting for CreateProcess; cmd's layer (^, %%) removed by the reader
    const plain = QUERIES.filter((x) => !/[%^&|<>]/.test(x));
    const r = spawnSync('python3', ['-c', 'import subprocess,sys,json; print(json.dumps([subprocess.list2cmdline([q]) for q in json.loads(sys.argv[1])]))', JSON.stringify(plain)], { encoding: 'utf8' });
    assert.strictEqual(r.status, 0, r.stderr);
    (JSON.parse(r.stdout) as string[]).forEach((python, k) => {
      assert.deepStrictEqual(readCommand(python, 0, 'cmd').words.map((w) => w.text), [plain[k]]);
      assert.deepStrictEqual(readCommand(quoteForShell(plain[k], 'cmd'), 0, 'cmd').words.map((w) => w.text), [plain[k]]);
    });
  });

  it('replaces the --query value, the --query=value form, or adds --query at the end', () => {
    const edit = (src: string, shell: Shell, q: string) => {
      const [cmd] = findCliCommands(src, shell);
      const e = writeBackEdit(cmd, q);
      return src.slice(0, e.start) + e.text + src.slice(e.end);
    };
    assert.strictEqual(edit("ids=$(aws ec2 describe-instances \\\n  --query 'Reservations[0]' --output text)\n", 'bash', "Reservations[?x=='y']"),
      "ids=$(aws ec2 describe-instances \\\n  --query \"Reservations[?x=='y']\" --output text)\n");
    assert.strictEqual(edit('aws ec2 describe-vpcs --query="Vpcs" --output text', 'bash', 'Vpcs[0]'), "aws ec2 describe-vpcs --query='Vpcs[0]' --output text");
    assert.strictEqual(edit('aws ec2 describe-vpcs > out.json', 'bash', 'Vpcs'), "aws ec2 describe-vpcs --query 'Vpcs' > out.json");
    assert.strictEqual(edit("$v = aws ec2 describe-vpcs --query 'Vpcs'", 'powershell', "Vpcs[?IsDefault==`true`] | [0].Tags[?Key=='it''s']"),
      "$v = aws ec2 describe-vpcs --query 'Vpcs[?IsDefault==`true`] | [0].Tags[?Key==''it''''s'']'");
    assert.strictEqual(edit('aws ec2 describe-vpcs ^\r\n  --output text', 'cmd', 'Vpcs[?a=="b"]'), 'aws ec2 describe-vpcs ^\r\n  --output text --query "Vpcs[?a==\\"b\\"]"');
  });
});

describe('Run & refine: what a variable it asks for stands for (trial 11: a URL typed for $ENDPOINT)', () => {
  const roles = (src: string) => {
    const [cmd] = findCliCommands(src, 'bash');
    return cmd.args.flatMap((w) => w.expansions.map((e) => `${e.name}: ${expansionRole(cmd, e) ?? '-'}`));
  };

  it('names options before the service, and the option a variable is the value of', () => {
    assert.deepStrictEqual(roles('aws $ENDPOINT ec2 describe-instances\n'), ['ENDPOINT: options before the service (ec2), as words: e.g. --endpoint-url http://localhost:4566 or --region us-east-1']);
    assert.deepStrictEqual(roles('aws "${OPTS[@]}" ec2 describe-instances\n'), ['OPTS: options before the service (ec2), as words: e.g. --endpoint-url http://localhost:4566 or --region us-east-1']);
    assert.deepStrictEqual(roles('aws --endpoint-url "$EP" ec2 describe-instances --instance-ids $ID\n'), ['EP: the value of --endpoint-url', 'ID: the value of --instance-ids']);
    assert.deepStrictEqual(roles('aws ec2 describe-instances --filters Name=tag:env,Values=$ENV\n'), ['ENV: the value of --filters']);
    assert.deepStrictEqual(roles('aws ec2 describe-instances $MORE\n'), ['MORE: -']);
  });
});
