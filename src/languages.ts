// The one home for language ids: which documents are JSON, which are query files, which are scripts
// (and in which shell's flavour). No `vscode` import, so plain-Node tests can use it too.
import type { ScriptLanguage } from './core/aws/scriptCheck';

/** Languages whose documents can be queried (VS Code's JSON and JSON with Comments). */
export const JSON_LANGUAGE_IDS = ['json', 'jsonc'] as const;

/** `.jmespath` query files. */
export const JMESPATH_LANGUAGE_ID = 'jmespath';

/** Script languages the AWS CLI / boto3 checks read, and the flavour each is written in. */
export const SCRIPT_LANGUAGES: Readonly<Record<string, ScriptLanguage>> = {
  shellscript: 'bash',
  powershell: 'powershell',
  bat: 'cmd',
  python: 'python',
};

export const SCRIPT_LANGUAGE_IDS = Object.keys(SCRIPT_LANGUAGES);

/** The script flavour of a language id (`shellscript` -> `bash`), or undefined for other languages. */
export function scriptLanguageOf(languageId: string | undefined): ScriptLanguage | undefined {
  return languageId !== undefined && Object.prototype.hasOwnProperty.call(SCRIPT_LANGUAGES, languageId)
    ? SCRIPT_LANGUAGES[languageId]
    : undefined;
}

/** The language id a new document of this flavour is opened in (`cmd` -> `bat`). */
export function languageIdOfScript(language: ScriptLanguage): string {
  return Object.keys(SCRIPT_LANGUAGES).find((id) => SCRIPT_LANGUAGES[id] === language) ?? 'plaintext';
}

const JSON_PATH = /\.jsonc?$/i;

/** A JSON file by name (for files VS Code did not open as documents, e.g. over 50 MB). */
export function isJsonPath(path: string): boolean {
  return JSON_PATH.test(path);
}

/** A document that holds JSON: by language, or by name when the user picked another language. */
export function isJsonDocument(doc: { languageId: string; uri: { path: string } }): boolean {
  return (JSON_LANGUAGE_IDS as readonly string[]).includes(doc.languageId) || isJsonPath(doc.uri.path);
}

/** `name.json` / `name.jsonc` -> `name`. */
export function stripJsonExtension(name: string): string {
  return name.replace(JSON_PATH, '');
}

export const JSON_SELECTOR = JSON_LANGUAGE_IDS.map((language) => ({ language }));
export const JMESPATH_SELECTOR = [{ language: JMESPATH_LANGUAGE_ID }];
export const SCRIPT_SELECTOR = SCRIPT_LANGUAGE_IDS.map((language) => ({ language }));

/** YAML: cloud-init seed files (user-data, meta-data) open in it. */
export const YAML_LANGUAGE_ID = 'yaml';
