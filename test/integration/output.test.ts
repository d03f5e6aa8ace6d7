// Output formats in a real editor: the results format switch (remembered, re-prints the open
// results editor, text/table as plain text without JSON problems), `jmespathAws.query` with
// { output }, and the --output lints with their quick fixes in a shell script.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { search } from '../../src/core/output';
import { api, clickElement, closeAllEditors, elementsHtml, hasKeyBridge, openEditor, openPaletteOn, pressKey, resultEditor, typeKeys, waitFor, waitForElement, withWorkspaceFiles, workspaceFile } from './helpers';

const QUERY = 'Reservations[].Instances[].[InstanceId, InstanceType]';

async function lensTitles(uri: vscode.Uri): Promise<string[]> {
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
  return (lenses ?? []).map((l) => l.command?.title ?? '');
}

describe('output formats in the editor', () => {
  let json: string;
  before(() => {
    json = fs.readFileSync(workspaceFile('describe-instances.json').fsPath, 'utf8');
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('jmespathAws.chooseResultsFormat', 'json');
    await closeAllEditors();
  });

  it('jmespathAws.query(expression, uri, { output }) returns that format, as the CLI prints it', async () => {
    const uri = workspaceFile('describe-instances.json');
    for (const output of ['text', 'table', 'yaml', 'json'] as const) {
      const text = await vscode.commands.executeCommand<string>('jmespathAws.query', QUERY, uri, { output, show: false });
      assert.strictEqual(text, search(QUERY, json, { output, title: 'DescribeInstances' }), output);
    }
    assert.match(await vscode.commands.executeCommand<string>('jmespathAws.query', QUERY, uri, { output: 'table', show: false }), /^-+\n\| +DescribeInstances +\|\n/);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('jmespathAws.query', QUERY, uri, { output: 'csv' })), /Unknown output format/);
  });

  it('the results format switch re-prints the open results editor, as plain text for tables; later queries follow it', async () => {
    await openEditor('describe-instances.json');
    await vscode.commands.executeCommand('jmespathAws.query', QUERY);
    const shown = await waitFor('results editor', () => resultEditor());
    assert.strictEqual(shown.document.languageId, 'json');
    assert.strictEqual(await vscode.commands.executeCommand('jmespathAws.chooseResultsFormat', 'table'), 'table');
    const expected = search(QUERY, json, { output: 'table', title: 'DescribeInstances' });
    const table = await waitFor('table shown', () => {
      const e = resultEditor();
      return e && e.document.getText() === expected ? e : undefined;
    });
    assert.strictEqual(table.document.languageId, 'plaintext');
    assert.deepStrictEqual(vscode.languages.getDiagnostics(table.document.uri), [], 'no JSON problems on a table');
    // the tab still says which query made it (a language change closes and reopens the document)
    await waitFor('query lens on the table', async () => (await lensTitles(table.document.uri)).some((t) => t.includes(QUERY)));
    // and a failed query keeps the table, marked stale
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('jmespathAws.query', 'Reservations[?')));
    await waitFor('stale lens on the table', async () => (await lensTitles(table.document.uri)).some((t) => t.includes('Stale')));
    assert.strictEqual(resultEditor()?.document.getText(), expected);
    // the next query (and a query file run) follows the chosen format
    const text = await vscode.commands.executeCommand<string>('jmespathAws.query', 'Reservations[].Instances[].InstanceId');
    assert.strictEqual(text, search('Reservations[].Instances[].InstanceId', json, { output: 'table', title: 'DescribeInstances' }));
    await vscode.commands.executeCommand('jmespathAws.chooseResultsFormat', 'yaml');
    await waitFor('yaml shown', () => resultEditor()?.document.languageId === 'yaml' &&
      resultEditor()!.document.getText() === search('Reservations[].Instances[].InstanceId', json, { output: 'yaml' }));
  });

  it('the palette previews a table as its rows, not borders squashed onto one line, and says why an empty one prints nothing (trial 18)', async () => {
    await vscode.commands.executeCommand('jmespathAws.chooseResultsFormat', 'table');
    const pick = await openPaletteOn('describe-instances.json');
    const query = 'Reservations[].Instances[].{Id: InstanceId, Type: InstanceType}';
    pick.value = query;
    const row = await waitFor('the preview', () => pick.items.find((i) => i.label === query && i.description?.includes('$(check)')));
    const table = search(query, json, { output: 'table', title: 'DescribeInstances' });
    const firstId = JSON.parse(search('Reservations[0].Instances[0].InstanceId', json)) as string;
    assert.ok(row.detail!.startsWith('DescribeInstances ⏎ Id | Type ⏎ ' + firstId + ' | '), `${row.detail} (of ${table})`);
    assert.doesNotMatch(row.detail!, /\+-|--/);
    pick.value = "Reservations[?ReservationId == 'nope']";
    const empty = await waitFor('the empty preview', () => pick.items.find((i) => i.label === pick.value && i.description?.includes('$(check)')));
    assert.strictEqual(empty.detail, '(prints nothing: aws --output table prints nothing for this result)');
    pick.hide();
  });

  it('titles a table with the operation for files named after s3api and one-word commands (trial 19: S3apiListObjects78256789)', async () => {
    await withWorkspaceFiles({ 's3api-list-objects-78256789.json': '{"Contents": [{"Key": "a", "Size": 1}]}', 'scan.json': '{"Items": [{"n": {"N": "1"}}]}' }, async ([s3, scan]) => {
      const title = async (uri: vscode.Uri, q: string) => (await vscode.commands.executeCommand<string>('jmespathAws.query', q, uri.toString(), { show: false, output: 'table' })).split('\n')[1];
      assert.match(await title(s3, 'Contents'), /^\|\s*ListObjects\s*\|$/);
      assert.match(await title(scan, 'Items[].n'), /^\|\s*Scan\s*\|$/);
    });
  });

  it('after a failed query, switching the format re-prints the result the tab shows, still marked stale (trial 24)', async () => {
    await openEditor('describe-instances.json');
    await vscode.commands.executeCommand('jmespathAws.chooseResultsFormat', 'yaml');
    await vscode.commands.executeCommand('jmespathAws.query', QUERY);
    await waitFor('yaml shown', () => resultEditor()?.document.getText() === search(QUERY, json, { output: 'yaml' }) || undefined);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('jmespathAws.query', 'Reservations[')));
    const uri = resultEditor()!.document.uri;
    await waitFor('stale lens', async () => (await lensTitles(uri)).some((t) => t.includes('Stale')));
    await vscode.commands.executeCommand('jmespathAws.chooseResultsFormat', 'json');
    const expected = search(QUERY, json, { output: 'json' });
    await waitFor('the good result as json', () => resultEditor()?.document.getText() === expected || undefined);
    assert.strictEqual(resultEditor()!.document.languageId, 'json');
    const titles = await waitFor('still stale', async () => {
      const t = await lensTitles(resultEditor()!.document.uri);
      return t.some((x) => x.includes('Stale')) ? t : undefined;
    });
    assert.ok(titles.some((t) => t.includes('Reservations[') && t.includes('failed')), titles.join(' | '));
  });

  it('a results tab behind another tab is re-printed too, and shows the new format when brought to front (trial 13)', async () => {
    const source = await openEditor('describe-instances.json');
    await vscode.commands.executeCommand('jmespathAws.query', QUERY);
    const uri = (await waitFor('results editor', () => resultEditor())).document.uri.toString();
    const results = () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    // one group: the JSON in front of its results tab
    await vscode.commands.executeCommand('workbench.action.joinAllGroups');
    await vscode.window.showTextDocument(source.document, { viewColumn: vscode.ViewColumn.One });
    await waitFor('results tab behind the JSON', () => !resultEditor() || undefined);
    for (const format of ['yaml', 'text'] as const) {
      const expected = search(QUERY, json, { output: format });
      await vscode.commands.executeCommand('jmespathAws.chooseResultsFormat', format);
      await waitFor(`${format} printed behind`, () => results()?.getText() === expected || undefined);
      await vscode.window.showTextDocument(results()!, { viewColumn: vscode.ViewColumn.One });
      await waitFor(`${format} in front`, () => resultEditor()?.document.getText() === expected || undefined);
      await vscode.window.showTextDocument(source.document, { viewColumn: vscode.ViewColumn.One });
    }
  });

  it('another format shows its result from the top, not where the last one was scrolled (trial 11)', async () => {
    await openEditor('describe-instances.json');
    const q = 'Reservations[].Instances[]';
    await vscode.commands.executeCommand('jmespathAws.query', q);
    const shown = await waitFor('results editor', () => resultEditor());
    await waitFor('the whole result', () => shown.document.lineCount > 300);
    // the user went far down the JSON (a problem, a search)
    const deep = new vscode.Position(shown.document.lineCount - 5, 0);
    shown.selection = new vscode.Selection(deep, deep);
    shown.revealRange(new vscode.Range(deep, deep));
    await waitFor('scrolled down', () => shown.visibleRanges[0]?.start.line > 100);
    await vscode.commands.executeCommand('jmespathAws.chooseResultsFormat', 'table');
    const table = await waitFor('table shown', () => {
      const e = resultEditor();
      return e && e.document.getText() === search(q, json, { output: 'table', title: 'DescribeInstances' }) ? e : undefined;
    });
    await waitFor('from the first line', () => table.selection.active.line === 0 && table.visibleRanges[0]?.start.line === 0);
  });

  it('the results tab\'s title-bar button asks for the format and switches to it', async function () {
    if (!hasKeyBridge()) this.skip();
    this.timeout(60000);
    await openEditor('describe-instances.json');
    await vscode.commands.executeCommand('jmespathAws.query', QUERY);
    const shown = await waitFor('results editor', () => resultEditor());
    await vscode.window.showTextDocument(shown.document, shown.viewColumn); // its title bar shows the button
    await clickElement('.editor-actions .action-label.codicon-output');
    await waitForElement('.quick-input-widget input:focus');
    // the format in use is marked (trial 18: nothing said which it was)
    const rows = await waitFor('the formats', async () => (await elementsHtml('.quick-input-list'))?.includes('in use') || undefined);
    assert.ok(rows);
    await typeKeys('table');
    await pressKey('Enter');
    const expected = search(QUERY, json, { output: 'table', title: 'DescribeInstances' });
    await waitFor('table shown', () => resultEditor()?.document.getText() === expected);
  });

  it('closing a results tab lets its result go, in any format', async function () {
    this.timeout(120000);
    const { query } = await api();
    const source = workspaceFile('describe-instances.json');
    await openEditor('describe-instances.json');
    for (const output of ['json', 'table'] as const) {
      await vscode.commands.executeCommand('jmespathAws.chooseResultsFormat', output);
      await vscode.commands.executeCommand('jmespathAws.query', QUERY);
      const shown = await waitFor('results editor', () => resultEditor());
      assert.ok(query.runner.results.resultFor(source));
      await vscode.window.showTextDocument(shown.document, shown.viewColumn);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await waitFor('the closed result forgotten', () => query.runner.results.resultFor(source) === undefined, 100000);
    }
  });
});

describe('--output lints in scripts', () => {
  afterEach(closeAllEditors);

  it('warns that --output text queries each page, and the quick fix switches to json in one undoable edit', async () => {
    const content = "aws ec2 describe-instances --query 'Reservations[0].Instances[0].InstanceId' --output text\n";
    const doc = await vscode.workspace.openTextDocument({ language: 'shellscript', content });
    await vscode.window.showTextDocument(doc);
    const diag = await waitFor('per-page warning', () => vscode.languages.getDiagnostics(doc.uri).find((d) => d.code === 'output-per-page'));
    assert.strictEqual(diag.severity, vscode.DiagnosticSeverity.Warning);
    assert.strictEqual(doc.getText(diag.range), '--output text');
    assert.match(diag.message, /each page/);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diag.range);
    const titles = actions.map((a) => a.title);
    assert.ok(titles.some((t) => t.startsWith('Add --no-paginate')), titles.join(', '));
    const fix = actions.find((a) => a.title.startsWith('Use --output json'));
    assert.ok(fix?.edit, titles.join(', '));
    await vscode.workspace.applyEdit(fix.edit);
    assert.strictEqual(doc.getText(), content.replace('--output text', '--output json'));
    await waitFor('warning gone', () => !vscode.languages.getDiagnostics(doc.uri).some((d) => d.code === 'output-per-page'));
    await vscode.commands.executeCommand('undo');
    await waitFor('undone', () => doc.getText() === content);
  });

  it('warns that ragged rows make --output table fail', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'shellscript',
      content: "aws ec2 describe-instances --query 'Reservations[*].Instances[*].InstanceId' --output table\n" });
    await vscode.window.showTextDocument(doc);
    const diag = await waitFor('ragged warning', () => vscode.languages.getDiagnostics(doc.uri).find((d) => d.code === 'output-table-ragged'));
    assert.match(diag.message, /Row should have N elements/);
  });
});
