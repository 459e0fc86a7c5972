/**
 * PromQL building blocks of the alert rules (each form's behaviour is pinned by the promtool scenarios
 * next to the rules that use it, see docs/monitoring.md "Testing the rules").
 */

/** The `job` label our scrape relabelling puts on every AIS series (what the ais-k8s rules and dashboards select on too). */
export const JOB = 'aistore';

/** A PromQL string literal. */
export const quote = (value: string): string => JSON.stringify(value);
/** A regex that matches exactly these strings (PromQL regexes are anchored). */
export const exactRegex = (values: readonly string[]): string => values.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
/** `exactRegex` as a PromQL string literal (a backslash doubled). */
export const regexLiteral = (values: readonly string[]): string => quote(exactRegex(values));

/** The matchers of every aisnode series (and `up`) of one cluster: `cluster="<name>", job="aistore"`. */
export const aisScope = (cluster: string): string => `cluster=${quote(cluster)}, job=${quote(JOB)}`;

/**
 * The first increment of a counter whose labelled children are born at 1 (AISNODE_METRICS `first-increment`):
 * `increase()` sees every later increment and a reset (a container restart); a child younger than the window
 * (`x unless x offset w`) is a first event too, but only if Prometheus scraped that pod in the window before
 * (`max_over_time(up[w] offset w)`), so a fresh TSDB (kube-prometheus-stack's default emptyDir) that finds old
 * counters does not page, while a pod recreated a window ago (a gap in its `up`) still does. One metric name
 * per call: a regex `__name__` selector loses the names in `increase` and fails with "vector cannot contain
 * metrics with the same labelset" as soon as two of the names share their labels.
 * @param series the counter with its matchers, e.g. `ais_target_err_io_get_count{cluster="demo", job="aistore"}`
 * @param up `up` with the same scope
 * @param window how far back an increment counts (also the age of a child that is new)
 * @param by the labels the alert keeps (must include `cluster` and `pod`, the guard joins on them)
 */
export function firstIncrement(series: string, up: string, window: string, by: readonly string[]): string {
  const sum = `sum by (${by.join(', ')})`;
  return `${sum} (increase(${series}[${window}])) > 0 `
    + `or (${sum} (${series} unless ${series} offset ${window}) > 0 and on (cluster, pod) max_over_time(${up}[${window}] offset ${window}))`;
}

/**
 * Restricts node-exporter series (which carry `instance` = `<node IP>:9100` and no node name) to the given
 * Kubernetes nodes, adding their `nodename`: kube-prometheus-stack's node-exporter reports the kernel
 * hostname in `node_uname_info{nodename}`, which equals the node name unless the kubelet overrides it
 * (AISNodeMetricsMissing tells). `group by` keeps one series per instance even when two jobs scrape it.
 */
export function onNodes(nodes: readonly string[]): string {
  return `* on (instance) group_left (nodename) group by (instance, nodename) (node_uname_info{nodename=~${regexLiteral(nodes)}})`;
}

/**
 * The disks aisnode uses, as `{nodename, device}` to join node-exporter disk series on: aisnode's own
 * per-disk gauge (label `disk`, e.g. `nvme0n1`, the whole-disk name node-exporter's diskstats use) on the
 * Kubernetes node our relabelling puts in `node`.
 */
export function aisDisks(scope: string): string {
  return `label_replace(label_replace(max by (node, disk) (ais_target_disk_util{${scope}}), "nodename", "$1", "node", "(.*)"), "device", "$1", "disk", "(.*)")`;
}
