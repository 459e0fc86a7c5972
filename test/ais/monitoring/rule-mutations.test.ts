/**
 * The promtool unit tests catch wrong rules: each mutation (a wrong bit, the other role, a lost scope label,
 * a dropped `or` branch or guard, `for` gone, the audit's broken denominators, a lost join, a moved threshold)
 * is applied to every alert it fits, and every mutated alert must fail its unchanged test.
 */
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AlertDefinition, AlertRule } from '../../../lib/ais/monitoring/alert-rules';
import { alertRuleTestFiles } from '../../../lib/ais/monitoring/rule-tests/promtool-files';
import { tempDir } from '../../support/cli';
import { edit } from '../../support/gitops';
import { BuiltMonitoring, MONITORING_EXAMPLE, buildMonitoring } from '../../support/monitoring';
import { PromtoolFileResult, testRules, writeFiles } from '../../support/promtool';

/** `text` without the parenthesised part that starts at `marker` (the marker's own `(` to its matching `)`). */
function withoutBalanced(text: string, marker: string): string {
  let result = text;
  for (let at = result.indexOf(marker); at >= 0; at = result.indexOf(marker)) {
    let depth = 0;
    let end = at + marker.indexOf('(');
    for (; end < result.length; end++) {
      if (result[end] === '(') depth++;
      if (result[end] === ')' && --depth === 0) break;
    }
    result = result.slice(0, at) + result.slice(end + 1);
  }
  return result;
}

/** The rule's threshold: the comparison at the end of the expression, or the first one (the NVMe await). */
function moveThreshold(expr: string, by: number): string {
  const last = /(>=?|<) (-?[0-9.]+)$/;
  if (last.test(expr)) return expr.replace(last, (_, op, n) => `${op} ${Number(n) + by}`);
  return expr.replace(/(>=?|<) (-?[0-9.]+)/, (_, op, n) => `${op} ${Number(n) + by}`);
}

interface Mutation {
  readonly name: string;
  readonly applies: (alert: AlertDefinition) => boolean;
  readonly mutate: (rule: AlertRule) => AlertRule;
}

const expr = (f: (e: string) => string) => (rule: AlertRule): AlertRule => ({ ...rule, expr: f(rule.expr) });
const flag = (a: AlertDefinition) => a.kind === 'flag';
/** the scope mutations on two flag alerts (one per role; every flag rule shares the selector) and every other aisnode rule */
const scoped = (a: AlertDefinition) => a.rule.expr.includes('job="aistore"') && (!flag(a) || ['AISProxyOOM', 'AISTargetOOS'].includes(a.rule.alert));
const FIRST_INCREMENT_BRANCH = ' or (sum by';
/** `for` 0s on one flag alert per distinct `for` (every flag rule has the same form; the cost is in the long ones) */
const FIRST_FLAG_OF_EACH_FOR = new Set(['AISProxyOOM', 'AISProxyOOCPU', 'AISProxyLowMemory', 'AISProxyNumGoroutines', 'AISTargetRebalancing', 'AISTargetMaintenanceMode']);
const GUARD = / and on \(cluster, pod\) max_over_time\(up\{[^}]*\}\[\w+\] offset \w+\)/g;

const MUTATIONS: readonly Mutation[] = [
  { name: 'bit 2^k read as 2^(k+1)', applies: flag, mutate: expr((e) => e.replace(/ \/ (\d+)\)/, (_, v) => ` / ${2 * Number(v)})`)) },
  { name: 'the other role\'s gauge', applies: flag, mutate: expr((e) => e.replace(/ais_(proxy|target)_/, (_, r) => `ais_${r === 'proxy' ? 'target' : 'proxy'}_`)) },
  { name: 'any cluster', applies: scoped, mutate: expr((e) => e.replace(/cluster="demo"/g, 'cluster=~".+"')) },
  { name: 'any job', applies: scoped, mutate: expr((e) => e.replace(/, job="aistore"/g, '')) },
  { name: 'the born-at-1 branch dropped', applies: (a) => a.kind === 'first-increment', mutate: expr((e) => withoutBalanced(e, FIRST_INCREMENT_BRANCH)) },
  { name: 'the fresh-TSDB guard dropped', applies: (a) => a.kind === 'first-increment', mutate: expr((e) => e.replace(GUARD, '')) },
  { name: 'one regex __name__ selector for the three I/O counters (the T4 collision)', applies: (a) => a.rule.alert === 'AISIOErrors',
    mutate: expr(() => 'sum by (cluster, pod) (increase({__name__=~"ais_target_err_io_(get|put|del)_count", cluster="demo", job="aistore"}[10m])) > 0 '
      + 'or (sum by (cluster, pod) ({__name__=~"ais_target_err_io_(get|put|del)_count", cluster="demo", job="aistore"} unless '
      + '{__name__=~"ais_target_err_io_(get|put|del)_count", cluster="demo", job="aistore"} offset 10m) > 0 '
      + 'and on (cluster, pod) max_over_time(up{cluster="demo", job="aistore"}[10m] offset 10m))') },
  { name: '`for` 0s', applies: (a) => a.rule.for !== '0s' && (!flag(a) || FIRST_FLAG_OF_EACH_FOR.has(a.rule.alert)), mutate: (rule) => ({ ...rule, for: '0s' }) },
  { name: 'GETs retried over all GETs (the audit\'s H1)', applies: (a) => a.rule.alert.startsWith('AISGETRetryRatio'), mutate: expr((e) => e.replace('remote_get_count', 'get_count')) },
  { name: 'PUTs retried per bucket (remote PUTs carry no bucket by default)', applies: (a) => a.rule.alert.startsWith('AISPUTRetryRatio'),
    mutate: expr((e) => e.replace(/by \(cluster\)/g, 'by (cluster, bucket)')) },
  { name: 'the node join dropped', applies: (a) => a.rule.expr.includes('node_uname_info') && a.kind === 'level',
    mutate: expr((e) => e.replace(/ \* on \(instance\) group_left \(nodename\) group by \(instance, nodename\) \(node_uname_info\{[^}]*\}\)/, '')) },
  { name: 'the AIS disk join dropped', applies: (a) => a.rule.expr.includes('on (nodename, device)'), mutate: expr((e) => e.replace(/ and on \(nodename, device\) .*$/, '')) },
  { name: 'threshold + 1', applies: (a) => ['level', 'ratio', 'kubernetes', 'node-metrics'].includes(a.kind), mutate: expr((e) => moveThreshold(e, 1)) },
  { name: 'threshold − 1', applies: (a) => ['level', 'ratio', 'kubernetes', 'node-metrics'].includes(a.kind), mutate: expr((e) => moveThreshold(e, -1)) },
  { name: 'the ais-k8s StatefulSet regex (.*proxy, .*target)', applies: (a) => a.rule.expr.includes('statefulset=~'),
    mutate: expr((e) => e.replace(/statefulset=~"[^"]*"/g, `statefulset=~".*${e.includes('demo-target') ? 'target' : 'proxy'}"`)) },
  { name: 'any container', applies: (a) => a.rule.alert === 'AISPodRestarting', mutate: expr((e) => e.replace(', container="ais-node"', '')) },
];

const BUILDS: Record<string, string> = {
  example: MONITORING_EXAMPLE,
  nvme: edit(MONITORING_EXAMPLE, 'media: hdd', 'media: nvme'),
};

let built: Record<string, BuiltMonitoring>;
let results: Map<string, PromtoolFileResult>;
const mutated = new Map<string, Array<{ file: string; before: AlertRule; after: AlertRule }>>();

beforeAll(() => {
  built = Object.fromEntries(Object.entries(BUILDS).map(([id, text]) => [id, buildMonitoring(text)]));
  const dir = tempDir('rule-mutations-');
  const run: string[] = [];
  MUTATIONS.forEach((mutation, m) => {
    const cases: Array<{ file: string; before: AlertRule; after: AlertRule }> = [];
    for (const [id, b] of Object.entries(built)) {
      // the example's alerts, and from the NVMe variant only what the example lacks
      const alerts = id === 'example' ? b.alerts : b.alerts.filter((a) => !built.example.rules.has(a.rule.alert));
      const targets = alerts.filter(mutation.applies).map((a) => ({ ...a, rule: mutation.mutate(a.rule) }));
      const files = alertRuleTestFiles({ cluster: 'demo', scrapeInterval: b.monitoring.scrapeInterval, alerts: targets,
        facts: { ...b.props, scrapeKind: b.monitoring.scrapeKind } });
      writeFiles(path.join(dir, `m${m}`, id), files);
      for (const a of targets) {
        const file = `m${m}/${id}/${a.rule.alert}.test.yaml`;
        run.push(file);
        cases.push({ file, before: alerts.find((x) => x.rule.alert === a.rule.alert)!.rule, after: a.rule });
      }
    }
    mutated.set(mutation.name, cases);
  });
  results = testRules(dir, run);
});

describe.each(MUTATIONS.map((m) => [m.name]))('mutation: %s', (name) => {
  it('changes every rule it applies to, and every mutated rule fails its test', () => {
    const cases = mutated.get(name)!;
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) expect(c.after, `${c.before.alert} unchanged`).not.toEqual(c.before);
    const passed = cases.filter((c) => results.get(c.file)!.ok).map((c) => `${c.before.alert}: ${c.after.expr} (for ${c.after.for})`);
    expect(passed).toEqual([]);
  });
});

it('the mutations reach every kind of alert, and every alert of the example and the NVMe variant', () => {
  const reached = new Set([...mutated.values()].flat().map((c) => c.before.alert));
  const all = new Set(Object.values(built).flatMap((b) => b.alerts.map((a) => a.rule.alert)));
  expect([...all].filter((a) => !reached.has(a))).toEqual([]);
});
