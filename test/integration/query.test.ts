// Query features in a real editor: palette command, results editor, highlights, query files,
// paths, bad input and a file over 50 MB.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { search } from '../../src/core/jmespath';
import { api, closeAllEditors, elementsHtml, hasKeyBridge, openEditor, openPaletteOn, pasteText, pressKey, resultEditor, waitFor, withWorkspaceFiles, workspaceFile } from './helpers';

const INSTANCES = 'describe-instances.json';
const VOLUMES = 'describe-volumes.json';
const instancesText = () => fs.readFileSync(workspaceFile(INSTANCES).fsPath, 'utf8');

describe('the extension in VS Code', () => {
  it('activates and registers every command it contributes', async () => {
    await api();
    const ext = vscode.extensions.getExtension('jmespath-aws-tools.jmespath-aws-helpers')!;
    const contributed: { command: string }[] = ext.packageJSON.contributes.commands;
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepStrictEqual(contributed.filter((c) => !registered.has(c.command)).map((c) => c.command), []);
    assert.ok(!ext.packageJSON.activationEvents.includes('*'));
  });
});

describe('palette query with arguments', () => {
  afterEach(closeAllEditors);

  it('returns what the AWS CLI prints and shows it in a read-only results editor', async () => {
    await openEditor(INSTANCES);
    const expression = 'Reservations[].Instances[].InstanceId';
    const text = await vscode.commands.executeCommand<string>('jmespathAws.query', expression);
    assert.strictEqual(text, search(expression, instancesText()));
    // (a results tab of an earlier query may show until this one's text arrives)
    const results = await waitFor('results editor', () => (resultEditor()?.document.getText() === text ? resultEditor() : undefined));
    assert.strictEqual(results.document.languageId, 'json');
    // typing into the results editor changes nothing: it is read-only
    await vscode.window.showTextDocument(results.document, { viewColumn: results.viewColumn, preserveFocus: false });
    await vscode.commands.executeCommand('type', { text: 'x' });
    assert.strictEqual(results.document.getText(), text);
    assert.strictEqual(results.document.isDirty, false);
  });

  it('refreshes the same results editor in place', async () => {
    await openEditor(INSTANCES);
    await vscode.commands.executeCommand('jmespathAws.query', 'Reservations[0].Instances[0].InstanceType');
    const first = await waitFor('results editor', () => resultEditor());
    const text = await vscode.commands.executeCommand<string>('jmespathAws.query', 'length(Reservations[].Instances[])');
    await waitFor('refreshed result', () => resultEditor()?.document.getText() === text);
    const resultTabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.scheme === 'jmespath-result');
    assert.strictEqual(resultTabs.length, 1);
    assert.strictEqual(resultEditor()!.document.uri.toString(), first.document.uri.toString());
    assert.strictEqual(text, '5\n');
  });

  it('takes a URI and reports invalid JSON with line and column', async () => {
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('jmespathAws.query', 'a', workspaceFile('invalid.json'))),
      /line 3, column 8/,
    );
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('jmespathAws.query', 'a', workspaceFile('with-comments.jsonc'))),
      /Comments are not allowed in JSON at line 2, column 3/,
    );
  });

  it('reports a bad query with the CLI message and its column', async () => {
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('jmespathAws.query', 'Reservations[?State ==]', workspaceFile(INSTANCES))),
      /Parse error at column 22/,
    );
  });

});

describe('the source JSON is never edited', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await vscode.commands.executeCommand('jmespathAws.chooseResultsFormat', 'json');
    await closeAllEditors();
  });

  it('by palette queries, query files, highlights, F8, Escape, copy path, hover or a results format change', async function () {
    this.timeout(60000);
    const { query } = await api();
    const editor = await openEditor(INSTANCES);
    const doc = editor.document;
    const onDisk = instancesText();
    const version = doc.version;
    // every change event and save of the source, whatever it changed (an edit that writes back
    // the same text, or one undone at once, still counts)
    const touched: string[] = [];
    const mine = (d: vscode.TextDocument) => d.uri.toString() === doc.uri.toString();
    const listeners = [
      vscode.workspace.onDidChangeTextDocument((e) => { if (mine(e.document)) touched.push(`change v${e.document.version}: ${JSON.stringify(e.contentChanges.map((c) => c.text))}`); }),
      vscode.workspace.onWillSaveTextDocument((e) => { if (mine(e.document)) touched.push('will save'); }),
      vscode.workspace.onDidSaveTextDocument((d) => { if (mine(d)) touched.push('saved'); }),
    ];
    try {
      // palette query with arguments: results, highlights, F8 / Shift+F8, Escape
      await vscode.commands.executeCommand('jmespathAws.query', "Reservations[].Instances[?State.Name=='running'].InstanceId");
      await waitFor('highlights', () => query.runner.highlights.summary?.count);
      await vscode.commands.executeCommand('jmespathAws.nextResult');
      await vscode.commands.executeCommand('jmespathAws.nextResult');
      await vscode.commands.executeCommand('jmespathAws.previousResult');
      await waitFor('F8 selected a value', () => !vscode.window.activeTextEditor!.selection.isEmpty);
      await vscode.commands.executeCommand('jmespathAws.clearHighlights');
      // a computed result (inline text on the source)
      await vscode.commands.executeCommand('jmespathAws.query', 'length(Reservations[].Instances[])');
      await waitFor('computed summary', () => query.runner.highlights.summary?.computedText);
      // the interactive palette: preview as you type, then Enter
      await vscode.window.showTextDocument(doc, { viewColumn: editor.viewColumn });
      const running = vscode.commands.executeCommand<string>('jmespathAws.query');
      const pick = await waitFor('palette', () => query.palette.activePick);
      pick.value = 'Reservations[].Instances[].Tags[]';
      await waitFor('preview', () => pick.items[0]?.description?.includes('$(check)'));
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      assert.strictEqual(await running, search('Reservations[].Instances[].Tags[]', onDisk));
      // typing on and pressing Enter before the preview catches up runs what is typed, not the last preview
      const again = vscode.commands.executeCommand<string>('jmespathAws.query');
      const pick2 = await waitFor('palette', () => query.palette.activePick);
      pick2.value = 'Reservations[].Instances[].Tags';
      await waitFor('preview', () => pick2.items[0]?.description?.includes('$(check)'));
      pick2.value = 'Reservations[].Instances[].Tags[].Key';
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      assert.strictEqual(await again, search('Reservations[].Instances[].Tags[].Key', onDisk));
      /** A new palette after `previous`, with `value` typed and its preview answered a moment ago. */
      const typedAndPreviewed = async (previous: vscode.QuickPick<vscode.QuickPickItem>, value: string) => {
        const pick = await waitFor('palette', () => (query.palette.activePick !== previous ? query.palette.activePick : undefined));
        pick.value = value;
        await waitFor('preview', () => pick.items[0]?.expression === value && pick.items[0]?.description?.includes('$(check)'));
        await new Promise((r) => setTimeout(r, 300));
        return pick;
      };
      // a recent query that was only first when the list opened is not what Enter runs once the preview answers
      const third = vscode.commands.executeCommand<string>('jmespathAws.query');
      const pick3 = await typedAndPreviewed(pick2, 'Reservations[].Instances[].Tags');
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      assert.strictEqual(await third, search('Reservations[].Instances[].Tags', onDisk));
      // moving down to a recent query after the preview answered: Enter runs that row
      const fourth = vscode.commands.executeCommand<string>('jmespathAws.query');
      const pick4 = await typedAndPreviewed(pick3, 'Reservations[].Instances[]');
      for (let i = 0; i < 10 && !pick4.activeItems[0]?.description?.startsWith('recent'); i++) {
        await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
        await new Promise((r) => setTimeout(r, 50));
      }
      const row = pick4.activeItems[0].expression;
      assert.match(row, /^Reservations\[\]\.Instances\[\]\.Tags/);
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      assert.strictEqual(await fourth, search(row, onDisk));
      // results in another format re-run what is shown
      await vscode.commands.executeCommand('jmespathAws.chooseResultsFormat', 'table');
      await waitFor('table result', () => resultEditor()?.document.getText().includes('|'));
      await vscode.commands.executeCommand('jmespathAws.chooseResultsFormat', 'json');
      // a query file: run, then live re-runs as the query is edited
      const qf = workspaceFile('never-edits.jmespath');
      fs.writeFileSync(qf.fsPath, 'Reservations[0].Instances[0].InstanceType\n');
      await vscode.commands.executeCommand('jmespathAws.bindQueryFile', doc.uri, qf);
      const qfEditor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(qf), vscode.ViewColumn.Two);
      qfEditor.selection = new vscode.Selection(0, 3, 0, 3);
      await vscode.commands.executeCommand('jmespathAws.runQueryAtCursor');
      await waitFor('query file result', () => resultEditor()?.document.getText() === '"t2.micro"\n');
      await qfEditor.edit((b) => b.replace(new vscode.Range(0, 0, 0, 100), 'Reservations[].Instances[].State'));
      await waitFor('live result', () => resultEditor()?.document.getText().includes('"running"'));
      await waitFor('highlights from the query file', () => query.runner.highlights.summary?.count === 5);
      // paths: copy (exact, projected, at the cursor) and hover
      const offset = doc.getText().indexOf('"InstanceId"') + 20;
      assert.strictEqual(await vscode.commands.executeCommand('jmespathAws.copyPath', { uri: doc.uri.toString(), offset, projected: false }), 'Reservations[0].Instances[0].InstanceId');
      const sourceEditor = await vscode.window.showTextDocument(doc, { viewColumn: editor.viewColumn });
      sourceEditor.selection = new vscode.Selection(doc.positionAt(offset), doc.positionAt(offset));
      assert.strictEqual(await vscode.commands.executeCommand('jmespathAws.copyPath', { projected: true }), 'Reservations[].Instances[].InstanceId');
      await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, doc.positionAt(offset));
    } finally {
      listeners.forEach((l) => l.dispose());
    }
    assert.deepStrictEqual(touched, [], 'the source document was changed or saved');
    assert.strictEqual(doc.version, version, 'the source document\'s version moved');
    assert.strictEqual(doc.isDirty, false);
    assert.strictEqual(doc.getText(), onDisk);
    assert.strictEqual(instancesText(), onDisk, 'the file on disk changed');
  });
});

describe('inline results on the JSON', () => {
  afterEach(closeAllEditors);

  it('highlights the values a result is made of, counts them and moves between them', async () => {
    const { query } = await api();
    const editor = await openEditor(INSTANCES);
    await vscode.commands.executeCommand('jmespathAws.query', "Reservations[].Instances[?State.Name=='running'].InstanceId");
    const summary = await waitFor('highlights', () => query.runner.highlights.summary);
    const running = (JSON.parse(instancesText()).Reservations as { Instances: { InstanceId: string; State: { Name: string } }[] }[])
      .flatMap((r) => r.Instances).filter((i) => i.State.Name === 'running').map((i) => i.InstanceId);
    assert.strictEqual(summary.count, running.length);
    assert.ok(running.length >= 2);
    await vscode.commands.executeCommand('jmespathAws.nextResult');
    await waitFor('selection on first id', () => editor.document.getText(vscode.window.activeTextEditor!.selection) === JSON.stringify(running[0]));
    await vscode.commands.executeCommand('jmespathAws.nextResult');
    await waitFor('selection on second id', () => vscode.window.activeTextEditor!.document.getText(vscode.window.activeTextEditor!.selection) === JSON.stringify(running[1]));
    await vscode.commands.executeCommand('jmespathAws.clearHighlights');
    assert.strictEqual(query.runner.highlights.summary, undefined);
  });

  it('a results tab VS Code restores after a window reload shows its query\'s result again, not an empty tab (trial 14)', async () => {
    const { query } = await api();
    await openEditor(VOLUMES);
    const printed = await vscode.commands.executeCommand<string>('jmespathAws.query', 'Volumes[].VolumeId');
    const shown = await waitFor('results tab', () => resultEditor());
    const uri = shown.document.uri;
    await vscode.window.showTextDocument(shown.document, shown.viewColumn);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await waitFor('forgotten', () => (query.runner.results.resultFor(workspaceFile(VOLUMES)) === undefined ? true : undefined));
    // what VS Code asks when it restores the tab after a reload (this session's text is gone)
    assert.strictEqual(query.runner.results.provideTextDocumentContent(uri), '');
    await waitFor('the result again', () => (query.runner.results.resultFor(workspaceFile(VOLUMES))?.text === printed ? true : undefined), 15000);
    const reopened = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
    await waitFor('shown in the tab', () => (reopened.document.getText() === printed ? true : undefined));
  });

  it('a result left stale by invalid JSON runs again once the JSON is fixed (trial 15: it stayed stale)', async () => {
    const { query } = await api();
    await withWorkspaceFiles({ 'trial15-fix.json': '{"Volumes": [{"Size": 8}, {"Size": 20}]}\n' }, async ([file]) => {
      const doc = await vscode.workspace.openTextDocument(file);
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('jmespathAws.query', 'Volumes[].Size', file.toString());
      const broken = new vscode.WorkspaceEdit();
      broken.insert(file, doc.positionAt(doc.getText().indexOf('20')), ',');
      await vscode.workspace.applyEdit(broken);
      await assert.rejects(Promise.resolve(vscode.commands.executeCommand('jmespathAws.query', 'Volumes[].Size', file.toString())), /Invalid JSON/);
      await waitFor('stale', () => query.runner.results.resultFor(file)?.stale || undefined);
      await vscode.commands.executeCommand('undo');
      const fixed = await waitFor('fresh again', () => {
        const shown = query.runner.results.resultFor(file);
        return shown && !shown.stale ? shown : undefined;
      });
      assert.strictEqual(fixed.text, '[\n    8,\n    20\n]\n');
    });
  });

  it('counts a list the JSON holds as its values, as the palette does; F8 steps through them (trial 14: 2 values in the palette, 1 in the status bar)', async () => {
    const { query } = await api();
    const file = workspaceFile('trial14-item.json');
    fs.writeFileSync(file.fsPath, JSON.stringify({ Item: { Name: { S: 'Acme' }, Tags: { SS: ['country', '2015'] } } }, null, 2));
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
    const printed = await vscode.commands.executeCommand<string>('jmespathAws.query', 'Item.Tags.SS');
    const values = JSON.parse(printed) as string[];
    const summary = await waitFor('highlights', () => query.runner.highlights.summary);
    assert.strictEqual(summary.count, values.length);
    await vscode.commands.executeCommand('jmespathAws.nextResult');
    await waitFor('selection on the first value', () => editor.document.getText(vscode.window.activeTextEditor!.selection) === JSON.stringify(values[0]) || undefined);
    await closeAllEditors();
    fs.rmSync(file.fsPath, { force: true });
  });

  it('shows computed values as inline text instead', async () => {
    const { query } = await api();
    await openEditor(INSTANCES);
    await vscode.commands.executeCommand('jmespathAws.query', 'length(Reservations[].Instances[])');
    const summary = await waitFor('computed summary', () => query.runner.highlights.summary);
    assert.strictEqual(summary.computedText, '5');
    assert.strictEqual(summary.count, 0);
  });

  it('clears when the source changes', async () => {
    const { query } = await api();
    const doc = await vscode.workspace.openTextDocument({ language: 'json', content: '{"a": [1, 2]}' });
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('jmespathAws.query', 'a[]', doc.uri);
    await waitFor('highlights', () => query.runner.highlights.summary?.count === 2);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(0, 0), ' ');
    await vscode.workspace.applyEdit(edit);
    await waitFor('cleared', () => query.runner.highlights.summary === undefined);
  });
});

describe('query files', () => {
  afterEach(closeAllEditors);

  it('binds to a JSON source, offers a CodeLens per query, and runs it', async () => {
    const qf = workspaceFile('queries.jmespath');
    await vscode.commands.executeCommand('jmespathAws.bindQueryFile', workspaceFile(INSTANCES), qf);
    const doc = await vscode.workspace.openTextDocument(qf);
    await vscode.window.showTextDocument(doc);
    assert.strictEqual(doc.languageId, 'jmespath');
    const lenses = await waitFor('code lenses', async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', qf);
      return l && l.length >= 5 ? l : undefined;
    });
    assert.match(lenses[0].command!.title, /Run on describe-instances\.json/);
    const [expression, file] = lenses[1].command!.arguments as [string, string];
    const text = await vscode.commands.executeCommand<string>(lenses[1].command!.command, expression, file);
    assert.strictEqual(text, search(expression, instancesText()));
    await waitFor('results editor', () => resultEditor()?.document.getText() === text);
  });

  it('re-runs the query under the cursor as you type', async () => {
    const qf = workspaceFile('live.jmespath');
    fs.writeFileSync(qf.fsPath, 'Reservations[0].Instances[0].InstanceType\n');
    await vscode.commands.executeCommand('jmespathAws.bindQueryFile', workspaceFile(INSTANCES), qf);
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(qf));
    editor.selection = new vscode.Selection(0, 5, 0, 5);
    await vscode.commands.executeCommand('jmespathAws.runQueryAtCursor');
    await waitFor('first result', () => resultEditor()?.document.getText() === '"t2.micro"\n');
    await editor.edit((b) => b.replace(new vscode.Range(0, 0, 0, 100), 'length(Reservations)'));
    await waitFor('live result', () => resultEditor()?.document.getText() === '2\n');
  });

  it('deleting the query that is shown marks its results stale and takes its failure away; a query pasted in its place runs (trial 20)', async function () {
    if (!hasKeyBridge()) this.skip();
    const { query } = await api();
    const qf = workspaceFile('deleted.jmespath');
    fs.writeFileSync(qf.fsPath, 'Reservations[0].ReservationId\n\nReservations[0] | foo(@)\n\nlength(Reservations)\n');
    const source = workspaceFile(INSTANCES);
    const statusBar = async () => (await elementsHtml('.statusbar-item')) ?? '';
    try {
      await vscode.commands.executeCommand('jmespathAws.bindQueryFile', source, qf);
      let editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(qf));
      editor.selection = new vscode.Selection(0, 3, 0, 3);
      await vscode.commands.executeCommand('jmespathAws.runQueryAtCursor');
      await waitFor('the first result', () => resultEditor()?.document.getText().startsWith('"r-') || undefined);
      // a failing query: its failure in the status bar, the result stale
      editor.selection = new vscode.Selection(2, 3, 2, 3);
      await vscode.commands.executeCommand('jmespathAws.runQueryAtCursor');
      await waitFor('the failure in the status bar', async () => (await statusBar()).includes('Unknown function: foo()'));
      // only while the query file is the active editor (trial 22: it showed in every editor)
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceFile(VOLUMES)), editor.viewColumn);
      await waitFor('no failure in another editor', async () => !(await statusBar()).includes('Unknown function: foo()'));
      editor = await vscode.window.showTextDocument(editor.document, vscode.window.activeTextEditor?.viewColumn);
      await waitFor('the failure back with its query file', async () => (await statusBar()).includes('Unknown function: foo()'));
      // Ctrl+Shift+K on it: the failure goes, and the results say their query is gone
      await vscode.window.showTextDocument(editor.document, editor.viewColumn);
      await pressKey('Control+Shift+K');
      await waitFor('the line deleted', () => !editor.document.getText().includes('foo(@)') || undefined);
      await waitFor('the failure gone from the status bar', async () => !(await statusBar()).includes('Unknown function: foo()'));
      const lenses = await waitFor('the stale mark', async () => {
        const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', resultEditor()!.document.uri);
        const titles = l.map((x) => x.command?.title ?? '');
        return titles.some((t) => t.includes('was deleted from deleted.jmespath')) ? titles : undefined;
      });
      assert.match(lenses[0], /Stale: Reservations\[0\] \| foo\(@\) was deleted from deleted\.jmespath/);
      // a query pasted where it was, with its line break: the cursor ends on the blank line under it, and it runs
      await pasteText('Reservations[0].Instances[0].InstanceType\n');
      await waitFor('the query pasted', () => editor.document.getText().includes('InstanceType') || undefined);
      assert.strictEqual(editor.selection.active.line, 3, 'the cursor under the pasted line');
      await waitFor('the pasted query\'s result', () => (query.runner.results.resultFor(source)?.expression === 'Reservations[0].Instances[0].InstanceType' ? true : undefined))
        .catch((e) => { throw new Error(`${e.message}: shows ${query.runner.results.resultFor(source)?.expression}`); });
      await waitFor('its text in the results editor', () => resultEditor()?.document.getText() === '"t2.micro"\n' || undefined)
        .catch((e) => { throw new Error(`${e.message}: ${JSON.stringify(resultEditor()?.document.getText().slice(0, 80))}`); });
    } finally {
      await closeAllEditors();
      fs.rmSync(qf.fsPath, { force: true });
    }
  });

  it('a syntax error in a query over several lines says where it is in the file, on one line (trial 22: "column 43" on line 5)', async () => {
    await withWorkspaceFiles({ 'multiline.jmespath': '# notes\n\nReservations[].Instances[]\n  | [?State.Name ==\n' }, async ([qf]) => {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(qf));
      const syntax = await waitFor('syntax problem', () => vscode.languages.getDiagnostics(qf).find((d) => String(d.code).startsWith('column')));
      assert.ok(!syntax.message.includes('\n'), syntax.message);
      assert.strictEqual(syntax.message, 'Invalid jmespath expression: Incomplete expression: ⟶   | [?State.Name ==‸ (line 4, column 20 in this file)');
      assert.deepStrictEqual([syntax.range.start.line, syntax.range.start.character], [3, 19]);
    });
  });

  it('with the query file split in two, typing re-runs the query typed in, not the other editor\'s (trial 15)', async () => {
    const { query } = await api();
    const qf = workspaceFile('split.jmespath');
    fs.writeFileSync(qf.fsPath, 'Reservations[0].ReservationId\n\nReservations[0].Instances[0].InstanceType\n');
    try {
      await vscode.commands.executeCommand('jmespathAws.bindQueryFile', workspaceFile(INSTANCES), qf);
      const doc = await vscode.workspace.openTextDocument(qf);
      // the left editor sits on the first query; the right one, typed in, on the second
      const left = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
      left.selection = new vscode.Selection(0, 3, 0, 3);
      const right = await vscode.window.showTextDocument(doc, vscode.ViewColumn.Two);
      right.selection = new vscode.Selection(2, 3, 2, 3);
      await vscode.commands.executeCommand('jmespathAws.runQueryAtCursor');
      await waitFor('the second query\'s result', () => (resultEditor()?.document.getText() === '"t2.micro"\n' ? true : undefined));
      await right.edit((b) => b.replace(new vscode.Range(2, 0, 2, 100), 'Reservations[0].Instances[0].InstanceId'));
      await waitFor('its live result', () => (query.runner.results.resultFor(workspaceFile(INSTANCES))?.expression === 'Reservations[0].Instances[0].InstanceId' ? true : undefined))
        .catch((e) => { throw new Error(`${e.message}: ran ${query.runner.results.resultFor(workspaceFile(INSTANCES))?.expression}`); });
    } finally {
      await closeAllEditors();
      fs.rmSync(qf.fsPath, { force: true });
    }
  });

  it('reports syntax errors as diagnostics at the CLI column', async () => {
    const qf = workspaceFile('broken.jmespath');
    fs.writeFileSync(qf.fsPath, 'Reservations[].Instances[]\n\n# a comment\nfoo[?a == ]\n');
    const doc = await vscode.workspace.openTextDocument(qf);
    const diagnostics = await waitFor('diagnostics', () => {
      const d = vscode.languages.getDiagnostics(doc.uri);
      return d.length ? d : undefined;
    });
    assert.strictEqual(diagnostics.length, 1);
    assert.strictEqual(diagnostics[0].range.start.line, 3);
    assert.strictEqual(diagnostics[0].range.start.character, 10);
    assert.match(diagnostics[0].message, /Parse error at column 10/);
  });

  it('creates a query file for the active JSON, bound to it', async () => {
    await openEditor('describe-volumes.json');
    const created = await vscode.commands.executeCommand<string>('jmespathAws.newQueryFile');
    assert.ok(created?.endsWith('describe-volumes.jmespath'));
    const { query } = await api();
    assert.strictEqual(query.bindings.bindingOf(vscode.Uri.parse(created))?.toString(), workspaceFile('describe-volumes.json').toString());
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), created);
  });
});

describe('JMESPath paths of JSON values', () => {
  afterEach(closeAllEditors);

  it('copies the exact or projected path, quoting identifiers where needed', async () => {
    const editor = await openEditor('tags.json');
    const text = editor.document.getText();
    const uri = editor.document.uri.toString();
    const exact = await vscode.commands.executeCommand<string>('jmespathAws.copyPath', { uri, offset: text.indexOf('"web"') + 1, projected: false });
    assert.strictEqual(exact, 'Tags[0].Value');
    assert.strictEqual(await vscode.env.clipboard.readText(), 'Tags[0].Value');
    const projected = await vscode.commands.executeCommand<string>('jmespathAws.copyPath', { uri, offset: text.indexOf('"web"') + 1, projected: true });
    assert.strictEqual(projected, 'Tags[].Value');
    const ten = await vscode.commands.executeCommand<string>('jmespathAws.copyPath', { uri, offset: text.indexOf('"ten"'), projected: false });
    assert.strictEqual(ten, '"10"');
  });

  it('shows the path on hover', async () => {
    const editor = await openEditor(INSTANCES);
    const offset = editor.document.getText().indexOf('"InstanceId"') + 20;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, editor.document.positionAt(offset));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /Reservations\[0\]\.Instances\[0\]\.InstanceId/);
    assert.match(text, /Reservations\[\]\.Instances\[\]\.InstanceId/);
  });
});

/** jmespath.py's column (code points) for a query that does not compile. */
function pythonColumn(expression: string): number {
  const r = spawnSync('python3', ['-c', 'import jmespath, sys\ntry:\n  jmespath.compile(sys.argv[1])\nexcept Exception as e:\n  print(e.lex_position)', expression], { encoding: 'utf8' });
  assert.strictEqual(r.status, 0, r.stderr);
  return Number(r.stdout.trim());
}

describe('astral code points before an error: the column lands on the right character', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await closeAllEditors();
  });
  // 😀 and 𝒳 are one code point each (jmespath.py's unit) but two UTF-16 units each (the editor's)
  const afterLiteral = "Tags[?Value == '😀𝒳' ]]"; // the second ] is wrong
  const onAstral = "{'😀': a, 𝒳: b}"; // 𝒳 is not a token

  it('the command reports the code-point column jmespath.py reports', async () => {
    assert.strictEqual(pythonColumn(afterLiteral), 21);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('jmespathAws.query', afterLiteral, workspaceFile('tags.json'))), /Parse error at column 21,/);
    assert.strictEqual(pythonColumn(onAstral), 9);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('jmespathAws.query', onAstral, workspaceFile('tags.json'))), /Unknown token 𝒳/);
  });

  it('a query file\'s diagnostic covers the character jmespath.py points at', async () => {
    const qf = workspaceFile('astral.jmespath');
    fs.writeFileSync(qf.fsPath, `# 😀 in a comment\n${afterLiteral}\n\n  ${onAstral}\n`);
    const doc = await vscode.workspace.openTextDocument(qf);
    await vscode.window.showTextDocument(doc);
    const diagnostics = await waitFor('two diagnostics', () => {
      const d = vscode.languages.getDiagnostics(qf);
      return d.length === 2 ? [...d].sort((a, b) => a.range.start.line - b.range.start.line) : undefined;
    });
    const [first, second] = diagnostics;
    assert.strictEqual(first.range.start.line, 1);
    assert.strictEqual(first.range.start.character, afterLiteral.lastIndexOf(']'));
    assert.strictEqual(doc.getText(first.range), ']');
    assert.match(first.message, /column 21/);
    assert.strictEqual(second.range.start.line, 3);
    assert.strictEqual(doc.getText(second.range), '𝒳', 'the whole character, not half of it');
    assert.strictEqual(second.range.start.character, 2 + onAstral.indexOf('𝒳'));
  });

  it('a script\'s --query diagnostic covers the character jmespath.py points at', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'shellscript', content: `#!/bin/sh\n# 😀\naws ec2 describe-tags --query "${afterLiteral}"\n` });
    await vscode.window.showTextDocument(doc);
    const d = await waitFor('query syntax diagnostic', () => vscode.languages.getDiagnostics(doc.uri).find((x) => x.code === 'query-syntax'));
    assert.strictEqual(d.range.start.line, 2);
    assert.strictEqual(d.range.start.character, doc.lineAt(2).text.lastIndexOf(']'));
    assert.strictEqual(doc.getText(d.range), ']');
  });

  it('the palette\'s caret sits after the character before the error', async () => {
    const pick = await openPaletteOn('tags.json');
    pick.value = afterLiteral;
    const detail = await waitFor('error preview', () => pick.items[0]?.description?.includes('$(error)') ? pick.items[0].detail : undefined);
    assert.ok(detail.startsWith(`⟶ Tags[?Value == '😀𝒳' ]‸] `), detail);
  });

  it('"did you mean" after astral characters flags and corrects the right field (on a file with integer-like keys)', async () => {
    const typo = "Tags[?Key != '😀𝒳'].Valeu";
    const qf = workspaceFile('astral-typo.jmespath');
    fs.writeFileSync(qf.fsPath, `# Queries against tags.json\n\n${typo}\n`);
    const doc = await vscode.workspace.openTextDocument(qf);
    await vscode.window.showTextDocument(doc);
    assert.strictEqual(await vscode.commands.executeCommand('jmespathAws.runQuery', typo, qf), '[]\n');
    const hint = await waitFor('hint diagnostic', () => vscode.languages.getDiagnostics(qf).find((d) => d.code === 'missing-field'));
    assert.strictEqual(doc.getText(hint.range), 'Valeu');
    const pick = await openPaletteOn('tags.json');
    pick.value = typo;
    const row = await waitFor('hint row', () => pick.items.find((i) => i.label.includes('Did you mean Value?')));
    assert.strictEqual((row as vscode.QuickPickItem & { expression: string }).expression, "Tags[?Key != '😀𝒳'].Value");
  });
});

describe('CRLF line endings: highlights and paths at the right offsets', () => {
  afterEach(closeAllEditors);
  let uri: vscode.Uri;
  const ids = ['i-aaa', 'i-bbb', 'i-ccc', 'i-ddd', 'i-eee'];

  beforeEach(() => {
    uri = workspaceFile('crlf.json');
    const data = { Reservations: [{ Instances: ids.map((id, i) => ({ InstanceId: id, Tags: [{ Key: 'Name', Value: `web-${i}` }], Size: i })) }] };
    fs.writeFileSync(uri.fsPath, JSON.stringify(data, null, 2).replace(/\n/g, '\r\n') + '\r\n');
  });

  it('F8 selects exactly each highlighted value', async () => {
    const { query } = await api();
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    assert.strictEqual(editor.document.eol, vscode.EndOfLine.CRLF);
    await vscode.commands.executeCommand('jmespathAws.query', 'Reservations[].Instances[].InstanceId', uri);
    await waitFor('five highlights', () => query.runner.highlights.summary?.count === 5);
    const selected: string[] = [];
    for (let i = 0; i < ids.length; i++) {
      await vscode.commands.executeCommand('jmespathAws.nextResult');
      const e = vscode.window.activeTextEditor!;
      selected.push(e.document.getText(e.selection));
    }
    assert.deepStrictEqual(selected, ids.map((id) => JSON.stringify(id)));
  });

  it('copy path and hover name the value under the cursor', async () => {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const doc = editor.document;
    // the last tag value: many lines down, so an offset counted with LF would land lines earlier
    const position = doc.positionAt(doc.getText().indexOf('"web-4"') + 2);
    editor.selection = new vscode.Selection(position, position);
    assert.strictEqual(await vscode.commands.executeCommand('jmespathAws.copyPath', { projected: false }), 'Reservations[0].Instances[4].Tags[0].Value');
    assert.strictEqual(await vscode.env.clipboard.readText(), 'Reservations[0].Instances[4].Tags[0].Value');
    const size = doc.positionAt(doc.getText().lastIndexOf('"Size": 4') + 8);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, size);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /Reservations\[0\]\.Instances\[4\]\.Size/);
  });
});

describe('a JSON file over 50 MB', function () {
  this.timeout(120000);
  let big: vscode.Uri;
  let instances = 0;
  before(() => {
    big = workspaceFile('big-describe-instances.json');
    const one = JSON.parse(instancesText()).Reservations[0].Instances[0];
    const parts: string[] = [];
    let size = 0;
    while (size < 55 * 1024 * 1024) {
      const chunk = JSON.stringify({ Instances: Array.from({ length: 50 }, (_, i) => ({ ...one, InstanceId: `i-${(instances + i).toString(16).padStart(17, '0')}` })) });
      instances += 50;
      parts.push(chunk);
      size += chunk.length;
    }
    fs.writeFileSync(big.fsPath, `{"Reservations": [${parts.join(',')}]}`);
  });
  after(() => fs.rmSync(big.fsPath, { force: true }));

  it('is read through the file system and queried off the main thread', async () => {
    const text = await vscode.commands.executeCommand<string>('jmespathAws.query', 'length(Reservations[].Instances[])', big, { show: false });
    assert.strictEqual(text, `${instances}\n`);
    const last = await vscode.commands.executeCommand<string>('jmespathAws.query', 'Reservations[-1].Instances[-1].InstanceId', big.toString(), { show: false });
    assert.strictEqual(last, `"i-${(instances - 1).toString(16).padStart(17, '0')}"\n`);
  });

  it('the extension host stays responsive while a slow query on it runs', async () => {
    // a query that prints every instance (seconds of work): run where it belongs, in the worker, the
    // extension host's timers keep their pace and another query answers before it ends; run on the
    // extension host, the host would freeze for the whole evaluation
    const small = await vscode.workspace.openTextDocument(workspaceFile('tags.json'));
    const slowQuery = 'length(Reservations[].Instances[].to_string(@))';
    let longestGap = 0;
    let lastTick = Date.now();
    const ticker = setInterval(() => {
      const now = Date.now();
      longestGap = Math.max(longestGap, now - lastTick);
      lastTick = now;
    }, 20);
    const t0 = Date.now();
    let slowEnded = 0;
    try {
      const slow = Promise.resolve(vscode.commands.executeCommand<string>('jmespathAws.query', slowQuery, big, { show: false }))
        .finally(() => (slowEnded = Date.now()));
      // meanwhile the host answers a query on an open document (evaluated on the host itself)
      const quick = await vscode.commands.executeCommand<string>('jmespathAws.query', 'Tags[0].Value', small.uri, { show: false });
      const quickEnded = Date.now();
      assert.strictEqual(quick, '"web"\n');
      assert.strictEqual(await slow, `${instances}\n`);
      const slowMs = slowEnded - t0;
      assert.ok(slowMs >= 300, `the slow query took ${slowMs} ms: too quick to tell where it ran`);
      assert.ok(quickEnded < slowEnded, `another query answered only after the slow one (${quickEnded - t0} ms vs ${slowMs} ms)`);
      assert.ok(longestGap < slowMs / 2, `the extension host froze for ${longestGap} ms of the slow query's ${slowMs} ms`);
    } finally {
      clearInterval(ticker);
    }
  });
});
