// Reads an unfinished query the way the lexer would, without failing: which brackets and quotes
// are open at the cursor, what the user is typing there, and what precedes it. Offsets are UTF-16.

export type Opener = '(' | '[' | '[?' | '{';

export interface PrefixState {
  /** Brackets open at the end of the text, innermost last. */
  open: { opener: Opener; offset: number }[];
  /** An unterminated raw string, literal or quoted name at the end of the text. */
  quote?: { char: "'" | '`' | '"'; offset: number };
}

const CLOSER: Record<Opener, string> = { '(': ')', '[': ']', '[?': ']', '{': '}' };

export function scanPrefix(text: string): PrefixState {
  const open: PrefixState['open'] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '`' || c === '"') {
      const end = closingQuote(text, i);
      if (end < 0) return { open, quote: { char: c, offset: i } };
      i = end;
    } else if (c === '(' || c === '{') {
      open.push({ opener: c, offset: i });
    } else if (c === '[') {
      if (text[i + 1] === ']') i++;
      else if (text[i + 1] === '?') open.push({ opener: '[?', offset: i++ });
      else open.push({ opener: '[', offset: i });
    } else if (c === ')' || c === ']' || c === '}') {
      // a stray closer closes the nearest opener of its kind (tolerant of typos in the middle)
      for (let k = open.length - 1; k >= 0; k--) {
        if (CLOSER[open[k].opener] === c) {
          open.length = k;
          break;
        }
      }
    }
  }
  return { open };
}

/** Offset of the quote closing the one at `start`, or -1 (a backslash escapes the next character). */
export function closingQuote(text: string, start: number): number {
  const q = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === q) return i;
  }
  return -1;
}

/** What closes everything left open, so the text parses: `sort_by(a[?b` -> `])`. */
export function closers(state: PrefixState): string {
  let out = state.quote ? state.quote.char : '';
  for (let k = state.open.length - 1; k >= 0; k--) out += CLOSER[state.open[k].opener];
  return out;
}

const IDENT = /[A-Za-z0-9_]/;

/** The identifier around `offset` (what a completion replaces). */
export function wordAt(text: string, offset: number): { start: number; end: number } {
  let start = offset;
  while (start > 0 && IDENT.test(text[start - 1])) start--;
  let end = offset;
  while (end < text.length && IDENT.test(text[end])) end++;
  return { start, end };
}

/** The last non-blank characters before `offset` (up to two, for `==`, `&&`, `[?`). */
export function previousSignificant(text: string, offset: number): { text: string; offset: number } {
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  if (i < 0) return { text: '', offset: -1 };
  return { text: text.slice(Math.max(0, i - 1), i + 1), offset: i };
}

export type Comparison = '==' | '!=' | '<' | '<=' | '>' | '>=';

/** The comparator that ends right before `offset` (blanks allowed), if any. */
export function comparatorBefore(text: string, offset: number): Comparison | undefined {
  const prev = previousSignificant(text, offset).text;
  const two = prev.slice(-2);
  if (two === '==' || two === '!=' || two === '<=' || two === '>=') return two;
  const one = prev.slice(-1);
  if (one === '<' || one === '>') return one;
  return undefined;
}
