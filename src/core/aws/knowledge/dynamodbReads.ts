// DynamoDB read consistency where a read is written: which consistency a GetItem / Query / Scan /
// BatchGetItem / TransactGetItems call uses, what it costs per 4 KB, and the one combination
// DynamoDB rejects (a strongly consistent read on a global secondary index).

import { AwsCall, CallArg } from './awsCalls';
import { DOCS } from './docs';
import type { DocumentedProblem, ProblemFix } from '../../problem';

export type ReadConsistency = 'eventual' | 'strong' | 'transactional';

export type ReadOperation = 'GetItem' | 'Query' | 'Scan' | 'BatchGetItem' | 'TransactGetItems';

export interface DynamoRead {
  call: AwsCall;
  operation: ReadOperation;
  /** What the call asks for; `undefined` when it depends on a value we cannot see (a variable, a file). */
  consistency: ReadConsistency | undefined;
  /** Why: "--consistent-read is set", "ConsistentRead is not set (the default)", ... */
  reason: string;
  index?: CallArg;
  consistentArg?: CallArg;
}

const OPERATIONS: Record<string, ReadOperation> = {
  get_item: 'GetItem', query: 'Query', scan: 'Scan', batch_get_item: 'BatchGetItem', transact_get_items: 'TransactGetItems',
};

/** Read capacity units per 4 KB (read request units on demand use the same ratios). */
export const RCU_PER_4KB: Record<ReadConsistency, number> = { eventual: 0.5, strong: 1, transactional: 2 };

const LABEL: Record<ReadConsistency, string> = {
  eventual: 'eventually consistent',
  strong: 'strongly consistent',
  transactional: 'transactional (serializable)',
};

/** The DynamoDB read a call makes, or undefined if it is not one. */
export function dynamoRead(call: AwsCall): DynamoRead | undefined {
  if (call.service !== 'dynamodb') return undefined;
  const operation = OPERATIONS[call.operation];
  if (!operation) return undefined;
  // the service resource has batch_get_item; a Table has get_item/query/scan
  if (call.receiver === 'Table' && !['GetItem', 'Query', 'Scan'].includes(operation)) return undefined;
  if (call.receiver === 'resource' && operation !== 'BatchGetItem') return undefined;
  if (!['client', 'Table', 'resource'].includes(call.receiver)) return undefined;
  const cli = call.source === 'cli';
  const arg = (cliName: string, pyName: string) => call.args.find((a) => a.name === (cli ? cliName : pyName));
  const index = arg('--index-name', 'IndexName');
  const base = { call, operation, index };
  if (operation === 'TransactGetItems') {
    return { ...base, consistency: 'transactional', reason: 'TransactGetItems reads are always transactional' };
  }
  // parameters from elsewhere: --cli-input-json file://req.json, client.query(**params)
  const input = cli ? call.args.find((a) => a.name === '--cli-input-json' || a.name === '--cli-input-yaml') : call.args.find((a) => a.value?.startsWith('**'));
  if (input && !arg('--consistent-read', 'ConsistentRead') && !(cli && call.args.some((a) => a.name === '--no-consistent-read'))) {
    return { ...base, consistency: undefined, reason: `the parameters come from \`${cli ? `${input.name} ${input.value ?? ''}`.trim() : input.value}\`` };
  }
  if (operation === 'BatchGetItem') {
    const items = arg('--request-items', 'RequestItems');
    const text = items?.value ?? '';
    if (cli && /^(file|fileb):\/\//.test(text)) {
      return { ...base, consistency: undefined, reason: `ConsistentRead is set per table inside ${text} (not read here)` };
    }
    const flag = /["']?ConsistentRead["']?\s*[:=]\s*([A-Za-z_][\w.]*)/.exec(text);
    if (!flag) return { ...base, consistency: 'eventual', reason: 'no table in RequestItems sets ConsistentRead (the default is false)' };
    if (/^(true|True)$/.test(flag[1])) return { ...base, consistency: 'strong', reason: 'RequestItems sets ConsistentRead to true' };
    if (/^(false|False)$/.test(flag[1])) return { ...base, consistency: 'eventual', reason: 'RequestItems sets ConsistentRead to false' };
    return { ...base, consistency: undefined, reason: `RequestItems sets ConsistentRead from \`${flag[1]}\`` };
  }
  if (cli) {
    const on = arg('--consistent-read', '');
    const off = call.args.find((a) => a.name === '--no-consistent-read');
    if (on) return { ...base, consistentArg: on, consistency: 'strong', reason: '`--consistent-read` is set' };
    if (off) return { ...base, consistency: 'eventual', reason: '`--no-consistent-read` is set' };
    return { ...base, consistency: 'eventual', reason: 'no `--consistent-read`: eventually consistent is the default' };
  }
  const flag = arg('', 'ConsistentRead');
  if (!flag) return { ...base, consistency: 'eventual', reason: 'no `ConsistentRead=True`: eventually consistent is the default' };
  const v = flag.value?.trim() ?? '';
  if (v === 'True') return { ...base, consistentArg: flag, consistency: 'strong', reason: '`ConsistentRead=True`' };
  if (v === 'False') return { ...base, consistency: 'eventual', reason: '`ConsistentRead=False`' };
  return { ...base, consistentArg: flag, consistency: undefined, reason: `\`ConsistentRead=${v}\` decides at run time` };
}

const SIZE_RULE: Record<ReadOperation, string> = {
  GetItem: 'the item\'s size is rounded up to the next 4 KB',
  Query: 'the sizes of all items read are added up, then rounded up to the next 4 KB',
  Scan: 'the sizes of all items *evaluated* (before any filter) are added up, then rounded up to the next 4 KB',
  BatchGetItem: 'each item is rounded up to the next 4 KB separately',
  TransactGetItems: 'each item is rounded up to the next 4 KB separately',
};

/** The capacity calculator command link, preset with a consistency. */
export function calculatorLink(consistency: ReadConsistency): string {
  return `command:jmespathAws.openCapacityCalculator?${encodeURIComponent(JSON.stringify([{ consistency }]))}`;
}

/** Markdown for a hover on the read; `rejected`: why DynamoDB will refuse it (said first). */
export function readHoverMarkdown(read: DynamoRead, rejected?: string): string {
  const lines: string[] = [];
  const { consistency, operation } = read;
  const flag = read.call.source === 'cli' ? '`--consistent-read`' : '`ConsistentRead=True`';
  if (consistency) {
    lines.push(`**DynamoDB ${operation}: ${LABEL[consistency]} read** (${read.reason}).`);
  } else {
    lines.push(`**DynamoDB ${operation}: consistency depends on a value** (${read.reason}).`);
  }
  lines.push('');
  if (rejected) {
    lines.push(`**This read fails.** ${rejected} On a table or a local secondary index, a strongly consistent read costs `
      + '**1 read capacity unit per 4 KB**, twice an eventually consistent read (0.5).');
  } else if (consistency === 'eventual') {
    lines.push('The result may miss a write that completed moments ago; repeat the read shortly after and it returns the latest data. '
      + `Costs **0.5 read capacity unit per 4 KB**, half of a strongly consistent read. Add ${flag} when you must read your own writes `
      + '(1 unit per 4 KB; tables and local secondary indexes only).');
  } else if (consistency === 'strong') {
    lines.push('Returns the most up-to-date data, reflecting every successful earlier write. '
      + 'Costs **1 read capacity unit per 4 KB**, twice an eventually consistent read; may have higher latency, and is not supported on global secondary indexes.');
  } else if (consistency === 'transactional') {
    lines.push('All items are read as one serializable snapshot: no write to them is half-applied. '
      + 'Costs **2 read capacity units per 4 KB** per item (two underlying reads).');
  } else {
    lines.push('Eventually consistent reads cost **0.5 read capacity unit per 4 KB**, strongly consistent reads **1 unit per 4 KB**.');
  }
  lines.push('');
  lines.push(`${operation}: ${SIZE_RULE[operation]}. On-demand tables are billed the same ratios in read request units.`);
  lines.push('');
  const links = consistency
    ? [`[Open capacity calculator (${LABEL[consistency].split(' (')[0]})](${calculatorLink(consistency)})`]
    : (['eventual', 'strong'] as const).map((c) => `[Capacity calculator (${LABEL[c]})](${calculatorLink(c)})`);
  lines.push([...links,
    `[Read consistency](${DOCS.dynamodbReadConsistency})`,
    `[Capacity units](${DOCS.dynamodbCapacityUnits})`,
    `[Item sizes](${DOCS.dynamodbItemSizes})`,
    ...(consistency === 'transactional' ? [`[Transactions](${DOCS.dynamodbTransactions})`] : []),
  ].join(' · '));
  return lines.join('\n');
}

export type KnowledgeProblem = DocumentedProblem;
export type KnowledgeFix = ProblemFix;

/**
 * Query/Scan with an index and a strongly consistent read: DynamoDB answers ValidationException
 * ("Consistent reads are not supported on global secondary indexes"). Local secondary indexes do
 * support it, so an index this text declares as local is left alone.
 */
export function gsiConsistentReadProblems(reads: DynamoRead[], src: string): KnowledgeProblem[] {
  const problems: KnowledgeProblem[] = [];
  for (const r of reads) {
    if ((r.operation !== 'Query' && r.operation !== 'Scan') || !r.index || !r.consistentArg) continue;
    if (r.consistency !== 'strong') continue;
    const name = unquote(r.index.value ?? '');
    if (name && declaredLocal(src, name)) continue;
    const cli = r.call.source === 'cli';
    const flag = cli ? '--consistent-read' : 'ConsistentRead=True';
    problems.push({
      start: r.consistentArg.start,
      end: r.consistentArg.end,
      code: 'dynamodb-gsi-consistent-read',
      severity: 'error',
      doc: DOCS.dynamodbGsiReads,
      message: `Strongly consistent reads are not supported on global secondary indexes: this ${r.operation} on index ${name || '(index)'} `
        + `fails with ValidationException (\`Consistent reads are not supported on global secondary indexes\`). Remove ${flag} (GSI reads are `
        + 'eventually consistent), or read the base table or a local secondary index when you need strong consistency.',
      fix: { title: `Remove ${flag} (read the index eventually consistently)`, edits: [removal(src, r.consistentArg, cli)] },
    });
  }
  return problems;
}

function unquote(v: string): string {
  const m = /^(?:[rRuU]?)(['"])(.*)\1$/.exec(v.trim());
  return m ? m[2] : v.trim();
}

/** Whether `src` declares `name` inside a LocalSecondaryIndexes / --local-secondary-indexes block. */
function declaredLocal(src: string, name: string): boolean {
  const re = /LocalSecondaryIndexes|local-secondary-indexes|local_secondary_index/g;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    const window = src.slice(m.index, m.index + 600);
    const gsi = window.search(/GlobalSecondaryIndexes|global-secondary-indexes|global_secondary_index/);
    const scope = gsi > 0 ? window.slice(0, gsi) : window;
    if (new RegExp(`\\b${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(scope)) return true;
  }
  return false;
}

/** An edit deleting an argument with the separator before it (and, in Python, one comma). */
function removal(src: string, arg: CallArg, cli: boolean): { start: number; end: number; text: string } {
  let start = arg.start;
  let end = arg.end;
  const lineStart = src.lastIndexOf('\n', start - 1) + 1;
  const aloneOnLine = /^[ \t]*$/.test(src.slice(lineStart, start));
  if (cli) {
    // alone on a continued line: the whole line (trial 20 saw a line of just ` \` left)
    const rest = /^[ \t]*[\\`^][ \t]*\r?\n/.exec(src.slice(end));
    if (aloneOnLine && rest) return { start: lineStart, end: end + rest[0].length, text: '' };
    // alone on the command's last line: that line and the line break continued into it
    const continued = /[ \t]*[\\`^][ \t]*\r?\n$/.exec(src.slice(0, lineStart));
    if (aloneOnLine && continued && /^[ \t]*(\r?\n|$)/.test(src.slice(end))) return { start: lineStart - continued[0].length, end, text: '' };
    while (start > 0 && (src[start - 1] === ' ' || src[start - 1] === '\t')) start--;
    return { start, end, text: '' };
  }
  // Python: `a, ConsistentRead=True, b` -> `a, b`; `a, ConsistentRead=True)` -> `a)`
  const after = /^\s*,[ \t]*/.exec(src.slice(end));
  if (after) {
    end += after[0].length;
    if (src[end] === '\n' || src[end] === '\r') {
      // a keyword alone on its line: the whole line; last on a line: the spaces before it too
      if (aloneOnLine) return { start: lineStart, end: end + (src[end] === '\r' ? 2 : 1), text: '' };
      while (start > 0 && (src[start - 1] === ' ' || src[start - 1] === '\t')) start--;
    }
    return { start, end, text: '' };
  }
  const before = /,\s*$/.exec(src.slice(0, start));
  if (before) start -= before[0].length;
  return { start, end, text: '' };
}
