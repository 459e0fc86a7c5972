import { Manifest } from '../../k8s/manifest';
import { aisRelease, aisRole, isAisClusterResource } from '../../argo/roles';
import { describeRelease } from './ais-facts';
import { ALLOW_DANGEROUS, ReviewInput, ReviewRule } from './types';

function aisReleases(manifests: readonly Manifest[]): Set<string> {
  return new Set(manifests.filter((m) => aisRole(m) !== undefined || isAisClusterResource(m)).map((m) => aisRelease(m)!));
}

function namespaces(manifests: readonly Manifest[]): Set<string> {
  return new Set(manifests.map((m) => m.metadata.namespace).filter((ns): ns is string => ns !== undefined));
}

const minus = <T>(a: Set<T>, b: Set<T>): T[] => [...a].filter((x) => !b.has(x)).sort();

function touched(input: ReviewInput, belongs: (m: Manifest) => boolean): string[] {
  return input.changes.filter((c) => c.action !== 'updated' && belongs(c.previous ?? c.next!)).map((c) => c.key);
}

const CONSEQUENCE = 'Kubernetes objects cannot be renamed or moved: Argo CD creates a second set of objects beside the old ones. '
  + 'A new AIS cluster on the same nodes competes for the same host ports and disks (its pods stay Pending or it writes into the '
  + 'old cluster\'s mountpaths without knowing its objects), starts with empty state, and when Argo CD prunes the old objects the '
  + 'running cluster is deleted all at once';

const ACTION = 'undo the rename: the release name and the namespace are fixed for the life of a cluster. To move, deploy the new '
  + 'release beside the old one on other nodes or mountpaths and copy the data (`ais cp`), or decommission the old cluster first '
  + `(\`ais cluster decommission\`, back up what you need); then ${ALLOW_DANGEROUS}`;

/** The release (cluster) name or the namespace changed: every object is removed and another added. */
export const RELEASE_RENAMED_RULE: ReviewRule = {
  id: 'release-or-namespace-renamed',
  severity: 'dangerous',
  why: 'names prefix every object and the namespace holds them; Kubernetes cannot rename either, so a rename is a delete of '
    + 'the running cluster plus the creation of a new, empty one on the same nodes',
  check: (input) => {
    const before = aisReleases(input.previous);
    const after = aisReleases(input.next);
    const gone = minus(before, after);
    const added = minus(after, before);
    if (gone.length > 0 && added.length > 0) {
      const inRelease = (releases: string[]) => (m: Manifest) => releases.includes(aisRelease(m) ?? '');
      return [{
        rule: RELEASE_RENAMED_RULE.id,
        severity: 'dangerous',
        objects: touched(input, (m) => inRelease(gone)(m) || inRelease(added)(m)),
        title: `${gone.map(describeRelease).join(', ')} renamed to ${added.map(describeRelease).join(', ')}`,
        consequence: CONSEQUENCE,
        action: ACTION,
      }];
    }
    const goneNs = minus(namespaces(input.previous), namespaces(input.next));
    const addedNs = minus(namespaces(input.next), namespaces(input.previous));
    if (goneNs.length === 0 || addedNs.length === 0) return [];
    return [{
      rule: RELEASE_RENAMED_RULE.id,
      severity: 'dangerous',
      objects: touched(input, (m) => [...goneNs, ...addedNs].includes(m.metadata.namespace ?? '')),
      title: `namespace ${goneNs.join(', ')} renamed to ${addedNs.join(', ')}`,
      consequence: CONSEQUENCE,
      action: ACTION,
    }];
  },
};

