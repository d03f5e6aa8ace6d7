// JMESPath language intelligence in a real editor, through the standard provider commands: a query
// file bound to describe-instances.json, `--query` strings in scripts, `jmespath.search` in Python.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { applyQuickFix, closeAllEditors, elementsHtml, hasKeyBridge, openPaletteOn, pressKey, typeKeys, waitFor, workspaceFile } from './helpers';

const INSTANCES = 'describe-instances.json';

const label = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);
const hoverText = (hovers: vscode.Hover[]) => hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');

/** A query file with `content`, bound to describe-instances.json, open in an editor. */
async function boundQueryFile(name: string, content: string): Promise<vscode.TextDocument> {
  const qf = workspaceFile(name);
  fs.writeFileSync(qf.fsPath, content);
  await vscode.commands.executeCommand('jmespathAws.bindQueryFile', workspaceFile(INSTANCES), qf);
  const doc = await vscode.workspace.openTextDocument(qf);
  await vscode.window.showTextDocument(doc);
  return doc;
}

/** A script file in the workspace (untitled documents may be reused between tests). */
async function script(name: string, content: string): Promise<vscode.TextDocument> {
  const uri = workspaceFile(name);
  fs.writeFileSync(uri.fsPath, content);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  return doc;
}

function positionAfter(doc: vscode.TextDocument, marker: string, delta = 0): vscode.Position {
  const offset = doc.getText().indexOf(marker);
  assert.ok(offset >= 0, `${marker} is in ${JSON.stringify(doc.getText())}`);
  return doc.positionAt(offset + marker.length + delta);
}

async function completions(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position);
  return list.items;
}

describe('JMESPath language: query files bound to JSON', () => {
  afterEach(closeAllEditors);

  it('completes the keys of the elements, most frequent first, with type and sample', async () => {
    const doc = await boundQueryFile('complete.jmespath', '# instances\nReservations[].Instances[].\n');
    const items = await completions(doc, positionAfter(doc, 'Instances[].'));
    const byLabel = new Map(items.map((i) => [label(i), i]));
    assert.match(byLabel.get('InstanceId')!.detail!, /^string · "i-/);
    assert.ok(byLabel.has('State') && byLabel.has('PublicIpAddress'));
    const sorted = [...items].sort((a, b) => a.sortText!.localeCompare(b.sortText!)).map(label);
    assert.ok(sorted.indexOf('InstanceId') < sorted.indexOf('PublicIpAddress'), 'every element has InstanceId; one lacks PublicIpAddress');
    assert.ok(!items.some((i) => i.kind === vscode.CompletionItemKind.Function), 'no functions right after a dot');
  });

  it('typing a dot after a list suggests its elements\' fields; Enter writes Tags[].Key (trial 22: only functions were offered)', async function () {
    if (!hasKeyBridge()) this.skip();
    this.timeout(60000);
    const doc = await boundQueryFile('listdot.jmespath', 'Reservations[].Instances[].Tags\n');
    const end = doc.lineAt(0).range.end;
    await vscode.window.showTextDocument(doc, { selection: new vscode.Range(end, end) });
    const suggested = (name: string) => waitFor(`${name} suggested`, async () => ((await elementsHtml('.suggest-widget .monaco-list-row')) ?? '').includes(name) || undefined)
      .catch(async (e) => { throw new Error(`${e.message}: ${JSON.stringify(doc.lineAt(0).text)}, ${((await elementsHtml('.suggest-widget')) ?? '').replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').slice(0, 600)}`); });
    await typeKeys('.');
    await suggested('[].Key');
    await pressKey('Enter');
    await waitFor('Tags[].Key written', () => doc.lineAt(0).text === 'Reservations[].Instances[].Tags[].Key' || undefined)
      .catch((e) => { throw new Error(`${e.message}: ${JSON.stringify(doc.lineAt(0).text)}`); });
    // with the start of a name typed after the dot: the one it names
    await vscode.commands.executeCommand('undo');
    await waitFor('undone to Tags.', () => doc.lineAt(0).text === 'Reservations[].Instances[].Tags.' || undefined);
    await typeKeys('Va', 50);
    await suggested('[].Value');
    await pressKey('Enter');
    await waitFor('Tags[].Value written', () => doc.lineAt(0).text === 'Reservations[].Instances[].Tags[].Value' || undefined)
      .catch((e) => { throw new Error(`${e.message}: ${JSON.stringify(doc.lineAt(0).text)}`); });
  });

  it('completes inside filters, function arguments and after a comparator', async () => {
    const doc = await boundQueryFile('filters.jmespath', "Reservations[].Instances[?State.Name == ]\n\nsort_by(Reservations[].Instances[], &)\n");
    const values = await completions(doc, positionAfter(doc, '== '));
    const running = values.find((i) => label(i) === "'running'")!;
    assert.strictEqual(running.kind, vscode.CompletionItemKind.Value);
    assert.strictEqual(running.detail, '4 of 5 values');
    const inRef = (await completions(doc, positionAfter(doc, '&'))).map(label);
    assert.ok(inRef.includes('LaunchTime'), inRef.slice(0, 10).join());
    assert.ok(inRef.includes('sort_by'), 'functions where an expression starts');
    const fn = (await completions(doc, positionAfter(doc, '&'))).find((i) => label(i) === 'sort_by')!;
    assert.strictEqual(fn.detail, 'sort_by(array $elements, expression->number|expression->string $expr) -> array');
  });

  it('gives signature help with the active parameter', async () => {
    const doc = await boundQueryFile('sig.jmespath', 'sort_by(Reservations[].Instances[], &LaunchTime)\n');
    const help = await vscode.commands.executeCommand<vscode.SignatureHelp>('vscode.executeSignatureHelpProvider', doc.uri, positionAfter(doc, '&'));
    assert.strictEqual(help.signatures[0].label, 'sort_by(array $elements, expression->number|expression->string $expr) -> array');
    assert.strictEqual(help.activeParameter, 1);
  });

  it('hovers a function with its surprises, and any part of a query with its value', async () => {
    const doc = await boundQueryFile('hover.jmespath', 'max_by(Reservations[].Instances[], &LaunchTime).InstanceId\n\nReservations[].Instances[].Nope.Name\n');
    const fn = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionAfter(doc, 'max_', 0)));
    assert.match(fn, /Works on strings too/);
    const flat = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionAfter(doc, 'Instances[', -1)));
    assert.match(flat, /Projection: 5 values/);
    const nope = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionAfter(doc, 'Nop')));
    assert.match(nope, /5 elements, 0 values, 5 null/);
  });

  it('warns about a double-quoted name in a filter and fixes it to a raw string, as one undo step', async () => {
    const doc = await boundQueryFile('quoted.jmespath', 'Reservations[].Instances[?State.Name=="running"].InstanceId\n');
    const d = await waitFor('lint', () => vscode.languages.getDiagnostics(doc.uri).find((x) => x.code === 'quoted-name'));
    assert.strictEqual(doc.getText(d.range), '"running"');
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Warning);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range);
    const fix = actions.find((a) => a.title === "Change to 'running'")!;
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.strictEqual(doc.lineAt(0).text, "Reservations[].Instances[?State.Name=='running'].InstanceId");
    await waitFor('lint cleared', () => !vscode.languages.getDiagnostics(doc.uri).some((x) => x.code === 'quoted-name'));
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(doc.lineAt(0).text, 'Reservations[].Instances[?State.Name=="running"].InstanceId');
  });

  it('says did you mean for a field that exists nowhere there, and hints at backtick dates; no false alarms', async () => {
    const doc = await boundQueryFile('typo.jmespath', 'Reservations[].Instances[].InstanceID\n\nReservations[].Instances[?LaunchTime > `2017-01-01`].PublicIpAddress\n\nReservations[].Instances[].PublicIpAddress\n');
    const diagnostics = await waitFor('lints', () => {
      const d = vscode.languages.getDiagnostics(doc.uri);
      return d.length >= 2 ? d : undefined;
    });
    assert.deepStrictEqual(diagnostics.map((d) => [d.code, doc.getText(d.range)]), [['unknown-field', 'InstanceID'], ['backtick-literal', '`2017-01-01`']]);
    assert.match(diagnostics[0].message, /did you mean InstanceId\?/);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diagnostics[1].range);
    assert.ok(actions.some((a) => a.title === "Change to '2017-01-01'"));
  });
});

describe('JMESPath language: a field read on a list (trial 18: the commonest silent null went unsaid)', () => {
  afterEach(closeAllEditors);

  it('in a query file and in a script: warned from the dot, fixed to [].Field as one undo step', async () => {
    const doc = await boundQueryFile('on-list.jmespath', 'Reservations[].Instances[0].Tags.Key\n');
    const d = await waitFor('lint', () => vscode.languages.getDiagnostics(doc.uri).find((x) => x.code === 'not-an-object'));
    assert.strictEqual(doc.getText(d.range), '.Key');
    assert.match(d.message, /^Key is read on a list, which has no fields: the query gives null there/);
    await applyQuickFix(doc, d, 'Change to [].Key');
    assert.strictEqual(doc.lineAt(0).text, 'Reservations[].Instances[0].Tags[].Key');
    await waitFor('lint cleared', () => !vscode.languages.getDiagnostics(doc.uri).some((x) => x.code === 'not-an-object'));
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(doc.lineAt(0).text, 'Reservations[].Instances[0].Tags.Key');

    const sh = await script('on-list.sh', "aws ec2 describe-volumes --query 'Volumes[0].Attachments.InstanceId' --output text\n");
    const p = await waitFor('script lint', () => vscode.languages.getDiagnostics(sh.uri).find((x) => x.code === 'query-not-an-object'));
    assert.match(p.message, /InstanceId is read on a list \(Attachments\)/);
    await applyQuickFix(sh, p, 'Change to [].InstanceId');
    assert.strictEqual(sh.lineAt(0).text, "aws ec2 describe-volumes --query 'Volumes[0].Attachments[].InstanceId' --output text");
  });
});

describe('JMESPath language: a filter given each element (trial 26: `Instances[][?...]` was silently empty)', () => {
  afterEach(closeAllEditors);

  it('is warned in a query file, and the quick fix pipes the list into the filter as one undo step', async () => {
    const query = "Reservations[].Instances[][?State.Name=='running'].InstanceId";
    const doc = await boundQueryFile('filter-each.jmespath', `${query}\n`);
    const d = await waitFor('lint', () => vscode.languages.getDiagnostics(doc.uri).find((x) => x.code === 'filter-on-element'));
    assert.strictEqual(doc.getText(d.range), "[?State.Name=='running']");
    assert.match(d.message, /is given an object \(each element of the projection before it\), not a list/);
    await applyQuickFix(doc, d, "Change to | [?State.Name=='running']");
    assert.strictEqual(doc.lineAt(0).text, "Reservations[].Instances[] | [?State.Name=='running'].InstanceId");
    await waitFor('lint cleared', () => !vscode.languages.getDiagnostics(doc.uri).some((x) => x.code === 'filter-on-element'));
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(doc.lineAt(0).text, query);
  });
});

describe('JMESPath language: queries in scripts', () => {
  afterEach(closeAllEditors);

  it('fixes a double-quoted name in a single-quoted --query by re-quoting the argument, and bash still passes the query', async () => {
    const doc = await script('quoted-name.sh', "aws ec2 describe-instances --query 'Reservations[].Instances[?State.Name==\"running\"].InstanceId'\n");
    const d = await waitFor('lint', () => vscode.languages.getDiagnostics(doc.uri).find((x) => x.code === 'query-quoted-name'));
    assert.strictEqual(doc.getText(d.range), '"running"');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range);
    const fix = actions.find((a) => a.title === "Change to 'running'")!;
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    const line = doc.lineAt(0).text;
    assert.strictEqual(line, 'aws ec2 describe-instances --query "Reservations[].Instances[?State.Name==\'running\'].InstanceId"');
    const passed = execFileSync('bash', ['-c', `printf '%s\\n' ${line.replace(/^aws ec2 describe-instances /, '')}`], { encoding: 'utf8' });
    assert.strictEqual(passed, "--query\nReservations[].Instances[?State.Name=='running'].InstanceId\n");
    await vscode.commands.executeCommand('undo');
    assert.match(doc.getText(), /--query 'Reservations\[\]\.Instances\[\?State\.Name=="running"\]\.InstanceId'/, 'one undo step');
  });

  it('completes output fields inside --query, past a nested filter, with their shape types', async () => {
    const doc = await script('complete.sh', "aws ec2 describe-instances --query \"Reservations[].Instances[?Tags[?Key=='Name']].\"\n");
    const items = await completions(doc, positionAfter(doc, "]]."));
    assert.ok(items.map(label).includes('InstanceId'));
    assert.strictEqual(items.find((i) => label(i) === 'State')!.detail, 'structure');
    const help = await vscode.commands.executeCommand<vscode.SignatureHelp>('vscode.executeSignatureHelpProvider', doc.uri, positionAfter(doc, "Tags[?Key=='"));
    assert.strictEqual(help?.signatures.length ?? 0, 0, 'no function call there');
  });

  it('in a single-quoted bash --query, a value is offered as the JSON literal it inserts, and bash passes it on (trial 18: labelled as a raw string)', async () => {
    const doc = await script('enum-single.sh', "aws ec2 describe-instances --query 'Reservations[].Instances[?State.Name==].InstanceId'\n");
    const items = await completions(doc, positionAfter(doc, 'State.Name=='));
    const running = items.find((i) => i.kind === vscode.CompletionItemKind.Value && label(i).includes('running'))!;
    assert.strictEqual(label(running), '`"running"`');
    assert.strictEqual(running.insertText, '`"running"`');
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((b) => b.insert(positionAfter(doc, 'State.Name=='), running.insertText as string));
    const passed = execFileSync('bash', ['-c', `printf '%s\\n' ${doc.lineAt(0).text.replace(/^aws ec2 describe-instances /, '')}`], { encoding: 'utf8' });
    assert.strictEqual(passed, '--query\nReservations[].Instances[?State.Name==`"running"`].InstanceId\n');
  });

  it("after == on an enum field offers the service's values, flags a value it never takes, and the fix is one undo step (powershell)", async () => {
    const doc = await script('enum.ps1', "aws ec2 describe-instances --query 'Reservations[].Instances[?State.Name==`\"Stopped\"`].InstanceId'\n");
    const items = await completions(doc, positionAfter(doc, 'State.Name=='));
    const values = items.filter((i) => i.kind === vscode.CompletionItemKind.Value).map(label);
    assert.deepStrictEqual(values.slice(0, 3), ["'pending'", "'running'", "'shutting-down'"]);
    assert.ok(values.includes("'stopped'"), values.join(' '));
    const hover = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionAfter(doc, 'State.Na'));
    assert.match(hover.map((h) => h.contents.map((c) => (c as vscode.MarkdownString).value).join('')).join(''), /One of pending, running, .*stopped/);
    const d = await waitFor('lint', () => vscode.languages.getDiagnostics(doc.uri).find((x) => x.code === 'query-enum-value'));
    assert.strictEqual(doc.getText(d.range), '`"Stopped"`');
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Warning);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range);
    const fix = actions.find((a) => a.title === "Change to 'stopped'")!;
    assert.ok(fix, actions.map((a) => a.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.strictEqual(doc.lineAt(0).text, 'aws ec2 describe-instances --query "Reservations[].Instances[?State.Name==\'stopped\'].InstanceId"');
    await waitFor('clean', () => !vscode.languages.getDiagnostics(doc.uri).some((x) => x.code === 'query-enum-value') || undefined);
    await vscode.commands.executeCommand('undo');
    assert.match(doc.getText(), /`"Stopped"`/, 'one undo step');
  });

  it('offers every value as close as the closest as a quick fix (gp9: gp2 and gp3; trial 13)', async () => {
    const doc = await script('gp9.sh', "aws ec2 describe-volumes --query \"Volumes[?VolumeType=='gp9'].VolumeId\"\n");
    const d = await waitFor('lint', () => vscode.languages.getDiagnostics(doc.uri).find((x) => x.code === 'query-enum-value'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range);
    const fixes = actions.filter((a) => a.title.startsWith('Change to'));
    assert.deepStrictEqual(fixes.map((a) => [a.title, !!a.isPreferred]), [["Change to 'gp2'", true], ["Change to 'gp3'", false]]);
    assert.ok(await vscode.workspace.applyEdit(fixes[1].edit!));
    assert.strictEqual(doc.lineAt(0).text, "aws ec2 describe-volumes --query \"Volumes[?VolumeType=='gp3'].VolumeId\"");
  });

  it("completes, hovers and checks a boto3 paginator's search() query against one page of the operation's output", async () => {
    const doc = await script('pages.py', "import boto3\nec2 = boto3.client('ec2')\npages = ec2.get_paginator('describe_instances').paginate()\n" +
      "for i in pages.search(\"Reservations[].Instances[?State.Name==''].InstanceID\"):\n    print(i)\n");
    const fields = (await completions(doc, positionAfter(doc, 'Instances[?'))).map(label);
    assert.ok(fields.includes('State') && fields.includes('InstanceId'), fields.join(' '));
    const values = (await completions(doc, positionAfter(doc, "Name=='", -1))).filter((i) => i.kind === vscode.CompletionItemKind.Value).map(label);
    assert.ok(values.includes("'running'"), values.join(' '));
    const d = await waitFor('lint', () => vscode.languages.getDiagnostics(doc.uri).find((x) => x.code === 'query-field'));
    assert.strictEqual(doc.getText(d.range), 'InstanceID');
    assert.match(d.message, /did you mean InstanceId/);
  });

  it('offers functions and signature help inside jmespath.search in Python', async () => {
    const doc = await script('search.py', "import jmespath\njmespath.search('sort_by(@, &)', data)\n");
    const help = await vscode.commands.executeCommand<vscode.SignatureHelp>('vscode.executeSignatureHelpProvider', doc.uri, positionAfter(doc, '&'));
    assert.strictEqual(help.activeParameter, 1);
    const items = await completions(doc, positionAfter(doc, 'search(\''));
    assert.ok(items.some((i) => label(i) === 'to_number' && i.kind === vscode.CompletionItemKind.Function));
    const fn = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionAfter(doc, 'sort_')));
    assert.match(fn, /mixed numbers and strings/);
  });
});

describe('JMESPath language: palette suggestions', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await closeAllEditors();
  });

  it('suggests fields while typing, as the whole query they make; errors show their column and caret', async () => {
    const qp = await openPaletteOn(INSTANCES);
    qp.value = 'Reservations[].Instances[].Ins';
    const suggestion = await waitFor('field suggestions', () =>
      // (the suggestion row: a recent query with the same text may be listed too, before the suggestions arrive)
      qp.items.find((i) => (i as { expression?: string; isSuggestion?: boolean }).isSuggestion && (i as { expression?: string }).expression === 'Reservations[].Instances[].InstanceId'));
    assert.match(suggestion.label, /InstanceId/);
    assert.match(suggestion.description ?? '', /string · "i-/);
    qp.value = 'Reservations[?State ==]';
    const error = await waitFor('error preview', () => qp.items.find((i) => /\$\(error\) syntax error at column 22/.test(i.description ?? '')));
    assert.match(error.detail!, /^⟶ Reservations\[\?State ==‸\] .*Parse error at column 22/);
  });
});
