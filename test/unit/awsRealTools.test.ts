// Generated commands and snippets run for real: the aws CLI and boto3 against a local moto_server.
// The seed's typos are shown to fail the way users meet them (silently, or late), and flagged by us.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkScript } from '../../src/core/aws/scriptCheck';
import { RunInstancesOptions, buildRunInstances } from '../../src/core/aws/runInstances';
import { loadModel } from './awsModels';
import { AWS_ENV, Moto, startMoto } from './motoServer';

const env = AWS_ENV;

describe('generated commands against the real aws CLI and boto3 (moto_server)', function () {
  this.timeout(180000);
  let moto: Moto | undefined;
  let endpoint: string;
  let dir: string;

  before(async () => {
    for (const tool of ['aws', 'moto_server']) {
      assert.strictEqual(spawnSync('sh', ['-c', `command -v ${tool}`]).status, 0, `${tool} is needed (python3 with awscli and moto)`);
    }
    moto = await startMoto();
    endpoint = moto.endpoint;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aws-real-'));
    fs.writeFileSync(path.join(dir, 'init.sh'), '#!/bin/bash\necho hello\n');
  });
  after(() => {
    moto?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const base: Omit<RunInstancesOptions, 'flavour'> = {
    imageId: 'ami-1e749f67', instanceType: 't2.micro', count: 2, name: "web's box", tags: [{ Key: 'env', Value: 'prod,test' }],
    keyName: undefined, userDataFile: 'init.sh', region: 'us-east-1',
  };

  it('the bash command launches instances and prints their ids', () => {
    const command = buildRunInstances({ ...base, flavour: 'bash', endpointUrl: endpoint });
    const r = spawnSync('bash', ['-c', command], { cwd: dir, env, encoding: 'utf8' });
    assert.strictEqual(r.status, 0, r.stderr);
    const ids = r.stdout.trim().split(/\s+/);
    assert.strictEqual(ids.length, 2, r.stdout);
    for (const id of ids) assert.match(id, /^i-[0-9a-f]+$/);
    // the tags really arrived
    const tags = spawnSync('aws', ['--endpoint-url', endpoint, 'ec2', 'describe-instances', '--instance-ids', ids[0], '--query', "Reservations[0].Instances[0].Tags[?Key=='env'].Value | [0]", '--output', 'text'], { env, encoding: 'utf8' });
    assert.strictEqual(tags.stdout.trim(), 'prod,test');
  });

  it('the boto3 snippet launches instances and prints their ids', () => {
    const script = buildRunInstances({ ...base, flavour: 'python', endpointUrl: endpoint });
    fs.writeFileSync(path.join(dir, 'launch.py'), script);
    assert.deepStrictEqual(checkScript(script, 'python', loadModel), [], 'our checker accepts what we generate');
    const r = spawnSync('python3', ['launch.py'], { cwd: dir, env, encoding: 'utf8' });
    assert.strictEqual(r.status, 0, r.stderr);
    const ids = r.stdout.trim().split('\n');
    assert.strictEqual(ids.length, 2);
    for (const id of ids) assert.match(id, /^i-[0-9a-f]+$/);
  });

  it("the seed's --query typo prints None and exits 0; we flag it", () => {
    const command = `aws --endpoint-url ${endpoint} ec2 run-instances --image-id ami-1e749f67 --count 1 --instance-type t2.micro --query 'Instances[0].InstanceID' --output text`;
    const r = spawnSync('bash', ['-c', command], { env, encoding: 'utf8' });
    assert.strictEqual(r.status, 0);
    assert.strictEqual(r.stdout.trim(), 'None');
    assert.deepStrictEqual(checkScript(command, 'bash', loadModel).map((p) => p.fix), ['InstanceId']);
  });

  it("nested single quotes in a bash --query make the CLI find nothing; we say why, and our fix finds the instances (trial 11)", () => {
    const launched = spawnSync('bash', ['-c', `aws --endpoint-url ${endpoint} ec2 run-instances --image-id ami-1e749f67 --count 1 --instance-type t2.micro --query 'Instances[0].InstanceId' --output text`], { env, encoding: 'utf8' });
    const id = launched.stdout.trim();
    assert.match(id, /^i-[0-9a-f]+$/);
    const script = `aws --endpoint-url ${endpoint} ec2 describe-instances --query 'Reservations[].Instances[?State.Name == 'running'].InstanceId' --output json\n`;
    const run = (text: string) => spawnSync('bash', ['-c', text], { env, encoding: 'utf8' });
    const nested = run(script);
    assert.strictEqual(nested.status, 0);
    assert.ok(!nested.stdout.includes(id), `the CLI compared State.Name with a field named running: ${nested.stdout}`);
    const problems = checkScript(script, 'bash', loadModel);
    assert.deepStrictEqual(problems.map((p) => p.code), ['query-nested-quotes']);
    const [p] = problems;
    assert.match(p.message, /^The single quotes around 'running' end the shell's quoting/);
    const fixed = script.slice(0, p.fixRange![0]) + p.fix + script.slice(p.fixRange![1]);
    assert.ok(fixed.includes(`--query "Reservations[].Instances[?State.Name == 'running'].InstanceId"`), fixed);
    assert.ok(run(fixed).stdout.includes(id), 'the fixed command finds the running instance');
    assert.deepStrictEqual(checkScript(fixed, 'bash', loadModel), [], 'and is clean');
  });

  it("a state compared as 'Running' finds nothing with the real CLI; we flag it, and our fix finds the instance", () => {
    const launched = spawnSync('bash', ['-c', `aws --endpoint-url ${endpoint} ec2 run-instances --image-id ami-1e749f67 --count 1 --instance-type t2.micro --query 'Instances[0].InstanceId' --output text`], { env, encoding: 'utf8' });
    const id = launched.stdout.trim();
    assert.match(id, /^i-[0-9a-f]+$/);
    const script = `aws --endpoint-url ${endpoint} ec2 describe-instances --query "Reservations[].Instances[?State.Name=='Running'][].InstanceId" --output json\n`;
    const run = (text: string) => spawnSync('bash', ['-c', text], { env, encoding: 'utf8' });
    const wrong = run(script);
    assert.strictEqual(wrong.status, 0, wrong.stderr);
    assert.deepStrictEqual(JSON.parse(wrong.stdout), [], 'the CLI compares case-sensitively and finds nothing, silently');
    const [p] = checkScript(script, 'bash', loadModel);
    assert.strictEqual(p.code, 'query-enum-value');
    const fixed = script.slice(0, p.fixRange?.[0] ?? p.start) + p.fix + script.slice(p.fixRange?.[1] ?? p.end);
    assert.ok(JSON.parse(run(fixed).stdout).includes(id), `the fixed command finds the running instance: ${fixed}`);
    assert.deepStrictEqual(checkScript(fixed, 'bash', loadModel), [], 'and is clean');
  });

  it("the seed's boto3 ImageID typo raises ParamValidationError; we flag it", () => {
    const script = `import boto3\nec2 = boto3.client('ec2', endpoint_url='${endpoint}')\nec2.run_instances(ImageID='ami-1e749f67', MinCount=1, MaxCount=1)\n`;
    fs.writeFileSync(path.join(dir, 'typo.py'), script);
    const r = spawnSync('python3', ['typo.py'], { cwd: dir, env, encoding: 'utf8' });
    assert.notStrictEqual(r.status, 0);
    assert.match(r.stderr, /ParamValidationError[\s\S]*Unknown parameter in input: "ImageID"/);
    assert.deepStrictEqual(checkScript(script, 'python', loadModel).map((p) => p.fix), ['ImageId']);
  });

  it("a boto3 paginator's search() with InstanceID yields nothing, silently; we flag it, and the fix yields the ids", () => {
    const launched = spawnSync('bash', ['-c', `aws --endpoint-url ${endpoint} ec2 run-instances --image-id ami-1e749f67 --count 1 --instance-type t2.micro --query 'Instances[0].InstanceId' --output text`], { env, encoding: 'utf8' });
    const id = launched.stdout.trim();
    assert.match(id, /^i-[0-9a-f]+$/);
    const script = `import boto3\nsession = boto3.Session()\nec2 = session.client('ec2', endpoint_url='${endpoint}')\n` +
      `pages = ec2.get_paginator('describe_instances').paginate(PaginationConfig={'PageSize': 5})\n` +
      `for instance_id in pages.search("Reservations[].Instances[?State.Name=='running'].InstanceID[]"):\n    print(instance_id)\n`;
    const run = (text: string) => {
      fs.writeFileSync(path.join(dir, 'search.py'), text);
      const r = spawnSync('python3', ['search.py'], { cwd: dir, env, encoding: 'utf8' });
      assert.strictEqual(r.status, 0, r.stderr);
      return r.stdout;
    };
    assert.strictEqual(run(script), '', 'boto3 applies the query to each page and yields nothing, without an error');
    const problems = checkScript(script, 'python', loadModel);
    assert.deepStrictEqual(problems.map((p) => [p.code, p.fix]), [['query-field', 'InstanceId']]);
    const [p] = problems;
    const fixed = script.slice(0, p.fixRange?.[0] ?? p.start) + p.fix + script.slice(p.fixRange?.[1] ?? p.end);
    assert.ok(run(fixed).split('\n').includes(id), 'the fixed search yields the running instance');
    assert.deepStrictEqual(checkScript(fixed, 'python', loadModel), []);
  });
});
