#!/usr/bin/env node
// jmespath-aws EXPRESSION [FILE]: prints what `aws ... --query EXPRESSION --output json` would print
// for the JSON in FILE (or stdin). Exit codes follow the AWS CLI: 252 bad query, 255 other errors.
import * as fs from 'fs';
import { JmesPathError, search } from './core/jmespath';

function main(argv: string[]): number {
  if (argv.length < 1 || argv.length > 2 || argv[0] === '--help' || argv[0] === '-h') {
    process.stderr.write('usage: jmespath-aws EXPRESSION [FILE]\n  Reads JSON from FILE or stdin; prints like `aws --query EXPRESSION --output json`.\n');
    return argv[0] === '--help' || argv[0] === '-h' ? 0 : 252;
  }
  const [expression, file] = argv;
  let text: string;
  try {
    text = fs.readFileSync(file ?? 0, 'utf8');
  } catch (e) {
    process.stderr.write(`\n${(e as Error).message}\n`);
    return 255;
  }
  try {
    process.stdout.write(search(expression, text));
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
