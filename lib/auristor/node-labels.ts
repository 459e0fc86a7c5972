import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { SyncOption, addSyncOptions, retainOnDelete } from '../gitops/argo-annotations';
import { GROUP_LABEL } from './names';

/** Props of {@link GroupNodeLabels}. */
export interface GroupNodeLabelsProps {
  /** Node group; the value of the label `auristor.com/auristorfs-group`. */
  readonly group: string;

  /** Names of the nodes to label. */
  readonly nodes: string[];
}

/**
 * Puts the group label `auristor.com/auristorfs-group=<group>` on nodes, as label-only partial `Node`
 * objects (name and label, nothing else). Argo CD applies them with server-side apply, so only this label
 * is owned, and never prunes nor deletes them: nodes are not created or removed by us.
 */
export class GroupNodeLabels extends Construct {
  /** The L1 Node objects, in the order of `nodes` (escape hatch). */
  public readonly nodes: k8s.KubeNode[];

  constructor(scope: Construct, id: string, props: GroupNodeLabelsProps) {
    super(scope, id);
    const seen = new Set<string>();
    this.nodes = props.nodes.map((name) => {
      if (seen.has(name)) throw new Error(`node "${name}" is listed twice in group "${props.group}"`);
      seen.add(name);
      const node = new k8s.KubeNode(this, name, { metadata: { name, labels: { [GROUP_LABEL]: props.group } } });
      addSyncOptions(node, SyncOption.SERVER_SIDE_APPLY);
      retainOnDelete(node);
      return node;
    });
  }
}
