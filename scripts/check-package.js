#!/usr/bin/env node
// Packages the extension (vsce), checks the .vsix is lean (an allow-list of files, under 1.5 MB),
// installs it into code-server the way a user would, and checks it contributes its commands.
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const vsix = path.join(root, 'jmespath-aws-helpers.vsix');
const codeServer = path.join(root, '.vscode-test', 'code-server', 'node_modules', '.bin', 'code-server');
const fail = (msg) => { console.error(`package check: FAILED: ${msg}`); process.exit(1); };

execFileSync('npx', ['vsce', 'package', '--out', vsix], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
const size = fs.statSync(vsix).size;
const listing = execFileSync('python3', ['-c', 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', vsix], { encoding: 'utf8' }).split('\n').filter(Boolean);
const files = listing.filter((f) => f.startsWith('extension/')).map((f) => f.slice('extension/'.length));
const forbidden = files.filter((f) => /^(src|test|node_modules|scripts|out|samples|\.vscode-test)\//.test(f) || f.endsWith('.map') || f.endsWith('.ts'));
if (forbidden.length) fail(`unexpected files in the .vsix: ${forbidden.join(', ')}`);
for (const needed of ['dist/extension.js', 'dist/queryWorker.js', 'dist/webview/capacity.js', 'dist/webview/capacity.css', 'data/aws/ec2.json', 'syntaxes/jmespath.tmLanguage.json', 'snippets/python.json', 'media/icon.png', 'readme.md', 'changelog.md', 'LICENSE.txt']) {
  if (!files.includes(needed)) fail(`${needed} is missing from the .vsix`);
}
if (size > 1.5 * 1024 * 1024) fail(`the .vsix is ${(size / 1024).toFixed(0)} KB`);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vsix-install-'));
const env = { ...process.env, XDG_CONFIG_HOME: path.join(tmp, 'xdg'), XDG_DATA_HOME: path.join(tmp, 'xdg'), EXTENSIONS_GALLERY: '{}' };
execFileSync(codeServer, ['--extensions-dir', path.join(tmp, 'ext'), '--user-data-dir', path.join(tmp, 'user'), '--install-extension', vsix], { env, stdio: 'ignore' });
const listed = execFileSync(codeServer, ['--extensions-dir', path.join(tmp, 'ext'), '--user-data-dir', path.join(tmp, 'user'), '--list-extensions', '--show-versions'], { env, encoding: 'utf8' });
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
if (!listed.includes(`${pkg.publisher}.${pkg.name}@${pkg.version}`)) fail(`code-server does not list the extension: ${listed}`);
const installedDir = fs.readdirSync(path.join(tmp, 'ext')).find((d) => d.startsWith(`${pkg.publisher}.${pkg.name}`));
const installed = JSON.parse(fs.readFileSync(path.join(tmp, 'ext', installedDir, 'package.json'), 'utf8'));
const commands = installed.contributes.commands.map((c) => c.command);
for (const c of pkg.contributes.commands) if (!commands.includes(c.command)) fail(`installed extension lacks ${c.command}`);
fs.rmSync(tmp, { recursive: true, force: true });
console.log(`package check: ${path.basename(vsix)} ${(size / 1024).toFixed(0)} KB, ${files.length} files, installs into code-server with ${commands.length} commands`);
console.log('package check: 1 passed, 0 failed');
