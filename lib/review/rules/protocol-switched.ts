import { objectKey } from '../../k8s/manifest';
import { aisRelease, isAisClusterResource } from '../../argo/roles';
import { aisClusters } from './ais-clusters';
import { describeRelease } from './ais-facts';
import { ALLOW_DANGEROUS, Finding, ReviewRule } from './types';

/** HTTP <-> HTTPS on an existing cluster: its state must be reset (ais-k8s docs/redeployment.md, Changing Protocol). */
export const PROTOCOL_SWITCHED_RULE: ReviewRule = {
  id: 'protocol-switched',
  severity: 'dangerous',
  why: 'AIS keeps the cluster map, with every node\'s URL and so its protocol, in each node\'s state: nodes restarted on the '
    + 'other protocol cannot reach the ones still on the old one, and a cluster cannot switch in place (ais-k8s docs/redeployment.md)',
  check: (input) => {
    const after = aisClusters(input.next);
    const findings: Finding[] = [];
    for (const [release, was] of aisClusters(input.previous)) {
      const now = after.get(release);
      if (!now || now.https === was.https) continue;
      const objects = input.changes.filter((c) => c.action === 'updated' && aisRelease(c.next!) === release
        && (isAisClusterResource(c.next!) || c.next!.kind === 'ConfigMap' || c.next!.kind === 'StatefulSet')).map((c) => objectKey(c.next!));
      findings.push({
        rule: PROTOCOL_SWITCHED_RULE.id,
        severity: 'dangerous',
        objects,
        title: `${describeRelease(release)} switches from ${was.https ? 'HTTPS to HTTP' : 'HTTP to HTTPS'}`,
        consequence: 'restarted nodes speak the new protocol while the cluster map still holds the old URLs: the cluster splits '
          + 'and stops serving; it needs fresh AIS state (cluster maps, node IDs), not a rolling restart',
        action: `back up what you need and reset the cluster's state as the runbook below says (decommission${was.mode === 'operator' ? ' through cleanupMetadata' : ''}, `
          + `state directories removed, released volumes deleted); then ${ALLOW_DANGEROUS}`,
      });
    }
    return findings;
  },
};
