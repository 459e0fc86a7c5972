import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { AisRole } from '../workloads/daemon-pod';
import { JOB } from './promql';
import { AisScrapeTls, KeyReference, ScrapeKind } from './props';

export const MONITORING_API_VERSION = 'monitoring.coreos.com/v1';

/** Name of the pod container port (both our pods and the AIS operator's) and of the headless Services' port. */
const POD_PORT = 'http';
const SERVICE_PORT = 'pub';

export interface AisScrapeProps {
  readonly cluster: string;
  readonly namespace: string;
  readonly role: AisRole;
  readonly kind: ScrapeKind;
  readonly interval: string;
  readonly labels: Record<string, string>;
  /** labels of the role's pods (PodMonitor) */
  readonly selector: Record<string, string>;
  /** labels of the role's headless Service (ServiceMonitor; never the LoadBalancers, whose component is gateway/target-lb or proxy-lb) */
  readonly serviceSelector: Record<string, string>;
  /** @default - HTTP */
  readonly tls?: AisScrapeTls;
  /**
   * Secret with tls.crt/tls.key Prometheus presents (mutual TLS).
   * @default - none: Prometheus presents no client certificate
   */
  readonly clientCertificateSecret?: string;
}

/** A prometheus-operator `SafeTLSConfig`. */
function tlsConfig(tls: AisScrapeTls, role: AisRole, clientSecret?: string): Record<string, unknown> {
  const key = (ref: KeyReference) => ({ name: ref.name, key: ref.key });
  return {
    ca: 'secret' in tls.ca ? { secret: key(tls.ca.secret) } : { configMap: key(tls.ca.configMap) },
    serverName: tls.serverName[role],
    ...(clientSecret ? { cert: { secret: { name: clientSecret, key: 'tls.crt' } }, keySecret: { name: clientSecret, key: 'tls.key' } } : {}),
  };
}

/**
 * Relabelling every scraped series gets: `cluster=<name>` and `job=aistore` (what the ais-k8s alert
 * rules and dashboards select on), `component` = the role (as the ais-k8s Alloy config relabels it)
 * and `node` = the Kubernetes node. `pod`, `namespace` and `instance` prometheus-operator adds itself.
 */
export function aisRelabelings(cluster: string): Record<string, unknown>[] {
  return [
    { action: 'replace', targetLabel: 'cluster', replacement: cluster },
    { action: 'replace', targetLabel: 'job', replacement: JOB },
    { action: 'replace', sourceLabels: ['__meta_kubernetes_pod_label_app_kubernetes_io_component'], targetLabel: 'component' },
    { action: 'replace', sourceLabels: ['__meta_kubernetes_pod_node_name'], targetLabel: 'node' },
  ];
}

/** One PodMonitor or ServiceMonitor `<cluster>-<role>` that scrapes `/metrics` on the role's public port. */
export class AisScrape extends Construct {
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: AisScrapeProps) {
    super(scope, id);
    const endpoint = {
      port: props.kind === ScrapeKind.POD_MONITOR ? POD_PORT : SERVICE_PORT,
      path: '/metrics',
      interval: props.interval,
      scheme: props.tls ? 'https' : 'http',
      tlsConfig: props.tls ? tlsConfig(props.tls, props.role, props.clientCertificateSecret) : undefined,
      relabelings: aisRelabelings(props.cluster),
    };
    const common = {
      selector: { matchLabels: props.kind === ScrapeKind.POD_MONITOR ? props.selector : props.serviceSelector },
      namespaceSelector: { matchNames: [props.namespace] },
    };
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: MONITORING_API_VERSION,
      kind: props.kind,
      metadata: { name: `${props.cluster}-${props.role}`, namespace: props.namespace, labels: props.labels },
      spec: props.kind === ScrapeKind.POD_MONITOR
        ? { ...common, podMetricsEndpoints: [endpoint] }
        : { ...common, endpoints: [endpoint] },
    });
  }
}
