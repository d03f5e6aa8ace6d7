// `AWS: New Amazon Linux 2 cloud-init Seed...`: asks for the host name, a user, an SSH public key
// (offering ~/.ssh/*.pub) and an optional password, then writes seedconfig/meta-data,
// seedconfig/user-data and seedconfig/build-seed-iso.sh. With arguments it asks nothing.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  BUILD_SCRIPT, SEED_FILES, SEED_FOLDER, SeedInput, seedFiles, validateHostname, validatePassword, validateSeedInput, validateSshPublicKey, validateUser,
} from '../../core/cloudInit/seed';

export interface NewSeedArgs {
  /** The folder that gets a seedconfig/ subfolder: a Uri, a file-system path, or a Uri string. */
  folder: vscode.Uri | string;
  hostname: string;
  user: string;
  /** The public key's text. */
  sshPublicKey: string;
  password?: string;
  /** Replace existing seed files (default false: refuse). */
  overwrite?: boolean;
}

export interface NewSeedResult {
  folder: vscode.Uri;
  metaData: vscode.Uri;
  userData: vscode.Uri;
  buildScript: vscode.Uri;
}

function folderUri(folder: unknown): vscode.Uri {
  if (folder instanceof vscode.Uri) return folder;
  if (folder && typeof folder === 'object' && 'scheme' in folder && 'path' in folder) return vscode.Uri.from(folder as vscode.Uri);
  if (typeof folder !== 'string' || folder.trim() === '') throw new Error('folder must be a Uri or a path.');
  if (/^[a-z][\w+.-]*:\/\//i.test(folder)) return vscode.Uri.parse(folder);
  if (path.isAbsolute(folder)) return vscode.Uri.file(folder);
  const base = vscode.workspace.workspaceFolders?.[0];
  if (!base) throw new Error(`"${folder}" is a relative path and no workspace folder is open: give an absolute path.`);
  return vscode.Uri.joinPath(base.uri, folder);
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** Writes the seed files into `folder`/`name`; refuses to replace existing ones unless told to. */
export async function writeSeed(folder: vscode.Uri, input: SeedInput, overwrite: boolean, name = SEED_FOLDER): Promise<NewSeedResult> {
  const dir = vscode.Uri.joinPath(folder, name);
  const uris = Object.fromEntries(SEED_FILES.map((f) => [f, vscode.Uri.joinPath(dir, f)])) as Record<typeof SEED_FILES[number], vscode.Uri>;
  if (!overwrite) {
    for (const f of SEED_FILES) {
      if (await exists(uris[f])) throw new Error(`${name}/${f} already exists in ${folder.fsPath || folder.toString()}: pass overwrite: true to replace the seed.`);
    }
  }
  const files = seedFiles(input);
  await vscode.workspace.fs.createDirectory(dir);
  for (const f of SEED_FILES) await vscode.workspace.fs.writeFile(uris[f], Buffer.from(files[f], 'utf8'));
  if (uris[BUILD_SCRIPT].scheme === 'file') fs.chmodSync(uris[BUILD_SCRIPT].fsPath, 0o755);
  return { folder: dir, metaData: uris['meta-data'], userData: uris['user-data'], buildScript: uris[BUILD_SCRIPT] };
}

export async function newCloudInitSeed(args?: NewSeedArgs): Promise<NewSeedResult | undefined> {
  if (args !== undefined) {
    if (!args || typeof args !== 'object') throw new Error('newCloudInitSeed takes { folder, hostname, user, sshPublicKey, password? }.');
    const input = validateSeedInput(args as unknown as Record<string, unknown>);
    return writeSeed(folderUri(args.folder), input, args.overwrite === true);
  }
  return interactive();
}

async function pickFolder(): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 1) return folders[0].uri;
  if (folders.length > 1) return (await vscode.window.showWorkspaceFolderPick({ placeHolder: `Folder to create ${SEED_FOLDER}/ in` }))?.uri;
  const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: `Create ${SEED_FOLDER}/ here` });
  return picked?.[0];
}

interface KeyItem extends vscode.QuickPickItem {
  key?: string;
  action?: 'paste' | 'browse';
}

function publicKeys(): KeyItem[] {
  const dir = path.join(os.homedir(), '.ssh');
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir).filter((n) => n.endsWith('.pub')).sort();
  } catch {
    return [];
  }
  const items: KeyItem[] = [];
  for (const name of names) {
    try {
      const key = fs.readFileSync(path.join(dir, name), 'utf8').trim().split(/\r?\n/)[0];
      if (validateSshPublicKey(key)) continue;
      const [type, , ...comment] = key.split(/\s+/);
      items.push({ label: `$(key) ${name}`, description: type, detail: comment.join(' ') || undefined, key });
    } catch {
      // unreadable key file: not offered
    }
  }
  return items;
}

const KEY_STEP_TITLE = 'New cloud-init seed (3/4): SSH public key';

/** The key typed or pasted into the picker, as an item, when it is one. */
function typedKeyItem(value: string): KeyItem | undefined {
  const key = value.trim();
  if (!key || validateSshPublicKey(key)) return undefined;
  const [type, body, ...comment] = key.split(/\s+/);
  const shortBody = body.length > 24 ? `${body.slice(0, 12)}...${body.slice(-8)}` : body;
  return { label: '$(check) Use this key', description: type, detail: [shortBody, ...comment].join(' '), key, alwaysShow: true };
}

/**
 * The key from ~/.ssh, a .pub file, or pasted. A key pasted straight into the picker (what users
 * do) matches no item: it becomes an item of its own, picked by Enter; any other text goes to the
 * paste box, which says what is wrong with it.
 */
async function askKey(): Promise<string | undefined> {
  const paste: KeyItem = { label: '$(clippy) Paste a public key...', action: 'paste', alwaysShow: true };
  const items: KeyItem[] = [...publicKeys(), paste, { label: '$(folder-opened) Browse for a .pub file...', action: 'browse', alwaysShow: true }];
  const pick = vscode.window.createQuickPick<KeyItem>();
  pick.title = KEY_STEP_TITLE;
  pick.placeholder = 'Pick a key from ~/.ssh, or paste the one line of a .pub file here';
  pick.ignoreFocusOut = true;
  pick.items = items;
  const answer = await new Promise<{ item: KeyItem | undefined; value: string } | undefined>((resolve) => {
    pick.onDidChangeValue((value) => {
      const typed = typedKeyItem(value);
      pick.items = typed ? [typed, ...items] : items;
      if (typed) pick.activeItems = [typed];
      else if (value.trim() && !pick.activeItems.some((i) => i.key)) pick.activeItems = [paste];
    });
    pick.onDidAccept(() => {
      resolve({ item: pick.activeItems[0], value: pick.value });
      pick.hide();
    });
    pick.onDidHide(() => resolve(undefined));
    pick.show();
  });
  pick.dispose();
  if (!answer?.item) return undefined;
  const picked = answer.item;
  if (picked.key) return picked.key;
  if (picked.action === 'browse') {
    const file = await vscode.window.showOpenDialog({ canSelectFiles: true, filters: { 'SSH public key': ['pub'] }, defaultUri: vscode.Uri.file(path.join(os.homedir(), '.ssh')) });
    if (!file?.[0]) return undefined;
    const key = Buffer.from(await vscode.workspace.fs.readFile(file[0])).toString('utf8').trim();
    const problem = validateSshPublicKey(key);
    if (problem) {
      void vscode.window.showErrorMessage(`${path.basename(file[0].fsPath)}: ${problem}`);
      return undefined;
    }
    return key;
  }
  // text that filtered out every key was meant as a key: the box shows it, with what is wrong
  const typed = answer.value.trim();
  const filtersKeys = items.some((i) => i.key && i.label.toLowerCase().includes(typed.toLowerCase()));
  return askPastedKey(typed && !filtersKeys ? typed : '');
}

/** The paste box; text already pasted shows at once with what is wrong with it (showInputBox waits for an edit). */
function askPastedKey(initial: string): Promise<string | undefined> {
  const box = vscode.window.createInputBox();
  box.title = KEY_STEP_TITLE;
  box.prompt = 'Paste the one line of a .pub file';
  box.ignoreFocusOut = true;
  box.value = initial;
  const check = (): void => {
    box.validationMessage = box.value ? validateSshPublicKey(box.value) : undefined;
  };
  check();
  return new Promise((resolve) => {
    box.onDidChangeValue(check);
    box.onDidAccept(() => {
      const problem = validateSshPublicKey(box.value);
      if (problem) {
        box.validationMessage = problem;
        return;
      }
      resolve(box.value.trim());
      box.hide();
    });
    box.onDidHide(() => {
      resolve(undefined);
      box.dispose();
    });
    box.show();
  });
}

async function interactive(): Promise<NewSeedResult | undefined> {
  const folder = await pickFolder();
  if (!folder) return undefined;
  const hostname = await vscode.window.showInputBox({ title: 'New cloud-init seed (1/4): host name', prompt: 'local-hostname in meta-data', value: 'al2-vm', ignoreFocusOut: true, validateInput: validateHostname });
  if (hostname === undefined) return undefined;
  const user = await vscode.window.showInputBox({ title: 'New cloud-init seed (2/4): user', prompt: 'ec2-user (the image\'s default user) or a new user with sudo', value: 'ec2-user', ignoreFocusOut: true, validateInput: validateUser });
  if (user === undefined) return undefined;
  const sshPublicKey = await askKey();
  if (sshPublicKey === undefined) return undefined;
  const password = await vscode.window.showInputBox({
    title: 'New cloud-init seed (4/4): password (optional)',
    prompt: `Leave empty for key-only login. A password is stored IN CLEAR TEXT in user-data and seed.iso, and enables SSH password login for ${user.trim()}.`,
    password: true,
    ignoreFocusOut: true,
    validateInput: validatePassword,
  });
  if (password === undefined) return undefined;
  // asked last, and kept unless the user picks Replace: a modal with Replace focused swallowed
  // the host name typed ahead and replaced hand-edited files with Enter (trial 20)
  const target = await seedFolderFor(folder);
  if (!target) return undefined;
  const result = await writeSeed(folder, validateSeedInput({ hostname, user, sshPublicKey, password }), target.overwrite, target.name);
  await vscode.window.showTextDocument(result.userData, { preview: false });
  const action = await vscode.window.showInformationMessage(
    `Created ${target.name}/meta-data, user-data and ${BUILD_SCRIPT}${password ? ' (the password is in clear text in user-data)' : ''}. Build seed.iso with the script (needs genisoimage), then attach it to the VM as a CD/DVD drive.`,
    'Run in Terminal', 'Open Script',
  );
  if (action === 'Run in Terminal') {
    const terminal = vscode.window.createTerminal({ name: 'cloud-init seed', cwd: result.folder });
    terminal.show();
    terminal.sendText(`sh ./${BUILD_SCRIPT}`);
  } else if (action === 'Open Script') {
    await vscode.window.showTextDocument(result.buildScript, { preview: false });
  }
  return result;
}

/**
 * Where the new seed goes: seedconfig/, or when that has seed files already, a new seedconfig-N/
 * (first, what Enter takes) or seedconfig/ replaced, as the user picks; undefined on Escape.
 */
async function seedFolderFor(folder: vscode.Uri): Promise<{ name: string; overwrite: boolean } | undefined> {
  const taken = async (name: string): Promise<boolean> => (await Promise.all(SEED_FILES.map((f) => exists(vscode.Uri.joinPath(folder, name, f))))).some(Boolean);
  if (!(await taken(SEED_FOLDER))) return { name: SEED_FOLDER, overwrite: false };
  let n = 2;
  while (await taken(`${SEED_FOLDER}-${n}`)) n++;
  const fresh = `${SEED_FOLDER}-${n}`;
  const items: (vscode.QuickPickItem & { target: { name: string; overwrite: boolean } })[] = [
    { label: `$(new-folder) Write the new seed to ${fresh}/`, description: `${SEED_FOLDER}/ stays as it is`, target: { name: fresh, overwrite: false } },
    { label: `$(warning) Replace the files in ${SEED_FOLDER}/`, description: `its ${SEED_FILES.join(', ')} and any edits to them are lost`, target: { name: SEED_FOLDER, overwrite: true } },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: `New cloud-init seed: ${SEED_FOLDER}/ already has seed files`, ignoreFocusOut: true });
  return picked?.target;
}
