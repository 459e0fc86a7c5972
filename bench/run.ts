/**
 * `npm run bench`: measures synth speed on this machine and prints a table with ratios.
 *
 *   floor      a bare `node` that only loads cdk8s and cdk8s-plus-28
 *   reference  the generator alone on examples/reference.yaml (`node bin/cdk8s-storage.js`, as the
 *              installed `cdk8s-storage` command runs), and `npm run synth` (npm's own start-up included)
 *   scale      generated configs with 100 and 1000 targets x 10 local-PV mountpaths and per-target LBs,
 *              through bin/ like the reference (so the code cache in bin/ is measured too)
 *   naive      the same objects synthesized the obvious way (bench/naive-app.ts: cdk8s App.synth())
 *
 * Every command runs once to warm up (file cache, code cache, previous output), then the commands
 * run in rounds, shuffled in each round, BENCH_RUNS rounds (default 5): a burst of load on a shared
 * machine then hits every row alike instead of one row, so the ratios of one run are comparable.
 * Each figure is a median over the rounds: wall clock, CPU (user + system, from the processes
 * themselves: bench/measure-hook.js) and peak RSS. Results are also written to bench/results.json.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const WORK = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-storage-bench-'));
const BIN = path.join(ROOT, 'bin', 'cdk8s-storage.js');
const NAIVE = path.join(ROOT, 'out', 'bench-naive.js');
const HOOK = path.join(ROOT, 'bench', 'measure-hook.js');

interface Sample { seconds: number; cpuSeconds: number; rssMb: number }

const env = { ...process.env, CDK8S_OUTDIR: undefined, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${HOOK}`.trim() };

function once(command: string, args: string[]): Sample {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', env });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`);
  const usages = [...(result.stderr ?? '').matchAll(/^bench-usage (\d+) (\d+)$/gm)].map(([, cpu, rss]) => ({ cpu: Number(cpu), rss: Number(rss) }));
  if (usages.length === 0) throw new Error(`${command} ${args.join(' ')} reported no usage`);
  return {
    seconds,
    cpuSeconds: usages.reduce((sum, u) => sum + u.cpu, 0) / 1e6,
    rssMb: Math.max(...usages.map((u) => u.rss)) / 1024,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** A cluster of `targets` target nodes x 10 mountpaths on local PVs, per-target LBs. */
function scaleConfig(targets: number): string {
  const nodes = Array.from({ length: targets }, (_, i) => `node${String(i).padStart(4, '0')}`);
  const mountpaths = 'abcdefghij'.split('').map((c) => `{ path: /ais/sd${c}, size: 10Ti }`);
  const file = path.join(WORK, `scale-${targets}.yaml`);
  fs.writeFileSync(file, [
    'name: scale',
    'ais:',
    `  proxies: { nodes: [${nodes.slice(0, 16).join(', ')}] }`,
    '  targets:',
    `    nodes: [${nodes.join(', ')}]`,
    '    storage: localPV',
    `    mountpaths: [${mountpaths.join(', ')}]`,
    '  externalLB: true',
    '  gateway: { loadBalancerIP: 10.0.0.1, addressPool: 10.0.0.0/20 }',
    '',
  ].join('\n'));
  return file;
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

if (!fs.existsSync(path.join(ROOT, 'out', 'cdk8s-storage.js')) || !fs.existsSync(NAIVE)) throw new Error('run `npm run build` first');

/** Fleet sizes measured (sites of 100 targets each): `BENCH_ONLY=fleet npm run bench` (a fleet run takes minutes). */
const FLEET_SITES = [10, 50];

/** A fleet of `sites` sites in two rollout waves, each site the scale cluster of `targets` targets under its own node names. */
function fleetConfig(sites: number, targets: number): string {
  const root = path.join(WORK, `fleet-${sites}x${targets}`);
  const names = Array.from({ length: sites }, (_, i) => `site${String(i).padStart(2, '0')}`);
  const section = fs.readFileSync(scaleConfig(targets), 'utf8').split('\n').filter((line) => line && !line.startsWith('name:'));
  for (const [i, site] of names.entries()) {
    fs.mkdirSync(path.join(root, 'sites', site), { recursive: true });
    fs.writeFileSync(path.join(root, 'sites', site, 'site.yaml'), [...section.map((line) => line.replace(/\bnode(\d{4})\b/g, `s${i}n$1`)), ''].join('\n'));
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

if (process.env.BENCH_ONLY === 'fleet') {
  // only the fleet rows, merged into the last full results
  const median3 = (command: string, args: string[]) => {
    once(command, args); // warm up (writes the previous output)
    const list = Array.from({ length: RUNS }, () => once(command, args));
    return { seconds: median(list.map((x) => x.seconds)), cpuSeconds: median(list.map((x) => x.cpuSeconds)), rssMb: median(list.map((x) => x.rssMb)) };
  };
  const floorNow = median3(process.execPath, ['-e', "require('cdk8s'); require('cdk8s-plus-28')"]);
  const fleet: Record<string, unknown> = { machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, runs: RUNS } };
  for (const sites of FLEET_SITES) {
    const file = fleetConfig(sites, 100);
    const sample = median3(process.execPath, [BIN, file, '--quiet']);
    const stats = fs.readdirSync(path.join(path.dirname(file), 'sites')).map((site) => outputStats(path.join(path.dirname(file), 'sites', site, 'dist')))
      .reduce((a, b) => ({ objects: a.objects + b.objects, bytes: a.bytes + b.bytes }), { objects: 0, bytes: 0 });
    fleet[sites] = { ...sample, ...stats };
  }
  const [ten, fifty] = FLEET_SITES.map((n) => fleet[n] as { seconds: number; objects: number; rssMb: number });
  Object.assign(fleet, { floorSeconds: floorNow.seconds, ratio50To10: fifty.seconds / ten.seconds });
  console.log(`floor ${floorNow.seconds.toFixed(3)} s; fleet 10 sites ${ten.seconds.toFixed(3)} s (${ten.objects} objects); `
    + `fleet 50 sites ${fifty.seconds.toFixed(3)} s (${fifty.objects} objects, ${fifty.rssMb.toFixed(0)} MB); ratio ${(fifty.seconds / ten.seconds).toFixed(2)}`);
  const results = path.join(ROOT, 'bench', 'results.json');
  fs.writeFileSync(results, `${JSON.stringify({ ...JSON.parse(fs.readFileSync(results, 'utf8')), fleet }, null, 2)}\n`);
  fs.rmSync(WORK, { recursive: true, force: true });
  process.exit(0);
}

// each output in a parent folder of its own: PLAN.md goes beside it, and synth refuses to mix two outputs' files
const out = (name: string) => path.join(WORK, name, 'dist');
const commands: Record<string, [string, string[]]> = {
  floor: [process.execPath, ['-e', "require('cdk8s'); require('cdk8s-plus-28')"]],
  referenceDirect: [process.execPath, [BIN, 'examples/reference.yaml', '--out', out('ref-direct'), '--quiet']],
  reference: ['npm', ['run', '-s', 'synth', '--', 'examples/reference.yaml', '--out', out('ref-npm'), '--quiet']],
  scale100: [process.execPath, [BIN, scaleConfig(100), '--out', out('scale-100'), '--quiet']],
  scale1000: [process.execPath, [BIN, scaleConfig(1000), '--out', out('scale-1000'), '--quiet']],
  naive: [process.execPath, [NAIVE, scaleConfig(1000), path.join(WORK, 'naive')]],
};
const samples: Record<string, Sample[]> = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
for (const [command, args] of Object.values(commands)) once(command, args); // warm up; writes the previous outputs
for (let round = 0; round < RUNS; round++) {
  const order = Object.keys(commands);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  for (const name of order) samples[name].push(once(...commands[name]));
}
const result = Object.fromEntries(Object.entries(samples).map(([name, list]) => [name, {
  seconds: median(list.map((s) => s.seconds)),
  cpuSeconds: median(list.map((s) => s.cpuSeconds)),
  rssMb: median(list.map((s) => s.rssMb)),
}])) as Record<keyof typeof commands, Sample>;
const { floor, reference, referenceDirect, naive } = result;
const scale = {
  100: { ...result.scale100, ...outputStats(out('scale-100')) },
  1000: { ...result.scale1000, ...outputStats(out('scale-1000')) },
};
const naiveStats = outputStats(path.join(WORK, 'naive'));
const ratios = {
  referenceToFloor: reference.seconds / floor.seconds,
  generatorToFloor: referenceDirect.seconds / floor.seconds,
  scale1000ToFloor: scale[1000].seconds / floor.seconds,
  scale1000To100: scale[1000].seconds / scale[100].seconds,
  naiveToOurs: naive.seconds / scale[1000].seconds,
};
const cpuRatios = {
  generatorToFloor: referenceDirect.cpuSeconds / floor.cpuSeconds,
  scale1000ToFloor: scale[1000].cpuSeconds / floor.cpuSeconds,
};

const fmt = (s: number) => `${s.toFixed(3)} s`;
const x = (r: number) => `${r.toFixed(2)}x`;
const rows: Array<[string, string, string, string, string]> = [
  ['floor: node + cdk8s + cdk8s-plus-28', fmt(floor.seconds), fmt(floor.cpuSeconds), '', '1.00x'],
  ['reference: generator alone (node bin)', fmt(referenceDirect.seconds), fmt(referenceDirect.cpuSeconds), '',
    `${x(ratios.generatorToFloor)} floor, CPU ${x(cpuRatios.generatorToFloor)} (target <= 1.2x)`],
  ['reference: npm run synth', fmt(reference.seconds), fmt(reference.cpuSeconds), '', `${x(ratios.referenceToFloor)} floor (npm's start-up included)`],
  [`scale 100 targets: ${scale[100].objects} objects, ${(scale[100].bytes / 1e6).toFixed(1)} MB`,
    fmt(scale[100].seconds), fmt(scale[100].cpuSeconds), `${scale[100].rssMb.toFixed(0)} MB`, ''],
  [`scale 1000 targets: ${scale[1000].objects} objects, ${(scale[1000].bytes / 1e6).toFixed(1)} MB`,
    fmt(scale[1000].seconds), fmt(scale[1000].cpuSeconds), `${scale[1000].rssMb.toFixed(0)} MB`,
    `${x(ratios.scale1000ToFloor)} floor, CPU ${x(cpuRatios.scale1000ToFloor)} (target <= 4x, <= 300 MB)`],
  ['scale ratio t(1000)/t(100)', '', '', '', `${ratios.scale1000To100.toFixed(2)} (target <= 11)`],
  [`naive cdk8s app, 1000 targets: ${naiveStats.objects} objects`, fmt(naive.seconds), fmt(naive.cpuSeconds), `${naive.rssMb.toFixed(0)} MB`,
    `ours ${x(ratios.naiveToOurs)} faster (target >= 2.5x)`],
];
const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length)));
console.log(`cdk8s-storage bench — ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}, `
  + `median of ${RUNS} interleaved rounds (wall, CPU, peak RSS); load average ${os.loadavg()[0].toFixed(1)} at the end`);
for (const r of rows) console.log(`  ${r[0].padEnd(widths[0])}  ${r[1].padStart(widths[1])}  ${r[2].padStart(widths[2])}  ${r[3].padStart(widths[3])}  ${r[4]}`);

const RESULTS = path.join(ROOT, 'bench', 'results.json');
// the fleet rows (docs/performance.md) are measured on their own (main's BENCH_ONLY=fleet run): kept as they are
const { fleet } = fs.existsSync(RESULTS) ? JSON.parse(fs.readFileSync(RESULTS, 'utf8')) : { fleet: undefined };
fs.writeFileSync(RESULTS, `${JSON.stringify({
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, runs: RUNS, loadAverage: Number(os.loadavg()[0].toFixed(1)) },
  floor, reference, referenceDirect, scale, naive: { ...naive, ...naiveStats }, ratios, cpuRatios, fleet,
}, null, 2)}\n`);
fs.rmSync(WORK, { recursive: true, force: true });
