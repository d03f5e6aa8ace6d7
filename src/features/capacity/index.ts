// Wires the DynamoDB capacity calculator to the editor.
import * as vscode from 'vscode';
import { Commands } from '../../commands';
import type { CapacityInput } from '../../core/capacity/capacity';
import { CapacityPanel, computeCapacityCommand } from './capacityPanel';
import { capacityPreset } from './capacityPreset';
import type { RecentEdits } from '../query/keysTypedEarly';

export function registerCapacityFeatures(context: vscode.ExtensionContext, recentEdits?: RecentEdits): CapacityPanel {
  const panel = new CapacityPanel(context.extensionUri, recentEdits);
  context.subscriptions.push(
    panel,
    vscode.commands.registerCommand(Commands.openCapacityCalculator, (preset?: unknown) => {
      panel.show(capacityPreset(preset));
    }),
    vscode.commands.registerCommand(Commands.computeCapacity, (input?: CapacityInput) => computeCapacityCommand(input)),
  );
  return panel;
}
