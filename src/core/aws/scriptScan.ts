// Finds AWS CLI commands (`aws <service> <operation> ... --query '...'`) in shell, PowerShell and
// cmd scripts, and boto3 calls in Python, with document offsets for every character of a query.

export type Shell = 'bash' | 'powershell' | 'cmd';

export interface ScriptString {
  /** The value after the shell removed quotes and escapes. */
  text: string;
  /** Document offset of each UTF-16 unit of `text`, plus one past the end. */
  offsets: number[];
}

export interface CliCommand {
  service: string;
  operation: string;
  serviceStart: number;
  operationStart: number;
  query?: ScriptString;
}

interface Word extends ScriptString {
  start: number;
}

const CONTINUATION: Record<Shell, string> = { bash: '\\', powershell: '`', cmd: '^' };
const GLOBAL_OPTIONS_WITH_VALUE = new Set(['--region', '--profile', '--endpoint-url', '--output', '--color', '--ca-bundle',
  '--cli-read-timeout', '--cli-connect-timeout', '--cli-binary-format', '--query']);

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t';
}

/** Reads shell words from `i` until the command ends (newline without continuation, ; | & or #). */
function readCommandWords(src: string, i: number, shell: Shell): Word[] {
  const cont = CONTINUATION[shell];
  const words: Word[] = [];
  while (i < src.length) {
    const c = src[i];
    if (c === cont && (src[i + 1] === '\n' || (src[i + 1] === '\r' && src[i + 2] === '\n'))) {
      i += src[i + 1] === '\r' ? 3 : 2;
      continue;
    }
    if (isSpace(c) || c === '\r') {
      i++;
      continue;
    }
    if (c === '\n' || c === ';' || c === '|' || c === '&' || c === ')' || (c === '#' && shell !== 'cmd')) break;
    const word: Word = { start: i, text: '', offsets: [] };
    while (i < src.length) {
      const d = src[i];
      if (isSpace(d) || d === '\n' || d === '\r' || d === ';' || d === '|' || d === '&' || d === ')') break;
      if (d === cont && (src[i + 1] === '\n' || src[i + 1] === '\r')) break;
      if (d === "'" && shell !== 'cmd') {
        // single quotes: literal (PowerShell doubles '' for a quote)
        i++;
        while (i < src.length) {
          if (src[i] === "'") {
            if (shell === 'powershell' && src[i + 1] === "'") {
              word.text += "'";
              word.offsets.push(i);
              i += 2;
              continue;
            }
            break;
          }
          word.text += src[i];
          word.offsets.push(i);
          i++;
        }
        i++;
      } else if (d === '"') {
        i++;
        while (i < src.length && src[i] !== '"') {
          const escape = shell === 'bash' ? '\\' : shell === 'powershell' ? '`' : undefined;
          if (src[i] === escape && i + 1 < src.length && (shell !== 'bash' || '"\\$`'.includes(src[i + 1]))) {
            word.text += src[i + 1];
            word.offsets.push(i + 1);
            i += 2;
            continue;
          }
          if (shell === 'powershell' && src[i] === '"' && src[i + 1] === '"') {
            word.text += '"';
            word.offsets.push(i);
            i += 2;
            continue;
          }
          word.text += src[i];
          word.offsets.push(i);
          i++;
        }
        i++;
      } else if (d === '\\' && shell === 'bash' && i + 1 < src.length && src[i + 1] !== '\n') {
        word.text += src[i + 1];
        word.offsets.push(i + 1);
        i += 2;
      } else {
        word.text += d;
        word.offsets.push(i);
        i++;
      }
    }
    // one past the last character (not past a closing quote)
    word.offsets.push(word.offsets.length ? word.offsets[word.offsets.length - 1] + 1 : i);
    words.push(word);
  }
  return words;
}

/** Every `aws <service> <operation>` command in a script. */
export function findCliCommands(src: string, shell: Shell): CliCommand[] {
  const commands: CliCommand[] = [];
  const re = /(^|[\s;|&(`$])(aws(?:\.exe|\.cmd)?)(?=[ \t])/gm;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    const lineStart = src.lastIndexOf('\n', m.index) + 1;
    const before = src.slice(lineStart, m.index + m[1].length);
    if (shell !== 'cmd' && before.includes('#')) continue; // in a comment
    if (shell === 'cmd' && /^\s*(rem\s|::)/i.test(before)) continue;
    const words = readCommandWords(src, m.index + m[1].length + m[2].length, shell);
    let service: Word | undefined;
    let operation: Word | undefined;
    let query: ScriptString | undefined;
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      if (w.text.startsWith('--')) {
        const [flag, inline] = splitInline(w);
        if (flag === '--query') query = inline ?? words[++i];
        else if (!inline && (!service || !operation) && GLOBAL_OPTIONS_WITH_VALUE.has(flag)) i++;
        else if (!inline && service && operation && words[i + 1] && !words[i + 1].text.startsWith('--')) i++;
        continue;
      }
      if (!service) service = w;
      else if (!operation) operation = w;
    }
    if (service && operation && /^[a-z0-9-]+$/.test(service.text) && /^[a-z0-9-]+$/.test(operation.text)) {
      commands.push({ service: service.text, operation: operation.text, serviceStart: service.start, operationStart: operation.start, query });
    }
  }
  return commands;
}

function splitInline(w: Word): [string, ScriptString | undefined] {
  const eq = w.text.indexOf('=');
  if (eq === -1) return [w.text, undefined];
  return [w.text.slice(0, eq), { text: w.text.slice(eq + 1), offsets: w.offsets.slice(eq + 1) }];
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
