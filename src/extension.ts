// activate()/deactivate(): wiring only.
import * as vscode from 'vscode';
import { registerQueryFeatures } from './features/query';

export interface ExtensionApi {
  /** For integration tests: what the query features show. */
  query: ReturnType<typeof registerQueryFeatures>;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const query = registerQueryFeatures(context);
  return { query };
}

export function deactivate(): void {
  // everything is disposed through context.subscriptions
}
