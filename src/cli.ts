#!/usr/bin/env node
// jmespath-aws [--output FORMAT] [--title TITLE] EXPRESSION [FILE]: prints what
// `aws ... --query EXPRESSION --output FORMAT` would print for the JSON in FILE (or stdin).
// Exit codes follow the AWS CLI: 252 bad query or usage, 255 other errors (including the table
// formatter's own failures, printed as the CLI prints them). Errors are messages, never stack
// traces; input must be UTF-8 and at most MAX_JSON_BYTES (checked before reading a file).
import * as fs from 'fs';
import { DEFAULT_MAX_VALUES, JmesPathError, JsonDocument, compile } from './core/jmespath';
import { asTooDeep } from './core/jmespath/errors';
import { MAX_JSON_BYTES, fileTooLargeMessage } from './core/json/sizeLimit';
import { OUTPUT_FORMATS, OutputFormatError, OutputOptions, isOutputFormat, search, searchTo } from './core/output';
import { escapeLoneSurrogates, holdsLoneSurrogate, stdoutEncodeFailure } from './core/output/stdoutEncoding';

// (a function: toLocaleString loads ICU, ~50 ms of every run's start when done at load)
const usage = (): string => `usage: jmespath-aws [--output ${OUTPUT_FORMATS.join('|')}] [--title OPERATION] [--max-values N] EXPRESSION [FILE]
       jmespath-aws --query EXPRESSION [options] [FILE]
  Reads JSON from FILE, or stdin when FILE is left out or \`-\`; prints like \`aws ... --query EXPRESSION --output FORMAT\`.
  --title: the table title, the operation's API name (DescribeInstances, ListObjectsV2, Scan).
  --max-values: values one query may build before it stops (default ${DEFAULT_MAX_VALUES.toLocaleString('en-US')}).
`;

/** The expression, the file (undefined or `-` for stdin) and the options; or what is wrong with the arguments. */
function parseArgs(argv: string[]): { options: OutputOptions; expression: string; file: string | undefined } | string {
  const options: OutputOptions = {};
  const positional: string[] = [];
  let query: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag === '--output' || flag === '--title' || flag === '--max-values' || flag === '--query') {
      const value = inline ?? argv[++i];
      if (value === undefined) return `argument ${flag}: expected one argument`;
      if (flag === '--query') {
        query = value; // (as aws takes it: `--query EXPRESSION`)
      } else if (flag === '--output') {
        if (!isOutputFormat(value)) return `argument --output: Invalid choice, valid choices are:\n\n${OUTPUT_FORMATS.join(' | ')}`;
        options.output = value;
      } else if (flag === '--max-values') {
        if (!/^[1-9][0-9]{0,9}$/.test(value)) return `argument --max-values: expected a positive whole number, got '${value}'`;
        options.maxValues = Number(value);
      } else {
        options.title = value;
      }
    } else if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    } else if (arg.startsWith('--')) {
      return `unrecognized arguments: ${arg}`; // (no expression starts with `--`)
    } else {
      positional.push(arg);
    }
  }
  if (query === undefined) query = positional.shift();
  if (query === undefined) return 'the following arguments are required: EXPRESSION';
  if (positional.length > 1) return `unrecognized arguments: ${positional.slice(1).join(' ')}`;
  return { options, expression: query, file: positional[0] };
}

/** Thrown for a failure with its exit code; printed as the CLI prints errors (`\n<message>\n`). */
class CliFailure extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
  }
}

/**
 * The JSON bytes of FILE or stdin, size-checked first: a file over the limit is refused from its
 * size without reading it; a pipe is read until it passes the limit.
 */
function readInput(file: string | undefined): Uint8Array {
  const name = file ?? 'stdin';
  let fd: number;
  try {
    fd = file === undefined ? 0 : fs.openSync(file, 'r');
  } catch (e) {
    // in words, as the aws CLI says it (trial 15: Node's "ENOENT: no such file or directory, open ...")
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (e as Error).message;
    throw new CliFailure(`jmespath-aws: cannot read ${name}: ${why}`, 255);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory()) throw new CliFailure(`jmespath-aws: cannot read ${name}: it is a directory, not a JSON file`, 255);
    if (stat.isFile() && stat.size > MAX_JSON_BYTES) throw new CliFailure(fileTooLargeMessage(name, stat.size), 255);
    const chunks: Buffer[] = [];
    let total = 0;
    // a file in one read (no second copy to join pieces); a pipe in pieces
    const chunkSize = stat.isFile() ? Math.max(1, Math.min(stat.size + 1, MAX_JSON_BYTES + 1)) : 1024 * 1024;
    for (;;) {
      const chunk = Buffer.allocUnsafe(chunkSize);
      let n: number;
      try {
        n = fs.readSync(fd, chunk, 0, chunk.length, null);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') continue; // a non-blocking stdin with nothing yet
        if (code === 'EOF') break;
        throw new CliFailure((e as Error).message, 255);
      }
      if (n === 0) break;
      total += n;
      if (total > MAX_JSON_BYTES) throw new CliFailure(fileTooLargeMessage(name, total, true), 255);
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    }
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
  } finally {
    if (file !== undefined) fs.closeSync(fd);
  }
}

function main(argv: string[]): number {
  if (argv[0] === '--help' || argv[0] === '-h') {
    process.stdout.write(usage());
    return 0;
  }
  const parsed = parseArgs(argv);
  if (typeof parsed === 'string') {
    process.stderr.write(`${usage()}jmespath-aws: error: ${parsed}\n`);
    return 252;
  }
  const { expression, file } = parsed;
  try {
    compile(expression); // as the CLI does: a bad --query fails before anything is read
    printResult(expression, readInput(file === '-' ? undefined : file), parsed.options);
    return 0;
  } catch (e) {
    if (e instanceof JmesPathError && e.kind === 'syntax') {
      process.stderr.write(`\nBad value for --query ${expression}: ${e.message}\n`);
      return 252;
    }
    // the lines the CLI's text formatter wrote before it failed (left out if one holds a lone
    // surrogate: the CLI's stdout would have failed on that line first, with its own message)
    if (e instanceof OutputFormatError && e.printed && !holdsLoneSurrogate(e.printed)) process.stdout.write(e.printed);
    process.stderr.write(`\n${messageOf(e)}\n`);
    return e instanceof CliFailure ? e.exitCode : 255;
  }
}

/**
 * Prints the result as the CLI does: json streamed in pieces; but a result that may hold a lone
 * surrogate (only a `\uD800`-`\uDFFF` escape in the document or the query makes one) printed
 * whole first, since the CLI's UTF-8 stdout fails on it, after what it had printed (fuzzing: we
 * printed U+FFFD and exited 0).
 */
function printResult(expression: string, input: Uint8Array, options: OutputOptions): void {
  const output = options.output ?? 'json';
  // (yaml-stream prints every result as a list, whose strings its printer refuses as v2 does)
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const mayHoldSurrogate = bytes.indexOf('\\ud') >= 0 || bytes.indexOf('\\uD') >= 0 || /\\u[dD]/.test(expression);
  if (!mayHoldSurrogate || output === 'yaml-stream') {
    searchTo(expression, input, options, (chunk) => process.stdout.write(chunk));
    return;
  }
  const text = search(expression, input, options);
  if (holdsLoneSurrogate(text)) {
    const failure = stdoutEncodeFailure(JsonDocument.parse(input).search(expression, { maxValues: options.maxValues }), options);
    if (failure) {
      process.stdout.write(failure.printed);
      throw new CliFailure(failure.message, 255);
    }
  }
  process.stdout.write(text);
}

/**
 * An error's message, never its stack: JavaScript's own failures included. A lone surrogate in it
 * (a value a type error shows) is written as Python's stderr writes it, `\ud83d` (fuzzing).
 */
function messageOf(e: unknown): string {
  const error = asTooDeep(e);
  const message = error instanceof Error ? error.message : String(error);
  return escapeLoneSurrogates(message);
}

// When the reader goes away (`| head -1`), stop quietly as the AWS CLI does: no EPIPE trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`\n${e.message}\n`);
  process.exit(255);
});
process.on('uncaughtException', (e) => {
  process.stderr.write(`\n${messageOf(e)}\n`);
  process.exit(255);
});

process.exitCode = main(process.argv.slice(2));
