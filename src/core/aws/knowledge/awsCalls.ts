// AWS calls with their arguments, for the knowledge hovers and diagnostics: `aws <service>
// <operation> --flag value` lines in shell, PowerShell and cmd scripts, and boto3 calls in Python on
// clients, service resources, DynamoDB `Table`s and S3 `Bucket`s/`Object`s.

import { Shell, ShellWord, findCliCommands } from '../scriptScan';
import { PySource, callArgs, isSkipped, scanPython } from './pythonSource';

export type ScriptShell = Shell;

export interface CallArg {
  /** CLI flag (`--consistent-read`) or Python keyword (`ConsistentRead`); undefined when positional. */
  name?: string;
  /** CLI: the value word with quotes removed; Python: the value expression as written. */
  value?: string;
  /** The whole argument: flag and value, or keyword=value. */
  start: number;
  end: number;
  valueStart?: number;
  valueEnd?: number;
}

export type Receiver = 'client' | 'resource' | 'Table' | 'Bucket' | 'Object' | 'objects';

export interface AwsCall {
  source: 'cli' | 'boto3';
  /** `dynamodb`, `s3` (for both `aws s3` and `aws s3api`), ... */
  service: string;
  /** The CLI's service word as written (`s3` or `s3api`); for boto3 the service. */
  cliService: string;
  /** snake_case: `get_item`, `list_objects_v2`; the s3 high-level commands as written (`cp`). */
  operation: string;
  receiver: Receiver;
  /** Where a hover applies: `aws dynamodb get-item`, or the boto3 method name. */
  hoverStart: number;
  hoverEnd: number;
  /** The whole command or call. */
  start: number;
  end: number;
  args: CallArg[];
}

// ---- shell ----

/** `--flag value` / `--flag=value` / `--flag` / positional words, with their document ranges. */
function cliArgs(words: ShellWord[]): CallArg[] {
  const args: CallArg[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (!w.text.startsWith('--')) {
      args.push({ value: w.text, start: w.start, end: w.end, valueStart: w.start, valueEnd: w.end });
      continue;
    }
    const eq = w.text.indexOf('=');
    if (eq > 0) {
      args.push({ name: w.text.slice(0, eq), value: w.text.slice(eq + 1), start: w.start, end: w.end, valueStart: w.offsets[eq + 1], valueEnd: w.end });
      continue;
    }
    const next = words[i + 1];
    if (next && !next.text.startsWith('--')) {
      args.push({ name: w.text, value: next.text, start: w.start, end: next.end, valueStart: next.start, valueEnd: next.end });
      i++;
    } else {
      args.push({ name: w.text, start: w.start, end: w.end });
    }
  }
  return args;
}

/** Every `aws <service> <operation>` command of a script (read by the shared shell-words reader), with its arguments. */
export function findCliCalls(src: string, shell: ScriptShell): AwsCall[] {
  return findCliCommands(src, shell).map((cmd) => {
    const operation = cmd.args[cmd.operationIndex];
    return {
      source: 'cli',
      service: cmd.service === 's3api' ? 's3' : cmd.service,
      cliService: cmd.service,
      operation: cmd.operation.replace(/-/g, '_'),
      receiver: 'client',
      hoverStart: cmd.start,
      hoverEnd: operation.end,
      start: cmd.start,
      end: cmd.end,
      args: cliArgs(cmd.args.filter((_, i) => i !== cmd.serviceIndex && i !== cmd.operationIndex)),
    };
  });
}

// ---- Python ----

interface Binding {
  service: string;
  receiver: Receiver;
}

/** Names bound to clients and resources, as of a point in the file (a later `x = 5` unbinds x). */
class Names {
  private readonly history = new Map<string, { at: number; binding?: Binding }[]>();
  set(name: string, at: number, binding: Binding | undefined): void {
    const h = this.history.get(name) ?? [];
    h.push({ at, binding });
    this.history.set(name, h);
  }
  get(name: string, at: number): Binding | undefined {
    const h = this.history.get(name);
    if (!h) return undefined;
    let found: Binding | undefined;
    for (const e of h) if (e.at <= at) found = e.binding;
    return found;
  }
}

const CONSTRUCTOR = /((?:\b[\w.]*(?:\([^()\n]*\))?\.)?\b(client|resource))\(\s*(?:service_name\s*=\s*)?(['"])([\w-]+)\3/y;

/** What `boto3.client('s3')`, `session.resource('dynamodb')`, `res.Table('t')` ... at `i` builds, and where that expression ends. */
function bindingOf(py: PySource, i: number, names: Names): { binding: Binding; end: number } | undefined {
  const { src } = py;
  CONSTRUCTOR.lastIndex = i;
  const ctor = CONSTRUCTOR.exec(src);
  let binding: Binding | undefined;
  let after: number;
  if (ctor) {
    binding = { service: ctor[4], receiver: ctor[2] as Receiver };
    after = callArgs(py, i + ctor[1].length).end;
  } else {
    const name = /[A-Za-z_][\w.]*/y;
    name.lastIndex = i;
    const n = name.exec(src);
    if (!n) return undefined;
    let text = n[0];
    // `x.meta.client` is the client behind a resource
    if (text.endsWith('.meta.client')) {
      const base = names.get(text.slice(0, -'.meta.client'.length), i);
      return base ? { binding: { service: base.service, receiver: 'client' }, end: i + text.length } : undefined;
    }
    const sub = /\.(Table|Bucket|Object)$/.exec(text);
    if (sub) text = text.slice(0, -sub[0].length);
    binding = names.get(text, i);
    if (!binding) return undefined;
    after = i + n[0].length;
    if (sub) {
      if (src[after] !== '(') return undefined;
      binding = subResource(binding, sub[1]);
      after = callArgs(py, after).end;
    }
  }
  // chained sub-resources: boto3.resource('dynamodb').Table('t'), res.Bucket('b').Object('k')
  for (;;) {
    const chain = /\s*\.(Table|Bucket|Object)\(/y;
    chain.lastIndex = after;
    const c = chain.exec(src);
    if (!c || !binding) break;
    binding = subResource(binding, c[1]);
    after = callArgs(py, after + c[0].length - 1).end;
  }
  return binding ? { binding, end: after } : undefined;
}

const CONSTRUCTORS = new Set(['client', 'resource', 'Table', 'Bucket', 'Object', 'Session']);

/** A receiver written as an expression (`boto3.client('s3')`, `res.Table('t')`) rather than a name. */
function inlineBinding(py: PySource, at: number, text: string, names: Names): Binding | undefined {
  if (!text.includes('(')) return undefined;
  const b = bindingOf(py, at, names);
  return b && b.end === at + text.length ? b.binding : undefined;
}

function subResource(b: Binding, kind: string): Binding | undefined {
  if (b.receiver !== 'resource' && !(b.receiver === 'Bucket' && kind === 'Object')) return undefined;
  if (kind === 'Table' && b.service !== 'dynamodb') return undefined;
  if (kind !== 'Table' && b.service !== 's3') return undefined;
  return { service: b.service, receiver: kind as Receiver };
}

/** boto3 calls on names bound to clients and resources, and on inline `boto3.client(...)` chains. */
export function findBoto3Calls(src: string, py: PySource = scanPython(src)): AwsCall[] {
  const names = new Names();
  const assign = /^[ \t]*([A-Za-z_][\w.]*)[ \t]*(?::[^=\n]+)?=[ \t]*(?!=)/gm;
  for (let m = assign.exec(src); m; m = assign.exec(src)) {
    names.set(m[1], m.index, bindingOf(py, m.index + m[0].length, names)?.binding);
  }
  const calls: AwsCall[] = [];
  const call = /([A-Za-z_][\w.]*(?:\([^()\n]*\))?(?:\.[A-Za-z_]\w*(?:\([^()\n]*\))?)*)\.([A-Za-z_]\w*)\s*\(/g;
  for (let m = call.exec(src); m; m = call.exec(src)) {
    if (isSkipped(py, m.index)) continue;
    let receiverText = m[1];
    let objects = false;
    if (receiverText.endsWith('.objects')) {
      receiverText = receiverText.slice(0, -'.objects'.length);
      objects = true;
    }
    if (CONSTRUCTORS.has(m[2])) continue;
    const b = names.get(receiverText, m.index) ?? inlineBinding(py, m.index, receiverText, names);
    if (!b) continue;
    const binding: Binding | undefined = objects ? (b.receiver === 'Bucket' ? { service: 's3', receiver: 'objects' } : undefined) : b;
    if (!binding) continue;
    const methodStart = m.index + m[1].length + 1;
    const open = m.index + m[0].length - 1;
    const { args, end } = callArgs(py, open);
    calls.push({
      source: 'boto3',
      service: binding.service,
      cliService: binding.service,
      operation: m[2],
      receiver: binding.receiver,
      hoverStart: methodStart,
      hoverEnd: methodStart + m[2].length,
      start: m.index,
      end,
      args: args.map((a) => ({ name: a.name, value: a.value, start: a.start, end: a.end, valueStart: a.valueStart, valueEnd: a.valueEnd })),
    });
    // calls nested in the arguments are found too
    call.lastIndex = open + 1;
  }
  return calls;
}
