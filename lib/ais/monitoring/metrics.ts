/**
 * aisnode metric names used by the rules and dashboards, as NVIDIA/aistore v1.4.9 registers them
 * (`runner.reg` in stats/common_prom.go): namespace `ais`, subsystem = the node type (`proxy` or
 * `target`), name from the stats name with `.n` → `_count`, `.size` → `_bytes`, `.ns.total` kept as
 * `_ns_total`, dots → underscores; constant label `node_id`. Served on the public port at /metrics.
 */
import type { AisRole } from '../workloads/daemon-pod';

/** `ais_<role>_<name>` */
export const aisMetric = (role: AisRole, name: string): string => `ais_${role}_${name}`;

export const AIS_METRICS = {
  /** gauge, the NodeStateFlags bitmask (`state.flags`, stats/common.go regCommon) */
  stateFlags: 'state_flags',
  /** seconds since start (`up.ns.time`, StrName `uptime`) */
  uptime: 'uptime',
  /** counters with label `bucket` (`get.n`, `put.n`, stats/common.go) */
  getCount: 'get_count',
  putCount: 'put_count',
  /** error counters (`err.get.n`, `err.put.n`) */
  errGetCount: 'err_get_count',
  errPutCount: 'err_put_count',
  /** bytes served / stored by targets (`get.size`, `put.size`, stats/target_stats.go) */
  getBytes: 'get_bytes',
  putBytes: 'put_bytes',
  /** cumulative latency in nanoseconds (`get.ns.total`, `put.ns.total`; KindTotal keeps the name) */
  getNsTotal: 'get_ns_total',
  putNsTotal: 'put_ns_total',
  /** PUT checksum errors (`err.put.cksum.n`, target_stats.go) */
  errPutCksumCount: 'err_put_cksum_count',
  /** filesystem health checker runs, label `mountpath` (`err.fshc.n`) */
  errFshcCount: 'err_fshc_count',
  /** I/O errors excluding network/backend ones (`err.io.get.n`, `err.io.put.n`, `err.io.del.n`) */
  errIoPrefix: 'err_io_',
  /** rate-limited retries against remote backends, label `bucket` (`ratelim.retry.get.n`, `ratelim.retry.put.n`) */
  ratelimRetryGetCount: 'ratelim_retry_get_count',
  ratelimRetryPutCount: 'ratelim_retry_put_count',
  /** disk I/O utilisation in percent, label `disk` (StrName `disk_util`, target_stats.go RegDiskMetrics) */
  diskUtil: 'disk_util',
  diskReadBps: 'disk_read_bps',
  diskWriteBps: 'disk_write_bps',
} as const;
