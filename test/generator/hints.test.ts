/**
 * Every command the CLI prints runs as shown (issue 25, audit newcomer-2026-12-06 F7/F8): in a
 * scratch GitOps repository that uses the installed package, each way of starting the generator
 * gets hints in its own form (`npm run <script> -- …`, `npx cdk8s-storage …`), each hint kind is
 * executed as printed, and the new-cluster hint never names the refused folder. A reader that goes
 * away (`| head`) ends the output quietly. Real processes throughout.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectInvocation, commandLine } from '../../lib/generator/invocation';
import { ROOT, tempDir } from '../support/cli';
import { REFERENCE } from '../support/gitops';

/** The environment of a user's shell: none of the npm variables of the `npm test` running this file. */
const ENV = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')));
const shell = (command: string, cwd: string) => spawnSync('sh', ['-c', command], { cwd, encoding: 'utf8', env: { ...ENV, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' } });

/** A GitOps repository using the installed package (node_modules/cdk8s-storage and its .bin link), with two npm scripts. */
function gitopsRepo(): string {
  const repo = tempDir('cdk8s-storage-gitops-');
  fs.mkdirSync(path.join(repo, 'node_modules', '.bin'), { recursive: true });
  fs.symlinkSync(ROOT, path.join(repo, 'node_modules', 'cdk8s-storage'));
  fs.symlinkSync('../cdk8s-storage/bin/cdk8s-storage.js', path.join(repo, 'node_modules', '.bin', 'cdk8s-storage'));
  fs.writeFileSync(path.join(repo, 'package.json'), JSON.stringify({
    name: 'my-gitops', private: true,
    scripts: { synth: 'cdk8s-storage', gen: 'cdk8s-storage clusters/demo.yaml --out dist' },
  }));
  fs.mkdirSync(path.join(repo, 'clusters'));
  fs.writeFileSync(path.join(repo, 'clusters', 'demo.yaml'), REFERENCE);
  return repo;
}

/** The command a hint of the CLI gives, by the words around it. */
function hintIn(text: string, pattern: RegExp): string {
  const match = pattern.exec(text);
  if (!match) throw new Error(`no hint ${pattern} in:\n${text}`);
  return match[1];
}
const CHECK_HINT = /^Run `([^`]+)`, review, and commit the result\.$/m;
const NEW_FOLDER_HINT = /go beside it\): `([^`]+)`\.$/m;
const ALLOW_DANGEROUS_HINT = /then run `([^`]+)`\.$/m;

/** How each form starts the generator on clusters/demo.yaml → dist/, and the form its hints take. */
const FORMS = [
  { name: 'npm script', start: 'npm run synth -- clusters/demo.yaml --out dist', hint: 'npm run synth -- clusters/demo.yaml --out dist', refusal: true },
  { name: 'npm script with its own arguments', start: 'npm run gen --', hint: 'npx cdk8s-storage clusters/demo.yaml --out dist', refusal: false },
  { name: 'npx', start: 'npx cdk8s-storage clusters/demo.yaml --out dist', hint: 'npx cdk8s-storage clusters/demo.yaml --out dist', refusal: false },
  // the refusal's hints in npx form (run by npm exec) from the installed bin run without npm
  { name: 'the .bin link', start: './node_modules/.bin/cdk8s-storage clusters/demo.yaml --out dist', hint: 'npx cdk8s-storage clusters/demo.yaml --out dist', refusal: true },
];

describe.each(FORMS)('started as $name', ({ start, hint, refusal }) => {
  const at = (extra: string) => `${start} ${extra}`.trim();

  it('--help, --check and a refused change print commands of that form, and each runs as printed', () => {
    const repo = gitopsRepo();
    const help = shell(at('--help'), repo);
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toContain(`Usage: ${commandLine(hint.startsWith('npm') ? { form: 'npm-script', script: 'synth' } : { form: 'npx' }, ['[config.yaml]', '[options]']).replace(/'/g, '')}`);
    expect(shell(at('--quiet'), repo).status).toBe(0);

    // --check of an output that is out of date (its PLAN.md deleted): the printed synth regenerates, then --check passes
    fs.rmSync(path.join(repo, 'PLAN.md'));
    const stale = shell(at('--check'), repo);
    expect(stale.status).toBe(1);
    const regenerate = hintIn(stale.stderr, CHECK_HINT);
    expect(regenerate).toBe(hint);
    expect(shell(regenerate, repo).status).toBe(0);
    expect(shell(at('--check'), repo).status).toBe(0);
    if (!refusal) return;

    // a new cluster over this output: refused; the new-folder hint writes elsewhere, the other overrides
    fs.writeFileSync(path.join(repo, 'clusters', 'demo.yaml'), REFERENCE.replace(/^name: .*$/m, 'name: second'));
    const refused = shell(at(''), repo);
    expect(refused.status).toBe(1);
    const [newFolder, allowDangerous] = [hintIn(refused.stderr, NEW_FOLDER_HINT), hintIn(refused.stderr, ALLOW_DANGEROUS_HINT)];
    expect(newFolder).toBe(`${hint.replace(/ --out dist$/, '')} --out clusters/dist`);
    expect(allowDangerous).toBe(`${hint} --allow-dangerous`);
    const written = shell(newFolder, repo);
    expect(written.status, written.stderr).toBe(0);
    expect(fs.existsSync(path.join(repo, 'clusters', 'dist', '.cdk8s-storage-files'))).toBe(true);
    const overridden = shell(allowDangerous, repo);
    expect(overridden.status, overridden.stderr).toBe(0);
    expect(shell(at('--check'), repo).status).toBe(0);
  }, 60_000);
});

describe('the new-cluster hint', () => {
  it('never names the refused folder: following it twice does not loop', () => {
    const repo = gitopsRepo();
    const bin = './node_modules/.bin/cdk8s-storage';
    expect(shell(`${bin} clusters/demo.yaml --out clusters/dist --quiet`, repo).status).toBe(0);
    fs.writeFileSync(path.join(repo, 'clusters', 'demo.yaml'), REFERENCE.replace(/^name: .*$/m, 'name: second'));
    // the audit's loop: the folder the hint would suggest beside the config is the refused one
    const refused = shell(`${bin} clusters/demo.yaml --out clusters/dist`, repo);
    expect(refused.status).toBe(1);
    const hint = hintIn(refused.stderr, NEW_FOLDER_HINT);
    expect(hint).toBe('npx cdk8s-storage clusters/demo.yaml --out clusters/second/dist');
    expect(shell(hint, repo).status).toBe(0);
  }, 60_000);
});

describe('detectInvocation', () => {
  const cwd = '/repo';
  it.each([
    ['the clone\'s npm run synth', 'bin/cdk8s-storage.js', { npm_config_user_agent: 'npm/11.0.0 node/v20', npm_command: 'run', npm_lifecycle_event: 'synth', npm_lifecycle_script: 'node bin/cdk8s-storage.js' }, 'npm run synth -- --x'],
    ['pnpm run synth in the clone (its argument rules differ): the direct form', '/repo/bin/cdk8s-storage.js', { npm_config_user_agent: 'pnpm/9.0.0', npm_command: 'run', npm_lifecycle_event: 'synth', npm_lifecycle_script: 'node bin/cdk8s-storage.js' }, 'node bin/cdk8s-storage.js --x'],
    ['a script inherited from npm test (vitest spawning the bin)', '/repo/bin/cdk8s-storage.js', { npm_config_user_agent: 'npm/11', npm_command: 'run', npm_lifecycle_event: 'test', npm_lifecycle_script: 'tsc --noEmit && vitest run' }, 'node bin/cdk8s-storage.js --x'],
    ['a global install on PATH', '/usr/local/bin/cdk8s-storage', {}, 'cdk8s-storage --x'],
  ])('%s', (_name, argv1, env, expected) => {
    expect(commandLine(detectInvocation(argv1, env, cwd), ['--x'])).toBe(expected);
  });
});

describe('stream errors', () => {
  it('a reader that goes away (| head) ends the output quietly: no EPIPE stack trace, the files are written, the exit code is the run\'s', async () => {
    const repo = tempDir();
    fs.writeFileSync(path.join(repo, 'cluster.yaml'), REFERENCE);
    for (let i = 0; i < 5; i++) {
      fs.rmSync(path.join(repo, 'dist'), { recursive: true, force: true });
      const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'cdk8s-storage.js'), 'cluster.yaml'], { cwd: repo });
      let stderr = '';
      child.stderr.on('data', (chunk) => { stderr += chunk; });
      child.stdout.once('data', () => child.stdout.destroy()); // read a little, then close the pipe
      const code = await new Promise((resolve) => child.on('close', resolve));
      expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
      expect(code).toBe(0);
      expect(fs.existsSync(path.join(repo, 'dist', '.cdk8s-storage-files'))).toBe(true);
    }
  }, 60_000);
});
