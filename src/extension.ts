// activate()/deactivate(): wiring only.
import * as vscode from 'vscode';
import { registerAwsCliFeatures } from './features/awsCli';
import { registerCapacityFeatures } from './features/capacity';
import { registerLanguageFeatures } from './features/language';
import { registerQueryFeatures } from './features/query';

export interface ExtensionApi {
  /** For integration tests: what the query features show. */
  query: ReturnType<typeof registerQueryFeatures>;
  capacity: ReturnType<typeof registerCapacityFeatures>;
  aws: ReturnType<typeof registerAwsCliFeatures>;
  language: ReturnType<typeof registerLanguageFeatures>;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const query = registerQueryFeatures(context);
  const capacity = registerCapacityFeatures(context);
  const aws = registerAwsCliFeatures(context);
  const language = registerLanguageFeatures(context, {
    bindings: query.bindings, onDidChangeBinding: query.bindings.onDidChangeBinding, models: aws.models,
  });
  return { query, capacity, aws, language };
}

export function deactivate(): void {
  // everything is disposed through context.subscriptions
}
