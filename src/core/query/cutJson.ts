// A printed JSON result cut at the results editor's limit, made valid JSON again: cut back to the
// last whole entry of the outermost list or object that has one, with the brackets left open
// closed, so the editor shows the entries that fit and no bogus problems.

export interface ClosedJson {
  text: string;
  /** How many entries of the top-level list or object the text holds whole (0: only part of the first). */
  entries: number;
}

/**
 * `prefix`: the start of text json.dumps(indent=4) printed. Undefined when no entry ends in it
 * (a scalar, or the first entry of every level is cut).
 */
export function closeCutJson(prefix: string): ClosedJson | undefined {
  const closers: number[] = [];
  /** Where the last whole entry of the container at each depth ends (0: the top-level value itself). */
  const lastEnd: number[] = [];
  let topCommas = 0;
  /** Top-level entries whole at lastEnd[1]. */
  let topEntries = 0;
  const n = prefix.length;
  for (let i = 0; i < n; i++) {
    const c = prefix.charCodeAt(i);
    if (c === QUOTE) {
      // skip the string: a quote ends it unless a backslash escapes it
      for (i++; i < n; i++) {
        const s = prefix.charCodeAt(i);
        if (s === BACKSLASH) i++;
        else if (s === QUOTE) break;
      }
    } else if (c === OPEN_LIST) closers.push(CLOSE_LIST);
    else if (c === OPEN_OBJECT) closers.push(CLOSE_OBJECT);
    else if (c === CLOSE_LIST || c === CLOSE_OBJECT) {
      closers.pop();
      // a list or object ended: an entry of the one around it, whole
      lastEnd[closers.length] = i + 1;
      if (closers.length === 1) topEntries = topCommas + 1;
      else if (closers.length === 0) topEntries = /^[[{]\s*[\]}]$/.test(prefix.slice(0, i + 1).trim()) ? 0 : topCommas + 1;
    } else if (c === COMMA) {
      // the entry before the comma is whole
      lastEnd[closers.length] = i;
      if (closers.length === 1) topEntries = ++topCommas;
    }
  }
  // the outermost cut: the containers around it are the ones still open at the end (had one of
  // them closed after it, the cut one level out would be later)
  let depth = 0;
  while (depth < lastEnd.length && lastEnd[depth] === undefined) depth++;
  const at = lastEnd[depth];
  if (at === undefined) return undefined;
  if (depth === 0) return { text: prefix.slice(0, at) + '\n', entries: topEntries };
  let text = prefix.slice(0, at);
  for (let k = depth - 1; k >= 0; k--) text += '\n' + ' '.repeat(4 * k) + String.fromCharCode(closers[k]);
  return { text: text + '\n', entries: depth === 1 ? topEntries : 0 };
}

const QUOTE = 0x22, BACKSLASH = 0x5c, COMMA = 0x2c;
const OPEN_LIST = 0x5b, CLOSE_LIST = 0x5d, OPEN_OBJECT = 0x7b, CLOSE_OBJECT = 0x7d;
