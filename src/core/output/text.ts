// `--output text`, by the rules of the AWS CLI's text formatter (awscli/text.py, the same in v1 and v2):
// - a scalar prints as Python's str() (`None`, `True`, `1.0`) on its own line;
// - a list of scalars is one tab-separated line (one `KEY\tvalue` line each under a key);
// - an object prints its scalar values on one line, keys sorted by code point, then each
//   non-scalar member under its key, upper-cased as the line's first column;
// - a list of objects uses the sorted union of the objects' scalar keys as columns ('' where one
//   is missing), so every row has the same columns.
import { JsonObject, JsonValue, compareStrings, getField, isObject, objectEntries, objectKeys } from '../json/values';
import { OutputFormatError, isScalar, pyStr, pyTypeName } from './python';

export function formatText(value: JsonValue): string {
  const out: string[] = [];
  writeValue(value, out, undefined, undefined);
  return out.join('');
}

function writeValue(item: JsonValue, out: string[], identifier: string | undefined, scalarKeys: string[] | undefined): void {
  if (Array.isArray(item)) writeList(item, out, identifier);
  else if (isObject(item)) writeObject(item, out, identifier, scalarKeys);
  else out.push(pyStr(item), '\n');
}

function writeList(items: JsonValue[], out: string[], identifier: string | undefined): void {
  if (items.length === 0) return;
  if (items.some(isObject)) {
    const keys = allScalarKeys(items);
    for (const element of items) writeValue(element, out, identifier, keys);
  } else if (items.some(Array.isArray)) {
    const scalars = items.filter(isScalar);
    if (scalars.length > 0) writeScalars(scalars, out, identifier);
    for (const item of items) if (!isScalar(item)) writeValue(item, out, identifier, undefined);
  } else {
    writeScalars(items, out, identifier);
  }
}

function writeScalars(items: JsonValue[], out: string[], identifier: string | undefined): void {
  if (identifier !== undefined) {
    const key = identifier.toUpperCase();
    for (const item of items) out.push(key, '\t', pyStr(item), '\n');
  } else {
    out.push(items.map(pyStr).join('\t'), '\n');
  }
}

function writeObject(item: JsonObject, out: string[], identifier: string | undefined, scalarKeys: string[] | undefined): void {
  const scalars: string[] = [];
  const nested: [string, JsonValue][] = [];
  if (scalarKeys === undefined) {
    for (const [key, value] of objectEntries(item).sort((a, b) => compareStrings(a[0], b[0]))) {
      if (isScalar(value)) scalars.push(pyStr(value));
      else nested.push([key, value]);
    }
  } else {
    const known = new Set(scalarKeys);
    const keys = objectKeys(item);
    const present = new Set(keys);
    // dict.get(key, ''): a key another object holds as a scalar may hold a list here (printed as repr)
    for (const key of scalarKeys) scalars.push(present.has(key) ? pyStr(getField(item, key)) : '');
    for (const key of keys.filter((k) => !known.has(k)).sort(compareStrings)) nested.push([key, getField(item, key)]);
  }
  if (scalars.length > 0) {
    if (identifier !== undefined) scalars.unshift(identifier.toUpperCase());
    out.push(scalars.join('\t'), '\n');
  }
  for (const [key, value] of nested) writeValue(value, out, key, undefined);
}

/** The sorted union of the scalar-valued keys; every element must be an object (as in the CLI). */
function allScalarKeys(items: JsonValue[]): string[] {
  const seen = new Set<string>();
  for (const item of items) {
    if (!isObject(item)) throw new OutputFormatError('AttributeError', `'${pyTypeName(item)}' object has no attribute 'items'`);
    for (const [key, value] of objectEntries(item)) if (isScalar(value)) seen.add(key);
  }
  return [...seen].sort(compareStrings);
}
