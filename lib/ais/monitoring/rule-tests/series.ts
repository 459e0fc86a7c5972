/**
 * Label sets of synthetic series shaped like what Prometheus stores from the exporters the rules read:
 * aisnode (its own labels, per AISNODE_METRICS, plus what prometheus-operator and our relabelling add),
 * `up`, node-exporter and kube-state-metrics as kube-prometheus-stack scrapes them.
 */
import type { AisRole } from '../../workloads/daemon-pod';
import { AisnodeMetric, aisnodeMetricName } from '../aisnode-metrics';
import { JOB } from '../promql';
import { ScrapeKind } from '../props';
import type { Segment } from './timeline';

export type Labels = Readonly<Record<string, string>>;

/** One input series of a promtool test: its labels (`__name__` included) and samples. */
export interface InputSeries {
  readonly labels: Labels;
  readonly values: readonly Segment[];
}

/** What the series shapes need to know about the cluster. */
export interface SeriesFacts {
  readonly cluster: string;
  readonly clusterNamespace: string;
  readonly proxyStatefulSets: readonly string[];
  readonly targetStatefulSet: string;
  readonly targetNodes: readonly string[];
  readonly ports: { readonly proxy: number; readonly target: number };
  readonly scrapeKind: ScrapeKind;
}

/** Where an aisnode series of a scenario comes from: a pod, and optionally another cluster, job or pod IP. */
export interface PodRef {
  readonly role: AisRole;
  /** the pod's ordinal (and the node's index among the target nodes) */
  readonly index: number;
  /** @default - the cluster's name */
  readonly cluster?: string;
  /** @default 'aistore' */
  readonly job?: string;
  /** the pod was recreated with another IP: a different `instance` */
  readonly recreated?: boolean;
}

/** The labels of one aisnode child: its variable labels, and whether the cluster runs with Enable-Detailed-Prom-Metrics. */
export interface ChildLabels {
  readonly vlabs?: Labels;
  readonly detailed?: boolean;
}

/** kube-prometheus-stack's node-exporter (prometheus-node-exporter chart): its ServiceMonitor keeps these target labels, adds no node name. */
const NODE_EXPORTER = { container: 'node-exporter', endpoint: 'http-metrics', job: 'node-exporter', namespace: 'monitoring', service: 'prometheus-prometheus-node-exporter' };
/** kube-state-metrics as kube-prometheus-stack scrapes it (honorLabels: the metric's namespace and pod win). */
const KUBE_STATE_METRICS = { container: 'kube-state-metrics', endpoint: 'http', instance: '10.3.0.1:8080', job: 'kube-state-metrics', service: 'prometheus-kube-state-metrics' };

/** Series shapes of one cluster. */
export class SeriesShapes {
  constructor(public readonly facts: SeriesFacts) {}

  /** The pod name of `<role>` number `index`. */
  podName(role: AisRole, index: number): string {
    return `${role === 'target' ? this.facts.targetStatefulSet : this.facts.proxyStatefulSets[0]}-${index}`;
  }

  /** The Kubernetes node of target `index` (targets run one per node). */
  nodeName(index: number): string {
    return this.facts.targetNodes[index % this.facts.targetNodes.length];
  }

  /** The IP of node `index` (node-exporter's `instance` host). */
  nodeIp(index: number): string {
    return `10.2.${Math.floor(index / 250)}.${(index % 250) + 1}`;
  }

  /** The target labels of a scraped AIS pod: prometheus-operator's `container`, `endpoint`, `instance`, `namespace`, `pod` (and `service` for a ServiceMonitor), our `cluster`, `job`, `component`, `node`. */
  scrapeTarget(pod: PodRef): Labels {
    const port = this.facts.ports[pod.role];
    const serviceMonitor = this.facts.scrapeKind === ScrapeKind.SERVICE_MONITOR;
    return {
      cluster: pod.cluster ?? this.facts.cluster, job: pod.job ?? JOB, component: pod.role, node: this.nodeName(pod.index),
      pod: this.podName(pod.role, pod.index), namespace: this.facts.clusterNamespace,
      instance: `10.${pod.role === 'proxy' ? 1 : 0}.${pod.recreated ? 200 : Math.floor(pod.index / 250)}.${(pod.index % 250) + 1}:${port}`,
      container: 'ais-node', endpoint: serviceMonitor ? 'pub' : 'http',
      ...(serviceMonitor ? { service: `${this.facts.cluster}-${pod.role}` } : {}),
    };
  }

  /** `up` of a scraped AIS pod. */
  up(pod: PodRef): Labels {
    return { __name__: 'up', ...this.scrapeTarget(pod) };
  }

  /**
   * One child of an aisnode metric: refuses a label set aisnode v4.9 does not export (a `bucket` on
   * `get_count` without detailed metrics, a missing `bucket` on `err_get_count`, a proxy `disk_util`).
   */
  aisnode(metric: AisnodeMetric, pod: PodRef, child: ChildLabels = {}): Labels {
    const name = aisnodeMetricName(pod.role, metric);
    const vlabs = child.vlabs ?? {};
    const required = [...metric.labels, ...(metric.constLabels ?? []), ...(child.detailed ? metric.detailedLabels ?? [] : [])];
    const allowed = new Set([...required, ...(metric.optionalLabels ?? [])]);
    const missing = required.filter((l) => vlabs[l] === undefined || vlabs[l] === '');
    const extra = Object.keys(vlabs).filter((l) => !allowed.has(l));
    if (missing.length || extra.length) {
      throw new Error(`${name}${child.detailed ? ' (detailed)' : ''} carries ${required.join(', ') || 'no variable labels'}`
        + `${metric.optionalLabels ? ` (and maybe ${metric.optionalLabels.join(', ')})` : ''}, not {${Object.keys(vlabs).join(', ')}}`);
    }
    return { __name__: name, ...this.scrapeTarget(pod), node_id: `${pod.role === 'target' ? 't' : 'p'}${pod.index}id`, ...vlabs };
  }

  /** A node-exporter series of node `index` (its hostname `nodename` only in node_uname_info). */
  nodeExporter(name: string, index: number, labels: Labels = {}): Labels {
    return { __name__: name, ...NODE_EXPORTER, instance: `${this.nodeIp(index)}:9100`, pod: `prometheus-prometheus-node-exporter-n${index}`, ...labels };
  }

  /** node-exporter's `node_uname_info` of node `index`, reporting `nodename` (default: the node's name). */
  uname(index: number, nodename = this.nodeName(index), labels: Labels = {}): Labels {
    return this.nodeExporter('node_uname_info', index, { nodename, sysname: 'Linux', release: '5.14.0', machine: 'x86_64', ...labels });
  }

  /** A kube-state-metrics series. */
  kubeStateMetrics(name: string, labels: Labels): Labels {
    return { __name__: name, ...KUBE_STATE_METRICS, ...labels };
  }
}

/** The series as promtool's `series` string: `name{a="b", …}`. */
export function seriesText(labels: Labels): string {
  const { __name__: name, ...rest } = labels;
  return `${name}{${Object.entries(rest).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')}}`;
}

/** The labels without `__name__` (what an expression keeps of a series after an operation). */
export function withoutName(labels: Labels): Labels {
  const { __name__: _, ...rest } = labels;
  return rest;
}

/** Only these labels. */
export function pick(labels: Labels, keys: readonly string[]): Labels {
  return Object.fromEntries(keys.filter((k) => labels[k] !== undefined).map((k) => [k, labels[k]]));
}
