import { Construct } from 'constructs';
import { Footprint, declareFootprint } from '../props/footprint';
import { assertNoProblems, nested } from '../props/problems';
import { auristorGroupFootprint, auristorGroupProblems } from './client-checks';
import { AuristorClientOptions } from './client-props';
import { DEFAULT_CSI_NAMESPACE } from './defaults';
import { CsiNode } from './csi/csi-node';
import { KmodDelivery } from './kmod/delivery';
import { AuristorNodeGroup, ResolvedNodeGroup, resolveNodeGroup } from './group';
import { AuristorKmmModule } from './kmod/kmm-module';
import { KmodDaemonSet } from './kmod/kmod-daemonset';
import { AuristorNamespace } from './namespace';
import { AuristorComponent, CSI_NODE_SERVICE_ACCOUNT, CSI_SERVICE_ACCOUNT, KERNEL_MODULE, KMOD_SERVICE_ACCOUNT } from './names';
import { GroupNodeLabels, groupNodeLabels, kmmModuleVersion } from './node-labels';
import { PrivilegedSccGrant } from './kmod/openshift-scc';
import { retainAll } from './storage/retain';
import { AuristorServiceAccount } from './service-account';
import { AuristorSpecialResource } from './kmod/special-resource';
import { VolumeManager } from './csi/volume-manager';
import { AuristorToleration, groupTolerations } from './tolerations';

/** Props of {@link AuristorGroupResources}. */
export interface AuristorGroupResourcesProps extends AuristorClientOptions {
  /** The node group. */
  readonly group: AuristorNodeGroup;

  /**
   * Nodes of `group.nodes` whose Node object another construct emits (e.g. AIS node labels): no Node object is
   * made for them here; the caller puts {@link AuristorGroupResources.nodeLabels} on its own object.
   *
   * @default - none
   */
  readonly nodesLabelledElsewhere?: readonly string[];
}

/**
 * Everything one AuriStorFS node group needs, for the chosen delivery:
 *
 * - always: the group namespace (privileged, never pruned) and, for a node list, the label-only Nodes
 *   (with kmm delivery also carrying KMM's ordered-upgrade version label);
 * - sro: ServiceAccount `auristorfs-csi` and the `SpecialResource` (SRO renders the rest);
 * - kmm: the KMM `Module` (with `version` for a node list; tolerating a drain's cordon and NotReady/unreachable
 *   nodes, so that only a committed change unloads `yfs`);
 * - static: one kmod DaemonSet per kernel;
 * - kmm and static: the CSI node plugin on the group's nodes, waiting for `yfs` in `/proc/modules` before it starts.
 *
 * With kmm and static delivery the node plugin talks to the cluster-wide volume manager in the CSI
 * namespace ({@link AuristorClusterResources}). Everything that loads the module is marked
 * `Prune=false,Delete=false`.
 */
export class AuristorGroupResources extends Construct {
  /** The group with defaults applied. */
  public readonly group: ResolvedNodeGroup;
  /** The group namespace. */
  public readonly namespace: AuristorNamespace;
  /** The SpecialResource (sro delivery). */
  public readonly specialResource?: AuristorSpecialResource;
  /** The KMM Module (kmm delivery). */
  public readonly module?: AuristorKmmModule;
  /** The kmod DaemonSets, one per kernel in the listed order (static delivery). */
  public readonly kmodDaemonSets: KmodDaemonSet[] = [];
  /** The CSI node plugin (kmm and static delivery; SRO renders its own). */
  public readonly csiNode?: CsiNode;
  /** Taints the group's pods tolerate (kmm and static): the group's `tolerations`, else the client's. */
  public readonly tolerations: readonly AuristorToleration[];
  /** The labels each node of `group.nodes` must carry (group label; KMM ordered-upgrade version label). */
  public readonly nodeLabels: (node: string) => Record<string, string>;
  /** the group's namespace and node labels (the GitOps rulebook checks them against the app's other constructs) */
  public readonly footprint: Footprint;

  constructor(scope: Construct, id: string, props: AuristorGroupResourcesProps) {
    super(scope, id);
    // the group's part of the AuriStorFS rulebook (conflicts between groups: AuristorClusterResources)
    assertNoProblems('AuristorGroupResources', nested(['group'], auristorGroupProblems(props.group, props.delivery)), this);
    const footprint = auristorGroupFootprint(props.group, props.delivery, 'AuristorGroupResources');
    this.footprint = declareFootprint(this, {
      ...footprint,
      objects: footprint.objects.map((o) => ({ ...o, path: ['group', ...o.path] })),
      nodeLabels: footprint.nodeLabels.map((l) => ({ ...l, path: ['group', ...l.path] })),
    });
    const group = resolveNodeGroup({ ...props.group, registry: props.group.registry ?? props.registry });
    this.group = group;
    const ns = group.namespace;
    this.tolerations = props.delivery === KmodDelivery.SRO ? [] : groupTolerations(props.group, props.tolerations);
    this.namespace = new AuristorNamespace(this, 'Namespace', { name: ns, group: group.name, retain: true });
    this.nodeLabels = groupNodeLabels(group, props.delivery);
    const elsewhere = new Set(props.nodesLabelledElsewhere ?? []);
    const ownNodes = group.nodes.filter((node) => !elsewhere.has(node));
    if (ownNodes.length > 0) new GroupNodeLabels(this, 'NodeLabels', { group: group.name, nodes: ownNodes, labels: this.nodeLabels });
    const pullSecrets = props.imagePullSecret !== undefined ? [props.imagePullSecret] : undefined;

    if (props.delivery === KmodDelivery.SRO) {
      // SRO runs AuriStor's whole CSI driver (controller, node plugin, volume manager) as this ServiceAccount
      new AuristorServiceAccount(this, 'CsiServiceAccount', {
        name: CSI_SERVICE_ACCOUNT, namespace: ns, component: AuristorComponent.CSI_DRIVER, group: group.name, imagePullSecrets: pullSecrets,
      });
      this.specialResource = new AuristorSpecialResource(this, 'SpecialResource', {
        group, clientConfig: props.clientConfig, csi: props.csi, chartVersion: props.sroChartVersion,
        sidecarRegistry: props.sidecarRegistry, imagePullPolicy: props.imagePullPolicy,
      });
      return;
    }

    // kmm and static: a kmod identity that stays as long as the kmod does
    const kmod = new Construct(this, 'Kmod');
    new AuristorServiceAccount(kmod, 'ServiceAccount', {
      name: KMOD_SERVICE_ACCOUNT, namespace: ns, component: AuristorComponent.KMOD, group: group.name, imagePullSecrets: pullSecrets,
    });
    if (props.openshift) {
      new PrivilegedSccGrant(kmod, 'Scc', {
        name: 'auristorfs-kmod-privileged-scc', namespace: ns, serviceAccounts: [KMOD_SERVICE_ACCOUNT], component: AuristorComponent.KMOD, group: group.name,
      });
    }
    if (props.delivery === KmodDelivery.KMM) {
      this.module = new AuristorKmmModule(kmod, 'Module', {
        group, registry: props.kmmRegistry, imagePullPolicy: props.imagePullPolicy, imageRepoSecret: props.imagePullSecret,
        serviceAccountName: KMOD_SERVICE_ACCOUNT, version: kmmModuleVersion(group, props.delivery), tolerations: this.tolerations,
      });
    } else {
      for (const kernel of group.kernels) {
        this.kmodDaemonSets.push(new KmodDaemonSet(kmod, kernel, {
          namespace: ns, group: group.name, nodeSelector: group.nodeSelector, kernel, kmodVersion: group.kmodVersion,
          registry: group.registry, clientConfig: props.clientConfig, imagePullPolicy: props.imagePullPolicy,
          terminationGracePeriodSeconds: props.kmodTerminationGracePeriodSeconds, tolerations: this.tolerations,
        }));
      }
    }
    retainAll(kmod);

    // the node plugin's own ServiceAccount, bound to no role (the controller keeps the CSI permissions)
    new AuristorServiceAccount(this, 'CsiServiceAccount', {
      name: CSI_NODE_SERVICE_ACCOUNT, namespace: ns, component: AuristorComponent.CSI_NODE, group: group.name, imagePullSecrets: pullSecrets,
    });
    if (props.openshift) {
      new PrivilegedSccGrant(this, 'CsiScc', {
        name: 'auristorfs-csi-privileged-scc', namespace: ns, serviceAccounts: [CSI_NODE_SERVICE_ACCOUNT], component: AuristorComponent.CSI_NODE, group: group.name,
      });
    }
    const csiNamespace = props.csiNamespace ?? DEFAULT_CSI_NAMESPACE;
    this.csiNode = new CsiNode(this, 'CsiNode', {
      namespace: ns, group: group.name, csiVersion: group.csiVersion, registry: group.registry,
      settings: { ...props.csi, volumeManagerUrl: props.csi?.volumeManagerUrl ?? `http://${VolumeManager.SERVICE_NAME}.${csiNamespace}.svc` },
      sidecarRegistry: props.sidecarRegistry, imagePullPolicy: props.imagePullPolicy, serviceAccountName: CSI_NODE_SERVICE_ACCOUNT,
      // the group's nodes only, whatever KMM's ready label says, and not before yfs is loaded (also after a reboot)
      nodeSelector: { ...group.nodeSelector }, waitForKernelModule: KERNEL_MODULE, kubeletDir: props.kubeletDir, tolerations: this.tolerations,
    });
  }
}
