// A generated corpus of hostile inputs: documents, expressions, scripts, items and query files that
// have broken JSON tools and editors before. Every entry point must answer them or fail with a
// clear error that has a `kind`; never a crash, a RangeError or a hang. Grow it by class: add a
// generator below when a new kind of input turns out to hurt.

import { rng } from './differentialCases';

// the differential generator's seeded PRNG, so a failure names a reproducible case
export { rng };

export interface HostileDocument {
  name: string;
  text: string;
  /** Python's json.loads reads it too, so jmespath.py's answer is the oracle's. */
  pythonReads: boolean;
  /** Big enough that it is only paired with a few expressions. */
  huge?: boolean;
}

const deepArray = (n: number) => '['.repeat(n) + ']'.repeat(n);
const deepObject = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);

/** Documents valid as JSON (by RFC 8259 and by Python) that stress depth, width, numbers, strings and keys. */
export function hostileValidDocuments(seed: number): HostileDocument[] {
  const r = rng(seed);
  const wideObject = '{' + Array.from({ length: 50_000 }, (_, i) => `"k${i}": ${i}`).join(',') + '}';
  const randomUnicode = Array.from({ length: 2000 }, () => {
    const pick = r();
    if (pick < 0.3) return String.fromCodePoint(0x1f600 + Math.floor(r() * 80)); // astral
    if (pick < 0.5) return String.fromCodePoint(0x4e00 + Math.floor(r() * 2000)); // wide CJK
    if (pick < 0.6) return String.fromCodePoint(0x300 + Math.floor(r() * 100)); // combining marks
    if (pick < 0.7) return '\u202e'; // right-to-left override
    return String.fromCodePoint(0x20 + Math.floor(r() * 90));
  }).join('');
  return [
    { name: 'deep array (900)', text: deepArray(900), pythonReads: true },
    { name: 'deep object (900)', text: deepObject(900), pythonReads: true },
    { name: 'deep array (100,000)', text: deepArray(100_000), pythonReads: false, huge: true },
    { name: 'deep object (50,000)', text: deepObject(50_000), pythonReads: false, huge: true },
    { name: 'wide object (50,000 keys)', text: wideObject, pythonReads: true, huge: true },
    { name: 'long array (300,000)', text: JSON.stringify(Array.from({ length: 300_000 }, (_, i) => (i % 7 === 0 ? `s${i}` : i))), pythonReads: true, huge: true },
    { name: 'long string (8 MB)', text: JSON.stringify({ a: 'x'.repeat(8 * 1024 * 1024), b: [1, 2] }), pythonReads: true, huge: true },
    { name: 'long key', text: `{"${'k'.repeat(100_000)}": 1, "a": {"b": 2}}`, pythonReads: true },
    {
      name: 'numbers at the edges',
      text: '{"a": [1e400, -1e400, 1e-400, -0, -0.0, 0.1, 9007199254740993, 1e16, 1E+2, 123456789012345678901234567890.5, -123456789012345678901234567890, 5e-324, 1.7976931348623157e308], "b": 1.0}',
      pythonReads: true,
    },
    {
      // Python compares and divides these exactly and raises OverflowError rather than answer infinity
      name: 'integers past the largest double',
      text: `{"a": [${'9'.repeat(400)}, 1], "b": [${(2n ** 1024n + 12345n).toString()}, ${(2n ** 1000n).toString()}, 7], "c": [1e400, ${'9'.repeat(400)}, 1.5]}`,
      pythonReads: true,
    },
    { name: 'escaped lone surrogates', text: '{"a": "\\ud800", "b": ["\\udfff", "x\\ud83d"], "\\ud83d": 1, "c": "\\ud83d\\ude00"}', pythonReads: true },
    { name: 'NUL and control escapes', text: '{"a": "\\u0000\\u0001\\u001f", "\\u0000": [1], "b": "\\t\\n\\r\\b\\f\\/"}', pythonReads: true },
    { name: 'random unicode', text: JSON.stringify({ a: randomUnicode, b: [randomUnicode.slice(0, 40), randomUnicode.slice(40, 90)], [randomUnicode.slice(0, 10)]: 3 }), pythonReads: true },
    { name: 'duplicate keys', text: '{"a": 1, "a": 2, "b": {"c": 1, "c": [3]}}', pythonReads: true },
    { name: 'prototype-named keys', text: '{"__proto__": {"polluted": true}, "constructor": 1, "toString": "x", "hasOwnProperty": [1], "": "empty", "valueOf": null}', pythonReads: true },
    { name: 'numeric-looking keys', text: '{"10": 1, "2": 2, "-1": 3, "1e3": 4, "a": 5, "01": 6}', pythonReads: true },
    { name: 'scalar document', text: '"just a string"', pythonReads: true },
    { name: 'null document', text: 'null', pythonReads: true },
    { name: 'byte order mark', text: '\ufeff{"a": [1.0, 2], "b": {"c": "d"}}', pythonReads: false },
    { name: 'whitespace around', text: ' \n\t {"a": [ ] , "b" : { } } \r\n ', pythonReads: true },
    { name: 'mixed types for sorting', text: '[{"n": 1}, {"n": "a"}, {"n": null}, {"n": [1]}, {"n": {"x": 1}}, {"n": true}, {}]', pythonReads: true },
    // printed straight from the bytes unless a key repeats or is escaped (partialRead.ts): here deep in a long list
    { name: 'a duplicate key deep in a long list', text: JSON.stringify(Array.from({ length: 3000 }, (_, n) => ({ n, a: { b: [n, 'x'] } }))).replace('{"n":2999,"a":{"b"', '{"n":2999,"a":{"b":0,"b"'), pythonReads: true, huge: true },
    { name: 'escaped keys among plain ones', text: '[{"n": 1, "\\u006e": 2}, {"a\\"b": {"n": "\\u00e9"}}, {"n": [3]}]', pythonReads: true },
    { name: 'nesting just past what prints from bytes', text: deepArray(1001), pythonReads: false }, // python: RecursionError
  ];
}

/** Text that is not JSON: each must give `invalid-json` with a line and column, never a guess. */
export function hostileInvalidDocuments(): HostileDocument[] {
  const cases: [string, string][] = [
    ['empty text', ''],
    ['only whitespace', ' \n\t '],
    ['truncated object', '{"a": [1, 2'],
    ['truncated string', '{"a": "abc'],
    ['trailing comma', '{"a": 1,}'],
    ['line comment', '{"a": 1 // note\n}'],
    ['block comment', '/* x */ {"a": 1}'],
    ['single quotes', "{'a': 1}"],
    ['NaN', '{"a": NaN}'],
    ['Infinity', '[Infinity, -Infinity]'],
    ['raw control character in string', '{"a": "x\u0001y"}'],
    ['raw newline in string', '{"a": "x\ny"}'],
    ['bad escape', '{"a": "\\x41"}'],
    ['short unicode escape', '{"a": "\\u12"}'],
    ['garbage after value', '{"a": 1} {"b": 2}'],
    ['leading zero', '{"a": 01}'],
    ['plus sign', '{"a": +1}'],
    ['lone minus', '[-]'],
    ['dot number', '[.5]'],
    ['unquoted key', '{a: 1}'],
    ['lone closing bracket', ']'],
    ['deep unclosed', '['.repeat(200_000)],
    ['NUL byte', '{"a": 1}\u0000'],
    ['binary junk', '\u0000\u0001\u00ff\ud800\udfff{'],
  ];
  return cases.map(([name, text]) => ({ name, text, pythonReads: false }));
}

/** Expressions that stress the lexer, parser and evaluator. */
export function hostileExpressions(seed: number): string[] {
  const r = rng(seed);
  const ident = () => ['a', 'b', 'n', 'k0', '"__proto__"', 'constructor', 'toString', '"\\ud83d"', '""', '"10"'][Math.floor(r() * 10)];
  const generated = Array.from({ length: 30 }, () => {
    const parts = Array.from({ length: 1 + Math.floor(r() * 5) }, () => {
      const p = r();
      if (p < 0.3) return ident();
      if (p < 0.45) return `${ident()}[${Math.floor(r() * 7) - 3}]`;
      if (p < 0.6) return `${ident()}[?${ident()} ${['<', '>=', '==', '!='][Math.floor(r() * 4)]} \`${['1', '"a"', 'null', '[1]', '{}'][Math.floor(r() * 5)]}\`]`;
      if (p < 0.75) return `${['length', 'sort', 'max', 'keys', 'to_number', 'to_string', 'type', 'reverse'][Math.floor(r() * 8)]}(${ident()})`;
      return '*';
    });
    return parts.join(r() < 0.5 ? '.' : ' | ');
  });
  return [
    '@', '*', '[]', '[*]', '@.*', 'a', 'a.b', '"__proto__".polluted', 'constructor', 'toString', '"toString"', '""', '"\\ud83d"',
    'keys(@)', 'values(@)', 'length(@)', 'type(@)', 'to_string(@)', 'sort(@)', 'max(@)', 'min(@)', 'reverse(@)',
    'sort_by(@, &n)', 'max_by(@, &n)', 'min_by(@, &n)', 'sort_by(@, &to_string(n))', 'map(&to_string(@), @)',
    'avg(b)', 'sum(c[1:])', 'c[?@ == `1e400`]', 'c[?@ < `1e400`]', 'a[::-1]', 'a[-1]', 'a[::99999999999999999999]', 'a[99999999999999999999:]', 'a[-99999999999999999999]', 'a[::0]',
    'to_number(@)', "to_number('１２')", "to_number(' 1_000 ')", "to_number('1__0')", "to_number('٣')", "to_number('1e999')",
    'abs(@)', 'sum(a)', 'avg(a)', 'ceil(a[0])', 'floor(a[0])', 'sum(@)', 'join(\',\', @)', 'contains(@, `null`)',
    "starts_with(a, '\\ud83d')", 'ends_with(@, @)', 'not_null()', 'not_null(a, b, @)', 'merge(@, @)', 'merge()',
    '`1e400`', '`-0`', '`123456789012345678901234567890`', '`[1, [2, [3]]]`', '`{"a": {"b": "c"}}`', '`"\\u0000"`',
    '`2017-01-01`', '`not json`', '`', "'unterminated", '"unterminated', 'a.', '.a', 'a..b', '[?', '[?a', 'a[', 'a]', '&',
    '&&a', '!', '!!!!!!!!a', '||', 'a || b || c', '((a))', '(a', 'a)', '{}', '{a}', '{a: b', '{a: b, a: c}', '[a, b, [c, [d]]]',
    '', ' ', '\t\n', '\u0000', 'a\u0000b', '😀', '"😀"', 'a.😀', 'ａ', '\u202e', "'\\'", "'\\\\'", "'\\u0041'", '"\\u0041"',
    'a'.repeat(10_000), 'a.'.repeat(5_000) + 'a', '('.repeat(3_000) + 'a' + ')'.repeat(3_000), '['.repeat(3_000),
    '!'.repeat(20_000) + 'a', 'a | '.repeat(3_000) + 'a',
    // read by the parser without recursion, deeper than the analyses' walks reach (found in CI)
    'a | '.repeat(12_000) + 'a', '!'.repeat(3_000) + 'a', 'a' + ' || b'.repeat(12_000), '[' + 'a,'.repeat(5_000) + 'a]', `length(${'sort('.repeat(500)}@${')'.repeat(500)})`,
    '`' + '['.repeat(2_000) + ']'.repeat(2_000) + '`', '@[*][*][*][*][*][*][*][*]', '*.*.*.*.*.*', '[][][][][][]',
    ...generated,
  ];
}

/** Scripts that stress the AWS CLI/boto3 scanners. */
export function hostileScripts(seed: number): string[] {
  const r = rng(seed);
  const junk = Array.from({ length: 3_000 }, () => String.fromCharCode(Math.floor(r() * 0x3000))).join('');
  return [
    '',
    junk,
    "aws ec2 describe-instances --query 'Reservations[",
    'aws ec2 describe-instances --query "unterminated',
    "aws ec2 describe-instances --query '" + '('.repeat(20_000) + "'",
    "aws ec2 describe-instances --query '" + 'a.'.repeat(20_000) + "a'",
    'aws ec2 describe-instances \\\n'.repeat(2_000),
    'aws ec2 describe-instances --query \'Reservations[].Instances[].InstanceID\'\n'.repeat(2_000),
    '$(' .repeat(5_000) + 'aws ec2 describe-instances' + ')'.repeat(5_000),
    'aws ' + '--profile p '.repeat(5_000) + 'ec2 describe-instances',
    "aws ec2 describe-instances --query 'a'\\''b' --output text",
    "aws ec2 describe-instances --query '😀[?\\ud83d == `1`]'",
    "aws\u0000ec2 describe-instances --query 'a'",
    'aws ec2 describe-instances --query `"a"`',
    "& aws ec2 describe-instances --query 'a' `\n --output table",
    'aws ec2 describe-instances --query "Reservations[].Instances[].[InstanceId, Tags[?Key==\'Name\'].Value | [0]]" ^\n --output table\r\n',
    'import boto3\n' + 'ec2 = boto3.client("ec2")\n' + 'ec2.run_instances(' + 'ImageID="x", '.repeat(5_000) + ')',
    'import boto3, jmespath\njmespath.search(\'' + '['.repeat(10_000) + '\', data)',
    'import boto3\nc = boto3.client(\n' + '('.repeat(5_000),
    'import jmespath\njmespath.search("""a\nb\nc""", d)\njmespath.search(r\'a\\b\', d)\njmespath.search(f"{x}", d)',
    '\r\n\r\n\raws ec2 describe-instances\r--query \'a\'\r',
  ];
}

/** Items for the DynamoDB capacity calculator (as JSON text). */
export function hostileItems(): string[] {
  return [
    '', '{', 'null', '[]', '"x"', '1e400', '{}', '{"a": null}', '{"a": {"S": 5}}', '{"a": {"L": "x"}}', '{"a": {"N": "abc"}}',
    '{"a": {"ZZ": "x"}}', '{"a": {"S": "x", "N": "1"}}', '{"a": {"M": {"b": {"M": {"c": {"S": "d"}}}}}}',
    '{"a": ' + deepArray(5_000) + '}', '{"a": ' + deepObject(5_000) + '}', '{"Item": {"a": {"B": "not base64!"}}}',
    '{"a": {"SS": []}}', '{"a": {"NS": ["1", "x"]}}', '{"a": {"BOOL": "yes"}}', '{"a": {"NULL": false}}',
    '{"__proto__": {"S": "x"}, "constructor": {"N": "1"}}', JSON.stringify({ big: 'x'.repeat(2 * 1024 * 1024) }),
    '{"a": "\\ud800"}', '{"a": 1e400}', '{"a": -0}', '{"a": 123456789012345678901234567890}',
  ];
}

/** Values for the capacity calculator's numeric fields. */
export const hostileNumbers: unknown[] = [
  '', ' ', 'abc', '-1', '0', '1e400', 'NaN', 'Infinity', '-Infinity', '1e-400', '0x10', '1_000', '１２', null, undefined,
  NaN, Infinity, -Infinity, -0, Number.MAX_VALUE, Number.MIN_VALUE, 2 ** 53 + 1, -1e308, [], {}, true, '9'.repeat(400),
];

/** cloud-init seed files (user-data and meta-data), as users write them and as generators do. */
export function hostileSeedFiles(): string[] {
  const nest = (n: number, open: string, close: string) => open.repeat(n) + close.repeat(n);
  return [
    '', '#cloud-config', '#cloud-config\n', '\ufeff#cloud-config\nusers: []\n', '#cloud-config\r\nusres:\r\n  - name: x\r\n',
    // aliases: a billion laughs (PyYAML keeps references, so cloud-init is fine), a cycle, an alias with no anchor
    '#cloud-config\na: &a [x, x, x, x, x, x, x, x, x]\n' + ['b', 'c', 'd', 'e', 'f', 'g'].map((k, i) => `${k}: &${k} [${Array(9).fill('*' + 'abcdefg'[i]).join(', ')}]`).join('\n') + '\nruncmd: *g\n',
    '#cloud-config\nusers: &u\n  - *u\n', '#cloud-config\nusers: *nothing\n', '#cloud-config\nbase: &b {name: x}\nusers:\n  - <<: *b\n    groups: wheel\n',
    // nesting past what a recursive reader manages, in flow and block style
    '#cloud-config\nruncmd: ' + nest(20_000, '[', ']') + '\n', '#cloud-config\nwrite_files: ' + nest(20_000, '{a: ', '}') + '\n',
    '#cloud-config\nusers:\n' + Array.from({ length: 3_000 }, (_, i) => ' '.repeat(i + 1) + '- ').join('\n') + 'x\n',
    // `- - - x` on one line, and deep files one after another: the YAML library's recursion, once
    // its regular expressions ran hot, aborted the process (V8's RegExpCompiler out of memory)
    '#cloud-config\nruncmd:\n' + '- '.repeat(20_000) + 'x\n', '#cloud-config\nusers:\n' + '  ? '.repeat(5_000) + 'x\n',
    ...Array.from({ length: 30 }, (_, i) => '#cloud-config\nruncmd: ' + nest(2_000 + i * 997, i % 2 ? '[' : '{a: ', i % 2 ? ']' : '}') + '\n'),
    // many documents, many keys, many entries, one very long line
    '#cloud-config\n' + '---\na: 1\n'.repeat(5_000), '#cloud-config\n' + Array.from({ length: 20_000 }, (_, i) => `k${i}: 1`).join('\n'),
    '#cloud-config\nruncmd:\n' + '  - [echo, {a: b}]\n'.repeat(5_000), '#cloud-config\nruncmd: ["' + 'x'.repeat(1_000_000) + '"]\n',
    '#cloud-config\n' + 'k'.repeat(100_000) + ': 1\n', '#cloud-config\nusers:\n  - name: ' + 'x'.repeat(100_000) + '\n    ' + 'y'.repeat(50_000) + ': 1\n',
    // tags safe_load rejects, and ones it reads
    '#cloud-config\nusers: !!python/object/apply:os.system [id]\nruncmd: !!binary aGVsbG8=\nwrite_files: !custom x\nb: !!set {a, b}\n',
    // what is not YAML at all
    '#cloud-config\n\u0000\u0001\uffff\ud800', '#cloud-config\n\tusers: x\n', '#cloud-config\n"unterminated\n', '#cloud-config\n: : :\n- - -\n',
    '#cloud-config\n__proto__: {polluted: true}\nconstructor: 1\nusers: {__proto__: 1}\n',
    '#cloud-config\nchpasswd: {list: ' + '"a:b\\n"'.repeat(1) + ', users: [' + '{name: a, type: ' + 'x'.repeat(10_000) + '}, '.repeat(100) + ']}\n',
    '#cloud-config\nwrite_files:\n' + '  - path: /x\n    permissions: 0' + '7'.repeat(400) + '\n'.repeat(1),
    '#cloud-config\nssh_authorized_keys:\n' + '  - ssh-rsa ' + 'A'.repeat(300_000) + '\n',
    '## template: jinja\n#cloud-config\nhostname: {{ v1.instance_id }}\n', '#!/bin/bash\necho hi\n', '#cloudconfig\n' + 'x: 1\n'.repeat(1_000),
  ];
}

/** `.jmespath` query files. */
export function hostileQueryFiles(): string[] {
  return [
    '', '\n\n\n', '# only a comment', '\r\n\r\n#c\r\na\r\n\r\nb', 'a\rb', '\ufeffa.b', 'a\n'.repeat(50_000), '#\n'.repeat(50_000),
    '😀\n\n' + '𝒳'.repeat(1_000), '\u0000\n\u0000', 'a\n  \n\tb\n\u00a0\nc', '\u2028a\u2029b',
  ];
}

/** JSON as bytes: what files and pipes hand over. Only UTF-8 (one leading BOM allowed) is JSON. */
export interface HostileBytes {
  name: string;
  bytes: Uint8Array;
  /** `text`: valid, the answer is that of this text; else what the error must name. */
  expect: { text: string } | { invalid: 'not-utf8' | 'other-encoding' | 'byte-order-mark' | 'json' };
}

/** Byte sequences that are not UTF-8, by class (Unicode table 3-7, and what real files carry). */
const NOT_UTF8: [string, number[]][] = [
  ['0xFF', [0xff]], ['0xFE', [0xfe]], ['lone continuation 0x80', [0x80]], ['lone continuation 0xBF', [0xbf]],
  ['Latin-1 é', [0xe9]], ['Windows-1252 quote', [0x92]], ['overlong slash C0 AF', [0xc0, 0xaf]], ['overlong C1 BF', [0xc1, 0xbf]],
  ['overlong E0 80 AF', [0xe0, 0x80, 0xaf]], ['overlong F0 80 80 AF', [0xf0, 0x80, 0x80, 0xaf]],
  ['surrogate ED A0 80', [0xed, 0xa0, 0x80]], ['surrogate ED BF BF', [0xed, 0xbf, 0xbf]],
  ['CESU-8 pair for U+1F600', [0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80]], ['beyond U+10FFFF F4 90 80 80', [0xf4, 0x90, 0x80, 0x80]],
  ['F5 lead', [0xf5, 0x80, 0x80, 0x80]], ['F8 five-byte form', [0xf8, 0x88, 0x80, 0x80, 0x80]],
  ['cut 2-byte C3', [0xc3]], ['cut 3-byte E2 82', [0xe2, 0x82]], ['cut 4-byte F0 9F 98', [0xf0, 0x9f, 0x98]],
];

export function hostileByteDocuments(seed: number): HostileBytes[] {
  const r = rng(seed);
  const utf8 = (s: string) => new TextEncoder().encode(s);
  const cat = (...parts: (Uint8Array | number[])[]) => Uint8Array.from(parts.flatMap((p) => Array.from(p)));
  const doc = '{"a": "café €😀", "b": [1, 2.0, {"c": "\\u00e9"}], "ключ": true}';
  const out: HostileBytes[] = [
    { name: 'UTF-8', bytes: utf8(doc), expect: { text: doc } },
    { name: 'UTF-8 with a byte order mark', bytes: cat([0xef, 0xbb, 0xbf], utf8(doc)), expect: { text: doc } },
    { name: 'byte order mark + garbage', bytes: cat([0xef, 0xbb, 0xbf], utf8('garbage')), expect: { invalid: 'byte-order-mark' } },
    { name: 'byte order mark twice', bytes: cat([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], utf8(doc)), expect: { invalid: 'byte-order-mark' } },
    { name: 'byte order mark + nothing', bytes: Uint8Array.of(0xef, 0xbb, 0xbf), expect: { invalid: 'byte-order-mark' } },
    { name: 'half a byte order mark', bytes: cat([0xef, 0xbb], utf8(doc)), expect: { invalid: 'not-utf8' } },
    { name: 'byte order mark inside', bytes: cat(utf8('[1,'), [0xef, 0xbb, 0xbf], utf8('2]')), expect: { invalid: 'json' } },
    { name: 'empty', bytes: new Uint8Array(0), expect: { invalid: 'json' } },
    { name: 'UTF-16 LE with BOM', bytes: cat([0xff, 0xfe], Buffer.from(doc, 'utf16le')), expect: { invalid: 'other-encoding' } },
    { name: 'UTF-16 BE with BOM', bytes: cat([0xfe, 0xff], Buffer.from(doc, 'utf16le').swap16()), expect: { invalid: 'other-encoding' } },
    { name: 'UTF-16 LE without BOM', bytes: Uint8Array.from(Buffer.from(doc, 'utf16le')), expect: { invalid: 'other-encoding' } },
    { name: 'UTF-16 BE without BOM', bytes: Uint8Array.from(Buffer.from(doc, 'utf16le').swap16()), expect: { invalid: 'other-encoding' } },
    { name: 'UTF-32 LE with BOM', bytes: cat([0xff, 0xfe, 0, 0], ...Array.from('[1]', (c) => [c.charCodeAt(0), 0, 0, 0])), expect: { invalid: 'other-encoding' } },
    { name: 'UTF-32 BE without BOM', bytes: cat(...Array.from('[1]', (c) => [0, 0, 0, c.charCodeAt(0)])), expect: { invalid: 'other-encoding' } },
    { name: 'one NUL byte', bytes: Uint8Array.of(0), expect: { invalid: 'json' } },
  ];
  // every class at the start, in the middle of a string, in a key, and as the very last bytes
  const body = utf8(doc);
  for (const [name, seq] of NOT_UTF8) {
    const mid = 7 + Math.floor(r() * 4); // inside "café €😀" before the multi-byte characters
    out.push({ name: `${name} at the start`, bytes: cat(seq, body), expect: { invalid: 'not-utf8' } });
    out.push({ name: `${name} in a string`, bytes: cat(body.subarray(0, mid), seq, body.subarray(mid)), expect: { invalid: 'not-utf8' } });
    out.push({ name: `${name} in a key on line 3`, bytes: cat(utf8('{\n"x": 1,\n"k'), seq, utf8('": 2}')), expect: { invalid: 'not-utf8' } });
    out.push({ name: `${name} at the end`, bytes: cat(body, seq), expect: { invalid: 'not-utf8' } });
  }
  // a whole document in Latin-1, as Windows tools write it
  out.push({ name: 'Latin-1 document', bytes: Uint8Array.from(Buffer.from('{"Name": "Müller", "City": "Zürich"}', 'latin1')), expect: { invalid: 'not-utf8' } });
  return out;
}

/** Expressions whose result holds an expression reference (jmespath.py returns its object; the CLI fails). */
export const EXPRESSION_REFERENCE_RESULTS = [
  '&a', '{x: &a}', '[&a]', '[[&a]]', '{x: {y: [&a, `1`]}}', 'b[*].[&c]', 'b[*].{k: &c}', 'not_null(&a)', '`true` && &a', '`null` || &a', '[a, &a][1]',
  // looked at after a list shared 2^30 ways (a walk of every path would not end)
  `[&a, \`[1]\`${' | [@, @]'.repeat(30)}]`,
];

/**
 * `@ | [@,@,@,@,@,@,@,@][]` repeated: each step multiplies the values by eight (the value limit
 * stops them); without `[]` the lists are shared, and printing them once crashed V8 outright.
 */
export function multiplyingQueries(): string[] {
  const step = ' | [@,@,@,@,@,@,@,@][]';
  return [1, 2, 3, 4, 5, 6, 8, 12].map((k) => '@' + step.repeat(k))
    .concat(['[*][*][*]', '@ | [@,@,@,@,@,@,@,@] | [@,@,@,@,@,@,@,@] | [@,@,@,@,@,@,@,@]', '@ | [@,@,@,@,@,@,@,@] | [@,@,@,@,@,@,@,@] | [@,@,@,@,@,@,@,@] | to_string(@)', 'length(@ | [@,@,@,@,@,@,@,@][] | [@,@,@,@,@,@,@,@][] | [@,@,@,@,@,@,@,@][])']);
}

/**
 * JSON texts with one to three characters inserted, deleted or replaced: mostly invalid in every
 * way a hand edit or a cut-off paste makes them, some still valid. (No byte order mark, which we
 * read and Python refuses on purpose, and no raw lone surrogate, which a UTF-8 file cannot hold.)
 */
export function mutatedJsonTexts(seed: number, count: number): string[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const originals = ['{"a": [1, 2.5, -0.0, 1e400, "x\\u00e9", true, null], "b": {"c": {}}}',
    '[1e5, 12345678901234567890, -9.99e-324, "\\ud83d\\ude00", []]', '{"k": "v", "k": 2, "": 0, "__proto__": {"x": 1}}',
    '"str"', '  [ 1 , { "a" : [ ] } ]  ', '{"Reservations":[{"Instances":[{"InstanceId":"i-1","State":{"Name":"running"}}]}]}'];
  const characters = ['{', '}', '[', ']', ',', ':', '"', '\\', '0', '1', '-', '+', '.', 'e', 'E', ' ', '\n', '\t', 'a', 'u', 'n',
    't', 'f', 'N', 'I', '\u00a0', '\x00', '\x1f', '\u2028', '😀', 'x', '/', '*'];
  return Array.from({ length: count }, () => {
    let text = pick(originals);
    for (let edits = 1 + Math.floor(r() * 3); edits > 0; edits--) {
      const at = Math.floor(r() * (text.length + 1));
      const kind = Math.floor(r() * 3);
      text = text.slice(0, at) + (kind === 1 ? '' : pick(characters)) + text.slice(kind === 0 ? at : at + 1);
    }
    return text;
  });
}
