// The provenance tracer (highlights) walks the AST beside the interpreter: on every case of the
// JMESPath compliance suite (test/fixtures/compliance, MIT) that is not an error, both must give the
// same result, and every range the tracer reports must hold, in the document text, the value it
// says it holds. When the tracer says nothing was computed, its ranges must make up the result.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { compile, JsonDocument } from '../../src/core/jmespath';
import { traceParts, TracedPart } from '../../src/core/jmespath/provenance';
import { parseJson } from '../../src/core/json/parse';
import { dumps } from '../../src/core/json/print';
import { JsonValue, isObject, objectValues } from '../../src/core/json/values';
import { generateCases, generateGrammarCases } from './differentialCases';

const dir = path.resolve(__dirname, '../../../test/fixtures/compliance');
const SEED = 20261126;
const GENERATED = 4000;

interface SuiteCase { file: string; expression: string; document: string }

/** Cases without an expected error, each with its `given` printed as a document (indented, so ranges span lines). */
function nonErrorCases(): SuiteCase[] {
  const cases: SuiteCase[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const groups = parseJson(fs.readFileSync(path.join(dir, file), 'utf8')).value as never as { given: JsonValue; cases: { expression: string; error?: string }[] }[];
    for (const group of groups) {
      const document = dumps(group.given);
      for (const c of group.cases) if (c.error === undefined) cases.push({ file, expression: c.expression, document });
    }
  }
  return cases;
}

/** Whether `parts` lay out `value` exactly: each part is the value, or one element of a list (or value of an object) built from parts; a null may come from nowhere. */
function assembles(value: JsonValue, parts: TracedPart[]): boolean {
  const ends = (v: JsonValue, at: number): number[] => {
    const out: number[] = [];
    if (v === null) out.push(at); // a missing value: null from nowhere
    if (at < parts.length && dumps(parts[at].value) === dumps(v)) out.push(at + 1);
    // a list built of parts, or an object a multiselect built (its values in key order)
    const elements = Array.isArray(v) ? v : isObject(v) ? objectValues(v) : undefined;
    if (elements) {
      let positions = [at];
      for (const element of elements) positions = [...new Set(positions.flatMap((p) => ends(element, p)))];
      out.push(...positions);
    }
    return out;
  };
  return ends(value, 0).includes(parts.length);
}

/**
 * What is wrong with the tracer on one case: a result other than the evaluator's, a range that does
 * not hold the value the tracer claims, or ranges that do not make up a result said to be taken
 * whole from the document. `evaluatorMayFail`: skip cases the evaluator rejects (generated ones).
 */
/** Cases whose trace reported document ranges (so the range checks had something to check). */
const traced = { withRanges: 0 };

function disagreements(expression: string, document: string, evaluatorMayFail: boolean): string[] {
  const failures: string[] = [];
  const where = `${expression} on ${document.replace(/\s+/g, ' ').slice(0, 80)}`;
  let expected: string;
  try {
    expected = JsonDocument.parse(document).searchText(expression).text;
  } catch (e) {
    return evaluatorMayFail ? [] : [`${where}: the evaluator throws ${(e as Error).message}`];
  }
  let tracedText: string;
  try {
    tracedText = JsonDocument.parse(document, { withSourceMap: true }).searchWithSources(expression).text;
  } catch (e) {
    return [`${where}: the tracer throws ${(e as Error).message}, the evaluator gives ${expected}`];
  }
  if (tracedText !== expected) return [`${where}:\n  evaluator ${expected}  tracer    ${tracedText}`];
  const read = parseJson(document, { withSourceMap: true });
  const { value, parts, computed } = traceParts(compile(expression), read.value, read.sourceMap!);
  if (parts.length) traced.withRanges++;
  for (const part of parts) {
    const [start, end] = part.range;
    const text = document.slice(start, end);
    let inText: string;
    try {
      inText = dumps(parseJson(text).value);
    } catch {
      inText = `(not JSON: ${JSON.stringify(text)})`;
    }
    if (inText !== dumps(part.value)) failures.push(`${where}: range [${start}, ${end}) holds ${inText}, the tracer says ${dumps(part.value)}`);
  }
  // a highlight limit keeps the first parts, still counts them all and still sees computed values
  const limited = traceParts(compile(expression), read.value, read.sourceMap!, 1);
  const limitedOk = limited.total === parts.length && limited.computed === computed
    && JSON.stringify(limited.parts.map((p) => p.range)) === JSON.stringify(parts.slice(0, 1).map((p) => p.range));
  if (!limitedOk) failures.push(`${where}: with a limit of 1: ${limited.parts.length} parts, total ${limited.total}, computed ${limited.computed}; without: ${parts.length} parts, computed ${computed}`);
  if (!computed && !assembles(value, parts)) {
    failures.push(`${where}: nothing computed, yet the ranges ${JSON.stringify(parts.map((p) => dumps(p.value)))} do not make up ${dumps(value)}`);
  }
  return failures;
}

describe('provenance tracer and evaluator agree on the compliance suite', function () {
  this.timeout(120000);
  const cases = nonErrorCases();

  it('has every non-error case', () => {
    // the suite's 908 cases less its 150 error cases (benchmarks included: they expect no error)
    assert.strictEqual(cases.length, 758);
  });

  const byFile = new Map<string, SuiteCase[]>();
  for (const c of cases) byFile.set(c.file, [...(byFile.get(c.file) ?? []), c]);
  for (const [file, group] of byFile) {
    it(`${file}: ${group.length} cases give the same result traced, with ranges that hold their values`, () => {
      const failures: string[] = [];
      for (const c of group) failures.push(...disagreements(c.expression, c.document, false));
      assert.deepStrictEqual(failures, []);
    });
  }
});

describe('provenance tracer and evaluator agree on generated cases', function () {
  this.timeout(120000);
  it(`${GENERATED} cases of the differential generator (seed ${SEED})`, () => {
    const before = traced.withRanges;
    const failures = generateCases(SEED, GENERATED).flatMap((c) => disagreements(c.expression, c.document, true));
    assert.ok(traced.withRanges - before >= 200, `only ${traced.withRanges - before} generated cases were traced to document ranges`);
    assert.ok(failures.length === 0, `${failures.length} disagreements; first ones:\n${failures.slice(0, 8).join('\n')}`);
  });

  it(`${GENERATED} expressions grown from the grammar (seed ${SEED})`, () => {
    const failures = generateGrammarCases(SEED, GENERATED).flatMap((c) => disagreements(c.expression, c.document, true));
    assert.ok(failures.length === 0, `${failures.length} disagreements; first ones:\n${failures.slice(0, 8).join('\n')}`);
  });
});

describe('provenance of a list the document holds', () => {
  it("is the list's elements, as many as the result's count (trial 14: the status bar said 1 value, the palette 2)", () => {
    const text = '{"Item": {"Tags": {"SS": ["prod", "web"]}, "Empty": []}}';
    const read = parseJson(text, { withSourceMap: true });
    const { parts } = traceParts(compile('Item.Tags.SS'), read.value, read.sourceMap!);
    assert.deepStrictEqual(parts.map((p) => text.slice(p.range[0], p.range[1])), ['"prod"', '"web"']);
    assert.deepStrictEqual(traceParts(compile('Item.Empty'), read.value, read.sourceMap!).parts, []);
  });
});

describe('provenance of multiselects', () => {
  it('highlights the document values a multiselect list or object is made of (trial 23: {id: InstanceId} highlighted nothing)', () => {
    const text = '{"Instances": [{"InstanceId": "i-1", "InstanceType": "t3.micro"}, {"InstanceId": "i-2", "InstanceType": "m5.large"}]}';
    const read = parseJson(text, { withSourceMap: true });
    const shown = (expression: string) => {
      const { parts, computed } = traceParts(compile(expression), read.value, read.sourceMap!);
      return { parts: parts.map((p) => text.slice(p.range[0], p.range[1])), computed };
    };
    assert.deepStrictEqual(shown('Instances[].{id: InstanceId, type: InstanceType}'), { parts: ['"i-1"', '"t3.micro"', '"i-2"', '"m5.large"'], computed: false });
    assert.deepStrictEqual(shown('Instances[].[InstanceId, InstanceType]'), { parts: ['"i-1"', '"t3.micro"', '"i-2"', '"m5.large"'], computed: false });
    // a key written twice keeps its last value; a computed value is said to be computed
    assert.deepStrictEqual(shown('Instances[0].{a: InstanceId, a: InstanceType}'), { parts: ['"t3.micro"'], computed: false });
    assert.deepStrictEqual(shown('Instances[0].{id: InstanceId, n: length(InstanceType)}'), { parts: ['"i-1"'], computed: true });
  });
});
