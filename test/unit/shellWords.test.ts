// The shell-words tokenizer against the real bash (what the program receives), and finding `aws`
// commands written the ways scripts write them (options or variables before the service,
// continuations, command substitutions, PowerShell `& aws`).
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { expandArgs } from '../../src/core/shell/expand';
import { readCommand } from '../../src/core/shell/shellWords';
import { findCliCommands } from '../../src/core/aws/scriptScan';
import { checkScript } from '../../src/core/aws/scriptCheck';
import { loadModel } from './awsModels';
import { rng } from './differentialCases';

const root = path.resolve(__dirname, '../../..');

/** What bash passes to a program for `args` (the words after the program name), with `env` set. */
function bashArgv(args: string, env: Record<string, string> = {}): string[] {
  const r = spawnSync('bash', ['-c', `printargs() { printf '%s\\0' "$@"; }; OPTS=(--region 'us west' --profile p); printargs ${args}`], {
    encoding: 'utf8', env: { PATH: process.env.PATH, ...env },
  });
  assert.strictEqual(r.status, 0, r.stderr);
  return r.stdout.split('\0').slice(0, -1);
}

function ourArgv(args: string, env: Record<string, string> = {}): string[] {
  const cmd = readCommand(args, 0, 'bash');
  const { argv, unresolved } = expandArgs(cmd.words, 'bash', (e) => (e.name === 'OPTS' ? ['--region', 'us west', '--profile', 'p'] : env[e.name]));
  assert.deepStrictEqual(unresolved, []);
  return argv;
}

describe('shell words (bash, checked against the real bash)', () => {
  const cases: [string, Record<string, string>?][] = [
    [`ec2 describe-instances --query 'Reservations[].Instances[?State.Name==\`running\`]'`],
    [`ec2 describe-instances --query "Reservations[?Tags[?Key=='Name']]" --output text`],
    [`--query 'it'\\''s' "a\\"b" a\\ b 'x'"y"z $'tab\\there\\n' ""`],
    [`$ENDPOINT ec2 describe-volumes`, { ENDPOINT: '--endpoint-url http://127.0.0.1:5000' }],
    [`"$ENDPOINT" ec2 describe-volumes`, { ENDPOINT: '--endpoint-url http://x' }],
    [`$EMPTY ec2 describe-volumes "$EMPTY"`, { EMPTY: '' }],
    [`"\${OPTS[@]}" ec2 describe-volumes`],
    [`--filters Name=tag:Name,Values=\${NAME}-web "Name=x,Values=$NAME"`, { NAME: 'a b' }],
    [`pre\${X}post ec2`, { X: ' p  q ' }],
    [`--query "Volumes[?Size > \\\`100\\\`]" 2>/dev/null 3>/dev/null`],
    [`ec2 describe-instances \\\n  --region us-east-1 \\\n  --query 'x'`],
    // found by fuzzing against bash: $'...' escapes beyond the letters, and empty quotes beside a
    // variable that splits (they make a field of their own)
    [`$'\\x41\\x4|\\101\\0101|\\cA\\c?|\\u00e9\\U0001F600|\\q\\E\\?\\x|\\c'`, { LANG: 'C.UTF-8' }],
    [`$'before\\x00after' next`],
    [`''$S $S'' ""$S"" $S$'x' a$S "$E"$S`, { S: '  x  y ', E: '' }],
  ];
  for (const [args, env] of cases) {
    it(`reads ${JSON.stringify(args).slice(0, 70)}`, () => {
      assert.deepStrictEqual(ourArgv(args, env), bashArgv(args, env));
    });
  }

  it('reads 400 generated argument lines as bash does (quotes of every kind, $\'...\' escapes, variables that split)', () => {
    // found by fuzzing: $'\\x4' and '' beside a splitting variable; a variable name cut by a
    // line continuation inside double quotes ("$A\\<newline>x" is $Ax to bash) is left out
    const env: Record<string, string> = { A: 'a b', E: '', S: '  x  y ', Q: 'it\'s "q"', B: 'back\\slash' };
    const r = rng(20261207);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
    const some = (n: number, piece: () => string) => Array.from({ length: Math.floor(r() * n) }, piece).join('');
    const parts: (() => string)[] = [
      () => pick(['a', 'Z', '0', '-', '=', ',', ':', '.', '/', '@', '%', '+', 'é', '😀', '\\ ', '\\\\', "\\'", '\\"', '\\$', '\\a']),
      () => `"${some(5, () => pick(['x', ' ', "'", '\\"', '\\\\', '\\$', '\\a', '$A', '${E}', '$S', '$Q', '\\`', '!', ']', '[']))}"`,
      () => `'${some(5, () => pick(['x', ' ', '"', '\\', '$A', '`', '\n']))}'`,
      () => `$'${some(4, () => pick(['x', '\\n', '\\t', "\\'", '\\\\', '\\x41', '\\u00e9', '\\101', '"', '\\e', '\\cA', '\\U0001F600', '\\x4']))}'`,
      () => pick(['$A', '${A}', '$E', '"$E"', '$S', '"$S"', '$Q', '$B', '${A}x', 'x$A']),
    ];
    const word = () => Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(parts)()).join('');
    const lines = Array.from({ length: 400 }, () => Array.from({ length: 1 + Math.floor(r() * 4) }, word).join(pick([' ', '  ', '\t', ' \\\n '])));
    const script = `printargs() { printf '%s\\0' $# "$@"; }\n${lines.map((l) => `printargs ${l}`).join('\n')}\n`;
    const bash = spawnSync('bash', ['-c', script], { encoding: 'utf8', env: { PATH: process.env.PATH, LANG: 'C.UTF-8', ...env } });
    assert.strictEqual(bash.status, 0, bash.stderr);
    // each line: its argument count, then its arguments, all NUL-terminated (an argument can hold any other byte)
    const fields = bash.stdout.split('\0');
    const answers: string[][] = [];
    for (let at = 0; answers.length < lines.length && at < fields.length;) {
      const count = Number(fields[at]);
      answers.push(fields.slice(at + 1, at + 1 + count));
      at += 1 + count;
    }
    assert.strictEqual(answers.length, lines.length);
    const differ = lines.flatMap((line, i) => {
      // (a name the generator made by accident, `$AZ`, is unset: empty to bash)
      const ours = expandArgs(readCommand(line, 0, 'bash').words, 'bash', (e) => env[e.name] ?? '').argv;
      return JSON.stringify(ours) === JSON.stringify(answers[i]) ? [] : [`${JSON.stringify(line)}\n  bash ${JSON.stringify(answers[i])}\n  ours ${JSON.stringify(ours)}`];
    });
    assert.deepStrictEqual(differ.slice(0, 5), [], `${differ.length} of ${lines.length} differ`);
  });

  it('keeps every character of a word at its document offset', () => {
    const src = `aws ec2 x --query 'A[?b==\`1\`]'"c" \\\n  --filters "Name=$N"`;
    const { words } = readCommand(src, 3, 'bash');
    const q = words[3];
    assert.strictEqual(q.text, 'A[?b==`1`]c');
    assert.deepStrictEqual([...q.text].map((_, i) => src[q.offsets[i]]).join(''), 'A[?b==`1`]c');
    assert.strictEqual(src.slice(q.start, q.end), `'A[?b==\`1\`]'"c"`);
    const f = words[5];
    assert.deepStrictEqual(f.expansions.map((e) => [e.name, src.slice(e.start, e.end), e.quoted]), [['N', '$N', true]]);
  });

  it('stops at the end of the command: ; | && ) # and the closing backtick', () => {
    for (const [src, closer, want] of [
      ['a b; c', undefined, ['a', 'b']],
      ['a b | jq .', undefined, ['a', 'b']],
      ['a b && c', undefined, ['a', 'b']],
      ['a "b)" $(cat f) c) d', ')', ['a', 'b)', '$(cat f)', 'c']],
      ['a b # comment', undefined, ['a', 'b']],
      ['a b`; c', '`', ['a', 'b']],
    ] as [string, ')' | '`' | undefined, string[]][]) {
      assert.deepStrictEqual(readCommand(src, 0, 'bash', closer).words.map((w) => w.text), want, src);
    }
  });
});

describe('shell words (PowerShell and cmd)', () => {
  it('reads PowerShell quoting, escapes, variables and splatting', () => {
    const src = "ec2 describe-instances --query 'Tags[?Key==''Name'']' \"a`\"b$env:AWS_REGION\" `$notvar @Opts $Region --x=\"$($y)\"";
    const { words } = readCommand(src, 0, 'powershell');
    assert.deepStrictEqual(words.map((w) => w.text), ['ec2', 'describe-instances', '--query', "Tags[?Key=='Name']", 'a"b$env:AWS_REGION', '$notvar', '@Opts', '$Region', '--x=$($y)']);
    assert.deepStrictEqual(words.flatMap((w) => w.expansions.map((e) => [e.kind, e.name])), [['variable', 'env:AWS_REGION'], ['list', 'Opts'], ['variable', 'Region'], ['command', '$y']]);
    const { argv } = expandArgs(words, 'powershell', (e) => ({ 'env:AWS_REGION': 'eu west', Opts: ['--profile', 'p'], Region: 'us-east-1', $y: undefined } as Record<string, string | string[] | undefined>)[e.name] ?? 'Y');
    assert.deepStrictEqual(argv.slice(4), ['a"beu west', '$notvar', '--profile', 'p', 'us-east-1', '--x=Y']);
  });

  it('reads cmd carets, %VAR% and the C runtime quoting rules', () => {
    const src = 'ec2 describe-instances --query "Reservations[?a==\\"x\\"]" ^& a^^b "%REGION%" 100%% "a""b" & echo done';
    const { words } = readCommand(src, 0, 'cmd');
    assert.deepStrictEqual(words.map((w) => w.text), ['ec2', 'describe-instances', '--query', 'Reservations[?a=="x"]', '&', 'a^b', '%REGION%', '100%', 'a"b']);
    assert.deepStrictEqual(expandArgs(words, 'cmd', () => 'us east').argv[6], 'us east');
  });

  it('reads what Python\'s list2cmdline writes for the C runtime', () => {
    const values = ['a b', 'x"y', 'back\\slash', 'end\\', 'q\\"q', '', '[?Name==`"a b"`]'];
    const r = spawnSync('python3', ['-c', 'import subprocess,sys,json; print(subprocess.list2cmdline(json.loads(sys.argv[1])))', JSON.stringify(values)], { encoding: 'utf8' });
    assert.strictEqual(r.status, 0, r.stderr);
    const line = r.stdout.replace(/\r?\n$/, '');
    assert.deepStrictEqual(readCommand(line, 0, 'cmd').words.map((w) => w.text), values);
  });
});

describe('finding aws commands written every way', () => {
  const find = (src: string, shell: 'bash' | 'powershell' | 'cmd' = 'bash') => findCliCommands(src, shell).map((c) => [c.service, c.operation, c.query?.text]);

  it('sees options and variables before the service', () => {
    assert.deepStrictEqual(find([
      "aws $ENDPOINT ec2 describe-volumes --query 'Volumes[0].VolumeID'",
      "aws --profile p --region r ec2 describe-volumes --query 'Volumes'",
      'aws "${OPTS[@]}" dynamodb scan --table-name t --query Items',
      "aws --endpoint-url=$URL --debug s3api list-buckets --query 'Buckets'",
      "AWS_PAGER= aws ec2 describe-vpcs --query 'Vpcs'",
    ].join('\n')), [
      ['ec2', 'describe-volumes', 'Volumes[0].VolumeID'],
      ['ec2', 'describe-volumes', 'Volumes'],
      ['dynamodb', 'scan', 'Items'],
      ['s3api', 'list-buckets', 'Buckets'],
      ['ec2', 'describe-vpcs', 'Vpcs'],
    ]);
  });

  it('sees command substitutions and continuations, not echo text or comments', () => {
    assert.deepStrictEqual(find([
      'ids=$(aws $ENDPOINT ec2 run-instances \\',
      '  --count 2 \\',
      "  --query 'Instances[*].InstanceId' --output text)",
      "n=`aws ec2 describe-volumes --query 'length(Volumes)'`",
      'echo "aws ec2 describe-volumes --query X"',
      "# aws ec2 describe-volumes --query 'Y'",
      "if aws ec2 describe-vpcs --query 'Vpcs[0]' > /dev/null; then :; fi",
    ].join('\n')), [
      ['ec2', 'run-instances', 'Instances[*].InstanceId'],
      ['ec2', 'describe-volumes', 'length(Volumes)'],
      ['ec2', 'describe-vpcs', 'Vpcs[0]'],
    ]);
  });

  it('sees PowerShell `& aws`, assignments and backtick continuations; cmd carets', () => {
    assert.deepStrictEqual(find([
      "& aws --region $Region ec2 describe-instances `",
      "  --query 'Reservations[].Instances[].InstanceId'",
      "$ids = aws @Opts ec2 describe-volumes --query 'Volumes[].VolumeId'",
      "$n = (aws ec2 describe-vpcs --query 'length(Vpcs)')",
    ].join('\r\n'), 'powershell'), [
      ['ec2', 'describe-instances', 'Reservations[].Instances[].InstanceId'],
      ['ec2', 'describe-volumes', 'Volumes[].VolumeId'],
      ['ec2', 'describe-vpcs', 'length(Vpcs)'],
    ]);
    assert.deepStrictEqual(find('@aws --profile %PROFILE% ec2 describe-instances ^\r\n  --query "Reservations[0]"\r\nREM aws ec2 describe-vpcs --query "X"\r\n', 'cmd'), [
      ['ec2', 'describe-instances', 'Reservations[0]'],
    ]);
  });

  it('leaves a --query with a variable in it unchecked (its value is unknown)', () => {
    const cmds = findCliCommands(`aws ec2 describe-instances --query "Reservations[?Name=='$NAME']"`, 'bash');
    assert.strictEqual(cmds.length, 1);
    assert.strictEqual(cmds[0].query, undefined);
    assert.strictEqual(cmds[0].queryIndex, 2);
  });

  it("flags the typos samples/launch.sh hid behind $ENDPOINT", () => {
    const src = fs.readFileSync(path.join(root, 'test/fixtures/workspace/variables.sh'), 'utf8');
    const problems = checkScript(src, 'bash', loadModel);
    assert.deepStrictEqual(problems.map((p) => [src.slice(p.start, p.end), p.fix]), [
      ['InstanceID', 'InstanceId'],
      ['VolumeID', 'VolumeId'],
      ['name', 'Name'],
    ]);
  });
});
