import { Manifest, groupKind } from '../../k8s/manifest';
import { SYNC_OPTIONS_ANNOTATION, SyncOption } from '../../argo/argo-annotations';
import { isAisClusterResource, isAisStatefulSet, aisRelease } from '../../argo/roles';
import { RESTART_HASH_ANNOTATION } from '../../ais/workloads/config-maps';
import { Condition, Runbook, Step, v } from '../runbook/steps';
import { ObjectChange, ReviewInput } from '../rules/types';
import { TIMEOUTS, appOf, check, resumeAutomation, suspendAutomation, wait } from './blocks';
import { ReleaseFacts } from './facts';

/**
 * One runbook per AIS cluster and change, made of parts (a node replaced, a mountpath added, the
 * cluster config changed...): every part's preparation and pre-merge steps, one merge, one sync,
 * then every part's post-sync steps, the rollouts, the final checks. A change has one merge, so
 * its parts share one runbook.
 */
export interface RunbookPart {
  /** names the runbook when it is the only part */
  readonly id: string;
  /** what the part does, with the names of the change */
  readonly title: string;
  /** the upstream procedure it follows */
  readonly source: string;
  /** before anything changes: preparing hosts, checks */
  readonly prepare?: readonly Step[];
  /** what must happen before the merge: maintenance, decommissions, detaching, labels */
  readonly beforeMerge?: readonly Step[];
  /** after the sync, by stage: 0 cluster config, 1 pods that move, 2 per-target work (rollouts) */
  readonly afterSync?: readonly Step[];
  readonly stage?: number;
  /** last: old node IDs decommissioned, claims and volumes deleted */
  readonly finish?: readonly Step[];
  /** the sync cannot become healthy before post-sync steps repair pods: `--async`, and a wait at the end (audit N13) */
  readonly asyncSync?: boolean;
  /** takes targets down one at a time: the disruption budget must allow one */
  readonly takesTargetsDown?: boolean;
  /** what a person cleans up afterwards */
  readonly leftovers?: readonly string[];
  /** the part restarts the targets itself (e.g. with attaches): no separate target rollout */
  readonly rollsTargets?: boolean;
  /** the part restarts the proxies itself */
  readonly rollsProxies?: boolean;
}

/** A field of a live object the runbook checks, with its value before and after the change. */
interface Fingerprint {
  readonly resource: string;
  readonly jsonPath: string;
  readonly before?: string;
  readonly after?: string;
}

const IMAGE = '{.spec.template.spec.containers[?(@.name=="ais-node")].image}';
const RESTART_HASH = `{.spec.template.metadata.annotations.${RESTART_HASH_ANNOTATION.replace(/\./g, '\\.')}}`;

/** The fields that tell the old output's StatefulSets (or AIStore) from the new one's. */
function fingerprints(release: string, previous: readonly Manifest[], next: readonly Manifest[]): Fingerprint[] {
  const objects = (manifests: readonly Manifest[]) => manifests.filter((m) => aisRelease(m) === release && (isAisStatefulSet(m) || isAisClusterResource(m)));
  const fields = (m: Manifest): Array<[string, string, string | undefined]> => {
    if (isAisClusterResource(m)) {
      return [
        [`aistore/${m.metadata.name}`, '{.spec.nodeImage}', m.spec?.nodeImage],
        [`aistore/${m.metadata.name}`, '{.spec.targetSpec.size}', m.spec?.targetSpec?.size === undefined ? undefined : String(m.spec.targetSpec.size)],
      ];
    }
    const resource = `statefulset/${m.metadata.name}`;
    return [
      [resource, '{.spec.replicas}', String(m.spec?.replicas ?? 1)],
      [resource, IMAGE, m.spec?.template?.spec?.containers?.find((c: any) => c.name === 'ais-node')?.image],
      [resource, RESTART_HASH, m.spec?.template?.metadata?.annotations?.[RESTART_HASH_ANNOTATION]],
    ];
  };
  const found = new Map<string, { resource: string; jsonPath: string; before?: string; after?: string }>();
  for (const [side, manifests] of [['before', previous], ['after', next]] as const) {
    for (const m of objects(manifests)) {
      for (const [resource, jsonPath, value] of fields(m)) {
        const key = `${resource} ${jsonPath}`;
        const entry = found.get(key) ?? { resource, jsonPath };
        entry[side] = value;
        found.set(key, entry);
      }
    }
  }
  return [...found.values()];
}

/** Objects the change removes that Argo CD deletes only with prune (everything but Prune=false). */
function needsPrune(changes: readonly ObjectChange[], release: string): boolean {
  return changes.some((c) => c.action === 'removed' && aisRelease(c.previous!) === release
    && !(c.previous!.metadata.annotations?.[SYNC_OPTIONS_ANNOTATION] ?? '').includes(SyncOption.PRUNE_FALSE));
}

/** The checks a runbook starts with: reachability, health, the old output's fingerprints, the budget, the Application. */
function preamble(before: ReleaseFacts, prints: readonly Fingerprint[], parts: readonly RunbookPart[]): Step[] {
  const steps: Step[] = [
    check('primary-reachable', 'the AIS CLI reaches the primary', { kind: 'primaryReachable' },
      'the ais CLI cannot reach the primary proxy at its own URL (the CLI sends its requests there: a pod IP): run this where the pod network is reachable, e.g. on a cluster node (audit N3)',
      { cite: ['aistore cmd/cli/cli/smap.go getClusterMap'] }),
    check('healthy', 'the cluster is healthy: every node in the map, none in maintenance, no rebalance',
      { kind: 'all', conditions: [{ kind: 'aisHealthy', proxies: before.proxies, targets: before.targets }, { kind: 'noRebalance' }] },
      `the cluster is not as the old output runs it (${before.proxies} proxies, ${before.targets} targets, none in maintenance, no rebalance): fix that first`),
  ];
  const resources = [...new Set(prints.filter((p) => p.before !== undefined).map((p) => p.resource))];
  for (const resource of resources) {
    const fields = prints.filter((p) => p.resource === resource && p.before !== undefined);
    steps.push(check(`old-${resource}`, `${resource} runs the old output`,
      { kind: 'all', conditions: fields.map((p): Condition => ({ kind: 'liveField', resource, namespace: before.namespace, jsonPath: p.jsonPath, value: p.before! })) },
      `${resource} is not as the old output has it (${fields.map((p) => `${p.jsonPath} = ${p.before}`).join(', ')}): this runbook is for the change from that output; was it synced already?`));
  }
  if (parts.some((p) => p.takesTargetsDown) && before.disruptionBudget) {
    steps.push(check('budget', `the PodDisruptionBudget ${before.disruptionBudget.name} allows a target down`, { kind: 'pdbAllows', name: before.disruptionBudget.name, count: 1 },
      `the PodDisruptionBudget ${before.disruptionBudget.name} allows no target down (maxUnavailable ${before.disruptionBudget.maxUnavailable}): raise it first`));
  }
  if (before.argo) {
    steps.push(check('argo-policy', `the Application ${before.argo.app.name} syncs as Git says`,
      { kind: 'argoAutomated', app: before.argo.app.name, automated: before.argo.app.automated !== undefined },
      `the Application ${before.argo.app.name} does not exist or its automated sync differs from Git's`));
  }
  return steps;
}

/** Rollouts the composer adds after the parts' own steps. */
export interface Rollouts {
  /** proxies restart with one handover */
  readonly proxies?: readonly Step[];
  /** targets restart one by one */
  readonly targets?: readonly Step[];
}

/** Joins the parts of one cluster's change into one runbook. */
export function composeRunbook(input: ReviewInput, before: ReleaseFacts, after: ReleaseFacts, parts: readonly RunbookPart[], rollouts: Rollouts): Runbook {
  const prints = fingerprints(before.release, input.previous, input.next);
  const app = appOf(after.argo ? after : before);
  const asyncSync = parts.some((p) => p.asyncSync);
  const prune = needsPrune(input.changes, before.release);
  const changed = prints.filter((p) => p.after !== undefined && p.before !== p.after);
  const added = after.labelsByScript ? [] : [...after.nodeLabels.keys()].filter((n) => !before.nodeLabels.has(n));
  const after_: Condition[] = [
    ...changed.map((p): Condition => ({ kind: 'liveField', resource: p.resource, namespace: after.namespace, jsonPath: p.jsonPath, value: p.after! })),
    ...added.map((node): Condition => ({ kind: 'nodeLabels', node, labels: after.nodeLabels.get(node)! })),
  ];
  const byStage = [...parts].sort((a, b) => (a.stage ?? 1) - (b.stage ?? 1));
  const steps: Step[] = [
    ...preamble(before, prints, parts),
    ...suspendAutomation(before),
    ...parts.flatMap((p) => p.prepare ?? []),
    ...parts.flatMap((p) => p.beforeMerge ?? []),
    { id: 'merge', kind: 'manual', action: 'merge', title: 'merge the change',
      text: 'Merge the commit with this output (the output folder and the files beside it) into the branch Argo CD syncs, and push it.' },
    { id: 'sync', kind: 'argocd', title: `sync ${typeof app === 'string' ? app : 'the Application'}${asyncSync ? ' (without waiting: some pods only become Ready in the steps below)' : ''}`,
      cite: ['gitops-engine pkg/sync/sync_context.go (waves wait for health)'], action: { verb: 'sync', app, prune, async: asyncSync } },
    ...(after_.length ? [wait('synced-new', 'the sync applied the new output', { kind: 'all', conditions: after_ }, TIMEOUTS.config,
      { why: 'otherwise the merge did not bring this change: merge it (the right commit) first' })] : []),
    ...byStage.flatMap((p) => p.afterSync ?? []),
    ...(rollouts.proxies ?? []),
    ...(rollouts.targets ?? []),
    ...parts.flatMap((p) => p.finish ?? []),
    wait('healthy-after', 'the cluster is healthy', { kind: 'all', conditions: [{ kind: 'aisHealthy', proxies: after.proxies, targets: after.targets }, { kind: 'noRebalance' }] }, TIMEOUTS.rebalance),
    wait('argo-synced', 'the Application is Synced and Healthy', { kind: 'argoSyncedHealthy', app }, TIMEOUTS.sync),
    ...resumeAutomation(after.argo?.app.automated ? after : { ...before, argo: undefined }),
  ];
  const unique = dedupe(steps);
  return {
    id: parts.length === 1 ? parts[0].id : 'ais-change',
    title: `${parts.map((p) => p.title).join('; ')} (AIS cluster ${before.name}, namespace ${before.namespace})`,
    source: [...new Set(parts.map((p) => p.source))].join('; '),
    scope: { namespace: before.namespace, podSelectors: before.podSelectors },
    steps: unique,
    leftovers: parts.flatMap((p) => p.leftovers ?? []),
  };
}

/** Step ids unique within the runbook (parts may repeat a block): later copies get a suffix. */
function dedupe(steps: readonly Step[]): Step[] {
  const seen = new Map<string, number>();
  return steps.map((step) => {
    const n = seen.get(step.id) ?? 0;
    seen.set(step.id, n + 1);
    return n === 0 ? step : { ...step, id: `${step.id}-${n + 1}` };
  });
}

/** Whether the object is one of the release's Node objects (labels). */
export function isNodeOf(m: Manifest): boolean {
  return groupKind(m) === 'Node';
}

/** The variable holding the pod of a role on a node. */
export const podVar = (role: 'proxy' | 'target', index: number) => v(`${role.toUpperCase()}_${index + 1}`);
