// The run-instances generator's input checks, instance type order and AWS profile reading.
import * as assert from 'assert';
import {
  FORMAT_CHECKS, REGIONS, compareInstanceTypes, orderInstanceTypes, parseAwsProfiles, validateOptions,
} from '../../src/core/aws/runInstances';
import { loadModel } from './awsModels';

describe('run-instances generator: formats are checked', () => {
  it('regions', () => {
    for (const r of ['us-east-1', 'eu-central-2', 'ap-southeast-7', 'us-gov-west-1', 'cn-north-1', 'us-iso-east-1', 'il-central-1', ...REGIONS]) {
      assert.strictEqual(FORMAT_CHECKS.region(r), undefined, r);
    }
    for (const r of ['us-east', 'US-EAST-1', 'useast1', 'default', 'us-east-1 ', 'us-middle-1', 'eu-west-1a']) {
      assert.match(FORMAT_CHECKS.region(r)!, /is not a region name such as us-east-1/, r);
    }
  });
  it('subnets, security groups and key pairs', () => {
    assert.strictEqual(FORMAT_CHECKS.subnetId('subnet-0123456789abcdef0'), undefined);
    assert.strictEqual(FORMAT_CHECKS.subnetId('subnet-12345678'), undefined);
    assert.match(FORMAT_CHECKS.subnetId('sub-123')!, /not a subnet id/);
    assert.match(FORMAT_CHECKS.subnetId('subnet-XYZ')!, /not a subnet id/);
    assert.strictEqual(FORMAT_CHECKS.securityGroupId('sg-0123456789abcdef0'), undefined);
    assert.match(FORMAT_CHECKS.securityGroupId('sg-12')!, /not a security group id/);
    assert.match(FORMAT_CHECKS.securityGroupId('default')!, /not a security group id/);
    assert.strictEqual(FORMAT_CHECKS.keyName('my-key pair.1'), undefined);
    assert.match(FORMAT_CHECKS.keyName(' lead')!, /not a key pair name/);
    assert.match(FORMAT_CHECKS.keyName('clé')!, /ASCII/);
    assert.match(FORMAT_CHECKS.keyName('k'.repeat(256))!, /255/);
    assert.strictEqual(FORMAT_CHECKS.profile('dev-admin@corp'), undefined);
    assert.match(FORMAT_CHECKS.profile('dev us-east-1')!, /not a profile name/);
  });
  it('scripted arguments get the same checks', () => {
    assert.deepStrictEqual(validateOptions({ flavour: 'bash', region: 'us-east-1', profile: 'dev', subnetId: 'subnet-12345678', securityGroupIds: ['sg-12345678'], keyName: 'k' }), []);
    const problems = validateOptions({ flavour: 'bash', region: 'default us-east-1', subnetId: 'subnet-x', securityGroupIds: ['sg-12345678', 'web'], keyName: ' k' });
    assert.strictEqual(problems.length, 4, problems.join('\n'));
  });
});

describe('run-instances generator: instance types', () => {
  it('orders sizes as people read them', () => {
    assert.deepStrictEqual(['t3.2xlarge', 't3.micro', 't3.large', 't3.nano', 't3.xlarge', 't3.medium', 't3.small'].sort(compareInstanceTypes),
      ['t3.nano', 't3.micro', 't3.small', 't3.medium', 't3.large', 't3.xlarge', 't3.2xlarge']);
    assert.deepStrictEqual(['m5.metal', 'm5.24xlarge', 'm5.4xlarge'].sort(compareInstanceTypes), ['m5.4xlarge', 'm5.24xlarge', 'm5.metal']);
  });
  it('lists the common families first, then every type of the EC2 model', () => {
    const types = loadModel('ec2')!.operations['run-instances'].input.find((m) => m.name === 'InstanceType')!.enum!;
    const { common, all } = orderInstanceTypes(types);
    assert.strictEqual(all.length, types.length);
    assert.deepStrictEqual(common.slice(0, 3), ['t3.nano', 't3.micro', 't3.small']);
    assert.ok(common.includes('t2.micro') && common.includes('m5.large') && common.includes('c6i.xlarge'));
    assert.ok(!common.some((t) => t.startsWith('p4d') || t.startsWith('x2')), 'rare families are only in the full list');
    assert.ok(all.indexOf('a1.medium') < all.indexOf('z1d.large'));
  });
});

describe('run-instances generator: profiles from the AWS config files', () => {
  it('reads [profile x] and [default] from config, [x] from credentials', () => {
    const config = '[default]\nregion = us-east-1\n\n[profile dev]\nregion=eu-west-1\n[ profile  ops-admin ]\n[sso-session corp]\nsso_region = us-east-1\n';
    assert.deepStrictEqual(parseAwsProfiles(config, 'config'), ['default', 'dev', 'ops-admin']);
    assert.deepStrictEqual(parseAwsProfiles('[default]\naws_access_key_id = x\n[ci]\n', 'credentials'), ['default', 'ci']);
  });
});
