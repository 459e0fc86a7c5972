/**
 * `npm run build`: compiles the library (tsc → out/, with .d.ts for npm users) and bundles the
 * generator CLI into one file (out/cdk8s-storage.js) with esbuild: one file loads measurably faster
 * than hundreds of modules (see README, Performance).
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { buildSync } from 'esbuild';

const root = path.resolve(__dirname, '..');
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
for (const [entry, outfile] of [['main.ts', 'cdk8s-storage.js'], ['bench/naive-app.ts', 'bench-naive.js']]) {
  buildSync({
    entryPoints: [path.join(root, entry)],
    outfile: path.join(root, 'out', outfile),
    bundle: true,
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
}
