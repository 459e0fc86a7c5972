/**
 * aisnode v4.9 (aistore tag v1.4.9) as far as the runbooks touch it: process start (config, identity,
 * volume metadata), join, the cluster map and its flags, keepalive and elections, maintenance and
 * decommission with their rebalances, mountpath attach/detach, the cluster config, backends, and the
 * health endpoints the probes ask. Each rule cites the function it models.
 */
import { aisContainer, podDisks, roleOf, setStopProcess, stateDirOf, startupProbe, startupTicks } from './k8s';
import { Flag, MapNode, Pod, Proc, World, hash, note } from './world';
import { compareNames } from '../../../lib/k8s/name-order';

const has = (node: MapNode | undefined, flag: Flag) => !!node?.flags.includes(flag);
const inMaintOrDecomm = (node: MapNode | undefined) => has(node, 'maint') || has(node, 'decomm');

/** The cluster-map entry of a process. */
export function entryOf(world: World, proc: Proc | undefined): MapNode | undefined {
  return proc?.id ? world.ais.cluster?.nodes[proc.id] : undefined;
}

/** A process answers requests (it joined and runs). */
export const listening = (proc: Proc | undefined): proc is Proc => !!proc && proc.started && !proc.exited;

/**
 * By AIS node ID, the first process (in `world.ais.procs` order) that has it and passes `filter`: what
 * `Object.values(world.ais.procs).find((p) => p.id === id && filter(p))` gives, for every ID in one pass.
 */
export function firstProcById(world: World, filter: (proc: Proc) => boolean = () => true): Map<string, Proc> {
  const byId = new Map<string, Proc>();
  for (const proc of Object.values(world.ais.procs)) if (proc.id !== undefined && !byId.has(proc.id) && filter(proc)) byId.set(proc.id, proc);
  return byId;
}

/** The primary's process, when it runs. */
export function primaryProc(world: World): Proc | undefined {
  const primary = world.ais.cluster?.primary;
  return Object.values(world.ais.procs).find((p) => p.id === primary && listening(p));
}

/**
 * `GET /v1/health?readiness=true` (ais/htrun.go `externalWD`, `isReady`): 200 only when the node
 * started, is not in maintenance or decommission, and (targets) the cluster started.
 */
export function ready(world: World, proc: Proc | undefined): boolean {
  return listening(proc) && !!world.ais.cluster && !inMaintOrDecomm(entryOf(world, proc));
}

const backendVolumes: Record<string, string> = { aws: 'aws-creds', gcp: 'gcp-creds', oci: 'oci-creds' };

/** Kills a pod's process: it stops answering; a resilver it ran never finishes (ais/fspathrgrp.go postDD never runs: A6). */
function stop(world: World, podName: string): void {
  const proc = world.ais.procs[podName];
  if (!proc) return;
  delete world.ais.procs[podName];
  if (proc.id) delete world.ais.resilver[proc.id];
}
setStopProcess(stop);

/** Which pod starts a new cluster: the one `primary_url` names (standalone: `<name>-proxy-primary-0`; operator: `<name>-proxy-0`). */
function bootstrapPod(world: World): string {
  return world.mode === 'operator' ? `${world.release}-proxy-0` : `${world.release}-proxy-primary-0`;
}

/** A crash: the process exits at start (the container restarts with back-off, and fails the same way until the cause goes). */
function crash(world: World, pod: Pod, reason: string): void {
  if (pod.waiting !== reason) note(world, 'crash', `${pod.name}: ${reason}`);
  pod.waiting = reason;
  pod.restarts++;
  pod.containerStartedAt = world.tick + Math.min(60, 2 * 2 ** Math.min(pod.restarts, 5));
}

/**
 * A target starts (ais/target.go `initTID`, volume/vinit.go `Init`, `initMPI`): its ID from the node-ID
 * xattr of its mountpaths, else new; its mountpaths from the volume metadata when a disk has one (a
 * new config path is ignored: "run 'ais storage mountpath attach'"), else the config's (override
 * fspaths replace the ConfigMap's: cmn/config.go `handleOverrideConfig`); an enabled VMD mountpath
 * that is missing makes it exit (`initMPI`, pass 2).
 */
function startTarget(world: World, pod: Pod, proc: Proc): string | undefined {
  const host = world.hosts[pod.node!];
  const state = host.stateDirs[stateDirOf(pod) ?? ''] ?? {};
  const visible = podDisks(world, pod);
  const fspaths = state.overrideFspaths ?? pod.fspaths;
  const disk = (path: string) => (visible[path] !== undefined ? host.disks[visible[path]] : undefined);
  const present = fspaths.filter((p) => disk(p));
  const id = present.map((p) => disk(p)!.xattrId).find((x) => x) ?? world.random.id();
  const vmd = present.map((p) => disk(p)!.vmd).find((m) => m && m.id === id);
  let paths: string[];
  if (vmd) {
    paths = Object.entries(vmd.paths).filter(([, enabled]) => enabled).map(([p]) => p);
    const missing = paths.filter((p) => !disk(p) || disk(p)!.vmd?.id !== id);
    if (missing.length) return `storage integrity error: mountpath ${missing.join(', ')} in the volume metadata is missing (volume/vinit.go initMPI)`;
  } else {
    paths = present;
    const reused: string[] = [];
    for (const p of paths) {
      const d = disk(p)!;
      const foreign = d.objectsOf.filter((owner) => owner !== id && !d.adoptable);
      if (foreign.length) reused.push(`${p} (objects of ${foreign.join(', ')})`);
      d.vmd = { id, paths: Object.fromEntries(paths.map((q) => [q, true])) };
      d.xattrId = id;
    }
    if (reused.length) note(world, 'disk-reused', `${pod.name} (new target ${id}) on ${pod.node} takes disks holding another target's objects: ${reused.join(', ')}`);
  }
  proc.id = id;
  for (const p of paths) {
    const d = disk(p)!;
    if (!d.objectsOf.includes(id)) d.objectsOf.push(id);
  }
  return undefined;
}

/** A proxy's ID on Kubernetes: a hash of the node name (ais/proxy.go `initPID`, cos.HashK8sProxyID). */
export function proxyId(node: string): string {
  return `p${hash(node).slice(0, 7)}`;
}

/** Starts the process of a pod whose container just started. */
function startProcess(world: World, pod: Pod): void {
  const role = roleOf(pod.template);
  const host = world.hosts[pod.node!];
  const stateKey = stateDirOf(pod) ?? '';
  const state = host.stateDirs[stateKey] ?? {};
  // the config files of a pod decommissioned in place are gone: aisnode exits until the pod is recreated (A9)
  if (pod.dead) {
    crash(world, pod, pod.dead);
    return;
  }
  // cmn/config.go LoadConfig: the persisted .ais.conf wins over ais.json once the node has run
  const loaded = structuredClone(state.conf ?? pod.initialConfig);
  const container = aisContainer(pod.template);
  const mounted = (pod.template.spec?.volumes ?? []).map((v: any) => v.name);
  const proc: Proc = {
    pod: pod.name, role, node: pod.node!, started: false, joinAt: world.tick + world.durations.join, image: container.image,
    https: (pod.initialConfig as any)?.net?.http?.use_https === true, loaded,
    backends: Object.keys((loaded.backend as object) ?? {}).filter((b) => mounted.includes(backendVolumes[b])).sort(),
    cert: world.ais.certRevision,
  };
  if (role === 'target') {
    const problem = startTarget(world, pod, proc);
    if (problem) {
      crash(world, pod, problem);
      return;
    }
  } else {
    proc.id = proxyId(pod.node!);
  }
  pod.waiting = undefined;
  world.ais.procs[pod.name] = proc;
}

/**
 * Joining (ais/htrun.go join loop, ais/prxclu.go `httpclupost`): the primary keeps the flags of an
 * existing entry (a node restarted in maintenance stays so, A11) and adds a new one; a new or returning
 * target starts a rebalance. A node holding the map of another cluster is refused ("Smap UUIDs don't
 * match", ais/earlystart.go); a node on the other protocol cannot reach the cluster. The pod that
 * `primary_url` names starts a new cluster when there is none (ais/earlystart.go `primaryStartup`).
 */
function join(world: World, proc: Proc): void {
  const pod = world.pods[proc.pod];
  const host = world.hosts[proc.node];
  const stateKey = stateDirOf(pod) ?? '';
  const state = (host.stateDirs[stateKey] ??= {});
  const cluster = world.ais.cluster;
  if (!cluster) {
    if (proc.role !== 'proxy' || proc.pod !== bootstrapPod(world)) return; // waits for a primary
    world.ais.cluster = { uuid: world.random.id(), https: proc.https, primary: proc.id, nodes: {} };
    world.ais.config = structuredClone(proc.loaded);
  }
  const c = world.ais.cluster!;
  if (state.smapUuid && state.smapUuid !== c.uuid) {
    stop(world, proc.pod);
    crash(world, pod, `Smap UUIDs don't match: the state directory holds a map of cluster ${state.smapUuid} (ais/earlystart.go)`);
    return;
  }
  if (c.https !== proc.https) {
    stop(world, proc.pod);
    crash(world, pod, `cannot reach the cluster: it runs ${c.https ? 'HTTPS' : 'HTTP'}`);
    return;
  }
  if (!primaryProc(world) && c.primary !== proc.id) return; // no primary to join yet
  const existing = c.nodes[proc.id!];
  if (existing) {
    existing.pod = proc.pod;
    existing.lastSeen = world.tick;
  } else {
    c.nodes[proc.id!] = { id: proc.id!, role: proc.role, pod: proc.pod, flags: [], lastSeen: world.tick };
    if (proc.role === 'target') startRebalance(world, []);
  }
  proc.started = true;
  state.smapUuid = c.uuid;
  state.conf = structuredClone(world.ais.config);
}

/** A global rebalance; `draining` are targets whose objects it moves away. */
export function startRebalance(world: World, draining: string[]): void {
  const current = world.ais.rebalance;
  world.ais.rebalance = { end: world.tick + world.durations.rebalance, draining: [...new Set([...(current?.draining ?? []), ...draining])] };
}

/** Removes a node from the map (ais/prxclu.go `rmNodeFinal` → `mcastUnreg`). */
function removeNode(world: World, id: string, why: string): void {
  const cluster = world.ais.cluster!;
  const node = cluster.nodes[id];
  if (!node) return;
  if (node.role === 'target' && !world.ais.migrated.includes(id)) {
    note(world, 'data-loss', `target ${id} (${node.pod}) left the map holding the only copy of its objects (${why})`);
  }
  delete cluster.nodes[id];
}

/**
 * A node decommissions itself (ais/tgtcp.go `decommission`, fs/deleted.go `Decommission`): metadata only
 * (`demd`: volume metadata and node ID go, objects and bucket metadata stay) or everything on its
 * mountpaths with --rm-user-data (`deworld`: the disk marker too); its state directory is emptied and
 * its plain-text config files deleted (ais/utils.go `cleanupConfigDir`), so the container cannot start
 * again until the pod is recreated (A9).
 */
function decommissionProcess(world: World, proc: Proc, rmUserData: boolean): void {
  const pod = world.pods[proc.pod];
  if (pod) {
    const host = world.hosts[proc.node];
    if (proc.role === 'target') {
      for (const path of Object.values(podDisks(world, pod))) {
        const d = host.disks[path];
        if (!d || d.xattrId !== proc.id) continue;
        d.vmd = undefined;
        d.xattrId = undefined;
        if (rmUserData) {
          d.objectsOf = [];
          d.bmd = undefined;
          d.marker = false;
        }
      }
    }
    const key = stateDirOf(pod);
    if (key) host.stateDirs[key] = {};
    pod.dead = 'decommissioned: its config files are gone (ais/utils.go cleanupConfigDir); the container fails until the pod is recreated';
  }
  stop(world, proc.pod);
}

/** A resilver ends: detach drops the mountpath from the volume metadata and the override config (ais/fspathrgrp.go `postDD`). */
function finishResilver(world: World, id: string): void {
  const job = world.ais.resilver[id];
  delete world.ais.resilver[id];
  const proc = world.ais.procs[job.pod];
  if (!proc || proc.id !== id || !job.detach) return;
  const pod = world.pods[job.pod];
  const host = world.hosts[proc.node];
  const visible = podDisks(world, pod);
  const enabled = mountpathsOf(world, proc).filter((p) => p !== job.detach);
  for (const path of Object.keys(visible)) {
    const d = host.disks[visible[path]];
    if (d?.vmd?.id === id) d.vmd = { id, paths: Object.fromEntries(enabled.map((p) => [p, true])) };
  }
  const gone = host.disks[visible[job.detach]];
  if (gone) {
    gone.vmd = undefined;
    gone.objectsOf = gone.objectsOf.filter((o) => o !== id);
  }
  const key = stateDirOf(pod)!;
  host.stateDirs[key] = { ...(host.stateDirs[key] ?? {}), overrideFspaths: enabled };
}

/** A target's enabled mountpaths (its volume metadata). */
export function mountpathsOf(world: World, proc: Proc): string[] {
  const pod = world.pods[proc.pod];
  if (!pod) return [];
  const host = world.hosts[proc.node];
  const visible = podDisks(world, pod);
  for (const path of Object.keys(visible)) {
    const vmd = host.disks[visible[path]]?.vmd;
    if (vmd && vmd.id === proc.id) return Object.entries(vmd.paths).filter(([, e]) => e).map(([p]) => p).sort();
  }
  return [];
}

/** One tick of every AIS process and of the primary's housekeeping. */
export function aisController(world: World): void {
  // processes start with their container, and restart after a kill
  for (const pod of Object.values(world.pods)) {
    if (pod.phase !== 'Running' || world.ais.procs[pod.name]) continue;
    if (pod.containerStartedAt !== undefined && world.tick < pod.containerStartedAt) continue;
    startProcess(world, pod);
  }
  for (const proc of Object.values(world.ais.procs)) if (!proc.started && world.tick >= proc.joinAt) join(world, proc);
  const cluster = world.ais.cluster;
  if (cluster) {
    // keepalive (ais/kalive.go): a node not in maintenance that stops answering leaves the map; nodes in maintenance are kept
    const answering = firstProcById(world, listening);
    for (const node of Object.values(cluster.nodes)) {
      const proc = answering.get(node.id);
      if (proc) {
        node.lastSeen = world.tick;
        continue;
      }
      if (inMaintOrDecomm(node) || node.id === cluster.primary) continue;
      if (world.tick - node.lastSeen >= world.durations.keepalive) {
        if (node.role === 'target') note(world, 'keepalive-removal', `target ${node.id} (${node.pod}) stopped answering and left the map (ais/kalive.go)`);
        removeNode(world, node.id, 'keepalive');
        if (node.role === 'target') startRebalance(world, []);
      }
    }
    // primary down: an election among the online electable proxies (ais/vote.go onPrimaryDown, HRW)
    const primary = cluster.primary ? cluster.nodes[cluster.primary] : undefined;
    if (!primaryProc(world) && primary && world.tick - primary.lastSeen >= world.durations.election) {
      const candidates = Object.values(cluster.nodes).filter((n) => n.role === 'proxy' && n.id !== primary.id && !has(n, 'nonElectable') && !inMaintOrDecomm(n)
        && Object.values(world.ais.procs).some((p) => p.id === n.id && listening(p)));
      if (candidates.length) {
        const next = candidates.sort((a, b) => compareNames(hash(cluster.uuid + b.id), hash(cluster.uuid + a.id)))[0];
        note(world, 'unplanned-election', `the primary ${primary.id} (${primary.pod}) went away; ${next.id} (${next.pod}) elected`);
        cluster.primary = next.id;
        delete cluster.nodes[primary.id];
      }
    }
    // a rebalance that drains a target needs it running until the end
    const rebalance = world.ais.rebalance;
    if (rebalance) {
      for (const id of rebalance.draining) {
        if (world.ais.migrated.includes(id)) continue;
        const proc = Object.values(world.ais.procs).find((p) => p.id === id);
        if (!listening(proc)) {
          note(world, 'data-loss', `target ${id} stopped while a rebalance was moving its objects away (ais/reb)`);
          world.ais.migrated.push(id); // reported once
        }
      }
      if (world.tick >= rebalance.end) {
        world.ais.rebalance = undefined;
        for (const id of rebalance.draining) {
          if (!world.ais.migrated.includes(id)) world.ais.migrated.push(id);
          const node = cluster.nodes[id];
          if (!node) continue;
          if (node.decommission) {
            const proc = Object.values(world.ais.procs).find((p) => p.id === id);
            removeNode(world, id, 'decommission');
            if (proc) decommissionProcess(world, proc, node.decommission.rmUserData);
          } else if (has(node, 'maint') && !has(node, 'postReb')) node.flags.push('postReb');
        }
      }
    }
  }
  for (const [id, job] of Object.entries(world.ais.resilver)) if (world.tick >= job.end) finishResilver(world, id);
  probes(world);
}

/**
 * kubelet probes (pkg/kubelet/prober): the startup probe on each container until it passes (then
 * `started`); failing past failureThreshold × period, the container is killed and restarted with
 * back-off. Readiness from `/v1/health?readiness=true`.
 */
function probes(world: World): void {
  for (const pod of Object.values(world.pods)) {
    if (pod.phase !== 'Running') {
      pod.ready = false;
      pod.started = false;
      continue;
    }
    const proc = world.ais.procs[pod.name];
    if (!pod.started) {
      const probe = startupProbe(pod);
      const passes = probe.kind === 'readiness' ? ready(world, proc) : probe.kind === 'health' ? listening(proc) : !!proc;
      if (passes) pod.started = true;
      else if (pod.containerStartedAt !== undefined && world.tick - pod.containerStartedAt >= startupTicks(pod)) {
        note(world, 'probe-kill', `${pod.name}: startup probe failed ${startupTicks(pod)} times, container killed`);
        stop(world, pod.name);
        pod.restarts++;
        pod.containerStartedAt = world.tick + Math.min(60, 2 * 2 ** Math.min(pod.restarts, 5));
      }
    }
    pod.ready = pod.started && ready(world, proc);
    if (!proc && pod.started) pod.started = false;
  }
}

/** An `ais` command against the cluster: the CLI needs the primary (it follows the primary's URL: cmd/cli/cli/smap.go `getClusterMap`). */
export function requirePrimary(world: World): string | undefined {
  if (!world.ais.cluster) return 'no cluster: the CLI cannot reach AIS';
  if (!primaryProc(world)) return 'the primary does not answer: the CLI cannot reach AIS';
  return undefined;
}

/**
 * `start-maintenance`, `decommission` (ais/prxclu.go `rmNode`): refused for the primary; a node already
 * in maintenance accepts only decommission, and only while no rebalance runs; proxies leave at once;
 * targets rebalance first unless --no-rebalance (maintenance: Maint, then MaintPostReb; decommission:
 * removed after the rebalance, `_rebPostRm`). A node that does not answer is still removed.
 */
export function rmNode(world: World, id: string, action: 'maintenance' | 'decommission', rebalance: boolean, rmUserData: boolean): string | undefined {
  const cluster = world.ais.cluster!;
  const node = cluster.nodes[id];
  if (!node) return `node ${id} does not exist`;
  if (id === cluster.primary) return `${id} is primary (cannot ${action === 'maintenance' ? 'start-maintenance' : 'decommission'} the primary node)`;
  if (inMaintOrDecomm(node)) {
    if (action === 'maintenance') return `node ${id} is already in maintenance`;
    if (world.ais.rebalance) return `cannot decommission ${id} while rebalance is running`;
    const proc = Object.values(world.ais.procs).find((p) => p.id === id);
    removeNode(world, id, 'decommission from maintenance');
    if (proc) decommissionProcess(world, proc, rmUserData);
    return undefined;
  }
  const proc = Object.values(world.ais.procs).find((p) => p.id === id);
  if (node.role === 'proxy') {
    if (action === 'maintenance') node.flags.push('maint');
    else {
      delete cluster.nodes[id];
      if (proc) decommissionProcess(world, proc, rmUserData);
    }
    return undefined;
  }
  node.flags.push(action === 'maintenance' ? 'maint' : 'decomm');
  if (action === 'decommission') node.decommission = { rmUserData };
  if (rebalance) startRebalance(world, [id]);
  else if (action === 'decommission') {
    removeNode(world, id, 'decommission without rebalance');
    if (proc) decommissionProcess(world, proc, rmUserData);
  }
  return undefined;
}

/** `stop-maintenance` (ais/prxclu.go `stopMaintenance`): the node must be in maintenance and answer (a 503 is fine). */
export function stopMaintenance(world: World, id: string, rebalance: boolean): string | undefined {
  const node = world.ais.cluster!.nodes[id];
  if (!node) return `node ${id} does not exist`;
  if (!has(node, 'maint')) return `node ${id} is not in maintenance`;
  // it answers once its process runs (its HTTP server starts before it joins); a 503 is accepted
  const proc = Object.values(world.ais.procs).find((p) => p.id === id && !p.exited);
  if (!proc) return `node ${id} is unreachable`;
  node.flags = node.flags.filter((f) => f !== 'maint' && f !== 'postReb');
  world.ais.migrated = world.ais.migrated.filter((m) => m !== id);
  if (rebalance && node.role === 'target') startRebalance(world, []);
  return undefined;
}

/** `set-primary` (ais/psetforce.go `cluSetPrimary`, `_checkFlags`): a proxy in the map, answering, electable, not in maintenance. */
export function setPrimary(world: World, id: string): string | undefined {
  const cluster = world.ais.cluster!;
  const node = cluster.nodes[id];
  if (!node || node.role !== 'proxy') return `${id} is not a proxy`;
  if (inMaintOrDecomm(node) || has(node, 'nonElectable')) return `${id} cannot be primary (maintenance or non-electable)`;
  if (!Object.values(world.ais.procs).some((p) => p.id === id && listening(p))) return `${id} is unreachable`;
  if (cluster.primary !== id) note(world, 'planned-handover', `primary → ${id} (${node.pod})`);
  cluster.primary = id;
  return undefined;
}

/** `mountpath attach|detach` (ais/fspathrgrp.go): detach resilvers first; attach needs the path visible in the container. */
export function mountpath(world: World, id: string, path: string, attach: boolean): string | undefined {
  const proc = Object.values(world.ais.procs).find((p) => p.id === id && listening(p));
  if (!proc || proc.role !== 'target') return `target ${id} is unreachable`;
  const pod = world.pods[proc.pod];
  const host = world.hosts[proc.node];
  const visible = podDisks(world, pod);
  const current = mountpathsOf(world, proc);
  if (attach) {
    if (current.includes(path)) return undefined;
    const disk = host.disks[visible[path] ?? ''];
    if (!disk) return `mountpath ${path} does not exist in the target's container`;
    const foreign = disk.objectsOf.filter((o) => o !== id);
    if (foreign.length) note(world, 'disk-reused', `${proc.pod} attaches ${path} holding objects of ${foreign.join(', ')}`);
    const enabled = [...current, path].sort();
    for (const p of Object.keys(visible)) {
      const d = host.disks[visible[p]];
      if (enabled.includes(p)) {
        d.vmd = { id, paths: Object.fromEntries(enabled.map((q) => [q, true])) };
        d.xattrId = id;
      }
    }
    if (!disk.objectsOf.includes(id)) disk.objectsOf.push(id);
    const key = stateDirOf(pod)!;
    host.stateDirs[key] = { ...(host.stateDirs[key] ?? {}), overrideFspaths: enabled };
    world.ais.resilver[id] = { end: world.tick + world.durations.resilver, attach: path, pod: proc.pod };
    return undefined;
  }
  if (!current.includes(path)) return `mountpath ${path} is not attached`;
  world.ais.resilver[id] = { end: world.tick + world.durations.resilver, detach: path, pod: proc.pod };
  return undefined;
}

/**
 * The cluster config through the API (ais/prxclu.go `setCluCfgPersistent`): versioned, persisted and
 * sent to every node (each persists it: its next start loads it); restart-required keys take effect
 * only after a restart (cmn/config.go ConfigRestartRequired).
 */
export function setConfig(world: World, update: Record<string, unknown>): void {
  world.ais.config = mergeDeep(world.ais.config, update, ['backend']);
  for (const proc of Object.values(world.ais.procs)) {
    if (!listening(proc)) continue;
    const pod = world.pods[proc.pod];
    const key = pod && stateDirOf(pod);
    if (key) world.hosts[proc.node].stateDirs[key] = { ...(world.hosts[proc.node].stateDirs[key] ?? {}), conf: structuredClone(world.ais.config) };
  }
}

/** Deep-merges config; `whole` sections are assigned as a whole (the backend provider map: cmn/config.go BackendConf). */
function mergeDeep(base: Record<string, unknown>, update: Record<string, unknown>, whole: string[]): Record<string, unknown> {
  const result = structuredClone(base);
  for (const [key, value] of Object.entries(update)) {
    if (!whole.includes(key) && value && typeof value === 'object' && !Array.isArray(value) && result[key] && typeof result[key] === 'object') {
      result[key] = mergeDeep(result[key] as Record<string, unknown>, value as Record<string, unknown>, []);
    } else result[key] = structuredClone(value);
  }
  return result;
}

/** `ais cluster decommission` (cmd/cli/cli/cluster_hdlr.go `clusterDecommissionHandler`): every node decommissions (metadata only). */
export function decommissionCluster(world: World, rmUserData: boolean): void {
  for (const proc of Object.values(world.ais.procs)) {
    world.ais.migrated.push(proc.id ?? '');
    // the objects stay for the next cluster to take over (the protocol switch keeps data: guess A22)
    const pod = world.pods[proc.pod];
    if (pod && proc.role === 'target') for (const path of Object.values(podDisks(world, pod))) if (world.hosts[proc.node].disks[path]) world.hosts[proc.node].disks[path].adoptable = true;
    decommissionProcess(world, proc, rmUserData);
  }
  world.ais.cluster = undefined;
}

/** `ais advanced disable-backend` (ais/tgtcp.go `disableBackend`): a configured backend only. */
export function disableBackend(world: World, provider: string): string | undefined {
  if (!Object.keys((world.ais.config.backend as object) ?? {}).includes(provider)) return `backend ${provider} is not configured, cannot disable`;
  for (const proc of Object.values(world.ais.procs)) proc.backends = proc.backends.filter((b) => b !== provider);
  return undefined;
}
