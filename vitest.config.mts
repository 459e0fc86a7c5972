import * as os from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // one scratch directory per run, shared by the files that pack and install the package
    globalSetup: ['test/support/global-setup.ts'],
    // test files share each worker's module cache: loading cdk8s, cdk8s-plus-28 and the CRD
    // schemas once per worker instead of once per file halves the suite's wall time
    isolate: false,
    // vitest's default outside watch mode is one worker fewer than the cores: one worker on the
    // 2-core CI machine. Many files mostly wait on child processes (the bundle, shellcheck,
    // promtool, npm), so every core gets a worker.
    maxWorkers: os.availableParallelism(),
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // in CI also write the results as JSON, so .ci/run can print a plain "N passed, N failed" line
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: 'node_modules/.cache/vitest-results.json' },
  },
});
