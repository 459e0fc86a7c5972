/**
 * What must hold while a runbook runs (checked after every tick) and at its end. Per tick: never more
 * targets that hold data down than the disruption budget allows, a Ready proxy always; elections,
 * data losses and reused disks are recorded where they happen (ais.ts). At the end: the new output
 * runs as desired, the cluster map is exactly the desired nodes, every target uses exactly its
 * configured mountpaths, the cluster config is applied and effective, Argo CD is Synced, Healthy and
 * automated as Git says.
 */
import { Manifest, groupKind } from '../../../lib/k8s/manifest';
import { configLeaves, RESTART_REQUIRED_KEYS } from '../../../lib/ais/config-changes';
import { firstProcById, listening, mountpathsOf, proxyId } from './ais';
import { healthy, synced } from './argocd';
import { podsOfSet, roleOf, withoutTargetCount } from './k8s';
import { World, note } from './world';

/** The target PodDisruptionBudget's maxUnavailable resolved against the targets (a percentage rounds up), at least 1. */
function allowedDown(world: World): number {
  const pdb = Object.values(world.live).find((m) => m.kind === 'PodDisruptionBudget');
  const targets = Object.values(world.ais.cluster?.nodes ?? {}).filter((n) => n.role === 'target').length;
  const max = pdb?.spec?.maxUnavailable ?? 1;
  const resolved = typeof max === 'string' && max.endsWith('%') ? Math.ceil((targets * Number(max.slice(0, -1))) / 100) : Number(max);
  return Math.max(1, resolved);
}

/** Per-tick checks (after the world reached its initial steady state). */
export function checkTick(world: World): void {
  if (!(world as { checking?: boolean }).checking) return;
  const cluster = world.ais.cluster;
  if (!cluster) return;
  // targets that hold data (in the map, not decommissioning, not drained) and do not serve
  const procs = firstProcById(world);
  const down = Object.values(cluster.nodes).filter((n) => n.role === 'target' && !n.flags.includes('decomm') && !n.flags.includes('postReb')
    && !world.ais.migrated.includes(n.id))
    .filter((n) => {
      const proc = procs.get(n.id);
      return !listening(proc) || n.flags.includes('maint') || !world.pods[proc.pod]?.ready;
    });
  const flag = world as { lastUnavailable?: number };
  const problem = down.length > allowedDown(world)
    ? `${down.length} targets holding data are down (${down.map((n) => n.pod).join(', ')}), the budget allows ${allowedDown(world)}`
    : Object.values(world.pods).filter((p) => roleOf(p.template) === 'proxy').length > 1 && !Object.values(world.pods).some((p) => roleOf(p.template) === 'proxy' && p.ready)
      ? 'no proxy is Ready' : undefined;
  if (problem && flag.lastUnavailable !== world.tick - 1) note(world, 'unavailable', problem);
  if (problem) flag.lastUnavailable = world.tick;
}

const isNode = (m: Manifest) => groupKind(m) === 'Node';

/** Every end-state problem of the world against the new output; empty when it is as desired. */
export function endProblems(world: World, options: { nodeLabelKeys: readonly string[]; scriptLabels?: Map<string, Record<string, string>> }): string[] {
  const problems: string[] = [];
  const next = world.outputs.new;
  // 4. every pod of the new output Running, Ready, at its StatefulSet's update revision, on a node its selector picks
  for (const sts of Object.values(world.statefulSets)) {
    const replicas = sts.spec.replicas ?? 1;
    const template = sts.spec.template;
    for (let i = 0; i < replicas; i++) {
      const pod = world.pods[`${sts.name}-${i}`];
      if (!pod) {
        problems.push(`pod ${sts.name}-${i} missing`);
        continue;
      }
      if (!pod.ready) problems.push(`pod ${pod.name} not Ready (${pod.phase}${pod.waiting ? `: ${pod.waiting}` : ''})`);
      const sameTemplate = pod.revision === sts.updateRevision
        || (roleOf(template) === 'proxy' && JSON.stringify(withoutTargetCount(pod.template)) === JSON.stringify(withoutTargetCount(template)));
      if (!sameTemplate) problems.push(`pod ${pod.name} runs an old template`);
      const node = world.nodes[pod.node ?? ''];
      if (node && !Object.entries(template.spec?.nodeSelector ?? {}).every(([k, v]) => node.labels[k] === v)) problems.push(`pod ${pod.name} on ${node.name}, which its selector does not pick`);
    }
    for (const pod of podsOfSet(world, sts.name)) if (pod.ordinal >= replicas) problems.push(`pod ${pod.name} beyond the replicas`);
  }
  for (const m of next.filter((o) => groupKind(o) === 'apps/StatefulSet')) {
    const live = world.statefulSets[m.metadata.name];
    if (!live || JSON.stringify(live.spec) !== JSON.stringify(m.spec)) problems.push(`StatefulSet ${m.metadata.name} is not the new output's`);
  }
  // 5. the cluster map is the desired nodes: one proxy per proxy pod (ID: hash of its node), one target per target pod, none flagged
  const cluster = world.ais.cluster;
  const wantProxies = Object.values(world.pods).filter((p) => roleOf(p.template) === 'proxy');
  const wantTargets = Object.values(world.pods).filter((p) => roleOf(p.template) === 'target');
  if (!cluster) problems.push('no AIS cluster');
  else {
    const nodes = Object.values(cluster.nodes);
    const proxies = nodes.filter((n) => n.role === 'proxy');
    const targets = nodes.filter((n) => n.role === 'target');
    if (proxies.length !== wantProxies.length) problems.push(`cluster map: ${proxies.length} proxies, want ${wantProxies.length}`);
    if (targets.length !== wantTargets.length) problems.push(`cluster map: ${targets.length} targets, want ${wantTargets.length}`);
    for (const n of nodes) if (n.flags.some((f) => f !== 'nonElectable')) problems.push(`${n.role} ${n.id} (${n.pod}) flagged ${n.flags.join(',')}`);
    for (const p of proxies) {
      const pod = world.pods[p.pod];
      if (pod && p.id !== proxyId(pod.node ?? '')) problems.push(`proxy ${p.id} of ${p.pod} has not its node's ID`);
    }
    const primary = cluster.nodes[cluster.primary ?? ''];
    if (!primary || !world.pods[primary.pod]?.ready) problems.push('the primary is not a Ready proxy');
    // 6. no stale IDs
    for (const n of nodes) if (!Object.values(world.ais.procs).some((p) => p.id === n.id && listening(p))) problems.push(`stale ID ${n.id} (${n.pod}) in the map`);
  }
  // 7. every target uses exactly its configured mountpaths, each a mounted disk
  const targetConfig = next.find((m) => m.kind === 'ConfigMap' && /-target$/.test(m.metadata.name) && m.data?.['ais_local.json']);
  if (targetConfig) {
    const want = Object.keys(JSON.parse(targetConfig.data['ais_local.json']).fspaths ?? {}).sort();
    for (const proc of Object.values(world.ais.procs).filter((p) => p.role === 'target' && listening(p))) {
      const have = mountpathsOf(world, proc);
      if (JSON.stringify(have) !== JSON.stringify(want)) problems.push(`target ${proc.pod} uses ${have.join(',')}, the config says ${want.join(',')}`);
      for (const path of have) if (!world.hosts[proc.node].disks[path]?.mounted) problems.push(`target ${proc.pod}: ${path} is not mounted on ${proc.node}`);
    }
  }
  // 9. Nodes: the new output's labels; nodes that left it carry no AIS label; no volume or claim left over
  const wantLabels = new Map<string, Record<string, string>>(options.scriptLabels ?? next.filter(isNode).map((m) => [m.metadata.name, m.metadata.labels ?? {}] as const));
  for (const node of Object.values(world.nodes)) {
    const want = wantLabels.get(node.name) ?? {};
    for (const key of options.nodeLabelKeys) {
      if ((node.labels[key] ?? null) !== (want[key] ?? null)) problems.push(`node ${node.name} label ${key}=${node.labels[key] ?? '(none)'}, the output says ${want[key] ?? '(none)'}`);
    }
  }
  const wantVolumes = new Set(next.filter((m) => m.kind === 'PersistentVolume').map((m) => m.metadata.name));
  for (const v of Object.values(world.volumes)) if (!wantVolumes.has(v.name)) problems.push(`volume ${v.name} left (${v.phase})`);
  for (const name of wantVolumes) if (!world.volumes[name]) problems.push(`volume ${name} missing`);
  for (const claim of Object.values(world.claims)) if (!Object.values(world.pods).some((p) => p.claims.includes(claim.name))) problems.push(`claim ${claim.name} left`);
  // 10. Argo CD: the change merged, and every Application that syncs the AIS objects synced it
  if (world.git !== 'new') problems.push('the change was never merged into the branch Argo CD syncs');
  for (const app of Object.values(world.apps)) {
    if (app.syncsAis && !synced(world, app)) problems.push(`Application ${app.name} not Synced to the new revision`);
    if (JSON.stringify(app.automated ?? null) !== JSON.stringify(app.gitAutomated ?? null)) problems.push(`Application ${app.name} automation ${JSON.stringify(app.automated ?? null)}, Git says ${JSON.stringify(app.gitAutomated ?? null)}`);
  }
  if (!healthy(world)) problems.push('the workloads are not Healthy');
  // 11. the cluster config: applied through the API; restart-required keys and backends effective on every node
  const globalCm = next.find((m) => m.kind === 'ConfigMap' && m.metadata.name.endsWith('-global-cm'));
  const aisStore = next.find((m) => m.kind === 'AIStore');
  const wantConfig = globalCm ? JSON.parse(globalCm.data['ais.json']) : aisStore?.spec?.configToUpdate ?? {};
  const skip = (key: string) => key.startsWith('proxy.') || key === 'net.http.use_https';
  for (const [key, value] of configLeaves(wantConfig)) {
    if (skip(key) || key.startsWith('backend')) continue;
    const have = key.split('.').reduce<any>((o, k) => (o && typeof o === 'object' ? o[k] : undefined), world.ais.config);
    if (JSON.stringify(have) !== JSON.stringify(value)) problems.push(`cluster config ${key} = ${JSON.stringify(have)}, the output says ${JSON.stringify(value)}`);
    if (RESTART_REQUIRED_KEYS.some((k) => key.includes(k))) {
      for (const proc of Object.values(world.ais.procs).filter(listening)) {
        const loaded = key.split('.').reduce<any>((o, k) => (o && typeof o === 'object' ? o[k] : undefined), proc.loaded);
        if (JSON.stringify(loaded) !== JSON.stringify(value)) problems.push(`${proc.pod} runs ${key} = ${JSON.stringify(loaded)} (restart required)`);
      }
    }
  }
  const backends = Object.keys(wantConfig.backend ?? {}).sort();
  if (JSON.stringify(Object.keys((world.ais.config.backend as object) ?? {}).sort()) !== JSON.stringify(backends)) problems.push(`cluster backends ${Object.keys((world.ais.config.backend as object) ?? {}).join(',')}, the output says ${backends.join(',')}`);
  for (const proc of Object.values(world.ais.procs).filter((p) => p.role === 'target' && listening(p))) {
    if (JSON.stringify(proc.backends) !== JSON.stringify(backends)) problems.push(`target ${proc.pod} has backends ${proc.backends.join(',') || 'none'}, the output says ${backends.join(',') || 'none'}`);
  }
  for (const proc of Object.values(world.ais.procs).filter(listening)) {
    if (proc.cert !== world.ais.certRevision) problems.push(`${proc.pod} serves the certificate of before the issuer change`);
    const image = world.pods[proc.pod]?.template.spec.containers.find((c: any) => c.name === 'ais-node')?.image;
    if (image && proc.image !== image) problems.push(`${proc.pod} runs ${proc.image}, its pod ${image}`);
  }
  return problems;
}
