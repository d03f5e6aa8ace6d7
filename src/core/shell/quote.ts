// Quotes a value as one word for a script's shell, so the program receives exactly that text:
// bash single quotes ('\'' for a quote; double quotes when that reads better and is safe),
// PowerShell single quotes ('' for a quote), cmd double quotes with the C runtime's backslash
// rules, %% for % (batch files) and carets where cmd.exe itself sees no quotes.
import { Shell } from './shellWords';

export function quoteForShell(value: string, shell: Shell): string {
  switch (shell) {
    case 'bash': return quoteBash(value);
    case 'powershell': return quotePowerShell(value);
    case 'cmd': return quoteCmd(value);
  }
}

function quoteBash(value: string): string {
  // "Tags[?Key=='Name']" reads better than 'Tags[?Key=='\''Name'\'']'; only when nothing in it expands
  if (value.includes("'") && !/[$`\\"!]/.test(value)) return `"${value}"`;
  return `'${value.replace(/'/g, "'\\''")}'`;
}

function quotePowerShell(value: string): string {
  // PowerShell also ends single-quoted strings at typographic single quotes
  return `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, (q) => q + q)}'`;
}

function quoteCmd(value: string): string {
  let runtime = '"';
  let backslashes = 0;
  for (const ch of value) {
    if (ch === '\\') {
      backslashes++;
      continue;
    }
    runtime += ch === '"' ? '\\'.repeat(backslashes * 2 + 1) + '"' : '\\'.repeat(backslashes) + ch;
    backslashes = 0;
  }
  runtime += '\\'.repeat(backslashes * 2) + '"';
  // cmd.exe toggles its own quote state at every ", \" included: escape its specials where it is outside
  let out = '';
  let cmdQuoted = false;
  for (const ch of runtime) {
    if (ch === '"') cmdQuoted = !cmdQuoted;
    if (ch === '%') out += '%%';
    else if (!cmdQuoted && '&|<>^()'.includes(ch)) out += '^' + ch;
    else out += ch;
  }
  return out;
}
