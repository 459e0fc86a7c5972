/**
 * The initial world of a scenario: the old output synced by Argo CD and running, on hosts prepared as
 * PLAN.md's checklist says (the old output's nodes), with a seeded placement of pods over nodes. New
 * nodes of the new output exist but are not prepared (no disks mounted, kubelet without the sysctl
 * allow-list): preparing them is the runbook's job.
 */
import { Manifest, groupKind } from '../../../lib/k8s/manifest';
import * as ais from './ais';
import { startSync } from './argocd';
import { runUntil, tick } from './engine';
import { podsOfSet, roleOf } from './k8s';
import { App, Host, Random, World, drawDurations, hash } from './world';

export interface Scenario {
  readonly old: readonly Manifest[];
  readonly next: readonly Manifest[];
  /** Node labels from label-nodes.sh of each output (nodeLabels.output: script) */
  readonly scriptNodes?: { readonly previous?: readonly Manifest[]; readonly next?: readonly Manifest[] };
  readonly seed: number;
  /**
   * `random`: pods land by the scheduler's rules with seeded ties; `adversarial`: target ordinal 0 and
   * the primary run on `focusNode` (the node the change removes or replaces)
   */
  readonly placement: 'random' | 'adversarial';
  readonly focusNode?: string;
}

const isNode = (m: Manifest) => groupKind(m) === 'Node';

/** The nodes and labels of an output: its Node objects' and its label script's (nodeLabels.output: script or both). */
export function nodeLabels(objects: readonly Manifest[], script: readonly Manifest[] | undefined): Map<string, Record<string, string>> {
  const labels = new Map<string, Record<string, string>>();
  for (const m of [...objects.filter(isNode), ...(script ?? [])]) labels.set(m.metadata.name, { ...(labels.get(m.metadata.name) ?? {}), ...(m.metadata.labels ?? {}) });
  return labels;
}

/** The objects of an output that belong to its AIS cluster (with the Nodes and the Applications): the simulator models only those. */
export function aisObjects(objects: readonly Manifest[]): Manifest[] {
  const cluster = objects.find((m) => m.kind === 'AIStore') ?? objects.find((m) => m.kind === 'StatefulSet' && m.metadata.labels?.['app.kubernetes.io/component'] === 'target' && m.metadata.labels?.['app.kubernetes.io/part-of'] === 'aistore');
  if (!cluster) return [];
  const name = cluster.metadata.labels?.['app.kubernetes.io/name'] ?? cluster.metadata.name;
  return objects.filter((m) => isNode(m) || groupKind(m) === 'argoproj.io/Application'
    || (m.metadata.labels?.['app.kubernetes.io/name'] === name && (m.metadata.namespace === undefined || m.metadata.namespace === cluster.metadata.namespace))
    || (m.kind === 'AIStore' && m.metadata.name === name) || (m.kind === 'Namespace' && m.metadata.name === cluster.metadata.namespace));
}

/** The mountpaths an output gives its targets (target ConfigMap fspaths, or the AIStore's mounts). */
export function outputMountpaths(objects: readonly Manifest[]): string[] {
  const cm = objects.find((m) => m.kind === 'ConfigMap' && /-target$/.test(m.metadata.name) && m.data?.['ais_local.json']);
  if (cm) return Object.keys(JSON.parse(cm.data['ais_local.json']).fspaths ?? {});
  return (objects.find((m) => m.kind === 'AIStore')?.spec?.targetSpec?.mounts ?? []).map((m: any) => m.path);
}

/** The unsafe sysctls an output's pods carry. */
function outputSysctls(objects: readonly Manifest[]): string[] {
  return [...new Set(objects.filter((m) => m.kind === 'StatefulSet').flatMap((m) => (m.spec?.template?.spec?.securityContext?.sysctls ?? []).map((s: any) => s.name)))] as string[];
}

/** A person prepared a node as the new output needs it: each mountpath a mounted filesystem, the kubelet allowing the pods' sysctls. */
export function prepareHost(world: World, node: string): void {
  const host = world.hosts[node];
  if (!host) return;
  for (const path of outputMountpaths(world.outputs.new)) {
    const disk = host.disks[path] ??= { mounted: false, marker: false, objectsOf: [] };
    disk.mounted = true;
  }
  host.allowedSysctls = [...new Set([...host.allowedSysctls, ...outputSysctls(world.outputs.new)])];
}

/** The automated policy of each Application of an output (what Git says after the merge). */
export function gitPolicies(objects: readonly Manifest[]): Map<string, App['gitAutomated']> {
  return new Map(objects.filter((m) => groupKind(m) === 'argoproj.io/Application').map((m) => {
    const a = m.spec?.syncPolicy?.automated;
    return [m.metadata.name, a ? { prune: a.prune === true, selfHeal: a.selfHeal !== false } : undefined] as const;
  }));
}

/** The Applications of an output: the one that syncs the AIS objects, and its parent. */
function applications(objects: readonly Manifest[], release: string): App[] {
  const apps = objects.filter((m) => groupKind(m) === 'argoproj.io/Application');
  const policy = (m: Manifest) => {
    const a = m.spec?.syncPolicy?.automated;
    return a ? { prune: a.prune === true, selfHeal: a.selfHeal !== false } : undefined;
  };
  const child = apps.find((m) => m.metadata.name === `${release}-ais`);
  const root = apps.find((m) => m.metadata.name === release);
  const result: App[] = [];
  if (child) result.push({ name: child.metadata.name, automated: policy(child), gitAutomated: policy(child), synced: 'old', parent: root?.metadata.name, syncsAis: true });
  if (root) result.push({ name: root.metadata.name, automated: policy(root), gitAutomated: policy(root), synced: 'old', syncsAis: !child });
  if (result.length === 0) result.push({ name: 'sim-app', synced: 'old', syncsAis: true });
  return result;
}

/** The name of the Application whose sync the script's `--app` names when the output has none. */
export const DEFAULT_APP = 'sim-app';

/** Builds the world and runs the old output until it is steady: every pod Ready, the cluster formed, no rebalance. */
export function initialWorld(input: Scenario): World {
  const scenario = { ...input, old: aisObjects(input.old), next: aisObjects(input.next) };
  const random = new Random(scenario.seed);
  const aisObject = scenario.old.find((m) => m.kind === 'AIStore') ?? scenario.old.find((m) => m.kind === 'StatefulSet' && m.metadata.labels?.['app.kubernetes.io/component'] === 'target');
  if (!aisObject) throw new Error('the old output has no AIS cluster');
  const release = aisObject.metadata.labels?.['app.kubernetes.io/name'] ?? aisObject.metadata.name;
  const oldLabels = nodeLabels(scenario.old, scenario.scriptNodes?.previous);
  const newLabels = nodeLabels(scenario.next, scenario.scriptNodes?.next);
  const volumeNodes = [...scenario.old, ...scenario.next].filter((m) => m.kind === 'PersistentVolume')
    .map((m) => m.spec?.nodeAffinity?.required?.nodeSelectorTerms?.[0]?.matchExpressions?.[0]?.values?.[0]).filter(Boolean);
  const names = [...new Set([...oldLabels.keys(), ...newLabels.keys(), ...volumeNodes])].sort();
  const oldMountpaths = outputMountpaths(scenario.old);
  const hosts: Record<string, Host> = {};
  for (const name of names) {
    const prepared = oldLabels.has(name);
    hosts[name] = {
      name,
      allowedSysctls: prepared ? outputSysctls(scenario.old) : [],
      disks: prepared ? Object.fromEntries(oldMountpaths.map((p) => [p, { mounted: true, marker: true, objectsOf: [] }])) : {},
      stateDirs: {},
      images: [],
    };
  }
  const objectLabels = nodeLabels(scenario.old, []);
  const world: World = {
    tick: 0, random, outputs: { old: scenario.old, new: scenario.next }, git: 'old',
    namespace: aisObject.metadata.namespace ?? 'default', release, mode: scenario.old.some((m) => m.kind === 'AIStore') ? 'operator' : 'standalone',
    nodes: Object.fromEntries(names.map((n) => [n, { name: n, labels: { ...(oldLabels.get(n) ?? {}) }, unschedulable: false, managed: Object.keys(objectLabels.get(n) ?? {}) }])),
    hosts, statefulSets: {}, pods: {}, claims: {}, volumes: {}, live: {}, tracked: [],
    apps: Object.fromEntries(applications(scenario.old, release).map((a) => [a.name, a])),
    ais: { procs: {}, resilver: {}, config: {}, migrated: [], certRevision: hash(scenario.old.find((m) => m.kind === 'Certificate' && !m.spec?.isCA)?.spec?.issuerRef ?? 'none') },
    events: [], durations: drawDurations(random),
  };
  // seeded placement: ties between equal nodes broken by a bias per pod and node
  const bias: Record<string, number> = {};
  for (const m of scenario.old.filter((o) => o.kind === 'StatefulSet')) {
    for (let i = 0; i < (m.spec?.replicas ?? 1); i++) for (const n of names) bias[`${m.metadata.name}-${i}@${n}`] = random.next();
  }
  if (scenario.placement === 'adversarial' && scenario.focusNode) {
    const target = scenario.old.find((m) => m.kind === 'StatefulSet' && m.metadata.labels?.['app.kubernetes.io/component'] === 'target');
    if (target) bias[`${target.metadata.name}-0@${scenario.focusNode}`] = 2;
  }
  (world as { bias?: Record<string, number> }).bias = bias;
  const ais_ = world.apps[Object.keys(world.apps).find((k) => world.apps[k].syncsAis)!];
  startSync(world, ais_, false);
  const steady = () => {
    const cluster = world.ais.cluster;
    const pods = Object.values(world.pods);
    return !!cluster && pods.length > 0 && pods.every((p) => p.ready) && !world.ais.rebalance && ais_.operation?.applied === true
      && Object.values(cluster.nodes).length === pods.length;
  };
  if (!runUntil(world, steady, 600)) {
    const pods = Object.values(world.pods).map((p) => `${p.name}@${p.node ?? '-'} ${p.phase}${p.ready ? ' ready' : ''}${p.waiting ? ` (${p.waiting})` : ''}`);
    throw new Error(`the old output does not come up in the simulator:\n  ${pods.join('\n  ')}\n  events: ${world.events.map((e) => e.text).join('; ')}`);
  }
  // the primary where the adversary wants it: on the focus node, else the highest electable ordinal
  if (scenario.placement === 'adversarial') {
    const proxies = Object.values(world.pods).filter((p) => roleOf(p.template) === 'proxy');
    const onFocus = proxies.find((p) => p.node === scenario.focusNode);
    const electable = proxies.filter((p) => !p.name.includes('-primary-')).sort((a, b) => b.ordinal - a.ordinal)[0];
    const choice = onFocus ?? electable;
    const id = choice && Object.values(world.ais.cluster!.nodes).find((n) => n.pod === choice.name)?.id;
    if (id) ais.setPrimary(world, id);
  }
  for (let i = 0; i < 3; i++) tick(world);
  world.events = [];
  world.ais.migrated = [];
  for (const host of Object.values(world.hosts)) for (const disk of Object.values(host.disks)) if (disk.objectsOf.length) disk.bmd = world.ais.cluster!.uuid;
  (world as { checking?: boolean }).checking = true;
  void podsOfSet;
  return world;
}
