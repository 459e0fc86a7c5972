import { AuristorClientConfig } from './client-config';
import { ImagePullPolicy } from './csi/csi-pod';
import { CsiEphemeralVolumeProfile } from './csi/csi-driver';
import { CsiSettings } from './csi/csi-settings';
import { KmodDelivery } from './kmod/delivery';
import { AuristorNodeGroup, resolveNodeGroup } from './group';

/** Namespace of the cluster-wide CSI controller and volume manager (kmm and static delivery). */
export const DEFAULT_CSI_NAMESPACE = 'auristorfs-csi';

/** Settings shared by every node group of an AuriStorFS client deployment. */
export interface AuristorClientOptions {
  /** How the kernel module reaches the nodes. */
  readonly delivery: KmodDelivery;

  /**
   * Client configuration, keytabs and cache of the cache manager.
   *
   * @default - ConfigMap `etc-yfs` at /etc/yfs, cache at /var/cache/yfs, no keytabs
   */
  readonly clientConfig?: AuristorClientConfig;

  /**
   * CSI driver settings.
   *
   * @default - AuriStor's defaults (auristor cache manager, INFO, no SELinux options)
   */
  readonly csi?: CsiSettings;

  /**
   * Registry of AuriStor's images for the cluster-wide CSI controller and volume manager (groups name their own).
   *
   * @default 'ghcr.io/auristor'
   */
  readonly registry?: string;

  /**
   * Registry of the sig-storage CSI sidecars.
   *
   * @default 'registry.k8s.io/sig-storage'
   */
  readonly sidecarRegistry?: string;

  /**
   * Pull policy of every image.
   *
   * @default ImagePullPolicy.IF_NOT_PRESENT
   */
  readonly imagePullPolicy?: ImagePullPolicy;

  /**
   * Image pull secret, a Secret of that name in each namespace (group namespaces and the CSI namespace).
   * Set on the ServiceAccounts we create and as the KMM `imageRepoSecret`; SRO's own kmod ServiceAccount
   * does not get it.
   *
   * @default - none
   */
  readonly imagePullSecret?: string;

  /**
   * Grant the kmod and CSI ServiceAccounts the OpenShift `privileged` SCC (kmm and static delivery;
   * SRO's chart brings its own).
   *
   * @default false
   */
  readonly openshift?: boolean;

  /**
   * Namespace of the cluster-wide CSI controller and volume manager (kmm and static delivery).
   *
   * @default 'auristorfs-csi'
   */
  readonly csiNamespace?: string;

  /**
   * CSI release of the cluster-wide controller and volume manager (kmm and static delivery).
   *
   * @default - the CSI version of the groups; required when they differ
   */
  readonly csiControllerVersion?: string;

  /**
   * Version of AuriStor's SRO chart in the chart ConfigMaps (sro delivery).
   *
   * @default '0.0.6'
   */
  readonly sroChartVersion?: string;

  /**
   * Namespace of the Special Resource Operator (sro delivery).
   *
   * @default 'openshift-special-resource-operator'
   */
  readonly sroOperatorNamespace?: string;

  /**
   * ServiceAccounts the Special Resource Operator runs as (sro delivery); they get the extra CSI permissions.
   *
   * @default ['special-resource-controller-manager', 'default'] (SRO 4.10 and later, SRO 4.9)
   */
  readonly sroOperatorServiceAccounts?: readonly string[];

  /**
   * Root directory of the kubelet on the nodes (kmm and static delivery): the CSI node plugin registers under
   * `<kubeletDir>/plugins_registry` and mounts into `<kubeletDir>/pods`. AuriStor's chart (sro) hard-codes
   * `/var/lib/kubelet`.
   *
   * @default '/var/lib/kubelet'
   */
  readonly kubeletDir?: string;

  /**
   * Grace period of the static kmod pods, in seconds: the time their preStop hook has to stop the cache manager
   * and unload `yfs`.
   *
   * @default 60
   */
  readonly kmodTerminationGracePeriodSeconds?: number;

  /**
   * Value of the label `security.openshift.io/csi-ephemeral-volume-profile` on the CSIDriver. OpenShift 4.13
   * and later admit inline ephemeral volumes of a driver without it only in namespaces that enforce the
   * `privileged` Pod Security level.
   *
   * @default - no label
   */
  readonly csiEphemeralVolumeProfile?: CsiEphemeralVolumeProfile;

  /**
   * Registry of the KMM-layout kmod images (kmm delivery).
   *
   * @default - each group's registry
   */
  readonly kmmRegistry?: string;
}

/** One conflict between node groups: which group (index), which field, what is wrong. */
export interface GroupConflict {
  /** index of the group in the list */
  readonly index: number;
  readonly field: 'name' | 'namespace' | 'nodes' | 'nodeSelector';
  /** index in `nodes`, for a node conflict */
  readonly item?: number;
  readonly message: string;
}

/**
 * Conflicts between node groups: repeated names or namespaces, a namespace equal to the CSI namespace
 * (kmm and static), a node listed in two groups (it would get two kmods).
 */
export function groupConflicts(groups: readonly AuristorNodeGroup[], delivery: KmodDelivery, csiNamespace?: string): GroupConflict[] {
  const conflicts: GroupConflict[] = [];
  const names = new Map<string, number>();
  const namespaces = new Map<string, number>();
  const nodes = new Map<string, string>();
  const selectors = new Map<string, number>();
  const sharedNamespace = delivery === KmodDelivery.SRO ? undefined : csiNamespace ?? DEFAULT_CSI_NAMESPACE;
  groups.forEach((group, index) => {
    const resolved = resolveNodeGroup(group);
    const sameName = names.get(group.name);
    if (sameName !== undefined) conflicts.push({ index, field: 'name', message: `group name ${group.name} is already used by group ${sameName + 1}` });
    names.set(group.name, index);
    const sameNamespace = namespaces.get(resolved.namespace);
    if (sameNamespace !== undefined) {
      conflicts.push({ index, field: 'namespace', message: `namespace ${resolved.namespace} is already used by group ${sameNamespace + 1}; each group needs its own` });
    } else if (resolved.namespace === sharedNamespace) {
      conflicts.push({ index, field: 'namespace', message: `namespace ${resolved.namespace} is the CSI controller namespace; each group needs its own` });
    }
    namespaces.set(resolved.namespace, index);
    if (group.nodeSelector !== undefined) {
      const selector = JSON.stringify(Object.entries(group.nodeSelector).sort());
      const sameSelector = selectors.get(selector);
      if (sameSelector !== undefined) {
        conflicts.push({ index, field: 'nodeSelector', message: `group ${sameSelector + 1} has the same nodeSelector; a node belongs to one group (one kmod)` });
      }
      selectors.set(selector, index);
    }
    resolved.nodes.forEach((node, item) => {
      const other = nodes.get(node);
      if (other !== undefined && other !== group.name) {
        conflicts.push({ index, field: 'nodes', item, message: `node ${node} is already in group ${other}; a node belongs to one group (one kmod)` });
      }
      nodes.set(node, group.name);
    });
  });
  return conflicts;
}

/**
 * The CSI version of the cluster-wide controller: the given one, else the one all groups share.
 * @throws when the groups run different CSI versions and none is given
 */
export function controllerCsiVersion(groups: readonly AuristorNodeGroup[], explicit?: string): string {
  if (explicit !== undefined) return explicit;
  const versions = [...new Set(groups.map((group) => group.csiVersion))];
  if (versions.length === 1) return versions[0];
  if (versions.length === 0) throw new Error('no node group: cannot tell the CSI controller version');
  const list = groups.map((group) => `${group.name}: ${group.csiVersion}`).join(', ');
  throw new Error(`groups run different CSI versions (${list}): name the version of the cluster-wide CSI controller and volume manager`);
}
