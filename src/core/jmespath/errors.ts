// Errors carry jmespath.py's error kind and, for syntax errors, its column and message text.

export type ErrorKind =
  | 'syntax'
  | 'invalid-type'
  | 'invalid-value'
  | 'invalid-arity'
  | 'unknown-function'
  | 'invalid-json'
  | 'too-deep'
  /** the AWS CLI's text/table formatter fails on this result (e.g. ragged table rows) */
  | 'output-format'
  /** an option the caller passed is not valid (e.g. an unknown output format) */
  | 'invalid-option'
  /** the result is over JavaScript's string/array size limits */
  | 'too-large'
  /** the query would build more values than the configured limit (a query that multiplies) */
  | 'limit-exceeded';

export class JmesPathError extends Error {
  /** 0-based column, counted in code points as jmespath.py counts (syntax errors only). */
  column?: number;
  /** 1-based line and column in the JSON document (invalid-json only). */
  line?: number;
  jsonColumn?: number;
  /** The expression the error is about, when known. */
  expression?: string;

  constructor(readonly kind: ErrorKind, message: string) {
    super(message);
    this.name = 'JmesPathError';
  }
}

export function syntaxError(message: string, column: number, expression: string): JmesPathError {
  const e = new JmesPathError('syntax', message);
  e.column = column;
  e.expression = expression;
  return e;
}

export const TOO_DEEP_MESSAGE =
  'The document or expression is nested too deeply to evaluate (call stack exhausted).';

export const TOO_LARGE_MESSAGE =
  'The result is too large to hold or print (JavaScript strings and arrays have a size limit); narrow the query.';

/** A stack overflow, or a result over the engine's string/array limits, becomes a clear error instead of crashing the caller. */
export function asTooDeep(e: unknown): unknown {
  if (e instanceof RangeError && /call stack/i.test(e.message)) return new JmesPathError('too-deep', TOO_DEEP_MESSAGE);
  if (e instanceof RangeError && /Invalid (string|array|typed array) length|Array buffer allocation failed/i.test(e.message)) {
    return new JmesPathError('too-large', TOO_LARGE_MESSAGE);
  }
  // Node's Buffer decoding says it in an Error of its own (a table's text past the limit)
  if (e instanceof Error && (e as NodeJS.ErrnoException).code === 'ERR_STRING_TOO_LONG') return new JmesPathError('too-large', TOO_LARGE_MESSAGE);
  return e;
}

/**
 * `&expr` evaluates to an expression reference, a function argument with no JSON form. jmespath.py
 * returns its Python object; the AWS CLI then fails (`--output json`, exit 255) or prints its
 * repr with a memory address (text, table). We fail in every format, with the CLI's words.
 */
export const EXPRESSION_REFERENCE_MESSAGE =
  'The result holds an expression reference (&...), which has no JSON form: use & only as a function argument, as in sort_by(@, &Name). ' +
  '(aws --output json fails here with "Encountered unrecognized type in JSON encoder.")';

export function expressionReferenceResult(): JmesPathError {
  return new JmesPathError('invalid-type', EXPRESSION_REFERENCE_MESSAGE);
}

/**
 * A message for one-line places: jmespath.py's type errors print the whole value first (`In
 * function sort_by(), invalid type for value: {'Architecture': ...}, expected one of: ['string',
 * 'number'], received: "array"`), and the part that says what is wrong came last, out of sight
 * (trial 22): the value is cut to its start. Other messages are only put on one line.
 */
export function shortMessage(message: string, maxValue = 50): string {
  const one = message.replace(/\s*\n\s*/g, ' ').trim();
  const m = /^(.*?invalid type for value: )(.+)(, expected one of: \[[^\]]*\], received: "[a-z-]+")$/.exec(one);
  if (!m || m[2].length <= maxValue) return one;
  return `${m[1]}${m[2].slice(0, maxValue - 1)}…${m[3]}`;
}

/**
 * The CLI's first message line and, for a syntax error, the expression with a caret at the column
 * (`Reservations[?State ==‸]`), so the whole error reads on the one line a quick pick shows.
 */
export function syntaxCaret(first: string, expression: string, column: number | undefined): string {
  if (column === undefined) return first;
  return `${first} ⟶ ${caretExcerpt(expression, column, Infinity, Infinity)}`;
}

/**
 * The expression around a column with a caret there, cut to `before`/`after` code points with `…`:
 * a quick pick cuts its rows at the right, so a caret after a long query was out of sight (trial 25).
 */
export function caretExcerpt(expression: string, column: number, before = 36, after = 24): string {
  const chars = Array.from(expression);
  const start = Math.max(0, column - before);
  const end = Math.min(chars.length, column + after);
  return `${start > 0 ? '…' : ''}${chars.slice(start, column).join('')}‸${chars.slice(column, end).join('')}${end < chars.length ? '…' : ''}`;
}
