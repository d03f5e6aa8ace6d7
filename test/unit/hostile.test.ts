// The hostile corpus (hostileCorpus.ts) through every core entry point: each case ends in an
// answer or a clear error with a kind, never a crash or a hang, and where jmespath.py can read the
// input too, the answer is the CLI's.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { findCliCommands } from '../../src/core/aws/scriptScan';
import { askOracle } from './oracle';
import { EXPRESSIONS_FOR_HUGE, Outcome, SEED, outputCases } from './hostileRunner';
import { askOutputOracle } from './outputOracle';
import { EXPRESSION_REFERENCE_RESULTS, hostileByteDocuments, hostileExpressions, hostileValidDocuments, multiplyingQueries, mutatedJsonTexts } from './hostileCorpus';
import { JmesPathError } from '../../src/core/jmespath/errors';
import { EXPRESSION_REFERENCE_MESSAGE } from '../../src/core/jmespath/errors';
import { search as searchAs } from '../../src/core/output';
import { HUGE_SIZES } from './hostileRunner';

const KNOWN_KINDS = ['syntax', 'invalid-type', 'invalid-value', 'invalid-arity', 'unknown-function', 'invalid-json', 'too-deep', 'too-large', 'output-format', 'invalid-option', 'limit-exceeded'];

/** Runs a suite in a child process: a hang (over `seconds`) fails the test instead of stalling the run. */
function runSuite(name: string, seconds: number): Outcome[] {
  const r = spawnSync(process.execPath, ['--stack-size=984', require.resolve('./hostileRunner'), name], {
    encoding: 'utf8', timeout: seconds * 1000, maxBuffer: 1 << 30,
  });
  if (r.error || r.signal) assert.fail(`suite ${name} did not finish in ${seconds} s (${r.error?.message ?? r.signal}): a hang`);
  assert.strictEqual(r.status, 0, `suite ${name} crashed the process:\n${r.stderr.slice(0, 2000)}`);
  return r.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Outcome);
}

function assertNoCrash(outcomes: Outcome[]): void {
  const crashes = outcomes.filter((o): o is Outcome & { crash: string } => 'crash' in o);
  assert.deepStrictEqual(crashes.slice(0, 10), [], `${crashes.length} of ${outcomes.length} cases crashed`);
  for (const o of outcomes) {
    if ('error' in o) assert.ok(KNOWN_KINDS.includes(o.error.kind), `${o.case}: unknown error kind ${o.error.kind}`);
  }
}

describe('hostile corpus', function () {
  this.timeout(600000);
  let engine: Outcome[] | undefined;
  const engineOutcomes = () => (engine ??= runSuite('engine', 300));

  it('documents x expressions: answers or errors with a kind, and the CLI\'s answer wherever jmespath.py reads the input', () => {
    const outcomes = engineOutcomes();
    assertNoCrash(outcomes);
    const expressions = hostileExpressions(SEED);
    const cases: { expression: string; document: string; index: number }[] = [];
    let index = 0;
    for (const doc of hostileValidDocuments(SEED)) {
      for (const expression of doc.huge ? EXPRESSIONS_FOR_HUGE : expressions) {
        // where we ran out of room, Python would spend minutes and gigabytes finding the same
        const ours = outcomes[index];
        const outOfRoom = 'error' in ours && (ours.error.kind === 'too-large' || ours.error.kind === 'too-deep');
        if (doc.pythonReads && !doc.huge && !outOfRoom) cases.push({ expression, document: doc.text, index });
        index++;
      }
    }
    assert.strictEqual(index, outcomes.length);
    assert.ok(cases.length > 1500, `only ${cases.length} cases reach the oracle`);
    const oracle = askOracle(cases);
    const differences: string[] = [];
    cases.forEach((c, i) => {
      const theirs = oracle[i];
      const ours = outcomes[c.index];
      // Python runs out of stack (RecursionError) where we have more: then any clear outcome is fine
      if (theirs.error && (theirs.error.kind === 'too-deep' || theirs.error.kind === 'RecursionError')) return;
      const mine = 'stdout' in ours ? { stdout: ours.stdout } : 'error' in ours ? { error: { kind: ours.error.kind, message: ours.error.message, column: ours.error.column } } : ours;
      if (JSON.stringify(mine) !== JSON.stringify(theirs)) {
        differences.push(`${JSON.stringify(c.expression.slice(0, 120))} on ${ours.case}\n  jmespath.py ${JSON.stringify(theirs).slice(0, 300)}\n  ours        ${JSON.stringify(mine).slice(0, 300)}`);
      }
    });
    assert.ok(differences.length === 0, `${differences.length} of ${cases.length} differ from jmespath.py:\n${differences.slice(0, 80).join('\n')}`);
  });

  it('valid JSON is never reported as invalid (byte order mark included)', () => {
    const misread = engineOutcomes().filter((o) => 'error' in o && o.error.kind === 'invalid-json');
    assert.deepStrictEqual(misread.slice(0, 5), []);
  });

  it('huge and very deep documents answer or fail with too-deep', () => {
    const outcomes = engineOutcomes().filter((o) => /\(100,000\)|\(50,000\)|long string|long array|wide object/.test(o.case));
    assert.ok(outcomes.length > 0);
    for (const o of outcomes) {
      assert.ok('stdout' in o || ('error' in o && o.error.kind !== 'invalid-json'), `${o.case}: ${JSON.stringify(o).slice(0, 300)}`);
    }
  });

  it('text that is not JSON is invalid-json with a line and column, never guessed at', () => {
    const outcomes = runSuite('invalidJson', 120);
    assertNoCrash(outcomes);
    for (const o of outcomes) {
      assert.ok('error' in o, `${o.case}: read as JSON: ${JSON.stringify(o).slice(0, 200)}`);
      if (o.case === 'deep unclosed' && o.error.kind === 'too-deep') continue;
      assert.strictEqual(o.error.kind, 'invalid-json', o.case);
      assert.ok(o.error.line! >= 1 && o.error.jsonColumn! >= 1, `${o.case}: no position in ${JSON.stringify(o.error)}`);
    }
  });

  it('JSON with characters inserted, deleted or replaced: read exactly when Python\'s json.loads reads it, else invalid-json at a line and column', () => {
    const cases = mutatedJsonTexts(SEED, 3000).map((document, i) => ({ expression: ['@', 'length(@)', 'keys(@)', '[0]'][i % 4], document }));
    const oracle = askOracle(cases);
    const failures: string[] = [];
    cases.forEach((c, i) => {
      const python = oracle[i];
      // json.loads fails with a ValueError whose message ends in its position
      const pythonRejects = python.error !== undefined && /line \d+ column \d+ \(char \d+\)$/.test(python.error.message);
      try {
        const out = searchAs(c.expression, c.document);
        if (pythonRejects || out !== python.stdout) failures.push(`${JSON.stringify(c.document)}: ours ${JSON.stringify(out)}, python ${JSON.stringify(python)}`);
      } catch (e) {
        if (!(e instanceof JmesPathError)) throw e;
        const readAsPython = pythonRejects ? e.kind === 'invalid-json' && e.line! >= 1 && e.jsonColumn! >= 1 : python.error?.kind === e.kind && python.error.message === e.message;
        if (!readAsPython) failures.push(`${JSON.stringify(c.document)}: ours ${e.kind} ${e.message}, python ${JSON.stringify(python)}`);
      }
    });
    assert.deepStrictEqual(failures.slice(0, 8), [], `${failures.length} of ${cases.length} differ`);
    const rejected = oracle.filter((o) => o.error && /\(char \d+\)$/.test(o.error.message)).length;
    assert.ok(rejected > 1000 && rejected < 2900, `both outcomes reached (${rejected} rejected)`);
  });

  it('every output format prints hostile results, and text and table as the CLI\'s formatter does', () => {
    const outcomes = runSuite('output', 300);
    assertNoCrash(outcomes);
    const cases = outputCases();
    assert.strictEqual(outcomes.length, cases.length);
    const compared = cases.map((c, index) => ({ ...c, index, title: 'DescribeThings' }))
      .filter((c) => c.pythonReads && (c.output === 'text' || c.output === 'table'))
      .filter((c) => !('error' in outcomes[c.index] && ['too-deep', 'too-large'].includes((outcomes[c.index] as { error: { kind: string } }).error.kind)));
    assert.ok(compared.length > 200, `only ${compared.length} cases reach the formatter oracle`);
    const oracle = askOutputOracle(compared);
    const differences: string[] = [];
    compared.forEach((c, i) => {
      const ours = outcomes[c.index];
      const theirs = oracle[i];
      if (theirs.error?.kind === 'too-deep') return;
      const same = 'stdout' in ours ? theirs.stdout === ours.stdout : 'error' in ours && theirs.error?.kind === ours.error.kind && theirs.error.message === ours.error.message;
      if (!same) differences.push(`${c.name}: ${JSON.stringify(c.expression)}\n  CLI  ${JSON.stringify(theirs).slice(0, 300)}\n  ours ${JSON.stringify(ours).slice(0, 300)}`);
    });
    assert.ok(differences.length === 0, `${differences.length} of ${compared.length} differ from awscli.formatter:\n${differences.slice(0, 12).join('\n')}`);
  });

  it('JSON bytes: only UTF-8 is read; other bytes, UTF-16/32 and stray byte order marks are invalid-json that say where and what', () => {
    const outcomes = runSuite('bytes', 120);
    assertNoCrash(outcomes);
    const docs = hostileByteDocuments(SEED);
    assert.strictEqual(outcomes.length, docs.length * 2);
    docs.forEach((doc, i) => {
      for (const o of outcomes.slice(2 * i, 2 * i + 2)) checkBytesOutcome(doc, o);
    });
  });

  it('expression references as results are invalid-type in every output format, never a printed syntax tree', () => {
    const outcomes = runSuite('exprefs', 120);
    assertNoCrash(outcomes);
    assert.strictEqual(outcomes.length, EXPRESSION_REFERENCE_RESULTS.length * 5);
    for (const o of outcomes) {
      assert.ok('error' in o, `${o.case}: ${JSON.stringify(o).slice(0, 300)}`);
      assert.deepStrictEqual([o.error.kind, o.error.message], ['invalid-type', EXPRESSION_REFERENCE_MESSAGE], o.case);
    }
  });

  it('a result printed past the longest string JavaScript holds is too-large in every format, at once', () => {
    const outcomes = runSuite('huge-output', 120);
    assertNoCrash(outcomes);
    assert.strictEqual(outcomes.length, 5);
    for (const o of outcomes) assert.ok('error' in o && o.error.kind === 'too-large', `${o.case}: ${JSON.stringify(o).slice(0, 300)}`);
  });

  it('multiplying queries on a million integers answer or stop with a kind (limit-exceeded, too-large), never a fatal V8 error', () => {
    const outcomes = runSuite('multiply', 600);
    assertNoCrash(outcomes);
    assert.strictEqual(outcomes.length, multiplyingQueries().length);
    for (const o of outcomes) assert.ok('stdout' in o || ('error' in o && ['limit-exceeded', 'too-large'].includes(o.error.kind)), `${o.case}: ${JSON.stringify(o).slice(0, 300)}`);
  });

  it('the CLI (dist/cli.js) on hostile bytes, sparse huge files, expression references and multiplying queries: exit 0/252/255 with one message, never a stack trace', () => {
    const outcomes = runSuite('cli', 540);
    assertNoCrash(outcomes);
    const detail = (name: string) => (outcomes.find((o) => o.case === name) as { detail?: string } | undefined)?.detail ?? 'missing';
    for (const size of HUGE_SIZES) assert.match(detail(`sparse ${size} bytes`), /^exit 255: .*\.json is [\d.]+ [MG]iB \([\d,]+ bytes\): more than the 536,870,888 bytes \(512 MiB\)/);
    for (const [i, doc] of hostileByteDocuments(SEED).entries()) {
      for (const how of i % 3 === 0 ? ['file', 'stdin'] : ['file']) {
        const d = detail(`${doc.name} (${how})`);
        if ('text' in doc.expect) assert.match(d, /^exit 0/, doc.name);
        else assert.match(d, /^exit 255: Invalid JSON: /, `${doc.name}: ${d}`);
      }
    }
    for (const expression of EXPRESSION_REFERENCE_RESULTS) assert.strictEqual(detail(`${expression} as table`), `exit 255: ${EXPRESSION_REFERENCE_MESSAGE}`);
  });

  it('the query worker (dist/queryWorker.js in a worker thread) on the same: answers or errors with a kind, and stays up', async () => {
    const outcomes = runSuite('worker', 540);
    assertNoCrash(outcomes);
    const docs = hostileByteDocuments(SEED);
    for (const doc of docs) {
      for (const how of ['disk', 'bytes']) {
        const o = outcomes.find((x) => x.case === `${doc.name} (${how})`);
        assert.ok(o, `${doc.name} (${how}) missing`);
        checkBytesOutcome(doc, o, how === 'disk' ? 'keys(@)' : '@');
      }
    }
    for (const size of HUGE_SIZES) {
      const o = outcomes.find((x) => x.case === `sparse ${size} bytes`);
      assert.ok(o && 'error' in o && o.error.kind === 'too-large' && /more than the 536,870,888 bytes \(512 MiB\)/.test(o.error.message), JSON.stringify(o));
    }
    for (const expression of EXPRESSION_REFERENCE_RESULTS) {
      const o = outcomes.find((x) => x.case === `expref ${expression}`);
      assert.ok(o && 'error' in o && o.error.message === EXPRESSION_REFERENCE_MESSAGE, JSON.stringify(o));
    }
    for (const expression of multiplyingQueries()) {
      const o = outcomes.find((x) => x.case === `multiplying: ${expression}`);
      assert.ok(o && ('stdout' in o || ('error' in o && ['limit-exceeded', 'too-large'].includes(o.error.kind))), JSON.stringify(o).slice(0, 300));
    }
  });

  it('every hostile expression compiles or fails with a kind', () => {
    assertNoCrash(runSuite('compile', 120));
  });

  it('source ranges and JSON paths stay inside the document', () => {
    assertNoCrash(runSuite('sources', 300));
  });

  it('script checks survive hostile shell, PowerShell, cmd and Python scripts', () => {
    assertNoCrash(runSuite('scripts', 300));
  });

  it('an aws on a continuation line is an argument of the command above, not a command (and long continued lines stay linear)', () => {
    assert.deepStrictEqual(findCliCommands('aws ec2 describe-instances \\\n  aws s3 ls\n', 'bash').map((c) => `${c.service} ${c.operation}`), ['ec2 describe-instances']);
    assert.deepStrictEqual(findCliCommands('ids=$(aws ec2 describe-instances \\\n --filters "$(aws ec2 describe-tags)")', 'bash').map((c) => c.operation), ['describe-instances', 'describe-tags']);
    const started = Date.now();
    assert.strictEqual(findCliCommands('aws ec2 describe-instances \\\n'.repeat(3000), 'bash').length, 1);
    assert.ok(Date.now() - started < 20000, 'a 3,000-line continued command took over 20 s');
  });

  it('the capacity calculator gives field errors, never JavaScript messages or non-finite figures', () => {
    assertNoCrash(runSuite('capacity', 120));
  });

  it('completion, hover, signature help and lints on hostile data and queries (multiplying ones too): bounded, never a fatal V8 error', () => {
    const outcomes = runSuite('analysis', 600);
    assertNoCrash(outcomes);
    assert.ok(outcomes.length > 1000, `${outcomes.length} cases`);
  });

  it('cloud-init seed files: capped problems with a code and our own words, never a library or stack message', () => {
    assertNoCrash(runSuite('seedFiles', 120));
  });

  it('query files split into blocks inside the file', () => {
    assertNoCrash(runSuite('queryFiles', 120));
  });
});

/** A bytes case: valid UTF-8 answers as its text does; anything else is invalid-json that names its problem. */
function checkBytesOutcome(doc: ReturnType<typeof hostileByteDocuments>[number], o: Outcome, expression?: string): void {
  if ('text' in doc.expect) {
    assert.ok('stdout' in o, `${o.case}: ${JSON.stringify(o).slice(0, 300)}`);
    if (expression) assert.strictEqual(o.stdout, searchAs(expression, doc.expect.text), o.case);
    return;
  }
  assert.ok('error' in o && o.error.kind === 'invalid-json', `${o.case}: ${JSON.stringify(o).slice(0, 300)}`);
  const { message, line, jsonColumn } = o.error;
  assert.ok(line! >= 1 && jsonColumn! >= 1, `${o.case}: no position`);
  assert.ok(!/[\ufeff\ufffd\u0000]/.test(message), `${o.case}: an invisible or replacement character in ${JSON.stringify(message)}`);
  const words = { 'not-utf8': /Not UTF-8 at line \d+, column \d+ \(byte offset \d+\): .*JSON must be UTF-8 \(RFC 8259\)/, 'other-encoding': /UTF-(16|32) \(/, 'byte-order-mark': /byte order mark/, json: /^Invalid JSON: / }[doc.expect.invalid];
  assert.match(message, words, o.case);
}
