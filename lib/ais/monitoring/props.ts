import { ALL_ALERT_GROUPS, AlertGroup } from '../defaults';
import { IssuerReference } from '../security/tls';
import type { DiskMedia } from '../storage/mountpath';
import type { AisnodeVersion } from './state-flags';

/** Which prometheus-operator object scrapes the AIS pods. */
export enum ScrapeKind {
  /** selects the pods directly (the default: one object per role, no Service involved) */
  POD_MONITOR = 'PodMonitor',
  /** selects the headless Service of each role (never the LoadBalancers, which would scrape the proxies twice) */
  SERVICE_MONITOR = 'ServiceMonitor',
}

export { AlertGroup, ALL_ALERT_GROUPS };

/** Thresholds of the alert rules. */
export interface AisAlertThresholds {
  /** @default 80 */
  readonly mountpathUsedWarningPercent?: number;
  /** @default 90 */
  readonly mountpathUsedCriticalPercent?: number;
  /** disk I/O utilisation (`ais_target_disk_util`) that warns after 15 minutes, HDD targets only; @default 95 */
  readonly diskUtilPercent?: number;
  /** NVMe read latency (node-exporter await) in milliseconds that warns after 10 minutes, NVMe targets only; @default 5 */
  readonly nvmeReadLatencyMs?: number;
  /** NVMe write latency in milliseconds that warns after 10 minutes, NVMe targets only; @default 30 */
  readonly nvmeWriteLatencyMs?: number;
  /** share of GETs/PUTs retried because a remote backend rate-limits; @default 0.01 */
  readonly retryRatioWarning?: number;
  /** @default 0.05 */
  readonly retryRatioCritical?: number;
}

/** The Grafana dashboards (ConfigMaps the Grafana sidecar loads). */
export interface AisDashboardOptions {
  /** @default true */
  readonly enabled?: boolean;
  /**
   * Label the Grafana sidecar selects dashboard ConfigMaps by (kube-prometheus-stack: `sidecar.dashboards.label`/`labelValue`).
   * @default { grafana_dashboard: '1' }
   */
  readonly label?: Readonly<Record<string, string>>;
  /**
   * Annotations on the ConfigMaps, e.g. the sidecar's folder annotation.
   * @default - none
   */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** What a user chooses about monitoring (the `monitoring` props of an AIS cluster). */
export interface AisMonitoringOptions {
  /** @default ScrapeKind.POD_MONITOR */
  readonly scrapeKind?: ScrapeKind;
  /** @default '30s' */
  readonly scrapeInterval?: string;
  /**
   * Labels on every PodMonitor/ServiceMonitor/PrometheusRule: what the user's Prometheus selects them by
   * (kube-prometheus-stack: `release: <helm release>` unless its `*SelectorNilUsesHelmValues` are false).
   * Unset is a warning (a default kube-prometheus-stack ignores such objects); `{}` says your Prometheus selects all.
   * @default - none (a warning)
   */
  readonly selectorLabels?: Readonly<Record<string, string>>;
  /**
   * Namespace of the PrometheusRule and the dashboard ConfigMaps (the scrape objects stay beside the
   * pods: their TLS Secrets must be in their own namespace).
   * @default - the cluster namespace
   */
  readonly namespace?: string;
  /** @default - every {@link AlertGroup} */
  readonly alertGroups?: readonly AlertGroup[];
  /** @default - see AisAlertThresholds */
  readonly thresholds?: AisAlertThresholds;
  /** @default - enabled, label grafana_dashboard: "1" */
  readonly dashboards?: AisDashboardOptions;
  /**
   * Add `app: ais` and `component: proxy|target` to the pod templates (not to any selector): the
   * labels the ais-k8s Alloy configuration discovers AIS pods by. Changes the pod templates, so the
   * targets (OnDelete) take them only when restarted.
   * @default false
   */
  readonly legacyPodLabels?: boolean;
  /**
   * An existing `kubernetes.io/tls` Secret (in the cluster namespace) Prometheus presents when AIS
   * demands client certificates; without it a cert-manager Certificate is emitted from the cluster's issuer.
   * @default - issued by cert-manager when needed
   */
  readonly clientCertificateSecret?: string;
}

/** A key of a Secret or ConfigMap. */
export interface KeyReference {
  readonly name: string;
  readonly key: string;
}

/** How Prometheus reaches AIS over HTTPS. */
export interface AisScrapeTls {
  /** the CA that signed the AIS certificate: a Secret key or a ConfigMap key */
  readonly ca: { readonly secret: KeyReference } | { readonly configMap: KeyReference };
  /** name to verify per role: a DNS name of the certificate (Prometheus dials pod IPs, which it does not carry) */
  readonly serverName: { readonly proxy: string; readonly target: string };
  /**
   * AIS demands a client certificate: an existing Secret, or the issuer to request one from.
   * @default - no client certificate
   */
  readonly clientCertificate?: { readonly secretName: string } | { readonly issuer: IssuerReference };
}

/** Everything {@link AisMonitoring} needs: the user's options plus facts of the cluster. */
export interface AisMonitoringProps extends AisMonitoringOptions {
  readonly cluster: string;
  /** namespace of the AIS pods */
  readonly clusterNamespace: string;
  /** public ports */
  readonly ports: { readonly proxy: number; readonly target: number };
  /** names of the proxy StatefulSets (`<cluster>-proxy-primary`, `<cluster>-proxy`) */
  readonly proxyStatefulSets: readonly string[];
  /** name of the target StatefulSet */
  readonly targetStatefulSet: string;
  /** target mountpaths (capacity alerts and panels select node-exporter filesystems by them) */
  readonly mountpaths: readonly string[];
  /** the nodes that run targets (node-exporter series are joined to them by hostname) */
  readonly targetNodes: readonly string[];
  /**
   * The targets' disks: HDDs get AISDiskSaturated, NVMe the latency alerts.
   * @default - unknown: no disk saturation alert
   */
  readonly media?: DiskMedia;
  /**
   * The aisnode release (from the image tag): flags aisnode sets only from 5.0 on are alerted only then.
   * @default - unknown, taken as 4.9 (ASSUMED_AISNODE_VERSION)
   */
  readonly aisnodeVersion?: AisnodeVersion;
  /** @default - plain HTTP */
  readonly tls?: AisScrapeTls;
  /**
   * `app.kubernetes.io/component` of the headless Services a ServiceMonitor selects (the AIS operator labels them `proxy-svc`/`target-svc`).
   * @default - proxy, target
   */
  readonly headlessServiceComponents?: { readonly proxy: string; readonly target: string };
}
