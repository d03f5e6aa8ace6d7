#!/usr/bin/env node
// The README's "run" command: starts a real VS Code (code-server) on 127.0.0.1 with this extension
// under development and the samples/ workspace, and prints the URL to open in a browser.
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const net = require('net');
const path = require('path');

const root = path.resolve(__dirname, '..');
const bin = path.join(root, '.vscode-test', 'code-server', 'node_modules', '.bin', 'code-server');
const workspace = path.join(root, 'samples');
const state = path.join(root, '.vscode-test', 'demo');
if (!fs.existsSync(bin)) {
  console.error('code-server is missing: run `bash scripts/setup-code-server.sh` (or `npm start`, which does).');
  process.exit(2);
}
fs.mkdirSync(path.join(state, 'user-data', 'User'), { recursive: true });
const settings = path.join(state, 'user-data', 'User', 'settings.json');
if (!fs.existsSync(settings)) {
  fs.writeFileSync(settings, JSON.stringify({ 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'update.mode': 'none' }, null, 2));
}

const pickPort = () => new Promise((resolve) => {
  const wanted = Number(process.env.PORT || 8080);
  const s = net.createServer();
  s.once('error', () => { const t = net.createServer(); t.listen(0, '127.0.0.1', () => { const p = t.address().port; t.close(() => resolve(p)); }); });
  s.listen(wanted, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); }); // (PORT=0: any free port)
});

(async () => {
  const port = await pickPort();
  const cfg = path.join(state, 'config.yaml');
  fs.writeFileSync(cfg, 'auth: none\n');
  const cs = spawn(bin, [
    '--config', cfg, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--user-data-dir', path.join(state, 'user-data'), '--extensions-dir', path.join(state, 'extensions'),
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', workspace,
  ], { env: { EXTENSIONS_GALLERY: '{}', ...process.env }, stdio: ['ignore', 'ignore', 'inherit'] });
  const authority = `127.0.0.1:${port}`;
  const payload = JSON.stringify([['extensionDevelopmentPath', `vscode-remote://${authority}${root}`], ['skipWelcome', 'true']]);
  const url = `http://${authority}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`;
  console.log(`\nJMESPath & AWS CLI Helpers is running in VS Code (code-server) on the samples/ workspace.\nOpen this URL in a browser:\n\n  ${url}\n\nPress Ctrl+C to stop.`);
  const stop = () => { cs.kill('SIGTERM'); process.exit(0); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  cs.on('exit', (code) => process.exit(code ?? 0));
})();
