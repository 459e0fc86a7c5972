/**
 * `npm test`: the type check (`tsc --noEmit`) and the test suite (`vitest run`) side by side.
 *
 * tsx runs the tests without type-checking them, so both must pass. They are independent, and
 * tsc is single-threaded: run one after the other they leave a core idle for tsc's whole run on
 * the 2-core CI machine. tsc's report is held until the end so it does not interleave with
 * vitest's; arguments after `npm test --` go to vitest (`npm test -- test/golden.test.ts`).
 * The exit code is non-zero when either fails.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..');

interface Ended { readonly code: number; readonly output: string }

/** The file a package's `bin` entry names (vitest's exports hide it from require.resolve). */
function binOf(pkg: string, name: string): string {
  const manifest = require.resolve(`${pkg}/package.json`, { paths: [root] });
  return path.join(path.dirname(manifest), (require(manifest) as { bin: Record<string, string> }).bin[name]);
}

function run(script: string, args: readonly string[], capture: boolean): Promise<Ended> {
  const child = spawn(process.execPath, [script, ...args], {
    cwd: root,
    stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
  });
  let output = '';
  child.stdout?.on('data', (chunk) => { output += chunk; });
  child.stderr?.on('data', (chunk) => { output += chunk; });
  return new Promise((resolve) => {
    child.on('error', (error) => resolve({ code: 1, output: `${script}: ${error.message}\n` }));
    // a child killed by a signal (Ctrl-C reaches the whole process group) counts as a failure
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

async function main(): Promise<number> {
  const [typecheck, tests] = await Promise.all([
    run(binOf('typescript', 'tsc'), ['--noEmit'], true),
    run(binOf('vitest', 'vitest'), ['run', ...process.argv.slice(2)], false),
  ]);
  if (typecheck.code === 0) {
    process.stdout.write('\ntsc --noEmit: no type errors\n');
  } else {
    process.stdout.write(`\ntsc --noEmit failed:\n${typecheck.output}`);
  }
  return typecheck.code !== 0 ? typecheck.code : tests.code;
}

main().then((code) => { process.exitCode = code; });
