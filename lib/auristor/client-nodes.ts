import { compareNames } from '../k8s/name-order';
import type { k8s } from 'cdk8s-plus-28';
import { AuristorNodeGroup, resolveNodeGroup } from './group';
import { GROUP_LABEL } from './names';

/**
 * The nodes the AuriStorFS client runs on (its "client nodes"): the nodes of every group, by label. A group given by
 * `nodes` (or by no selector) is the nodes labelled `auristor.com/auristorfs-group=<name>`; a group given by a
 * `nodeSelector` the nodes carrying all of its labels. A pod using an AuriStorFS volume must run on one of them: the
 * CSI node plugin is registered there only, and elsewhere the kubelet fails the mount ("driver name … not found in
 * the list of registered CSI drivers", Kubernetes `pkg/volume/csi/csi_client.go` newCsiDriverClient).
 *
 * Kernels and KMM's ready label are not part of it: kernels change with OS updates (a PV's node affinity cannot
 * change), and KMM keeps its ready label across a reboot.
 */
export class AuristorClientNodes {
  /** The client nodes of these groups. */
  public static of(groups: readonly AuristorNodeGroup[]): AuristorClientNodes {
    const labelled: string[] = [];
    const selectors: Array<Record<string, string>> = [];
    for (const group of groups.map(resolveNodeGroup)) {
      const selector = group.nodeSelector;
      const keys = Object.keys(selector);
      if (keys.length === 1 && selector[GROUP_LABEL] === group.name) labelled.push(group.name);
      else selectors.push(selector);
    }
    return new AuristorClientNodes(labelled, selectors);
  }

  private constructor(
    /** Groups whose nodes carry `auristor.com/auristorfs-group=<name>`, in group order. */
    public readonly labelledGroups: readonly string[],
    /** The selectors of the other groups, in group order. */
    public readonly selectors: ReadonlyArray<Readonly<Record<string, string>>>,
  ) {}

  /** One `key In [value]` requirement per label of a selector, by key. */
  private static requirements(selector: Readonly<Record<string, string>>): Array<{ key: string; values: string[] }> {
    return Object.entries(selector).sort(([a], [b]) => compareNames(a, b)).map(([key, value]) => ({ key, values: [value] }));
  }

  /**
   * StorageClass `allowedTopologies`: one term with the labelled groups' names (`In`), one per selector group. The
   * scheduler matches them against node labels for the first consumer of a WaitForFirstConsumer claim (Kubernetes
   * `pkg/scheduler/framework/plugins/volumebinding/binder.go` checkVolumeProvisions); the field may change in place.
   */
  public topologySelectorTerms(): k8s.TopologySelectorTerm[] {
    const terms: k8s.TopologySelectorTerm[] = [];
    if (this.labelledGroups.length > 0) terms.push({ matchLabelExpressions: [{ key: GROUP_LABEL, values: [...this.labelledGroups] }] });
    for (const selector of this.selectors) terms.push({ matchLabelExpressions: AuristorClientNodes.requirements(selector) });
    return terms;
  }

  /**
   * Node-selector terms (PersistentVolume `nodeAffinity.required`, pod node affinity): `auristor.com/auristorfs-group`
   * `Exists` for the labelled groups, and one term per selector group. `Exists` keeps the terms unchanged when
   * labelled groups are added, renamed or removed, since a PersistentVolume's node affinity can only be set once.
   */
  public nodeSelectorTerms(): k8s.NodeSelectorTerm[] {
    const terms: k8s.NodeSelectorTerm[] = [];
    if (this.labelledGroups.length > 0) terms.push({ matchExpressions: [{ key: GROUP_LABEL, operator: 'Exists' }] });
    for (const selector of this.selectors) {
      terms.push({ matchExpressions: AuristorClientNodes.requirements(selector).map((r) => ({ ...r, operator: 'In' })) });
    }
    return terms;
  }
}

/**
 * The pod affinity that keeps a workload using AuriStorFS volumes on the client nodes (required node affinity, the
 * terms of {@link AuristorClientNodes.nodeSelectorTerms}), for an L1 pod spec (`spec.affinity`). Needed for inline
 * volumes and for pods that use a dynamically provisioned claim after its first consumer (its PersistentVolume has
 * no node affinity: the provisioner's Topology feature is off).
 */
export function auristorClientNodeAffinity(nodes: AuristorClientNodes): k8s.Affinity {
  return { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: nodes.nodeSelectorTerms() } } };
}
