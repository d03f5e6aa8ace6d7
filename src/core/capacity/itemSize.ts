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
}

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

/** `{"Name": {"S": "x"}}`: every attribute is an object with exactly one DynamoDB type key. */
function looksLikeDynamoDbJson(obj: Record<string, unknown>): boolean {
  const values = Object.values(obj);
  return values.length > 0 && values.every((v) => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
    const keys = Object.keys(v);
    return keys.length === 1 && TYPE_KEYS.has(keys[0]);
  });
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
 * Size of an item given as JSON text: plain JSON, DynamoDB JSON, or `aws dynamodb get-item`
 * output (`{"Item": {...}}`).
 */
export function itemSizeFromJson(item: JsonValue): ItemSize {
  let obj = item;
  if (isObject(obj)) {
    const entries = objectEntries(obj);
    if (entries.length === 1 && entries[0][0] === 'Item' && isObject(entries[0][1])) obj = entries[0][1];
  }
  if (!isObject(obj)) throw new ItemError('An item is a JSON object of attributes, e.g. {"id": {"S": "a"}} or {"id": "a"}.');
  const plain = JSON.parse(dumps(obj, true)) as Record<string, unknown>;
  const ddb = looksLikeDynamoDbJson(plain);
  const attributes: AttributeWeight[] = objectEntries(obj).map(([name, value]) => {
    const av = ddb ? (plain[name] as AttributeValue) : toAttributeValue(value);
    const type = Object.keys(av)[0];
    return { name, type, bytes: utf8Length(name) + attributeValueSize(av) };
  });
  attributes.sort((a, b) => b.bytes - a.bytes);
  return { bytes: attributes.reduce((n, a) => n + a.bytes, 0), attributes, format: ddb ? 'dynamodb-json' : 'json' };
}
