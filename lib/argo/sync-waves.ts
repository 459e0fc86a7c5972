import { Manifest, describeObject, groupKind } from '../k8s/manifest';
import { isKmodObject, isLoadBalancer, isMonitoringObject, isPerTargetLoadBalancer } from './roles';

/**
 * One row of the sync-wave table: the objects of one role and the wave they sync in.
 *
 * Argo CD applies one wave at a time and starts the next only when every object of the current
 * wave is synced and healthy, so a wave must only hold objects that can become healthy with what
 * earlier waves created. Waves order objects within one Application only (argo-cd#8358).
 */
export interface SyncWaveRow {
  /** the value of `argocd.argoproj.io/sync-wave` */
  readonly wave: number;
  /** short name of the role, used in docs and errors */
  readonly role: string;
  /** `Kind` (core) or `group/Kind` of the objects in this role */
  readonly kinds: readonly string[];
  /** narrows the role where the kind is not enough; @default - every object of these kinds */
  readonly when?: (manifest: Manifest) => boolean;
  /** why the role syncs in this wave */
  readonly why: string;
}

/**
 * THE sync-wave table, in wave order. An object takes the first row with `when` that matches it, else
 * the first row without `when` for its kind (which takes the rest of that kind).
 */
export const SYNC_WAVES: readonly SyncWaveRow[] = [
  {
    wave: 0,
    role: 'namespaces and CRDs',
    kinds: ['Namespace', 'apiextensions.k8s.io/CustomResourceDefinition'],
    why: 'every namespaced object needs its namespace, every custom resource its CRD',
  },
  {
    wave: 0,
    role: 'Argo CD Applications',
    kinds: ['argoproj.io/Application'],
    why: 'the children of an app-of-apps parent sync together: Argo CD no longer assesses the health of '
      + 'Applications (since 1.8), so a later wave would not wait for an earlier child anyway',
  },
  {
    wave: 0,
    role: 'Argo CD AppProjects',
    kinds: ['argoproj.io/AppProject'],
    why: 'the ApplicationSet controller refuses to generate an Application whose project does not exist (applicationset_controller.go validateGeneratedApplications)',
  },
  {
    wave: 1,
    role: 'Argo CD ApplicationSets',
    kinds: ['argoproj.io/ApplicationSet'],
    why: 'the fleet\'s ApplicationSets generate Applications in the fleet\'s project (wave 0)',
  },
  {
    wave: 1,
    role: 'RBAC',
    kinds: ['ServiceAccount', 'rbac.authorization.k8s.io/Role', 'rbac.authorization.k8s.io/RoleBinding',
      'rbac.authorization.k8s.io/ClusterRole', 'rbac.authorization.k8s.io/ClusterRoleBinding'],
    why: 'pods cannot be created with a missing ServiceAccount',
  },
  {
    wave: 2,
    role: 'configuration, secret references, issuers, address pools, network attachments, storage and node labels',
    kinds: ['ConfigMap', 'Secret', 'k8s.cni.cncf.io/NetworkAttachmentDefinition', 'external-secrets.io/ExternalSecret', 'external-secrets.io/SecretStore',
      'external-secrets.io/ClusterSecretStore', 'cert-manager.io/Issuer', 'cert-manager.io/ClusterIssuer',
      'metallb.io/IPAddressPool', 'metallb.io/L2Advertisement', 'storage.k8s.io/StorageClass', 'storage.k8s.io/CSIDriver',
      'PersistentVolume', 'PersistentVolumeClaim', 'Node', 'scheduling.k8s.io/PriorityClass', 'policy/PodDisruptionBudget',
      'networking.k8s.io/NetworkPolicy'],
    why: 'pods mount ConfigMaps and Secrets, are scheduled by node labels onto local volumes and get their Multus interfaces; '
      + 'certificates need their issuer and LoadBalancers their address pool',
  },
  {
    wave: 3,
    role: 'certificates',
    kinds: ['cert-manager.io/Certificate'],
    why: 'cert-manager writes the TLS Secret that AIS pods mount; the Certificate is healthy once the Secret exists',
  },
  {
    wave: 4,
    role: 'in-cluster Services and per-target LoadBalancers',
    kinds: ['Service'],
    when: (m) => !isLoadBalancer(m) || isPerTargetLoadBalancer(m),
    why: 'AIS nodes find each other through the headless Services\' DNS names at start-up, and with external '
      + 'access a target\'s init container waits for the ingress IP of its own LoadBalancer: without them the '
      + 'StatefulSets never become healthy and the sync would wait forever',
  },
  {
    wave: 5,
    role: 'kernel modules',
    kinds: ['apps/DaemonSet', 'sro.openshift.io/SpecialResource', 'kmm.sigs.x-k8s.io/Module'],
    when: isKmodObject,
    why: 'the AuriStorFS kernel module must be loaded before the CSI node pods start',
  },
  {
    wave: 6,
    role: 'workloads',
    kinds: ['apps/StatefulSet', 'apps/Deployment', 'apps/DaemonSet', 'batch/Job', 'batch/CronJob', 'ais.nvidia.com/AIStore'],
    why: 'everything they mount, run as and resolve exists by now',
  },
  {
    wave: 6,
    role: 'the gateway LoadBalancer (client entry point), with the workloads',
    kinds: ['Service'],
    when: isLoadBalancer,
    why: 'Argo CD waits for a wave to be healthy and a StatefulSet stays Progressing while a pod is not Ready (gitops-engine '
      + 'pkg/health/health_statefulset.go, pkg/sync/sync_context.go): in a later wave one stuck target would keep clients out although '
      + 'the proxies run; in this one it is applied with them. Not earlier: a LoadBalancer is Progressing until it has an external IP, '
      + 'which must not hold up the cluster',
  },
  {
    wave: 8,
    role: 'monitoring',
    kinds: ['monitoring.coreos.com/PodMonitor', 'monitoring.coreos.com/ServiceMonitor', 'monitoring.coreos.com/PrometheusRule', 'ConfigMap'],
    when: (m) => groupKind(m) !== 'ConfigMap' || isMonitoringObject(m),
    why: 'scrape objects, alert rules and dashboards only observe the cluster: they go last, so that a missing '
      + 'prometheus-operator CRD fails the sync only after everything else is applied and healthy',
  },
];

/** Every `Kind` / `group/Kind` the table knows. */
export function knownKinds(): string[] {
  return [...new Set(SYNC_WAVES.flatMap((row) => row.kinds))].sort();
}

/** The row for an object (a narrowed row before the kind's catch-all), or undefined for a kind the table does not know. */
export function knownSyncWaveRow(manifest: Manifest): SyncWaveRow | undefined {
  const kind = groupKind(manifest);
  return SYNC_WAVES.find((r) => r.when && r.kinds.includes(kind) && r.when(manifest))
    ?? SYNC_WAVES.find((r) => !r.when && r.kinds.includes(kind));
}

/** The row for an object; throws for a kind the table does not know, so that no object is left in the default wave. */
export function syncWaveRow(manifest: Manifest): SyncWaveRow {
  const row = knownSyncWaveRow(manifest);
  if (!row) {
    const kind = groupKind(manifest);
    throw new Error(`no sync wave for ${describeObject(manifest)} (${manifest.apiVersion}): add its kind ${kind} to SYNC_WAVES in lib/argo/sync-waves.ts`);
  }
  return row;
}
