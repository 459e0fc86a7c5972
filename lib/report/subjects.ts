import type { IConstruct } from 'constructs';
import type { Prerequisite } from '../k8s/prerequisite';
import { AisCluster } from '../ais/cluster';
import { AisOperatorCluster } from '../ais/operator/cluster';
import { AuristorClusterResources } from '../auristor/cluster-resources';
import type { ResolvedNodeGroup } from '../auristor/group';
import { AuristorGroupResources } from '../auristor/group-resources';
import { allConstructs } from '../k8s/bulk-objects';

/** What PLAN.md reports on: the built constructs, found in the app. */
export interface PlanSubjects {
  /** the AIS cluster, standalone or operator-run */
  readonly ais?: AisCluster | AisOperatorCluster;
  /**
   * the AuriStorFS client: its cluster-wide part, each group with defaults applied and each group's constructs
   * (`resources`, the same order)
   */
  readonly auristor?: {
    readonly cluster: AuristorClusterResources;
    readonly groups: readonly ResolvedNodeGroup[];
    readonly resources: readonly AuristorGroupResources[];
  };
}

/** The constructs PLAN.md reports on, from one walk of the tree (the first AIS cluster and AuriStorFS client found). */
export function planSubjects(root: IConstruct): PlanSubjects {
  let ais: AisCluster | AisOperatorCluster | undefined;
  let cluster: AuristorClusterResources | undefined;
  const resources: AuristorGroupResources[] = [];
  for (const construct of allConstructs(root)) {
    if (!ais && (construct instanceof AisCluster || construct instanceof AisOperatorCluster)) ais = construct;
    else if (!cluster && construct instanceof AuristorClusterResources) cluster = construct;
    else if (construct instanceof AuristorGroupResources) resources.push(construct);
  }
  return { ais, auristor: cluster && { cluster, groups: resources.map((r) => r.group), resources } };
}

/** Everything the built clusters need in the cluster and do not create (AIS, then AuriStorFS), as the CLI prints it and PLAN.md lists it. */
export function subjectPrerequisites({ ais, auristor }: PlanSubjects): Prerequisite[] {
  return [...(ais?.prerequisites ?? []), ...(auristor?.cluster.prerequisites ?? [])];
}
