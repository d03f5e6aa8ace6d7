// Runs output cases through the AWS CLI's own formatter classes (scripts/output_oracle.py).
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { OutputCase } from './outputCases';

export type OutputAnswer =
  | { stdout: string; error?: undefined }
  | { error: { kind: string; message: string; type?: string }; stdout?: undefined; printed?: string };

const script = path.resolve(__dirname, '../../../scripts/output_oracle.py');

/** The python of AWS CLI v2 (Debian's `apt-get install awscli`), whose formatter prints yaml. */
export const V2_PYTHON = '/usr/bin/python3';

export function hasAwsCliV2(): boolean {
  if (!fs.existsSync(V2_PYTHON)) return false;
  const r = spawnSync(V2_PYTHON, ['-c', 'from awscli.formatter import YAMLFormatter'], { encoding: 'utf8' });
  return r.status === 0;
}

export function askOutputOracle(cases: OutputCase[], python = 'python3'): OutputAnswer[] {
  const input = cases.map((c) => JSON.stringify(c)).join('\n') + '\n';
  const r = spawnSync(python, [script], { input, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) {
    throw new Error(`${python} with jmespath and awscli is needed for this test (pip install awscli): ${r.stderr || r.error}`);
  }
  const lines = r.stdout.trim().split('\n');
  if (lines.length !== cases.length) throw new Error(`oracle answered ${lines.length} of ${cases.length} cases`);
  return lines.map((l) => JSON.parse(l) as OutputAnswer);
}
