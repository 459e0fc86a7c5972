import { describeObject, groupKind } from '../../k8s/manifest';
import { aisRole, isAisClusterResource } from '../../argo/roles';
import { ALLOW_DANGEROUS, Finding, ObjectChange, ReviewRule } from './types';

/**
 * The objects whose removal stops AIS pods: the proxy/target StatefulSets and the AIStore. (A
 * PodDisruptionBudget, a Service or a ConfigMap of the role is a plain removal.)
 */
function isAisWorkloadObject(change: ObjectChange): boolean {
  const m = change.previous ?? change.next!;
  return (groupKind(m) === 'apps/StatefulSet' && aisRole(m) !== undefined) || isAisClusterResource(m);
}

const list = (changes: readonly ObjectChange[]) => changes.map((c) => describeObject(c.previous ?? c.next!)).join(', ');

/** AIS proxy/target objects (and the AIStore resource) removed, or changed so that they must be recreated. */
export const AIS_WORKLOAD_RULE: ReviewRule = {
  id: 'ais-proxy-target-removed-or-replaced',
  severity: 'dangerous',
  why: 'proxies and targets are the AIS cluster: deleting a StatefulSet deletes all its pods at once (the whole storage '
    + 'or gateway tier goes down together, and a target leaving without decommission makes its objects unavailable); '
    + 'deleting the AIStore resource makes the operator tear the cluster down',
  check: (input) => {
    const findings: Finding[] = [];
    const removed = input.changes.filter((c) => c.action === 'removed' && isAisWorkloadObject(c));
    if (removed.length > 0) {
      findings.push({
        rule: AIS_WORKLOAD_RULE.id,
        severity: 'dangerous',
        objects: removed.map((c) => c.key),
        title: `AIS proxy/target objects removed: ${list(removed)}`,
        consequence: 'Argo CD deletes them when it prunes (automated prune or a sync with prune): every pod of the role stops at '
          + 'once and the cluster stops serving; objects stored only on removed targets become unavailable. Without prune '
          + 'they keep running, outside Git\'s control',
        action: 'if this is not meant, undo the config change. To retire targets, decommission them in AIS first '
          + '(`ais cluster add-remove-nodes decommission TARGET_ID` with each ID from `ais show cluster target`, wait for the rebalance to finish); to retire the whole '
          + `cluster, \`ais cluster decommission\` and back up what you need; then ${ALLOW_DANGEROUS}`,
      });
    }
    const replaced = input.changes.filter((c) => c.action === 'updated' && input.recreated.has(c.key) && isAisWorkloadObject(c));
    if (replaced.length > 0) {
      findings.push({
        rule: AIS_WORKLOAD_RULE.id,
        severity: 'dangerous',
        objects: replaced.map((c) => c.key),
        title: `AIS proxy/target objects must be replaced: ${list(replaced)}`,
        consequence: 'the new spec cannot be applied in place (see the needs-recreate findings): deleting the StatefulSet the '
          + 'normal way deletes all of its pods together, and with Parallel pod management they all restart together',
        action: `${ALLOW_DANGEROUS}; when Argo CD reports the StatefulSet cannot be updated, delete it without its pods `
          + `(${replaced.map((c) => `\`kubectl delete ${(c.next!.kind).toLowerCase()} ${c.next!.metadata.name} -n ${c.next!.metadata.namespace} --cascade=orphan\``).join(', ')}) so that Argo CD creates the new one, which `
          + 'adopts the running pods when the selector is unchanged; then restart the pods one at a time, waiting for the '
          + 'cluster to be healthy (`ais show cluster`) after each',
      });
    }
    return findings;
  },
};
