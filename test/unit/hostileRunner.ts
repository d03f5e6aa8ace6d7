// Runs one suite of the hostile corpus through the product's entry points and prints one JSON line
// per case. It runs in a child process (see hostile.test.ts) so that a hang becomes a failed test
// instead of a stuck test run.
import { checkScript, ScriptLanguage } from '../../src/core/aws/scriptCheck';
import { findCliCommands, findPythonQueries } from '../../src/core/aws/scriptScan';
import { computeCapacity } from '../../src/core/capacity/capacity';
import { JmesPathError, JsonDocument, compile, search } from '../../src/core/jmespath';
import { pathAtOffset } from '../../src/core/json/paths';
import { OUTPUT_FORMATS, search as searchAs } from '../../src/core/output';
import { splitQueries } from '../../src/core/query/queryFile';
import { loadModel } from './awsModels';
import {
  EXPRESSION_REFERENCE_RESULTS, hostileByteDocuments, hostileExpressions, hostileInvalidDocuments, hostileItems, hostileNumbers, hostileQueryFiles,
  hostileScripts, hostileSeedFiles, hostileValidDocuments, multiplyingQueries, rng,
} from './hostileCorpus';
import { checkMetaData, checkUserData } from '../../src/core/cloudInit/userDataCheck';
import { DataSource, complete, diagnose, hover, signatureHelp } from '../../src/core/jmespath/analysis';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { WorkerRequest, WorkerResponse } from '../../src/shared/queryProtocol';
import { MAX_JSON_BYTES } from '../../src/core/json/sizeLimit';

export const SEED = 20261127;

/** What one case ended in: an answer, a clear error with a kind, or a crash (anything else thrown). */
export type Outcome =
  | { case: string; stdout: string }
  | { case: string; error: { kind: string; message: string; column: number | null; line?: number; jsonColumn?: number } }
  | { case: string; crash: string }
  | { case: string; ok: true; detail?: string };

function outcome(name: string, fn: () => string): Outcome {
  try {
    return { case: name, stdout: fn() };
  } catch (e) {
    if (e instanceof JmesPathError) {
      return { case: name, error: { kind: e.kind, message: e.message, column: e.kind === 'syntax' ? e.column ?? null : null, line: e.line, jsonColumn: e.jsonColumn } };
    }
    return { case: name, crash: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}

function guard(name: string, fn: () => string | void): Outcome {
  try {
    const detail = fn();
    return { case: name, ok: true, ...(detail ? { detail } : {}) };
  } catch (e) {
    return { case: name, crash: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}

/** Huge documents meet only these expressions (the whole corpus against them would take minutes). */
export const EXPRESSIONS_FOR_HUGE = ['@', 'length(@)', 'keys(@)', 'a', 'sort(@)', '*', 'to_string(@)', 'max(@)', '[?a]', 'values(@) | [0]'];

const DIST = path.resolve(__dirname, '../../../dist');
const BYTES_EXPRESSIONS = ['@', 'keys(@)'];
/** The document multiplying queries run on: a million integers, as in the issue that found the crash. */
export const MILLION_INTEGERS = JSON.stringify(Array.from({ length: 1_000_000 }, (_, i) => i));
const EXPREF_DOC = '{"a": [3, 1, 2], "b": [{"c": 1}, {"c": 2}]}';
/** Sparse files the size check must refuse before reading: sizes only (no disk used). */
export const HUGE_SIZES = [MAX_JSON_BYTES + 1, 600 * 1024 * 1024, 1024 ** 3, 8 * 1024 ** 3];

function sparseFile(dir: string, size: number): string {
  const file = path.join(dir, `sparse-${size}.json`);
  fs.closeSync(fs.openSync(file, 'w'));
  fs.truncateSync(file, size);
  return file;
}

/** The CLI's outcome: a crash is a signal, an exit code other than 0/252/255, or a stack trace. */
function cliOutcome(name: string, args: string[], input?: Uint8Array): Outcome {
  const r = spawnSync(process.execPath, [path.join(DIST, 'cli.js'), ...args], { input, maxBuffer: 1 << 30, timeout: 120000 });
  const stderr = r.stderr?.toString() ?? '';
  if (r.error || r.signal) return { case: name, crash: `${r.error?.message ?? r.signal}` };
  if (![0, 252, 255].includes(r.status!)) return { case: name, crash: `exit ${r.status}: ${stderr.slice(0, 300)}` };
  if (/\n\s+at .+[(:]\d+|node:internal|FATAL ERROR|(Range|Type)Error:/.test(stderr)) return { case: name, crash: `a stack trace: ${stderr.slice(0, 300)}` };
  if (r.status !== 0 && !/^\n.+\n$/s.test(stderr)) return { case: name, crash: `exit ${r.status} without a message: ${JSON.stringify(stderr.slice(0, 300))}` };
  return { case: name, ok: true, detail: r.status === 0 ? `exit 0, ${r.stdout.length} bytes` : `exit ${r.status}: ${stderr.trim().split('\n')[0].slice(0, 400)}` };
}

/** dist/queryWorker.js in a worker thread, asked as the extension host asks it. */
async function workerOutcomes(cases: { name: string; load: DistributiveOmit<Extract<WorkerRequest, { type: 'load' }>, 'id' | 'key' | 'type'>; expression?: string }[]): Promise<Outcome[]> {
  const worker = new Worker(path.join(DIST, 'queryWorker.js'));
  const waiting = new Map<number, (r: WorkerResponse) => void>();
  let died: Error | undefined;
  worker.on('message', (r: WorkerResponse) => { waiting.get(r.id)?.(r); waiting.delete(r.id); });
  worker.on('error', (e) => { died = e; for (const w of waiting.values()) w({ type: 'error', id: -1, error: { kind: 'internal', message: `the worker died: ${e.message}` } }); });
  let id = 0;
  const ask = (req: DistributiveOmit<WorkerRequest, 'id'>) => new Promise<WorkerResponse>((resolve) => {
    if (died) return resolve({ type: 'error', id: -1, error: { kind: 'internal', message: `the worker died: ${died.message}` } });
    const n = ++id;
    waiting.set(n, resolve);
    worker.postMessage({ ...req, id: n });
  });
  const out: Outcome[] = [];
  for (const c of cases) {
    const key = `file:///hostile/${c.name}@1`;
    let r = await ask({ type: 'load', key, ...c.load });
    if (r.type === 'ok' && c.expression !== undefined) r = await ask({ type: 'query', key, expression: c.expression, withSources: false, maxChars: 10_000, maxRanges: 10 });
    if (r.type === 'ok') out.push({ case: c.name, stdout: c.expression === undefined ? '(loaded)' : (r.answer as { text: string }).text });
    else if (r.error.kind === 'internal') out.push({ case: c.name, crash: r.error.message });
    else out.push({ case: c.name, error: { kind: r.error.kind, message: r.error.message, column: null, line: r.error.line, jsonColumn: r.error.jsonColumn } });
    await ask({ type: 'unload', key });
  }
  await worker.terminate();
  return out;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

const suites: Record<string, () => Outcome[] | Promise<Outcome[]>> = {
  engine(): Outcome[] {
    const out: Outcome[] = [];
    const expressions = hostileExpressions(SEED);
    for (const doc of hostileValidDocuments(SEED)) {
      for (const [i, expression] of (doc.huge ? EXPRESSIONS_FOR_HUGE : expressions).entries()) {
        out.push(outcome(`${doc.name} #${i}`, () => search(expression, doc.text)));
      }
    }
    return out;
  },
  bytes(): Outcome[] {
    const out: Outcome[] = [];
    for (const doc of hostileByteDocuments(SEED)) {
      for (const expression of BYTES_EXPRESSIONS) out.push(outcome(`${doc.name} | ${expression}`, () => searchAs(expression, Buffer.from(doc.bytes))));
    }
    return out;
  },
  exprefs(): Outcome[] {
    const out: Outcome[] = [];
    for (const expression of EXPRESSION_REFERENCE_RESULTS) {
      for (const output of OUTPUT_FORMATS) out.push(outcome(`${expression} as ${output}`, () => searchAs(expression, EXPREF_DOC, { output })));
    }
    return out;
  },
  /** Results whose printing passes the longest string JavaScript holds, in every format (fuzzing: the table's was Node's own error, without a kind). */
  'huge-output'(): Outcome[] {
    const doc = JSON.stringify({ a: 'x'.repeat(1_100_000) });
    const copies = '[a]' + ' | [@,@,@,@,@,@,@,@][]'.repeat(3); // 512 texts of 1.1 M characters: more than 536 M printed
    return OUTPUT_FORMATS.map((output) => outcome(`${copies} as ${output}`, () => String(searchAs(copies, doc, { output }).length)));
  },
  multiply(): Outcome[] {
    return multiplyingQueries().map((expression) => outcome(expression, () => String(searchAs(expression, MILLION_INTEGERS).length)));
  },
  cli(): Outcome[] {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hostile-cli-'));
    const out: Outcome[] = [];
    try {
      hostileByteDocuments(SEED).forEach((doc, i) => {
        const file = path.join(dir, 'doc.json');
        fs.writeFileSync(file, doc.bytes);
        out.push(cliOutcome(`${doc.name} (file)`, ['@', file]));
        if (i % 3 === 0) out.push(cliOutcome(`${doc.name} (stdin)`, ['keys(@)'], doc.bytes)); // a third: each spawn costs
      });
      for (const expression of EXPRESSION_REFERENCE_RESULTS) {
        for (const output of ['json', 'table']) out.push(cliOutcome(`${expression} as ${output}`, ['--output', output, expression], Buffer.from(EXPREF_DOC)));
      }
      for (const size of HUGE_SIZES) out.push(cliOutcome(`sparse ${size} bytes`, ['@', sparseFile(dir, size)]));
      const million = path.join(dir, 'million.json');
      fs.writeFileSync(million, MILLION_INTEGERS);
      for (const expression of multiplyingQueries()) out.push(cliOutcome(`multiplying: ${expression}`, [expression, million]));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return out;
  },
  async worker(): Promise<Outcome[]> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hostile-worker-'));
    try {
      const million = path.join(dir, 'million.json');
      fs.writeFileSync(million, MILLION_INTEGERS);
      const byteCases = hostileByteDocuments(SEED).flatMap((doc) => {
        const file = path.join(dir, `${doc.name.replace(/[^A-Za-z0-9]+/g, '_')}.json`);
        fs.writeFileSync(file, doc.bytes);
        return [{ name: `${doc.name} (disk)`, load: { path: file }, expression: 'keys(@)' }, { name: `${doc.name} (bytes)`, load: { bytes: doc.bytes }, expression: '@' }];
      });
      return await workerOutcomes([
        ...byteCases,
        ...HUGE_SIZES.map((size) => ({ name: `sparse ${size} bytes`, load: { path: sparseFile(dir, size) } })),
        ...EXPRESSION_REFERENCE_RESULTS.map((expression) => ({ name: `expref ${expression}`, load: { text: EXPREF_DOC }, expression })),
        ...multiplyingQueries().map((expression) => ({ name: `multiplying: ${expression}`, load: { path: million }, expression })),
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
  invalidJson(): Outcome[] {
    return hostileInvalidDocuments().map((doc) => outcome(doc.name, () => search('@', doc.text)));
  },
  output(): Outcome[] {
    const out: Outcome[] = [];
    for (const c of outputCases()) out.push(outcome(c.name, () => searchAs(c.expression, c.document, { output: c.output, title: 'DescribeThings' })));
    return out;
  },
  compile(): Outcome[] {
    return hostileExpressions(SEED).map((e, i) => outcome(`expression #${i}`, () => { compile(e); return 'compiled'; }));
  },
  sources(): Outcome[] {
    // highlights and "Copy JMESPath Path": source ranges of results, and the path at any offset
    const out: Outcome[] = [];
    const r = rng(SEED);
    for (const doc of hostileValidDocuments(SEED).filter((d) => !d.huge)) {
      out.push(guard(`${doc.name}: sources`, () => {
        const parsed = JsonDocument.parse(doc.text, { withSourceMap: true });
        for (const expression of ['@', '*', 'a', 'a[*]', 'keys(@)', '[]', '@.*']) {
          try {
            const traced = parsed.searchWithSources(expression, 50);
            for (const [s, e] of traced.ranges) if (!(s >= 0 && e <= doc.text.length && s <= e)) throw new Error(`range ${s}-${e} outside the document`);
          } catch (e) {
            if (!(e instanceof JmesPathError)) throw e;
          }
        }
        const map = parsed.getSourceMap();
        for (let k = 0; k < 200; k++) {
          const offset = Math.floor(r() * (doc.text.length + 2)) - 1;
          const found = pathAtOffset(parsed.value, map, offset);
          if (found && !(found.range[0] >= 0 && found.range[1] <= doc.text.length && found.range[0] <= found.range[1])) throw new Error(`path range ${found.range} outside the document (offset ${offset})`);
        }
      }));
    }
    return out;
  },
  scripts(): Outcome[] {
    const out: Outcome[] = [];
    const languages: ScriptLanguage[] = ['bash', 'powershell', 'cmd', 'python'];
    hostileScripts(SEED).forEach((script, i) => {
      for (const language of languages) {
        out.push(guard(`script #${i} as ${language}`, () => {
          const problems = checkScript(script, language, loadModel);
          for (const p of problems) {
            // an unterminated query may be underlined up to one past the end (the editor clamps that)
            if (!(p.start >= 0 && p.start <= script.length && p.end <= script.length + 1 && p.start <= p.end)) throw new Error(`problem range ${p.start}-${p.end} outside the script (${p.message})`);
            if (!p.message) throw new Error('a problem without a message');
          }
          if (language === 'python') findPythonQueries(script);
          else findCliCommands(script, language);
          return `${problems.length} problems`;
        }));
      }
    });
    return out;
  },
  capacity(): Outcome[] {
    const out: Outcome[] = [];
    const items = hostileItems();
    items.forEach((item, i) => out.push(guard(`item #${i}`, () => {
      const result = computeCapacity({ item, reads: { count: 10, perSeconds: 1, consistency: 'eventual' }, writes: { count: 1, perSeconds: 1 } });
      if (result.errors.length === 0 && result.itemSizeBytes === undefined) throw new Error('no size and no error');
      if (result.errors.some((e) => !e.message || /undefined|\[object|TypeError|Cannot read/.test(e.message))) throw new Error(`a JavaScript message reached the user: ${JSON.stringify(result.errors)}`);
      return result.errors.length ? `errors: ${result.errors.map((e) => e.field).join(', ')}` : `${result.itemSizeBytes} bytes`;
    })));
    hostileNumbers.forEach((n, i) => out.push(guard(`number #${i}`, () => {
      const result = computeCapacity({
        itemSizeBytes: n as number, reads: { count: n as number, perSeconds: n as number }, writes: { count: n as number, perSeconds: 1 },
        gsis: { count: n as number, projectedSizeBytes: n as number }, prices: { readRequestPerMillion: n as number },
      });
      const numbers = [result.reads?.provisioned, result.writes?.provisioned, result.cost?.onDemandMonthly, result.cost?.provisionedMonthly];
      if (numbers.some((x) => x !== undefined && !Number.isFinite(x))) throw new Error(`a non-finite figure: ${JSON.stringify(numbers)}`);
      return result.errors.length ? `errors: ${result.errors.map((e) => e.field).join(', ')}` : 'ok';
    })));
    return out;
  },
  analysis(): Outcome[] {
    // what runs as the user types a query: completion, hover, signature help and lints, on the
    // data a query file or the palette is bound to (read exactly, as the editor's retry ends in)
    const out: Outcome[] = [];
    const expressions = hostileExpressions(SEED);
    const sources: [string, DataSource][] = [['no data', { kind: 'none' }], ['a million integers', { kind: 'json', root: JSON.parse(MILLION_INTEGERS) }]];
    for (const doc of hostileValidDocuments(SEED)) sources.push([doc.name, { kind: 'json', root: JsonDocument.parse(doc.text, { exact: true }).value }]);
    for (const [name, data] of sources) {
      const big = name === 'a million integers' || hostileValidDocuments(SEED).find((d) => d.name === name)?.huge;
      const multiplying = multiplyingQueries();
      for (const query of [...(big ? EXPRESSIONS_FOR_HUGE : expressions), ...multiplying]) {
        out.push(guard(`${name}: ${query.slice(0, 60)}`, () => {
          for (const offset of big || multiplying.includes(query) ? [query.length] : [0, query.length >> 1, query.length]) {
            const items = complete(query, offset, data);
            if (!(items.start >= 0 && items.start <= items.end && items.end <= query.length)) throw new Error(`completion range ${items.start}-${items.end} outside the query`);
            const info = hover(query, offset, data);
            if (info && !(info.start >= 0 && info.start <= info.end && info.end <= query.length)) throw new Error(`hover range ${info.start}-${info.end} outside the query`);
            if (info && /\[object|undefined|RangeError|invalid size/.test(info.markdown)) throw new Error(`a JavaScript message in a hover: ${info.markdown.slice(0, 200)}`);
            signatureHelp(query, offset);
          }
          const lints = diagnose(query, data);
          for (const d of lints) if (!(d.start >= 0 && d.start <= d.end && d.end <= query.length)) throw new Error(`lint ${d.code} at ${d.start}-${d.end} outside the query`);
          return `${lints.length} lints`;
        }));
      }
    }
    return out;
  },
  seedFiles(): Outcome[] {
    const out: Outcome[] = [];
    hostileSeedFiles().forEach((text, i) => {
      for (const [file, check] of [['user-data', checkUserData], ['meta-data', checkMetaData]] as const) {
        out.push(guard(`${file} #${i}`, () => {
          const problems = check(text);
          if (problems.length > 502) throw new Error(`${problems.length} problems: the list is not capped`);
          for (const p of problems) {
            if (!(p.start >= 0 && p.start <= p.end && p.end <= text.length)) throw new Error(`problem range ${p.start}-${p.end} outside the file (${p.message})`);
            if (!p.code || !p.message) throw new Error('a problem without a code or a message');
            if (/call stack|RangeError|undefined|\[object|please use/i.test(p.message)) throw new Error(`a library or JavaScript message reached the user: ${p.message}`);
          }
          return `${problems.length} problems`;
        }));
      }
    });
    return out;
  },
  queryFiles(): Outcome[] {
    return hostileQueryFiles().map((text, i) => guard(`query file #${i}`, () => {
      const blocks = splitQueries(text);
      for (const b of blocks) {
        if (!(b.start >= 0 && b.end <= text.length && b.start <= b.end)) throw new Error(`block ${b.start}-${b.end} outside the file`);
        try { compile(b.text); } catch (e) { if (!(e instanceof JmesPathError)) throw e; }
      }
      return `${blocks.length} blocks`;
    }));
  },
};

export const SUITES = Object.keys(suites);

export const OUTPUT_EXPRESSIONS = ['@', '*', 'a', 'b', '[]', 'keys(@)', 'values(@)', '@.*', '[a, b]', '{x: a, y: b}'];

/** Every valid, not huge, document through every output format. */
export function outputCases(): { name: string; expression: string; document: string; output: (typeof OUTPUT_FORMATS)[number]; pythonReads: boolean }[] {
  const cases = [];
  for (const doc of hostileValidDocuments(SEED).filter((d) => !d.huge)) {
    for (const [i, expression] of OUTPUT_EXPRESSIONS.entries()) {
      for (const output of OUTPUT_FORMATS) cases.push({ name: `${doc.name} #${i} as ${output}`, expression, document: doc.text, output, pythonReads: doc.pythonReads });
    }
  }
  return cases;
}

if (require.main === module) {
  const name = process.argv[2];
  const suite = suites[name];
  if (!suite) {
    process.stderr.write(`unknown suite ${name}; one of ${SUITES.join(', ')}\n`);
    process.exit(2);
  }
  void Promise.resolve(suite()).then((outcomes) => {
    for (const o of outcomes) process.stdout.write(JSON.stringify(o) + '\n');
  });
}
