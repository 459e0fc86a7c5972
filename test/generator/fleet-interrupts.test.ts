/**
 * A fleet synth under concurrency and after a crash (issue 25 item 1): it takes the lock of the fleet root and of
 * each site's folder, so a second fleet synth (or a synth of one site's output) fails at once naming the first
 * instead of both reporting success with one output lost; what a killed synth left in a site's folder is removed by
 * the next fleet synth and named by `--check`; a SIGINT leaves the old fleet or the new one, whole. Real processes,
 * on scratch copies of examples/fleet/.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUTPUT_LOCK } from '../../lib/output/output-lock';
import { readDirTree } from '../../lib/output/planned-output';
import { EXAMPLES, tempDir } from '../support/cli';
import { start, strays, synth, synthAsync } from '../support/synth-process';

const SITES = ['eu-west-1', 'us-east-1', 'ap-south-1'];

/** Everything the fleet's synth wrote under its root (the inputs are the same in every run). */
const tree = (root: string) => Object.fromEntries(readDirTree(root));
/** Temporary folders or locks anywhere a fleet synth writes: the root and each site's folder. */
const leftAnywhere = (root: string) => [root, ...SITES.map((s) => path.join(root, 'sites', s))].flatMap((dir) => strays(dir).filter((n) => n !== '.cdk8s-storage-fleet')
  .map((n) => path.relative(root, path.join(dir, n))));

/** A copy of a fleet root, under the same folder name, in a scratch folder of its own. */
function copyOf(template: string): string {
  const root = path.join(tempDir('fleet-locks-'), 'fleet');
  fs.cpSync(template, root, { recursive: true });
  return root;
}

/**
 * The example fleet with a second fleet file (another repository URL: other ApplicationSets), written
 * once; then the whole tree each fleet file gives (after each has run once, so FLEET.md's history is
 * settled; fleet.yaml's on disk). Made once for this file; each test works on a copy.
 */
let fleets: Promise<{ written: string; settled: string; outputs: Map<string, Record<string, string>> }> | undefined;
function writtenFleets() {
  fleets ??= (async () => {
    const written = path.join(tempDir('fleet-locks-'), 'fleet');
    fs.cpSync(path.join(EXAMPLES, 'fleet'), written, { recursive: true });
    const text = fs.readFileSync(path.join(written, 'fleet.yaml'), 'utf8');
    const other = text.replace('https://git.example.com/storage/gitops.git', 'https://git.example.com/storage/other.git');
    expect(other).not.toBe(text);
    fs.writeFileSync(path.join(written, 'other.yaml'), other);
    const first = await synthAsync(['fleet.yaml', '--quiet'], written);
    expect(first.status, first.stderr).toBe(0);
    const settled = copyOf(written);
    const outputs = new Map<string, Record<string, string>>();
    for (const file of ['other.yaml', 'fleet.yaml', 'other.yaml', 'fleet.yaml']) {
      expect((await synthAsync([file, '--quiet'], settled)).status).toBe(0);
      outputs.set(file, tree(settled));
    }
    expect(outputs.get('fleet.yaml')).not.toEqual(outputs.get('other.yaml'));
    return { written, settled, outputs };
  })();
  return fleets;
}

/** A scratch copy of the example fleet and its second fleet file, written once by fleet.yaml. */
const fleetCopy = async () => copyOf((await writtenFleets()).written);

/** A scratch copy after both fleet files ran (fleet.yaml's output on disk), and the whole tree each gives. */
async function bothOutputs(): Promise<{ root: string; outputs: Map<string, Record<string, string>> }> {
  const { settled, outputs } = await writtenFleets();
  return { root: copyOf(settled), outputs };
}

describe.concurrent('fleet synth: one at a time', () => {
  it('two fleet synths at once: each writes whole or fails naming the other; never two successes with one output lost', async () => {
    const { root, outputs } = await bothOutputs();
    let refusals = 0;
    for (let round = 0; round < 3; round++) {
      const files = ['other.yaml', 'fleet.yaml'];
      const exits = await Promise.all(files.map((file) => start([file], root)).map((r) => r.exit));
      for (const exit of exits) {
        const refused = /another synth is writing (the fleet in \.\/|sites\/[a-z0-9-]+\/dist\/) \((pid \d+|a process that is starting)\)/.test(exit.stderr); // the second form: caught between the create and the write of the lock
        expect(exit.code === 0 || (exit.code === 1 && refused && exit.stderr.includes('nothing was written')), exit.stderr).toBe(true);
        if (exit.code === 1) refusals++;
      }
      const final = tree(root);
      // the output is a successful run's, whole (the refused one wrote nothing)
      const succeeded = exits.flatMap((exit, i) => (exit.code === 0 ? [outputs.get(files[i])] : []));
      expect(succeeded.length).toBeGreaterThan(0);
      expect(succeeded).toContainEqual(final);
      expect(leftAnywhere(root)).toEqual([]);
    }
    expect(refusals).toBeGreaterThan(0); // they did overlap
  }, 120_000);

  it.each([['the fleet root', '.', 'the fleet in ./'], ['a site\'s folder', 'sites/us-east-1', 'sites/us-east-1/dist/']])(
    'a live synth holding %s: a fleet synth, --check and --diff fail at once naming it; nothing changes', async (_, folder, shown) => {
      const root = await fleetCopy();
      const before = tree(root);
      const lock = path.join(root, folder, OUTPUT_LOCK);
      // this test process stands for the other synth
      fs.writeFileSync(lock, JSON.stringify({ pid: process.pid, host: os.hostname(), token: 'x' }));
      // one after the other: --check and --diff take the fleet's locks too, so run at once they would meet each other's
      const seconds = [];
      for (const extra of [[], ['--check'], ['--diff']]) seconds.push(await synthAsync(['other.yaml', ...extra], root));
      for (const second of seconds) {
        expect(second.status).toBe(1);
        expect(second.stderr).toContain(`another synth is writing ${shown} (pid ${process.pid}). Wait for it to finish; if no synth is running, delete ${path.join(folder, OUTPUT_LOCK)}`);
      }
      fs.rmSync(lock);
      expect(tree(root)).toEqual(before);
      expect(leftAnywhere(root)).toEqual([]); // the locks the refused run took before it met the held one are released
    });
});

describe('fleet synth: --remove-site takes the lock of the folder it deletes', () => {
  it('a live synth holding a removed site\'s folder: the fleet run fails at once naming it; every file stays as it was', async () => {
    const root = await fleetCopy();
    const fleetFile = path.join(root, 'fleet.yaml');
    const text = fs.readFileSync(fleetFile, 'utf8');
    const without = text.slice(0, text.indexOf('  - name: ap-south-1'));
    expect(without).not.toContain('name: ap-south-1');
    fs.writeFileSync(fleetFile, without);
    const before = tree(root);
    expect(Object.keys(before).filter((name) => name.startsWith('sites/ap-south-1/dist/')).length).toBeGreaterThan(0);
    const lock = path.join(root, 'sites', 'ap-south-1', OUTPUT_LOCK);
    // this test process stands for the other synth, writing the site's folder (a synth of sites/ap-south-1/dist)
    fs.writeFileSync(lock, JSON.stringify({ pid: process.pid, host: os.hostname(), token: 'x' }));
    const started = Date.now();
    const removal = await synthAsync(['fleet.yaml', '--remove-site=ap-south-1', '--quiet'], root);
    expect(removal.status).toBe(1);
    expect(removal.stderr).toContain(`another synth is writing sites/ap-south-1/dist/ (pid ${process.pid}). Wait for it to finish; if no synth is running, delete sites/ap-south-1/${OUTPUT_LOCK}\nnothing was written`);
    expect(Date.now() - started).toBeLessThan(30_000); // at once: it does not wait for the holder
    fs.rmSync(lock);
    expect(tree(root)).toEqual(before);
    expect(leftAnywhere(root)).toEqual([]); // the locks it took before meeting the held one are released

    // the same run once the holder is gone: the site's output is deleted, its own file kept
    const removed = await synthAsync(['fleet.yaml', '--remove-site=ap-south-1', '--quiet'], root);
    expect(removed.status, removed.stderr).toBe(0);
    expect(fs.readdirSync(path.join(root, 'sites', 'ap-south-1'))).toEqual(['site.yaml']);
  });
});

describe('fleet synth under signals and after a crash', () => {
  it('SIGINT at any point of a fleet synth: the fleet is the old or the new one, whole; no temporary folder, no lock', async () => {
    const { root, outputs } = await bothOutputs();
    const started = Date.now();
    synth(['fleet.yaml', '--quiet'], root);
    const duration = Date.now() - started;
    const outcomes = new Set<string>();
    for (const [i, fraction] of [0.3, 0.6, 0.85, 0.97].entries()) {
      const run = start([i % 2 === 0 ? 'other.yaml' : 'fleet.yaml'], root);
      await new Promise((resolve) => setTimeout(resolve, Math.round(duration * fraction)));
      run.child.kill('SIGINT');
      const exit = await run.exit;
      expect(exit.code === 0 || exit.signal === 'SIGINT', JSON.stringify(exit)).toBe(true);
      expect(exit.stderr).not.toMatch(/\n\s+at /);
      expect(leftAnywhere(root)).toEqual([]);
      expect([...outputs.values()]).toContainEqual(tree(root));
      outcomes.add(exit.signal ? 'signalled' : 'finished');
    }
    expect(outcomes.has('signalled')).toBe(true);
  }, 120_000);

  it.concurrent('a leftover temporary folder in a site\'s folder: --check fails naming it, the next fleet synth removes it and writes', async () => {
    const root = await fleetCopy();
    const written = tree(root);
    const leftover = path.join(root, 'sites', 'eu-west-1', '.dist.new-Ab12Cd');
    fs.mkdirSync(leftover);
    fs.writeFileSync(path.join(leftover, 'store.k8s.yaml'), 'apiVersion: v1\nkind: Na');
    const check = await synthAsync(['fleet.yaml', '--check'], root);
    expect(check.status).toBe(1);
    expect(check.stderr).toContain('left by an interrupted synth (the next synth removes them): sites/eu-west-1/.dist.new-Ab12Cd/');
    expect(check.stderr).toContain('The fleet is out of date: temporary folders left by an interrupted synth (3 of 3 sites up to date)');
    const diff = await synthAsync(['fleet.yaml', '--diff'], root);
    expect(diff.stderr).toContain('warning: sites/eu-west-1/.dist.new-Ab12Cd/ was left by an interrupted synth');
    expect(fs.existsSync(leftover)).toBe(true); // --check and --diff write nothing

    const next = await synthAsync(['fleet.yaml', '--quiet'], root);
    expect(next.status, next.stderr).toBe(0);
    expect(next.stderr).toContain('removed sites/eu-west-1/.dist.new-Ab12Cd/, left by an interrupted synth');
    expect(leftAnywhere(root)).toEqual([]);
    expect(tree(root)).toEqual(written);
    expect((await synthAsync(['fleet.yaml', '--check'], root)).status).toBe(0);
  });

  it.concurrent('a site\'s output moved aside by a cut swap is put back before the review reads it', async () => {
    const root = await fleetCopy();
    const written = tree(root);
    const site = path.join(root, 'sites', 'ap-south-1');
    fs.renameSync(path.join(site, 'dist'), path.join(site, '.dist.old-Xy98Zw'));
    fs.mkdirSync(path.join(site, '.dist.new-Xy98Zw'));
    const next = await synthAsync(['fleet.yaml', '--quiet'], root);
    expect(next.status, next.stderr).toBe(0);
    expect(next.stderr).toContain('sites/ap-south-1/dist/ was missing after an interrupted synth: put back the previous output from sites/ap-south-1/.dist.old-Xy98Zw');
    expect(leftAnywhere(root)).toEqual([]);
    expect(tree(root)).toEqual(written);
  });
});
