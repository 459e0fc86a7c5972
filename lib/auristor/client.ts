import { Construct } from 'constructs';
import { assertNoProblems } from '../props/problems';
import { auristorClientProblems } from './client-checks';
import { AuristorClientProps } from './client-props';
import { AuristorClusterResources } from './cluster-resources';
import { AuristorGroupResources } from './group-resources';

export type { AuristorClientProps } from './client-props';

/**
 * The AuriStorFS client on a cluster (L3): the cluster-wide objects ({@link AuristorClusterResources},
 * child `Cluster`) and, for each node group, its namespace, kmod and CSI node plugin
 * ({@link AuristorGroupResources}, child `<group name>`), all in the scope's chart. Its props follow the
 * AuriStorFS rulebook (lib/auristor/client-checks.ts): the constructor throws with every problem.
 *
 * To give each group its own chart (one file each, as the generator does), use the two constructs directly:
 * {@link AuristorClusterResources} runs the whole rulebook, each {@link AuristorGroupResources} its group's part.
 */
export class AuristorClient extends Construct {
  /** The cluster-wide objects. */
  public readonly cluster: AuristorClusterResources;
  /** Each group's objects, in the order of `groups`. */
  public readonly groups: AuristorGroupResources[];

  constructor(scope: Construct, id: string, props: AuristorClientProps) {
    super(scope, id);
    assertNoProblems('AuristorClient', auristorClientProblems(props), this);
    this.cluster = new AuristorClusterResources(this, 'Cluster', props);
    this.groups = props.groups.map((group) => new AuristorGroupResources(this, group.name, { ...props, group }));
  }
}
