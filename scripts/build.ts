/**
 * `npm run build`: compiles the library (tsc → out/, with .d.ts for npm users) and bundles the
 * generator CLI into one file (out/cdk8s-storage.js) with esbuild: one file loads measurably faster
 * than hundreds of modules (see README, Performance). Only the declarations the public API
 * (out/lib/index.d.ts) reaches are kept: the internal ones (the config schema, typed with zod)
 * are not shipped, so no deep import can tie a user to them.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';
import * as ts from 'typescript';
import { sharedInterop } from './shared-interop';

const root = path.resolve(__dirname, '..');
const out = path.join(root, 'out');

/** The .d.ts files of out/ that `entry` imports, directly or not (relative specifiers only: packages stay packages). */
function reachableDeclarations(entry: string): Set<string> {
  const reached = new Set<string>();
  const pending = [entry];
  while (pending.length) {
    const file = pending.pop()!;
    if (reached.has(file)) continue;
    reached.add(file);
    for (const { fileName } of ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true).importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const base = path.resolve(path.dirname(file), fileName);
      const found = [`${base}.d.ts`, path.join(base, 'index.d.ts')].find((candidate) => fs.existsSync(candidate));
      if (!found) throw new Error(`${path.relative(root, file)} imports ${fileName}, which has no declaration file`);
      pending.push(found);
    }
  }
  return reached;
}

/** Every file under `dir` whose name ends with `suffix`. */
function filesUnder(dir: string, suffix: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(suffix))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

// a fresh declaration tree: no .d.ts of a module that moved or went internal survives a build
for (const file of [...filesUnder(path.join(out, 'lib'), '.d.ts'), ...filesUnder(path.join(out, 'imports'), '.d.ts')]) fs.rmSync(file);
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
const publicDeclarations = reachableDeclarations(path.join(out, 'lib', 'index.d.ts'));
for (const file of [...filesUnder(path.join(out, 'lib'), '.d.ts'), ...filesUnder(path.join(out, 'imports'), '.d.ts')]) {
  if (!publicDeclarations.has(file)) fs.rmSync(file);
}

async function bundle(): Promise<void> {
  // the naive baseline of the bench gets the same bundling, so the bench compares synthesis, not start-up
  for (const [entry, outfile] of [['main.ts', 'cdk8s-storage.js'], ['bench/naive-app.ts', 'bench-naive.js']]) {
    const result = await build({
      entryPoints: [path.join(root, entry)],
      outfile: path.join(out, outfile),
      bundle: true,
      platform: 'node',
      target: 'node20',
      logLevel: 'warning',
      plugins: [sharedInterop], // esbuild runs plugins in its asynchronous API only
      metafile: entry === 'main.ts',
    });
    if (result.metafile) fs.writeFileSync(path.join(out, 'cdk8s-storage.meta.json'), JSON.stringify(result.metafile));
  }
}

bundle().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
