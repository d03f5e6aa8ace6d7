// Every `jmespathAws.*` setting takes effect at once: each test changes one setting through
// vscode.workspace.getConfiguration('jmespathAws').update(...) while the feature it governs is
// live, and checks what the user sees change without running anything again by hand.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { search } from '../../src/core/jmespath';
import { api, closeAllEditors, EXTENSION_ID, openEditor, openPaletteOn, resultEditor, waitFor, workspaceFile } from './helpers';

const INSTANCES = 'describe-instances.json';
const instancesText = () => fs.readFileSync(workspaceFile(INSTANCES).fsPath, 'utf8');
const config = () => vscode.workspace.getConfiguration('jmespathAws');
const set = (key: string, value: unknown) => config().update(key, value, vscode.ConfigurationTarget.Global);

/** Settings each test below covers (checked against package.json). */
const tested = new Set<string>();
function settingIt(key: string, title: string, fn: (this: Mocha.Context) => Promise<void>): void {
  tested.add(`jmespathAws.${key}`);
  it(`${key}: ${title}`, fn);
}

function contributedSettings(): string[] {
  const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
  return Object.keys(ext.packageJSON.contributes.configuration.properties as Record<string, unknown>);
}

/** A stand-in `aws` (a shell script) that prints `stdout`, or sleeps. */
function fakeAws(name: string, body: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-aws-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return file;
}

/** Checks `probe` keeps holding for `ms` (something that must not happen after a change settles). */
async function holds(what: string, probe: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    assert.ok(probe(), what);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function lensTitles(uri: vscode.Uri): Promise<string[]> {
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
  return (lenses ?? []).filter((l) => l.command?.command.startsWith('jmespathAws.')).map((l) => l.command!.title);
}

describe('settings react live', function () {
  this.timeout(60000);

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    // (Run & refine of a line with --output text sets the results format, as the line prints)
    await vscode.commands.executeCommand('jmespathAws.chooseResultsFormat', 'json');
    for (const key of contributedSettings()) await set(key.slice('jmespathAws.'.length), undefined);
    await closeAllEditors();
  });

  settingIt('highlight.enabled', 'turning it off clears the highlights; turning it on highlights the last query without a re-run', async () => {
    const { query } = await api();
    await openEditor(INSTANCES);
    await vscode.commands.executeCommand('jmespathAws.query', 'Reservations[].Instances[].InstanceId');
    await waitFor('highlights', () => query.runner.highlights.summary?.count === 5);
    await set('highlight.enabled', false);
    await waitFor('highlights cleared', () => query.runner.highlights.summary === undefined);
    // while off, a new query highlights nothing
    const running = "Reservations[].Instances[?State.Name=='running'].ImageId";
    const shown = await vscode.commands.executeCommand<string>('jmespathAws.query', running);
    await waitFor('the new result', () => resultEditor()?.document.getText() === shown);
    assert.strictEqual(query.runner.highlights.summary, undefined);
    await set('highlight.enabled', true);
    const back = await waitFor('highlights back', () => query.runner.highlights.summary);
    assert.strictEqual(back.count, (JSON.parse(shown) as string[][]).flat().length, 'the values of the last query shown');
    assert.ok(back.count < 5);
    assert.strictEqual(back.source, workspaceFile(INSTANCES).toString());
  });

  settingIt('highlight.maxHighlights', 'a lower limit cuts the shown highlights at once; the count keeps the total', async () => {
    const { query } = await api();
    await openEditor(INSTANCES);
    await vscode.commands.executeCommand('jmespathAws.query', 'Reservations[].Instances[].InstanceId');
    await waitFor('five highlights', () => query.runner.highlights.summary?.count === 5);
    await set('highlight.maxHighlights', 2);
    const cut = await waitFor('two highlights', () => query.runner.highlights.summary?.count === 2 ? query.runner.highlights.summary : undefined);
    assert.strictEqual(cut.total, 5);
    assert.strictEqual(cut.statusText, '$(search) JMESPath: 5 values (2 highlighted)', 'the status bar still counts all of them');
    await vscode.commands.executeCommand('jmespathAws.nextResult');
    await waitFor('F8 over the highlighted ones', () => query.runner.highlights.summary?.statusText === '$(search) JMESPath: 1 of 2 highlighted (5 values)');
    await set('highlight.maxHighlights', 0);
    const none = await waitFor('no highlights', () => query.runner.highlights.summary?.count === 0 ? query.runner.highlights.summary : undefined);
    assert.strictEqual(none.computedText, undefined, 'values left out by the limit are not shown as a computed result');
    assert.strictEqual(none.statusText, '$(search) JMESPath: 5 values (0 highlighted)');
    await set('highlight.maxHighlights', undefined);
    await waitFor('five again', () => query.runner.highlights.summary?.count === 5);
    // highlights the user cleared stay cleared
    await vscode.commands.executeCommand('jmespathAws.clearHighlights');
    await set('highlight.maxHighlights', 3);
    await holds('no highlights come back', () => query.runner.highlights.summary === undefined, 1500);
  });

  settingIt('query.maxResultChars', 'a lower limit cuts the shown result at once, with a notice; raising it shows it whole', async () => {
    const { query } = await api();
    await openEditor('tags.json');
    await openEditor(INSTANCES);
    // two results held; the highlights belong to the last query (on tags.json) and stay there
    await vscode.commands.executeCommand('jmespathAws.query', 'Tags[].Key', workspaceFile('tags.json'));
    const whole = await vscode.commands.executeCommand<string>('jmespathAws.query', '@', workspaceFile(INSTANCES));
    assert.strictEqual(whole, search('@', instancesText()));
    assert.ok(whole.length > 5000);
    // what the instances results tab holds (it may sit behind the tags.json one)
    const instancesResult = () => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'jmespath-result' && d.uri.query === workspaceFile(INSTANCES).toString())?.getText();
    await waitFor('the whole result', () => instancesResult() === whole);
    await vscode.commands.executeCommand('jmespathAws.query', 'Tags[].Value', workspaceFile('tags.json'));
    await waitFor('highlights on tags.json', () => query.runner.highlights.summary?.source === workspaceFile('tags.json').toString());
    await set('query.maxResultChars', 1000);
    const cut = await waitFor('cut result', () => {
      const text = instancesResult();
      return text !== undefined && text.length < 1200 ? text : undefined;
    });
    // valid JSON (no problems in the tab): the printed text up to the last whole entry, closed
    JSON.parse(cut);
    assert.ok(whole.startsWith(cut.replace(/(\n *[\]}])+\n$/, '')), cut);
    assert.strictEqual(query.runner.results.resultFor(workspaceFile(INSTANCES))?.cut, 'Cut: part of the first member shown (the result is longer than 1,000 characters: setting jmespathAws.query.maxResultChars)');
    // said first, above the result (a narrow editor shows the start of the lens line); no problems
    const resultsUri = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'jmespath-result' && d.uri.query === workspaceFile(INSTANCES).toString())!.uri;
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', resultsUri);
    assert.match(lenses[0]?.command?.title ?? '', /^\$\(warning\) Cut: /);
    await holds('no problems in the cut JSON', () => vscode.languages.getDiagnostics(resultsUri).length === 0, 1500);
    // re-printing results leaves the highlights where they are (no pass on the instances either)
    await holds('the highlights stay on tags.json', () => {
      const h = query.runner.highlights.summary;
      return h?.source === workspaceFile('tags.json').toString() && h.count === 1;
    }, 1500);
    await set('query.maxResultChars', undefined);
    await waitFor('whole again', () => instancesResult() === whole);
    await set('query.maxResultChars', 1000);
    await waitFor('cut again', () => (instancesResult()?.length ?? 0) < 1200);
    // a list: as many whole values as fit
    const list = 'Reservations[].Instances[].{Id: InstanceId, Type: InstanceType, Tags: Tags, State: State}';
    const values = JSON.parse(search(list, instancesText())) as unknown[];
    const shownList = await vscode.commands.executeCommand<string>('jmespathAws.query', list, workspaceFile(INSTANCES));
    assert.strictEqual(shownList.length, 1000, 'the command returns the result cut at the limit');
    const cutList = await waitFor('the list cut', () => {
      const r = query.runner.results.resultFor(workspaceFile(INSTANCES));
      return r?.expression === list ? r : undefined;
    });
    const kept = JSON.parse(cutList.text) as unknown[];
    assert.ok(kept.length > 0 && kept.length < values.length, `${kept.length} of ${values.length}`);
    assert.deepStrictEqual(kept, values.slice(0, kept.length));
    assert.strictEqual(cutList.cut, `Cut: the first ${kept.length} of ${values.length} values shown (the result is longer than 1,000 characters: setting jmespathAws.query.maxResultChars)`);
    await set('query.maxResultChars', undefined);
  });

  settingIt('query.debounceMs', 'a query file waits the new delay from the next keystroke on', async () => {
    const qf = workspaceFile('debounce.jmespath');
    fs.writeFileSync(qf.fsPath, 'Reservations[0].Instances[0].InstanceType\n');
    await vscode.commands.executeCommand('jmespathAws.bindQueryFile', workspaceFile(INSTANCES), qf);
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(qf));
    editor.selection = new vscode.Selection(0, 5, 0, 5);
    await vscode.commands.executeCommand('jmespathAws.runQueryAtCursor');
    await waitFor('first result', () => resultEditor()?.document.getText() === '"t2.micro"\n');

    await set('query.debounceMs', 4000);
    let t0 = Date.now();
    await editor.edit((b) => b.replace(new vscode.Range(0, 0, 0, 100), 'length(Reservations)'));
    await waitFor('result after the long delay', () => resultEditor()?.document.getText() === '2\n', 20000);
    const slow = Date.now() - t0;
    assert.ok(slow >= 3900, `re-ran after ${slow} ms, before the 4000 ms delay`);

    await set('query.debounceMs', 0);
    t0 = Date.now();
    await editor.edit((b) => b.replace(new vscode.Range(0, 0, 0, 100), 'length(Reservations[0].Instances)'));
    await waitFor('result at once', () => resultEditor()?.document.getText() === '3\n', 20000);
    const fast = Date.now() - t0;
    assert.ok(fast < 3000, `re-ran after ${fast} ms: the 4000 ms delay still applies`);
  });

  settingIt('query.debounceMs', 'the palette preview waits the new delay from the next keystroke on', async () => {
    const pick = await openPaletteOn(INSTANCES);
    const answered = (expression: string) => pick.items[0]?.label === expression && pick.items[0].description?.includes('$(check)');

    await set('query.debounceMs', 4000);
    let t0 = Date.now();
    pick.value = 'length(Reservations)';
    await waitFor('preview after the long delay', () => answered('length(Reservations)'), 20000);
    const slow = Date.now() - t0;
    assert.ok(slow >= 3900, `previewed after ${slow} ms, before the 4000 ms delay`);
    assert.strictEqual(pick.items[0].detail, '2');

    await set('query.debounceMs', 0);
    t0 = Date.now();
    pick.value = 'length(Reservations[0].Instances)';
    await waitFor('preview at once', () => answered('length(Reservations[0].Instances)'), 20000);
    const fast = Date.now() - t0;
    assert.ok(fast < 3000, `previewed after ${fast} ms: the 4000 ms delay still applies`);
    assert.strictEqual(pick.items[0].detail, '3');
  });

  settingIt('query.recentQueries', 'a lower limit trims the queries offered at once, newest kept; a higher one brings them back (trial 16)', async () => {
    const { query } = await api();
    const source = workspaceFile(INSTANCES);
    for (const q of ['Reservations[0].OwnerId', 'Reservations[1].OwnerId', 'length(Reservations)']) {
      await vscode.commands.executeCommand('jmespathAws.query', q, source, { show: false });
    }
    assert.ok(query.palette.recent().length >= 3);
    await set('query.recentQueries', 2);
    await waitFor('trimmed to two', () => query.palette.recent().length === 2);
    assert.deepStrictEqual(query.palette.recent(), ['length(Reservations)', 'Reservations[1].OwnerId']);
    // the palette offers just those
    await openEditor(INSTANCES);
    void vscode.commands.executeCommand('jmespathAws.query');
    const pick = await waitFor('palette with recent queries', () => query.palette.activePick?.items.length ? query.palette.activePick : undefined);
    const recent = pick.items.filter((i) => i.description?.startsWith('recent')).map((i) => i.label);
    assert.deepStrictEqual(recent, ['length(Reservations)', 'Reservations[1].OwnerId']);
    pick.hide();
    // 0 for a moment, then more again: nothing was lost
    await set('query.recentQueries', 0);
    await waitFor('none offered', () => query.palette.recent().length === 0);
    await set('query.recentQueries', 20);
    await waitFor('all three again', () => query.palette.recent().length >= 3);
    assert.deepStrictEqual(query.palette.recent().slice(0, 3), ['length(Reservations)', 'Reservations[1].OwnerId', 'Reservations[0].OwnerId']);
  });

  settingIt('awsCli.runRefineCodeLens', 'turning it off removes Run & refine from an open script; on brings it back', async () => {
    const { aws } = await api();
    const uri = workspaceFile('refine.sh');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await waitFor('Run & refine lenses', async () => (await lensTitles(uri)).includes('$(play) Run & refine'));
    // the editor asks again only when the provider says its lenses changed
    let refreshes = 0;
    const listener = aws.runRefine.onDidChangeCodeLenses(() => refreshes++);
    try {
      await set('awsCli.runRefineCodeLens', false);
      await waitFor('the editor told to refresh', () => refreshes > 0);
      assert.deepStrictEqual(await lensTitles(uri), []);
      const before = refreshes;
      await set('awsCli.runRefineCodeLens', true);
      await waitFor('the editor told to refresh again', () => refreshes > before);
      assert.ok((await lensTitles(uri)).includes('$(play) Run & refine'));
    } finally {
      listener.dispose();
    }
  });

  settingIt('awsCli.path', 'the next Run & refine runs the newly chosen aws', async () => {
    const uri = workspaceFile('refine.sh');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const run = () => vscode.commands.executeCommand<{ result: string }>('jmespathAws.runAwsCommand', { uri: uri.toString(), line: 2 });
    await set('awsCli.path', fakeAws('aws-a', `echo '{"Volumes": [{"VolumeId": "vol-from-a"}]}'`));
    assert.strictEqual((await run()).result, '[\n    "vol-from-a"\n]\n');
    await set('awsCli.path', fakeAws('aws-b', `echo '{"Volumes": [{"VolumeId": "vol-from-b"}]}'`));
    assert.strictEqual((await run()).result, '[\n    "vol-from-b"\n]\n', 'the same line runs the new aws (no cached output from the old one)');
    await set('awsCli.path', path.join(os.tmpdir(), 'no-such-dir', 'aws'));
    await assert.rejects(Promise.resolve(run()), /The AWS CLI was not found/);
  });

  settingIt('awsCli.timeoutSeconds', 'the next run stops at the new timeout', async () => {
    const uri = workspaceFile('refine.sh');
    const run = () => vscode.commands.executeCommand('jmespathAws.runAwsCommand', { uri: uri.toString(), line: 2, fresh: true });
    await set('awsCli.path', fakeAws('aws-slow', 'sleep 30'));
    await set('awsCli.timeoutSeconds', 1);
    let t0 = Date.now();
    await assert.rejects(Promise.resolve(run()), /did not finish within 1 s/);
    assert.ok(Date.now() - t0 < 10000);
    await set('awsCli.timeoutSeconds', 3);
    t0 = Date.now();
    await assert.rejects(Promise.resolve(run()), /did not finish within 3 s/);
    const waited = Date.now() - t0;
    assert.ok(waited >= 2900 && waited < 15000, `stopped after ${waited} ms`);
  });

  settingIt('query.workerMemoryMb', 'lowering it takes effect at the next query (out-of-memory, naming the limit); raising it lets the same query answer', async function () {
    this.timeout(120000);
    const file = workspaceFile('worker-memory.json');
    fs.writeFileSync(file.fsPath, JSON.stringify({ Items: Array.from({ length: 100_000 }, (_, i) => ({ i, s: 'x'.repeat(20), f: i + 0.5 })) }));
    try {
      const heavy = 'to_array(Items)[].{a: i, b: s, c: f, d: [i, s, f], e: [i, s, f, i, s, f]}';
      const run = () => vscode.commands.executeCommand<string>('jmespathAws.query', heavy, file, { show: false });
      const whole = search(heavy, fs.readFileSync(file.fsPath, 'utf8'));
      const first = await run(); // the default limit holds it (the file is not open: the worker reads it)
      assert.ok(first.length > 100_000 && whole.startsWith(first), 'the answer, cut at query.maxResultChars');
      await set('query.workerMemoryMb', 64);
      await assert.rejects(Promise.resolve(run()), /The query worker ran out of memory while running .* on worker-memory\.json \(its limit is 64 MB, setting jmespathAws\.query\.workerMemoryMb\)/);
      await set('query.workerMemoryMb', 2048);
      assert.strictEqual(await run(), first);
    } finally {
      fs.rmSync(file.fsPath, { force: true });
    }
  });

  it('every contributed setting has a test above', () => {
    assert.deepStrictEqual(contributedSettings().filter((k) => !tested.has(k)), []);
  });
});
