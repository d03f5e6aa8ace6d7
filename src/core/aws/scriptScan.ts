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
  let k = j;
  while (k >= lineStart && src[k] !== ' ' && src[k] !== '\t') k--;
  const word = src.slice(k + 1, j + 1);
  const known = COMMAND_PREFIX_WORDS[shell];
  if (known.has(shell === 'bash' ? word : word.toLowerCase())) return commandPosition(src, k + 1, shell);
  // bash environment prefixes: AWS_PAGER= AWS_REGION=us-east-1 aws ...
  if (shell === 'bash' && /^[A-Za-z_][A-Za-z0-9_]*=/.test(word)) return commandPosition(src, k + 1, shell);
  return undefined;
}

function isWholeExpansion(w: ShellWord): boolean {
  return w.expansions.length > 0 && w.expansions.reduce((n, e) => n + (e.end - e.start), 0) === w.text.length;
}

/** Every `aws <service> <operation>` command in a script. */
export function findCliCommands(src: string, shell: Shell): CliCommand[] {
  const commands: CliCommand[] = [];
  const re = /(?<![\w$%.\\/-])aws(?:\.exe|\.cmd)?(?=[ \t]|[`^\\]\r?\n)/gi;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    const closer = commandPosition(src, m.index, shell);
    if (closer === undefined) continue;
    const { words: args, end } = readCommand(src, m.index + m[0].length, shell, closer || undefined);
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
  method: string;
  methodStart: number;
  keywords: { name: string; start: number }[];
}

export interface PythonQuery extends ScriptString {
  start: number;
}

/** `x = boto3.client('ec2')` ... `x.run_instances(ImageId=..., MinCount=1)`. */
export function findBoto3Calls(src: string): Boto3Call[] {
  const clients = new Map<string, string>();
  const assign = /(\w+)\s*=\s*boto3\.(?:session\.Session\(\)\.)?client\(\s*(?:service_name\s*=\s*)?['"]([\w-]+)['"]/g;
  for (let m = assign.exec(src); m; m = assign.exec(src)) clients.set(m[1], m[2]);
  const calls: Boto3Call[] = [];
  if (clients.size === 0) return calls;
  const call = /\b(\w+)\.(\w+)\s*\(/g;
  for (let m = call.exec(src); m; m = call.exec(src)) {
    const service = clients.get(m[1]);
    if (!service) continue;
    const keywords: { name: string; start: number }[] = [];
    let depth = 1;
    let i = m.index + m[0].length;
    let expectArg = true;
    while (i < src.length && depth > 0) {
      const c = src[i];
      if (c === '"' || c === "'") {
        const triple = src.startsWith(c.repeat(3), i);
        const end = triple ? src.indexOf(c.repeat(3), i + 3) : findStringEnd(src, i, c);
        i = end < 0 ? src.length : end + (triple ? 3 : 1);
        expectArg = false;
        continue;
      }
      if (c === '#') {
        const nl = src.indexOf('\n', i);
        i = nl < 0 ? src.length : nl;
        continue;
      }
      if ('([{'.includes(c)) depth++;
      else if (')]}'.includes(c)) depth--;
      else if (c === ',' && depth === 1) expectArg = true;
      else if (depth === 1 && expectArg && /[A-Za-z_]/.test(c)) {
        const kw = /^(\w+)\s*=(?!=)/.exec(src.slice(i, i + 80));
        if (kw) keywords.push({ name: kw[1], start: i });
        expectArg = false;
      } else if (!/\s/.test(c)) {
        expectArg = false;
      }
      i++;
    }
    calls.push({ service, method: m[2], methodStart: m.index + m[1].length + 1, keywords });
  }
  return calls;
}

function findStringEnd(src: string, i: number, quote: string): number {
  for (let j = i + 1; j < src.length; j++) {
    if (src[j] === '\\') j++;
    else if (src[j] === quote) return j;
    else if (src[j] === '\n') return j - 1;
  }
  return -1;
}

/** `jmespath.search('expr', data)` and `jmespath.compile("expr")` with a plain string literal. */
export function findPythonQueries(src: string): PythonQuery[] {
  const out: PythonQuery[] = [];
  const re = /\bjmespath\.(?:search|compile)\(\s*(r?)(['"])/g;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    const raw = m[1] === 'r';
    const quote = m[2];
    const start = m.index + m[0].length;
    const q: PythonQuery = { start, text: '', offsets: [] };
    let i = start;
    while (i < src.length && src[i] !== quote && src[i] !== '\n') {
      if (src[i] === '\\' && !raw && i + 1 < src.length) {
        const esc: Record<string, string> = { n: '\n', t: '\t', '\\': '\\', "'": "'", '"': '"' };
        q.text += esc[src[i + 1]] ?? '\\' + src[i + 1];
        q.offsets.push(i);
        if (!(src[i + 1] in esc)) q.offsets.push(i + 1);
        i += 2;
        continue;
      }
      q.text += src[i];
      q.offsets.push(i);
      i++;
    }
    q.offsets.push(i);
    if (src[i] === quote) out.push(q);
  }
  return out;
}
