// Query features in a real editor: palette command, results editor, highlights, query files,
// paths, bad input and a file over 50 MB.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { search } from '../../src/core/jmespath';
import { api, closeAllEditors, openEditor, resultEditor, waitFor, workspaceFile } from './helpers';

const INSTANCES = 'describe-instances.json';
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
    const results = await waitFor('results editor', () => resultEditor());
    assert.strictEqual(results.document.getText(), text);
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

  it('never edits the source JSON', async () => {
    const editor = await openEditor(INSTANCES);
    const before = editor.document.getText();
    await vscode.commands.executeCommand('jmespathAws.query', 'Reservations[].Instances[].Tags[]');
    assert.strictEqual(editor.document.getText(), before);
    assert.strictEqual(editor.document.isDirty, false);
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
});
