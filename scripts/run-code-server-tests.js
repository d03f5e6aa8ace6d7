#!/usr/bin/env node
// Runs the extension's integration tests (out/test/suite/index.js, same contract as @vscode/test-electron:
// a module exporting run(): Promise<void>) inside a real VS Code: code-server (VS Code server + web workbench)
// loaded in headless Debian Chromium through playwright-core. Nothing is downloaded at test time.
//
// The extension under development and the test module are passed the way VS Code's own browser
// integration tests do it: a `payload` query parameter with extensionDevelopmentPath/extensionTestsPath
// as vscode-remote:// URIs. The tests then run in the *remote Node.js extension host* (full Node APIs),
// and the workbench reports the result through window.codeAutomationExit(code).
//
// Adapted from ../shared/notes/real-editor-tests (see README: Testing).
// Env: CODE_SERVER_BIN, CHROMIUM_PATH (/usr/bin/chromium), TEST_WORKSPACE (test/fixtures/workspace),
//      TEST_TIMEOUT_MS (1200000), TEST_TMPDIR (os.tmpdir()), KEEP_TMP=1, VERBOSE=1 (echo server log)
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const http = require('http');
const net = require('net');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');
const { startMoto } = require('./moto-server');

const root = path.resolve(__dirname, '..');
const extDev = root;
const extTests = path.join(root, 'out', 'test', 'integration', 'index');
const fixture = path.resolve(process.env.TEST_WORKSPACE || path.join(root, 'test', 'fixtures', 'workspace'));
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const timeoutMs = Number(process.env.TEST_TIMEOUT_MS || 1200000);
const codeServerBin = process.env.CODE_SERVER_BIN
  || path.join(root, '.vscode-test', 'code-server', 'node_modules', '.bin', 'code-server');

for (const [what, p] of [['code-server (run scripts/setup-code-server.sh)', codeServerBin], ['chromium', chromiumPath], ['compiled tests (npm run compile-tests)', extTests + '.js'], ['built extension (npm run build)', path.join(root, 'dist', 'extension.js')]]) {
  if (!fs.existsSync(p)) { console.error(`[runner] missing ${what}: ${p}`); process.exit(2); }
}

const freePort = () => new Promise((res, rej) => {
  const s = net.createServer();
  s.on('error', rej);
  s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => res(port)); });
});
const waitHealthy = (port, deadline) => new Promise((res, rej) => {
  const retry = () => (Date.now() > deadline ? rej(new Error('code-server did not answer /healthz')) : setTimeout(tick, 250));
  const tick = () => {
    const req = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 2000 }, (r) => { r.resume(); if (r.statusCode === 200) res(); else retry(); });
    req.on('error', retry);
    req.on('timeout', () => req.destroy());
  };
  tick();
});

(async () => {
  const t0 = Date.now();
  const tmp = fs.mkdtempSync(path.join(process.env.TEST_TMPDIR || os.tmpdir(), 'vscode-it-'));
  const workspace = path.join(tmp, 'workspace');
  fs.cpSync(fixture, workspace, { recursive: true }); // tests may write files; keep the repo clean
  const userData = path.join(tmp, 'user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'git.enabled': false,
  }, null, 2));
  fs.mkdirSync(path.join(tmp, 'tmp'));
  // keep code-server, VS Code and Chromium from writing into ~/.config, ~/.local/share, ~/.cache and /tmp
  const sandboxEnv = {
    XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'), XDG_DATA_HOME: path.join(tmp, 'xdg-data'),
    XDG_CACHE_HOME: path.join(tmp, 'xdg-cache'), TMPDIR: path.join(tmp, 'tmp'),
  };
  // a local fake AWS for the Run & refine tests: the extension host runs the real `aws` against it
  const moto = await startMoto(tmp);
  if (moto.missing) console.error(`[runner] ${moto.missing}: the tests that run aws will fail`);
  Object.assign(sandboxEnv, moto.env, moto.missing ? { IT_MOTO_MISSING: moto.missing } : {});
  const cfg = path.join(tmp, 'config.yaml');
  fs.writeFileSync(cfg, 'auth: none\n');

  // Key bridge: tests in the extension host ask for real key presses in the workbench page
  // (GET /press?key=F8, &then=text types right after, &delay=ms between its keys, &enter=1 then Enter), so keybindings are resolved exactly as for a
  // user (when clauses included);
  // /type?text=...&delay=ms types, /paste?text=... pastes, /webviewType?selector=...&text=... types into a webview's field, /webviewPress?selector=...&key=... presses a key on a webview's element, /wait?selector=... waits for an element, /click?selector=... clicks it,
  // /html?selector=... returns the matching elements' HTML (to find a selector), /screenshot?path=... .
  let pageReady;
  const pagePromise = new Promise((resolve) => { pageReady = resolve; });
  const keys = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    try {
      const page = await pagePromise;
      if (url.pathname === '/press') {
        await page.keyboard.press(url.searchParams.get('key'));
        // no round trip between the key and the text; &enter=1 presses Enter right after the text
        if (url.searchParams.has('then')) await page.keyboard.type(url.searchParams.get('then'), { delay: Number(url.searchParams.get('delay') ?? 20) });
        if (url.searchParams.get('enter') === '1') await page.keyboard.press('Enter');
      }
      else if (url.pathname === '/screenshot') await page.screenshot({ path: url.searchParams.get('path') });
      else if (url.pathname === '/wait') await page.waitForSelector(url.searchParams.get('selector'), { timeout: 20000 });
      else if (url.pathname === '/html') { const h = await page.evaluate((sel) => [...document.querySelectorAll(sel)].map((e) => e.outerHTML).join('\n'), url.searchParams.get('selector')); res.writeHead(200); res.end(h); return; }
      else if (url.pathname === '/click') await page.click(url.searchParams.get('selector'), { timeout: 20000 });
      else if (url.pathname === '/type') await page.keyboard.type(url.searchParams.get('text'), { delay: Number(url.searchParams.get('delay') ?? 0) });
      else if (url.pathname === '/paste') await page.keyboard.insertText(url.searchParams.get('text')); // one input event, as Ctrl+V gives
      else if (url.pathname === '/webviewType') {
        // answers at once, then (while the caller may be busy) clicks into the element of a webview
        // (a frame of the page) as soon as it is there, selects all and types
        const selector = url.searchParams.get('selector');
        const text = url.searchParams.get('text');
        void (async () => {
          const deadline = Date.now() + 20000;
          let frame;
          while (!(frame = (await Promise.all(page.frames().map(async (f) => ((await f.$(selector).catch(() => null)) ? f : undefined)))).find(Boolean))) {
            if (Date.now() > deadline) return console.error(`[runner] webviewType: no frame has ${selector}`);
            await new Promise((r) => setTimeout(r, 5));
          }
          await frame.click(selector);
          await page.keyboard.press('Control+A');
          await page.keyboard.type(text);
        })();
      }
      else if (url.pathname === '/webviewPress') {
        // focuses the element of a webview (a frame of the page) and presses a key there
        const selector = url.searchParams.get('selector');
        const deadline = Date.now() + 20000;
        let frame;
        while (!(frame = (await Promise.all(page.frames().map(async (f) => ((await f.$(selector).catch(() => null)) ? f : undefined)))).find(Boolean))) {
          if (Date.now() > deadline) throw new Error(`no frame has ${selector}`);
          await new Promise((r) => setTimeout(r, 20));
        }
        await frame.focus(selector);
        await page.keyboard.press(url.searchParams.get('key'));
      }
      else { res.writeHead(404); res.end(); return; }
      res.writeHead(200); res.end('ok');
    } catch (e) {
      res.writeHead(500); res.end(String(e && e.message || e));
    }
  });
  await new Promise((resolve) => keys.listen(0, '127.0.0.1', resolve));
  keys.unref();
  const keysUrl = `http://127.0.0.1:${keys.address().port}`;
  const port = await freePort();
  const cs = spawn(codeServerBin, [
    '--config', cfg,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--user-data-dir', userData,
    '--extensions-dir', path.join(tmp, 'extensions'),
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--disable-proxy', '--ignore-last-opened',
    workspace,
  ], {
    // EXTENSIONS_GALLERY={}: no marketplace configured -> no failing open-vsx.org lookups in the log
    // VSCODE_OPTIONS: newer code-server (4.10x+) passes it to the VS Code server; VS Code >= ~1.10x only honours
    // the payload's extensionDevelopmentPath/extensionTestsPath in built (release) web clients when
    // --enable-smoke-test-driver is set. Older code-server ignores the variable.
    env: {
      EXTENSIONS_GALLERY: '{}', VSCODE_OPTIONS: 'enable-smoke-test-driver', ...process.env,
      ...sandboxEnv, IT_KEYS_URL: keysUrl,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // own process group, so cleanup can kill the server *and* its extension hosts
  });
  const csLog = fs.createWriteStream(path.join(tmp, 'code-server.log'));
  cs.stdout.pipe(csLog); cs.stderr.pipe(csLog);
  if (process.env.VERBOSE) { cs.stdout.pipe(process.stderr); cs.stderr.pipe(process.stderr); }

  let browser;
  let finished = false;
  const finish = async (code, msg) => {
    if (finished) return; finished = true;
    if (msg) console.error(msg);
    try { if (browser) await browser.close(); } catch {}
    try { process.kill(-cs.pid, 'SIGTERM'); } catch {}
    if (code === 0 && !process.env.KEEP_TMP) fs.rmSync(tmp, { recursive: true, force: true });
    else console.error(`[runner] logs kept in ${tmp}`);
    process.exit(code);
  };
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => finish(130, `[runner] ${sig}`));
  cs.on('exit', (c, s) => finish(1, `[runner] code-server exited early (code ${c}, signal ${s})`));
  setTimeout(() => finish(124, `[runner] TIMEOUT after ${timeoutMs} ms`), timeoutMs).unref();

  try {
    await waitHealthy(port, Date.now() + 60000);
    const tUp = Date.now();
    const version = require('child_process').execFileSync(codeServerBin, ['--version'], { env: { ...process.env, ...sandboxEnv }, encoding: 'utf8' }).trim();
    console.error(`[runner] code-server up on 127.0.0.1:${port} after ${tUp - t0} ms: code-server ${(version.match(/^\d+\.\d+\.\d+.*$/m) || [version])[0]}`);
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      env: { ...process.env, ...sandboxEnv },
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update'],
    });
    const page = await browser.newPage();
    pageReady(page);
    page.on('pageerror', (e) => console.error('[page error]', e.message));
    // Hooks the VS Code workbench calls while running extension tests (as in VS Code's own browser integration tests)
    let resolveExit;
    const exitCode = new Promise((resolve) => { resolveExit = resolve; });
    await page.exposeFunction('codeAutomationLog', (type, args) => (console[type] || console.log)(...args));
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
    const authority = `127.0.0.1:${port}`;
    const remote = (p) => `vscode-remote://${authority}${p}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(extDev)],
      ['extensionTestsPath', remote(extTests)],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ]);
    // a loaded 2-core machine can take well over playwright's default 30 s to load the workbench
    await page.goto(`http://${authority}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`, { timeout: 180000 });
    const code = await exitCode;
    await finish(code, `[runner] extension tests exited with ${code}; wall ${Date.now() - t0} ms (server ${tUp - t0} ms, workbench+tests ${Date.now() - tUp} ms)`);
  } catch (e) {
    await finish(1, `[runner] ${e && e.stack || e}`);
  }
})();
