// Grammar snapshot tests: tokenizes each file in test/grammar/cases with the contributed TextMate
// grammar and compares the scopes with the committed .snap file (UPDATE_SNAPSHOTS=1 rewrites them).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

const root = path.resolve(__dirname, '../../..');
const casesDir = path.join(root, 'test/grammar/cases');

async function loadRegistry(): Promise<vsctm.Registry> {
  const wasm = fs.readFileSync(path.join(root, 'node_modules/vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  return new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName: string) => {
      const grammars: Record<string, string> = { 'source.jmespath': 'syntaxes/jmespath.tmLanguage.json' };
      const file = grammars[scopeName];
      if (!file) return null;
      return vsctm.parseRawGrammar(fs.readFileSync(path.join(root, file), 'utf8'), path.join(root, file));
    },
  });
}

export function snapshot(grammar: vsctm.IGrammar, text: string): string {
  let state = vsctm.INITIAL;
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const r = grammar.tokenizeLine(line, state);
    out.push(`> ${line}`);
    for (const t of r.tokens) {
      const token = line.slice(t.startIndex, t.endIndex);
      if (token.trim() === '') continue;
      out.push(`  ${JSON.stringify(token)} ${t.scopes.slice(1).join(' ') || '(source)'}`);
    }
    state = r.ruleStack;
  }
  return out.join('\n') + '\n';
}

describe('JMESPath TextMate grammar', () => {
  let grammar: vsctm.IGrammar;
  before(async () => {
    grammar = (await (await loadRegistry()).loadGrammar('source.jmespath'))!;
  });

  for (const file of fs.readdirSync(casesDir).filter((f) => f.endsWith('.jmespath'))) {
    it(`${file} matches its snapshot`, () => {
      const actual = snapshot(grammar, fs.readFileSync(path.join(casesDir, file), 'utf8'));
      const snapFile = path.join(casesDir, file + '.snap');
      if (process.env.UPDATE_SNAPSHOTS || !fs.existsSync(snapFile)) fs.writeFileSync(snapFile, actual);
      assert.strictEqual(actual, fs.readFileSync(snapFile, 'utf8'));
    });
  }

  it('scopes every token kind', () => {
    const scopes = snapshot(grammar, fs.readFileSync(path.join(casesDir, 'tokens.jmespath'), 'utf8'));
    for (const scope of [
      'comment.line.number-sign', 'string.quoted.single', 'constant.other.literal', 'variable.other.property.quoted',
      'support.function.builtin', 'entity.name.function', 'constant.numeric.integer', 'keyword.operator.comparison',
      'keyword.operator.logical', 'keyword.operator.pipe', 'keyword.operator.expression-reference', 'keyword.operator.filter',
      'keyword.operator.flatten', 'keyword.operator.wildcard', 'variable.language.current', 'punctuation.accessor',
      'punctuation.separator.colon', 'punctuation.separator.comma', 'constant.character.escape',
    ]) {
      assert.ok(scopes.includes(scope), `no token scoped ${scope}`);
    }
  });
});
