/**
 * Every dashboard panel and variable query returns data on a busy cluster's series shaped like aisnode v4.9's
 * (and node-exporter's), evaluated by promtool (`promql_expr_test`) after the substitutions Grafana makes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as YAML from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { AISNODE_METRICS, AisnodeMetric } from '../../../lib/ais/monitoring/aisnode-metrics';
import { InputSeries, SeriesShapes, seriesText } from '../../../lib/ais/monitoring/rule-tests/series';
import { grow, hold, renderValues } from '../../../lib/ais/monitoring/rule-tests/timeline';
import { tempDir } from '../../support/cli';
import { BuiltMonitoring, MONITORING_EXAMPLE, buildMonitoring } from '../../support/monitoring';
import { PromtoolFileResult, testRules } from '../../support/promtool';

const INTERVAL = 30;
const LENGTH = 20 * 60;
const AT = '15m';
/** Grafana's $__rate_interval with its default 15s scrape interval setting: max(4 × 15s, interval + 15s) ≈ 1m. */
const RATE_INTERVAL = '1m';

/** A cluster with traffic, errors, retries, a LowCapacity flag (on the first target, where the Node dashboard opens) and node-exporter filesystems: 2 proxies, 2 targets. */
function busySeries(built: BuiltMonitoring): InputSeries[] {
  const props = built.props;
  const shapes = new SeriesShapes({ ...props, scrapeKind: built.monitoring.scrapeKind });
  const vlabs = (metric: AisnodeMetric) => Object.fromEntries([...metric.labels, ...(metric.constLabels ?? [])].map((l) => [l,
    l === 'bucket' ? 'ais://busy' : l === 'mountpath' ? `mp[${props.mountpaths[0]}, sda, hdd]` : l === 'disk' ? 'sda' : 'aws']));
  const series: InputSeries[] = [];
  for (const role of ['proxy', 'target'] as const) {
    for (const index of [0, 1]) {
      const pod = { role, index };
      series.push({ labels: shapes.up(pod), values: [hold(1, LENGTH)] });
      for (const metric of Object.values(AISNODE_METRICS).filter((m) => (m.roles as readonly string[]).includes(role))) {
        const value = metric === AISNODE_METRICS.stateFlags ? [hold(role === 'target' && index === 0 ? 2048 + 6 : 6, LENGTH)]
          : metric.type === 'gauge' ? [hold(metric === AISNODE_METRICS.uptime ? 3600 : 40, LENGTH)] : [grow(0, 10, LENGTH)];
        series.push({ labels: shapes.aisnode(metric, pod, { vlabs: vlabs(metric) }), values: value });
      }
    }
  }
  props.targetNodes.slice(0, 2).forEach((_, index) => {
    series.push({ labels: shapes.uname(index), values: [hold(1, LENGTH)] });
    for (const mountpoint of props.mountpaths) {
      const fs_ = { device: `/dev/${path.basename(mountpoint)}`, fstype: 'xfs', mountpoint };
      series.push({ labels: shapes.nodeExporter('node_filesystem_size_bytes', index, fs_), values: [hold(1000, LENGTH)] });
      series.push({ labels: shapes.nodeExporter('node_filesystem_avail_bytes', index, fs_), values: [hold(400, LENGTH)] });
    }
  });
  return series;
}

interface Query {
  readonly what: string;
  readonly expr: string;
  readonly samples?: ReadonlyArray<{ labels: string; value: number }>;
}

/** Grafana's substitutions: a multi-value variable at All becomes `(a|b)`, the Node dashboard's pod its default; `or vector(0)` hides nothing. */
function queries(built: BuiltMonitoring): Map<string, Query[]> {
  const dashboards = built.manifests.filter((m) => m.kind === 'ConfigMap' && m.metadata.labels?.grafana_dashboard === '1')
    .map((m) => JSON.parse(Object.values(m.data as Record<string, string>)[0]));
  const cluster = built.monitoring.cluster;
  const props = built.props;
  const pods = ['proxy', 'target'].flatMap((role) => [0, 1].map((i) => `${role === 'target' ? props.targetStatefulSet : props.proxyStatefulSets[0]}-${i}`));
  const result = new Map<string, Query[]>();
  for (const dashboard of dashboards) {
    const vars = Object.fromEntries(dashboard.templating.list.map((v: any) => [v.name, v]));
    const pod = vars.pod.multi ? `(${pods.join('|')})` : vars.pod.current.value;
    const substitute = (expr: string) => expr.replace(/\$__rate_interval/g, RATE_INTERVAL).replace(/\$cluster/g, cluster)
      .replace(/\$role/g, '(proxy|target)').replace(/\$pod/g, pod).replace(/ or vector\(0\)$/, '');
    const list: Query[] = [];
    for (const panel of dashboard.panels.filter((p: any) => p.targets)) {
      for (const target of panel.targets) list.push({ what: `${dashboard.title} / ${panel.title} ${target.refId}`, expr: substitute(target.expr) });
    }
    const expected: Record<string, string[]> = { cluster: [cluster], role: ['proxy', 'target'], pod: pods };
    for (const v of dashboard.templating.list.filter((x: any) => x.type === 'query')) {
      const [, selector, label] = /^label_values\((.*), (\w+)\)$/.exec(v.query.query)!;
      list.push({ what: `${dashboard.title} / variable ${v.name}`, expr: `group by (${label}) (${substitute(selector)})`,
        samples: expected[v.name].map((value) => ({ labels: `{${label}="${value}"}`, value: 1 })) });
    }
    result.set(dashboard.title, list);
  }
  return result;
}

function testFile(series: InputSeries[], list: readonly Query[]): string {
  return YAML.stringify({
    evaluation_interval: '1m',
    tests: [{
      interval: `${INTERVAL}s`,
      input_series: series.map((s) => ({ series: seriesText(s.labels), values: renderValues(s.values, INTERVAL) })),
      promql_expr_test: list.map((q) => (q.samples ? { expr: q.expr, eval_time: AT, exp_samples: q.samples } : { expr: `absent(${q.expr})`, eval_time: AT, exp_samples: [] })),
    }],
  }, { lineWidth: 0 });
}

const CONFIGS: Record<string, string> = {
  'the monitoring example': MONITORING_EXAMPLE,
  'an operator-mode cluster': 'name: lab\nnamespace: ais-lab\nkubernetesVersion: "1.29"\nais:\n  mode: operator\n  proxies: { nodes: [n1, n2] }\n  targets: { nodes: [n1, n2], mountpaths: [/ais/nvme0n1, /ais/nvme1n1], media: nvme }\n'
    + '  monitoring: { scrape: { kind: ServiceMonitor }, selectorLabels: {} }\n',
};

const lists = new Map<string, Map<string, Query[]>>();
let results: Map<string, PromtoolFileResult>;

beforeAll(() => {
  const dir = tempDir('dashboard-queries-');
  const files: string[] = [];
  Object.entries(CONFIGS).forEach(([id, text], c) => {
    const built = buildMonitoring(text);
    lists.set(id, queries(built));
    const series = busySeries(built);
    [...lists.get(id)!.values()].forEach((list, d) => {
      fs.writeFileSync(path.join(dir, `c${c}-d${d}.yaml`), testFile(series, list));
      files.push(`c${c}-d${d}.yaml`);
    });
    if (c === 0) {
      // a query of a metric aisnode does not export must fail: the check can fail
      const [first] = [...lists.get(id)!.values()];
      const wrong = first.map((q) => (q.what.includes('Disk utilisation') ? { ...q, expr: q.expr.replace('ais_target_disk_util', 'ais_target_disk_utilization') } : q));
      fs.writeFileSync(path.join(dir, 'mutated.yaml'), testFile(series, wrong));
      files.push('mutated.yaml');
    }
  });
  results = testRules(dir, files);
});

describe.each(Object.keys(CONFIGS).map((c) => [c]))('dashboards of %s', (id) => {
  it('every panel query returns data and every variable lists exactly the cluster, the roles and the pods', () => {
    const all = [...lists.get(id)!.values()].flat();
    expect(all.length).toBeGreaterThan(35);
    const c = Object.keys(CONFIGS).indexOf(id);
    const failed = [...results].filter(([file, r]) => file.startsWith(`c${c}-`) && !r.ok).map(([, r]) => r.report);
    expect(failed.join('\n\n')).toBe('');
  });
});

it('a panel that reads a metric aisnode does not export fails the check', () => {
  expect(results.get('mutated.yaml')!.ok).toBe(false);
  expect(results.get('mutated.yaml')!.report).toContain('ais_target_disk_utilization');
});

it('the Node dashboard opens on the first target, and error panels show 0 before the first error', () => {
  const built = buildMonitoring(MONITORING_EXAMPLE);
  const node = built.manifests.find((m) => m.metadata.name === 'demo-ais-node-dashboard')!;
  const json = JSON.parse(Object.values(node.data as Record<string, string>)[0]);
  expect(json.templating.list.find((v: any) => v.name === 'pod').current).toEqual({ text: 'demo-target-0', value: 'demo-target-0' });
  expect(json.panels.find((p: any) => p.title === 'Errors' && p.type !== 'row').fieldConfig.defaults.noValue).toBe('0');
});
