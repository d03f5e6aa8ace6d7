#!/usr/bin/env node
// Takes the README's screenshots: runs code-server with the extension on a copy of samples/,
// drives the real UI with Chromium (playwright-core) and saves PNGs to media/screenshots/.
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');
const { startMoto } = require('./moto-server');

const root = path.resolve(__dirname, '..');
const bin = path.join(root, '.vscode-test', 'code-server', 'node_modules', '.bin', 'code-server');
const outDir = path.join(root, 'media', 'screenshots');
/** Optional comma-separated names: retake only those (`node scripts/screenshots.js language-completion,language-hover`). */
const only = process.argv[2]?.split(',');

const freePort = () => new Promise((resolve) => { const s = net.createServer(); s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); }); });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

(async () => {
  fs.mkdirSync(outDir, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shots-'));
  const workspace = path.join(tmp, 'samples');
  fs.cpSync(path.join(root, 'samples'), workspace, { recursive: true });
  fs.mkdirSync(path.join(tmp, 'user', 'User'), { recursive: true });
  fs.writeFileSync(path.join(tmp, 'user', 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none', 'workbench.colorTheme': 'Default Dark Modern', 'telemetry.telemetryLevel': 'off',
    'workbench.tips.enabled': false, 'editor.minimap.enabled': false, 'security.workspace.trust.enabled': false,
    'chat.commandCenter.enabled': false, 'workbench.secondarySideBar.defaultVisibility': 'hidden',
  }));
  // Run & refine runs the real aws against a local moto_server with known data
  const moto = await startMoto(tmp);
  if (moto.missing) throw new Error(moto.missing);
  const seeded = require('child_process').spawnSync('python3', [path.join(root, 'test', 'fixtures', 'seed_moto.py'), moto.env.AWS_ENDPOINT_URL], { env: { ...process.env, ...moto.env }, encoding: 'utf8' });
  if (seeded.status !== 0) throw new Error(seeded.stderr);
  const port = await freePort();
  const env = { ...process.env, ...moto.env, EXTENSIONS_GALLERY: '{}', XDG_CONFIG_HOME: path.join(tmp, 'xdg'), XDG_DATA_HOME: path.join(tmp, 'xdg') };
  const cs = spawn(bin, ['--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--user-data-dir', path.join(tmp, 'user'),
    '--extensions-dir', path.join(tmp, 'ext'), '--disable-telemetry', '--disable-workspace-trust', workspace], { env, stdio: 'ignore', detached: true });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'] });
  try {
    await sleep(2500);
    const page = await browser.newPage({ viewport: { width: 1440, height: 860 } });
    const authority = `127.0.0.1:${port}`;
    const payload = JSON.stringify([['extensionDevelopmentPath', `vscode-remote://${authority}${root}`], ['skipWelcome', 'true']]);
    await page.goto(`http://${authority}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`, { timeout: 180000 });
    await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
    await sleep(4000);
    const palette = async (command, pause = 1500) => {
      await page.keyboard.press('F1');
      await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
      await page.keyboard.type(command, { delay: 5 });
      await sleep(pause);
      await page.keyboard.press('Enter');
      await sleep(800);
    };
    const openFile = async (name) => {
      await page.keyboard.press('Control+P');
      await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
      await page.keyboard.type(name, { delay: 5 });
      await sleep(900);
      await page.keyboard.press('Enter');
      await sleep(1500);
    };
    const shot = async (name) => {
      if (only && !only.includes(name)) return;
      await page.screenshot({ path: path.join(outDir, `${name}.png`) });
      console.log(`saved media/screenshots/${name}.png`);
    };

    const theme = async (name) => {
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+T');
      await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
      await sleep(800);
      await page.keyboard.type(name, { delay: 5 });
      await sleep(1000);
      await page.keyboard.press('Enter');
      await sleep(2000);
    };
    await theme('Dark Modern');

    // 1. palette query with live preview, then the results editor and highlights
    await openFile('describe-instances.json');
    await page.keyboard.press('Control+Alt+J');
    await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
    await page.keyboard.type("Reservations[].Instances[?State.Name=='running'].InstanceId", { delay: 5 });
    await sleep(1500);
    await shot('query-palette');
    await page.keyboard.press('Enter');
    await sleep(2500);
    await page.keyboard.press('F8');
    await sleep(800);
    await shot('query-results');

    // 2. query file with CodeLens, bound to the JSON
    await palette('View: Close All Editors');
    await openFile('queries.jmespath');
    await palette('JMESPath: Bind Query File to JSON');
    await page.keyboard.type('describe-instances', { delay: 5 });
    await sleep(800);
    await page.keyboard.press('Enter');
    await sleep(1500);
    await page.keyboard.press('Control+G');
    await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
    await page.keyboard.type('6', { delay: 5 });
    await page.keyboard.press('Enter');
    await sleep(500);
    await page.keyboard.press('Control+Enter');
    await sleep(2500);
    await shot('query-file');

    // 3. script checks
    await palette('View: Close All Editors');
    await openFile('check-me.sh');
    await sleep(2500);
    await page.keyboard.press('Control+Shift+M');
    await sleep(1500);
    await shot('script-checks');
    await page.keyboard.press('Control+Shift+M');

    // 3b. language intelligence in the bound query file: completion, then a live value on hover
    await palette('View: Close All Editors');
    await openFile('queries.jmespath');
    await palette('File: Revert File');
    await palette('View: Close Panel');
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type("Reservations[].Instances[?State.Name == 'running'].", { delay: 20 });
    await sleep(1500);
    await page.keyboard.press('Control+Space');
    await sleep(1500);
    await shot('language-completion');
    await page.keyboard.press('Escape');
    await page.keyboard.type('Tags[?Key == \'env\'].Value', { delay: 10 });
    await page.keyboard.press('Escape');
    for (let i = 0; i < 'ey == \'env\'].Value'.length; i++) await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    await sleep(2000);
    await shot('language-hover');
    await page.keyboard.press('Escape');

    // 4. Run & refine: run the script's describe-instances, refine the query on the real output
    if (!only || only.includes('run-refine')) {
      await palette('View: Close All Editors');
      await palette('View: Close Primary Side Bar');
      await palette('View: Hide Panel');
      await openFile('refine.sh');
      await page.waitForSelector('.codelens-decoration a', { timeout: 30000 });
      await page.locator('.codelens-decoration a', { hasText: 'Run & refine' }).first().click();
      await page.waitForSelector('.editor-instance .monaco-editor[data-uri$=".jmespath"]', { timeout: 60000 }).catch(() => {});
      await sleep(5000);
      // replace the query line (the last non-empty line) with a refined query
      await page.keyboard.press('Control+End');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('End');
      await page.keyboard.press('Shift+Home');
      await page.keyboard.insertText("Reservations[].Instances[].{Id: InstanceId, Name: Tags[?Key=='Name'] | [0].Value, Type: InstanceType}");
      await sleep(4000);
      await shot('run-refine');
      moto.stop();
    }

    // 5. capacity calculator, dark then light
    await palette('View: Close All Editors');
    await palette('AWS: DynamoDB Capacity Calculator');
    await sleep(3000);
    await shot('capacity-dark');
    await theme('Light Modern');
    await shot('capacity-light');
  } finally {
    await browser.close();
    try { process.kill(-cs.pid, 'SIGTERM'); } catch { /* gone */ }
    fs.rmSync(tmp, { recursive: true, force: true });
  }
})().catch((e) => { console.error(e); process.exit(1); });
