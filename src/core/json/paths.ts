// JMESPath paths of JSON values: which value is at an offset, and how to write its path.
import { JsonValue, getField, isObject } from './values';
import type { SourceMap } from './parse';

export type PathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `Name`, or `"aws:cloudformation:stack-name"` when the key is not a bare JMESPath identifier. */
export function formatKey(key: string): string {
  return IDENTIFIER.test(key) ? key : JSON.stringify(key);
}

/** Exact (`Reservations[0].Instances[2].InstanceId`) or projected (`Reservations[].Instances[].InstanceId`). */
export function formatPath(path: PathSegment[], projected = false): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += projected ? '[]' : `[${seg}]`;
    else out += (out === '' ? '' : '.') + formatKey(seg);
  }
  return out === '' ? '@' : out;
}

/**
 * The path of the innermost value whose source range (or key) contains `offset`, and that value's
 * range. Walks down from the root using the source map.
 */
export function pathAtOffset(
  root: JsonValue,
  map: SourceMap,
  offset: number,
): { path: PathSegment[]; range: [number, number] } | undefined {
  if (offset < map.root[0] || offset > map.root[1]) return undefined;
  const path: PathSegment[] = [];
  let value = root;
  let range: [number, number] = map.root;
  for (;;) {
    let next: { seg: PathSegment; value: JsonValue; range: [number, number] } | undefined;
    if (Array.isArray(value)) {
      const offsets = map.arrays.get(value);
      if (offsets) {
        for (let i = 0; i < value.length; i++) {
          if (offset >= offsets[2 * i] && offset <= offsets[2 * i + 1]) {
            next = { seg: i, value: value[i], range: [offsets[2 * i], offsets[2 * i + 1]] };
            break;
          }
        }
      }
    } else if (isObject(value)) {
      const members = map.objects.get(value as object);
      if (members) {
        for (const [key, [start, end, keyStart]] of members) {
          if (offset >= keyStart && offset <= end) {
            next = { seg: key, value: getField(value, key), range: [start, end] };
            break;
          }
        }
      }
    }
    if (!next) return { path, range };
    path.push(next.seg);
    range = next.range;
    value = next.value;
  }
}
