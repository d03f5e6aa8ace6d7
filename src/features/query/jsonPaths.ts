// JMESPath paths in JSON files: a hover that shows the path of the value under the mouse, and
// `Copy JMESPath Path` (exact, `Reservations[0].Instances[2].InstanceId`, or projected).
import * as vscode from 'vscode';
import { formatPath } from '../../core/json/paths';
import { isJsonDocument } from '../../languages';
import { QueryService, documentLength, shownName } from './queryService';

/** Hovering over huge documents would mean reading them for every hover. */
const MAX_HOVER_CHARS = 20_000_000;

export class JsonPaths implements vscode.HoverProvider {
  constructor(private readonly service: QueryService) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    if (!isJsonDocument(document) || documentLength(document) > MAX_HOVER_CHARS) return undefined;
    try {
      const found = await this.service.pathAt(document.uri, document.offsetAt(position));
      if (!found || found.path.length === 0) return undefined;
      const md = new vscode.MarkdownString();
      md.appendMarkdown('**JMESPath**\n\n');
      md.appendCodeblock(formatPath(found.path), 'jmespath');
      const projected = formatPath(found.path, true);
      if (projected !== formatPath(found.path)) md.appendCodeblock(projected, 'jmespath');
      return new vscode.Hover(md);
    } catch {
      return undefined; // invalid JSON: the query commands report it
    }
  }

  /**
   * Copies the path of the value at the cursor. Scriptable:
   * `executeCommand('jmespathAws.copyPath', { projected?: boolean, uri?: string, offset?: number })` returns it.
   */
  async copyPath(args: { projected?: boolean; uri?: string; offset?: number } = {}): Promise<string | undefined> {
    const editor = vscode.window.activeTextEditor;
    const uri = args.uri ? vscode.Uri.parse(args.uri) : editor?.document.uri;
    if (!uri || (!args.uri && editor && !isJsonDocument(editor.document))) {
      void vscode.window.showWarningMessage('Put the cursor on a value in a JSON file to copy its JMESPath path.');
      return undefined;
    }
    const doc = await vscode.workspace.openTextDocument(uri);
    const offset = args.offset ?? (editor && editor.document.uri.toString() === uri.toString() ? doc.offsetAt(editor.selection.active) : 0);
    let found;
    try {
      found = await this.service.pathAt(uri, offset);
    } catch (e) {
      void vscode.window.showErrorMessage(`Cannot read ${shownName(uri)}: ${(e as Error).message}`);
      return undefined;
    }
    if (!found) return undefined;
    let projected = args.projected;
    if (projected === undefined) {
      const exact = formatPath(found.path);
      const proj = formatPath(found.path, true);
      if (exact === proj) {
        projected = false;
      } else {
        const pick = await vscode.window.showQuickPick(
          [{ label: exact, description: 'exact path', projected: false }, { label: proj, description: 'projected over every list', projected: true }],
          { title: 'Copy JMESPath path' },
        );
        if (!pick) return undefined;
        projected = pick.projected;
      }
    }
    const text = formatPath(found.path, projected);
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(`Copied ${text}`, 3000);
    return text;
  }
}
