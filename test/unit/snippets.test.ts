// Contributed snippets: valid snippet files whose default expansions are valid bash/Python and
// pass our own AWS checks.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { checkScript } from '../../src/core/aws/scriptCheck';
import { loadModel } from './awsModels';

const root = path.resolve(__dirname, '../../..');

/** Expands a snippet body with every placeholder at its default (first choice, mirrors copied). */
export function expand(body: string[]): string {
  const values = new Map<string, string>();
  let text = body.join('\n');
  text = text.replace(/\$\{(\d+)\|([^,|]*)[^}]*\}/g, (_, n, first) => (values.set(n, first), first));
  for (let i = 0; i < 5; i++) text = text.replace(/\$\{(\d+):([^${}]*)\}/g, (_, n, d) => (values.set(n, d), d));
  text = text.replace(/\$(\d+)/g, (_, n) => values.get(n) ?? '');
  return text.replace(/\\\$/g, '$');
}

describe('snippets', () => {
  for (const [file, language] of [['shellscript', 'bash'], ['powershell', 'powershell'], ['python', 'python']] as const) {
    const snippets = JSON.parse(fs.readFileSync(path.join(root, 'snippets', `${file}.json`), 'utf8')) as Record<string, { prefix: string[]; body: string[]; description: string }>;
    for (const [name, s] of Object.entries(snippets)) {
      it(`${file}: ${name} expands to a valid script our checks accept`, () => {
        assert.ok(s.prefix.length && s.description);
        const text = expand(s.body) + '\n';
        assert.deepStrictEqual(checkScript(text, language, loadModel), []);
        if (language === 'bash') assert.strictEqual(spawnSync('bash', ['-n'], { input: text }).status, 0, text);
        if (language === 'python') {
          const r = spawnSync('python3', ['-c', 'import ast,sys; ast.parse(sys.stdin.read())'], { input: text, encoding: 'utf8' });
          assert.strictEqual(r.status, 0, r.stderr + text);
        }
      });
    }
  }
  it("covers the seed's idioms", () => {
    const all = ['shellscript', 'python'].map((f) => fs.readFileSync(path.join(root, 'snippets', `${f}.json`), 'utf8')).join('\n');
    for (const idiom of ["Volumes[?CreateTime<'", 'Instances[*].InstanceId', "Tags[?Key=='Name'].Value", 'run_instances(', "os.path.join('/tmp'", 'upload_file(', 'put_item(', 'get_item(']) {
      assert.ok(all.includes(idiom), idiom);
    }
  });
});
