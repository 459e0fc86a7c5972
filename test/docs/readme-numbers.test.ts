/**
 * The figures in README.md and docs/performance.md come from a command, not from memory (issue
 * 17): the bench table is what `npm run bench` recorded in bench/results.json, row for row.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli';

const results = JSON.parse(fs.readFileSync(path.join(ROOT, 'bench', 'results.json'), 'utf8'));

const seconds = (s: number) => `${s.toFixed(3)} s`;
const mb = (rss: number) => `${Math.round(rss)} MB`;
const ratio = (r: number) => `${r.toFixed(2)}×`;
const size = (run: { objects: number; bytes: number }) => `${run.objects.toLocaleString('en-US')} objects, ${(run.bytes / 1e6).toFixed(1)} MB`;

/** The "Latest figures" table as bench/results.json gives it (wall and CPU medians of interleaved rounds, issue 25). */
function benchTable(): string {
  const { floor, reference, referenceDirect, scale, naive, ratios, cpuRatios } = results;
  const cpu = (run: { cpuSeconds: number }) => seconds(run.cpuSeconds);
  return [
    '| measurement | wall | CPU | peak RSS | ratio |',
    '| --- | ---: | ---: | ---: | --- |',
    `| floor: node + cdk8s + cdk8s-plus-28 | ${seconds(floor.seconds)} | ${cpu(floor)} | | 1.00× |`,
    `| reference: generator alone (\`node bin/cdk8s-storage.js\`) | ${seconds(referenceDirect.seconds)} | ${cpu(referenceDirect)} | | ${ratio(ratios.generatorToFloor)} floor, CPU ${ratio(cpuRatios.generatorToFloor)} (target ≤ 1.2×) |`,
    `| reference: \`npm run synth\` | ${seconds(reference.seconds)} | ${cpu(reference)} | | ${ratio(ratios.referenceToFloor)} floor (npm's start-up included) |`,
    `| scale, 100 targets: ${size(scale['100'])} | ${seconds(scale['100'].seconds)} | ${cpu(scale['100'])} | ${mb(scale['100'].rssMb)} | |`,
    `| scale, 1000 targets: ${size(scale['1000'])} | ${seconds(scale['1000'].seconds)} | ${cpu(scale['1000'])} | ${mb(scale['1000'].rssMb)} | ${ratio(ratios.scale1000ToFloor)} floor, CPU ${ratio(cpuRatios.scale1000ToFloor)} (target ≤ 4×, ≤ 300 MB) |`,
    `| t(1000) / t(100) | | | | ${ratios.scale1000To100.toFixed(2)} (target ≤ 11) |`,
    `| naive cdk8s app, 1000 targets: ${naive.objects.toLocaleString('en-US')} objects | ${seconds(naive.seconds)} | ${cpu(naive)} | ${mb(naive.rssMb)} | ours ${ratio(ratios.naiveToOurs)} faster (target ≥ 2.5×) |`,
  ].join('\n');
}

describe.each(['README.md', 'docs/performance.md'])('%s', (file) => {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');

  it('shows the bench table of bench/results.json, on the machine it names', () => {
    expect(text).toContain(benchTable());
    expect(text).toContain(`Node ${results.machine.node}, median of ${results.machine.runs} interleaved rounds, load average ${results.machine.loadAverage} at the end (\`bench/results.json\`)`);
    expect(text).toContain(`1000 targets: ${ratio(results.ratios.scale1000ToFloor)} the floor, CPU ${ratio(results.cpuRatios.scale1000ToFloor)} (bench)`);
  });

  it('types no test count (it changes with every test; `npm test` prints it)', () => {
    expect(text).not.toMatch(/\b\d+ tests\b|\b\d+ test files\b/);
  });
});

describe('docs/performance.md fleets', () => {
  it('shows the fleet rows of bench/results.json', () => {
    const text = fs.readFileSync(path.join(ROOT, 'docs', 'performance.md'), 'utf8');
    const fleet = results.fleet;
    expect(text).toContain([
      '| measurement | wall | peak RSS | ratio |',
      '| --- | ---: | ---: | --- |',
      `| floor at the time: node + cdk8s + cdk8s-plus-28 | ${seconds(fleet.floorSeconds)} | | |`,
      `| fleet, 10 sites × 100 targets: ${size(fleet['10'])} | ${seconds(fleet['10'].seconds)} | ${mb(fleet['10'].rssMb)} | |`,
      `| fleet, 50 sites × 100 targets: ${size(fleet['50'])} | ${seconds(fleet['50'].seconds)} | ${mb(fleet['50'].rssMb)} | target ≤ 300 MB |`,
      `| t(50 sites) / t(10 sites) | | | ${fleet.ratio50To10.toFixed(2)} for 5× the objects (target: linear, ≤ 5.5 with start-up) |`,
    ].join('\n'));
    expect(text).toContain(`**met**: ${mb(fleet['50'].rssMb)}; t(50)/t(10) = ${fleet.ratio50To10.toFixed(2)} for 5× the objects`);
    expect(fleet['50'].rssMb).toBeLessThanOrEqual(300);
  });
});
