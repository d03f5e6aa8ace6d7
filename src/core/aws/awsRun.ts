// Run & refine, editor-free: which words of a script's `aws` line are run (its own arguments minus
// --query/--output, plus --output json), how its --query is written back, and what a failed run means.
import { ExpandedArgs, ExpansionValue, expandArgs } from '../shell/expand';
import { quoteForShell } from '../shell/quote';
import { Expansion, ShellWord } from '../shell/shellWords';
import { CliCommand, queryValueWord } from './scriptScan';
import { compile } from '../jmespath';
import type { Node } from '../jmespath/parser';

/** Options Run & refine takes over: the output must be JSON and the query is refined in the editor. */
const REPLACED_OPTIONS = new Set(['--query', '--output']);

/** The line's arguments without --query/--output and their values. */
export function wordsToRun(cmd: CliCommand): ShellWord[] {
  const out: ShellWord[] = [];
  for (let i = 0; i < cmd.args.length; i++) {
    const w = cmd.args[i];
    const flag = w.text.split('=', 1)[0];
    if (w.text.startsWith('--') && REPLACED_OPTIONS.has(flag)) {
      if (!w.text.includes('=')) i++;
      continue;
    }
    out.push(w);
  }
  return out;
}

/** The argument vector for the CLI, given values for the line's variables. */
export function argvToRun(cmd: CliCommand, lookup: (e: Expansion) => ExpansionValue | undefined): ExpandedArgs {
  const expanded = expandArgs(wordsToRun(cmd), cmd.shell, lookup);
  return { argv: [...expanded.argv, '--output', 'json'], unresolved: expanded.unresolved };
}

/**
 * The command's own environment (`AWS_DEFAULT_REGION=eu-west-1 aws ...`), given values for its
 * variables: run with it, as bash does (trial 19: another region's data, from the cache, without a word).
 */
export function environmentToRun(cmd: CliCommand, lookup: (e: Expansion) => ExpansionValue | undefined): { env: Record<string, string>; unresolved: Expansion[] } {
  const env: Record<string, string> = {};
  const unresolved: Expansion[] = [];
  for (const w of cmd.assignments ?? []) {
    // (an assignment's value is one word: bash does not split it)
    const expanded = expandArgs([w], cmd.shell, lookup);
    unresolved.push(...expanded.unresolved);
    const text = expanded.argv.join(' ');
    const eq = text.indexOf('=');
    env[text.slice(0, eq)] = text.slice(eq + 1);
  }
  return { env, unresolved };
}

/** Every expansion in the words that are run (the command's environment included), once per distinct source text. */
export function expansionsToResolve(cmd: CliCommand): Expansion[] {
  const seen = new Set<string>();
  const out: Expansion[] = [];
  for (const w of [...(cmd.assignments ?? []), ...wordsToRun(cmd)]) {
    for (const e of w.expansions) {
      const key = `${e.kind}:${e.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(e);
    }
  }
  return out;
}

/** The line's --query as literal text, or undefined when it has none (or one with a variable in it). */
export function lineQuery(cmd: CliCommand): string | undefined {
  return cmd.query?.text;
}

export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/**
 * The query as it goes into a script's `--query`: one that does not parse is refused (the CLI would
 * stop at once; trial 15: a half-typed second line went in), and a query spread over lines goes on
 * one line when that reads the same (a line break inside the quotes breaks the script's layout).
 */
export function queryToWriteBack(expression: string): { expression: string } | { error: string } {
  let ast: Node;
  try {
    ast = compile(expression);
  } catch (e) {
    return { error: `The query does not parse, so it was not written back: ${(e as Error).message.split('\n')[0]}` };
  }
  const joined = expression.trim().replace(/[ \t]*\r?\n\s*/g, ' ');
  if (joined === expression) return { expression };
  try {
    if (astText(compile(joined)) === astText(ast)) return { expression: joined };
  } catch {
    // (a line break inside a literal: kept as written)
  }
  return { expression };
}

/** A syntax tree as text, without where its names were written. */
function astText(ast: Node): string {
  return JSON.stringify(ast, function (this: Record<string, unknown>, key, value: unknown) {
    if (key === 'start' && (this.type === 'field' || this.type === 'function')) return undefined;
    return typeof value === 'bigint' ? `${value}n` : value;
  });
}

/** Replaces the command's --query value with `expression` quoted for its shell, or adds `--query` at its end. */
export function writeBackEdit(cmd: CliCommand, expression: string): TextEdit {
  const quoted = quoteForShell(expression, cmd.shell);
  if (cmd.queryIndex !== undefined) {
    const flag = cmd.args[cmd.queryIndex];
    const value = queryValueWord(cmd.args, cmd.queryIndex);
    if (value && value.word === flag) return { start: flag.start, end: flag.end, text: `--query=${quoted}` };
    if (value) return { start: value.word.start, end: value.word.end, text: quoted };
    return { start: flag.end, end: flag.end, text: ` ${quoted}` };
  }
  const last = cmd.args[cmd.args.length - 1];
  return { start: last.end, end: last.end, text: ` --query ${quoted}` };
}

export type AwsFailureKind = 'credentials' | 'cli-error' | 'not-json';

/**
 * The environment the user's `aws` runs with: VS Code's, no pager, and the region in the variable
 * every CLI version reads. AWS CLI v1 reads only AWS_DEFAULT_REGION; v2 and the SDKs take
 * AWS_REGION too (trial 17: AWS_REGION alone failed with "You must specify a region" on v1).
 */
export function awsCliEnvironment(base: Record<string, string | undefined>): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...base, AWS_PAGER: '' };
  if (!env.AWS_DEFAULT_REGION && env.AWS_REGION) env.AWS_DEFAULT_REGION = env.AWS_REGION;
  return env;
}

/**
 * What a failed run means, from the CLI's exit code and error text. `ran` (the program and its
 * arguments as run, variables resolved) is named in a CLI error: a usage error is often a variable
 * given the wrong value.
 */
export function classifyFailure(exitCode: number | null, stderr: string, ran?: { program: string; argv: string[] }): { kind: AwsFailureKind; message: string } {
  const text = stderr.trim();
  const credentials = /Unable to locate credentials|NoCredentialsError|The config profile \(.*\) could not be found|(?:ExpiredToken|InvalidClientTokenId|UnrecognizedClientException|AuthFailure|SignatureDoesNotMatch|InvalidAccessKeyId)\b|Token has expired|SSO session .* (?:has )?expired|Error loading SSO Token/i;
  if (credentials.test(text)) {
    // one sentence ending, and the CLI's own advice not repeated (trial 14: `"aws configure".. Run "aws configure"`)
    const said = /[.!?]$/.test(text) ? text : `${text}.`;
    const advice = /aws configure/.test(text)
      ? 'Or set AWS_PROFILE / AWS_ACCESS_KEY_ID in the environment VS Code starts from (or run "aws sso login").'
      : 'Run "aws configure" (or "aws sso login"), or set AWS_PROFILE / AWS_ACCESS_KEY_ID in the environment VS Code starts from.';
    return { kind: 'credentials', message: `No usable AWS credentials (aws exited with ${exitCode}): ${said} ${advice}` };
  }
  if (/You must specify a region/i.test(text)) {
    // the CLI's own advice (aws configure) misses that the run has VS Code's environment
    return { kind: 'credentials', message: `No AWS region (aws exited with ${exitCode}): ${text} Or set AWS_DEFAULT_REGION or AWS_REGION (or AWS_PROFILE, for a profile with a region) in the environment VS Code starts from, or add --region to the command.` };
  }
  const command = ran ? ` (ran: ${[ran.program, ...ran.argv].map(displayWord).join(' ')})` : '';
  return { kind: 'cli-error', message: `aws exited with ${exitCode}${command}: ${text || '(no error text)'}` };
}

/** A word as a reader would type it back: quoted when it has spaces, quotes or nothing. */
function displayWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A key for the session cache: the same command line, folder and AWS environment give the same output. */
export function cacheKey(argv: string[], cwd: string, env: Record<string, string | undefined>): string {
  const aws = Object.keys(env).filter((k) => k.startsWith('AWS_')).sort().map((k) => [k, env[k]]);
  return JSON.stringify([cwd, argv, aws]);
}

/** The command's text from `aws` to its last word, on one line (for titles and messages). */
export function commandLabel(cmd: CliCommand, maxLength = 80, options: { withoutQuery?: boolean } = {}): string {
  const words = ['aws', ...(options.withoutQuery ? wordsToRun(cmd) : cmd.args).map((w) => w.text)].join(' ');
  return words.length > maxLength ? `${words.slice(0, maxLength - 1)}…` : words;
}
