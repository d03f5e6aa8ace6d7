// `AWS: Generate EC2 run-instances Command...`: guided prompts (or arguments), then the command or
// boto3 snippet inserted at the cursor as one undoable snippet with tab stops for what was left blank.
import * as vscode from 'vscode';
import { AMI_ID, FLAVOURS, Flavour, RunInstancesOptions, Tag, buildRunInstances, validateOptions } from '../../core/aws/runInstances';
import { languageIdOfScript, scriptLanguageOf } from '../../languages';
import { ModelStore } from './modelStore';

const FLAVOUR_LABELS: Record<Flavour, string> = {
  bash: 'bash / zsh (\\ line continuations)',
  powershell: 'PowerShell (` line continuations)',
  cmd: 'Windows cmd (^ line continuations)',
  python: 'Python boto3 (run_instances)',
};

function flavourFor(languageId: string | undefined): Flavour | undefined {
  return scriptLanguageOf(languageId);
}

export type GenerateArgs = Partial<RunInstancesOptions> & { insert?: boolean };

export class RunInstancesGenerator {
  constructor(private readonly models: ModelStore) {}

  /**
   * With arguments: builds without prompting (flavour defaults from the active editor's language).
   * Returns the generated text; inserts it when an editor is active (unless `insert: false`).
   */
  async command(args?: GenerateArgs): Promise<string | undefined> {
    const editor = vscode.window.activeTextEditor;
    let options: RunInstancesOptions | undefined;
    if (args) {
      options = { ...args, flavour: args.flavour ?? flavourFor(editor?.document.languageId) ?? 'bash' };
      const problems = validateOptions(options);
      if (problems.length) throw new Error(`Cannot generate run-instances: ${problems.join('; ')}`);
    } else {
      options = await this.ask(flavourFor(editor?.document.languageId));
      if (!options) return undefined;
    }
    const text = buildRunInstances(options);
    if (editor && args?.insert !== false) {
      // one snippet insertion is one undo step; blanks become tab stops
      await editor.insertSnippet(new vscode.SnippetString(buildRunInstances(options, { snippet: true })));
    } else if (!args) {
      const doc = await vscode.workspace.openTextDocument({ language: languageIdOfScript(options.flavour), content: text });
      await vscode.window.showTextDocument(doc);
    }
    return text;
  }

  private instanceTypes(): string[] {
    const op = this.models.get('ec2')?.operations['run-instances'];
    return op?.input.find((m) => m.name === 'InstanceType')?.enum ?? [];
  }

  private async ask(defaultFlavour: Flavour | undefined): Promise<RunInstancesOptions | undefined> {
    const title = 'Generate EC2 run-instances';
    const step = (n: number) => `${title} (${n}/10)`;
    const flavourPick = await vscode.window.showQuickPick(
      FLAVOURS.map((f) => ({ label: FLAVOUR_LABELS[f], flavour: f, picked: f === defaultFlavour })).sort((a, b) => Number(b.picked) - Number(a.picked)),
      { title: step(1), placeHolder: 'Write it for' },
    );
    if (!flavourPick) return undefined;
    const imageId = await vscode.window.showInputBox({
      title: step(2), prompt: 'AMI id (leave empty for a tab stop)', placeHolder: 'ami-0123456789abcdef0', ignoreFocusOut: true,
      validateInput: (v) => (v === '' || AMI_ID.test(v.trim()) ? undefined : 'An AMI id is ami- followed by 8 or 17 lowercase hex digits.'),
    });
    if (imageId === undefined) return undefined;
    const types = this.instanceTypes();
    const typePick = await vscode.window.showQuickPick(
      [{ label: '$(circle-slash) leave blank (tab stop)', value: '' }, ...types.map((t) => ({ label: t, value: t }))],
      { title: step(3), placeHolder: `Instance type (${types.length} from the EC2 model; type to search)`, matchOnDescription: true },
    );
    if (!typePick) return undefined;
    const count = await vscode.window.showInputBox({
      title: step(4), prompt: 'How many instances', value: '1',
      validateInput: (v) => (v === '' || /^[1-9]\d*$/.test(v.trim()) ? undefined : 'A whole number, at least 1.'),
    });
    if (count === undefined) return undefined;
    const subnetId = await vscode.window.showInputBox({ title: step(5), prompt: 'Subnet id (optional)', placeHolder: 'subnet-…' });
    if (subnetId === undefined) return undefined;
    const groups = await vscode.window.showInputBox({ title: step(6), prompt: 'Security group ids, separated by spaces or commas (optional)', placeHolder: 'sg-… sg-…' });
    if (groups === undefined) return undefined;
    const keyName = await vscode.window.showInputBox({ title: step(7), prompt: 'Key pair name (optional)' });
    if (keyName === undefined) return undefined;
    const tags = await vscode.window.showInputBox({
      title: step(8), prompt: 'Name tag, then other tags as key=value, separated by commas (optional)', placeHolder: 'web-1, env=prod, team=data',
    });
    if (tags === undefined) return undefined;
    const where = await vscode.window.showInputBox({ title: step(9), prompt: 'Profile and region, e.g. "default us-east-1" (optional)' });
    if (where === undefined) return undefined;
    const [profile, region] = where.trim().split(/\s+/);
    const userData = await vscode.window.showInputBox({
      title: step(10), prompt: 'User data script, a path relative to where the command runs (optional; sent as file://...)', placeHolder: 'init.sh',
    });
    if (userData === undefined) return undefined;
    const parsedTags = parseTags(tags);
    return {
      flavour: flavourPick.flavour,
      imageId: imageId.trim() || undefined,
      instanceType: typePick.value || undefined,
      count: count.trim() ? Number(count) : undefined,
      subnetId: subnetId.trim() || undefined,
      securityGroupIds: groups.split(/[\s,]+/).filter(Boolean),
      keyName: keyName.trim() || undefined,
      name: parsedTags.name,
      tags: parsedTags.tags,
      profile: profile || undefined,
      region: region || undefined,
      userDataFile: userData.trim() || undefined,
    };
  }
}

/** "web-1, env=prod" -> Name web-1 and the tag env=prod. */
export function parseTags(text: string): { name?: string; tags: Tag[] } {
  const tags: Tag[] = [];
  let name: string | undefined;
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq > 0) tags.push({ Key: part.slice(0, eq).trim(), Value: part.slice(eq + 1).trim() });
    else name ??= part;
  }
  return { name, tags };
}
