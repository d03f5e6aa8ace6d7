// Suggestions for the palette query (`JMESPath: Query Active JSON...`): the completions at the end
// of what is typed, each as the whole query it would make (a quick pick has no cursor of its own).
import * as vscode from 'vscode';
import { complete } from '../../core/jmespath/analysis';
import type { PaletteSuggestion } from '../query/paletteQuery';
import { JsonDataCache } from './jsonData';

const MAX_SUGGESTIONS = 12;
const ICONS = { field: '$(symbol-field)', function: '$(symbol-method)', value: '$(symbol-constant)' };

export function paletteSuggester(data: JsonDataCache): (source: vscode.Uri, expression: string) => Promise<PaletteSuggestion[]> {
  return async (source, expression) => {
    const outcome = await data.use(source, (root) => complete(expression, expression.length, { kind: 'json', root }));
    if (!outcome.ok) return [];
    const { start, end, items } = outcome.value;
    const typed = expression.slice(start, end).toLowerCase();
    // in the order completion ranks them (after a comparator: the values first)
    const fields = items.filter((i) => i.kind !== 'function').sort((a, b) => a.rank - b.rank);
    // functions only once their name is being typed: 26 of them would bury the fields
    const functions = typed ? items.filter((i) => i.kind === 'function') : [];
    return [...fields, ...functions]
      .filter((i) => (i.filterText ?? i.label).toLowerCase().startsWith(typed) && (i.filterText ?? i.label).toLowerCase() !== typed)
      .slice(0, MAX_SUGGESTIONS)
      .map((i) => {
        const insert = i.snippet ? i.insertText.replace(/\$\d/g, '').replace(/\)$/, '') : i.insertText;
        // a value or name right after a comparator reads apart from it (`== 'running'`, not `=='running'`)
        const before = expression.slice(0, start - (i.replaceBefore?.length ?? 0));
        const query = before + (/(?:[=!<>]=|[<>]|&&|\|\|)$/.test(before) ? ' ' : '') + insert + expression.slice(end);
        // labelled with the whole query: VS Code's filter then ranks it as the shortest way to go
        // on from what is typed, above longer recent queries (labelled with the name only, it came
        // after them, and Down then Enter ran a recent query where a name was wanted)
        return { expression: query, label: query, description: `${ICONS[i.kind]} ${i.detail ?? ''}`.trimEnd() };
      });
  };
}
