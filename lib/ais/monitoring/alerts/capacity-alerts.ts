import { AlertGroup } from '../../defaults';
import { DiskMedia } from '../../storage/mountpath';
import { AISNODE_METRICS, aisnodeMetricName } from '../aisnode-metrics';
import { aisDisks, aisScope, onNodes, regexLiteral } from '../promql';
import { AlertScenario, ScenarioContext, minutes, steadyTimeline } from '../rule-tests/scenario';
import { InputSeries, Labels, PodRef, withoutName } from '../rule-tests/series';
import { STALE, durationSeconds, grow, hold, missing } from '../rule-tests/timeline';
import { AlertDefinition, AlertFacts, AlertRule } from './types';

/** A path like `path` that is not one of the mountpaths (`/ais/sda` → `/ais/sdax`): the regex must be anchored. */
function notAMountpath(path: string, mountpaths: readonly string[]): string {
  let other = `${path}x`;
  while (mountpaths.includes(other)) other += 'x';
  return other;
}

const SIZE = 1_000_000;

function mountpathUsedAlert(facts: AlertFacts, rule: Omit<AlertRule, 'expr'>, percent: number): AlertDefinition {
  const mountpoints = `mountpoint=~${regexLiteral(facts.mountpaths)}`;
  const expr = `100 * (1 - node_filesystem_avail_bytes{${mountpoints}} / node_filesystem_size_bytes{${mountpoints}}) ${onNodes(facts.targetNodes)} > ${percent}`;
  const scenarios = ({ interval, shapes }: ScenarioContext): AlertScenario[] => {
    const s = steadyTimeline(durationSeconds(rule.for), interval);
    const avail = (used: number) => Math.round(SIZE * (100 - used) / 100);
    /** a filesystem of node `index` (reporting `nodename`), `used` percent full from `from` on */
    const filesystem = (index: number, mountpoint: string, used: number, from = 0, nodename?: string): InputSeries[] => {
      const labels = { device: `/dev/disk${index}`, fstype: 'xfs', mountpoint };
      return [
        { labels: shapes.nodeExporter('node_filesystem_size_bytes', index, labels), values: [hold(SIZE, s.length)] },
        { labels: shapes.nodeExporter('node_filesystem_avail_bytes', index, labels),
          values: from ? [hold(SIZE, from), hold(avail(used), s.length - from)] : [hold(avail(used), s.length)] },
        { labels: shapes.uname(index, nodename), values: [hold(1, s.length)] },
      ];
    };
    const mp = facts.mountpaths[0];
    const fires = filesystem(0, mp, percent + 0.5);
    const firing = { ...withoutName(fires[1].labels), nodename: shapes.nodeName(0) };
    const other = `${shapes.nodeName(0)}-other`;
    return [
      { name: `a mountpath ${percent + 0.5}% full on a target node`, tags: ['fires', 'threshold'], series: fires, expect: s.expect([firing]) },
      { name: `a mountpath ${percent - 0.5}% full`, tags: ['threshold'], series: filesystem(1, mp, percent - 0.5), expect: s.expect([]) },
      // node 0's other filesystems share its node_uname_info series: only the filesystems here
      { name: `the same path full on host ${other}, a path that is not a mountpath, the root filesystem`, tags: ['out-of-scope'],
        series: [...filesystem(2, mp, 99, 0, other), ...filesystem(3, notAMountpath(mp, facts.mountpaths), 99), ...filesystem(4, '/', 99)],
        expect: s.expect([]) },
      { name: 'full for less than `for`', tags: ['short'], series: filesystem(5, mp, 99, s.late), expect: s.expect([]) },
    ];
  };
  return { group: AlertGroup.CAPACITY, kind: 'level', needs: ['node-exporter'], rule: { ...rule, expr }, scenarios };
}

function nodeMetricsMissingAlert(facts: AlertFacts): AlertDefinition {
  const nodes = facts.targetNodes;
  const rule: Omit<AlertRule, 'expr'> = {
    alert: 'AISNodeMetricsMissing', for: '15m', labels: { severity: 'warning', cluster: facts.cluster }, annotations: {
      summary: `node-exporter does not report every target node of AIS cluster ${facts.cluster} by its hostname`,
      description: 'the mountpath and disk alerts see only nodes whose node_uname_info nodename is the Kubernetes node name: '
        + 'check that node-exporter runs on every target node, and the kubelet --hostname-override' },
  };
  const expr = `(count(count by (nodename) (node_uname_info{nodename=~${regexLiteral(nodes)}})) or vector(0)) < ${nodes.length}`;
  const scenarios = ({ interval, shapes }: ScenarioContext): AlertScenario[] => {
    const s = steadyTimeline(durationSeconds(rule.for), interval);
    const uname = (index: number, nodename?: string, labels?: Labels): InputSeries => ({ labels: shapes.uname(index, nodename, labels), values: [hold(1, s.length)] });
    const every = nodes.map((_, i) => uname(i));
    const aisUp: InputSeries = { labels: shapes.up({ role: 'target', index: 0 }), values: [hold(1, s.length)] };
    return [
      { name: 'every target node reports its name', tags: ['threshold'], isolated: true, series: every, expect: s.expect([]) },
      { name: 'every target node, scraped by two jobs', tags: ['threshold'], isolated: true,
        series: [...every, ...nodes.map((_, i) => uname(i, undefined, { job: 'node-exporter-2' }))], expect: s.expect([]) },
      { name: 'one node reports an FQDN as its hostname', tags: ['fires'], isolated: true,
        series: [uname(0, `${nodes[0]}.example.internal`), ...every.slice(1)], expect: s.expect([{}]) },
      { name: 'no node-exporter', tags: ['fires'], isolated: true, series: [aisUp], expect: s.expect([{}]) },
      { name: 'one node reports an FQDN for less than `for`', tags: ['short'], isolated: true, series: [
        { labels: shapes.uname(0), values: [hold(1, s.late), STALE] },
        { labels: shapes.uname(0, `${nodes[0]}.example.internal`), values: [missing(s.late + interval), hold(1, s.length - s.late - interval)] },
        ...every.slice(1)], expect: s.expect([]) },
    ];
  };
  return { group: AlertGroup.CAPACITY, kind: 'node-metrics', needs: ['node-exporter'], rule: { ...rule, expr }, scenarios };
}

function diskSaturatedAlert(facts: AlertFacts): AlertDefinition {
  const percent = facts.thresholds.diskUtilPercent;
  const rule: Omit<AlertRule, 'expr'> = {
    alert: 'AISDiskSaturated', for: '15m', labels: { severity: 'warning' }, annotations: {
      summary: `disk {{ $labels.disk }} of {{ $labels.pod }} is over ${percent}% busy`,
      description: 'one disk slower than its peers drags the target: compare disks, check SMART and the kernel log' },
  };
  const expr = `${aisnodeMetricName('target', AISNODE_METRICS.diskUtil)}{${aisScope(facts.cluster)}} > ${percent}`;
  const scenarios = ({ interval, shapes }: ScenarioContext): AlertScenario[] => {
    const s = steadyTimeline(durationSeconds(rule.for), interval);
    const disk = (pod: PodRef, values: InputSeries['values']): InputSeries =>
      ({ labels: shapes.aisnode(AISNODE_METRICS.diskUtil, pod, { vlabs: { disk: 'sda' } }), values });
    const t = (index: number, extra: Partial<PodRef> = {}): PodRef => ({ role: 'target', index, ...extra });
    const fires = disk(t(0), [hold(percent + 0.5, s.length)]);
    return [
      { name: `a disk ${percent + 0.5}% busy`, tags: ['fires', 'threshold'], series: [fires], expect: s.expect([withoutName(fires.labels)]) },
      { name: `a disk ${percent - 0.5}% busy; one busy for 10 minutes, then 40%`, tags: ['threshold', 'short'],
        series: [disk(t(1), [hold(percent - 0.5, s.length)]), disk(t(2), [hold(percent + 2, minutes(10)), hold(40, s.length - minutes(10))]),
          disk(t(3), [hold(40, s.late), hold(percent + 2, s.length - s.late)])], expect: s.expect([]) },
      { name: 'another cluster, another job', tags: ['other-cluster', 'other-job'],
        series: [disk(t(0, { cluster: `${facts.cluster}-other` }), [hold(99, s.length)]), disk(t(0, { job: 'other' }), [hold(99, s.length)])],
        expect: s.expect([]) },
    ];
  };
  return { group: AlertGroup.CAPACITY, kind: 'level', needs: ['aisnode'], rule: { ...rule, expr }, scenarios };
}

/**
 * NVMe request latency (await) from node-exporter, on the disks aisnode uses of the target nodes, when
 * the disk serves more than 10 operations a second: the signal ais-k8s alerts on for NVMe
 * (monitoring/kube-prom/alert-rules/templates/scraped-rules.yaml NodeHighDiskRead/WriteLatency), scoped.
 */
function nvmeLatencyAlert(facts: AlertFacts, op: 'read' | 'write', ms: number): AlertDefinition {
  const Op = op === 'read' ? 'Read' : 'Write';
  const time = `node_disk_${op}_time_seconds_total`;
  const done = `node_disk_${op}s_completed_total`;
  const rule: Omit<AlertRule, 'expr'> = {
    alert: `AISDisk${Op}LatencyHigh`, for: '10m', labels: { severity: 'warning', cluster: facts.cluster }, annotations: {
      summary: `NVMe ${op}s on {{ $labels.device }} of {{ $labels.nodename }} take over ${ms} ms`,
      description: 'a slow or failing NVMe device drags its target: compare the disks of the node (iostat -x), check SMART (nvme smart-log) and the kernel log' },
  };
  const expr = `(rate(${time}[5m]) / rate(${done}[5m]) > ${Number((ms / 1000).toPrecision(12))} and rate(${done}[5m]) > 10) ${onNodes(facts.targetNodes)} and on (nodename, device) ${aisDisks(aisScope(facts.cluster))}`;
  const scenarios = ({ interval, shapes }: ScenarioContext): AlertScenario[] => {
    const s = steadyTimeline(durationSeconds(rule.for), interval);
    /** node `index` (reporting `nodename`) serving `iops` with `awaitMs` on `device` from `from` on, and aisnode's gauge of the disk if it uses it */
    const disk = (index: number, device: string, iops: number, awaitMs: number, options: { from?: number; nodename?: string; ais?: Partial<PodRef> | false } = {}): InputSeries[] => {
      const from = options.from ?? 0;
      const busy = iops * awaitMs / 1000;
      const series: InputSeries[] = [
        { labels: shapes.nodeExporter(done, index, { device }), values: [grow(0, iops, s.length)] },
        { labels: shapes.nodeExporter(time, index, { device }),
          values: from ? [grow(0, iops * ms / 2000, from), grow(from * iops * ms / 2000, busy, s.length - from)] : [grow(0, busy, s.length)] },
        { labels: shapes.uname(index, options.nodename), values: [hold(1, s.length)] },
      ];
      if (options.ais !== false) {
        series.push({ labels: shapes.aisnode(AISNODE_METRICS.diskUtil, { role: 'target', index, ...options.ais }, { vlabs: { disk: device } }), values: [hold(50, s.length)] });
      }
      return series;
    };
    const fires = disk(0, 'nvme0n1', 100, 2 * ms);
    const firing = { ...withoutName(fires[1].labels), nodename: shapes.nodeName(0) };
    return [
      { name: `${2 * ms} ms per ${op} at 100 IOPS on a disk aisnode uses`, tags: ['fires', 'threshold'], series: fires, expect: s.expect([firing]) },
      { name: `${ms / 2} ms per ${op}; ${2 * ms} ms at 5 IOPS`, tags: ['threshold'],
        series: [...disk(1, 'nvme1n1', 100, ms / 2), ...disk(2, 'nvme2n1', 5, 2 * ms)], expect: s.expect([]) },
      { name: 'slow on a disk aisnode does not use, on another host, on a disk of another cluster or job', tags: ['out-of-scope', 'other-cluster', 'other-job'],
        series: [...disk(3, 'nvme9n1', 100, 2 * ms, { ais: false }), ...disk(4, 'nvme0n1', 100, 2 * ms, { nodename: `${shapes.nodeName(0)}-other`, ais: false }),
          ...disk(5, 'nvme5n1', 100, 2 * ms, { ais: { cluster: `${facts.cluster}-other` } }), ...disk(7, 'nvme7n1', 100, 2 * ms, { ais: { job: 'other' } })],
        expect: s.expect([]) },
      { name: 'slow for less than `for`', tags: ['short'], series: disk(6, 'nvme6n1', 100, 4 * ms, { from: s.late }), expect: s.expect([]) },
    ];
  };
  return { group: AlertGroup.CAPACITY, kind: 'level', needs: ['node-exporter', 'aisnode'], rule: { ...rule, expr }, scenarios };
}

/** Mountpath fill level on the target nodes, node-exporter coverage, and the disk saturation signal of the media. */
export function capacityAlerts(facts: AlertFacts): AlertDefinition[] {
  const t = facts.thresholds;
  const mountpathRule = (alert: string, severity: 'warning' | 'critical', for_: string, percent: number, description: string): Omit<AlertRule, 'expr'> => ({
    alert, for: for_, labels: { severity, cluster: facts.cluster },
    annotations: { summary: `mountpath {{ $labels.mountpoint }} on {{ $labels.nodename }} is over ${percent}% full`, description },
  });
  return [
    mountpathUsedAlert(facts, mountpathRule('AISMountpathFillingUp', 'warning', '15m', t.mountpathUsedWarningPercent,
      'free space (LRU eviction, delete buckets) or plan more capacity'), t.mountpathUsedWarningPercent),
    mountpathUsedAlert(facts, mountpathRule('AISMountpathFull', 'critical', '5m', t.mountpathUsedCriticalPercent,
      'AIS stops writing at its out-of-space watermark: free space now or add mountpaths/targets'), t.mountpathUsedCriticalPercent),
    nodeMetricsMissingAlert(facts),
    ...(facts.media === DiskMedia.HDD ? [diskSaturatedAlert(facts)] : []),
    ...(facts.media === DiskMedia.NVME ? [nvmeLatencyAlert(facts, 'read', t.nvmeReadLatencyMs), nvmeLatencyAlert(facts, 'write', t.nvmeWriteLatencyMs)] : []),
  ];
}
