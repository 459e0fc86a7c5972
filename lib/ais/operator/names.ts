/**
 * Names the AIS operator derives from the AIStore's name (NVIDIA/ais-k8s operator/, HEAD 8bb21bf):
 * we emit none of these objects, but a name the API server rejects makes the operator's reconcile fail
 * over and over, so the prop checks (`../cluster-checks.ts`) test them before the AIStore is emitted.
 * Each function cites the operator function it mirrors.
 */
export const aisOperatorNames = {
  /** api/aistore/v1beta1/aistore_types.go ProxyStatefulSetName; also proxy/services.go headlessSVCName and cmn/configmap.go AISConfigMapName */
  proxyStatefulSet: (name: string) => `${name}-proxy`,
  /** target/statefulset.go statefulSetName; also target/services.go headlessSVCName and cmn/configmap.go AISConfigMapName */
  targetStatefulSet: (name: string) => `${name}-target`,
  /** target/services.go loadBalancerSVCName (per-target LoadBalancer) and PodName */
  targetPod: (name: string, ordinal: number) => `${name}-target-${ordinal}`,
  /** cmn/rbac.go ServiceAccountName */
  serviceAccount: (name: string) => `${name}-sa`,
  /** cmn/rbac.go roleName */
  role: (name: string) => `${name}-role`,
  /** cmn/rbac.go roleBindingName */
  roleBinding: (name: string) => `${name}-rb`,
  /** cmn/configmap.go globalConfigMapName */
  globalConfigMap: (name: string) => `${name}-global-cm`,
  /**
   * api/aistore/v1beta1/aistore_types.go Mount.GetPVCName: the volumeClaimTemplate of a PVC-backed mount, also
   * the pod's volume name (target/volumes.go appendDataVolumeMounts), so a DNS-1123 label.
   */
  mountClaimTemplate: (name: string, path: string) => `${name}${path.replaceAll('/', '-')}`,
  /** the StatefulSet controller names each pod's claim `<template>-<statefulset>-<ordinal>` (a DNS-1123 subdomain) */
  mountClaim: (name: string, path: string, ordinal: number) =>
    `${aisOperatorNames.mountClaimTemplate(name, path)}-${aisOperatorNames.targetPod(name, ordinal)}`,
};

/** Objects the operator names after the AIStore, as [kind, name]: what the API server must accept. */
export function aisOperatorObjectNames(name: string, targets: number): Array<[string, string]> {
  const n = aisOperatorNames;
  return [
    ['StatefulSet', n.proxyStatefulSet(name)], ['StatefulSet', n.targetStatefulSet(name)],
    ['Service', n.proxyStatefulSet(name)], ['Service', n.targetStatefulSet(name)],
    ['Pod', n.targetPod(name, Math.max(targets - 1, 0))],
    ['ServiceAccount', n.serviceAccount(name)], ['Role', n.role(name)], ['RoleBinding', n.roleBinding(name)],
    ['ConfigMap', n.globalConfigMap(name)],
  ];
}
