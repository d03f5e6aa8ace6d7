// Hover: a function's documentation, or the value any part of a query has on the data, printed as
// the CLI prints it, with how many values a projection yields, so a user sees where a query goes
// empty.
import { analyzeQuery } from '../../aws/queryCheck';
import { ShapeTree, enumValues, listValues } from '../../aws/model';
import { JsonValue, ObjectBuilder, isObject, objectEntries, objectSize } from '../../json/values';
import { formatCliOutput } from '../index';
import { JmesPathError } from '../errors';
import { Node, Span, parseWithSpans } from '../parser';
import { describeShape } from './complete';
import { FUNCTION_DOCS, functionMarkdown } from './functionDocs';
import { PROBE_MAX_VALUES, childrenOf, probe } from './probe';
import { wordAt } from './scan';
import { DataSource, codePointColumn, utf16Offset } from './source';

export interface HoverInfo {
  /** UTF-16 range of the query text the hover is about. */
  start: number;
  end: number;
  markdown: string;
}

const MAX_CHARS = 2500;
const MAX_LINES = 40;

export function hover(query: string, offset: number, data: DataSource): HoverInfo | undefined {
  const word = wordAt(query, offset);
  const name = query.slice(word.start, word.end);
  if (name && FUNCTION_DOCS.has(name) && /^\s*\(/.test(query.slice(word.end))) {
    return { start: word.start, end: word.end, markdown: functionMarkdown(FUNCTION_DOCS.get(name)!) };
  }
  if (data.kind === 'none') return undefined;
  let parsed: ReturnType<typeof parseWithSpans>;
  try {
    parsed = parseWithSpans(query);
  } catch {
    return undefined; // the syntax error is a diagnostic already
  }
  const column = codePointColumn(query, offset);
  const target = innermost(parsed.ast, parsed.spans, column);
  if (!target) return undefined;
  const [from, to] = target.span;
  const start = utf16Offset(query, from);
  const end = utf16Offset(query, to);
  const text = query.slice(start, end).replace(/\s+/g, ' ');
  const title = `\`${text.length > 80 ? text.slice(0, 79) + '…' : text}\``;
  if (data.kind === 'shape') {
    if (target.node.type !== 'field') return undefined;
    let shape: ShapeTree | undefined;
    let known = false;
    analyzeQuery(parsed.ast, data.tree, '', data.label, (node, s) => {
      if (node !== target.node || !s || typeof s !== 'object' || Array.isArray(s)) return;
      known = true;
      shape = (s as Record<string, ShapeTree>)[node.name] ?? (s as Record<string, ShapeTree>)['*'];
    });
    if (!known) return undefined;
    const what = shape === undefined ? 'not a field here (gives null)' : describeShape(shape);
    const values = enumValues(shape, data.enums);
    const takes = values ? `\n\nOne of ${listValues(values, 30)}` : '';
    return { start, end, markdown: `${title}: ${what} (${data.label})${takes}` };
  }
  const result = probe(parsed.ast, data.root, { watch: [target.node] });
  const record = result.records.get(target.node)!;
  const lines: string[] = [title];
  const stopped = result.errors.find((e) => e.error.kind === 'limit-exceeded');
  if (stopped) {
    lines.push('', `**Not explained:** the query builds more than ${PROBE_MAX_VALUES.toLocaleString('en-US')} values on this data, too many to follow as you type.`);
    return { start, end, markdown: lines.join('\n') };
  }
  if (record.errors.length) lines.push('', `**Error:** ${record.errors[0].message.split('\n')[0]}`);
  if (record.evaluations === 0) {
    lines.push('', 'Not reached on this data: an earlier part gives null or an empty array.');
  } else if (record.evaluations === 1) {
    const value = record.outputs[0];
    lines.push('', summary(value, target.node));
    lines.push(...printed(value));
  } else {
    const values = record.outputs.filter((v) => v !== null);
    const n = record.evaluations;
    lines.push('', `Once per element: ${n} elements, ${values.length} value${values.length === 1 ? '' : 's'}` +
      (record.nullOutputs ? `, ${record.nullOutputs} null (dropped by the projection)` : ''));
    if (values.length === 0 && record.inputs.every((v) => v === null)) lines.push('', 'Its input is null every time: the part before gives nothing here.');
    else lines.push(...printed(values));
  }
  return { start, end, markdown: lines.join('\n') };
}

function summary(value: JsonValue, node: Node): string {
  const projection = node.type === 'projection' || node.type === 'filter_projection' || node.type === 'value_projection' || node.type === 'flatten';
  if (Array.isArray(value)) return `${projection ? 'Projection: ' : ''}${value.length} value${value.length === 1 ? '' : 's'}`;
  if (value === null) return 'null';
  if (isObject(value)) return `object with ${objectSize(value)} key${objectSize(value) === 1 ? '' : 's'}`;
  return 'value';
}

/** The value as `aws --output json` prints it, cut to a hover's size. */
function printed(value: JsonValue): string[] {
  const small = shrink(value, { budget: 400 });
  let text: string;
  try {
    text = small.value === null && value !== null ? '' : formatCliOutput(small.value).trimEnd();
  } catch (e) {
    // what the CLI cannot print (an &expression as a value) is said, not thrown at the editor
    if (!(e instanceof JmesPathError)) throw e;
    return [`*${e.message}*`];
  }
  if (text === '' && isObject(value)) text = '{}';
  let cut = small.cut;
  let lines = text.split('\n');
  if (lines.length > MAX_LINES) {
    lines = lines.slice(0, MAX_LINES);
    cut = true;
  }
  text = lines.join('\n');
  if (text.length > MAX_CHARS) {
    text = text.slice(0, MAX_CHARS);
    cut = true;
  }
  return ['```json', text + (cut ? '\n…' : ''), '```'];
}

/** A copy small enough to print: arrays and objects cut once the budget of values is spent. */
function shrink(value: JsonValue, state: { budget: number }): { value: JsonValue; cut: boolean } {
  let cut = false;
  const walk = (v: JsonValue): JsonValue => {
    state.budget--;
    if (Array.isArray(v)) {
      const out: JsonValue[] = [];
      for (const e of v) {
        if (state.budget <= 0) {
          cut = true;
          break;
        }
        out.push(walk(e));
      }
      return out;
    }
    if (isObject(v)) {
      const b = new ObjectBuilder();
      for (const [k, e] of objectEntries(v)) {
        if (state.budget <= 0) {
          cut = true;
          break;
        }
        b.set(k, walk(e));
      }
      return b.build();
    }
    return v;
  };
  return { value: walk(value), cut };
}

/** The smallest node whose text contains the column (code points). */
function innermost(ast: Node, spans: Map<Node, Span>, column: number): { node: Node; span: Span } | undefined {
  let best: { node: Node; span: Span } | undefined;
  // on a character first; at the end of the text, the part that ends there
  for (const inclusive of [false, true]) {
    const visit = (node: Node): void => {
      const span = spans.get(node);
      if (span && column >= span[0] && (column < span[1] || (inclusive && column === span[1]))) {
        if (!best || span[1] - span[0] <= best.span[1] - best.span[0]) best = { node, span };
      }
      for (const child of childrenOf(node)) visit(child);
    };
    visit(ast);
    if (best) return best;
  }
  return best;
}
