// Problems in cloud-init seed files before they are baked into an ISO: the #cloud-config header,
// YAML syntax (read as YAML 1.1, like cloud-init's PyYAML), unknown top-level keys with a
// suggestion, and the value types of the keys a seed uses (users, chpasswd, ssh_authorized_keys,
// write_files, runcmd). meta-data without local-hostname gets a hint.

import { Alias, Document, isCollection, isDocument, isMap, isPair, isScalar, isSeq, Node, Pair, parseDocument, Scalar, visit, YAMLMap, YAMLSeq } from 'yaml';
import { DOCS } from '../aws/knowledge/docs';
import { editDistance } from '../editDistance';
import type { DocumentedProblem } from '../problem';
import {
  AMAZON_LINUX_KEYS, CHPASSWD_KEYS, CLOUD_CONFIG_KEYS, CLOUD_INIT_VERSION, USER_KEYS, WRITE_FILES_ENCODINGS, WRITE_FILES_KEYS,
} from './cloudConfigKeys';

export type SeedProblem = DocumentedProblem;

export type SeedFileKind = 'user-data' | 'meta-data';

const OTHER_FORMATS = ['#!', '#include', '#cloud-boothook', '#part-handler', '## template: jinja', 'content-type:', 'mime-version:'];

function firstLine(text: string): { start: number; end: number; text: string } {
  const start = text.length - text.trimStart().length;
  const nl = text.indexOf('\n', start);
  const end = nl < 0 ? text.length : text[nl - 1] === '\r' ? nl - 1 : nl;
  return { start, end, text: text.slice(start, end) };
}

function looksLikeHeaderTypo(line: string): boolean {
  const l = line.toLowerCase();
  if (!l.startsWith('#') || l.startsWith('#cloud-config')) return false;
  const squashed = l.replace(/[\s_.]+/g, '').replace(/^#+/, '#');
  if (squashed.startsWith('#cloud-config') || squashed.startsWith('#cloudconfig')) return true;
  const head = squashed.slice(0, 13);
  return editDistance(head, '#cloud-config') <= 3;
}

/** Which seed file this is: by name (user-data, meta-data), or a YAML file whose first line is (nearly) #cloud-config. */
export function seedFileKind(fileName: string, text: string, isYaml: boolean): SeedFileKind | undefined {
  const base = fileName.replace(/\\/g, '/').split('/').pop() ?? '';
  if (/^user-data(\.ya?ml|\.txt)?$/i.test(base)) return 'user-data';
  if (/^meta-data(\.ya?ml|\.json)?$/i.test(base)) return 'meta-data';
  const line = firstLine(text).text.toLowerCase();
  if (line.startsWith('#cloud-config') && !/^#cloud-config-(archive|jsonp)/.test(line)) return 'user-data';
  if (isYaml && looksLikeHeaderTypo(line)) return 'user-data';
  return undefined;
}

/** Problems shown for one file: a generated file with 50,000 unknown keys is still checked in a blink. */
const MAX_PROBLEMS = 500;

class Checker {
  private readonly found: SeedProblem[] = [];
  /** Problems found past MAX_PROBLEMS, and where the first of them is. */
  private more = 0;
  private moreAt = 0;
  constructor(readonly text: string) {}

  get full(): boolean {
    return this.found.length >= MAX_PROBLEMS;
  }

  push(problem: SeedProblem): void {
    if (!this.full) this.found.push(problem);
    else if (this.more++ === 0) this.moreAt = problem.start;
  }

  /** The problems, the last saying how many more there are. */
  get problems(): SeedProblem[] {
    if (this.more === 0) return this.found;
    const at = this.moreAt;
    return [...this.found, { start: at, end: at, severity: 'info', code: 'seed-more-problems', doc: DOCS.cloudInitModules,
      message: `${this.more} more problem${this.more === 1 ? '' : 's'} from here on ${this.more === 1 ? 'is' : 'are'} not shown (the first ${MAX_PROBLEMS} are).` }];
  }

  add(node: { range?: [number, number, number?] | null } | undefined, severity: SeedProblem['severity'], code: string, message: string, doc: string = DOCS.cloudInitModules, fix?: SeedProblem['fix']): void {
    if (this.full) {
      this.push({ start: node?.range?.[0] ?? 0, end: 0, severity, code, message, doc });
      return;
    }
    const [start, rawEnd] = node?.range ?? [0, 0];
    let end = Math.max(rawEnd, start);
    while (end > start && /\s/.test(this.text[end - 1])) end--; // block nodes end after their last line break
    this.push({ start, end, severity, code, message, doc, fix });
  }
}

function typeName(node: unknown): string {
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return 'empty (null)';
    if (typeof v === 'boolean') return `the boolean ${v}`;
    if (typeof v === 'number') return `the number ${v}`;
    return 'a string';
  }
  return 'empty (null)';
}

const isString = (n: unknown): n is Scalar => isScalar(n) && typeof n.value === 'string';
const isBool = (n: unknown): n is Scalar => isScalar(n) && typeof n.value === 'boolean';

/** A key as a message quotes it: a generated 100,000-character key is cut. */
function shown(key: string): string {
  return key.length > 60 ? `${key.slice(0, 57)}...` : key;
}

function keyOf(pair: Pair): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}


const fold = (s: string): string => s.toLowerCase().replace(/-/g, '_');
const FOLDED = new WeakMap<readonly string[], string[]>();

/** The closest known key: same after case and -/_ folding, else within a small edit distance. */
export function didYouMean(name: string, known: readonly string[]): string | undefined {
  let folded = FOLDED.get(known);
  if (!folded) FOLDED.set(known, (folded = known.map(fold)));
  const f = fold(name);
  const same = folded.indexOf(f);
  if (same >= 0) return known[same];
  const limit = f.length <= 4 ? 1 : f.length <= 9 ? 2 : 3;
  let best: string | undefined;
  let bestD = Infinity;
  for (let i = 0; i < known.length; i++) {
    // (the lengths alone bound the distance: a long name is compared with nothing)
    if (Math.abs(f.length - folded[i].length) > limit) continue;
    const dist = editDistance(f, folded[i], limit);
    if (dist < bestD) { bestD = dist; best = known[i]; }
  }
  return bestD <= limit ? best : undefined;
}

function unknownKey(c: Checker, pair: Pair, known: readonly string[], where: string, severity: SeedProblem['severity']): void {
  const key = keyOf(pair);
  if (key === undefined || known.includes(key)) return;
  const guess = c.full ? undefined : didYouMean(key, known);
  const keyNode = pair.key as Node;
  // a top-level key unknown to our list may be a newer module's (a warning), but one a letter or
  // two from a known key is a typo whose setting is lost, as in a users entry (trial 26: unalike)
  c.add(keyNode, guess ? 'error' : severity, 'cloud-config-unknown-key',
    `Unknown ${where} "${shown(key)}"${guess ? `: did you mean "${guess}"?` : ''} cloud-init ignores it (keys as of cloud-init ${CLOUD_INIT_VERSION}).`,
    DOCS.cloudInitModules,
    guess ? { title: `Change to ${guess}`, edits: [{ start: keyNode.range![0], end: keyNode.range![1], text: guess }] } : undefined);
}

function expectList(c: Checker, key: string, value: unknown, what: string): value is YAMLSeq {
  if (isSeq(value)) {
    if (value.items.length === 0) c.add(value as Node, 'warning', 'cloud-config-type', `${key} is an empty list: cloud-init expects at least one ${what}.`);
    return true;
  }
  c.add(value as Node, 'error', 'cloud-config-type', `${key} must be a list of ${what}s (lines starting with "- "), not ${typeName(value)}.`);
  return false;
}

const SSH_KEY = /^(ssh-(ed25519|rsa|dss)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com)\s+[A-Za-z0-9+/]+=*/;

function checkKeyList(c: Checker, key: string, value: unknown): void {
  if (!expectList(c, key, value, 'SSH public key')) return;
  for (const item of value.items) {
    if (!isString(item)) {
      c.add(item as Node, 'error', 'cloud-config-type', `Each entry of ${key} must be a public key string, not ${typeName(item)}.`);
      continue;
    }
    const v = String(item.value).trim();
    // options such as from="..." may precede the key type in authorized_keys lines
    if (/PRIVATE KEY/.test(v)) c.add(item, 'error', 'cloud-config-ssh-key', `This is a private key: it must never be in user-data. Use the matching .pub key.`);
    else if (!SSH_KEY.test(v) && !/\s(ssh-|ecdsa-|sk-)/.test(v)) {
      c.add(item, 'warning', 'cloud-config-ssh-key', /^[~./]/.test(v)
        ? `"${v}" looks like a file path: cloud-init copies the text as written, so put the key itself (the .pub file's content) here.`
        : `This does not look like an SSH public key (ssh-ed25519 AAAA..., ssh-rsa AAAA..., ecdsa-sha2-nistp256 AAAA...).`);
    }
  }
}

const USER_BOOL = ['lock_passwd', 'lock-passwd', 'no_create_home', 'no-create-home', 'no_log_init', 'no-log-init', 'no_user_group', 'no-user-group', 'create_groups', 'create-groups', 'system', 'ssh_redirect_user', 'ssh-redirect-user'];
const USER_STRING = ['name', 'expiredate', 'gecos', 'homedir', 'inactive', 'passwd', 'hashed_passwd', 'hashed-passwd', 'plain_text_passwd', 'plain-text-passwd', 'primary_group', 'primary-group', 'selinux_user', 'selinux-user', 'shell', 'snapuser'];

function checkUsers(c: Checker, value: unknown): void {
  if (isString(value) || isMap(value)) return; // "default" / a comma-separated string / a mapping are accepted too
  if (!isSeq(value)) {
    c.add(value as Node, 'error', 'cloud-config-type', `users must be a list (for example "- default" and "- name: alice"), not ${typeName(value)}.`);
    return;
  }
  for (const item of value.items) {
    if (isString(item)) continue;
    if (isSeq(item)) {
      if (!item.items.every(isString)) c.add(item as Node, 'error', 'cloud-config-type', 'A users entry given as a list must list user names (strings).');
      continue;
    }
    if (!isMap(item)) {
      c.add(item as Node, 'error', 'cloud-config-type', `Each users entry is a user name or a mapping with name:, not ${typeName(item)}.`);
      continue;
    }
    const keys = item.items.map(keyOf);
    if (!keys.includes('name') && !keys.includes('snapuser')) {
      c.add(item as Node, 'error', 'cloud-config-type', 'This users entry has no name: (cloud-init skips a user without a name).');
    }
    for (const pair of item.items) {
      const k = keyOf(pair);
      if (k === undefined) continue;
      if (!USER_KEYS.includes(k)) { unknownKey(c, pair, USER_KEYS, 'users key', 'error'); continue; }
      const v = pair.value;
      if (USER_BOOL.includes(k) && !isBool(v)) c.add(v as Node ?? pair.key as Node, 'error', 'cloud-config-type', `${k} must be true or false, not ${typeName(v)}.`);
      else if (USER_STRING.includes(k) && !isString(v)) c.add(v as Node ?? pair.key as Node, 'error', 'cloud-config-type', `${k} must be a string, not ${typeName(v)}.${k === 'name' ? '' : ' Quote it.'}`);
      else if (k === 'ssh_authorized_keys' || k === 'ssh-authorized-keys') checkKeyList(c, k, v);
      else if (k === 'groups' && !(isString(v) || isSeq(v) || isMap(v))) c.add(v as Node ?? pair.key as Node, 'error', 'cloud-config-type', `groups must be a string or a list, not ${typeName(v)}.`);
    }
  }
}

/** AL2 ships a cloud-init older than 22.2, which introduced chpasswd.users. */
function checkChpasswd(c: Checker, value: unknown): void {
  if (!isMap(value)) {
    c.add(value as Node, 'error', 'cloud-config-type', `chpasswd must be a mapping (expire:, users: or list:), not ${typeName(value)}.`);
    return;
  }
  for (const pair of value.items) {
    const k = keyOf(pair);
    if (k === undefined) continue;
    if (!CHPASSWD_KEYS.includes(k)) { unknownKey(c, pair, CHPASSWD_KEYS, 'chpasswd key', 'error'); continue; }
    const v = pair.value;
    if (k === 'expire' && !isBool(v)) c.add(v as Node ?? pair.key as Node, 'error', 'cloud-config-type', `chpasswd.expire must be true or false, not ${typeName(v)}.`);
    if (k === 'list') {
      if (isString(v)) {
        const body = String(v.value);
        const bad = body.split('\n').map((l) => l.trim()).filter((l) => l && !/^[^:\s]+:.+$/.test(l));
        if (bad.length) c.add(v, 'error', 'cloud-config-type', `Each line of chpasswd.list is user:password; "${bad[0].replace(/:.*/, ':...')}" is not.`);
      } else if (isSeq(v)) {
        for (const item of v.items) {
          if (!isString(item) || !/^.+:.+$/.test(String(item.value))) c.add(item as Node, 'error', 'cloud-config-type', 'Each chpasswd.list entry is a "user:password" string.');
        }
      } else {
        c.add(v as Node ?? pair.key as Node, 'error', 'cloud-config-type', `chpasswd.list must be a block of user:password lines (list: |) or a list of them, not ${typeName(v)}.`);
      }
    }
    if (k === 'users') {
      if (!isSeq(v)) {
        c.add(v as Node ?? pair.key as Node, 'error', 'cloud-config-type', `chpasswd.users must be a list of {name, password, type}, not ${typeName(v)}.`);
        continue;
      }
      c.add(pair.key as Node, 'info', 'cloud-config-version', 'chpasswd.users needs cloud-init 22.2 or later; Amazon Linux 2\'s cloud-init is older and only reads chpasswd.list (user:password lines).', DOCS.al2CloudInit);
      for (const item of v.items) {
        if (!isMap(item)) { c.add(item as Node, 'error', 'cloud-config-type', `Each chpasswd.users entry is a mapping with name: and password:, not ${typeName(item)}.`); continue; }
        const keys = item.items.map(keyOf);
        const type = item.get('type');
        if (!keys.includes('name')) c.add(item as Node, 'error', 'cloud-config-type', 'This chpasswd.users entry has no name:.');
        if (!keys.includes('password') && type !== 'RANDOM') c.add(item as Node, 'error', 'cloud-config-type', 'This chpasswd.users entry needs password: (or type: RANDOM).');
        if (type !== undefined && !['hash', 'text', 'RANDOM'].includes(String(type))) c.add(item as Node, 'error', 'cloud-config-type', `type must be hash, text or RANDOM, not "${String(type)}".`);
      }
    }
  }
}

function checkWriteFiles(c: Checker, value: unknown): void {
  if (!expectList(c, 'write_files', value, 'file entrie')) return;
  for (const item of value.items) {
    if (!isMap(item)) { c.add(item as Node, 'error', 'cloud-config-type', `Each write_files entry is a mapping with path: (and content:), not ${typeName(item)}.`); continue; }
    if (!item.items.some((p) => keyOf(p) === 'path')) c.add(item as Node, 'error', 'cloud-config-type', 'This write_files entry has no path: (where to write the file).');
    for (const pair of item.items) {
      const k = keyOf(pair);
      if (k === undefined) continue;
      if (!WRITE_FILES_KEYS.includes(k)) { unknownKey(c, pair, WRITE_FILES_KEYS, 'write_files key', 'error'); continue; }
      const v = pair.value as Node | null;
      const at = v ?? (pair.key as Node);
      if ((k === 'path' || k === 'content' || k === 'owner') && !isString(v)) {
        c.add(at, 'error', 'cloud-config-type', `${k} must be a string, not ${typeName(v)}.${k === 'content' ? ' Use a block (content: |) for text.' : ''}`);
      } else if ((k === 'append' || k === 'defer') && !isBool(v)) {
        c.add(at, 'error', 'cloud-config-type', `${k} must be true or false, not ${typeName(v)}.`);
      } else if (k === 'encoding' && !(isString(v) && WRITE_FILES_ENCODINGS.includes(String(v.value)))) {
        c.add(at, 'error', 'cloud-config-type', `encoding must be one of ${WRITE_FILES_ENCODINGS.join(', ')}.`);
      } else if (k === 'permissions' && !isString(v)) {
        permissionsProblem(c, v);
      }
    }
  }
}

/** `permissions: 0644` is octal to YAML 1.1 (so it works); `permissions: 644` is decimal 644 = mode 1204. */
function permissionsProblem(c: Checker, v: Node | null): void {
  if (!isScalar(v) || typeof v.value !== 'number' || !v.range) {
    c.add(v ?? undefined, 'error', 'cloud-config-type', `permissions must be an octal string such as '0644', not ${typeName(v)}.`);
    return;
  }
  const written = c.text.slice(v.range[0], v.range[1]);
  const digits = written.replace(/^0o?/, '');
  const fix = { title: `Quote it: '0${digits}'`, edits: [{ start: v.range[0], end: v.range[1], text: `'0${digits}'` }] };
  if (/^0/.test(written)) {
    c.add(v, 'warning', 'cloud-config-type', `permissions ${written} is read as an octal number, which works, but cloud-init's schema expects a string: write '0${digits}'.`, DOCS.cloudInitModules, fix);
  } else {
    c.add(v, 'error', 'cloud-config-type', `permissions ${written} is read as the decimal number ${v.value} (mode ${Number(v.value).toString(8)} in octal), not mode ${written}: write '0${digits}'.`, DOCS.cloudInitModules, fix);
  }
}

/**
 * The entry written on one line, single-quoted as it reads (trial 14: "Quote the whole command" had
 * no quick fix); undefined when it spans lines or holds a comment, quotes or flow brackets.
 */
function quoteFix(text: string, node: Node): SeedProblem['fix'] {
  if (!node.range) return undefined;
  const written = text.slice(node.range[0], node.range[1]).replace(/\s+$/, '');
  if (written === '' || /[\n#'"{}[\]]/.test(written)) return undefined;
  const quoted = `'${written}'`;
  return { title: `Quote it: ${quoted}`, edits: [{ start: node.range[0], end: node.range[0] + written.length, text: quoted }] };
}

function checkRuncmd(c: Checker, key: string, value: unknown): void {
  if (!expectList(c, key, value, 'command')) return;
  for (const item of value.items) {
    if (isString(item) || (isScalar(item) && item.value === null)) continue;
    if (isSeq(item) && item.items.every((x) => isScalar(x))) continue;
    if (isMap(item)) {
      c.add(item as Node, 'error', 'cloud-config-type', `This ${key} entry is a mapping, not a command: a ": " inside an unquoted command starts a mapping. Quote the whole command.`, DOCS.cloudInitModules, quoteFix(c.text, item as Node));
    } else if (isScalar(item)) {
      c.add(item as Node, 'error', 'cloud-config-type', `Each ${key} entry is a command string or a list of arguments, not ${typeName(item)}. Quote it.`, DOCS.cloudInitModules, quoteFix(c.text, item as Node));
    } else {
      c.add(item as Node, 'error', 'cloud-config-type', `Each ${key} entry is a command string or a list of argument strings.`);
    }
  }
}

const SIMPLE_TYPES: Record<string, 'boolean' | 'string' | 'list'> = {
  package_update: 'boolean', package_upgrade: 'boolean', package_reboot_if_required: 'boolean', disable_root: 'boolean',
  ssh_deletekeys: 'boolean', preserve_hostname: 'boolean', hostname: 'string', fqdn: 'string', timezone: 'string',
  locale: 'string', password: 'string', final_message: 'string', packages: 'list', ssh_import_id: 'list',
};

/**
 * About how deep PyYAML's safe_load reads nested collections (Python's recursion limit, two frames
 * a level; measured): a file nested deeper is not parsed (the YAML library recurses per level).
 */
export const MAX_YAML_NESTING = 490;

/**
 * Where the text's collections first nest deeper than `limit`, if they do, read without parsing:
 * flow brackets (outside quotes, comments and block scalars), plus, line by line, the block levels
 * open around the line (by indentation) and the `- ` and `? ` entries that start it. An estimate
 * from above by a level or two, which is all a limit this far from real files needs.
 */
export function nestingBeyond(text: string, limit: number): number | undefined {
  const indents: number[] = []; // the block levels open: each one's column
  let flow = 0;
  let blockScalarIndent = -1; // inside a `|` or `>` scalar: lines more indented than this are text
  let lineStart = 0;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    let i = lineStart;
    while (i < lineEnd && text[i] === ' ') i++;
    const indent = i - lineStart;
    const blank = i === lineEnd || text[i] === '#' || text[i] === '\r';
    if (blockScalarIndent >= 0 && (blank || indent > blockScalarIndent)) {
      lineStart = lineEnd + 1;
      continue;
    }
    blockScalarIndent = -1;
    if (blank) {
      lineStart = lineEnd + 1;
      continue;
    }
    if (flow === 0) {
      while (indents.length > 0 && indents[indents.length - 1] >= indent) indents.pop();
      indents.push(indent);
      // `- - - x` and `? ? x` open a level per entry on one line
      while (i + 1 < lineEnd && (text[i] === '-' || text[i] === '?') && (text[i + 1] === ' ' || text[i + 1] === '\t')) {
        i += 2;
        while (i < lineEnd && (text[i] === ' ' || text[i] === '\t')) i++;
        indents.push(i - lineStart);
        if (indents.length + flow > limit) return i;
      }
      if (indents.length > limit) return i;
    }
    let quote = '';
    let last = '';
    for (; i < lineEnd; i++) {
      const ch = text[i];
      if (quote) {
        if (ch === quote) quote = '';
        continue;
      }
      if (ch === '#' && (last === ' ' || last === '\t')) break;
      if ((ch === '"' || ch === "'") && (last === '' || last === ' ' || last === '[' || last === '{' || last === ',' || last === ':')) quote = ch;
      else if (ch === '[' || ch === '{') {
        if (++flow + (flow > 0 ? indents.length : 0) > limit) return i;
      } else if ((ch === ']' || ch === '}') && flow > 0) flow--;
      if (ch !== ' ' && ch !== '\t') last = ch;
      else last = ' ';
    }
    if (flow === 0 && BLOCK_SCALAR_START.test(text.slice(lineStart, lineEnd))) blockScalarIndent = indent;
    lineStart = lineEnd + 1;
  }
  return undefined;
}

/** The `[` or `{` left open before `at`: counted back over brackets, quoted text skipped roughly (a hint, not a parse). */
function unclosedOpener(text: string, at: number, open: '[' | '{'): number | undefined {
  const close = open === '[' ? ']' : '}';
  let depth = 0;
  for (let i = Math.min(at, text.length) - 1; i >= 0 && at - i < 100_000; i--) {
    const ch = text[i];
    if (ch === close) depth++;
    else if (ch === open) {
      if (depth === 0) return i;
      depth--;
    }
  }
  return undefined;
}

/** A line whose value is a `|` or `>` block scalar (`runcmd: |`, `- >-`, `content: |2 # note`). */
const BLOCK_SCALAR_START = /(?:^|\s)[|>][-+1-9]{0,2}[ \t]*(?:#.*)?\r?$/;

/** YAML errors shown for one file: one early mistake can make the parser report one per line after it. */
const MAX_YAML_ERRORS = 20;

/**
 * The document, or undefined when cloud-init could not load it (its PyYAML safe_load would fail):
 * YAML syntax errors, more than one document, a tag safe_load cannot construct, an alias with no
 * anchor. Each is reported at its line and column in the checker.
 */
function parseYaml(c: Checker, text: string, file: SeedFileKind): Document.Parsed | undefined {
  const tooDeep = nestingBeyond(text, MAX_YAML_NESTING);
  if (tooDeep !== undefined) {
    // read no further: the YAML library recurses per level and, deep enough, V8 can end the whole
    // process (a fatal out-of-memory in its regular expression compiler), taking the editor with it
    const { line, col } = lineCol(text, tooDeep);
    c.push({ start: tooDeep, end: tooDeep + 1, severity: 'error', code: 'yaml-syntax', doc: DOCS.cloudInitFormats,
      message: `YAML syntax error at line ${line}, column ${col}: nested more than ${MAX_YAML_NESTING} levels deep, ` +
        `more than cloud-init's YAML reader (PyYAML) can read, so none of this ${file} is applied.` });
    return undefined;
  }
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { version: '1.1', uniqueKeys: false, prettyErrors: false, strict: false });
  } catch (e) {
    // the parser recurses per level of nesting
    if (!(e instanceof RangeError)) throw e;
    c.push({ start: 0, end: 0, severity: 'error', code: 'yaml-syntax', doc: DOCS.cloudInitFormats,
      message: `This ${file} is nested too deeply to be read as YAML.` });
    return undefined;
  }
  const failed = (at: number, to: number, message: string, what = 'YAML error'): void => {
    // (the parser may point one past the end: a missing closing quote)
    const start = Math.min(at, text.length);
    const end = Math.min(to, text.length);
    const { line, col } = lineCol(text, start);
    c.push({ start, end: Math.max(end, start), severity: 'error', code: 'yaml-syntax', doc: DOCS.cloudInitFormats, message: `${what} at line ${line}, column ${col}: ${message}` });
  };
  const seen = new Set<string>();
  let errors = 0;
  for (const e of doc.errors) {
    const [start, end] = e.pos;
    const first = e.message.split('\n')[0];
    const message = e.code === 'MULTIPLE_DOCS'
      ? `a second YAML document starts here. cloud-init reads ${file} as one document, so loading fails and none of it is applied.`
      : /call stack/i.test(first) ? 'nested too deeply to be read.' : first;
    if (seen.has(message)) continue; // (a stack overflow is reported once per level it unwinds)
    seen.add(message);
    if (errors++ === MAX_YAML_ERRORS) {
      c.push({ start, end: start, severity: 'info', code: 'yaml-syntax', doc: DOCS.cloudInitFormats, message: 'More YAML errors follow; fix the first ones and they may go away.' });
      break;
    }
    const unclosed = /^Flow (?:sequence|map|mapping) .*end with an? ([\]}])/.exec(message);
    const opener = unclosed ? unclosedOpener(text, start, unclosed[1] === ']' ? '[' : '{') : undefined;
    if (opener === undefined) {
      failed(start, end, message, 'YAML syntax error');
      continue;
    }
    // both places, as PyYAML names them (trial 26: only the line after the unclosed `[` was marked)
    const o = lineCol(text, opener);
    failed(start, end, `${message} (the ${text[opener]} at line ${o.line}, column ${o.col} is not closed)`, 'YAML syntax error');
    const { line } = lineCol(text, start);
    failed(opener, opener + 1, `this ${text[opener]} is not closed: ${unclosed![1]} expected before line ${line}`, 'YAML syntax error');
  }
  for (const w of doc.warnings) {
    if (w.code !== 'TAG_RESOLVE_FAILED') continue;
    const tag = text.slice(w.pos[0], w.pos[1]).split(/\s/)[0];
    failed(w.pos[0], w.pos[0] + tag.length, `cloud-init reads ${file} with PyYAML's safe_load, which cannot construct the tag ${tag}: loading fails and none of the file is applied.`);
    errors++;
  }
  // every mapping, nested ones too (before aliases are put in place: they may make cycles)
  visit(doc, { Map(_, map) { duplicateKeys(c, map); } });
  // an alias stands for its anchor's node, as it does for PyYAML: put that node in its place (a
  // cycle stays a cycle: the checks look one or two levels deep)
  const aliases: { alias: Alias; parent: unknown; key: unknown }[] = [];
  visit(doc, {
    Alias(key, alias, path) {
      aliases.push({ alias, parent: path[path.length - 1], key });
    },
  });
  for (const { alias, parent, key } of aliases) {
    const target = alias.resolve(doc);
    if (target === undefined) {
      failed(alias.range?.[0] ?? 0, alias.range?.[1] ?? 0, `the alias *${alias.source} has no anchor &${alias.source} before it: loading fails and none of the file is applied.`);
      errors++;
    } else if (isPair(parent)) {
      if (key === 'value') parent.value = target;
    } else if (isCollection(parent) && typeof key === 'number') {
      parent.items[key] = target;
    } else if (isDocument(parent)) {
      parent.contents = target;
    }
  }
  return errors ? undefined : doc;
}

function lineCol(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lastNl = -1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') { line++; lastNl = i; }
  return { line, col: offset - lastNl };
}

function duplicateKeys(c: Checker, map: YAMLMap): void {
  const seen = new Set<string>();
  for (const pair of map.items) {
    const k = keyOf(pair);
    if (k === undefined) continue;
    if (seen.has(k)) c.add(pair.key as Node, 'warning', 'yaml-duplicate-key', `"${shown(k)}" appears twice: cloud-init keeps only the last one.`);
    seen.add(k);
  }
}

export function checkUserData(text: string): SeedProblem[] {
  const c = new Checker(text);
  const line = firstLine(text);
  const lower = line.text.toLowerCase();
  if (/^#cloud-config-(archive|jsonp)/.test(lower) || OTHER_FORMATS.some((f) => lower.startsWith(f))) return []; // a script, include list, MIME...
  if (!lower.startsWith('#cloud-config')) {
    if (looksLikeHeaderTypo(line.text)) {
      c.push({ start: line.start, end: line.end, severity: 'error', code: 'cloud-config-header', doc: DOCS.cloudInitFormats,
        message: `"${line.text}" is not the #cloud-config header: cloud-init recognises cloud-config only when the file starts with #cloud-config, so it would not apply this file.`,
        fix: { title: 'Change to #cloud-config', edits: [{ start: line.start, end: line.end, text: '#cloud-config' }] } });
    } else {
      c.push({ start: 0, end: line.end > line.start ? line.end : 0, severity: 'error', code: 'cloud-config-header', doc: DOCS.cloudInitFormats,
        message: 'user-data must start with #cloud-config: without that first line cloud-init does not treat the file as cloud-config and applies none of it.',
        fix: { title: 'Add #cloud-config as the first line', edits: [{ start: 0, end: 0, text: '#cloud-config\n' }] } });
    }
  }
  const doc = parseYaml(c, text, 'user-data');
  if (!doc) return c.problems;
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return c.problems;
  if (!isMap(root)) {
    c.add(root as Node, 'error', 'cloud-config-type', `cloud-config must be a mapping of keys (users:, runcmd:, ...), not ${typeName(root)}.`);
    return c.problems;
  }
  const known = [...CLOUD_CONFIG_KEYS, ...AMAZON_LINUX_KEYS];
  for (const pair of root.items) {
    const key = keyOf(pair);
    if (key === undefined) continue;
    if (!known.includes(key)) { unknownKey(c, pair, known, 'cloud-config key', 'warning'); continue; }
    const v = pair.value;
    switch (key) {
      case 'users': checkUsers(c, v); break;
      case 'chpasswd': checkChpasswd(c, v); break;
      case 'ssh_authorized_keys': checkKeyList(c, key, v); break;
      case 'write_files': checkWriteFiles(c, v); break;
      case 'runcmd': case 'bootcmd': checkRuncmd(c, key, v); break;
      default: {
        const want = SIMPLE_TYPES[key];
        const at = (v as Node | null) ?? (pair.key as Node);
        if (want === 'boolean' && !isBool(v)) c.add(at, 'error', 'cloud-config-type', `${key} must be true or false, not ${typeName(v)}.`);
        if (want === 'string' && !isString(v)) c.add(at, 'error', 'cloud-config-type', `${key} must be a string, not ${typeName(v)}.`);
        if (want === 'list' && !isSeq(v)) c.add(at, 'error', 'cloud-config-type', `${key} must be a list, not ${typeName(v)}.`);
      }
    }
  }
  return c.problems;
}

const META_KEYS = ['local-hostname', 'instance-id', 'network-interfaces', 'public-keys', 'dsmode', 'hostname'];

export function checkMetaData(text: string): SeedProblem[] {
  const c = new Checker(text);
  const doc = parseYaml(c, text, 'meta-data');
  if (!doc) return c.problems;
  const root = doc.contents;
  if (root !== null && !isMap(root) && !(isScalar(root) && root.value === null)) {
    c.add(root as Node, 'error', 'cloud-config-type', `meta-data must be a mapping (local-hostname: ...), not ${typeName(root)}.`, DOCS.cloudInitNoCloud);
    return c.problems;
  }
  const pairs = isMap(root) ? root.items : [];
  let near: Pair | undefined;
  for (const pair of pairs) {
    const k = keyOf(pair);
    if (k === undefined || META_KEYS.includes(k)) continue;
    const guess = didYouMean(k, META_KEYS);
    if (guess) {
      const keyNode = pair.key as Node;
      if (guess === 'local-hostname') near = pair;
      c.add(keyNode, 'warning', 'meta-data-unknown-key', `"${k}" is not a NoCloud meta-data key: did you mean "${guess}"?`, DOCS.cloudInitNoCloud,
        { title: `Change to ${guess}`, edits: [{ start: keyNode.range![0], end: keyNode.range![1], text: guess }] });
    }
  }
  const hostname = pairs.find((p) => keyOf(p) === 'local-hostname');
  if (!hostname && !near) {
    const line = firstLine(text);
    c.push({ start: 0, end: Math.min(line.end, text.length), severity: 'hint', code: 'meta-data-no-hostname', doc: DOCS.al2VirtualMachine,
      message: 'meta-data has no local-hostname: the VM gets no host name from the seed. Add local-hostname: <name> (the AL2 guide\'s meta-data sets it).',
      fix: { title: 'Add local-hostname', edits: [{ start: text.length, end: text.length, text: `${text.length && !text.endsWith('\n') ? '\n' : ''}local-hostname: al2-vm\n` }] } });
  } else if (hostname && !isString(hostname.value) && !(isScalar(hostname.value) && typeof hostname.value.value === 'number')) {
    c.add((hostname.value as Node) ?? (hostname.key as Node), 'error', 'cloud-config-type', `local-hostname must be a host name, not ${typeName(hostname.value)}.`, DOCS.cloudInitNoCloud);
  }
  return c.problems;
}

export function checkSeedFile(kind: SeedFileKind, text: string): SeedProblem[] {
  return kind === 'user-data' ? checkUserData(text) : checkMetaData(text);
}
