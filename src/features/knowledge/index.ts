// Wires the AWS knowledge features: hovers and diagnostics in scripts, cloud-init seed files and
// the seed command.
import * as vscode from 'vscode';
import { Commands } from '../../commands';
import { AwsKnowledge } from './awsKnowledge';
import { NewSeedArgs, newCloudInitSeed } from './cloudInitSeedCommand';
import { SeedFileChecks } from './seedFileChecks';

export interface KnowledgeFeatures {
  scripts: AwsKnowledge;
  seeds: SeedFileChecks;
}

export function registerKnowledgeFeatures(context: vscode.ExtensionContext): KnowledgeFeatures {
  const scripts = new AwsKnowledge();
  const seeds = new SeedFileChecks();
  context.subscriptions.push(
    scripts,
    seeds,
    vscode.commands.registerCommand(Commands.newCloudInitSeed, (args?: NewSeedArgs) => newCloudInitSeed(args)),
  );
  return { scripts, seeds };
}
