// Lints where an `aws` command's --output format changes what its --query means:
// - text and yaml-stream output apply --query to each page of a paginated operation separately
//   (awscli TextFormatter / v2 StreamedYAMLFormatter), so `[0]`, slices, `length()`, `sort_by`,
//   `max_by`, `sum`... over the paginated result keys answer per page, not for the whole result;
// - table output fails (`Row should have N elements, instead it has M`) when rows differ in length,
//   which nested projections ending in scalars (`Reservations[*].Instances[*].InstanceId`, known
//   from the output shape) and lists inside row lists (`[*].[x, B[].y]`) produce;
// - text output prints an object's values in sorted key order, not in the query's order.
import { compile } from '../jmespath';
import type { Node } from '../jmespath';
import { compareStrings } from '../json/values';
import { OutputFormat, isOutputFormat } from '../output';
import type { ShapeTree } from './model';
import { isList } from './model';
import { analyzeQuery } from './queryCheck';
import { ModelLookup } from './scriptCheck';
import { CliCommand, Shell, ShellWord, findCliCommands, queryValueWord } from './scriptScan';

export interface TextEdit { start: number; end: number; text: string }

export interface OutputProblem {
  start: number;
  end: number;
  message: string;
  code: 'output-per-page' | 'output-table-ragged' | 'output-text-order';
  severity: 'warning' | 'info';
  fixes: { title: string; edits: TextEdit[] }[];
}

/** Functions whose answer over a list depends on having the whole list. */
const AGGREGATES = new Set(['length', 'sort', 'sort_by', 'max', 'min', 'max_by', 'min_by', 'sum', 'avg', 'reverse', 'join',
  'contains', 'to_string', 'keys', 'values']);

type Abstract = 'root' | 'paged' | 'pagedNumber' | 'other';

/** Finds the first place the query's answer depends on seeing every page, walking abstract values. */
class PageSensitivity {
  reason: string | undefined;

  constructor(private readonly listKeys: Set<string>, private readonly numberKeys: Set<string>) {}

  eval(node: Node, cur: Abstract): Abstract {
    if (this.reason) return 'other';
    switch (node.type) {
      case 'field':
        if (cur !== 'root') return 'other';
        if (this.numberKeys.has(node.name)) {
          this.reason = `\`${node.name}\` is counted per page`;
          return 'pagedNumber';
        }
        return this.listKeys.has(node.name) ? 'paged' : 'other';
      case 'identity': case 'current': return cur;
      case 'subexpression': return node.children.reduce<Abstract>((v, child) => this.eval(child, v), cur);
      case 'index_expression': {
        const left = this.eval(node.children[0], cur);
        for (const child of node.children.slice(1)) this.eval(child, left);
        return 'other';
      }
      case 'index':
        if (cur === 'paged') this.reason = `\`[${node.index}]\` picks an item of every page`;
        return 'other';
      case 'slice':
        if (cur === 'paged') this.reason = 'the slice is taken from every page';
        return cur === 'paged' ? 'paged' : 'other';
      case 'pipe': return this.eval(node.right, this.eval(node.left, cur));
      case 'projection': case 'value_projection': case 'filter_projection': {
        const left = this.eval(node.left, cur);
        if (node.type === 'filter_projection') this.eval(node.condition, 'other');
        this.eval(node.right, 'other');
        return left === 'paged' ? 'paged' : 'other';
      }
      case 'flatten': return this.eval(node.child, cur) === 'paged' ? 'paged' : 'other';
      case 'function': {
        const args = node.args.map((a) => this.eval(a, cur));
        if (args.includes('paged') && AGGREGATES.has(node.name) && !this.reason) this.reason = `\`${node.name}()\` sees one page at a time`;
        return args.includes('paged') && (node.name === 'map' || node.name === 'to_array') ? 'paged' : 'other';
      }
      case 'comparator': case 'and': case 'or':
        this.eval(node.left, cur);
        this.eval(node.right, cur);
        return 'other';
      case 'not': this.eval(node.child, cur); return 'other';
      case 'multi_select_list': node.children.forEach((c) => this.eval(c, cur)); return 'other';
      case 'multi_select_hash': node.pairs.forEach((p) => this.eval(p.value, cur)); return 'other';
      default: return 'other';
    }
  }
}

function isListMaking(node: Node): boolean {
  return node.type === 'projection' || node.type === 'filter_projection' || node.type === 'flatten' || node.type === 'value_projection'
    || (node.type === 'subexpression' && node.children.some(isListMaking))
    || (node.type === 'pipe' && isListMaking(node.right));
}

/**
 * A row list with a list inside (`A[*].[x, B[*].y]`): the CLI's table formatter prints `x` and the
 * list as rows of one section, of different lengths.
 */
function raggedMultiselect(node: Node): boolean {
  switch (node.type) {
    case 'projection': case 'filter_projection': case 'value_projection': {
      const item = node.right;
      if (item.type === 'multi_select_list' && item.children.some(isListMaking)) return true;
      if (item.type === 'subexpression' && item.children.length > 0) {
        const last = item.children[item.children.length - 1];
        if (last.type === 'multi_select_list' && last.children.some(isListMaking)) return true;
      }
      return raggedMultiselect(item) || raggedMultiselect(node.left);
    }
    case 'subexpression': return raggedMultiselect(node.children[node.children.length - 1]);
    case 'pipe': return raggedMultiselect(node.right);
    default: return false;
  }
}

/**
 * Whether a result of this output shape makes awscli's table formatter put lists of scalars of
 * different lengths into one section (`Reservations[*].Instances[*].InstanceId`: one row per
 * reservation). Lists of objects or of fixed rows (`[*].[*].{..}`, `[*].[*].[a, b]`) print fine.
 */
function scalarListsAsRows(shape: ShapeTree | undefined, depth = 0): boolean {
  if (shape === undefined || typeof shape === 'string' || depth > 30) return false;
  if (isList(shape)) {
    const element = shape[0];
    if (isList(element) && typeof element[0] === 'string') return true;
    return scalarListsAsRows(element, depth + 1);
  }
  return Object.values(shape).some((member) => scalarListsAsRows(member, depth + 1));
}

/** A multiselect hash whose keys the text formatter will print in another order. */
function unorderedHash(node: Node): string[] | undefined {
  switch (node.type) {
    case 'multi_select_hash': {
      const keys = node.pairs.map((p) => p.key);
      const sorted = [...keys].sort(compareStrings);
      return keys.some((k, i) => k !== sorted[i]) ? keys : undefined;
    }
    case 'projection': case 'filter_projection': case 'value_projection': return unorderedHash(node.right);
    case 'subexpression': return unorderedHash(node.children[node.children.length - 1]);
    case 'pipe': return unorderedHash(node.right);
    default: return undefined;
  }
}

interface OutputOption { value: string; start: number; end: number; wordStart: number; wordEnd: number }

/**
 * The format a command prints in, as written on its line: `--output X`, else its own
 * `AWS_DEFAULT_OUTPUT=X` prefix (bash), where lints put their squiggle and fixes.
 */
function outputOnLine(cmd: CliCommand): OutputOption | undefined {
  if (cmd.args.some((w) => w.text === '--output' || w.text.startsWith('--output='))) return outputOption(cmd.args);
  const name = 'AWS_DEFAULT_OUTPUT=';
  const word = cmd.assignments?.filter((w) => w.text.startsWith(name)).pop();
  if (!word || word.expansions.length || word.text.length === name.length) return undefined;
  return {
    value: word.text.slice(name.length), wordStart: word.start, wordEnd: word.end,
    start: word.offsets[name.length], end: word.offsets[word.text.length - 1] + 1,
  };
}

function outputOption(args: ShellWord[]): OutputOption | undefined {
  for (let i = args.length - 1; i >= 0; i--) {
    const w = args[i];
    if (w.text !== '--output' && !w.text.startsWith('--output=')) continue;
    const v = queryValueWord(args, i);
    if (!v || v.word.expansions.length) return undefined;
    const value = v.word.text.slice(v.from);
    if (value.length === 0) return undefined;
    return {
      value, wordStart: w.start, wordEnd: v.word.end,
      start: v.word.offsets[v.from], end: v.word.offsets[v.word.text.length - 1] + 1,
    };
  }
  return undefined;
}

/**
 * The format the command prints in: its literal `--output`, else `AWS_DEFAULT_OUTPUT`, else json
 * (a profile's `output` setting is not read); none when `--output` is a variable or unknown.
 */
export function outputFormatOf(cmd: CliCommand, env: Record<string, string | undefined> = {}): OutputFormat | undefined {
  const named = cmd.args.some((w) => w.text === '--output' || w.text.startsWith('--output='));
  if (named) {
    const value = outputOption(cmd.args)?.value;
    return isOutputFormat(value) ? value : undefined;
  }
  const fromEnv = env.AWS_DEFAULT_OUTPUT;
  return isOutputFormat(fromEnv) ? fromEnv : 'json';
}

export function checkOutputFormats(src: string, shell: Shell, models: ModelLookup): OutputProblem[] {
  const problems: OutputProblem[] = [];
  for (const cmd of findCliCommands(src, shell)) {
    if (!cmd.query) continue;
    const output = outputOnLine(cmd);
    if (!output || output.value === 'json' || output.value === 'yaml') continue;
    const fromPrefix = output.wordEnd <= cmd.start;
    const how = fromPrefix ? `AWS_DEFAULT_OUTPUT=${output.value}` : `--output ${output.value}`;
    const paginateAt = fromPrefix ? cmd.end : output.wordEnd;
    let ast: Node;
    try {
      ast = compile(cmd.query.text);
    } catch {
      continue; // syntax errors are reported by the query check
    }
    const queryStart = cmd.query.offsets[0];
    const queryEnd = cmd.query.offsets[cmd.query.text.length - 1] + 1;
    // `aws s3api` is botocore's s3 (`aws s3` is the CLI's own high-level commands)
    const op = models(cmd.service === 's3api' ? 's3' : cmd.service)?.operations[cmd.operation];
    const noPaginate = cmd.args.some((w) => w.text === '--no-paginate');

    if ((output.value === 'text' || output.value === 'yaml-stream') && op?.paginator && !noPaginate) {
      const top = op.paginator.resultKeys.filter((k) => /^[A-Za-z0-9_]+$/.test(k));
      const output_ = op.output as Record<string, unknown>;
      const numberKeys = new Set(top.filter((k) => typeof output_?.[k] === 'string' && 'if'.includes(output_[k] as string)));
      const check = new PageSensitivity(new Set(top.filter((k) => !numberKeys.has(k))), numberKeys);
      check.eval(ast, 'root');
      if (check.reason) {
        problems.push({
          start: output.wordStart, end: output.wordEnd, code: 'output-per-page', severity: 'warning',
          message: `With ${how}, the AWS CLI applies --query to each page of ${cmd.operation} separately: ${check.reason}, ` +
            'not of the whole result. Use --output json, add --no-paginate (first page only), or move the aggregation out of --query.',
          fixes: [
            { title: `Use ${fromPrefix ? 'AWS_DEFAULT_OUTPUT=json' : '--output json'} (the query sees every page at once)`, edits: [{ start: output.start, end: output.end, text: 'json' }] },
            { title: 'Add --no-paginate (only the first page is fetched)', edits: [{ start: paginateAt, end: paginateAt, text: ' --no-paginate' }] },
          ],
        });
      }
    }
    if (output.value === 'table' && (raggedMultiselect(ast) || (op && scalarListsAsRows(analyzeQuery(ast, op.output, cmd.query.text, cmd.operation).shape)))) {
      problems.push({
        start: queryStart, end: queryEnd, code: 'output-table-ragged', severity: 'warning',
        message: 'This query makes rows that are lists of values (a list inside a projection), and when their lengths differ ' + how + ' fails with ' +
          '"Row should have N elements, instead it has M". Flatten with [] (Reservations[].Instances[].InstanceId) or use --output text.',
        fixes: [{ title: `Use ${fromPrefix ? 'AWS_DEFAULT_OUTPUT=text' : '--output text'}`, edits: [{ start: output.start, end: output.end, text: 'text' }] }],
      });
    }
    if (output.value === 'text') {
      const keys = unorderedHash(ast);
      if (keys) {
        const sorted = [...keys].sort(compareStrings);
        problems.push({
          start: queryStart, end: queryEnd, code: 'output-text-order', severity: 'info',
          message: `${how} prints an object's values in sorted key order (${sorted.join(', ')}), not in the query's order ` +
            `(${keys.join(', ')}). Use a list [..] to choose the column order.`,
          fixes: [],
        });
      }
    }
  }
  return problems;
}
