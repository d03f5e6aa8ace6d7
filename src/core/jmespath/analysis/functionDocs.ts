// The built-in functions of jmespath.py as a user sees them: signature (in the JMESPath spec's
// notation), one line of description, an example, and the jmespath.py behaviours that surprise.
// A unit test checks every signature against jmespath.py's own function table.

/** A parameter: its name and the type names jmespath.py checks (`[]` = any). */
export interface FunctionParam {
  name: string;
  types: string[];
  /** How the spec writes the type (`expression->number|expression->string`). */
  display: string;
}

export interface FunctionDoc {
  name: string;
  params: FunctionParam[];
  /** The last parameter may repeat. */
  variadic?: boolean;
  returns: string;
  description: string;
  example: { expression: string; data: string; result: string };
  /** jmespath.py (the AWS CLI) behaviours worth knowing before relying on the function. */
  surprises: string[];
}

const p = (name: string, types: string[], display?: string): FunctionParam => ({
  name, types, display: display ?? (types.length ? types.map(specType).join('|') : 'any'),
});

function specType(t: string): string {
  const [type, sub] = t.split('-');
  if (type === 'expref') return 'expression';
  return sub ? `array[${sub}]` : type;
}

const DOCS: FunctionDoc[] = [
  {
    name: 'abs', params: [p('value', ['number'])], returns: 'number',
    description: 'The absolute value of a number.',
    example: { expression: 'abs(@)', data: '-3', result: '3' },
    surprises: [],
  },
  {
    name: 'avg', params: [p('elements', ['array-number'])], returns: 'number',
    description: 'The average of an array of numbers; null for an empty array.',
    example: { expression: 'avg(@)', data: '[2, 2]', result: '2.0' },
    surprises: ['Always a float: `avg([2, 2])` prints `2.0`.', 'A null or string in the array is an error (filter them out first: `avg(@[?@ != null])`).'],
  },
  {
    name: 'ceil', params: [p('value', ['number'])], returns: 'number',
    description: 'The smallest integer not less than the number.',
    example: { expression: 'ceil(@)', data: '1.2', result: '2' },
    surprises: ['Returns an integer (`2`, not `2.0`).'],
  },
  {
    name: 'contains', params: [p('subject', ['array', 'string']), p('search', [])], returns: 'boolean',
    description: 'Whether an array holds the value, or a string holds the substring.',
    example: { expression: "contains(Tags[].Key, 'Name')", data: '{"Tags": [{"Key": "Name", "Value": "web"}]}', result: 'true' },
    surprises: [
      'On a string, the search value must be a string (`` contains(\'abc\', `1`) `` is an error).',
      'On an array, Python\'s `==` decides: `` contains(@, `1`) `` on `[true]` is true.',
    ],
  },
  {
    name: 'ends_with', params: [p('subject', ['string']), p('suffix', ['string'])], returns: 'boolean',
    description: 'Whether the string ends with the suffix (case-sensitive).',
    example: { expression: "ends_with(@, '.json')", data: '"data.json"', result: 'true' },
    surprises: ['A null subject (a missing field) is an error, not false: guard it with `Name && ends_with(Name, ...)`.'],
  },
  {
    name: 'floor', params: [p('value', ['number'])], returns: 'number',
    description: 'The largest integer not greater than the number.',
    example: { expression: 'floor(@)', data: '1.8', result: '1' },
    surprises: ['Returns an integer (`1`, not `1.0`).'],
  },
  {
    name: 'join', params: [p('glue', ['string']), p('stringsarray', ['array-string'])], returns: 'string',
    description: 'The strings of the array joined with the glue between them.',
    example: { expression: "join(', ', @)", data: '["a", "b"]', result: '"a, b"' },
    surprises: ['Every element must be a string: one null (a missing field) makes it an error.'],
  },
  {
    name: 'keys', params: [p('obj', ['object'])], returns: 'array',
    description: "The object's keys, in the document's order.",
    example: { expression: 'keys(@)', data: '{"b": 1, "a": 2}', result: '["b", "a"]' },
    surprises: [],
  },
  {
    name: 'length', params: [p('subject', ['string', 'array', 'object'])], returns: 'number',
    description: 'Characters in a string, elements of an array, or keys of an object.',
    example: { expression: 'length(Reservations[].Instances[])', data: '{"Reservations": [{"Instances": [{}, {}]}]}', result: '2' },
    surprises: ['Counts code points (an emoji is 1, not 2 as in JavaScript).', 'A null (a missing field) is an error.'],
  },
  {
    name: 'map', params: [p('expr', ['expref']), p('elements', ['array'])], returns: 'array',
    description: 'Applies the expression to every element.',
    example: { expression: 'map(&Name, @)', data: '[{"Name": "a"}, {}]', result: '["a", null]' },
    surprises: ['Keeps nulls, unlike a projection: `map(&a, @)` has one entry per element, `[].a` drops the missing ones.'],
  },
  {
    name: 'max', params: [p('collection', ['array-number', 'array-string'])], returns: 'number',
    description: 'The largest number, or the last string in code-point order; null for an empty array.',
    example: { expression: 'max(@)', data: '[3, 7, 5]', result: '7' },
    surprises: ['All numbers or all strings: mixing them is an error.'],
  },
  {
    name: 'max_by', params: [p('elements', ['array']), p('expr', ['expref'], 'expression->number|expression->string')], returns: 'any',
    description: 'The element for which the expression is largest.',
    example: { expression: 'max_by(@, &LaunchTime).Id', data: '[{"Id": "a", "LaunchTime": "2024-01-02"}, {"Id": "b", "LaunchTime": "2023-05-01"}]', result: '"a"' },
    surprises: [
      'Works on strings too (the spec says numbers; jmespath.js gives null): ISO dates compare correctly.',
      'Keys must all be numbers or all strings; a missing field (null) is an error.',
    ],
  },
  {
    name: 'merge', params: [p('argument', ['object'])], variadic: true, returns: 'object',
    description: 'One object with the keys of all the objects; later ones win.',
    example: { expression: 'merge(@, `{"b": 3}`)', data: '{"a": 1, "b": 2}', result: '{"a": 1, "b": 3}' },
    surprises: ['Only the first argument is type-checked: a later array of [key, value] pairs is merged as Python\'s `dict.update` would.'],
  },
  {
    name: 'min', params: [p('collection', ['array-number', 'array-string'])], returns: 'number',
    description: 'The smallest number, or the first string in code-point order; null for an empty array.',
    example: { expression: 'min(@)', data: '[3, 7, 5]', result: '3' },
    surprises: ['All numbers or all strings: mixing them is an error.'],
  },
  {
    name: 'min_by', params: [p('elements', ['array']), p('expr', ['expref'], 'expression->number|expression->string')], returns: 'any',
    description: 'The element for which the expression is smallest.',
    example: { expression: 'min_by(@, &Size).Id', data: '[{"Id": "a", "Size": 8}, {"Id": "b", "Size": 2}]', result: '"b"' },
    surprises: [
      'Works on strings too (the spec says numbers; jmespath.js gives null).',
      'Keys must all be numbers or all strings; a missing field (null) is an error.',
    ],
  },
  {
    name: 'not_null', params: [p('argument', [])], variadic: true, returns: 'any',
    description: 'The first argument that is not null.',
    example: { expression: 'not_null(PublicIpAddress, PrivateIpAddress)', data: '{"PrivateIpAddress": "10.0.0.5"}', result: '"10.0.0.5"' },
    surprises: ['Only null is skipped: an empty string or `false` is returned.'],
  },
  {
    name: 'reverse', params: [p('argument', ['array', 'string'])], returns: 'array',
    description: 'The array in reverse order, or the string reversed.',
    example: { expression: 'reverse(@)', data: '[1, 2, 3]', result: '[3, 2, 1]' },
    surprises: [],
  },
  {
    name: 'sort', params: [p('list', ['array-string', 'array-number'])], returns: 'array',
    description: 'The numbers or strings in ascending order.',
    example: { expression: 'sort(@)', data: '["b", "a", "C"]', result: '["C", "a", "b"]' },
    surprises: ['Strings sort by code point: upper case before lower case.', 'All numbers or all strings: mixing them is an error.'],
  },
  {
    name: 'sort_by', params: [p('elements', ['array']), p('expr', ['expref'], 'expression->number|expression->string')], returns: 'array',
    description: 'The elements ordered by the value of the expression on each (stable).',
    example: { expression: 'sort_by(@, &LaunchTime)[].Id', data: '[{"Id": "a", "LaunchTime": "2024-01-02"}, {"Id": "b", "LaunchTime": "2023-05-01"}]', result: '["b", "a"]' },
    surprises: [
      'Every key must have the type of the first element\'s key: mixed numbers and strings, or one missing field (null), is an error.',
      'Strings sort by code point.',
    ],
  },
  {
    name: 'starts_with', params: [p('subject', ['string']), p('prefix', ['string'])], returns: 'boolean',
    description: 'Whether the string starts with the prefix (case-sensitive).',
    example: { expression: "starts_with(@, 'i-')", data: '"i-0abc"', result: 'true' },
    surprises: ['A null subject (a missing field) is an error, not false.'],
  },
  {
    name: 'sum', params: [p('collection', ['array-number'])], returns: 'number',
    description: 'The sum of the numbers; 0 for an empty array.',
    example: { expression: 'sum(@)', data: '[1, 2.5]', result: '3.5' },
    surprises: ['Integers stay exact integers; one float makes the result a float.'],
  },
  {
    name: 'to_array', params: [p('arg', [])], returns: 'array',
    description: 'The array itself, or any other value wrapped in a one-element array.',
    example: { expression: 'to_array(@)', data: '"a"', result: '["a"]' },
    surprises: ['null becomes `[null]`.'],
  },
  {
    name: 'to_number', params: [p('arg', [])], returns: 'number',
    description: 'The number itself, a string parsed as a number, or null.',
    example: { expression: 'to_number(@)', data: '"42"', result: '42' },
    surprises: [
      "Parses as Python's int()/float(): `' 42 '`, `'1_000'`, `'1e3'` and `'inf'` are numbers; `'0x10'` is null.",
      'Booleans give null, not 0/1.',
    ],
  },
  {
    name: 'to_string', params: [p('arg', [])], returns: 'string',
    description: 'A string itself, or any other value as compact JSON.',
    example: { expression: 'to_string(@)', data: '{"a": [1, 2]}', result: '"{\\"a\\":[1,2]}"' },
    surprises: ['Escapes non-ASCII characters inside arrays and objects: `{"a": "é"}` becomes `{"a":"\\u00e9"}` (a plain string is returned as it is).'],
  },
  {
    name: 'type', params: [p('subject', [])], returns: 'string',
    description: 'The JMESPath type name: number, string, boolean, array, object or null.',
    example: { expression: 'type(@)', data: '1.5', result: '"number"' },
    surprises: [],
  },
  {
    name: 'values', params: [p('obj', ['object'])], returns: 'array',
    description: "The object's values, in the document's order.",
    example: { expression: 'values(@)', data: '{"b": 1, "a": 2}', result: '[1, 2]' },
    surprises: [],
  },
];

export const FUNCTION_DOCS: ReadonlyMap<string, FunctionDoc> = new Map(DOCS.map((d) => [d.name, d]));

/** `sort_by(array $elements, expression->number|expression->string $expr) -> array`. */
export function signatureText(doc: FunctionDoc): string {
  const params = doc.params.map((param, i) => {
    const text = `${param.display} $${param.name}`;
    return doc.variadic && i === doc.params.length - 1 ? `${text}, ...` : text;
  });
  return `${doc.name}(${params.join(', ')}) -> ${doc.returns}`;
}

/** Parameter labels as they appear in signatureText (for signature help). */
export function parameterLabels(doc: FunctionDoc): string[] {
  return doc.params.map((param) => `${param.display} $${param.name}`);
}

/** Markdown: signature, description, example, surprises. */
export function functionMarkdown(doc: FunctionDoc, options: { signature?: boolean } = {}): string {
  const lines: string[] = [];
  if (options.signature ?? true) lines.push('```jmespath', signatureText(doc), '```');
  lines.push(doc.description, '', `Example: ${code(doc.example.expression)} on ${code(doc.example.data)} gives ${code(doc.example.result)}`);
  if (doc.surprises.length) {
    lines.push('', '**In jmespath.py (the AWS CLI):**');
    for (const s of doc.surprises) lines.push(`- ${s}`);
  }
  return lines.join('\n');
}

/** A markdown code span that survives backticks inside (JMESPath literals use them). */
export function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return longest ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`;
}
