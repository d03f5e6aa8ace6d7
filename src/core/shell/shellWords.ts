// Splits one command of a bash, PowerShell or cmd script into the words the program receives, the
// way each shell does it (quotes, escapes, line continuations), keeping every character's document
// offset. Expansions ($VAR, "${A[@]}", $(...), $env:X, %X%) are kept unresolved, with their source
// ranges, so callers can check what is literal and resolve the rest themselves.

export type Shell = 'bash' | 'powershell' | 'cmd';

export interface ScriptString {
  /** The value after the shell removed quotes and escapes (expansions appear as their source text). */
  text: string;
  /**
   * Document offset of each UTF-16 unit of `text`, plus one past the end. A unit written with
   * more than one character (`\"`, `""`, `\'` in Python) is at its last one, so a range of units
   * runs from just past the previous unit's offset to just past its own last one.
   */
  offsets: number[];
}

export interface Expansion {
  /** `variable` expands to one value; `list` to any number of words ("${A[@]}", "$@", PowerShell @splat);
   * `command` is a command substitution ($(...), `...`). */
  kind: 'variable' | 'list' | 'command';
  /** Variable name as written ($env:X gives `env:X`, %X% gives `X`); the inner command for `command`. */
  name: string;
  /** Document range of the expansion's source text. */
  start: number;
  end: number;
  /** Inside double quotes (no word splitting in bash). */
  quoted: boolean;
  /** Where its source text sits in the word's `text`: [at, at + source length). */
  at: number;
}

export interface ShellWord extends ScriptString {
  /** Document range of the whole word, quotes included. */
  start: number;
  end: number;
  expansions: Expansion[];
  /** Some character of it was quoted or escaped (so `--x` in quotes is still an option to the program). */
  quoted: boolean;
  /** Where in `text` an empty quoted part ('', "", $'') sits: it makes a field of its own even when a variable beside it expands to nothing or splits. */
  emptyQuotes?: number[];
}

export interface ShellCommand {
  /** The words the program receives, in order (redirections and their targets left out). */
  words: ShellWord[];
  redirections: { start: number; end: number }[];
  /** Offset just past the last word or redirection. */
  end: number;
}

const CONTINUATION: Record<Shell, string> = { bash: '\\', powershell: '`', cmd: '^' };

function newlineAt(src: string, i: number): number {
  if (src[i] === '\n') return 1;
  if (src[i] === '\r' && src[i + 1] === '\n') return 2;
  return 0;
}

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';
const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

/**
 * Reads the words of the command that starts at `start` (just after the program name) up to its end:
 * a newline without continuation, `;`, `|`, `&`, a `#` comment, or the `)` / backtick closing the
 * command substitution the command sits in (`closer`).
 */
export function readCommand(src: string, start: number, shell: Shell, closer?: ')' | '`'): ShellCommand {
  const reader = new WordReader(src, shell, closer);
  return reader.command(start);
}

class WordReader {
  private i = 0;
  constructor(private readonly src: string, private readonly shell: Shell, private readonly closer?: ')' | '`') {}

  command(start: number): ShellCommand {
    const { src, shell } = this;
    if (shell === 'cmd') return readCmdCommand(src, start);
    const cont = CONTINUATION[shell];
    const words: ShellWord[] = [];
    const redirections: { start: number; end: number }[] = [];
    let end = start;
    this.i = start;
    while (this.i < src.length) {
      const c = src[this.i];
      if (c === cont && newlineAt(src, this.i + 1)) {
        this.i += 1 + newlineAt(src, this.i + 1);
        continue;
      }
      if (isBlank(c) || (c === '\r' && src[this.i + 1] !== '\n')) {
        this.i++;
        continue;
      }
      if (this.endsCommand(this.i, true)) break;
      const redirect = this.redirection(this.i);
      if (redirect) {
        const rStart = this.i;
        this.i += redirect;
        while (isBlank(src[this.i])) this.i++;
        if (!this.endsCommand(this.i, true)) this.word();
        redirections.push({ start: rStart, end: this.i });
        end = this.i;
        continue;
      }
      const w = this.word();
      if (w.end === w.start) break; // nothing readable: stop rather than loop
      words.push(w);
      end = w.end;
    }
    return { words, redirections, end };
  }

  /** Does the command end at `i` (outside any quotes)? */
  private endsCommand(i: number, atWordStart: boolean): boolean {
    const { src, shell } = this;
    const c = src[i];
    if (c === undefined || newlineAt(src, i)) return true;
    if (this.closer === c) return true;
    if (c === '|') return true;
    if (shell === 'cmd') return c === '&';
    if (c === ';') return true;
    if (c === '&') return shell === 'bash' || src[i + 1] === '&';
    if (c === ')' || (shell === 'powershell' && c === '}')) return true;
    if (shell === 'bash' && c === '(' && !atWordStart) return true;
    return c === '#' && atWordStart;
  }

  /** Length of a redirection operator at `i` (`>`, `2>>`, `&>`, `<`, `2>&1`, `<<<`), or 0. */
  private redirection(i: number): number {
    const m = /^(?:\d*(?:>>?|<<?<?)(?:&\d)?|&>>?)/.exec(this.src.slice(i, i + 8));
    if (!m) return 0;
    if (this.shell === 'powershell' && m[0].startsWith('<')) return 0;
    return m[0].length;
  }

  private word(): ShellWord {
    const { src, shell } = this;
    const w: ShellWord = { start: this.i, end: this.i, text: '', offsets: [], expansions: [], quoted: false };
    const push = (ch: string, at: number) => {
      w.text += ch;
      w.offsets.push(at);
    };
    const cont = CONTINUATION[shell];
    while (this.i < src.length) {
      const i = this.i;
      const d = src[i];
      if (isBlank(d) || this.endsCommand(i, false) || (d === '\r' && newlineAt(src, i))) break;
      if (d === cont && newlineAt(src, i + 1)) break;
      if (this.redirection(i) && !/\d/.test(d)) break;
      if (/\d/.test(d) && w.text === '' && /^\d+[<>]/.test(src.slice(i, i + 6))) break;
      if (shell === 'bash') this.bashPart(w, push);
      else this.powershellPart(w, push);
    }
    w.end = this.i;
    w.offsets.push(w.offsets.length ? w.offsets[w.offsets.length - 1] + 1 : this.i);
    return w;
  }

  // ---- bash ----

  private bashPart(w: ShellWord, push: (ch: string, at: number) => void): void {
    const { src } = this;
    const i = this.i;
    const d = src[i];
    const before = w.text.length;
    if (d === "'") {
      w.quoted = true;
      this.i++;
      while (this.i < src.length && src[this.i] !== "'") push(src[this.i], this.i++);
      this.i++;
      if (w.text.length === before) (w.emptyQuotes ??= []).push(before);
    } else if (d === '$' && src[i + 1] === "'") {
      w.quoted = true;
      this.i += 2;
      this.ansiC(push);
      if (w.text.length === before) (w.emptyQuotes ??= []).push(before);
    } else if (d === '"') {
      w.quoted = true;
      this.i++;
      while (this.i < src.length && src[this.i] !== '"') {
        const c = src[this.i];
        if (c === '\\' && '"\\$`'.includes(src[this.i + 1])) {
          push(src[this.i + 1], this.i + 1);
          this.i += 2;
        } else if (c === '\\' && newlineAt(src, this.i + 1)) {
          this.i += 1 + newlineAt(src, this.i + 1);
        } else if (c === '$' || c === '`') {
          if (!this.bashExpansion(w, push, true)) push(c, this.i++);
        } else {
          push(c, this.i++);
        }
      }
      this.i++;
      if (w.text.length === before) (w.emptyQuotes ??= []).push(before);
    } else if (d === '\\' && i + 1 < src.length) {
      w.quoted = true;
      push(src[i + 1], i + 1);
      this.i += 2;
    } else if ((d === '$' || d === '`') && this.bashExpansion(w, push, false)) {
      // read
    } else {
      push(d, i);
      this.i++;
    }
  }

  /**
   * $'...' with bash's escapes: \n and the other letters, \xHH, \NNN (octal), \uHHHH, \UHHHHHHHH,
   * \cX (control-X); an unknown escape keeps its backslash; a NUL ends the string. (\xHH and \NNN
   * above 0x7f are bytes, which a string holds as the code point of that number.)
   */
  private ansiC(push: (ch: string, at: number) => void): void {
    const { src } = this;
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '?': '?', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v' };
    const digits = (from: number, max: number, re: RegExp) => {
      let n = 0;
      while (n < max && re.test(src[from + n] ?? '')) n++;
      return src.slice(from, from + n);
    };
    let ended = false; // after a NUL bash drops the rest
    const emit = (ch: string, at: number) => {
      if (ch === '\0') ended = true;
      if (!ended) push(ch, at);
    };
    while (this.i < src.length && src[this.i] !== "'") {
      const at = this.i;
      const e = src[at + 1];
      if (src[at] !== '\\' || e === undefined) {
        emit(src[this.i], this.i++);
        continue;
      }
      if (e in simple) {
        emit(simple[e], at);
        this.i += 2;
        continue;
      }
      let code: number | undefined;
      let length = 0;
      if (e === 'x' || e === 'u' || e === 'U') {
        const hex = digits(at + 2, e === 'x' ? 2 : e === 'u' ? 4 : 8, /[0-9A-Fa-f]/);
        if (hex) {
          code = parseInt(hex, 16);
          length = 2 + hex.length;
        }
      } else if (/[0-7]/.test(e)) {
        const octal = digits(at + 1, 3, /[0-7]/);
        code = parseInt(octal, 8) & 0xff;
        length = 1 + octal.length;
      } else if (e === 'c' && src[at + 2] !== undefined && src[at + 2] !== "'") {
        const x = src[at + 2];
        code = x === '?' ? 0x7f : x.toUpperCase().charCodeAt(0) & 0x1f;
        length = x === '\\' && src[at + 3] === '\\' ? 4 : 3; // \c\\ is control-backslash
      }
      if (code === undefined || code > 0x10ffff) {
        emit('\\', at); // unknown: the backslash stays, the next character is read as it is
        this.i++;
        continue;
      }
      emit(String.fromCodePoint(code), at);
      this.i += length;
    }
    this.i++;
  }

  /** $NAME, ${...}, $(...), $((...)), `...`, $@, $1 at this.i; false when `$` is literal. */
  private bashExpansion(w: ShellWord, push: (ch: string, at: number) => void, quoted: boolean): boolean {
    const { src } = this;
    const start = this.i;
    let end: number;
    let kind: Expansion['kind'] = 'variable';
    let name: string;
    if (src[start] === '`') {
      end = this.skipTo(start + 1, '`');
      kind = 'command';
      name = src.slice(start + 1, end - 1);
    } else if (src[start + 1] === '(') {
      end = this.skipBalanced(start + 1);
      kind = 'command';
      name = src.slice(start + 2, end - 1);
      if (src[start + 2] === '(') kind = 'variable'; // $((arithmetic)) gives one value
    } else if (src[start + 1] === '{') {
      end = this.skipBalanced(start + 1, '{', '}');
      const inner = src.slice(start + 2, end - 1);
      name = /^[#!]?([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*#?$!-])/.exec(inner)?.[1] ?? inner;
      if (/\[[@*]\]/.test(inner) || name === '@' || name === '*') kind = 'list';
    } else if (NAME_START.test(src[start + 1] ?? '')) {
      end = start + 2;
      while (end < src.length && NAME_CHAR.test(src[end])) end++;
      name = src.slice(start + 1, end);
    } else if (/[0-9@*#?$!-]/.test(src[start + 1] ?? '')) {
      end = start + 2;
      name = src[start + 1];
      if (name === '@' || name === '*') kind = 'list';
    } else {
      return false;
    }
    w.expansions.push({ kind, name, start, end, quoted, at: w.text.length });
    for (let j = start; j < end; j++) push(src[j], j);
    this.i = end;
    return true;
  }

  /** Index just past the `close` that balances the opener at `open` (quotes respected). */
  private skipBalanced(open: number, opener = '(', closer = ')'): number {
    const { src } = this;
    let depth = 0;
    let j = open;
    while (j < src.length) {
      const c = src[j];
      if (c === '\\') {
        j += 2;
        continue;
      }
      if (c === "'" && opener === '(') {
        j = src.indexOf("'", j + 1);
        if (j < 0) return src.length;
        j++;
        continue;
      }
      if (c === '"') {
        j = this.skipTo(j + 1, '"');
        continue;
      }
      if (c === opener) depth++;
      else if (c === closer && --depth === 0) return j + 1;
      j++;
    }
    return src.length;
  }

  /** Index just past the next unescaped `quote` from `j`. */
  private skipTo(j: number, quote: string): number {
    const { src } = this;
    const escape = this.shell === 'powershell' ? '`' : '\\';
    while (j < src.length && src[j] !== quote) j += src[j] === escape ? 2 : 1;
    return Math.min(j + 1, src.length);
  }

  // ---- PowerShell ----

  private powershellPart(w: ShellWord, push: (ch: string, at: number) => void): void {
    const { src } = this;
    const i = this.i;
    const d = src[i];
    if (isPowerShellSingleQuote(d)) {
      w.quoted = true;
      this.i++;
      while (this.i < src.length) {
        const c = src[this.i];
        if (isPowerShellSingleQuote(c)) {
          if (isPowerShellSingleQuote(src[this.i + 1])) {
            push(c, this.i + 1); // (a doubled quote: at its second, the last source position)
            this.i += 2;
            continue;
          }
          break;
        }
        push(c, this.i++);
      }
      this.i++;
    } else if (d === '"' || d === '\u201c' || d === '\u201d') {
      w.quoted = true;
      this.i++;
      while (this.i < src.length) {
        const c = src[this.i];
        if (c === '"' || c === '\u201c' || c === '\u201d') {
          if (src[this.i + 1] === '"') {
            push('"', this.i + 1);
            this.i += 2;
            continue;
          }
          break;
        }
        if (c === '`' && this.i + 1 < src.length) {
          push(powershellEscape(src[this.i + 1]), this.i + 1);
          this.i += 2;
        } else if (c === '$') {
          if (!this.powershellExpansion(w, push, true)) push(c, this.i++);
        } else {
          push(c, this.i++);
        }
      }
      this.i++;
    } else if (d === '`' && i + 1 < src.length) {
      w.quoted = true;
      push(powershellEscape(src[i + 1]), i + 1);
      this.i += 2;
    } else if ((d === '$' || (d === '@' && w.text === '')) && this.powershellExpansion(w, push, false)) {
      // read
    } else {
      push(d, i);
      this.i++;
    }
  }

  /** $name, $env:NAME, ${any name}, $(subexpression), @splat; false when `$` is literal. */
  private powershellExpansion(w: ShellWord, push: (ch: string, at: number) => void, quoted: boolean): boolean {
    const { src } = this;
    const start = this.i;
    let end: number;
    let kind: Expansion['kind'] = src[start] === '@' ? 'list' : 'variable';
    let name: string;
    if (src[start] === '$' && src[start + 1] === '(') {
      end = this.skipBalanced(start + 1);
      kind = 'command';
      name = src.slice(start + 2, end - 1);
    } else if (src[start] === '$' && src[start + 1] === '{') {
      end = src.indexOf('}', start);
      end = end < 0 ? src.length : end + 1;
      name = src.slice(start + 2, end - 1);
    } else {
      const m = /^(?:[A-Za-z_][A-Za-z0-9_]*:)?[A-Za-z_?][A-Za-z0-9_]*/.exec(src.slice(start + 1, start + 300));
      if (!m) return false;
      end = start + 1 + m[0].length;
      name = m[0];
    }
    w.expansions.push({ kind, name, start, end, quoted, at: w.text.length });
    for (let j = start; j < end; j++) push(src[j], j);
    this.i = end;
    return true;
  }
}

// ---- cmd: cmd.exe's pass (carets, %VAR%, & | < >, its own quote state), then the C runtime's
// argument splitting (quotes, backslashes) that aws.exe / python.exe apply to the command line ----

interface CmdChar {
  ch: string;
  at: number;
  /** Part of an expansion's source text (kept literally by the second pass). */
  expansion?: Omit<Expansion, 'at' | 'quoted'>;
}

function readCmdCommand(src: string, start: number): ShellCommand {
  const chars: CmdChar[] = [];
  const redirections: { start: number; end: number }[] = [];
  let inQuote = false;
  let i = start;
  let end = start;
  const pushExpansion = (from: number, to: number, name: string) => {
    const expansion = { kind: 'variable' as const, name, start: from, end: to };
    for (let j = from; j < to; j++) chars.push({ ch: src[j], at: j, expansion });
  };
  while (i < src.length) {
    const c = src[i];
    if (newlineAt(src, i)) break;
    if (c === '"') {
      inQuote = !inQuote;
      chars.push({ ch: c, at: i++ });
      continue;
    }
    if (c === '%') {
      const rest = src.slice(i, i + 300);
      // %%i is a for-loop variable (a lone letter); %%off is a literal %off
      const m = /^%%(?:~[a-z]*)?[A-Za-z](?![A-Za-z])/.exec(rest) ?? /^%(?:~[a-z]*)?[0-9*]/.exec(rest);
      if (m) {
        pushExpansion(i, i + m[0].length, m[0].replace(/^%+(?:~[a-z]*)?/, ''));
        i += m[0].length;
      } else if (rest.startsWith('%%')) {
        chars.push({ ch: '%', at: i + 1 });
        i += 2;
      } else {
        const v = /^%([^%\r\n]+)%/.exec(rest);
        if (v) {
          pushExpansion(i, i + v[0].length, v[1].replace(/:.*$/, ''));
          i += v[0].length;
        } else {
          chars.push({ ch: c, at: i++ });
        }
      }
      continue;
    }
    if (inQuote) {
      chars.push({ ch: c, at: i++ });
      continue;
    }
    if (c === '^') {
      const nl = newlineAt(src, i + 1);
      if (nl) {
        i += 1 + nl;
        continue;
      }
      if (i + 1 < src.length) chars.push({ ch: src[i + 1], at: i + 1 });
      i += 2;
      continue;
    }
    if (c === '&' || c === '|') break;
    const r = /^\d?(?:>>?|<)(?:&\d)?/.exec(src.slice(i, i + 6));
    if (r && (!/\d/.test(r[0][0]) || i === start || isBlank(src[i - 1]))) {
      const rStart = i;
      i += r[0].length;
      while (isBlank(src[i])) i++;
      let q = false;
      while (i < src.length && !newlineAt(src, i) && (q || (!isBlank(src[i]) && !'&|<>'.includes(src[i])))) {
        if (src[i] === '"') q = !q;
        i++;
      }
      redirections.push({ start: rStart, end: i });
      end = i;
      continue;
    }
    const delayed = c === '!' ? /^!([A-Za-z_][^!\r\n"]*)!/.exec(src.slice(i, i + 300)) : null;
    if (delayed) {
      pushExpansion(i, i + delayed[0].length, delayed[1]);
      i += delayed[0].length;
      continue;
    }
    chars.push({ ch: c, at: i++ });
  }
  const words = splitCRuntime(chars);
  if (words.length) end = Math.max(end, words[words.length - 1].end);
  return { words, redirections, end };
}

/** The C runtime's rules: blanks split outside quotes; 2n backslashes + quote give n and toggle; 2n+1 give n and a quote; "" inside quotes is a quote. */
function splitCRuntime(chars: CmdChar[]): ShellWord[] {
  const words: ShellWord[] = [];
  let w: ShellWord | undefined;
  let inQuote = false;
  let lastExpansion: CmdChar['expansion'];
  const push = (ch: string, at: number, expansion?: CmdChar['expansion']) => {
    if (expansion && expansion !== lastExpansion) w!.expansions.push({ ...expansion, quoted: inQuote, at: w!.text.length });
    lastExpansion = expansion;
    w!.text += ch;
    w!.offsets.push(at);
  };
  const finish = () => {
    if (!w) return;
    w.offsets.push(w.offsets.length ? w.offsets[w.offsets.length - 1] + 1 : w.end);
    words.push(w);
    w = undefined;
  };
  for (let k = 0; k < chars.length;) {
    const { ch, at, expansion } = chars[k];
    if (!inQuote && !expansion && (ch === ' ' || ch === '\t')) {
      finish();
      k++;
      continue;
    }
    w ??= { start: at, end: at, text: '', offsets: [], expansions: [], quoted: false };
    w.end = at + 1;
    if (expansion) {
      push(ch, at, expansion);
      k++;
      continue;
    }
    if (ch === '\\') {
      let m = k;
      while (m < chars.length && chars[m].ch === '\\' && !chars[m].expansion) m++;
      const n = m - k;
      if (chars[m]?.ch === '"' && !chars[m].expansion) {
        for (let j = 0; j < Math.floor(n / 2); j++) push('\\', chars[k + 2 * j + 1].at);
        w.quoted = true;
        if (n % 2 === 1) {
          push('"', chars[m].at);
          w.end = chars[m].at + 1;
          k = m + 1;
        } else {
          k = m;
        }
      } else {
        for (let j = k; j < m; j++) push('\\', chars[j].at);
        k = m;
      }
      continue;
    }
    if (ch === '"') {
      w.quoted = true;
      if (inQuote && chars[k + 1]?.ch === '"' && !chars[k + 1].expansion) {
        push('"', chars[k + 1].at);
        w.end = chars[k + 1].at + 1;
        k += 2;
        continue;
      }
      inQuote = !inQuote;
      k++;
      continue;
    }
    push(ch, at);
    k++;
  }
  finish();
  return words;
}

/** PowerShell also takes typographic single quotes as quotes. */
function isPowerShellSingleQuote(c: string | undefined): boolean {
  return c === "'" || c === '\u2018' || c === '\u2019' || c === '\u201a' || c === '\u201b';
}

function powershellEscape(c: string): string {
  const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', a: '\x07', b: '\b', f: '\f', v: '\v', e: '\x1b' };
  return map[c] ?? c;
}

/** Does `text` (a word's value) carry only literal characters? */
export function isLiteral(word: ShellWord): boolean {
  return word.expansions.length === 0;
}
