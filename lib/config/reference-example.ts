import * as fs from 'node:fs';
import * as path from 'node:path';

/** Where the reference example lives in the package (source tree and compiled `out/` alike). */
export function referenceExamplePath(): string {
  for (const candidate of [path.join(__dirname, '..', '..', 'examples', 'reference.yaml'), path.join(__dirname, '..', '..', '..', 'examples', 'reference.yaml')]) {
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error('examples/reference.yaml is missing from the package');
}
