/**
 * Once per `vitest run`: a scratch directory the test files share (the packed package, the
 * scratch apps that install it), removed when the run ends.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** the run's scratch directory */
    runDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-storage-run-'));
  project.provide('runDir', dir);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
