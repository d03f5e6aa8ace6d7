// Issue 9, the everyday query loop: what a new user tripped over, pinned in a real editor.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { search } from '../../src/core/jmespath';
import { search as printAs } from '../../src/core/output';
import { KeysTypedEarly, RecentEdits } from '../../src/features/query/keysTypedEarly';
import { ResultsView } from '../../src/features/query/resultsView';
import { api, chooseInCommandPalette, clickElement, closeAllEditors, elementsHtml, hasKeyBridge, openEditor, openPaletteOn, openUntitled, pressKey, resultEditor, typeKeys, waitFor, waitForElement, withWorkspaceFiles, workspaceFile } from './helpers';

const INSTANCES = 'describe-instances.json';
const VOLUMES = 'describe-volumes.json';
const textOf = (name: string) => fs.readFileSync(workspaceFile(name).fsPath, 'utf8');

async function lensTitles(uri: vscode.Uri): Promise<string[]> {
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
  return (lenses ?? []).map((l) => l.command?.title ?? '');
}

describe('everyday: documents stay loaded', () => {
  afterEach(closeAllEditors);

  it('after querying eight JSON files in turn, hover and query on the first still work', async function () {
    this.timeout(60000);
    const { query } = await api();
    const failuresBefore = query.runner.highlightFailures;
    const files = Array.from({ length: 8 }, (_, i) => {
      const uri = workspaceFile(`many-${i}.json`);
      fs.writeFileSync(uri.fsPath, JSON.stringify({ Items: [{ Name: `item-${i}`, Size: i }, { Name: `other-${i}`, Size: i + 10 }] }, null, 2));
      return uri;
    });
    for (const [i, uri] of files.entries()) {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { viewColumn: vscode.ViewColumn.One });
      const text = await vscode.commands.executeCommand<string>('jmespathAws.query', 'Items[].Name', uri);
      assert.strictEqual(text, `[\n    "item-${i}",\n    "other-${i}"\n]\n`);
      await waitFor(`highlights on file ${i}`, () => query.runner.highlights.summary?.source === uri.toString() && query.runner.highlights.summary.count === 2);
    }
    const first = await vscode.workspace.openTextDocument(files[0]);
    const offset = first.getText().indexOf('"other-0"') + 2;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', first.uri, first.positionAt(offset));
    const hoverText = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(hoverText, /Items\[1\]\.Name/);
    await vscode.window.showTextDocument(first, { viewColumn: vscode.ViewColumn.One });
    assert.strictEqual(await vscode.commands.executeCommand<string>('jmespathAws.query', 'Items[?Size > `5`].Name', files[0]), '[\n    "other-0"\n]\n');
    await waitFor('highlights on the first file again', () => query.runner.highlights.summary?.source === files[0].toString() && query.runner.highlights.summary.count === 1);
    assert.strictEqual(query.runner.highlightFailures, failuresBefore);
  });
});

describe('everyday: a JSON queried while closed', () => {
  afterEach(closeAllEditors);

  it('gets its highlights when it is opened after the query (picked from a script)', async function () {
    this.timeout(30000);
    const { query } = await api();
    const json = JSON.stringify({ Items: [{ Name: 'a', Size: 1 }, { Name: 'b', Size: 7 }, { Name: 'c', Size: 9 }] }, null, 2);
    await withWorkspaceFiles({ 'closed-query.sh': 'aws s3 ls\n', [`closed-${Date.now()}.json`]: json }, async ([script, uri]) => {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(script));
      const text = await vscode.commands.executeCommand<string>('jmespathAws.query', 'Items[?Size > `5`].Name', uri);
      assert.strictEqual(text, '[\n    "b",\n    "c"\n]\n');
      assert.notStrictEqual(query.runner.highlights.summary?.source, uri.toString(), 'nothing to highlight while the JSON is closed');
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { viewColumn: vscode.ViewColumn.One });
      const summary = await waitFor('highlights once the JSON is open', () =>
        query.runner.highlights.summary?.source === uri.toString() ? query.runner.highlights.summary : undefined);
      assert.strictEqual(summary.count, 2);
    });
  });
});

describe('everyday: an untitled JSON closed without saving', () => {
  afterEach(closeAllEditors);

  it('leaves its result, marked stale with why, not an internal error (trial 24)', async function () {
    this.timeout(30000);
    const doc = await vscode.workspace.openTextDocument({ language: 'json', content: '{"Items": [{"id": "a"}, {"id": "b"}]}' });
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One });
    assert.strictEqual(await vscode.commands.executeCommand<string>('jmespathAws.query', 'Items[].id', doc.uri), '[\n    "a",\n    "b"\n]\n');
    const results = await waitFor('results tab', () => resultEditor());
    const resultUri = results.document.uri;
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    const titles = await waitFor('stale, saying why', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', resultUri);
      const t = (lenses ?? []).map((l) => l.command?.title ?? '');
      return t.some((x) => x.includes('closed without being saved')) ? t : undefined;
    });
    // (the revert before the close must not have run the query on a document that is going)
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const after = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', resultUri) ?? []).map((l) => l.command?.title ?? '');
    assert.ok(!after.some((t) => /Unable to resolve|failed/.test(t)), after.join(' | '));
    assert.ok(titles.length > 0);
    assert.strictEqual(vscode.workspace.textDocuments.find((d) => d.uri.toString() === resultUri.toString())?.getText(), '[\n    "a",\n    "b"\n]\n');
  });
});

/** F8 in the highlighted JSON selects its first value (an instance id); one Escape then clears the highlights. */
async function f8SelectsThenEscapeClears(json: vscode.TextDocument): Promise<void> {
  const { query } = await api();
  await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
  // (a selection the editor restored from an earlier test is not one F8 made)
  const editor = vscode.window.activeTextEditor!;
  editor.selection = new vscode.Selection(editor.selection.active, editor.selection.active);
  await pressKey('F8');
  const selected = await waitFor('F8 selects the first value', () => {
    const e = vscode.window.activeTextEditor!;
    return e.document.uri.toString() === json.uri.toString() && !e.selection.isEmpty ? e.document.getText(e.selection) : undefined;
  });
  assert.match(selected, /^"i-/);
  await pressKey('Escape');
  await waitFor('one Escape cleared the highlights', () => query.runner.highlights.summary === undefined);
  // (the editor reports the selection it drops a moment later: CI read it before)
  await waitFor('and the selection F8 made', () => vscode.window.activeTextEditor?.selection.isEmpty || undefined);
}

describe('everyday: result keys belong to the highlighted document', () => {
  afterEach(closeAllEditors);

  it('the status bar counts values as the palette did, and says how many are highlighted when that differs (trial 23: 2 values, then 4)', async () => {
    const { query } = await api();
    const pick = await openPaletteOn(INSTANCES);
    const expression = "Reservations[].Instances[?State.Name=='running'].InstanceId";
    pick.value = expression;
    const row = await waitFor('the preview', () => pick.items.find((i) => i.label === expression && i.description?.includes('$(check)')));
    const said = row.description!.match(/\$\(check\) (\d+) values?/)![1];
    await waitFor('the typed query first', () => pick.activeItems[0]?.label === expression || undefined).catch((e) => { throw new Error(`${e.message}: ${JSON.stringify(pick.activeItems.map((i) => i.label))} of ${JSON.stringify(pick.items.map((i) => i.label).slice(0, 5))}`); });
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const summary = await waitFor('highlights', () => query.runner.highlights.summary?.statusVisible ? query.runner.highlights.summary : undefined);
    // [[two ids], [two ids]]: two values, as printed; four ids highlighted in the JSON
    assert.strictEqual(said, '2');
    assert.strictEqual(summary.statusText, '$(search) JMESPath: 2 values (4 highlighted)');
    await vscode.commands.executeCommand('jmespathAws.nextResult');
    await waitFor('F8 counts the highlights', () => query.runner.highlights.summary?.statusText === '$(search) JMESPath: 1 of 4 highlighted (2 values)' || undefined)
      .catch((e) => { throw new Error(`${e.message}: ${query.runner.highlights.summary?.statusText}`); });
    // a flat list: one number
    await vscode.commands.executeCommand('jmespathAws.query', 'Reservations[].Instances[].InstanceId');
    await waitFor('flat count', () => query.runner.highlights.summary?.statusText === '$(search) JMESPath: 5 values' || undefined)
      .catch((e) => { throw new Error(`${e.message}: ${query.runner.highlights.summary?.statusText}`); });
  });

  it('a multiselect object highlights the values it is made of, and F8 walks them (trial 23: {id: InstanceId} highlighted nothing)', async () => {
    const { query } = await api();
    const json = await openEditor(INSTANCES);
    await vscode.commands.executeCommand('jmespathAws.query', 'Reservations[].Instances[].{id: InstanceId}');
    const summary = await waitFor('highlights', () => query.runner.highlights.summary?.statusVisible ? query.runner.highlights.summary : undefined);
    assert.deepStrictEqual([summary.count, summary.statusText, summary.computedText], [5, '$(search) JMESPath: 5 values', undefined]);
    await vscode.commands.executeCommand('jmespathAws.nextResult');
    await waitFor('F8 selected an id', () => /^"i-[0-9a-f]+"$/.test(json.document.getText(vscode.window.activeTextEditor!.selection)) || undefined);
    await vscode.commands.executeCommand('jmespathAws.clearHighlights');
    // partly computed: the ids highlighted, no inline text of the whole result beside one of them (trial 24)
    await vscode.commands.executeCommand('jmespathAws.query', 'Reservations[].Instances[].{id: InstanceId, n: length(Tags)}');
    const mixed = await waitFor('highlights', () => query.runner.highlights.summary?.statusVisible ? query.runner.highlights.summary : undefined);
    assert.deepStrictEqual([mixed.count, mixed.computedText, mixed.inlineLine], [5, undefined, undefined]);
    await vscode.commands.executeCommand('jmespathAws.clearHighlights');
  });

  it('F8 in a script goes to its problem, not to the JSON; the count shows only on the JSON; one Escape clears', async function () {
    if (!hasKeyBridge()) this.skip();
    this.timeout(60000);
    const { query } = await api();
    const json = await openEditor(INSTANCES);
    await vscode.commands.executeCommand('jmespathAws.query', "Reservations[].Instances[?State.Name=='running'].InstanceId");
    await waitFor('highlights', () => query.runner.highlights.summary?.count);
    assert.ok(query.runner.highlights.summary!.statusVisible, 'the count shows on the highlighted JSON');

    const script = await openEditor('typos.sh');
    await waitFor('script problems', () => vscode.languages.getDiagnostics(script.document.uri).length > 0);
    await waitFor('count hidden on the script', () => query.runner.highlights.summary && !query.runner.highlights.summary.statusVisible);
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    await pressKey('F8');
    // VS Code's own F8: the marker widget opens on the script's problem; the JSON stays in the background
    await waitFor('selection moved to a problem in the script', () => {
      const active = vscode.window.activeTextEditor;
      return active?.document.uri.toString() === script.document.uri.toString() && active.selection.active.line > 0;
    });
    assert.strictEqual(vscode.window.activeTextEditor!.document.uri.toString(), script.document.uri.toString());
    assert.strictEqual(query.runner.highlights.summary?.current, -1, 'F8 in the script did not move between results');
    await pressKey('Escape');

    await vscode.window.showTextDocument(json.document, { viewColumn: json.viewColumn, preserveFocus: false });
    await waitFor('count back on the JSON', () => query.runner.highlights.summary?.statusVisible);
    await f8SelectsThenEscapeClears(json.document);
  });

  it('F8 pressed in a JSON before it was highlighted does not keep the result keys from working there afterwards', async function () {
    if (!hasKeyBridge()) this.skip();
    this.timeout(60000);
    const { query } = await api();
    const a = await openEditor(INSTANCES);
    await openEditor(VOLUMES);
    await vscode.commands.executeCommand('jmespathAws.query', 'Volumes[].VolumeId');
    await waitFor('highlights on the other file', () => query.runner.highlights.summary?.count);
    await vscode.window.showTextDocument(a.document, { viewColumn: a.viewColumn, preserveFocus: false });
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    await pressKey('F8'); // VS Code's own: next problem (none here; maybe in another file)
    await new Promise((r) => setTimeout(r, 500));
    await vscode.window.showTextDocument(a.document, { viewColumn: a.viewColumn, preserveFocus: false });
    await vscode.commands.executeCommand('jmespathAws.query', "Reservations[].Instances[?State.Name=='running'].InstanceId", a.document.uri);
    await waitFor('highlights here', () => query.runner.highlights.summary?.statusVisible);
    await f8SelectsThenEscapeClears(a.document);
  });
});

describe('everyday: errors and the results tab', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await closeAllEditors();
  });

  it('a failed query keeps the last good result, marked stale, and says which query made it', async () => {
    const { query } = await api();
    await openEditor(INSTANCES);
    const good = await vscode.commands.executeCommand<string>('jmespathAws.query', 'Reservations[0].Instances[0].InstanceId');
    const results = await waitFor('results editor', () => resultEditor());
    assert.strictEqual(results.document.getText(), good);
    const titles = await waitFor('provenance lens', async () => {
      const t = await lensTitles(results.document.uri);
      return t.some((x) => x.includes('Reservations[0].Instances[0].InstanceId')) ? t : undefined;
    });
    assert.ok(titles.some((t) => t.includes('on describe-instances.json')), titles.join(' | '));

    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('jmespathAws.query', 'Reservations[?State ==]')), /Parse error at column 22/);
    assert.strictEqual(results.document.getText(), good, 'the error never replaces the result');
    assert.strictEqual(query.runner.results.resultFor(workspaceFile(INSTANCES))?.stale?.expression, 'Reservations[?State ==]');
    const stale = await waitFor('stale lens', async () => (await lensTitles(results.document.uri)).find((t) => t.includes('Stale')));
    assert.match(stale, /Reservations\[\?State ==\] failed: .*Parse error at column 22/);
    // first on the lens line (a narrow editor shows its start), without the CLI's dangling "for expression:"
    assert.match((await lensTitles(results.document.uri))[0], /^\$\(warning\) Stale: Reservations\[\?State ==\] failed: invalid token: Parse error at column 22, token "\]" \(RBRACKET\)$/);
    // the result below is named as the earlier query's (trial 26: read as one query with the failure)
    assert.ok((await lensTitles(results.document.uri)).some((t) => t.startsWith('$(history) Last good result: Reservations[0].Instances[0].InstanceId  on describe-instances.json')));
    assert.deepStrictEqual(vscode.languages.getDiagnostics(results.document.uri), [], 'no bogus JSON problem in the results tab');
  });

  it("the palette shows the CLI's whole error with its column and caret line, and stays open on a failed Enter", async () => {
    const { query } = await api();
    await openEditor(INSTANCES);
    const running = vscode.commands.executeCommand('jmespathAws.query');
    const pick = await waitFor('palette', () => query.palette.activePick);
    pick.value = 'Reservations[?State ==]';
    const rows = await waitFor('error preview', () => {
      const items = pick.items;
      return items[0]?.description?.includes('$(error)') ? items.map((i) => `${i.label}\t${i.description ?? ''}\t${i.detail ?? ''}`) : undefined;
    });
    assert.match(rows[0], /syntax error at column 22/);
    assert.match(rows[0], /Parse error at column 22, token "\]" \(RBRACKET\), for expression:/);
    // the CLI's caret line, put into its expression line: spaces and ^ cannot line up in the palette's font (trials 25, 27)
    assert.ok(rows.some((r) => r.startsWith('"Reservations[?State ==‸]"\t')), rows.join('\n'));
    assert.ok(!rows.some((r) => /^\s*\^/.test(r)), rows.join('\n'));
    // after a long query the caret still shows: the row starts with the text around it (trial 25: cut off at the right)
    pick.value = "Reservations[].Instances[?State.Name=='running'.InstanceId";
    const long = await waitFor('long error preview', () => pick.items[0]?.label === pick.value && pick.items[0].description?.includes('$(error)') ? pick.items[0].detail : undefined);
    assert.ok(long.startsWith("⟶ …es[?State.Name=='running'.InstanceId‸   Invalid jmespath expression: Incomplete expression:"), long);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await waitFor('still open with the error', () => query.palette.activePick === pick && pick.items[0]?.description?.includes('$(error)'));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.strictEqual(await running, undefined);
  });
});

describe('everyday: results beside two files side by side', () => {
  afterEach(closeAllEditors);

  it('open in a new column instead of covering the other file, and share it', async () => {
    const left = await openEditor(INSTANCES, vscode.ViewColumn.One);
    const right = await openEditor(VOLUMES, vscode.ViewColumn.Two);
    const visible = (doc: vscode.TextDocument) => vscode.window.visibleTextEditors.some((e) => e.document === doc);
    await vscode.window.showTextDocument(left.document, vscode.ViewColumn.One); // the left one active
    await vscode.commands.executeCommand('jmespathAws.query', 'Reservations[0].Instances[0].InstanceId');
    const results = await waitFor('results editor', () => resultEditor());
    assert.ok(visible(right.document), 'the other JSON file is still in sight');
    assert.strictEqual(results.viewColumn, vscode.ViewColumn.Three);
    // the right one queried: its results go where the left one's are (the column beside it), not a fourth
    await vscode.window.showTextDocument(right.document, vscode.ViewColumn.Two);
    await vscode.commands.executeCommand('jmespathAws.query', 'Volumes[0].VolumeId');
    const second = await waitFor('its results', () => vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === ResultsView.uriFor(right.document.uri).toString()));
    assert.strictEqual(second.viewColumn, vscode.ViewColumn.Three);
    assert.strictEqual(vscode.window.tabGroups.all.length, 3, 'three columns: two files and their results');
    assert.ok(visible(left.document) && visible(right.document));
    // the left one again: its results come to the front where they are, not into a fourth column
    await vscode.window.showTextDocument(left.document, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('jmespathAws.query', 'Reservations[0].Instances[0].ImageId');
    const again = await waitFor('its results in front', () => vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === ResultsView.uriFor(left.document.uri).toString()));
    assert.strictEqual(again.viewColumn, vscode.ViewColumn.Three);
    assert.strictEqual(vscode.window.tabGroups.all.length, 3);
  });
});

describe('everyday: empty because of a typo', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await closeAllEditors();
  });

  it('the palette on invalid JSON offers to go to where it is wrong', async () => {
    const { query } = await api();
    await openEditor('invalid.json');
    const running = vscode.commands.executeCommand('jmespathAws.query');
    const pick = await waitFor('palette', () => query.palette.activePick);
    pick.value = 'a';
    const row = await waitFor('go-to row', () => pick.items.find((i) => i.label.startsWith('$(go-to-file)')));
    assert.strictEqual(row.label, '$(go-to-file) Go to line 3, column 8 of invalid.json');
    await new Promise((r) => setTimeout(r, 300)); // a move, not VS Code's own activation after typing
    for (let i = 0; i < 15 && pick.activeItems[0]?.label !== row.label; i++) {
      await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.strictEqual(pick.activeItems[0]?.label, row.label);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await running;
    const editor = await waitFor('cursor at the error', () => {
      const e = vscode.window.activeTextEditor;
      return e?.document.uri.path.endsWith('/invalid.json') && e.selection.active.line === 2 ? e : undefined;
    });
    assert.strictEqual(editor.selection.active.character, 7);
    assert.strictEqual(editor.document.getText(new vscode.Range(2, 7, 2, 10)), 'tru');
  });

  it('the palette says "did you mean" from the keys the data has there', async () => {
    const pick = await openPaletteOn(INSTANCES);
    pick.value = 'Reservations[].Instances[].InstanceID';
    const hint = await waitFor('hint row', () => pick.items.find((i) => /did you mean/i.test(i.label)));
    // (the suggestion first: the row is cut to the palette's width, trial 10 saw "did you mean InstanceI…")
    assert.strictEqual(hint.label, '$(lightbulb) Did you mean InstanceId? InstanceID is not a field of the data at that point');
    // the answer row beside it warns rather than showing a green check (issue 10)
    const answerRow = pick.items.find((i) => i.label === pick.value);
    assert.match(answerRow?.description ?? '', /^\$\(warning\) 0 values/);
    // a field that exists at another level only is still "not here"
    pick.value = 'Reservations[].InstanceId';
    const notHere = await waitFor('not-here row', () => pick.items.find((i) => i.label.includes('InstanceId is not a field')));
    assert.match(notHere.label, /it has Groups, Instances|did you mean/i);
    // a field read on a list: said too (trial 19: only query files said it)
    pick.value = 'Reservations.Instances';
    const onList = await waitFor('read-on-a-list row', () => pick.items.find((i) => i.label.includes('Instances is read on a list')));
    assert.strictEqual(onList.label, "$(lightbulb) Empty: Instances is read on a list, which has no fields; for each element's Instances, write [].Instances");
    // a typo in a multiselect: the result is a column of nulls, not empty (trial 25: no hint)
    pick.value = 'Reservations[].Instances[].{id: InstanceId, type: InstanceTyp}';
    const column = await waitFor('null-column row', () => pick.items.find((i) => /did you mean InstanceType/i.test(i.label)));
    assert.strictEqual(column.label, '$(lightbulb) Did you mean InstanceType? InstanceTyp is not a field of the data at that point (null in every row)');
    // a filter given each element rather than the list: said too (trial 26: silently empty)
    pick.value = "Reservations[].Instances[][?State.Name=='running']";
    const filter = await waitFor('filter-on-element row', () => pick.items.find((i) => i.detail?.includes('is given an object')));
    // the corrected query first (the row is cut at the palette's width: trial 27 never saw the fix), Enter puts it in
    assert.strictEqual(filter.label, "$(lightbulb) Did you mean Reservations[].Instances[] | [?State.Name=='running']?");
    assert.strictEqual((filter as vscode.QuickPickItem & { expression: string }).expression, "Reservations[].Instances[] | [?State.Name=='running']");
    assert.strictEqual(filter.detail, "Empty: [?State.Name=='running'] is given an object (each element of the projection before it), not a list: a filter of anything but a list gives null, so nothing passes. To filter the list itself, end the projection with a pipe first: | [?State.Name=='running'].");
  });

  it('a query file flags the field that made its result empty', async () => {
    const qf = workspaceFile('empty-by-typo.jmespath');
    fs.writeFileSync(qf.fsPath, '# Queries against describe-instances.json\n\nReservations[].Instances[?State.Nmae == \'running\'].InstanceId\n');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(qf));
    const expression = "Reservations[].Instances[?State.Nmae == 'running'].InstanceId";
    const text = await vscode.commands.executeCommand<string>('jmespathAws.runQuery', expression, qf);
    assert.strictEqual(text, search(expression, textOf(INSTANCES)));
    assert.deepStrictEqual(JSON.parse(text!).flat(), [], 'empty lists only');
    const hint = await waitFor('hint diagnostic', () => vscode.languages.getDiagnostics(qf).find((d) => d.code === 'missing-field'));
    assert.match(hint.message, /Nmae is not a field of the data at that point; did you mean Name\?/);
    const doc = await vscode.workspace.openTextDocument(qf);
    assert.strictEqual(doc.getText(hint.range), 'Nmae');
    // one problem for one typo: the lint's unknown-field warning on the same name gives way to the hint
    await new Promise((r) => setTimeout(r, 1500));
    assert.deepStrictEqual(vscode.languages.getDiagnostics(qf).filter((d) => d.range.isEqual(hint.range)).map((d) => d.code), ['missing-field']);
    const results = await waitFor('results editor', () => resultEditor());
    await waitFor('hint lens in the results tab', async () => (await lensTitles(results.document.uri)).some((t) => t.includes('did you mean Name?')));
    // and its quick fix is there (trial 10: Ctrl+. offered nothing once the query had run)
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', qf, hint.range);
    const fix = actions.find((a) => a.title === 'Change to Name');
    assert.ok(fix?.edit, actions.map((a) => a.title).join(', '));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.strictEqual(doc.getText(hint.range), 'Name');
  });
});

describe('everyday: recent queries', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await closeAllEditors();
  });

  it('offers the queries that ran on the current file first', async () => {
    const { query } = await api();
    await vscode.commands.executeCommand('jmespathAws.query', 'Volumes[].VolumeId', workspaceFile(VOLUMES), { show: false });
    await vscode.commands.executeCommand('jmespathAws.query', 'Reservations[].OwnerId', workspaceFile(INSTANCES), { show: false });
    await openEditor(VOLUMES);
    void vscode.commands.executeCommand('jmespathAws.query');
    const pick = await waitFor('palette with recent queries', () => (query.palette.activePick?.items.length ?? 0) >= 2 ? query.palette.activePick : undefined);
    assert.strictEqual(pick.items[0].label, 'Volumes[].VolumeId');
    assert.match(pick.items[0].description ?? '', /recent on describe-volumes\.json/);
    const other = pick.items.findIndex((i) => i.label === 'Reservations[].OwnerId');
    assert.ok(other > 0);
    assert.match(pick.items[other].description ?? '', /describe-instances\.json/);
  });
});

describe('everyday: the palette at the keyboard', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await closeAllEditors();
  });

  it('keys typed right after Ctrl+Alt+J in a 10 MB JSON all reach the query, Enter runs it whole (trial 11)', async function () {
    if (!hasKeyBridge()) this.skip();
    this.timeout(240000);
    const { query } = await api();
    const big = workspaceFile('trial11-big.json');
    const template = JSON.parse(textOf(INSTANCES)) as { Reservations: { Instances: unknown[] }[] };
    const instances = template.Reservations.flatMap((r) => r.Instances);
    const many = Array.from({ length: 2000 }, (_, i) => ({ ...(instances[i % instances.length] as object), InstanceId: `i-${i.toString(16).padStart(17, '0')}` }));
    fs.writeFileSync(big.fsPath, JSON.stringify({ Reservations: [{ ReservationId: 'r-1', Instances: many }] }, null, 4));
    try {
      // typing keeps the editor of a 10 MB document busy: the keys reach the extension seconds
      // later, and taking them out of the editor is refused while more come
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(big));
      const before = editor.document.getText();
      const typed = 'Reservations[0].ReservationId';
      const ready = async () => {
        await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn });
        await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
      };
      const jsonAsItWas = (when: string) => waitFor(`the JSON as it was (${when})`, () => editor.document.getText() === before, 10000);
      await ready();
      await pressKey('Control+Alt+J', typed, { delayMs: 10 });
      const pick = await waitFor('palette', () => query.palette.activePick);
      await waitFor('every key in the input', () => pick.value === typed, 15000)
        .catch((e) => { throw new Error(`${e.message}: ${JSON.stringify(pick.value)}\n${query.palette.keyTrace.join('\n')}`); });
      await jsonAsItWas('palette open');
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await waitFor('palette closed', () => query.palette.activePick === undefined);
      for (const delayMs of [10, 40]) {
        await vscode.commands.executeCommand('jmespathAws.query', '@', big, { show: true });
        await ready();
        await pressKey('Control+Alt+J', typed, { delayMs, enter: true });
        const shownQuery = () => query.runner.results.resultFor(big)?.expression;
        await waitFor(`the whole query ran (${delayMs} ms a key)`, () => shownQuery() === typed, 20000)
          .catch((e) => { throw new Error(`${e.message}: ran ${JSON.stringify(shownQuery())}, palette ${JSON.stringify(query.palette.activePick?.value)}\n${query.palette.keyTrace.join('\n')}`); });
        await jsonAsItWas(`${delayMs} ms a key`);
      }
    } finally {
      await closeAllEditors();
      fs.rmSync(big.fsPath, { force: true });
    }
  });

  it('Ctrl+Alt+J right after clicking a JSON in the Explorer opens the palette on it (trial 14: nothing happened)', async function () {
    if (!hasKeyBridge()) this.skip();
    this.timeout(60000);
    const { query } = await api();
    await closeAllEditors();
    // (in view: other tests leave folders expanded and the list scrolled)
    await vscode.commands.executeCommand('revealInExplorer', workspaceFile(VOLUMES));
    const row = '.explorer-folders-view .monaco-list-row[aria-label^="describe-volumes.json"]';
    await waitForElement(row);
    await clickElement(row);
    await waitFor('the JSON open from the Explorer', () => vscode.window.activeTextEditor?.document.uri.path.endsWith('/describe-volumes.json') || undefined);
    assert.match((await elementsHtml('.explorer-folders-view .monaco-list-row.focused')) ?? '', /describe-volumes\.json/, 'the Explorer keeps the focus');
    await pressKey('Control+Alt+J');
    const pick = await waitFor('palette', () => query.palette.activePick);
    assert.strictEqual(pick.title, 'JMESPath query on describe-volumes.json');
  });

  it('Ctrl+Alt+J in a script asks which JSON to query; keys typed before the picker appeared start the query, not the script (trial 14)', async function () {
    if (!hasKeyBridge()) this.skip();
    this.timeout(60000);
    const { query } = await api();
    const script = 'aws ec2 describe-volumes\n';
    const doc = await vscode.workspace.openTextDocument({ language: 'shellscript', content: script });
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    await pressKey('Control+Alt+J');
    const picker = await waitFor('the JSON picker', () => query.pickers.json);
    assert.match(picker.title ?? '', /is not JSON: pick a JSON file to query/);
    await waitForElement('.quick-input-widget input:focus');
    picker.activeItems = [picker.items.find((i) => i.uri?.path.endsWith('/describe-volumes.json'))!];
    await pressKey('Enter');
    const pick = await waitFor('palette', () => query.palette.activePick)
      .catch((e) => { throw new Error(`${e.message}: picker ${query.pickers.json?.activeItems[0]?.label}, script ${JSON.stringify(doc.getText())}\n${query.palette.keyTrace.join('\n')}`); });
    assert.strictEqual(pick.title, 'JMESPath query on describe-volumes.json');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    // typed at once: what reached the script before the picker is taken back out and starts the query
    const typed = 'Volumes[0].VolumeId';
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    await pressKey('Control+Alt+J', typed.slice(0, 7), { delayMs: 0 });
    const again = await waitFor('the JSON picker again', () => query.pickers.json);
    await new Promise((r) => setTimeout(r, 800)); // (the keys typed land)
    const intoPicker = again.value;
    // the keys the script took show in the picker's title meanwhile (trial 24: they looked lost)
    const early = typed.slice(0, 7 - intoPicker.length);
    if (early) await waitFor('the keys in the picker title', () => again.title?.endsWith(`Your query so far: ${early}`) || undefined);
    again.value = '';
    await waitForElement('.quick-input-widget input:focus');
    again.activeItems = [again.items.find((i) => i.uri?.path.endsWith('/describe-volumes.json'))!];
    await pressKey('Enter');
    const palette = await waitFor('palette again', () => query.palette.activePick);
    await waitFor('the script as it was', () => doc.getText() === script || undefined, 10000)
      .catch((e) => { throw new Error(`${e.message}: ${JSON.stringify(doc.getText())}`); });
    // each key went either to the script (then to the query) or to the picker's filter
    await waitFor('the query starts with the keys that reached the script', () => (palette.value + intoPicker === typed.slice(0, 7) ? true : undefined), 10000)
      .catch((e) => { throw new Error(`${e.message}: query ${JSON.stringify(palette.value)}, picker ${JSON.stringify(intoPicker)}\n${query.palette.keyTrace.join('\n')}`); });
    // keys typed on into the picker that match no file are the query's rest, and every file stays
    // listed (trial 25: `length` reached the script, `(Volumes)` filtered the picker to nothing)
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    const whole = 'length(Volumes)';
    await pressKey('Control+Alt+J', whole, { delayMs: 30 });
    const third = await waitFor('the JSON picker a third time', () => query.pickers.json);
    await waitFor('all keys typed', () => (third.title?.endsWith(whole) ? true : undefined), 10000)
      .catch((e) => { throw new Error(`${e.message}: title ${third.title}, filter ${JSON.stringify(third.value)}, script ${JSON.stringify(doc.getText())}`); });
    // (on a busy machine every key may reach the script before the picker opens: nothing to filter then)
    await waitForElement('.quick-input-widget input:focus');
    if (third.value) {
      assert.ok(third.items.filter((i) => i.uri).every((i) => i.alwaysShow), `every file still listed (filter ${JSON.stringify(third.value)})`);
      // cleared to look for a file, the filter's text stays in the query
      await pressKey('Control+a');
      await pressKey('Backspace');
      await waitFor('filter cleared', () => (third.value === '' ? true : undefined));
      await new Promise((r) => setTimeout(r, 300));
      assert.ok(third.title?.endsWith(whole), `the query kept: ${third.title}`);
    }
    third.activeItems = [third.items.find((i) => i.uri?.path.endsWith('/describe-volumes.json'))!];
    await pressKey('Enter');
    const thirdPalette = await waitFor('palette a third time', () => (query.palette.activePick !== palette ? query.palette.activePick : undefined));
    await waitFor('the whole query', () => (thirdPalette.value === whole ? true : undefined), 10000)
      .catch((e) => { throw new Error(`${e.message}: query ${JSON.stringify(thirdPalette.value)}`); });
    await waitFor('the script as it was', () => doc.getText() === script || undefined, 10000);
  });

  it('suggestions after a comparator read apart from it: == \'running\' (trial 14: ==Groups)', async () => {
    const pick = await openPaletteOn(INSTANCES);
    pick.value = 'Reservations[].Instances[?State.Name ==';
    const suggested = await waitFor('value suggestions', () => {
      const rows = pick.items.filter((i) => i.label.startsWith('Reservations[].Instances[?State.Name ==') && !i.description?.includes('$(error)') && i.label !== pick.value);
      return rows.length ? rows.map((i) => i.label) : undefined;
    });
    assert.ok(suggested.includes("Reservations[].Instances[?State.Name == 'running'"), suggested.join('\n'));
    assert.ok(suggested.every((l) => l.startsWith('Reservations[].Instances[?State.Name == ')), suggested.join('\n'));
  });

  it('after a dot on a list the palette suggests Tags[].Key, not a field the list does not have (trial 22)', async () => {
    const pick = await openPaletteOn(INSTANCES);
    pick.value = 'Reservations[].Instances[].Tags.';
    const suggested = await waitFor('element suggestions', () => {
      const rows = pick.items.filter((i) => i.label.startsWith('Reservations[].Instances[].Tags[].'));
      return rows.length ? rows.map((i) => i.label) : undefined;
    });
    assert.deepStrictEqual(suggested, ['Reservations[].Instances[].Tags[].Key', 'Reservations[].Instances[].Tags[].Value']);
  });

  it("the palette's example query is one of the file's own fields (trial 14: an EC2 example on describe-volumes.json)", async () => {
    const pick = await openPaletteOn(VOLUMES);
    await waitFor('an example from the file', () => (/e\.g\. Volumes/.test(pick.placeholder ?? '') ? true : undefined))
      .catch((e) => { throw new Error(`${e.message}: ${pick.placeholder}`); });
    assert.doesNotMatch(pick.placeholder!, /Reservations/);
  });

  it('the Command Palette title of the query palette is not taken by New Query File once that was used (trial 10)', async function () {
    if (!hasKeyBridge()) this.skip();
    this.timeout(60000);
    await openEditor(VOLUMES);
    assert.match(await chooseInCommandPalette('JMESPath: New Query File'), /^JMESPath: New Query File Bound to This JSON/);
    await pressKey('Enter'); // (now recently used)
    await waitFor('the query file', () => vscode.window.activeTextEditor?.document.languageId === 'jmespath' || undefined);
    await closeAllEditors();
    await openEditor(VOLUMES);
    assert.match(await chooseInCommandPalette('JMESPath: Query Active JSON'), /^JMESPath: Query Active JSON\.\.\./);
    await pressKey('Escape');
  });

  it('while a name is typed, Down reaches the names that complete it before recent queries (trial 10)', async function () {
    if (!hasKeyBridge()) this.skip();
    this.timeout(60000);
    const { query } = await api();
    const source = workspaceFile(INSTANCES);
    for (const recent of ['Reservations[].Instances[].State.Name', 'Reservations[].Instances[].StateTransitionReason']) {
      await vscode.commands.executeCommand('jmespathAws.query', recent, source, { show: false });
    }
    await openEditor(INSTANCES);
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    await pressKey('Control+Alt+J');
    const pick = await waitFor('palette', () => query.palette.activePick);
    await waitForElement('.quick-input-widget input:focus');
    const typed = 'Reservations[].Instances[].Sta';
    await typeKeys(typed, 5);
    await waitFor('suggestions and the preview', () => (pick.value === typed && !pick.busy && pick.items.some((i) => (i as { isSuggestion?: boolean }).isSuggestion)) || undefined);
    await waitFor('the recent queries listed', () => (elementsHtml('.quick-input-list')).then((h) => h?.includes('StateTransitionReason') || undefined));
    type Row = { expression?: string; isSuggestion?: boolean; isRun?: boolean; isHint?: boolean; label: string };
    const down = async (): Promise<Row> => {
      const before = pick.activeItems[0];
      await pressKey('ArrowDown');
      return waitFor('the next row', () => (pick.activeItems[0] !== before ? pick.activeItems[0] as Row : undefined));
    };
    await new Promise((r) => setTimeout(r, 400)); // (a person reads the list before going down it)
    // the names come before the recent queries in the list
    const rowLabels = async () => [...((await elementsHtml('.quick-input-list .monaco-list-row')) ?? '').matchAll(/aria-label="([^"]*)"/g)].map((m) => m[1]);
    const listed = await rowLabels();
    const firstName = listed.findIndex((l) => l.includes('symbol-field'));
    const firstRecent = listed.findIndex((l) => l.includes('recent on'));
    assert.ok(firstName >= 0 && firstName < firstRecent, listed.join(' | '));
    const before = pick.activeItems[0] as Row | undefined;
    if (!before) {
      // (no row is active once the list was refreshed: Down makes the first, the query typed, active)
      await pressKey('ArrowDown');
      await waitFor('a row active', () => pick.activeItems[0] || undefined);
    }
    if (!(pick.activeItems[0] as Row).isRun) {
      // (the list was refreshed under a row already active: go back up to the query typed, as a
      // person would, past the "did you mean" row under it)
      for (let up = 0; up < 12 && !(pick.activeItems[0] as Row | undefined)?.isRun; up++) {
        const from = pick.activeItems[0];
        await pressKey('ArrowUp');
        await waitFor('the row above', () => pick.activeItems[0] !== from || undefined);
      }
      await waitFor('the query typed active', () => (pick.activeItems[0] as Row | undefined)?.isRun || undefined)
        .catch(async (e) => { throw new Error(`${e.message}: ${before?.label} was active; now ${pick.activeItems[0]?.label}; rows: ${(await rowLabels()).join(' | ')}`); });
    }
    let chosen = await down();
    if (chosen.label.startsWith('$(lightbulb)')) chosen = await down(); // (the preview's "did you mean" row)
    assert.ok(chosen.isSuggestion, `a name that completes what is typed, not ${chosen.expression}; before Down: ${before?.label}; rows: ${(await rowLabels()).join(' | ')}`);
    assert.ok(chosen.expression?.startsWith(typed) && /^Reservations\[\]\.Instances\[\]\.State\w*$/.test(chosen.expression), chosen.expression);
    await pressKey('Enter');
    await waitFor('the name completed in the input, the palette still open', () => (query.palette.activePick === pick && pick.value === chosen.expression) || undefined);
  });

  it('Enter runs what is typed though a recent query starts with it; Down to that query, Enter runs it', async function () {
    if (!hasKeyBridge()) this.skip();
    this.timeout(60000);
    const { query } = await api();
    const source = workspaceFile(INSTANCES);
    const recent = 'Reservations[].Instances[].[InstanceId, State.Name]';
    const typed = 'Reservations[].Instances[]';
    await vscode.commands.executeCommand('jmespathAws.query', recent, source, { show: false });
    const shownQuery = () => query.runner.results.resultFor(source)?.expression;
    const ask = async () => {
      await openEditor(INSTANCES);
      await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
      await pressKey('Control+Alt+J');
      const pick = await waitFor('palette', () => query.palette.activePick);
      await waitForElement('.quick-input-widget input:focus');
      await typeKeys(typed, 5);
      await waitFor('typed into the palette', () => pick.value === typed);
      // filtering the list by what is typed makes VS Code activate the recent query by itself
      await waitFor('preview', () => pick.items[0]?.expression === typed && pick.items[0].description?.includes('$(check)'));
      await new Promise((r) => setTimeout(r, 300));
      return pick;
    };
    // A second try when the first ran another row: on a lagging workbench (CI, twice in about ten
    // runs) VS Code reported its own late activation of a row as a move, and Enter ran that row.
    // Known, not fixed: the trace of the failed try is kept for the report.
    let failedTry = '';
    for (let attempt = 0; ; attempt++) {
      const first = await ask();
      await pressKey('Enter');
      const ran = await waitFor('the typed query ran', () => shownQuery() === typed).then(() => true, (e: Error) => {
        failedTry += `${e.message}: shown ${shownQuery()}, active ${first.activeItems[0]?.expression}, value ${first.value}\n${query.palette.keyTrace.join('\n')}\n`;
        return false;
      });
      if (ran) break;
      if (attempt === 1) throw new Error(failedTry);
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    }
    if (failedTry) console.log(`      (the first try ran another row; the second ran what was typed)\n${failedTry.split('\n').slice(0, 3).join('\n')}`);
    await waitFor('its result shown', () => resultEditor()?.document.getText() === search(typed, textOf(INSTANCES)));

    const pick = await ask();
    for (let i = 0; i < 10 && pick.activeItems[0]?.expression !== recent; i++) {
      await pressKey('ArrowDown');
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.strictEqual(pick.activeItems[0]?.expression, recent);
    await pressKey('Enter');
    await waitFor('the recent query ran', () => shownQuery() === recent);
  });

  it('keys typed before the palette appears go into the query, not into the JSON', async function () {
    if (!hasKeyBridge()) this.skip();
    this.timeout(180000);
    const { query } = await api();
    let editor = await openEditor(INSTANCES);
    const source = editor.document.uri;
    const before = editor.document.getText();
    const typed = "Reservations[].Instances[?State.Name=='running']";
    const shownQuery = () => query.runner.results.resultFor(source)?.expression;
    const jsonAsItWas = () => waitFor('the JSON as it was, saved', () => editor.document.getText() === before && !editor.document.isDirty &&
      fs.readFileSync(editor.document.uri.fsPath, 'utf8') === before);
    const ready = async () => {
      await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn });
      await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    };
    try {
      // typing on at once, then with the extension host busy for a moment (as right after opening
      // a big file): which keys reach the editor before the palette opens depends on timing; they
      // end up in front of the input, in order
      for (const busy of [false, true]) {
        await ready();
        const keys = pressKey('Control+Alt+J', typed);
        if (busy) {
          await new Promise((r) => setTimeout(r, 100)); // the request is on its way
          for (const until = Date.now() + 1500; Date.now() < until;) { /* busy */ }
        }
        await keys;
        const pick = await waitFor('palette', () => query.palette.activePick);
        await waitFor(`every key in the input, in order (busy: ${busy})`, () => pick.value === typed, 5000)
          .catch((e) => { throw new Error(`${e.message}: ${JSON.stringify(pick.value)}`); });
        await jsonAsItWas();
        await waitFor('its preview', () => pick.items[0]?.expression === typed && pick.items[0].description?.includes('$(check)'));
        await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
        await waitFor('palette closed', () => query.palette.activePick === undefined);
      }
      // Enter right after the query, at an ordinary typing speed and as fast as keys go: the whole
      // query runs (the first keys were in the editor, the Enter maybe too)
      for (const delayMs of [100, 0]) {
        await vscode.commands.executeCommand('jmespathAws.query', '@', source);
        assert.strictEqual(shownQuery(), '@');
        await ready();
        await pressKey('Control+Alt+J', typed, { delayMs, enter: true });
        await waitFor(`the whole query ran (${delayMs} ms a key)`, () => shownQuery() === typed, 10000)
          .catch((e) => { throw new Error(`${e.message}: ran ${JSON.stringify(shownQuery())}, palette ${JSON.stringify(query.palette.activePick?.value)}`); });
        await waitFor('palette closed', () => query.palette.activePick === undefined);
        await jsonAsItWas();
        // Ctrl+Z in the JSON afterwards: the keys taken out do not come back (nor reach the disk)
        await ready();
        await pressKey('Control+Z');
        await new Promise((r) => setTimeout(r, 1000));
        await jsonAsItWas().catch((e) => {
          throw new Error(`${e.message} after Ctrl+Z (${delayMs} ms a key): begins ${JSON.stringify(editor.document.getText().slice(0, 20))}, dirty ${editor.document.isDirty}`);
        });
        await closeAllEditors();
        editor = await openEditor(INSTANCES);
      }
    } finally {
      // (failing, leave the fixture as it was for the tests that follow)
      if (fs.readFileSync(editor.document.uri.fsPath, 'utf8') !== before) fs.writeFileSync(editor.document.uri.fsPath, before);
    }
  });
});

describe('everyday: keys typed before the palette, taken out of the editor', () => {
  afterEach(closeAllEditors);

  it('are what was typed up to the caret, not the brackets the editor closed by itself', async function () {
    this.timeout(30000);
    const doc = await vscode.workspace.openTextDocument({ language: 'json', content: '{"a": 1}\n' });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    const recent = new RecentEdits();
    const got: [string, boolean][] = [];
    const early = new KeysTypedEarly(recent, (text, enter) => got.push([text, enter]));
    try {
      // typed as keys: the editor closes `[` with `]` after the caret
      for (const ch of 'Reservations[?State') await vscode.commands.executeCommand('type', { text: ch });
      assert.strictEqual(doc.getText(), '{"a": 1}\nReservations[?State]', 'the editor closed the bracket');
      await waitFor('taken out', () => got.length > 0, 5000);
      assert.deepStrictEqual(got, [['Reservations[?State', false]]);
      assert.strictEqual(doc.getText(), '{"a": 1}\n', 'the editor as it was, closing bracket included');
    } finally {
      early.dispose();
      recent.dispose();
    }
  });

  it('leave nothing to undo: one undo goes back to before they were typed, redo to after they were taken out', async function () {
    this.timeout(30000);
    const doc = await vscode.workspace.openTextDocument({ language: 'json', content: '{"a": 1}\n' });
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((b) => b.replace(new vscode.Range(0, 6, 0, 7), '2')); // the user's own edit
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    const recent = new RecentEdits();
    const got: string[] = [];
    const early = new KeysTypedEarly(recent, (text) => got.push(text));
    const settled = async (what: string, text: string) => {
      await new Promise((r) => setTimeout(r, 800)); // (going on through the keys is asynchronous)
      assert.strictEqual(doc.getText(), text, what);
    };
    try {
      for (const ch of 'Items[?Year') await vscode.commands.executeCommand('type', { text: ch });
      await waitFor('taken out', () => got.length > 0, 5000);
      await early.stop();
      assert.strictEqual(doc.getText(), '{"a": 2}\n');
      await vscode.commands.executeCommand('undo');
      await settled('one undo: as before the keys were typed', '{"a": 2}\n');
      await vscode.commands.executeCommand('undo');
      await settled('the next undo: the user\'s own edit', '{"a": 1}\n');
      await vscode.commands.executeCommand('redo');
      await settled('redo: the user\'s edit again', '{"a": 2}\n');
      await vscode.commands.executeCommand('redo');
      await settled('redo again: through the keys to after they were taken out', '{"a": 2}\n');
      await vscode.commands.executeCommand('undo');
      await settled('and undo once more: no keys', '{"a": 2}\n');
    } finally {
      early.dispose();
      recent.dispose();
    }
  });

  it('leave nothing to redo after the user\'s own typing just before them', async function () {
    this.timeout(30000);
    const doc = await vscode.workspace.openTextDocument({ language: 'json', content: '{"a": 1}\n' });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    for (const ch of 'zz') await vscode.commands.executeCommand('type', { text: ch }); // the user's own typing
    await new Promise((r) => setTimeout(r, 200));
    const recent = new RecentEdits();
    const got: string[] = [];
    const early = new KeysTypedEarly(recent, (text) => got.push(text));
    const settled = async (what: string, ...texts: string[]) => {
      await new Promise((r) => setTimeout(r, 800));
      assert.ok(texts.includes(doc.getText()), `${what}: ${JSON.stringify(doc.getText())}`);
    };
    try {
      for (const ch of 'Items') await vscode.commands.executeCommand('type', { text: ch });
      await waitFor('taken out', () => got.length > 0, 5000);
      await early.stop();
      assert.strictEqual(doc.getText(), '{"a": 1}\nzz');
      await vscode.commands.executeCommand('undo');
      await settled('undo: no keys (and the user\'s typing too when it was one step with them)', '{"a": 1}\nzz', '{"a": 1}\n');
      await vscode.commands.executeCommand('redo');
      await settled('redo: the user\'s typing, no keys', '{"a": 1}\nzz');
    } finally {
      early.dispose();
      recent.dispose();
    }
  });
});

describe('everyday: query files', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await closeAllEditors();
  });

  it('a failed run is marked on the query and in the status bar, not in a notification that outlives the fix', async function () {
    this.timeout(60000);
    const qf = workspaceFile('failing.jmespath');
    fs.writeFileSync(qf.fsPath, '# Queries against describe-volumes.json (bound automatically).\n\nabs(Volumes[0])\n');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(qf));
    const failed = () => vscode.languages.getDiagnostics(qf).find((d) => d.message.startsWith('The query failed'));
    const statusBar = async () => (await elementsHtml('.statusbar-item')) ?? '';
    try {
      assert.strictEqual(await vscode.commands.executeCommand('jmespathAws.runQuery', 'abs(Volumes[0])', qf), undefined);
      const d = await waitFor('the failure on the query', failed);
      assert.match(d.message, /invalid type for value/);
      assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
      assert.strictEqual(d.range.start.line, 2);
      if (hasKeyBridge()) {
        await waitFor('the failure in the status bar', async () => (await statusBar()).includes('JMESPath: In function abs()'));
        // what is wrong reads in a narrow status bar: the object is cut short (trial 24: it ran off the end)
        assert.match(await statusBar(), /invalid type for value: \{'.{1,10}…, expected one of: \['number'\], received: "object"/);
        assert.ok(!(await elementsHtml('.notification-toast'))?.includes('In function abs()'), 'no notification');
      }
      // fixed and run again: nothing of the failure is left
      await editor.edit((b) => b.replace(new vscode.Range(2, 0, 2, 3), 'length'));
      assert.strictEqual(await vscode.commands.executeCommand('jmespathAws.runQuery', 'length(Volumes[0])', qf), search('length(Volumes[0])', textOf(VOLUMES)));
      assert.strictEqual(failed(), undefined);
      if (hasKeyBridge()) await waitFor('the status bar clear', async () => !(await statusBar()).includes('In function abs()'));
    } finally {
      await closeAllEditors();
      fs.rmSync(qf.fsPath, { force: true });
    }
  });

  it('a failure that only a results format made is marked on the query file, and cleared when the format no longer fails (trial 18: it stayed)', async function () {
    this.timeout(60000);
    const json = '{"Items": [{"n": "a", "Tags": [{"v": 1}]}, {"n": "b", "Tags": []}]}';
    const query = 'Items[].[n, Tags[].v]';
    assert.throws(() => printAs(query, json, { output: 'table' }), /Row should have 1 elements, instead it has 0/, 'the CLI fails on these ragged rows');
    await withWorkspaceFiles({ 'ragged.json': json, 'ragged.jmespath': `# Queries against ragged.json\n\n${query}\n` }, async ([, qf]) => {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(qf));
      const failed = () => vscode.languages.getDiagnostics(qf).find((d) => d.message.startsWith('The query failed'));
      const statusBar = async () => (await elementsHtml('.statusbar-item')) ?? '';
      try {
        assert.strictEqual(await vscode.commands.executeCommand('jmespathAws.runQuery', query, qf), search(query, json));
        await vscode.commands.executeCommand('jmespathAws.chooseResultsFormat', 'table');
        // switched, not run from the file: the query that no longer prints is marked all the same
        const d = await waitFor('the failure on the query', failed);
        assert.match(d.message, /Row should have 1 elements, instead it has 0/);
        if (hasKeyBridge()) await waitFor('the failure in the status bar', async () => (await statusBar()).includes('Row should have 1 elements'));
        await vscode.commands.executeCommand('jmespathAws.chooseResultsFormat', 'json');
        await waitFor('the results print again', () => resultEditor()?.document.getText() === search(query, json));
        await waitFor('the failure gone from the query', () => failed() === undefined);
        if (hasKeyBridge()) await waitFor('and from the status bar', async () => !(await statusBar()).includes('Row should have'));
      } finally {
        await vscode.commands.executeCommand('jmespathAws.chooseResultsFormat', 'json');
      }
    });
  });

  it('a query file whose header names its JSON is bound to it without asking', async () => {
    const qf = workspaceFile('sample-bound.jmespath');
    fs.writeFileSync(qf.fsPath, '# Queries against describe-volumes.json (bound automatically).\n\nVolumes[0].VolumeId\n');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(qf));
    const text = await vscode.commands.executeCommand<string>('jmespathAws.runQuery', 'Volumes[0].VolumeId', qf);
    assert.strictEqual(text, search('Volumes[0].VolumeId', textOf(VOLUMES)));
    const titles = await lensTitles(qf);
    assert.ok(titles.every((t) => t.includes('Run on describe-volumes.json')), titles.join(' | '));
  });

  it('the binding picker pre-selects the likely JSON, never an arbitrary one', async () => {
    const { query } = await api();
    const named = workspaceFile('tags.jmespath');
    fs.writeFileSync(named.fsPath, 'Tags[].Key\n');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(named));
    const picking = vscode.commands.executeCommand('jmespathAws.bindQueryFile');
    const picker = await waitFor('picker', () => query.pickers.json);
    assert.strictEqual(picker.activeItems[0]?.label, 'tags.json');
    assert.strictEqual(picker.activeItems[0]?.description, 'same name');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await picking;

    // nothing likely: nothing pre-selected, so Enter cannot pick an arbitrary file
    const folder = workspaceFile('nothing-likely');
    fs.mkdirSync(folder.fsPath, { recursive: true });
    const lonely = vscode.Uri.joinPath(folder, 'lonely.jmespath');
    fs.writeFileSync(lonely.fsPath, 'a\n');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(lonely));
    await query.bindings.forgetLastBound();
    // a JSON bound outside the workspace (as Run & refine binds its output) is not offered for it
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'aws-output-'));
    fs.writeFileSync(path.join(elsewhere, 'scan.json'), '{"Items": []}');
    fs.writeFileSync(path.join(elsewhere, 'scan.jmespath'), 'Items\n');
    const output = vscode.Uri.file(path.join(elsewhere, 'scan.json'));
    await vscode.commands.executeCommand('jmespathAws.bindQueryFile', output, vscode.Uri.file(path.join(elsewhere, 'scan.jmespath')));
    await vscode.workspace.openTextDocument(output); // (open beside the script, as Run & refine leaves it)
    const picking2 = vscode.commands.executeCommand('jmespathAws.bindQueryFile');
    const picker2 = await waitFor('second picker', () => (query.pickers.json !== picker ? query.pickers.json : undefined));
    await waitFor('items', () => picker2.items.length > 1);
    assert.deepStrictEqual(picker2.activeItems.map((i) => i.label), []);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    assert.strictEqual(query.pickers.json, picker2, 'Enter with nothing selected keeps the picker open');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.strictEqual(await picking2, undefined);
  });

  it('re-binding re-runs the query that is shown', async () => {
    const { query } = await api();
    const qf = workspaceFile('rebind.jmespath');
    fs.writeFileSync(qf.fsPath, 'length(@)\n');
    await vscode.commands.executeCommand('jmespathAws.bindQueryFile', workspaceFile(INSTANCES), qf);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(qf));
    assert.strictEqual(await vscode.commands.executeCommand<string>('jmespathAws.runQuery', 'length(@)', qf), '1\n');
    await vscode.commands.executeCommand('jmespathAws.bindQueryFile', workspaceFile(VOLUMES), qf);
    const shown = await waitFor('result for the new JSON', () => {
      const r = query.runner.results.resultFor(workspaceFile(VOLUMES));
      return r?.expression === 'length(@)' ? r : undefined;
    });
    assert.strictEqual(shown.origin?.toString(), qf.toString());
    assert.strictEqual(shown.text, search('length(@)', textOf(VOLUMES)));
  });

  it('a bound JSON renamed or moved in the editor: binding and header follow, the shown query re-runs (trial 18: ENOENT ... stat)', async function () {
    this.timeout(60000);
    const { query } = await api();
    const json = '{"Items": [{"n": 1}, {"n": 2}]}';
    await withWorkspaceFiles({ 'moving.json': json, 'moving.jmespath': '# Queries against moving.json\n\nItems[].n\n' }, async ([source, qf]) => {
      const renamed = workspaceFile('moved-here.json');
      const folder = workspaceFile('moving-dir');
      try {
        await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(qf));
        assert.strictEqual(await vscode.commands.executeCommand('jmespathAws.runQuery', 'Items[].n', qf), search('Items[].n', json));
        const edit = new vscode.WorkspaceEdit();
        edit.renameFile(source, renamed);
        assert.ok(await vscode.workspace.applyEdit(edit));
        const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === qf.toString())!;
        await waitFor('the header names the new name', () => doc.lineAt(0).text === '# Queries against moved-here.json');
        await waitFor('the shown query re-ran on it', () => query.runner.results.resultFor(renamed)?.expression === 'Items[].n');
        // one results tab, under the new name: not a stale one of the old name beside it (trial 19)
        const resultTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.scheme === 'jmespath-result');
        await waitFor('the old results tab gone', () => resultTabs().length === 1 || undefined);
        assert.match(resultTabs()[0].label, /^moved-here \(query result\)/);
        assert.strictEqual(query.runner.results.resultFor(source), undefined);
        assert.strictEqual(await vscode.commands.executeCommand('jmespathAws.runQuery', 'length(Items)', qf), '2\n');
        // the query file moved into a folder: its header names the JSON from there, the result names it
        await new Promise((r) => setTimeout(r, 1000)); // (the live re-run after the header's rename has come and gone)
        fs.mkdirSync(folder.fsPath, { recursive: true });
        const movedQf = vscode.Uri.joinPath(folder, 'moving.jmespath');
        const move = new vscode.WorkspaceEdit();
        move.renameFile(qf, movedQf);
        assert.ok(await vscode.workspace.applyEdit(move));
        await waitFor('the moved query file names ../moved-here.json', () => fs.readFileSync(movedQf.fsPath, 'utf8').startsWith('# Queries against ../moved-here.json\n'));
        await waitFor('the result names the moved query file', () => query.runner.results.resultFor(renamed)?.origin?.toString() === movedQf.toString());
        assert.strictEqual(await vscode.commands.executeCommand('jmespathAws.runQuery', 'length(Items)', movedQf), '2\n');
      } finally {
        await closeAllEditors();
        fs.rmSync(renamed.fsPath, { force: true });
        fs.rmSync(folder.fsPath, { recursive: true, force: true });
      }
    });
  });

  it('a bound JSON gone from disk: the result turns stale and a run says the file is gone, with a way to bind another (trial 18: raw ENOENT)', async function () {
    this.timeout(60000);
    const { query } = await api();
    const json = '{"Items": [{"n": 1}]}';
    await withWorkspaceFiles({ 'vanishing.json': json, 'vanishing.jmespath': '# Queries against vanishing.json\n\nItems[0].n\n' }, async ([source, qf]) => {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(qf));
      assert.strictEqual(await vscode.commands.executeCommand('jmespathAws.runQuery', 'Items[0].n', qf), '1\n');
      fs.rmSync(source.fsPath);
      const stale = await waitFor('the result marked stale', () => query.runner.results.resultFor(source)?.stale);
      assert.match(stale.message, /vanishing\.json is not there any more \(moved, renamed or deleted\)/);
      assert.doesNotMatch(stale.message, /ENOENT/);
      await assert.rejects(Promise.resolve(vscode.commands.executeCommand('jmespathAws.query', 'Items', source.toString(), { show: false })), /vanishing\.json is not there any more/);
      assert.strictEqual(await vscode.commands.executeCommand('jmespathAws.runQuery', 'Items[0].n', qf), undefined);
      assert.deepStrictEqual(vscode.languages.getDiagnostics(qf).filter((d) => d.source === 'jmespath' && d.message.startsWith('The query failed')), [], 'not the query\'s fault');
      // said on the header, with the way out as a quick fix, not in a notification that outlives
      // the fix (trial 20: it stayed up after the file was back)
      const gone = await waitFor('the mark on the header', () => vscode.languages.getDiagnostics(qf).find((d) => d.code === 'file-not-found'));
      assert.strictEqual(gone.range.start.line, 0);
      assert.match(gone.message, /vanishing\.json is not there any more .*bind another JSON \(quick fix\) or put it back/);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', qf, gone.range);
      assert.ok(actions.some((a) => a.title === 'Bind to Another JSON...' && a.command?.command === 'jmespathAws.bindQueryFile'), actions.map((a) => a.title).join(', '));
      if (hasKeyBridge()) assert.ok(!(await elementsHtml('.notification-toast'))?.includes('is not there any more'), 'no notification');
      // put back: the next run clears the mark
      fs.writeFileSync(source.fsPath, json);
      assert.strictEqual(await vscode.commands.executeCommand('jmespathAws.runQuery', 'Items[0].n', qf), '1\n');
      await waitFor('the mark gone', () => !vscode.languages.getDiagnostics(qf).some((d) => d.code === 'file-not-found') || undefined);
    });
  });

  it('a new query file opens beside the JSON with the cursor on its query; results share that column', async () => {
    const json = await openEditor(VOLUMES);
    const created = await vscode.commands.executeCommand<string>('jmespathAws.newQueryFile');
    const editor = vscode.window.activeTextEditor!;
    assert.strictEqual(editor.document.uri.toString(), created);
    assert.notStrictEqual(editor.viewColumn, json.viewColumn, 'the JSON stays visible');
    const line = editor.document.lineAt(editor.selection.active.line).text;
    assert.strictEqual(line, '@');
    assert.strictEqual(editor.document.getText(editor.selection), '@', 'typing replaces the placeholder query');
    // a long query wraps in its column (beside the JSON, or under Run & refine's output)
    assert.strictEqual(vscode.workspace.getConfiguration('editor', editor.document).get('wordWrap'), 'on');

    await vscode.commands.executeCommand('jmespathAws.runQueryAtCursor');
    const results = await waitFor('results', () => resultEditor());
    const layout = await vscode.commands.executeCommand<{ groups: unknown[] }>('vscode.getEditorLayout');
    assert.strictEqual(layout.groups.length, 2, `two columns, not three: ${JSON.stringify(layout)}`);
    assert.notStrictEqual(results.viewColumn, json.viewColumn);
    assert.ok(vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === created), 'the query file stays visible');
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), created, 'the focus stays in the query file');
  });

  it('after re-binding, results open beside the query file, never on top of it, and its header names the new JSON (trial 11)', async function () {
    this.timeout(60000);
    const { query } = await api();
    const json = workspaceFile('trial11.json');
    const qf = workspaceFile('trial11.jmespath');
    fs.writeFileSync(json.fsPath, textOf(INSTANCES));
    fs.rmSync(qf.fsPath, { force: true });
    try {
      // a palette result of the volumes, beside them
      await openEditor(VOLUMES);
      await vscode.commands.executeCommand('jmespathAws.query', 'Volumes[0].VolumeId');
      await waitFor('volumes results', () => resultEditor());
      // a new query file for the instances, run: results below the query file
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(json), { viewColumn: vscode.ViewColumn.One });
      assert.strictEqual(await vscode.commands.executeCommand<string>('jmespathAws.newQueryFile'), qf.toString());
      await vscode.commands.executeCommand('jmespathAws.runQueryAtCursor');
      await waitFor('instances results', () => query.runner.results.isOpen(json));
      const qfVisible = () => vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === qf.toString());
      const volumesResults = () => query.runner.results.editorFor(workspaceFile(VOLUMES));
      const tabs = () => JSON.stringify(vscode.window.tabGroups.all.map((g) => g.tabs.map((t) => t.label)));
      // bound to the volumes: their result of this query shows, and the query file stays in sight
      await vscode.commands.executeCommand('jmespathAws.bindQueryFile', workspaceFile(VOLUMES), qf);
      await waitFor('the query file\'s result on the volumes', () => query.runner.results.resultFor(workspaceFile(VOLUMES))?.origin?.toString() === qf.toString() && volumesResults());
      assert.ok(qfVisible(), `the query file is in sight: ${tabs()}`);
      assert.notStrictEqual(volumesResults()!.viewColumn, qfVisible()!.viewColumn);
      // as after every run from it
      await vscode.window.showTextDocument(qfVisible()!.document, qfVisible()!.viewColumn);
      await vscode.commands.executeCommand('jmespathAws.runQueryAtCursor');
      await waitFor('the result shown', () => volumesResults());
      assert.ok(qfVisible(), `the query file is in sight: ${tabs()}`);
      assert.notStrictEqual(volumesResults()!.viewColumn, qfVisible()!.viewColumn);
      // the header follows the binding, saved, one undo step
      const doc = qfVisible()!.document;
      assert.match(doc.lineAt(0).text, /^# Queries against describe-volumes\.json: /);
      assert.strictEqual(doc.isDirty, false);
      assert.match(fs.readFileSync(qf.fsPath, 'utf8'), /^# Queries against describe-volumes\.json: /);
      await vscode.window.showTextDocument(doc, qfVisible()!.viewColumn);
      await vscode.commands.executeCommand('undo');
      assert.match(doc.lineAt(0).text, /^# Queries against trial11\.json: /);
      // the binding follows the header back (trial 14: it stayed on the volumes)
      await waitFor('bound to the JSON the header names again', () => query.bindings.bindingOf(qf)?.toString() === json.toString() || undefined);
      await vscode.commands.executeCommand('redo');
      await waitFor('bound to the volumes again', () => query.bindings.bindingOf(qf)?.toString() === workspaceFile(VOLUMES).toString() || undefined);
      // a syntax error typed while its result shows marks the result stale
      const editor = qfVisible()!;
      const at = editor.document.getText().lastIndexOf('@');
      await editor.edit((b) => b.replace(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + 1)), 'Volumes[?'));
      editor.selection = new vscode.Selection(editor.document.positionAt(at + 3), editor.document.positionAt(at + 3));
      await waitFor('stale', () => query.runner.results.resultFor(workspaceFile(VOLUMES))?.stale?.expression === 'Volumes[?')
        .catch((e) => { throw new Error(`${e.message}: ${JSON.stringify([VOLUMES, 'trial11.json'].map((n) => { const r = query.runner.results.resultFor(workspaceFile(n)); return r && { n, expression: r.expression, origin: r.origin?.toString(), stale: r.stale?.expression }; }))}`); });
      // its problem reads on one line, the caret in the query (a hover cannot align a caret line)
      const syntax = await waitFor('syntax problem', () => vscode.languages.getDiagnostics(qf).find((d) => String(d.code).startsWith('column')));
      assert.ok(!syntax.message.includes('\n') && syntax.message.endsWith('⟶ Volumes[?‸'), syntax.message);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    } finally {
      await closeAllEditors();
      fs.rmSync(json.fsPath, { force: true });
      fs.rmSync(qf.fsPath, { force: true });
    }
  });

  it('a failed first run of a new query file leaves no empty editor group behind', async () => {
    await openEditor(VOLUMES);
    const created = await vscode.commands.executeCommand<string>('jmespathAws.newQueryFile');
    const editor = vscode.window.activeTextEditor!;
    assert.strictEqual(editor.document.uri.toString(), created);
    await editor.edit((b) => b.replace(editor.selection, 'Volumes[?Size > ]'));
    await vscode.commands.executeCommand('jmespathAws.runQueryAtCursor');
    const tabs = () => JSON.stringify(vscode.window.tabGroups.all.map((g) => g.tabs.map((t) => t.label)));
    // (a stale result of this JSON from before may be shown; a group without a tab never)
    assert.ok(vscode.window.tabGroups.all.every((g) => g.tabs.length > 0), `no empty group: ${tabs()}`);
    await editor.edit((b) => b.replace(editor.document.lineAt(editor.selection.active.line).range, 'Volumes[?Size > `1`].VolumeId'));
    await vscode.commands.executeCommand('jmespathAws.runQueryAtCursor');
    await waitFor('results', () => resultEditor()?.document.getText().includes('vol-'));
    assert.ok(vscode.window.tabGroups.all.every((g) => g.tabs.length > 0), `no empty group: ${tabs()}`);
    assert.strictEqual(vscode.window.tabGroups.all.length, 3, `JSON, query file, results: ${tabs()}`);
  });
});

describe('everyday: a result queried again', () => {
  afterEach(closeAllEditors);

  it('is titled as a result of a result, not "(query result) (query result)"', async () => {
    await openEditor(INSTANCES);
    await vscode.commands.executeCommand('jmespathAws.query', 'Reservations[].Instances[]', workspaceFile(INSTANCES), { output: 'json' });
    const shown = search('Reservations[].Instances[]', textOf(INSTANCES));
    const first = await waitFor('results', () => (resultEditor()?.document.getText() === shown ? resultEditor() : undefined));
    assert.strictEqual(first.document.uri.path, '/describe-instances (query result)');
    const text = await vscode.commands.executeCommand<string>('jmespathAws.query', '[0].InstanceId', first.document.uri);
    assert.match(text, /^"i-/);
    const second = await waitFor('its result', () => vscode.window.visibleTextEditors.find((e) => e.document.uri.path.endsWith('of a result)')));
    assert.strictEqual(second.document.uri.path, '/describe-instances (query result of a result)');
  });
});

describe('everyday: computed results', () => {
  afterEach(closeAllEditors);

  it('show in the results tab and as inline text on a visible line', async () => {
    const { query } = await api();
    const editor = await openEditor(INSTANCES);
    const last = editor.document.lineCount - 1;
    editor.revealRange(new vscode.Range(last, 0, last, 0), vscode.TextEditorRevealType.AtTop);
    await waitFor('scrolled to the end', () => editor.visibleRanges[0]?.start.line > 20);
    const text = await vscode.commands.executeCommand<string>('jmespathAws.query', 'length(Reservations[].Instances[])');
    assert.strictEqual(text, '5\n');
    await waitFor('results tab shows it', () => resultEditor()?.document.getText() === '5\n');
    const summary = await waitFor('inline result', () => query.runner.highlights.summary?.inlineLine !== undefined ? query.runner.highlights.summary : undefined);
    assert.strictEqual(summary.computedText, '5');
    const visible = editor.visibleRanges;
    assert.ok(visible.some((r) => r.start.line <= summary.inlineLine! && summary.inlineLine! <= r.end.line), `line ${summary.inlineLine} is on screen (${visible.map((r) => `${r.start.line}-${r.end.line}`)})`);
    // and not under sticky scroll's header, which covers up to maxLineCount lines at the top
    const sticky = vscode.workspace.getConfiguration('editor').get<number>('stickyScroll.maxLineCount', 5);
    assert.ok(summary.inlineLine! >= visible[0].start.line + sticky, `line ${summary.inlineLine} is below the sticky lines from ${visible[0].start.line}`);
  });
});

describe('everyday: results follow their JSON (trial 16)', () => {
  afterEach(closeAllEditors);

  it('an edit of the open JSON runs the query again, in place; invalid JSON marks it stale', async () => {
    const { query } = await api();
    await withWorkspaceFiles({ 'trial16-edit.json': '{"Items": [{"Id": 1}, {"Id": 2}]}\n' }, async ([file]) => {
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
      await vscode.commands.executeCommand('jmespathAws.query', 'Items[].Id', file);
      await waitFor('first result', () => (query.runner.results.resultFor(file)?.text === '[\n    1,\n    2\n]\n' ? true : undefined));
      await editor.edit((b) => b.insert(editor.document.positionAt(editor.document.getText().indexOf(']')), ', {"Id": 3}'));
      await waitFor('the result follows the edit', () => (query.runner.results.resultFor(file)?.text === '[\n    1,\n    2,\n    3\n]\n' ? true : undefined));
      await editor.edit((b) => b.insert(editor.document.positionAt(editor.document.getText().indexOf(']')), ','));
      const stale = await waitFor('stale', () => query.runner.results.resultFor(file)?.stale);
      assert.match(stale.message, /Invalid JSON/);
      assert.strictEqual(query.runner.results.resultFor(file)?.text, '[\n    1,\n    2,\n    3\n]\n', 'the last good result stays');
    });
  });

  it('a JSON that is not open, changed on disk, runs the query again', async () => {
    const { query } = await api();
    await withWorkspaceFiles({ 'trial16-disk.json': '{"Items": [{"Id": "a"}]}\n' }, async ([file]) => {
      await vscode.commands.executeCommand('jmespathAws.query', 'Items[].Id', file);
      await waitFor('results tab', () => (query.runner.results.hasTab(file) && query.runner.results.resultFor(file)?.text === '[\n    "a"\n]\n' ? true : undefined));
      assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === file.toString() && !d.isClosed && vscode.window.visibleTextEditors.some((e) => e.document === d)), 'the JSON is not shown');
      fs.writeFileSync(file.fsPath, '{"Items": [{"Id": "a"}, {"Id": "b"}]}\n');
      await waitFor('the result follows the file', () => (query.runner.results.resultFor(file)?.text === '[\n    "a",\n    "b"\n]\n' ? true : undefined), 15000);
    });
  });

  it('queries on four JSON files share one results column (trial 16: each added a column)', async () => {
    const names = ['a', 'b', 'c', 'd'].map((n) => `trial16-columns-${n}.json`);
    await withWorkspaceFiles(Object.fromEntries(names.map((n) => [n, `{"name": "${n}"}\n`])), async () => {
      await openEditor(names[0], vscode.ViewColumn.One);
      await openEditor(names[1], vscode.ViewColumn.Two);
      for (const n of names) {
        await openEditor(n, vscode.ViewColumn.One);
        await vscode.commands.executeCommand('jmespathAws.query', 'name', workspaceFile(n));
        await waitFor(`results of ${n}`, () => vscode.window.visibleTextEditors.some((e) => e.document.getText() === `"${n}"\n`) || undefined);
      }
      // the two files side by side and one column of results
      assert.strictEqual(vscode.window.tabGroups.all.length, 3, vscode.window.tabGroups.all.map((g) => g.tabs.map((t) => t.label).join(', ')).join(' | '));
    });
  });

  it('typing in a query file whose results tab is behind another one runs it and brings its results to front (trial 16)', async () => {
    const { query } = await api();
    const names = ['one', 'two'];
    const files = Object.fromEntries(names.flatMap((n) => [[`trial16-${n}.json`, `{"Items": [{"Id": "${n}-id", "Size": "${n}-size"}]}\n`], [`trial16-${n}.jmespath`, 'Items[].Id\n']]));
    await withWorkspaceFiles(files, async (uris) => {
      const pairs = names.map((n, i) => ({ n, json: uris[2 * i], qf: uris[2 * i + 1] }));
      const editors: vscode.TextEditor[] = [];
      for (const f of pairs) {
        await vscode.commands.executeCommand('jmespathAws.bindQueryFile', f.json, f.qf);
        const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(f.qf), vscode.ViewColumn.One);
        editor.selection = new vscode.Selection(0, 2, 0, 2);
        await vscode.commands.executeCommand('jmespathAws.runQueryAtCursor');
        await waitFor(`results of ${f.n}`, () => (query.runner.results.isOpen(f.json) ? true : undefined));
        editors.push(editor);
      }
      // the first file's results are behind the second's; type in the first
      assert.ok(!query.runner.results.isOpen(pairs[0].json) && query.runner.results.hasTab(pairs[0].json));
      const first = await vscode.window.showTextDocument(editors[0].document, vscode.ViewColumn.One);
      await first.edit((b) => b.replace(new vscode.Range(0, 0, 0, 100), 'Items[].Size'));
      await waitFor('its result, in front', () => (query.runner.results.resultFor(pairs[0].json)?.text === '[\n    "one-size"\n]\n' && query.runner.results.isOpen(pairs[0].json) ? true : undefined));
    });
  });

  it('with nothing highlighted (a limit of 0) F8 is VS Code\'s next problem again (trial 16: it was swallowed)', async function () {
    if (!hasKeyBridge()) this.skip();
    this.timeout(60000);
    const { query } = await api();
    const config = vscode.workspace.getConfiguration('jmespathAws');
    // a repeated key: VS Code's JSON service warns at both (problems for F8: the first is on line 2); the CLI reads it
    await withWorkspaceFiles({ 'trial16-f8.json': '{\n  "a": 1,\n  "b": [1, 2],\n  "a": 2\n}\n' }, async ([file]) => {
      await config.update('highlight.maxHighlights', 0, vscode.ConfigurationTarget.Workspace);
      try {
        const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
        await waitFor('the duplicate key problem', () => (vscode.languages.getDiagnostics(file).length > 0 ? true : undefined), 15000);
        await vscode.commands.executeCommand('jmespathAws.query', 'b[]', file);
        await waitFor('the count, nothing highlighted', () => (query.runner.highlights.summary?.total === 2 && query.runner.highlights.summary.count === 0 ? true : undefined));
        await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preserveFocus: false });
        editor.selection = new vscode.Selection(0, 0, 0, 0);
        await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
        await pressKey('F8');
        await waitFor('the cursor on the problem', () => (vscode.window.activeTextEditor?.selection.active.line === 1 ? true : undefined))
          .catch((e) => { throw new Error(`${e.message}: ${vscode.window.activeTextEditor?.document.uri.path} at ${vscode.window.activeTextEditor?.selection.active.line}, problems ${JSON.stringify(vscode.languages.getDiagnostics(file).map((d) => [d.range.start.line, d.message]))}`); });
      } finally {
        await config.update('highlight.maxHighlights', undefined, vscode.ConfigurationTarget.Workspace);
      }
    });
  });
});

describe('everyday: unusual JSON documents (trial 16)', () => {
  afterEach(closeAllEditors);
  const hoverOf = async (doc: vscode.TextDocument, needle: string) => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(doc.getText().indexOf(needle) + 1));
    // (as shown: markdown escapes undone)
    return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n').replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1');
  };

  it('hover on a query bound to a JSON that cannot be read says why: not UTF-8 (never U+FFFD values), empty', async () => {
    const cases: [string, Buffer, RegExp][] = [
      ['trial16-latin1', Buffer.from('{"Items": [{"Id": "caf\xe9"}]}\n', 'latin1'), /Not UTF-8 at line 1, column 23/],
      ['trial16-empty', Buffer.alloc(0), /not valid \(line 1, column 1\)/],
    ];
    const files = Object.fromEntries(cases.flatMap(([name, bytes]) => [[`${name}.json`, bytes], [`${name}.jmespath`, 'Items[].Id\n']]));
    await withWorkspaceFiles(files, async (uris) => {
      for (const [i, [name, , reason]] of cases.entries()) {
        const [json, qf] = [uris[2 * i], uris[2 * i + 1]];
        await vscode.commands.executeCommand('jmespathAws.bindQueryFile', json, qf);
        const doc = await vscode.workspace.openTextDocument(qf);
        await vscode.window.showTextDocument(doc);
        const text = await hoverOf(doc, 'Id');
        assert.match(text, reason, `${name}: ${text}`);
        assert.ok(!text.includes('\ufffd'), `${name}: ${text}`);
      }
    });
  });

  it('a new query file for an untitled JSON asks to save the JSON first, rather than failing (trial 16: a raw filesystem error)', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'json', content: '{"Items": []}\n' });
    await vscode.window.showTextDocument(doc);
    let outcome: unknown = 'pending';
    const created = Promise.resolve(vscode.commands.executeCommand<string | undefined>('jmespathAws.newQueryFile'))
      .then((v) => { outcome = v; }, (e: Error) => { outcome = e; });
    await new Promise((r) => setTimeout(r, 1500));
    assert.strictEqual(outcome, 'pending', `it waits for the answer to "Save As...", it did not end with ${outcome}`);
    await vscode.commands.executeCommand('notifications.clearAll'); // dismissed: nothing is created
    await created;
    assert.strictEqual(outcome, undefined);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.languageId === 'jmespath' && d.uri.scheme === 'untitled'));
  });

  it('Ctrl+Alt+J away from a JSON editor offers the JSON files open in tabs first, the first ready for Enter (trial 16)', async () => {
    const { query } = await api();
    const untitled = await vscode.workspace.openTextDocument({ language: 'json', content: '{"Items": [{"Id": "untitled-id"}]}\n' });
    await vscode.window.showTextDocument(untitled, vscode.ViewColumn.One);
    await openEditor(VOLUMES, vscode.ViewColumn.One);
    await openEditor('refine.sh', vscode.ViewColumn.One);
    void vscode.commands.executeCommand('jmespathAws.queryFromKeyboard');
    const picker = await waitFor('the JSON picker', () => query.pickers.json);
    assert.match(picker.title ?? '', /refine\.sh is not JSON/);
    const labels = picker.items.map((i) => i.label);
    const open = labels.slice(0, labels.indexOf('other JSON files'));
    assert.deepStrictEqual([...open].sort(), ['Untitled-1', 'describe-volumes.json'], `the open ones first (the untitled one too): ${labels.join(', ')}`);
    assert.strictEqual(picker.activeItems[0]?.label, open[0], 'the first is ready for Enter');
    picker.hide();
  });

  it('JSON pasted into an untitled Plain Text editor is offered first, ready for Enter, and queried (trial 24)', async () => {
    const { query } = await api();
    const pasted = await openUntitled('\n  [{"Id": "pasted-1"}, {"Id": "pasted-2"}]\n', 'plaintext');
    await vscode.window.showTextDocument(pasted, vscode.ViewColumn.One);
    const answer = vscode.commands.executeCommand<string | undefined>('jmespathAws.queryFromKeyboard');
    const picker = await waitFor('the JSON picker', () => query.pickers.json);
    assert.strictEqual(picker.activeItems[0]?.label, pasted.uri.path, `the pasted JSON is ready for Enter: ${picker.items.map((i) => i.label).join(', ')}`);
    picker.selectedItems = [picker.activeItems[0]];
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const palette = await waitFor('the palette on it', () => query.palette.activePick);
    palette.value = '[].Id';
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    assert.strictEqual(await answer, '[\n    "pasted-1",\n    "pasted-2"\n]\n');
  });

  it('closing a query\'s results tab clears its highlights and count (trial 16: they stayed)', async () => {
    const { query } = await api();
    await openEditor(VOLUMES);
    await vscode.commands.executeCommand('jmespathAws.query', 'Volumes[].VolumeId');
    await waitFor('highlights', () => query.runner.highlights.summary?.count);
    const results = await waitFor('results', () => resultEditor());
    await vscode.window.showTextDocument(results.document, results.viewColumn);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await waitFor('highlights cleared', () => (query.runner.highlights.summary === undefined ? true : undefined));
  });
});
