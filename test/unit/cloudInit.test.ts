// cloud-init seeds: the generated files (checked by our own rules and by building a real seed.iso
// with genisoimage, read back with isoinfo), and each user-data / meta-data rule.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CLOUD_CONFIG_KEYS, CLOUD_INIT_VERSION } from '../../src/core/cloudInit/cloudConfigKeys';
import { BUILD_SCRIPT, SeedInputError, seedFiles, validateSeedInput } from '../../src/core/cloudInit/seed';
import { SeedProblem, checkMetaData, checkUserData, didYouMean, seedFileKind } from '../../src/core/cloudInit/userDataCheck';
import { cloudConfigKeysAt } from '../../src/core/cloudInit/keyCompletion';
import { editDistance } from '../../src/core/editDistance';
import { expand } from './snippets.test';

const root = path.resolve(__dirname, '../../..');
const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGc1ZXJ2ZXJrZXlmb3J0ZXN0c29ubHkxMjM0NTY3ODkw alice@laptop';

function applyFix(src: string, edits: { start: number; end: number; text: string }[]): string {
  return [...edits].sort((a, b) => b.start - a.start).reduce((s, e) => s.slice(0, e.start) + e.text + s.slice(e.end), src);
}

function at(src: string, p: SeedProblem): string {
  return src.slice(p.start, p.end);
}

describe('cloud-init seed files', () => {
  it('validates the inputs with clear messages', () => {
    const ok = { hostname: 'al2-vm', user: 'alice', sshPublicKey: KEY };
    assert.deepStrictEqual(validateSeedInput({ ...ok, password: '' }), { ...ok, password: undefined });
    const bad: [Record<string, unknown>, string, RegExp][] = [
      [{ ...ok, hostname: 'bad_host!' }, 'hostname', /RFC 1123/],
      [{ ...ok, hostname: '-x' }, 'hostname', /hyphen/],
      [{ ...ok, user: 'Alice' }, 'user', /lowercase/],
      [{ ...ok, user: 'root' }, 'user', /disables root/],
      [{ ...ok, sshPublicKey: '-----BEGIN OPENSSH PRIVATE KEY-----\nabc' }, 'sshPublicKey', /private key/],
      [{ ...ok, sshPublicKey: 'ssh-foo AAAA' }, 'sshPublicKey', /Unknown key type/],
      [{ ...ok, sshPublicKey: 'ssh-ed25519' }, 'sshPublicKey', /no base64 body/],
      [{ ...ok, password: 'short' }, 'password', /at least 8/],
      [{ ...ok, password: 'two\nlines!!' }, 'password', /line breaks/],
      [{ ...ok, hostname: 5 }, 'hostname', /must be a string/],
    ];
    for (const [input, field, message] of bad) {
      assert.throws(() => validateSeedInput(input), (e: unknown) => e instanceof SeedInputError && e.field === field && e.kind === 'invalid-seed-input' && message.test(e.message), JSON.stringify(input));
    }
  });

  it('writes user-data and meta-data that our checks accept and PyYAML reads as intended', () => {
    for (const input of [
      { hostname: 'al2-vm.example.internal', user: 'alice', sshPublicKey: KEY, password: 'pa:ss #word "x"' },
      { hostname: 'al2', user: 'ec2-user', sshPublicKey: KEY },
    ]) {
      const files = seedFiles(input);
      assert.ok(files['user-data'].startsWith('#cloud-config\n'));
      assert.deepStrictEqual(checkUserData(files['user-data']).filter((p) => p.severity !== 'hint'), []);
      assert.deepStrictEqual(checkMetaData(files['meta-data']), []);
      // cloud-init loads YAML with PyYAML: check what it will see
      const r = spawnSync('python3', ['-c', 'import json,sys,yaml; print(json.dumps(yaml.safe_load(sys.stdin)))'], { input: files['user-data'], encoding: 'utf8' });
      assert.strictEqual(r.status, 0, r.stderr);
      const cfg = JSON.parse(r.stdout);
      const meta = JSON.parse(spawnSync('python3', ['-c', 'import json,sys,yaml; print(json.dumps(yaml.safe_load(sys.stdin)))'], { input: files['meta-data'], encoding: 'utf8' }).stdout);
      assert.strictEqual(meta['local-hostname'], input.hostname);
      if (input.user === 'ec2-user') {
        assert.deepStrictEqual(cfg.users, ['default']);
        assert.deepStrictEqual(cfg.ssh_authorized_keys, [KEY]);
        assert.strictEqual(cfg.chpasswd, undefined);
      } else {
        assert.strictEqual(cfg.users[1].name, 'alice');
        assert.deepStrictEqual(cfg.users[1].ssh_authorized_keys, [KEY]);
        assert.strictEqual(cfg.users[1].lock_passwd, false);
        assert.deepStrictEqual(cfg.chpasswd, { expire: false, list: `alice:${input.password}\n` });
        assert.strictEqual(cfg.ssh_pwauth, true);
        assert.match(files['user-data'], /WARNING: this password is stored here in clear text/);
      }
    }
  });

  it('the generated script builds seed.iso labelled cidata holding both files (genisoimage, isoinfo)', function () {
    this.timeout(30000);
    for (const tool of ['genisoimage', 'isoinfo']) {
      assert.strictEqual(spawnSync('sh', ['-c', `command -v ${tool}`]).status, 0, `${tool} is needed: apt-get install -y genisoimage (scripts/setup-code-server.sh installs it)`);
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-'));
    try {
      const files = seedFiles({ hostname: 'al2-vm', user: 'alice', sshPublicKey: KEY });
      for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
      // run it from elsewhere: the script finds its own folder
      const build = spawnSync('sh', [path.join(dir, BUILD_SCRIPT)], { cwd: os.tmpdir(), encoding: 'utf8' });
      assert.strictEqual(build.status, 0, build.stderr);
      const iso = path.join(dir, 'seed.iso');
      assert.ok(fs.statSync(iso).size > 0);
      const info = spawnSync('isoinfo', ['-d', '-i', iso], { encoding: 'utf8' });
      assert.match(info.stdout, /^Volume id: cidata$/m);
      assert.match(info.stdout, /Rock Ridge signatures version/);
      assert.match(info.stdout, /Joliet with UCS level/);
      const listing = spawnSync('isoinfo', ['-f', '-R', '-i', iso], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).sort();
      assert.deepStrictEqual(listing, ['/meta-data', '/user-data']);
      for (const name of ['user-data', 'meta-data']) {
        const content = spawnSync('isoinfo', ['-R', '-x', `/${name}`, '-i', iso], { encoding: 'utf8' }).stdout;
        assert.strictEqual(content, files[name as 'user-data' | 'meta-data']);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the build script says how to install genisoimage when it is missing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-'));
    try {
      fs.writeFileSync(path.join(dir, BUILD_SCRIPT), seedFiles({ hostname: 'a', user: 'alice', sshPublicKey: KEY })[BUILD_SCRIPT]);
      const r = spawnSync('/bin/sh', [path.join(dir, BUILD_SCRIPT)], { env: { PATH: '/nonexistent' }, encoding: 'utf8' });
      assert.strictEqual(r.status, 1);
      assert.match(r.stderr, /genisoimage is not installed: apt-get install genisoimage/);
      assert.match(seedFiles({ hostname: 'a', user: 'alice', sshPublicKey: KEY })[BUILD_SCRIPT], /cloud-localds seed\.iso user-data meta-data[\s\S]*Windows/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('cloud-init user-data checks', () => {
  it('knows user-data by name or by its first line', () => {
    assert.strictEqual(seedFileKind('/x/seedconfig/user-data', 'anything', false), 'user-data');
    assert.strictEqual(seedFileKind('C:\\seed\\meta-data', '', false), 'meta-data');
    assert.strictEqual(seedFileKind('init.yaml', '  #Cloud-Config\nusers: []\n', true), 'user-data');
    assert.strictEqual(seedFileKind('init.yaml', '#cloud-confg\n', true), 'user-data');
    assert.strictEqual(seedFileKind('init.txt', '#cloud-confg\n', false), undefined);
    assert.strictEqual(seedFileKind('compose.yaml', '# services\n', true), undefined);
    assert.strictEqual(seedFileKind('archive.yaml', '#cloud-config-archive\n', true), undefined);
  });

  it('flags a misspelled header and fixes it', () => {
    for (const header of ['# cloud-config', '#cloud_config', '#cloudconfig', '#cloud-confg', '#clod-config']) {
      const src = `${header}\nusers:\n  - default\n`;
      const [p] = checkUserData(src);
      assert.strictEqual(p.code, 'cloud-config-header', header);
      assert.strictEqual(at(src, p), header);
      assert.strictEqual(applyFix(src, p.fix!.edits), '#cloud-config\nusers:\n  - default\n');
    }
    // cloud-init compares case-insensitively after leading whitespace
    assert.deepStrictEqual(checkUserData('\n#Cloud-Config\nusers: [default]\n'), []);
  });

  it('flags a missing header, but not a shell script or another user-data format', () => {
    const src = 'users:\n  - default\n';
    const [p] = checkUserData(src);
    assert.strictEqual(p.code, 'cloud-config-header');
    assert.strictEqual(applyFix(src, p.fix!.edits), '#cloud-config\nusers:\n  - default\n');
    for (const other of ['#!/bin/bash\necho hi: there\n', '#include\nhttps://example.com/a\n', '#cloud-boothook\n#!/bin/sh\n', 'Content-Type: multipart/mixed; boundary="x"\n', '## template: jinja\n#cloud-config\n']) {
      assert.deepStrictEqual(checkUserData(other), [], other);
    }
  });

  it('reports YAML syntax errors at their line and column', () => {
    const src = '#cloud-config\nusers:\n  - name: alice\n    groups: [wheel\nruncmd:\n  - ls\n';
    const ps = checkUserData(src);
    assert.ok(ps.length >= 1);
    assert.ok(ps.every((p) => p.code === 'yaml-syntax' && p.severity === 'error'));
    assert.match(ps[0].message, /^YAML syntax error at line \d+, column \d+: /);
    const tab = '#cloud-config\nusers:\n\t- default\n';
    const [t] = checkUserData(tab);
    assert.strictEqual(t.code, 'yaml-syntax');
    assert.match(t.message, /line 3, column 1/);
  });

  it('says when cloud-init could not load the file at all: a second document, a tag safe_load refuses, an alias with no anchor (PyYAML agrees)', () => {
    const cases: [string, RegExp, string][] = [
      ['#cloud-config\nusers: [default]\n---\nruncmd: [ls]\n', /^YAML syntax error at line 3, column 1: a second YAML document starts here\. cloud-init reads user-data as one document/, 'expected a single document'],
      ['#cloud-config\nruncmd: !!python/object/apply:os.system [id]\n', /^YAML error at line 2, column 9: .*safe_load, which cannot construct the tag !!python\/object\/apply:os\.system/, 'could not determine a constructor'],
      ['#cloud-config\nwrite_files: !file x\n', /cannot construct the tag !file/, 'could not determine a constructor'],
      ['#cloud-config\nusers: *admins\n', /^YAML error at line 2, column 8: the alias \*admins has no anchor &admins before it/, 'found undefined alias'],
    ];
    for (const [src, message, python] of cases) {
      const ps = checkUserData(src);
      assert.strictEqual(ps.length, 1, `${src}: ${ps.map((p) => p.message).join('; ')}`);
      assert.match(ps[0].message, message);
      assert.strictEqual(ps[0].severity, 'error');
      const r = spawnSync('python3', ['-c', 'import sys, yaml; yaml.safe_load(sys.stdin.read())'], { input: src, encoding: 'utf8' });
      assert.notStrictEqual(r.status, 0, `PyYAML reads ${JSON.stringify(src)}`);
      assert.match(r.stderr, new RegExp(python));
    }
    // tags safe_load does read, and anchors used after they are set, are fine
    assert.deepStrictEqual(checkUserData('#cloud-config\nruncmd: !!seq [ls]\nbase: &b {name: x}\nusers:\n  - *b\n').map((p) => p.code), ['cloud-config-unknown-key']);
  });

  it('finds a key written twice in any mapping, nested and in meta-data too (trial 20: only the top level of user-data)', () => {
    const src = '#cloud-config\nusers:\n  - name: bob\n    name: bob2\nruncmd: [ls]\n';
    const [p] = checkUserData(src);
    assert.strictEqual(p.code, 'yaml-duplicate-key');
    assert.strictEqual(src.slice(p.start, p.end), 'name');
    assert.strictEqual(p.start, src.indexOf('name: bob2'));
    const meta = 'instance-id: a\ninstance-id: b\nlocal-hostname: x\n';
    assert.deepStrictEqual(checkMetaData(meta).map((m) => [m.code, m.start]), [['yaml-duplicate-key', meta.indexOf('instance-id: b')]]);
    // PyYAML keeps the last
    const r = spawnSync('python3', ['-c', 'import sys, yaml; print(yaml.safe_load(sys.stdin.read())["users"][0]["name"])'], { input: src, encoding: 'utf8' });
    assert.strictEqual(r.stdout.trim(), 'bob2');
  });

  it('reads nesting too deep for a parser, and thousands of mistakes, in our words and capped', () => {
    const deep = checkUserData('#cloud-config\nruncmd: ' + '['.repeat(20_000) + ']'.repeat(20_000) + '\n');
    assert.deepStrictEqual(deep.map((p) => p.message), ['YAML syntax error at line 2, column 498: nested more than 490 levels deep, ' +
      "more than cloud-init's YAML reader (PyYAML) can read, so none of this user-data is applied."]);
    const meta = checkMetaData('local-hostname: ' + '['.repeat(20_000));
    assert.ok(meta.length <= 21 && new Set(meta.map((p) => p.message)).size === meta.length, `${meta.length} problems, repeated`);
    const many = checkUserData('#cloud-config\n' + Array.from({ length: 20_000 }, (_, i) => `k${i}: 1`).join('\n') + '\nusres: []\n');
    assert.strictEqual(many.length, 501);
    const last = many[500];
    assert.strictEqual(last.code, 'seed-more-problems');
    assert.strictEqual(last.message, '19501 more problems from here on are not shown (the first 500 are).');
    const long = checkUserData('#cloud-config\n' + 'k'.repeat(100_000) + ': 1\n');
    assert.ok(long[0].message.length < 200, long[0].message.slice(0, 300));
    assert.strictEqual(editDistance('abcdef', 'uvwxyz'), 6);
    assert.ok(editDistance('abcdef', 'uvwxyz', 1) > 1, 'stops early, still above the bound');
    assert.strictEqual(editDistance('usres', 'users', 1), 1);
  });

  it('nesting: refused past 490 levels where PyYAML gives up, before the YAML library recurses (deep files ended the process)', function () {
    this.timeout(60000);
    const shapes: Record<string, (n: number) => string> = {
      'flow lists': (n) => 'runcmd: ' + '['.repeat(n) + ']'.repeat(n) + '\n',
      'flow maps': (n) => 'a: ' + '{a: '.repeat(n) + '1' + '}'.repeat(n) + '\n',
      '- - - on one line': (n) => 'runcmd:\n' + '- '.repeat(n) + 'a\n',
      'indented keys': (n) => Array.from({ length: n }, (_, i) => ' '.repeat(i) + 'k:').join('\n') + ' 1\n',
      'dashes then brackets': (n) => 'a:\n  - ' + '- '.repeat(n >> 1) + '['.repeat(n - (n >> 1)) + ']'.repeat(n - (n >> 1)) + '\n',
      'brackets in quotes': (n) => 'a: "' + '['.repeat(n) + '"\n',
      'brackets in a block scalar': (n) => 'runcmd:\n  - |\n    ' + '['.repeat(n) + '\n  - x\n',
      'brackets in a comment': (n) => 'a: 1 # ' + '['.repeat(n) + '\n',
    };
    const cases: [string, number, string][] = [];
    for (const [shape, make] of Object.entries(shapes)) for (const n of [50, 470, 485, 500, 700, 5000]) cases.push([shape, n, make(n)]);
    const python = 'import json, sys, yaml\nout = []\nfor t in json.load(sys.stdin):\n  try:\n    yaml.safe_load(t); out.append(False)\n  except RecursionError:\n    out.append(True)\nprint(json.dumps(out))';
    const r = spawnSync('python3', ['-c', python], { input: JSON.stringify(cases.map((c) => c[2])), maxBuffer: 1 << 28 });
    const pyTooDeep = JSON.parse(r.stdout.toString()) as boolean[];
    const differ = cases.filter(([, , text], i) => checkUserData('#cloud-config\n' + text).some((p) => /nested more than 490/.test(p.message)) !== pyTooDeep[i]);
    assert.deepStrictEqual(differ.map(([shape, n]) => `${shape} ${n}`), []);
    assert.ok(pyTooDeep.some(Boolean) && !pyTooDeep.every(Boolean), 'both outcomes reached');
    // the YAML library, reached at these depths, recursed until V8's regular expression compiler
    // aborted the process (FATAL ERROR: RegExpCompiler Allocation failed) within a few dozen files
    const script = `const { checkUserData, checkMetaData } = require(${JSON.stringify(require.resolve('../../src/core/cloudInit/userDataCheck'))});
      for (let i = 0; i < 40; i++) {
        const n = 2000 + i * 997;
        checkUserData('#cloud-config\\nruncmd: ' + '['.repeat(n) + ']'.repeat(n));
        checkMetaData('local-hostname: ' + '['.repeat(n));
        checkUserData('#cloud-config\\nruncmd:\\n' + '- '.repeat(n) + 'a');
      }`;
    const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    assert.strictEqual(child.status, 0, child.stderr.split('\n').slice(0, 5).join('\n'));
  });

  it('the sample seed (samples/seedconfig) has exactly the two mistakes its comment promises', () => {
    const dir = path.join(__dirname, '../../../samples/seedconfig');
    const problems = checkUserData(fs.readFileSync(path.join(dir, 'user-data'), 'utf8'));
    assert.deepStrictEqual(problems.map((p) => p.code), ['cloud-config-type', 'cloud-config-unknown-key']);
    assert.match(problems[1].message, /did you mean "runcmd"/);
    assert.deepStrictEqual(checkMetaData(fs.readFileSync(path.join(dir, 'meta-data'), 'utf8')), []);
  });

  it('suggests the module key for unknown top-level keys', () => {
    const src = '#cloud-config\nusres: [default]\nssh_authorized_key: []\nrun_cmd: [ls]\npackage-update: true\nrepo_upgrade: security\nnot_a_thing_at_all: 1\n';
    const ps = checkUserData(src).filter((p) => p.code === 'cloud-config-unknown-key');
    assert.deepStrictEqual(ps.map((p) => [at(src, p), p.fix?.edits[0].text]), [
      ['usres', 'users'], ['ssh_authorized_key', 'ssh_authorized_keys'], ['run_cmd', 'runcmd'], ['package-update', 'package_update'], ['not_a_thing_at_all', undefined],
    ]);
    assert.match(ps[0].message, /did you mean "users"\?.*cloud-init 26\.2/);
    // a typo is an error (its setting is lost), as in a users entry; a key like no other may be a newer module's
    assert.deepStrictEqual(ps.map((p) => p.severity), ['error', 'error', 'error', 'error', 'warning']);
    assert.strictEqual(didYouMean('write_file', CLOUD_CONFIG_KEYS), 'write_files');
    assert.strictEqual(CLOUD_INIT_VERSION, '26.2');
  });

  it('checks value types of users, ssh_authorized_keys, chpasswd, write_files and runcmd', () => {
    const src = [
      '#cloud-config',
      'users:',
      '  - default',
      '  - name: bob',
      '    ssh_authorized_keys: ssh-ed25519 AAAA bob',
      '    lock_passwd: maybe',
      '    shel: /bin/bash',
      '  - groups: wheel',
      'ssh_authorized_keys:',
      '  - ~/.ssh/id_ed25519.pub',
      'chpasswd:',
      '  expire: 0',
      '  list: |',
      '    bob',
      'write_files:',
      '  - path: /etc/app.conf',
      '    permissions: 644',
      '    encoding: utf8',
      '  - content: hello',
      'runcmd:',
      '  - echo hello: world',
      '  - [systemctl, restart, sshd]',
      '  - 42',
      '',
    ].join('\n');
    const ps = checkUserData(src);
    const found = ps.map((p) => `${p.code} ${at(src, p).split('\n')[0]}`);
    assert.deepStrictEqual(found, [
      'cloud-config-type ssh-ed25519 AAAA bob',
      'cloud-config-type maybe',
      'cloud-config-unknown-key shel',
      'cloud-config-type groups: wheel',
      'cloud-config-ssh-key ~/.ssh/id_ed25519.pub',
      'cloud-config-type 0',
      'cloud-config-type |',
      'cloud-config-type 644',
      'cloud-config-type utf8',
      'cloud-config-type content: hello',
      'cloud-config-type echo hello: world',
      'cloud-config-type 42',
    ]);
    const perm = ps.find((p) => at(src, p) === '644')!;
    assert.match(perm.message, /decimal number 644 \(mode 1204 in octal\)/);
    assert.strictEqual(perm.fix!.edits[0].text, "'0644'");
    assert.match(ps.find((p) => at(src, p).startsWith('echo'))!.message, /Quote the whole command/);
    assert.match(ps.find((p) => at(src, p).startsWith('~'))!.message, /looks like a file path/);
    assert.match(ps.find((p) => at(src, p).startsWith('groups'))!.message, /no name:/);
  });

  it('accepts the forms cloud-init documents', () => {
    const src = [
      '#cloud-config',
      'users: default',
      'chpasswd:',
      '  expire: False',
      '  list:',
      '    - root:secret123',
      'write_files:',
      '  - path: /a',
      '    content: |',
      '      hello',
      "    permissions: '0600'",
      '    defer: yes',
      'runcmd:',
      '  - ~',
      "  - 'echo a: b'",
      'bootcmd: [[echo, x]]',
      'package_upgrade: on',
      '',
    ].join('\n');
    assert.deepStrictEqual(checkUserData(src), []);
  });

  it('quotes a runcmd entry YAML read as a mapping or a number, in one fix that leaves a valid command (trial 14: no quick fix)', () => {
    const src = '#cloud-config\nruncmd:\n  - echo a: b\n  - 42\n  - echo c: d  # why\n';
    const ps = checkUserData(src).filter((p) => p.code === 'cloud-config-type');
    assert.deepStrictEqual(ps.map((p) => p.fix?.title), ["Quote it: 'echo a: b'", "Quote it: '42'", undefined], 'none where a comment follows on the line');
    const fixed = applyFix(src, ps[0].fix!.edits);
    assert.strictEqual(fixed, "#cloud-config\nruncmd:\n  - 'echo a: b'\n  - 42\n  - echo c: d  # why\n");
    assert.deepStrictEqual(checkUserData(applyFix(fixed, checkUserData(fixed).find((p) => p.fix?.title === "Quote it: '42'")!.fix!.edits))
      .filter((p) => p.code === 'cloud-config-type').length, 1, 'only the commented entry is left');
  });

  it('notes that Amazon Linux 2 does not know chpasswd.users', () => {
    const src = '#cloud-config\nchpasswd:\n  users:\n    - name: bob\n      password: x\n      type: text\n    - name: eve\n';
    const ps = checkUserData(src);
    assert.deepStrictEqual(ps.map((p) => [p.severity, p.code]), [['info', 'cloud-config-version'], ['error', 'cloud-config-type']]);
    assert.match(ps[1].message, /needs password: \(or type: RANDOM\)/);
  });

  it('warns about duplicate keys (the last one wins)', () => {
    const src = '#cloud-config\nruncmd: [a]\nruncmd: [b]\n';
    const [p] = checkUserData(src);
    assert.strictEqual(p.code, 'yaml-duplicate-key');
    assert.strictEqual(src.slice(0, p.start).split('\n').length, 3);
  });

  it('hints when meta-data has no local-hostname, and suggests the right key', () => {
    const [hint] = checkMetaData('instance-id: iid-1\n');
    assert.strictEqual(hint.code, 'meta-data-no-hostname');
    assert.strictEqual(hint.severity, 'hint');
    assert.strictEqual(applyFix('instance-id: iid-1\n', hint.fix!.edits), 'instance-id: iid-1\nlocal-hostname: al2-vm\n');
    const near = checkMetaData('local_hostname: vm1\n');
    assert.deepStrictEqual(near.map((p) => [p.code, p.fix?.edits[0].text]), [['meta-data-unknown-key', 'local-hostname']]);
    assert.deepStrictEqual(checkMetaData('local-hostname: vm1\nnetwork-interfaces: |\n  auto eth0\n'), []);
    assert.strictEqual(checkMetaData('local-hostname: [\n')[0].code, 'yaml-syntax');
  });

  it('the snippets expand to seed files our checks accept', () => {
    const snippets = JSON.parse(fs.readFileSync(path.join(root, 'snippets', 'cloud-init.json'), 'utf8')) as Record<string, { prefix: string[]; body: string[]; description: string }>;
    assert.deepStrictEqual(Object.values(snippets).map((s) => s.prefix[0]), ['cloud-config-user-data', 'cloud-config-chpasswd', 'cloud-init-meta-data']);
    const [userData, chpasswd, meta] = Object.values(snippets).map((s) => expand(s.body) + '\n');
    assert.deepStrictEqual(checkUserData(userData), []);
    assert.deepStrictEqual(checkUserData(`#cloud-config\n${chpasswd}`), []);
    assert.deepStrictEqual(checkMetaData(meta), []);
  });
});

describe('cloud-init: an unclosed flow collection', () => {
  it('is marked where it opens and where the reader gave up, as PyYAML names both (trial 26: only the next line)', () => {
    const src = '#cloud-config\npackages: [git, htop\nruncmd:\n  - ls\n';
    const ps = checkUserData(src).filter((p) => p.code === 'yaml-syntax');
    assert.deepStrictEqual(ps.map((p) => [src.slice(p.start, p.start + 1), p.message]), [
      ['r', 'YAML syntax error at line 3, column 1: Flow sequence in block collection must be sufficiently indented and end with a ] (the [ at line 2, column 11 is not closed)'],
      ['[', 'YAML syntax error at line 2, column 11: this [ is not closed: ] expected before line 3'],
    ]);
    // PyYAML (cloud-init's reader) names the same two places
    const py = spawnSync('python3', ['-c', 'import sys, yaml\ntry:\n    yaml.safe_load(sys.stdin.read())\nexcept yaml.YAMLError as e:\n    print(e.context_mark.line + 1, e.context_mark.column + 1, e.problem_mark.line + 1)'], { input: src, encoding: 'utf8' });
    assert.strictEqual(py.stdout.trim(), '2 11 3');
    const map = '#cloud-config\nx: {a: [1], b: 2\ny: 1\n';
    assert.match(checkUserData(map)[0].message, /\(the \{ at line 2, column 4 is not closed\)$/);
  });
});

describe('cloud-config key completion', () => {
  /** The keys offered at ‸ (and the word they replace). */
  const at = (marked: string) => {
    const offset = marked.indexOf('‸');
    const text = marked.replace('‸', '');
    const found = cloudConfigKeysAt(text, offset);
    return found && { where: found.where, keys: found.keys.filter((k) => !found.present.includes(k)), word: text.slice(found.start, found.end) };
  };

  it('offers the module keys at the top level, not those already there, replacing the word typed', () => {
    const top = at('#cloud-config\nusers: []\nss‸h\n');
    assert.strictEqual(top?.where, 'cloud-config module');
    assert.ok(top.keys.includes('ssh_pwauth') && top.keys.includes('repo_upgrade'), 'upstream and Amazon Linux keys');
    assert.ok(!top.keys.includes('users'), 'users is there already');
    assert.strictEqual(top.word, 'ssh');
  });

  it("offers an entry's keys in users and write_files entries, and chpasswd's own", () => {
    const user = at('#cloud-config\nusers:\n  - name: ec2-user\n    ‸\n');
    assert.strictEqual(user?.where, 'users entry');
    assert.ok(user.keys.includes('ssh_authorized_keys') && !user.keys.includes('name'));
    assert.strictEqual(at('#cloud-config\nusers:\n  - default\n  - na‸\n')?.where, 'users entry');
    assert.strictEqual(at('#cloud-config\nwrite_files:\n  - path: /etc/x\n    perm‸\n')?.where, 'write_files entry');
    assert.deepStrictEqual(at('#cloud-config\nchpasswd:\n  expire: false\n  ‸\n')?.keys, ['users', 'list']);
  });

  it('offers nothing in values, comments, list items of commands, or deeper mappings', () => {
    for (const marked of ['#cloud-config\nruncmd: ‸\n', '#cloud-config\n# a comm‸\n', '#cloud-config\nruncmd:\n  - ech‸\n',
      '#cloud-config\nusers:\n  - name: a\n    groups:\n      wh‸\n', '#cloud-config\nsystem_info:\n  de‸\n']) {
      assert.strictEqual(at(marked), undefined, marked);
    }
  });
});
