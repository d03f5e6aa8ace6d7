// What a `.jmespath` file shows in place: a Run CodeLens per query (naming the bound JSON) and
// syntax errors as diagnostics at the CLI's column with the CLI's message.
import * as vscode from 'vscode';
import { Commands } from '../../commands';
import { JmesPathError, compile } from '../../core/jmespath';
import { syntaxCaret } from '../../core/jmespath/errors';
import { QueryBlock, codePointColumnToOffset, fileOffsetOf, splitQueries } from '../../core/query/queryFile';
import { Disposable } from '../../dispose';
import { JMESPATH_LANGUAGE_ID, JMESPATH_SELECTOR } from '../../languages';
import { QueryFileBindings } from './queryFileBindings';
import { basename } from './queryService';

export class QueryFileLenses extends Disposable implements vscode.CodeLensProvider {
  private readonly diagnostics = this._register(vscode.languages.createDiagnosticCollection('jmespath'));
  private readonly lensesChanged = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.lensesChanged.event;

  constructor(private readonly bindings: QueryFileBindings) {
    super();
    this._register(vscode.languages.registerCodeLensProvider(JMESPATH_SELECTOR, this));
    this._register(bindings.onDidChangeBinding(() => this.lensesChanged.fire()));
    this._register(vscode.workspace.onDidOpenTextDocument((d) => this.validate(d)));
    this._register(vscode.workspace.onDidChangeTextDocument((e) => { if (e.contentChanges.length) this.validate(e.document); }));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => this.diagnostics.delete(d.uri)));
    vscode.workspace.textDocuments.forEach((d) => this.validate(d));
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const bound = this.bindings.bindingOf(document.uri);
    return splitQueries(document.getText()).map((block) => {
      const range = new vscode.Range(block.startLine, 0, block.startLine, 0);
      return new vscode.CodeLens(range, {
        title: bound ? `$(play) Run on ${basename(bound)}` : '$(play) Run (choose JSON)',
        command: Commands.runQuery,
        arguments: [block.text, document.uri.toString()],
      });
    });
  }

  validate(document: vscode.TextDocument): void {
    if (document.languageId !== JMESPATH_LANGUAGE_ID) return;
    const diagnostics: vscode.Diagnostic[] = [];
    for (const block of splitQueries(document.getText())) {
      const d = diagnose(document, block);
      if (d) diagnostics.push(d);
    }
    this.diagnostics.set(document.uri, diagnostics);
  }
}

function diagnose(document: vscode.TextDocument, block: QueryBlock): vscode.Diagnostic | undefined {
  try {
    compile(block.text);
    return undefined;
  } catch (e) {
    if (!(e instanceof JmesPathError) || e.kind !== 'syntax') return undefined;
    // the CLI's column counts code points: the range covers the whole character (𝒳 is two UTF-16 units)
    const offsetOf = (column: number) => Math.min(codePointColumnToOffset(block.text, column), block.text.length);
    const at = (column: number) => document.positionAt(fileOffsetOf(block, offsetOf(column)));
    const start = at(e.column ?? 0);
    const end = at((e.column ?? 0) + 1);
    // one line: a hover's proportional font cannot keep the CLI's caret line under its column. The
    // CLI counts the column through the whole query: in a query over several lines, the marked line
    // is the one the column is on, and the message says where that is in the file (trial 22:
    // "column 43" on line 5, column 6, the message broken over two lines)
    const first = e.message.split('\n')[0];
    let message = syntaxCaret(first, block.text, e.column);
    if (e.column !== undefined && block.text.includes('\n')) {
      const offset = offsetOf(e.column);
      const lineStart = block.text.lastIndexOf('\n', offset - 1) + 1;
      const lineEnd = block.text.indexOf('\n', offset);
      const line = block.text.slice(lineStart, lineEnd < 0 ? block.text.length : lineEnd);
      message = `${syntaxCaret(first, line, Array.from(block.text.slice(lineStart, offset)).length)} (line ${start.line + 1}, column ${start.character + 1} in this file)`;
    }
    const diagnostic = new vscode.Diagnostic(new vscode.Range(start, end), message, vscode.DiagnosticSeverity.Error);
    diagnostic.source = 'jmespath';
    diagnostic.code = `column ${e.column}`;
    return diagnostic;
  }
}
