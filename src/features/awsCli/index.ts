// Wires the AWS CLI helpers: script checks (diagnostics, quick fixes, completion), the generator, Run & refine.
import * as vscode from 'vscode';
import { Commands } from '../../commands';
import { ModelStore } from './modelStore';
import { GenerateArgs, RunInstancesGenerator } from './runInstancesCommand';
import { RunRefine } from './runRefine';
import { ScriptChecks } from './scriptChecks';
import { ScriptSnippets } from './scriptSnippets';

export interface AwsCliFeatures {
  models: ModelStore;
  checks: ScriptChecks;
  runRefine: RunRefine;
  generator: RunInstancesGenerator;
}

export function registerAwsCliFeatures(context: vscode.ExtensionContext): AwsCliFeatures {
  const models = new ModelStore(vscode.Uri.joinPath(context.extensionUri, 'data', 'aws').fsPath);
  const checks = new ScriptChecks(models);
  const generator = new RunInstancesGenerator(models);
  const runRefine = new RunRefine(models, context.storageUri ?? context.globalStorageUri);
  context.subscriptions.push(
    checks,
    runRefine,
    new ScriptSnippets(vscode.Uri.joinPath(context.extensionUri, 'snippets')).register(),
    vscode.commands.registerCommand(Commands.generateRunInstances, (args?: GenerateArgs) => generator.command(args)),
  );
  return { models, checks, runRefine, generator };
}
