// Starts a moto_server on a free port for tests that run the real aws CLI; stop() kills it by its PID.
import * as assert from 'assert';
import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as net from 'net';

export const AWS_ENV = { ...process.env, AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '' };

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export interface Moto { endpoint: string; stop(): void }

export async function startMoto(): Promise<Moto> {
  for (const tool of ['aws', 'moto_server']) {
    assert.strictEqual(spawnSync('sh', ['-c', `command -v ${tool}`]).status, 0, `${tool} is needed (python3 with awscli and moto)`);
  }
  const port = await freePort();
  const child: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore', detached: true });
  const deadline = Date.now() + 30000;
  for (;;) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => { socket.destroy(); resolve(true); });
      socket.on('error', () => resolve(false));
    });
    if (up) break;
    if (Date.now() > deadline) throw new Error('moto_server did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
  return { endpoint: `http://127.0.0.1:${port}`, stop: () => { if (child.pid) process.kill(-child.pid, 'SIGTERM'); } };
}

/** Runs `aws --endpoint-url <moto> ...args`; `cli` picks v1 (`aws` on PATH) or v2 (/usr/bin/aws). */
export function aws(endpoint: string, args: string[], cli = 'aws', env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(cli, ['--endpoint-url', endpoint, ...args], { env: { ...AWS_ENV, ...env }, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
