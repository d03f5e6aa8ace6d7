// aws lines with options or variables before the service, continuations and command substitutions
// get the same diagnostics as plain ones (issue 9, item 10).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, waitFor, workspaceFile } from './helpers';

describe('aws command lines written with variables and options', () => {
  afterEach(closeAllEditors);

  it('flags --query typos behind $ENDPOINT, --profile/--region and "${OPTS[@]}"', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile('variables.sh'));
    await vscode.window.showTextDocument(doc);
    const diagnostics = await waitFor('three diagnostics', () => {
      const d = vscode.languages.getDiagnostics(doc.uri);
      return d.length >= 3 ? d : undefined;
    });
    const flagged = diagnostics.map((d) => [doc.getText(d.range), d.range.start.line, d.code]);
    assert.deepStrictEqual(flagged, [
      ['InstanceID', 8, 'query-field'],
      ['VolumeID', 10, 'query-field'],
      ['name', 13, 'query-field'],
    ]);
  });

  it('flags a PowerShell `& aws` line with a backtick continuation', async () => {
    const doc = await vscode.workspace.openTextDocument({
      language: 'powershell',
      content: "& aws --region $Region ec2 describe-instances `\n  --query 'Reservations[].Instances[].InstanceID'\n",
    });
    const d = await waitFor('a diagnostic', () => {
      const all = vscode.languages.getDiagnostics(doc.uri);
      return all.length ? all : undefined;
    });
    assert.strictEqual(doc.getText(d[0].range), 'InstanceID');
    assert.match(d[0].message, /did you mean InstanceId\?/);
  });
});
