// Which AWS operations only read, decided from the botocore model the CLI runs (data/aws): Run &
// refine runs those and nothing else. The rule is written in README.md ("Run & refine").
import { OperationModel } from './model';

/**
 * botocore operation names that only read start with one of these words (then a capital letter or
 * the end of the name): DescribeInstances, ListTables, GetItem, Scan, Query, BatchGetItem,
 * TransactGetItems, HeadObject, SearchTransitGatewayRoutes.
 */
export const READ_ONLY_PREFIXES = ['Describe', 'List', 'Get', 'Search', 'Scan', 'Query', 'Head', 'BatchGet', 'TransactGet'] as const;

const PREFIX = new RegExp(`^(?:${READ_ONLY_PREFIXES.join('|')})(?:[A-Z0-9]|$)`);

/** Why an operation is or is not run; `readOnly` false for anything that may create, change or delete. */
export function readOnlyVerdict(op: OperationModel): { readOnly: boolean; reason: string } {
  if (!PREFIX.test(op.name)) {
    return { readOnly: false, reason: `${op.name} may create, change or delete resources (only ${READ_ONLY_PREFIXES.map((p) => `${p}*`).join(', ')} operations are run)` };
  }
  // GetObject and friends stream a body the CLI writes to a local file: not a JSON answer to refine
  if (typeof op.output === 'object' && !Array.isArray(op.output) && op.output.Body === 'B') {
    return { readOnly: false, reason: `${op.name} writes its body to a local file` };
  }
  return { readOnly: true, reason: `${op.name} only reads` };
}

export function isReadOnlyOperation(op: OperationModel): boolean {
  return readOnlyVerdict(op).readOnly;
}
