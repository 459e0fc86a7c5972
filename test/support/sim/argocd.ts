/**
 * Argo CD with gitops-engine as far as the runbooks touch it: a sync applies the revision wave by wave,
 * each wave waiting for the previous one's health (pkg/sync/sync_context.go), prunes last and only with
 * prune (never Prune=false objects); automated sync and self-heal (argo-cd controller/appcontroller.go
 * `autoSync`, `shouldSelfHeal`); the app-of-apps parent re-applying its children's specs.
 */
import { Manifest, groupKind, objectKey } from '../../../lib/k8s/manifest';
import { applyNodeLabels, applyStatefulSet, deletePod, podsOfSet } from './k8s';
import { App, World, frozenCopy, hash, jsonOf } from './world';

const WAVE = 'argocd.argoproj.io/sync-wave';
const SYNC_OPTIONS = 'argocd.argoproj.io/sync-options';

const wave = (m: Manifest) => Number(m.metadata.annotations?.[WAVE] ?? 0);
const keptOnPrune = (m: Manifest) => (m.metadata.annotations?.[SYNC_OPTIONS] ?? '').includes('Prune=false');
const isApplication = (m: Manifest) => groupKind(m) === 'argoproj.io/Application';

/** The objects a revision has for the AIS Application. */
export function revisionObjects(world: World, revision: 'old' | 'new'): Manifest[] {
  return world.outputs[revision].filter((m) => !isApplication(m));
}

/** A StatefulSet is healthy when it observed its spec and every replica is Ready (gitops-engine pkg/health/health_statefulset.go). */
export function statefulSetHealthy(world: World, name: string): boolean {
  const sts = world.statefulSets[name];
  if (!sts) return false;
  const replicas = sts.spec.replicas ?? 1;
  const ready = podsOfSet(world, name).filter((p) => p.ordinal < replicas && p.ready).length;
  if (sts.observedGeneration < sts.generation || ready < replicas) return false;
  const rolling = sts.spec.updateStrategy?.type !== 'OnDelete';
  const partition = sts.spec.updateStrategy?.rollingUpdate?.partition ?? 0;
  if (rolling) {
    const updated = podsOfSet(world, name).filter((p) => p.ordinal < replicas && p.revision === sts.updateRevision).length;
    if (updated < replicas - partition) return false;
  }
  return true;
}

const allHealthy = (world: World) => Object.keys(world.statefulSets).every((name) => statefulSetHealthy(world, name));

/** Applies one object (server-side apply for Nodes; create for volumes; the rest replaces the live copy). */
function apply(world: World, m: Manifest): string | undefined {
  const key = objectKey(m);
  if (!world.tracked.includes(key)) world.tracked.push(key);
  switch (groupKind(m)) {
    case 'Node':
      applyNodeLabels(world, m.metadata.name, m.metadata.labels ?? {});
      return undefined;
    case 'apps/StatefulSet':
      return applyStatefulSet(world, m);
    case 'PersistentVolume': {
      if (world.volumes[m.metadata.name]) return undefined;
      const node = m.spec?.nodeAffinity?.required?.nodeSelectorTerms?.[0]?.matchExpressions?.[0]?.values?.[0];
      world.volumes[m.metadata.name] = { name: m.metadata.name, node, path: m.spec?.local?.path ?? m.spec?.hostPath?.path, labels: m.metadata.labels ?? {}, phase: 'Available', deleting: false };
      return undefined;
    }
    case 'cert-manager.io/Certificate':
      // aisnode reloads its certificate when the Secret changes (aistore cmn/certloader), but reads the CA it verifies peers
      // with at start: a new issuer (another CA) needs a restart; a certificate reissued by the same issuer does not
      if (!m.spec?.isCA) world.ais.certRevision = hash(m.spec?.issuerRef ?? 'none');
      break;
    default:
      break;
  }
  world.live[key] = frozenCopy(m);
  return undefined;
}

/** Deletes a pruned object (a StatefulSet with its pods). */
function prune(world: World, key: string): void {
  world.tracked = world.tracked.filter((k) => k !== key);
  const m = world.live[key];
  delete world.live[key];
  const sts = Object.values(world.statefulSets).find((s) => key.endsWith(`/${s.name}`) && key.includes('StatefulSet'));
  if (sts) {
    for (const pod of podsOfSet(world, sts.name)) deletePod(world, pod.name);
    delete world.statefulSets[sts.name];
  }
  void m;
}

/** Whether a tracked object still exists. */
function exists(world: World, key: string): boolean {
  const name = key.slice(key.lastIndexOf('/') + 1).split(' ').pop()!;
  if (key.startsWith('PersistentVolume ')) return !!world.volumes[name];
  if (key.startsWith('Node ')) return !!world.nodes[name];
  if (key.startsWith('apps/StatefulSet ')) return !!world.statefulSets[name];
  return !!world.live[key];
}

/** Keys of live tracked objects the revision no longer has. */
function extraneous(world: World, revision: 'old' | 'new'): string[] {
  const keys = new Set(revisionObjects(world, revision).map(objectKey));
  return world.tracked.filter((k) => !keys.has(k) && exists(world, k));
}

/** Starts a sync operation; the first waves apply at once. */
export function startSync(world: World, app: App, prune: boolean): string | undefined {
  if (app.operation && !isDone(app)) return 'another operation is already in progress';
  app.operation = { revision: world.git, prune, startedAt: world.tick, applied: false };
  const objects = revisionObjects(world, world.git).sort((a, b) => wave(a) - wave(b));
  const errors: string[] = [];
  // waves up to the workloads' (6) apply now; later waves wait for health (gateway: 7)
  for (const m of objects.filter((o) => wave(o) <= 6)) {
    const error = apply(world, m);
    if (error) errors.push(error);
  }
  if (errors.length) app.operation.error = errors.join('; ');
  return undefined;
}

const isDone = (app: App) => !app.operation || app.operation.applied || app.operation.error !== undefined;

/** Continues running operations: once the workloads are healthy, the later waves, then prunes last (PruneLast). */
export function argoController(world: World): void {
  for (const app of Object.values(world.apps)) {
    const op = app.operation;
    if (op && !op.applied && !op.error && allHealthy(world)) {
      for (const m of revisionObjects(world, op.revision).filter((o) => wave(o) > 6)) apply(world, m);
      if (op.prune) {
        for (const key of extraneous(world, op.revision)) {
          const m = world.live[key] ?? revisionObjects(world, op.revision === 'new' ? 'old' : 'new').find((o) => objectKey(o) === key);
          if (m && keptOnPrune(m)) continue;
          prune(world, key);
        }
      }
      op.applied = true;
      app.synced = op.revision;
    }
    autoSync(world, app);
  }
}

/**
 * Automated sync (argo-cd controller/appcontroller.go `autoSync`): a new revision is synced after the
 * poll; with self-heal, drift from the synced revision is re-applied after the self-heal timeout. The
 * app-of-apps parent re-applies its children's Application specs (automation included) when it self-heals.
 */
function autoSync(world: World, app: App): void {
  if (app.parent) {
    const parent = world.apps[app.parent];
    const differs = JSON.stringify(app.automated ?? null) !== JSON.stringify(app.gitAutomated ?? null);
    if (parent?.automated?.selfHeal && differs) {
      app.driftSince ??= world.tick;
      if (world.tick - app.driftSince >= world.durations.selfHeal) {
        app.automated = app.gitAutomated && structuredClone(app.gitAutomated);
        app.driftSince = undefined;
      }
      return;
    }
  }
  if (!app.automated || !app.syncsAis || !isDone(app)) {
    app.driftSince = undefined;
    return;
  }
  const newRevision = app.synced !== world.git;
  const drifted = !newRevision && app.automated.selfHeal && applyWouldChange(world, world.git);
  if (!newRevision && !drifted) {
    app.driftSince = undefined;
    return;
  }
  app.driftSince ??= world.tick;
  if (world.tick - app.driftSince >= (newRevision ? world.durations.autoSync : world.durations.selfHeal)) {
    app.driftSince = undefined;
    startSync(world, app, app.automated.prune);
  }
}

/** Whether applying the revision would change a live object (what self-heal reverts). */
function applyWouldChange(world: World, revision: 'old' | 'new'): boolean {
  return revisionObjects(world, revision).some((m) => differs(world, m));
}

function differs(world: World, m: Manifest): boolean {
  switch (groupKind(m)) {
    case 'Node': {
      const node = world.nodes[m.metadata.name];
      return !node || Object.entries(m.metadata.labels ?? {}).some(([k, v]) => node.labels[k] !== v);
    }
    case 'apps/StatefulSet': {
      const sts = world.statefulSets[m.metadata.name];
      return !sts || jsonOf(sts.spec) !== jsonOf(m.spec);
    }
    case 'PersistentVolume':
      return !world.volumes[m.metadata.name];
    default:
      return jsonOf(world.live[objectKey(m)] ?? null) !== jsonOf(m);
  }
}

/** The Application's sync status against Git (argo-cd controller/state.go): an extraneous tracked object makes it OutOfSync, Prune=false or not. */
export function synced(world: World, app: App): boolean {
  return app.synced === world.git && isDone(app) && !app.operation?.error
    && !applyWouldChange(world, world.git) && extraneous(world, world.git).length === 0;
}

export function healthy(world: World): boolean {
  return allHealthy(world);
}
