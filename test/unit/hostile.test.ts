// The hostile corpus (hostileCorpus.ts) through every core entry point: each case ends in an
// answer or a clear error with a kind, never a crash or a hang, and where jmespath.py can read the
// input too, the answer is the CLI's.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { findCliCommands } from '../../src/core/aws/scriptScan';
import { askOracle } from './oracle';
import { EXPRESSIONS_FOR_HUGE, Outcome, SEED, outputCases } from './hostileRunner';
import { askOutputOracle } from './outputOracle';
import { hostileExpressions, hostileValidDocuments } from './hostileCorpus';

const KNOWN_KINDS = ['syntax', 'invalid-type', 'invalid-value', 'invalid-arity', 'unknown-function', 'invalid-json', 'too-deep', 'too-large', 'output-format', 'invalid-option'];

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

  it('query files split into blocks inside the file', () => {
    assertNoCrash(runSuite('queryFiles', 120));
  });
});
