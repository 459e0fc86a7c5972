/**
 * The node-state flags aisnode exports as the gauge `ais_<role>_state_flags`: a bitmask whose bits
 * are `1 << iota` in the order of the `NodeStateFlags` constants (NVIDIA/aistore v1.4.9,
 * cmn/cos/node_state.go; registered as `state.flags` by `regCommon` in stats/common.go, so proxies
 * and targets both export it). The aistore monitoring doc's bit values are wrong; these follow the code.
 */

/** How urgent a flag is, as `IsRed`/`IsWarn` in node_state.go class it (info: lifecycle, never alerted). */
export type FlagSeverity = 'critical' | 'warning' | 'info';

export interface NodeStateFlag {
  /** the Go constant's name */
  readonly name: string;
  /** bit index: the flag's value is 2^bit */
  readonly bit: number;
  readonly severity: FlagSeverity;
  /** roles that set it: capacity, disk and rebalance/resilver flags are target-only in aisnode */
  readonly roles: readonly ('proxy' | 'target')[];
  /** what the alert says (one line) */
  readonly summary: string;
  /** what to do first */
  readonly runbook: string;
  /** how long the flag must stay set before the alert fires */
  readonly for: string;
}

const BOTH = ['proxy', 'target'] as const;
const TARGET = ['target'] as const;

/** Every flag, in bit order (index = bit). */
export const NODE_STATE_FLAGS: readonly NodeStateFlag[] = [
  { name: 'VoteInProgress', bit: 0, severity: 'warning', roles: BOTH, for: '2m',
    summary: 'primary election in progress', runbook: 'check that the primary proxy pod is running; `ais show cluster` names the new primary once the vote ends' },
  { name: 'ClusterStarted', bit: 1, severity: 'info', roles: BOTH, for: '0s', summary: 'node joined the cluster', runbook: '' },
  { name: 'NodeStarted', bit: 2, severity: 'info', roles: BOTH, for: '0s', summary: 'node started', runbook: '' },
  { name: 'Rebalancing', bit: 3, severity: 'warning', roles: TARGET, for: '30m',
    summary: 'global rebalance running for a long time', runbook: '`ais show job rebalance`; expected after adding or removing targets, slow under heavy load' },
  { name: 'RebalanceInterrupted', bit: 4, severity: 'warning', roles: TARGET, for: '5m',
    summary: 'rebalance was interrupted', runbook: 'restart it with `ais start rebalance` once all targets are up' },
  { name: 'Resilvering', bit: 5, severity: 'warning', roles: TARGET, for: '30m',
    summary: 'resilver running for a long time', runbook: '`ais show job resilver`; follows a mountpath change on this target' },
  { name: 'ResilverInterrupted', bit: 6, severity: 'warning', roles: TARGET, for: '5m',
    summary: 'resilver was interrupted', runbook: 'restart it with `ais storage resilver <target>`' },
  { name: 'NodeRestarted', bit: 7, severity: 'warning', roles: BOTH, for: '1m',
    summary: 'node restarted (power cycle or crash)', runbook: 'read the previous aisnode log: `kubectl logs --previous <pod> -c ais-node`' },
  { name: 'OOS', bit: 8, severity: 'critical', roles: TARGET, for: '1m',
    summary: 'target out of space', runbook: 'free space (evict, delete buckets) or add mountpaths/targets; PUTs fail until then' },
  { name: 'OOM', bit: 9, severity: 'critical', roles: BOTH, for: '1m',
    summary: 'node out of memory', runbook: 'check memory requests/limits of ais-node and what else runs on the node' },
  { name: 'MaintenanceMode', bit: 10, severity: 'warning', roles: BOTH, for: '1h',
    summary: 'node in maintenance mode for over an hour', runbook: 'finish the maintenance and run `ais cluster add-remove-nodes stop-maintenance <node>`' },
  { name: 'LowCapacity', bit: 11, severity: 'warning', roles: TARGET, for: '5m',
    summary: 'target capacity above the high watermark', runbook: 'out of space is near: free space or add capacity (space.highwm in the AIS config)' },
  { name: 'LowMemory', bit: 12, severity: 'warning', roles: BOTH, for: '5m',
    summary: 'node low on memory', runbook: 'check memory pressure on the node and the ais-node memory request' },
  { name: 'DiskFault', bit: 13, severity: 'critical', roles: TARGET, for: '1m',
    summary: 'disk fault detected by the filesystem health checker', runbook: '`ais storage mountpath show <target>`; replace the disk, then re-enable the mountpath' },
  { name: 'NumGoroutines', bit: 14, severity: 'warning', roles: BOTH, for: '10m',
    summary: 'many goroutines', runbook: 'the node is overloaded; check request rates and running jobs' },
  { name: 'HighNumGoroutines', bit: 15, severity: 'critical', roles: BOTH, for: '5m',
    summary: 'very many goroutines', runbook: 'the node is close to failing; reduce load and check running jobs' },
  { name: 'CertWillSoonExpire', bit: 16, severity: 'warning', roles: BOTH, for: '10m',
    summary: 'TLS certificate expires soon', runbook: 'check cert-manager renewed the certificate; AIS reloads it from /var/certs' },
  { name: 'CertificateExpired', bit: 17, severity: 'critical', roles: BOTH, for: '1m',
    summary: 'TLS certificate expired', runbook: 'renew the certificate (`cmctl renew`) and check the Secret the pods mount' },
  { name: 'CertificateInvalid', bit: 18, severity: 'critical', roles: BOTH, for: '1m',
    summary: 'TLS certificate invalid', runbook: 'check the Secret holds a matching tls.crt/tls.key pair signed by the CA in ca.crt' },
  { name: 'KeepAliveErrors', bit: 19, severity: 'warning', roles: BOTH, for: '5m',
    summary: 'keep-alive errors in the last 5 minutes', runbook: 'check the intra-cluster network and the load on the node' },
  { name: 'OOCPU', bit: 20, severity: 'critical', roles: BOTH, for: '2m',
    summary: 'node out of CPU', runbook: 'check CPU requests/limits of ais-node and other load on the node' },
  { name: 'LowCPU', bit: 21, severity: 'warning', roles: BOTH, for: '5m',
    summary: 'node low on CPU', runbook: 'check CPU usage on the node' },
  { name: 'DiskOOS', bit: 22, severity: 'critical', roles: TARGET, for: '1m',
    summary: 'a disk is out of space', runbook: '`ais storage mountpath show <target>`: free space on that mountpath' },
  { name: 'DiskLowCapacity', bit: 23, severity: 'warning', roles: TARGET, for: '5m',
    summary: 'a disk is low on capacity', runbook: '`ais storage mountpath show <target>`: free space on that mountpath' },
];

/** The flag's value, `1 << bit`. */
export const flagValue = (flag: NodeStateFlag): number => 2 ** flag.bit;

/**
 * PromQL that is 1 where the flag is set in `series` (PromQL has no bitwise `&`: shift by division,
 * then test the lowest bit). Exact: the gauge stays far below 2^53.
 */
export function flagSetExpr(series: string, flag: NodeStateFlag): string {
  return `floor(${series} / ${flagValue(flag)}) % 2 == 1`;
}
