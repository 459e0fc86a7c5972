/**
 * The other ways to run the generator keep the guarantees of `npm run synth` (issue 17): the
 * cdk8s CLI (which deletes its output folder before it starts the app), and the CI gate whatever
 * the spelling of the config path and the working directory. Real processes throughout.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { readDirTree } from '../../lib/output/planned-output';
import { ROOT, tempDir, writeConfig } from '../support/cli';
import { REFERENCE, edit } from '../support/gitops';

const tree = (dir: string) => Object.fromEntries(readDirTree(dir));
const BIN = path.join(ROOT, 'bin', 'cdk8s-storage.js');
const synth = (args: string[], cwd: string) => spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });

describe('npx cdk8s synth', () => {
  const project = YAML.parse(fs.readFileSync(path.join(ROOT, 'cdk8s.yaml'), 'utf8'));

  /** A repository with the project's cdk8s.yaml, its app reading `cluster.yaml`, and the reference config. */
  function cdk8sRepo(): { repo: string; cdk8s: (...args: string[]) => ReturnType<typeof spawnSync> } {
    const repo = tempDir();
    writeConfig(repo, REFERENCE);
    fs.writeFileSync(path.join(repo, 'cdk8s.yaml'), YAML.stringify({ ...project, app: `${project.app.replace('bin/cdk8s-storage.js', BIN)} cluster.yaml` }));
    const cli = path.join(ROOT, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s');
    return { repo, cdk8s: (...args) => spawnSync(process.execPath, [cli, 'synth', '--no-check-upgrade', ...args], { cwd: repo, encoding: 'utf8' }) };
  }

  it('the project runs the generator and points cdk8s-cli (which deletes its output folder first) at a scratch folder, not dist/', () => {
    expect(project.app).toBe('node bin/cdk8s-storage.js');
    expect(project.output).toBe('cdk8s.out');
    expect(fs.readFileSync(path.join(ROOT, '.gitignore'), 'utf8').split('\n')).toContain('cdk8s.out/');
  });

  it('writes dist/ and PLAN.md as npm run synth does, and a copy of the YAML for cdk8s-cli', () => {
    const { repo, cdk8s } = cdk8sRepo();
    const result = cdk8s();
    expect(result.status, String(result.stderr)).toBe(0);
    const viaNpm = tempDir();
    writeConfig(viaNpm, REFERENCE);
    expect(synth(['cluster.yaml', '--quiet'], viaNpm).status).toBe(0);
    expect(tree(path.join(repo, 'dist'))).toEqual(tree(path.join(viaNpm, 'dist')));
    expect(fs.readFileSync(path.join(repo, 'PLAN.md'), 'utf8')).toBe(fs.readFileSync(path.join(viaNpm, 'PLAN.md'), 'utf8'));
    const yaml = Object.fromEntries(Object.entries(tree(path.join(repo, 'dist'))).filter(([name]) => name.endsWith('.yaml')));
    expect(tree(path.join(repo, 'cdk8s.out'))).toEqual(yaml);
  });

  it('refuses a dangerous change and a bad config leaving dist/ as it was, and refuses `--output dist` with one line', () => {
    const { repo, cdk8s } = cdk8sRepo();
    expect(cdk8s().status).toBe(0);
    const kept = () => ({ ...tree(path.join(repo, 'dist')), PLAN: fs.readFileSync(path.join(repo, 'PLAN.md'), 'utf8') });
    const before = kept();
    writeConfig(repo, edit(REFERENCE, /^name: demo$/m, 'name: demo2'));
    const renamed = cdk8s();
    expect(renamed.status).not.toBe(0);
    expect(renamed.stderr).toContain('Refusing to write dist/');
    expect(kept()).toEqual(before);

    writeConfig(repo, edit(REFERENCE, /^name: demo$/m, 'name: Demo_1'));
    const bad = cdk8s();
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('nothing was written');
    expect(kept()).toEqual(before);

    writeConfig(repo, REFERENCE);
    const deleting = cdk8s('--output', 'dist');
    expect(deleting.status).not.toBe(0);
    const line = String(deleting.stderr).split('\n').find((l) => l.startsWith('error: '));
    expect(line).toBe('error: cdk8s synth --output dist deleted dist/ before starting the generator, so the change review cannot see the previous output; '
      + `nothing was written: restore it (\`git checkout -- dist\`) and run \`node ${BIN} cluster.yaml\` `
      + '(or `npx cdk8s synth --output cdk8s.out`: cdk8s-cli deletes its --output folder, so give it a scratch one)'); // run as printed: test/generator/hints.test.ts
    expect(fs.readdirSync(repo).sort()).toEqual(['PLAN.md', 'cdk8s.yaml', 'cluster.yaml']); // cdk8s-cli deleted dist/ (and its scratch copy), the generator wrote nothing
  });
});

describe('synth --check: independent of how the config path is spelled and of the working directory', () => {
  it('passes for cluster.yaml, ./cluster.yaml, an absolute path and from another folder; hints repeat the flags', () => {
    const parent = tempDir();
    const repo = path.join(parent, 'gitops');
    fs.mkdirSync(repo);
    writeConfig(repo, REFERENCE);
    expect(synth(['cluster.yaml', '--out', 'dist', '--quiet'], repo).status).toBe(0);
    for (const [args, cwd] of [
      [['./cluster.yaml', '--check'], repo],
      [[path.join(repo, 'cluster.yaml'), '--out', path.join(repo, 'dist'), '--check'], parent],
      [['gitops/cluster.yaml', '--check', '--out', 'gitops/dist'], parent],
      [['--config', '../cluster.yaml', '--out', '../dist/', '--check'], path.join(repo, 'dist')],
    ] as const) {
      const result = synth([...args], cwd);
      expect(result.status, `${args.join(' ')} in ${cwd}: ${result.stderr}`).toBe(0);
    }
    writeConfig(repo, edit(REFERENCE, ', /ais/sdj]', ']'));
    const stale = synth(['gitops/cluster.yaml', '--check', '--out', 'gitops/dist'], parent);
    expect(stale.status).toBe(1);
    // started as `node <bin>`: the hints say so (test/generator/hints.test.ts runs each form's)
    expect(stale.stderr).toContain(`Run \`node ${BIN} gitops/cluster.yaml --out gitops/dist\`, review, and commit the result.`);
    const refused = synth(['gitops/cluster.yaml', '--out', 'gitops/dist'], parent);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`then run \`node ${BIN} gitops/cluster.yaml --out gitops/dist --allow-dangerous\`.`);
  });
});

describe('file system surprises are messages, not stack traces (real processes)', () => {
  it('an --out below a file is refused before anything is written', () => {
    const dir = tempDir();
    writeConfig(dir, REFERENCE);
    fs.writeFileSync(path.join(dir, 'afile'), 'mine\n');
    const result = synth(['cluster.yaml', '--out', 'afile/dist'], dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('refusing --out afile/dist: afile is a file, not a folder');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(fs.readFileSync(path.join(dir, 'afile'), 'utf8')).toBe('mine\n');
  });

  it('an error no check foresaw (a folder where PLAN.md goes) ends with exit 1, the error, no stack trace and nothing written', () => {
    const dir = tempDir();
    writeConfig(dir, REFERENCE);
    fs.mkdirSync(path.join(dir, 'PLAN.md'));
    const result = synth(['cluster.yaml'], dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^error: EISDIR/m);
    expect(result.stderr).toContain('nothing was written');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
    // the stack is still there for whoever debugs it
    const debug = spawnSync(process.execPath, [BIN, 'cluster.yaml'], { cwd: dir, encoding: 'utf8', env: { ...process.env, CDK8S_STORAGE_DEBUG: '1' } });
    expect(debug.stderr).toMatch(/\n\s+at /);
  });
});
