import type { AisRole } from '../workloads/daemon-pod';
import { AIS_METRICS, aisMetric } from './metrics';
import { DEFAULT_ALERT_THRESHOLDS } from '../defaults';
import { AisAlertThresholds, AisMonitoringProps, AlertGroup, ALL_ALERT_GROUPS } from './props';
import { NODE_STATE_FLAGS, flagSetExpr } from './state-flags';

/** One alerting rule of a PrometheusRule (prometheus-operator `spec.groups[].rules[]`). */
export interface AlertRule {
  readonly alert: string;
  readonly expr: string;
  readonly for: string;
  readonly labels: { readonly severity: 'critical' | 'warning'; readonly [key: string]: string };
  /** `summary` (one line) and `runbook` (what to do first) */
  readonly annotations: { readonly summary: string; readonly runbook: string };
}

export interface RuleGroup {
  readonly name: string;
  readonly rules: readonly AlertRule[];
}

export const DEFAULT_THRESHOLDS: Required<AisAlertThresholds> = DEFAULT_ALERT_THRESHOLDS;

/** `job="aistore"` and the cluster label our scrape relabelling puts on every AIS series. */
export const JOB = 'aistore';

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const quote = (value: string) => JSON.stringify(value);
/** A regex that matches exactly these strings (PromQL regexes are anchored). */
export const exactRegex = (values: readonly string[]) => values.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
/** Inside a PromQL string literal, a backslash must be doubled. */
const regexLiteral = (values: readonly string[]) => quote(exactRegex(values));

function stateFlagRules(aisSeries: (role: AisRole, metric: string) => string): AlertRule[] {
  const rules: AlertRule[] = [];
  for (const flag of NODE_STATE_FLAGS) {
    if (flag.severity === 'info') continue;
    for (const role of flag.roles) {
      rules.push({
        alert: `AIS${capital(role)}${flag.name}`,
        expr: flagSetExpr(aisSeries(role, AIS_METRICS.stateFlags), flag),
        for: flag.for,
        labels: { severity: flag.severity, flag: flag.name },
        annotations: { summary: `AIS ${role} {{ $labels.pod }}: ${flag.summary}`, runbook: flag.runbook },
      });
    }
  }
  return rules;
}

/** The alert rules of a cluster, one group per enabled {@link AlertGroup}. */
export function aisAlertGroups(props: AisMonitoringProps): RuleGroup[] {
  const t = { ...DEFAULT_THRESHOLDS, ...props.thresholds };
  const scope = `cluster=${quote(props.cluster)}, job=${quote(JOB)}`;
  const series = (role: AisRole, metric: string) => `${aisMetric(role, metric)}{${scope}}`;
  const target = (metric: string) => series('target', metric);
  const byPod = 'sum by (cluster, pod)';
  // kube-state-metrics and node-exporter series carry no cluster label of ours: select by namespace and names
  const ns = `namespace=${quote(props.clusterNamespace)}`;
  const pods = `pod=~${quote(`(${exactRegex([...props.proxyStatefulSets, props.targetStatefulSet])})-[0-9]+`)}`;
  const clusterLabel = { cluster: props.cluster };
  const mountpoints = `mountpoint=~${regexLiteral(props.mountpaths)}`;
  const used = `100 * (1 - node_filesystem_avail_bytes{${mountpoints}} / node_filesystem_size_bytes{${mountpoints}})`;
  const retryRatio = (retries: string, total: string) =>
    `sum by (cluster, bucket) (rate(${target(retries)}[5m])) / (sum by (cluster, bucket) (rate(${target(total)}[5m])) > 0)`;

  const groups: Record<AlertGroup, AlertRule[]> = {
    [AlertGroup.STATE_FLAGS]: stateFlagRules(series),
    [AlertGroup.ERRORS]: [
      { alert: 'AISChecksumErrors', expr: `${byPod} (increase(${target(AIS_METRICS.errPutCksumCount)}[10m])) > 0`, for: '0s',
        labels: { severity: 'critical' }, annotations: { summary: 'AIS target {{ $labels.pod }} received objects whose checksum did not match',
          runbook: 'corruption in transit or on the client; check the client, the network path and `ais show job` for failing copies' } },
      { alert: 'AISIOErrors', expr: `${byPod} (increase({__name__=~"ais_target_${AIS_METRICS.errIoPrefix}(get|put|del)_count", ${scope}}[10m])) > 0`, for: '5m',
        labels: { severity: 'warning' }, annotations: { summary: 'AIS target {{ $labels.pod }} has local I/O errors',
          runbook: 'check the kernel log of the node and `ais storage mountpath show`; the FSHC disables failing mountpaths' } },
      { alert: 'AISFilesystemHealthCheck', expr: `sum by (cluster, pod, mountpath) (increase(${target(AIS_METRICS.errFshcCount)}[30m])) > 0`, for: '0s',
        labels: { severity: 'warning' }, annotations: { summary: 'AIS ran the filesystem health checker on {{ $labels.pod }} {{ $labels.mountpath }}',
          runbook: 'an I/O error triggered it; `ais storage mountpath show` tells whether the mountpath was disabled' } },
    ],
    [AlertGroup.CAPACITY]: [
      { alert: 'AISMountpathFillingUp', expr: `${used} > ${t.mountpathUsedWarningPercent}`, for: '15m',
        labels: { severity: 'warning', ...clusterLabel }, annotations: { summary: `mountpath {{ $labels.mountpoint }} on {{ $labels.instance }} is over ${t.mountpathUsedWarningPercent}% full`,
          runbook: 'free space (LRU eviction, delete buckets) or plan more capacity' } },
      { alert: 'AISMountpathFull', expr: `${used} > ${t.mountpathUsedCriticalPercent}`, for: '5m',
        labels: { severity: 'critical', ...clusterLabel }, annotations: { summary: `mountpath {{ $labels.mountpoint }} on {{ $labels.instance }} is over ${t.mountpathUsedCriticalPercent}% full`,
          runbook: 'AIS stops writing at its out-of-space watermark: free space now or add mountpaths/targets' } },
      { alert: 'AISDiskSaturated', expr: `${target(AIS_METRICS.diskUtil)} > ${t.diskUtilPercent}`, for: '15m',
        labels: { severity: 'warning' }, annotations: { summary: `disk {{ $labels.disk }} of {{ $labels.pod }} is over ${t.diskUtilPercent}% busy`,
          runbook: 'one disk slower than its peers drags the target: compare disks, check SMART and the kernel log' } },
    ],
    [AlertGroup.RATE_LIMIT]: (['get', 'put'] as const).flatMap((op) => {
      const retries = op === 'get' ? AIS_METRICS.ratelimRetryGetCount : AIS_METRICS.ratelimRetryPutCount;
      const total = op === 'get' ? AIS_METRICS.getCount : AIS_METRICS.putCount;
      const upper = op.toUpperCase();
      return ([['Warning', 'warning', t.retryRatioWarning], ['Critical', 'critical', t.retryRatioCritical]] as const).map(([suffix, severity, ratio]) => ({
        alert: `AIS${upper}RetryRatio${suffix}`, expr: `${retryRatio(retries, total)} > ${ratio}`, for: '5m',
        labels: { severity }, annotations: { summary: `over ${ratio * 100}% of ${upper}s to bucket {{ $labels.bucket }} are retried: the remote backend rate-limits`,
          runbook: 'lower the request rate or raise the backend quota; see the bucket\'s rate_limit settings' },
      }));
    }),
    [AlertGroup.KUBERNETES]: [
      ...([['Proxy', props.proxyStatefulSets, 'warning'], ['Target', [props.targetStatefulSet], 'critical']] as const).map(([role, sets, severity]) => {
        const sel = `${ns}, statefulset=~${regexLiteral(sets)}`;
        return { alert: `AIS${role}StatefulSetUnavailable`, expr: `kube_statefulset_replicas{${sel}} - kube_statefulset_status_replicas_ready{${sel}} > 0`, for: '5m',
          labels: { severity, ...clusterLabel } as AlertRule['labels'],
          annotations: { summary: `StatefulSet {{ $labels.statefulset }} has {{ $value }} ${role.toLowerCase()} pod(s) not ready`,
            runbook: '`kubectl -n {{ $labels.namespace }} describe statefulset {{ $labels.statefulset }}`; a missing target makes its objects unavailable' } };
      }),
      { alert: 'AISPodRestarting', expr: `increase(kube_pod_container_status_restarts_total{${ns}, ${pods}, container="ais-node"}[30m]) > 2`, for: '0s',
        labels: { severity: 'warning', ...clusterLabel }, annotations: { summary: 'AIS pod {{ $labels.pod }} restarted {{ $value }} times in 30 minutes',
          runbook: '`kubectl logs --previous` of the ais-node container; a config or mountpath problem keeps it crash-looping' } },
    ],
    [AlertGroup.SCRAPE]: [
      { alert: 'AISScrapeFailing', expr: `up{${scope}} == 0`, for: '5m',
        labels: { severity: 'critical' }, annotations: { summary: 'Prometheus cannot scrape AIS {{ $labels.pod }}',
          runbook: 'the node is down or /metrics fails: check the pod, and the scrape CA/client certificate with HTTPS' } },
      { alert: 'AISNotScraped', expr: `absent(up{${scope}})`, for: '15m',
        labels: { severity: 'warning', ...clusterLabel }, annotations: { summary: `Prometheus scrapes no AIS node of cluster ${props.cluster}`,
          runbook: 'check that Prometheus selects the PodMonitors/ServiceMonitors (their labels and namespace) and that the pods run' } },
    ],
  };
  const enabled = props.alertGroups ?? ALL_ALERT_GROUPS;
  return ALL_ALERT_GROUPS.filter((g) => enabled.includes(g)).map((g) => ({ name: `${props.cluster}-ais-${g}`, rules: groups[g] }));
}
