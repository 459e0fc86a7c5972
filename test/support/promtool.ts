/**
 * promtool, the Prometheus project's rule checker and unit-test runner, as the tests use it. Found as
 * `$PROMTOOL`, `promtool` on PATH, or node_modules/.cache/promtool/promtool (where .ci/run extracts it from
 * Debian's `prometheus` package). Missing, a test fails with how to get it: the rule tests never skip.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './cli';

export const MIN_PROMTOOL = [2, 42] as const;

const INSTALL = [
  'promtool is needed to test the alert rules (docs/monitoring.md, "Testing the rules"). Get it one of these ways:',
  '  - Debian/Ubuntu: sudo apt-get install prometheus (it also starts a Prometheus service), or extract promtool only:',
  '      (cd "$(mktemp -d)" && apt-get download prometheus && dpkg-deb -x prometheus_*.deb x && mkdir -p "$OLDPWD/node_modules/.cache/promtool" '
    + '&& cp x/usr/bin/promtool "$OLDPWD/node_modules/.cache/promtool/")',
  '  - any OS: promtool from a Prometheus release tarball (https://prometheus.io/download/)',
  'then put it on PATH or set PROMTOOL=/path/to/promtool (.ci/run does the extraction when promtool is missing).',
].join('\n');

let resolved: { path: string; version: string } | undefined;

/** Where the tests look for promtool, in order: `$PROMTOOL`, `promtool` on PATH, where .ci/run extracts it. */
export function promtoolCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  return [env.PROMTOOL, 'promtool', path.join(ROOT, 'node_modules', '.cache', 'promtool', 'promtool')].filter((c): c is string => !!c);
}

/** The first of `candidates` that runs and is promtool 2.42 or later; throws with install advice when there is none. */
export function findPromtool(candidates: readonly string[]): { path: string; version: string } {
  for (const candidate of candidates) {
    if (candidate.includes('/') && !fs.existsSync(candidate)) continue;
    const run = spawnSync(candidate, ['--version'], { encoding: 'utf8' });
    if (run.error || run.status !== 0) continue;
    const match = /version (\d+)\.(\d+)\.(\d+)/.exec(`${run.stdout}${run.stderr}`);
    if (!match) continue;
    const [major, minor] = [Number(match[1]), Number(match[2])];
    if (major < MIN_PROMTOOL[0] || (major === MIN_PROMTOOL[0] && minor < MIN_PROMTOOL[1])) {
      throw new Error(`${candidate} is promtool ${match[0]}; the rule tests need ${MIN_PROMTOOL.join('.')} or later.\n${INSTALL}`);
    }
    return { path: candidate, version: `${match[1]}.${match[2]}.${match[3]}` };
  }
  throw new Error(`promtool not found (tried ${candidates.join(', ')}).\n${INSTALL}`);
}

/** The promtool to run and its version; throws with install advice when there is none or it is older than 2.42. */
export function promtool(): { path: string; version: string } {
  resolved ??= findPromtool(promtoolCandidates());
  return resolved;
}

/** The result of one file of a `promtool test rules` run. */
export interface PromtoolFileResult {
  readonly ok: boolean;
  /** promtool's report for the file (the failing groups, times, expected and got alerts) */
  readonly report: string;
}

/**
 * Runs `promtool test rules` on `files` (relative to `dir`, in which it runs) in one process; the result per
 * file from promtool's `Unit Testing:  <file>` blocks.
 */
export function testRules(dir: string, files: readonly string[]): Map<string, PromtoolFileResult> {
  // SUCCESS goes to stdout, the failures to stderr: one file for both keeps each report under its file's header
  const log = path.join(dir, `.promtool-${process.pid}.log`);
  const fd = fs.openSync(log, 'w');
  let run;
  try {
    run = spawnSync(promtool().path, ['test', 'rules', ...files], { cwd: dir, stdio: ['ignore', fd, fd] });
  } finally {
    fs.closeSync(fd);
  }
  if (run.error) throw run.error;
  const output = fs.readFileSync(log, 'utf8');
  const results = new Map<string, PromtoolFileResult>();
  const blocks = output.split(/^Unit Testing:\s+/m).slice(1);
  for (const block of blocks) {
    const file = block.slice(0, block.indexOf('\n')).trim();
    results.set(file, { ok: /^\s+SUCCESS\s*$/m.test(block) && !/FAILED/.test(block), report: block.trim() });
  }
  for (const file of files) if (!results.has(file)) results.set(file, { ok: false, report: `promtool reported nothing for ${file}:\n${output.slice(0, 2000)}` });
  return results;
}

/** `promtool check rules` on rule files: its exit code and report. */
export function checkRules(dir: string, files: readonly string[]): { ok: boolean; report: string } {
  const run = spawnSync(promtool().path, ['check', 'rules', ...files], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw run.error;
  return { ok: run.status === 0, report: `${run.stdout}${run.stderr}` };
}

/** Writes `files` (name → text) under `dir`, creating folders. */
export function writeFiles(dir: string, files: ReadonlyMap<string, string>): void {
  for (const [name, text] of files) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
}
