// AWS CLI helpers in a real editor: the generator (arguments, insertion, undo), diagnostics and
// quick fixes on scripts, --query completion, and no model loading at activation.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { api, closeAllEditors, waitFor, workspaceFile } from './helpers';

describe('AWS CLI helpers', () => {
  afterEach(closeAllEditors);

  it('does not read the AWS models at activation', async () => {
    const { aws } = await api();
    const scripts = vscode.workspace.textDocuments.filter((d) => ['shellscript', 'python', 'powershell', 'bat'].includes(d.languageId));
    assert.deepStrictEqual(scripts.map((d) => d.uri.toString()), [], 'this test runs before any script is opened');
    assert.strictEqual(aws.models.loadedCount, 0);
  });

  it('generates run-instances from arguments, inserts it as one undoable edit', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'shellscript', content: '' });
    await vscode.window.showTextDocument(doc);
    const text = await vscode.commands.executeCommand<string>('jmespathAws.generateRunInstances', {
      imageId: 'ami-1e749f67', instanceType: 't2.micro', count: 2, name: 'web',
    });
    assert.match(text, /^aws ec2 run-instances \\\n {4}--image-id ami-1e749f67 \\\n/);
    assert.match(text, /--query 'Instances\[\*\]\.InstanceId' --output text\n$/);
    await waitFor('inserted', () => doc.getText() === text);
    await vscode.commands.executeCommand('undo');
    await waitFor('undone', () => doc.getText() === '');
  });

  it('leaves tab stops for blanks and writes boto3 for Python files', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: '' });
    await vscode.window.showTextDocument(doc);
    const text = await vscode.commands.executeCommand<string>('jmespathAws.generateRunInstances', { count: 1 });
    assert.match(text, /ec2\.run_instances\(\n {4}ImageId='ami-x+',\n {4}InstanceType='t3\.micro',/);
    await waitFor('inserted', () => doc.getText() === text);
    // the cursor sits on the first tab stop, the AMI id placeholder
    const editor = vscode.window.activeTextEditor!;
    assert.strictEqual(doc.getText(editor.selection), 'ami-xxxxxxxxxxxxxxxxx');
  });

  it('rejects a bad AMI id given as an argument', async () => {
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('jmespathAws.generateRunInstances', { imageId: 'ami-nothex!', insert: false })), /not an AMI id/);
  });

  it('flags --query typos and syntax errors in a script, with a quick fix', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile('typos.sh'));
    await vscode.window.showTextDocument(doc);
    const diagnostics = await waitFor('diagnostics', () => {
      const d = vscode.languages.getDiagnostics(doc.uri);
      return d.length >= 2 ? d : undefined;
    });
    const typo = diagnostics.find((d) => d.code === 'query-field')!;
    assert.strictEqual(typo.message, 'InstanceID is not a field of Instance; did you mean InstanceId? (the query would give null)');
    assert.strictEqual(doc.getText(typo.range), 'InstanceID');
    const syntax = diagnostics.find((d) => d.code === 'query-syntax')!;
    assert.match(syntax.message, /Incomplete expression/);
    assert.strictEqual(diagnostics.length, 2, 'the correct query gets no diagnostic');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, typo.range);
    const fix = actions.find((a) => a.title === 'Change to InstanceId')!;
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.match(doc.getText(), /--query 'Instances\[0\]\.InstanceId'/);
    await vscode.commands.executeCommand('undo');
  });

  it("flags boto3's ImageID", async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile('launch.py'));
    const diagnostics = await waitFor('diagnostics', () => {
      const d = vscode.languages.getDiagnostics(doc.uri);
      return d.length ? d : undefined;
    });
    assert.strictEqual(doc.getText(diagnostics[0].range), 'ImageID');
    assert.match(diagnostics[0].message, /did you mean ImageId\?/);
  });

  it('flags ImageID in session-based boto3 code, where the client is passed under another name', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile('launch-session.py'));
    await vscode.window.showTextDocument(doc);
    const diagnostics = await waitFor('diagnostics', () => {
      const d = vscode.languages.getDiagnostics(doc.uri);
      return d.length ? d : undefined;
    });
    assert.deepStrictEqual(diagnostics.map((d) => doc.getText(d.range)), ['ImageID']);
    assert.strictEqual(diagnostics[0].range.start.line, 9);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diagnostics[0].range);
    assert.ok(actions.some((a) => a.title === 'Change to ImageId'), actions.map((a) => a.title).join(', '));
  });

  it('completes field names inside --query from the output shape', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'shellscript', content: "aws ec2 describe-instances --query 'Reservations[].Instances[].St'\n" });
    const position = new vscode.Position(0, doc.lineAt(0).text.indexOf("St'") + 2);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position);
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('State'), labels.slice(0, 20).join(', '));
    assert.ok(labels.includes('InstanceId'));
  });
});
