// Hostile data in a real editor: bytes that are not UTF-8 read from disk, expression references
// as results, and a query that exhausts the query worker's heap (then the next query answers).
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { EXPRESSION_REFERENCE_MESSAGE } from '../../src/core/jmespath/errors';
import { api, closeAllEditors, openEditor, resultEditor, waitFor, workspaceFile } from './helpers';

async function lensTitles(uri: vscode.Uri): Promise<string[]> {
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
  return (lenses ?? []).map((l) => l.command?.title ?? '');
}

describe('hostile data in the editor', function () {
  this.timeout(180000);
  const written: vscode.Uri[] = [];
  const write = (name: string, content: Buffer | string) => {
    const uri = workspaceFile(name);
    fs.writeFileSync(uri.fsPath, content);
    written.push(uri);
    return uri;
  };
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await closeAllEditors();
  });
  after(async () => {
    await vscode.workspace.getConfiguration('jmespathAws').update('query.workerMemoryMb', undefined, vscode.ConfigurationTarget.Global);
    for (const uri of written) fs.rmSync(uri.fsPath, { force: true });
  });

  it('a file on disk that is not UTF-8 is invalid JSON with line, column and byte offset (not read as U+FFFD)', async () => {
    const latin1 = write('latin1.json', Buffer.concat([Buffer.from('{\n  "Name": "caf'), Buffer.from([0xe9]), Buffer.from('"\n}')]));
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('jmespathAws.query', 'Name', latin1, { show: false })),
      /Invalid JSON: Not UTF-8 at line 2, column 15 \(byte offset 16\): E9 22 is a 3-byte sequence cut short \(in Windows-1252\/Latin-1 0xE9 is 'é'/,
    );
    const utf16 = write('utf16.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"Name": "x"}', 'utf16le')]));
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('jmespathAws.query', 'Name', utf16, { show: false })),
      /The file is UTF-16 \(little-endian, byte order mark FF FE\), not UTF-8/,
    );
  });

  it('an expression reference as a result is an error in the results tab and the palette, in every format', async () => {
    const { query } = await api();
    await openEditor('describe-instances.json');
    for (const output of ['json', 'text', 'table', 'yaml']) {
      await assert.rejects(
        Promise.resolve(vscode.commands.executeCommand('jmespathAws.query', '{x: &Reservations}', undefined, { output })),
        (e: Error) => e.message === EXPRESSION_REFERENCE_MESSAGE,
      );
    }
    const running = vscode.commands.executeCommand('jmespathAws.query');
    const pick = await waitFor('palette', () => query.palette.activePick);
    pick.value = '[&Reservations]';
    const row = await waitFor('error preview', () => (pick.items[0]?.description?.includes('$(error)') ? `${pick.items[0].description} ${pick.items[0].detail}` : undefined));
    assert.match(row, /invalid-type/);
    assert.match(row, /expression reference/);
    assert.ok(!row.includes('"type"'), `the syntax tree leaked: ${row}`);
    pick.hide();
    await running;
  });

  it('a query that exhausts the query worker\'s heap says so in the palette, the results tab and from a query file; the next query answers', async () => {
    const { query } = await api();
    // a small heap makes the failure cheap; the same path guards the default 4,096 MB
    await vscode.workspace.getConfiguration('jmespathAws').update('query.workerMemoryMb', 64, vscode.ConfigurationTarget.Global);
    const items = write('items-oom.json', JSON.stringify({ Items: Array.from({ length: 100_000 }, (_, i) => ({ i, s: 'x'.repeat(20), f: i + 0.5 })) }));
    const heavy = 'to_array(Items)[].{a: i, b: s, c: f, d: [i, s, f], e: [i, s, f, i, s, f]}';
    // not open in an editor: read from disk and queried in the worker
    assert.strictEqual(await vscode.commands.executeCommand<string>('jmespathAws.query', 'length(Items)', items), '100000\n');
    const results = await waitFor('results editor', () => resultEditor());

    // the palette's preview says why
    const running = vscode.commands.executeCommand('jmespathAws.query', undefined, items);
    const pick = await waitFor('palette', () => query.palette.activePick);
    pick.value = heavy;
    const row = await waitFor('out-of-memory preview', () => (pick.items[0]?.description?.includes('$(error)') ? `${pick.items[0].description} ${pick.items[0].detail}` : undefined), 60000);
    assert.match(row, /out-of-memory/);
    assert.ok(row.includes(`The query worker ran out of memory while running ${heavy} on items-oom.json (its limit is 64 MB, setting jmespathAws.query.workerMemoryMb)`), row);
    pick.hide();
    await running;

    // run for real: the results tab keeps the last good result, stale, with the reason
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('jmespathAws.query', heavy, items)), /ran out of memory/);
    assert.strictEqual(results.document.getText(), '100000\n');
    assert.strictEqual(query.runner.results.resultFor(items)?.stale?.expression, heavy);
    const stale = await waitFor('stale lens', async () => (await lensTitles(results.document.uri)).find((t) => t.includes('Stale')));
    assert.match(stale, /ran out of memory/);

    // from a query file bound to it: the same reason on the results tab the query file feeds
    const queryFile = write('items-oom.jmespath', `# Queries against items-oom.json\n\n${heavy}\n`);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(queryFile));
    const before = query.runner.results.resultFor(items)?.stale;
    assert.strictEqual(await vscode.commands.executeCommand('jmespathAws.runQuery', heavy, queryFile), undefined);
    const fromFile = query.runner.results.resultFor(items)?.stale;
    assert.ok(fromFile && fromFile !== before && fromFile.expression === heavy, 'the query file run marked the result stale again');
    assert.match(fromFile.message, /ran out of memory/);

    // the next query starts a fresh worker and reads the file again, without being asked
    assert.strictEqual(await vscode.commands.executeCommand<string>('jmespathAws.query', 'Items[-1].i', items, { show: false }), '99999\n');
    // and with the default limit back, the heavy query itself answers
    await vscode.workspace.getConfiguration('jmespathAws').update('query.workerMemoryMb', undefined, vscode.ConfigurationTarget.Global);
    const answer = await vscode.commands.executeCommand<string>('jmespathAws.query', `length(${heavy})`, items, { show: false });
    assert.strictEqual(answer, '100000\n');
  });
});
