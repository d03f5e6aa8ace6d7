// The small shared pieces the editor features stand on: who owns a disposable, and which language
// ids mean JSON, query files and scripts.
import * as assert from 'assert';
import { Disposable, DisposableMap, disposeAll, timeout } from '../../src/dispose';
import {
  JSON_SELECTOR, SCRIPT_SELECTOR, isJsonDocument, isJsonPath, languageIdOfScript, scriptLanguageOf, stripJsonExtension,
} from '../../src/languages';

class Owner extends Disposable {
  own<T extends { dispose(): void }>(d: T): T {
    return this._register(d);
  }
  get disposed(): boolean {
    return this.isDisposed;
  }
}

function probe(log: string[], name: string) {
  return { dispose: () => log.push(name) };
}

describe('Disposable base class', () => {
  it('disposes what it registered, newest first, exactly once', () => {
    const log: string[] = [];
    const owner = new Owner();
    owner.own(probe(log, 'a'));
    owner.own(probe(log, 'b'));
    owner.dispose();
    owner.dispose();
    assert.deepStrictEqual(log, ['b', 'a']);
    assert.ok(owner.disposed);
  });

  it('disposes at once what is registered after it was disposed', () => {
    const log: string[] = [];
    const owner = new Owner();
    owner.dispose();
    owner.own(probe(log, 'late'));
    assert.deepStrictEqual(log, ['late']);
  });

  it('keeps disposing past a failure and then reports it', () => {
    const log: string[] = [];
    assert.throws(() => disposeAll([probe(log, 'a'), { dispose: () => { throw new Error('boom'); } }, probe(log, 'c')]), /boom/);
    assert.deepStrictEqual(log, ['a', 'c']);
  });
});

describe('DisposableMap and timeout', () => {
  it('replacing or deleting a key disposes what it held; a disposed timeout never fires', async () => {
    const log: string[] = [];
    const map = new DisposableMap<string>();
    map.set('doc', probe(log, 'first'));
    map.set('doc', probe(log, 'second'));
    assert.deepStrictEqual(log, ['first']);
    let fired = false;
    map.set('doc', timeout(() => (fired = true), 5));
    assert.deepStrictEqual(log, ['first', 'second']);
    map.delete('doc');
    await new Promise((r) => setTimeout(r, 30));
    assert.strictEqual(fired, false);
    assert.strictEqual(map.size, 0);
    map.set('a', probe(log, 'a'));
    map.dispose();
    assert.deepStrictEqual(log, ['first', 'second', 'a']);
  });
});

describe('language ids', () => {
  it('maps script languages to their flavours and back', () => {
    assert.strictEqual(scriptLanguageOf('shellscript'), 'bash');
    assert.strictEqual(scriptLanguageOf('powershell'), 'powershell');
    assert.strictEqual(scriptLanguageOf('bat'), 'cmd');
    assert.strictEqual(scriptLanguageOf('python'), 'python');
    assert.strictEqual(scriptLanguageOf('json'), undefined);
    assert.strictEqual(scriptLanguageOf('toString'), undefined);
    assert.strictEqual(scriptLanguageOf(undefined), undefined);
    for (const flavour of ['bash', 'powershell', 'cmd', 'python'] as const) {
      assert.strictEqual(scriptLanguageOf(languageIdOfScript(flavour)), flavour);
    }
    assert.deepStrictEqual(SCRIPT_SELECTOR.map((s) => s.language).sort(), ['bat', 'powershell', 'python', 'shellscript']);
  });

  it('recognises JSON by language or by name', () => {
    assert.deepStrictEqual(JSON_SELECTOR, [{ language: 'json' }, { language: 'jsonc' }]);
    assert.ok(isJsonDocument({ languageId: 'jsonc', uri: { path: '/a/settings' } }));
    assert.ok(isJsonDocument({ languageId: 'plaintext', uri: { path: '/a/out.JSON' } }));
    assert.ok(!isJsonDocument({ languageId: 'plaintext', uri: { path: '/a/out.json.txt' } }));
    assert.ok(isJsonPath('/x/big.jsonc'));
    assert.strictEqual(stripJsonExtension('describe-instances.json'), 'describe-instances');
    assert.strictEqual(stripJsonExtension('a.jsonc'), 'a');
  });
});
