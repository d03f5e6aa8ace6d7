// Generates (expression, document) pairs aimed at the places where JMESPath engines part ways
// with jmespath.py: string and date ordering, missing fields in filters, int/float, big integers,
// key order, code points, Python's equality, to_number/to_string, slices, sort stability.
import type { OracleCase } from './oracle';

/** mulberry32: small, seedable, reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NUMBER_TEXTS = ['0', '1', '-1', '1.0', '0.0', '-0.0', '2.5', '1e3', '1E-5', '1e16', '1.5e300', '12345678901234567890',
  '-98765432109876543210', '9007199254740993', '0.1', '100', '3', '7.25', '1e+2', '123456789.123456789'];
const STRING_VALUES = ['', 'a', 'B', 'abc', 'Abc', 'ä', 'é', 'z', '😀', '～', '\ufb01', '2017-01-01', '2016-12-31T23:59:59.000Z',
  '2017-06-15T10:00:00.000Z', '10', '2', ' 42 ', '1_000', '1e3', 'inf', '-Infinity', 'nan', '0x10', '3.5', 'running',
  'stopped', 'pending', 'i-0abc', 'i-0ABD', 'x"y', 'tab\there', 'line\nbreak', 'ünïcödé', '𝔘𝔫𝔦',
  // lone surrogates (JSON "\ud83d" escapes) next to the pair they resemble and to the code points around them
  '\ud83d', '\ude00', 'a\ud83d', '\ud83dz', '\ude00\ud83d', '\uffff', '\ue000', '\ud7ff', '😀x', '\ud83d\ude01'];
// strings to_number() must read as Python's int()/float() do: any script's digits, Unicode
// whitespace, underscores between digits; and near misses that Python rejects
const NUMBER_STRINGS = ['１２', '١٢٣', '۴۲', '१.५', '٠', '+١', '-１', ' \u3000 7 \u2003', '\x851\xa0', '\ufeff1', ' \x1c1', '1_000',
  '1__0', '_1', '1_', '1_.5', '1._5', '1e1_0', '1_e5', '0_0', '007', '1.e1', '.e1', '1e', '.5', '5.', '1e٣', '١_٠', '𝟗𝟗', '꧑',
  'Infinity', '-inf', '+nan', 'infinit', 'inf_', '1,000', '١٫٥', '\t-3\n', '- 1', '0x1f', '1e400', '٣.١٤e-٢', '12\u200b'];
const KEYS = ['a', 'b', 'Name', 'State', 'Size', 'CreateTime', 'Tags', 'Value', 'Key', '10', '2', '0', '__proto__', 'constructor', 'k-1', 'ü'];

export function generateCases(seed: number, count: number): OracleCase[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const int = (n: number) => Math.floor(r() * n);

  const scalarText = (): string => {
    switch (int(6)) {
      case 0: case 1: return pick(NUMBER_TEXTS);
      case 2: return JSON.stringify(pick(STRING_VALUES));
      case 3: return JSON.stringify(pick(r() < 0.5 ? STRING_VALUES : NUMBER_STRINGS));
      case 4: return pick(['true', 'false']);
      default: return 'null';
    }
  };
  const valueText = (depth: number): string => {
    const k = depth > 2 ? 0 : int(10);
    if (k < 6) return scalarText();
    if (k < 8) return `[${Array.from({ length: int(5) }, () => valueText(depth + 1)).join(', ')}]`;
    return objectText(depth + 1);
  };
  const objectText = (depth: number): string => {
    const keys = Array.from({ length: int(5) }, () => pick(KEYS));
    return `{${keys.map((k) => `${JSON.stringify(k)}: ${valueText(depth)}`).join(', ')}}`;
  };
  // AWS-shaped records with optional fields, so filters meet missing values and mixed types
  const recordText = (): string => {
    const fields: string[] = [];
    if (r() < 0.8) fields.push(`"Size": ${pick(['8', '100', '50', '1.0', '"100"', '20.5', '12345678901234567890', 'null'])}`);
    if (r() < 0.8) fields.push(`"CreateTime": ${JSON.stringify(pick(['2016-01-01T00:00:00.000Z', '2017-01-01', '2018-03-04T05:06:07.000Z', '2016-12-31']))}`);
    if (r() < 0.8) fields.push(`"Name": ${JSON.stringify(pick(STRING_VALUES))}`);
    if (r() < 0.7) fields.push(`"State": {"Name": ${JSON.stringify(pick(['running', 'stopped', 'pending']))}, "Code": ${pick(['16', '80', '0'])}}`);
    if (r() < 0.6) fields.push(`"Tags": [${Array.from({ length: int(3) }, () => `{"Key": ${JSON.stringify(pick(['Name', 'env', 'aws:cloudformation:stack-name']))}, "Value": ${JSON.stringify(pick(STRING_VALUES))}}`).join(', ')}]`);
    if (r() < 0.3) fields.push(`"10": 1, "2": 2`);
    return `{${fields.join(', ')}}`;
  };
  const documentText = (): string => {
    if (r() < 0.6) {
      const items = Array.from({ length: 1 + int(6) }, recordText).join(', ');
      return `{"Volumes": [${items}], "a": ${valueText(0)}, "b": ${valueText(0)}, "n": [${Array.from({ length: int(6) }, () => pick(NUMBER_TEXTS)).join(', ')}], "s": [${Array.from({ length: int(6) }, () => JSON.stringify(pick(STRING_VALUES))).join(', ')}]}`;
    }
    return objectText(0);
  };

  const literal = (): string => {
    switch (int(5)) {
      case 0: return `'${pick(STRING_VALUES).replace(/'/g, "\\'")}'`;
      case 1: return `\`${pick(NUMBER_TEXTS)}\``;
      case 2: return `\`${pick(['2017-01-01', 'foo', '"x"', 'true', 'null', '[1, true]', '[1.0]', '{"a": 1}', '[]', '{}', '0', 'false'])}\``;
      case 3: return `\`${JSON.stringify(pick(STRING_VALUES))}\``;
      default: return pick(['@', 'a', 'b', 'n', 's', 'Size', 'Name']);
    }
  };
  const field = (): string => pick(['Size', 'CreateTime', 'Name', 'State.Name', 'State.Code', 'Tags[0].Value', 'Missing', '"10"', '"2"']);
  const op = (): string => pick(['<', '<=', '>', '>=', '==', '!=']);
  const list = (): string => pick(['n', 's', 'a', 'b', 'Volumes[].Size', 'Volumes[].Name', 'Volumes[].CreateTime', 'Volumes', '@', 'values(@)', 'Volumes[].Tags[]']);

  const templates: (() => string)[] = [
    () => `Volumes[?${field()} ${op()} ${literal()}].${pick(['Name', 'Size', 'CreateTime', '@', '[Name, Size]'])}`,
    () => `Volumes[?${field()} ${op()} ${field()}]`,
    () => `Volumes[?CreateTime < '${pick(['2017-01-01', '2016-06-01', '2018'])}'].Name`,
    () => `Volumes[?CreateTime < \`${pick(['2017-01-01', '2016-12-31T00:00:00.000Z'])}\`].Size`,
    () => `${pick(['max', 'min', 'sort', 'sum', 'avg', 'length', 'reverse'])}(${list()})`,
    () => `${pick(['max_by', 'min_by', 'sort_by'])}(${pick(['Volumes', '@', 'a'])}, &${field()})${pick(['', '.Name', '[].Name', '[0]'])}`,
    () => `${pick(['to_number', 'to_string', 'abs', 'ceil', 'floor', 'type', 'length', 'to_array', 'not_null', 'keys', 'values'])}(${pick([literal(), list(), field(), 'a', 'b'])})`,
    () => `map(&to_string(@), ${list()})`,
    () => `map(&to_number(@), ${list()})`,
    () => `to_number(${pick([`'${pick(NUMBER_STRINGS)}'`, `\`${JSON.stringify(pick(NUMBER_STRINGS))}\``, 's[0]', 'Name'])})`,
    () => `map(&to_number(@), \`${JSON.stringify(Array.from({ length: 1 + int(4) }, () => pick(NUMBER_STRINGS)))}\`)`,
    () => `${pick(['sort', 'max', 'min', 'reverse'])}(\`${JSON.stringify(Array.from({ length: 1 + int(4) }, () => pick(STRING_VALUES)))}\`)`,
    () => `${pick(['starts_with', 'ends_with', 'contains'])}(${pick(["'😀x'", "'\ud83d\ude01'", 'Name', 's[0]'])}, \`${JSON.stringify(pick(STRING_VALUES))}\`)`,
    () => `sort_by(Volumes, &Name)[].Name`,
    () => `${literal()} ${op()} ${literal()}`,
    () => `[${literal()}, ${literal()}] == [${literal()}, ${literal()}]`,
    () => `contains(${pick([list(), literal()])}, ${literal()})`,
    () => `${list()}[${pick(['::-1', '1:', ':2', '-2:', '::2', '5:1:-1', '-1', '0', '10', '::0'])}]`,
    () => `${pick(['*', 'a', 'b', '@', 'Volumes[0]'])}.${pick(['*', '"10"', 'Name', '[Name, Size]', '{x: Name, "10": Size}'])}`,
    () => `keys(${pick(['@', 'a', 'b', 'Volumes[0]'])})`,
    () => `merge(${pick(['@', 'Volumes[0]', '`{"2": 1}`'])}, ${pick(['`{"10": 2, "a": 3}`', 'Volumes[0]', 'a'])})`,
    () => `join(', ', ${pick(['s', 'Volumes[].Name', 'sort(s)', 'map(&to_string(@), n)'])})`,
    () => `${pick(['!', ''])}${literal()} ${pick(['&&', '||'])} ${literal()}`,
    () => `${pick(['starts_with', 'ends_with'])}(${pick(['Name', "'abc'", 'a'])}, ${literal()})`,
    () => `Volumes[].[${field()}, ${field()}] | [?[0] ${op()} [1]]`,
    () => `{${pick(['"10"', 'a', '"2"', 'Name'])}: ${field()}, ${pick(['"2"', 'b', '"0"'])}: ${literal()}}`,
    () => `Volumes[${pick(['?Tags', '?!Tags', '?State.Code == `16`', '?State.Code == `16.0`', '?Size == `1`', '?Size == `true`'])}].${pick(['Name', 'Size', 'Tags[?Key==\'Name\'].Value | [0]'])}`,
  ];
  const cases: OracleCase[] = [];
  for (let i = 0; i < count; i++) cases.push({ expression: pick(templates)(), document: documentText() });
  return cases;
}

/**
 * Expressions grown at random from the grammar (projections in projections, pipes, precedence,
 * `&` anywhere, every function), over small random documents: what the templates above do not
 * think of. 1.2 million of these agreed with jmespath.py once to_number(&x) raised as it does.
 */
export function generateGrammarCases(seed: number, count: number): OracleCase[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const int = (n: number) => Math.floor(r() * n);
  const keys = ['a', 'b', 'c', 'foo', '"0"', '"a b"'];
  const lit = () => pick(['`1`', '`0`', '`-1`', '`2.5`', '`1.0`', '`"a"`', "'a'", "''", '`true`', '`false`', '`null`', '`[]`', '`{}`', '`[1,2]`', '`{"a":1}`', "'1'", '`"1"`', '`1e2`']);
  // [name, arguments, whether the first is an &expression]
  const fns: [string, number, boolean?][] = [['abs', 1], ['avg', 1], ['ceil', 1], ['contains', 2], ['ends_with', 2], ['floor', 1],
    ['join', 2], ['keys', 1], ['length', 1], ['map', 2, true], ['max', 1], ['max_by', 2, true], ['merge', 2], ['min', 1],
    ['min_by', 2, true], ['not_null', 2], ['reverse', 1], ['sort', 1], ['sort_by', 2, true], ['starts_with', 2], ['sum', 1],
    ['to_array', 1], ['to_string', 1], ['to_number', 1], ['type', 1], ['values', 1]];
  const expr = (d: number): string => {
    if (d <= 0) return pick([...keys, ...keys, '@', lit(), '*', '[]']);
    switch (int(17)) {
      case 0: return `${expr(d - 1)}.${pick([...keys, '*', '[a, b]', '{x: a, y: b}'])}`;
      case 1: return `${expr(d - 1)}[${pick(['0', '-1', '1', '5'])}]`;
      case 2: return `${expr(d - 1)}[${pick(['', '1', '-1', '0', ''])}:${pick(['', '2', '-1', ''])}${pick(['', ':-1', ':2', ':0'])}]`;
      case 3: return `${expr(d - 1)}[]`;
      case 4: return `${expr(d - 1)}[*]`;
      case 5: return `${expr(d - 1)}[?${expr(d - 1)}]`;
      case 6: return `${expr(d - 1)} | ${expr(d - 1)}`;
      case 7: return `${expr(d - 1)} ${pick(['&&', '||'])} ${expr(d - 1)}`;
      case 8: return `!${expr(d - 1)}`;
      case 9: return `${expr(d - 1)} ${pick(['<', '<=', '>', '>=', '==', '!='])} ${expr(d - 1)}`;
      case 10: return `(${expr(d - 1)})`;
      case 11: return `[${expr(d - 1)}, ${expr(d - 1)}]`;
      case 12: return `{${pick(['x', 'y', '"0"'])}: ${expr(d - 1)}, z: ${expr(d - 1)}}`;
      case 13: {
        const [f, n, takesExpref] = pick(fns);
        const args = Array.from({ length: n }, (_, i) => (takesExpref && i === 0 ? '&' : '') + expr(d - 1));
        return `${f}(${args.join(', ')})`;
      }
      case 14: return `${expr(d - 1)}.${pick(['[a]', 'a', '*', '[0]'])}`;
      case 15: return `&${expr(d - 1)}`;
      default: return lit();
    }
  };
  const val = (d: number): string => {
    const k = d > 3 ? int(6) : int(10);
    switch (k) {
      case 0: return pick(['1', '0', '-1', '2.5', '1.0', '3', '1e2', '100', '-0.0']);
      case 1: return pick(['"a"', '"b"', '""', '"1"', '"A"', '"é"']);
      case 2: return pick(['true', 'false']);
      case 3: return 'null';
      case 4: case 5: return pick(['1', '"a"', '2']);
      case 6: case 7: return `[${Array.from({ length: int(4) }, () => val(d + 1)).join(', ')}]`;
      default: return `{${Array.from({ length: int(4) }, () => `${JSON.stringify(pick(['a', 'b', 'c', 'foo', '0', 'a b', 'x']))}: ${val(d + 1)}`).join(', ')}}`;
    }
  };
  const cases: OracleCase[] = [];
  for (let i = 0; i < count; i++) {
    const document = `{"a": ${val(1)}, "b": ${val(1)}, "c": ${val(1)}, "foo": ${val(1)}, "0": ${val(2)}, "a b": ${val(2)}}`;
    cases.push({ expression: expr(1 + int(4)), document });
  }
  return cases;
}
