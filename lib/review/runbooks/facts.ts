import { Manifest, groupKind } from '../../k8s/manifest';
import { COMPONENT_LABEL, NAME_LABEL } from '../../k8s/app-labels';
import { isAisClusterResource, isAisStatefulSet, objectsByAisRelease } from '../../argo/roles';
import { CONFIG_PATHS, RESTART_HASH_ANNOTATION } from '../../ais/workloads/config-maps';
import { PROXY_SET_LABEL } from '../../ais/workloads/proxies';
import { mountpathIndex } from '../rules/ais-facts';
import { issuerOf, localVolumesByNode, matches, roleSelectors } from '../rules/ais-clusters';
import { stateHostPath } from '../rules/state-directory-moved';
import { compareNames } from '../../k8s/name-order';

/**
 * What the runbooks need to know about one AIS cluster, read from an output alone (the review reads
 * manifests only): its objects' names, the nodes its node selectors pick and their labels, the pods,
 * the local volumes per node, the disk marker, the cluster config, the Argo CD Application that
 * syncs it. Standalone mode: our StatefulSets; operator mode: the AIStore resource (the operator
 * names its StatefulSets `<name>-proxy` / `<name>-target`, ais-k8s docs/node_replacement.md).
 */
export interface ReleaseFacts {
  /** `namespace/name` */
  readonly release: string;
  readonly namespace: string;
  readonly name: string;
  readonly mode: 'standalone' | 'operator';
  /** the target StatefulSet's name (the operator's, in operator mode) */
  readonly targetStatefulSet: string;
  /** the proxy StatefulSets, the one that bootstraps the cluster (`primary_url` names its pod) first */
  readonly proxySets: ReadonlyArray<{ readonly name: string; readonly replicas: number }>;
  /** label selector of each role's pods */
  readonly podSelectors: Readonly<Record<'proxy' | 'target', string>>;
  /** node labels that make a node a target / proxy node */
  readonly targetSelector: Readonly<Record<string, string>>;
  readonly proxySelector: Readonly<Record<string, string>>;
  /** nodes whose labels match the selectors, sorted */
  readonly targetNodes: readonly string[];
  readonly proxyNodes: readonly string[];
  /** the AIS labels of every node of the cluster */
  readonly nodeLabels: ReadonlyMap<string, Readonly<Record<string, string>>>;
  /** the labels come from label-nodes.sh, not Node objects: a sync neither adds nor removes them */
  readonly labelsByScript: boolean;
  /** local PersistentVolumes of the cluster, by node */
  readonly volumesByNode: ReadonlyMap<string, readonly string[]>;
  /** claim templates of the target StatefulSet (a pod's claim is `<template>-<pod>`) */
  readonly claimTemplates: readonly string[];
  /** target count (StatefulSet replicas, or the AIStore's size) */
  readonly targets: number;
  /** proxy count */
  readonly proxies: number;
  /** target mountpaths */
  readonly mountpaths: readonly string[];
  /** label of each mountpath in the target local config (`fspaths` value), when not empty */
  readonly mountpathLabels: ReadonlyMap<string, string>;
  /** directory every mountpath must hold before a target starts (the `disk-check` hostPath volumes), standalone */
  readonly diskMarker?: string;
  /** pod sysctls of the AIS pods (kubelet must allow them) */
  readonly podSysctls: readonly string[];
  /** HTTPS between clients and AIS (net.http.use_https) */
  readonly https: boolean;
  /** the cert-manager issuer of its certificate, `Kind/name` */
  readonly issuer?: string;
  /** operator mode: what the operator does to targets on scale-down (ais-k8s ScaleDownMode; default safe_decommission) */
  readonly scaleDownMode?: 'decommission' | 'safe_decommission' | 'retain';
  /** host directories holding the AIS state of its pods (one sub-directory per pod) */
  readonly stateDirectories: readonly string[];
  /** the host directory of each role's state volume, and whether each pod has a sub-directory of it (`subPathExpr`) */
  readonly stateDirs: Readonly<Partial<Record<'proxy' | 'target', { readonly path: string; readonly perPod: boolean }>>>;
  /** the target PodDisruptionBudget */
  readonly disruptionBudget?: { readonly name: string; readonly maxUnavailable: number | string };
  /** aisnode and ais-init images */
  readonly images: { readonly aisnode?: string; readonly init?: string };
  /** the cluster config the output gives AIS (`ais.json`; operator: `configToUpdate`) */
  readonly clusterConfig: Readonly<Record<string, unknown>>;
  /** the restart-hash annotation of each role's pod template (a hash of its local config) */
  readonly restartHashes: Readonly<Partial<Record<'proxy' | 'target', string>>>;
  /** the Argo CD Application that syncs the AIS objects, and its parent (app of apps) */
  readonly argo?: ArgoFacts;
}

/** An Argo CD Application of the output. */
export interface ArgoAppFacts {
  readonly name: string;
  /** automated sync as Git has it; undefined: manual sync */
  readonly automated?: { readonly prune: boolean; readonly selfHeal: boolean };
}

/** The Applications that sync a cluster: `app` its objects, `parent` the Application of `app` (layout appOfApps). */
export interface ArgoFacts {
  readonly app: ArgoAppFacts;
  readonly parent?: ArgoAppFacts;
}

const podTemplate = (set: Manifest | undefined) => set?.spec?.template?.spec ?? {};
const container = (set: Manifest | undefined, name: string) => (podTemplate(set).containers ?? []).concat(podTemplate(set).initContainers ?? []).find((c: any) => c.name === name);

/** The disk marker: the `disk-check-*` hostPath volumes point at `<mountpath>/<marker>` (lib/ais/workloads/targets.ts). */
function diskMarker(targetSet: Manifest | undefined, mountpaths: readonly string[]): string | undefined {
  for (const volume of podTemplate(targetSet).volumes ?? []) {
    if (!String(volume.name).startsWith('disk-check-') || !volume.hostPath?.path) continue;
    const mountpath = mountpaths.find((m) => volume.hostPath.path.startsWith(`${m}/`));
    if (mountpath) return volume.hostPath.path.slice(mountpath.length + 1);
  }
  return undefined;
}

/** The state volume of a StatefulSet: its host path and whether each pod has its own sub-directory. */
function stateDir(set: Manifest | undefined): { path: string; perPod: boolean } | undefined {
  if (!set) return undefined;
  const path = stateHostPath(set);
  if (!path) return undefined;
  const mount = (podTemplate(set).containers ?? []).flatMap((c: any) => c.volumeMounts ?? []).find((m: any) => m.mountPath === CONFIG_PATHS.stateDir);
  return { path, perPod: typeof mount?.subPathExpr === 'string' && mount.subPathExpr.includes('MY_POD') };
}

/** The `ais.json` of a cluster's global ConfigMap, parsed. */
function clusterConfigOf(objects: readonly Manifest[], name: string, resource: Manifest | undefined): Record<string, unknown> {
  if (resource) return resource.spec?.configToUpdate ?? {};
  const global = objects.find((m) => groupKind(m) === 'ConfigMap' && m.metadata.name === `${name}-global-cm`);
  try {
    return JSON.parse(global?.data?.[CONFIG_PATHS.clusterFile] ?? '{}');
  } catch {
    return {};
  }
}

/** The labels a node-label script (label-nodes.sh) sets: `kubectl label node NODE KEY=VALUE... --overwrite` lines. */
export function labelScriptNodes(script: string | undefined): Manifest[] {
  const nodes: Manifest[] = [];
  for (const line of (script ?? '').split('\n')) {
    const match = /^kubectl label node (\S+) (.*?) --overwrite$/.exec(line.trim());
    if (!match) continue;
    const labels = Object.fromEntries(match[2].split(/\s+/).map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
    nodes.push({ apiVersion: 'v1', kind: 'Node', metadata: { name: match[1], labels, annotations: { [LABELLED_BY_SCRIPT]: 'true' } } });
  }
  return nodes;
}

/** Marks the Node objects read from label-nodes.sh (no object of the output). */
export const LABELLED_BY_SCRIPT = 'cdk8s-storage.io/labelled-by-script';

function argoFacts(manifests: readonly Manifest[], release: string): ArgoFacts | undefined {
  const apps = manifests.filter((m) => groupKind(m) === 'argoproj.io/Application' && m.metadata.labels?.[NAME_LABEL] === release);
  const facts = (m: Manifest): ArgoAppFacts => {
    const automated = m.spec?.syncPolicy?.automated;
    return { name: m.metadata.name, automated: automated ? { prune: automated.prune === true, selfHeal: automated.selfHeal !== false } : undefined };
  };
  const child = apps.find((m) => m.metadata.name === `${release}-ais`);
  const root = apps.find((m) => m.metadata.name === release);
  if (child) return { app: facts(child), parent: root ? facts(root) : undefined };
  return root ? { app: facts(root) } : undefined;
}

/**
 * Every AIS cluster of an output, by release (`namespace/name`).
 * @param scriptNodes Node objects read from the output's label-nodes.sh (see {@link labelScriptNodes})
 */
export function releaseFacts(manifests: readonly Manifest[], scriptNodes: readonly Manifest[] = []): Map<string, ReleaseFacts> {
  const byRelease = objectsByAisRelease(manifests);
  const nodeObjects = manifests.filter((m) => groupKind(m) === 'Node');
  const mountpaths = mountpathIndex(manifests);
  const clusters = new Map<string, ReleaseFacts>();
  for (const [release, objects] of byRelease) {
    const resource = objects.find(isAisClusterResource);
    const targetSet = objects.find((m) => isAisStatefulSet(m, 'target'));
    if (!resource && !targetSet) continue;
    const [namespace, name] = release.split('/');
    const proxySets = objects.filter((m) => isAisStatefulSet(m, 'proxy'))
      .sort((a, b) => Number(b.metadata.labels?.[PROXY_SET_LABEL] === 'primary') - Number(a.metadata.labels?.[PROXY_SET_LABEL] === 'primary')
        || compareNames(a.metadata.name, b.metadata.name));
    const { targetSelector, proxySelector } = roleSelectors(resource, targetSet, proxySets);
    // the AIS labels are in Node objects of the output, or (nodeLabels.output: script) only in label-nodes.sh
    const ours = (n: Manifest) => matches(n.metadata.labels, targetSelector) || matches(n.metadata.labels, proxySelector);
    const labelsByScript = !nodeObjects.some(ours) && scriptNodes.some(ours);
    const nodes = labelsByScript ? scriptNodes : nodeObjects;
    const volumesByNode = localVolumesByNode(manifests, name);
    const text = JSON.stringify(objects.filter((m) => groupKind(m) === 'ConfigMap' || isAisClusterResource(m)));
    const paths = [...(mountpaths.get(release)?.keys() ?? [])].sort();
    const targetConfig = objects.find((m) => groupKind(m) === 'ConfigMap' && m.metadata.name === `${name}-target`);
    let fspaths: Record<string, string> = {};
    try {
      fspaths = JSON.parse(targetConfig?.data?.[CONFIG_PATHS.localFile] ?? '{}').fspaths ?? {};
    } catch { /* no labels */ }
    const ourNodes = nodes.filter(ours);
    const proxyReplicas = resource ? (resource.spec?.proxySpec?.size ?? resource.spec?.size ?? 0) : proxySets.reduce((sum, s) => sum + (s.spec?.replicas ?? 1), 0);
    const aisNode = container(targetSet, 'ais-node') ?? container(proxySets[0], 'ais-node');
    clusters.set(release, {
      release,
      namespace,
      name,
      mode: resource ? 'operator' : 'standalone',
      targetStatefulSet: targetSet?.metadata.name ?? `${name}-target`,
      proxySets: resource ? [{ name: `${name}-proxy`, replicas: proxyReplicas }]
        : proxySets.map((s) => ({ name: s.metadata.name, replicas: s.spec?.replicas ?? 1 })),
      podSelectors: {
        proxy: `${NAME_LABEL}=${name},${COMPONENT_LABEL}=proxy`,
        target: `${NAME_LABEL}=${name},${COMPONENT_LABEL}=target`,
      },
      targetSelector,
      proxySelector,
      targetNodes: nodes.filter((n) => matches(n.metadata.labels, targetSelector)).map((n) => n.metadata.name).sort(),
      proxyNodes: nodes.filter((n) => matches(n.metadata.labels, proxySelector)).map((n) => n.metadata.name).sort(),
      nodeLabels: new Map(ourNodes.map((n) => [n.metadata.name, n.metadata.labels ?? {}])),
      labelsByScript,
      volumesByNode,
      claimTemplates: (targetSet?.spec?.volumeClaimTemplates ?? []).map((t: any) => t.metadata?.name).filter(Boolean),
      targets: resource ? (resource.spec?.targetSpec?.size ?? resource.spec?.size ?? 0) : (targetSet?.spec?.replicas ?? 1),
      proxies: proxyReplicas,
      mountpaths: paths,
      mountpathLabels: new Map(Object.entries(fspaths).filter(([, label]) => typeof label === 'string' && label !== '')),
      diskMarker: diskMarker(targetSet, paths),
      podSysctls: [...new Set([...proxySets, ...(targetSet ? [targetSet] : [])].flatMap((s) => (podTemplate(s).securityContext?.sysctls ?? []).map((x: any) => x.name)))].sort(),
      https: /\\?"use_https\\?":\s*true/.test(text) || resource?.spec?.tls !== undefined,
      issuer: issuerOf(objects, resource),
      scaleDownMode: resource ? (resource.spec?.targetSpec?.scaleDownMode ?? 'safe_decommission') : undefined,
      stateDirectories: resource
        ? [resource.spec?.stateStorage?.hostPath?.prefix ?? resource.spec?.hostpathPrefix].filter((p): p is string => !!p)
        : [...proxySets, ...(targetSet ? [targetSet] : [])].map(stateHostPath).filter((p): p is string => !!p).filter((p, i, all) => all.indexOf(p) === i).sort(),
      stateDirs: resource ? {} : { proxy: stateDir(proxySets[0]), target: stateDir(targetSet) },
      disruptionBudget: (() => {
        const pdb = objects.find((m) => groupKind(m) === 'policy/PodDisruptionBudget' && m.metadata.labels?.[COMPONENT_LABEL] === 'target');
        return pdb ? { name: pdb.metadata.name, maxUnavailable: pdb.spec?.maxUnavailable ?? 1 } : undefined;
      })(),
      images: resource
        ? { aisnode: resource.spec?.nodeImage, init: resource.spec?.initImage }
        : { aisnode: aisNode?.image, init: container(targetSet, 'populate-env')?.image ?? container(proxySets[0], 'populate-env')?.image },
      clusterConfig: clusterConfigOf(objects, name, resource),
      restartHashes: {
        proxy: proxySets[0]?.spec?.template?.metadata?.annotations?.[RESTART_HASH_ANNOTATION],
        target: targetSet?.spec?.template?.metadata?.annotations?.[RESTART_HASH_ANNOTATION],
      },
      argo: argoFacts(manifests, name),
    });
  }
  return clusters;
}

/** The pods of a cluster's role, by StatefulSet ordinal (proxies: the bootstrap set first). */
export function podsOf(facts: ReleaseFacts, role: 'proxy' | 'target'): string[] {
  if (role === 'target') return Array.from({ length: facts.targets }, (_, i) => `${facts.targetStatefulSet}-${i}`);
  return facts.proxySets.flatMap((s) => Array.from({ length: s.replicas }, (_, i) => `${s.name}-${i}`));
}

/** A pod's claim of a volume claim template (Kubernetes names it `<template>-<pod>`). */
export const claimName = (template: string, pod: string) => `${template}-${pod}`;
