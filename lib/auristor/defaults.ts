/**
 * The defaults of the AuriStorFS client constructs, in one place: the constructs apply them to unset
 * props and the config schema (lib/config, `auristor:`) shows them as its defaults. lib/config
 * may import this module and nothing else of lib/auristor, so it imports nothing.
 */

/** Registry of AuriStor's published kmod and CSI images. */
export const DEFAULT_AURISTOR_REGISTRY = 'ghcr.io/auristor';
/**
 * Registry of the sig-storage sidecars. AuriStor's chart names `k8s.gcr.io/sig-storage`; that
 * registry is frozen and redirected to `registry.k8s.io`, which serves the same images.
 */
export const DEFAULT_SIDECAR_REGISTRY = 'registry.k8s.io/sig-storage';
/** Namespace of the cluster-wide CSI controller and volume manager (kmm and static delivery). */
export const DEFAULT_CSI_NAMESPACE = 'auristorfs-csi';
/** Version of AuriStor's SRO chart (`chart/Chart.yaml` at tag 2022.09-1, branch version-0.0.6). */
export const DEFAULT_SRO_CHART_VERSION = '0.0.6';
/** Where the Special Resource Operator runs on OpenShift. */
export const DEFAULT_SRO_NAMESPACE = 'openshift-special-resource-operator';
/**
 * ServiceAccounts the Special Resource Operator runs as: `special-resource-controller-manager` from
 * release 4.10 on, `default` in 4.9 (the `serviceAccountName` of the `clusterPermissions` and of the
 * deployment in openshift/special-resource-operator `bundle/4.10/manifests/…clusterserviceversion.yaml`
 * and `bundle/4.9/manifests/…clusterserviceversion.yaml`). Neither CSV grants `escalate`, so SRO can only
 * create the chart's CSI Roles if it holds their permissions itself.
 */
export const DEFAULT_SRO_SERVICE_ACCOUNTS: readonly string[] = ['special-resource-controller-manager', 'default'];
/** The kubelet's default root directory (`--root-dir`). */
export const DEFAULT_KUBELET_DIR = '/var/lib/kubelet';
/** Grace period of the static kmod pods, in seconds. */
export const DEFAULT_KMOD_GRACE_PERIOD_SECONDS = 60;
/** ConfigMap holding `yfs-client.conf` (AuriStor's `examples/volumeMaps/createMaps` name). */
export const DEFAULT_CLIENT_CONFIG_MAP = 'etc-yfs';
/** Host directory of the AuriStorFS disk cache. */
export const DEFAULT_CACHE_HOST_PATH = '/var/cache/yfs';

/**
 * Tolerations every KMM Module gets, before the group's own: the cordon of `kubectl drain`, and a node going
 * NotReady or unreachable (both effects). KMM v2.6.0 drops a node whose NoSchedule/NoExecute taints the Module
 * does not tolerate (`internal/node/node.go` IsNodeSchedulable, called from `internal/controllers/module_reconciler.go`
 * Reconcile → GetNodesListBySelector, which then unloads `yfs` there, and from `nmc_reconciler.go` Reconcile, which
 * removes the ready labels); with these only what we emit (version label, selector, kernel mappings, Module config)
 * unloads `yfs`. Disk, memory and PID pressure are KMM's own (`internal/module/helper.go` InternalTolerations).
 */
export const KMM_LIFECYCLE_TOLERATIONS: ReadonlyArray<{ readonly key: string; readonly operator: 'Exists'; readonly effect?: 'NoSchedule' }> = [
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists' },
];

/**
 * Replicas of the cluster-wide CSI controller (kmm and static): its attacher and provisioner elect a leader
 * (`--leader-election`), so a standby takes over when the leader's node fails.
 */
export const CSI_CONTROLLER_REPLICAS = 2;

/**
 * Seconds the CSI controller and volume manager pods stay bound to a NotReady or unreachable node before the
 * taint manager evicts them (their `node.kubernetes.io/{not-ready,unreachable}:NoExecute` tolerations; Kubernetes
 * gives 300 by default), so that their Deployment replaces them elsewhere.
 */
export const FAILOVER_TOLERATION_SECONDS = 30;

/**
 * The Special Resource Operator releases the config names (`sro.version`): 4.9 and 4.10 keep one node list for
 * every SpecialResource (openshift/special-resource-operator release-4.9/4.10 `pkg/cache/cache.go` Nodes); 4.11
 * lists nodes per SpecialResource (release-4.11 `pkg/clients/clients.go` GetNodesByLabels), as 4.12 to 4.17 do.
 */
export const SRO_VERSIONS = ['4.9', '4.10', '4.11'] as const;
