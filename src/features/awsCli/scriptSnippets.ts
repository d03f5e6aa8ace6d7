// The script snippets (snippets/*.json) offered where a statement starts, not inside a string or a
// comment: contributed snippets show up in every completion list of their language, so typing a
// JMESPath query in `jmespath.search('Reservations[].` listed `boto3-run-instances` (trial 13).
import * as fs from 'fs';
import * as vscode from 'vscode';

/** Snippet file per language: the same format as contributed snippets. */
const SNIPPET_FILES: Record<string, string> = { python: 'python.json', shellscript: 'shellscript.json', powershell: 'powershell.json' };

interface SnippetDefinition {
  prefix: string | string[];
  body: string | string[];
  description?: string;
}

/** The prefix being typed: the line so far is blank but for a word (snippet prefixes have dashes). */
const STATEMENT_START = /^\s*([\w-]*)$/;

export class ScriptSnippets implements vscode.CompletionItemProvider {
  private readonly byLanguage = new Map<string, vscode.CompletionItem[]>();

  constructor(private readonly folder: vscode.Uri) {}

  register(): vscode.Disposable {
    return vscode.languages.registerCompletionItemProvider(Object.keys(SNIPPET_FILES).map((language) => ({ language })), this);
  }

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] {
    const typed = STATEMENT_START.exec(document.lineAt(position.line).text.slice(0, position.character));
    if (!typed) return [];
    const range = new vscode.Range(position.line, position.character - typed[1].length, position.line, position.character);
    return this.snippets(document.languageId).map((template) => {
      const item = new vscode.CompletionItem(template.label, vscode.CompletionItemKind.Snippet);
      Object.assign(item, { detail: template.detail, documentation: template.documentation, insertText: template.insertText, filterText: template.filterText, range });
      return item;
    });
  }

  private snippets(language: string): vscode.CompletionItem[] {
    let items = this.byLanguage.get(language);
    if (items) return items;
    const file = SNIPPET_FILES[language];
    items = [];
    if (file) {
      const definitions = JSON.parse(fs.readFileSync(vscode.Uri.joinPath(this.folder, file).fsPath, 'utf8')) as Record<string, SnippetDefinition>;
      for (const [name, definition] of Object.entries(definitions)) {
        const body = Array.isArray(definition.body) ? definition.body.join('\n') : definition.body;
        for (const prefix of [definition.prefix].flat()) {
          const item = new vscode.CompletionItem(prefix, vscode.CompletionItemKind.Snippet);
          item.detail = name;
          item.documentation = new vscode.MarkdownString(definition.description ?? '').appendCodeblock(preview(body), language === 'shellscript' ? 'bash' : language);
          item.insertText = new vscode.SnippetString(body);
          item.filterText = prefix;
          items.push(item);
        }
      }
    }
    this.byLanguage.set(language, items);
    return items;
  }
}

/** The body as it reads with each placeholder at its default (what VS Code shows for a snippet). */
function preview(body: string): string {
  let text = body;
  for (let i = 0; i < 5; i++) text = text.replace(/\$\{\d+:([^${}]*)\}/g, '$1'); // (nested placeholders: inner first)
  return text.replace(/\$\{\d+\|([^,|}]*)[^}]*\}/g, '$1').replace(/\$\d+/g, '').replace(/\\\$/g, '$');
}
