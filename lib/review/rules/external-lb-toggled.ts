import { describeRelease, externalAccessByRelease } from './ais-facts';
import { ALLOW_DANGEROUS, Finding, ReviewRule } from './types';

/** Per-target LoadBalancers switched on or off for a cluster that already exists. */
export const EXTERNAL_LB_TOGGLED_RULE: ReviewRule = {
  id: 'external-lb-toggled',
  severity: 'dangerous',
  why: 'each target publishes the address clients reach it at (its node IP, or its own LoadBalancer\'s IP) into the cluster '
    + 'map when it first joins; AIS cannot switch an existing cluster between the two (the AIS guide: it cannot be toggled '
    + 'on an existing cluster)',
  check: (input) => {
    const before = externalAccessByRelease(input.previous);
    const after = externalAccessByRelease(input.next);
    const findings: Finding[] = [];
    for (const [release, was] of before) {
      const now = after.get(release);
      if (!now || now.enabled === was.enabled) continue;
      const verb = now.enabled ? 'enabled' : 'disabled';
      findings.push({
        rule: EXTERNAL_LB_TOGGLED_RULE.id,
        severity: 'dangerous',
        objects: [...(now.enabled ? now.objects : was.objects)],
        title: `per-target LoadBalancers ${verb} on the existing ${describeRelease(release)} (externalLB)`,
        consequence: now.enabled
          ? 'new LoadBalancers take external IPs from the pool, but running targets keep publishing their node addresses; '
            + 'targets that restart publish LoadBalancer IPs, so clients get redirected to a mix of addresses and the cluster map disagrees with itself'
          : 'the LoadBalancers and their IPs go away while the cluster map still sends clients to them: reads and writes '
            + 'redirected to targets fail until every target has restarted and re-registered',
        action: 'keep the previous externalLB setting for this cluster; external access is chosen when a cluster is created. '
          + 'To change it, deploy a new cluster with the setting you want and migrate the data, or accept a full cluster '
          + `restart (all targets at once) and ${ALLOW_DANGEROUS}`,
      });
    }
    return findings;
  },
};
