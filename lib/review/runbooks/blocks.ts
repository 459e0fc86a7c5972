import { AisNodeRef, AppName, Condition, NodeName, PodName, Step, v } from '../runbook/steps';
import { ReleaseFacts, podsOf } from './facts';

/**
 * Blocks the runbooks are made of: preparing a host, restarting a target through maintenance,
 * restarting the proxies with one planned primary handover, moving the primary away from pods that
 * go. Each step cites the upstream function it relies on (aistore tag v1.4.9 unless noted).
 */

/** How long the waits of the runbooks wait (seconds): generous, a real rebalance of a full cluster takes hours. */
export const TIMEOUTS = {
  /** a pod pulled, initialised and started */
  podStart: 1800,
  /** a primary handover, a cluster-map change */
  clusterMap: 600,
  /** a global rebalance or a mountpath resilver */
  rebalance: 86400,
  /** an Argo CD sync that waits for health */
  sync: 3600,
  /** a cluster config change reaching every node */
  config: 300,
} as const;


/** A wait step. */
export function wait(id: string, title: string, condition: Condition, timeoutSeconds: number, extra: Partial<Step> = {}): Step {
  return { id, kind: 'wait', title, condition, timeoutSeconds, ...extra } as Step;
}

/** A check step. */
export function check(id: string, title: string, condition: Condition, failMessage: string, extra: Partial<Step> = {}): Step {
  return { id, kind: 'check', title, condition, failMessage, ...extra } as Step;
}

const all = (...conditions: Condition[]): Condition => (conditions.length === 1 ? conditions[0] : { kind: 'all', conditions });
const list = (items: readonly string[]) => items.join(', ');

/** The node names of a node reference as a label for step ids. */
const tag = (value: string | { var: string }) => (typeof value === 'string' ? value : value.var.toLowerCase());

/**
 * Preparing a node for AIS pods before they land there (audit N16): the disks, each mounted and
 * fresh (no AIS metadata of another cluster or target), the disk marker on each, the kubelet's
 * allowed sysctls and the state directory. Mounting and the kubelet flag are work for a person;
 * the rest runs through the host-exec template.
 */
export function hostPrep(facts: ReleaseFacts, node: string, roles: { target: boolean; proxy: boolean }, mountpaths: readonly string[] = facts.mountpaths): Step[] {
  const steps: Step[] = [];
  const needs: string[] = [];
  if (roles.target && mountpaths.length) {
    needs.push(`one filesystem per mountpath mounted at ${mountpaths.join(', ')} by UUID= or /dev/disk/by-id/ in /etc/fstab (device names like /dev/sdb can change at reboot)`);
  }
  if (facts.podSysctls.length) needs.push(`kubelet started with --allowed-unsafe-sysctls=${facts.podSysctls.join(',')} (else kubelet refuses the AIS pods: SysctlForbidden)`);
  if (needs.length) {
    steps.push({
      id: `prepare-${node}`, kind: 'manual', action: 'work', node, title: `prepare ${node} for AIS`,
      text: `On ${node}: ${needs.join('; ')}. PLAN.md's host preparation checklist has the details.`,
      why: 'a target whose mountpath is not its own filesystem writes to the root disk; kubelet rejects pods whose sysctls it does not allow',
    });
  }
  if (roles.target && mountpaths.length) {
    steps.push(check(`mounted-${node}`, `the mountpaths are mounted filesystems on ${node}`,
      all(...mountpaths.map((path): Condition => ({ kind: 'hostPath', node, path, test: 'mounted' }))),
      `a mountpath of ${list(mountpaths)} is not a mounted filesystem on ${node}: mount each first (by UUID)`));
    steps.push(check(`fresh-${node}`, `the mountpaths on ${node} hold no AIS metadata`,
      all(...mountpaths.map((path): Condition => ({ kind: 'hostPath', node, path, test: 'fresh' }))),
      `a mountpath on ${node} holds AIS metadata (.ais.vmd or a node ID): a target would start with another target's identity or objects; wipe it first`,
      { cite: ['aistore ais/target.go initTID', 'volume/vinit.go Init'] }));
    if (facts.diskMarker) {
      steps.push({
        id: `marker-${node}`, kind: 'host', node, title: `create the disk marker ${facts.diskMarker} on each mountpath of ${node}`,
        why: 'the target pod mounts it as a hostPath of type Directory and does not start without it',
        action: { verb: 'mkdirMarker', paths: mountpaths, marker: facts.diskMarker },
      });
    }
  }
  const dirs = [roles.proxy ? facts.stateDirs.proxy : undefined, roles.target ? facts.stateDirs.target : undefined].filter((d) => d !== undefined);
  for (const dir of dirs.filter((d, i) => dirs.findIndex((e) => e!.path === d!.path) === i)) {
    steps.push({ id: `state-${node}-${dir!.path}`, kind: 'host', node, title: `create the AIS state directory ${dir!.path} on ${node}`, action: { verb: 'mkdir', path: dir!.path } });
  }
  return steps;
}

/** The variable naming a pod in a forEach over pods. */
export const POD = v('POD');

/**
 * Restarts one target through maintenance, as the AIS operator does (ais-k8s target_controllers.go
 * `prepareTargetForRollout`): in maintenance the primary keeps it in the map while it is away
 * (`ais/kalive.go`) and routes no data to it; restarted, it rejoins still in maintenance and is not
 * Ready (`ais/htrun.go` `isReady`), so stop-maintenance takes it back once it started
 * (`ais/prxclu.go` `stopMaintenance` accepts a node answering 503).
 */
export function rollTarget(facts: ReleaseFacts, pod: PodName, after: readonly Step[] = []): Step[] {
  const node: AisNodeRef = { pod };
  return [
    wait('healthy-before', 'the cluster is healthy', all({ kind: 'podReady', pod }, { kind: 'aisFlags', node, flags: 'none' }, { kind: 'noRebalance' }), TIMEOUTS.rebalance),
    { id: 'start-maintenance', kind: 'ais', title: 'put the target in maintenance (no rebalance)', action: { verb: 'startMaintenance', node, rebalance: false },
      cite: ['aistore ais/prxclu.go rmNode', 'ais/kalive.go'] },
    { id: 'delete-pod', kind: 'kubectl', title: 'delete the pod (the StatefulSet recreates it from the new template)', action: { verb: 'deletePod', namespace: facts.namespace, pod } },
    wait('started', 'the target started (in maintenance, so not Ready)', all({ kind: 'podStarted', pod }, { kind: 'podUpdated', pod }), TIMEOUTS.podStart),
    { id: 'stop-maintenance', kind: 'ais', title: 'take the target out of maintenance', action: { verb: 'stopMaintenance', node, rebalance: true },
      cite: ['aistore ais/prxclu.go stopMaintenance', 'ais/htrun.go isReady'] },
    wait('ready', 'the target is Ready and active, no rebalance runs', all({ kind: 'podReady', pod }, { kind: 'aisFlags', node, flags: 'none' }, { kind: 'noRebalance' }), TIMEOUTS.rebalance),
    ...after,
  ];
}

/**
 * Restarts every target, one at a time, skipping those already at the StatefulSet's update revision
 * (resumable); `forced`: every one (a config change that needs a restart leaves the template as it is).
 */
export function rollTargets(facts: ReleaseFacts, title: string, after: readonly Step[] = [], pods = podsOf(facts, 'target'), forced = false): Step {
  return {
    id: 'roll-targets', kind: 'forEach', title, variable: POD.var, items: pods,
    unless: forced ? undefined : all({ kind: 'podUpdated', pod: POD }, ...after.filter((s) => s.kind === 'wait').map((s) => (s as { condition: Condition }).condition)),
    body: rollTarget(facts, POD, after),
  };
}

/**
 * Moves the primary out of `pods` when it is among them: `set-primary` to a Ready electable proxy
 * elsewhere (`ais/psetforce.go` `cluSetPrimary`), a planned handover instead of an election when
 * the primary's pod goes (`ais/vote.go` `onPrimaryDown`).
 */
export function movePrimaryAway(id: string, pods: readonly PodName[], variable: string): Step[] {
  const inSet: Condition = { kind: 'not', condition: { kind: 'primaryNotIn', pods } };
  return [
    { id: `${id}-find`, kind: 'resolve', title: 'find a Ready proxy to hand the primary role to', variable, lookup: { kind: 'proxyNotIn', pods }, when: inSet },
    { id: `${id}-set`, kind: 'ais', title: 'hand the primary role over', when: inSet, action: { verb: 'setPrimary', node: { pod: v(variable) } },
      cite: ['aistore ais/psetforce.go cluSetPrimary'] },
    wait(`${id}-moved`, 'the primary runs elsewhere', { kind: 'primaryNotIn', pods }, TIMEOUTS.clusterMap),
  ];
}

/**
 * Restarts every proxy with one planned handover: the others first, one at a time, then the primary
 * role moves to a restarted proxy and the old primary restarts last (the AIS operator's order:
 * ais-k8s proxy_controller.go `handleProxyRollout`, `setPrimaryTo`). No election.
 */
export function rollProxies(facts: ReleaseFacts, forced = false): Step[] {
  const pods = podsOf(facts, 'proxy');
  if (pods.length === 1) {
    const only = pods[0];
    return [
      { id: 'restart-proxy', kind: 'kubectl', title: `restart the only proxy, ${only}`, when: forced ? undefined : { kind: 'not', condition: { kind: 'podUpdated', pod: only } },
        why: 'with one proxy there is no handover: the control plane pauses until it is back (it keeps its node ID and the cluster map)',
        action: { verb: 'deletePod', namespace: facts.namespace, pod: only } },
      wait('proxy-back', 'it is back', all({ kind: 'podReady', pod: only }, { kind: 'podUpdated', pod: only }, { kind: 'aisPresent', node: { pod: only } }), TIMEOUTS.podStart),
    ];
  }
  const PRIMARY = v('PRIMARY_POD');
  const notPrimary: Condition = { kind: 'primaryNotIn', pods: [POD] };
  const stale: Condition = forced ? { kind: 'podReady', pod: PRIMARY } : { kind: 'not', condition: { kind: 'podUpdated', pod: PRIMARY } };
  return [
    {
      id: 'roll-proxies', kind: 'forEach', title: 'restart the proxies but the primary, one at a time', variable: POD.var, items: pods,
      unless: forced ? undefined : { kind: 'podUpdated', pod: POD },
      body: [
        { id: 'delete-proxy', kind: 'kubectl', title: 'delete the pod unless it runs the primary', when: notPrimary,
          action: { verb: 'deletePod', namespace: facts.namespace, pod: POD } },
        wait('proxy-ready', 'the proxy is back', all({ kind: 'podReady', pod: POD }, { kind: 'podUpdated', pod: POD }, { kind: 'aisPresent', node: { pod: POD } }),
          TIMEOUTS.podStart, { when: notPrimary }),
      ],
    },
    { id: 'find-primary', kind: 'resolve', title: 'find the pod running the primary', variable: PRIMARY.var, lookup: { kind: 'primaryPod' } },
    ...movePrimaryAway('handover', [PRIMARY], 'NEXT_PRIMARY_POD').map((step) => ({ ...step, when: step.when ? all(stale, step.when) : stale }) as Step),
    { id: 'delete-old-primary', kind: 'kubectl', title: 'delete the old primary\'s pod', when: stale, action: { verb: 'deletePod', namespace: facts.namespace, pod: PRIMARY } },
    wait('old-primary-back', 'it is back as a proxy, on the new template', all({ kind: 'podReady', pod: PRIMARY }, { kind: 'podUpdated', pod: PRIMARY }, { kind: 'aisPresent', node: { pod: PRIMARY } }), TIMEOUTS.podStart),
  ];
}

/** Steps that name an Application: the automated suspension, applied to parent then child. */
export function suspendAutomation(facts: ReleaseFacts): Step[] {
  const argo = facts.argo;
  if (!argo?.app.automated) return [];
  const apps = [argo.parent, argo.app].filter((a) => a?.automated) as Array<{ name: string }>;
  return apps.flatMap((app): Step[] => [
    { id: `suspend-${app.name}`, kind: 'argocd', title: `suspend automated sync of ${app.name}`,
      why: 'self-heal would undo the steps before the merge, and an automated sync would apply the change before the cluster is ready for it (audit N11)',
      cite: ['argo-cd controller/appcontroller.go autoSync, shouldSelfHeal'], action: { verb: 'suspend', app: app.name } },
    check(`suspended-${app.name}`, `${app.name} no longer syncs automatically`, { kind: 'argoAutomated', app: app.name, automated: false },
      `${app.name} still syncs automatically: is it managed by another Application whose self-heal restores it? Suspend that one first`),
  ]);
}

/** Restores automated sync as Git has it, child first (the parent's self-heal would restore the child anyway). */
export function resumeAutomation(facts: ReleaseFacts): Step[] {
  const argo = facts.argo;
  if (!argo?.app.automated) return [];
  const apps = [argo.app, argo.parent].filter((a) => a?.automated) as Array<{ name: string; automated: { prune: boolean; selfHeal: boolean } }>;
  return apps.map((app): Step => ({
    id: `resume-${app.name}`, kind: 'argocd', title: `resume automated sync of ${app.name} as Git has it`, action: { verb: 'resume', app: app.name, policy: app.automated },
  }));
}

/** The Application the runbook syncs: from the output, else the script's `--app`. */
export function appOf(facts: ReleaseFacts): AppName {
  return facts.argo?.app.name ?? v('ARGO_APP');
}

/** A condition on a node referenced by name or variable, for step ids. */
export const nodeTag = (node: NodeName) => tag(node);
