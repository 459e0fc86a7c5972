/**
 * The aisnode metrics the rules, dashboards and rule tests use, as NVIDIA/aistore v1.4.9 exports them
 * (unchanged in v1.5.0: `git diff v1.4.9 v1.5.0 -- stats/prom.go stats/common_prom.go stats/target_stats.go
 * ais/backend/common.go` is empty). Naming is `runner.reg` in stats/common_prom.go: `ais_<proxy|target>_<name>`,
 * `.n` → `_count`, `.size` → `_bytes`, KindTotal keeps `.ns.total` → `_ns_total`, `StrName` overrides the name;
 * Counter/Total/Size kinds are Prometheus counters, Latency/Throughput kinds are not exported, the rest are
 * gauges; constant label `node_id` (stats/api.go ConstlabNode). Served on the public port at /metrics
 * (PromHandler).
 *
 * Labelled counters are `CounterVec`s whose children appear on their first increment, already at 1
 * (stats/prom.go `counterVec.incWith`/`addWith`: `v.With(vlabs).Inc()`; `reg` pre-creates none), and a pod
 * restart drops them all. Empty label values (`bucket=""`) are dropped by Prometheus, so by default the
 * GET/PUT counters carry no `bucket`: it comes only with the cluster feature `Enable-Detailed-Prom-Metrics`
 * (cmn/feat/feat.go, bit 19), which can be switched at run time: rules work with both shapes.
 */
import type { AisRole } from '../workloads/daemon-pod';

/** How a metric's series come to exist. */
export type MetricBirth =
  /** from registration (unlabelled counters, gauges), so `increase()` sees the first event */
  | 'registration'
  /** a labelled child appears on the first event, already at 1 (or n): `increase()` cannot see that step */
  | 'first-increment';

export interface AisnodeMetric {
  /** the name after `ais_<role>_` */
  readonly name: string;
  readonly type: 'counter' | 'gauge';
  readonly roles: readonly AisRole[];
  /** variable labels every child carries (besides node_id) */
  readonly labels: readonly string[];
  /** variable labels a child may carry besides (`xkind` in jobs) */
  readonly optionalLabels?: readonly string[];
  /** labels added with Enable-Detailed-Prom-Metrics */
  readonly detailedLabels?: readonly string[];
  /** constant labels (their values vary per registration: the backend, the disk) */
  readonly constLabels?: readonly string[];
  readonly birth: MetricBirth;
  /** where v1.4.9 registers and updates it */
  readonly source: string;
}

const TARGET: readonly AisRole[] = ['target'];
const BOTH: readonly AisRole[] = ['proxy', 'target'];

const counter = (name: string, source: string, labels: Partial<AisnodeMetric> = {}): AisnodeMetric => ({
  name, type: 'counter', roles: TARGET, labels: [], birth: 'first-increment', source, ...labels,
});
const diskGauge = (name: string): AisnodeMetric => ({
  name, type: 'gauge', roles: TARGET, labels: [], constLabels: ['disk'], birth: 'registration',
  source: 'stats/target_stats.go RegDiskMetrics (ais/target.go regDiskMetrics, per disk)',
});

/** Every aisnode metric we read (the F4 table of docs/monitoring.md). */
export const AISNODE_METRICS = {
  /** the NodeStateFlags bitmask (`state.flags`), 0 at start, normally 6 (NodeStarted|ClusterStarted) */
  stateFlags: { name: 'state_flags', type: 'gauge', roles: BOTH, labels: [], birth: 'registration', source: 'stats/common.go regCommon (NodeAlerts)' },
  /** seconds since start (`up.ns.time`, StrName `uptime`) */
  uptime: { name: 'uptime', type: 'gauge', roles: BOTH, labels: [], birth: 'registration', source: 'stats/common.go regCommon; stats/prom.go updateUptime' },
  getCount: counter('get_count', 'stats/common.go regCommon; ais/tgtobj.go getOI.stats with ais/utils.go bvlabs', { detailedLabels: ['bucket'] }),
  putCount: counter('put_count', 'ais/tgtobj.go putOI.stats (_vlabs(feature)); ais/tgtmpt.go ups.complete (xvlabs)', { detailedLabels: ['bucket'], optionalLabels: ['xkind'] }),
  getBytes: counter('get_bytes', 'stats/target_stats.go RegMetrics; the vlabs of get_count', { detailedLabels: ['bucket'] }),
  putBytes: counter('put_bytes', 'stats/target_stats.go RegMetrics; the vlabs of put_count', { detailedLabels: ['bucket'], optionalLabels: ['xkind'] }),
  getNsTotal: counter('get_ns_total', 'stats/common.go regCommon (KindTotal); the vlabs of get_count', { detailedLabels: ['bucket'] }),
  putNsTotal: counter('put_ns_total', 'stats/target_stats.go RegMetrics (KindTotal); the vlabs of put_count', { detailedLabels: ['bucket'], optionalLabels: ['xkind'] }),
  errGetCount: counter('err_get_count', 'ais/target.go getObject (explicit bucket map)', { labels: ['bucket'] }),
  errPutCount: counter('err_put_count', 'ais/tgtobj.go putObject (_vlabs(true))', { labels: ['bucket'], optionalLabels: ['xkind'] }),
  errPutCksumCount: counter('err_put_cksum_count', 'ais/tgtobj.go putOI.write (_vlabs(true))', { labels: ['bucket'], optionalLabels: ['xkind'] }),
  errIoGetCount: counter('err_io_get_count', 'ais/target.go getObject', { labels: ['bucket'] }),
  errIoPutCount: counter('err_io_put_count', 'ais/tgtobj.go putObject', { labels: ['bucket'], optionalLabels: ['xkind'] }),
  errIoDelCount: counter('err_io_del_count', 'ais/target.go DeleteObject (bvlabs)', { detailedLabels: ['bucket'] }),
  /** label `mountpath` = `mp[<path>, <disk>, hdd|nvme|ssd|unknown]` (fs/fs.go Mountpath.String) */
  errFshcCount: counter('err_fshc_count', 'ais/tgtfshc.go FSHC', { labels: ['mountpath'] }),
  ratelimRetryGetCount: counter('ratelim_retry_get_count', 'ais/rlbackend.go rlbackend.stats (one increment per retried op)', { labels: ['bucket'], optionalLabels: ['xkind'] }),
  ratelimRetryPutCount: counter('ratelim_retry_put_count', 'ais/rlbackend.go rlbackend.stats', { labels: ['bucket'], optionalLabels: ['xkind'] }),
  /** every remote GET, `bucket` always (constant label `backend`) */
  remoteGetCount: counter('remote_get_count', 'ais/backend/common.go base.init (StrName remote_get_count); ais/tgtimpl.go rgetstats (explicit map)',
    { labels: ['bucket'], optionalLabels: ['xkind'], constLabels: ['backend'] }),
  /** every remote PUT: `bucket` only with detailed metrics */
  remotePutCount: counter('remote_put_count', 'ais/backend/common.go base.init; ais/tgtobj.go putOI.stats (_vlabs(feature))',
    { detailedLabels: ['bucket'], optionalLabels: ['xkind'], constLabels: ['backend'] }),
  /** disk I/O utilisation in percent (StrName `disk_util`) */
  diskUtil: diskGauge('disk_util'),
  diskReadBps: diskGauge('disk_read_bps'),
  diskWriteBps: diskGauge('disk_write_bps'),
} as const satisfies Record<string, AisnodeMetric>;

/** `ais_<role>_<name>` */
export function aisnodeMetricName(role: AisRole, metric: AisnodeMetric): string {
  if (!metric.roles.includes(role)) throw new Error(`aisnode ${role === 'proxy' ? 'proxies' : 'targets'} export no ais_${role}_${metric.name}`);
  return `ais_${role}_${metric.name}`;
}
