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
export const SUBNET_ID = /^subnet-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;
export const SECURITY_GROUP_ID = /^sg-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;
// partition prefixes (us-gov, cn, us-iso...) and the compass words AWS region names use
export const REGION = /^[a-z]{2}(?:-gov|-iso[a-z]?)?-(?:north|south|east|west|central|northeast|northwest|southeast|southwest)-\d{1,2}$/;
// what the CLI and boto3 accept in a profile name (a config section name without spaces or brackets)
export const PROFILE = /^[\w+=,.@:/-]{1,64}$/;

/** Commercial regions, for the region picker (any well-formed region can be typed). */
export const REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'ca-west-1', 'mx-central-1', 'sa-east-1',
  'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2',
  'ap-south-1', 'ap-south-2', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-southeast-1', 'ap-southeast-2',
  'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-7', 'ap-east-1', 'af-south-1', 'il-central-1',
  'me-south-1', 'me-central-1',
];

/** Why a value is not of its kind, or undefined when it is (empty means "not given"). */
export const FORMAT_CHECKS = {
  imageId: (v: string) => (v === '' || AMI_ID.test(v) ? undefined : `"${v}" is not an AMI id: ami- followed by 8 or 17 lowercase hex digits.`),
  subnetId: (v: string) => (v === '' || SUBNET_ID.test(v) ? undefined : `"${v}" is not a subnet id: subnet- followed by 8 or 17 lowercase hex digits.`),
  securityGroupId: (v: string) => (SECURITY_GROUP_ID.test(v) ? undefined : `"${v}" is not a security group id: sg- followed by 8 or 17 lowercase hex digits.`),
  region: (v: string) => (v === '' || REGION.test(v) ? undefined : `"${v}" is not a region name such as us-east-1 or eu-central-2.`),
  profile: (v: string) => (v === '' || PROFILE.test(v) ? undefined : `"${v}" is not a profile name: letters, digits and _ + = , . @ : / - without spaces.`),
  // EC2 key pair names: up to 255 ASCII characters
  keyName: (v: string) => (v === '' || /^[\x20-\x7e]{1,255}$/.test(v) && v.trim() === v
    ? undefined : `"${v}" is not a key pair name: up to 255 ASCII characters, no leading or trailing spaces.`),
};

/** Security group ids typed separated by spaces or commas. */
export function splitSecurityGroups(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}

export function validateOptions(o: RunInstancesOptions): string[] {
  const problems: string[] = [];
  if (!FLAVOURS.includes(o.flavour)) problems.push(`flavour must be one of ${FLAVOURS.join(', ')}`);
  if (o.imageId && !AMI_ID.test(o.imageId)) problems.push(`"${o.imageId}" is not an AMI id (ami- and 8 or 17 hex digits)`);
  if (o.count !== undefined && (!Number.isInteger(o.count) || o.count < 1)) problems.push('count must be a whole number of at least 1');
  const check = (v: string | undefined, f: (v: string) => string | undefined) => {
    const p = v === undefined ? undefined : f(v);
    if (p) problems.push(p);
  };
  check(o.subnetId, FORMAT_CHECKS.subnetId);
  for (const g of o.securityGroupIds ?? []) check(g, FORMAT_CHECKS.securityGroupId);
  check(o.region, FORMAT_CHECKS.region);
  check(o.profile, FORMAT_CHECKS.profile);
  check(o.keyName, FORMAT_CHECKS.keyName);
  return problems;
}

// ---- instance types: the families most people launch first, then every type ----

export const COMMON_FAMILIES = ['t3', 't3a', 't2', 't4g', 'm7i', 'm6i', 'm5', 'm7g', 'c7i', 'c6i', 'c5', 'c7g', 'r7i', 'r6i', 'r5'];
const SIZE_ORDER = ['nano', 'micro', 'small', 'medium', 'large', 'xlarge'];

function sizeRank(size: string): number {
  const i = SIZE_ORDER.indexOf(size);
  if (i >= 0) return i;
  const m = /^(\d+)xlarge$/.exec(size);
  if (m) return SIZE_ORDER.length + Number(m[1]);
  return 1000 + (size.startsWith('metal') ? 1 : 0);
}

/** Orders `t3.micro` before `t3.large` before `t3.2xlarge`, families alphabetically. */
export function compareInstanceTypes(a: string, b: string): number {
  const [fa, sa = ''] = a.split('.');
  const [fb, sb = ''] = b.split('.');
  if (fa !== fb) return fa < fb ? -1 : 1;
  return sizeRank(sa) - sizeRank(sb) || (sa < sb ? -1 : sa > sb ? 1 : 0);
}

/** The instance types of the common families (in COMMON_FAMILIES order), then all of them. */
export function orderInstanceTypes(types: string[]): { common: string[]; all: string[] } {
  const all = [...types].sort(compareInstanceTypes);
  const common = COMMON_FAMILIES.flatMap((f) => all.filter((t) => t.split('.')[0] === f));
  return { common, all };
}

// ---- profiles from ~/.aws/config and ~/.aws/credentials ----

/** Profile names in an AWS config file (`[profile x]`, `[default]`) or credentials file (`[x]`). */
export function parseAwsProfiles(text: string, kind: 'config' | 'credentials'): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(/^\s*\[\s*([^\]]+?)\s*\]\s*$/gm)) {
    const section = m[1];
    let name: string | undefined;
    if (kind === 'credentials') name = section;
    else if (section === 'default') name = 'default';
    else {
      const p = /^profile\s+(.+)$/.exec(section);
      name = p?.[1].trim();
    }
    if (name && !names.includes(name)) names.push(name);
  }
  return names;
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

/**
 * The command (or boto3 code) for `o`. `snippet`: with tab stops for blanks. `importsBoto3`: the
 * Python file it goes into imports boto3 already (no second `import boto3`).
 */
export function buildRunInstances(o: RunInstancesOptions, options: { snippet?: boolean; importsBoto3?: boolean } = {}): string {
  const stops = new Stops(options.snippet ?? false);
  if (o.flavour === 'python') return buildBoto3(o, stops, options.importsBoto3 ?? false);
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

function buildBoto3(o: RunInstancesOptions, stops: Stops, hasImport: boolean): string {
  const t = (s: string) => stops.text(s);
  const lines: string[] = hasImport ? [] : ['import boto3', ''];
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

/** Whether Python source imports boto3 as `boto3` (what the generated code calls). */
export function importsBoto3(source: string): boolean {
  return /^[ \t]*import[ \t]+(?:[\w.]+[ \t]*,[ \t]*)*boto3[ \t]*(?:,|#|$)/m.test(source);
}
