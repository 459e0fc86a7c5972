/**
 * "Never lose a user's file" on every path (issue 17): synth replaces or deletes only what it
 * wrote for an output folder (its index, lib/output/ownership.ts), beside files included, and
 * refuses everything else before writing anything. Bugs in process handling (a crash renaming
 * the working directory, cdk8s-cli deleting its output folder) are tested in real processes.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { OWNED_FILES_INDEX } from '../../lib/output/ownership';
import { readDirTree } from '../../lib/output/planned-output';
import { EXAMPLES, ROOT, runCli, tempDir, writeConfig } from '../support/cli';
import { REFERENCE, edit, withGitops } from '../support/gitops';

const MINIMAL = fs.readFileSync(path.join(EXAMPLES, 'minimal.yaml'), 'utf8');
const ARGOCD = withGitops(REFERENCE, '  argocd:\n    repoURL: https://git.example.com/storage/gitops.git\n');
const RENAMED = (text: string) => edit(text, /^name: demo$/m, 'name: demo2');

/** Every file under a directory with its text: proof that a run changed nothing. */
const tree = (dir: string) => Object.fromEntries(readDirTree(dir));

/** Runs `npm run synth`'s entry point (bin/cdk8s-storage.js) in a real process. */
function synthProcess(args: string[], cwd: string) {
  return spawnSync(process.execPath, [path.join(ROOT, 'bin', 'cdk8s-storage.js'), ...args], { cwd, encoding: 'utf8' });
}

/** A repository folder holding a config and the output synth wrote for it in dist/. */
function synthedRepo(text: string): { repo: string; config: string; out: string } {
  const repo = tempDir();
  const config = writeConfig(repo, text);
  const out = path.join(repo, 'dist');
  expect(runCli([config, '--out', out, '--quiet']).code).toBe(0);
  return { repo, config, out };
}

describe('the output folder holds only what synth wrote', () => {
  it('`--out examples` with a config inside it is refused: every example stays (real process)', () => {
    const repo = tempDir();
    fs.cpSync(EXAMPLES, path.join(repo, 'examples'), { recursive: true });
    const before = tree(repo);
    const result = synthProcess(['examples/minimal.yaml', '--out', 'examples'], repo);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('refusing --out examples: it holds the config file examples/minimal.yaml');
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(tree(repo)).toEqual(before);
  });

  it('`--out .` is refused with a message, not an EBUSY stack trace (real process)', () => {
    const repo = tempDir();
    writeConfig(repo, MINIMAL);
    const before = tree(repo);
    const result = synthProcess(['cluster.yaml', '--out', '.'], repo);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('refusing --out .: it holds the config file cluster.yaml, and synth replaces the whole folder; '
      + 'point --out at a folder of its own: `node ' + path.join(ROOT, 'bin', 'cdk8s-storage.js') + ' cluster.yaml --out dist`\nnothing was written\n');
    expect(tree(repo)).toEqual(before);
  });

  it('`--out` on a parent of the config, or of the working directory, is refused', () => {
    const repo = tempDir();
    fs.mkdirSync(path.join(repo, 'a', 'b'), { recursive: true });
    const config = writeConfig(path.join(repo, 'a', 'b'), MINIMAL);
    expect(runCli([config, '--out', path.join(repo, 'a')]).stderr).toContain(`refusing --out ${path.join(repo, 'a')}: it holds the config file`);
    const cwdParent = synthProcess([config, '--out', '..'], path.join(repo, 'a', 'b'));
    expect(cwdParent.status).toBe(1);
    expect(cwdParent.stderr).toContain('refusing --out ..: it holds the config file');
    const elsewhere = synthProcess([path.join(EXAMPLES, 'minimal.yaml'), '--out', '..'], path.join(repo, 'a', 'b'));
    expect(elsewhere.stderr).toContain('refusing --out ..: it is the working directory or a parent of it');
    expect(fs.readdirSync(path.join(repo, 'a', 'b'))).toEqual(['cluster.yaml']);
  });

  it.each([
    ['a hand-written kustomization.yaml', 'kustomization.yaml', 'resources: []\n'],
    ['a hand-written Secret', 'secret.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s3-creds\n  namespace: ais\n'],
    ['a README', 'README.md', '# notes\n'],
  ])('%s in the output folder makes synth refuse, naming it; nothing changes', (_, name, text) => {
    const { repo, config, out } = synthedRepo(REFERENCE);
    fs.writeFileSync(path.join(out, name), text);
    const before = tree(repo);
    const result = runCli([config, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`refusing to write ${out}/: synth replaces only files it wrote for this output (listed in ${path.join(out, OWNED_FILES_INDEX)}), and these are not:\n  ${path.join(out, name)}\n`);
    expect(tree(repo)).toEqual(before);
    fs.rmSync(path.join(out, name));
    expect(runCli([config, '--out', out, '--quiet']).code).toBe(0);
  });

  it('a hand-written PLAN.md beside a new output folder is refused, not overwritten', () => {
    const repo = tempDir();
    const config = writeConfig(repo, MINIMAL);
    fs.writeFileSync(path.join(repo, 'PLAN.md'), '# our migration plan\n');
    const result = runCli([config, '--out', path.join(repo, 'dist')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`\n  ${path.relative(process.cwd(), path.join(repo, 'PLAN.md'))}\n`);
    expect(fs.readdirSync(repo).sort()).toEqual(['PLAN.md', 'cluster.yaml']);
    expect(fs.readFileSync(path.join(repo, 'PLAN.md'), 'utf8')).toBe('# our migration plan\n');
  });

  it('outputs in different folders keep their own beside files; two outputs sharing one parent are refused, not mixed', () => {
    const repo = tempDir();
    const minimal = writeConfig(repo, MINIMAL, 'minimal.yaml');
    const reference = writeConfig(repo, REFERENCE, 'reference.yaml');
    expect(runCli([minimal, '--out', path.join(repo, 'a', 'dist'), '--quiet']).code).toBe(0);
    expect(runCli([reference, '--out', path.join(repo, 'b', 'dist'), '--quiet']).code).toBe(0);
    expect(fs.readFileSync(path.join(repo, 'a', 'PLAN.md'), 'utf8')).toMatch(/^# Plan: mini\n/);
    expect(fs.readFileSync(path.join(repo, 'b', 'PLAN.md'), 'utf8')).toMatch(/^# Plan: demo\n/);
    const before = tree(repo);
    const sibling = runCli([reference, '--out', path.join(repo, 'a', 'dist2')]);
    expect(sibling.code).toBe(1);
    expect(sibling.stderr).toContain(`  ${path.relative(process.cwd(), path.join(repo, 'a', 'PLAN.md'))} (written for the output ${path.relative(process.cwd(), path.join(repo, 'a', 'dist'))}/)`);
    expect(tree(repo)).toEqual(before);
  });

  it('the summary names the files written beside the output', () => {
    const repo = tempDir();
    const result = runCli([writeConfig(repo, ARGOCD), '--out', path.join(repo, 'dist')]);
    expect(result.stdout).toContain(`wrote beside it in ${repo}/: argocd/demo.yaml, PLAN.md`);
  });
});

describe('a release rename with --allow-dangerous', () => {
  it('removes the old Application (it would keep syncing dist/), names it in the review and the summary', () => {
    const { repo, config, out } = synthedRepo(ARGOCD);
    fs.writeFileSync(config, RENAMED(ARGOCD));
    const result = runCli([config, '--out', out, '--allow-dangerous']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^ {2}- Application argocd\/demo {2}/m);
    expect(result.stdout).toContain('removed (written by the previous synth, no longer produced): argocd/demo.yaml');
    expect(fs.readdirSync(path.join(repo, 'argocd'))).toEqual(['demo2.yaml']);
    expect(runCli([config, '--check', '--out', out]).code).toBe(0);
  });

  it('--check notices an Application left behind (as earlier versions left it) and synth removes it', () => {
    const { repo, config, out } = synthedRepo(ARGOCD);
    const old = fs.readFileSync(path.join(repo, 'argocd', 'demo.yaml'), 'utf8');
    fs.writeFileSync(config, RENAMED(ARGOCD));
    expect(runCli([config, '--out', out, '--quiet', '--allow-dangerous']).code).toBe(0);
    fs.writeFileSync(path.join(repo, 'argocd', 'demo.yaml'), old); // e.g. restored by a merge
    const check = runCli([config, '--check', '--out', out]);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('  D argocd/demo.yaml');
    expect(check.stderr).toMatch(/^ {2}- Application argocd\/demo {2}/m);
    const synth = runCli([config, '--out', out]);
    expect(synth.code, synth.stderr).toBe(0);
    expect(fs.readdirSync(path.join(repo, 'argocd'))).toEqual(['demo2.yaml']);
  });

  it('leaves an Application of another output or written by hand in argocd/ alone', () => {
    const { repo, config, out } = synthedRepo(ARGOCD);
    const other = YAML.parse(fs.readFileSync(path.join(repo, 'argocd', 'demo.yaml'), 'utf8'));
    other.metadata.name = 'monitoring';
    other.spec.source.path = 'monitoring';
    fs.writeFileSync(path.join(repo, 'argocd', 'monitoring.yaml'), YAML.stringify(other));
    expect(runCli([config, '--check', '--out', out]).code).toBe(0);
    expect(runCli([config, '--out', out, '--quiet']).code).toBe(0);
    expect(fs.readdirSync(path.join(repo, 'argocd')).sort()).toEqual(['demo.yaml', 'monitoring.yaml']);
  });
});

describe('a failed run leaves every file as it was', () => {
  it('a config error after a synth: dist/, PLAN.md and the index are untouched (real process)', () => {
    const repo = tempDir();
    writeConfig(repo, REFERENCE);
    expect(synthProcess(['cluster.yaml', '--quiet'], repo).status).toBe(0);
    writeConfig(repo, edit(REFERENCE, /^name: demo$/m, 'name: Demo_1'));
    const before = tree(repo);
    const result = synthProcess(['cluster.yaml'], repo);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('nothing was written');
    expect(tree(repo)).toEqual(before);
  });
});

describe('an output written before the index existed', () => {
  it('is replaced when it holds only files this synth writes; a leftover file is named with what to do', () => {
    const { config, out } = synthedRepo(REFERENCE);
    fs.rmSync(path.join(out, OWNED_FILES_INDEX));
    expect(runCli([config, '--out', out, '--quiet']).code).toBe(0);
    expect(fs.existsSync(path.join(out, OWNED_FILES_INDEX))).toBe(true);
    fs.rmSync(path.join(out, OWNED_FILES_INDEX));
    fs.writeFileSync(path.join(out, 'ais-old-chart.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: old\n');
    const result = runCli([config, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`  ${path.join(out, 'ais-old-chart.yaml')}\n(${out}/ has no ${OWNED_FILES_INDEX}: it was written by an earlier version or by hand;`);
  });
});

describe('switching the Argo CD layout', () => {
  it('appOfApps -> single deletes the child Applications synth wrote, and their folder', () => {
    const appOfApps = ARGOCD.replace('  argocd:\n', '  argocd:\n    layout: appOfApps\n');
    const { repo, config, out } = synthedRepo(appOfApps);
    expect(fs.readdirSync(path.join(repo, 'argocd', 'demo')).sort()).toEqual(['demo-ais.yaml']);
    fs.writeFileSync(config, ARGOCD);
    const result = runCli([config, '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('removed (written by the previous synth, no longer produced): argocd/demo/demo-ais.yaml');
    expect(fs.readdirSync(path.join(repo, 'argocd'))).toEqual(['demo.yaml']);
  });
});

describe('the index', () => {
  it('cannot send a deletion outside the folder holding the output', () => {
    const { repo, config, out } = synthedRepo(REFERENCE);
    const outside = path.join(path.dirname(repo), `${path.basename(repo)}-keep.txt`);
    fs.writeFileSync(outside, 'keep\n');
    fs.appendFileSync(path.join(out, OWNED_FILES_INDEX), `../../${path.basename(outside)}\n../argocd/../../${path.basename(outside)}\n`);
    expect(runCli([config, '--out', out, '--quiet']).code).toBe(0);
    expect(fs.readFileSync(outside, 'utf8')).toBe('keep\n');
  });
});
