// Writing JMESPath text into a script so that the shell still hands the CLI exactly that text:
// escaping inside the quotes a --query argument already uses, or re-quoting the whole argument.
import type { ScriptString, Shell } from './scriptScan';

export type QuoteContext = 'single' | 'double' | 'bare';

/** The quotes around a query argument, judged by the character before its first character. */
export function quoteContext(src: string, q: ScriptString, shell: Shell): QuoteContext {
  const before = src[q.offsets[0] - 1];
  if (before === "'" && shell !== 'cmd') return 'single';
  if (before === '"') return 'double';
  return 'bare';
}

/** `text` as it must be typed inside the given quotes to reach the CLI unchanged. */
export function escapeInQuotes(text: string, shell: Shell, context: QuoteContext): string {
  if (shell === 'bash') {
    if (context === 'single') return text.replace(/'/g, "'\\''");
    if (context === 'double') return text.replace(/[\\"$`]/g, (c) => `\\${c}`);
    return text.replace(/[^A-Za-z0-9_.,:=@%+/-]/g, (c) => `\\${c}`);
  }
  if (shell === 'powershell') {
    if (context === 'single') return text.replace(/'/g, "''");
    return text.replace(/[`$"]/g, (c) => `\`${c}`);
  }
  return context === 'double' ? text.replace(/"/g, '\\"') : text;
}

/** A whole argument quoted for the shell: single quotes where the text allows, else double. */
export function quoteArgument(text: string, shell: Shell): string {
  if (shell === 'cmd') return `"${text.replace(/"/g, '\\"')}"`;
  if (!text.includes("'")) return `'${text}'`;
  return `"${escapeInQuotes(text, shell, 'double')}"`;
}

/** Document range of the argument, its quotes included, when it is one quoted run (else undefined). */
export function argumentRange(src: string, q: ScriptString): [number, number] | undefined {
  const first = q.offsets[0];
  const last = q.offsets[q.text.length] ?? first;
  const open = src[first - 1];
  if ((open !== "'" && open !== '"') || src[last] !== open) return undefined;
  return [first - 1, last + 1];
}

/**
 * Document range of query characters [start, end), escapes included: `\"running\"` in a
 * double-quoted bash argument, not just the text between the backslashes.
 */
export function documentRange(q: ScriptString, start: number, end: number): [number, number] {
  const from = start > 0 ? q.offsets[start - 1] + 1 : q.offsets[0];
  if (end <= start) return [from, from];
  return [from, q.offsets[end - 1] + 1];
}
