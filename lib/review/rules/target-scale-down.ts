import { Manifest, describeObject } from '../../k8s/manifest';
import { isAisClusterResource, isAisStatefulSet } from '../../argo/roles';
import { ALLOW_DANGEROUS, Finding, ReviewRule, isUpdate } from './types';

/**
 * An AIStore whose operator deletes targets on scale-down without decommissioning them
 * (ais-k8s aistore_types.go ScaleDownMode `retain`; `decommission` and the default
 * `safe_decommission` decommission them first).
 */
function retainsOnScaleDown(m: Manifest): boolean {
  return isAisClusterResource(m) && m.spec?.targetSpec?.scaleDownMode === 'retain';
}

/** Targets of a target StatefulSet or an AIStore. */
function targetCount(m: Manifest): number {
  return isAisClusterResource(m) ? (m.spec?.targetSpec?.size ?? m.spec?.size ?? 0) : (m.spec?.replicas ?? 1);
}

/** Fewer target replicas: Kubernetes removes the highest ordinals, whatever node they run on. */
export const TARGET_SCALE_DOWN_RULE: ReviewRule = {
  id: 'target-scale-down',
  severity: 'dangerous',
  why: 'scaling the target StatefulSet down deletes the pods with the highest ordinals, which are not necessarily on the '
    + 'nodes taken out of the config; a target that leaves without being decommissioned takes the only copy of its objects with it',
  check: (input) => input.changes.filter(isUpdate).filter((c) => isAisStatefulSet(c.next, 'target') || retainsOnScaleDown(c.next)).flatMap((c): Finding[] => {
    const before = targetCount(c.previous);
    const after = targetCount(c.next);
    if (after >= before) return [];
    const name = isAisClusterResource(c.next) ? `${c.next.metadata.name}-target` : c.next.metadata.name;
    const pods = Array.from({ length: before - after }, (_, i) => `${name}-${after + i}`);
    return [{
      rule: TARGET_SCALE_DOWN_RULE.id,
      severity: 'dangerous',
      objects: [c.key],
      title: `${describeObject(c.next)} scales down from ${before} to ${after} targets`,
      consequence: `Kubernetes deletes pod${pods.length > 1 ? 's' : ''} ${pods.join(', ')} (the highest ordinals, on whichever nodes they run, `
        + 'not necessarily the nodes you removed); AIS loses those targets without migrating their data',
      action: `first decommission the targets running as ${pods.join(', ')} in AIS (\`ais cluster add-remove-nodes decommission TARGET_ID\` with each one's ID from \`ais show cluster target\`; the runbook below has the commands) `
        + 'and wait for the rebalance to finish; make sure the nodes you removed from the config are the nodes those pods run on, '
        + `then ${ALLOW_DANGEROUS}`,
    }];
  }),
};
