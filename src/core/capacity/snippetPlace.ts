// Where the capacity calculator's snippet goes in the user's file: at the cursor, but never inside
// a word (a cursor left in `--consistent-read` split it), and a multi-line snippet on a line of its
// own; and whether a CLI flag fits the command it lands in.
import type { SnippetFormat } from './capacity';
import { findCliCommands } from '../aws/scriptScan';
import type { Shell } from '../shell/shellWords';

export interface SnippetPlace {
  /** The column of the line to insert at. */
  column: number;
  /** Text to put before the snippet (a space, or a line break and the line's indentation) and after it (a space). */
  before: string;
  after: string;
}

/**
 * Where on `line` a snippet of `format` goes, the cursor being at `column`; `inCall`: for boto3,
 * whether the cursor is inside brackets at all (an argument outside any call goes on a line of its
 * own instead of splitting a statement: trial 20).
 */
export function snippetPlace(line: string, column: number, format: SnippetFormat, inCall = true): SnippetPlace {
  if ((format !== 'cli' && format !== 'boto3') || (format === 'boto3' && !inCall)) {
    // a block of lines: at the cursor on a blank line, else on a new line below, indented alike
    if (line.trim() === '') return { column, before: '', after: '' };
    return { column: line.length, before: '\n' + line.match(/^\s*/)![0], after: '' };
  }
  if (format === 'boto3') return pythonArgumentPlace(line, column);
  let at = endOfWordAt(line, column);
  // never after a line continuation's backslash
  const continuation = /\\\s*$/.exec(line);
  if (continuation && at > continuation.index) at = continuation.index;
  const isSpace = (c: string | undefined) => c === undefined || /\s/.test(c);
  return { column: at, before: isSpace(line[at - 1]) ? '' : ' ', after: isSpace(line[at]) ? '' : ' ' };
}

/**
 * A keyword argument of a Python call: where an argument starts or ends (right after `(` or `,`,
 * right before `)` or `,`), else after the argument the cursor is in; with the commas it needs
 * (trial 19: `create_table(TableName=name)` with the cursor before `)` got it after the `)`).
 */
function pythonArgumentPlace(line: string, column: number): SnippetPlace {
  const previous = (at: number) => line.slice(0, at).trimEnd().slice(-1);
  const next = (at: number) => line.slice(at).trimStart()[0] ?? '';
  const { inString, nested } = pythonContext(line, column);
  let at = column;
  const atStart = previous(at) === '(' || previous(at) === ',' || previous(at) === '';
  if (inString || nested > 0 || (!atStart && next(at) !== ')' && next(at) !== ',')) at = endOfArgument(line, column, nested);
  const before = previous(at) === '(' || previous(at) === '' ? '' : previous(at) === ',' ? (/\s/.test(line[at - 1] ?? '') ? '' : ' ') : ', ';
  const following = next(at);
  const after = following === ')' || following === ',' ? '' : following === '' ? ',' : ', ';
  return { column: at, before, after };
}

/** At `column`: whether it is inside a string, and how many brackets (`[`, `{`, or a `(` of a nested call) are open inside the call's own `(`. */
function pythonContext(line: string, column: number): { inString: boolean; nested: number } {
  const open: string[] = [];
  let quote: string | undefined;
  for (let i = 0; i < column && i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '#') break;
    else if (c === '"' || c === "'") quote = c;
    else if ('([{'.includes(c)) open.push(c);
    else if (')]}'.includes(c)) open.pop();
  }
  const call = open.lastIndexOf('(');
  return { inString: quote !== undefined, nested: open.length - (call + 1) };
}

/** Where the argument the cursor is in ends: the next `,` or `)` of the call (outside strings and the `nested` brackets open at the cursor), else the line's end. */
function endOfArgument(line: string, column: number, nested: number): number {
  let depth = nested;
  let quote: string | undefined;
  // (read from the line's start for its strings: a closing quote is not an opening one)
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '#') break;
    if (c === '"' || c === "'") quote = c;
    else if (i < column) continue; // (the brackets before the cursor are counted in `nested`)
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) {
      if (depth === 0) return i;
      depth--;
    } else if (c === ',' && depth === 0) return i;
  }
  return line.replace(/\s*(#.*)?$/, '').length;
}

/** `column`, or the end of the shell word it falls inside (quotes keep their spaces in the word). */
function endOfWordAt(line: string, column: number): number {
  let start = -1;
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"') i++;
    } else if (/\s/.test(c)) {
      if (start >= 0 && column > start && column < i) return i;
      start = -1;
    } else {
      if (start < 0) start = i;
      if (c === '"' || c === "'") quote = c;
      else if (c === '\\') i++;
    }
  }
  return start >= 0 && column > start && column < line.length ? line.length : column;
}

/**
 * The commas a JSON member needs where it goes (`before`/`after`: the document's text on each side):
 * one after the member before it, at `commaAt` in `before`, and one after itself (trial 19: a
 * CloudFormation JSON insert left "Expected comma").
 */
export function jsonMemberCommas(before: string, after: string): { commaAt?: number; trailing: string } {
  const previous = before.trimEnd();
  const last = previous.slice(-1);
  const next = after.trimStart()[0] ?? '';
  return {
    commaAt: last !== '' && !'{[,:'.includes(last) ? previous.length : undefined,
    trailing: next !== '' && !'}],'.includes(next) ? ',' : '',
  };
}

/** The DynamoDB operations `--provisioned-throughput` belongs to. */
const THROUGHPUT_OPERATIONS = ['create-table', 'update-table'];

/**
 * For a CLI snippet inserted at `offset` of a script: a warning when the `aws` command there is not
 * one `--provisioned-throughput` is an option of (the CLI would stop with "Unknown options").
 */
export function cliFlagWarning(text: string, offset: number, shell: Shell): string | undefined {
  const command = findCliCommands(text, shell).find((c) => c.start <= offset && offset <= c.end);
  if (!command) {
    // on a line of its own it may start a command; after other text it became part of that (trial 25: `echo ...`)
    const before = text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset);
    return before.trim() === '' ? undefined
      : '--provisioned-throughput is an option of aws dynamodb create-table and update-table, and this line is not an aws command. Check where it went.';
  }
  if (command.service === 'dynamodb' && THROUGHPUT_OPERATIONS.includes(command.operation)) return undefined;
  const name = command.operation ? `aws ${command.service} ${command.operation}` : `aws ${command.service}`;
  return `--provisioned-throughput is an option of aws dynamodb create-table and update-table, not of ${name}: the CLI stops with "Unknown options". Check the command.`;
}

/** The boto3 calls `ProvisionedThroughput=` is an argument of (on a client or a Table resource). */
const THROUGHPUT_METHODS = ['create_table', 'update_table'];

/**
 * For a boto3 snippet inserted at `offset` of a Python file: a warning when the call it lands in
 * (the innermost open parenthesis before it) is not create_table or update_table.
 */
export function boto3ArgumentWarning(text: string, offset: number): string | undefined {
  const call = enclosingCall(text, offset);
  if (call && THROUGHPUT_METHODS.includes(call)) return undefined;
  const where = call ? `inside ${call}(...)` : 'outside any call';
  return `ProvisionedThroughput= is an argument of create_table and update_table (client or Table), and this is ${where}: boto3 would refuse it. Check where it went.`;
}

/** The name of the call whose parenthesis is open at `offset` (strings and comments skipped), if any. */
function enclosingCall(text: string, offset: number): string | undefined {
  const open = openBrackets(text, offset);
  for (let k = open.length - 1; k >= 0; k--) {
    if (text[open[k]] !== '(') continue;
    return /([A-Za-z_][A-Za-z0-9_]*)\s*$/.exec(text.slice(Math.max(0, open[k] - 80), open[k]))?.[1];
  }
  return undefined;
}

/** Whether `offset` of Python text is inside brackets (a call's arguments, a dict...): else an argument has no call to go into. */
export function insidePythonBrackets(text: string, offset: number): boolean {
  return openBrackets(text, offset).length > 0;
}

/** Offsets of the brackets open at `offset` of Python text, outermost first (strings and comments skipped). */
function openBrackets(text: string, offset: number): number[] {
  const open: number[] = [];
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text[i];
    if (c === '#') {
      while (i < offset && text[i] !== '\n') i++;
    } else if (c === '"' || c === "'") {
      const triple = text.startsWith(c.repeat(3), i);
      const close = triple ? c.repeat(3) : c;
      i += close.length;
      while (i < offset && !text.startsWith(close, i)) i += text[i] === '\\' ? 2 : 1;
      i += close.length - 1;
    } else if (c === '(' || c === '[' || c === '{') {
      open.push(i);
    } else if ((c === ')' || c === ']' || c === '}') && open.length) {
      open.pop();
    }
  }
  return open;
}
