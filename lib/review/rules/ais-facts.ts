import { Manifest, groupKind, objectKey } from '../../k8s/manifest';
import { aisRelease, isAisClusterResource, isAisStatefulSet, isPerTargetLoadBalancer } from '../../argo/roles';
import type { ObjectChange } from './types';

/** Facts about AIS clusters read from an output, keyed by `namespace/release` (see `aisRelease`). */

/** The releases that have targets (a target StatefulSet or an AIStore resource). */
export function releasesWithTargets(manifests: readonly Manifest[]): Set<string> {
  const releases = new Set<string>();
  for (const m of manifests) {
    if (isAisStatefulSet(m, 'target') || isAisClusterResource(m)) releases.add(aisRelease(m)!);
  }
  return releases;
}

/** Where a mountpath is named, per release: path -> keys of the objects that name it. */
export type MountpathIndex = Map<string, Map<string, Set<string>>>;

function note(index: MountpathIndex, release: string, path: string, key: string): void {
  const paths = index.get(release) ?? new Map<string, Set<string>>();
  index.set(release, paths);
  const keys = paths.get(path) ?? new Set<string>();
  paths.set(path, keys);
  keys.add(key);
}

/** `fspaths` of an AIS local config held as JSON in a ConfigMap value. */
function fspathsOf(text: unknown): string[] {
  if (typeof text !== 'string' || !text.includes('fspaths')) return [];
  try {
    const parsed = JSON.parse(text);
    return parsed && typeof parsed.fspaths === 'object' && parsed.fspaths ? Object.keys(parsed.fspaths) : [];
  } catch {
    return [];
  }
}

/**
 * Mount paths of a target StatefulSet's data volumes: claims of its volumeClaimTemplates, and
 * hostPath volumes mounted at their own host path (the AIS mountpath convention; the state
 * directory is mounted elsewhere and is no mountpath).
 */
function statefulSetMountpaths(statefulSet: Manifest): string[] {
  const podSpec = statefulSet.spec?.template?.spec ?? {};
  const claims = new Set<string>((statefulSet.spec?.volumeClaimTemplates ?? []).map((t: any) => t.metadata?.name));
  const hostPaths = new Map<string, string>((podSpec.volumes ?? []).filter((v: any) => v.hostPath).map((v: any) => [v.name, v.hostPath.path]));
  const paths: string[] = [];
  for (const container of [...(podSpec.containers ?? []), ...(podSpec.initContainers ?? [])]) {
    for (const mount of container.volumeMounts ?? []) {
      if (claims.has(mount.name) || hostPaths.get(mount.name) === mount.mountPath) paths.push(mount.mountPath);
    }
  }
  return paths;
}

/** Every mountpath of every AIS cluster in an output, with the objects that name it. */
export function mountpathIndex(manifests: readonly Manifest[]): MountpathIndex {
  const index: MountpathIndex = new Map();
  for (const m of manifests) {
    const release = aisRelease(m);
    if (!release) continue;
    const key = objectKey(m);
    if (isAisStatefulSet(m, 'target')) {
      for (const path of statefulSetMountpaths(m)) note(index, release, path, key);
    } else if (groupKind(m) === 'ConfigMap') {
      for (const value of Object.values(m.data ?? {})) for (const path of fspathsOf(value)) note(index, release, path, key);
    } else if (isAisClusterResource(m)) {
      for (const mount of m.spec?.targetSpec?.mounts ?? []) note(index, release, mount.path, key);
    }
  }
  return index;
}

/** Whether each release gives every target its own LoadBalancer (AIS external access). */
export function externalAccessByRelease(manifests: readonly Manifest[]): Map<string, { enabled: boolean; objects: string[] }> {
  const result = new Map<string, { enabled: boolean; objects: string[] }>();
  for (const release of releasesWithTargets(manifests)) result.set(release, { enabled: false, objects: [] });
  for (const m of manifests) {
    const release = aisRelease(m) ?? `${m.metadata.namespace ?? ''}/${m.metadata.name.replace(/-target-\d+$/, '')}`;
    const entry = result.get(release);
    if (!entry) continue;
    const enabled = isAisClusterResource(m)
      ? m.spec?.enableExternalLB === true || m.spec?.targetSpec?.externalAccess !== undefined
      : isPerTargetLoadBalancer(m);
    if (enabled) {
      entry.enabled = true;
      entry.objects.push(objectKey(m));
    }
  }
  return result;
}

/** `ais/demo` -> `AIS cluster demo (namespace ais)`. */
export function describeRelease(release: string): string {
  const [namespace, name] = release.split('/');
  return namespace ? `AIS cluster ${name} (namespace ${namespace})` : `AIS cluster ${name}`;
}

/** The aisnode image of an AIS workload object: a StatefulSet's `ais-node` container (standalone) or the AIStore's `nodeImage` (operator). */
function aisnodeImageOf(manifest: Manifest | undefined): string | undefined {
  if (!manifest) return undefined;
  if (isAisClusterResource(manifest)) return manifest.spec?.nodeImage;
  if (!isAisStatefulSet(manifest)) return undefined;
  return (manifest.spec?.template?.spec?.containers ?? []).find((c: { name?: string }) => c.name === 'ais-node')?.image;
}

/** An AIS cluster whose aisnode image the change replaces (the same object in both outputs: a renamed release is a new cluster). */
export interface AisnodeImageChange {
  /** `namespace/name` */
  readonly release: string;
  readonly previous: string;
  readonly next: string;
}

/** The aisnode image changes of a change set, one per release (the first of its updated proxy or target StatefulSets, or its AIStore). */
export function aisnodeImageChanges(changes: readonly ObjectChange[]): AisnodeImageChange[] {
  const byRelease = new Map<string, AisnodeImageChange>();
  for (const change of changes) {
    if (change.action !== 'updated') continue;
    const previous = aisnodeImageOf(change.previous);
    const next = aisnodeImageOf(change.next);
    const release = aisRelease(change.next!);
    if (previous === undefined || next === undefined || previous === next || release === undefined || byRelease.has(release)) continue;
    byRelease.set(release, { release, previous, next });
  }
  return [...byRelease.values()];
}
