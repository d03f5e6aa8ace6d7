// Runs the user's `aws` once, with progress, Cancel and a timeout, and says clearly why it failed.
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { classifyFailure } from '../../core/aws/awsRun';
import { MAX_JSON_BYTES, fileTooLargeMessage } from '../../core/json/sizeLimit';

export const INSTALL_URL = 'https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html';

export class AwsRunError extends Error {
  constructor(
    message: string,
    readonly kind: 'not-installed' | 'credentials' | 'cli-error' | 'timeout' | 'cancelled' | 'not-json' | 'refused' | 'unresolved' | 'no-command' | 'too-large',
    readonly exitCode?: number | null,
  ) {
    super(message);
  }
}

export interface AwsInvocation {
  program: string;
  argv: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  title: string;
}

/** stdout of a successful run; throws AwsRunError otherwise. */
export function runAws(inv: AwsInvocation): Promise<string> {
  return Promise.resolve(vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: inv.title, cancellable: true },
    (_progress, token) => new Promise<string>((resolve, reject) => {
      const child = spawn(inv.program, inv.argv, { cwd: inv.cwd, env: inv.env, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let settled = false;
      const finish = (f: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        cancel.dispose();
        f();
      };
      const timer = setTimeout(() => {
        child.kill();
        finish(() => reject(new AwsRunError(`aws did not finish within ${Math.round(inv.timeoutMs / 1000)} s and was stopped (setting jmespathAws.awsCli.timeoutSeconds).`, 'timeout')));
      }, inv.timeoutMs);
      const cancel = token.onCancellationRequested(() => {
        child.kill();
        finish(() => reject(new AwsRunError('Cancelled.', 'cancelled')));
      });
      let bytes = 0;
      child.stdout.on('data', (d: Buffer) => {
        out.push(d);
        // (a bucket of millions of objects: stopped before its text could not be one string)
        if ((bytes += d.length) > MAX_JSON_BYTES) {
          child.kill();
          finish(() => reject(new AwsRunError(`${fileTooLargeMessage(`The output of ${inv.title}`, bytes, true)} (--max-items, --filters or --query make the CLI print less.)`, 'too-large')));
        }
      });
      child.stderr.on('data', (d: Buffer) => err.push(d));
      child.on('error', (e: NodeJS.ErrnoException) => finish(() => reject(e.code === 'ENOENT' || e.code === 'EACCES'
        ? new AwsRunError(`The AWS CLI was not found: ${notFoundWhere(inv.program, e.code)}. Install it (${INSTALL_URL}, or "pip install awscli"), or set jmespathAws.awsCli.path to its full path.`, 'not-installed')
        : new AwsRunError(`aws could not be started: ${e.message}`, 'cli-error'))));
      child.on('close', (code) => finish(() => {
        const stdout = Buffer.concat(out).toString('utf8');
        if (code === 0) {
          resolve(stdout);
          return;
        }
        const failure = classifyFailure(code, Buffer.concat(err).toString('utf8'), { program: onPath(inv.program, inv.env.PATH), argv: inv.argv });
        reject(new AwsRunError(failure.message, failure.kind, code));
      }));
    }),
  ));
}

/** Which file a bare program name runs (`aws` -> `/usr/local/bin/aws`), to name it in messages. */
function onPath(program: string, pathVariable: string | undefined): string {
  if (program.includes('/') || program.includes('\\') || !pathVariable) return program;
  for (const dir of pathVariable.split(path.delimiter)) {
    for (const ext of process.platform === 'win32' ? ['.exe', '.cmd', ''] : ['']) {
      const candidate = path.join(dir, program + ext);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        if (fs.statSync(candidate).isFile()) return candidate;
      } catch {
        // not here
      }
    }
  }
  return program;
}

/** Where the CLI was looked for: on PATH for a bare name, at the path the setting gives otherwise (trial 24: "/nonexistent/aws" is not on PATH). */
function notFoundWhere(program: string, code: string | undefined): string {
  const setting = program === 'aws' ? '' : ' (setting jmespathAws.awsCli.path)';
  if (!/[\\/]/.test(program)) return `"${program}" is not on PATH${setting}`;
  return code === 'EACCES' ? `"${program}"${setting} cannot be run (permission denied)` : `there is no "${program}"${setting}`;
}
