// Language intelligence inside queries embedded in scripts: `--query '...'` of a recognised
// `aws <service> <operation>` (against the operation's output shape) in shell, PowerShell and cmd
// files, `paginator.paginate(...).search('...')` in Python (against one page of the operation's
// output), and `jmespath.search('...')` in Python (functions and syntax). Diagnostics and their
// fixes come from the script checks (features/awsCli), which use the same analysis.
import * as vscode from 'vscode';
import { ScriptLanguage, cliQueryOutput, paginatorSearchOutput, queryDataSource } from '../../core/aws/scriptCheck';
import { ScriptString, findCliCommands, findPaginatorSearches, findPythonQueries } from '../../core/aws/scriptScan';
import { documentRange, escapeInQuotes, quoteContext } from '../../core/aws/shellQuoting';
import { CompletionEntry, DataSource, complete, hover, signatureHelp } from '../../core/jmespath/analysis';
import { Disposable } from '../../dispose';
import { SCRIPT_SELECTOR, scriptLanguageOf } from '../../languages';
import { ModelStore } from '../awsCli/modelStore';
import { COMPLETION_TRIGGERS, SIGNATURE_TRIGGERS, toCompletionItems, toSignatureHelp } from './convert';

interface Embedded {
  query: ScriptString;
  /** Index in the query text of the document offset. */
  index: number;
  data: DataSource;
  language: ScriptLanguage;
}

export class ScriptLanguageFeatures extends Disposable implements vscode.CompletionItemProvider, vscode.SignatureHelpProvider, vscode.HoverProvider {
  constructor(private readonly models: ModelStore) {
    super();
    this._register(vscode.languages.registerCompletionItemProvider(SCRIPT_SELECTOR, this, ...COMPLETION_TRIGGERS));
    this._register(vscode.languages.registerSignatureHelpProvider(SCRIPT_SELECTOR, this, SIGNATURE_TRIGGERS));
    this._register(vscode.languages.registerHoverProvider(SCRIPT_SELECTOR, this));
  }

  /** The embedded query the offset is in, with what it is analysed against. */
  private locate(doc: vscode.TextDocument, position: vscode.Position): Embedded | undefined {
    const language = scriptLanguageOf(doc.languageId);
    if (!language) return undefined;
    const offset = doc.offsetAt(position);
    const text = doc.getText();
    const inside = (q: ScriptString) => offset >= q.offsets[0] && offset <= q.offsets[q.text.length];
    const indexOf = (q: ScriptString) => {
      const i = q.offsets.findIndex((o) => o >= offset);
      return i < 0 ? q.text.length : i;
    };
    if (language === 'python') {
      const search = findPaginatorSearches(text).find((s) => inside(s.query));
      if (search) {
        const data = queryDataSource(paginatorSearchOutput(search, this.models.lookup));
        return { query: search.query, index: indexOf(search.query), data, language };
      }
      const q = findPythonQueries(text).find(inside);
      return q ? { query: q, index: indexOf(q), data: { kind: 'none' }, language } : undefined;
    }
    for (const cmd of findCliCommands(text, language)) {
      const q = cmd.query;
      if (!q || !inside(q)) continue;
      return { query: q, index: indexOf(q), data: queryDataSource(cliQueryOutput(cmd, this.models.lookup)), language };
    }
    return undefined;
  }

  provideCompletionItems(doc: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] | undefined {
    const at = this.locate(doc, position);
    if (!at) return undefined;
    const result = complete(at.query.text, at.index, at.data);
    const [from, to] = documentRange(at.query, result.start, result.end);
    const range = new vscode.Range(doc.positionAt(from), doc.positionAt(to));
    const escape = (e: CompletionEntry) => this.escapeFor(doc, at, e);
    return toCompletionItems(result.items, range.start.line === range.end.line ? range : undefined, escape);
  }

  /** Text as it must be typed at that point of the script so the shell passes it on unchanged. */
  private escapeFor(doc: vscode.TextDocument, at: Embedded, entry: CompletionEntry): string {
    if (at.language === 'python') {
      const quote = doc.getText()[at.query.offsets[0] - 1];
      return entry.insertText.replace(new RegExp(`[${quote}\\\\]`, 'g'), (c) => `\\${c}`);
    }
    const context = quoteContext(doc.getText(), at.query, at.language);
    let text = entry.insertText;
    // a raw string inside a single-quoted bash argument: the JSON literal says the same without quotes to escape
    if (entry.kind === 'value' && context === 'single' && at.language === 'bash' && text.startsWith("'")) {
      const raw = text.slice(1, -1).replace(/\\'/g, "'");
      text = `\`${JSON.stringify(raw).replace(/`/g, '\\`')}\``;
    }
    return escapeInQuotes(text, at.language, context);
  }

  provideSignatureHelp(doc: vscode.TextDocument, position: vscode.Position): vscode.SignatureHelp | undefined {
    const at = this.locate(doc, position);
    return at ? toSignatureHelp(signatureHelp(at.query.text, at.index)) : undefined;
  }

  provideHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const at = this.locate(doc, position);
    if (!at) return undefined;
    const info = hover(at.query.text, at.index, at.data);
    if (!info) return undefined;
    const [from, to] = documentRange(at.query, info.start, info.end);
    const range = new vscode.Range(doc.positionAt(from), doc.positionAt(to));
    return new vscode.Hover(new vscode.MarkdownString(info.markdown), range);
  }
}
