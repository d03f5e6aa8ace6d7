// The AWS CLI writes to a UTF-8 stdout that refuses lone surrogates (a JSON `"\ud83d"` alone, which
// Python keeps as it is): the write that holds one fails, after the writes before it reached the
// terminal. What failed, and what was printed, depend on how each formatter splits its writes:
// - json (json.dump with indent): a key or an object's string value is a write of its own; a list's
//   string element is one write with the `[` or `,` and the line break and indent before it;
// - text: a line is a write (awscli/text.py);
// - table: a section's line is written as its indent (`|` per level), then the rest of it;
// - yaml (v2): a bare string, the only yaml that gets this far, is one write.
// The message names the first run of lone surrogates by its position in that write.
import { JsonValue, PlainObject, builtObject, getField, isObject, objectKeys, setMember } from '../json/values';
import { OutputOptions, formatOutput } from './index';
import { utf8EncodeError } from './python';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Lone surrogates written as Python's stderr writes them (errors='backslashreplace'): `\ude00`. */
export function escapeLoneSurrogates(text: string): string {
  return text.replace(new RegExp(LONE_SURROGATE.source, 'g'), (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

/** Whether a printed result holds a lone surrogate (then the CLI's stdout fails on it: stdoutEncodeFailure). */
export function holdsLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

/**
 * Where printing `value` fails as the CLI's stdout fails: what it printed
 * first, and the message; undefined when it prints.
 */
export function stdoutEncodeFailure(value: JsonValue, options: OutputOptions): { printed: string; message: string } | undefined {
  const output = options.output ?? 'json';
  const text = formatOutput(value, options); // (yaml fails in its printer as v2 does, but for a bare string, printed as JSON)
  const found = LONE_SURROGATE.exec(text);
  if (!found) return undefined;
  const at = found.index;
  if (output === 'yaml' || output === 'yaml-stream') return { printed: '', message: utf8EncodeError(text)!.message }; // (one write)
  // text and table lines are the formatter's writes; a value's own line breaks are not (printed the
  // same with them replaced by a character as wide, the lines are where the writes are)
  const lines = output === 'json' ? text : formatOutput(withoutLineBreaks(value), options);
  const start = output === 'json' ? jsonWriteStart(text, at) : output === 'text' ? lineStart(lines, at) : tableWriteStart(lines, at);
  const error = utf8EncodeError(text.slice(start));
  return error && { printed: text.slice(0, start), message: error.message };
}

/** The value with every line break in its strings and keys replaced by U+000B (one column, sorted beside it). */
function withoutLineBreaks(value: JsonValue): JsonValue {
  if (typeof value === 'string') return value.replace(/\n/g, '\u000b');
  if (Array.isArray(value)) return value.map(withoutLineBreaks);
  if (!isObject(value)) return value;
  const plain: PlainObject = {};
  let ordered: Map<string, JsonValue> | undefined;
  for (const key of objectKeys(value)) ordered = setMember(plain, ordered, key.replace(/\n/g, '\u000b'), withoutLineBreaks(getField(value, key)));
  return builtObject(plain, ordered);
}

function lineStart(text: string, at: number): number {
  return text.lastIndexOf('\n', at - 1) + 1;
}

/** After the line's indent: the `|` the section's level adds, not the one its text starts with (a rule line starts with `+`). */
function tableWriteStart(text: string, at: number): number {
  const start = lineStart(text, at);
  let bars = 0;
  while (text.charCodeAt(start + bars) === 0x7c) bars++;
  const indent = text.charCodeAt(start + bars) === 0x2b /* + */ ? bars : Math.max(0, bars - 1);
  return start + indent;
}

/** The start of json.dump's write that holds the string token with the character at `at`. */
function jsonWriteStart(text: string, at: number): number {
  const open = quoteBefore(text, at);
  const close = quoteAfter(text, at);
  if (text.charCodeAt(close + 1) === 0x3a /* : */) return open; // a key
  let k = open - 1;
  while (k >= 0 && (text.charCodeAt(k) === 0x20 || text.charCodeAt(k) === 0x0a)) k--;
  const before = text.charCodeAt(k);
  return before === 0x5b /* [ */ || before === 0x2c /* , */ ? k : open; // a list's element with its separator; a value; the whole result
}

/** The unescaped `"` that opens the string holding `at`. */
function quoteBefore(text: string, at: number): number {
  for (let k = at - 1; k >= 0; k--) if (text.charCodeAt(k) === 0x22 && escapedBy(text, k) % 2 === 0) return k;
  return 0;
}

function quoteAfter(text: string, at: number): number {
  for (let k = at + 1; k < text.length; k++) if (text.charCodeAt(k) === 0x22 && escapedBy(text, k) % 2 === 0) return k;
  return text.length - 1;
}

/** How many backslashes come right before `k`. */
function escapedBy(text: string, k: number): number {
  let n = 0;
  while (k - 1 - n >= 0 && text.charCodeAt(k - 1 - n) === 0x5c) n++;
  return n;
}
