// activate()/deactivate(): wiring only.
import * as vscode from 'vscode';
import { MODEL_SERVICES } from './core/aws/model';
import { registerAwsCliFeatures } from './features/awsCli';
import { registerCapacityFeatures } from './features/capacity';
import { registerKnowledgeFeatures } from './features/knowledge';
import { registerLanguageFeatures } from './features/language';
import { registerQueryFeatures } from './features/query';

export interface ExtensionApi {
  /** For integration tests: what the query features show. */
  query: ReturnType<typeof registerQueryFeatures>;
  capacity: ReturnType<typeof registerCapacityFeatures>;
  aws: ReturnType<typeof registerAwsCliFeatures>;
  language: ReturnType<typeof registerLanguageFeatures>;
  knowledge: ReturnType<typeof registerKnowledgeFeatures>;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const query = registerQueryFeatures(context);
  const capacity = registerCapacityFeatures(context, query.recentEdits);
  const aws = registerAwsCliFeatures(context);
  // (by the CLI's service names: the S3 model is `aws s3api`'s; `aws s3` has none)
  const format = query.runner.format;
  if (format) {
    format.models = () => MODEL_SERVICES.map((s) => aws.models.get(s === 's3' ? 's3api' : s)).filter((m) => m !== undefined);
    aws.runRefine.setResultsFormat = (source, output) => format.setFor(source, output);
  }
  const language = registerLanguageFeatures(context, {
    bindings: query.bindings, onDidChangeBinding: query.bindings.onDidChangeBinding, models: aws.models,
  });
  query.palette.setSuggester(language.paletteSuggester);
  const knowledge = registerKnowledgeFeatures(context);
  return { query, capacity, aws, language, knowledge };
}

export function deactivate(): void {
  // everything is disposed through context.subscriptions
}
