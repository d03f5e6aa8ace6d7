// The state of one evaluation, passed explicitly through the interpreter and the functions.
import { JmesPathError } from './errors';

/**
 * Values one query may build (list and object members, summed over the whole evaluation) before it
 * stops with `limit-exceeded`: far above what a 100 MB document needs, far below what would exhaust
 * the heap (a query such as `@ | [@,@,@,@,@,@,@,@][]` repeated multiplies its input 8-fold per step).
 */
export const DEFAULT_MAX_VALUES = 20_000_000;

export class Evaluation {
  private valuesLeft: number;
  /**
   * to_string() wrote an integer into a string. After a fast read (JSON.parse, which reads `1.0`
   * as 1) the document may have to be re-read exactly for that string to be right.
   */
  wroteIntegers = false;

  constructor(readonly maxValues = DEFAULT_MAX_VALUES) {
    this.valuesLeft = maxValues;
  }

  /** Accounts for `n` values about to be built; throws `limit-exceeded` past the limit. */
  spend(n: number): void {
    this.valuesLeft -= n;
    if (this.valuesLeft < 0) throw limitExceeded(this.maxValues);
  }
}

export function limitExceeded(maxValues: number): JmesPathError {
  return new JmesPathError(
    'limit-exceeded',
    `The query builds more than ${maxValues.toLocaleString('en-US')} values, the limit for one query; ` +
      'narrow it (a query that repeats its input multiplies it; the command line takes --max-values).',
  );
}
