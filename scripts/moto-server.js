// Starts a local moto_server (fake AWS: EC2, DynamoDB, S3, ...) for the integration tests and gives
// the environment that points the real `aws` CLI at it. See ../shared/notes/aws-offline.md.
'use strict';
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const http = require('http');
const net = require('net');
const path = require('path');

const freePort = () => new Promise((res, rej) => {
  const s = net.createServer();
  s.on('error', rej);
  s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => res(port)); });
});

const answers = (port) => new Promise((res) => {
  const req = http.get({ host: '127.0.0.1', port, path: '/moto-api/', timeout: 1000 }, (r) => { r.resume(); res(true); });
  req.on('error', () => res(false));
  req.on('timeout', () => { req.destroy(); res(false); });
});

/**
 * Starts moto_server on a free loopback port (logging into `logDir`). Resolves to { env, stop } or,
 * when moto is not installed, to { env: {}, stop() {}, missing: reason } so tests that need it fail
 * with that reason instead of the runner failing.
 */
async function startMoto(logDir) {
  const bin = spawnSync('moto_server', ['--help'], { stdio: 'ignore' }).error ? null : 'moto_server';
  const cmd = bin ? [bin] : ['python3', '-m', 'moto.server'];
  if (!bin && spawnSync('python3', ['-c', 'import moto.server'], { stdio: 'ignore' }).status !== 0) {
    return { env: {}, stop() {}, missing: 'moto_server is not installed (pip install "moto[server]")' };
  }
  const port = await freePort();
  const log = fs.openSync(path.join(logDir, 'moto-server.log'), 'w');
  const child = spawn(cmd[0], [...cmd.slice(1), '-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', log, log] });
  const stop = () => { try { child.kill(); } catch { /* already gone */ } };
  process.on('exit', stop);
  const deadline = Date.now() + 30000;
  while (!(await answers(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      stop();
      return { env: {}, stop() {}, missing: `moto_server did not start (see ${path.join(logDir, 'moto-server.log')})` };
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const none = path.join(logDir, 'no-aws-config');
  return {
    stop,
    env: {
      AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`,
      AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_DEFAULT_REGION: 'us-east-1',
      // never the developer's own ~/.aws profiles
      AWS_CONFIG_FILE: none, AWS_SHARED_CREDENTIALS_FILE: none,
    },
  };
}

module.exports = { startMoto };
