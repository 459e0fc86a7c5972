import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OWNED_FILES_INDEX } from '../../lib/output/ownership';
import { EXAMPLES, readTree, runCli, tempDir, writeConfig } from '../support/cli';

const minimal = path.join(EXAMPLES, 'minimal.yaml');

describe('generator CLI', () => {
  it('writes one file per concern and prints a summary by kind', () => {
    const out = path.join(tempDir(), 'dist');
    const result = runCli([minimal, '--out', out]);
    expect(result.code).toBe(0);
    expect(Object.keys(readTree(out))).toEqual([
      OWNED_FILES_INDEX, 'ais-config.yaml', 'ais-namespace.yaml', 'ais-node-labels.yaml', 'ais-policies.yaml', 'ais-proxies.yaml', 'ais-services.yaml',
      'ais-targets.yaml',
    ]);
    expect(result.stdout).toMatch(/^wrote 7 files, \d+ objects to .*dist\/$/m);
    expect(result.stdout).toMatch(/^ {2}StatefulSet {2,}2$/m);
  });

  it('removes files of charts that no longer exist', () => {
    const dir = tempDir();
    const out = path.join(dir, 'dist');
    expect(runCli([path.join(EXAMPLES, 'reference.yaml'), '--out', out, '--quiet']).code).toBe(0);
    expect(fs.existsSync(path.join(out, 'ais-metallb.yaml'))).toBe(true);
    // another release in the same dir is a rename, which the change review refuses without --allow-dangerous
    expect(runCli([minimal, '--out', out, '--quiet', '--allow-dangerous']).code).toBe(0);
    expect(fs.existsSync(path.join(out, 'ais-metallb.yaml'))).toBe(false);
    expect(fs.readdirSync(dir).sort()).toEqual(['PLAN.md', 'dist']); // no staging leftovers
  });

  it('refuses to replace a directory holding files it did not write', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'package.json'), '{}');
    const result = runCli([minimal, '--out', dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`refusing to write ${dir}/: synth replaces only files it wrote for this output`);
    expect(result.stderr).toContain(`\n  ${path.join(dir, 'package.json')}\n`);
    expect(fs.readdirSync(dir)).toEqual(['package.json']);
  });

  it('writes the kubectl label script beside the output, never inside it', () => {
    const dir = tempDir();
    const config = writeConfig(dir, fs.readFileSync(minimal, 'utf8').replace('ais:\n', 'ais:\n  nodeLabels: { output: script }\n'));
    const out = path.join(dir, 'dist');
    expect(runCli([config, '--out', out, '--quiet']).code).toBe(0);
    expect(fs.existsSync(path.join(out, 'ais-node-labels.yaml'))).toBe(false);
    const script = fs.readFileSync(path.join(dir, 'label-nodes.sh'), 'utf8');
    expect(script).toContain('kubectl label node node1 nvidia.com/ais-target=mini-ais nvidia.com/ais-proxy=mini-ais-electable nvidia.com/ais-initial-primary-proxy=mini-ais --overwrite');
    expect(fs.statSync(path.join(dir, 'label-nodes.sh')).mode & 0o111).not.toBe(0);
  });

  it('--help lists the options and exits 0', () => {
    const result = runCli(['--help']);
    expect(result.code).toBe(0);
    for (const flag of ['--config', '--out', '--quiet', '--help']) expect(result.stdout).toContain(flag);
  });
});

describe('files beside the output', () => {
  it('writes PLAN.md beside dist/ on every synth, never inside it', () => {
    const dir = tempDir();
    const out = path.join(dir, 'dist');
    expect(runCli([path.join(EXAMPLES, 'reference.yaml'), '--out', out, '--quiet']).code).toBe(0);
    const plan = fs.readFileSync(path.join(dir, 'PLAN.md'), 'utf8');
    expect(plan).toMatch(/^# Plan: demo\n/);
    expect(plan).toContain('```mermaid');
    expect(fs.readdirSync(out).every((name) => name.endsWith('.yaml') || name === OWNED_FILES_INDEX)).toBe(true);
  });

  it('calls out a replaced AuriStorFS kmod in the summary, with the node-by-node runbook', () => {
    const dir = tempDir();
    const out = path.join(dir, 'dist');
    const phased = fs.readFileSync(path.join(EXAMPLES, 'auristor-phased.yaml'), 'utf8').replace('delivery: sro', 'delivery: static');
    expect(runCli([writeConfig(dir, phased), '--out', out, '--quiet']).code).toBe(0);
    const bumped = phased.replace('kmodVersion: "2021.05-15"', 'kmodVersion: "2021.05-20"');
    const result = runCli([writeConfig(dir, bumped), '--out', out]);
    expect(result.code).toBe(0); // OnDelete DaemonSets: the new module loads only when their pods are deleted
    expect(result.stdout).toContain('AuriStorFS: AuriStorFS group group-2: new kmod pod template for DaemonSet auristorfs-group-2/auristorfs-kmod-4-18-0-305-49-1-el8-4-x86-64');
    expect(result.stdout).toContain('Runbook: upgrade AuriStorFS group group-2 node by node (static: deleting one node\'s kmod pod at a time)');
    expect(result.stdout).toContain('kubectl delete pod -n auristorfs-group-2 -l app.kubernetes.io/component=kmod --field-selector spec.nodeName=cpu03');
  });
});
