/**
 * `npm run bench`: measures synth speed on this machine and prints a table with ratios.
 * Every figure is the median of BENCH_RUNS runs (default 5) of a fresh process, timed wall-clock.
 *
 *   floor      a bare `node` that only loads cdk8s and cdk8s-plus-28
 *   reference  `npm run synth` of examples/reference.yaml, as a user runs it (and the generator alone)
 *   scale      generated configs with 100 and 1000 targets x 10 local-PV mountpaths and per-target LBs
 *   naive      the same objects synthesized the obvious way (bench/naive-app.ts: cdk8s App.synth())
 *   fleet      a fleet file of 10 and 50 sites, each a 100-target cluster of its own (the scale config), in one run
 *
 * Results are also written to bench/results.json.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const WORK = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-storage-bench-'));
const BUNDLE = path.join(ROOT, 'out', 'cdk8s-storage.js');
const NAIVE = path.join(ROOT, 'out', 'bench-naive.js');
const MEASURE = path.join(ROOT, 'bench', 'measure-child.js');
/** Fleet sizes measured (sites of 100 targets each). */
const FLEET_SITES = [10, 50];

interface Sample { seconds: number; rssMb?: number }

function once(command: string, args: string[]): Sample {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CDK8S_OUTDIR: undefined } });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`);
  const rss = /maxrss-kb (\d+)/.exec(result.stderr ?? '');
  return { seconds, rssMb: rss ? Number(rss[1]) / 1024 : undefined };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function measure(command: string, args: string[]): Sample {
  once(command, args); // warm the file cache
  const samples = Array.from({ length: RUNS }, () => once(command, args));
  const rss = samples.map((s) => s.rssMb).filter((v): v is number => v !== undefined);
  return { seconds: median(samples.map((s) => s.seconds)), rssMb: rss.length ? median(rss) : undefined };
}

/** The `ais:` section of a cluster of `targets` target nodes x 10 mountpaths on local PVs, per-target LBs; node names start with `prefix`. */
function scaleSection(targets: number, prefix = 'node'): string[] {
  const nodes = Array.from({ length: targets }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`);
  const mountpaths = 'abcdefghij'.split('').map((c) => `{ path: /ais/sd${c}, size: 10Ti }`);
  return [
    'ais:',
    `  proxies: { nodes: [${nodes.slice(0, 16).join(', ')}] }`,
    '  targets:',
    `    nodes: [${nodes.join(', ')}]`,
    '    storage: localPV',
    `    mountpaths: [${mountpaths.join(', ')}]`,
    '  externalLB: true',
    '  gateway: { loadBalancerIP: 10.0.0.1, addressPool: 10.0.0.0/20 }',
  ];
}

/** A cluster of `targets` target nodes x 10 mountpaths on local PVs, per-target LBs. */
function scaleConfig(targets: number): string {
  const file = path.join(WORK, `scale-${targets}.yaml`);
  fs.writeFileSync(file, ['name: scale', ...scaleSection(targets), ''].join('\n'));
  return file;
}

/** A fleet of `sites` sites in two rollout waves, each site the scale cluster of `targets` targets under its own node names. */
function fleetConfig(sites: number, targets: number): string {
  const root = path.join(WORK, `fleet-${sites}x${targets}`);
  const names = Array.from({ length: sites }, (_, i) => `site${String(i).padStart(2, '0')}`);
  for (const [i, site] of names.entries()) {
    fs.mkdirSync(path.join(root, 'sites', site), { recursive: true });
    fs.writeFileSync(path.join(root, 'sites', site, 'site.yaml'), [...scaleSection(targets, `s${i}n`), ''].join('\n'));
  }
  fs.writeFileSync(path.join(root, 'fleet.yaml'), [
    'fleet:',
    '  name: bench',
    '  argocd: { repoURL: https://git.example.com/fleet.git }',
    '  rollout: { waves: [{ name: canary }, { name: main, maxUpdate: 25% }] }',
    'defaults: { name: scale }',
    'sites:',
    ...names.map((site, i) => `  - { name: ${site}, wave: ${i === 0 ? 'canary' : 'main'} }`),
    '',
  ].join('\n'));
  return path.join(root, 'fleet.yaml');
}

/** Objects and bytes of every site's output of a fleet. */
function fleetStats(fleetFile: string): { objects: number; bytes: number } {
  const sites = path.join(path.dirname(fleetFile), 'sites');
  return fs.readdirSync(sites).map((site) => outputStats(path.join(sites, site, 'dist')))
    .reduce((a, b) => ({ objects: a.objects + b.objects, bytes: a.bytes + b.bytes }), { objects: 0, bytes: 0 });
}

function outputStats(dir: string): { objects: number; bytes: number } {
  let objects = 0;
  let bytes = 0;
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.yaml'))) { // not the index of what synth wrote
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    bytes += Buffer.byteLength(text);
    objects += text.split(/^---$/m).filter((d) => d.trim()).length;
  }
  return { objects, bytes };
}

if (!fs.existsSync(BUNDLE) || !fs.existsSync(NAIVE)) throw new Error('run `npm run build` first');

/** The fleet rows: 10 and 50 sites of 100 targets, in one run each (with the floor of the moment, for context). */
function measureFleets(): Record<string, unknown> {
  const fleet: Record<number, Sample & { objects: number; bytes: number }> = {};
  for (const sites of FLEET_SITES) {
    const file = fleetConfig(sites, 100);
    const sample = measure(process.execPath, [MEASURE, BUNDLE, file, '--quiet']);
    fleet[sites] = { ...sample, ...fleetStats(file) };
  }
  return { ...fleet, floorSeconds: floorNow.seconds, ratio50To10: fleet[50].seconds / fleet[10].seconds };
}

const floorNow = measure(process.execPath, ['-e', "require('cdk8s'); require('cdk8s-plus-28')"]);
const fmt = (s: number) => `${s.toFixed(3)} s`;
const machine = { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, runs: RUNS };
const RESULTS = path.join(ROOT, 'bench', 'results.json');

/** Rows of the fleet measurement, as printed and as docs/performance.md shows them. */
function fleetRows(fleet: any): Array<[string, string, string, string]> {
  return [
    ...FLEET_SITES.map((n): [string, string, string, string] => [
      `fleet ${n} sites x 100 targets: ${fleet[n].objects} objects, ${(fleet[n].bytes / 1e6).toFixed(1)} MB`,
      fmt(fleet[n].seconds), `${fleet[n].rssMb?.toFixed(0)} MB`, n === 50 ? 'target <= 300 MB' : '']),
    ['fleet ratio t(50 sites)/t(10 sites)', '', '',
      `${fleet.ratio50To10.toFixed(2)} for ${(fleet[50].objects / fleet[10].objects).toFixed(1)}x the objects (linear: <= 5.5 with start-up)`],
  ];
}

function print(rows: Array<[string, string, string, string]>): void {
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length)));
  console.log(`cdk8s-storage bench — ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}, median of ${RUNS}`);
  for (const r of rows) console.log(`  ${r[0].padEnd(widths[0])}  ${r[1].padStart(widths[1])}  ${r[2].padStart(widths[2])}  ${r[3]}`);
}

if (process.env.BENCH_ONLY === 'fleet') {
  // only the fleet rows, merged into the last full results (a fleet run takes minutes)
  const fleet = { machine, ...measureFleets() };
  print([['floor: node + cdk8s + cdk8s-plus-28 (now)', fmt(floorNow.seconds), '', ''], ...fleetRows(fleet)]);
  const previous = JSON.parse(fs.readFileSync(RESULTS, 'utf8'));
  fs.writeFileSync(RESULTS, `${JSON.stringify({ ...previous, fleet }, null, 2)}\n`);
} else {
  const floor = floorNow;
  // each output in a parent folder of its own: PLAN.md goes beside it, and synth refuses to mix two outputs' files
  const refOut = path.join(WORK, 'ref', 'dist');
  const reference = measure('npm', ['run', '-s', 'synth', '--', 'examples/reference.yaml', '--out', refOut, '--quiet']);
  const referenceDirect = measure(process.execPath, [path.join(ROOT, 'bin', 'cdk8s-storage.js'), 'examples/reference.yaml', '--out', refOut, '--quiet']);

  const scale: Record<number, Sample & { objects: number; bytes: number }> = {};
  for (const targets of [100, 1000]) {
    const out = path.join(WORK, `scale-${targets}`, 'dist');
    const sample = measure(process.execPath, [MEASURE, BUNDLE, scaleConfig(targets), '--out', out, '--quiet']);
    scale[targets] = { ...sample, ...outputStats(out) };
  }
  const fleet: any = { machine, ...measureFleets() };
  const naiveOut = path.join(WORK, 'naive');
  const naive = measure(process.execPath, [MEASURE, NAIVE, scaleConfig(1000), naiveOut]);
  const naiveStats = outputStats(naiveOut);

  const rows: Array<[string, string, string, string]> = [
    ['floor: node + cdk8s + cdk8s-plus-28', fmt(floor.seconds), '', '1.00x'],
    ['reference: npm run synth', fmt(reference.seconds), '', `${(reference.seconds / floor.seconds).toFixed(2)}x floor (target <= 1.5x)`],
    ['reference: generator alone (node bin)', fmt(referenceDirect.seconds), '', `${(referenceDirect.seconds / floor.seconds).toFixed(2)}x floor`],
    ...[100, 1000].map((t): [string, string, string, string] => [
      `scale ${t} targets: ${scale[t].objects} objects, ${(scale[t].bytes / 1e6).toFixed(1)} MB`,
      fmt(scale[t].seconds), `${scale[t].rssMb?.toFixed(0)} MB`, t === 1000 ? 'target <= 1.0 s, <= 300 MB' : '']),
    ['scale ratio t(1000)/t(100)', '', '', `${(scale[1000].seconds / scale[100].seconds).toFixed(2)} (target <= 11)`],
    [`naive cdk8s app, 1000 targets: ${naiveStats.objects} objects`, fmt(naive.seconds), `${naive.rssMb?.toFixed(0)} MB`,
      `ours ${(naive.seconds / scale[1000].seconds).toFixed(2)}x faster (target >= 2.5x)`],
    ...fleetRows(fleet),
  ];
  print(rows);

  fs.writeFileSync(RESULTS, `${JSON.stringify({
    machine,
    floor, reference, referenceDirect, scale, naive: { ...naive, ...naiveStats }, fleet,
    ratios: {
      referenceToFloor: reference.seconds / floor.seconds,
      generatorToFloor: referenceDirect.seconds / floor.seconds,
      scale1000To100: scale[1000].seconds / scale[100].seconds,
      naiveToOurs: naive.seconds / scale[1000].seconds,
    },
  }, null, 2)}\n`);
}
fs.rmSync(WORK, { recursive: true, force: true });
