/**
 * Runs a runbook's typed steps against the simulated world, as its script would: each step's effect,
 * then the controllers tick (5 s each) until the next step; a `wait` ticks until its condition holds
 * or its timeout. The result names the step that failed and every invariant violated on the way.
 */
import { objectKey } from '../../../lib/k8s/manifest';
import type { AisNodeRef, Condition, Lookup, Runbook, Step } from '../../../lib/review/runbook/steps';
import * as ais from './ais';
import { argoController, healthy, startSync, statefulSetHealthy, synced } from './argocd';
import { checkTick } from './invariants';
import { claimsController, deletePod, disruptionsAllowed, evict, kubelet, podsOfSet, roleOf, scheduler, statefulSetController } from './k8s';
import { operatorController } from './operator';
import { gitPolicies } from './from-output';
import { Event, TICK, World, VIOLATIONS } from './world';
import { compareNames } from '../../../lib/k8s/name-order';

/** How long a wait may take in the simulator at most (its timeout is longer: real rebalances take hours). */
const MAX_WAIT_TICKS = 720;

export class StepFailure extends Error {
  constructor(readonly step: string, message: string) {
    super(message);
  }
}

/** One tick of every controller, then the per-tick invariants. */
export function tick(world: World): void {
  world.tick++;
  statefulSetController(world);
  scheduler(world);
  kubelet(world);
  claimsController(world);
  ais.aisController(world);
  if (world.mode === 'operator') operatorController(world);
  argoController(world);
  checkTick(world);
}

/** Ticks until `done` or `limit` ticks passed; whether it got done. */
export function runUntil(world: World, done: () => boolean, limit: number): boolean {
  for (let i = 0; i <= limit; i++) {
    if (done()) return true;
    tick(world);
  }
  return done();
}

/** Variables of a run, as the script's shell has them. */
export type Env = Record<string, string>;

const value = (env: Env, name: string | { var: string }): string => {
  if (typeof name !== 'string') return env[name.var] ?? '';
  return name.replace(/\$\{([A-Z][A-Z0-9_]*)\}/g, (_, v: string) => env[v] ?? '');
};

/** The cluster-map entry a reference names (by its pod's DNS name in the intra-control hostname). */
function entry(world: World, env: Env, ref: AisNodeRef) {
  const pod = value(env, ref.pod);
  const nodes = Object.values(world.ais.cluster?.nodes ?? {}).filter((n) => n.pod === pod)
    .filter((n) => ref.state === undefined || (n.flags.includes('maint') || n.flags.includes('decomm')) === (ref.state === 'maintenance'))
    .sort((a, b) => compareNames(a.id, b.id));
  return nodes[0];
}

/** A tiny JSONPath for the fields the runbooks fingerprint: `{.a.b}`, escaped dots, `[?(@.k=="v")]` filters. */
export function jsonPath(object: unknown, path: string): string {
  const inner = path.replace(/^\{|\}$/g, '');
  const tokens: string[] = [];
  let current = '';
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === '\\' && inner[i + 1] === '.') {
      current += '.';
      i++;
    } else if (c === '.') {
      if (current) tokens.push(current);
      current = '';
    } else if (c === '[') {
      if (current) tokens.push(current);
      const end = inner.indexOf(']', i);
      tokens.push(inner.slice(i, end + 1));
      current = '';
      i = end;
    } else current += c;
  }
  if (current) tokens.push(current);
  let values: unknown[] = [object];
  for (const token of tokens) {
    const filter = /^\[\?\(@\.(\w+)=="([^"]*)"\)\]$/.exec(token);
    values = values.flatMap((v: any) => {
      if (v === undefined || v === null) return [];
      if (filter) return (Array.isArray(v) ? v : []).filter((item: any) => item?.[filter[1]] === filter[2]);
      return [v[token]];
    }).filter((v) => v !== undefined);
  }
  return values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(' ');
}

function liveObject(world: World, resource: string, namespace: string | undefined): unknown {
  const [kind, name] = resource.split('/');
  if (kind === 'statefulset') {
    const sts = world.statefulSets[name];
    return sts && { metadata: { name }, spec: sts.spec, status: { updateRevision: sts.updateRevision } };
  }
  if (kind === 'clusterissuer' || kind === 'issuer') return { status: { conditions: [{ type: 'Ready', status: 'True' }] } };
  if (kind === 'pv') return world.volumes[name];
  if (kind === 'pvc') return world.claims[name];
  return Object.values(world.live).find((m) => m.kind.toLowerCase() === kind && m.metadata.name === name && (!namespace || !m.metadata.namespace || m.metadata.namespace === namespace));
}

const configValue = (config: Record<string, unknown>, key: string): string => {
  const v = key.split('.').reduce<any>((o, k) => (o && typeof o === 'object' ? o[k] : undefined), config);
  return v === undefined ? 'null' : typeof v === 'string' ? v : JSON.stringify(v);
};

/** The new output's cluster config (the types of its values are the fields' types). */
function newClusterConfig(world: World): Record<string, unknown> {
  const cm = world.outputs.new.find((m) => m.kind === 'ConfigMap' && m.metadata.name.endsWith('-global-cm'));
  return cm ? JSON.parse(cm.data['ais.json']) : world.outputs.new.find((m) => m.kind === 'AIStore')?.spec?.configToUpdate ?? {};
}

/** Whether a condition holds now. */
export function holds(world: World, env: Env, condition: Condition): boolean {
  const pod = (p: string | { var: string }) => world.pods[value(env, p)];
  switch (condition.kind) {
    case 'podReady': return !!pod(condition.pod)?.ready;
    case 'podStarted': return !!pod(condition.pod)?.started;
    case 'podOnNode': return pod(condition.pod)?.node === value(env, condition.node);
    case 'podUpdated': {
      const p = pod(condition.pod);
      return !!p && world.statefulSets[p.set]?.updateRevision === p.revision;
    }
    case 'podAbsent': return !pod(condition.pod);
    case 'statefulSetReady': return statefulSetHealthy(world, condition.name)
      && podsOfSet(world, condition.name).filter((p) => p.ordinal < (world.statefulSets[condition.name].spec.replicas ?? 1)).every((p) => p.revision === world.statefulSets[condition.name].updateRevision);
    case 'nodeLabels': {
      const node = world.nodes[value(env, condition.node)];
      return !!node && Object.entries(condition.labels).every(([k, v]) => (v === null ? node.labels[k] === undefined : node.labels[k] === v));
    }
    case 'liveField': return jsonPath(liveObject(world, condition.resource, condition.namespace), condition.jsonPath) === condition.value;
    case 'objectAbsent': return !liveObject(world, condition.resource, condition.namespace);
    case 'pdbAllows': return disruptionsAllowed(world, condition.name) >= condition.count;
    case 'aisPresent': return !!entry(world, env, condition.node);
    case 'aisAbsent': return !entry(world, env, condition.node);
    case 'aisFlags': {
      const e = entry(world, env, condition.node);
      if (!e) return false;
      if (condition.flags === 'none') return !e.flags.some((f) => f === 'maint' || f === 'decomm' || f === 'postReb');
      if (condition.flags === 'maintenance') return e.flags.includes('maint');
      return e.flags.includes('postReb');
    }
    case 'aisHealthy': {
      const nodes = Object.values(world.ais.cluster?.nodes ?? {});
      return nodes.filter((n) => n.role === 'proxy').length === condition.proxies && nodes.filter((n) => n.role === 'target').length === condition.targets
        && nodes.every((n) => !n.flags.some((f) => f === 'maint' || f === 'decomm' || f === 'postReb'));
    }
    case 'aisCount': return Object.values(world.ais.cluster?.nodes ?? {}).filter((n) => n.role === condition.role).length >= condition.atLeast;
    case 'primaryNotIn': {
      const primary = world.ais.cluster?.nodes[world.ais.cluster?.primary ?? ''];
      return !condition.pods.map((p) => value(env, p)).includes(primary?.pod ?? '');
    }
    case 'primaryReachable': return ais.requirePrimary(world) === undefined;
    case 'noRebalance': return !world.ais.rebalance;
    case 'mountpaths': {
      const e = entry(world, env, condition.node);
      const proc = Object.values(world.ais.procs).find((p) => p.id === e?.id && ais.listening(p));
      if (!proc || world.ais.resilver[proc.id!]?.detach) return false;
      return JSON.stringify(ais.mountpathsOf(world, proc)) === JSON.stringify([...condition.paths].sort());
    }
    case 'clusterConfig': return configValue(world.ais.config, condition.key) === condition.value;
    case 'argoAutomated': return !!world.apps[value(env, condition.app)] && !!world.apps[value(env, condition.app)].automated === condition.automated;
    case 'argoSyncedHealthy': {
      const app = world.apps[value(env, condition.app)];
      return !!app && synced(world, app) && healthy(world);
    }
    case 'hostPath': {
      const host = world.hosts[value(env, condition.node)];
      const disk = host?.disks[condition.path];
      if (condition.test === 'mounted') return !!disk?.mounted;
      if (condition.test === 'directory') return !!disk || Object.keys(host?.stateDirs ?? {}).some((k) => k === condition.path || k.startsWith(`${condition.path}/`));
      return !!disk && !disk.vmd && !disk.xattrId;
    }
    case 'not': return !holds(world, env, condition.condition);
    case 'all': return condition.conditions.every((c) => holds(world, env, c));
  }
}

function lookup(world: World, env: Env, l: Lookup): string {
  switch (l.kind) {
    case 'podOnNode': return Object.values(world.pods).filter((p) => p.node === l.node && roleOf(p.template) === l.role).map((p) => p.name).sort()[0] ?? '';
    case 'primaryPod': return world.ais.cluster?.nodes[world.ais.cluster.primary ?? '']?.pod ?? '';
    case 'proxyNotIn': {
      const excluded = l.pods.map((p) => value(env, p));
      return Object.values(world.pods).filter((p) => roleOf(p.template) === 'proxy' && p.ready && !excluded.includes(p.name))
        .filter((p) => Object.values(world.ais.cluster?.nodes ?? {}).some((n) => n.pod === p.name && !n.flags.includes('nonElectable') && !n.flags.includes('maint')))
        .map((p) => p.name).sort()[0] ?? '';
    }
    case 'nodeOfPod': return world.pods[value(env, l.pod)]?.node ?? '';
  }
}

/** A host prepared by a person per the new output: disks of its mountpaths mounted (fresh), the kubelet allows the pods' sysctls. */
export type HostPreparer = (world: World, node: string) => void;

/** Deletes by resource kind (kubectl delete); `wait` ticks until the objects are gone (finalizers). */
function kubectlDelete(world: World, resource: string, names: string[], waitGone: boolean): string | undefined {
  for (const name of names) {
    if (resource === 'pod') deletePod(world, name);
    else if (resource === 'pvc') {
      const claim = world.claims[name];
      if (claim) claim.deleting = true;
    } else if (resource === 'pv') {
      const volume = world.volumes[name];
      if (volume) volume.deleting = true;
    } else if (resource === 'aistore') {
      for (const key of Object.keys(world.live)) if (world.live[key].kind === 'AIStore' && world.live[key].metadata.name === name) delete world.live[key];
    } else return `kubectl delete ${resource}: not modelled`;
  }
  claimsController(world);
  if (!waitGone) return undefined;
  const gone = () => names.every((n) => (resource === 'pvc' ? !world.claims[n] : resource === 'pv' ? !world.volumes[n] : true));
  return runUntil(world, gone, 360) ? undefined : `kubectl delete ${resource} ${names.join(' ')}: timed out waiting for the deletion`;
}

function execute(world: World, env: Env, step: Step, prepare: HostPreparer): void {
  const fail = (message: string): never => {
    throw new StepFailure(step.id, message);
  };
  if (step.when && !holds(world, env, step.when)) return;
  switch (step.kind) {
    case 'check':
      if (!holds(world, env, step.condition)) fail(step.failMessage);
      return;
    case 'resolve': {
      const found = lookup(world, env, step.lookup);
      if (!found) fail(`nothing found: ${step.title}`);
      env[step.variable] = found;
      return;
    }
    case 'wait': {
      const limit = Math.min(Math.ceil(step.timeoutSeconds / TICK), MAX_WAIT_TICKS);
      if (!runUntil(world, () => holds(world, env, step.condition), limit)) fail(`timed out waiting for: ${step.title}`);
      return;
    }
    case 'manual':
      if (step.action === 'merge') {
        world.git = 'new';
        const policies = gitPolicies(world.outputs.new);
        for (const app of Object.values(world.apps)) if (policies.has(app.name)) app.gitAutomated = policies.get(app.name);
      }
      else if (step.node) prepare(world, value(env, step.node));
      return;
    case 'forEach':
      for (const item of step.items) {
        env[step.variable] = item;
        if (step.unless && holds(world, env, step.unless)) continue;
        for (const inner of step.body) {
          execute(world, env, inner, prepare);
          tick(world);
        }
      }
      return;
    case 'command':
      fail('a command outside the AIS model: the simulator cannot run it');
      return;
    case 'kubectl': {
      const a = step.action;
      switch (a.verb) {
        case 'deletePod': deletePod(world, value(env, a.pod)); return;
        case 'label': Object.assign(world.nodes[value(env, a.node)]?.labels ?? {}, a.labels); return;
        case 'unlabel': for (const key of a.keys) delete world.nodes[value(env, a.node)]?.labels[key]; return;
        case 'cordon': world.nodes[value(env, a.node)].unschedulable = true; return;
        case 'uncordon': world.nodes[value(env, a.node)].unschedulable = false; return;
        case 'drain': {
          const node = value(env, a.node);
          world.nodes[node].unschedulable = true;
          const drained = runUntil(world, () => {
            for (const pod of Object.values(world.pods).filter((p) => p.node === node)) evict(world, pod);
            return !Object.values(world.pods).some((p) => p.node === node);
          }, 360);
          if (!drained) fail(`kubectl drain ${node}: timed out (the PodDisruptionBudget allows no eviction)`);
          return;
        }
        case 'delete': {
          const error = kubectlDelete(world, a.resource, a.names.map((n) => value(env, n)), a.wait !== false);
          if (error) fail(error);
          return;
        }
        case 'deleteVolumesOf': {
          const claims = a.claims.map((c) => value(env, c));
          const names = Object.values(world.volumes).filter((v) => v.claim && claims.includes(v.claim)).map((v) => v.name);
          const error = kubectlDelete(world, 'pv', names, true);
          if (error) fail(error);
          return;
        }
        case 'releaseVolumesOf': {
          const claims = a.claims.map((c) => value(env, c));
          for (const v of Object.values(world.volumes)) {
            if (v.claim && claims.includes(v.claim) && v.phase === 'Released') Object.assign(v, { phase: 'Available', claim: undefined });
          }
          return;
        }
        case 'untrack':
          for (const name of a.names) {
            const kind = a.resource === 'node' ? 'Node' : a.resource === 'namespace' ? 'Namespace' : a.resource;
            world.tracked = world.tracked.filter((k) => k !== `${kind} ${a.namespace ? `${a.namespace}/` : ''}${name}`);
          }
          return;
        case 'orphanStatefulSet':
          delete world.statefulSets[a.name];
          return;
      }
      return;
    }
    case 'ais': {
      const a = step.action;
      const noPrimary = ais.requirePrimary(world);
      if (noPrimary && a.verb !== 'backupMetadata') fail(noPrimary);
      const id = (ref: AisNodeRef) => entry(world, env, ref)?.id ?? fail(`no AIS node of pod ${value(env, ref.pod)}${ref.state ? ` (${ref.state})` : ''} in the cluster map`);
      let error: string | undefined;
      switch (a.verb) {
        case 'startMaintenance': error = ais.rmNode(world, id(a.node), 'maintenance', a.rebalance, false); break;
        case 'stopMaintenance': error = ais.stopMaintenance(world, id(a.node), a.rebalance); break;
        case 'decommission': error = ais.rmNode(world, id(a.node), 'decommission', true, a.rmUserData); break;
        case 'setPrimary': error = ais.setPrimary(world, id(a.node)); break;
        case 'attachMountpath': error = ais.mountpath(world, id(a.node), a.path, true); break;
        case 'detachMountpath': error = ais.mountpath(world, id(a.node), a.path, false); break;
        case 'configCluster': {
          const bad = a.values.find(([k]) => k === 'backend' || k.startsWith('backend.'));
          if (bad) error = `invalid property name "${bad[0]}"`;
          else {
            const update: Record<string, unknown> = {};
            for (const [key, v] of a.values) {
              const parts = key.split('.');
              let target: any = update;
              for (const part of parts.slice(0, -1)) target = target[part] ??= {};
              // the CLI converts a value to the type of its config field (cmd/cli/cli/config_hdlr.go → cmn.IterFields)
              let parsed: unknown = v;
              const field = key.split('.').reduce<any>((o, k) => (o && typeof o === 'object' ? o[k] : undefined), { ...newClusterConfig(world), ...world.ais.config });
              if (typeof field !== 'string') {
                try {
                  parsed = JSON.parse(v);
                } catch { /* a string */ }
              }
              target[parts[parts.length - 1]] = parsed;
            }
            ais.setConfig(world, update);
          }
          break;
        }
        case 'setConfigJson': ais.setConfig(world, structuredClone(a.value) as Record<string, unknown>); break;
        case 'enableBackend': break;
        case 'disableBackend': error = ais.disableBackend(world, a.provider); break;
        case 'decommissionCluster': ais.decommissionCluster(world, a.rmUserData); break;
        case 'backupMetadata': break;
      }
      if (error) fail(error);
      return;
    }
    case 'argocd': {
      const a = step.action;
      const app = world.apps[value(env, a.app)] ?? fail(`application ${value(env, a.app)} not found`);
      if (a.verb === 'suspend') app.automated = undefined;
      else if (a.verb === 'resume') app.automated = structuredClone(a.policy);
      else {
        const error = startSync(world, app, a.prune);
        if (error) fail(error);
        if (!a.async) {
          const done = runUntil(world, () => !!app.operation && (app.operation.applied || app.operation.error !== undefined), 360);
          if (!done) fail('argocd app sync: timed out (a wave waits for health)');
          if (app.operation?.error) fail(`argocd app sync: ${app.operation.error}`);
        }
      }
      return;
    }
    case 'host': {
      const node = value(env, step.node);
      const host = world.hosts[node] ?? fail(`no host ${node}`);
      const a = step.action;
      switch (a.verb) {
        case 'mkdirMarker':
          for (const path of a.paths) {
            const disk = host.disks[path];
            if (!disk?.mounted) fail(`mountpoint -q ${path}: not a mount point on ${node}`);
            disk.marker = true;
          }
          return;
        case 'mkdir': return;
        case 'wipeMountpath': {
          const disk = host.disks[a.path];
          if (!disk?.mounted) fail(`mountpoint -q ${a.path}: not a mount point on ${node}`);
          Object.assign(disk, { objectsOf: [], bmd: undefined, vmd: undefined, xattrId: undefined });
          return;
        }
        case 'removeStateDirs':
          for (const path of a.paths.map((p) => value(env, p))) {
            for (const key of Object.keys(host.stateDirs)) if (key === path || key.startsWith(`${path}/`)) host.stateDirs[key] = {};
          }
          return;
        case 'copyStateDir': {
          const from = value(env, a.from);
          const to = value(env, a.to);
          if (!host.stateDirs[from]) fail(`cp -a ${from}/.: no such directory on ${node}`);
          host.stateDirs[to] = { ...(host.stateDirs[to] ?? {}), ...structuredClone(host.stateDirs[from]) };
          return;
        }
        case 'backupMetadata': return;
        case 'unmount': {
          const disk = host.disks[a.path];
          if (disk) disk.mounted = false;
          return;
        }
      }
    }
  }
}

export interface RunResult {
  /** the runbook ran to its end */
  readonly completed: boolean;
  /** the step it stopped at, and why */
  readonly failure?: { step: string; message: string };
  /** invariant violations recorded while it ran */
  readonly violations: readonly Event[];
  readonly env: Env;
}

/** Runs a runbook's steps in order (or a mutated list of them). */
export function runSteps(world: World, runbook: Runbook, prepare: HostPreparer, env: Env = {}, steps: readonly Step[] = runbook.steps): RunResult {
  const start = world.events.length;
  let failure: RunResult['failure'];
  try {
    for (const step of steps) {
      execute(world, env, step, prepare);
      tick(world);
    }
  } catch (error) {
    if (!(error instanceof StepFailure)) throw error;
    failure = { step: error.step, message: error.message };
  }
  const violations = world.events.slice(start).filter((e) => VIOLATIONS.includes(e.kind));
  return { completed: failure === undefined, failure, violations, env };
}

export { objectKey };
