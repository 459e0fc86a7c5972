import { mountpathSlug } from './storage/mountpath';

/**
 * Names of the objects a standalone AIS cluster emits, derived from the cluster (release) name.
 * The constructs name their objects with these functions and the prop checks
 * (`cluster-checks.ts`) test the same names against the API server's rules: one source of truth.
 */
export const aisNames = {
  /** StatefulSet of the proxy that bootstraps as primary; its pod is `<this>-0` */
  proxyPrimaryStatefulSet: (cluster: string) => `${cluster}-proxy-primary`,
  /** StatefulSet of the other (electable) proxies */
  proxyStatefulSet: (cluster: string) => `${cluster}-proxy`,
  /** StatefulSet of the targets */
  targetStatefulSet: (cluster: string) => `${cluster}-target`,
  /** headless Service of a role (`proxy` or `target`) */
  headlessService: (cluster: string, role: string) => `${cluster}-${role}`,
  /** the gateway LoadBalancer */
  gatewayService: (cluster: string) => `${cluster}-proxy-lb`,
  /** the target pod of an ordinal, and its per-target LoadBalancer (externalLB) */
  targetPod: (cluster: string, ordinal: number) => `${cluster}-target-${ordinal}`,
  /** default StorageClass of local PersistentVolumes */
  localStorageClass: (cluster: string) => `${cluster}-local`,
  /** local PersistentVolume of one node and mountpath (layout cdk8s-storage) */
  localVolume: (cluster: string, node: string, path: string) => `${cluster}-${node}-${mountpathSlug(path)}`,
  /** pod volume / volumeClaimTemplate of a mountpath; also the value of its PV label */
  mountpathVolume: (path: string) => mountpathSlug(path),
  /** the preflight DaemonSet's volume of a mountpath */
  preflightVolume: (path: string) => `mp-${mountpathSlug(path)}`,
  /** the preflight DaemonSet */
  preflightDaemonSet: (cluster: string) => `${cluster}-preflight`,
  /** default node label values: targets, electable proxies, the initial primary */
  targetLabelValue: (cluster: string) => `${cluster}-ais`,
  proxyLabelValue: (cluster: string) => `${cluster}-ais-electable`,
  initialPrimaryLabelValue: (cluster: string) => `${cluster}-ais`,
};
