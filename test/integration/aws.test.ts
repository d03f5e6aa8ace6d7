// AWS CLI helpers in a real editor: the generator (arguments, insertion, undo), diagnostics and
// quick fixes on scripts, --query completion, and no model loading at activation.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { api, clickElement, closeAllEditors, hasKeyBridge, waitFor, waitForElement, workspaceFile } from './helpers';

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

  it('a new untitled plain-text file becomes the script the generated command makes it (trial 12)', async () => {
    const doc = await vscode.workspace.openTextDocument({ content: '' });
    assert.strictEqual(doc.languageId, 'plaintext');
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand<string>('jmespathAws.generateRunInstances', { count: 1, flavour: 'python' });
    await waitFor('python', () => vscode.window.activeTextEditor?.document.languageId === 'python');
    assert.match(vscode.window.activeTextEditor!.document.getText(), /ec2\.run_instances\(/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('does not import boto3 a second time into a file that imports it', async () => {
    const file = workspaceFile('launch-with-import.py');
    fs.writeFileSync(file.fsPath, 'import json\nimport boto3\n\n');
    const doc = await vscode.workspace.openTextDocument(file);
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(3, 0, 3, 0);
    await vscode.commands.executeCommand<string>('jmespathAws.generateRunInstances', { count: 1 });
    await waitFor('inserted', () => doc.getText().includes('run_instances('));
    assert.strictEqual(doc.getText().match(/import boto3/g)?.length, 1, doc.getText());
    assert.ok(doc.getText().startsWith('import json\nimport boto3\n\nsession = boto3.Session()\n'), doc.getText());
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('asks profile and region separately, checks formats, and lists common instance types first', async () => {
    const { aws } = await api();
    const doc = await vscode.workspace.openTextDocument({ language: 'shellscript', content: '' });
    await vscode.window.showTextDocument(doc);
    const generated = Promise.resolve(vscode.commands.executeCommand<string>('jmespathAws.generateRunInstances'));
    const prompt = <T extends vscode.QuickPick<vscode.QuickPickItem> | vscode.InputBox>(step: number) =>
      waitFor(`prompt ${step}/11`, () => {
        const p = aws.generator.activePrompt;
        return p?.title?.endsWith(`(${step}/11)`) ? (p as T) : undefined;
      });
    const accept = () => vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    /** Types `filter` into the pick (as a user narrows the list), waits for `label` to be highlighted, presses Enter. */
    const choose = async (step: number, label: string, filter = label) => {
      const qp = await prompt<vscode.QuickPick<vscode.QuickPickItem>>(step);
      if (qp.value !== filter) qp.value = filter;
      await waitFor(`${label} highlighted`, () => qp.activeItems[0]?.label === label);
      await accept();
    };
    const type = async (step: number, value: string) => {
      const box = await prompt<vscode.InputBox>(step);
      box.value = value;
      await accept();
      return box;
    };
    /** A value the step must refuse: the prompt stays, saying why. */
    const refused = async (step: number, value: string, why: RegExp) => {
      const box = await type(step, value);
      await waitFor(`refusal of ${value}`, () => box.validationMessage);
      assert.match(String(box.validationMessage), why);
      assert.strictEqual(aws.generator.activePrompt, box);
    };

    await choose(1, 'bash / zsh (\\ line continuations)', '');
    await refused(2, 'ami-123', /not an AMI id/);
    await type(2, 'ami-1e749f67');
    const types = await prompt<vscode.QuickPick<vscode.QuickPickItem>>(3);
    assert.strictEqual(types.items[1].label, 'common families');
    assert.deepStrictEqual(types.items.slice(2, 5).map((i) => i.label), ['t3.nano', 't3.micro', 't3.small']);
    // (the placeholder is short enough to read whole: trial 12)
    assert.match(types.placeholder ?? '', /^Instance type \(type to search all \d+\)$/);
    const othersAt = types.items.findIndex((i) => /^the other \d+ of the EC2 model's types$/.test(i.label));
    assert.ok(othersAt > 20 && types.items.length - othersAt > 500, `${othersAt} common, ${types.items.length} items`);
    const labels = types.items.map((i) => i.label);
    assert.strictEqual(new Set(labels).size, labels.length, 'each type once (trial 10: t3.micro twice)');
    await choose(3, 't3.micro');
    await type(4, '2');
    await refused(5, 'subnet-xyz', /not a subnet id/);
    await type(5, 'subnet-0123456789abcdef0');
    await refused(6, 'sg-12345678, web', /"web" is not a security group id/);
    await type(6, 'sg-12345678 sg-0123456789abcdef0');
    await refused(7, 'clé', /not a key pair name: up to 255 ASCII characters/);
    await type(7, 'my-key');
    await type(8, 'web-1, env=prod');
    // profile: a name typed that is in no config file is offered as its own item
    const profile = await prompt<vscode.QuickPick<vscode.QuickPickItem>>(9);
    assert.match(profile.placeholder ?? '', /profile/i);
    await choose(9, 'Use profile "dev"', 'dev');
    // region, its own prompt: "default us-east-1" (once read as a profile) is offered but refused
    const region = await prompt<vscode.QuickPick<vscode.QuickPickItem>>(10);
    await choose(10, 'Use region "default us-east-1"', 'default us-east-1');
    assert.match(region.items[0].description ?? '', /"default us-east-1" is not a region name such as us-east-1/);
    await choose(10, 'eu-west-1');
    await type(11, '');
    const text = await generated;
    assert.match(text, /--instance-type t3\.micro \\\n {4}--count 2 \\\n {4}--subnet-id subnet-0123456789abcdef0 \\\n {4}--security-group-ids sg-12345678 sg-0123456789abcdef0 \\\n {4}--key-name my-key \\\n/);
    assert.match(text, /--profile dev \\\n {4}--region eu-west-1 \\\n/);
    await waitFor('inserted', () => doc.getText() === text);
  });

  it('goes Back a step with its answer kept; after Escape the next run starts from the answers given (trial 15)', async function () {
    if (!hasKeyBridge()) this.skip();
    const { aws } = await api();
    const doc = await vscode.workspace.openTextDocument({ language: 'shellscript', content: '' });
    await vscode.window.showTextDocument(doc);
    const prompt = (step: number) => waitFor(`prompt ${step}/11`, () => (aws.generator.activePrompt?.title?.endsWith(`(${step}/11)`) ? aws.generator.activePrompt : undefined));
    const accept = () => vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const first = Promise.resolve(vscode.commands.executeCommand<string>('jmespathAws.generateRunInstances'));
    await prompt(1);
    await accept();
    (await prompt(2)).value = 'ami-1e749f67';
    await accept();
    await prompt(3);
    await waitForElement('.quick-input-widget .codicon-quick-input-back');
    await clickElement('.quick-input-widget .codicon-quick-input-back');
    assert.strictEqual((await prompt(2)).value, 'ami-1e749f67', 'back at the AMI, as it was answered');
    await accept();
    await prompt(3);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.strictEqual(await first, undefined);
    const again = Promise.resolve(vscode.commands.executeCommand<string>('jmespathAws.generateRunInstances'));
    await prompt(1);
    await accept();
    assert.strictEqual((await prompt(2)).value, 'ami-1e749f67', 'the next run starts from the answers given');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.strictEqual(await again, undefined);
  });

  it('rejects badly formed arguments: region, subnet, security group, key pair', async () => {
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('jmespathAws.generateRunInstances', { region: 'default us-east-1', insert: false })), /not a region name/);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('jmespathAws.generateRunInstances', { subnetId: 'subnet-1', insert: false })), /not a subnet id/);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('jmespathAws.generateRunInstances', { securityGroupIds: ['web'], insert: false })), /not a security group id/);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('jmespathAws.generateRunInstances', { keyName: ' k', insert: false })), /not a key pair name/);
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

  it('explains nested single quotes in a --query and re-quotes the query in one undoable fix (trial 11)', async () => {
    const original = "aws ec2 describe-instances --query 'Reservations[].Instances[?State.Name == 'running'].InstanceId'\n";
    const doc = await vscode.workspace.openTextDocument({ language: 'shellscript', content: original });
    await vscode.window.showTextDocument(doc);
    const nested = await waitFor('diagnostic', () => vscode.languages.getDiagnostics(doc.uri).find((d) => d.code === 'query-nested-quotes'));
    assert.strictEqual(doc.getText(nested.range), "'running'");
    assert.deepStrictEqual(vscode.languages.getDiagnostics(doc.uri).map((d) => d.code), ['query-nested-quotes'], 'not "running is not a field"');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, nested.range);
    const fix = actions.find((a) => a.title === 'Quote the query in double quotes')!;
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.strictEqual(doc.getText(), "aws ec2 describe-instances --query \"Reservations[].Instances[?State.Name == 'running'].InstanceId\"\n");
    await waitFor('clean', () => vscode.languages.getDiagnostics(doc.uri).length === 0);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(doc.getText(), original);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
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

  it('closing a script cancels its pending re-check: its diagnostics do not come back', async function () {
    this.timeout(30000);
    const { aws } = await api();
    const typo = "aws ec2 describe-instances --query 'Reservations[].Instances[].InstanceID'";
    for (let attempt = 1; ; attempt++) {
      const doc = await vscode.workspace.openTextDocument({ language: 'shellscript', content: "aws ec2 describe-instances --query 'Reservations[].Instances[].InstanceId'\n" });
      const editor = await vscode.window.showTextDocument(doc);
      const uri = doc.uri.toString();
      // the typo's re-check must still be pending when the document closes (else this attempt proves nothing)
      let checkedBeforeClose = false;
      const diagnosticsListener = vscode.languages.onDidChangeDiagnostics((e) => {
        if (e.uris.some((u) => u.toString() === uri) && vscode.languages.getDiagnostics(doc.uri).some((d) => d.code === 'query-field')) checkedBeforeClose = true;
      });
      let pendingAtClose = -1;
      const closed = new Promise<void>((resolve) => {
        const l = vscode.workspace.onDidCloseTextDocument((d) => {
          if (d.uri.toString() !== uri) return;
          pendingAtClose = aws.checks.pendingChecks; // the checks' own close handler ran first
          l.dispose();
          resolve();
        });
      });
      await editor.edit((b) => b.replace(new vscode.Range(0, 0, 0, 200), typo));
      assert.ok(aws.checks.pendingChecks >= 1, 'the edit scheduled a re-check');
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await closed;
      diagnosticsListener.dispose();
      if (checkedBeforeClose) {
        assert.ok(attempt < 3, 'the re-check ran before the document closed in every attempt');
        continue;
      }
      assert.strictEqual(pendingAtClose, 0, 'a re-check of the closed script is still scheduled');
      // well past the 300 ms debounce, the closed script has no diagnostics
      const until = Date.now() + 1000;
      while (Date.now() < until) {
        assert.deepStrictEqual(vscode.languages.getDiagnostics(doc.uri).map((d) => `${d.code}: ${d.message}`), []);
        await new Promise((r) => setTimeout(r, 50));
      }
      return;
    }
  });

  it('completes field names inside --query from the output shape', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'shellscript', content: "aws ec2 describe-instances --query 'Reservations[].Instances[].St'\n" });
    const position = new vscode.Position(0, doc.lineAt(0).text.indexOf("St'") + 2);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position);
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('State'), labels.slice(0, 20).join(', '));
    assert.ok(labels.includes('InstanceId'));
  });

  it('offers script snippets where a statement starts, not inside a query string (trial 13)', async () => {
    await api(); // (activated: run alone, this test may come first)
    /** Completion labels at ‸ (snippets marked). */
    const labelsAt = async (language: string, marked: string) => {
      const content = marked.replace('‸', '');
      const doc = await vscode.workspace.openTextDocument({ language, content });
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, doc.positionAt(marked.indexOf('‸')));
      return list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label) + (i.kind === vscode.CompletionItemKind.Snippet ? ' (snippet)' : ''));
    };
    // a word typed in a query matched snippet prefixes (`I`: boto3-run-instances)
    for (const query of ["'‸'", "'Reservations[].I‸'", "'b‸'"]) {
      const inQuery = await labelsAt('python', `import jmespath\nids = jmespath.search(${query}, data)\n`);
      assert.deepStrictEqual(inQuery.filter((l) => l.endsWith('(snippet)')), [], query);
      if (query === "'‸'") assert.ok(inQuery.includes('length'), inQuery.join(', '));
    }
    const atStatement = await labelsAt('python', 'import json\nboto3-‸');
    assert.ok(atStatement.includes('boto3-run-instances (snippet)') && atStatement.includes('jmespath-search (snippet)'), atStatement.join(', '));
    const inShellQuery = await labelsAt('shellscript', "aws ec2 describe-instances --query 'Reservations[].Ins‸'");
    assert.ok(inShellQuery.includes('Instances'), inShellQuery.join(', '));
    assert.deepStrictEqual(inShellQuery.filter((l) => l.endsWith('(snippet)')), []);
    assert.ok((await labelsAt('shellscript', '#!/bin/bash\n  aws-‸')).includes('aws-run-instances (snippet)'));
    assert.ok((await labelsAt('powershell', 'aws-ins‸')).includes('aws-instances-table (snippet)'));
    // inserted whole, the prefix typed replaced, with tab stops
    const doc = await vscode.workspace.openTextDocument({ language: 'shellscript', content: 'aws-instances' });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(0, 13, 0, 13);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(0, 13));
    const item = list.items.find((i) => i.label === 'aws-instances-table')!;
    await editor.insertSnippet(item.insertText as vscode.SnippetString, item.range as vscode.Range);
    assert.match(doc.getText(), /^aws ec2 describe-instances \\\n/);
  });
});
