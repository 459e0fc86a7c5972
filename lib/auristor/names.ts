import { COMPONENT_LABEL, MANAGED_BY, MANAGED_BY_LABEL, NAME_LABEL, PART_OF_LABEL } from '../k8s/app-labels';

/**
 * Well-known names of the AuriStorFS client deployment: the ones AuriStor's SRO chart, scripts
 * and images use (kept identical so that objects match a script-based deployment), and the
 * node labels the kmod and CSI pods are placed by.
 */

/** Name of the AuriStorFS CSI driver: the `CSIDriver` object, StorageClass provisioner and PV `csi.driver`. */
export const CSI_DRIVER_NAME = 'auristorfs.csi.auristor.com';

/**
 * Directory under `/var/lib/kubelet/plugins/` that holds the node plugin socket. AuriStor's chart
 * uses `csi.auristor.com` here, not the driver name.
 */
export const CSI_PLUGIN_DIR_NAME = 'csi.auristor.com';

/** Node label whose value is the AuriStorFS node group a node belongs to. */
export const GROUP_LABEL = 'auristor.com/auristorfs-group';

/** Node Feature Discovery label carrying the node's running kernel (`uname -r`). */
export const KERNEL_VERSION_LABEL = 'feature.node.kubernetes.io/kernel-version.full';

/** The AuriStorFS kernel module. */
export const KERNEL_MODULE = 'yfs';

/** ServiceAccount of the CSI pods (created by AuriStor's `bin/createServiceAccount` in the SRO flow). */
export const CSI_SERVICE_ACCOUNT = 'auristorfs-csi';

/**
 * ServiceAccount of the CSI node plugins (kmm and static delivery): bound to no role. The node plugin's
 * containers (AuriStorFS driver, node-driver-registrar, livenessprobe) talk to the kubelet over sockets and to
 * the volume manager over HTTP; the controller's permissions (create PersistentVolumes, patch VolumeAttachments)
 * stay with the controller.
 */
export const CSI_NODE_SERVICE_ACCOUNT = 'auristorfs-csi-node';

/** ServiceAccount of the kmod pods (static DaemonSets, KMM worker pods). */
export const KMOD_SERVICE_ACCOUNT = 'auristorfs-kmod';

/** Value of `app.kubernetes.io/name` on every AuriStorFS client object. */
export const APP_NAME = 'auristorfs-client';

/** Role of an object, as the value of `app.kubernetes.io/component` (the sync-wave table reads it). */
export enum AuristorComponent {
  /** what loads the kernel module: static kmod DaemonSets, SpecialResource, KMM Module and their identities */
  KMOD = 'kmod',
  /** CSI controller (attacher + provisioner) */
  CSI_CONTROLLER = 'csi-controller',
  /** CSI node plugin, one pod per node */
  CSI_NODE = 'csi-node',
  /** AuriStor volume manager API */
  VOLUME_MANAGER = 'volume-manager',
  /** the cluster-scoped CSIDriver object and the CSI permissions */
  CSI_DRIVER = 'csi-driver',
  /** StorageClasses and PersistentVolumes for AuriStorFS volumes */
  STORAGE = 'storage',
}

/** Labels of every AuriStorFS client object: application, part of `auristorfs`, managed by cdk8s-storage. */
export function auristorAppLabels(group?: string): Record<string, string> {
  const labels: Record<string, string> = { [NAME_LABEL]: APP_NAME, [PART_OF_LABEL]: 'auristorfs', [MANAGED_BY_LABEL]: MANAGED_BY };
  if (group !== undefined) labels[GROUP_LABEL] = group;
  return labels;
}

/**
 * Labels of an AuriStorFS client object: {@link auristorAppLabels}, its role and, for objects that
 * belong to a node group, the group.
 */
export function auristorLabels(component: AuristorComponent, group?: string): Record<string, string> {
  return { ...auristorAppLabels(group), [COMPONENT_LABEL]: component };
}
