import * as assert from 'assert';
import { groupAreas } from '../../src/core/editorLayout';

const rounded = (xs: number[]) => xs.map((x) => Math.round(x * 1000) / 1000);

describe('editor group areas from vscode.getEditorLayout', () => {
  it('columns side by side share the width; a stacked column splits its height', () => {
    assert.deepStrictEqual(rounded(groupAreas({ orientation: 0, groups: [{ size: 600 }, { size: 600 }] })), [0.5, 0.5]);
    // the layout Run & refine leaves: a script, then a column with a short group over a tall one
    const layout = { orientation: 0, groups: [{ size: 800 }, { size: 800, groups: [{ size: 100 }, { size: 700 }] }] };
    assert.deepStrictEqual(rounded(groupAreas(layout)), [0.5, 0.063, 0.438]);
    assert.deepStrictEqual(rounded(groupAreas({ orientation: 1, groups: [{ size: 300 }, { size: 100 }] })), [0.75, 0.25]);
  });

  it('missing sizes are equal shares; an empty layout has no groups', () => {
    assert.deepStrictEqual(rounded(groupAreas({ orientation: 0, groups: [{}, { groups: [{}, {}] }] })), [0.5, 0.25, 0.25]);
    assert.deepStrictEqual(groupAreas({ orientation: 0, groups: [] }), []);
  });
});
