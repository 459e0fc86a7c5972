import { COMPONENT_LABEL, MANAGED_BY, MANAGED_BY_LABEL, NAME_LABEL, PART_OF_LABEL } from '../k8s/app-labels';

/** Where an object belongs in an AIS cluster; the value of `app.kubernetes.io/component`. */
export enum AisComponent {
  PROXY = 'proxy',
  TARGET = 'target',
  CONFIG = 'config',
  GATEWAY = 'gateway',
  TARGET_LB = 'target-lb',
  STORAGE = 'storage',
  NODE_LABELS = 'node-labels',
  RBAC = 'rbac',
  NETWORK = 'network',
  /** the opt-in host preflight check */
  PREFLIGHT = 'preflight',
  /** certificates and their issuers */
  TLS = 'tls',
  /** credentials (ExternalSecrets) */
  CREDENTIALS = 'credentials',
  /** the AIStore resource of an operator-run cluster */
  CLUSTER = 'cluster',
  /** objects that configure the AIS operator install */
  OPERATOR = 'operator',
  /** scrape objects, alert rules and dashboards */
  MONITORING = 'monitoring',
}


/** Labels that select the pods of one role (StatefulSet selector, Services, anti-affinity). */
export function selectorLabels(cluster: string, component: AisComponent): Record<string, string> {
  return { [NAME_LABEL]: cluster, [COMPONENT_LABEL]: component };
}

/** Labels every object of the cluster carries. */
export function aisLabels(cluster: string, component: AisComponent): Record<string, string> {
  return { ...selectorLabels(cluster, component), [PART_OF_LABEL]: 'aistore', [MANAGED_BY_LABEL]: MANAGED_BY };
}

/**
 * Labels the AIS operator also puts on its pods and the ais-k8s monitoring stack discovers them by
 * (monitoring/alloy: `app=ais,component=proxy|target`). Pod templates only, never a selector: a
 * StatefulSet's selector cannot change in place.
 */
export function legacyPodLabels(role: 'proxy' | 'target'): Record<string, string> {
  return { app: 'ais', component: role };
}
