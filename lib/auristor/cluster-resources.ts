import { Construct } from 'constructs';
import { Footprint, declareFootprint } from '../props/footprint';
import { assertNoProblems } from '../props/problems';
import { auristorClientProblems, auristorClusterFootprint, controllerCsiVersion } from './client-checks';
import { AuristorClientProps } from './client-props';
import { DEFAULT_CSI_NAMESPACE } from './defaults';
import { CsiConfigMap } from './csi/csi-config-map';
import { CsiController } from './csi/csi-controller';
import { AuristorCsiDriver } from './csi/csi-driver';
import { CsiRbac } from './csi/csi-rbac';
import { CsiConfigRole } from './csi/csi-settings';
import { KmodDelivery } from './kmod/delivery';
import { resolveNodeGroup } from './group';
import { AuristorNamespace } from './namespace';
import { AuristorComponent, CSI_SERVICE_ACCOUNT } from './names';
import { PrivilegedSccGrant } from './kmod/openshift-scc';
import { AuristorServiceAccount } from './service-account';
import { SroCsiPermissions } from './kmod/sro-permissions';
import { VolumeManager } from './csi/volume-manager';
import type { Prerequisite } from '../k8s/prerequisite';
import { auristorPrerequisites } from './prerequisites';
import { AuristorClientNodes } from './client-nodes';
import { AuristorToleration, groupTolerations, uniqueTolerations } from './tolerations';

/**
 * Props of {@link AuristorClusterResources}: those of the whole client (all node groups: checked for
 * conflicts; the CSI pods may run on any of their nodes).
 */
export type AuristorClusterResourcesProps = AuristorClientProps;

/**
 * The cluster-wide part of an AuriStorFS client deployment:
 *
 * - always: the `CSIDriver` `auristorfs.csi.auristor.com`;
 * - sro: the extra CSI permissions for SRO's ServiceAccount (each SpecialResource brings its own CSI
 *   controller and volume manager, as AuriStor's chart does);
 * - kmm and static: ONE CSI controller (a 2-replica Deployment whose attacher and provisioner elect a leader) and
 *   ONE volume manager (a 1-replica Deployment) for all groups, in the CSI namespace, running on any group node and
 *   tolerating every group's taints, replaced elsewhere within about a minute of their node failing; with the CSI
 *   RBAC and the leader-election Roles (the node plugins run as their own ServiceAccount without them). Its CSI
 *   version is `csiControllerVersion`, or the groups' common one.
 *
 * Its props follow the whole AuriStorFS rulebook (lib/auristor/client-checks.ts): the constructor throws
 * with every problem (repeated group names or namespaces, a node in two groups, KMM without its images...).
 */
export class AuristorClusterResources extends Construct {
  /** The CSIDriver. */
  public readonly csiDriver: AuristorCsiDriver;
  /** The cluster-wide CSI controller (kmm and static delivery). */
  public readonly csiController?: CsiController;
  /** The cluster-wide volume manager (kmm and static delivery). */
  public readonly volumeManager?: VolumeManager;
  /** the CSI namespace this part claims (the GitOps rulebook checks it against the app's other constructs) */
  public readonly footprint: Footprint;
  /** How the kernel module reaches the nodes. */
  public readonly delivery: KmodDelivery;
  /** Registry of the KMM-layout kmod images (kmm delivery). */
  public readonly kmmRegistry?: string;
  /** What must exist in the cluster before the first sync (the output only names it), for every group. */
  public readonly prerequisites: readonly Prerequisite[];
  /**
   * The nodes the client runs on, by label: give it to StorageClasses and PersistentVolumes (`clientNodes`) and to
   * `auristorClientNodeAffinity` for pods, so that nothing using AuriStorFS lands on a node without the client.
   */
  public readonly clientNodes: AuristorClientNodes;
  /**
   * The SRO release (sro delivery), when the props say it.
   */
  public readonly sroVersion?: string;
  /**
   * Host directory with each node's keytabs (`clientConfig.keytabHostPath`; sro and static mount it, as a hostPath
   * of type Directory, so it must exist on every node of every group), if set.
   */
  public readonly keytabHostPath?: string;
  /** Taints the cluster-wide controller and volume manager tolerate besides the 30 s failover ones: every group's (kmm and static). */
  public readonly controllerTolerations: readonly AuristorToleration[];

  constructor(scope: Construct, id: string, props: AuristorClusterResourcesProps) {
    super(scope, id);
    assertNoProblems('AuristorClusterResources', auristorClientProblems(props), this);
    this.footprint = declareFootprint(this, auristorClusterFootprint(props, 'AuristorClusterResources'));
    this.delivery = props.delivery;
    this.kmmRegistry = props.kmmRegistry;
    this.prerequisites = auristorPrerequisites(props);
    this.clientNodes = AuristorClientNodes.of(props.groups);
    this.sroVersion = props.delivery === KmodDelivery.SRO ? props.sroVersion : undefined;
    this.keytabHostPath = props.delivery === KmodDelivery.KMM ? undefined : props.clientConfig?.keytabHostPath;
    this.controllerTolerations = props.delivery === KmodDelivery.SRO ? [] : uniqueTolerations(props.groups.flatMap((group) => groupTolerations(group, props.tolerations)));
    this.csiDriver = new AuristorCsiDriver(this, 'CsiDriver', { ephemeralVolumeProfile: props.csiEphemeralVolumeProfile });
    if (props.delivery === KmodDelivery.SRO) {
      new SroCsiPermissions(this, 'SroPermissions', {
        operatorNamespace: props.sroOperatorNamespace, serviceAccounts: props.sroOperatorServiceAccounts,
      });
      return;
    }

    const ns = props.csiNamespace ?? DEFAULT_CSI_NAMESPACE;
    const groups = props.groups.map(resolveNodeGroup);
    new AuristorNamespace(this, 'Namespace', { name: ns });
    new AuristorServiceAccount(this, 'ServiceAccount', {
      name: CSI_SERVICE_ACCOUNT, namespace: ns, component: AuristorComponent.CSI_CONTROLLER,
      imagePullSecrets: props.imagePullSecret !== undefined ? [props.imagePullSecret] : undefined,
    });
    if (props.openshift) {
      new PrivilegedSccGrant(this, 'Scc', {
        name: 'auristorfs-csi-privileged-scc', namespace: ns, serviceAccounts: [CSI_SERVICE_ACCOUNT], component: AuristorComponent.CSI_CONTROLLER,
      });
    }
    new CsiRbac(this, 'Rbac', { namespace: ns });
    // AuriStor's controller mounts the node ConfigMap at /root/appVar
    new CsiConfigMap(this, 'AppVarConfig', { namespace: ns, role: CsiConfigRole.NODE, settings: props.csi, component: AuristorComponent.CSI_CONTROLLER });
    const workload = {
      namespace: ns,
      csiVersion: controllerCsiVersion(props.groups, props.csiControllerVersion),
      registry: props.registry,
      settings: props.csi,
      sidecarRegistry: props.sidecarRegistry,
      imagePullPolicy: props.imagePullPolicy,
      nodeSelectors: groups.map((group) => group.nodeSelector),
      tolerations: this.controllerTolerations,
    };
    this.csiController = new CsiController(this, 'CsiController', workload);
    this.volumeManager = new VolumeManager(this, 'VolumeManager', workload);
  }
}
