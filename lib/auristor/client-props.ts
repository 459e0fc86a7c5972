import type { AuristorClientConfig } from './client-config';
import type { ImagePullPolicy } from './csi/csi-pod';
import type { CsiEphemeralVolumeProfile } from './csi/csi-driver';
import type { CsiSettings } from './csi/csi-settings';
import type { KmodDelivery, SroVersion } from './kmod/delivery';
import type { AuristorNodeGroup } from './group';
import type { AuristorToleration } from './tolerations';

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
   * The Special Resource Operator release (sro delivery): required with two or more groups, since SRO 4.9 and 4.10
   * share one node list between SpecialResources and cannot serve several groups (the rulebook refuses it).
   *
   * @default - not said (only allowed with one group)
   */
  readonly sroVersion?: SroVersion;

  /**
   * Taints every group's AuriStorFS pods tolerate (kmm and static delivery; a group's own `tolerations` replace
   * these): the KMM Module (besides the node-lifecycle tolerations it always has), the static kmod DaemonSets, the
   * CSI node plugins, and, for the union of all groups, the cluster-wide CSI controller and volume manager.
   * SRO serves no tainted node whatever pods tolerate (openshift/special-resource-operator `pkg/cache/cache.go`
   * Nodes, release-4.11 `pkg/clients/clients.go` GetNodesByLabels), so sro delivery refuses them.
   *
   * @default - none
   */
  readonly tolerations?: readonly AuristorToleration[];

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

  /**
   * Confirms that the KMM images hold `yfs.ko` under `/opt/lib/modules/<kernel>/` (kmm delivery): KMM runs
   * `modprobe -d /opt yfs` from each image, which AuriStor's SRO driver-container images do not support,
   * and KMM does not run the AuriStorFS cache manager (docs/auristor.md). Required true with kmm delivery.
   *
   * @default false
   */
  readonly kmmLayoutImages?: boolean;
}

/** Props of {@link AuristorClient}. */
export interface AuristorClientProps extends AuristorClientOptions {
  /** The node groups, each with its own kmod and CSI versions (phased upgrades go group by group). */
  readonly groups: AuristorNodeGroup[];
}
