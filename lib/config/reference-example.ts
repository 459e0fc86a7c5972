import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Where the reference example lives in the package: searched upwards from this module, so the
 * sources (lib/config), the compiled library (out/lib/config) and the bundle (out/) all find it.
 */
export function referenceExamplePath(): string {
  for (let dir = __dirname, depth = 0; depth < 4; dir = path.dirname(dir), depth++) {
    const candidate = path.join(dir, 'examples', 'reference.yaml');
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error('examples/reference.yaml is missing from the package');
}
