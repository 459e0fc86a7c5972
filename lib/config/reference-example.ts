import * as path from 'node:path';
import { packageRoot } from './package-root';

/** Where the reference example lives in the package. */
export function referenceExamplePath(): string {
  return path.join(packageRoot(), 'examples', 'reference.yaml');
}
