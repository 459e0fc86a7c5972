/**
 * Real tools judging the scripts we write: `bash -n` and ShellCheck (Debian's `shellcheck` package,
 * which .ci/run installs when it is missing). A missing ShellCheck fails the test with how to install
 * it: nothing is skipped silently.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const SHELLCHECK = ['-s', 'bash', '-S', 'style', '-f', 'gcc'];
const NOT_INSTALLED = 'shellcheck is not installed: `apt-get install -y shellcheck` (Debian package shellcheck; .ci/run installs it)';

/** Why a shell text is refused: `bash -n` and `shellcheck -s bash -S style` findings, '' when clean. */
export function shellProblems(text: string, name = 'script.sh'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-storage-sh-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  try {
    const syntax = spawnSync('bash', ['-n', file], { encoding: 'utf8' });
    if (syntax.status !== 0) return `bash -n ${name}:\n${syntax.stderr}`;
    const check = spawnSync('shellcheck', [...SHELLCHECK, file], { encoding: 'utf8' });
    if (check.error && (check.error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(NOT_INSTALLED);
    return check.status === 0 ? '' : `shellcheck ${name}:\n${check.stdout}${check.stderr}`;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A process's exit code and output. */
function run(command: string, args: readonly string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' && command === 'shellcheck' ? new Error(NOT_INSTALLED) : error));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * `shellProblems` of many scripts at once, by their relative path (e.g. `target-added/01-target-added.sh`):
 * the same `bash -n` per script and the same ShellCheck options, but ShellCheck runs as a few processes over
 * many files each, side by side (one per core). ShellCheck's gcc format starts every finding with its
 * file's path, which attributes it to its script.
 */
export async function shellProblemsOf(scripts: ReadonlyMap<string, string>): Promise<Map<string, string>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-storage-sh-'));
  try {
    for (const [name, text] of scripts) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    const problems = new Map<string, string>([...scripts.keys()].map((name) => [name, '']));
    // bash -n on each script in one shell; a script it refuses is not given to ShellCheck (as shellProblems)
    const names = [...scripts.keys()];
    const syntax = await run('bash', ['-c', 'for f; do if ! out=$(bash -n "$f" 2>&1); then printf "%s\\0%s\\0" "$f" "$out"; fi; done', 'bash', ...names], dir);
    const fields = syntax.stdout.split('\0');
    for (let i = 0; i + 1 < fields.length; i += 2) problems.set(fields[i], `bash -n ${fields[i]}:\n${fields[i + 1]}\n`);
    const clean = names.filter((name) => problems.get(name) === '');
    const batches = Math.max(1, Math.min(os.availableParallelism(), clean.length));
    const results = await Promise.all(Array.from({ length: batches }, (_, b) => {
      const files = clean.filter((_, i) => i % batches === b);
      return run('shellcheck', [...SHELLCHECK, ...files], dir).then((result) => ({ files, ...result }));
    }));
    for (const { files, code, stdout, stderr } of results) {
      if (code === 0) continue;
      const lines = stdout.split('\n').filter(Boolean);
      for (const file of files) {
        const found = lines.filter((line) => line.startsWith(`${file}:`));
        if (found.length) problems.set(file, `shellcheck ${file}:\n${found.join('\n')}\n`);
      }
      // what names no script of the batch (ShellCheck itself failing) fails every script of it
      const unattributed = [...lines.filter((line) => !files.some((file) => line.startsWith(`${file}:`))), ...stderr.split('\n').filter(Boolean)];
      if (unattributed.length || !files.some((file) => problems.get(file) !== '')) {
        for (const file of files) problems.set(file, `${problems.get(file) || `shellcheck ${file}:\n`}shellcheck exited ${code} over ${files.join(' ')}:\n${unattributed.join('\n')}\n`);
      }
    }
    return problems;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
