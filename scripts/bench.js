#!/usr/bin/env node
// npm run bench: speed of our engine against JSON.parse + jmespath.js (the npm library) +
// JSON.stringify on generated describe-instances documents (10 MB and 100 MB; one-shots in fresh
// processes for each side), plus the editor's
// path (the query worker): first query after reading, and re-query on an already-read document.
// Prints ratios side by side in one run; numbers are medians of several runs.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn, spawnSync } = require('child_process');
const { Worker } = require('worker_threads');
const jmespathJs = require('jmespath');
const root = path.resolve(__dirname, '..');
const engine = require(path.join(root, 'dist', 'engine.js'));

const QUERIES = [
  'Reservations[].Instances[].InstanceId',
  "Reservations[].Instances[?State.Name=='running'].[InstanceId, Tags[?Key=='Name'].Value | [0]]",
  'sort_by(Reservations[].Instances[], &LaunchTime)[-5:].InstanceId',
  'length(Reservations[].Instances[])',
];
const SIZES_MB = (process.env.BENCH_SIZES || '10,100').split(',').map(Number).filter((mb) => mb > 0); // BENCH_SIZES=0: none

function generate(targetBytes) {
  const template = JSON.parse(fs.readFileSync(path.join(root, 'samples', 'describe-instances.json'), 'utf8')).Reservations[0].Instances[0];
  const states = [['running', 16], ['stopped', 80], ['pending', 0], ['terminated', 48]];
  const parts = [];
  let size = 0;
  let n = 0;
  let r = 0;
  while (size < targetBytes) {
    const instances = [];
    for (let i = 0; i < 4; i++, n++) {
      const [name, code] = states[n % 4];
      const launch = new Date(Date.UTC(2016, 0, 1) + ((n * 7919) % 300000000) * 1000).toISOString().replace(/\.\d+Z$/, '.000Z');
      instances.push({
        ...template,
        InstanceId: `i-${(n * 2654435761 % 0xfffffffffff).toString(16).padStart(17, '0')}`,
        LaunchTime: launch,
        State: { Code: code, Name: name },
        Tags: [{ Key: 'Name', Value: `web-${n}` }, { Key: 'env', Value: n % 3 ? 'prod' : 'dev' }, { Key: 'aws:cloudformation:stack-name', Value: `stack-${n % 17}` }],
      });
    }
    const chunk = JSON.stringify({ Groups: [], Instances: instances, OwnerId: '123456789012', ReservationId: `r-${(r++).toString(16).padStart(17, '0')}` }, null, 4);
    parts.push(chunk);
    size += chunk.length;
  }
  return { text: `{\n    "Reservations": [\n${parts.join(',\n')}\n    ]\n}\n`, instances: n };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Times the functions alternately (so machine noise hits both alike), collecting garbage first. */
function timeAll(fns, runs) {
  const ts = fns.map(() => []);
  for (let i = 0; i < runs; i++) {
    fns.forEach((fn, k) => {
      if (global.gc) global.gc();
      const t0 = process.hrtime.bigint();
      fn();
      ts[k].push(Number(process.hrtime.bigint() - t0) / 1e6);
    });
  }
  return ts.map(median);
}

/** The peer's first query, cold, in a fresh worker: the same conditions as the extension's first read. */
function peerInFreshWorker(file, query) {
  const code = `const { parentPort, workerData } = require('worker_threads');
    const fs = require('fs'); const jmespath = require(workerData.lib);
    const t0 = process.hrtime.bigint();
    const out = JSON.stringify(jmespath.search(JSON.parse(fs.readFileSync(workerData.file, 'utf8')), workerData.query), null, 4);
    parentPort.postMessage({ ms: Number(process.hrtime.bigint() - t0) / 1e6, chars: out.length });`;
  return new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true, workerData: { file, query, lib: require.resolve('jmespath') } });
    w.once('message', (m) => { resolve(m.ms); void w.terminate(); });
    w.once('error', reject);
  });
}

function workerClient() {
  const worker = new Worker(path.join(root, 'dist', 'queryWorker.js'));
  let id = 0;
  const pending = new Map();
  worker.on('message', (m) => { const p = pending.get(m.id); pending.delete(m.id); if (m.type === 'ok') p.resolve(m.answer); else p.reject(new Error(m.error.message)); });
  const request = (msg) => new Promise((resolve, reject) => { const i = ++id; pending.set(i, { resolve, reject }); worker.postMessage({ ...msg, id: i }); });
  return { request, close: () => worker.terminate() };
}

/** Loads a src/ module for the bench by bundling it in memory (the extension bundles it the same way). */
function loadSource(entry) {
  const { outputFiles } = require('esbuild').buildSync({ entryPoints: [path.join(root, entry)], bundle: true, write: false, platform: 'node', format: 'cjs', minify: true });
  const m = new (require('module'))(entry);
  m._compile(outputFiles[0].text, path.join(root, entry));
  return m.exports;
}

/** Checking a 2,000-line script against the AWS models (the editor does this as you type). */
function benchScriptCheck() {
  const { checkScript } = loadSource('src/core/aws/scriptCheck.ts');
  const models = new Map();
  const lookup = (s) => {
    if (!models.has(s)) { const f = path.join(root, 'data', 'aws', `${s}.json`); models.set(s, fs.existsSync(f) ? JSON.parse(fs.readFileSync(f, 'utf8')) : undefined); }
    return models.get(s);
  };
  const lines = [
    "aws ec2 describe-instances --query \"Reservations[].Instances[?State.Name=='running'].[InstanceId, Tags[?Key=='Name'].Value | [0]]\" --output table",
    "aws ec2 run-instances --image-id ami-1e749f67 --count 1 \\\n  --query 'Instances[0].InstanceID' --output text",
    "aws ec2 describe-volumes --query \"Volumes[?CreateTime<'2017-01-01'].VolumeId\"",
    'echo "done: $i"',
    "aws dynamodb get-item --table-name Music --key file://key.json --query 'Item.Artist.S'",
  ];
  const script = Array.from({ length: 2000 }, (_, i) => lines[i % lines.length]).join('\n');
  const tModels = process.hrtime.bigint();
  checkScript(script, 'bash', lookup); // first run reads the models
  const firstMs = Number(process.hrtime.bigint() - tModels) / 1e6;
  const [ms] = timeAll([() => checkScript(script, 'bash', lookup)], 15);
  console.log(`script check: 2,000-line bash script ${ms.toFixed(1)} ms (bar 100 ms); first check incl. reading the EC2/DynamoDB models ${firstMs.toFixed(0)} ms`);
}

/** Completion, hover and lints on a document read once (the editor keeps the parse per version). */
function benchLanguage(text) {
  const { complete, hover, diagnose } = loadSource('src/core/jmespath/analysis/index.ts');
  const root = engine.JsonDocument.parse(text).value;
  const data = { kind: 'json', root };
  const cases = [
    ['after Reservations[].Instances[].', 'Reservations[].Instances[].', (q) => complete(q, q.length, data)],
    ["in a filter, after ==", "Reservations[].Instances[?State.Name == ", (q) => complete(q, q.length, data)],
    ['after & in sort_by', 'sort_by(Reservations[].Instances[], &', (q) => complete(q, q.length, data)],
    ['hover on Instances', 'Reservations[].Instances[].InstanceId', (q) => hover(q, 16, data)],
    ['lints', "Reservations[].Instances[?State.Name=='running'].InstanceID", (q) => diagnose(q, data)],
  ];
  for (const [what, q, run] of cases) {
    run(q); // compile the code once, as an editor session would have
    const [ms] = timeAll([() => run(q)], 9);
    console.log(`language: ${what.padEnd(36)} ${fmt(ms)} ms${what.startsWith('after') || what.startsWith('in a') ? ' (bar 50 ms)' : ''}`);
  }
}

/** Printing a 10 MB result in each --output format, against printing it as JSON (bar: text and table at most 2x). */
function benchOutputFormats(text) {
  const doc = engine.JsonDocument.parse(text);
  const results = [
    ['Reservations[].Instances[] (objects, nested)', doc.search('Reservations[].Instances[]')],
    ['...[].[InstanceId, InstanceType, State.Name, LaunchTime] (rows)', doc.search('Reservations[].Instances[].[InstanceId, InstanceType, State.Name, LaunchTime, PrivateIpAddress]')],
  ];
  const ratios = []; // [text, table] of each result: the first is the 10 MB result the bar is about
  let firstRatios; // the same for each format's first printing, before V8 has optimized its code
  for (const [label, value] of results) {
    const print = (output) => () => engine.formatOutput(value, { output, title: 'DescribeInstances' });
    const formats = ['json', 'text', 'table', 'yaml'];
    const first = timeAll(formats.map(print), 1); // (the worker prints result after result: the first is the exception)
    const times = timeAll(formats.map(print), 9);
    const sizes = formats.map((f) => print(f)().length);
    console.log(`output formats, ${label}: ` + formats.map((f, i) => `${f} ${times[i].toFixed(0)} ms (${(sizes[i] / 1e6).toFixed(1)} M chars; first ${first[i].toFixed(0)} ms)`).join(', '));
    ratios.push(times[1] / times[0], times[2] / times[0]);
    firstRatios ??= [first[1] / first[0], first[2] / first[0]];
  }
  console.log(`bar (10 MB result): text ${ratios[0].toFixed(2)}x, table ${ratios[1].toFixed(2)}x JSON printing (bar 2x; medians of 9 after a first ` +
    `printing each, which took text ${firstRatios[0].toFixed(2)}x, table ${firstRatios[1].toFixed(2)}x); on the small rows result (0.3 M chars): ` +
    `text ${ratios[2].toFixed(2)}x, table ${ratios[3].toFixed(2)}x`);
}

const fmt = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1)).padStart(8);

/**
 * One-shot (read the text, query, print) medians for jmespath.js and ours, each in fresh
 * processes of its own, alternately: in one process, whichever runs second pays for the heap the
 * first grew and the garbage it left (at 10 MB that swings a run by 2x either way). Both sides
 * spend nearly all their time in the same JSON.parse, so the ratio is close to 1 and the machine's
 * noise (10-15% between processes here) would decide it: seven rounds at 10 MB, three at 100 MB.
 */
async function oneShotInFreshProcesses(file, query, runs, rounds) {
  const medians = { peer: [], ours: [] };
  for (let round = 0; round < rounds; round++) {
    for (const who of ['peer', 'ours']) {
      const r = spawnSync(process.execPath, ['--expose-gc', __filename, '--one-shot', who, file, query, String(runs)], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`one-shot ${who} failed: ${r.stderr}`);
      medians[who].push(Number(r.stdout));
    }
  }
  return [median(medians.peer), median(medians.ours)];
}

/** In a fresh process: one warm-up, then the median of `runs` timed one-shots (text already in memory). */
function oneShotChild(who, file, query, runs) {
  const text = fs.readFileSync(file, 'utf8');
  const run = who === 'ours' ? () => engine.search(query, text) : () => JSON.stringify(jmespathJs.search(JSON.parse(text), query), null, 4);
  run();
  const [ms] = timeAll([run], Number(runs));
  process.stdout.write(String(ms));
}

/** One describe-instances size, in this process: the editor's path (query worker), then one-shot and re-query against jmespath.js. */
async function benchInProcess(mb, rows) {
  const { text, instances } = generate(mb * 1024 * 1024);
  const runs = mb >= 100 ? 3 : 11;
  const file = path.join(os.tmpdir(), `bench-describe-instances-${mb}mb.json`);
  fs.writeFileSync(file, text);
  console.log(`== ${mb} MB describe-instances (${(text.length / 1e6).toFixed(1)} M chars, ${instances} instances)`);
  if (global.gc) global.gc();
  // the editor's path first, before this thread fills up with the peers' garbage:
  // the worker reads the file from disk, then answers queries
  const client = workerClient();
  const tStart = process.hrtime.bigint();
  await client.request({ type: 'load', key: 'warm-up', text: '{}' }); // the extension keeps its worker running
  const startMs = Number(process.hrtime.bigint() - tStart) / 1e6;
  const tOpen = process.hrtime.bigint();
  const loaded = await client.request({ type: 'load', key: 'bench', path: file });
  const first = await client.request({ type: 'query', key: 'bench', expression: QUERIES[0], withSources: false, maxChars: 2e6, maxRanges: 0 });
  const openMs = Number(process.hrtime.bigint() - tOpen) / 1e6;
  // an open editor up to 16 M characters: read and queried on the extension host (QueryService)
  const [parseAndEval, parseOnly, openDoc] = timeAll([
    () => jmespathJs.search(JSON.parse(fs.readFileSync(file, 'utf8')), QUERIES[0]),
    () => jmespathJs.search(JSON.parse(text), QUERIES[0]),
    () => engine.JsonDocument.parse(text).searchText(QUERIES[0]),
  ], runs);
  const peerCold = await peerInFreshWorker(file, QUERIES[0]);
  const requeries = [];
  for (const q of QUERIES) {
    const ts = [];
    for (let i = 0; i < runs; i++) {
      const t0 = process.hrtime.bigint();
      await client.request({ type: 'query', key: 'bench', expression: q, withSources: false, maxChars: 2e6, maxRanges: 0 });
      ts.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    requeries.push(median(ts));
  }
  await client.close();
  console.log(`editor path (query worker, started once in ${startMs.toFixed(0)} ms): read file + first query ${openMs.toFixed(0)} ms ` +
    `(in the worker: read ${loaded.ms.toFixed(0)} ms, query ${first.ms.toFixed(0)} ms; ${first.count} values)`);
  console.log(`  vs read + JSON.parse + jmespath.js in a fresh worker too: ${peerCold.toFixed(0)} ms = ${(openMs / peerCold).toFixed(2)}x; warm, on this thread: ${parseAndEval.toFixed(0)} ms = ${(openMs / parseAndEval).toFixed(2)}x`);
  if (text.length <= 16e6) console.log(`open document (read on the extension host) + first query ${openDoc.toFixed(0)} ms = ${(openDoc / parseOnly).toFixed(2)}x JSON.parse + jmespath.js (${parseOnly.toFixed(0)} ms)`);
  console.log(`editor path re-query round trips, ms: ${requeries.map((x) => x.toFixed(1)).join(', ')}\n`);
  console.log('query'.padEnd(70) + 'peer ms  ours ms    ratio  re-query ms (ours / jmespath.js on parsed)');
  const doc = engine.JsonDocument.parse(text);
  const parsed = JSON.parse(text);
  for (const q of QUERIES) {
    const [peer, ours] = await oneShotInFreshProcesses(file, q, runs, mb >= 100 ? 3 : 7);
    const [requery, peerRequery] = timeAll([
      () => doc.searchText(q).text,
      () => JSON.stringify(jmespathJs.search(parsed, q), null, 4),
    ], runs * 5);
    rows.push({ mb, q, ratio: ours / peer, requery, peerRequery });
    console.log(`${q.slice(0, 68).padEnd(70)}${fmt(peer)}${fmt(ours)}${(ours / peer).toFixed(2).padStart(8)}x ${fmt(requery)} / ${fmt(peerRequery)}`);
  }
  if (mb === 10) {
    benchOutputFormats(text);
    benchLanguage(text);
  }
  fs.rmSync(file, { force: true });
}

function print10MbBar(rows) {
  const ten = rows.filter((r) => r.mb === 10);
  if (!ten.length) return;
  const worst = Math.max(...ten.map((r) => r.ratio));
  const over = ten.filter((r) => r.ratio > 1).map((r) => `${r.q.slice(0, 40)}${r.q.length > 40 ? '...' : ''} ${r.ratio.toFixed(2)}x`);
  const slowerRequery = ten.filter((r) => r.requery > r.peerRequery).length;
  console.log(`bar (10 MB): one-shot worst ratio ${worst.toFixed(2)}x (bar 1.00x: issue 14)${over.length ? `; above 1.00x: ${over.join('; ')}` : ''}; ` +
    `re-query slower than jmespath.js on ${slowerRequery} of ${ten.length} queries (bar 0)`);
}

// ---- The 100 MB cases as separate processes: our CLI against python jmespath (what `aws --query`
// runs) and jq, each timed from spawn to exit, with its peak memory. ----

const BIG = process.env.BENCH_BIG !== '0';
const BIG_MB = Number(process.env.BENCH_BIG_MB || 100); // a smaller size is for trying the bench out
const BIG_RUNS = Number(process.env.BENCH_BIG_RUNS || 3);
const GNU_TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

// What `aws ... --query` does with a parsed response: jmespath.search, then awscli's JSONFormatter
// (json.dump(indent=4, ensure_ascii=False) + newline; dumps is the faster of the two).
const PYTHON_JMESPATH = [
  'import json, sys, jmespath',
  "with open(sys.argv[2], encoding='utf-8') as f: data = json.load(f)",
  'result = jmespath.search(sys.argv[1], data)',
  "sys.stdout.buffer.write((json.dumps(result, indent=4, ensure_ascii=False) + '\\n').encode('utf-8'))",
].join('\n');

const ITEM_CASES = [
  ['Items[-1]', '.Items[-1]'],
  ['length(Items)', '.Items | length'],
  ['Items[?qty > `990`].sku', '[.Items[] | select(.qty > 990) | .sku]'],
  ['Items[?id > `9007199254740992`].sku', '[.Items[] | select(.id > 9007199254740992) | .sku]'], // exact: 2^53 + 1 > 2^53
  ['max_by(Items, &price).id', '.Items | max_by(.price) | .id'],
  ['@', '.'],
];
const INSTANCE_CASES = [
  [QUERIES[0], '[.Reservations[].Instances[].InstanceId]'],
  [QUERIES[1], '[.Reservations[] | [.Instances[] | select(.State.Name == "running") | [.InstanceId, ([.Tags[] | select(.Key == "Name") | .Value][0])]]]'],
  [QUERIES[2], '[.Reservations[].Instances[]] | sort_by(.LaunchTime) | .[-5:] | map(.InstanceId)'],
  [QUERIES[3], '[.Reservations[].Instances[]] | length'],
];

// Numbers python prints its own way (1e-07, 1e+16, -0.0, 100.0), on the items with big ids.
const EDGE_NUMBERS = '[-0.0, 1e-07, 1.5e300, 1e16, 123456789012345678.0, 1E2, 5e-324, 100000000000000000000, 12345678901234567890123]';

/**
 * Writes {"Items": [...]} with `count` items of integers and floats, one item a line: prices with
 * trailing zeros (12.30), a quarter of the weights integral floats (2.0, which must print as 2.0),
 * ten ids beyond 2^53 (odd, so a double cannot hold them; the first is 2^53 + 1, the last item has
 * one) with a list of edge-case numbers, a few non-ASCII notes, and one unique highest price.
 */
function writeItemsDocument(file, count) {
  const step = Math.max(1, Math.floor(count / 10));
  const maxPriceAt = Math.floor(count * 0.777);
  const fd = fs.openSync(file, 'w');
  let bytes = 0;
  const write = (s) => { bytes += fs.writeSync(fd, s); };
  write('{\n    "Items": [\n');
  let lines = [];
  for (let n = 0; n < count; n++) {
    const big = n % step === step - 1;
    const id = big ? (2n ** 53n + 1n + 2n * BigInt(n - step + 1)).toString() : String(n); // the first is 2^53 + 1
    const cents = n === maxPriceAt ? 100050 : ((n * 7919) % 99999) + 1;
    const weight = (n % 40) / 4;
    const note = n % step === 0 ? ', "note": "naïve café ✓ 東京"' : big ? `, "extra": ${EDGE_NUMBERS}` : '';
    lines.push(`        {"id": ${id}, "sku": "SKU-${String(n).padStart(8, '0')}", "price": ${(cents / 100).toFixed(2)}, ` +
      `"weight": ${Number.isInteger(weight) ? weight.toFixed(1) : weight}, "qty": ${(n * 31) % 1000}, "ok": ${n % 3 !== 0}${note}}`);
    if (lines.length === 10000 || n === count - 1) {
      write(lines.join(',\n') + (n === count - 1 ? '\n' : ',\n'));
      lines = [];
    }
  }
  write('    ]\n}\n');
  fs.closeSync(fd);
  return bytes;
}

function vmHwmKb(pid) {
  try {
    const m = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0; // exited between polls
  }
}

/**
 * Runs argv to its end with stdout to `outFile` (or /dev/null): wall time from spawn to exit, and
 * peak RSS (GNU time's %M; without it, VmHWM polled every 20 ms, which can miss a last spike).
 */
function runMeasured(argv, outFile) {
  return new Promise((resolve) => {
    const out = fs.openSync(outFile ?? '/dev/null', 'w');
    const rssFile = path.join(os.tmpdir(), `bench-rss-${process.pid}.txt`);
    const [cmd, ...args] = GNU_TIME ? [GNU_TIME, '-f', '%M %U %S', '-o', rssFile, ...argv] : argv;
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, args, { stdio: ['ignore', out, 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => { if (stderr.length < 4000) stderr += d; });
    let polledKb = 0;
    const poll = GNU_TIME ? undefined : setInterval(() => { polledKb = Math.max(polledKb, vmHwmKb(child.pid)); }, 20);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (poll) clearInterval(poll);
      fs.closeSync(out);
      let peakKb = polledKb;
      let cpuS;
      if (GNU_TIME) {
        const lines = fs.readFileSync(rssFile, 'utf8').trim().split('\n'); // "Command exited with non-zero status" comes first
        const [kb, user, sys] = lines[lines.length - 1].split(' ').map(Number);
        peakKb = kb;
        cpuS = user + sys;
        fs.rmSync(rssFile, { force: true });
      }
      resolve({ ms, cpuS, peakMb: peakKb / 1024, code, stderr: stderr.trim() });
    });
  });
}

/** A short view of two outputs where they first differ: byte offset, line, and both sides' text there. */
function firstDifference(a, b) {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  let line = 1;
  for (let k = a.indexOf(10); k !== -1 && k < i; k = a.indexOf(10, k + 1)) line++;
  const around = (buf) => JSON.stringify(buf.subarray(Math.max(0, i - 30), i + 30).toString('utf8'));
  return `first difference at byte ${i} (line ${line}): ${around(a)} vs ${around(b)}`;
}

function sameValues(a, b) {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && sameValues(a[k], b[k]));
}

/** Ours must print exactly what python prints; jq prints numbers its own way, so it is compared as values. */
function compareOutputs(files, tools) {
  const read = (name) => (tools.includes(name) ? fs.readFileSync(files[name]) : undefined);
  const ours = read('ours');
  const python = read('python');
  const jq = read('jq');
  const check = { oursOk: ours.equals(python), ours: '', jq: '', bytes: python.length };
  check.ours = check.oursOk ? 'ours identical to python\'s' : `MISMATCH: ours differs from python's output, ${firstDifference(ours, python)}`;
  if (!jq) {
    check.jq = 'jq not run';
  } else if (jq.equals(python)) {
    check.jq = 'jq: same text';
  } else if (jq.length > 300e6 || python.length > 300e6) {
    check.jq = `jq: text differs (not compared as values: too large), ${firstDifference(jq, python)}`;
  } else {
    let same = false;
    try { same = sameValues(JSON.parse(jq.toString('utf8')), JSON.parse(python.toString('utf8'))); } catch { /* not JSON */ }
    check.jq = same ? `jq: same values read as doubles (text differs: jq 1.6 prints 2.0 as 2, rounds integers beyond 2^53; ${firstDifference(jq, python)})`
      : `jq: different values from python's (jq 1.6 reads numbers as doubles), ${firstDifference(jq, python)}`;
  }
  return check;
}

/** One case: ours, python and jq alternately, `runs` times; the first run of each writes its output to a file for the comparison. */
async function benchProcessCase(file, fileMb, expression, jqProgram, tools) {
  const cli = path.join(root, 'dist', 'cli.js');
  const argv = {
    ours: [process.execPath, cli, expression, file],
    python: ['python3', '-c', PYTHON_JMESPATH, expression, file],
    jq: ['jq', '--indent', '4', jqProgram, file],
  };
  const files = {};
  const runs = {};
  const failures = [];
  for (const t of tools) { files[t] = path.join(os.tmpdir(), `bench-out-${process.pid}-${t}.json`); runs[t] = []; }
  for (let i = 0; i < BIG_RUNS; i++) {
    for (const t of tools) {
      const r = await runMeasured(argv[t], i === 0 ? files[t] : undefined);
      runs[t].push(r);
      if (r.code !== 0) failures.push(`${t} (run ${i + 1}) exited with ${r.code}: ${r.stderr.split('\n').slice(-3).join(' / ')}`);
    }
  }
  const result = { expression, jqProgram, fileMb, failures };
  for (const t of tools) {
    result[t] = { s: median(runs[t].map((r) => r.ms)) / 1000, cpuS: median(runs[t].map((r) => r.cpuS)), peakMb: Math.max(...runs[t].map((r) => r.peakMb)) };
  }
  result.check = failures.length ? { oursOk: false, ours: 'not compared: a run failed', jq: '' } : compareOutputs(files, tools);
  if (!failures.length && result.check.bytes < 1e6) result.pythonText = fs.readFileSync(files.python, 'utf8');
  for (const t of tools) fs.rmSync(files[t], { force: true });
  return result;
}

/** "2.10x faster than python" or "1.30x slower than python", with the ratio python/ours itself. */
function versusPython(ratio) {
  return `${ratio >= 1 ? `${ratio.toFixed(2)}x faster` : `${(1 / ratio).toFixed(2)}x slower`} than python (python/ours ${ratio.toFixed(2)}, bar 3)`;
}

/** On a busy machine wall times wander; cpu time (user + sys) is the steadier view of the same work. */
function cpuRatios(r, tools) {
  if (r.ours.cpuS === undefined) return '';
  return `; in cpu time python/ours ${cpuRatio(r.python, r.ours)}${tools.includes('jq') ? `, ours/jq ${cpuRatio(r.ours, r.jq)}` : ''}`;
}

const cpuRatio = (a, b) => (b.cpuS > 0 ? (a.cpuS / b.cpuS).toFixed(2) : 'n/a'); // GNU time counts in 10 ms

function printProcessCase(r, tools) {
  const seconds = (t) => `${t} ${r[t].s.toFixed(2)} s${r[t].cpuS === undefined ? '' : ` (cpu ${r[t].cpuS.toFixed(1)})`}`;
  console.log(`${r.expression}${tools.includes('jq') ? `   (jq: ${r.jqProgram})` : ''}`);
  console.log(`  time    ${tools.map(seconds).join(', ')}: ${versusPython(r.python.s / r.ours.s)}` +
    `${tools.includes('jq') ? `, ours/jq ${(r.ours.s / r.jq.s).toFixed(2)} (bar < 1)` : ''}${cpuRatios(r, tools)}`);
  console.log('  memory  ' + tools.map((t) => `${t} ${r[t].peakMb.toFixed(0)} MB = ${(r[t].peakMb / r.fileMb).toFixed(1)}x`).join(', ') + ' the file (bar 3x for ours)');
  for (const f of r.failures) console.log(`  !!! FAILED: ${f}`);
  const size = r.check.bytes === undefined ? '' : r.check.bytes < 1e6 ? `${r.check.bytes} bytes; ` : `${(r.check.bytes / 1e6).toFixed(1)} MB; `;
  console.log(`  output  ${size}${r.check.oursOk ? '' : '!!! '}${r.check.ours}${r.check.jq ? `; ${r.check.jq}` : ''}`);
}

/** The editor's first query on a big file, as a process of its own (its peak RSS is the worker's cost to the extension host). */
async function editorPathChild(file, expression) {
  const client = workerClient();
  await client.request({ type: 'load', key: 'warm-up', text: '{}' }); // the extension keeps its worker running
  const t0 = process.hrtime.bigint();
  const loaded = await client.request({ type: 'load', key: 'bench', path: file });
  const answer = await client.request({ type: 'query', key: 'bench', expression, withSources: false, maxChars: 2e6, maxRanges: 0 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  await client.close();
  process.stdout.write(JSON.stringify({ ms, loadMs: loaded.ms, queryMs: answer.ms, text: answer.text }));
}

async function benchEditorPath(file, fileMb, expression, python) {
  const out = path.join(os.tmpdir(), `bench-editor-${process.pid}.json`);
  const runs = [];
  for (let i = 0; i < BIG_RUNS; i++) {
    const r = await runMeasured([process.execPath, __filename, '--editor-path', file, expression], out);
    if (r.code !== 0) { console.log(`editor path: !!! FAILED (exit ${r.code}): ${r.stderr}`); fs.rmSync(out, { force: true }); return undefined; }
    runs.push({ ...JSON.parse(fs.readFileSync(out, 'utf8')), peakMb: r.peakMb });
  }
  fs.rmSync(out, { force: true });
  const ms = median(runs.map((r) => r.ms));
  const mid = runs.find((r) => r.ms === ms);
  const printed = mid.text.endsWith('\n') ? mid.text : `${mid.text}\n`;
  const agrees = python.pythonText === undefined ? 'not compared' : python.pythonText === printed ? 'same answer as python' : `!!! MISMATCH: ${JSON.stringify(mid.text.slice(0, 60))} vs python's ${JSON.stringify(python.pythonText.slice(0, 60))}`;
  const peakMb = Math.max(...runs.map((r) => r.peakMb));
  const ratio = python.python.s / (ms / 1000);
  console.log(`editor path (query worker, already running): read file + ${expression} ${(ms / 1000).toFixed(2)} s (read ${(mid.loadMs / 1000).toFixed(2)} s, query ${mid.queryMs.toFixed(0)} ms); ` +
    `python process ${python.python.s.toFixed(2)} s: ${versusPython(ratio)}; peak RSS of a process holding the worker ${peakMb.toFixed(0)} MB = ${(peakMb / fileMb).toFixed(1)}x the file; ${agrees}`);
  return { expression, ratio, peakMb, fileMb, ok: !agrees.startsWith('!!!') };
}

const loadAverage = () => os.loadavg().map((x) => x.toFixed(1)).join(' ');

function versionOf(argv) {
  const r = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8' });
  return r.status === 0 ? (r.stdout || r.stderr).trim() : undefined;
}

async function benchBigFiles() {
  const jqVersion = versionOf(['jq', '--version']);
  const pyVersion = versionOf(['python3', '-c', 'import sys, jmespath; print("python %s, jmespath %s" % (sys.version.split()[0], jmespath.__version__))']);
  if (!pyVersion) { console.log('\n== big files: skipped, python3 with jmespath is not installed'); return; }
  const tools = jqVersion ? ['ours', 'python', 'jq'] : ['ours', 'python'];
  console.log(`\n== ${BIG_MB} MB cases, each a process from spawn to exit, median of ${BIG_RUNS}: node dist/cli.js EXPR FILE vs ${pyVersion} ` +
    `(json.load + jmespath.search + json.dumps(indent=4, ensure_ascii=False), as aws --query prints) vs ${jqVersion ? `${jqVersion} --indent 4` : 'jq (not installed: skipped)'}; ` +
    `stdout to /dev/null (first run to a file, to compare outputs); peak RSS by ${GNU_TIME ? 'GNU time (%M), cpu = user + sys' : 'polling /proc/PID/status VmHWM (GNU time not installed)'}; ` +
    `load average ${loadAverage()} (other work on the machine slows every tool alike only roughly)`);
  const results = [];
  let editor;
  const items = path.join(os.tmpdir(), `bench-items-${process.pid}.json`);
  const count = Math.round(BIG_MB * 10000);
  try {
    const bytes = writeItemsDocument(items, count);
    const fileMb = bytes / 1024 / 1024;
    console.log(`-- items: ${fileMb.toFixed(1)} MB, ${count.toLocaleString('en-US')} items (integers, floats such as 12.30 and 2.0, ten integers beyond 2^53, edge-case numbers)`);
    for (const [expression, jq] of ITEM_CASES) {
      const r = await benchProcessCase(items, fileMb, expression, jq, tools);
      printProcessCase(r, tools);
      results.push(r);
    }
    const lengthCase = results.find((r) => r.expression === 'length(Items)');
    editor = await benchEditorPath(items, fileMb, 'length(Items)', lengthCase);
  } finally {
    fs.rmSync(items, { force: true });
  }
  const instances = path.join(os.tmpdir(), `bench-instances-${process.pid}.json`);
  try {
    const { text, instances: n } = generate(BIG_MB * 1024 * 1024);
    fs.writeFileSync(instances, text);
    const fileMb = Buffer.byteLength(text) / 1024 / 1024;
    console.log(`-- describe-instances: ${fileMb.toFixed(1)} MB, ${n.toLocaleString('en-US')} instances`);
    for (const [expression, jq] of INSTANCE_CASES) {
      const r = await benchProcessCase(instances, fileMb, expression, jq, tools);
      printProcessCase(r, tools);
      results.push(r);
    }
  } finally {
    fs.rmSync(instances, { force: true });
  }
  printBigBars(results, editor, tools);
}

function printBigBars(results, editor, tools) {
  const list = (rs, what) => (rs.length ? rs.map((r) => `${r.expression.length > 44 ? `${r.expression.slice(0, 41)}...` : r.expression} ${what(r)}`).join('; ') : 'none');
  const bar = (title, meets, what) => {
    const met = results.filter(meets);
    console.log(`bar: ${title}: ${met.length} of ${results.length} cases meet it`);
    console.log(`  met: ${list(met, what)}`);
    console.log(`  not met: ${list(results.filter((r) => !meets(r)), what)}`);
  };
  console.log(`\nbars (${BIG_MB} MB process cases, this run; load average now ${loadAverage()}):`);
  const cpu = (a, b) => (a.cpuS === undefined ? '' : ` (cpu ${cpuRatio(a, b)})`);
  bar('every case at least 3x faster than python jmespath (wall time)', (r) => r.python.s / r.ours.s >= 3, (r) => `${(r.python.s / r.ours.s).toFixed(2)}x${cpu(r.python, r.ours)}`);
  if (tools.includes('jq')) bar('every case faster than jq (wall time)', (r) => r.ours.s < r.jq.s, (r) => `ours/jq ${(r.ours.s / r.jq.s).toFixed(2)}${cpu(r.ours, r.jq)}`);
  bar('peak memory at most 3x the file size', (r) => r.ours.peakMb <= 3 * r.fileMb, (r) => `${(r.ours.peakMb / r.fileMb).toFixed(1)}x`);
  const wrong = results.filter((r) => !r.check.oursOk);
  console.log(wrong.length ? `!!! OUTPUTS DIFFER from python's (or a run failed) on ${wrong.length} case(s): ${wrong.map((r) => r.expression).join('; ')} (a fast wrong answer is worthless)`
    : `outputs: identical to python's on all ${results.length} cases`);
  if (editor) console.log(`editor path, read + ${editor.expression}: ${versusPython(editor.ratio)}, peak ${(editor.peakMb / editor.fileMb).toFixed(1)}x the file${editor.ok ? '' : ' !!! answer differs from python'}`);
}

async function main() {
  console.log(`node ${process.version}, ${os.cpus().length} CPUs; medians; ratio = ours / (JSON.parse + jmespath.js + JSON.stringify), lower is better\n`);
  const rows = [];
  for (const mb of SIZES_MB) await benchInProcess(mb, rows);
  benchScriptCheck();
  print10MbBar(rows);
  if (BIG) await benchBigFiles();
}

if (process.argv[2] === '--editor-path') void editorPathChild(process.argv[3], process.argv[4]);
else if (process.argv[2] === '--one-shot') oneShotChild(process.argv[3], process.argv[4], process.argv[5], process.argv[6]);
else void main();
