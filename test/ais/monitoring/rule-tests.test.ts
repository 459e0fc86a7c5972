/**
 * Every emitted alert is unit-tested with promtool (the Prometheus project's own rule tests) on series shaped
 * like aisnode v4.9's: for the monitoring example, its variants (media, aisnode release, HTTP/HTTPS, scrape kind,
 * alert groups, operator mode) and generated configs. Audit: /work/shared/audits/monitoring-2026-12-06.md.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as YAML from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AlertDefinition } from '../../../lib/ais/monitoring/alert-rules';
import { AISNODE_METRICS } from '../../../lib/ais/monitoring/aisnode-metrics';
import { ScenarioTag } from '../../../lib/ais/monitoring/rule-tests/scenario';
import { SeriesShapes } from '../../../lib/ais/monitoring/rule-tests/series';
import { ALL_ALERT_GROUPS, ScrapeKind } from '../../../lib/ais/monitoring/props';
import { tempDir } from '../../support/cli';
import { monitoringConfigs } from '../../support/config-generator';
import { edit } from '../../support/gitops';
import { BuiltMonitoring, MONITORING_EXAMPLE, buildMonitoring, ruleFileOf, ruleTestsOf, runAlertTests, untestedAlerts } from '../../support/monitoring';
import { PromtoolFileResult, checkRules, promtool } from '../../support/promtool';

const tls = /  tls:\n(    .*\n)+/;
const image = (tag: string) => `  images: { aisnode: docker.io/aistorage/aisnode${tag}, init: docker.io/aistorage/ais-init${tag.startsWith('@') ? ':v4.9' : tag} }\n`;
const withImage = (text: string, tag: string) => edit(text, /^ais:\n/m, `ais:\n${image(tag)}`);

/** The example and variants that cover every media, aisnode release, protocol, scrape kind and an alert-group subset. */
const VARIANTS: Record<string, string> = {
  'example (hdd, v4.9, HTTPS, PodMonitor)': MONITORING_EXAMPLE,
  'nvme, v5.0, ServiceMonitor': withImage(edit(edit(MONITORING_EXAMPLE, 'media: hdd', 'media: nvme'), 'kind: PodMonitor', 'kind: ServiceMonitor'), ':v5.0'),
  'HTTP, media unset, digest-only image': withImage(edit(edit(MONITORING_EXAMPLE, /    media: hdd.*\n/, ''), tls, ''), `@sha256:${'0f'.repeat(32)}`),
  'hdd, v5.0, HTTP, groups stateFlags+errors+scrape, 15s': withImage(edit(edit(edit(MONITORING_EXAMPLE, tls, ''), '    alerts:\n', '    alerts:\n      groups: [stateFlags, errors, scrape]\n'),
    'interval: 30s', 'interval: 15s'), ':v5.0'),
  'operator mode, nvme': `name: lab\nnamespace: ais-lab\nkubernetesVersion: "1.29"\nais:\n  mode: operator\n  proxies: { nodes: [n1, n2] }\n  targets: { nodes: [n1, n2], mountpaths: [/ais/nvme0n1], media: nvme }\n`
    + '  tls: { certManager: { issuer: { name: ca-issuer } } }\n  monitoring: { scrape: { kind: ServiceMonitor }, selectorLabels: { release: kps } }\n',
};
const GENERATED = monitoringConfigs(5, 24);

/** The silent cases each kind of alert must have besides firing (the issue: neighbouring bits, other roles, other clusters, shorter than `for`). */
const REQUIRED_TAGS: Record<AlertDefinition['kind'], readonly ScenarioTag[]> = {
  'flag': ['fires', 'neighbour-bits', 'other-role', 'other-cluster', 'other-job', 'short'],
  'first-increment': ['fires', 'born-at-1', 'fresh-tsdb', 'restart', 'other-cluster', 'other-job'],
  'level': ['fires', 'threshold', 'short'],
  'ratio': ['fires', 'threshold', 'short', 'other-cluster', 'other-job', 'default-labels', 'detailed-labels'],
  'kubernetes': ['fires', 'threshold', 'out-of-scope'],
  'scrape': ['fires', 'other-cluster', 'other-job', 'short'],
  'node-metrics': ['fires', 'threshold'],
};

const builds = new Map<string, BuiltMonitoring>();
let results: Map<string, Map<string, PromtoolFileResult>>;
let checked: { ok: boolean; report: string };

beforeAll(() => {
  promtool();
  for (const [id, text] of [...Object.entries(VARIANTS), ...GENERATED.map((g) => [g.id, g.text] as const)]) builds.set(id, buildMonitoring(text));
  const dir = tempDir('rule-tests-');
  const ids = [...builds.keys()];
  results = runAlertTests(dir, ids.map((id, i) => ({ id: `c${i}`, files: ruleTestsOf(builds.get(id)!) })));
  results = new Map(ids.map((id, i) => [id, results.get(`c${i}`)!]));
  ids.forEach((id, i) => fs.writeFileSync(path.join(dir, `c${i}.rules.yaml`), ruleFileOf(builds.get(id)!.manifests)));
  checked = checkRules(dir, ids.map((_, i) => `c${i}.rules.yaml`));
});

describe.each([...Object.keys(VARIANTS), ...GENERATED.map((g) => g.id)])('alerts of %s', (id) => {
  it('pass promtool check rules, and every emitted alert has a promtool unit test (and nothing else has one)', () => {
    expect(checked.ok, checked.report).toBe(true);
    const built = builds.get(id)!;
    expect(untestedAlerts(built, ruleTestsOf(built))).toEqual([]);
    const tested = [...ruleTestsOf(built).keys()].filter((n) => n.endsWith('.test.yaml')).map((n) => n.replace(/\.test\.yaml$/, ''));
    expect(tested.sort()).toEqual([...built.rules.keys()].sort());
  });

  it('every alert passes its promtool unit test', () => {
    const failed = [...results.get(id)!].filter(([, r]) => !r.ok).map(([alert, r]) => `${alert}:\n${r.report}`);
    expect(failed.join('\n\n')).toBe('');
    expect(results.get(id)!.size).toBe(builds.get(id)!.rules.size);
  });

  it('each alert\'s test has a firing case and the silent cases of its kind; the rule file holds exactly the emitted rule', () => {
    const built = builds.get(id)!;
    const files = new Map(ruleTestsOf(built));
    const shapes = new SeriesShapes({ ...built.props, scrapeKind: built.monitoring.scrapeKind });
    for (const alert of built.alerts) {
      const scenarios = alert.scenarios({ interval: 30, shapes });
      const tags = new Set(scenarios.flatMap((s) => s.tags));
      for (const tag of REQUIRED_TAGS[alert.kind]) expect(tags.has(tag), `${alert.rule.alert} has no ${tag} scenario`).toBe(true);
      if (alert.rule.for !== '0s') expect(tags.has('short'), `${alert.rule.alert} has no scenario shorter than for`).toBe(true);
      expect(scenarios.some((s) => s.expect.some((e) => e.firing.length > 0)), `${alert.rule.alert} never fires in its test`).toBe(true);
      const ruleFile = YAML.parse(files.get(`${alert.rule.alert}.rules.yaml`)!);
      expect(ruleFile.groups.map((g: any) => g.rules)).toEqual([[built.rules.get(alert.rule.alert)]]);
    }
  });
});

it('with a missing alert test, the coverage check fails (an emitted alert without a test is caught)', () => {
  const built = builds.get(Object.keys(VARIANTS)[0])!;
  const files = new Map(ruleTestsOf(built));
  expect(untestedAlerts(built, files)).toEqual([]);
  files.delete('AISTargetOOS.test.yaml');
  expect(untestedAlerts(built, files)).toEqual(['AISTargetOOS']);
});

describe('which alerts exist: only signals aisnode v4.9 (or the release of the image) produces', () => {
  /** Flag alerts for aisnode v4.9 over HTTP, written from the SetFlag call sites of NVIDIA/aistore v1.4.9 (design-24 §1.3), not from lib's table. */
  const V49_HTTP_FLAG_ALERTS = [
    'AISProxyOOM', 'AISProxyLowMemory', 'AISProxyNumGoroutines', 'AISProxyHighNumGoroutines', 'AISProxyKeepAliveErrors', 'AISProxyOOCPU', 'AISProxyLowCPU',
    'AISTargetRebalancing', 'AISTargetNodeRestarted', 'AISTargetOOS', 'AISTargetOOM', 'AISTargetMaintenanceMode', 'AISTargetLowCapacity', 'AISTargetLowMemory',
    'AISTargetDiskFault', 'AISTargetNumGoroutines', 'AISTargetHighNumGoroutines', 'AISTargetKeepAliveErrors', 'AISTargetOOCPU', 'AISTargetLowCPU',
    'AISTargetDiskOOS', 'AISTargetDiskLowCapacity',
  ];
  const CERT = ['CertWillSoonExpire', 'CertificateExpired', 'CertificateInvalid'];
  const V50_ONLY = ['AISTargetRebalanceInterrupted', 'AISTargetResilvering', 'AISTargetResilverInterrupted'];
  const flagAlerts = (b: BuiltMonitoring) => [...b.rules.values()].filter((r) => r.labels.flag).map((r) => r.alert);

  it('aisnode v4.9 over HTTP: exactly the flags its SetFlag sites set, per role', () => {
    expect(flagAlerts(builds.get('HTTP, media unset, digest-only image')!).sort()).toEqual([...V49_HTTP_FLAG_ALERTS].sort());
  });

  it.each([...builds.keys()].map((id) => [id]))('%s: no VoteInProgress, no proxy NodeRestarted/MaintenanceMode; 5.0 flags iff v5.0; certificate flags iff HTTPS; disk alerts by media', (id) => {
    const built = builds.get(id)!;
    const names = [...built.rules.keys()];
    const groups: readonly string[] = built.props.alertGroups ?? ALL_ALERT_GROUPS;
    expect(names.filter((n) => /VoteInProgress|AISProxyNodeRestarted|AISProxyMaintenanceMode/.test(n))).toEqual([]);
    const v50 = built.props.aisnodeVersion?.major === 5;
    if (groups.includes('stateFlags')) {
      expect(V50_ONLY.every((n) => names.includes(n)), `v5.0 flags in ${id}`).toBe(v50);
      expect(V50_ONLY.some((n) => names.includes(n))).toBe(v50);
      const https = built.props.tls !== undefined;
      for (const role of ['Proxy', 'Target']) for (const flag of CERT) expect(names.includes(`AIS${role}${flag}`), `${role}${flag} in ${id}`).toBe(https);
    }
    if (groups.includes('capacity')) {
      expect(names.includes('AISDiskSaturated')).toBe(built.monitoring.media === 'hdd');
      expect(names.includes('AISDiskReadLatencyHigh') && names.includes('AISDiskWriteLatencyHigh')).toBe(built.monitoring.media === 'nvme');
      expect(names.includes('AISDiskReadLatencyHigh') || names.includes('AISDiskWriteLatencyHigh')).toBe(built.monitoring.media === 'nvme');
    }
  });

  it('the generated configs cover both modes, every media, v4.9, v5.0 and digest images, and the 30s fallback interval', () => {
    const texts = GENERATED.map((g) => g.text).join('\n');
    for (const needle of ['mode: operator', 'media: hdd', 'media: nvme', 'aisnode:v5.0', 'aisnode@sha256', 'interval: 45s']) expect(texts, needle).toContain(needle);
  });
});

describe('series shapes follow aisnode v4.9 (written from stats/, ais/ at v1.4.9, not from lib\'s table)', () => {
  const shapes = new SeriesShapes({ cluster: 'demo', clusterNamespace: 'ais', proxyStatefulSets: ['demo-proxy'], targetStatefulSet: 'demo-target',
    targetNodes: ['n1'], ports: { proxy: 51080, target: 51081 }, scrapeKind: ScrapeKind.POD_MONITOR });
  const target = { role: 'target' as const, index: 0 };
  const bucket = { bucket: 's3://b' };

  it('GET/PUT counters and remote PUTs carry no bucket by default (ais/utils.go bvlabs, ais/tgtobj.go _vlabs), only with Enable-Detailed-Prom-Metrics', () => {
    for (const metric of [AISNODE_METRICS.getCount, AISNODE_METRICS.putCount, AISNODE_METRICS.errIoDelCount]) {
      expect(() => shapes.aisnode(metric, target, { vlabs: bucket })).toThrow(/carries no variable labels/);
      expect(shapes.aisnode(metric, target, { vlabs: bucket, detailed: true }).bucket).toBe('s3://b');
    }
    expect(() => shapes.aisnode(AISNODE_METRICS.remotePutCount, target, { vlabs: { ...bucket, backend: 'aws' } })).toThrow(/carries backend/);
  });

  it('retries, errors and remote GETs always carry the bucket (ais/rlbackend.go stats, ais/target.go getObject, ais/tgtimpl.go rgetstats)', () => {
    for (const metric of [AISNODE_METRICS.ratelimRetryGetCount, AISNODE_METRICS.ratelimRetryPutCount, AISNODE_METRICS.errGetCount, AISNODE_METRICS.errPutCksumCount,
      AISNODE_METRICS.errIoGetCount]) {
      expect(() => shapes.aisnode(metric, target)).toThrow(/carries bucket/);
    }
    expect(shapes.aisnode(AISNODE_METRICS.remoteGetCount, target, { vlabs: { ...bucket, backend: 'aws' } })).toMatchObject({ __name__: 'ais_target_remote_get_count', bucket: 's3://b', backend: 'aws' });
  });

  it('labelled counters are born at their first increment; proxies export no target metrics', () => {
    const born = Object.values(AISNODE_METRICS).filter((m) => m.birth === 'first-increment').map((m) => m.name);
    expect(born).toEqual(expect.arrayContaining(['err_put_cksum_count', 'err_io_get_count', 'err_io_put_count', 'err_io_del_count', 'err_fshc_count', 'ratelim_retry_get_count']));
    expect(AISNODE_METRICS.stateFlags.birth).toBe('registration');
    expect(() => shapes.aisnode(AISNODE_METRICS.diskUtil, { role: 'proxy', index: 0 }, { vlabs: { disk: 'sda' } })).toThrow(/proxies export no ais_proxy_disk_util/);
  });
});
