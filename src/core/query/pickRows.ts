/**
 * Whether a quick pick may show a row while its input holds `value`: rows marked always-shown, and
 * rows whose label matches. VS Code matches a label by prefix, camel case or contiguous substring,
 * ignoring case and `$(icon)` names; each of those is a subsequence, so this never says "hidden"
 * for a row VS Code shows. A row it hides cannot be the one the user moved to.
 */
export function rowMayBeShown(label: string, value: string, alwaysShow = false): boolean {
  const wanted = value.trim().toLowerCase();
  if (alwaysShow || wanted === '') return true;
  const text = label.replace(/\$\([\w-]+(?:~[\w-]+)?\)/g, '').toLowerCase();
  let at = 0;
  for (const ch of wanted) {
    at = text.indexOf(ch, at);
    if (at < 0) return false;
    at += ch.length;
  }
  return true;
}
