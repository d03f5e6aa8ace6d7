// Wires JMESPath language intelligence: query files (against their bound JSON), queries embedded
// in scripts (against the AWS output shape), and the data cache they share with the palette.
import * as vscode from 'vscode';
import { ModelStore } from '../awsCli/modelStore';
import { JsonDataCache } from './jsonData';
import { QueryFileBindingLookup, QueryFileLanguage } from './queryFileLanguage';
import { ScriptLanguageFeatures } from './scriptLanguage';

export interface LanguageFeatures {
  data: JsonDataCache;
  queryFiles: QueryFileLanguage;
}

export function registerLanguageFeatures(
  context: vscode.ExtensionContext,
  deps: { bindings: QueryFileBindingLookup; onDidChangeBinding?: vscode.Event<unknown>; models: ModelStore },
): LanguageFeatures {
  const data = new JsonDataCache();
  const queryFiles = new QueryFileLanguage(deps.bindings, data, deps.onDidChangeBinding);
  const scripts = new ScriptLanguageFeatures(deps.models);
  context.subscriptions.push(data, queryFiles, scripts);
  return { data, queryFiles };
}
