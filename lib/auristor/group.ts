import { DEFAULT_AURISTOR_REGISTRY } from './defaults';
import { k8s } from 'cdk8s-plus-28';
import { GROUP_LABEL } from './names';
import { compareNames } from '../k8s/name-order';
import type { AuristorToleration } from './tolerations';

export { DEFAULT_AURISTOR_REGISTRY };

/**
 * An AuriStorFS node group: nodes that run the same kmod and CSI versions and are upgraded
 * together (AuriStor's "rolling updates": one SpecialResource per group, each in its own namespace).
 */
export interface AuristorNodeGroup {
  /**
   * Group name, a DNS-1123 label. It is the value of the node label `auristor.com/auristorfs-group`
   * for groups defined by a node list.
   */
  readonly name: string;

  /**
   * Namespace of the group's objects. With SRO it is also the SpecialResource name and the chart name
   * (AuriStor's scripts require all three to be equal).
   *
   * @default `auristorfs-<name>`
   */
  readonly namespace?: string;

  /**
   * Labels that select the group's nodes.
   *
   * @default { 'auristor.com/auristorfs-group': <name> }
   */
  readonly nodeSelector?: Record<string, string>;

  /**
   * Nodes to give the group label `auristor.com/auristorfs-group=<name>` (emitted as label-only partial
   * Node objects, applied with server-side apply and never pruned or deleted).
   *
   * @default - no Node objects: the nodes are labelled some other way
   */
  readonly nodes?: string[];

  /** AuriStorFS kmod release, e.g. `2021.05-20`; selects the image repository `auristor-kmod-<kmodVersion>`. */
  readonly kmodVersion: string;

  /** AuriStorFS CSI driver release, e.g. `2022.09-1` (the `auristorfs-csi` image tag). */
  readonly csiVersion: string;

  /**
   * Registry holding `auristor-kmod-<kmodVersion>` and `auristorfs-csi`.
   *
   * @default 'ghcr.io/auristor'
   */
  readonly registry?: string;

  /**
   * Kernels (`uname -r`) running on the group's nodes. Static delivery emits one kmod DaemonSet per
   * kernel and KMM one kernel mapping per kernel; SRO finds the kernels itself, and the list only serves
   * to check the kernels fit AuriStor's image tag rule and to report kmod changes.
   */
  readonly kernels: string[];

  /**
   * KMM delivery, groups given by `nodes`: nodes that keep running the kmod version they have, node → that
   * version (the value their KMM version label carries now). KMM's ordered upgrade loads the Module's new
   * image on a node only when its label `kmm.node.kubernetes.io/version-module.<ns>.<module>` changes to the
   * Module's new version (`kmodVersion`, or `<kmodVersion>-r<kmmRevision>`); listing a node here keeps its label,
   * so the group can be upgraded node by node. A pin must differ from the Module's version.
   *
   * @default - none: every node is labelled with the Module's version
   */
  readonly pinnedNodes?: Record<string, string>;

  /**
   * KMM delivery, groups given by `nodes`: a revision of the Module's configuration at the same `kmodVersion`.
   * The Module's `version` (and the version label of unpinned nodes) is `kmodVersion` when 0, `<kmodVersion>-r<N>`
   * otherwise. Bump it with every node pinned to the current version to change what KMM reloads a node with (pull
   * policy, registry) node by node, as for a new `kmodVersion`.
   *
   * @default 0
   */
  readonly kmmRevision?: number;

  /**
   * Taints the group's AuriStorFS pods tolerate (kmm and static delivery), instead of the client's `tolerations`;
   * `[]` tolerates none.
   *
   * @default - the client's `tolerations`
   */
  readonly tolerations?: readonly AuristorToleration[];
}

/** A node group with every default applied. */
export interface ResolvedNodeGroup extends AuristorNodeGroup {
  readonly namespace: string;
  readonly nodeSelector: Record<string, string>;
  readonly nodes: string[];
  readonly registry: string;
  readonly pinnedNodes: Record<string, string>;
  readonly kmmRevision: number;
}

/** Applies the defaults of a node group. */
export function resolveNodeGroup(group: AuristorNodeGroup): ResolvedNodeGroup {
  return {
    ...group,
    namespace: group.namespace ?? `auristorfs-${group.name}`,
    nodeSelector: group.nodeSelector ?? { [GROUP_LABEL]: group.name },
    nodes: group.nodes ?? [],
    registry: group.registry ?? DEFAULT_AURISTOR_REGISTRY,
    pinnedNodes: group.pinnedNodes ?? {},
    kmmRevision: group.kmmRevision ?? 0,
  };
}

/** Where a pod may run: a nodeSelector for one label set, required node affinity for several. */
export interface NodePlacement {
  /** labels the node must carry (pod `nodeSelector`); absent: no selector */
  readonly nodeSelector?: Record<string, string>;
  /** pod affinity (required node affinity); absent: none */
  readonly affinity?: k8s.Affinity;
}

/**
 * Placement on nodes that match any of the given label sets (e.g. any node of any group).
 * One set gives a plain `nodeSelector`; several give one required node-affinity term per set
 * (terms are ORed, the expressions of a term ANDed), in the given order.
 */
export function placeOnAnyOf(selectors: readonly Record<string, string>[]): NodePlacement {
  if (selectors.length === 0) return {};
  if (selectors.length === 1) return { nodeSelector: { ...selectors[0] } };
  return {
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: selectors.map((selector) => ({
            matchExpressions: Object.entries(selector)
              .sort(([a], [b]) => compareNames(a, b))
              .map(([key, value]) => ({ key, operator: 'In', values: [value] })),
          })),
        },
      },
    },
  };
}
