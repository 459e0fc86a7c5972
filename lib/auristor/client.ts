import { Construct } from 'constructs';
import { assertNoProblems } from '../props/problems';
import { auristorClientProblems } from './client-checks';
import { AuristorClientOptions } from './client-options';
import { AuristorClusterResources } from './cluster-resources';
import { AuristorNodeGroup } from './group';
import { AuristorGroupResources } from './group-resources';

/** Props of {@link AuristorClient}. */
export interface AuristorClientProps extends AuristorClientOptions {
  /** The node groups, each with its own kmod and CSI versions (phased upgrades go group by group). */
  readonly groups: AuristorNodeGroup[];
}

/**
 * The AuriStorFS client on a cluster (L3): the cluster-wide objects ({@link AuristorClusterResources},
 * child `Cluster`) and, for each node group, its namespace, kmod and CSI node plugin
 * ({@link AuristorGroupResources}, child `<group name>`), all in the scope's chart.
 *
 * To give each group its own chart (one file each, as the generator does), use the two constructs directly.
 */
export class AuristorClient extends Construct {
  /** The cluster-wide objects. */
  public readonly cluster: AuristorClusterResources;
  /** Each group's objects, in the order of `groups`. */
  public readonly groups: AuristorGroupResources[];

  constructor(scope: Construct, id: string, props: AuristorClientProps) {
    super(scope, id);
    assertNoProblems('AuristorClient', auristorClientProblems(props));
    this.cluster = new AuristorClusterResources(this, 'Cluster', props);
    this.groups = props.groups.map((group) => new AuristorGroupResources(this, group.name, { ...props, group }));
  }
}
