import { aisClusterProblems } from '../ais/cluster-checks';
import { aisClusterProps } from '../from-config/ais';
import { aisNames } from '../ais/names';
import { AIS_NODE_LABEL_ROLES } from '../ais/nodes/node-label-scheme';
import { aisOperatorClusterProps } from '../from-config/ais-operator';
import { auristorClientProblems } from '../auristor/client-checks';
import { resolveNodeGroup } from '../auristor/group';
import { auristorClientProps } from '../from-config/auristor';
import { GROUP_LABEL } from '../auristor/names';
import type { ClusterConfig } from './schema';

/** A problem found on the props built from a config, at the config key it comes from. */
export interface ConfigPathProblem {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

type AisSection = NonNullable<ClusterConfig['ais']>;

/** The config key an {@link aisClusterProps} prop path comes from (the adapter's inverse). */
function aisConfigPath(path: readonly PropertyKey[], config: ClusterConfig, ais: AisSection): PropertyKey[] {
  const [head, ...rest] = path;
  switch (head) {
    case 'name': case 'namespace': return [head];
    case 'proxyNodes': return ['ais', 'proxies', 'nodes', ...rest];
    case 'initialPrimaryNode': return ['ais', 'proxies', 'initialPrimary'];
    case 'proxyResources': return ['ais', 'proxies', 'resources', ...rest];
    case 'targetNodes': return ['ais', 'targets', 'nodes', ...rest];
    case 'mountpaths': return ['ais', 'targets', 'mountpaths', ...rest];
    case 'storageClassName': return ['ais', 'targets', 'storageClass'];
    case 'targetResources': return ['ais', 'targets', 'resources', ...rest];
    case 'externalLoadBalancers': return ['ais', 'externalLB'];
    case 'nodeLabels': {
      const [role, field] = rest as [keyof AisSection['nodeLabels'], string];
      // a default value is derived from the release name: point there
      const explicit = (config.ais?.nodeLabels[role] as { value?: string } | undefined)?.value;
      return field === 'value' && explicit === undefined ? ['name'] : ['ais', 'nodeLabels', ...rest];
    }
    case 'tls': return ['ais', 'tls', ais.tls?.csi ? 'csi' : 'certManager', ...rest.slice(1)];
    default: return ['ais', head, ...rest];
  }
}

/** The config key an {@link auristorClientProps} prop path comes from (the adapter's inverse). */
function auristorConfigPath(path: readonly PropertyKey[]): PropertyKey[] {
  const [head, ...rest] = path;
  switch (head) {
    case 'csiNamespace': return ['auristor', 'csi', 'namespace'];
    case 'sroOperatorNamespace': return ['auristor', 'sro', 'operatorNamespace'];
    case 'sroOperatorServiceAccounts': return ['auristor', 'sro', 'serviceAccounts', ...rest];
    case 'clientConfig': return ['auristor', 'clientConfig', rest[0] === 'cellServDbConfigMap' ? 'cellServDb' : rest[0]];
    default: return ['auristor', head, ...rest];
  }
}

/** AIS node labels whose key is the AuriStorFS group label on a node that is in a group. */
function groupLabelClashes(config: ClusterConfig): ConfigPathProblem[] {
  const ais = config.ais;
  const groups = config.auristor?.groups ?? [];
  if (!ais || groups.length === 0) return [];
  const grouped = new Set(groups.flatMap((group) => resolveNodeGroup(group).nodes));
  const aisNodes = [...ais.proxies.nodes, ...ais.targets.nodes];
  const shared = aisNodes.find((node) => grouped.has(node));
  if (shared === undefined) return [];
  return AIS_NODE_LABEL_ROLES.filter((role) => ais.nodeLabels[role].key === GROUP_LABEL).map((role) => ({
    path: ['ais', 'nodeLabels', role, 'key'],
    message: `${GROUP_LABEL} is the AuriStorFS node-group label, and node ${shared} is both an AIS node and in an AuriStorFS group: `
      + 'a node holds one value per key; use another key for the AIS label',
  }));
}

/**
 * Objects both sections would emit under one name (Argo CD cannot sync one object from two
 * manifests): the namespace, the local StorageClass, local PersistentVolumes. Each problem names both inputs.
 */
function crossSectionClashes(config: ClusterConfig): ConfigPathProblem[] {
  const ais = config.ais;
  const auristor = config.auristor;
  if (!ais || !auristor) return [];
  const problems: ConfigPathProblem[] = [];
  auristor.groups.forEach((group, index) => {
    if (resolveNodeGroup(group).namespace !== config.namespace) return;
    problems.push({ path: ['auristor', 'groups', index, group.namespace !== undefined ? 'namespace' : 'name'],
      message: `namespace ${config.namespace} is also the AIS cluster's namespace (namespace:); give the group its own namespace` });
  });
  if (auristor.delivery !== 'sro' && auristor.csi.namespace === config.namespace) {
    problems.push({ path: ['auristor', 'csi', 'namespace'],
      message: `namespace ${config.namespace} is also the AIS cluster's namespace (namespace:); give the AuriStorFS CSI controller its own namespace` });
  }
  if (ais.targets.storage !== 'localPV') return problems;
  const localClass = ais.targets.storageClass ?? aisNames.localStorageClass(config.name);
  auristor.storageClasses.forEach((storageClass, index) => {
    if (storageClass.name !== localClass) return;
    problems.push({ path: ['auristor', 'storageClasses', index, 'name'],
      message: `StorageClass ${localClass} is also the AIS local StorageClass (${ais.targets.storageClass !== undefined ? 'ais.targets.storageClass' : 'from name'}); rename one` });
  });
  if (ais.mode === 'operator') return problems;
  const paths = ais.targets.mountpaths.map((m) => (typeof m === 'string' ? m : m.path));
  auristor.persistentVolumes.forEach((volume, index) => {
    const node = ais.targets.nodes.find((n) => paths.some((p) => aisNames.localVolume(config.name, n, p) === volume.name));
    if (node === undefined) return;
    problems.push({ path: ['auristor', 'persistentVolumes', index, 'name'],
      message: `PersistentVolume ${volume.name} is also the name of an AIS local PV (node ${node}, from name, ais.targets.nodes and mountpaths); rename it` });
  });
  return problems;
}

/**
 * The construct-level rules (names and labels within the API server's limits, cross-field rules)
 * run on the props this config builds, reported at the config keys they come from. The constructs
 * run the same functions on the same props.
 */
export function configPropProblems(config: ClusterConfig): ConfigPathProblem[] {
  const problems: ConfigPathProblem[] = [];
  const ais = config.ais;
  if (ais) {
    const standalone = ais.mode !== 'operator';
    const props = standalone ? aisClusterProps(config) : aisOperatorClusterProps(config);
    for (const problem of aisClusterProblems(props, standalone)) {
      problems.push({ path: aisConfigPath(problem.path, config, ais), message: problem.message });
    }
  }
  if (config.auristor) {
    for (const problem of auristorClientProblems(auristorClientProps(config.auristor))) {
      problems.push({ path: auristorConfigPath(problem.path), message: problem.message });
    }
  }
  problems.push(...groupLabelClashes(config), ...crossSectionClashes(config));
  return problems;
}
