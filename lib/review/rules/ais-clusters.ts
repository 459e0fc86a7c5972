import { Manifest, groupKind } from '../../k8s/manifest';
import { COMPONENT_LABEL, NAME_LABEL } from '../../k8s/app-labels';
import { isAisClusterResource, isAisStatefulSet, objectsByAisRelease } from '../../argo/roles';
import { mountpathIndex } from './ais-facts';
import { stateHostPath } from './state-directory-moved';
import { compareNames } from '../../k8s/name-order';
import { PROXY_SET_LABEL } from '../../ais/workloads/proxies';

/**
 * What the runbooks need to know about one AIS cluster, read from an output alone: its objects'
 * names, the nodes its node selectors pick, the local volumes per node. Standalone mode: our
 * StatefulSets; operator mode: the AIStore resource (the operator names its StatefulSets
 * `<name>-proxy` / `<name>-target`, ais-k8s docs/node_replacement.md).
 */
export interface AisClusterFacts {
  /** `namespace/name` */
  readonly release: string;
  readonly namespace: string;
  readonly name: string;
  readonly mode: 'standalone' | 'operator';
  /** the target StatefulSet's name (the operator's, in operator mode) */
  readonly targetStatefulSet: string;
  /** the proxy StatefulSets' names */
  readonly proxyStatefulSets: readonly string[];
  /** node labels that make a node a target / proxy node */
  readonly targetSelector: Readonly<Record<string, string>>;
  readonly proxySelector: Readonly<Record<string, string>>;
  /** Node objects of the output whose labels match the selectors, sorted */
  readonly targetNodes: readonly string[];
  readonly proxyNodes: readonly string[];
  /** local PersistentVolumes of the cluster, by node */
  readonly volumesByNode: ReadonlyMap<string, readonly string[]>;
  /** target count (StatefulSet replicas, or the AIStore's size) */
  readonly targets: number;
  /** target mountpaths */
  readonly mountpaths: readonly string[];
  /** HTTPS between clients and AIS (net.http.use_https) */
  readonly https: boolean;
  /** the cert-manager issuer of its certificate, `Kind/name` */
  readonly issuer?: string;
  /** operator mode: what the operator does to targets on scale-down (ais-k8s ScaleDownMode; default safe_decommission) */
  readonly scaleDownMode?: 'decommission' | 'safe_decommission' | 'retain';
  /** host directories holding the AIS state of its pods (one sub-directory per target pod) */
  readonly stateDirectories: readonly string[];
}

/** Whether labels carry every key of a non-empty selector. */
export const matches = (labels: Readonly<Record<string, string>> | undefined, selector: Readonly<Record<string, string>>) =>
  Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels?.[k] === v);

/** The hostname a local PersistentVolume is pinned to (its nodeAffinity). */
export function volumeNode(pv: Manifest): string | undefined {
  const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms ?? [];
  return terms.flatMap((t: any) => t.matchExpressions ?? []).find((e: any) => e.key === 'kubernetes.io/hostname')?.values?.[0];
}

/** The issuer of a cluster's certificate, as `Kind/name`. */
export function issuerOf(objects: readonly Manifest[], cluster: Manifest | undefined): string | undefined {
  const ref = cluster?.spec?.tls?.certificate?.issuerRef
    ?? objects.find((m) => groupKind(m) === 'cert-manager.io/Certificate' && !m.spec?.isCA)?.spec?.issuerRef;
  return ref ? `${ref.kind ?? 'Issuer'}/${ref.name}` : undefined;
}

/**
 * The node selectors of a cluster's targets and proxies: the AIStore resource's, else the pod
 * templates' (the proxies' from a set other than the one-pod initial-primary set, when there is one).
 */
export function roleSelectors(resource: Manifest | undefined, targetSet: Manifest | undefined, proxySets: readonly Manifest[]):
{ targetSelector: Record<string, string>; proxySelector: Record<string, string> } {
  const electable = proxySets.find((s) => s.metadata.labels?.[PROXY_SET_LABEL] !== 'primary') ?? proxySets[0];
  return {
    targetSelector: resource?.spec?.targetSpec?.nodeSelector ?? targetSet?.spec?.template?.spec?.nodeSelector ?? {},
    proxySelector: resource?.spec?.proxySpec?.nodeSelector ?? electable?.spec?.template?.spec?.nodeSelector ?? {},
  };
}

/** A cluster's local PersistentVolumes by the node each is pinned to, in name order. */
export function localVolumesByNode(manifests: readonly Manifest[], name: string): Map<string, string[]> {
  const byNode = new Map<string, string[]>();
  // volumes are cluster-scoped: they belong to the release by its name label
  const volumes = manifests.filter((m) => groupKind(m) === 'PersistentVolume' && m.metadata.labels?.[NAME_LABEL] === name);
  for (const pv of volumes.sort((a, b) => compareNames(a.metadata.name, b.metadata.name))) {
    const node = volumeNode(pv);
    if (node) byNode.set(node, (byNode.get(node) ?? []).concat(pv.metadata.name));
  }
  return byNode;
}

/** Every AIS cluster of an output, by release. */
export function aisClusters(manifests: readonly Manifest[]): Map<string, AisClusterFacts> {
  const byRelease = objectsByAisRelease(manifests);
  const nodes = manifests.filter((m) => groupKind(m) === 'Node');
  const mountpaths = mountpathIndex(manifests);
  const clusters = new Map<string, AisClusterFacts>();
  for (const [release, objects] of byRelease) {
    const resource = objects.find(isAisClusterResource);
    const targetSet = objects.find((m) => isAisStatefulSet(m, 'target'));
    if (!resource && !targetSet) continue;
    const [namespace, name] = release.split('/');
    const proxySets = objects.filter((m) => isAisStatefulSet(m, 'proxy'));
    const { targetSelector, proxySelector } = roleSelectors(resource, targetSet, proxySets);
    const volumesByNode = localVolumesByNode(manifests, name);
    const text = JSON.stringify(objects.filter((m) => groupKind(m) === 'ConfigMap' || isAisClusterResource(m)));
    clusters.set(release, {
      release,
      namespace,
      name,
      mode: resource ? 'operator' : 'standalone',
      targetStatefulSet: targetSet?.metadata.name ?? `${name}-target`,
      proxyStatefulSets: proxySets.length > 0 ? proxySets.map((s) => s.metadata.name).sort() : [`${name}-proxy`],
      targetSelector,
      proxySelector,
      targetNodes: nodes.filter((n) => matches(n.metadata.labels, targetSelector)).map((n) => n.metadata.name).sort(),
      proxyNodes: nodes.filter((n) => matches(n.metadata.labels, proxySelector)).map((n) => n.metadata.name).sort(),
      volumesByNode,
      targets: resource ? (resource.spec?.targetSpec?.size ?? resource.spec?.size ?? 0) : (targetSet?.spec?.replicas ?? 1),
      mountpaths: [...(mountpaths.get(release)?.keys() ?? [])].sort(),
      https: /\\?"use_https\\?":\s*true/.test(text) || resource?.spec?.tls !== undefined,
      issuer: issuerOf(objects, resource),
      scaleDownMode: resource ? (resource.spec?.targetSpec?.scaleDownMode ?? 'safe_decommission') : undefined,
      stateDirectories: resource
        ? [resource.spec?.stateStorage?.hostPath?.prefix ?? resource.spec?.hostpathPrefix].filter((p): p is string => !!p)
        : [...new Set([...proxySets, ...(targetSet ? [targetSet] : [])].map(stateHostPath).filter((p): p is string => !!p))].sort(),
    });
  }
  return clusters;
}

/** `kubectl get pod` selecting the cluster's pods of one role. */
export function podSelector(cluster: AisClusterFacts, role: 'proxy' | 'target'): string {
  return `${NAME_LABEL}=${cluster.name},${COMPONENT_LABEL}=${role}`;
}
