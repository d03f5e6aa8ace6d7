// Grammar snapshot tests: tokenizes each file in test/grammar/cases with the contributed TextMate
// grammar and compares the scopes with the committed .snap file (UPDATE_SNAPSHOTS=1 rewrites them).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

const root = path.resolve(__dirname, '../../..');
const casesDir = path.join(root, 'test/grammar/cases');

// Minimal stand-ins for VS Code's shell and Python grammars: strings and comments, enough to show
// that the injections take over inside --query '...' and jmespath.search('...').
const HOSTS: Record<string, object> = {
  'source.shell': { scopeName: 'source.shell', patterns: [
    { match: '#.*$', name: 'comment.line.shell' },
    { begin: "'", end: "'", name: 'string.quoted.single.shell' },
    { begin: '"', end: '"', name: 'string.quoted.double.shell' },
  ] },
  'source.python': { scopeName: 'source.python', patterns: [
    { match: '#.*$', name: 'comment.line.python' },
    { begin: "'", end: "'", name: 'string.quoted.single.python' },
  ] },
};

async function loadRegistry(): Promise<vsctm.Registry> {
  const wasm = fs.readFileSync(path.join(root, 'node_modules/vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  return new vsctm.Registry({
    getInjections: (scope: string) =>
      scope === 'source.shell' ? ['jmespath.injection.shell'] : scope === 'source.python' ? ['jmespath.injection.python'] : undefined,
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName: string) => {
      const grammars: Record<string, string> = {
        'source.jmespath': 'syntaxes/jmespath.tmLanguage.json',
        'jmespath.injection.shell': 'syntaxes/jmespath-injection-shell.tmLanguage.json',
        'jmespath.injection.python': 'syntaxes/jmespath-injection-python.tmLanguage.json',
      };
      if (HOSTS[scopeName]) return vsctm.parseRawGrammar(JSON.stringify(HOSTS[scopeName]), `${scopeName}.json`);
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
  let registry: vsctm.Registry;
  before(async () => {
    registry = await loadRegistry();
    grammar = (await registry.loadGrammar('source.jmespath'))!;
  });

  it('highlights JMESPath inside --query in shell scripts, not in other strings or comments', async () => {
    const shell = (await registry.loadGrammar('source.shell'))!;
    const out = snapshot(shell, "# --query 'a.b'\necho '--query x'\naws ec2 describe-instances --query 'Reservations[].Instances[?State.Name==`running`]' --output text");
    assert.match(out, /"Reservations" meta\.embedded\.jmespath variable\.other\.property\.jmespath/);
    assert.match(out, /"\[\?" meta\.embedded\.jmespath keyword\.operator\.filter\.jmespath/);
    assert.doesNotMatch(out.split('\n> aws')[0], /jmespath/);
  });

  it('highlights JMESPath inside jmespath.search() in Python', async () => {
    const python = (await registry.loadGrammar('source.python'))!;
    const out = snapshot(python, "ids = jmespath.search('Reservations[].Instances[].InstanceId', response)");
    assert.match(out, /"InstanceId" meta\.embedded\.jmespath variable\.other\.property\.jmespath/);
  });

  it("highlights a paginator's search() query in Python (chained on paginate(), or on a page iterator), not re.search()", async () => {
    const python = (await registry.loadGrammar('source.python'))!;
    for (const line of [
      "it = client.get_paginator('describe_instances').paginate().search('Reservations[].Instances[].InstanceId')",
      "filtered = page_iterator.search('Reservations[].Instances[].InstanceId')",
      "for x in pages.search(r'Reservations[].Instances[].InstanceId'):",
    ]) assert.match(snapshot(python, line), /"InstanceId" meta\.embedded\.jmespath variable\.other\.property\.jmespath/, line);
    assert.doesNotMatch(snapshot(python, "m = re.search('Reservations[].Instances', text)"), /jmespath/);
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
