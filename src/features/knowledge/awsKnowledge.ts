// AWS knowledge in scripts and Python: hovers on DynamoDB reads (consistency, cost, a link to the
// capacity calculator), on S3 reads and writes (consistency model) and on Lambda /tmp paths;
// diagnostics with quick fixes for strongly consistent GSI reads and writes outside /tmp in Lambda.
import * as vscode from 'vscode';
import { Commands } from '../../commands';
import { KnowledgeLanguage, KnowledgeProblem, ScriptKnowledge, hoverAt, scriptKnowledge } from '../../core/aws/knowledge';
import { problemActions, toDiagnostic } from './problems';

const LANGUAGES: Record<string, KnowledgeLanguage> = { shellscript: 'bash', powershell: 'powershell', bat: 'cmd', python: 'python' };
/** Larger documents get no knowledge hovers or diagnostics (scanning stays bounded). */
const MAX_CHARS = 2_000_000;
const DEBOUNCE_MS = 300;

export class AwsKnowledge implements vscode.HoverProvider, vscode.CodeActionProvider, vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('aws-knowledge');
  private readonly cache = new Map<string, { version: number; knowledge: ScriptKnowledge }>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor() {
    const selector = Object.keys(LANGUAGES).map((language) => ({ language }));
    this.disposables.push(
      this.diagnostics,
      vscode.languages.registerHoverProvider(selector, this),
      vscode.languages.registerCodeActionsProvider(selector, this, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
      vscode.workspace.onDidOpenTextDocument((d) => this.check(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.diagnostics.delete(d.uri);
        this.cache.delete(d.uri.toString());
      }),
    );
    const initial = setTimeout(() => vscode.workspace.textDocuments.forEach((d) => this.check(d)), 0);
    this.disposables.push({ dispose: () => clearTimeout(initial) });
  }

  knowledgeOf(doc: vscode.TextDocument): ScriptKnowledge | undefined {
    const language = LANGUAGES[doc.languageId];
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
    if (!LANGUAGES[doc.languageId]) return;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => this.check(doc), DEBOUNCE_MS));
  }

  check(doc: vscode.TextDocument): void {
    const knowledge = this.knowledgeOf(doc);
    if (!knowledge) {
      if (LANGUAGES[doc.languageId]) this.diagnostics.delete(doc.uri);
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

  dispose(): void {
    this.timers.forEach((t) => clearTimeout(t));
    this.disposables.forEach((d) => d.dispose());
  }
}
