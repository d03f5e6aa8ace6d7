// One-line previews of printed results for the palette's row (trial 18: a table squashed onto one
// line was borders and padding).
import * as assert from 'assert';
import { search } from '../../src/core/output';
import { emptyPrintout, previewLine } from '../../src/core/query/preview';

describe('one-line result previews', () => {
  const data = '{"Items": [{"k": "a", "n": 1}, {"k": "b", "n": 22}]}';

  it('a table shows its title and rows, without borders and padding', () => {
    const table = search('Items[].{k: k, n: n}', data, { output: 'table', title: 'UnicodeItems' });
    assert.match(table, /^-+\n\|UnicodeItems\|\n\+-+/, 'the CLI\'s table');
    assert.strictEqual(previewLine(table, 'table', 200), 'UnicodeItems ⏎ k | n ⏎ a | 1 ⏎ b | 22');
  });

  it('text shows its lines and tabs; JSON and YAML their text on one line; long ones are cut', () => {
    assert.strictEqual(previewLine(search('Items[].[k, n]', data, { output: 'text' }), 'text', 200), 'a → 1 ⏎ b → 22');
    assert.strictEqual(previewLine(search('Items[0]', data), 'json', 200), '{ "k": "a", "n": 1 }');
    assert.strictEqual(previewLine(search('Items[0]', data, { output: 'yaml' }), 'yaml', 200), 'k: a n: 1');
    assert.strictEqual(previewLine(search('Items', data), 'json', 10), '[ { "k": "…');
  });

  it('says why nothing is shown when the format prints nothing', () => {
    assert.strictEqual(search('Items[?n > `100`]', data, { output: 'table', title: 'T' }), '');
    assert.strictEqual(previewLine('', 'table', 100), '');
    assert.strictEqual(emptyPrintout('table'), '(prints nothing: aws --output table prints nothing for this result)');
  });
});
