// Language intelligence in `.jmespath` query files, against each file's bound JSON: completion,
// signature help, hover with live values, lints with quick fixes.
import * as vscode from 'vscode';
import { Completions, DataSource, complete, diagnose, hover, signatureHelp } from '../../core/jmespath/analysis';
import { QueryBlock, fileOffsetOf, queryAtOffset, splitQueries } from '../../core/query/queryFile';
import { Disposable, DisposableMap, timeout } from '../../dispose';
import { JMESPATH_LANGUAGE_ID, JMESPATH_SELECTOR } from '../../languages';
import { COMPLETION_TRIGGERS, SIGNATURE_TRIGGERS, toCompletionItems, toSignatureHelp } from './convert';
import { JsonDataCache } from './jsonData';
import { shownName } from '../query/queryService';

const LINT_DEBOUNCE_MS = 300;

/** Where a query file's queries run: the binding kept by the query features. */
export interface QueryFileBindingLookup {
  bindingOf(queryFile: vscode.Uri): vscode.Uri | undefined;
}

interface Located {
  text: string;
  offset: number;
  /** File offset of a text offset. */
  toFile: (textOffset: number) => number;
}

export class QueryFileLanguage extends Disposable implements vscode.CompletionItemProvider, vscode.SignatureHelpProvider, vscode.HoverProvider, vscode.CodeActionProvider {
  private readonly diagnostics = this._register(vscode.languages.createDiagnosticCollection('jmespath-lint'));
  private readonly fixes = new Map<string, { range: vscode.Range; diagnostic: vscode.Diagnostic; text: string; title: string }[]>();
  /** Per query file, the run hints (hintKey) its last lint left out duplicates of. */
  private readonly hintsSeen = new Map<string, string>();
  /** Pending lint per open query file; closing it cancels the lint. */
  private readonly timers = this._register(new DisposableMap<string>());

  constructor(private readonly bindings: QueryFileBindingLookup, private readonly data: JsonDataCache, onDidChangeBinding?: vscode.Event<unknown>) {
    super();
    this._register(vscode.languages.registerCompletionItemProvider(JMESPATH_SELECTOR, this, ...COMPLETION_TRIGGERS));
    this._register(vscode.languages.registerSignatureHelpProvider(JMESPATH_SELECTOR, this, SIGNATURE_TRIGGERS));
    this._register(vscode.languages.registerHoverProvider(JMESPATH_SELECTOR, this));
    this._register(vscode.languages.registerCodeActionsProvider(JMESPATH_SELECTOR, this, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }));
    this._register(vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)));
    this._register(vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document, LINT_DEBOUNCE_MS)));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => {
      this.timers.delete(d.uri.toString());
      this.hintsSeen.delete(d.uri.toString());
      this.diagnostics.delete(d.uri);
      this.fixes.delete(d.uri.toString());
    }));
    // the bound JSON changed: lints against it are stale
    this._register(this.data.onDidChange((json) => this.queryFilesBoundTo(json).forEach((d) => this.schedule(d, LINT_DEBOUNCE_MS))));
    if (onDidChangeBinding) this._register(onDidChangeBinding(() => this.lintAll()));
    // a run's "the result is empty" hint says what an unknown-field warning on the same name would
    this._register(vscode.languages.onDidChangeDiagnostics((e) => {
      for (const uri of e.uris) {
        if (this.hintsSeen.has(uri.toString()) && this.hintsSeen.get(uri.toString()) === hintKey(runHints(uri))) continue;
        const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        if (doc) this.schedule(doc, 0);
      }
    }));
    this.lintAll();
  }

  /** Re-lints every open query file (after a binding changed). */
  lintAll(): void {
    vscode.workspace.textDocuments.forEach((d) => this.schedule(d, 0));
  }

  private queryFilesBoundTo(json: vscode.Uri): vscode.TextDocument[] {
    return vscode.workspace.textDocuments.filter((d) => d.languageId === JMESPATH_LANGUAGE_ID && this.bindings.bindingOf(d.uri)?.toString() === json.toString());
  }

  private schedule(doc: vscode.TextDocument, delay: number): void {
    if (doc.languageId !== JMESPATH_LANGUAGE_ID) return;
    const key = doc.uri.toString();
    this.timers.set(key, timeout(() => {
      this.timers.delete(key);
      void this.lint(doc);
    }, delay));
  }

  /** Lints every query of the file against its bound JSON (or, unbound, what needs no data). */
  async lint(doc: vscode.TextDocument): Promise<void> {
    const version = doc.version;
    const blocks = splitQueries(doc.getText());
    const found = await this.withData(doc, (data) => blocks.map((b) => ({ block: b, problems: diagnose(b.text, data) })));
    if (doc.isClosed || doc.version !== version) return;
    const fixes: NonNullable<ReturnType<QueryFileLanguage['fixes']['get']>> = [];
    const diagnostics: vscode.Diagnostic[] = [];
    const hinted = runHints(doc.uri);
    this.hintsSeen.set(doc.uri.toString(), hintKey(hinted));
    for (const { block, problems } of found) {
      for (const p of problems) {
        const range = this.rangeOf(doc, block, p);
        // a run's hint already says it (one problem, not two): the fix goes with the hint
        const hint = p.code === 'unknown-field' ? hinted.find((h) => h.range.isEqual(range)) : undefined;
        const d = hint ?? new vscode.Diagnostic(range, p.message, vscode.DiagnosticSeverity.Warning);
        if (!hint) {
          d.source = 'jmespath';
          d.code = p.code;
          diagnostics.push(d);
        }
        if (p.fix) fixes.push({ range, diagnostic: d, text: p.fix.text, title: p.fix.title });
      }
    }
    this.diagnostics.set(doc.uri, diagnostics);
    this.fixes.set(doc.uri.toString(), fixes);
  }

  private rangeOf(doc: vscode.TextDocument, block: QueryBlock, p: { start: number; end: number }): vscode.Range {
    return new vscode.Range(doc.positionAt(fileOffsetOf(block, p.start)), doc.positionAt(fileOffsetOf(block, p.end)));
  }

  /** Runs `use` against the bound JSON; unbound or unreadable, against nothing (functions and syntax). */
  private async withData<T>(doc: vscode.TextDocument, use: (data: DataSource) => T): Promise<T> {
    return (await this.withDataOrReason(doc, use)).value;
  }

  /** As withData, and why the bound JSON could not be used, if it could not. */
  private async withDataOrReason<T>(doc: vscode.TextDocument, use: (data: DataSource) => T): Promise<{ value: T; unreadable?: string }> {
    const bound = this.bindings.bindingOf(doc.uri);
    if (!bound) return { value: use({ kind: 'none' }) };
    const outcome = await this.data.use(bound, (root) => use({ kind: 'json', root }));
    return outcome.ok ? { value: outcome.value } : { value: use({ kind: 'none' }), unreadable: outcome.reason };
  }

  /** The query under the position; a blank line starts a new one. */
  private locate(doc: vscode.TextDocument, position: vscode.Position): Located | undefined {
    const line = doc.lineAt(position.line).text;
    if (line.trim().startsWith('#')) return undefined;
    const fileOffset = doc.offsetAt(position);
    const hit = queryAtOffset(splitQueries(doc.getText()), fileOffset);
    if (hit) return { text: hit.block.text, offset: hit.textOffset, toFile: (o) => fileOffsetOf(hit.block, o) };
    if (line.trim() !== '') return undefined;
    const lineStart = doc.offsetAt(new vscode.Position(position.line, 0));
    return { text: line, offset: position.character, toFile: (o) => lineStart + o };
  }

  async provideCompletionItems(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionList | undefined> {
    const at = this.locate(doc, position);
    if (!at) return undefined;
    const result: Completions = await this.withData(doc, (data) => complete(at.text, at.offset, data));
    const range = new vscode.Range(doc.positionAt(at.toFile(result.start)), doc.positionAt(at.toFile(result.end)));
    return new vscode.CompletionList(toCompletionItems(result.items, range.start.line === range.end.line ? range : undefined), false);
  }

  provideSignatureHelp(doc: vscode.TextDocument, position: vscode.Position): vscode.SignatureHelp | undefined {
    const at = this.locate(doc, position);
    return at ? toSignatureHelp(signatureHelp(at.text, at.offset)) : undefined;
  }

  async provideHover(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const at = this.locate(doc, position);
    if (!at) return undefined;
    const { value: info, unreadable } = await this.withDataOrReason(doc, (data) => hover(at.text, at.offset, data));
    const bound = this.bindings.bindingOf(doc.uri);
    // values cannot be shown: say why rather than nothing (trial 16: an empty or invalid JSON gave no hover)
    if (unreadable && bound) {
      const md = new vscode.MarkdownString(info ? `${info.markdown}\n\n---\n\n` : '');
      md.appendText(`No values from ${shownName(bound)}: ${unreadable}`);
      const word = doc.getWordRangeAtPosition(position);
      return new vscode.Hover(md, info ? new vscode.Range(doc.positionAt(at.toFile(info.start)), doc.positionAt(at.toFile(info.end))) : word);
    }
    if (!info) return undefined;
    const md = new vscode.MarkdownString(info.markdown);
    if (bound && !/^```jmespath/.test(info.markdown)) md.appendMarkdown(`\n\n*on ${shownName(bound)}*`);
    return new vscode.Hover(md, new vscode.Range(doc.positionAt(at.toFile(info.start)), doc.positionAt(at.toFile(info.end))));
  }

  provideCodeActions(doc: vscode.TextDocument, range: vscode.Range | vscode.Selection): vscode.CodeAction[] {
    return (this.fixes.get(doc.uri.toString()) ?? []).filter((f) => f.range.intersection(range)).map((f) => {
      const action = new vscode.CodeAction(f.title, vscode.CodeActionKind.QuickFix);
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(doc.uri, f.range, f.text);
      action.diagnostics = [f.diagnostic];
      action.isPreferred = true;
      return action;
    });
  }
}

/** The ranges of a query file's "the result is empty" hints (QueryFileRunner's, code missing-field). */
function runHints(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.code === 'missing-field');
}

function hintKey(hints: vscode.Diagnostic[]): string {
  return hints.map(({ range: r }) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`).join(',');
}
