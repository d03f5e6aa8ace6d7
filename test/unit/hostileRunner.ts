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
  hostileExpressions, hostileInvalidDocuments, hostileItems, hostileNumbers, hostileQueryFiles, hostileScripts, hostileValidDocuments, rng,
} from './hostileCorpus';

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

const suites: Record<string, () => Outcome[]> = {
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
  for (const o of suite()) process.stdout.write(JSON.stringify(o) + '\n');
}
