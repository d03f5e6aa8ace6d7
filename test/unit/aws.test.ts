// AWS helpers on plain Node: model data, --query checks against output shapes, boto3 keyword
// checks, the run-instances builders.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { tableTitleForName } from '../../src/core/aws/model';
import { checkScript } from '../../src/core/aws/scriptCheck';
import { findCliCommands } from '../../src/core/aws/scriptScan';
import { RUN_INSTANCES_PARAMETERS, buildRunInstances, importsBoto3, validateOptions } from '../../src/core/aws/runInstances';

import { loadModel } from './awsModels';

const root = path.resolve(__dirname, '../../..');

/**
 * The byte-for-byte regeneration check needs the botocore that made data/aws: it runs when the
 * installed botocore is that version, is skipped with the reason otherwise, and fails in CI
 * (CI=1), which must always run it.
 */
function botocoreVersion(): string | undefined {
  const r = spawnSync('python3', ['-c', 'import botocore; print(botocore.__version__)'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

describe('AWS model data', function () {
  this.timeout(60000);
  it('regenerating from the installed botocore gives the committed files', function () {
    const committed = fs.readFileSync(path.join(root, 'data/aws/VERSION'), 'utf8').trim().replace(/^botocore /, '');
    const installed = botocoreVersion();
    if (installed !== committed) {
      const why = `model regeneration check skipped: data/aws was generated with botocore ${committed}, ` +
        `${installed ? `python3 has botocore ${installed}` : 'python3 has no botocore'} ` +
        `(pip install botocore==${committed} to run it, or regenerate with python3 scripts/gen_aws_model.py)`;
      if (process.env.CI) assert.fail(`${why}; CI must run it`);
      console.log(`    ${why}`);
      this.skip();
    }
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'aws-model-'));
    const r = spawnSync('python3', [path.join(root, 'scripts/gen_aws_model.py'), out], { encoding: 'utf8' });
    assert.strictEqual(r.status, 0, `python3 with botocore is needed: ${r.stderr}`);
    for (const f of ['ec2.json', 'dynamodb.json', 's3.json', 'VERSION']) {
      assert.ok(fs.readFileSync(path.join(out, f)).equals(fs.readFileSync(path.join(root, 'data/aws', f))), `${f} differs from a fresh generation`);
    }
    fs.rmSync(out, { recursive: true });
  });
  it('the regeneration check is skipped, with the reason, under another botocore (and fails in CI)', function () {
    if (process.env.AWS_MODEL_CHECK_NESTED) this.skip(); // this test runs the suite again with a fake python3
    // a python3 that reports another botocore version and is the real one otherwise
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-python-'));
    const real = spawnSync('sh', ['-c', 'command -v python3'], { encoding: 'utf8' }).stdout.trim();
    fs.writeFileSync(path.join(bin, 'python3'), `#!/bin/sh\ncase "$*" in *botocore.__version__*) echo 0.0.1; exit 0;; esac\nexec ${real} "$@"\n`, { mode: 0o755 });
    const run = (ci: boolean) => spawnSync(process.execPath, [require.resolve('mocha/bin/mocha'), '--no-config', '--grep', 'regenerating from the installed botocore', __filename], {
      encoding: 'utf8',
      env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}`, CI: ci ? '1' : '', AWS_MODEL_CHECK_NESTED: '1' },
    });
    const local = run(false);
    assert.strictEqual(local.status, 0, local.stdout + local.stderr);
    assert.match(local.stdout, /data\/aws was generated with botocore 1\.\d+\.\d+, python3 has botocore 0\.0\.1 \(pip install botocore==/);
    assert.match(local.stdout, /0 passing[\s\S]*1 pending/);
    const ci = run(true);
    assert.notStrictEqual(ci.status, 0);
    assert.match(ci.stdout, /CI must run it/);
    fs.rmSync(bin, { recursive: true });
  });
  it('has run-instances with its CLI flags, required members and output', () => {
    const op = loadModel('ec2')!.operations['run-instances'];
    assert.strictEqual(op.name, 'RunInstances');
    const byName = new Map(op.input.map((m) => [m.name, m]));
    assert.strictEqual(byName.get('InstanceType')!.flag, '--instance-type');
    assert.ok(byName.get('InstanceType')!.enum!.includes('t2.micro'));
    assert.deepStrictEqual(op.input.filter((m) => m.required).map((m) => m.name).sort(), ['MaxCount', 'MinCount']);
    for (const p of RUN_INSTANCES_PARAMETERS) assert.ok(byName.has(p), `${p} is not a run-instances parameter`);
  });
});

describe('table titles from file names', () => {
  const models = ['ec2', 's3', 'dynamodb'].map((s) => loadModel(s)!);
  it('are the operation botocore names, for a file named after its command with anything after it', () => {
    assert.strictEqual(tableTitleForName('describe-volumes-prod', models), 'DescribeVolumes');
    assert.strictEqual(tableTitleForName('describe-instances', models), 'DescribeInstances');
    assert.strictEqual(tableTitleForName('list-objects-v2-2024-01-02', models), 'ListObjectsV2');
    assert.strictEqual(tableTitleForName('scan-music', models), 'Scan');
    // Run & refine's outputs: service, command, a hash of the line
    assert.strictEqual(tableTitleForName('ec2-describe-volumes-66917a27', models), 'DescribeVolumes');
    assert.strictEqual(tableTitleForName('dynamodb-scan-24a20b74', models), 'Scan');
    assert.strictEqual(tableTitleForName('describe-stacks', models), 'DescribeStacks'); // (no model: each word capitalised)
    assert.strictEqual(tableTitleForName('my data', models), 'my data');
    // an s3api output (trial 19: S3apiListObjects78256789); one word that is an operation, or is not
    assert.strictEqual(tableTitleForName('s3api-list-objects-78256789', models), 'ListObjects');
    assert.strictEqual(tableTitleForName('scan', models), 'Scan');
    assert.strictEqual(tableTitleForName('data', models), 'data');
  });
});

describe('finding aws commands in scripts', () => {
  it('reads services, operations and --query across line continuations and quoting', () => {
    const src = "#!/bin/bash\n# aws ec2 nothing --query 'x'\nids=$(aws --region us-east-1 ec2 run-instances \\\n  --count 2 \\\n  --query 'Instances[0].InstanceID' --output text)\naws ec2 describe-volumes --query \"Volumes[?Size > \\`100\\`].VolumeId\"\n";
    const cmds = findCliCommands(src, 'bash');
    assert.deepStrictEqual(cmds.map((c) => [c.service, c.operation, c.query?.text]), [
      ['ec2', 'run-instances', 'Instances[0].InstanceID'],
      ['ec2', 'describe-volumes', 'Volumes[?Size > `100`].VolumeId'],
    ]);
    const q = cmds[0].query!;
    assert.strictEqual(src.slice(q.offsets[0], q.offsets[q.text.length]), 'Instances[0].InstanceID');
    const q2 = cmds[1].query!;
    assert.strictEqual(src[q2.offsets[q2.text.indexOf('`')]], '`');
  });
  it('handles PowerShell and cmd', () => {
    assert.deepStrictEqual(findCliCommands("aws ec2 describe-instances `\n  --query 'Reservations[].Instances[].InstanceId'\n", 'powershell').map((c) => c.query?.text), ['Reservations[].Instances[].InstanceId']);
    assert.deepStrictEqual(findCliCommands('aws ec2 describe-instances ^\n  --query "Reservations[0]"\n', 'cmd').map((c) => c.query?.text), ['Reservations[0]']);
  });
});

describe('checking scripts', () => {
  it("flags the seed's InstanceID typo with the fix", () => {
    const src = "aws ec2 run-instances --image-id ami-1e749f67 --count 1 --query 'Instances[0].InstanceID' --output text\n";
    const problems = checkScript(src, 'bash', loadModel);
    assert.strictEqual(problems.length, 1);
    assert.strictEqual(problems[0].message, 'InstanceID is not a field of Instance; did you mean InstanceId? (the query would give null)');
    assert.strictEqual(src.slice(problems[0].start, problems[0].end), 'InstanceID');
    assert.strictEqual(problems[0].fix, 'InstanceId');
  });
  it('follows projections, filters, functions and pipes; right names give nothing', () => {
    const ok = "aws ec2 describe-instances --query \"Reservations[].Instances[?State.Name=='running'].[InstanceId, Tags[?Key=='Name'].Value | [0]]\"\n" +
      "aws ec2 describe-instances --query 'sort_by(Reservations[].Instances[], &LaunchTime)[-5:].InstanceId'\n" +
      "aws ec2 describe-volumes --query \"Volumes[?CreateTime<'2017-01-01'].VolumeId\"\n";
    assert.deepStrictEqual(checkScript(ok, 'bash', loadModel), []);
    const bad = "aws ec2 describe-instances --query \"Reservations[].Instances[?State.name=='running'].InstanceId\"\n" +
      "aws ec2 describe-instances --query 'sort_by(Reservations[].Instances[], &Launchtime)[0]'\n";
    assert.deepStrictEqual(checkScript(bad, 'bash', loadModel).map((p) => [p.fix, bad.slice(p.start, p.end)]), [['Name', 'name'], ['LaunchTime', 'Launchtime']]);
  });
  it('reports syntax errors at the exact column and nothing for unknown services', () => {
    const src = "aws ec2 describe-instances --query 'Reservations[?State ==]'\naws foo bar --query 'Whatever.Field'\naws ec2 describe-nothing --query 'X'\n";
    const problems = checkScript(src, 'bash', loadModel);
    assert.strictEqual(problems.length, 1);
    assert.strictEqual(problems[0].code, 'query-syntax');
    assert.strictEqual(src.slice(problems[0].start, problems[0].end), ']');
    assert.match(problems[0].message, /Parse error at column 22/);
  });
  it('says a quote was left open where it opened, not "Unknown token" on the next command (trial 17)', () => {
    const open = "aws ec2 describe-instances --query 'Reservations[].Instances[].InstanceId\naws ec2 describe-volumes --query Volumes[].VolumeId'\necho done\n";
    const [problem, ...rest] = checkScript(open, 'bash', loadModel);
    assert.deepStrictEqual(rest, []);
    assert.strictEqual(open.slice(problem.start, problem.end), "'");
    assert.strictEqual(problem.start, open.indexOf("'"));
    assert.match(problem.message, /^This quote is not closed on its line: the shell reads on to the next one \(line 2\)/);
    const toTheEnd = checkScript("aws ec2 describe-volumes --query 'Volumes[].Size\naws s3 ls\n", 'bash', loadModel);
    assert.match(toTheEnd[0].message, /to the end of the script, where it fails/);
    // a query written over several lines on purpose is still read as one
    assert.deepStrictEqual(checkScript("aws ec2 describe-volumes --query 'Volumes[?Size > `8`]\n  .VolumeId'\n", 'bash', loadModel), []);
  });
  it("flags boto3's ImageID typo", () => {
    const src = "import boto3\nec2 = boto3.client('ec2')\nec2.run_instances(ImageID='ami-1e749f67', MinCount=1, MaxCount=1, InstanceType='t2.micro')\n";
    const problems = checkScript(src, 'python', loadModel);
    assert.deepStrictEqual(problems.map((p) => [src.slice(p.start, p.end), p.fix]), [['ImageID', 'ImageId']]);
    assert.match(problems[0].message, /ParamValidationError/);
  });
  it('checks a 2,000-line script', () => {
    const line = "aws ec2 describe-instances --query 'Reservations[].Instances[].InstanceID'\n";
    const problems = checkScript(line.repeat(2000), 'bash', loadModel);
    assert.strictEqual(problems.length, 2000);
  });
});

describe('run-instances builders', () => {
  it('bash: continuations, quoting, --query and text output', () => {
    const text = buildRunInstances({ flavour: 'bash', imageId: 'ami-1e749f67', instanceType: 't2.micro', count: 2, name: "bob's box", tags: [{ Key: 'env', Value: 'prod' }] });
    assert.strictEqual(text, [
      'aws ec2 run-instances \\',
      '    --image-id ami-1e749f67 \\',
      '    --instance-type t2.micro \\',
      '    --count 2 \\',
      `    --tag-specifications '[{"ResourceType":"instance","Tags":[{"Key":"Name","Value":"bob'\\''s box"},{"Key":"env","Value":"prod"}]}]' \\`,
      "    --query 'Instances[*].InstanceId' --output text",
      '',
    ].join('\n'));
  });
  it('PowerShell backticks and cmd carets', () => {
    assert.match(buildRunInstances({ flavour: 'powershell', imageId: 'ami-1e749f67', instanceType: 't2.micro', count: 1 }), /^aws ec2 run-instances `\n {4}--image-id ami-1e749f67 `\n/);
    assert.match(buildRunInstances({ flavour: 'cmd', imageId: 'ami-1e749f67', instanceType: 't2.micro', count: 1 }), /--query "Instances\[\*\]\.InstanceId" --output text\n$/);
  });
  it('snippets have tab stops for what was left blank', () => {
    const snippet = buildRunInstances({ flavour: 'bash' }, { snippet: true });
    assert.match(snippet, /--image-id \$\{1:ami-x+\}/);
    assert.match(snippet, /--instance-type \$\{2:t3\.micro\}/);
    const py = buildRunInstances({ flavour: 'python' }, { snippet: true });
    assert.match(py, /MinCount=\$\{3:1\},\n {4}MaxCount=\$3,/);
  });
  it('boto3 code goes into a file that imports boto3 already without a second import', () => {
    assert.match(buildRunInstances({ flavour: 'python' }), /^import boto3\n\nsession = /);
    assert.match(buildRunInstances({ flavour: 'python' }, { importsBoto3: true }), /^session = boto3\.Session\(/);
    for (const yes of ['import boto3\n', 'import json\nimport boto3  # AWS\n', 'import os, boto3\n', '    import boto3\n']) assert.ok(importsBoto3(yes), yes);
    // `import boto3 as b3`, `from boto3 import client`, a comment: the generated code's `boto3.` would not resolve
    for (const no of ['import boto3 as b3\n', 'from boto3 import client\n', '# import boto3\n', 'import boto3x\n', 'x = "import boto3"\n']) assert.ok(!importsBoto3(no), no);
  });
  it('validates the AMI id and count', () => {
    assert.deepStrictEqual(validateOptions({ flavour: 'bash', imageId: 'ami-1e749f67', count: 1 }), []);
    assert.strictEqual(validateOptions({ flavour: 'bash', imageId: 'ami-XYZ' }).length, 1);
    assert.strictEqual(validateOptions({ flavour: 'bash', count: 0 }).length, 1);
  });
});

describe('nested single quotes in a bash --query (trial 11)', () => {
  const codes = (src: string, shell: 'bash' | 'powershell' = 'bash') => checkScript(src, shell, loadModel).map((p) => p.code);

  it('are flagged only where the shell really joins quoted runs with bare text into another query', () => {
    assert.deepStrictEqual(codes("aws ec2 describe-volumes --query 'Volumes[?State=='available'].VolumeId'\n"), ['query-nested-quotes']);
    // what the shell would change, or quoting done right, is not this mistake
    assert.deepStrictEqual(codes("aws ec2 describe-volumes --query 'Volumes[?State=='$STATE'].VolumeId'\n"), []);
    assert.deepStrictEqual(codes("aws ec2 describe-volumes --query \"Volumes[?State=='available'].VolumeId\"\n"), []);
    assert.deepStrictEqual(codes("aws ec2 describe-volumes --query 'Volumes[?State=='\\''available'\\''].VolumeId'\n"), []);
    // PowerShell writes a quote inside single quotes as two: the CLI gets what was meant
    assert.deepStrictEqual(codes("aws ec2 describe-volumes --query 'Volumes[?State==''available''].VolumeId'\n", 'powershell'), []);
  });
});
