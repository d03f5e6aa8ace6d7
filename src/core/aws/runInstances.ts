// Builds `aws ec2 run-instances` commands (bash, PowerShell, cmd) and the boto3 equivalent, with the
// service model's parameter names, each shell's quoting, and tab stops for what was left blank.

export type Flavour = 'bash' | 'powershell' | 'cmd' | 'python';
export const FLAVOURS: Flavour[] = ['bash', 'powershell', 'cmd', 'python'];

export interface Tag {
  Key: string;
  Value: string;
}

export interface RunInstancesOptions {
  flavour: Flavour;
  imageId?: string;
  instanceType?: string;
  count?: number;
  subnetId?: string;
  securityGroupIds?: string[];
  keyName?: string;
  /** The Name tag (first) and any others. */
  name?: string;
  tags?: Tag[];
  profile?: string;
  region?: string;
  userDataFile?: string;
  /** For local endpoints (moto, LocalStack). */
  endpointUrl?: string;
}

/** The run-instances input members this builder writes (checked against the model by the tests). */
export const RUN_INSTANCES_PARAMETERS = ['ImageId', 'InstanceType', 'MinCount', 'MaxCount', 'SubnetId', 'SecurityGroupIds', 'KeyName', 'TagSpecifications', 'UserData'];

export const AMI_ID = /^ami-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

export function validateOptions(o: RunInstancesOptions): string[] {
  const problems: string[] = [];
  if (!FLAVOURS.includes(o.flavour)) problems.push(`flavour must be one of ${FLAVOURS.join(', ')}`);
  if (o.imageId && !AMI_ID.test(o.imageId)) problems.push(`"${o.imageId}" is not an AMI id (ami- and 8 or 17 hex digits)`);
  if (o.count !== undefined && (!Number.isInteger(o.count) || o.count < 1)) problems.push('count must be a whole number of at least 1');
  return problems;
}

/** Tab stops: `${n:placeholder}` in snippet mode, the placeholder in plain text. */
class Stops {
  private n = 0;
  constructor(private readonly snippet: boolean) {}
  stop(placeholder: string): string {
    if (!this.snippet) return placeholder;
    this.n++;
    return `\${${this.n}:${placeholder.replace(/[$}\\]/g, '\\$&')}}`;
  }
  /** Repeats the last tab stop's value (a mirror in a snippet). */
  mirrorLast(placeholder: string): string {
    return this.snippet ? `\$${this.n}` : placeholder;
  }
  /** Literal text in a snippet must escape $, } and \. */
  text(s: string): string {
    return this.snippet ? s.replace(/[$}\\]/g, '\\$&') : s;
  }
  end(): string {
    return this.snippet ? '$0' : '';
  }
}

function quote(flavour: Exclude<Flavour, 'python'>, s: string): string {
  switch (flavour) {
    case 'bash':
      return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
    case 'powershell':
      return /^[\w@%+=:,./-]+$/.test(s) && !s.includes(',') ? s : `'${s.replace(/'/g, "''")}'`;
    case 'cmd':
      return /^[\w@+=:./-]+$/.test(s) ? s : `"${s.replace(/"/g, '\\"')}"`;
  }
}

function pyString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function allTags(o: RunInstancesOptions): Tag[] {
  const tags = [...(o.tags ?? [])];
  if (o.name) tags.unshift({ Key: 'Name', Value: o.name });
  return tags;
}

/** Shorthand (`Key=Name,Value=web`) when every key and value allows it, else JSON. */
function tagSpecification(tags: Tag[]): string {
  const plain = (s: string) => /^[\w.:/@+ -]+$/.test(s);
  if (tags.every((t) => plain(t.Key) && plain(t.Value))) {
    return `ResourceType=instance,Tags=[${tags.map((t) => `{Key=${t.Key},Value=${t.Value}}`).join(',')}]`;
  }
  return JSON.stringify([{ ResourceType: 'instance', Tags: tags }]);
}

export function buildRunInstances(o: RunInstancesOptions, options: { snippet?: boolean } = {}): string {
  const stops = new Stops(options.snippet ?? false);
  if (o.flavour === 'python') return buildBoto3(o, stops);
  const f = o.flavour;
  const q = (s: string) => stops.text(quote(f, s));
  const args: string[] = [];
  args.push(`--image-id ${o.imageId ? q(o.imageId) : stops.stop('ami-xxxxxxxxxxxxxxxxx')}`);
  args.push(`--instance-type ${o.instanceType ? q(o.instanceType) : stops.stop('t3.micro')}`);
  args.push(`--count ${o.count ?? stops.stop('1')}`);
  if (o.subnetId) args.push(`--subnet-id ${q(o.subnetId)}`);
  if (o.securityGroupIds?.length) args.push(`--security-group-ids ${o.securityGroupIds.map(q).join(' ')}`);
  if (o.keyName) args.push(`--key-name ${q(o.keyName)}`);
  const tags = allTags(o);
  if (tags.length) args.push(`--tag-specifications ${q(tagSpecification(tags))}`);
  if (o.userDataFile) args.push(`--user-data ${q(`file://${o.userDataFile}`)}`);
  if (o.profile) args.push(`--profile ${q(o.profile)}`);
  if (o.region) args.push(`--region ${q(o.region)}`);
  if (o.endpointUrl) args.push(`--endpoint-url ${q(o.endpointUrl)}`);
  const query = { bash: "'Instances[*].InstanceId'", powershell: "'Instances[*].InstanceId'", cmd: '"Instances[*].InstanceId"' }[f];
  args.push(`--query ${stops.text(query)} --output text`);
  const cont = { bash: ' \\', powershell: ' `', cmd: ' ^' }[f];
  return [`aws ec2 run-instances${cont}`, ...args.map((a, i) => `    ${a}${i < args.length - 1 ? cont : ''}`)].join('\n') + '\n' + stops.end();
}

function buildBoto3(o: RunInstancesOptions, stops: Stops): string {
  const t = (s: string) => stops.text(s);
  const lines: string[] = ['import boto3', ''];
  const sessionArgs = [o.profile && `profile_name=${pyString(o.profile)}`, o.region && `region_name=${pyString(o.region)}`].filter(Boolean);
  const clientArgs = [`'ec2'`, o.endpointUrl && `endpoint_url=${pyString(o.endpointUrl)}`].filter(Boolean);
  lines.push(t(`session = boto3.Session(${sessionArgs.join(', ')})`));
  lines.push(t(`ec2 = session.client(${clientArgs.join(', ')})`));
  lines.push('response = ec2.run_instances(');
  lines.push(`    ImageId=${o.imageId ? t(pyString(o.imageId)) : `'${stops.stop('ami-xxxxxxxxxxxxxxxxx')}'`},`);
  lines.push(`    InstanceType=${o.instanceType ? t(pyString(o.instanceType)) : `'${stops.stop('t3.micro')}'`},`);
  lines.push(`    MinCount=${o.count !== undefined ? o.count : stops.stop('1')},`);
  lines.push(`    MaxCount=${o.count !== undefined ? o.count : stops.mirrorLast('1')},`);
  if (o.subnetId) lines.push(`    SubnetId=${t(pyString(o.subnetId))},`);
  if (o.securityGroupIds?.length) lines.push(`    SecurityGroupIds=[${o.securityGroupIds.map((g) => t(pyString(g))).join(', ')}],`);
  if (o.keyName) lines.push(`    KeyName=${t(pyString(o.keyName))},`);
  const tags = allTags(o);
  if (tags.length) {
    const list = tags.map((tag) => `{'Key': ${pyString(tag.Key)}, 'Value': ${pyString(tag.Value)}}`).join(', ');
    lines.push(t(`    TagSpecifications=[{'ResourceType': 'instance', 'Tags': [${list}]}],`));
  }
  if (o.userDataFile) {
    lines.push(t(`    UserData=open(${pyString(o.userDataFile)}).read(),`));
  }
  lines.push(')');
  lines.push("for instance in response['Instances']:");
  lines.push("    print(instance['InstanceId'])");
  return lines.join('\n') + '\n' + stops.end();
}
