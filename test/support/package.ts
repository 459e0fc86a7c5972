/**
 * The built and packed package, for the tests that install it: `npm run build` when the compiled
 * output is older than the sources, and one `npm pack` per test run, shared by every test file
 * (a lock directory in the run's scratch directory keeps parallel files from building or packing
 * at the same time).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { inject } from 'vitest';
import { ROOT } from './cli';
const { bundleIsFresh } = require('../../bin/bundle-freshness') as { bundleIsFresh: (root: string) => boolean };

/** Runs npm, returning its stdout; a failure throws with npm's output. */
export const npm = (args: readonly string[], cwd: string): string =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** The run's scratch directory (see global-setup.ts). */
export const runDir = (): string => inject('runDir');

/** The compiled output is at least as new as every TypeScript source (else the tarball would be stale). */
const buildIsFresh = () => bundleIsFresh(ROOT) && fs.existsSync(path.join(ROOT, 'out', 'lib', 'index.d.ts'));

/** Runs `action` while holding the run-wide lock `name`. */
async function withLock<T>(name: string, action: () => T): Promise<T> {
  const lock = path.join(runDir(), `${name}.lock`);
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    return action();
  } finally {
    fs.rmdirSync(lock);
  }
}

/** Builds the package (`npm run build`) unless out/ is newer than the sources. */
export async function ensureBuilt(): Promise<void> {
  await withLock('build', () => {
    if (!buildIsFresh()) npm(['run', 'build'], ROOT);
  });
}

export interface PackedPackage {
  /** path of the tarball */
  readonly tarball: string;
  /** the files in it, as npm lists them */
  readonly files: readonly string[];
}

/** The package as `npm pack` makes it (without running prepack: {@link ensureBuilt} builds), packed once per test run. */
export async function packedPackage(): Promise<PackedPackage> {
  await ensureBuilt();
  return withLock('pack', () => {
    const record = path.join(runDir(), 'pack.json');
    if (fs.existsSync(record)) return JSON.parse(fs.readFileSync(record, 'utf8')) as PackedPackage;
    const dir = fs.mkdtempSync(path.join(runDir(), 'pack-'));
    const [packed] = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', dir], ROOT));
    const result: PackedPackage = { tarball: path.join(dir, packed.filename), files: packed.files.map((f: { path: string }) => f.path) };
    fs.writeFileSync(record, JSON.stringify(result));
    return result;
  });
}
