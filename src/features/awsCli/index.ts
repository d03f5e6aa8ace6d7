// Wires the AWS CLI helpers: script checks (diagnostics, quick fixes, completion) and the generator.
import * as vscode from 'vscode';
import { Commands } from '../../commands';
import { ModelStore } from './modelStore';
import { GenerateArgs, RunInstancesGenerator } from './runInstancesCommand';
import { ScriptChecks } from './scriptChecks';

export interface AwsCliFeatures {
  models: ModelStore;
  checks: ScriptChecks;
  generator: RunInstancesGenerator;
}

export function registerAwsCliFeatures(context: vscode.ExtensionContext): AwsCliFeatures {
  const models = new ModelStore(vscode.Uri.joinPath(context.extensionUri, 'data', 'aws').fsPath);
  const checks = new ScriptChecks(models);
  const generator = new RunInstancesGenerator(models);
  context.subscriptions.push(
    checks,
    vscode.commands.registerCommand(Commands.generateRunInstances, (args?: GenerateArgs) => generator.command(args)),
  );
  return { models, checks, generator };
}
