// Lambda's file system in Python handler files: /tmp is the writable ephemeral storage (512 MB by
// default, configurable up to 10,240 MB, kept while the execution environment is reused); the rest
// is read-only, so writing to another absolute path fails with "[Errno 30] Read-only file system".

import { KnowledgeProblem } from './dynamodbReads';
import { DOCS } from './docs';
import { PySource, PyString, callArgs, isSkipped, scanPython } from './pythonSource';

export interface LambdaHandler {
  name: string;
  start: number;
  end: number;
}

/**
 * Top-level `def name(event, context)`: two parameters named like Lambda's (event/evt, context/ctx,
 * optionally with a leading underscore), or a function whose name contains "handler" taking two.
 */
export function findLambdaHandlers(src: string): LambdaHandler[] {
  const out: LambdaHandler[] = [];
  const re = /^def[ \t]+([A-Za-z_]\w*)[ \t]*\(\s*([A-Za-z_]\w*)(?:\s*:[^,)]+)?\s*,\s*([A-Za-z_]\w*)(?:\s*:[^,)]+)?\s*,?\s*\)/gm;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    const lambdaParams = /^_?(event|evt)$/.test(m[2]) && /^_?(context|ctx)$/.test(m[3]);
    if (lambdaParams || /handler/i.test(m[1])) {
      const nameStart = m.index + m[0].indexOf(m[1]);
      out.push({ name: m[1], start: nameStart, end: nameStart + m[1].length });
    }
  }
  return out;
}

/** String literals that name /tmp or a path under it. */
export function tmpLiterals(py: PySource): PyString[] {
  return py.strings.filter((s) => /^\/tmp(\/|$)/.test(s.value));
}

export function tmpHoverMarkdown(): string {
  return [
    '**Lambda: `/tmp` is the writable ephemeral storage.**',
    '',
    '512 MB by default, configurable from 512 MB up to 10,240 MB per function (`EphemeralStorage`); the rest of the file system is read-only. '
      + 'Files stay while the execution environment is reused, so a warm invocation may find what an earlier one wrote '
      + '(useful as a cache, but clean up or use unique names); a new environment starts with an empty `/tmp`, and nothing in it is shared between concurrent environments.',
    '',
    'To keep a file, upload it (for example `s3.upload_file(path, bucket, key)`, as in the `lambda-tmp-s3` snippet).',
    '',
    `[Ephemeral storage](${DOCS.lambdaEphemeralStorage}) · [Execution environment](${DOCS.lambdaExecutionEnvironment})`,
  ].join('\n');
}

interface WriteSite {
  /** The call's description for the message: `open(..., 'w')`. */
  what: string;
  /** The expression that gives the path. */
  argStart: number;
  argEnd: number;
  argText: string;
}

const WRITE_MODES = /[wax+]/;

/** Calls that write to (or create) the path given as one of their arguments. */
function writeSites(py: PySource): WriteSite[] {
  const { src } = py;
  const sites: WriteSite[] = [];
  const re = /(?<![\w.])((?:io|gzip|bz2|lzma|codecs|tarfile)\.open|open|os\.makedirs|os\.mkdir|os\.rename|os\.replace|shutil\.copy|shutil\.copy2|shutil\.copyfile|shutil\.copytree|shutil\.move|zipfile\.ZipFile|(?:pathlib\.)?Path)\s*\(|\.(download_file|to_csv|to_json|to_parquet|to_excel|savefig|extractall)\s*\(/g;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    if (isSkipped(py, m.index)) continue;
    const open = m.index + m[0].length - 1;
    const { args, end } = callArgs(py, open);
    const fn = m[1] ?? m[2];
    const positional = args.filter((a) => !a.name);
    const kw = (n: string) => args.find((a) => a.name === n);
    let target: typeof args[number] | undefined;
    switch (fn) {
      case 'open': case 'io.open': case 'gzip.open': case 'bz2.open': case 'lzma.open': case 'codecs.open': case 'tarfile.open': case 'zipfile.ZipFile': {
        const mode = kw('mode') ?? positional[1];
        const modeText = mode ? stringValue(py, mode.valueStart, mode.valueEnd) : undefined;
        if (modeText !== undefined && WRITE_MODES.test(modeText)) target = kw('file') ?? kw('name') ?? kw('filename') ?? positional[0];
        break;
      }
      case 'os.makedirs': case 'os.mkdir':
        target = kw('name') ?? kw('path') ?? positional[0];
        break;
      case 'os.rename': case 'os.replace': case 'shutil.copy': case 'shutil.copy2': case 'shutil.copyfile': case 'shutil.copytree': case 'shutil.move':
        target = kw('dst') ?? positional[1];
        break;
      case 'Path': case 'pathlib.Path': {
        // Path('/x').write_text(...), .write_bytes, .mkdir, .touch, .open('w')
        const tail = /^\s*\.(write_text|write_bytes|mkdir|touch|open)\s*\(/.exec(src.slice(end));
        if (!tail) break;
        if (tail[1] === 'open') {
          const openArgs = callArgs(py, end + tail[0].length - 1).args;
          const mode = openArgs.find((a) => a.name === 'mode') ?? openArgs.find((a) => !a.name);
          const modeText = mode ? stringValue(py, mode.valueStart, mode.valueEnd) : undefined;
          if (modeText === undefined || !WRITE_MODES.test(modeText)) break;
        }
        target = positional[0];
        break;
      }
      case 'download_file':
        target = kw('Filename') ?? positional[2];
        break;
      case 'extractall':
        target = kw('path') ?? positional[0];
        break;
      default:
        target = kw('path_or_buf') ?? kw('path') ?? kw('fname') ?? positional[0];
    }
    if (target) sites.push({ what: describe(fn), argStart: target.valueStart, argEnd: target.valueEnd, argText: target.value });
  }
  return sites;
}

function describe(fn: string): string {
  return /open|ZipFile/.test(fn) ? `${fn}(..., 'w')` : fn === 'Path' || fn === 'pathlib.Path' ? `${fn}(...) write` : `${fn}()`;
}

function stringValue(py: PySource, start: number, end: number): string | undefined {
  const s = py.strings.find((x) => x.start === start && x.end === end);
  return s && !/[fF]/.test(s.prefix) ? s.value : undefined;
}

interface PathLiteral {
  literal: PyString;
  /** How the path is built from the literal. */
  shape: 'whole' | 'join-first' | 'fstring' | 'path';
}

/** The string literal an expression builds its path from: 'x', f'x{y}', os.path.join('x', ...), Path('x'), or a name bound once to one. */
function pathLiteral(py: PySource, start: number, end: number, text: string, depth = 0): PathLiteral | undefined {
  const t = text.trim();
  const s = py.strings.find((x) => x.start === start && x.end === end);
  if (s) return { literal: s, shape: /[fF]/.test(s.prefix) ? 'fstring' : 'whole' };
  const join = /^(?:os\.path\.join|posixpath\.join|(?:pathlib\.)?Path|PurePosixPath)\s*\(/.exec(t);
  if (join) {
    const first = callArgs(py, start + join[0].length - 1).args[0];
    if (!first) return undefined;
    const inner = py.strings.find((x) => x.start === first.valueStart && x.end === first.valueEnd);
    if (!inner || /[bB]/.test(inner.prefix)) return undefined;
    return { literal: inner, shape: /[fF]/.test(inner.prefix) ? 'fstring' : join[0].startsWith('os') || join[0].startsWith('posix') ? 'join-first' : 'path' };
  }
  if (/^[A-Za-z_]\w*$/.test(t) && depth < 2) {
    // one assignment of the name at top level or in a function: NAME = <path expression>
    const assigns = [...py.src.matchAll(new RegExp(`^[ \\t]*${t}[ \\t]*=[ \\t]*(?!=)`, 'gm'))];
    if (assigns.length !== 1) return undefined;
    const a = assigns[0];
    const valueStart = a.index! + a[0].length;
    const lineEnd = endOfExpression(py, valueStart);
    const valueText = py.src.slice(valueStart, lineEnd).trimEnd();
    return pathLiteral(py, valueStart, valueStart + valueText.length, valueText, depth + 1);
  }
  return undefined;
}

function endOfExpression(py: PySource, i: number): number {
  const { src } = py;
  let depth = 0;
  while (i < src.length) {
    if (isSkipped(py, i)) {
      const s = py.strings.find((x) => i >= x.start && i < x.end);
      if (s) { i = s.end; continue; }
      if (depth === 0) return i; // a comment ends the expression
      i = src.indexOf('\n', i);
      if (i < 0) return src.length;
      continue;
    }
    const c = src[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === '\n' && depth <= 0) return i;
    i++;
  }
  return src.length;
}

/** Paths Lambda lets a function write: /tmp, EFS mounts under /mnt/, and /dev/null-style devices. */
function writable(path: string): boolean {
  return /^\/(tmp|mnt|dev)(\/|$)/.test(path) || /^\/proc\/self\/fd\//.test(path);
}

/** Writes to absolute paths outside /tmp in a file that defines a Lambda handler. */
export function lambdaWriteProblems(src: string, py: PySource = scanPython(src)): KnowledgeProblem[] {
  if (findLambdaHandlers(src).length === 0) return [];
  const problems: KnowledgeProblem[] = [];
  const hasOs = /^[ \t]*import[ \t]+(?:[\w, \t]*\b)?os\b|^[ \t]*import os\b/m.test(src);
  for (const site of writeSites(py)) {
    const p = pathLiteral(py, site.argStart, site.argEnd, site.argText);
    if (!p) continue;
    const path = p.literal.value;
    if (!path.startsWith('/') || writable(path)) continue;
    const shown = p.shape === 'fstring' ? `${path.replace(/\{.*$/, '')}...` : path;
    problems.push({
      start: site.argStart,
      end: site.argEnd,
      code: 'lambda-read-only-path',
      severity: 'warning',
      doc: DOCS.lambdaEphemeralStorage,
      message: `In Lambda only /tmp is writable: ${site.what} on ${shown} fails with "OSError: [Errno 30] Read-only file system". `
        + 'Write under /tmp (512 MB by default, up to 10,240 MB) and upload the file to S3 to keep it, as the lambda-tmp-s3 snippet does.',
      fix: tmpFix(src, p, hasOs),
    });
  }
  return problems;
}

function tmpFix(src: string, p: PathLiteral, hasOs: boolean): { title: string; edits: { start: number; end: number; text: string }[] } {
  const { literal } = p;
  const quote = src[literal.contentStart - 1];
  const segments = literal.value.split('/').filter(Boolean);
  if (p.shape === 'join-first') {
    return { title: "Write under /tmp: os.path.join('/tmp', ...)", edits: [{ start: literal.contentStart, end: literal.contentStart + literal.value.length, text: '/tmp' }] };
  }
  if (p.shape === 'fstring' || p.shape === 'path') {
    // keep the last segment (the file name or its f-string template): /data/{x}.csv -> /tmp/{x}.csv
    const rest = segments.length > 1 ? segments[segments.length - 1] : segments[0] ?? '';
    const text = `/tmp/${rest}`;
    return { title: `Write under /tmp: ${text}`, edits: [{ start: literal.contentStart, end: literal.contentStart + literal.value.length, text }] };
  }
  const base = segments[segments.length - 1] ?? 'output';
  const edits = [{ start: literal.start, end: literal.end, text: `os.path.join(${quote}/tmp${quote}, ${quote}${base}${quote})` }];
  if (!hasOs) edits.unshift({ start: importInsertOffset(src), end: importInsertOffset(src), text: 'import os\n' });
  return { title: `Write under /tmp: os.path.join('/tmp', '${base}')`, edits };
}

/** Where `import os` goes: before the first import, else after a module docstring/comments. */
function importInsertOffset(src: string): number {
  const m = /^(?:import|from)[ \t]/m.exec(src);
  if (m) return m.index;
  const lines = src.split('\n');
  let offset = 0;
  for (const line of lines) {
    if (line.startsWith('#') || line.trim() === '') { offset += line.length + 1; continue; }
    break;
  }
  return Math.min(offset, src.length);
}
