// AWS knowledge in scripts and Python: hovers on DynamoDB reads (consistency, cost, a link to the
// capacity calculator), on S3 reads and writes (consistency model) and on Lambda /tmp paths;
// diagnostics with quick fixes for strongly consistent GSI reads and writes outside /tmp in Lambda.
import * as vscode from 'vscode';
import { Commands } from '../../commands';
import { KnowledgeProblem, ScriptKnowledge, hoverAt, scriptKnowledge } from '../../core/aws/knowledge';
import { Disposable, DisposableMap, timeout } from '../../dispose';
import { SCRIPT_SELECTOR, scriptLanguageOf } from '../../languages';
import { problemActions, toDiagnostic } from './problems';

/** Larger documents get no knowledge hovers or diagnostics (scanning stays bounded). */
const MAX_CHARS = 2_000_000;
const DEBOUNCE_MS = 300;

export class AwsKnowledge extends Disposable implements vscode.HoverProvider, vscode.CodeActionProvider {
  private readonly diagnostics = this._register(vscode.languages.createDiagnosticCollection('aws-knowledge'));
  private readonly cache = new Map<string, { version: number; knowledge: ScriptKnowledge }>();
  /** Pending re-check per open document; closing the document cancels it. */
  private readonly timers = this._register(new DisposableMap<string>());

  constructor() {
    super();
    this._register(vscode.languages.registerHoverProvider(SCRIPT_SELECTOR, this));
    this._register(vscode.languages.registerCodeActionsProvider(SCRIPT_SELECTOR, this, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }));
    this._register(vscode.workspace.onDidOpenTextDocument((d) => this.check(d)));
    this._register(vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => {
      this.timers.delete(d.uri.toString());
      this.diagnostics.delete(d.uri);
      this.cache.delete(d.uri.toString());
    }));
    this._register(timeout(() => vscode.workspace.textDocuments.forEach((d) => this.check(d)), 0));
  }

  knowledgeOf(doc: vscode.TextDocument): ScriptKnowledge | undefined {
    const language = scriptLanguageOf(doc.languageId);
    if (!language) return undefined;
    const key = doc.uri.toString();
    const cached = this.cache.get(key);
    if (cached && cached.version === doc.version) return cached.knowledge;
    const text = doc.getText();
    if (text.length > MAX_CHARS) return undefined;
    const knowledge = scriptKnowledge(text, language);
    this.cache.set(key, { version: doc.version, knowledge });
    return knowledge;
  }

  private schedule(doc: vscode.TextDocument): void {
    if (!scriptLanguageOf(doc.languageId)) return;
    const key = doc.uri.toString();
    this.timers.set(key, timeout(() => {
      this.timers.delete(key);
      this.check(doc);
    }, DEBOUNCE_MS));
  }

  check(doc: vscode.TextDocument): void {
    if (doc.isClosed) return;
    const knowledge = this.knowledgeOf(doc);
    if (!knowledge) {
      if (scriptLanguageOf(doc.languageId)) this.diagnostics.delete(doc.uri);
      return;
    }
    this.diagnostics.set(doc.uri, knowledge.problems.map((p) => toDiagnostic(doc, p)));
  }

  provideHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const knowledge = this.knowledgeOf(doc);
    if (!knowledge) return undefined;
    const hover = hoverAt(knowledge, doc.offsetAt(position));
    if (!hover) return undefined;
    const markdown = new vscode.MarkdownString(hover.markdown);
    // only the calculator link may run a command from this hover
    markdown.isTrusted = { enabledCommands: [Commands.openCapacityCalculator] };
    return new vscode.Hover(markdown, new vscode.Range(doc.positionAt(hover.start), doc.positionAt(hover.end)));
  }

  provideCodeActions(doc: vscode.TextDocument, range: vscode.Range): vscode.CodeAction[] {
    const problems: KnowledgeProblem[] = this.knowledgeOf(doc)?.problems ?? [];
    return problemActions(doc, range, problems, this.diagnostics.get(doc.uri) ?? []);
  }
}
