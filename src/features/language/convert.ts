// The analysis's answers as VS Code objects.
import * as vscode from 'vscode';
import type { CompletionEntry, SignatureInfo } from '../../core/jmespath/analysis';
import { functionMarkdown } from '../../core/jmespath/analysis';

/** Characters after which a name, a value or a function may follow. */
export const COMPLETION_TRIGGERS = ['.', '[', '?', '(', '&', '|', ',', '{', ':', ' ', "'", '"'];
export const SIGNATURE_TRIGGERS: vscode.SignatureHelpProviderMetadata = { triggerCharacters: ['(', ','], retriggerCharacters: [','] };

const KINDS: Record<CompletionEntry['kind'], vscode.CompletionItemKind> = {
  field: vscode.CompletionItemKind.Field,
  function: vscode.CompletionItemKind.Function,
  value: vscode.CompletionItemKind.Value,
};

/** Completion items; `escape` rewrites inserted text for where it goes (inside shell quotes). */
export function toCompletionItems(entries: CompletionEntry[], range: vscode.Range | undefined, escape?: (entry: CompletionEntry) => string): vscode.CompletionItem[] {
  // (without a range of its own an item cannot take the text before the word: `Tags.` to `Tags[].Key`)
  return entries.filter((e) => range || !e.replaceBefore).map((e) => {
    const text = escape ? escape(e) : e.insertText;
    // a raw string written as a JSON literal for the shell (`'pending'` as `"pending"` in bash's
    // single quotes) is shown and filtered as it goes in (trial 18: the label promised the other form)
    const rewritten = e.kind === 'value' && text.startsWith('`') && !e.insertText.startsWith('`');
    const item = new vscode.CompletionItem(rewritten ? text : e.label, KINDS[e.kind]);
    item.insertText = e.snippet ? new vscode.SnippetString(text) : text;
    if (rewritten) item.filterText = text;
    else if (e.filterText) item.filterText = e.filterText;
    item.detail = e.detail;
    if (e.documentation) item.documentation = new vscode.MarkdownString(e.documentation);
    item.sortText = String(e.rank).padStart(5, '0');
    if (range) item.range = e.replaceBefore ? new vscode.Range(range.start.translate(0, -e.replaceBefore.length), range.end) : range;
    if (e.replaceBefore) item.filterText = e.replaceBefore + (item.filterText ?? e.filterText ?? e.label);
    if (e.kind === 'function') item.command = { command: 'editor.action.triggerParameterHints', title: 'Signature help' };
    return item;
  });
}

export function toSignatureHelp(info: SignatureInfo | undefined): vscode.SignatureHelp | undefined {
  if (!info) return undefined;
  const signature = new vscode.SignatureInformation(info.label, new vscode.MarkdownString(functionMarkdown(info.doc, { signature: false })));
  signature.parameters = info.parameters.map((span, i) => new vscode.ParameterInformation(span, info.parameterAccepts[i]));
  signature.activeParameter = info.activeParameter;
  const help = new vscode.SignatureHelp();
  help.signatures = [signature];
  help.activeSignature = 0;
  help.activeParameter = info.activeParameter;
  return help;
}
