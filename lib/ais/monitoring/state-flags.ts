/**
 * The node-state flags aisnode exports as the gauge `ais_<role>_state_flags`: a bitmask whose bits
 * are `1 << iota` in the order of the `NodeStateFlags` constants (NVIDIA/aistore v1.4.9,
 * cmn/cos/node_state.go; registered as `state.flags` by `regCommon` in stats/common.go, so proxies
 * and targets both export it). The aistore monitoring doc's bit values are wrong; these follow the code.
 */

/** How urgent a flag is, as `IsRed`/`IsWarn` in node_state.go class it (info: lifecycle, never alerted). */
export type FlagSeverity = 'critical' | 'warning' | 'info';

/** An aisnode release as `major.minor` of its image tag (`v4.9` is NVIDIA/aistore v1.4.9, `v5.0` is v1.5.0). */
export interface AisnodeVersion {
  /** e.g. 4 of v4.9 */
  readonly major: number;
  /** e.g. 9 of v4.9 */
  readonly minor: number;
}

/** The aisnode release an unknown version is taken for (a digest-only or non-version image tag): the default image's. */
export const ASSUMED_AISNODE_VERSION: AisnodeVersion = { major: 4, minor: 9 };

export interface NodeStateFlag {
  /** the Go constant's name */
  readonly name: string;
  /** bit index: the flag's value is 2^bit */
  readonly bit: number;
  readonly severity: FlagSeverity;
  /**
   * The roles whose aisnode sets the flag in the gauge, and from which release: every `SetFlag`/`SetClrFlag`
   * call site (`git grep -n "Flag(cos.NodeAlerts\|Flag(NodeAlerts" v1.4.9 -- '*.go'`, likewise v1.5.0). A flag
   * only put into health or cluster-meta replies is set by no role.
   */
  readonly setBy: { readonly proxy?: AisnodeVersion; readonly target?: AisnodeVersion };
  /** set only by the certificate loader, which runs only with `net.http.use_https` (ais/htrun.go initPhase2) */
  readonly httpsOnly?: boolean;
  /** where aisnode sets it */
  readonly setters: string;
  /** what the alert says (one line) */
  readonly summary: string;
  /** what to check first */
  readonly description: string;
  /** how long the flag must stay set before the alert fires */
  readonly for: string;
}

const V49: AisnodeVersion = { major: 4, minor: 9 };
const V50: AisnodeVersion = { major: 5, minor: 0 };
const BOTH = { proxy: V49, target: V49 } as const;
const TARGET = { target: V49 } as const;
const NONE = {} as const;

/** Every flag, in bit order (index = bit); bits are `1 << iota` in cmn/cos/node_state.go. */
export const NODE_STATE_FLAGS: readonly NodeStateFlag[] = [
  { name: 'VoteInProgress', bit: 0, severity: 'warning', setBy: NONE, for: '2m',
    setters: 'none: only cluster-meta and health replies (ais/htrun.go cluMeta, ais/htcommon.go fill)',
    summary: 'primary election in progress', description: 'check that the primary proxy pod is running; `ais show cluster` names the new primary once the vote ends' },
  { name: 'ClusterStarted', bit: 1, severity: 'info', setBy: BOTH, for: '0s', setters: 'ais/htrun.go markClusterStarted', summary: 'node joined the cluster', description: '' },
  { name: 'NodeStarted', bit: 2, severity: 'info', setBy: BOTH, for: '0s', setters: 'ais/htrun.go markNodeStarted', summary: 'node started', description: '' },
  { name: 'Rebalancing', bit: 3, severity: 'warning', setBy: TARGET, for: '30m', setters: 'reb/globrun.go Reb.Run',
    summary: 'global rebalance running for over 30 minutes', description: '`ais show job rebalance`; expected after adding or removing targets, slow under heavy load' },
  { name: 'RebalanceInterrupted', bit: 4, severity: 'warning', setBy: { target: V50 }, for: '5m',
    setters: 'v1.5.0: ais/target.go checkStartupMarkers, reb/globrun.go fini, reb/cleanup.go finiCleanup (v1.4.9 only clears it)',
    summary: 'rebalance was interrupted', description: 'restart it with `ais start rebalance` once all targets are up' },
  { name: 'Resilvering', bit: 5, severity: 'warning', setBy: { target: V50 }, for: '30m', setters: 'v1.5.0: res/resilver.go Res.Run (v1.4.9 sets it in health replies only)',
    summary: 'resilver running for over 30 minutes', description: '`ais show job resilver`; follows a mountpath change on this target' },
  { name: 'ResilverInterrupted', bit: 6, severity: 'warning', setBy: { target: V50 }, for: '5m',
    setters: 'v1.5.0: ais/target.go checkStartupMarkers, res/resilver.go wait (v1.4.9 only clears it)',
    summary: 'resilver was interrupted', description: 'restart it with `ais storage resilver <target>`' },
  { name: 'NodeRestarted', bit: 7, severity: 'warning', setBy: TARGET, for: '1m', setters: 'ais/target.go checkRestarted (targets only)',
    summary: 'target restarted without a clean shutdown (power cycle or crash)',
    description: 'read the previous aisnode log: `kubectl logs --previous <pod> -c ais-node`; the flag stays set up to 10 h or until the next rebalance finishes' },
  { name: 'OOS', bit: 8, severity: 'critical', setBy: TARGET, for: '1m', setters: 'ais/tgtspace.go OOS; stats/target_stats.go _cap',
    summary: 'target out of space', description: 'free space (evict, delete buckets) or add mountpaths/targets; PUTs fail until then' },
  { name: 'OOM', bit: 9, severity: 'critical', setBy: BOTH, for: '1m', setters: 'stats/common.go _memload',
    summary: 'node out of memory', description: 'check memory requests/limits of ais-node and what else runs on the node' },
  { name: 'MaintenanceMode', bit: 10, severity: 'warning', setBy: TARGET, for: '1h', setters: 'ais/tgtcp.go daeputMsg (proxies only clear it)',
    summary: 'target in maintenance mode for over an hour', description: 'finish the maintenance and run `ais cluster add-remove-nodes stop-maintenance <node>`' },
  { name: 'LowCapacity', bit: 11, severity: 'warning', setBy: TARGET, for: '5m', setters: 'ais/tgtspace.go; stats/target_stats.go _cap',
    summary: 'target capacity above the high watermark', description: 'out of space is near: free space or add capacity (space.highwm in the AIS config)' },
  { name: 'LowMemory', bit: 12, severity: 'warning', setBy: BOTH, for: '5m', setters: 'stats/common.go _memload',
    summary: 'node low on memory', description: 'check memory pressure on the node and the ais-node memory request' },
  { name: 'DiskFault', bit: 13, severity: 'critical', setBy: TARGET, for: '1m', setters: 'ais/tgtfshc.go DisableMpath',
    summary: 'disk fault detected by the filesystem health checker', description: '`ais storage mountpath show <target>`; replace the disk, then re-enable the mountpath' },
  { name: 'NumGoroutines', bit: 14, severity: 'warning', setBy: BOTH, for: '10m', setters: 'stats/common.go checkNgr',
    summary: 'many goroutines', description: 'the node is overloaded; check request rates and running jobs' },
  { name: 'HighNumGoroutines', bit: 15, severity: 'critical', setBy: BOTH, for: '5m', setters: 'stats/common.go checkNgr',
    summary: 'very many goroutines', description: 'the node is close to failing; reduce load and check running jobs' },
  { name: 'CertWillSoonExpire', bit: 16, severity: 'warning', setBy: BOTH, httpsOnly: true, for: '10m', setters: 'cmn/certloader/certloader.go hktime, do',
    summary: 'TLS certificate expires soon', description: 'check cert-manager renewed the certificate; AIS reloads it from /var/certs' },
  { name: 'CertificateExpired', bit: 17, severity: 'critical', setBy: BOTH, httpsOnly: true, for: '1m', setters: 'cmn/certloader/certloader.go Load, hktime',
    summary: 'TLS certificate expired', description: 'renew the certificate (`cmctl renew`) and check the Secret the pods mount' },
  { name: 'CertificateInvalid', bit: 18, severity: 'critical', setBy: BOTH, httpsOnly: true, for: '1m', setters: 'cmn/certloader/certloader.go Load',
    summary: 'TLS certificate invalid', description: 'check the Secret holds a matching tls.crt/tls.key pair signed by the CA in ca.crt' },
  { name: 'KeepAliveErrors', bit: 19, severity: 'warning', setBy: BOTH, for: '5m', setters: 'stats/common.go _run (cleared 5 minutes after the last error)',
    summary: 'keep-alive errors in the last 5 minutes', description: 'check the intra-cluster network and the load on the node' },
  { name: 'OOCPU', bit: 20, severity: 'critical', setBy: BOTH, for: '2m', setters: 'stats/common.go _load',
    summary: 'node out of CPU', description: 'check CPU requests/limits of ais-node and other load on the node' },
  { name: 'LowCPU', bit: 21, severity: 'warning', setBy: BOTH, for: '5m', setters: 'stats/common.go _load',
    summary: 'node low on CPU', description: 'check CPU usage on the node' },
  { name: 'DiskOOS', bit: 22, severity: 'critical', setBy: TARGET, for: '1m', setters: 'stats/target_stats.go _cap',
    summary: 'a disk is out of space', description: '`ais storage mountpath show <target>`: free space on that mountpath' },
  { name: 'DiskLowCapacity', bit: 23, severity: 'warning', setBy: TARGET, for: '5m', setters: 'stats/target_stats.go _cap',
    summary: 'a disk is low on capacity', description: '`ais storage mountpath show <target>`: free space on that mountpath' },
];

const atLeast = (version: AisnodeVersion, since: AisnodeVersion) => version.major > since.major || (version.major === since.major && version.minor >= since.minor);

/** Why a warning/critical flag is not alerted for a role: undefined when it is. */
export function flagNotAlerted(flag: NodeStateFlag, role: 'proxy' | 'target', node: { readonly version: AisnodeVersion; readonly https: boolean }): string | undefined {
  const since = flag.setBy[role];
  if (!since) {
    const other = role === 'proxy' ? 'target' : 'proxy';
    return flag.setBy[other] ? `set only on ${other}s (${flag.setters})` : `aisnode never sets it in state_flags (${flag.setters})`;
  }
  if (!atLeast(node.version, since)) return `set from aisnode ${since.major}.${since.minor} on (${flag.setters})`;
  if (flag.httpsOnly && !node.https) return 'set only over HTTPS (the certificate loader runs only with net.http.use_https)';
  return undefined;
}

/** The flags alerted for a role: warning/critical ones its aisnode release sets in the gauge (certificate flags only over HTTPS). */
export function flagsAlerted(role: 'proxy' | 'target', node: { readonly version: AisnodeVersion; readonly https: boolean }): NodeStateFlag[] {
  return NODE_STATE_FLAGS.filter((f) => f.severity !== 'info' && flagNotAlerted(f, role, node) === undefined);
}

/** The flag's value, `1 << bit`. */
export const flagValue = (flag: NodeStateFlag): number => 2 ** flag.bit;

/**
 * PromQL that is 1 where the flag is set in `series` (PromQL has no bitwise `&`: shift by division,
 * then test the lowest bit). Exact: the gauge stays far below 2^53.
 */
export function flagSetExpr(series: string, flag: NodeStateFlag): string {
  return `floor(${series} / ${flagValue(flag)}) % 2 == 1`;
}
