import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The folder of the cdk8s-storage package this code runs from (the clone, node_modules/cdk8s-storage,
 * or npx's cache): searched upwards from this module, so the sources (lib/config), the compiled
 * library (out/lib/config) and the bundle (out/) all find it.
 */
let root: string | undefined;

export function packageRoot(): string {
  if (root !== undefined) return root;
  for (let dir = __dirname, depth = 0; depth < 4; dir = path.dirname(dir), depth++) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file) && JSON.parse(fs.readFileSync(file, 'utf8')).name === 'cdk8s-storage') return (root = dir);
  }
  throw new Error('the package.json of cdk8s-storage is missing from the package');
}

let version: string | undefined;

/** The version of the running package (its package.json). */
export function packageVersion(): string {
  version ??= JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')).version as string;
  return version;
}
