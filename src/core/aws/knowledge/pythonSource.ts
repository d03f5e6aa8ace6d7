// Just enough of Python's lexical structure to find calls and literals: where strings and comments
// are, what a string literal's value is, and the arguments of a call.

export interface PyString {
  /** Offsets of the whole literal, prefix and quotes included. */
  start: number;
  end: number;
  /** Offset of the first character of the content. */
  contentStart: number;
  /** The content as written (escapes are not decoded; enough for paths). */
  value: string;
  prefix: string;
}

export interface PySource {
  src: string;
  strings: PyString[];
  /** Sorted [start, end) ranges of strings and comments. */
  skipped: [number, number][];
}

export function scanPython(src: string): PySource {
  const strings: PyString[] = [];
  const skipped: [number, number][] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === '#') {
      const nl = src.indexOf('\n', i);
      const end = nl < 0 ? src.length : nl;
      skipped.push([i, end]);
      i = end;
      continue;
    }
    if (c === '"' || c === "'") {
      let p = i;
      while (p > 0 && /[rRbBfFuU]/.test(src[p - 1]) && i - p < 2) p--;
      if (p > 0 && /[\w]/.test(src[p - 1])) p = i; // `x'` is not a prefix
      const prefix = src.slice(p, i);
      const triple = src.startsWith(c.repeat(3), i);
      const quote = triple ? c.repeat(3) : c;
      let j = i + quote.length;
      while (j < src.length) {
        // a backslash escapes the next character (even in a raw string, where it also stays)
        if (src[j] === '\\') { j += 2; continue; }
        if (!triple && src[j] === '\n') break;
        if (src.startsWith(quote, j)) break;
        j++;
      }
      const closed = src.startsWith(quote, j);
      const end = closed ? j + quote.length : j;
      strings.push({ start: p, end, contentStart: i + quote.length, value: src.slice(i + quote.length, Math.min(j, src.length)), prefix });
      skipped.push([p, end]);
      i = end;
      continue;
    }
    i++;
  }
  return { src, strings, skipped };
}

/** The string or comment range `offset` is in, if any. */
export function skippedAt(py: PySource, offset: number): [number, number] | undefined {
  let lo = 0;
  let hi = py.skipped.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [s, e] = py.skipped[mid];
    if (offset < s) hi = mid - 1;
    else if (offset >= e) lo = mid + 1;
    else return py.skipped[mid];
  }
  return undefined;
}

export function isSkipped(py: PySource, offset: number): boolean {
  return skippedAt(py, offset) !== undefined;
}

export function stringAt(py: PySource, offset: number): PyString | undefined {
  return py.strings.find((s) => offset >= s.start && offset < s.end);
}

export interface PyArg {
  /** Keyword name, or undefined for a positional argument. */
  name?: string;
  nameStart?: number;
  /** The argument's expression, as written. */
  value: string;
  valueStart: number;
  valueEnd: number;
  /** The whole argument (keyword included). */
  start: number;
  end: number;
}

export interface PyCallArgs {
  args: PyArg[];
  /** Offset just past the closing parenthesis (or the end of the text if unclosed). */
  end: number;
}

/** The arguments of the call whose `(` is at `open`. */
export function callArgs(py: PySource, open: number): PyCallArgs {
  const { src } = py;
  const args: PyArg[] = [];
  let depth = 0;
  let argStart = open + 1;
  let i = open;
  const push = (end: number) => {
    const raw = src.slice(argStart, end);
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    if (!text) return;
    const start = argStart + lead;
    const kw = /^([A-Za-z_]\w*)\s*=(?!=)\s*/.exec(text);
    if (kw) {
      args.push({ name: kw[1], nameStart: start, value: text.slice(kw[0].length), valueStart: start + kw[0].length, valueEnd: start + text.length, start, end: start + text.length });
    } else {
      args.push({ value: text, valueStart: start, valueEnd: start + text.length, start, end: start + text.length });
    }
  };
  while (i < src.length) {
    const s = skippedAt(py, i);
    if (s) {
      i = s[1];
      continue;
    }
    const c = src[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) {
        push(i);
        return { args, end: i + 1 };
      }
    } else if (c === ',' && depth === 1) {
      push(i);
      argStart = i + 1;
    }
    i++;
  }
  push(src.length);
  return { args, end: src.length };
}

/** The plain string value of an expression that is a single string literal (no f-string holes). */
export function literalValue(py: PySource, start: number, end: number): PyString | undefined {
  const s = py.strings.find((x) => x.start === start && x.end === end);
  if (!s || /[bB]/.test(s.prefix)) return undefined;
  return s;
}
