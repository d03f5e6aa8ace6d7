// Finds AWS CLI commands (`aws <service> <operation> ... --query '...'`) in shell, PowerShell and
// cmd scripts, and boto3 calls in Python, with document offsets for every character of a query.

import { Shell, ScriptString, ShellWord, readCommand } from '../shell/shellWords';

export type { Shell, ScriptString, ShellWord };

export interface CliCommand {
  service: string;
  operation: string;
  serviceStart: number;
  operationStart: number;
  /** The --query value, when it is literal text (no $VAR inside). */
  query?: ScriptString;
  shell: Shell;
  /** Document offset of the program name (`aws`, `aws.exe`). */
  start: number;
  /** Offset just past the command's last word. */
  end: number;
  /** The words after the program name, as the program receives them (expansions unresolved). */
  args: ShellWord[];
  serviceIndex: number;
  operationIndex: number;
  /** Index in `args` of `--query` or `--query=...`. */
  queryIndex?: number;
  /** `NAME=value` words right before the program (bash): the command's own environment. */
  assignments?: ShellWord[];
}

/** The CLI's global options that take a value (awscli/data/cli.json plus v2's). */
const GLOBAL_OPTIONS_WITH_VALUE = new Set(['--region', '--profile', '--endpoint-url', '--output', '--color', '--ca-bundle',
  '--cli-read-timeout', '--cli-connect-timeout', '--cli-binary-format', '--query']);

/** Words after which a program name starts a command (`sudo aws ...`, `if aws ...`). */
const COMMAND_PREFIX_WORDS: Record<Shell, Set<string>> = {
  bash: new Set(['then', 'do', 'else', 'elif', 'if', 'while', 'until', 'time', 'sudo', 'exec', 'command', 'nohup', 'env', '!', '{']),
  powershell: new Set(['&', '.']),
  cmd: new Set(['call', 'do', 'else', '@']),
};

/**
 * Is `index` where a command starts? Returns the character that closes the command substitution it
 * sits in (`$(aws ...)`, `` `aws ...` ``), '' for a plain command, or undefined when it is not a
 * command position (an argument of echo, text in a comment or a string).
 */
function commandPosition(src: string, index: number, shell: Shell): ')' | '`' | '' | undefined {
  const lineStart = src.lastIndexOf('\n', index - 1) + 1;
  const before = src.slice(lineStart, index);
  if (shell === 'cmd' ? /^\s*(@?rem\b|::)/i.test(before) : /(^|[ \t])#/.test(before)) return undefined;
  let j = index - 1;
  while (j >= lineStart && (src[j] === ' ' || src[j] === '\t')) j--;
  if (j < lineStart) return '';
  const p = src[j];
  if (p === '(') return ')';
  if (p === '`' && shell === 'bash') return '`';
  if (';|&{'.includes(p)) return '';
  if (shell === 'powershell' && (p === '=' || p === '.')) return '';
  if (p === '@') return shell === 'cmd' ? '' : undefined;
  if (shell === 'bash') {
    // environment prefixes, quoted values included: AWS_PAGER= B="x y" aws ...
    const assignments = prefixAssignments(src, index);
    if (assignments.length) return commandPosition(src, assignments[0].start, shell);
  }
  let k = j;
  while (k >= lineStart && src[k] !== ' ' && src[k] !== '\t') k--;
  const word = src.slice(k + 1, j + 1);
  const known = COMMAND_PREFIX_WORDS[shell];
  if (known.has(shell === 'bash' ? word : word.toLowerCase())) return commandPosition(src, k + 1, shell);
  return undefined;
}

/** The `NAME=value` words just before the program at `index` on its line (`AWS_REGION=eu-west-1 aws ...`), as the shell reads them. */
function prefixAssignments(src: string, index: number): ShellWord[] {
  // from the start of the line, or of the command the program starts (after `;`, `|`, `&&`, `$(`...)
  let from = src.lastIndexOf('\n', index - 1) + 1;
  for (let i = index - 1; i >= from; i--) {
    if (';|&(`{'.includes(src[i])) {
      from = i + 1;
      break;
    }
  }
  const words = readCommand(src.slice(0, index), from, 'bash').words.filter((w) => w.end <= index);
  let first = words.length;
  while (first > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[first - 1].text)) first--;
  return words.slice(first);
}

function isWholeExpansion(w: ShellWord): boolean {
  return w.expansions.length > 0 && w.expansions.reduce((n, e) => n + (e.end - e.start), 0) === w.text.length;
}

/** Every `aws <service> <operation>` command in a script. */
export function findCliCommands(src: string, shell: Shell): CliCommand[] {
  const commands: CliCommand[] = [];
  const re = /(?<![\w$%.\\/-])aws(?:\.exe|\.cmd)?(?=[ \t]|[`^\\]\r?\n)/gi;
  // where the last top-level command read ends: an `aws` before that (on a continuation line) is one
  // of its arguments, not a command; skipping it also keeps long continued lines linear
  let readUntil = 0;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    // (its environment read once: the command's position is looked for before it)
    const assignments = shell === 'bash' ? prefixAssignments(src, m.index) : [];
    const closer = commandPosition(src, assignments[0]?.start ?? m.index, shell);
    if (closer === undefined || (closer === '' && m.index < readUntil)) continue;
    const { words: args, end } = readCommand(src, m.index + m[0].length, shell, closer || undefined);
    if (closer === '') readUntil = end;
    let serviceIndex = -1;
    let operationIndex = -1;
    let queryIndex: number | undefined;
    for (let i = 0; i < args.length; i++) {
      const w = args[i];
      if (w.text.startsWith('--')) {
        const flag = w.text.split('=', 1)[0];
        if (flag === '--query') queryIndex = i;
        const inline = w.text.includes('=');
        if (!inline && operationIndex < 0 && GLOBAL_OPTIONS_WITH_VALUE.has(flag)) i++;
        else if (!inline && operationIndex >= 0 && args[i + 1] && !args[i + 1].text.startsWith('--')) i++;
        continue;
      }
      // `aws $ENDPOINT ec2 ...`, `aws "${OPTS[@]}" ec2 ...`: options kept in variables
      if (serviceIndex < 0 && isWholeExpansion(w)) continue;
      if (serviceIndex < 0) serviceIndex = i;
      else if (operationIndex < 0) operationIndex = i;
    }
    if (serviceIndex < 0 || operationIndex < 0) continue;
    const service = args[serviceIndex];
    const operation = args[operationIndex];
    if (!/^[a-z0-9-]+$/.test(service.text) || !/^[a-z0-9-]+$/.test(operation.text)) continue;
    commands.push({
      service: service.text, operation: operation.text, serviceStart: service.start, operationStart: operation.start,
      query: queryIndex === undefined ? undefined : queryValue(args, queryIndex),
      shell, start: m.index, end, args, serviceIndex, operationIndex, queryIndex,
      ...(assignments.length ? { assignments } : {}),
    });
  }
  return commands;
}

/** The value word of `--query X` / `--query=X` at `index`. */
export function queryValueWord(args: ShellWord[], index: number): { word: ShellWord; from: number } | undefined {
  const w = args[index];
  const eq = w.text.indexOf('=');
  if (eq >= 0) return { word: w, from: eq + 1 };
  return args[index + 1] ? { word: args[index + 1], from: 0 } : undefined;
}

function queryValue(args: ShellWord[], index: number): ScriptString | undefined {
  const v = queryValueWord(args, index);
  if (!v || v.word.expansions.length) return undefined;
  return { text: v.word.text.slice(v.from), offsets: v.word.offsets.slice(v.from) };
}

// ---- Python ----

export interface Boto3Call {
  service: string;
  /** The client method whose input the keywords go to (for `paginate(...)`, the paginated operation's). */
  method: string;
  methodStart: number;
  keywords: { name: string; start: number }[];
  /** Keywords the call takes besides the operation's input (`PaginationConfig` for paginate()). */
  extraKeywords?: string[];
}

export interface PythonQuery extends ScriptString {
  start: number;
}

// boto3 clients are followed the ways scripts make and pass them around:
//   ec2 = boto3.client('ec2') / boto3.client(service_name='ec2', region_name=...)
//   session = boto3.Session(profile_name=...); ec2 = session.client('ec2')
//   boto3.session.Session().client('ec2'), Session(...).client(...) after `from boto3... import Session`
//   import boto3 as b3; from boto3 import client
//   boto3.resource('ec2').meta.client, self.ec2 = ..., c = ec2 (another name),
//   def launch(client): ... launch(ec2) (a parameter), def f(ec2: EC2Client) (mypy-boto3 hints).
// It is a reading of the text, not an interpreter: what it cannot follow it leaves unchecked.

type Boto3Value =
  | { kind: 'boto3' } | { kind: 'sessionModule' } | { kind: 'sessionClass' } | { kind: 'session' }
  | { kind: 'clientFn' } | { kind: 'resourceFn' } | { kind: 'client'; service: string }
  | { kind: 'resource'; service: string } | { kind: 'meta'; service: string }
  /** `boto3.resource('dynamodb').Table('Music')`: its actions call client operations with TableName given. */
  | { kind: 'table' }
  | { kind: 'paginator'; service: string; operation: string }
  /** What `paginator.paginate(...)` returns: a PageIterator, whose `search()` queries each page. */
  | { kind: 'pages'; service: string; operation: string };

interface Binding {
  offset: number;
  /** Undefined: the name holds something else (it hides an earlier client). */
  value: Boto3Value | undefined;
  /** Visible only inside [scopeStart, scopeEnd) (function parameters); module-wide otherwise. */
  scopeStart?: number;
  scopeEnd?: number;
}

/** Python source with comments blanked and string contents blanked (quotes kept), same offsets. */
interface MaskedPython {
  code: string;
  /** String literal values by the offset of their first character (prefix or quote). */
  strings: Map<number, string>;
}

const PY_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };

function maskPython(src: string): MaskedPython {
  const pieces: string[] = [];
  let kept = 0;
  const blank = (from: number, to: number) => {
    pieces.push(src.slice(kept, from), src.slice(from, to).replace(/[^\n]/g, ' '));
    kept = to;
  };
  const strings = new Map<number, string>();
  const re = /[#'"]/g;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    let i = m.index;
    const c = src[i];
    if (c === '#') {
      const nl = src.indexOf('\n', i);
      blank(i, nl < 0 ? src.length : nl);
      re.lastIndex = nl < 0 ? src.length : nl;
      continue;
    }
    // a prefix (r, b, f, u, rb...) belongs to the literal when it is not the end of a longer name
    let start = i;
    while (start > i - 2 && start > 0 && /[rRbBuUfF]/.test(src[start - 1])) start--;
    if (start < i && start > 0 && /\w/.test(src[start - 1])) start = i;
    const raw = /r/i.test(src.slice(start, i));
    const triple = src.startsWith(c.repeat(3), i);
    const close = triple ? c.repeat(3) : c;
    i += close.length;
    const contentStart = i;
    let value = '';
    while (i < src.length && !src.startsWith(close, i) && (triple || src[i] !== '\n')) {
      if (src[i] === '\\' && i + 1 < src.length) {
        value += raw ? src.slice(i, i + 2) : PY_ESCAPES[src[i + 1]] ?? (src[i + 1] === '\n' ? '' : src.slice(i, i + 2));
        i += 2;
        continue;
      }
      value += src[i];
      i++;
    }
    blank(contentStart, Math.min(i, src.length));
    strings.set(start, value);
    re.lastIndex = i + (src.startsWith(close, i) ? close.length : 0);
  }
  pieces.push(src.slice(kept));
  return { code: pieces.join(''), strings };
}

/** The offset just past the bracket that closes the one at `open`, in masked code. */
function closeBracket(code: string, open: number): number {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    const c = code[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return code.length;
}

interface Argument {
  /** Keyword name, when the argument is `name=value`. */
  name?: string;
  nameStart?: number;
  valueStart: number;
  valueEnd: number;
}

/** The top-level arguments between `(` at `open` and its closing bracket. */
function splitArguments(code: string, open: number): Argument[] {
  const end = closeBracket(code, open) - 1;
  const args: Argument[] = [];
  let start = open + 1;
  let depth = 0;
  for (let i = open + 1; i <= end; i++) {
    const c = code[i];
    if (i < end && (c === '(' || c === '[' || c === '{')) depth++;
    else if (i < end && (c === ')' || c === ']' || c === '}')) depth--;
    else if (i === end || (c === ',' && depth === 0)) {
      const text = code.slice(start, i);
      const lead = text.length - text.trimStart().length;
      if (text.trim() !== '') {
        const kw = /^(\w+)\s*=(?!=)\s*/.exec(text.slice(lead));
        args.push(kw
          ? { name: kw[1], nameStart: start + lead, valueStart: start + lead + kw[0].length, valueEnd: start + text.trimEnd().length }
          : { valueStart: start + lead, valueEnd: start + text.trimEnd().length });
      }
      start = i + 1;
    }
  }
  return args;
}

/** A plain string given as the first positional argument: `get_paginator('describe_instances')`. */
function firstStringArgument(m: MaskedPython, open: number): string | undefined {
  const [arg] = splitArguments(m.code, open);
  const value = arg && !arg.name ? m.strings.get(arg.valueStart) : undefined;
  return value !== undefined && /^\w+$/.test(value) ? value : undefined;
}

/** The service named by `client('ec2', ...)` or `client(service_name='ec2')`. */
function serviceArgument(m: MaskedPython, open: number): string | undefined {
  const args = splitArguments(m.code, open);
  const arg = args.find((a) => a.name === 'service_name') ?? (args[0] && !args[0].name ? args[0] : undefined);
  if (!arg) return undefined;
  const value = m.strings.get(arg.valueStart);
  return value !== undefined && /^[\w-]+$/.test(value) ? value : undefined;
}

interface Segment {
  kind: 'name' | 'attr' | 'call';
  text: string;
  start: number;
  end: number;
}

/** `a.b(c).d` from `start`: names, attributes and calls (other brackets end the chain). */
const NAME = /[A-Za-z_]\w*/y;

function nameAt(code: string, i: number): string | undefined {
  NAME.lastIndex = i;
  return NAME.exec(code)?.[0];
}

function readChain(code: string, start: number): Segment[] {
  const segs: Segment[] = [];
  const first = nameAt(code, start);
  if (!first) return segs;
  segs.push({ kind: 'name', text: first, start, end: start + first.length });
  let i = start + first.length;
  for (;;) {
    let j = i;
    while (code[j] === ' ' || code[j] === '\t') j++;
    if (code[j] === '.') {
      const attr = nameAt(code, j + 1);
      if (!attr) break;
      segs.push({ kind: 'attr', text: attr, start: j + 1, end: j + 1 + attr.length });
      i = j + 1 + attr.length;
    } else if (code[j] === '(') {
      const end = closeBracket(code, j);
      segs.push({ kind: 'call', text: '', start: j, end });
      i = end;
    } else break;
  }
  return segs;
}

class Boto3Scope {
  /** Module-wide bindings of each name, by offset; parameter bindings apart (few). */
  private readonly global = new Map<string, Binding[]>();
  private readonly scoped = new Map<string, Binding[]>();

  bind(name: string, binding: Binding): void {
    const table = binding.scopeStart === undefined ? this.global : this.scoped;
    const list = table.get(name) ?? [];
    let i = list.length;
    while (i > 0 && list[i - 1].offset > binding.offset) i--;
    list.splice(i, 0, binding);
    table.set(name, list);
  }

  /** The binding in force at `offset`: the last one before it, else (a global a function reads later) the first after. */
  lookup(name: string, offset: number): Boto3Value | undefined {
    const params = this.scoped.get(name)?.filter((b) => offset >= b.scopeStart! && offset < b.scopeEnd!);
    const list = params?.length ? params : this.global.get(name);
    if (!list?.length) return undefined;
    let lo = 0;
    let hi = list.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].offset <= offset) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return list[best === -1 ? 0 : best].value;
  }
}

/**
 * The actions of a DynamoDB Table resource and the client operations they call (boto3's
 * data/dynamodb/2012-08-10/resources-1.json, checked by a test against the installed boto3); the
 * resource passes TableName itself. Its other methods (batch_writer, load...) are not checked.
 */
export const TABLE_ACTIONS: Record<string, string> = {
  delete: 'delete_table', update: 'update_table', delete_item: 'delete_item', get_item: 'get_item',
  put_item: 'put_item', query: 'query', scan: 'scan', update_item: 'update_item',
};

/** What each step of a chain evaluates to, as far as boto3 is concerned. */
function evaluateChain(
  m: MaskedPython, segs: Segment[], scope: Boto3Scope,
  onClientCall?: (service: string, method: Segment, call: Segment, extraKeywords?: string[]) => void,
  onSearch?: (service: string, operation: string, call: Segment) => void,
): Boto3Value | undefined {
  if (!segs.length) return undefined;
  // the longest dotted name that is bound (self.ec2, boto3.session)
  let value: Boto3Value | undefined;
  let k = 0;
  for (let n = segs.length; n >= 1; n--) {
    if (segs.slice(1, n).some((s) => s.kind !== 'attr')) continue;
    const v = scope.lookup(segs.slice(0, n).map((s) => s.text).join('.'), segs[0].start);
    if (v) {
      value = v;
      k = n;
      break;
    }
  }
  if (!value) return undefined;
  for (; k < segs.length; k++) {
    const seg = segs[k];
    const v: Boto3Value = value;
    if (seg.kind === 'attr') {
      // client.get_paginator('describe_instances') is followed: paginate() takes that operation's input
      if (v.kind === 'client' && seg.text === 'get_paginator' && segs[k + 1]?.kind === 'call') {
        const operation = firstStringArgument(m, segs[k + 1].start);
        value = operation ? { kind: 'paginator', service: v.service, operation } : undefined;
        k++;
        if (!value) return undefined;
        continue;
      }
      if (v.kind === 'paginator' && seg.text === 'paginate' && segs[k + 1]?.kind === 'call') {
        onClientCall?.(v.service, { ...seg, text: v.operation }, segs[k + 1], ['PaginationConfig']);
        value = { kind: 'pages', service: v.service, operation: v.operation };
        k++;
        continue;
      }
      if (v.kind === 'pages' && seg.text === 'search' && segs[k + 1]?.kind === 'call') {
        onSearch?.(v.service, v.operation, segs[k + 1]);
        return undefined;
      }
      if (v.kind === 'client' && segs[k + 1]?.kind === 'call') {
        onClientCall?.(v.service, seg, segs[k + 1]);
        return undefined;
      }
      if (v.kind === 'table' && segs[k + 1]?.kind === 'call') {
        const operation = TABLE_ACTIONS[seg.text];
        if (operation) onClientCall?.('dynamodb', { ...seg, text: operation }, segs[k + 1], ['TableName']);
        return undefined;
      }
      if (v.kind === 'resource' && v.service === 'dynamodb' && seg.text === 'Table' && segs[k + 1]?.kind === 'call') {
        value = { kind: 'table' };
        k++;
        continue;
      }
      if (v.kind === 'boto3') value = seg.text === 'client' ? { kind: 'clientFn' } : seg.text === 'resource' ? { kind: 'resourceFn' }
        : seg.text === 'Session' ? { kind: 'sessionClass' } : seg.text === 'session' ? { kind: 'sessionModule' } : undefined;
      else if (v.kind === 'sessionModule') value = seg.text === 'Session' ? { kind: 'sessionClass' } : undefined;
      else if (v.kind === 'session') value = seg.text === 'client' ? { kind: 'clientFn' } : seg.text === 'resource' ? { kind: 'resourceFn' } : undefined;
      else if (v.kind === 'resource') value = seg.text === 'meta' ? { kind: 'meta', service: v.service } : undefined;
      else if (v.kind === 'meta') value = seg.text === 'client' ? { kind: 'client', service: v.service } : undefined;
      else value = undefined;
    } else if (seg.kind === 'call') {
      if (v.kind === 'sessionClass') value = { kind: 'session' };
      else if (v.kind === 'clientFn' || v.kind === 'resourceFn') {
        const service = serviceArgument(m, seg.start);
        value = service ? { kind: v.kind === 'clientFn' ? 'client' : 'resource', service } : undefined;
      } else value = undefined;
    } else value = undefined;
    if (!value) return undefined;
  }
  return value;
}

/** Where a `def` body ends: the first later line indented no deeper than the `def`. */
function blockEnd(code: string, defStart: number): number {
  const lineStart = code.lastIndexOf('\n', defStart - 1) + 1;
  const indent = defStart - lineStart;
  const re = /\n([ \t]*)(?=\S)/g;
  re.lastIndex = code.indexOf(':', closeBracket(code, code.indexOf('(', defStart)));
  for (let mm = re.exec(code); mm; mm = re.exec(code)) {
    if (mm[1].length <= indent) return mm.index + 1;
  }
  return code.length;
}

// mypy-boto3 type names (EC2Client, DynamoDBClient, S3Client) to service names
function serviceOfClientType(type: string): string | undefined {
  const t = /^(?:\w+\.)*(\w+)Client$/.exec(type.trim());
  return t ? t[1].toLowerCase() : undefined;
}

/** boto3 client method calls with their keyword arguments, however the client was made and named. */
export function findBoto3Calls(src: string): Boto3Call[] {
  return scanBoto3(src).calls;
}

/** A query given to a paginator's PageIterator: `client.get_paginator('describe_instances').paginate().search('...')`. */
export interface PaginatorSearch {
  service: string;
  /** The paginated operation, as boto3 names it (`describe_instances`). */
  operation: string;
  query: PythonQuery;
}

/** `search('...')` on paginate()'s result, each query applied by boto3 to every page (the operation's whole output). */
export function findPaginatorSearches(src: string): PaginatorSearch[] {
  return scanBoto3(src).searches;
}

const scanned = { src: '', result: { calls: [] as Boto3Call[], searches: [] as PaginatorSearch[] } };

function scanBoto3(src: string): { calls: Boto3Call[]; searches: PaginatorSearch[] } {
  // (a script's checks and its language features read both lists from the same text)
  if (scanned.src !== src) Object.assign(scanned, { src, result: scanBoto3Text(src) });
  return scanned.result;
}

function scanBoto3Text(src: string): { calls: Boto3Call[]; searches: PaginatorSearch[] } {
  if (!/\bboto3\b/.test(src) && !/\w+Client\b/.test(src)) return { calls: [], searches: [] };
  const m = maskPython(src);
  const code = m.code;
  const scope = new Boto3Scope();

  // imports
  for (const im of code.matchAll(/^[ \t]*import[ \t]+([^\n]+)/gm)) {
    for (const part of im[1].split(',')) {
      const p = /^\s*(boto3(?:\.session)?)(?:\s+as\s+(\w+))?\s*$/.exec(part);
      if (!p) continue;
      scope.bind(p[2] ?? 'boto3', { offset: im.index!, value: p[2] && p[1] === 'boto3.session' ? { kind: 'sessionModule' } : { kind: 'boto3' } });
    }
  }
  for (const im of code.matchAll(/^[ \t]*from[ \t]+(boto3(?:\.session)?)[ \t]+import[ \t]+\(?([^\n)]+)/gm)) {
    for (const part of im[2].split(',')) {
      const p = /^\s*(\w+)(?:\s+as\s+(\w+))?\s*$/.exec(part);
      if (!p) continue;
      const value: Boto3Value | undefined = p[1] === 'Session' ? { kind: 'sessionClass' } : im[1] === 'boto3' && p[1] === 'client' ? { kind: 'clientFn' }
        : im[1] === 'boto3' && p[1] === 'resource' ? { kind: 'resourceFn' } : im[1] === 'boto3' && p[1] === 'session' ? { kind: 'sessionModule' } : undefined;
      if (value) scope.bind(p[2] ?? p[1], { offset: im.index!, value });
    }
  }

  // assignments, in order, so `c = ec2` sees what ec2 is: `name = chain`, `self.x = chain`, `x: T = chain`
  const assignments = [...code.matchAll(/^[ \t]*([A-Za-z_][\w.]*)[ \t]*(?::[^=\n]+)?=(?!=)[ \t]*/gm)];
  const assigned = new Map<number, Binding>();
  const bindAssignments = () => {
    for (const a of assignments) {
      const known = assigned.get(a.index!);
      if (known?.value) continue;
      const value = evaluateChain(m, readChain(code, a.index! + a[0].length), scope);
      if (known) known.value = value;
      else {
        const binding: Binding = { offset: a.index!, value };
        assigned.set(a.index!, binding);
        scope.bind(a[1], binding);
      }
    }
  };
  bindAssignments();

  // function parameters: annotated with a client type, or given a client at a call site
  const defs = [...code.matchAll(/^[ \t]*(?:async[ \t]+)?def[ \t]+(\w+)[ \t]*\(/gm)].map((d) => {
    const open = d.index! + d[0].length - 1;
    const start = d.index! + d[0].length - d[0].trimStart().length;
    const params = splitArguments(code, open).map((p) => {
      const text = code.slice(p.nameStart ?? p.valueStart, p.valueEnd);
      const pm = /^\*{0,2}(\w+)\s*(?::\s*([^=]+?))?\s*(?:=.*)?$/s.exec(text);
      return pm ? { name: pm[1], type: pm[2] } : { name: '' };
    });
    return { name: d[1], params, start, end: blockEnd(code, start), open };
  });
  for (const d of defs) {
    d.params.forEach((p) => {
      const service = p.type && serviceOfClientType(p.type);
      if (service) scope.bind(p.name, { offset: d.open, scopeStart: d.open, scopeEnd: d.end, value: { kind: 'client', service } });
    });
  }
  for (const d of defs) {
    const methodOffset = d.params[0]?.name === 'self' ? 1 : 0;
    for (const call of code.matchAll(new RegExp(`(?<![\\w.])(?:self\\.)?${d.name}[ \\t]*\\(`, 'g'))) {
      if (call.index! >= d.start && call.index! < d.open) continue; // the def itself
      const open = call.index! + call[0].length - 1;
      const offset = call[0].startsWith('self.') ? methodOffset : 0;
      splitArguments(code, open).forEach((arg, i) => {
        const value = evaluateChain(m, readChain(code, arg.valueStart), scope);
        if (value?.kind !== 'client' || /\S/.test(code.slice(readChain(code, arg.valueStart).at(-1)!.end, arg.valueEnd))) return;
        const param = arg.name ?? d.params[i + offset]?.name;
        if (param && d.params.some((p) => p.name === param)) {
          scope.bind(param, { offset: d.open, scopeStart: d.open, scopeEnd: d.end, value });
        }
      });
    }
  }

  // names given a parameter's client inside a function (`def f(c): x = c`)
  bindAssignments();

  // every chain that reaches client.method(...)
  const calls: Boto3Call[] = [];
  const searches: PaginatorSearch[] = [];
  const seen = new Set<number>();
  for (const id of code.matchAll(/(?<![\w.])[A-Za-z_]\w*/g)) {
    evaluateChain(m, readChain(code, id.index!), scope, (service, method, call, extraKeywords) => {
      if (seen.has(method.start)) return;
      seen.add(method.start);
      const keywords = splitArguments(code, call.start)
        .filter((a) => a.name !== undefined)
        .map((a) => ({ name: a.name!, start: a.nameStart! }));
      calls.push({ service, method: method.text, methodStart: method.start, keywords, ...(extraKeywords ? { extraKeywords } : {}) });
    }, (service, operation, call) => {
      if (seen.has(call.start)) return;
      seen.add(call.start);
      const [arg] = splitArguments(code, call.start);
      const literal = arg && !arg.name ? /^([rR]?)(['"])/.exec(src.slice(arg.valueStart, arg.valueStart + 2)) : null;
      const query = literal && !src.startsWith(literal[2].repeat(3), arg.valueStart + literal[1].length)
        ? readPythonString(src, arg.valueStart + literal[0].length, literal[2], literal[1] !== '') : undefined;
      if (query) searches.push({ service, operation, query });
    });
  }
  return { calls: calls.sort((x, y) => x.methodStart - y.methodStart), searches: searches.sort((x, y) => x.query.start - y.query.start) };
}

/** `jmespath.search('expr', data)` and `jmespath.compile("expr")` with a plain string literal. */
export function findPythonQueries(src: string): PythonQuery[] {
  const out: PythonQuery[] = [];
  const re = /\bjmespath\.(?:search|compile)\(\s*(r?)(['"])/g;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    const q = readPythonString(src, m.index + m[0].length, m[2], m[1] === 'r');
    if (q) out.push(q);
  }
  return out;
}

/** A one-line string literal's text from `start` (after its quote) to its closing quote, with where each character came from. */
function readPythonString(src: string, start: number, quote: string, raw: boolean): PythonQuery | undefined {
  const q: PythonQuery = { start, text: '', offsets: [] };
  let i = start;
  while (i < src.length && src[i] !== quote && src[i] !== '\n') {
    const escape = src[i] === '\\' && !raw && i + 1 < src.length ? pythonEscape(src, i) : undefined;
    if (escape) {
      // each character at its last source position, as the shell scanners do (documentRange
      // ends a range there: a fix over `\'Running\'` stopped before the last quote, trial 26)
      for (let k = 0; k < escape.text.length; k++) q.offsets.push(escape.text.length === escape.length ? i + k : i + escape.length - 1);
      q.text += escape.text;
      i += escape.length;
      continue;
    }
    q.text += src[i];
    q.offsets.push(i);
    i++;
  }
  q.offsets.push(i);
  return src[i] === quote ? q : undefined;
}

const PYTHON_ESCAPES: Record<string, string> = {
  n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"',
  '\n': '', // (a backslash at the end of a line continues the string on the next)
};

/**
 * What the escape at `i` (a backslash) stands for in a Python str literal, and how many source
 * characters it takes: `\'`, `\x5d`, `\u00e9`, `\U0001F600`, octal `\135`. An unknown escape
 * (`\d`) stays as written, as Python keeps it (with a warning).
 */
function pythonEscape(src: string, i: number): { text: string; length: number } {
  const c = src[i + 1];
  if (c in PYTHON_ESCAPES) return { text: PYTHON_ESCAPES[c], length: 2 };
  const hex = c === 'x' ? 2 : c === 'u' ? 4 : c === 'U' ? 8 : 0;
  if (hex && new RegExp(`^[0-9a-fA-F]{${hex}}`).test(src.slice(i + 2, i + 2 + hex))) {
    const code = parseInt(src.slice(i + 2, i + 2 + hex), 16);
    if (code <= 0x10ffff) return { text: String.fromCodePoint(code), length: 2 + hex };
  }
  const octal = /^[0-7]{1,3}/.exec(src.slice(i + 1, i + 4));
  if (octal) return { text: String.fromCharCode(parseInt(octal[0], 8)), length: 1 + octal[0].length };
  return { text: '\\' + c, length: 2 };
}

/**
 * What a variable in an aws command stands for, to say when its value is asked for: the value of
 * the option before it, or (a whole word before the service) global options themselves
 * (`aws $ENDPOINT ec2 ...`, whose natural answer, a URL, the CLI takes for a service name).
 */
export function expansionRole(cmd: CliCommand, expansion: { start: number; end: number }): string | undefined {
  const k = cmd.args.findIndex((w) => w.start <= expansion.start && expansion.end <= w.end);
  if (k < 0) return undefined;
  const previous = cmd.args[k - 1]?.text;
  if (previous?.startsWith('--') && (k <= cmd.serviceIndex ? GLOBAL_OPTIONS_WITH_VALUE.has(previous) : k > cmd.operationIndex)) return `the value of ${previous}`;
  const whole = cmd.args[k].text.length === expansion.end - expansion.start; // (the word is the expansion, quoted or not)
  if (whole && k < cmd.serviceIndex) return `options before the service (${cmd.service}), as words: e.g. --endpoint-url http://localhost:4566 or --region us-east-1`;
  return undefined;
}
