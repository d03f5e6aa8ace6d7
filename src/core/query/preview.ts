// A result printed in any format, as one line for a quick pick row (which shows one line): JSON and
// YAML with their line breaks as spaces; a table as its rows, `k | n ⏎ a | 1`, without the borders
// and padding that squashed onto one line made it unreadable (trial 18).
import type { OutputFormat } from '../output';

/** The result as one line, cut to `max` characters; '' stays '' (nothing printed). */
export function previewLine(text: string, format: OutputFormat, max: number): string {
  const flat = format === 'table' ? tableRows(text) : format === 'text' ? textRows(text) : text.replace(/\s*\n\s*/g, ' ').trim();
  return flat.length > max ? flat.slice(0, max) + '…' : flat;
}

/** A table's title and cells, its rows joined with ⏎ (border lines and padding dropped). */
function tableRows(text: string): string {
  return text.split('\n')
    .filter((line) => /[^-+|\s]/.test(line))
    .map((line) => line.replace(/^[|\s]+|[|\s]+$/g, '').split(/\s*\|+\s*/).join(' | '))
    .join(' ⏎ ');
}

/** Text output's lines joined with ⏎, tabs shown as ` → `. */
function textRows(text: string): string {
  return text.replace(/\n$/, '').split('\n').map((line) => line.replace(/\t/g, ' → ')).join(' ⏎ ');
}

/** Why a printed result is empty, for a row that would show nothing. */
export function emptyPrintout(format: OutputFormat): string {
  return `(prints nothing: aws --output ${format} prints nothing for this result)`;
}
