// How far a typed name is from a known one, for every "did you mean" (query fields, AWS
// parameters and enum values, cloud-config keys): one measure, so they all agree.

let ROWS = new Int32Array(96);
const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * Optimal string alignment distance by code point: insert, delete, replace, or swap two
 * neighbours (`Itme` -> `Item`) is one edit. Past `atMost` it stops early and answers some number
 * above it.
 */
export function editDistance(a: string, b: string, atMost = Infinity): number {
  // (a code point is one or two UTF-16 units: this bound holds before counting them)
  if (a.length / 2 - b.length > atMost || b.length / 2 - a.length > atMost) return atMost + 1;
  const x = SURROGATE.test(a) ? Array.from(a) : a;
  const y = SURROGATE.test(b) ? Array.from(b) : b;
  if (Math.abs(x.length - y.length) > atMost) return atMost + 1;
  const n = y.length + 1;
  if (ROWS.length < 3 * n) ROWS = new Int32Array(3 * n);
  // three rows of the table, taking turns: i - 2, i - 1 and i
  let before = 0;
  let previous = n;
  let row = 2 * n;
  for (let j = 0; j < n; j++) ROWS[previous + j] = j;
  for (let i = 1; i <= x.length; i++) {
    ROWS[row] = i;
    let smallest = i;
    for (let j = 1; j < n; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let d = Math.min(ROWS[previous + j] + 1, ROWS[row + j - 1] + 1, ROWS[previous + j - 1] + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d = Math.min(d, ROWS[before + j - 2] + 1);
      ROWS[row + j] = d;
      if (d < smallest) smallest = d;
    }
    if (smallest > atMost) return smallest;
    const free = before;
    before = previous;
    previous = row;
    row = free;
  }
  return ROWS[previous + n - 1];
}
