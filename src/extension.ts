// activate()/deactivate(): wiring only.
import * as vscode from 'vscode';
import { registerCapacityFeatures } from './features/capacity';
import { registerQueryFeatures } from './features/query';

export interface ExtensionApi {
  /** For integration tests: what the query features show. */
  query: ReturnType<typeof registerQueryFeatures>;
  capacity: ReturnType<typeof registerCapacityFeatures>;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const query = registerQueryFeatures(context);
  const capacity = registerCapacityFeatures(context);
  return { query, capacity };
}

export function deactivate(): void {
  // everything is disposed through context.subscriptions
}
