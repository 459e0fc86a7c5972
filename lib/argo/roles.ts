import { Manifest, apiGroup, groupKind, labelOf } from '../k8s/manifest';
import { COMPONENT_LABEL, NAME_LABEL } from '../k8s/app-labels';

/**
 * Roles of objects that kinds alone do not tell apart. The wave table, the sync options and the
 * change review all ask these questions; they are answered here, once.
 */

/** API groups served by Kubernetes itself: their kinds exist before any operator is installed. */
const BUILT_IN_GROUPS = new Set([
  '', 'apps', 'batch', 'policy', 'autoscaling', 'rbac.authorization.k8s.io', 'storage.k8s.io',
  'networking.k8s.io', 'scheduling.k8s.io', 'apiextensions.k8s.io', 'coordination.k8s.io',
  'discovery.k8s.io', 'node.k8s.io', 'admissionregistration.k8s.io', 'certificates.k8s.io',
]);

/** Whether the object is a custom resource, whose CRD an operator (not this output) installs. */
export function isCustomResource(manifest: Manifest): boolean {
  return !BUILT_IN_GROUPS.has(apiGroup(manifest.apiVersion));
}

/** The AIS role of an object labelled `app.kubernetes.io/component: proxy|target`. */
export function aisRole(manifest: Manifest): 'proxy' | 'target' | undefined {
  const component = labelOf(manifest, COMPONENT_LABEL);
  return component === 'proxy' || component === 'target' ? component : undefined;
}

/** The AIS operator's cluster resource: the operator turns it into the StatefulSets. */
export function isAisClusterResource(manifest: Manifest): boolean {
  return groupKind(manifest) === 'ais.nvidia.com/AIStore';
}

/** An AIS proxy or target workload: a StatefulSet labelled with the role. */
export function isAisStatefulSet(manifest: Manifest, role?: 'proxy' | 'target'): boolean {
  const actual = aisRole(manifest);
  return groupKind(manifest) === 'apps/StatefulSet' && actual !== undefined && (role === undefined || actual === role);
}

/** Kinds that load the AuriStorFS kernel module on nodes. */
const KMOD_KINDS = new Set(['sro.openshift.io/SpecialResource', 'kmm.sigs.x-k8s.io/Module']);

/**
 * An object that loads a kernel module: a DaemonSet labelled component `kmod`, a SRO
 * SpecialResource or a KMM Module (not their ServiceAccounts and RBAC, which share the label).
 */
export function isKmodObject(manifest: Manifest): boolean {
  const kind = groupKind(manifest);
  return KMOD_KINDS.has(kind) || (kind === 'apps/DaemonSet' && labelOf(manifest, COMPONENT_LABEL) === 'kmod');
}

/** Scrape objects, alert rules and dashboard ConfigMaps of an AIS cluster (component `monitoring`). */
export function isMonitoringObject(manifest: Manifest): boolean {
  return labelOf(manifest, COMPONENT_LABEL) === 'monitoring';
}

function isService(manifest: Manifest): boolean {
  return groupKind(manifest) === 'Service';
}

export function isLoadBalancer(manifest: Manifest): boolean {
  return isService(manifest) && manifest.spec?.type === 'LoadBalancer';
}

/**
 * One of the per-target LoadBalancers `<r>-target-<i>` (AIS external access): a LoadBalancer that
 * selects one target pod by name, or is named after one.
 */
export function isPerTargetLoadBalancer(manifest: Manifest): boolean {
  return isLoadBalancer(manifest) && (
    manifest.spec?.selector?.['statefulset.kubernetes.io/pod-name'] !== undefined
    || labelOf(manifest, COMPONENT_LABEL) === 'target-lb'
    || /-target-\d+$/.test(manifest.metadata.name));
}

/** A StorageClass for pre-created local volumes (no provisioner): its PVs hold data. */
export function isLocalStorageClass(manifest: Manifest): boolean {
  return groupKind(manifest) === 'storage.k8s.io/StorageClass' && manifest.provisioner === 'kubernetes.io/no-provisioner';
}

/**
 * The AIS cluster an object belongs to, `namespace/release`: the `app.kubernetes.io/name` label
 * (the AIStore resource: its name). Undefined for objects of no AIS cluster.
 */
export function aisRelease(manifest: Manifest): string | undefined {
  const release = isAisClusterResource(manifest) ? manifest.metadata.name : labelOf(manifest, NAME_LABEL);
  return release === undefined ? undefined : `${manifest.metadata.namespace ?? ''}/${release}`;
}

/** The objects of an output grouped by the AIS cluster they belong to ({@link aisRelease}); objects of none are left out. */
export function objectsByAisRelease(manifests: readonly Manifest[]): Map<string, Manifest[]> {
  const byRelease = new Map<string, Manifest[]>();
  for (const m of manifests) {
    const release = aisRelease(m);
    if (release === undefined) continue;
    byRelease.set(release, [...(byRelease.get(release) ?? []), m]);
  }
  return byRelease;
}
