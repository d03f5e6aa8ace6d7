// AWS knowledge in a real editor: hovers on DynamoDB reads (with the calculator link), S3 and Lambda
// /tmp; diagnostics and quick fixes (GSI strong reads, Lambda writes, cloud-init seed files); the
// cloud-init seed command.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { api, applyQuickFix, closeAllEditors, elementsHtml, hasKeyBridge, pasteText, pressKey, waitFor, waitForElement, workspaceFile } from './helpers';

async function hoverText(doc: vscode.TextDocument, needle: string, delta = 1): Promise<string> {
  const offset = doc.getText().indexOf(needle);
  assert.ok(offset >= 0, `${needle} in ${doc.uri.path}`);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(offset + delta));
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n---\n');
}

async function diagnosticsOf(uri: vscode.Uri, source: string, count: number): Promise<vscode.Diagnostic[]> {
  return waitFor(`${count} ${source} diagnostics on ${uri.path}`, () => {
    const d = vscode.languages.getDiagnostics(uri).filter((x) => x.source === source);
    return d.length === count ? d : undefined;
  });
}

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

describe('AWS knowledge', () => {
  afterEach(closeAllEditors);

  it('hovers DynamoDB reads in a script with consistency, cost and a calculator link that presets it', async () => {
    const { capacity } = await api();
    const doc = await vscode.workspace.openTextDocument(workspaceFile('reads.sh'));
    await vscode.window.showTextDocument(doc);
    const getItem = await hoverText(doc, 'get-item');
    assert.match(getItem, /DynamoDB GetItem: eventually consistent read/);
    assert.match(getItem, /0\.5 read capacity unit per 4 KB/);
    assert.match(getItem, /https:\/\/docs\.aws\.amazon\.com\/amazondynamodb\/latest\/developerguide\/HowItWorks\.ReadConsistency\.html/);
    const query = await hoverText(doc, 'dynamodb query', 10);
    assert.match(query, /Query: strongly consistent read/);
    assert.match(query, /1 read capacity unit per 4 KB/);
    assert.match(query, /\*\*This read fails\.\*\* Strongly consistent reads are not supported on global secondary indexes/);

    // the link runs the calculator command with the consistency as its argument
    const link = /\(command:(jmespathAws\.openCapacityCalculator)\?([^)]+)\)/.exec(query);
    assert.ok(link, query);
    const args = JSON.parse(decodeURIComponent(link[2])) as unknown[];
    assert.deepStrictEqual(args, [{ consistency: 'strong' }]);
    await vscode.commands.executeCommand(link[1], ...args);
    // the webview's first render can be slow on a loaded machine
    const view = await waitFor('calculator preset to strong', () => capacity.lastView?.steps.some((s) => /strongly consistent reads cost one unit/.test(s)) ? capacity.lastView : undefined, 30000);
    assert.ok(view.rcu !== '—');
    // a second preset updates the open panel
    await vscode.commands.executeCommand('jmespathAws.openCapacityCalculator', { consistency: 'eventual', readCount: 10 });
    await waitFor('calculator preset to eventual', () => capacity.lastView?.steps.some((s) => /10 reads\/s/.test(s) && /eventually consistent reads cost half a unit/.test(s)), 30000);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('jmespathAws.openCapacityCalculator', { consistency: 'sometimes' })), /consistency must be one of eventual, strong, transactional/);
  });

  it('hovers S3 commands with the consistency model', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile('reads.sh'));
    const text = await hoverText(doc, 's3 cp', 4);
    assert.match(text, /strong read-after-write consistency/);
    assert.match(text, /since December 2020/);
    assert.match(text, /AmazonS3\/latest\/userguide\/Welcome\.html#ConsistencyModel/);
  });

  it('flags a strongly consistent GSI read in a script and removes the flag as one undoable edit', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile('reads.sh'));
    await vscode.window.showTextDocument(doc);
    const [d] = await diagnosticsOf(doc.uri, 'AWS', 1);
    assert.strictEqual(codeOf(d), 'dynamodb-gsi-consistent-read');
    assert.strictEqual(doc.getText(d.range), '--consistent-read');
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    assert.match(d.message, /not supported on global secondary indexes/);
    assert.strictEqual(typeof d.code === 'object' && d.code.target.toString(true), 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html#GSI.Reading');
    const before = doc.getText();
    await applyQuickFix(doc, d, /^Remove --consistent-read/);
    assert.ok(doc.getText().includes('--index-name ByAlbum \\\n'));
    await diagnosticsOf(doc.uri, 'AWS', 0);
    await vscode.commands.executeCommand('undo');
    await waitFor('undone', () => doc.getText() === before);
  });

  it('hovers boto3 Table reads and flags IndexName with ConsistentRead=True', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile('reads.py'));
    await vscode.window.showTextDocument(doc);
    assert.match(await hoverText(doc, 'get_item'), /GetItem: strongly consistent read/);
    assert.match(await hoverText(doc, 'query('), /Query: strongly consistent read/);
    const [d] = await diagnosticsOf(doc.uri, 'AWS', 1);
    assert.strictEqual(doc.getText(d.range), 'ConsistentRead=True');
    assert.strictEqual(d.range.start.line, 4, 'the query on the index, not the get_item');
  });

  it('in a Lambda handler: hovers /tmp and fixes a write to a read-only path', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile('handler.py'));
    await vscode.window.showTextDocument(doc);
    const tmp = await hoverText(doc, "'/tmp/cache.json'");
    assert.match(tmp, /512 MB by default, configurable from 512 MB up to 10,240 MB/);
    assert.match(tmp, /configuration-ephemeral-storage\.html/);
    const [d] = await diagnosticsOf(doc.uri, 'AWS', 1);
    assert.strictEqual(codeOf(d), 'lambda-read-only-path');
    assert.strictEqual(doc.getText(d.range), "'/var/task/report.json'");
    await applyQuickFix(doc, d, "Write under /tmp: os.path.join('/tmp', 'report.json')");
    assert.match(doc.getText(), /^import os\nimport json\n/);
    assert.match(doc.getText(), /with open\(os\.path\.join\('\/tmp', 'report\.json'\), 'w'\) as f:/);
    await diagnosticsOf(doc.uri, 'AWS', 0);
    // both edits (the import and the path) are one undo step
    await vscode.commands.executeCommand('undo');
    await waitFor('undone', () => doc.getText().startsWith('import json\n') && doc.getText().includes("'/var/task/report.json'"));
  });
});

describe('cloud-init seeds', () => {
  afterEach(closeAllEditors);

  it('completes cloud-config keys where a key is typed (trial 26: only words from the file were offered)', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: '#cloud-config\nusers:\n  - name: ec2-user\n    ssh_\nssh_p\n' });
    await vscode.window.showTextDocument(doc);
    const labelsAt = async (line: number, character: number) => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(line, character));
      return list.items.filter((i) => i.kind === vscode.CompletionItemKind.Property);
    };
    const top = await labelsAt(4, 5);
    const pwauth = top.find((i) => i.label === 'ssh_pwauth');
    assert.ok(pwauth, top.map((i) => i.label).join(', '));
    assert.strictEqual(pwauth.detail, 'cloud-config module');
    assert.ok(!top.some((i) => i.label === 'users'), 'a key already there is not offered again');
    const entry = await labelsAt(3, 8);
    assert.ok(entry.some((i) => i.label === 'ssh_authorized_keys' && i.detail === 'users entry'));
    assert.ok(!entry.some((i) => i.label === 'ssh_pwauth'), 'module keys are not offered inside a users entry');
    // chosen, it replaces the word typed with the key and its colon
    assert.strictEqual(pwauth.insertText, 'ssh_pwauth: ');
    assert.ok((pwauth.range as vscode.Range).isEqual(new vscode.Range(4, 0, 4, 5)), JSON.stringify(pwauth.range));
  });

  it('flags a misspelled header, an unknown key and decimal permissions in user-data, with fixes', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile('seed-typos/user-data'));
    await vscode.window.showTextDocument(doc);
    assert.strictEqual(doc.languageId, 'yaml', 'user-data files open as YAML');
    const diagnostics = await diagnosticsOf(doc.uri, 'cloud-init', 3);
    const [header, key, perm] = diagnostics.sort((a, b) => a.range.start.line - b.range.start.line);
    assert.strictEqual(codeOf(header), 'cloud-config-header');
    assert.match(key.message, /Unknown cloud-config key "usres": did you mean "users"\?/);
    assert.strictEqual(key.severity, vscode.DiagnosticSeverity.Error, 'a typo loses its setting: an error, as in a users entry');
    assert.match(perm.message, /decimal number 644/);
    await applyQuickFix(doc, header, 'Change to #cloud-config');
    await applyQuickFix(doc, key, 'Change to users');
    await applyQuickFix(doc, perm, "Quote it: '0644'");
    assert.strictEqual(doc.getText(), "#cloud-config\nusers:\n  - default\nwrite_files:\n  - path: /etc/motd\n    permissions: '0644'\n    content: hello\n");
    await diagnosticsOf(doc.uri, 'cloud-init', 0);
    // a YAML syntax error is reported at its line
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(2, 0), 'runcmd: [ls\n');
    await vscode.workspace.applyEdit(edit);
    // (two places: where the reader gave up, and the `[` left open, as PyYAML names them)
    const syntax = await diagnosticsOf(doc.uri, 'cloud-init', 2);
    assert.deepStrictEqual(syntax.map(codeOf), ['yaml-syntax', 'yaml-syntax']);
    assert.ok(syntax.every((d) => /^YAML syntax error at line \d+, column \d+/.test(d.message)));
    assert.ok(syntax.some((d) => doc.getText(d.range) === '['), 'the [ left open is marked');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('a user-data too big to check as you type says so, and a small one is checked again when it shrinks', async () => {
    const big = '#cloud-config\nusres: [default]\nruncmd:\n' + '  - echo hello\n'.repeat(20_000);
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: big });
    await vscode.window.showTextDocument(doc);
    const [notChecked] = await diagnosticsOf(doc.uri, 'cloud-init', 1);
    assert.strictEqual(codeOf(notChecked), 'seed-not-checked');
    assert.match(notChecked.message, /^This user-data file is \d+ KB, more than the 256 KB checked as you type: it is not checked/);
    assert.strictEqual(notChecked.severity, vscode.DiagnosticSeverity.Information);
    const edit = new vscode.WorkspaceEdit();
    edit.delete(doc.uri, new vscode.Range(4, 0, doc.lineCount - 1, 0));
    await vscode.workspace.applyEdit(edit);
    const typo = await waitFor('the shrunk user-data checked', () => vscode.languages.getDiagnostics(doc.uri).find((d) => d.source === 'cloud-init' && codeOf(d) !== 'seed-not-checked'));
    assert.match(typo.message, /Unknown cloud-config key "usres": did you mean "users"\?/);
    assert.strictEqual(vscode.languages.getDiagnostics(doc.uri).length, 1);
  });

  it('quotes a runcmd entry read as a mapping, as a quick fix (trial 14: "No code actions available")', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: '#cloud-config\nruncmd:\n  - echo a: b\n' });
    await vscode.window.showTextDocument(doc);
    const [d] = await diagnosticsOf(doc.uri, 'cloud-init', 1);
    assert.match(d.message, /Quote the whole command/);
    await applyQuickFix(doc, d, "Quote it: 'echo a: b'");
    assert.strictEqual(doc.getText(), "#cloud-config\nruncmd:\n  - 'echo a: b'\n");
    await diagnosticsOf(doc.uri, 'cloud-init', 0);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('hints when meta-data has no local-hostname', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile('seed-typos/meta-data'));
    const [d] = await diagnosticsOf(doc.uri, 'cloud-init', 1);
    assert.strictEqual(codeOf(d), 'meta-data-no-hostname');
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Hint);
  });

  it('newCloudInitSeed creates the three files without prompting and returns their URIs', async () => {
    const key = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGludGVncmF0aW9udGVzdGtleW9ubHkxMjM0NTY3 dev@box';
    const folder = workspaceFile('vm1');
    const result = await vscode.commands.executeCommand<{ folder: vscode.Uri; metaData: vscode.Uri; userData: vscode.Uri; buildScript: vscode.Uri }>(
      'jmespathAws.newCloudInitSeed', { folder, hostname: 'al2-lab', user: 'alice', sshPublicKey: key, password: 'correct horse' });
    assert.strictEqual(result.userData.toString(), vscode.Uri.joinPath(folder, 'seedconfig', 'user-data').toString());
    assert.strictEqual(result.metaData.toString(), vscode.Uri.joinPath(folder, 'seedconfig', 'meta-data').toString());
    assert.strictEqual(result.buildScript.toString(), vscode.Uri.joinPath(folder, 'seedconfig', 'build-seed-iso.sh').toString());
    assert.strictEqual(vscode.window.visibleTextEditors.length, 0, 'nothing was opened or asked');
    const read = async (u: vscode.Uri) => Buffer.from(await vscode.workspace.fs.readFile(u)).toString('utf8');
    assert.match(await read(result.metaData), /^local-hostname: al2-lab$/m);
    const userData = await read(result.userData);
    assert.match(userData, /^#cloud-config\n/);
    assert.ok(userData.includes(`      - "${key}"`));
    assert.match(userData, /^ {4}alice:correct horse$/m);
    assert.match(await read(result.buildScript), /genisoimage -output seed\.iso -volid cidata -joliet -rock user-data meta-data/);

    // what it wrote passes its own checks: break it, see a diagnostic, restore it, see none
    const doc = await vscode.workspace.openTextDocument(result.userData);
    await vscode.window.showTextDocument(doc);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(0, 0, 0, 13), '#cloud-confg');
    await vscode.workspace.applyEdit(edit);
    await diagnosticsOf(doc.uri, 'cloud-init', 1);
    await vscode.commands.executeCommand('undo');
    await diagnosticsOf(doc.uri, 'cloud-init', 0);

    // a path string works too; existing files are not replaced unless asked
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('jmespathAws.newCloudInitSeed', { folder: folder.fsPath, hostname: 'x', user: 'alice', sshPublicKey: key })), /already exists.*overwrite: true/);
    const again = await vscode.commands.executeCommand<{ metaData: vscode.Uri }>('jmespathAws.newCloudInitSeed', { folder: folder.fsPath, hostname: 'other', user: 'alice', sshPublicKey: key, overwrite: true });
    assert.match(await read(again.metaData), /^local-hostname: other$/m);
  });

  describe('asked step by step, at the keyboard', () => {
    const seedDir = (): vscode.Uri => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'seedconfig');
    const removeSeed = (): Thenable<void> => vscode.workspace.fs.delete(seedDir(), { recursive: true, useTrash: false }).then(undefined, () => undefined);
    /** Waits for the quick input of a step (`3/4`) with `text` in it, then returns its HTML. */
    const step = async (n: string, text = ''): Promise<string> => {
      const html = await waitFor(`quick input (${n}) showing ${text}`, async () => {
        const h = await elementsHtml('.quick-input-widget');
        return h?.includes(`(${n})`) && h.includes(text) ? h : undefined;
      });
      await waitForElement('.quick-input-widget input:focus'); // keys typed before go to the editor
      return html;
    };
    beforeEach(removeSeed);
    after(removeSeed);

    it('takes a key pasted into the key picker: Enter uses it (trial 9: the paste filtered out every item)', async function () {
      if (!hasKeyBridge()) this.skip();
      const key = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHBhc3RlZGludG9waWNrZXJrZXlvbmx5MTIzNDU2Nzg5 pasted@laptop';
      const run = vscode.commands.executeCommand<{ userData: vscode.Uri } | undefined>('jmespathAws.newCloudInitSeed');
      await step('1/4');
      await pressKey('Enter'); // al2-vm
      await step('2/4');
      await pressKey('Enter'); // ec2-user
      await step('3/4');
      await pasteText(key);
      await step('3/4', 'Use this key');
      await pressKey('Enter');
      await step('4/4');
      await pressKey('Enter'); // no password
      const userData = vscode.Uri.joinPath(seedDir(), 'user-data');
      const text = await waitFor('user-data written', async () => {
        try {
          return Buffer.from(await vscode.workspace.fs.readFile(userData)).toString('utf8');
        } catch {
          return undefined;
        }
      });
      assert.ok(text.includes(`- "${key}"`), text);
      await waitFor('the notification that says what was created', async () => (await elementsHtml('.notification-toast'))?.includes('Created seedconfig/') || undefined);
      await vscode.commands.executeCommand('notifications.clearAll');
      assert.strictEqual((await run)?.userData.toString(), userData.toString());
    });

    it('run again over hand-edited files: asked last, Enter writes seedconfig-2/, Replace only when picked, Escape writes nothing (trial 20: a modal took the typed host name and Enter replaced them)', async function () {
      if (!hasKeyBridge()) this.skip();
      this.timeout(90000);
      const key = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHJ1bmFnYWlub3ZlcmhhbmRlZGl0ZWRmaWxlczEyMzQ1 again@laptop';
      await vscode.commands.executeCommand('jmespathAws.newCloudInitSeed', { folder: vscode.workspace.workspaceFolders![0].uri, hostname: 'first', user: 'alice', sshPublicKey: key });
      const edited = vscode.Uri.joinPath(seedDir(), 'user-data');
      const mine = Buffer.from(await vscode.workspace.fs.readFile(edited)).toString('utf8') + '# MY HAND EDIT\n';
      await vscode.workspace.fs.writeFile(edited, Buffer.from(mine, 'utf8'));
      const second = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'seedconfig-2');
      try {
        /** Answers the four prompts (typing the host name), up to the folder question, focused; its HTML and the run. */
        const ask = async (): Promise<{ html: string; run: Thenable<{ userData: vscode.Uri } | undefined> }> => {
          const run = vscode.commands.executeCommand<{ userData: vscode.Uri } | undefined>('jmespathAws.newCloudInitSeed');
          await step('1/4');
          await pressKey('Control+a', 'lab02', { enter: true });
          console.log('STEP', "await step('2/4');\n          a");
          await step('2/4');
          await pressKey('Enter');
          await step('3/4');
          await pasteText(key);
          await step('3/4', 'Use this key');
          await pressKey('Enter');
          console.log('STEP', "await step('4/4');\n          a");
          await step('4/4');
          await pressKey('Enter');
          const html = await waitFor('the folder question', async () => { const h = await elementsHtml('.quick-input-widget'); return h?.includes('already has seed files') ? h : undefined; });
          await waitForElement('.quick-input-widget input:focus');
          return { html, run };
        };
        // Enter: a new folder, the edited one untouched, the typed host name in it
        const { html, run: made } = await ask();
        assert.ok(html.indexOf('Write the new seed to seedconfig-2/') < html.indexOf('Replace the files in seedconfig/'), 'the safe choice comes first');
        await pressKey('Enter');
        await waitFor('the notification that says what was created', async () => (await elementsHtml('.notification-toast'))?.includes('Created seedconfig-2/') || undefined);
        await vscode.commands.executeCommand('notifications.clearAll');
        assert.strictEqual((await made)?.userData.toString(), vscode.Uri.joinPath(second, 'user-data').toString());
        assert.strictEqual(Buffer.from(await vscode.workspace.fs.readFile(edited)).toString('utf8'), mine, 'the hand-edited file is kept');
        const meta = Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(second, 'meta-data'))).toString('utf8');
        assert.match(meta, /^local-hostname: lab02$/m);
        // Escape at the question writes nothing
        const escaped = await ask();
        await pressKey('Escape');
        assert.strictEqual(await escaped.run, undefined);
        assert.strictEqual(Buffer.from(await vscode.workspace.fs.readFile(edited)).toString('utf8'), mine);
        await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(vscode.Uri.joinPath(seedDir(), '..', 'seedconfig-3'))));
        // picking Replace replaces
        const replaced = await ask();
        await pressKey('ArrowDown');
        await pressKey('Enter');
        await waitFor('the notification that says what was created', async () => (await elementsHtml('.notification-toast'))?.includes('Created seedconfig/') || undefined);
        await vscode.commands.executeCommand('notifications.clearAll');
        assert.strictEqual((await replaced.run)?.userData.toString(), edited.toString());
        assert.ok(!Buffer.from(await vscode.workspace.fs.readFile(edited)).toString('utf8').includes('MY HAND EDIT'));
      } finally {
        await vscode.workspace.fs.delete(second, { recursive: true, useTrash: false }).then(undefined, () => undefined);
      }
    });

    it('text pasted into the key picker that is no key goes to the paste box, which says what is wrong', async function () {
      if (!hasKeyBridge()) this.skip();
      const run = vscode.commands.executeCommand('jmespathAws.newCloudInitSeed');
      for (const n of ['1/4', '2/4']) {
        await step(n);
        await pressKey('Enter');
      }
      await step('3/4');
      await pasteText('-----BEGIN OPENSSH PRIVATE KEY-----');
      await pressKey('Enter');
      const html = await step('3/4', 'That is a private key');
      assert.ok(!html.includes('Use this key'), 'not offered as a key');
      await pressKey('Escape');
      assert.strictEqual(await run, undefined);
      await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(seedDir())), 'nothing was written');
    });
  });

  it('newCloudInitSeed rejects bad input with the field named', async () => {
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('jmespathAws.newCloudInitSeed', { folder: workspaceFile('vm2'), hostname: 'ok', user: 'alice', sshPublicKey: '-----BEGIN OPENSSH PRIVATE KEY-----' })),
      /sshPublicKey: That is a private key/);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('jmespathAws.newCloudInitSeed', { folder: workspaceFile('vm2'), hostname: 'under_score', user: 'alice', sshPublicKey: 'ssh-ed25519 AAAA' })),
      /hostname: /);
  });

  it('offers the seed snippets in YAML files', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: 'cloud-' });
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(0, 6));
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const prefix of ['cloud-config-user-data', 'cloud-init-meta-data']) assert.ok(labels.includes(prefix), labels.join(', '));
  });
});
