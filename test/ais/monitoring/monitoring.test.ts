import * as fs from 'node:fs';
import * as path from 'node:path';
import { parser } from '@prometheus-io/lezer-promql';
import { Chart, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { NODE_STATE_FLAGS, flagSetExpr, flagValue } from '../../../lib/ais/monitoring/state-flags';
import { AisMonitoring, MAX_DASHBOARD_BYTES } from '../../../lib/ais/monitoring/monitoring';
import { reviewChanges } from '../../../lib/review/change-review';
import type { Manifest } from '../../../lib/k8s/manifest';
import { EXAMPLES } from '../../support/cli';
import { configProblems, editConfig } from '../../support/config-problems';
import { REFERENCE, edit, outputObjects, withAisKeys } from '../../support/gitops';
import { validateAll } from '../../support/schema';
import { manifestsOf, planOf } from '../../support/synth';

const MONITORING_EXAMPLE = fs.readFileSync(path.join(EXAMPLES, 'monitoring.yaml'), 'utf8');
const objects = manifestsOf(MONITORING_EXAMPLE);
const ofKind = (list: readonly Manifest[], kind: string) => list.filter((m) => m.kind === kind);
const rules = (list: readonly Manifest[]) => ofKind(list, 'PrometheusRule').flatMap((r) => r.spec.groups.flatMap((g: any) => g.rules));
const rule = (name: string) => rules(objects).find((r: any) => r.alert === name);
const dashboards = (list: readonly Manifest[]) => ofKind(list, 'ConfigMap').filter((m) => m.metadata.labels?.grafana_dashboard === '1');
const dashboardJson = (m: Manifest) => JSON.parse(Object.values(m.data as Record<string, string>)[0]);

/** Problems the lezer PromQL grammar (the parser of the Prometheus UI) finds in an expression. */
function promqlErrors(expr: string): string[] {
  const errors: string[] = [];
  parser.parse(expr).iterate({ enter: (node) => { if (node.type.isError) errors.push(`at ${node.from}: ${JSON.stringify(expr.slice(node.from, node.from + 30))}`); } });
  return errors;
}

/** Grafana variables and macros are not PromQL: substitute what Grafana would before the query runs. */
const grafanaToPromql = (expr: string) => expr.replace(/\$__rate_interval/g, '5m').replace(/\$(cluster|role|node)/g, 'x');

/** Selector labels a Kubernetes label selector `matchLabels` requires. */
const matches = (selector: Record<string, string>, labels: Record<string, string> = {}) => Object.entries(selector).every(([k, v]) => labels[k] === v);

describe('monitoring example (examples/monitoring.yaml)', () => {
  it('emits scrape objects, alert rules and dashboards that validate strictly against the prometheus-operator CRDs and Kubernetes 1.28', async () => {
    const monitoring = objects.filter((m) => ['PodMonitor', 'ServiceMonitor', 'PrometheusRule'].includes(m.kind) || dashboards([m]).length);
    expect(monitoring.map((m) => `${m.kind} ${m.metadata.namespace}/${m.metadata.name}`)).toEqual([
      'PodMonitor ais/demo-proxy', 'PodMonitor ais/demo-target', 'PrometheusRule monitoring/demo-ais-alerts',
      'ConfigMap monitoring/demo-ais-overview-dashboard', 'ConfigMap monitoring/demo-ais-node-dashboard',
    ]);
    expect(await validateAll([...objects])).toEqual([]);
  });

  it('a validator that is strict: an unknown PodMonitor field is rejected', async () => {
    const pm = structuredClone(ofKind(objects, 'PodMonitor')[0]);
    pm.spec.podMetricsEndpoints[0].metricsPath = '/metrics';
    expect((await validateAll([pm])).join('\n')).toMatch(/metricsPath/);
  });

  it('every alert expression parses as PromQL, and every dashboard query once Grafana substitutes its variables', () => {
    const all = rules(objects);
    expect(all.length).toBeGreaterThan(40);
    for (const r of all) expect(promqlErrors(r.expr), `${r.alert}: ${r.expr}`).toEqual([]);
    const queries = dashboards(objects).flatMap((d) => dashboardJson(d).panels.flatMap((p: any) => (p.targets ?? []).map((t: any) => t.expr)));
    expect(queries.length).toBeGreaterThan(20);
    for (const q of queries) expect(promqlErrors(grafanaToPromql(q)), q).toEqual([]);
    // the parser does catch what PromQL lacks: a bitwise and
    expect(promqlErrors('ais_target_state_flags & 256')).not.toEqual([]);
  });

  it('every rule has for, severity, a summary and a description (what Alertmanager receivers render), no $value; names are unique', () => {
    const all = rules(objects);
    for (const r of all) {
      expect(r.for, r.alert).toMatch(/^[0-9]+[smh]$/);
      expect(['warning', 'critical'], r.alert).toContain(r.labels.severity);
      expect(Object.keys(r.annotations).sort(), r.alert).toEqual(['description', 'summary']);
      expect(r.annotations.summary, r.alert).not.toBe('');
      expect(r.annotations.description.length, r.alert).toBeGreaterThan(10);
      expect(JSON.stringify(r.annotations), r.alert).not.toContain('$value');
    }
    expect(new Set(all.map((r: any) => r.alert)).size).toBe(all.length);
  });

  it('scrapes each role on its public port /metrics over HTTPS with the CA, server name and a client certificate, relabelled cluster=demo job=aistore', () => {
    const [proxy, target] = ofKind(objects, 'PodMonitor');
    for (const [pm, role] of [[proxy, 'proxy'], [target, 'target']] as const) {
      expect(pm.metadata.labels!.release).toBe('prometheus');
      expect(pm.spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'demo', 'app.kubernetes.io/component': role });
      const [endpoint] = pm.spec.podMetricsEndpoints;
      expect(endpoint).toMatchObject({ port: 'http', path: '/metrics', scheme: 'https', interval: '30s' });
      expect(endpoint.tlsConfig).toEqual({
        ca: { secret: { name: 'demo-tls', key: 'ca.crt' } },
        serverName: `demo-${role}.ais.svc.cluster.local`,
        cert: { secret: { name: 'demo-prometheus-client-tls', key: 'tls.crt' } },
        keySecret: { name: 'demo-prometheus-client-tls', key: 'tls.key' },
      });
      expect(endpoint.relabelings).toContainEqual({ action: 'replace', targetLabel: 'cluster', replacement: 'demo' });
      expect(endpoint.relabelings).toContainEqual({ action: 'replace', targetLabel: 'job', replacement: 'aistore' });
    }
    // the server name is on the AIS certificate, the client certificate comes from the cluster's issuer
    const serverCert = objects.find((m) => m.kind === 'Certificate' && m.metadata.name === 'demo-tls-cert')!;
    expect(serverCert.spec.dnsNames).toEqual(expect.arrayContaining(['demo-proxy.ais.svc.cluster.local', 'demo-target.ais.svc.cluster.local']));
    const client = objects.find((m) => m.kind === 'Certificate' && m.metadata.name === 'demo-prometheus-client')!;
    expect(client.spec).toMatchObject({ secretName: 'demo-prometheus-client-tls', issuerRef: { name: 'ca-issuer', kind: 'ClusterIssuer' }, usages: expect.arrayContaining(['client auth']) });
    // each PodMonitor selects exactly the pods of its role
    const pods = ofKind(objects, 'StatefulSet').map((s) => s.spec.template.metadata.labels);
    expect(pods.filter((l) => matches(proxy.spec.selector.matchLabels, l))).toHaveLength(2);
    expect(pods.filter((l) => matches(target.spec.selector.matchLabels, l))).toHaveLength(1);
    // the container port the PodMonitor names exists and is the public port
    const ports = ofKind(objects, 'StatefulSet').map((s) => s.spec.template.spec.containers[0].ports[0]);
    expect(ports.map((p) => [p.name, p.containerPort])).toEqual([['http', 51080], ['http', 51080], ['http', 51081]]);
  });

  it('with legacyPodLabels, the upstream ais-k8s Alloy selector (app=ais, component=proxy|target) finds our pods, and no StatefulSet selector changed', () => {
    const before = manifestsOf(edit(MONITORING_EXAMPLE, /\n  monitoring:\n[\s\S]*$/, '\n'));
    const legacy = manifestsOf(edit(MONITORING_EXAMPLE, '    ruleTests: true', '    ruleTests: true\n    legacyPodLabels: true'));
    expect(ofKind(objects, 'StatefulSet').some((s) => s.spec.template.metadata.labels.app), 'off by default').toBe(false);
    for (const role of ['proxy', 'target']) {
      const found = ofKind(legacy, 'StatefulSet').filter((s) => matches({ app: 'ais', component: role }, s.spec.template.metadata.labels));
      expect(found.map((s) => s.metadata.name)).toEqual(role === 'proxy' ? ['demo-proxy-primary', 'demo-proxy'] : ['demo-target']);
      expect(found.every((s) => s.spec.template.spec.containers[0].name === 'ais-node'), 'Alloy keeps only container ais-node').toBe(true);
    }
    const selectors = (list: readonly Manifest[]) => ofKind(list, 'StatefulSet').map((s) => s.spec.selector);
    expect(selectors(legacy)).toEqual(selectors(before));
    expect(ofKind(before, 'StatefulSet').some((s) => s.spec.template.metadata.labels.app)).toBe(false);
  });

  it('every object of the example is in the monitoring wave or earlier, monitoring objects last, custom resources skip the dry run', () => {
    const waveOf = (m: Manifest) => Number(m.metadata.annotations!['argocd.argoproj.io/sync-wave']);
    const monitoring = objects.filter((m) => m.metadata.labels?.['app.kubernetes.io/component'] === 'monitoring' && m.kind !== 'Certificate');
    const rest = objects.filter((m) => !monitoring.includes(m));
    expect(Math.min(...monitoring.map(waveOf))).toBeGreaterThan(Math.max(...rest.map(waveOf)));
    for (const m of monitoring.filter((o) => o.apiVersion.startsWith('monitoring.coreos.com/'))) {
      expect(m.metadata.annotations!['argocd.argoproj.io/sync-options']).toContain('SkipDryRunOnMissingResource=true');
    }
  });

  it('lists the prometheus-operator CRDs and the rules namespace as prerequisites, and PLAN.md shows scraping, alerts and dashboards', () => {
    const plan = planOf(MONITORING_EXAMPLE, 'examples/monitoring.yaml');
    expect(plan).toContain('CustomResourceDefinition podmonitors.monitoring.coreos.com');
    expect(plan).toContain('CustomResourceDefinition prometheusrules.monitoring.coreos.com');
    expect(plan).toContain('Namespace monitoring');
    expect(plan).toContain('## Monitoring');
    expect(plan).toContain('| PodMonitor `ais/demo-proxy` |');
    expect(plan).toContain('| `AISTargetDiskFault` | critical |');
    expect(plan).toContain(`Alerts (${rules(objects).length}, PrometheusRule \`monitoring/demo-ais-alerts\`)`);
    expect(plan).toContain('| AIStore demo / Overview | `monitoring/demo-ais-overview-dashboard` |');
  });
});

describe('state-flag alerts', () => {
  /** The bits of cmn/cos/node_state.go at NVIDIA/aistore v1.4.9 (`1 << iota`), written out. */
  const UPSTREAM: Record<string, number> = {
    VoteInProgress: 1, ClusterStarted: 2, NodeStarted: 4, Rebalancing: 8, RebalanceInterrupted: 16, Resilvering: 32,
    ResilverInterrupted: 64, NodeRestarted: 128, OOS: 256, OOM: 512, MaintenanceMode: 1024, LowCapacity: 2048, LowMemory: 4096,
    DiskFault: 8192, NumGoroutines: 16384, HighNumGoroutines: 32768, CertWillSoonExpire: 65536, CertificateExpired: 131072,
    CertificateInvalid: 262144, KeepAliveErrors: 524288, OOCPU: 1048576, LowCPU: 2097152, DiskOOS: 4194304, DiskLowCapacity: 8388608,
  };

  it('the flag table has every upstream flag at its value', () => {
    expect(Object.fromEntries(NODE_STATE_FLAGS.map((f) => [f.name, flagValue(f)]))).toEqual(UPSTREAM);
  });

  it('the red flags of node_state.go (isRed) are critical, the lifecycle flags never alert', () => {
    const red = ['OOS', 'OOM', 'OOCPU', 'DiskFault', 'HighNumGoroutines', 'CertificateExpired', 'DiskOOS'];
    for (const f of NODE_STATE_FLAGS) if (red.includes(f.name)) expect(f.severity, f.name).toBe('critical');
    expect(rules(objects).filter((r: any) => /ClusterStarted|NodeStarted/.test(r.alert))).toEqual([]);
  });

  /** Evaluates `floor(x / v) % 2 == 1` as PromQL does (float division, floor, float modulo). */
  const evaluate = (expr: string, value: number): boolean => {
    const m = /^floor\(ais_(proxy|target)_state_flags\{[^}]*\} \/ (\d+)\) % 2 == 1$/.exec(expr);
    if (!m) throw new Error(`not a flag test: ${expr}`);
    return Math.floor(value / Number(m[2])) % 2 === 1;
  };

  it('every state-flag alert fires exactly when its own bit is set, whatever else is set, on proxies and targets', () => {
    const flagRules = rules(objects).filter((r: any) => r.labels.flag);
    expect(flagRules.filter((r: any) => r.expr.startsWith('floor(ais_proxy_')).length).toBe(10);
    for (const r of flagRules) {
      const bit = UPSTREAM[r.labels.flag];
      expect(r.alert).toMatch(new RegExp(`^AIS(Proxy|Target)${r.labels.flag}$`));
      expect(r.expr).toContain('{cluster="demo", job="aistore"}');
      const others = Object.values(UPSTREAM).filter((v) => v !== bit);
      expect(evaluate(r.expr, bit), r.alert).toBe(true);
      expect(evaluate(r.expr, bit | 2 | 4 | 8388608), `${r.alert} among other bits`).toBe(true);
      for (const other of others) expect(evaluate(r.expr, other | 2 | 4), `${r.alert} on ${other}`).toBe(other === bit);
      expect(evaluate(r.expr, (2 ** 24 - 1) & ~bit), `${r.alert} with every other bit`).toBe(false);
    }
  });

  it('flagSetExpr decodes with division and modulo, not a bitwise and', () => {
    expect(flagSetExpr('x', NODE_STATE_FLAGS[13])).toBe('floor(x / 8192) % 2 == 1');
  });
});

describe('alert rules use our real names', () => {
  it('StatefulSet and pod alerts select <name>-proxy-primary, <name>-proxy and <name>-target in the cluster namespace', () => {
    expect(rule('AISProxyStatefulSetUnavailable').expr).toContain('namespace="ais", statefulset=~"demo-proxy-primary|demo-proxy"');
    expect(rule('AISTargetStatefulSetUnavailable').expr).toContain('namespace="ais", statefulset=~"demo-target"');
    expect(rule('AISPodRestarting').expr).toContain('pod=~"(demo-proxy-primary|demo-proxy|demo-target)-[0-9]+", container="ais-node"');
    const names = ofKind(objects, 'StatefulSet').map((s) => s.metadata.name);
    expect(names).toEqual(['demo-proxy-primary', 'demo-proxy', 'demo-target']);
  });

  it('capacity alerts select exactly the configured mountpaths; thresholds come from the config', () => {
    const expr = rule('AISMountpathFillingUp').expr;
    expect(expr).toContain('mountpoint=~"/ais/sda|/ais/sdb|/ais/sdc|/ais/sdd|/ais/sde|/ais/sdf|/ais/sdg|/ais/sdh|/ais/sdi|/ais/sdj"');
    expect(expr).toMatch(/> 80$/);
    expect(rule('AISMountpathFull').expr).toMatch(/> 90$/);
    const custom = manifestsOf(edit(MONITORING_EXAMPLE, 'mountpathUsedCriticalPercent: 90', 'mountpathUsedCriticalPercent: 95'));
    expect(rules(custom).find((r: any) => r.alert === 'AISMountpathFull').expr).toMatch(/> 95$/);
    // regex metacharacters in a path are escaped inside the PromQL string (a backslash doubled)
    const dotted = rules(manifestsOf(edit(MONITORING_EXAMPLE, '/ais/sdj]', '/ais/disk.10]'))).find((r: any) => r.alert === 'AISMountpathFull').expr;
    expect(dotted).toContain('|/ais/disk\\\\.10"');
    expect(promqlErrors(dotted)).toEqual([]);
  });

  it('audit H1: GET retries are divided by remote GETs per bucket, PUT retries by remote PUTs per cluster (the counters that carry those labels by default)', () => {
    expect(rule('AISGETRetryRatioWarning').expr).toBe('sum by (cluster, bucket) (rate(ais_target_ratelim_retry_get_count{cluster="demo", job="aistore"}[5m])) '
      + '/ (sum by (cluster, bucket) (rate(ais_target_remote_get_count{cluster="demo", job="aistore"}[5m])) > 0) > 0.01');
    expect(rule('AISPUTRetryRatioCritical').expr).toBe('sum by (cluster) (rate(ais_target_ratelim_retry_put_count{cluster="demo", job="aistore"}[5m])) '
      + '/ (sum by (cluster) (rate(ais_target_remote_put_count{cluster="demo", job="aistore"}[5m])) > 0) > 0.05');
  });

  it('audit H2: the error alerts also catch a counter born at 1, once Prometheus has scraped the pod for a window', () => {
    expect(rule('AISChecksumErrors').expr).toBe('sum by (cluster, pod) (increase(ais_target_err_put_cksum_count{cluster="demo", job="aistore"}[10m])) > 0 '
      + 'or (sum by (cluster, pod) (ais_target_err_put_cksum_count{cluster="demo", job="aistore"} unless ais_target_err_put_cksum_count{cluster="demo", job="aistore"} offset 10m) > 0 '
      + 'and on (cluster, pod) max_over_time(up{cluster="demo", job="aistore"}[10m] offset 10m))');
    // one form per counter: a regex __name__ selector fails to evaluate once two counters share their labels
    expect(rule('AISIOErrors').expr).not.toContain('__name__');
    expect(rule('AISIOErrors').expr.match(/increase\(/g)).toHaveLength(3);
  });

  it('audit M1: no alert on a flag aisnode v4.9 never sets in state_flags (VoteInProgress; NodeRestarted and MaintenanceMode on proxies; the 5.0 flags)', () => {
    expect(rules(objects).map((r: any) => r.alert).filter((a: string) =>
      /VoteInProgress|AISProxyNodeRestarted|AISProxyMaintenanceMode|RebalanceInterrupted|Resilvering|ResilverInterrupted/.test(a))).toEqual([]);
    const v50 = rules(manifestsOf(edit(MONITORING_EXAMPLE, /^ais:\n/m, 'ais:\n  images: { aisnode: docker.io/aistorage/aisnode:v5.0, init: docker.io/aistorage/ais-init:v5.0 }\n')));
    expect(v50.map((r: any) => r.alert)).toEqual(expect.arrayContaining(['AISTargetRebalanceInterrupted', 'AISTargetResilvering', 'AISTargetResilverInterrupted']));
  });

  it('audit M3: AISDiskSaturated only for HDD targets; NVMe targets get the latency alerts on the disks aisnode uses', () => {
    expect(rule('AISDiskSaturated').expr).toBe('ais_target_disk_util{cluster="demo", job="aistore"} > 95');
    const nvme = rules(manifestsOf(edit(MONITORING_EXAMPLE, 'media: hdd', 'media: nvme')));
    expect(nvme.map((r: any) => r.alert).filter((a: string) => a.startsWith('AISDisk'))).toEqual(['AISDiskReadLatencyHigh', 'AISDiskWriteLatencyHigh']);
    expect(nvme.find((r: any) => r.alert === 'AISDiskReadLatencyHigh').expr).toContain('and on (nodename, device) label_replace(label_replace(max by (node, disk) (ais_target_disk_util{cluster="demo", job="aistore"})');
  });

  it('audit L3: capacity alerts read node-exporter filesystems of the target nodes only (joined by hostname)', () => {
    expect(rule('AISMountpathFull').expr).toContain('* on (instance) group_left (nodename) group by (instance, nodename) (node_uname_info{nodename=~"cpu01|cpu02|cpu03|cpu04|cpu05|cpu06|cpu07|cpu08|cpu09|cpu10|cpu11|cpu12"})');
    expect(rule('AISNodeMetricsMissing').expr).toBe('(count(count by (nodename) (node_uname_info{nodename=~"cpu01|cpu02|cpu03|cpu04|cpu05|cpu06|cpu07|cpu08|cpu09|cpu10|cpu11|cpu12"})) or vector(0)) < 12');
  });

  it('checksum errors and scrape health', () => {
    expect(rule('AISChecksumErrors').expr).toContain('ais_target_err_put_cksum_count{cluster="demo", job="aistore"}');
    expect(rule('AISScrapeFailing').expr).toBe('up{cluster="demo", job="aistore"} == 0');
    expect(rule('AISNotScraped').expr).toBe('absent(up{cluster="demo", job="aistore"})');
  });

  it('alert groups can be chosen', () => {
    const only = manifestsOf(edit(MONITORING_EXAMPLE, '    alerts:\n', '    alerts:\n      groups: [stateFlags, scrape]\n'));
    const groups = ofKind(only, 'PrometheusRule')[0].spec.groups.map((g: any) => g.name);
    expect(groups).toEqual(['demo-ais-stateFlags', 'demo-ais-scrape']);
  });
});

describe('dashboards', () => {
  it('are ConfigMaps with the sidecar label, under 256 KiB, with cluster, role and pod variables and unique panel ids', () => {
    const list = dashboards(objects);
    expect(list).toHaveLength(2);
    for (const d of list) {
      expect(d.metadata.annotations!.grafana_folder).toBe('AIStore');
      const [key, json] = Object.entries(d.data as Record<string, string>)[0];
      expect(key).toMatch(/\.json$/);
      expect(Buffer.byteLength(JSON.stringify(json))).toBeLessThan(MAX_DASHBOARD_BYTES);
      const dashboard = JSON.parse(json);
      expect(dashboard.uid.length).toBeLessThanOrEqual(40);
      expect(dashboard.templating.list.map((v: any) => v.name)).toEqual(['datasource', 'cluster', 'role', 'pod']);
      const ids = dashboard.panels.map((p: any) => p.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const p of dashboard.panels) expect(p.gridPos.x + p.gridPos.w, p.title).toBeLessThanOrEqual(24);
    }
  });

  it('the overview shows state flags per node, throughput and latency from the *_bytes / *_ns_total counters, capacity per mountpath and errors', () => {
    const overview = dashboardJson(dashboards(objects)[0]);
    const exprs = overview.panels.flatMap((p: any) => (p.targets ?? []).map((t: any) => t.expr)).join('\n');
    for (const metric of ['state_flags', 'ais_target_get_bytes', 'ais_target_put_bytes', 'ais_target_get_ns_total', 'ais_target_put_ns_total',
      'node_filesystem_avail_bytes', 'ais_target_err_get_count', 'ais_target_err_put_cksum_count', 'ais_target_disk_util']) {
      expect(exprs).toContain(metric);
    }
  });

  it('the sidecar label is configurable, and dashboards can be turned off', () => {
    const relabelled = manifestsOf(edit(MONITORING_EXAMPLE, 'label: { grafana_dashboard: "1" }', 'label: { grafana: dashboards }'));
    expect(ofKind(relabelled, 'ConfigMap').filter((m) => m.metadata.labels?.grafana === 'dashboards')).toHaveLength(2);
    const off = manifestsOf(edit(MONITORING_EXAMPLE, '      label: { grafana_dashboard: "1" }', '      enabled: false'));
    expect(dashboards(off)).toEqual([]);
  });

  it('a dashboard too large for a ConfigMap is refused, not emitted', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const huge = Array.from({ length: 30000 }, (_, i) => `/ais/mountpath-with-a-long-name-${i}`);
    expect(() => new AisMonitoring(chart, 'M', {
      cluster: 'big', clusterNamespace: 'ais', ports: { proxy: 51080, target: 51081 }, proxyStatefulSets: ['big-proxy'], targetStatefulSet: 'big-target', mountpaths: huge, targetNodes: ['n1'],
      alertGroups: [],
    })).toThrow(/dashboard ais-overview-big is [0-9]+ bytes; a ConfigMap applied client-side must stay under 262144 bytes/);
  });
});

describe('ServiceMonitor', () => {
  const text = edit(MONITORING_EXAMPLE, 'kind: PodMonitor', 'kind: ServiceMonitor');
  const withLB = edit(edit(text, '10.132.179.10-10.132.179.20', '10.132.179.10-10.132.179.40'), /^ais:\n/m, 'ais:\n  externalLB: true\n');
  const list = manifestsOf(withLB);

  it('selects the headless Service of each role and none of the LoadBalancers (which would scrape proxies twice)', async () => {
    const monitors = ofKind(list, 'ServiceMonitor');
    expect(monitors.map((m) => m.metadata.name)).toEqual(['demo-proxy', 'demo-target']);
    const services = ofKind(list, 'Service');
    expect(services.filter((s) => s.spec.type === 'LoadBalancer').length).toBe(13);
    for (const [monitor, name] of [[monitors[0], 'demo-proxy'], [monitors[1], 'demo-target']] as const) {
      const selected = services.filter((s) => s.metadata.namespace === 'ais' && matches(monitor.spec.selector.matchLabels, s.metadata.labels));
      expect(selected.map((s) => s.metadata.name)).toEqual([name]);
      expect(selected[0].spec.clusterIP).toBe('None');
      expect(selected[0].spec.ports.map((p: any) => p.name)).toContain(monitor.spec.endpoints[0].port);
    }
    expect(await validateAll([...monitors])).toEqual([]);
  });
});

describe('operator mode', () => {
  const text = `name: demo\nnamespace: ais\nkubernetesVersion: "1.29"\nais:\n  mode: operator\n  proxies: { nodes: [n1, n2] }\n  targets: { nodes: [n1, n2], mountpaths: [/ais/sda] }
  tls: { certManager: { issuer: { name: ca-issuer } } }\n  monitoring: { scrape: { kind: ServiceMonitor } }\n`;
  const list = manifestsOf(text);

  it('scrapes the pods the AIS operator makes (same selector labels) through its headless Services, and alerts on its StatefulSet names', async () => {
    const monitors = ofKind(list, 'ServiceMonitor');
    expect(monitors.map((m) => m.spec.selector.matchLabels)).toEqual([
      { 'app.kubernetes.io/name': 'demo', 'app.kubernetes.io/component': 'proxy-svc' },
      { 'app.kubernetes.io/name': 'demo', 'app.kubernetes.io/component': 'target-svc' },
    ]);
    expect(monitors[0].spec.endpoints[0]).toMatchObject({ port: 'pub', scheme: 'https', tlsConfig: { ca: { secret: { name: 'demo-tls', key: 'ca.crt' } } } });
    expect(rules(list).find((r: any) => r.alert === 'AISProxyStatefulSetUnavailable').expr).toContain('statefulset=~"demo-proxy"');
    expect(rules(list).find((r: any) => r.alert === 'AISTargetStatefulSetUnavailable').expr).toContain('statefulset=~"demo-target"');
    expect(await validateAll([...list])).toEqual([]);
  });
});

describe('enabling monitoring on a running cluster', () => {
  it('audit L1: only adds objects (no pod template changes, so kube-prometheus-stack\'s KubeStatefulSetUpdateNotRolledOut stays quiet)', () => {
    const before = outputObjects(REFERENCE);
    const after = outputObjects(withAisKeys(REFERENCE, '  monitoring:\n    selectorLabels: { release: prometheus }\n'));
    const review = reviewChanges(before, after);
    expect(review.dangerous).toBe(false);
    expect(review.findings).toEqual([]);
    const verdicts = Object.fromEntries(review.changes.map((c) => [c.object, c.verdict]));
    expect(verdicts).toEqual({
      'PodMonitor ais/demo-proxy': 'added', 'PodMonitor ais/demo-target': 'added', 'PrometheusRule ais/demo-ais-alerts': 'added',
      'ConfigMap ais/demo-ais-overview-dashboard': 'added', 'ConfigMap ais/demo-ais-node-dashboard': 'added',
    });
  });

  it('with legacyPodLabels, the StatefulSets update in place and the OnDelete note names kube-prometheus-stack\'s KubeStatefulSetUpdateNotRolledOut', () => {
    const before = outputObjects(REFERENCE);
    const after = outputObjects(withAisKeys(REFERENCE, '  monitoring:\n    selectorLabels: { release: prometheus }\n    legacyPodLabels: true\n'));
    const review = reviewChanges(before, after);
    expect(review.dangerous).toBe(false);
    expect(review.findings.filter((f) => f.severity !== 'note')).toEqual([]);
    expect(Object.fromEntries(review.changes.filter((c) => c.verdict !== 'added').map((c) => [c.object, c.verdict]))).toEqual({
      'StatefulSet ais/demo-proxy-primary': 'in-place', 'StatefulSet ais/demo-proxy': 'in-place', 'StatefulSet ais/demo-target': 'in-place',
    });
    const note = review.findings.find((f) => f.rule === 'on-delete-restart' && f.objects.includes('apps/StatefulSet ais/demo-target'))!;
    expect(note.consequence).toContain('kube-prometheus-stack\'s KubeStatefulSetUpdateNotRolledOut fires for ais/demo-target 15 minutes after the sync until every pod is restarted');
  });

  it('without the section nothing changes (off by default)', () => {
    expect(manifestsOf(REFERENCE).some((m) => m.metadata.labels?.['app.kubernetes.io/component'] === 'monitoring')).toBe(false);
  });
});

describe('HTTPS variants', () => {
  const base = (tls: string) => `name: demo
namespace: ais
ais:
  proxies: { nodes: [n1] }
  targets: { nodes: [n1], mountpaths: [/ais/sda] }
  network: { nodes: { n1: 10.0.0.1 } }
${tls}  monitoring: {}
`;

  it('plain HTTP: scheme http, no TLS config', () => {
    const pm = ofKind(manifestsOf(base('')), 'PodMonitor')[0];
    expect(pm.spec.podMetricsEndpoints[0].scheme).toBe('http');
    expect(pm.spec.podMetricsEndpoints[0].tlsConfig).toBeUndefined();
  });

  it('a CA bundle ConfigMap is what Prometheus trusts; a self-signed CA its Secret; no client certificate without mutual TLS', () => {
    const bundle = ofKind(manifestsOf(base('  tls:\n    existingSecret: my-tls\n    caConfigMap: { name: my-ca }\n')), 'PodMonitor')[0];
    expect(bundle.spec.podMetricsEndpoints[0].tlsConfig).toEqual({ ca: { configMap: { name: 'my-ca', key: 'trust-bundle.pem' } }, serverName: 'demo-proxy.ais.svc.cluster.local' });
    const selfSigned = manifestsOf(base('  tls:\n    csi: { selfSigned: true }\n    clientAuth: requireAndVerify\n'));
    const tls = ofKind(selfSigned, 'PodMonitor')[0].spec.podMetricsEndpoints[0].tlsConfig;
    expect(tls.ca).toEqual({ secret: { name: 'demo-ca', key: 'ca.crt' } });
    expect(selfSigned.find((m) => m.metadata.name === 'demo-prometheus-client')!.spec.issuerRef).toEqual({ name: 'demo-ca-issuer', kind: 'Issuer', group: 'cert-manager.io' });
  });

  it('mutual TLS with an existing Secret and no issuer needs clientCertificateSecret: a clear error at the key', () => {
    const text = base('  tls:\n    existingSecret: my-tls\n    clientAuth: requireAndVerify\n');
    expect(configProblems(text)).toEqual([
      'cluster.yaml:10:15: ais.monitoring: AIS demands client certificates (tls.clientAuth REQUIRE_AND_VERIFY), so Prometheus needs one, and no cert-manager issuer '
      + 'is configured to issue it: set monitoring.clientCertificateSecret to a kubernetes.io/tls Secret signed by a CA AIS trusts',
    ]);
    const fixed = ofKind(manifestsOf(editConfig(text, 'monitoring: {}', 'monitoring: { clientCertificateSecret: prom-client }')), 'PodMonitor')[0];
    expect(fixed.spec.podMetricsEndpoints[0].tlsConfig.keySecret).toEqual({ name: 'prom-client', key: 'tls.key' });
  });

  it('CSI certificates from an external issuer leave no CA Secret: a clear error', () => {
    expect(configProblems(base('  tls:\n    csi: { issuer: { name: ca-issuer } }\n'))).toEqual([
      'cluster.yaml:9:15: ais.monitoring: monitoring over HTTPS needs the CA Prometheus verifies AIS with, and certificates from the CSI driver leave no Secret '
      + 'holding it: set the CA bundle ConfigMap (tls.caConfigMap)',
    ]);
  });

  it('inverted thresholds are refused with the key path', () => {
    const inverted = base('').replace('monitoring: {}', 'monitoring: { alerts: { retryRatioWarning: 0.1 } }');
    expect(configProblems(inverted)).toEqual(['cluster.yaml:7:46: ais.monitoring.alerts.retryRatioWarning: the warning ratio must be below monitoring.alerts.retryRatioCritical']);
  });
});

it('the PromQL parser and its peers declare no engine Node 20 would violate (npm ci prints no EBADENGINE)', () => {
  for (const name of ['@prometheus-io/lezer-promql', '@lezer/lr', '@lezer/highlight', '@lezer/common']) {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'node_modules', ...name.split('/'), 'package.json'), 'utf8'));
    expect(pkg.engines?.node, name).toBeUndefined();
  }
});
