import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { SyncOption, addSyncOptions, retainOnDelete } from '../argo/argo-annotations';
import { KmodDelivery } from './kmod/delivery';
import { AuristorNodeGroup, ResolvedNodeGroup, resolveNodeGroup } from './group';
import { KMM_MODULE_NAME, kmmModuleVersionLabel } from './kmod/kmm-labels';
import { GROUP_LABEL } from './names';

/**
 * The `version` of a group's KMM Module when KMM's ordered upgrade can be used, i.e. with kmm delivery on a group
 * given by `nodes` (we own their label-only Node objects and so the version label every node must carry):
 * `kmodVersion`, or `<kmodVersion>-r<kmmRevision>` for a revision of its configuration. Undefined otherwise (a
 * group given by a selector: no version, a new image reloads every node at once).
 */
export function kmmModuleVersion(group: ResolvedNodeGroup, delivery: KmodDelivery): string | undefined {
  if (delivery !== KmodDelivery.KMM || group.nodes.length === 0) return undefined;
  return group.kmmRevision > 0 ? `${group.kmodVersion}-r${group.kmmRevision}` : group.kmodVersion;
}

/**
 * The labels we put on each node of a group: the group label and, when the KMM Module has a `version`, KMM's
 * ordered-upgrade label `kmm.node.kubernetes.io/version-module.<ns>.auristorfs-kmod` = the node's pinned version
 * or the Module's version ({@link kmmModuleVersion}).
 */
export function groupNodeLabels(group: AuristorNodeGroup, delivery: KmodDelivery): (node: string) => Record<string, string> {
  const resolved = resolveNodeGroup(group);
  const version = kmmModuleVersion(resolved, delivery);
  const versionLabel = kmmModuleVersionLabel(resolved.namespace, KMM_MODULE_NAME);
  return (node) => (version === undefined
    ? { [GROUP_LABEL]: resolved.name }
    : { [GROUP_LABEL]: resolved.name, [versionLabel]: resolved.pinnedNodes[node] ?? version });
}

/** Props of {@link GroupNodeLabels}. */
export interface GroupNodeLabelsProps {
  /** Node group; the value of the label `auristor.com/auristorfs-group`. */
  readonly group: string;

  /** Names of the nodes to label. */
  readonly nodes: string[];

  /**
   * The labels of each node.
   *
   * @default - only `auristor.com/auristorfs-group: <group>`
   */
  readonly labels?: (node: string) => Record<string, string>;
}

/**
 * Puts the group label `auristor.com/auristorfs-group=<group>` (and, for KMM's ordered upgrade, the module version
 * label) on nodes, as label-only partial `Node` objects (name and labels, nothing else). Argo CD applies them with
 * server-side apply, so only these labels are owned, and never prunes nor deletes them: nodes are not created or
 * removed by us.
 */
export class GroupNodeLabels extends Construct {
  /** The L1 Node objects, in the order of `nodes` (escape hatch). */
  public readonly nodes: k8s.KubeNode[];

  constructor(scope: Construct, id: string, props: GroupNodeLabelsProps) {
    super(scope, id);
    const labels = props.labels ?? (() => ({ [GROUP_LABEL]: props.group }));
    this.nodes = props.nodes.map((name) => {
      const node = new k8s.KubeNode(this, name, { metadata: { name, labels: labels(name) } });
      addSyncOptions(node, SyncOption.SERVER_SIDE_APPLY);
      retainOnDelete(node);
      return node;
    });
  }
}
