/**
 * docs/fleet.md runs as shown: its `sh` blocks in order in one fresh copy of the repository's examples, and each
 * `console` transcript in a fresh copy of its own (after the setup its `<!-- doc-test: setup: ... -->` line names),
 * every output line of the transcript appearing, in order, in what the command really prints (`...` skips lines).
 * `text` blocks (kubectl against a cluster, file trees) are not run.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../support/cli';

const DOC = fs.readFileSync(path.join(ROOT, 'docs', 'fleet.md'), 'utf8');
const BIN = path.join(ROOT, 'bin', 'cdk8s-storage.js');

/** A fresh clone as far as synth can tell: the committed files it reads. */
function freshClone(): string {
  const clone = tempDir('fleet-docs-');
  for (const entry of ['examples', 'schema']) fs.cpSync(path.join(ROOT, entry), path.join(clone, entry), { recursive: true });
  return clone;
}

/**
 * `npm run synth -- args` is `node bin/cdk8s-storage.js args` (package.json), with the variables
 * npm sets for a script (the generator prints its hints in the form it was started with:
 * lib/generator/invocation.ts).
 */
const NPM_SCRIPT_ENV = { npm_config_user_agent: 'npm/11 node/v20', npm_command: 'run', npm_lifecycle_event: 'synth', npm_lifecycle_script: 'node bin/cdk8s-storage.js' };
function shell(command: string, cwd: string) {
  const translated = command.replace(/npm run synth --/g, `node ${BIN}`);
  return spawnSync('bash', ['-c', translated], { cwd, encoding: 'utf8', env: { ...process.env, BIN, ...NPM_SCRIPT_ENV } });
}

const blocks = (lang: string) => [...DOC.matchAll(new RegExp(`(?:<!-- doc-test: setup: (.*) -->\\n)?\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``, 'g'))]
  .map((m) => ({ setup: m[1], body: m[2] }));

describe('docs/fleet.md', () => {
  it('every sh block runs as shown, in order, in a fresh copy', () => {
    const commands = blocks('sh').flatMap((b) => b.body.split('\n')).map((line) => line.replace(/\s+#.*$/, '').trim()).filter(Boolean);
    expect(commands).toContain('npm run synth -- my-fleet/fleet.yaml --check');
    const clone = freshClone();
    for (const command of commands) {
      const result = shell(command, clone);
      expect(result.status, `${command}\n${result.stdout}${result.stderr}`).toBe(0);
    }
  });

  it.each(blocks('console').map((b, i) => [i + 1, b] as const))('transcript %i prints what the doc shows', (_, block) => {
    const clone = freshClone();
    if (block.setup) expect(shell(block.setup.replace(/\$BIN/g, BIN), clone).status).toBe(0);
    const lines = block.body.split('\n').filter(Boolean);
    const commands = lines.filter((l) => l.startsWith('$ '));
    expect(commands).toHaveLength(1);
    const result = shell(commands[0].slice(2), clone);
    const printed = `${result.stdout}\n${result.stderr}`.split('\n');
    let at = 0;
    for (const expected of lines.filter((l) => !l.startsWith('$ ') && l !== '...')) {
      const found = printed.indexOf(expected, at);
      expect(found, `not printed (in order): ${expected}\n--- printed:\n${printed.join('\n')}`).toBeGreaterThanOrEqual(0);
      at = found + 1;
    }
  });
});
