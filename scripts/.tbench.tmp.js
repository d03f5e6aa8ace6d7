// quick output-format bench: node --expose-gc /tmp/tb/tbench.js
const path = require('path');
const root = '/work/main';
const src = require('fs').readFileSync(path.join(root, 'scripts/bench.js'), 'utf8');
const engine = require(path.join(root, process.env.ENGINE || 'dist/engine.js'));
const m = {}; new Function('module','require','__dirname', src.slice(0, src.indexOf('function median')).replace(/^#!.*\n/, '') + '\nmodule.generate = generate;')(m, require, path.join(root,'scripts'));
const { text } = m.generate(10e6);
const doc = engine.JsonDocument.parse(text);
const value = doc.search('Reservations[].Instances[]');
const formats = (process.env.F || 'json,table').split(',');
const runs = +(process.env.RUNS || 7);
const ts = formats.map(() => []);
for (let i = 0; i < runs; i++) formats.forEach((f, j) => { global.gc && gc(); const t = process.hrtime.bigint(); const s = engine.formatOutput(value, { output: f, title: 'DescribeInstances' }); ts[j].push(Number(process.hrtime.bigint() - t) / 1e6); if (i === 0) console.log(f, s.length); });
const med = (a) => a.sort((x, y) => x - y)[a.length >> 1];
formats.forEach((f, j) => console.log(f, med(ts[j]).toFixed(0), 'ms', (med(ts[j]) / med(ts[0])).toFixed(2) + 'x', ts[j].map(x=>x.toFixed(0)).join(' ')));
