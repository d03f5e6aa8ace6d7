// Run & refine in the real editor against a local moto_server (started by the runner, reached
// through AWS_ENDPOINT_URL): the CodeLens, the run (compared with the real CLI's own answer), the
// output + query file with live results, refusal of mutating commands, failures, and write-back
// for bash, PowerShell and cmd.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { EXTENSION_ID, closeAllEditors, elementsHtml, hasKeyBridge, pressKey, resultEditor, waitFor, waitForElement, withWorkspaceFiles, workspaceFile } from './helpers';

interface RunResult {
  outputUri: string;
  queryFileUri: string;
  result: string;
}

/** What the real CLI prints for these arguments (the oracle). */
function cli(args: string[], env: Record<string, string> = {}): string {
  const r = spawnSync('aws', args, { encoding: 'utf8', env: { ...process.env, AWS_PAGER: '', ...env } });
  assert.strictEqual(r.status, 0, `aws ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

function run(uri: vscode.Uri, line: number, extra: Record<string, unknown> = {}): Thenable<RunResult> {
  return vscode.commands.executeCommand<RunResult>('jmespathAws.runAwsCommand', { uri: uri.toString(), line, ...extra });
}

async function lensTitles(uri: vscode.Uri): Promise<Map<number, string[]>> {
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100);
  const byLine = new Map<number, string[]>();
  for (const l of lenses) {
    if (!l.command?.command.startsWith('jmespathAws.')) continue;
    byLine.set(l.range.start.line, [...(byLine.get(l.range.start.line) ?? []), l.command.title]);
  }
  return byLine;
}

describe('Run & refine (aws against moto_server)', function () {
  this.timeout(120000);
  let seeded: { web: string[]; batch: string[]; volumes: string[] };

  before(() => {
    assert.ok(process.env.AWS_ENDPOINT_URL, `moto_server is not running for this test run: ${process.env.IT_MOTO_MISSING ?? 'AWS_ENDPOINT_URL is not set'}`);
    const seed = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'test', 'fixtures', 'seed_moto.py');
    const r = spawnSync('python3', [seed, process.env.AWS_ENDPOINT_URL], { encoding: 'utf8' });
    assert.strictEqual(r.status, 0, r.stderr);
    seeded = JSON.parse(r.stdout);
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('jmespathAws.chooseResultsFormat', 'json');
    await vscode.workspace.getConfiguration('jmespathAws').update('awsCli.path', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('jmespathAws').update('awsCli.timeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
    await closeAllEditors();
  });

  it('offers Run & refine above read-only commands only', async () => {
    const uri = workspaceFile('refine.sh');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const lenses = await waitFor('lenses', async () => {
      const l = await lensTitles(uri);
      return l.size ? l : undefined;
    });
    assert.deepStrictEqual([...lenses.keys()].sort((a, b) => a - b), [2, 3, 5, 7, 8, 9, 10], 'lines of describe-volumes, describe-instances, scan, $ENDPOINT, --volume-ids, describe-vpcs (twice)');
    assert.deepStrictEqual(lenses.get(2), ['$(play) Run & refine']);
    assert.strictEqual(lenses.get(6), undefined, 'run-instances gets no CodeLens');
  });

  it('runs describe-volumes: output beside the script, query file with the line\'s --query, live results', async () => {
    const uri = workspaceFile('refine.sh');
    const script = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const r = await run(uri, 2);
    assert.strictEqual(r.result, cli(['ec2', 'describe-volumes', '--query', 'Volumes[].VolumeId', '--output', 'json']));
    for (const id of seeded.volumes) assert.ok(r.result.includes(id), `${id} in ${r.result}`);
    // the output is what `aws ec2 describe-volumes --output json` prints, shown beside the script
    const output = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === r.outputUri);
    assert.ok(output, 'the output is visible');
    assert.notStrictEqual(output.viewColumn, script.viewColumn);
    assert.deepStrictEqual(JSON.parse(output.document.getText()).Volumes.map((v: { VolumeId: string }) => v.VolumeId).sort(),
      JSON.parse(cli(['ec2', 'describe-volumes', '--output', 'json'])).Volumes.map((v: { VolumeId: string }) => v.VolumeId).sort());
    const queryDoc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === r.queryFileUri)!;
    assert.strictEqual(queryDoc.languageId, 'jmespath');
    assert.match(queryDoc.getText(), /\nVolumes\[\]\.VolumeId\n$/);
    // the header names what ran, not the --query, which is below and changes as it is refined
    assert.strictEqual(queryDoc.lineAt(0).text, '# Refine the --query of refine.sh line 3: aws ec2 describe-volumes');
    // the line prints --output text: the results show what the real CLI prints for it
    const text = cli(['ec2', 'describe-volumes', '--query', 'Volumes[].VolumeId', '--output', 'text']);
    await waitFor('the results editor shows what the line prints', () => resultEditor()?.document.getText() === text);
    assert.strictEqual(resultEditor()!.document.languageId, 'plaintext');
    // two columns: the script, and output, query file and results one under the other
    const layout = await vscode.commands.executeCommand<{ groups: { groups?: unknown[] }[] }>('vscode.getEditorLayout');
    assert.strictEqual(layout.groups.length, 2, `two columns, not three: ${JSON.stringify(layout)}`);
    assert.strictEqual(layout.groups[1].groups?.length, 3, `output, query file, results: ${JSON.stringify(layout)}`);
    // edit the query: results follow
    const queryEditor = vscode.window.visibleTextEditors.find((e) => e.document === queryDoc)!;
    const line = queryDoc.lineCount - 2;
    await queryEditor.edit((b) => b.replace(queryDoc.lineAt(line).range, 'Volumes[?Size > `50`].Size'));
    queryEditor.selection = new vscode.Selection(line, 0, line, 0);
    await waitFor('live results', () => resultEditor()?.document.getText() === '100\n');
    // a hover on the query names the output by its name, not its path in the extension's storage (trial 26)
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', queryDoc.uri, new vscode.Position(line, 2));
    const said = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.ok(said.endsWith(`*on ${path.basename(vscode.Uri.parse(r.outputUri).fsPath)}*`), said);
  });

  it('shows results as the line prints them: --output table as the real CLI prints it (they were always JSON)', async () => {
    await withWorkspaceFiles({ 'refine-table.sh': "aws ec2 describe-volumes --query 'Volumes[].{Id: VolumeId, Size: Size}' --output table\naws ec2 describe-volumes --query 'Volumes[].Size'\n" }, async ([uri]) => {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      const r = await run(uri, 0);
      assert.strictEqual(r.result, cli(['ec2', 'describe-volumes', '--query', 'Volumes[].{Id: VolumeId, Size: Size}', '--output', 'json']), 'the command\'s result stays JSON');
      const table = cli(['ec2', 'describe-volumes', '--query', 'Volumes[].{Id: VolumeId, Size: Size}', '--output', 'table']);
      assert.match(table, /DescribeVolumes/);
      await waitFor('the results show the CLI\'s table', () => resultEditor()?.document.getText() === table);
      // those results only: other results keep the chosen format (trial 19: every result turned into a table)
      const elsewhere = await vscode.commands.executeCommand<string>('jmespathAws.query', 'Volumes[0].VolumeId', workspaceFile('describe-volumes.json').toString(), { show: false });
      assert.match(elsewhere, /^"vol-/, elsewhere);
      if (hasKeyBridge()) {
        await waitFor('the status bar says why', async () => (await elementsHtml('.statusbar'))?.includes('results printed as --output table, as refine-table.sh line 1 prints them'));
      }
      // a line that names no --output prints JSON, and so do the results of its run
      const second = await run(uri, 1);
      await waitFor('JSON for the line without --output', () => resultEditor()?.document.getText() === second.result);
      // the same command again (the cache answers): the status bar says how old the output is (trial 19)
      await run(uri, 1);
      if (hasKeyBridge()) await waitFor('the output\'s age', async () => (await elementsHtml('.statusbar'))?.match(/output from [0-9:]+.*when the same command ran \(Re-run for fresh data\)/));
    });
  });

  it('runs with the line\'s own environment (AWS_DEFAULT_REGION=... aws ...), as bash does (trial 19: another region\'s data, from the cache)', async () => {
    const script = "aws ec2 describe-volumes --query 'Volumes[].VolumeId'\n" +
      "AWS_DEFAULT_REGION=eu-west-1 aws ec2 describe-volumes --query 'Volumes[].VolumeId'\n" +
      "AWS_DEFAULT_OUTPUT=text aws ec2 describe-volumes --query 'Volumes[].VolumeId'\n";
    await withWorkspaceFiles({ 'refine-env.sh': script }, async ([uri]) => {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      const here = await run(uri, 0);
      assert.ok(JSON.parse(here.result).length > 0, 'the seeded volumes (us-east-1)');
      const there = await run(uri, 1);
      assert.strictEqual(there.result, cli(['ec2', 'describe-volumes', '--query', 'Volumes[].VolumeId', '--output', 'json'], { AWS_DEFAULT_REGION: 'eu-west-1' }));
      assert.notStrictEqual(there.result, here.result, 'not the other region\'s output from the cache');
      await run(uri, 2);
      const text = cli(['ec2', 'describe-volumes', '--query', 'Volumes[].VolumeId'], { AWS_DEFAULT_OUTPUT: 'text' });
      await waitFor('the results print as the line does (text)', () => resultEditor()?.document.getText() === text);
    });
  });

  it('from a script in the second of two columns: output, query file and results go in one column beside it (trial 19 saw six groups after earlier runs; not reproduced from a fresh start)', async () => {
    await withWorkspaceFiles({ 'left.sh': 'echo left\n' }, async ([left]) => {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(left), vscode.ViewColumn.One);
      const uri = workspaceFile('refine.sh');
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), vscode.ViewColumn.Two);
      const r = await run(uri, 2);
      await waitFor('results', () => resultEditor());
      await new Promise((res) => setTimeout(res, 500));
      const layout = await vscode.commands.executeCommand<{ groups: { groups?: unknown[] }[] }>('vscode.getEditorLayout');
      assert.strictEqual(layout.groups.length, 3, `three columns: ${JSON.stringify(layout)}`);
      assert.deepStrictEqual(vscode.window.tabGroups.all.filter((g) => g.tabs.length === 0).map((g) => g.viewColumn), [], 'no empty group');
      const resultTabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.scheme === 'jmespath-result');
      assert.strictEqual(resultTabs.length, 1, 'one results tab');
      // again, from the same place: nothing more
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), vscode.ViewColumn.Two);
      await run(uri, 3);
      await new Promise((res) => setTimeout(res, 500));
      assert.strictEqual(vscode.window.tabGroups.all.length, 5, vscode.window.tabGroups.all.map((g) => g.tabs.map((t) => t.label).join(',')).join(' | '));
      assert.ok(r.outputUri);
    });
  });

  it('a script renamed in the editor keeps its run: the query file writes back to the new name (trial 19: "Unable to resolve nonexistent file")', async () => {
    await withWorkspaceFiles({ 'rename-me.sh': "aws ec2 describe-volumes --query 'Volumes[].VolumeId'\n" }, async ([uri]) => {
      const renamed = workspaceFile('renamed-script.sh');
      try {
        await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
        const r = await run(uri, 0);
        const edit = new vscode.WorkspaceEdit();
        edit.renameFile(uri, renamed);
        assert.ok(await vscode.workspace.applyEdit(edit));
        const lens = await waitFor('the write-back lens names the new script', async () => {
          const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', vscode.Uri.parse(r.queryFileUri));
          return lenses.find((l) => l.command?.title.includes('Write back to renamed-script.sh line 1'));
        });
        const args = { ...(lens.command!.arguments![0] as object), expression: 'Volumes[].Size', interactive: false };
        await vscode.commands.executeCommand(lens.command!.command, args);
        const doc = await vscode.workspace.openTextDocument(renamed);
        assert.strictEqual(doc.lineAt(0).text, "aws ec2 describe-volumes --query 'Volumes[].Size'");
        assert.match((await lensTitles(renamed)).get(0)?.join(' ') ?? '', /Refine \(output from/);
      } finally {
        await closeAllEditors();
        fs.rmSync(renamed.fsPath, { force: true });
      }
    });
  });

  it('a second Run & refine while the first is open reuses its panes (trial 9: an empty group, cramped panes)', async () => {
    const uri = workspaceFile('refine.sh');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const first = await run(uri, 3); // (lines not refined by the tests before)
    const firstText = cli(['ec2', 'describe-instances', '--filters', 'Name=tag:Name,Values=web', '--query', 'Reservations[].Instances[].InstanceId', '--output', 'text']);
    await waitFor('the first results (the line prints --output text)', () => resultEditor()?.document.getText() === firstText);
    const layoutOf = () => Promise.resolve(vscode.commands.executeCommand<{ groups: { groups?: unknown[] }[] }>('vscode.getEditorLayout'));
    const before = JSON.stringify(await layoutOf());
    const second = await run(uri, 5);
    await waitFor('the second results (the line names no --output: json)', () => resultEditor()?.document.getText() === second.result);
    assert.strictEqual(JSON.stringify(await layoutOf()), before, 'the same columns and panes');
    assert.deepStrictEqual(vscode.window.tabGroups.all.filter((g) => g.tabs.length === 0).map((g) => g.viewColumn), [], 'no empty group');
    const visible = vscode.window.visibleTextEditors.map((e) => e.document.uri.toString());
    for (const u of [uri.toString(), second.outputUri, second.queryFileUri]) assert.ok(visible.includes(u), `${u} visible among ${visible.join(', ')}`);
    // the first run's files are still open, behind the second's
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => (t.input instanceof vscode.TabInputText ? t.input.uri.toString() : '')));
    for (const u of [first.outputUri, first.queryFileUri]) assert.ok(tabs.includes(u), `${u} still open`);
  });

  it('runs describe-instances with a filter across a continuation', async () => {
    const r = await run(workspaceFile('refine.sh'), 3);
    assert.strictEqual(r.result, cli(['ec2', 'describe-instances', '--filters', 'Name=tag:Name,Values=web', '--query', 'Reservations[].Instances[].InstanceId', '--output', 'json']));
    const ids: string[] = JSON.parse(r.result);
    for (const id of seeded.web) assert.ok(ids.includes(id), `web instance ${id}`);
    for (const id of seeded.batch) assert.ok(!ids.includes(id), `batch instance ${id} is filtered out`);
  });

  it('runs dynamodb scan', async () => {
    const r = await run(workspaceFile('refine.sh'), 5);
    assert.strictEqual(r.result, '[\n    "Call Me Today"\n]\n');
    assert.strictEqual(r.result, cli(['dynamodb', 'scan', '--table-name', 'Music', '--query', "Items[?Year.N=='2015'].SongTitle.S", '--output', 'json']));
  });

  it('refuses a mutating command and creates nothing', async () => {
    const count = () => JSON.parse(cli(['ec2', 'describe-instances', '--query', 'length(Reservations[].Instances[])', '--output', 'json'])) as number;
    const before = count();
    await assert.rejects(Promise.resolve(run(workspaceFile('refine.sh'), 6)), /Not run: aws ec2 run-instances: RunInstances may create, change or delete/);
    assert.strictEqual(count(), before);
  });

  it('resolves variables from the given values and never runs with one unresolved', async () => {
    const uri = workspaceFile('refine.sh');
    const r = await run(uri, 7, { variables: { ENDPOINT: `--endpoint-url ${process.env.AWS_ENDPOINT_URL}` } });
    assert.strictEqual(r.result, cli(['ec2', 'describe-volumes', '--query', 'length(Volumes)', '--output', 'json']));
    // without a value it asks; dismissing the prompt means no run
    const pending = run(uri, 7, { fresh: true });
    if (hasKeyBridge()) {
      // it says what $ENDPOINT stands for: a URL alone is not a value that works there (trial 11)
      const prompt = await waitFor('the prompt\'s text', async () => {
        const html = await elementsHtml('.quick-input-widget .quick-input-message');
        return html?.includes('It stands for') ? html : undefined;
      });
      assert.match(prompt, /It stands for options before the service \(ec2\), as words: e\.g\. --endpoint-url http:\/\/localhost:4566/);
    }
    await waitFor('the prompt', async () => {
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      return Promise.race([Promise.resolve(pending).then(() => 'resolved', () => 'rejected'), new Promise((r2) => setTimeout(() => r2(undefined), 100))]);
    });
    await assert.rejects(Promise.resolve(pending), /Not run: \$ENDPOINT has no value/);
  });

  it('does not take an empty value for an option: --region $VPC_REGION (trial 15: aws stopped with a usage error)', async function () {
    if (!hasKeyBridge()) this.skip();
    const uri = workspaceFile('refine.sh');
    const pending = run(uri, 10, { fresh: true });
    await waitFor('the prompt', async () => (await elementsHtml('.quick-input-widget .quick-input-message'))?.includes('the value of --region') || undefined);
    await waitForElement('.quick-input-widget input:focus');
    await pressKey('Enter');
    const message = await waitFor('the empty value refused', async () => {
      const html = await elementsHtml('.quick-input-widget .quick-input-message');
      return html?.includes('needs a value') ? html : undefined;
    });
    assert.match(message, /--region needs a value: empty, aws stops with a usage error\./);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await assert.rejects(Promise.resolve(pending), /Not run: \$VPC_REGION has no value/);
  });

  it('reports the CLI\'s own error text and exit code, and the command as it ran', async () => {
    await assert.rejects(Promise.resolve(run(workspaceFile('refine.sh'), 8)), /aws exited with 25\d \(ran: \/\S*aws ec2 describe-volumes --volume-ids vol-0+ --output json\): .*InvalidVolume\.NotFound/s);
  });

  it('explains a missing aws and missing credentials, and stops at the timeout', async () => {
    const config = vscode.workspace.getConfiguration('jmespathAws');
    const uri = workspaceFile('refine.sh');
    await config.update('awsCli.path', path.join(os.tmpdir(), 'no-such-dir', 'aws'), vscode.ConfigurationTarget.Global);
    await assert.rejects(Promise.resolve(run(uri, 9)), /The AWS CLI was not found: there is no "\/\S*no-such-dir\/aws" \(setting jmespathAws\.awsCli\.path\)\. Install it/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-aws-'));
    const noCredentials = path.join(dir, 'aws-no-credentials');
    fs.writeFileSync(noCredentials, '#!/bin/sh\nunset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY\nexec aws "$@"\n', { mode: 0o755 });
    await config.update('awsCli.path', noCredentials, vscode.ConfigurationTarget.Global);
    await assert.rejects(Promise.resolve(run(uri, 9, { fresh: true })), /No usable AWS credentials .*Unable to locate credentials/s);
    const slow = path.join(dir, 'aws-slow');
    fs.writeFileSync(slow, '#!/bin/sh\nsleep 30\n', { mode: 0o755 });
    await config.update('awsCli.path', slow, vscode.ConfigurationTarget.Global);
    await config.update('awsCli.timeoutSeconds', 1, vscode.ConfigurationTarget.Global);
    const t0 = Date.now();
    await assert.rejects(Promise.resolve(run(uri, 9, { fresh: true })), /did not finish within 1 s/);
    assert.ok(Date.now() - t0 < 10000);
  });

  it('an output too big for VS Code to hand to extensions (over 50 MB) still opens, bound to its query file', async function () {
    this.timeout(180000);
    const config = vscode.workspace.getConfiguration('jmespathAws');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-aws-'));
    const big = path.join(dir, 'aws-big');
    // (json.dumps, written at once: json.dump writes 60 MB in small pieces, 11 s and more on a busy machine, past the 60 s timeout in CI)
    fs.writeFileSync(big, `#!/bin/sh\nexec python3 -c 'import json,sys; sys.stdout.write(json.dumps({"Volumes": [{"VolumeId": "vol-%017d" % i, "Size": i % 500, "Tags": [{"Key": "Name", "Value": "v" * 40}]} for i in range(600000)]}))'\n`, { mode: 0o755 });
    await config.update('awsCli.path', big, vscode.ConfigurationTarget.Global);
    await withWorkspaceFiles({ 'refine-big.sh': "aws ec2 describe-volumes --query 'length(Volumes)'\n" }, async ([uri]) => {
    const result = await run(uri, 0, { fresh: true });
    assert.ok(fs.statSync(vscode.Uri.parse(result.outputUri).fsPath).size > 50 * 1024 * 1024);
    assert.strictEqual(result.result, '600000\n', 'the line\'s query ran on it');
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.input instanceof vscode.TabInputText ? t.input.uri.toString() : ''));
    assert.ok(tabs.includes(result.outputUri), 'the output shows in a tab');
    const queryEditor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === result.queryFileUri)!;
    await queryEditor.edit((b) => b.replace(new vscode.Range(queryEditor.document.lineCount - 2, 0, queryEditor.document.lineCount - 1, 0), 'Volumes[-1].VolumeId\n'));
    await waitFor('the edited query runs on the big output', () => resultEditor()?.document.getText() === '"vol-00000000000599999"\n');
    });
  });

  it('a cached output not among the last few in memory is read back from its file', async () => {
    const uri = workspaceFile('refine.sh');
    const first = await run(uri, 2);
    for (const line of [3, 5, 9]) await run(uri, line);
    const again = await run(uri, 2);
    assert.strictEqual(again.result, first.result);
    assert.strictEqual(again.outputUri, first.outputUri);
  });

  it('caches the output per command line; Re-run fetches fresh data', async () => {
    const uri = workspaceFile('refine.sh');
    const first = await run(uri, 9);
    const vpcId = JSON.parse(cli(['ec2', 'create-vpc', '--cidr-block', '10.9.0.0/16', '--output', 'json'])).Vpc.VpcId as string;
    const cached = await run(uri, 9);
    assert.strictEqual(cached.result, first.result, 'the session cache answers without running aws');
    assert.ok(!cached.result.includes(vpcId));
    const fresh = await vscode.commands.executeCommand<RunResult>('jmespathAws.rerunAwsCommand', { uri: uri.toString(), line: 9 });
    assert.ok(fresh.result.includes(vpcId), 'Re-run sees the new VPC');
    // and so do the open output document and the results editor (the output lives outside the workspace, unwatched)
    await waitFor('the open output shows it', () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === fresh.outputUri)?.getText().includes(vpcId));
    await waitFor('the results show it', () => resultEditor()?.document.getText().includes(vpcId));
    // the output is read-only: typing or Ctrl+Z there cannot take it back to the run before (trial 15)
    const output = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === fresh.outputUri)!;
    await vscode.window.showTextDocument(output.document, output.viewColumn);
    await vscode.commands.executeCommand('undo');
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(output.document.getText().includes(vpcId), 'Ctrl+Z leaves the output as the Re-run left it');
    await vscode.commands.executeCommand('type', { text: 'x' });
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(!output.document.isDirty, 'typing does not change it');
    assert.ok(fs.readFileSync(vscode.Uri.parse(fresh.outputUri).fsPath, 'utf8').includes(vpcId));
  });

  it('refuses to write back a query that does not parse (trial 15: a half-typed line went in)', async () => {
    const uri = workspaceFile('refine.sh');
    const doc = await vscode.workspace.openTextDocument(uri);
    const original = doc.getText();
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('jmespathAws.writeQueryBack', { uri: uri.toString(), line: 2, expression: 'Volumes[].Size\nVolumes[?contains(' })),
      /The query does not parse, so it was not written back: .*column/);
    assert.strictEqual(doc.getText(), original);
  });

  for (const [file, line, expression, written] of [
    ['refine.sh', 2, "Volumes[?VolumeId!='vol-$x'] | [0].Size", `--query 'Volumes[?VolumeId!='\\''vol-$x'\\''] | [0].Size'`],
    ['refine.ps1', 1, "Volumes[?VolumeType=='gp2'].{Id: VolumeId, \"Size GB\": Size}", `--query 'Volumes[?VolumeType==''gp2''].{Id: VolumeId, "Size GB": Size}'`],
    ['refine.cmd', 2, 'Volumes[?Size > `50`] | [0].{"a&b": VolumeId, pct: \'100%\'}', '--query "Volumes[?Size > `50`] | [0].{\\"a^&b\\": VolumeId, pct: \'100%%\'}"'],
  ] as [string, number, string, string][]) {
    it(`writes the refined query back into ${file}, quoted for its shell, as one undo step`, async () => {
      const uri = workspaceFile(file);
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      const original = doc.getText();
      const newText = await vscode.commands.executeCommand<string>('jmespathAws.writeQueryBack', { uri: uri.toString(), line, expression });
      assert.ok(doc.getText().includes(written), doc.getText());
      assert.ok(newText.includes(written), newText);
      if (hasKeyBridge()) {
        await waitFor('the status bar says where it went', async () => (await elementsHtml('.statusbar'))?.includes(`Query written back to ${file} line ${line + 1}`));
      }
      // round trip: running the line again uses exactly the written query
      const r = await run(uri, line, { fresh: true });
      const direct = await vscode.commands.executeCommand<string>('jmespathAws.query', expression, r.outputUri, { show: false, output: 'json' });
      assert.strictEqual(r.result, direct);
      await vscode.commands.executeCommand('workbench.action.focusFirstEditorGroup');
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('undo');
      await waitFor('one undo restores the script', () => doc.getText() === original);
    });
  }

  it('adds --query to a line that had none', async () => {
    const uri = workspaceFile('refine.sh');
    const doc = await vscode.workspace.openTextDocument(uri);
    const newText = await vscode.commands.executeCommand<string>('jmespathAws.writeQueryBack', { uri: uri.toString(), line: 9, expression: 'Vpcs[].VpcId' });
    assert.strictEqual(newText, "aws ec2 describe-vpcs --query 'Vpcs[].VpcId'");
    assert.strictEqual(doc.lineAt(9).text, newText);
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
  });
});
