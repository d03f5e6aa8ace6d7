// Turns a command's words into the argument list the program would receive, given values for the
// expansions in them: bash and cmd split an unquoted variable's value on blanks, a quoted one stays
// one word, "${A[@]}" / PowerShell @splat give one word per element. Globs are not expanded.
import { Expansion, Shell, ShellWord } from './shellWords';

export type ExpansionValue = string | string[];

export interface ExpandedArgs {
  argv: string[];
  /** Expansions the lookup had no value for (the argv is not usable then). */
  unresolved: Expansion[];
}

export function expandArgs(words: ShellWord[], shell: Shell, lookup: (e: Expansion) => ExpansionValue | undefined): ExpandedArgs {
  const argv: string[] = [];
  const unresolved: Expansion[] = [];
  for (const w of words) {
    if (w.expansions.length === 0) {
      argv.push(w.text);
      continue;
    }
    let cur = '';
    let hasField = false;
    let pos = 0;
    const fields: string[] = [];
    // an empty quoted part between two expansions keeps the field it is in, even an empty one
    const emptyQuoteIn = (from: number, to: number) => w.emptyQuotes?.some((at) => at >= from && at <= to) ?? false;
    for (const e of w.expansions) {
      const literal = w.text.slice(pos, e.at);
      if (literal || emptyQuoteIn(pos, e.at)) {
        cur += literal;
        hasField = true;
      }
      pos = e.at + (e.end - e.start);
      const value = lookup(e);
      if (value === undefined) {
        unresolved.push(e);
        continue;
      }
      if (Array.isArray(value) && (e.kind === 'list' || shell === 'powershell')) {
        value.forEach((v, k) => {
          if (k > 0) fields.push(cur);
          cur = k === 0 ? cur + v : v;
          hasField = true;
        });
        continue;
      }
      const text = Array.isArray(value) ? value.join(' ') : value;
      if (e.quoted || shell === 'powershell') {
        cur += text;
        hasField = true;
        continue;
      }
      // unquoted in bash / cmd: split on blanks
      const parts = text.split(/[ \t\n]+/);
      parts.forEach((part, k) => {
        if (k > 0 && (hasField || cur)) {
          fields.push(cur);
          cur = '';
          hasField = false;
        }
        if (part) {
          cur += part;
          hasField = true;
        }
      });
    }
    const rest = w.text.slice(pos);
    if (rest || emptyQuoteIn(pos, w.text.length)) {
      cur += rest;
      hasField = true;
    }
    if (hasField || cur) fields.push(cur);
    argv.push(...fields);
  }
  return { argv, unresolved };
}
