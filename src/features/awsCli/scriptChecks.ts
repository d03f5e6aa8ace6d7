// Diagnostics and quick fixes for AWS CLI and boto3 use in shell, PowerShell, cmd and Python files
// (completion, hover and signature help inside queries live in features/language).
import * as vscode from 'vscode';
import { ScriptProblem, checkScript } from '../../core/aws/scriptCheck';
import { OutputProblem, checkOutputFormats } from '../../core/aws/outputLint';
import { Disposable, DisposableMap, timeout } from '../../dispose';
import { SCRIPT_SELECTOR, scriptLanguageOf } from '../../languages';
import { ModelStore } from './modelStore';

const DEBOUNCE_MS = 300;

export class ScriptChecks extends Disposable implements vscode.CodeActionProvider {
  private readonly diagnostics = this._register(vscode.languages.createDiagnosticCollection('aws-cli'));
  private readonly problems = new Map<string, ScriptProblem[]>();
  /** Where --output changes what --query means (per-page text output, ragged tables, text column order). */
  private readonly outputProblems = new Map<string, OutputProblem[]>();
  /** Pending re-check per open document; closing the document cancels it. */
  private readonly timers = this._register(new DisposableMap<string>());

  constructor(private readonly models: ModelStore) {
    super();
    const selector = SCRIPT_SELECTOR;
    this._register(vscode.languages.registerCodeActionsProvider(selector, this, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }));
    this._register(vscode.workspace.onDidOpenTextDocument((d) => this.check(d)));
    this._register(vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => {
      this.timers.delete(d.uri.toString());
      this.diagnostics.delete(d.uri);
      this.problems.delete(d.uri.toString());
      this.outputProblems.delete(d.uri.toString());
    }));
    // after activation returns: checking reads the AWS models, which activation never does
    this._register(timeout(() => vscode.workspace.textDocuments.forEach((d) => this.check(d)), 0));
  }

  /** Documents with a re-check pending (for tests: closing a document must cancel its re-check). */
  get pendingChecks(): number {
    return this.timers.size;
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
    const language = scriptLanguageOf(doc.languageId);
    if (!language || doc.isClosed) return;
    const problems = checkScript(doc.getText(), language, this.models.lookup);
    this.problems.set(doc.uri.toString(), problems);
    this.diagnostics.set(doc.uri, problems.map((p) => {
      const d = new vscode.Diagnostic(new vscode.Range(doc.positionAt(p.start), doc.positionAt(p.end)), p.message,
        p.code === 'query-syntax' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
      // (in Python a query is jmespath's, a paginator's search() or jmespath.search(), not the CLI's)
      d.source = p.code === 'boto3-parameter' ? 'boto3' : language === 'python' ? 'jmespath' : 'aws --query';
      d.code = p.code;
      return d;
    }).concat(this.checkOutputs(doc, language)));
  }

  private checkOutputs(doc: vscode.TextDocument, language: ReturnType<typeof scriptLanguageOf>): vscode.Diagnostic[] {
    const problems = !language || language === 'python' ? [] : checkOutputFormats(doc.getText(), language, this.models.lookup);
    this.outputProblems.set(doc.uri.toString(), problems);
    return problems.map((p) => {
      const d = new vscode.Diagnostic(new vscode.Range(doc.positionAt(p.start), doc.positionAt(p.end)), p.message,
        p.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information);
      d.source = 'aws --output';
      d.code = p.code;
      return d;
    });
  }

  provideCodeActions(doc: vscode.TextDocument, range: vscode.Range): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const p of this.outputProblems.get(doc.uri.toString()) ?? []) {
      const pRange = new vscode.Range(doc.positionAt(p.start), doc.positionAt(p.end));
      if (!pRange.intersection(range)) continue;
      p.fixes.forEach((fix, i) => {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        for (const e of fix.edits) action.edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.text);
        action.isPreferred = i === 0;
        action.diagnostics = this.diagnostics.get(doc.uri)?.filter((d) => d.code === p.code && d.range.isEqual(pRange));
        actions.push(action);
      });
    }
    for (const p of this.problems.get(doc.uri.toString()) ?? []) {
      if (!p.fix) continue;
      const pRange = new vscode.Range(doc.positionAt(p.start), doc.positionAt(p.end));
      if (!pRange.intersection(range)) continue;
      [p, ...(p.otherFixes ?? [])].forEach((f, i) => {
        if (f.fix === undefined) return;
        const [from, to] = f.fixRange ?? [p.start, p.end];
        const action = new vscode.CodeAction(f.fixTitle ?? `Change to ${f.fix}`, vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        action.edit.replace(doc.uri, new vscode.Range(doc.positionAt(from), doc.positionAt(to)), f.fix);
        action.isPreferred = i === 0;
        action.diagnostics = this.diagnostics.get(doc.uri)?.filter((d) => d.range.isEqual(pRange));
        actions.push(action);
      });
    }
    return actions;
  }
}
