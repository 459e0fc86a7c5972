import { describeObject } from '../manifest';
import { isAisStatefulSet } from '../roles';
import { ALLOW_DANGEROUS, Finding, ReviewRule, isUpdate } from './types';

/** Fewer target replicas: Kubernetes removes the highest ordinals, whatever node they run on. */
export const TARGET_SCALE_DOWN_RULE: ReviewRule = {
  id: 'target-scale-down',
  severity: 'dangerous',
  why: 'scaling the target StatefulSet down deletes the pods with the highest ordinals, which are not necessarily on the '
    + 'nodes taken out of the config; a target that leaves without being decommissioned takes the only copy of its objects with it',
  check: (input) => input.changes.filter(isUpdate).filter((c) => isAisStatefulSet(c.next, 'target')).flatMap((c): Finding[] => {
    const before = c.previous.spec?.replicas ?? 1;
    const after = c.next.spec?.replicas ?? 1;
    if (after >= before) return [];
    const name = c.next.metadata.name;
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
