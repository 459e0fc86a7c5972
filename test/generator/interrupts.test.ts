/**
 * Synth under Ctrl-C, kills and concurrent runs (issue 25, audit newcomer-2026-12-06 F2/F5):
 * no temporary folder or lock survives a signal at any point, a crash's leftovers are removed (or a
 * half-swapped output put back) by the next synth and named by --check, and a second synth on the
 * same output fails at once instead of both reporting success. Real processes throughout.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUTPUT_LOCK } from '../../lib/output/output-lock';
import { tempDir, writeConfig } from '../support/cli';
import { snapshot, start, strays, synth, synthAsync } from '../support/synth-process';

/** A cluster of `targets` targets × 10 local-PV mountpaths: a synth long enough to be cut anywhere. */
function largeConfig(targets: number, size = '10Ti'): string {
  const nodes = Array.from({ length: targets }, (_, i) => `node${String(i).padStart(4, '0')}`);
  const mountpaths = 'abcdefghij'.split('').map((c) => `{ path: /ais/sd${c}, size: ${size} }`);
  return ['name: scale', 'ais:', `  proxies: { nodes: [${nodes.slice(0, 3).join(', ')}] }`, '  targets:',
    `    nodes: [${nodes.join(', ')}]`, '    storage: localPV', `    mountpaths: [${mountpaths.join(', ')}]`, ''].join('\n');
}

/**
 * A repository with two configs (A written, B a different output of the same release) and both outputs
 * known: written once for this file (the two synths at once: different output folders), then copied for each test.
 */
let written: Promise<{ repo: string; a: Record<string, string>; b: Record<string, string> }> | undefined;
async function twoOutputs() {
  written ??= (async () => {
    const repo = tempDir();
    writeConfig(repo, largeConfig(100), 'a.yaml');
    writeConfig(repo, largeConfig(100, '12Ti'), 'b.yaml');
    const results = await Promise.all([['b.yaml', 'other/dist'], ['a.yaml', 'dist']].map(([config, out]) => synthAsync([config, '--out', out, '--quiet'], repo)));
    for (const result of results) expect(result.status, result.stderr).toBe(0);
    const a = snapshot(path.join(repo, 'dist'));
    const b = snapshot(path.join(repo, 'other', 'dist'));
    fs.rmSync(path.join(repo, 'other'), { recursive: true });
    expect(a).not.toEqual(b);
    return { repo, a, b };
  })();
  const { repo: template, a, b } = await written;
  const repo = tempDir();
  fs.cpSync(template, repo, { recursive: true });
  return { repo, a, b };
}

/** How long an unchanged re-synth of the 100-target config takes here (the trials spread their signals over it). */
function timedSynth(repo: string): number {
  const started = Date.now();
  const result = synth(['a.yaml', '--quiet'], repo);
  expect(result.status, result.stderr).toBe(0);
  return Date.now() - started;
}

describe('signals', () => {
  it('SIGINT, SIGTERM or SIGHUP at any point of a large synth: the output is the old or the new one, whole; no temporary folder, no lock', async () => {
    const { repo, a, b } = await twoOutputs();
    const duration = timedSynth(repo);
    const signals: NodeJS.Signals[] = ['SIGINT', 'SIGINT', 'SIGTERM', 'SIGINT', 'SIGHUP'];
    const outcomes = new Set<string>();
    for (const [i, signal] of signals.entries()) {
      const to = i % 2 === 0 ? 'b.yaml' : 'a.yaml'; // back and forth, so every run changes the output
      const run = start([to, '--allow-dangerous'], repo);
      // spread over the whole run, the write window (its end) included
      await new Promise((resolve) => setTimeout(resolve, Math.round(duration * (0.1 + (0.95 * i) / signals.length))));
      run.child.kill(signal);
      const exit = await run.exit;
      expect(exit.code === 0 || exit.signal === signal, JSON.stringify(exit)).toBe(true);
      expect(exit.stderr).not.toMatch(/\n\s+at /);
      expect(strays(repo)).toEqual([]);
      const now = snapshot(path.join(repo, 'dist'));
      expect([a, b]).toContainEqual(now);
      outcomes.add(exit.signal ? 'signalled' : 'finished');
    }
    expect(outcomes.has('signalled')).toBe(true);
  }, 120_000);

  it('a SIGKILL at any point: the next synth removes what it left (or puts the previous output back) and writes', async () => {
    const { repo, a, b } = await twoOutputs();
    const duration = timedSynth(repo);
    for (const [i, fraction] of [0.4, 0.8, 0.95].entries()) {
      const [to, expected] = i % 2 === 0 ? ['b.yaml', b] : ['a.yaml', a];
      const run = start([to, '--allow-dangerous'], repo);
      await new Promise((resolve) => setTimeout(resolve, Math.round(duration * fraction)));
      run.child.kill('SIGKILL');
      await run.exit;
      const next = synth([to, '--allow-dangerous', '--quiet'], repo);
      expect(next.status, next.stderr).toBe(0);
      expect(strays(repo)).toEqual([]);
      expect(snapshot(path.join(repo, 'dist'))).toEqual(expected);
    }
  }, 120_000);
});

describe.concurrent('leftovers of a crash', () => {
  /** The reference output written, then the state a kill inside writeOutputDir leaves. */
  async function crashed(state: 'new' | 'swap') {
    const repo = tempDir();
    writeConfig(repo, largeConfig(2));
    expect((await synthAsync(['cluster.yaml', '--quiet'], repo)).status).toBe(0);
    const written = snapshot(path.join(repo, 'dist'));
    if (state === 'new') {
      fs.mkdirSync(path.join(repo, '.dist.new-Ab12Cd'));
      fs.writeFileSync(path.join(repo, '.dist.new-Ab12Cd', 'scale.k8s.yaml'), 'apiVersion: v1\nkind: Na');
    } else {
      // killed between the two renames of the swap: the output moved aside, the new tree not yet in place
      fs.renameSync(path.join(repo, 'dist'), path.join(repo, '.dist.old-Xy98Zw'));
      fs.mkdirSync(path.join(repo, '.dist.new-Xy98Zw'));
    }
    return { repo, written };
  }

  it('--check fails naming them; synth removes them and writes', async () => {
    const { repo, written } = await crashed('new');
    const check = await synthAsync(['cluster.yaml', '--check'], repo);
    expect(check.status).toBe(1);
    expect(check.stderr).toContain('left by an interrupted synth (the next synth removes them): .dist.new-Ab12Cd/');
    const next = await synthAsync(['cluster.yaml', '--quiet'], repo);
    expect(next.status, next.stderr).toBe(0);
    expect(next.stderr).toContain('removed .dist.new-Ab12Cd/, left by an interrupted synth');
    expect(strays(repo)).toEqual([]);
    expect(snapshot(path.join(repo, 'dist'))).toEqual(written);
    expect((await synthAsync(['cluster.yaml', '--check'], repo)).status).toBe(0);
  });

  it('an output moved aside by a cut swap is put back before the change review reads it', async () => {
    const { repo, written } = await crashed('swap');
    // a dangerous change: refused only because the previous output is found again
    writeConfig(repo, largeConfig(2).replace('name: scale', 'name: renamed'));
    const refused = await synthAsync(['cluster.yaml'], repo);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('dist/ was missing after an interrupted synth: put back the previous output from .dist.old-Xy98Zw');
    expect(refused.stderr).toContain('Refusing to write dist/');
    expect(strays(repo)).toEqual([]);
    expect(snapshot(path.join(repo, 'dist'))).toEqual(written);
  });

  it('a folder named like ours that holds sub-folders is named, never deleted', async () => {
    const { repo } = await crashed('new');
    fs.mkdirSync(path.join(repo, '.dist.old-Qq11Rr', 'mine'), { recursive: true });
    const next = await synthAsync(['cluster.yaml', '--quiet'], repo);
    expect(next.status).toBe(0);
    expect(next.stderr).toContain('.dist.old-Qq11Rr/ is named like synth\'s temporary folders but holds sub-folders: left alone');
    expect(fs.existsSync(path.join(repo, '.dist.old-Qq11Rr', 'mine'))).toBe(true);
  });
});

describe.concurrent('concurrent synths', () => {
  const lockOf = (repo: string) => path.join(repo, OUTPUT_LOCK);

  it('a live synth holding the output: the second fails at once naming it, and so do --check and --diff; nothing changes', async () => {
    const repo = tempDir();
    writeConfig(repo, largeConfig(2));
    expect((await synthAsync(['cluster.yaml', '--quiet'], repo)).status).toBe(0);
    const before = snapshot(path.join(repo, 'dist'));
    // this test process stands for the first synth
    fs.writeFileSync(lockOf(repo), JSON.stringify({ pid: process.pid, host: os.hostname(), token: 'x' }));
    writeConfig(repo, largeConfig(3));
    const seconds = await Promise.all([[], ['--check'], ['--diff']].map((extra) => synthAsync(['cluster.yaml', ...extra], repo)));
    for (const second of seconds) {
      expect(second.status).toBe(1);
      expect(second.stderr).toContain(`another synth is writing dist/ (pid ${process.pid}). Wait for it to finish; if no synth is running, delete ${OUTPUT_LOCK}`);
    }
    expect(snapshot(path.join(repo, 'dist'))).toEqual(before);
    expect(fs.existsSync(lockOf(repo))).toBe(true); // not the second synth's to remove
  });

  it('a lock left by a synth that died (dead pid, or a pid reused by another process) is taken over', async () => {
    const repo = tempDir();
    writeConfig(repo, largeConfig(2));
    const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    fs.writeFileSync(lockOf(repo), JSON.stringify({ pid: Number(dead.stdout.trim()), host: os.hostname(), token: 'x' }));
    expect((await synthAsync(['cluster.yaml', '--quiet'], repo)).status).toBe(0);
    // our own pid, but a start time it never had: the pid was reused
    fs.writeFileSync(lockOf(repo), JSON.stringify({ pid: process.pid, host: os.hostname(), started: '1', token: 'x' }));
    const reused = await synthAsync(['cluster.yaml', '--quiet'], repo);
    expect(reused.status, reused.stderr).toBe(0);
    expect(fs.existsSync(lockOf(repo))).toBe(false);
  });

  it('two synths at once: each writes whole or fails naming the other; never two successes with one output lost', async () => {
    const { repo, a, b } = await twoOutputs();
    for (let round = 0; round < 2; round++) {
      const runs = [start(['b.yaml', '--allow-dangerous'], repo), start(['a.yaml', '--allow-dangerous'], repo)];
      const exits = await Promise.all(runs.map((r) => r.exit));
      for (const exit of exits) {
        expect(exit.code === 0 || exit.stderr.includes('another synth is writing dist/'), exit.stderr).toBe(true);
      }
      const final = snapshot(path.join(repo, 'dist'));
      expect([a, b]).toContainEqual(final);
      // the one that failed wrote nothing: the output is a successful run's
      const succeeded = exits.flatMap((exit, i) => (exit.code === 0 ? [i === 0 ? b : a] : []));
      expect(succeeded).toContainEqual(final);
      expect(strays(repo)).toEqual([]);
    }
  }, 120_000);
});
