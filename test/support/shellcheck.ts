/**
 * Real tools judging the scripts we write: `bash -n` and ShellCheck (Debian's `shellcheck` package,
 * which .ci/run installs when it is missing). A missing ShellCheck fails the test with how to install
 * it: nothing is skipped silently.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Why a shell text is refused: `bash -n` and `shellcheck -s bash -S style` findings, '' when clean. */
export function shellProblems(text: string, name = 'script.sh'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-storage-sh-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  try {
    const syntax = spawnSync('bash', ['-n', file], { encoding: 'utf8' });
    if (syntax.status !== 0) return `bash -n ${name}:\n${syntax.stderr}`;
    const check = spawnSync('shellcheck', ['-s', 'bash', '-S', 'style', '-f', 'gcc', file], { encoding: 'utf8' });
    if (check.error && (check.error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error('shellcheck is not installed: `apt-get install -y shellcheck` (Debian package shellcheck; .ci/run installs it)');
    }
    return check.status === 0 ? '' : `shellcheck ${name}:\n${check.stdout}${check.stderr}`;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
