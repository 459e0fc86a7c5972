import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { OWNED_FILES_INDEX } from '../../lib/output/ownership';
import { ROOT, repoWith, runCli, snapshot, tempDir, writeConfig, withoutSchemaWarnings } from '../support/cli';
import { REFERENCE, edit, outputObjects, withGitops, withNode13 } from '../support/gitops';
import { validateAll } from '../support/schema';

const REPO = 'https://git.example.com/storage/gitops.git';
/** The committed reference output: its files, and how many objects stay unchanged when a node is added (all but the 3 StatefulSets). */
const DIST_FILES = fs.readdirSync(path.join(ROOT, 'dist')).length + 1; // + PLAN.md beside it
const UNCHANGED_WHEN_NODE_ADDED = outputObjects(REFERENCE).length - 3;
const NODE_ADDED_REVIEW = `Change review: 1 added, 3 in-place (${UNCHANGED_WHEN_NODE_ADDED} objects unchanged)`;
const ARGOCD = withGitops(REFERENCE, `  argocd:\n    repoURL: ${REPO}\n`);

describe('synth --check (CI gate)', () => {
  it('passes on the committed reference output and writes nothing', () => {
    const dist = path.join(ROOT, 'dist');
    const before = snapshot(dist);
    const result = runCli(['--check', '--out', dist]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(`${dist}/ is up to date with the reference example (${DIST_FILES} files).`);
    expect(snapshot(dist)).toEqual(before);
  });

  it('fails after a config edit with a unified diff summary and the change review, writing nothing', () => {
    const { repo, config, out } = repoWith(REFERENCE);
    fs.writeFileSync(config, withNode13(REFERENCE));
    const before = snapshot(repo);
    const result = runCli([config, '--check', '--out', out]);
    expect(result.code).toBe(1);
    const lines = withoutSchemaWarnings(result.stderr).split('\n');
    expect(lines[0]).toBe(`${out}/ is out of date: it is not what ${config} produces. Nothing was written.`);
    expect(lines).toContain('  M dist/ais-node-labels.yaml  +11 -0');
    expect(lines).toContain('--- committed/dist/ais-node-labels.yaml');
    expect(lines).toContain('+  name: cpu13');
    expect(lines).toContain(NODE_ADDED_REVIEW);
    expect(snapshot(repo)).toEqual(before);
  });

  it('fails when the output folder holds a file synth did not write (a kustomization would switch Argo CD off directory mode)', () => {
    const { out } = repoWith(REFERENCE);
    fs.writeFileSync(path.join(out, 'kustomization.yaml'), 'resources: []\n');
    const result = runCli(['--check', '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('  D dist/kustomization.yaml  +0 -1');
  });

  it('covers the Argo CD Application beside the output', () => {
    const { repo, config, out } = repoWith(ARGOCD);
    expect(runCli([config, '--check', '--out', out]).code).toBe(0);
    fs.writeFileSync(config, edit(ARGOCD, REPO, 'https://git.example.com/other.git'));
    const before = snapshot(repo);
    const result = runCli([config, '--check', '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('  M argocd/demo.yaml  +1 -1');
    expect(result.stderr).toContain('+    repoURL: https://git.example.com/other.git');
    expect(snapshot(repo)).toEqual(before);
  });

  it('fails on a missing output without creating it', () => {
    const repo = tempDir();
    const config = writeConfig(repo, ARGOCD);
    const result = runCli([config, '--check', '--out', path.join(repo, 'dist')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('  A dist/ais-targets.yaml');
    expect(result.stderr).toContain('  A argocd/demo.yaml');
    expect(fs.readdirSync(repo)).toEqual(['cluster.yaml']);
  });

  it('works as `npm run synth -- --check` in a real process: exit 0 up to date, 1 out of date', () => {
    const synth = (args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'bin', 'cdk8s-storage.js'), ...args], { cwd: ROOT, encoding: 'utf8' });
    const ok = synth(['--check']);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toBe(`dist/ is up to date with the reference example (${DIST_FILES} files).\n`);
    const { config, out } = repoWith(REFERENCE);
    fs.writeFileSync(config, edit(REFERENCE, ', /ais/sdj]', ']'));
    const stale = synth([config, '--check', '--out', out]);
    expect(stale.status).toBe(1);
    expect(stale.stderr).toContain('  M dist/ais-targets.yaml');
  });
});

describe('synth with a previous output: the change review decides', () => {
  it('adding a node passes as an in-place change and is written', () => {
    const { config, out } = repoWith(REFERENCE);
    fs.writeFileSync(config, withNode13(REFERENCE));
    const result = runCli([config, '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`${NODE_ADDED_REVIEW}\nIn order:\n  1. Note: StatefulSet ais/demo-proxy: new pod template, applied only to pods you delete`);
    expect(result.stdout).toContain('\nObjects:\n  + Node cpu13  added\n');
    expect(fs.readFileSync(path.join(out, 'ais-node-labels.yaml'), 'utf8')).toContain('name: cpu13');
  });

  it('editing the mountpath list is refused with an explanation; the previous output stays untouched', () => {
    const { repo, config, out } = repoWith(REFERENCE);
    fs.writeFileSync(config, edit(REFERENCE, ', /ais/sdj]', ']'));
    const before = snapshot(repo);
    const result = runCli([config, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('DANGEROUS: mountpath /ais/sdj removed from the targets of AIS cluster demo (namespace ais)');
    expect(result.stderr).toContain('Do first: detach the mountpath on every target (`ais storage mountpath detach TARGET_ID=/ais/sdj` for each target ID of `ais show cluster target`');
    expect(result.stderr).toContain(`Refusing to write ${out}/: 1 dangerous change (above). Nothing was written.`);
    expect(snapshot(repo)).toEqual(before);
  });

  it('renaming the release is refused', () => {
    const { repo, config, out } = repoWith(REFERENCE);
    fs.writeFileSync(config, edit(REFERENCE, /^name: demo$/m, 'name: demo2'));
    const before = snapshot(repo);
    const result = runCli([config, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('DANGEROUS: AIS cluster demo (namespace ais) renamed to AIS cluster demo2 (namespace ais) [release-or-namespace-renamed]');
    expect(result.stderr).toContain('Refusing to write');
    expect(snapshot(repo)).toEqual(before);
  });

  it('--allow-dangerous writes, and says what to do before Argo CD syncs', () => {
    const { config, out } = repoWith(REFERENCE);
    fs.writeFileSync(config, edit(REFERENCE, ', /ais/sdj]', ']'));
    const result = runCli([config, '--out', out, '--allow-dangerous']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('DANGEROUS: mountpath /ais/sdj removed');
    expect(result.stdout.endsWith('written with --allow-dangerous: do what the DANGEROUS findings say before Argo CD syncs')).toBe(true);
    expect(fs.readFileSync(path.join(out, 'ais-config.yaml'), 'utf8')).not.toContain('/ais/sdj');
  });

  it('--diff prints the review and writes nothing; it exits 1 when synth would refuse', () => {
    const { repo, config, out } = repoWith(REFERENCE);
    const before = snapshot(repo);
    fs.writeFileSync(config, edit(REFERENCE, ', /ais/sdj]', ']'));
    const dangerous = runCli([config, '--out', out, '--diff']);
    expect(dangerous.code).toBe(1);
    expect(dangerous.stdout).toContain('  X StatefulSet ais/demo-target  dangerous');
    expect(dangerous.stdout.endsWith('synth would refuse this change without --allow-dangerous')).toBe(true);
    fs.writeFileSync(config, withNode13(REFERENCE));
    const fine = runCli([config, '--out', out, '--diff']);
    expect(fine.code).toBe(0);
    const proxyNote = (set: string) => `StatefulSet ais/${set}: new pod template, applied only to pods you delete (updateStrategy OnDelete)`;
    expect(fine.stdout.split('\n\n')[0]).toBe(`${NODE_ADDED_REVIEW}\n`
      + 'In order:\n'
      + `  1. Note: ${proxyNote('demo-proxy')} [on-delete-restart]\n`
      + `  2. Note: ${proxyNote('demo-proxy-primary')} [on-delete-restart]\n`
      + 'Runbooks (below, and in PLAN.md under "Change runbook"):\n'
      + '  - add target node cpu13 (demo-target 12 → 13); add proxy node cpu13 (AIS cluster demo, namespace ais)');
    expect(fine.stdout.split('\n\n')[1]).toBe('Objects:\n'
      + '  + Node cpu13  added\n'
      + '  ~ StatefulSet ais/demo-proxy  in-place: spec.replicas, spec.template.spec.containers[0].args[3]\n'
      + '  ~ StatefulSet ais/demo-proxy-primary  in-place: spec.template.spec.containers[0].args[3]\n'
      + '  ~ StatefulSet ais/demo-target  in-place: spec.replicas');
    expect(runCli([config, '--out', out, '--diff']).stdout).toBe(fine.stdout); // deterministic
    expect(snapshot(repo)).toEqual({ ...before, 'cluster.yaml': snapshot(repo)['cluster.yaml'] });
  });

  it('prints no review on the first synth, and refuses --check with --diff', () => {
    const repo = tempDir();
    const result = runCli([writeConfig(repo, REFERENCE), '--out', path.join(repo, 'dist')]);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('Change review');
    expect(runCli(['--check', '--diff']).code).toBe(2);
  });
});

describe('Argo CD delivery files', () => {
  it('writes the Application beside dist/, which holds only the synced YAML', async () => {
    const { repo, out } = repoWith(ARGOCD);
    expect(fs.readdirSync(repo).sort()).toEqual(['PLAN.md', 'argocd', 'cluster.yaml', 'dist']);
    const application = YAML.parse(fs.readFileSync(path.join(repo, 'argocd', 'demo.yaml'), 'utf8'));
    expect(application.spec.source).toEqual({ repoURL: REPO, targetRevision: 'HEAD', path: 'dist' });
    expect(await validateAll([application])).toEqual([]);
    const files = fs.readdirSync(out);
    expect(files.every((f) => f.endsWith('.yaml') || f === OWNED_FILES_INDEX)).toBe(true);
    const kinds = files.filter((f) => f.endsWith('.yaml')).flatMap((f) => YAML.parseAllDocuments(fs.readFileSync(path.join(out, f), 'utf8')).map((d) => d.toJS().kind));
    expect(kinds).not.toContain('Application');
    expect(kinds).not.toContain('Kustomization');
  });
});
