import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { CertificateSpec, issuerRef } from '../security/cert-manager';
import { AisComponent, aisLabels, selectorLabels } from '../labels';
import { COMPONENT_LABEL, NAME_LABEL } from '../../k8s/app-labels';
import { AlertDefinition, AlertInput, OmittedAlerts, aisAlertDefinitions, aisAlertGroups, omittedAlerts, ruleObject } from './alert-rules';
import { AisDashboardFacts, nodeDashboard, overviewDashboard } from './dashboards';
import { GrafanaDashboard } from './grafana';
import { AisMonitoringProps, ScrapeKind } from './props';
import { AisScrape, MONITORING_API_VERSION } from './scrape';
import { DEFAULT_DASHBOARD_LABEL, DEFAULT_SCRAPE_INTERVAL } from '../defaults';
import type { DiskMedia } from '../storage/mountpath';

export { DEFAULT_DASHBOARD_LABEL };

/**
 * Largest dashboard ConfigMap: client-side apply stores the object in the
 * `kubectl.kubernetes.io/last-applied-configuration` annotation, and annotations are limited to 256 KiB.
 */
export const MAX_DASHBOARD_BYTES = 256 * 1024;

/** What an {@link AisMonitoring} was built from: its props, and its alerts with their test scenarios (the rule tests read them). */
export interface AisMonitoringInternals {
  readonly props: AisMonitoringProps;
  readonly alerts: readonly AlertDefinition[];
}

const BUILT = new WeakMap<AisMonitoring, AisMonitoringInternals>();

/** The props and alert definitions of a built {@link AisMonitoring} (not public API: the rule tests and their tests read them). */
export function monitoringInternals(monitoring: AisMonitoring): AisMonitoringInternals {
  return BUILT.get(monitoring)!;
}

/**
 * Monitoring of an AIS cluster for prometheus-operator (kube-prometheus-stack): a PodMonitor or
 * ServiceMonitor per role, a client certificate when AIS demands one, a PrometheusRule with the
 * alert groups, and Grafana dashboards as ConfigMaps for the Grafana sidecar.
 */
export class AisMonitoring extends Construct {
  public readonly scrapes: readonly AisScrape[];
  public readonly rules?: ApiObject;
  public readonly dashboards: readonly k8s.KubeConfigMap[];
  /** the Secret Prometheus presents to AIS, if AIS demands client certificates */
  public readonly clientCertificateSecret?: string;
  /** the cluster's name */
  public readonly cluster: string;
  /** the labels the user's Prometheus selects the monitors and rules by, as given (undefined: none given) */
  public readonly selectorLabels?: Readonly<Record<string, string>>;
  /** namespace of the monitors (the cluster's) and of the PrometheusRule and dashboards */
  public readonly namespaces: { readonly monitors: string; readonly rules: string };
  /** PodMonitor or ServiceMonitor */
  public readonly scrapeKind: ScrapeKind;
  /** how often Prometheus scrapes the AIS pods */
  public readonly scrapeInterval: string;
  /** the targets' disk media, if known */
  public readonly media?: DiskMedia;
  /** whether the aisnode release is known from the image tag (else the alerts assume 4.9) */
  public readonly aisnodeVersionKnown: boolean;
  /** what each emitted alert reads (aisnode, node-exporter, kube-state-metrics, Prometheus), by alert name */
  public readonly alertInputs: Readonly<Record<string, readonly AlertInput[]>>;
  /** alerts of the enabled groups not emitted for this cluster, and why */
  public readonly omittedAlerts: readonly OmittedAlerts[];

  constructor(scope: Construct, id: string, props: AisMonitoringProps) {
    super(scope, id);
    const { cluster } = props;
    const labels = { ...aisLabels(cluster, AisComponent.MONITORING), ...props.selectorLabels };
    const kind = props.scrapeKind ?? ScrapeKind.POD_MONITOR;
    const home = props.namespace ?? props.clusterNamespace;
    this.cluster = cluster;
    this.selectorLabels = props.selectorLabels;
    this.namespaces = { monitors: props.clusterNamespace, rules: home };
    this.scrapeKind = kind;
    this.scrapeInterval = props.scrapeInterval ?? DEFAULT_SCRAPE_INTERVAL;
    this.media = props.media;
    this.aisnodeVersionKnown = props.aisnodeVersion !== undefined;
    const alerts = aisAlertDefinitions(props);
    BUILT.set(this, { props, alerts });
    this.alertInputs = Object.fromEntries(alerts.map((a) => [a.rule.alert, a.needs]));
    this.omittedAlerts = omittedAlerts(props);

    const client = props.tls?.clientCertificate;
    if (client && 'secretName' in client) {
      this.clientCertificateSecret = client.secretName;
    } else if (client) {
      this.clientCertificateSecret = `${cluster}-prometheus-client-tls`;
      const spec: CertificateSpec = {
        secretName: this.clientCertificateSecret,
        commonName: `${cluster}-prometheus`,
        issuerRef: issuerRef(client.issuer),
        usages: ['digital signature', 'key encipherment', 'client auth'],
      };
      new ApiObject(this, 'ClientCertificate', {
        apiVersion: 'cert-manager.io/v1', kind: 'Certificate',
        metadata: { name: `${cluster}-prometheus-client`, namespace: props.clusterNamespace, labels: aisLabels(cluster, AisComponent.MONITORING) },
        spec,
      });
    }

    this.scrapes = (['proxy', 'target'] as const).map((role) => new AisScrape(this, role === 'proxy' ? 'ProxyScrape' : 'TargetScrape', {
      cluster, namespace: props.clusterNamespace, role, kind, interval: this.scrapeInterval, labels,
      selector: selectorLabels(cluster, role === 'proxy' ? AisComponent.PROXY : AisComponent.TARGET),
      serviceSelector: { [NAME_LABEL]: cluster, [COMPONENT_LABEL]: props.headlessServiceComponents?.[role] ?? role },
      tls: props.tls, clientCertificateSecret: this.clientCertificateSecret,
    }));

    const groups = aisAlertGroups(props, alerts);
    if (groups.length > 0) {
      this.rules = new ApiObject(this, 'Rules', {
        apiVersion: MONITORING_API_VERSION, kind: 'PrometheusRule',
        metadata: { name: `${cluster}-ais-alerts`, namespace: home, labels },
        spec: { groups: groups.map((g) => ({ name: g.name, rules: g.rules.map(ruleObject) })) },
      });
    }

    const options = props.dashboards ?? {};
    const facts: AisDashboardFacts = { cluster, mountpaths: props.mountpaths, targetNodes: props.targetNodes, firstTargetPod: `${props.targetStatefulSet}-0` };
    this.dashboards = (options.enabled ?? true)
      ? ([['overview', overviewDashboard(facts)], ['node', nodeDashboard(facts)]] as const).map(([name, dashboard]) =>
        dashboardConfigMap(this, name, dashboard, {
          name: `${cluster}-ais-${name}-dashboard`, namespace: home,
          labels: { ...aisLabels(cluster, AisComponent.MONITORING), ...(options.label ?? DEFAULT_DASHBOARD_LABEL) },
          annotations: options.annotations,
        }))
      : [];
  }
}

function dashboardConfigMap(scope: Construct, id: string, dashboard: GrafanaDashboard,
  metadata: { name: string; namespace: string; labels: Record<string, string>; annotations?: Readonly<Record<string, string>> }): k8s.KubeConfigMap {
  const json = JSON.stringify(dashboard, null, 1);
  // as it travels inside the last-applied annotation: a JSON string within JSON
  const bytes = Buffer.byteLength(JSON.stringify(json), 'utf8');
  if (bytes >= MAX_DASHBOARD_BYTES) {
    throw new Error(`dashboard ${dashboard.uid} is ${bytes} bytes; a ConfigMap applied client-side must stay under ${MAX_DASHBOARD_BYTES} bytes`);
  }
  return new k8s.KubeConfigMap(scope, `${id}-dashboard`, {
    metadata: { ...metadata, annotations: metadata.annotations ? { ...metadata.annotations } : undefined },
    data: { [`${metadata.name}.json`]: json },
  });
}
