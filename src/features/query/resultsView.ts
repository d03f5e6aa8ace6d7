// Read-only results editors: one per JSON source, refreshed in place as queries run.
import * as vscode from 'vscode';
import { Disposable } from '../../dispose';
import { stripJsonExtension } from '../../languages';
import { basename } from './queryService';

export const RESULT_SCHEME = 'jmespath-result';

export class ResultsView extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private readonly changed = this._register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;

  constructor() {
    super();
    this._register(vscode.workspace.registerTextDocumentContentProvider(RESULT_SCHEME, this));
  }

  static uriFor(source: vscode.Uri): vscode.Uri {
    const name = stripJsonExtension(basename(source));
    return vscode.Uri.from({ scheme: RESULT_SCHEME, path: `/${name} (query result).json`, query: source.toString() });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /**
   * Shows `text` as the result for `source`, opening the results editor beside it if needed, in
   * `languageId` (json; plaintext for text and table output, so no JSON problems; yaml).
   */
  async show(source: vscode.Uri, text: string, reveal = true, languageId = 'json'): Promise<vscode.TextDocument> {
    const uri = ResultsView.uriFor(source);
    this.contents.set(uri.toString(), text);
    this.changed.fire(uri);
    let doc = await vscode.workspace.openTextDocument(uri);
    if (doc.languageId !== languageId) doc = await vscode.languages.setTextDocumentLanguage(doc, languageId);
    const visible = vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === uri.toString());
    if (reveal && !visible) {
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: false });
    }
    return doc;
  }

  isOpen(source: vscode.Uri): boolean {
    const uri = ResultsView.uriFor(source).toString();
    return vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === uri);
  }
}
