import { dns1123LabelProblem } from '../k8s/names';
import { Footprint, NodeLabelClaim, ObjectClaim } from '../props/footprint';
import { PropProblem, formatPath, nested, propRef, renderMessage } from '../props/problems';
import type { ArgoApplicationsProps } from './argo-applications';

/**
 * The GitOps rulebook: the rules of an app as a whole, checked before the GitOps policy is applied: the
 * Argo CD Applications' props, the release name, and the composition of the app's top-level constructs
 * (their footprints: an AIS cluster and an AuriStorFS group in one namespace, one StorageClass or PV
 * from two constructs, two values of one node label). {@link applyGitOps} runs it on the constructs of
 * the app (library); the config loader on the props the config builds (lib/from-config/check.ts).
 */

/** What the GitOps rulebook reads. */
export interface GitOpsAppCheckProps {
  /**
   * The release name: a DNS-1123 label, unless a member derives its names from it and checks it itself
   * (an AIS cluster of that name, whose limit is lower).
   * @default - the Applications' name, if any
   */
  readonly release?: string;
  /** the footprints of the app's top-level constructs (`members[i]` in the problem paths) */
  readonly members: readonly Footprint[];
  /** @default - no Argo CD Applications */
  readonly argoApplications?: ArgoApplicationsProps;
}

type Problems = PropProblem[];

/** Whether repo folder `inner` is `outer` or lies below it. */
export function isSameOrInside(inner: string, outer: string): boolean {
  if (outer === '.') return true;
  return inner === outer || inner.startsWith(`${outer}/`);
}

function checkArgoApplications(props: ArgoApplicationsProps, problems: Problems): void {
  if (props.prune && !props.automated) {
    problems.push({ path: ['prune'], message: `prune applies only to automated sync: set ${propRef('automated')}: true or remove prune` });
  }
  const { applicationsPath, path } = props;
  if (isSameOrInside(applicationsPath, path) || isSameOrInside(path, applicationsPath)) {
    problems.push({ path: ['applicationsPath'], message: `the Application manifests (${applicationsPath}) must lie outside the synced folder (${path}) `
      + 'and not contain it: an Application that syncs its own manifest manages itself' });
  }
  if (props.destinationServer !== undefined && props.destinationName !== undefined) {
    problems.push({ path: ['destinationName'], message: `the destination cluster is ${propRef('destinationServer')} or ${propRef('destinationName')}, not both` });
  }
}

/** The objects two members both emit: reported at the later claim. */
function objectClashes(members: readonly Footprint[], problems: Problems): void {
  const seen = new Map<string, { member: number; claim: ObjectClaim }>();
  members.forEach((member, index) => {
    for (const claim of member.objects) {
      const key = `${claim.kind}\0${claim.namespace ?? ''}\0${claim.name}`;
      const first = seen.get(key);
      if (!first) {
        seen.set(key, { member: index, claim });
        continue;
      }
      if (first.member === index) continue; // a member's own rulebook judges its own objects
      const other = first.claim;
      const message = claim.owner === other.owner && claim.kind !== 'Namespace' ? `${claim.kind} ${claim.name} is listed twice`
        : claim.kind === 'Namespace' ? `namespace ${claim.name} is also ${other.what}; give ${claim.owner} its own namespace`
          : `${claim.kind} ${claim.name} is also ${other.what}; rename one`;
      problems.push({ path: ['members', index, ...claim.path], message });
    }
  });
}

/** One node label key with two values from two members: reported at the claim whose key can change. */
function labelClashes(members: readonly Footprint[], problems: Problems): void {
  const seen = new Map<string, { member: number; claim: NodeLabelClaim }>();
  const reported = new Set<string>();
  members.forEach((member, index) => {
    for (const claim of member.nodeLabels) {
      const key = `${claim.node}\0${claim.key}`;
      const first = seen.get(key);
      if (!first) {
        seen.set(key, { member: index, claim });
        continue;
      }
      if (first.member === index || first.claim.value === claim.value) continue;
      const [at, atMember, other] = !first.claim.fixedKey && claim.fixedKey ? [first.claim, first.member, claim] : [claim, index, first.claim];
      const path = ['members', atMember, ...at.path];
      const once = `${formatPath(path)}\0${other.what}`;
      if (reported.has(once)) continue;
      reported.add(once);
      problems.push({ path, message: at.fixedKey
        // neither key can change: two constructs claim the node
        ? `node ${claim.node} gets ${claim.key}=${at.value} here and ${claim.key}=${other.value} as ${other.what}: a node holds one value per key, `
          + 'so it belongs to one of them'
        : `${claim.key} is also ${other.what}, and node ${claim.node} carries both: a node holds one value per key; use another key for ${at.what}` });
    }
  });
}

/** Every problem of an app: its Applications, its release name, and clashes between its members. */
export function gitOpsAppProblems(props: GitOpsAppCheckProps): PropProblem[] {
  const problems: Problems = [];
  // the release name: given, or the Applications' name
  const [release, at] = props.release !== undefined ? [props.release, ['release']] : [props.argoApplications?.name, ['argoApplications', 'name']];
  if (release !== undefined && !props.members.some((m) => m.ownsNames?.includes(release))) {
    const problem = dns1123LabelProblem(release, 'release name');
    if (problem) problems.push({ path: at, message: problem });
  }
  if (props.argoApplications) {
    const argo: Problems = [];
    checkArgoApplications(props.argoApplications, argo);
    problems.push(...nested(['argoApplications'], argo));
  }
  objectClashes(props.members, problems);
  labelClashes(props.members, problems);
  return problems;
}

/**
 * Throws one error listing every problem of the app, each at the construct whose props cause it
 * (`<construct path> (<construct>) props.<path>: <message>`).
 */
export function assertNoAppProblems(problems: readonly PropProblem[], memberPaths: readonly string[], members: readonly Footprint[]): void {
  if (problems.length === 0) return;
  const line = (p: PropProblem) => {
    const [head, index, ...rest] = p.path;
    const message = renderMessage(p.message);
    if (head !== 'members') return `  props.${formatPath(p.path)}: ${message}`;
    const at = typeof index === 'number' ? `${memberPaths[index]} (${members[index].construct})` : '';
    return `  ${at} props${rest.length ? `.${formatPath(rest)}` : ''}: ${message}`;
  };
  throw new Error(`the app's constructs do not fit together:\n${problems.map(line).join('\n')}`);
}
