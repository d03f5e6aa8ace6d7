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
import { JsonValue } from '../../src/core/json/values';

const dir = path.resolve(__dirname, '../../../test/fixtures/compliance');

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

/** Whether `parts` lay out `value` exactly: each part is the value, or one element of a list built from parts; a null may come from nowhere. */
function assembles(value: JsonValue, parts: TracedPart[]): boolean {
  const ends = (v: JsonValue, at: number): number[] => {
    const out: number[] = [];
    if (v === null) out.push(at); // a missing value: null from nowhere
    if (at < parts.length && dumps(parts[at].value) === dumps(v)) out.push(at + 1);
    if (Array.isArray(v)) {
      let positions = [at];
      for (const element of v) positions = [...new Set(positions.flatMap((p) => ends(element, p)))];
      out.push(...positions);
    }
    return out;
  };
  return ends(value, 0).includes(parts.length);
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
      for (const c of group) {
        const where = `${c.expression} on ${c.document.replace(/\s+/g, ' ').slice(0, 80)}`;
        let expected: string;
        try {
          expected = JsonDocument.parse(c.document).searchText(c.expression).text;
        } catch (e) {
          failures.push(`${where}: the evaluator throws ${(e as Error).message}`);
          continue;
        }
        let traced: string;
        try {
          traced = JsonDocument.parse(c.document, { withSourceMap: true }).searchWithSources(c.expression).text;
        } catch (e) {
          failures.push(`${where}: the tracer throws ${(e as Error).message}, the evaluator gives ${expected}`);
          continue;
        }
        if (traced !== expected) {
          failures.push(`${where}:\n  evaluator ${expected}  tracer    ${traced}`);
          continue;
        }
        const read = parseJson(c.document, { withSourceMap: true });
        const { value, parts, computed } = traceParts(compile(c.expression), read.value, read.sourceMap!);
        for (const part of parts) {
          const [start, end] = part.range;
          const text = c.document.slice(start, end);
          let inText: string;
          try {
            inText = dumps(parseJson(text).value);
          } catch {
            inText = `(not JSON: ${JSON.stringify(text)})`;
          }
          if (inText !== dumps(part.value)) failures.push(`${where}: range [${start}, ${end}) holds ${inText}, the tracer says ${dumps(part.value)}`);
        }
        if (!computed && !assembles(value, parts)) {
          failures.push(`${where}: nothing computed, yet the ranges ${JSON.stringify(parts.map((p) => dumps(p.value)))} do not make up ${dumps(value)}`);
        }
      }
      assert.deepStrictEqual(failures, []);
    });
  }
});
