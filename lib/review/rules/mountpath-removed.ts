import { Manifest, describeObject, objectKey } from '../../k8s/manifest';
import { describeRelease, mountpathIndex } from './ais-facts';
import { ALLOW_DANGEROUS, Finding, ReviewRule } from './types';

/** A mountpath no longer used by the targets of a cluster that keeps running. */
export const MOUNTPATH_REMOVED_RULE: ReviewRule = {
  id: 'mountpath-removed',
  severity: 'dangerous',
  why: 'the objects (and replicas, EC slices) AIS stored on a mountpath are only reachable while it is attached: a target '
    + 'restarted without it no longer sees them, and AIS may count them as lost',
  check: (input) => {
    const before = mountpathIndex(input.previous);
    const after = mountpathIndex(input.next);
    const names = new Map<string, string>([...input.previous, ...input.next].map((m: Manifest) => [objectKey(m), describeObject(m)]));
    const findings: Finding[] = [];
    for (const [release, paths] of before) {
      const kept = after.get(release);
      if (!kept) continue; // the whole cluster went away: other rules speak of that
      for (const [path, objects] of paths) {
        if (kept.has(path)) continue;
        findings.push({
          rule: MOUNTPATH_REMOVED_RULE.id,
          severity: 'dangerous',
          objects: [...objects],
          title: `mountpath ${path} removed from the targets of ${describeRelease(release)} (${[...objects].map((k) => names.get(k)).join(', ')})`,
          consequence: `targets restarted with the new spec stop using ${path}: the objects stored there become unavailable to AIS `
            + '(lost if they had no other copy), and the cluster rebalances without them',
          action: `detach the mountpath on every target (\`ais storage mountpath detach TARGET_ID=${path}\` for each target ID of \`ais show cluster target\`; `
            + 'the runbook below has the loop), which '
            + `resilvers its objects onto the other mountpaths, and wait until the resilver is done; then ${ALLOW_DANGEROUS}`,
        });
      }
    }
    return findings;
  },
};
