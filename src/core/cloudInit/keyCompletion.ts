// Which cloud-config keys fit where the cursor is in a user-data file: the module keys at the top
// level, an entry's keys inside `users` / `write_files` entries, `chpasswd`'s own. Read from the
// indentation of the lines above (the text is often invalid YAML while it is typed).
import { AMAZON_LINUX_KEYS, CHPASSWD_KEYS, CLOUD_CONFIG_KEYS, USER_KEYS, WRITE_FILES_KEYS } from './cloudConfigKeys';

export interface KeyCompletions {
  /** Where the keys belong, for the items' detail (`cloud-config module`, `users entry`...). */
  where: string;
  keys: readonly string[];
  /** Keys already written in that mapping (not offered again). */
  present: string[];
  /** UTF-16 offsets of the word being typed, which a chosen key replaces. */
  start: number;
  end: number;
}

const ENTRY_KEYS: Record<string, { where: string; keys: readonly string[] }> = {
  users: { where: 'users entry', keys: USER_KEYS },
  write_files: { where: 'write_files entry', keys: WRITE_FILES_KEYS },
};

/** The keys that fit at `offset`, or undefined where no key is being typed (a value, a comment, a list item's text). */
export function cloudConfigKeysAt(text: string, offset: number): KeyCompletions | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  // a key being typed: indentation, maybe `- ` (a list entry's first key), then a word
  const m = /^( *)(- +)?([A-Za-z0-9_-]*)$/.exec(before);
  if (!m) return undefined;
  const wordEnd = offset + (/^[A-Za-z0-9_-]*/.exec(text.slice(offset))?.[0].length ?? 0);
  const indent = m[1].length + (m[2]?.length ?? 0);
  const range = { start: offset - m[3].length, end: wordEnd };
  const lines = text.slice(0, lineStart).split('\n');
  const siblings = (from: number, column: number): string[] => {
    const out: string[] = [];
    for (let i = from; i >= 0; i--) {
      const line = lines[i];
      if (/^\s*(#|$)/.test(line)) continue;
      const lead = /^ */.exec(line)![0].length;
      if (lead < column) break;
      const key = lead === column ? /^ *([A-Za-z0-9_-]+)\s*:/.exec(line)?.[1] : undefined;
      if (key) out.push(key);
    }
    return out;
  };
  if (indent === 0) {
    if (m[2]) return undefined;
    return { where: 'cloud-config module', keys: [...CLOUD_CONFIG_KEYS, ...AMAZON_LINUX_KEYS], present: siblings(lines.length - 1, 0), ...range };
  }
  // the parent: the nearest line above with less indentation, `key:` or `- key: ...` (an entry)
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i];
    if (/^\s*(#|$)/.test(line)) continue;
    const lead = /^ */.exec(line)![0].length;
    const dash = /^ *- +/.exec(line)?.[0].length;
    if (!m[2] && dash !== undefined && dash === indent) {
      // inside a list entry: the list's key is above the entry's dash
      const list = parentKey(lines, i, lead);
      const entry = list ? ENTRY_KEYS[list.key] : undefined;
      return entry && list!.top ? { ...entry, present: entryKeys(lines, i, indent), ...range } : undefined;
    }
    if (lead >= indent || (m[2] && dash !== undefined && lead === m[1].length)) continue; // (deeper, or an earlier entry of the same list)
    const key = /^([A-Za-z0-9_-]+)\s*:\s*(#.*)?$/.exec(line.trim())?.[1];
    if (!key || lead !== 0) return undefined;
    if (m[2]) return ENTRY_KEYS[key] ? { ...ENTRY_KEYS[key], present: [], ...range } : undefined;
    return key === 'chpasswd' ? { where: 'chpasswd', keys: CHPASSWD_KEYS, present: siblings(lines.length - 1, indent), ...range } : undefined;
  }
  return undefined;
}

/** The `key:` that holds the list whose entry starts at line `i` (indented `lead`), and whether it is top-level. */
function parentKey(lines: string[], i: number, lead: number): { key: string; top: boolean } | undefined {
  for (let j = i - 1; j >= 0; j--) {
    const line = lines[j];
    if (/^\s*(#|$)/.test(line)) continue;
    const l = /^ */.exec(line)![0].length;
    if (l > lead || (l === lead && /^ *- /.test(line))) continue;
    const key = /^ *([A-Za-z0-9_-]+)\s*:\s*(#.*)?$/.exec(line)?.[1];
    return key ? { key, top: l === 0 } : undefined;
  }
  return undefined;
}

/** The keys of the list entry starting at line `i`, whose keys are indented `column`. */
function entryKeys(lines: string[], i: number, column: number): string[] {
  const out: string[] = [];
  for (let j = i; j < lines.length; j++) {
    const line = lines[j];
    const key = (j === i ? /^ *- +([A-Za-z0-9_-]+)\s*:/ : new RegExp(`^ {${column}}([A-Za-z0-9_-]+)\\s*:`)).exec(line)?.[1];
    if (key) out.push(key);
  }
  return out;
}
