/**
 * Kubernetes 1.28, as far as the runbooks touch it: the StatefulSet controller, the scheduler, the
 * kubelet (volumes, sysctls, startup probes), local volumes, PodDisruptionBudgets and evictions, and
 * server-side apply of Node labels. Each rule cites the function it models.
 */
import { World, Pod, StatefulSet, Claim, frozenCopy, hash, jsonOf, note, TICK } from './world';
import { compareNames } from '../../../lib/k8s/name-order';

const COMPONENT = 'app.kubernetes.io/component';

/** The aisnode container of a pod template. */
export function aisContainer(template: any): any {
  return (template?.spec?.containers ?? []).find((c: any) => c.name === 'ais-node') ?? template?.spec?.containers?.[0] ?? {};
}

/** The role of a pod template. */
export function roleOf(template: any): 'proxy' | 'target' {
  return template?.metadata?.labels?.[COMPONENT] === 'proxy' ? 'proxy' : 'target';
}

/**
 * A template's revision: what the StatefulSet controller hashes into `controller-revision-hash`
 * (pkg/controller/history: the template). `-ntargets` is normalised out when asked (read only by a
 * primary that starts a cluster: aistore ais/earlystart.go primaryStartup).
 */
export function revisionOf(template: any): string {
  return hash(template);
}

/** A template without -ntargets, for comparing proxies' templates. */
export function withoutTargetCount(template: any): any {
  const copy = structuredClone(template ?? {});
  for (const c of copy.spec?.containers ?? []) if (Array.isArray(c.args)) c.args = c.args.filter((a: string) => !a.startsWith('-ntargets='));
  return copy;
}

/** Applies a StatefulSet manifest (create or update); returns an error for immutable fields (apps/v1 validation). */
export function applyStatefulSet(world: World, manifest: any): string | undefined {
  const name = manifest.metadata.name;
  const live = world.statefulSets[name];
  if (live) {
    for (const field of ['volumeClaimTemplates', 'selector', 'serviceName', 'podManagementPolicy']) {
      if (JSON.stringify(live.spec[field] ?? null) !== JSON.stringify(manifest.spec?.[field] ?? null)) {
        return `StatefulSet.apps "${name}" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden (${field})`;
      }
    }
    if (jsonOf(live.spec) === jsonOf(manifest.spec)) return undefined;
    live.spec = frozenCopy(manifest.spec);
    live.generation++;
    live.updateRevision = revisionOf(live.spec.template);
    return undefined;
  }
  world.statefulSets[name] = { name, spec: frozenCopy(manifest.spec), generation: 1, observedGeneration: 0, updateRevision: revisionOf(manifest.spec.template) };
  return undefined;
}

/** Pods a StatefulSet owns: `<set>-<ordinal>` (adopted by name and selector after an orphaning delete). */
export function podsOfSet(world: World, set: string): Pod[] {
  return Object.values(world.pods).filter((p) => p.set === set).sort((a, b) => a.ordinal - b.ordinal);
}

function newPod(world: World, sts: StatefulSet, ordinal: number): Pod {
  // the spec is deep-frozen (applyStatefulSet): the pod keeps the template it was created from without a copy
  const template = sts.spec.template;
  const name = `${sts.name}-${ordinal}`;
  return {
    name, set: sts.name, ordinal, template, revision: revisionOf(template), phase: 'Pending', started: false, ready: false, restarts: 0,
    claims: (sts.spec.volumeClaimTemplates ?? []).map((t: any) => `${t.metadata.name}-${name}`),
    initialConfig: clusterConfigMap(world), fspaths: targetFspaths(world),
  };
}

/** The cluster config ais-init renders into the pod (the live `<name>-global-cm`, `ais.json`). */
export function clusterConfigMap(world: World): Record<string, unknown> {
  const cm = Object.values(world.live).find((m) => m.kind === 'ConfigMap' && m.metadata.name.endsWith('-global-cm'));
  try {
    return JSON.parse(cm?.data?.['ais.json'] ?? '{}');
  } catch {
    return {};
  }
}

/** The target local config's fspaths (the live `<name>-target` ConfigMap). */
function targetFspaths(world: World): string[] {
  const cm = Object.values(world.live).find((m) => m.kind === 'ConfigMap' && /-target$/.test(m.metadata.name) && m.data?.['ais_local.json']);
  try {
    return Object.keys(JSON.parse(cm?.data?.['ais_local.json'] ?? '{}').fspaths ?? {});
  } catch {
    return [];
  }
}

/**
 * The StatefulSet controller (pkg/controller/statefulset/stateful_set_control.go `updateStatefulSet`):
 * creates missing ordinals (Parallel: all at once) from the current template, creates the claims of
 * their templates, deletes ordinals ≥ replicas; OnDelete never replaces a pod; RollingUpdate deletes
 * the highest non-updated ordinal ≥ partition once every pod is Running and Ready.
 */
export function statefulSetController(world: World): void {
  for (const sts of Object.values(world.statefulSets)) {
    sts.observedGeneration = sts.generation;
    const replicas = sts.spec.replicas ?? 1;
    const pods = podsOfSet(world, sts.name);
    for (const pod of pods) if (pod.ordinal >= replicas) deletePod(world, pod.name);
    for (let i = 0; i < replicas; i++) {
      const name = `${sts.name}-${i}`;
      const pod = world.pods[name] ?? newPod(world, sts, i);
      world.pods[name] = pod;
      // claims of a pod not yet scheduled are (re)created from the templates (stateful_set_control.go createPersistentVolumeClaims)
      if (pod.node) continue;
      for (const claim of pod.claims) {
        if (world.claims[claim]) continue;
        const template = (sts.spec.volumeClaimTemplates ?? []).find((t: any) => claim.startsWith(`${t.metadata.name}-`));
        if (!template) continue;
        world.claims[claim] = { name: claim, template: template.metadata.name, selector: template.spec?.selector?.matchLabels ?? {}, deleting: false };
      }
    }
    const strategy = sts.spec.updateStrategy?.type ?? 'RollingUpdate';
    if (strategy === 'RollingUpdate') {
      const current = podsOfSet(world, sts.name).filter((p) => p.ordinal < replicas);
      if (current.some((p) => !p.ready)) continue;
      const partition = sts.spec.updateStrategy?.rollingUpdate?.partition ?? 0;
      const stale = current.filter((p) => p.ordinal >= partition && p.revision !== sts.updateRevision).sort((a, b) => b.ordinal - a.ordinal)[0];
      if (stale) deletePod(world, stale.name);
    }
  }
}

/** Deletes a pod (graceful deletion: the process stops). */
export function deletePod(world: World, name: string): void {
  const pod = world.pods[name];
  if (!pod) return;
  delete world.pods[name];
  stopProcess(world, name);
}

/** Hook for ais.ts: a pod's process stops. */
export let stopProcess: (world: World, pod: string) => void = () => undefined;
export function setStopProcess(fn: (world: World, pod: string) => void): void {
  stopProcess = fn;
}

const matches = (labels: Record<string, string>, selector: Record<string, string> | undefined) =>
  Object.entries(selector ?? {}).every(([k, v]) => labels[k] === v);

function expressionMatches(labels: Record<string, string>, e: any): boolean {
  const value = labels[e.key];
  if (e.operator === 'In') return value !== undefined && e.values.includes(value);
  if (e.operator === 'NotIn') return value === undefined || !e.values.includes(value);
  if (e.operator === 'Exists') return value !== undefined;
  return true;
}

/** Claims of a pod that are not bound yet, and whether a node can satisfy each (WaitForFirstConsumer). */
function volumesFit(world: World, pod: Pod, node: string): boolean {
  for (const name of pod.claims) {
    const claim = world.claims[name];
    if (!claim || claim.deleting) return false;
    if (claim.volume) {
      if (world.volumes[claim.volume]?.node !== node) return false;
      continue;
    }
    if (!Object.values(world.volumes).some((v) => v.node === node && v.phase === 'Available' && !v.deleting && matches(v.labels, claim.selector))) return false;
  }
  return true;
}

/**
 * kube-scheduler: filters (nodeSelector, unschedulable, required pod anti-affinity per hostname, bound
 * volumes' node affinity and available local volumes for unbound WaitForFirstConsumer claims), then
 * scores: preferred node affinity, then ImageLocality (a node that has the image), then the name.
 */
export function scheduler(world: World): void {
  // pods without a node, by name (scheduling one never gives another a node)
  for (const pod of Object.values(world.pods).filter((p) => !p.node).sort((a, b) => compareNames(a.name, b.name))) {
    const spec = pod.template.spec ?? {};
    const anti = (spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t: any) => t.labelSelector?.matchLabels ?? {});
    const candidates = Object.values(world.nodes).filter((n) => !n.unschedulable && matches(n.labels, spec.nodeSelector)
      && !Object.values(world.pods).some((other) => other !== pod && other.node === n.name && anti.some((sel: any) => matches(other.template.metadata?.labels ?? {}, sel)))
      && volumesFit(world, pod, n.name));
    if (candidates.length === 0) {
      pod.waiting = 'Unschedulable';
      continue;
    }
    const image = aisContainer(pod.template).image;
    const score = (n: { name: string; labels: Record<string, string> }) => {
      let s = 0;
      for (const term of spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) {
        if ((term.preference?.matchExpressions ?? []).every((e: any) => expressionMatches(n.labels, e))) s += term.weight * 10;
      }
      if (world.hosts[n.name]?.images.includes(image)) s += 1;
      // a seeded bias breaks ties between equal nodes (placements differ per seed)
      return s + ((world as { bias?: Record<string, number> }).bias?.[`${pod.name}@${n.name}`] ?? 0) * 0.5;
    };
    const best = candidates.sort((a, b) => score(b) - score(a) || compareNames(a.name, b.name))[0];
    pod.node = best.name;
    pod.phase = 'ContainerCreating';
    pod.waiting = undefined;
    // bind the claims (the volume binder picks an Available matching volume on the node)
    for (const name of pod.claims) {
      const claim = world.claims[name];
      if (claim.volume) continue;
      const volume = Object.values(world.volumes).filter((v) => v.node === best.name && v.phase === 'Available' && !v.deleting && matches(v.labels, claim.selector))
        .sort((a, b) => compareNames(a.name, b.name))[0];
      claim.volume = volume.name;
      volume.phase = 'Bound';
      volume.claim = name;
    }
  }
}

/** The disks a pod's container sees at their mountpaths: hostPath volumes and local volumes of its claims. */
export function podDisks(world: World, pod: Pod): Record<string, string> {
  const spec = pod.template.spec ?? {};
  const container = aisContainer(pod.template);
  const volumes = new Map<string, any>((spec.volumes ?? []).map((v: any) => [v.name, v]));
  const disks: Record<string, string> = {};
  for (const mount of container.volumeMounts ?? []) {
    const volume = volumes.get(mount.name);
    if (volume?.hostPath && volume.hostPath.path === mount.mountPath) disks[mount.mountPath] = volume.hostPath.path;
    const claim = pod.claims.find((c) => c === `${mount.name}-${pod.name}`);
    if (claim) {
      const pv = world.volumes[world.claims[claim]?.volume ?? ''];
      if (pv) disks[mount.mountPath] = pv.path;
    }
  }
  return disks;
}

/** The state directory of a pod on its node: the hostPath mounted at /etc/ais, per pod with subPathExpr $(MY_POD). */
export function stateDirOf(pod: Pod): string | undefined {
  const spec = pod.template.spec ?? {};
  const mount = (aisContainer(pod.template).volumeMounts ?? []).find((m: any) => m.mountPath === '/etc/ais');
  const volume = (spec.volumes ?? []).find((v: any) => v.name === mount?.name);
  if (!volume?.hostPath) return undefined;
  return mount.subPathExpr?.includes('MY_POD') ? `${volume.hostPath.path}/${pod.name}` : volume.hostPath.path;
}

/**
 * kubelet, before the container starts: unsafe sysctls must be allowed (else the pod is rejected,
 * SysctlForbidden: pkg/kubelet/sysctl), hostPath volumes of type Directory must exist (the disk
 * marker: a missing one keeps the pod in ContainerCreating), claims must be bound.
 */
function volumesReady(world: World, pod: Pod): string | undefined {
  const host = world.hosts[pod.node!];
  const sysctls = (pod.template.spec?.securityContext?.sysctls ?? []).map((s: any) => s.name);
  const forbidden = sysctls.filter((s: string) => !host.allowedSysctls.includes(s));
  if (forbidden.length) return `SysctlForbidden: ${forbidden.join(', ')}`;
  for (const volume of pod.template.spec?.volumes ?? []) {
    if (volume.hostPath?.type !== 'Directory') continue;
    const path: string = volume.hostPath.path;
    const disk = Object.entries(host.disks).find(([mp]) => path === mp || path.startsWith(`${mp}/`));
    if (!disk) return `hostPath ${path} does not exist`;
    const [mountpath, d] = disk;
    if (path === mountpath) continue; // the mount point exists (mounted or not)
    if (!d.mounted || !d.marker) return `hostPath ${path} does not exist (disk marker)`;
  }
  for (const name of pod.claims) {
    const claim = world.claims[name];
    if (!claim?.volume) return `claim ${name} not bound`;
  }
  return undefined;
}

/** kubelet: ContainerCreating → Running once volumes are ready and the image is pulled. */
export function kubelet(world: World): void {
  for (const pod of Object.values(world.pods)) {
    if (pod.phase !== 'ContainerCreating') continue;
    const problem = volumesReady(world, pod);
    if (problem) {
      pod.waiting = problem;
      continue;
    }
    pod.waiting = undefined;
    if (pod.startAt === undefined) {
      const image = aisContainer(pod.template).image;
      const pulled = world.hosts[pod.node!].images.includes(image);
      pod.startAt = world.tick + (pulled ? 1 : world.durations.pull) + world.durations.start;
    }
    if (world.tick >= pod.startAt) {
      pod.phase = 'Running';
      pod.containerStartedAt = world.tick;
      const image = aisContainer(pod.template).image;
      if (!world.hosts[pod.node!].images.includes(image)) world.hosts[pod.node!].images.push(image);
    }
  }
}

/** The startup probe of a pod's aisnode container: what it asks, and how long it tolerates failures. */
export function startupProbe(pod: Pod): { kind: 'readiness' | 'health' | 'tcp'; seconds: number } {
  const probe = aisContainer(pod.template).startupProbe ?? {};
  const seconds = (probe.failureThreshold ?? 3) * (probe.periodSeconds ?? 10);
  if (probe.tcpSocket) return { kind: 'tcp', seconds };
  return { kind: String(probe.httpGet?.path ?? '').includes('readiness=true') ? 'readiness' : 'health', seconds };
}

/** Ticks a startup probe failing tolerates before kubelet kills the container (failureThreshold × period). */
export function startupTicks(pod: Pod): number {
  return Math.ceil(startupProbe(pod).seconds / TICK);
}

/**
 * A PodDisruptionBudget's allowed disruptions (pkg/controller/disruption): maxUnavailable resolved
 * against the scale (a percentage rounds up), minus the pods not healthy.
 */
export function disruptionsAllowed(world: World, pdbName: string): number {
  const pdb = Object.values(world.live).find((m) => m.kind === 'PodDisruptionBudget' && m.metadata.name === pdbName);
  if (!pdb) return Number.POSITIVE_INFINITY;
  const selector = pdb.spec?.selector?.matchLabels ?? {};
  const pods = Object.values(world.pods).filter((p) => matches(p.template.metadata?.labels ?? {}, selector));
  const sts = Object.values(world.statefulSets).find((s) => matches(s.spec.template?.metadata?.labels ?? {}, selector));
  const expected = sts?.spec.replicas ?? pods.length;
  const max = pdb.spec?.maxUnavailable ?? 1;
  const maxUnavailable = typeof max === 'string' && max.endsWith('%') ? Math.ceil((expected * Number(max.slice(0, -1))) / 100) : Number(max);
  const healthy = pods.filter((p) => p.ready).length;
  return Math.max(0, healthy - (expected - maxUnavailable));
}

/**
 * Server-side apply of a Node object's labels (Argo CD sync option ServerSideApply): sets the labels it
 * sends, and removes the labels it sent before and no longer sends (its field manager owned them).
 */
export function applyNodeLabels(world: World, name: string, labels: Record<string, string>): void {
  const node = world.nodes[name];
  if (!node) return;
  for (const key of node.managed) if (labels[key] === undefined) delete node.labels[key];
  Object.assign(node.labels, labels);
  node.managed = Object.keys(labels);
}

/** Claims whose deletion waits for their pod (pvc-protection), deleted once no pod uses them; volumes Released. */
export function claimsController(world: World): void {
  for (const claim of Object.values(world.claims)) {
    if (!claim.deleting) continue;
    // pkg/controller/volume/pvcprotection podUsesPVC: only a scheduled pod keeps a claim (kubelet refuses a deleted one)
    if (Object.values(world.pods).some((p) => p.node && p.claims.includes(claim.name))) continue;
    deleteClaimNow(world, claim);
  }
  for (const volume of Object.values(world.volumes)) {
    if (volume.deleting && volume.phase !== 'Bound') delete world.volumes[volume.name];
  }
}

function deleteClaimNow(world: World, claim: Claim): void {
  delete world.claims[claim.name];
  const volume = claim.volume ? world.volumes[claim.volume] : undefined;
  // reclaim policy Retain: the volume stays, Released, and is never bound again
  if (volume) volume.phase = 'Released';
}

/** `kubectl drain`: cordon, then evict each pod (the eviction API refuses beyond the budget: pkg/registry/core/pod/storage/eviction.go). */
export function evict(world: World, pod: Pod): boolean {
  const pdb = Object.values(world.live).find((m) => m.kind === 'PodDisruptionBudget' && matches(pod.template.metadata?.labels ?? {}, m.spec?.selector?.matchLabels ?? {}));
  if (pdb && pod.ready && disruptionsAllowed(world, pdb.metadata.name) < 1) return false;
  note(world, 'info', `evicted ${pod.name}`);
  deletePod(world, pod.name);
  return true;
}
