/**
 * The README's quick start, copy-pasted into a fresh copy of the repository, runs to a written
 * output with exit 0 (issue 17): no dangerous-change refusal for a newcomer's own config, the
 * committed dist/ untouched (the reference output the tests compare with), and the copied
 * config's JSON Schema modeline still pointing at the schema. Real processes, the README's text.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDirTree } from '../../lib/output/planned-output';
import { EXAMPLES, ROOT, runCli, tempDir, writeConfig, withoutSchemaWarnings } from '../support/cli';
import { freshCopy } from '../support/doc-shell';

const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** The shell commands of the README's quick start section, comments removed. */
function quickStartCommands(): string[] {
  const section = README.slice(README.indexOf('## Quick start'), README.indexOf('\n## ', README.indexOf('## Quick start') + 1));
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((block) => block[1].split('\n'))
    .map((line) => line.replace(/\s+#.*$/, '').trim()).filter(Boolean);
}

describe('README quick start', () => {
  it('runs in a fresh clone: every synth exits 0, the reference dist/ stays as committed', () => {
    const commands = quickStartCommands();
    expect(commands).toContain('npm run synth -- my-gitops/cluster.yaml --out my-gitops/dist');
    const clone = freshCopy();
    const reference = Object.fromEntries(readDirTree(path.join(clone, 'dist')));
    const plan = fs.readFileSync(path.join(clone, 'PLAN.md'), 'utf8');
    for (const command of commands) {
      if (/^(git clone|npm ci|npm install|npm test)/.test(command)) continue; // set-up the test itself stands for
      // `npm run synth -- args` is `node bin/cdk8s-storage.js args` (package.json)
      const parts = command.split(' && ').flatMap((part) => {
        const synth = part.match(/^npm run synth(?: -- (.*))?$/);
        return synth ? [[process.execPath, path.join(ROOT, 'bin', 'cdk8s-storage.js'), ...(synth[1]?.split(/\s+/) ?? [])]] : [['sh', '-c', part]];
      });
      for (const [file, ...args] of parts) {
        const result = spawnSync(file, args, { cwd: clone, encoding: 'utf8' });
        expect(result.status, `${command}\n${result.stdout}${result.stderr}`).toBe(0);
      }
    }
    expect(Object.fromEntries(readDirTree(path.join(clone, 'dist')))).toEqual(reference);
    expect(fs.readFileSync(path.join(clone, 'PLAN.md'), 'utf8')).toBe(plan);
    expect(fs.readdirSync(path.join(clone, 'my-gitops')).sort()).toEqual(['PLAN.md', 'cluster.yaml', 'dist']);
    expect(fs.readFileSync(path.join(clone, '.gitignore'), 'utf8').split('\n')).toContain('my-gitops/');
    // the copied config's modeline resolves to the schema, relative to where the README copies it
    const modeline = fs.readFileSync(path.join(clone, 'my-gitops', 'cluster.yaml'), 'utf8').match(/^# yaml-language-server: \$schema=(\S+)$/m);
    expect(modeline).not.toBeNull();
    expect(fs.existsSync(path.resolve(clone, 'my-gitops', modeline![1]))).toBe(true);
  });
});

describe('a newcomer who forgets --out', () => {
  it('is told first to give the new cluster its own folder, and nothing is written', () => {
    const repo = tempDir();
    const out = path.join(repo, 'dist');
    expect(runCli(['--out', out, '--quiet']).code).toBe(0); // the reference output, as committed
    const before = Object.fromEntries(readDirTree(out));
    const config = writeConfig(repo, fs.readFileSync(path.join(EXAMPLES, 'minimal.yaml'), 'utf8'), 'my-cluster.yaml');
    const result = runCli([config, '--out', out]);
    expect(result.code).toBe(1);
    expect(withoutSchemaWarnings(result.stderr).split('\n')[0]).toBe(`${out}/ holds the output of another release. A new cluster rather than a rename? `
      + `Give it an output folder of its own (its PLAN.md and argocd/ go beside it): \`npm run synth -- ${config} --out ${path.join(repo, 'mini', 'dist')}\`.`);
    expect(Object.fromEntries(readDirTree(out))).toEqual(before);
  });
});
