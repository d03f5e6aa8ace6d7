// Runs cases through jmespath.py (scripts/jmespath_oracle.py) in one python3 process.
import { spawnSync } from 'child_process';
import * as path from 'path';

export interface OracleCase {
  expression: string;
  document: string;
}
export type OracleAnswer =
  | { stdout: string; error?: undefined }
  | { error: { kind: string; message: string; column: number | null }; stdout?: undefined };

const script = path.resolve(__dirname, '../../../scripts/jmespath_oracle.py');

export function askOracle(cases: OracleCase[]): OracleAnswer[] {
  const input = cases.map((c) => JSON.stringify(c)).join('\n') + '\n';
  const r = spawnSync('python3', [script], { input, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) {
    throw new Error(`python3 with jmespath is needed for this test (pip install jmespath): ${r.stderr || r.error}`);
  }
  const lines = r.stdout.trim().split('\n');
  if (lines.length !== cases.length) throw new Error(`oracle answered ${lines.length} of ${cases.length} cases`);
  return lines.map((l) => JSON.parse(l) as OracleAnswer);
}
