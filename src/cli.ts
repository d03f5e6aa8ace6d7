#!/usr/bin/env node
// jmespath-aws [--output FORMAT] [--title TITLE] EXPRESSION [FILE]: prints what
// `aws ... --query EXPRESSION --output FORMAT` would print for the JSON in FILE (or stdin).
// Exit codes follow the AWS CLI: 252 bad query or usage, 255 other errors (including the table
// formatter's own failures, printed as the CLI prints them).
import * as fs from 'fs';
import { DEFAULT_MAX_VALUES, JmesPathError } from './core/jmespath';
import { OUTPUT_FORMATS, OutputOptions, isOutputFormat, search } from './core/output';

const USAGE = `usage: jmespath-aws [--output ${OUTPUT_FORMATS.join('|')}] [--title OPERATION] [--max-values N] EXPRESSION [FILE]
  Reads JSON from FILE or stdin; prints like \`aws ... --query EXPRESSION --output FORMAT\`.
  --title: the table title, the operation's API name (DescribeInstances, ListObjectsV2, Scan).
  --max-values: values one query may build before it stops (default ${DEFAULT_MAX_VALUES.toLocaleString('en-US')}).
`;

function parseArgs(argv: string[]): { options: OutputOptions; positional: string[] } | string {
  const options: OutputOptions = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag === '--output' || flag === '--title' || flag === '--max-values') {
      const value = inline ?? argv[++i];
      if (value === undefined) return `argument ${flag}: expected one argument`;
      if (flag === '--output') {
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
    } else {
      positional.push(arg);
    }
  }
  return { options, positional };
}

function main(argv: string[]): number {
  if (argv[0] === '--help' || argv[0] === '-h') {
    process.stdout.write(USAGE);
    return 0;
  }
  const parsed = parseArgs(argv);
  if (typeof parsed === 'string' || parsed.positional.length < 1 || parsed.positional.length > 2) {
    process.stderr.write((typeof parsed === 'string' ? `jmespath-aws: error: ${parsed}\n` : '') + USAGE);
    return 252;
  }
  const [expression, file] = parsed.positional;
  let text: string;
  try {
    text = fs.readFileSync(file ?? 0, 'utf8');
  } catch (e) {
    process.stderr.write(`\n${(e as Error).message}\n`);
    return 255;
  }
  try {
    process.stdout.write(search(expression, text, parsed.options));
    return 0;
  } catch (e) {
    if (e instanceof JmesPathError && e.kind === 'syntax') {
      process.stderr.write(`\nBad value for --query ${expression}: ${e.message}\n`);
      return 252;
    }
    process.stderr.write(`\n${(e as Error).message}\n`);
    return 255;
  }
}

process.exitCode = main(process.argv.slice(2));
