// Generates (expression, document, output) cases for the output formats: AWS-shaped records with
// optional and nested fields, lists of lists, mixed lists, wide and ambiguous-width characters,
// long values, strings YAML must quote, repeated objects; queries that project, select and mix.
import { rng } from './differentialCases';

export interface OutputCase {
  expression: string;
  document: string;
  output: 'json' | 'text' | 'table' | 'yaml' | 'yaml-stream';
  title?: string;
  terminalWidth?: number;
  /** Print to a UTF-8 stdout that refuses lone surrogates, as the CLI's does (the oracle says what was printed before a failure). */
  strictStdout?: boolean;
}

const STRINGS = ['', 'a', 'abc', 'i-0abc123', 'running', 'stopped', 'é', '日本語テキスト', 'ｶﾀｶﾅ', '😀 smile', '한국어', '～',
  'x'.repeat(90), 'word '.repeat(30).trim(), 'true', 'null', 'yes', '123', '1.5', '1e3', '0x1F', '2016-01-01T00:00:00.000Z',
  '2017-01-01', 'a: b', 'a:b', '- x', '#c', 'x #y', ' lead', 'trail ', 'multi\nline', 'line\n', "it's", 'say "hi"',
  'tab\there', '~', '=', '<<', '[x]', '{y}', 'a, b', '*', '&x', '!t', '%p', '@a', '`b', '|', '>', '?', ':', '-', '---', '...',
  'ünïcödé', '\u0085nel', 'nb\u00a0sp', 'ctl\u0007', 'bom\ufeff', 'sp  two', ' ', 'Ω', '\u2028ls', 'arn:aws:iam::123456789012:role/x'];
const NUMBERS = ['0', '1', '-1', '1.0', '0.0', '2.5', '1e16', '1e-5', '12345678901234567890', '100', '-0.5', '3.14159'];
const KEYS = ['Name', 'Id', 'State', 'Size', 'Tags', 'Key', 'Value', 'a', 'b', 'c', 'Zone', 'Items', 'Nested', 'é', 'キー', 'x y', 'Empty'];

export function generateOutputCases(seed: number, count: number, outputs: OutputCase['output'][]): OutputCase[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const int = (n: number) => Math.floor(r() * n);

  const scalar = (): string => {
    const k = int(10);
    if (k < 5) return JSON.stringify(pick(STRINGS));
    if (k < 8) return pick(NUMBERS);
    if (k < 9) return pick(['true', 'false']);
    return 'null';
  };
  const value = (depth: number): string => {
    const k = depth > 2 ? int(6) : int(11);
    if (k < 6) return scalar();
    if (k < 8) return `[${Array.from({ length: int(4) }, () => value(depth + 1)).join(', ')}]`;
    return object(depth + 1);
  };
  const object = (depth: number): string => {
    const keys = [...new Set(Array.from({ length: int(5) }, () => pick(KEYS)))];
    return `{${keys.map((k) => `${JSON.stringify(k)}: ${value(depth)}`).join(', ')}}`;
  };
  const record = (): string => {
    const f: string[] = [];
    if (r() < 0.9) f.push(`"Id": ${JSON.stringify(pick(['i-1', 'i-2', 'vol-0123456789abcdef0', 'r-9']))}`);
    if (r() < 0.7) f.push(`"Name": ${JSON.stringify(pick(STRINGS))}`);
    if (r() < 0.7) f.push(`"Size": ${pick(NUMBERS)}`);
    if (r() < 0.6) f.push(`"State": {"Name": ${JSON.stringify(pick(['running', 'stopped']))}, "Code": ${pick(['16', '80'])}}`);
    if (r() < 0.5) f.push(`"Tags": [${Array.from({ length: int(3) }, () => `{"Key": ${JSON.stringify(pick(['Name', 'env']))}, "Value": ${JSON.stringify(pick(STRINGS))}}`).join(', ')}]`);
    if (r() < 0.2) f.push(`"Items": ${value(1)}`);
    if (r() < 0.15) f.push('"Empty": []');
    return `{${f.join(', ')}}`;
  };
  const document = (): string => {
    const k = int(4);
    if (k < 2) return `{"Items": [${Array.from({ length: int(5) }, record).join(', ')}], "Next": ${scalar()}}`;
    if (k < 3) return object(0);
    return `{"Items": ${value(0)}, "Grid": [${Array.from({ length: int(4) }, () => `[${Array.from({ length: 1 + int(3) }, scalar).join(', ')}]`).join(', ')}]}`;
  };
  const EXPRESSIONS = [
    '@', 'Items', 'Items[]', 'Items[*].Id', 'Items[*].[Id, Name]', 'Items[*].[Id, Size, State.Name]', 'Items[*].{Id: Id, Name: Name}',
    'Items[*].{Z: Name, A: Id, M: Size}', 'Items[0]', 'Items[-1]', 'Items[*].Tags[]', 'Items[*].Tags', 'Items[*].Tags[].[Key, Value]',
    'Items[*].State', 'Items[].Name', 'Grid', 'Grid[]', 'Grid[0]', 'Next', 'Items[*].[Id, Tags]', '[Items, Items]', '[Items[0], Items[0]]',
    '{a: Items[0], b: Items[0]}', 'keys(@)', 'values(@)', '*', 'Items[*].Items', 'Items[*].[Id, Items]', 'Items[*].Empty',
    'length(Items)', 'Items[?Size > `1`].Id', 'Items[*].[Name]', 'Items[*].Name | [0]', 'Name', 'Nested', 'a', 'b', 'c',
    '[a, b, c]', '{x: a, y: b}', 'Tags', 'Items[*].[Name, Tags[0].Value]', 'to_string(@)', 'Items[*].Size', 'Items[*][Id, [Size, Name]]',
  ];
  const TITLES = ['DescribeInstances', 'ListObjectsV2', 'Scan', 'DescribeVolumes', 'GetItem', '日本語', 'X'];
  const cases: OutputCase[] = [];
  for (let i = 0; i < count; i++) {
    const output = outputs[i % outputs.length];
    const c: OutputCase = { expression: pick(EXPRESSIONS), document: document(), output };
    if (output === 'table') {
      c.title = pick(TITLES);
      if (r() < 0.2) c.terminalWidth = pick([40, 120, 200]);
    }
    cases.push(c);
  }
  return cases;
}

/** Pieces of long strings: words, runs of spaces, quotes, breaks, indicators, escapes, wide and astral characters. */
const PIECES = ['a', 'word', 'i-0abc123', ' ', '  ', "'", '"', '\n', '\r\n', '\t', '\u0085', '\u2028', 'é', '日本', '😀', ':', ': ', '#', ' #',
  '-', '?', '!', '&', '*', ',', '[', '{', '\\', '\u00a0', '\ufeff', '\u0007', '1', '1.5', 'true', 'null', '~', '2017-01-01', '---'];

/**
 * Documents of long strings, as values and keys, nested at several depths: where libyaml folds a
 * line at 80 columns depends on the indent, the style, and what is around each space.
 */
export function generateLongScalarCases(seed: number, count: number): OutputCase[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const text = (max: number): string => {
    let s = '';
    for (let n = Math.floor(r() * max); n > 0; n--) s += pick(PIECES) + (r() < 0.6 ? ' ' : '');
    return s;
  };
  const value = (depth: number): unknown => {
    const k = r();
    if (depth > 3 || k < 0.5) return text(r() < 0.7 ? 40 : 8);
    if (k < 0.75) return Array.from({ length: 1 + Math.floor(r() * 3) }, () => value(depth + 1));
    return Object.fromEntries(Array.from({ length: 1 + Math.floor(r() * 3) }, () => [r() < 0.25 ? text(30) : pick(KEYS), value(depth + 1)]));
  };
  return Array.from({ length: count }, (_, i) => ({ expression: '@', document: JSON.stringify({ Items: value(0) }), output: i % 2 === 0 ? 'yaml' : 'yaml-stream' }));
}
