// `AWS: Generate EC2 run-instances Command...`: guided prompts (or arguments), then the command or
// boto3 snippet inserted at the cursor as one undoable snippet with tab stops for what was left blank.
import * as vscode from 'vscode';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  FLAVOURS, FORMAT_CHECKS, Flavour, REGIONS, RunInstancesOptions, Tag, buildRunInstances, importsBoto3, orderInstanceTypes, parseAwsProfiles,
  splitSecurityGroups, validateOptions,
} from '../../core/aws/runInstances';
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
      const imported = options.flavour === 'python' && importsBoto3(editor.document.getText());
      await editor.insertSnippet(new vscode.SnippetString(buildRunInstances(options, { snippet: true, importsBoto3: imported })));
      // a new untitled file of plain text becomes the script it now holds (highlighting, checks)
      if (editor.document.isUntitled && editor.document.languageId === 'plaintext') {
        await vscode.languages.setTextDocumentLanguage(editor.document, languageIdOfScript(options.flavour));
      }
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

  /** The prompt on screen (integration tests drive it like a user: set a value, accept). */
  activePrompt: vscode.QuickPick<PromptItem> | vscode.InputBox | undefined;

  private input(o: { title: string; prompt: string; placeholder?: string; value?: string; validate?: (v: string) => string | undefined; back?: boolean }): Promise<Answer> {
    const box = vscode.window.createInputBox();
    Object.assign(box, { title: o.title, prompt: o.prompt, placeholder: o.placeholder ?? '', value: o.value ?? '', ignoreFocusOut: true });
    return this.run(box, o.back, (finish) => [
      box.onDidChangeValue((v) => (box.validationMessage = o.validate?.(v.trim()))),
      box.onDidAccept(() => {
        // checked again on Enter: a value set without typing must not slip through
        const value = box.value.trim();
        const problem = o.validate?.(value);
        if (problem) box.validationMessage = problem;
        else finish(value);
      }),
    ]);
  }

  /**
   * One choice from a list; with `typed`, text that matches no item is offered as its own item
   * (checked by `typed`, which returns why it is not acceptable).
   */
  private pick(o: { title: string; placeholder: string; items: PromptItem[]; typed?: { label: (v: string) => string; check: (v: string) => string | undefined }; value?: string; back?: boolean }): Promise<Answer> {
    const qp = vscode.window.createQuickPick<PromptItem>();
    Object.assign(qp, { title: o.title, placeholder: o.placeholder, items: o.items, matchOnDescription: true, ignoreFocusOut: true });
    // back at this step: the answer given before is the one highlighted (or typed again)
    const before = o.value === undefined ? undefined : o.items.find((i) => i.value === o.value && i.kind !== vscode.QuickPickItemKind.Separator);
    if (before) qp.activeItems = [before];
    else if (o.value) qp.value = o.value;
    const typedItem = (v: string): PromptItem | undefined => {
      if (!o.typed || !v || o.items.some((i) => i.value === v)) return undefined;
      const problem = o.typed.check(v);
      return { label: o.typed.label(v), value: v, description: problem ? `$(error) ${problem}` : undefined, invalid: !!problem, alwaysShow: true };
    };
    return this.run(qp, o.back, (finish) => [
      qp.onDidChangeValue((v) => {
        const t = typedItem(v.trim());
        qp.items = t ? [t, ...o.items] : o.items;
      }),
      qp.onDidAccept(() => {
        // the highlighted item; else what was typed (when it matches nothing)
        const item = qp.activeItems[0] ?? typedItem(qp.value.trim()) ?? qp.selectedItems[0];
        if (!item || item.kind === vscode.QuickPickItemKind.Separator) return;
        if (item.invalid) {
          qp.items = [item, ...o.items];
          return;
        }
        finish(item.value ?? '');
      }),
    ]);
  }

  private run(prompt: vscode.QuickPick<PromptItem> | vscode.InputBox, back: boolean | undefined, wire: (finish: (v: Answer) => void) => vscode.Disposable[]): Promise<Answer> {
    return new Promise((resolve) => {
      let done = false;
      const listeners: vscode.Disposable[] = [];
      const finish = (v: Answer) => {
        if (done) return;
        done = true;
        if (this.activePrompt === prompt) this.activePrompt = undefined;
        listeners.forEach((d) => d.dispose());
        prompt.dispose();
        resolve(v);
      };
      if (back) {
        prompt.buttons = [vscode.QuickInputButtons.Back];
        listeners.push(prompt.onDidTriggerButton((b) => { if (b === vscode.QuickInputButtons.Back) finish(BACK); }));
      }
      listeners.push(...wire(finish), prompt.onDidHide(() => finish(undefined)));
      this.activePrompt = prompt;
      prompt.show();
    });
  }

  /** The answers of the last generation in this session: the next one starts from them (trial 15: Escape lost them all). */
  private lastAnswers: string[] = [];

  private async ask(defaultFlavour: Flavour | undefined): Promise<RunInstancesOptions | undefined> {
    const steps = 11;
    const step = (n: number) => `Generate EC2 run-instances (${n}/${steps})`;
    const flavours = FLAVOURS.map((f) => ({ label: FLAVOUR_LABELS[f], value: f as string, picked: f === defaultFlavour }))
      .sort((a, b) => Number(b.picked) - Number(a.picked));
    const { common, all } = orderInstanceTypes(this.instanceTypes());
    const others = all.filter((t) => !common.includes(t)); // (each type once: a search shows no twins)
    const profiles = await readAwsProfiles();
    // each step with the answer given before (going back, or the last generation's), and Back from the second on
    const prompts: ((value: string | undefined, back: boolean) => Promise<Answer>)[] = [
      (value, back) => this.pick({ title: step(1), placeholder: 'Write it for', items: flavours, value: value ?? defaultFlavour, back }),
      (value, back) => this.input({
        title: step(2), prompt: 'AMI id (leave empty for a tab stop)', placeholder: 'ami-0123456789abcdef0', validate: FORMAT_CHECKS.imageId, value, back,
      }),
      (value, back) => this.pick({
        title: step(3),
        // short enough to read whole in the input (trial 12: the end, "type to search", was cut off)
        placeholder: `Instance type (type to search all ${all.length})`,
        items: [
          { label: '$(circle-slash) leave blank (tab stop)', value: '' },
          { label: 'common families', kind: vscode.QuickPickItemKind.Separator },
          ...common.map((t) => ({ label: t, value: t })),
          { label: `the other ${others.length} of the EC2 model's types`, kind: vscode.QuickPickItemKind.Separator },
          ...others.map((t) => ({ label: t, value: t })),
        ],
        value, back,
      }),
      (value, back) => this.input({
        title: step(4), prompt: 'How many instances', value: value ?? '1', back,
        validate: (v) => (v === '' || /^[1-9]\d*$/.test(v) ? undefined : 'A whole number, at least 1.'),
      }),
      (value, back) => this.input({ title: step(5), prompt: 'Subnet id (optional)', placeholder: 'subnet-0123456789abcdef0', validate: FORMAT_CHECKS.subnetId, value, back }),
      (value, back) => this.input({
        title: step(6), prompt: 'Security group ids, separated by spaces or commas (optional)', placeholder: 'sg-0123456789abcdef0 sg-…',
        validate: (v) => splitSecurityGroups(v).map(FORMAT_CHECKS.securityGroupId).find(Boolean), value, back,
      }),
      (value, back) => this.input({ title: step(7), prompt: 'Key pair name (optional)', placeholder: 'my-key', validate: FORMAT_CHECKS.keyName, value, back }),
      (value, back) => this.input({
        title: step(8), prompt: 'Name tag, then other tags as key=value, separated by commas (optional)', placeholder: 'web-1, env=prod, team=data', value, back,
      }),
      (value, back) => this.pick({
        title: step(9),
        placeholder: 'AWS profile (--profile): pick one from your AWS config, or type a name',
        items: [
          { label: '$(circle-slash) no profile', description: 'the default credentials (AWS_PROFILE, environment, instance role)', value: '' },
          ...profiles.map((p) => ({ label: p.name, description: p.source, value: p.name })),
        ],
        typed: { label: (v) => `Use profile "${v}"`, check: FORMAT_CHECKS.profile },
        value, back,
      }),
      (value, back) => this.pick({
        title: step(10),
        placeholder: 'Region (--region): pick or type one, e.g. us-east-1',
        items: [{ label: '$(circle-slash) no region', description: 'the profile\'s, or AWS_DEFAULT_REGION / AWS_REGION', value: '' }, ...REGIONS.map((r) => ({ label: r, value: r }))],
        typed: { label: (v) => `Use region "${v}"`, check: FORMAT_CHECKS.region },
        value, back,
      }),
      (value, back) => this.input({
        title: step(11), prompt: 'User data script, a path relative to where the command runs (optional; sent as file://...)', placeholder: 'init.sh', value, back,
      }),
    ];
    const answers = [...this.lastAnswers];
    if (defaultFlavour !== undefined) answers[0] = defaultFlavour; // (the file's own language first)
    for (let i = 0; i < prompts.length;) {
      const answer = await prompts[i](answers[i], i > 0);
      if (answer === undefined) {
        this.lastAnswers = answers; // (what was given so far is offered again next time)
        return undefined;
      }
      if (answer === BACK) {
        i--;
        continue;
      }
      answers[i++] = answer;
    }
    this.lastAnswers = answers;
    const [flavour, imageId, instanceType, count, subnetId, groups, keyName, tags, profile, region, userData] = answers as string[];
    const parsedTags = parseTags(tags);
    return {
      flavour: flavour as Flavour,
      imageId: imageId || undefined,
      instanceType: instanceType || undefined,
      count: count ? Number(count) : undefined,
      subnetId: subnetId || undefined,
      securityGroupIds: splitSecurityGroups(groups),
      keyName: keyName || undefined,
      name: parsedTags.name,
      tags: parsedTags.tags,
      profile: profile || undefined,
      region: region || undefined,
      userDataFile: userData || undefined,
    };
  }
}

/** Back was pressed (a step's answer otherwise; undefined: dismissed). */
const BACK = Symbol('back');
type Answer = string | typeof BACK | undefined;

export interface PromptItem extends vscode.QuickPickItem {
  value?: string;
  /** A typed value that is not acceptable (its description says why). */
  invalid?: boolean;
}

/** Profiles named in the AWS config and credentials files (AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE honoured). */
async function readAwsProfiles(): Promise<{ name: string; source: string }[]> {
  const home = os.homedir();
  const files: [string, 'config' | 'credentials'][] = [
    [process.env.AWS_CONFIG_FILE || path.join(home, '.aws', 'config'), 'config'],
    [process.env.AWS_SHARED_CREDENTIALS_FILE || path.join(home, '.aws', 'credentials'), 'credentials'],
  ];
  const out: { name: string; source: string }[] = [];
  for (const [file, kind] of files) {
    let text: string;
    try {
      text = await fs.promises.readFile(file, 'utf8');
    } catch {
      continue; // no such file: nothing to offer
    }
    for (const name of parseAwsProfiles(text, kind)) {
      if (!out.some((p) => p.name === name)) out.push({ name, source: file.replace(home, '~') });
    }
  }
  return out;
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
