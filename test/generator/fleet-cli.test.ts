/**
 * `npm run synth -- fleet.yaml`: one run for the whole fleet, on scratch copies of examples/fleet/.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as YAML from 'yaml';
import { readDirTree } from '../../lib/output/planned-output';
import { EXAMPLES, ROOT, runCli, tempDir } from '../support/cli';

const EXAMPLE = path.join(EXAMPLES, 'fleet');
const SITES = ['eu-west-1', 'us-east-1', 'ap-south-1'];

/** Everything under a directory, with modification times: proof that a run wrote nothing. */
function snapshot(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, text] of readDirTree(dir)) result[name] = `${fs.statSync(path.join(dir, name)).mtimeMs} ${text}`;
  return result;
}

/** A scratch copy of the example fleet, synthesized once. */
function fleetCopy(synth = true): { root: string; file: string; run: (...args: string[]) => ReturnType<typeof runCli> } {
  const root = path.join(tempDir('fleet-cli-'), 'fleet');
  fs.cpSync(EXAMPLE, root, { recursive: true });
  const file = path.join(root, 'fleet.yaml');
  const run = (...args: string[]) => runCli([file, ...args]);
  if (synth) {
    const first = run('--quiet');
    expect(first.code, first.stderr).toBe(0);
  }
  return { root, file, run };
}

const removeMountpath = (root: string) => {
  const file = path.join(root, 'sites', 'eu-west-1', 'site.yaml');
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(', /ais/sdj]', ']'));
};

describe('synth of a fleet', () => {
  it('writes every site\'s output (dist/, PLAN.md, descriptors) and the fleet\'s files; a re-run changes no byte', () => {
    const { root, run } = fleetCopy(false);
    const result = run();
    expect(result.code, result.stderr).toBe(0);
    for (const site of SITES) {
      expect(result.stdout).toContain(`${site} (`);
      for (const file of ['dist/.cdk8s-storage-files', 'PLAN.md', 'argocd/ais.json']) expect(fs.existsSync(path.join(root, 'sites', site, file)), `${site} ${file}`).toBe(true);
      expect(fs.readFileSync(path.join(root, 'sites', site, 'PLAN.md'), 'utf8')).toContain(`fleet.yaml (defaults) + sites/${site}/site.yaml`);
    }
    for (const file of ['FLEET.md', '.cdk8s-storage-fleet', 'argocd/storage-ais.yaml', 'argocd/storage-auristor.yaml', 'argocd/storage-project.yaml',
      'argocd-settings/argocd-cm-health.yaml', 'argocd-settings/argocd-cmd-params-cm.yaml', 'argocd-settings/argocd-helm-values.yaml']) {
      expect(fs.existsSync(path.join(root, file)), file).toBe(true);
    }
    const tree = readDirTree(root);
    expect(run('--quiet').code).toBe(0);
    expect(readDirTree(root)).toEqual(tree);
  });

  it('FLEET.md lists every site of fleet.yaml and only those, with its last change, kept on an unchanged re-run and replaced by the next change', () => {
    const { root, run } = fleetCopy();
    const fleetMd = () => fs.readFileSync(path.join(root, 'FLEET.md'), 'utf8');
    const sitesTable = fleetMd().split('## Sites')[1].split('## ')[0];
    const rows = sitesTable.split('\n').filter((line) => /^\| `[a-z0-9-]+` \|/.test(line)).map((line) => line.split('`')[1]);
    expect(rows).toEqual(SITES);
    expect(fleetMd()).toContain('- `eu-west-1`: first output (');
    expect(run('--quiet').code).toBe(0);
    expect(fleetMd()).toContain('- `eu-west-1`: first output (');
    removeMountpath(root);
    expect(run('--quiet', '--allow-dangerous=eu-west-1').code).toBe(0);
    expect(fleetMd()).toContain('- `eu-west-1`: 2 dangerous; DANGEROUS mountpath-removed');
    expect(fleetMd()).toContain('- `us-east-1`: first output (');
  });

  it('the upgrade bridge column: a 4.x site needs 5.0 before 5.1+, a 5.0 site does not (aistore v1.5.0 docs/relnotes/5.0.md)', () => {
    const { root, run } = fleetCopy(false);
    const file = path.join(root, 'sites', 'ap-south-1', 'site.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('ais:\n', 'ais:\n  images: { aisnode: docker.io/aistorage/aisnode:v5.0, init: docker.io/aistorage/ais-init:v5.0 }\n'));
    expect(run('--quiet').code).toBe(0);
    const rows = fs.readFileSync(path.join(root, 'FLEET.md'), 'utf8').split('\n').filter((l) => l.startsWith('| `'));
    expect(rows.find((r) => r.startsWith('| `eu-west-1`'))).toMatch(/\| needs 5\.0 before 5\.1\+ \|$/);
    expect(rows.find((r) => r.startsWith('| `ap-south-1`'))).toMatch(/`aisnode:v5\.0` .*\| — \|$/);
  });

  it('--check covers every site in one run: clean, an edited site file, an edited fleet file, a foreign file', () => {
    const { root, run } = fleetCopy();
    const clean = run('--check');
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stdout).toMatch(/^3 sites up to date with .*fleet\.yaml \(eu-west-1, us-east-1, ap-south-1\), and the fleet's files \(7\)\.$/);
    const before = snapshot(root);

    const targets = path.join(root, 'sites', 'us-east-1', 'dist', 'ais-aistore.yaml');
    const edited = fs.readdirSync(path.dirname(targets)).find((f) => f.endsWith('.yaml'))!;
    fs.appendFileSync(path.join(root, 'sites', 'us-east-1', 'dist', edited), '# edited\n');
    let result = run('--check');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('site us-east-1 (main):');
    expect(result.stderr).toContain(`dist/${edited}`);
    expect(result.stderr).toMatch(/The fleet is out of date: sites us-east-1 \(2 of 3 sites up to date\)\. Nothing was written\./);
    fs.writeFileSync(path.join(root, 'sites', 'us-east-1', 'dist', edited), fs.readFileSync(path.join(root, 'sites', 'us-east-1', 'dist', edited), 'utf8').replace('# edited\n', ''));

    fs.appendFileSync(path.join(root, 'FLEET.md'), 'edited\n');
    result = run('--check');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('M FLEET.md');
    fs.writeFileSync(path.join(root, 'FLEET.md'), fs.readFileSync(path.join(root, 'FLEET.md'), 'utf8').replace('edited\n', ''));

    const appSet = path.join(root, 'argocd', 'storage-ais.yaml');
    const original = fs.readFileSync(appSet, 'utf8');
    fs.writeFileSync(appSet, original.replace('preserveResourcesOnDeletion: true', 'preserveResourcesOnDeletion: false'));
    result = run('--check');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('M argocd/storage-ais.yaml');
    fs.writeFileSync(appSet, original);

    fs.writeFileSync(path.join(root, 'sites', 'ap-south-1', 'dist', 'extra.yaml'), 'kind: ConfigMap\n');
    result = run('--check');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('site ap-south-1 (main):');
    expect(result.stderr).toContain('extra.yaml');
    fs.rmSync(path.join(root, 'sites', 'ap-south-1', 'dist', 'extra.yaml'));
    expect(run('--check').code).toBe(0);
    expect(Object.keys(snapshot(root))).toEqual(Object.keys(before));
  });

  it('a dangerous change in one site: refused by site name with nothing written anywhere; accepted only for that site', () => {
    const { root, run } = fleetCopy();
    removeMountpath(root);
    const before = snapshot(root);
    let result = run();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('site eu-west-1 (canary):');
    expect(result.stderr).toContain('DANGEROUS: mountpath /ais/sdj removed');
    expect(result.stderr).toContain('Refusing to write the fleet: dangerous changes in eu-west-1 (above). Nothing was written in any site.');
    expect(result.stderr).toMatch(/then run `npm run synth -- \S*fleet\.yaml --allow-dangerous=eu-west-1`/);
    expect(snapshot(root)).toEqual(before);
    expect(fs.readdirSync(path.join(root, 'sites', 'eu-west-1')).filter((f) => f.startsWith('.'))).toEqual([]);

    result = run('--allow-dangerous=us-east-1');
    expect(result.code).toBe(1);
    expect(snapshot(root)).toEqual(before);
    result = run('--allow-dangerous');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--allow-dangerous=eu-west-1');
    expect(run('--allow-dangerous=nowhere').code).toBe(2);

    result = run('--allow-dangerous=eu-west-1');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('written with --allow-dangerous=eu-west-1');
    expect(fs.readFileSync(path.join(root, 'sites', 'eu-west-1', 'dist', 'ais-config.yaml'), 'utf8')).not.toContain('/ais/sdj');
  });

  it('--diff prints each site\'s review and exits 1 only when synth would refuse', () => {
    const { root, run } = fleetCopy();
    let result = run('--diff');
    expect(result.code).toBe(0);
    for (const site of SITES) expect(result.stdout).toContain(`site ${site} (`);
    expect(result.stdout).toContain('Change review: no changes');
    removeMountpath(root);
    result = run('--diff');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('synth would refuse this change without --allow-dangerous=eu-west-1');
  });

  it('problems in a site\'s file and in defaults are all reported in one run, and nothing is written', () => {
    const { root, file, run } = fleetCopy();
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('namespace: ais', 'namespace: AIS'));
    fs.appendFileSync(path.join(root, 'sites', 'ap-south-1', 'site.yaml'), 'namespce: x\n');
    const before = snapshot(root);
    const result = run();
    expect(result.code).toBe(1);
    const lines = result.stderr.split('\n');
    expect(lines.some((l) => /fleet\.yaml:\d+:\d+: namespace: .*\(sites eu-west-1, us-east-1, ap-south-1\)$/.test(l))).toBe(true);
    expect(lines.some((l) => /sites\/ap-south-1\/site\.yaml:\d+:1: namespce: unknown key .*\(site ap-south-1\)$/.test(l))).toBe(true);
    expect(lines).toContain('nothing was written');
    expect(snapshot(root)).toEqual(before);
  });

  it('a site that left fleet.yaml: refused without --remove-site; with it only that site\'s generated files go, its site.yaml stays, nothing live is deleted', () => {
    const { root, file, run } = fleetCopy();
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/  - name: us-east-1\n    region: us\n    wave: main\n/, ''));
    const before = snapshot(root);
    let result = run();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('site us-east-1: removed from the fleet file [site-removed]');
    expect(result.stderr).toContain('preserveResourcesOnDeletion');
    expect(result.stderr).toMatch(/--remove-site=us-east-1`/);
    expect(snapshot(root)).toEqual(before);
    expect(run('--remove-site=eu-west-1').code).toBe(2);

    result = run('--remove-site=us-east-1');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('removed the output of site us-east-1 (nothing in its cluster was deleted');
    expect(fs.readdirSync(path.join(root, 'sites', 'us-east-1'))).toEqual(['site.yaml']);
    expect(fs.readFileSync(path.join(root, '.cdk8s-storage-fleet'), 'utf8')).not.toContain('us-east-1');
    const appSet = YAML.parse(fs.readFileSync(path.join(root, 'argocd', 'storage-ais.yaml'), 'utf8'));
    expect(appSet.spec.syncPolicy).toEqual({ preserveResourcesOnDeletion: true, applicationsSync: 'create-update' });
    expect(run('--check').code).toBe(0);
  });

  it('a failure while swapping the sites in (simulated in a real process) leaves every site as it was', () => {
    const { root, file } = fleetCopy();
    removeMountpath(root);
    const before = snapshot(root);
    const preload = path.join(tempDir('preload-'), 'fail-rename.js');
    // the third site's swap fails after the first two were swapped in
    fs.writeFileSync(preload, `const fs = require('node:fs'); const rename = fs.renameSync;
fs.renameSync = (from, to) => { if (String(from).includes('.dist.new-') && String(to).includes('ap-south-1')) throw Object.assign(new Error('EIO: simulated'), { code: 'EIO' }); return rename(from, to); };\n`);
    const result = spawnSync(process.execPath, ['-r', preload, path.join(ROOT, 'bin', 'cdk8s-storage.js'), file, '--allow-dangerous=eu-west-1'], { cwd: root, encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(1);
    expect(result.stderr).toContain('EIO: simulated');
    expect(snapshot(root)).toEqual(before);
    for (const site of SITES) expect(fs.readdirSync(path.join(root, 'sites', site)).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('a cluster config takes neither --allow-dangerous=<sites> nor --remove-site', () => {
    expect(runCli([path.join(EXAMPLES, 'minimal.yaml'), '--remove-site=x']).code).toBe(2);
    expect(runCli([path.join(EXAMPLES, 'minimal.yaml'), '--allow-dangerous=x']).code).toBe(2);
  });
});
