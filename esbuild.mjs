// One build script: the extension host bundle, the standalone engine and CLI, and each webview.
import * as esbuild from 'esbuild';
import * as fs from 'fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const node = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

const builds = [
  { ...node, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...node, entryPoints: ['src/engine.ts'], outfile: 'dist/engine.js' },
  { ...node, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js' },
  { ...node, entryPoints: ['src/worker/queryWorker.ts'], outfile: 'dist/queryWorker.js' },
  {
    bundle: true, platform: 'browser', format: 'iife', target: 'es2022', sourcemap: !production, minify: production,
    logLevel: 'warning', entryPoints: ['src/webview/capacity/main.ts'], outfile: 'dist/webview/capacity.js',
  },
].filter((b) => fs.existsSync(b.entryPoints[0]));

fs.rmSync('dist', { recursive: true, force: true });
if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  fs.chmodSync('dist/cli.js', 0o755);
  fs.copyFileSync('src/webview/capacity/capacity.css', 'dist/webview/capacity.css');
}
