// DynamoDB read/write capacity, by the Developer Guide's rules:
// - "Read/write capacity mode" and "Managing settings on DynamoDB provisioned capacity tables"
//   (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/provisioned-capacity-mode.html):
//   one RCU = one strongly consistent read per second of an item up to 4 KB (eventually consistent:
//   half; transactional: double); one WCU = one write per second of an item up to 1 KB
//   (transactional: double); item sizes round up to the next 4 KB (reads) or 1 KB (writes), per item.
// - "Global secondary indexes: provisioned throughput considerations"
//   (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html#GSI.ThroughputConsiderations):
//   a table write that touches an index also writes to it, sized by the index's projected attributes.
// - "On-demand capacity mode" (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/on-demand-capacity-mode.html):
//   read/write request units follow the same size rules, billed per million.
import { JsonValue } from '../json/values';
import { parseJson } from '../json/parse';
import { ItemError, ItemSize, MAX_ITEM_BYTES, itemSizeFromJson } from './itemSize';

export type Consistency = 'eventual' | 'strong' | 'transactional';

export interface CapacityInput {
  /** Item size in bytes, or an item (JSON value or JSON text) to size. */
  itemSizeBytes?: number | string;
  item?: JsonValue | string;
  reads?: { count: number | string; perSeconds?: number | string; consistency?: Consistency };
  writes?: { count: number | string; perSeconds?: number | string; transactional?: boolean };
  gsis?: { count: number | string; projectedSizeBytes?: number | string };
  prices?: Partial<Record<keyof Prices, number | string>>;
}

/** USD list prices (us-east-1, standard table class). Not live prices: check the AWS pricing page. */
export interface Prices {
  readRequestPerMillion: number;
  writeRequestPerMillion: number;
  rcuHour: number;
  wcuHour: number;
}

export const DEFAULT_PRICES: Prices = {
  readRequestPerMillion: 0.125,
  writeRequestPerMillion: 0.625,
  rcuHour: 0.00013,
  wcuHour: 0.00065,
};
export const DEFAULT_PRICES_LABEL = 'us-east-1 list prices (standard table class) as published in 2025; not live prices';

export const HOURS_PER_MONTH = 730;
/** Read units given to each global secondary index (its reads are not an input here). */
export const GSI_READ_UNITS = 1;
const SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600;

export interface FieldError {
  field: string;
  message: string;
}

export interface ReadResult {
  perSecond: number;
  unitsPerRead: number;
  /** Exact capacity before rounding up to whole units. */
  exact: number;
  provisioned: number;
  requestUnitsPerMonth: number;
}

export interface WriteResult extends ReadResult {
  gsiUnitsPerWrite: number;
  gsiProvisionedEach: number;
  gsiCount: number;
}

export interface CapacityResult {
  /** Undefined when the size or item is invalid (see errors). */
  itemSizeBytes?: number;
  item?: ItemSize;
  reads?: ReadResult;
  writes?: WriteResult;
  /** Undefined while any input is invalid (a cost of half the input would mislead). */
  cost?: { onDemandMonthly: number; provisionedMonthly: number; prices: Prices; pricesLabel: string };
  steps: string[];
  errors: FieldError[];
}

function parseNumber(v: unknown, field: string, errors: FieldError[], opts: { min?: number; integer?: boolean; positive?: boolean } = {}): number | undefined {
  if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) {
    errors.push({ field, message: 'Enter a number.' });
    return undefined;
  }
  // thousands separators as the steps print them (1,000) are accepted
  const text = typeof v === 'number' ? '' : String(v).trim().replace(/^([+-]?\d{1,3}(?:,\d{3})+)(?=$|\.)/, (m) => m.replace(/,/g, ''));
  const n = typeof v === 'number' ? v : /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(n)) {
    errors.push({ field, message: `"${String(v)}" is not a number.` });
    return undefined;
  }
  if (n < 0 || (opts.positive && n === 0)) {
    errors.push({ field, message: opts.positive ? 'Must be greater than 0.' : 'Must not be negative.' });
    return undefined;
  }
  if (opts.integer && !Number.isInteger(n)) {
    errors.push({ field, message: 'Must be a whole number.' });
    return undefined;
  }
  // past 2^53 a number is no longer the one typed (trial 17: 99999999999999999999 showed as 100,000,000,000,000,000,000)
  if (n > Number.MAX_SAFE_INTEGER) {
    errors.push({ field, message: `Too large to compute exactly: at most ${formatNumber(Number.MAX_SAFE_INTEGER)}.` });
    return undefined;
  }
  return n;
}

const kb = (bytes: number) => (bytes % 1024 === 0 ? `${bytes / 1024} KB` : `${bytes} bytes`);
/** A number as the calculator shows it: thousands grouped (`4,000`), up to 3 decimals. */
export const formatNumber = (n: number): string => (Number.isInteger(n) ? n.toLocaleString('en-US')
  // a rate below 0.001 keeps 3 significant digits (trial 17: 0.5 per hour read as "0 reads/s")
  : Math.abs(n) < 0.001 ? n.toLocaleString('en-US', { maximumSignificantDigits: 3 })
    : n.toLocaleString('en-US', { maximumFractionDigits: 3 }));
/** Dollars to the cent, half up: binary noise first rounded away ($52.195 is 52.19499... as a double). */
export const usd = (n: number): string => {
  const cents = Math.round(Number((n * 100).toFixed(6)));
  return `$${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
};

/** Per-item units: sizes round up per item to 4 KB (reads) or 1 KB (writes); empty items still cost 1. */
export function readUnitsPerItem(sizeBytes: number): number {
  return Math.max(1, Math.ceil(sizeBytes / 4096));
}
export function writeUnitsPerItem(sizeBytes: number): number {
  return Math.max(1, Math.ceil(sizeBytes / 1024));
}

const CONSISTENCY_FACTOR: Record<Consistency, number> = { eventual: 0.5, strong: 1, transactional: 2 };
const CONSISTENCY_WORDS: Record<Consistency, string> = {
  eventual: 'eventually consistent reads cost half a unit',
  strong: 'strongly consistent reads cost one unit',
  transactional: 'transactional reads cost two units',
};

/** Rounds away binary noise (0.1 * 3) before rounding up to whole units. */
function ceilUnits(x: number): number {
  return Math.ceil(Math.round(x * 1e9) / 1e9);
}

/** DynamoDB's smallest provisioned throughput is 1 unit, even for a table nobody reads. */
export const MIN_PROVISIONED_UNITS = 1;

function provisionedUnits(exact: number): number {
  return Math.max(MIN_PROVISIONED_UNITS, ceilUnits(exact));
}

/** How the exact figure became the provisioned one, for the worked steps. */
function roundingWords(exact: number, provisioned: number, unit: string): string {
  if (ceilUnits(exact) < MIN_PROVISIONED_UNITS) return `; DynamoDB's minimum is ${MIN_PROVISIONED_UNITS} ${unit}, so ${provisioned} ${unit}.`;
  return provisioned !== exact ? `, rounded up to ${provisioned} ${unit}.` : ` ${unit}.`;
}

export function computeCapacity(input: CapacityInput): CapacityResult {
  const errors: FieldError[] = [];
  const steps: string[] = [];
  const prices: Prices = { ...DEFAULT_PRICES };
  for (const [k, v] of Object.entries(input.prices ?? {})) {
    const n = parseNumber(v, `prices.${k}`, errors);
    if (n !== undefined) prices[k as keyof Prices] = n;
  }

  let item: ItemSize | undefined;
  let size: number | undefined;
  if (input.item !== undefined && input.item !== '') {
    try {
      const value = typeof input.item === 'string' ? parseItemText(input.item) : input.item;
      item = itemSizeFromJson(value);
      size = item.bytes;
      const top = item.attributes.slice(0, 3).map((a) => `${a.name} ${a.bytes} B`).join(', ');
      const of = item.ofItems ? `, the largest of the ${formatNumber(item.ofItems.count)} items pasted (Items[${item.ofItems.index}])` : '';
      steps.push(`Item size: ${formatNumber(size)} bytes${of} (${item.attributes.length} attributes; heaviest: ${top}).`);
    } catch (e) {
      // only our own messages: a JavaScript error text means nothing to the user
      errors.push({ field: 'item', message: e instanceof ItemError ? e.message : 'This item could not be sized; check that it is a JSON object of attributes.' });
    }
  } else {
    size = parseNumber(input.itemSizeBytes, 'itemSizeBytes', errors);
  }
  if (size !== undefined && size > MAX_ITEM_BYTES) {
    errors.push({ field: input.item !== undefined ? 'item' : 'itemSizeBytes', message: `Items are limited to 400 KB (409,600 bytes); this one is ${formatNumber(size)} bytes.` });
    size = undefined;
  }

  let reads: ReadResult | undefined;
  if (input.reads) {
    const count = parseNumber(input.reads.count, 'reads.count', errors);
    const per = parseNumber(input.reads.perSeconds ?? 1, 'reads.perSeconds', errors, { positive: true });
    const consistency = input.reads.consistency ?? 'strong';
    if (!(consistency in CONSISTENCY_FACTOR)) errors.push({ field: 'reads.consistency', message: 'Choose eventual, strong or transactional.' });
    if (count !== undefined && per !== undefined && size !== undefined && consistency in CONSISTENCY_FACTOR) {
      const perSecond = count / per;
      const unitsPerRead = readUnitsPerItem(size);
      const factor = CONSISTENCY_FACTOR[consistency];
      const exact = perSecond * unitsPerRead * factor;
      const provisioned = provisionedUnits(exact);
      reads = { perSecond, unitsPerRead, exact, provisioned, requestUnitsPerMonth: exact * SECONDS_PER_MONTH };
      steps.push(
        `Reads: ${formatNumber(count)} per ${formatNumber(per)} second${per === 1 ? '' : 's'} = ${formatNumber(perSecond)} reads/s; ` +
          `${formatNumber(size)} bytes rounded up to ${kb(unitsPerRead * 4096)} = ${unitsPerRead} read unit${unitsPerRead === 1 ? '' : 's'} per read; ` +
          `${CONSISTENCY_WORDS[consistency]}: ${formatNumber(perSecond)} × ${unitsPerRead} × ${factor} = ${formatNumber(exact)}` +
          roundingWords(exact, provisioned, 'RCU'),
      );
    }
  }

  let writes: WriteResult | undefined;
  if (input.writes) {
    const count = parseNumber(input.writes.count, 'writes.count', errors);
    const per = parseNumber(input.writes.perSeconds ?? 1, 'writes.perSeconds', errors, { positive: true });
    const gsiCount = input.gsis ? parseNumber(input.gsis.count, 'gsis.count', errors, { integer: true }) : 0;
    const gsiSize = input.gsis && gsiCount ? parseNumber(input.gsis.projectedSizeBytes ?? size, 'gsis.projectedSizeBytes', errors) : 0;
    if (gsiSize !== undefined && gsiSize > MAX_ITEM_BYTES) errors.push({ field: 'gsis.projectedSizeBytes', message: 'A projection cannot be larger than the 400 KB item limit.' });
    // an index holds some of the item's attributes (its keys among them): never more than the item (trial 17)
    const projectionFits = gsiSize === undefined || size === undefined || gsiSize <= size;
    if (!projectionFits) errors.push({ field: 'gsis.projectedSizeBytes', message: `A projection holds some of the item's attributes: it cannot be larger than the item (${formatNumber(size!)} bytes).` });
    if (count !== undefined && per !== undefined && size !== undefined && gsiCount !== undefined && gsiSize !== undefined && gsiSize <= MAX_ITEM_BYTES && projectionFits) {
      const perSecond = count / per;
      const unitsPerWrite = writeUnitsPerItem(size);
      const factor = input.writes.transactional ? 2 : 1;
      const exact = perSecond * unitsPerWrite * factor;
      const provisioned = provisionedUnits(exact);
      const gsiUnitsPerWrite = gsiCount ? writeUnitsPerItem(gsiSize) : 0;
      const gsiExact = perSecond * gsiUnitsPerWrite;
      const gsiProvisionedEach = gsiCount ? provisionedUnits(gsiExact) : 0;
      writes = {
        perSecond, unitsPerRead: unitsPerWrite, exact, provisioned, gsiUnitsPerWrite, gsiProvisionedEach, gsiCount,
        requestUnitsPerMonth: (exact + gsiExact * gsiCount) * SECONDS_PER_MONTH,
      };
      steps.push(
        `Writes: ${formatNumber(count)} per ${formatNumber(per)} second${per === 1 ? '' : 's'} = ${formatNumber(perSecond)} writes/s; ` +
          `${formatNumber(size)} bytes rounded up to ${kb(unitsPerWrite * 1024)} = ${unitsPerWrite} write unit${unitsPerWrite === 1 ? '' : 's'} per write` +
          (factor === 2 ? ', doubled for transactional writes' : '') +
          `: ${formatNumber(perSecond)} × ${unitsPerWrite}${factor === 2 ? ' × 2' : ''} = ${formatNumber(exact)}` +
          roundingWords(exact, provisioned, 'WCU'),
      );
      if (gsiCount) {
        steps.push(
          `Global secondary indexes: each of ${gsiCount} index${gsiCount === 1 ? '' : 'es'} takes every write too, sized by its projection ` +
            `(${formatNumber(gsiSize)} bytes = ${gsiUnitsPerWrite} unit${gsiUnitsPerWrite === 1 ? '' : 's'}): ${formatNumber(perSecond)} × ${gsiUnitsPerWrite} = ` +
            `${formatNumber(gsiExact)}${roundingWords(gsiExact, gsiProvisionedEach, 'WCU').replace(/\.$/, '')} per index. ` +
            `Reads on an index are not part of this calculation: each index gets DynamoDB's minimum of ${GSI_READ_UNITS} RCU in the inserted text; raise it for the queries it serves.`,
        );
      }
    }
  }

  const valid = errors.length === 0;
  const onDemandMonthly = ((reads?.requestUnitsPerMonth ?? 0) / 1e6) * prices.readRequestPerMillion
    + ((writes?.requestUnitsPerMonth ?? 0) / 1e6) * prices.writeRequestPerMillion;
  const provisionedWcu = (writes?.provisioned ?? 0) + (writes ? writes.gsiProvisionedEach * writes.gsiCount : 0);
  const provisionedRcu = (reads?.provisioned ?? 0) + (writes ? GSI_READ_UNITS * writes.gsiCount : 0);
  const provisionedMonthly = provisionedRcu * HOURS_PER_MONTH * prices.rcuHour + provisionedWcu * HOURS_PER_MONTH * prices.wcuHour;
  if (valid && (reads || writes)) {
    steps.push(
      `Monthly (${HOURS_PER_MONTH} h): on-demand ${usd(onDemandMonthly)} ` +
        `(${formatNumber(Math.round((reads?.requestUnitsPerMonth ?? 0)))} read and ${formatNumber(Math.round(writes?.requestUnitsPerMonth ?? 0))} write request units); ` +
        `provisioned ${usd(provisionedMonthly)} (${formatNumber(provisionedRcu)} RCU, ${formatNumber(provisionedWcu)} WCU, always on).`,
    );
  }
  return {
    itemSizeBytes: size,
    item,
    reads,
    writes,
    cost: valid && (reads || writes) ? { onDemandMonthly, provisionedMonthly, prices, pricesLabel: DEFAULT_PRICES_LABEL } : undefined,
    steps,
    errors,
  };
}

/** Exact reading keeps every digit of a number, which its size depends on. */
function parseItemText(text: string): JsonValue {
  try {
    return parseJson(text).value;
  } catch (e) {
    throw new ItemError(`The item is not valid JSON: ${(e as Error).message}`);
  }
}

// ---- snippets to paste ----

export type SnippetFormat = 'cloudformation-yaml' | 'cloudformation-json' | 'cli' | 'terraform' | 'boto3';

export interface IndexThroughput {
  count: number;
  rcu: number;
  wcu: number;
}

export interface Snippet {
  text: string;
  /** Said beside the text when it cannot carry the indexes' throughput itself (JSON, a CLI flag). */
  note?: string;
}

/**
 * The table's provisioned throughput in a format, and each global secondary index's: as comments
 * where the format has them (YAML, Terraform), otherwise a note that the text is table-only.
 * `indent` continues the line's; `step` is one level more, as the file indents (a tab or spaces).
 */
export function capacitySnippet(format: SnippetFormat, rcu: number, wcu: number, indent = '', gsis?: IndexThroughput, step = '  '): Snippet {
  const n = gsis?.count ?? 0;
  const indexes = `${n} global secondary index${n === 1 ? '' : 'es'}`;
  const tableOnly = n ? {
    note: `Table only: each of the ${indexes} needs its own ProvisionedThroughput (ReadCapacityUnits ${gsis!.rcu}, WriteCapacityUnits ${gsis!.wcu}) in its GlobalSecondaryIndexes entry.`,
  } : {};
  switch (format) {
    case 'cloudformation-yaml': {
      const inner = indent + (step.includes('\t') ? '  ' : step); // (YAML indents with spaces only)
      let text = `${indent}ProvisionedThroughput:\n${inner}ReadCapacityUnits: ${rcu}\n${inner}WriteCapacityUnits: ${wcu}\n`;
      if (n) {
        text += `${indent}# Each of the ${indexes}, in its GlobalSecondaryIndexes entry (index reads are not calculated; 1 is the minimum):\n` +
          `${indent}#   ProvisionedThroughput:\n${indent}#     ReadCapacityUnits: ${gsis!.rcu}\n${indent}#     WriteCapacityUnits: ${gsis!.wcu}\n`;
      }
      return { text };
    }
    case 'cloudformation-json':
      return { text: `"ProvisionedThroughput": {\n${indent}${step}"ReadCapacityUnits": ${rcu},\n${indent}${step}"WriteCapacityUnits": ${wcu}\n${indent}}`, ...tableOnly };
    case 'cli':
      return {
        text: `--provisioned-throughput ReadCapacityUnits=${rcu},WriteCapacityUnits=${wcu}`,
        ...(n ? { note: `Table only: give each of the ${indexes} ReadCapacityUnits=${gsis!.rcu},WriteCapacityUnits=${gsis!.wcu} in --global-secondary-indexes (create-table) or --global-secondary-index-updates (update-table).` } : {}),
      };
    case 'boto3':
      return {
        text: `ProvisionedThroughput={'ReadCapacityUnits': ${rcu}, 'WriteCapacityUnits': ${wcu}}`,
        ...(n ? { note: `Table only: give each of the ${indexes} 'ProvisionedThroughput': {'ReadCapacityUnits': ${gsis!.rcu}, 'WriteCapacityUnits': ${gsis!.wcu}} in GlobalSecondaryIndexes (create_table) or GlobalSecondaryIndexUpdates (update_table).` } : {}),
      };
    case 'terraform': {
      let text = `read_capacity  = ${rcu}\n${indent}write_capacity = ${wcu}\n`;
      if (n) {
        text += `${indent}# Each of the ${indexes}, in its global_secondary_index block (index reads are not calculated; 1 is the minimum):\n` +
          `${indent}#   read_capacity  = ${gsis!.rcu}\n${indent}#   write_capacity = ${gsis!.wcu}\n`;
      }
      return { text };
    }
  }
}

/** The snippet for a computed result, or undefined when the input is invalid. */
export function snippetForResult(format: SnippetFormat, r: CapacityResult, indent = '', step = '  '): Snippet | undefined {
  if (!r.reads || !r.writes || r.errors.length) return undefined;
  const gsis = r.writes.gsiCount ? { count: r.writes.gsiCount, rcu: GSI_READ_UNITS, wcu: r.writes.gsiProvisionedEach } : undefined;
  return capacitySnippet(format, r.reads.provisioned, r.writes.provisioned, indent, gsis, step);
}

/** The snippet format that fits a file's language. */
export function snippetFormatFor(languageId: string, fileName = ''): SnippetFormat {
  if (languageId === 'yaml' || /\.ya?ml$/i.test(fileName)) return 'cloudformation-yaml';
  if (languageId === 'json' || languageId === 'jsonc' || /\.json$/i.test(fileName)) return 'cloudformation-json';
  if (languageId === 'terraform' || languageId === 'hcl' || /\.(tf|hcl)$/i.test(fileName)) return 'terraform';
  // (trial 17: a CLI flag went into a boto3 call)
  if (languageId === 'python' || /\.py$/i.test(fileName)) return 'boto3';
  return 'cli';
}

