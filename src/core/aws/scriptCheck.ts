// Problems in scripts that use the AWS CLI or boto3: --query syntax errors at the CLI's column,
// --query field names that are not in the operation's output, boto3 keyword arguments that are not
// in the operation's input. Unknown services and operations give nothing (no false alarms).
import { JmesPathError, compile } from '../jmespath';
import { DataSource, QueryDiagnostic, diagnose } from '../jmespath/analysis';
import { codePointColumnToOffset } from '../query/queryFile';
import { ServiceModel, ShapeTree, snakeCase, suggest } from './model';
import { CliCommand, PaginatorSearch, Shell, ScriptString, findBoto3Calls, findCliCommands, findPaginatorSearches, findPythonQueries } from './scriptScan';
import { argumentRange, documentRange, escapeInQuotes, quoteArgument, quoteContext } from './shellQuoting';

export interface ScriptProblem {
  start: number;
  end: number;
  message: string;
  code: 'query-syntax' | 'query-field' | 'query-quoted-name' | 'query-backtick-literal' | 'query-enum-value' | 'query-not-an-object' | 'query-filter-on-element' | 'query-nested-quotes' | 'boto3-parameter';
  /** Replacement text that fixes it, when one is known: for [start, end), or for `fixRange`. */
  fix?: string;
  /** The document range the fix replaces when it is not [start, end) (a re-quoted argument). */
  fixRange?: [number, number];
  /** The quick fix's title (default: `Change to <fix>`). */
  fixTitle?: string;
  /** Other fixes as likely, offered after it. */
  otherFixes?: Pick<ScriptProblem, 'fix' | 'fixRange' | 'fixTitle'>[];
}

export type ModelLookup = (service: string) => ServiceModel | undefined;
export type ScriptLanguage = Shell | 'python';

function docOffset(s: ScriptString, codePoints: number): number {
  const i = Math.min(codePointColumnToOffset(s.text, codePoints), s.text.length);
  return s.offsets[i];
}

/** What a --query is checked against: the operation's output shape, and the service's enum values. */
export type QueryOutput = { tree: ShapeTree; label: string; enums?: readonly (readonly string[])[] };

/** The analysis's data for a query checked against `output` (nothing known without one). */
export function queryDataSource(output: QueryOutput | undefined): DataSource {
  return output ? { kind: 'shape', ...output } : { kind: 'none' };
}

/** What an `aws` command's `--query` is checked against: the operation's output. */
export function cliQueryOutput(cmd: CliCommand, models: ModelLookup): QueryOutput | undefined {
  const model = models(cmd.service);
  const op = model?.operations[cmd.operation];
  return op && { tree: op.output, label: `the ${cmd.operation} output`, enums: model!.enums };
}

/** What a paginator's `search('...')` is checked against: one page, the operation's whole output. */
export function paginatorSearchOutput(search: PaginatorSearch, models: ModelLookup): QueryOutput | undefined {
  const model = models(search.service);
  const op = model && boto3Operations(model).get(search.operation);
  return op && { tree: op.output, label: `a ${search.operation} page`, enums: model!.enums };
}

/** Lints per (output shape, its label, query): a script is re-checked on every edit, and most of its queries did not change. */
const lintCache = new WeakMap<object, Map<string, QueryDiagnostic[]>>();
const NO_SHAPE = {};
const LINT_CACHE_SIZE = 500;

function lintQuery(text: string, output: QueryOutput | undefined): QueryDiagnostic[] {
  const key = output && typeof output.tree === 'object' ? output.tree : NO_SHAPE;
  let byText = lintCache.get(key);
  if (!byText) lintCache.set(key, (byText = new Map()));
  // (the label is in the messages: a paginator's page and the CLI's output share a shape, trial 27)
  const textKey = `${output?.label ?? ''}\n${text}`;
  let found = byText.get(textKey);
  if (!found) {
    found = diagnose(text, queryDataSource(output));
    if (byText.size >= LINT_CACHE_SIZE) byText.clear();
    byText.set(textKey, found);
  }
  return found;
}

const LINT_CODES = { 'unknown-field': 'query-field', 'quoted-name': 'query-quoted-name', 'backtick-literal': 'query-backtick-literal', 'unknown-value': 'query-enum-value', 'not-an-object': 'query-not-an-object', 'filter-on-element': 'query-filter-on-element' } as const;

/**
 * A query that does not parse because its quote was left open: the shell read on to the next quote
 * of the same kind, commands of the lines between included (trial 17: "Unknown token '-'" on the
 * next line's option). Said at the quote that opened it.
 */
function unclosedQuote(src: string, query: ScriptString): ScriptProblem | undefined {
  const lines = query.text.split('\n');
  if (lines.length < 2 || !lines.slice(1).some((l) => /^\s*(?:[&.]\s*)?aws(?:\.exe)?\s/.test(l))) return undefined;
  const first = query.offsets[0];
  const quoteAt = first > 0 && /['"]/.test(src[first - 1]) ? first - 1 : first;
  const lineOf = (offset: number) => src.slice(0, offset).split('\n').length;
  // (offsets holds one more: just past the word, where a closing quote sits if there is one)
  const after = query.offsets[query.text.length];
  const to = /['"]/.test(src[after] ?? '') ? `to the next one (line ${lineOf(after)})` : 'to the end of the script, where it fails';
  return {
    start: quoteAt,
    end: quoteAt + 1,
    message: `This quote is not closed on its line: the shell reads on ${to}, and takes the lines between, commands included, as the query. Close the quote.`,
    code: 'query-syntax',
  };
}

function checkQuery(
  src: string, language: ScriptLanguage, query: ScriptString, problems: ScriptProblem[], output?: QueryOutput,
): void {
  const nested = language === 'bash' ? nestedSingleQuotes(src, query) : undefined;
  if (nested) {
    // the query the CLI gets is not the one written: its other problems would mislead
    problems.push(nested);
    return;
  }
  try {
    compile(query.text);
  } catch (e) {
    if (e instanceof JmesPathError && e.kind === 'syntax') {
      const unclosed = unclosedQuote(src, query);
      if (unclosed) {
        problems.push(unclosed);
        return;
      }
      const start = docOffset(query, e.column ?? 0);
      const end = Math.max(start + 1, docOffset(query, (e.column ?? 0) + 1));
      problems.push({ start, end: Math.min(end, query.offsets[query.offsets.length - 1] + 1), message: e.message, code: 'query-syntax' });
    }
    return;
  }
  for (const d of lintQuery(query.text, output)) {
    const [start, end] = documentRange(query, d.start, d.end);
    const problem: ScriptProblem = { start, end, message: d.message, code: LINT_CODES[d.code] };
    if (d.fix) Object.assign(problem, shellFix(src, language, query, d.start, d.end, d.fix.text), { fixTitle: d.fix.title });
    if (d.otherFixes) problem.otherFixes = d.otherFixes.map((f) => ({ ...shellFix(src, language, query, d.start, d.end, f.text), fixTitle: f.title }));
    problems.push(problem);
  }
}

/**
 * `--query 'Items[?State == 'running']'` in bash: the inner single quotes end the shell's quoting,
 * so the CLI gets `running` bare, a field name (the filter matches nothing, silently). Found when
 * the argument is single-quoted runs joined by bare text without expansions, and what was written
 * between the outer quotes is a valid query; fixed by double-quoting that.
 */
function nestedSingleQuotes(src: string, query: ScriptString): ScriptProblem | undefined {
  const { text, offsets } = query;
  if (text.length === 0 || src[offsets[0] - 1] !== "'") return undefined;
  const open = offsets[0] - 1;
  const close = offsets[text.length - 1] + 1;
  if (src[close] !== "'") return undefined;
  const bare: [number, number][] = []; // document ranges of the runs outside the quotes
  let quoted = true;
  let runStart = 0;
  for (let i = 1; i < text.length; i++) {
    const gap = src.slice(offsets[i - 1] + 1, offsets[i]);
    if (gap === '') continue;
    if (gap !== "'") return undefined; // (a double quote, an escape: not this mistake)
    quoted = !quoted;
    if (!quoted) runStart = offsets[i];
    else bare.push([runStart, offsets[i] - 1]);
  }
  if (bare.length === 0 || !quoted) return undefined;
  if (bare.some(([from, to]) => /[$`\\"!*?[\]{}~]/.test(src.slice(from, to)))) return undefined; // the shell changes those
  const written = src.slice(open + 1, close);
  try {
    compile(written);
  } catch {
    return undefined;
  }
  const [from, to] = bare[0];
  const word = src.slice(from, to);
  return {
    start: from - 1, end: to + 1, code: 'query-nested-quotes', fix: quoteArgument(written, 'bash'), fixRange: [open, close + 1],
    fixTitle: 'Quote the query in double quotes',
    message: `The single quotes around '${word}' end the shell's quoting: the CLI gets ${word} without quotes, as a field name (the query runs, and finds nothing). Quote the whole query in double quotes.`,
  };
}

const BOTO3_NAMES = new WeakMap<ServiceModel, Map<string, ServiceModel['operations'][string]>>();

/** Operations by their boto3 method name (run_instances), built once per model. */
function boto3Operations(model: ServiceModel): Map<string, ServiceModel['operations'][string]> {
  let byName = BOTO3_NAMES.get(model);
  if (!byName) {
    byName = new Map(Object.values(model.operations).map((o) => [snakeCase(o.name), o]));
    BOTO3_NAMES.set(model, byName);
  }
  return byName;
}

/**
 * The edit that puts `text` in place of query characters [start, end) so the shell still passes
 * the intended query: escaped inside the argument's quotes, or, where that would nest single
 * quotes, the whole argument re-quoted.
 */
export function shellFix(src: string, language: ScriptLanguage, query: ScriptString, start: number, end: number, text: string): Pick<ScriptProblem, 'fix' | 'fixRange'> {
  const range = documentRange(query, start, end);
  if (language === 'python') {
    const quote = src[query.offsets[0] - 1];
    if (!text.includes(quote)) return { fix: text, fixRange: range };
    return /[rR]/.test(src[query.offsets[0] - 2] ?? '') ? {} : { fix: text.replace(new RegExp(quote, 'g'), `\\${quote}`), fixRange: range };
  }
  const context = quoteContext(src, query, language);
  const whole = argumentRange(src, query);
  if (context === 'single' && text.includes("'") && whole) {
    const fixed = query.text.slice(0, start) + text + query.text.slice(end);
    return { fix: quoteArgument(fixed, language), fixRange: whole };
  }
  return { fix: escapeInQuotes(text, language, context), fixRange: range };
}

export function checkScript(src: string, language: ScriptLanguage, models: ModelLookup): ScriptProblem[] {
  const problems: ScriptProblem[] = [];
  if (language === 'python') {
    for (const q of findPythonQueries(src)) checkQuery(src, language, q, problems);
    for (const s of findPaginatorSearches(src)) checkQuery(src, language, s.query, problems, paginatorSearchOutput(s, models));
    for (const call of findBoto3Calls(src)) {
      const model = models(call.service);
      if (!model) continue;
      const op = boto3Operations(model).get(call.method);
      if (!op) continue;
      const names = [...op.input.map((m) => m.name), ...(call.extraKeywords ?? [])];
      for (const kw of call.keywords) {
        if (names.includes(kw.name)) continue;
        const suggestion = suggest(kw.name, names);
        problems.push({
          start: kw.start, end: kw.start + kw.name.length, code: 'boto3-parameter', fix: suggestion,
          message: `${kw.name} is not a parameter of ${call.method}()${suggestion ? `; did you mean ${suggestion}?` : '.'} (boto3 raises ParamValidationError: Unknown parameter)`,
        });
      }
    }
    return problems;
  }
  for (const cmd of findCliCommands(src, language)) {
    if (!cmd.query) continue;
    checkQuery(src, language, cmd.query, problems, cliQueryOutput(cmd, models));
  }
  return problems;
}
