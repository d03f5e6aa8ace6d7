// Diagnostics, quick fixes and field-name completion for AWS CLI and boto3 use in shell,
// PowerShell, cmd and Python files.
import * as vscode from 'vscode';
import { compile } from '../../core/jmespath';
import { isStructure, ShapeTree } from '../../core/aws/model';
import { completionContext, shapeAfter } from '../../core/aws/queryCheck';
import { ScriptProblem, checkScript } from '../../core/aws/scriptCheck';
import { ScriptString, findCliCommands } from '../../core/aws/scriptScan';
import { Disposable, DisposableMap, timeout } from '../../dispose';
import { SCRIPT_SELECTOR, scriptLanguageOf } from '../../languages';
import { ModelStore } from './modelStore';

const DEBOUNCE_MS = 300;

export class ScriptChecks extends Disposable implements vscode.CodeActionProvider, vscode.CompletionItemProvider {
  private readonly diagnostics = this._register(vscode.languages.createDiagnosticCollection('aws-cli'));
  private readonly problems = new Map<string, ScriptProblem[]>();
  /** Pending re-check per open document; closing the document cancels it. */
  private readonly timers = this._register(new DisposableMap<string>());

  constructor(private readonly models: ModelStore) {
    super();
    const selector = SCRIPT_SELECTOR;
    this._register(vscode.languages.registerCodeActionsProvider(selector, this, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }));
    this._register(vscode.languages.registerCompletionItemProvider(selector.filter((s) => s.language !== 'python'), this, '.', '[', '{', ' ', '?', '(', '&'));
    this._register(vscode.workspace.onDidOpenTextDocument((d) => this.check(d)));
    this._register(vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => {
      this.timers.delete(d.uri.toString());
      this.diagnostics.delete(d.uri);
      this.problems.delete(d.uri.toString());
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
      d.source = p.code === 'boto3-parameter' ? 'boto3' : 'aws --query';
      d.code = p.code;
      return d;
    }));
  }

  provideCodeActions(doc: vscode.TextDocument, range: vscode.Range): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const p of this.problems.get(doc.uri.toString()) ?? []) {
      if (!p.fix) continue;
      const pRange = new vscode.Range(doc.positionAt(p.start), doc.positionAt(p.end));
      if (!pRange.intersection(range)) continue;
      const action = new vscode.CodeAction(`Change to ${p.fix}`, vscode.CodeActionKind.QuickFix);
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(doc.uri, pRange, p.fix);
      action.isPreferred = true;
      action.diagnostics = this.diagnostics.get(doc.uri)?.filter((d) => d.range.isEqual(pRange));
      actions.push(action);
    }
    return actions;
  }

  /** Field names of the operation's output at the cursor inside a --query string. */
  provideCompletionItems(doc: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] | undefined {
    const language = scriptLanguageOf(doc.languageId);
    if (!language || language === 'python') return undefined;
    const offset = doc.offsetAt(position);
    const text = doc.getText();
    for (const cmd of findCliCommands(text, language)) {
      const q = cmd.query;
      if (!q || offset < q.offsets[0] || offset > q.offsets[q.text.length]) continue;
      const op = this.models.get(cmd.service)?.operations[cmd.operation];
      if (!op) return undefined;
      const members = membersAt(q, offset, op.output);
      if (!members) return undefined;
      return Object.entries(members).map(([name, shape]) => {
        const item = new vscode.CompletionItem(name, vscode.CompletionItemKind.Field);
        item.detail = describeShape(shape);
        item.sortText = name.toLowerCase();
        return item;
      });
    }
    return undefined;
  }
}

/** The structure whose members can follow the query text before the cursor. */
function membersAt(q: ScriptString, offset: number, output: ShapeTree): Record<string, ShapeTree> | undefined {
  const index = q.offsets.findIndex((o) => o >= offset);
  const context = completionContext(q.text.slice(0, index < 0 ? q.text.length : index));
  if (context === undefined) return undefined;
  let shape: ShapeTree | undefined = output;
  if (context !== '') {
    try {
      shape = shapeAfter(compile(context), output);
    } catch {
      return undefined;
    }
  }
  while (Array.isArray(shape)) shape = shape[0];
  return isStructure(shape) ? shape : undefined;
}

function describeShape(shape: ShapeTree): string {
  if (Array.isArray(shape)) return `list of ${describeShape(shape[0])}`;
  if (typeof shape === 'object') return '*' in shape ? 'map' : 'structure';
  return ({ s: 'string', i: 'integer', b: 'boolean', t: 'timestamp', f: 'number', B: 'blob', m: 'map' } as Record<string, string>)[shape] ?? shape;
}
