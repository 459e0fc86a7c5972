/**
 * The other ways to run the generator keep the guarantees of `npm run synth` (issue 17): the
 * cdk8s CLI (which deletes its output folder before it starts the app), and the CI gate whatever
 * the spelling of the config path and the working directory. Real processes throughout.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { readDirTree } from '../../lib/output/planned-output';
import { ROOT, tempDir, writeConfig } from '../support/cli';
import { REFERENCE, edit } from '../support/gitops';
import { BIN, runAsync, synthAsync } from '../support/synth-process';

const tree = (dir: string) => Object.fromEntries(readDirTree(dir));
const synth = synthAsync;

describe.concurrent('npx cdk8s synth', () => {
  const project = YAML.parse(fs.readFileSync(path.join(ROOT, 'cdk8s.yaml'), 'utf8'));

  /** A repository with the project's cdk8s.yaml, its app reading `cluster.yaml`, and the reference config. */
  function cdk8sRepo(): { repo: string; cdk8s: (...args: string[]) => ReturnType<typeof runAsync> } {
    const repo = tempDir();
    writeConfig(repo, REFERENCE);
    fs.writeFileSync(path.join(repo, 'cdk8s.yaml'), YAML.stringify({ ...project, app: `${project.app.replace('bin/cdk8s-storage.js', BIN)} cluster.yaml` }));
    const cli = path.join(ROOT, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s');
    return { repo, cdk8s: (...args) => runAsync(process.execPath, [cli, 'synth', '--no-check-upgrade', ...args], repo) };
  }

  it('the project runs the generator and points cdk8s-cli (which deletes its output folder first) at a scratch folder, not dist/', async () => {
    expect(project.app).toBe('node bin/cdk8s-storage.js');
    expect(project.output).toBe('cdk8s.out');
    expect(fs.readFileSync(path.join(ROOT, '.gitignore'), 'utf8').split('\n')).toContain('cdk8s.out/');
  });

  it('writes dist/ and PLAN.md as npm run synth does, and a copy of the YAML for cdk8s-cli', async () => {
    const { repo, cdk8s } = cdk8sRepo();
    const viaNpm = tempDir();
    writeConfig(viaNpm, REFERENCE);
    const [result, direct] = await Promise.all([cdk8s(), synth(['cluster.yaml', '--quiet'], viaNpm)]);
    expect(result.status, String(result.stderr)).toBe(0);
    expect(direct.status).toBe(0);
    expect(tree(path.join(repo, 'dist'))).toEqual(tree(path.join(viaNpm, 'dist')));
    expect(fs.readFileSync(path.join(repo, 'PLAN.md'), 'utf8')).toBe(fs.readFileSync(path.join(viaNpm, 'PLAN.md'), 'utf8'));
    const yaml = Object.fromEntries(Object.entries(tree(path.join(repo, 'dist'))).filter(([name]) => name.endsWith('.yaml')));
    expect(tree(path.join(repo, 'cdk8s.out'))).toEqual(yaml);
  });

  it('refuses a dangerous change and a bad config leaving dist/ as it was, and refuses `--output dist` with one line', async () => {
    const { repo, cdk8s } = cdk8sRepo();
    expect((await cdk8s()).status).toBe(0);
    const kept = () => ({ ...tree(path.join(repo, 'dist')), PLAN: fs.readFileSync(path.join(repo, 'PLAN.md'), 'utf8') });
    const before = kept();
    writeConfig(repo, edit(REFERENCE, /^name: demo$/m, 'name: demo2'));
    const renamed = await cdk8s();
    expect(renamed.status).not.toBe(0);
    expect(renamed.stderr).toContain('Refusing to write dist/');
    expect(kept()).toEqual(before);

    writeConfig(repo, edit(REFERENCE, /^name: demo$/m, 'name: Demo_1'));
    const bad = await cdk8s();
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('nothing was written');
    expect(kept()).toEqual(before);

    writeConfig(repo, REFERENCE);
    const deleting = await cdk8s('--output', 'dist');
    expect(deleting.status).not.toBe(0);
    const line = String(deleting.stderr).split('\n').find((l) => l.startsWith('error: '));
    expect(line).toBe('error: cdk8s synth --output dist deleted dist/ before starting the generator, so the change review cannot see the previous output; '
      + `nothing was written: restore it (\`git checkout -- dist\`) and run \`node ${BIN} cluster.yaml\` `
      + '(or `npx cdk8s synth --output cdk8s.out`: cdk8s-cli deletes its --output folder, so give it a scratch one)'); // run as printed: test/generator/hints.test.ts
    expect(fs.readdirSync(repo).sort()).toEqual(['PLAN.md', 'cdk8s.yaml', 'cluster.yaml']); // cdk8s-cli deleted dist/ (and its scratch copy), the generator wrote nothing
  });
});

describe.concurrent('synth --check: independent of how the config path is spelled and of the working directory', () => {
  it('passes for cluster.yaml, ./cluster.yaml, an absolute path and from another folder; hints repeat the flags', async () => {
    const parent = tempDir();
    const repo = path.join(parent, 'gitops');
    fs.mkdirSync(repo);
    writeConfig(repo, REFERENCE);
    expect((await synth(['cluster.yaml', '--out', 'dist', '--quiet'], repo)).status).toBe(0);
    const checks = [
      [['./cluster.yaml', '--check'], repo],
      [[path.join(repo, 'cluster.yaml'), '--out', path.join(repo, 'dist'), '--check'], parent],
      [['gitops/cluster.yaml', '--check', '--out', 'gitops/dist'], parent],
      [['--config', '../cluster.yaml', '--out', '../dist/', '--check'], path.join(repo, 'dist')],
    ] as const;
    // one after the other: a --check takes the output's lock too (it reads the output whole)
    for (const [args, cwd] of checks) {
      const result = await synth([...args], cwd);
      expect(result.status, `${args.join(' ')} in ${cwd}: ${result.stderr}`).toBe(0);
    }
    writeConfig(repo, edit(REFERENCE, ', /ais/sdj]', ']'));
    const stale = await synth(['gitops/cluster.yaml', '--check', '--out', 'gitops/dist'], parent);
    expect(stale.status).toBe(1);
    // started as `node <bin>`: the hints say so (test/generator/hints.test.ts runs each form's)
    expect(stale.stderr).toContain(`Run \`node ${BIN} gitops/cluster.yaml --out gitops/dist\`, review, and commit the result.`);
    const refused = await synth(['gitops/cluster.yaml', '--out', 'gitops/dist'], parent);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`then run \`node ${BIN} gitops/cluster.yaml --out gitops/dist --allow-dangerous\`.`);
  });
});

describe.concurrent('file system surprises are messages, not stack traces (real processes)', () => {
  it('an --out below a file is refused before anything is written', async () => {
    const dir = tempDir();
    writeConfig(dir, REFERENCE);
    fs.writeFileSync(path.join(dir, 'afile'), 'mine\n');
    const result = await synth(['cluster.yaml', '--out', 'afile/dist'], dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('refusing --out afile/dist: afile is a file, not a folder');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(fs.readFileSync(path.join(dir, 'afile'), 'utf8')).toBe('mine\n');
  });

  it('an error no check foresaw (a folder where PLAN.md goes) ends with exit 1, the error, no stack trace and nothing written', async () => {
    const dir = tempDir();
    writeConfig(dir, REFERENCE);
    fs.mkdirSync(path.join(dir, 'PLAN.md'));
    const result = await synth(['cluster.yaml'], dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^error: EISDIR/m);
    expect(result.stderr).toContain('nothing was written');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
    // the stack is still there for whoever debugs it
    const debug = await synth(['cluster.yaml'], dir, { ...process.env, CDK8S_STORAGE_DEBUG: '1' });
    expect(debug.stderr).toMatch(/\n\s+at /);
  });
});
