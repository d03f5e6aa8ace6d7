// The files of a cloud-init NoCloud seed for running Amazon Linux 2 on premises (KVM, VMware,
// Hyper-V, VirtualBox), as the AL2 guide describes: seedconfig/meta-data, seedconfig/user-data and a
// script that builds seed.iso with the volume label cidata.
// https://docs.aws.amazon.com/linux/al2/ug/amazon-linux-2-virtual-machine.html

export interface SeedInput {
  hostname: string;
  user: string;
  /** The public key's text (one line of a ~/.ssh/*.pub file). */
  sshPublicKey: string;
  /** Optional login password, stored in clear text in user-data. */
  password?: string;
}

export type SeedField = keyof SeedInput;

export class SeedInputError extends Error {
  readonly kind = 'invalid-seed-input';
  constructor(readonly field: SeedField, message: string) {
    super(message);
  }
}

export const SEED_FOLDER = 'seedconfig';
export const BUILD_SCRIPT = 'build-seed-iso.sh';
export const SEED_FILES = ['meta-data', 'user-data', BUILD_SCRIPT] as const;
export type SeedFileName = typeof SEED_FILES[number];

/** The ISO command of the AL2 guide. */
export const GENISOIMAGE_COMMAND = 'genisoimage -output seed.iso -volid cidata -joliet -rock user-data meta-data';

const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const HOSTNAME = new RegExp(`^${LABEL}(?:\\.${LABEL})*$`);
const USER = /^[a-z_][a-z0-9_-]{0,31}$/;
const KEY_TYPES = /^(ssh-ed25519|ssh-rsa|ssh-dss|ecdsa-sha2-nistp(?:256|384|521)|sk-ssh-ed25519@openssh\.com|sk-ecdsa-sha2-nistp256@openssh\.com)$/;

export function validateHostname(v: string): string | undefined {
  const h = v.trim();
  if (!h) return 'Enter a host name, for example al2-vm or al2-vm.example.internal.';
  if (h.length > 253) return 'A host name is at most 253 characters.';
  if (!HOSTNAME.test(h)) return 'Use letters, digits and hyphens, in dot-separated labels of up to 63 characters that do not start or end with a hyphen (RFC 1123).';
  return undefined;
}

export function validateUser(v: string): string | undefined {
  const u = v.trim();
  if (!u) return 'Enter a user name, for example ec2-user.';
  if (u === 'root') return 'Use a regular user with sudo: cloud-init disables root logins over SSH by default.';
  if (!USER.test(u)) return 'A Linux user name starts with a lowercase letter or _, then lowercase letters, digits, _ or -, at most 32 characters.';
  return undefined;
}

export function validateSshPublicKey(v: string): string | undefined {
  const k = v.trim();
  if (!k) return 'Paste an SSH public key (the one line of a .pub file).';
  if (/PRIVATE KEY/.test(k)) return 'That is a private key: never put it in user-data. Use the matching .pub file.';
  if (/[\r\n]/.test(k)) return 'An SSH public key is a single line.';
  const [type, body] = k.split(/\s+/);
  if (!KEY_TYPES.test(type)) return `Unknown key type "${type}": expected ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256/384/521 or a security-key type.`;
  if (!body || !/^[A-Za-z0-9+/]+={0,3}$/.test(body)) return 'The key has no base64 body after its type.';
  return undefined;
}

export function validatePassword(v: string | undefined): string | undefined {
  if (v === undefined || v === '') return undefined;
  if (/[\r\n]/.test(v)) return 'A password cannot contain line breaks.';
  if (v.length < 8) return 'Use at least 8 characters (it is stored in clear text and allows SSH password logins).';
  return undefined;
}

export function validateSeedInput(input: Partial<Record<SeedField, unknown>>): SeedInput {
  const str = (field: SeedField): string => {
    const v = input[field];
    if (typeof v !== 'string') throw new SeedInputError(field, `${field} must be a string.`);
    return v;
  };
  const checks: [SeedField, (v: string) => string | undefined][] = [
    ['hostname', validateHostname], ['user', validateUser], ['sshPublicKey', validateSshPublicKey],
  ];
  for (const [field, check] of checks) {
    const problem = check(str(field));
    if (problem) throw new SeedInputError(field, `${field}: ${problem}`);
  }
  if (input.password !== undefined && input.password !== null && typeof input.password !== 'string') {
    throw new SeedInputError('password', 'password must be a string.');
  }
  const password = typeof input.password === 'string' && input.password !== '' ? input.password : undefined;
  const pwProblem = validatePassword(password);
  if (pwProblem) throw new SeedInputError('password', `password: ${pwProblem}`);
  return { hostname: str('hostname').trim(), user: str('user').trim(), sshPublicKey: str('sshPublicKey').trim(), password };
}

/** YAML double-quoted scalar (JSON strings are valid YAML). */
function yamlString(v: string): string {
  return JSON.stringify(v);
}

export function metaData(input: SeedInput): string {
  return [
    '# cloud-init NoCloud meta-data for Amazon Linux 2 on premises.',
    '# https://docs.aws.amazon.com/linux/al2/ug/amazon-linux-2-virtual-machine.html',
    `local-hostname: ${input.hostname}`,
    '# eth0 is the network interface enabled in the image (DHCP). For a static address, uncomment and edit:',
    '# network-interfaces: |',
    '#   auto eth0',
    '#   iface eth0 inet static',
    '#   address 192.168.1.10',
    '#   network 192.168.1.0',
    '#   netmask 255.255.255.0',
    '#   broadcast 192.168.1.255',
    '#   gateway 192.168.1.254',
    '',
  ].join('\n');
}

export function userData(input: SeedInput): string {
  const { user, sshPublicKey, password } = input;
  const lines = [
    '#cloud-config',
    '# cloud-init user-data for Amazon Linux 2 on premises (read once, at the first boot).',
    '# https://docs.aws.amazon.com/linux/al2/ug/amazon-linux-2-virtual-machine.html',
    'users:',
    '  # ec2-user, created by the image',
    '  - default',
  ];
  if (user !== 'ec2-user') {
    lines.push(
      `  - name: ${user}`,
      '    groups: [wheel]',
      "    sudo: ['ALL=(ALL) NOPASSWD:ALL']",
      '    shell: /bin/bash',
      `    lock_passwd: ${password ? 'false' : 'true'}`,
      '    ssh_authorized_keys:',
      `      - ${yamlString(sshPublicKey)}`,
    );
  } else {
    lines.push('# keys for the default user (ec2-user)', 'ssh_authorized_keys:', `  - ${yamlString(sshPublicKey)}`);
  }
  if (password) {
    lines.push(
      '# WARNING: this password is stored here in clear text. Anyone who can read this file or the',
      '# seed.iso can log in. Prefer SSH keys; delete the seed after the first boot.',
      'chpasswd:',
      '  expire: false',
      '  list: |',
      `    ${user}:${password}`,
      'ssh_pwauth: true',
    );
  }
  lines.push(
    '# Optional: files to write and commands to run at the first boot.',
    '# write_files:',
    '#   - path: /etc/motd',
    "#     permissions: '0644'",
    '#     content: |',
    '#       Amazon Linux 2 on premises',
    '# runcmd:',
    "#   - [sh, -c, 'echo seeded > /var/tmp/seeded']",
    '',
  );
  return lines.join('\n');
}

export function buildScript(): string {
  return [
    '#!/bin/sh',
    '# Builds seed.iso: a disk labelled cidata holding user-data and meta-data, which cloud-init\'s',
    '# NoCloud datasource reads at the first boot of Amazon Linux 2 on KVM, VMware, Hyper-V or VirtualBox.',
    '# Attach seed.iso to the VM as a CD/DVD drive before its first boot.',
    '# https://docs.aws.amazon.com/linux/al2/ug/amazon-linux-2-virtual-machine.html',
    '#',
    '# Needs genisoimage (Debian/Ubuntu: apt-get install genisoimage; Amazon Linux/RHEL/Fedora: yum install genisoimage).',
    '# Alternatives:',
    '#   cloud-localds seed.iso user-data meta-data     (cloud-image-utils / cloud-utils; same label)',
    '#   xorriso -as mkisofs -output seed.iso -volid cidata -joliet -rock user-data meta-data',
    '#   macOS and Windows image a whole folder: copy user-data and meta-data alone into an empty one, then',
    '#     macOS:   hdiutil makehybrid -o seed.iso -hfs -joliet -iso -default-volume-name cidata <that folder>',
    '#     Windows: oscdimg -j1 -lcidata <that folder> seed.iso   (oscdimg: Windows ADK; or run this script in WSL)',
    'set -eu',
    'cd "$(dirname "$0")"',
    'if ! command -v genisoimage >/dev/null 2>&1; then',
    '  echo "genisoimage is not installed: apt-get install genisoimage (or yum install genisoimage), or use an alternative listed in $0" >&2',
    '  exit 1',
    'fi',
    GENISOIMAGE_COMMAND,
    'echo "Built $(pwd)/seed.iso (volume label cidata). Attach it to the VM as a CD/DVD drive before the first boot."',
    '',
  ].join('\n');
}

export function seedFiles(input: SeedInput): Record<SeedFileName, string> {
  return { 'meta-data': metaData(input), 'user-data': userData(input), [BUILD_SCRIPT]: buildScript() } as Record<SeedFileName, string>;
}
