// DynamoDB item size, by the rules in the DynamoDB Developer Guide:
// "Item sizes and formats" (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html)
// and "Supported data types" (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html).
//   - attribute name: its UTF-8 bytes; string: UTF-8 bytes; binary: raw bytes;
//   - number: about 1 byte per two significant digits, plus 1 byte (leading/trailing zeros trimmed);
//   - boolean, null: 1 byte;
//   - list, map: 3 bytes overhead, plus 1 byte per element, plus the elements (map keys count as names);
//   - sets: the sum of their elements.
import { JsonValue, isObject, objectEntries } from '../json/values';
import { dumps } from '../json/print';

export const MAX_ITEM_BYTES = 400 * 1024;

export type AttributeValue =
  | { S: string } | { N: string } | { B: string } | { BOOL: boolean } | { NULL: true }
  | { L: AttributeValue[] } | { M: Record<string, AttributeValue> }
  | { SS: string[] } | { NS: string[] } | { BS: string[] };

export interface AttributeWeight {
  name: string;
  type: string;
  bytes: number;
}

export interface ItemSize {
  bytes: number;
  /** Top-level attributes, heaviest first. */
  attributes: AttributeWeight[];
  format: 'dynamodb-json' | 'json';
  /** Pasted `query`/`scan` output: how many items it held (the size is the largest one's). */
  ofItems?: { count: number; index: number };
}

/** The members of `aws dynamodb query` / `scan` output besides its Items. */
const QUERY_OUTPUT_KEYS = new Set(['Items', 'Count', 'ScannedCount', 'LastEvaluatedKey', 'ConsumedCapacity', 'NextToken']);

export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) { n += 4; i++; }
    else n += 3;
  }
  return n;
}

/** Bytes DynamoDB counts for a number written as text (e.g. "123.4500" -> 3 significant digits -> 3 bytes). */
export function numberSize(text: string): number {
  const digits = text.trim().replace(/^[+-]/, '').toLowerCase().split('e')[0].replace('.', '');
  const significant = digits.replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(Math.max(significant.length, 1) / 2) + 1;
}

function base64Length(b64: string): number {
  const clean = b64.replace(/\s+/g, '');
  const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.floor((clean.length * 3) / 4) - padding;
}

export function attributeValueSize(v: AttributeValue): number {
  if ('S' in v) return utf8Length(v.S);
  if ('N' in v) return numberSize(v.N);
  if ('B' in v) return base64Length(v.B);
  if ('BOOL' in v || 'NULL' in v) return 1;
  if ('L' in v) return 3 + v.L.reduce((n, e) => n + 1 + attributeValueSize(e), 0);
  if ('M' in v) return 3 + Object.entries(v.M).reduce((n, [k, e]) => n + 1 + utf8Length(k) + attributeValueSize(e), 0);
  if ('SS' in v) return v.SS.reduce((n, s) => n + utf8Length(s), 0);
  if ('NS' in v) return v.NS.reduce((n, s) => n + numberSize(s), 0);
  return v.BS.reduce((n, s) => n + base64Length(s), 0);
}

const TYPE_KEYS = new Set(['S', 'N', 'B', 'BOOL', 'NULL', 'L', 'M', 'SS', 'NS', 'BS']);
const TYPE_LIST = 'S, N, B, BOOL, NULL, L, M, SS, NS, BS';

// DynamoDB's number: up to 38 significant digits, written plainly or with an exponent
const DDB_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `a string (${JSON.stringify(v.length > 20 ? v.slice(0, 20) + '…' : v)})`;
  return `${typeof v === 'number' ? 'a number' : 'a boolean'} (${String(v)})`;
}

function checkNumber(text: unknown, where: string): void {
  if (typeof text !== 'string') throw new ItemError(`${where}: a DynamoDB number is written as a string, e.g. {"N": "42"}; got ${describe(text)}.`);
  if (!DDB_NUMBER.test(text)) throw new ItemError(`${where}: "${text}" is not a number.`);
  const digits = text.replace(/^[+-]/, '').toLowerCase().split('e')[0].replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  if (digits.length > 38) throw new ItemError(`${where}: DynamoDB numbers have at most 38 significant digits; "${text}" has ${digits.length}.`);
}

function checkBinary(text: unknown, where: string): void {
  if (typeof text !== 'string' || !BASE64.test(text.replace(/\s+/g, ''))) {
    throw new ItemError(`${where}: binary values are base64 text, e.g. {"B": "aGVsbG8="}; got ${describe(text)}.`);
  }
}

// what people write instead of a type key
const TYPE_SYNONYMS: Record<string, string> = {
  STR: 'S', STRING: 'S', TEXT: 'S', NUM: 'N', NUMBER: 'N', INT: 'N', INTEGER: 'N', FLOAT: 'N', DECIMAL: 'N',
  BIN: 'B', BINARY: 'B', BYTES: 'B', BOOLEAN: 'BOOL', BOOLS: 'BOOL', NONE: 'NULL', NIL: 'NULL', LIST: 'L', ARRAY: 'L',
  MAP: 'M', OBJECT: 'M', DICT: 'M', STRINGSET: 'SS', NUMBERSET: 'NS', BINARYSET: 'BS',
};

function closestType(key: string): string | undefined {
  const upper = key.toUpperCase().replace(/[^A-Z]/g, '');
  if (TYPE_KEYS.has(upper)) return upper;
  return TYPE_SYNONYMS[upper];
}

/**
 * Checks one DynamoDB JSON attribute value (`{"S": "x"}`) and everything inside it; `path` names
 * the attribute (`tags[2]`, `address.city`) so the message says which one is wrong.
 */
function checkAttributeValue(v: unknown, path: string): AttributeValue {
  const where = `Attribute "${path}"`;
  if (!v || typeof v !== 'object' || Array.isArray(v)) {
    throw new ItemError(`${where} is ${describe(v)}; in DynamoDB JSON every value is an object with one type key, e.g. {"S": "text"} or {"N": "42"}.`);
  }
  const keys = Object.keys(v);
  if (keys.length !== 1) {
    throw new ItemError(`${where} has ${keys.length ? `${keys.length} type keys (${keys.join(', ')})` : 'no type key'}; it needs exactly one of ${TYPE_LIST}.`);
  }
  const type = keys[0];
  const x = (v as Record<string, unknown>)[type];
  switch (type) {
    case 'S':
      if (typeof x !== 'string') throw new ItemError(`${where}: S holds a string; got ${describe(x)}.`);
      break;
    case 'N':
      checkNumber(x, where);
      break;
    case 'B':
      checkBinary(x, where);
      break;
    case 'BOOL':
      if (typeof x !== 'boolean') throw new ItemError(`${where}: BOOL holds true or false; got ${describe(x)}.`);
      break;
    case 'NULL':
      if (x !== true) throw new ItemError(`${where}: NULL must be true ({"NULL": true}); got ${describe(x)}.`);
      break;
    case 'L':
      if (!Array.isArray(x)) throw new ItemError(`${where}: L holds a list of values, e.g. {"L": [{"S": "a"}]}; got ${describe(x)}.`);
      x.forEach((e, i) => checkAttributeValue(e, `${path}[${i}]`));
      break;
    case 'M':
      if (!x || typeof x !== 'object' || Array.isArray(x)) {
        throw new ItemError(`${where}: M holds an object of attributes, e.g. {"M": {"k": {"S": "v"}}}; got ${describe(x)}.`);
      }
      for (const [k, e] of Object.entries(x)) checkAttributeValue(e, `${path}.${k}`);
      break;
    case 'SS': case 'NS': case 'BS': {
      const what = type === 'SS' ? 'strings' : type === 'NS' ? 'number strings' : 'base64 strings';
      if (!Array.isArray(x)) throw new ItemError(`${where}: ${type} holds a list of ${what}; got ${describe(x)}.`);
      if (x.length === 0) throw new ItemError(`${where}: DynamoDB does not store empty sets; leave the attribute out instead.`);
      x.forEach((e, i) => {
        if (type === 'SS' && typeof e !== 'string') throw new ItemError(`${where}: SS element ${i} is ${describe(e)}, not a string.`);
        if (type === 'NS') checkNumber(e, `${where} (NS element ${i})`);
        if (type === 'BS') checkBinary(e, `${where} (BS element ${i})`);
      });
      const dup = x.find((e, i) => x.indexOf(e) !== i);
      if (dup !== undefined) throw new ItemError(`${where}: ${type} contains ${JSON.stringify(dup)} twice; a set holds each value once.`);
      break;
    }
    default: {
      const guess = closestType(type);
      throw new ItemError(`${where}: "${type}" is not a DynamoDB type${guess ? `; did you mean "${guess}"?` : ''} (types: ${TYPE_LIST}).`);
    }
  }
  return v as AttributeValue;
}

/**
 * DynamoDB JSON when an attribute is a type-keyed object (`{"Name": {"S": "x"}}`, also with a
 * mistyped key such as `{"s": "x"}`), or when every attribute is a one-key object whose key is in
 * capitals (`{"id": {"STR": "x"}}`: a typo, not a plain map). Then every attribute is checked.
 */
function looksLikeDynamoDbJson(obj: Record<string, unknown>): boolean {
  const values = Object.values(obj);
  const oneKey = (v: unknown): string | undefined => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
    const keys = Object.keys(v);
    return keys.length === 1 ? keys[0] : undefined;
  };
  if (values.some((v) => TYPE_KEYS.has((oneKey(v) ?? '').toUpperCase()))) return true;
  return values.length > 0 && values.every((v) => /^[A-Z]{1,8}$/.test(oneKey(v) ?? ''));
}

/** A plain JSON value as the attribute value DynamoDB would store (what boto3's resource layer does). */
export function toAttributeValue(v: JsonValue): AttributeValue {
  if (v === null) return { NULL: true };
  if (typeof v === 'boolean') return { BOOL: v };
  if (typeof v === 'string') return { S: v };
  if (Array.isArray(v)) return { L: v.map(toAttributeValue) };
  if (isObject(v)) return { M: Object.fromEntries(objectEntries(v).map(([k, x]) => [k, toAttributeValue(x)])) };
  return { N: dumps(v) };
}

export class ItemError extends Error {}

/**
 * Size of an item given as JSON text: plain JSON, DynamoDB JSON, `aws dynamodb get-item` output
 * (`{"Item": {...}}`), or query/scan output (its largest item).
 */
export function itemSizeFromJson(item: JsonValue): ItemSize {
  let obj = item;
  if (isObject(obj)) {
    const entries = objectEntries(obj);
    // get-item output, also with --return-consumed-capacity
    const item = entries.find(([k]) => k === 'Item')?.[1];
    if (isObject(item) && entries.every(([k]) => k === 'Item' || k === 'ConsumedCapacity')) obj = item;
    // query/scan output: capacity is per item, so the largest item decides (trial 17: the whole
    // response was sized as one item)
    const items = entries.find(([k]) => k === 'Items')?.[1];
    if (Array.isArray(items) && entries.every(([k]) => QUERY_OUTPUT_KEYS.has(k))) {
      if (items.length === 0) throw new ItemError('This query/scan output has no Items: paste one that has an item, or the item itself.');
      const sizes = items.map((one, i) => {
        if (!isObject(one)) throw new ItemError(`Items[${i}] is not an item (a JSON object of attributes).`);
        return itemSizeFromJson(one);
      });
      let largest = 0;
      sizes.forEach((size, i) => { if (size.bytes > sizes[largest].bytes) largest = i; });
      return { ...sizes[largest], ofItems: { count: items.length, index: largest } };
    }
  }
  if (!isObject(obj)) throw new ItemError('An item is a JSON object of attributes, e.g. {"id": {"S": "a"}} or {"id": "a"}.');
  const plain = JSON.parse(dumps(obj, true)) as Record<string, unknown>;
  const ddb = looksLikeDynamoDbJson(plain);
  const attributes: AttributeWeight[] = objectEntries(obj).map(([name, value]) => {
    const av = ddb ? checkAttributeValue(plain[name], name) : toAttributeValue(value);
    const type = Object.keys(av)[0];
    return { name, type, bytes: utf8Length(name) + attributeValueSize(av) };
  });
  attributes.sort((a, b) => b.bytes - a.bytes);
  return { bytes: attributes.reduce((n, a) => n + a.bytes, 0), attributes, format: ddb ? 'dynamodb-json' : 'json' };
}
