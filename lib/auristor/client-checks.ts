import {
  dns1123LabelProblem, dns1123SubdomainProblem, labelValueProblem, objectNameProblem, qualifiedNameProblem,
} from '../k8s/names';
import { tolerationProblems } from '../k8s/tolerations';
import { Footprint, NodeLabelClaim, ObjectClaim } from '../props/footprint';
import { PropProblem, nested, propRef } from '../props/problems';
import type { AuristorClientOptions, AuristorClientProps } from './client-props';
import { CSI_CLUSTER_ROLE_SIDECARS, csiClusterRoleBindingName, csiClusterRoleName } from './csi/csi-rbac';
import { DEFAULT_CSI_NAMESPACE } from './defaults';
import { AuristorNodeGroup, ResolvedNodeGroup, resolveNodeGroup } from './group';
import { KmodDelivery, SroVersion } from './kmod/delivery';
import { kmodImageTagProblem } from './kmod/kernel-image';
import { kmodDaemonSetNameProblem } from './kmod/kmod-daemonset';
import { KMM_MODULE_NAME, kmmModuleNameProblem, kmmModuleVersionLabel, kmmReadyLabel, kmmVersionReadyLabel } from './kmod/kmm-labels';
import { specialResourceNameProblem, sroChartConfigMapName } from './kmod/special-resource';
import { GROUP_LABEL } from './names';
import { groupNodeLabels, kmmModuleVersion } from './node-labels';
import type { AuristorToleration } from './tolerations';

/**
 * The AuriStorFS rulebook: every rule the props of an {@link AuristorClient} must follow before any object
 * is built: the kmod delivery's needs (KMM-layout images and their registry, one CSI controller version),
 * the node groups (nodes or a selector, kernels that fit AuriStor's image tags, pinned nodes, no conflicts
 * between groups) and the API server's (SRO's, KMM's) limits on every name and label derived from the props,
 * computed with the constructs' own naming functions. The constructs throw with these problems (prop paths);
 * the config loader reports them at the YAML keys the props came from (lib/from-config/check.ts).
 */

type Problems = PropProblem[];

/** The first problem of the named objects, as [kind, name]. */
function firstNameProblem(named: ReadonlyArray<readonly [string, string]>): string | undefined {
  return named.map(([kind, name]) => objectNameProblem(kind, name)).find((p) => p !== undefined);
}

/** Reports the later occurrences of repeated items at `[field, index]`. */
function uniqueItems(items: readonly string[], field: string, what: string, problems: Problems): void {
  items.forEach((item, index) => {
    if (items.indexOf(item) !== index) problems.push({ path: [field, index], message: `${what} ${item} is listed twice` });
  });
}

/**
 * What is wrong with a group's `pinnedNodes`: they need kmm delivery, a node list, listed nodes and a version other
 * than the Module's (KMM v2.6.0 `internal/controllers/module_reconciler.go` prepareNodeSchedulingData compares the
 * node's label with the Module's `version`, which is `kmodVersion[-r<kmmRevision>]`).
 */
function pinnedNodeProblems(group: AuristorNodeGroup, delivery: KmodDelivery): PropProblem[] {
  const resolved = resolveNodeGroup(group);
  const moduleVersion = kmmModuleVersion(resolved, delivery);
  const problems: Problems = [];
  for (const [node, version] of Object.entries(resolved.pinnedNodes)) {
    const path = ['pinnedNodes', node];
    if (delivery !== KmodDelivery.KMM) {
      problems.push({ path, message: `pinnedNodes is KMM's ordered upgrade and needs delivery kmm, not ${delivery}` });
    } else if (!resolved.nodes.includes(node)) {
      problems.push({ path, message: `node ${node} is not in the group's nodes; only nodes we label can be pinned` });
    } else if (version === moduleVersion) {
      problems.push({ path, message: `node ${node} is pinned to ${version}, the version of the group's Module`
        + `${resolved.kmmRevision > 0 ? ` (kmodVersion-r${resolved.kmmRevision})` : ' (its kmodVersion)'}: remove it from pinnedNodes` });
    } else {
      const invalid = labelValueProblem(version, 'pinned version (a node label value)');
      if (invalid) problems.push({ path, message: invalid });
    }
  }
  return problems;
}

/** The namespace of a group and the names derived from it (SpecialResource, chart ConfigMap, KMM Module and its node labels). */
function groupNamespaceProblem(namespace: string, delivery: KmodDelivery): string | undefined {
  let problem = objectNameProblem('Namespace', namespace);
  if (!problem && delivery === KmodDelivery.SRO) {
    problem = specialResourceNameProblem(namespace) ?? objectNameProblem('ConfigMap', sroChartConfigMapName(namespace));
  }
  if (!problem && delivery === KmodDelivery.KMM) {
    problem = kmmModuleNameProblem(namespace, KMM_MODULE_NAME)
      ?? [kmmReadyLabel, kmmModuleVersionLabel, kmmVersionReadyLabel].map((label) => qualifiedNameProblem(label(namespace, KMM_MODULE_NAME), 'KMM node label key'))
        .find((p) => p !== undefined);
  }
  return problem;
}

/**
 * The rules of one node group, at paths inside the group (`['namespace']`, `['kernels', 2]`...): its
 * name, namespace and derived names, nodes or a selector, kernels, the KMM version label, pinned nodes.
 * {@link AuristorGroupResources} runs them on its group.
 */
export function auristorGroupProblems(group: AuristorNodeGroup, delivery: KmodDelivery): PropProblem[] {
  const problems: Problems = [];
  const resolved = resolveNodeGroup(group);
  const name = dns1123LabelProblem(group.name, 'group name') ?? labelValueProblem(group.name, 'group label value');
  if (name) problems.push({ path: ['name'], message: name });
  // a default namespace is derived from the group name: report it there
  const namespace = groupNamespaceProblem(resolved.namespace, delivery);
  if (namespace && !name) {
    const derived = group.namespace !== undefined ? '' : ' (the default namespace auristorfs-<name> comes from the group name)';
    problems.push({ path: [group.namespace !== undefined ? 'namespace' : 'name'], message: `${namespace}${derived}; shorten the group's namespace` });
  }
  if (group.nodes !== undefined && group.nodeSelector !== undefined) {
    problems.push({ path: ['nodeSelector'], message: 'give the group\'s nodes or a nodeSelector, not both' });
  } else if (group.nodeSelector !== undefined && Object.keys(group.nodeSelector).length === 0) {
    problems.push({ path: ['nodeSelector'], message: 'an empty nodeSelector would select every node' });
  }
  if (group.nodes?.length === 0) problems.push({ path: ['nodes'], message: 'at least one node' });
  resolved.nodes.forEach((node, index) => {
    const problem = objectNameProblem('Node', node);
    if (problem) problems.push({ path: ['nodes', index], message: problem });
  });
  uniqueItems(resolved.nodes, 'nodes', 'node', problems);
  for (const [key, value] of Object.entries(group.nodeSelector ?? {})) {
    const problem = qualifiedNameProblem(key, 'label key') ?? labelValueProblem(value);
    if (problem) problems.push({ path: ['nodeSelector', key], message: problem });
  }
  if (group.kernels.length === 0) problems.push({ path: ['kernels'], message: 'at least one kernel (uname -r of the group\'s nodes)' });
  group.kernels.forEach((kernel, index) => {
    // the value of the node label feature.node.kubernetes.io/kernel-version.full the kmod pods select on
    const problem = labelValueProblem(kernel, 'kernel (a node label value)') ?? kmodImageTagProblem(kernel)
      ?? (delivery === KmodDelivery.STATIC ? kmodDaemonSetNameProblem(kernel) : undefined);
    if (problem) problems.push({ path: ['kernels', index], message: problem });
  });
  uniqueItems(group.kernels, 'kernels', 'kernel', problems);
  problems.push(...kmmVersionProblems(resolved, delivery));
  problems.push(...pinnedNodeProblems(group, delivery));
  problems.push(...tolerationListProblems(group.tolerations, ['tolerations'], delivery));
  return problems;
}

/**
 * The Module version of KMM's ordered upgrade: `kmmRevision` needs it (kmm delivery, a node list) and is a whole
 * number; the version `kmodVersion[-r<kmmRevision>]` is the value of a node label.
 */
function kmmVersionProblems(group: ResolvedNodeGroup, delivery: KmodDelivery): PropProblem[] {
  const revision = group.kmmRevision;
  if (!Number.isInteger(revision) || revision < 0) return [{ path: ['kmmRevision'], message: `kmmRevision ${revision} is not a whole number ≥ 0` }];
  const version = kmmModuleVersion(group, delivery);
  if (version === undefined) {
    return revision > 0 ? [{ path: ['kmmRevision'], message: "kmmRevision revises the version of KMM's ordered upgrade, which needs delivery kmm "
      + `and a group given by nodes (${delivery !== KmodDelivery.KMM ? `delivery is ${delivery}` : 'this group has a nodeSelector'})` }] : [];
  }
  const problem = revision > 0
    ? labelValueProblem(version, `the Module version kmodVersion-r${revision} (the KMM version node label value)`)
    : labelValueProblem(version, 'kmodVersion (the KMM version node label value)');
  return problem ? [{ path: [revision > 0 ? 'kmmRevision' : 'kmodVersion'], message: problem }] : [];
}

/**
 * A list of tolerations (the client's or a group's): kmm and static only (SRO serves no tainted node, whatever its
 * pods tolerate: openshift/special-resource-operator release-4.9/4.10 `pkg/cache/cache.go` Nodes, release-4.11
 * `pkg/clients/clients.go` GetNodesByLabels; AuriStor's chart sets none), each entry as the API server and KMM's
 * webhook take it, without `tolerationSeconds`.
 */
function tolerationListProblems(tolerations: readonly AuristorToleration[] | undefined, path: readonly PropertyKey[], delivery: KmodDelivery): PropProblem[] {
  if (tolerations === undefined) return [];
  if (delivery === KmodDelivery.SRO) {
    return tolerations.length === 0 ? [] : [{ path, message: 'delivery sro cannot serve tainted nodes: SRO skips every node with a NoSchedule or NoExecute '
      + 'taint whatever the pods tolerate (pkg/cache/cache.go Nodes), and AuriStor\'s chart sets no tolerations. Use delivery kmm or static, '
      + 'or remove the taints from the group\'s nodes' }];
  }
  return tolerations.flatMap((toleration, index) => {
    const problems: Problems = tolerationProblems(toleration).filter((p) => p.field !== 'tolerationSeconds')
      .map((p) => ({ path: [...path, index, p.field], message: p.message }));
    if (toleration.tolerationSeconds !== undefined) {
      problems.push({ path: [...path, index, 'tolerationSeconds'], message: 'tolerationSeconds is not accepted: the taint manager would evict a kmod pod '
        + 'after that time, and its preStop hook unloads yfs under pods that may still use it (KMM keeps serving the node meanwhile); '
        + 'tolerate the taint without a time limit, or do not tolerate it' });
    }
    return problems;
  });
}

/**
 * SRO and several groups: SRO 4.9 and 4.10 keep one node list for every SpecialResource, re-listed only when a
 * polled DaemonSet's count differs (release-4.9/4.10 `pkg/cache/cache.go` Nodes, `pkg/poll/poll.go`
 * ForDaemonSetCallback), so a second group's SpecialResource renders kmod DaemonSets for the first group's kernels;
 * 4.11 lists nodes per SpecialResource. With two or more groups the release must be named, and be 4.11 or later.
 */
function checkSroVersion(props: AuristorClientProps, problems: Problems): void {
  if (props.delivery !== KmodDelivery.SRO) return;
  if (props.sroVersion !== undefined && !Object.values(SroVersion).includes(props.sroVersion)) {
    problems.push({ path: ['sroVersion'], message: `SRO release ${JSON.stringify(props.sroVersion)} is not one of ${Object.values(SroVersion).join(', ')}` });
    return;
  }
  if (props.groups.length < 2) return;
  const at = ['groups', 1, 'name'];
  if (props.sroVersion === undefined) {
    problems.push({ path: at, message: `with two or more groups, say which SRO release runs (${propRef('sroVersion')}: "4.11" for 4.11 and later): `
      + 'SRO 4.9 and 4.10 cannot serve several groups' });
  } else if (props.sroVersion !== SroVersion.V4_11) {
    problems.push({ path: at, message: `SRO ${props.sroVersion} keeps one node list for every SpecialResource (pkg/cache/cache.go), so group `
      + `${props.groups[1].name}'s SpecialResource can render kmod DaemonSets for ${props.groups[0].name}'s kernels and flap Errored. `
      + `Use SRO 4.11 or later (${propRef('sroVersion')}: "4.11"), one group, or delivery static` });
  }
}

/** One conflict between node groups: which group (index), which field, what is wrong. */
export interface GroupConflict {
  /** index of the group in the list */
  readonly index: number;
  readonly field: 'name' | 'namespace' | 'nodes' | 'nodeSelector';
  /** index in `nodes`, for a node conflict */
  readonly item?: number;
  readonly message: string;
}

/**
 * Conflicts between node groups: repeated names or namespaces, a namespace equal to the CSI namespace
 * (kmm and static), the same selector twice, a node listed in two groups (it would get two kmods).
 */
export function groupConflicts(groups: readonly AuristorNodeGroup[], delivery: KmodDelivery, csiNamespace?: string): GroupConflict[] {
  const conflicts: GroupConflict[] = [];
  const names = new Map<string, number>();
  const namespaces = new Map<string, number>();
  const nodes = new Map<string, string>();
  const selectors = new Map<string, number>();
  const sharedNamespace = delivery === KmodDelivery.SRO ? undefined : csiNamespace ?? DEFAULT_CSI_NAMESPACE;
  groups.forEach((group, index) => {
    const resolved = resolveNodeGroup(group);
    const sameName = names.get(group.name);
    if (sameName !== undefined) conflicts.push({ index, field: 'name', message: `group name ${group.name} is already used by group ${sameName + 1}` });
    names.set(group.name, index);
    const sameNamespace = namespaces.get(resolved.namespace);
    if (sameNamespace !== undefined) {
      conflicts.push({ index, field: 'namespace', message: `namespace ${resolved.namespace} is already used by group ${sameNamespace + 1}; each group needs its own` });
    } else if (resolved.namespace === sharedNamespace) {
      conflicts.push({ index, field: 'namespace', message: `namespace ${resolved.namespace} is the CSI controller namespace; each group needs its own` });
    }
    namespaces.set(resolved.namespace, index);
    if (group.nodeSelector !== undefined) {
      const selector = JSON.stringify(Object.entries(group.nodeSelector).sort());
      const sameSelector = selectors.get(selector);
      if (sameSelector !== undefined) {
        conflicts.push({ index, field: 'nodeSelector', message: `group ${sameSelector + 1} has the same nodeSelector; a node belongs to one group (one kmod)` });
      }
      selectors.set(selector, index);
    }
    resolved.nodes.forEach((node, item) => {
      const other = nodes.get(node);
      if (other !== undefined && other !== group.name) {
        conflicts.push({ index, field: 'nodes', item, message: `node ${node} is already in group ${other}; a node belongs to one group (one kmod)` });
      }
      nodes.set(node, group.name);
    });
  });
  return conflicts;
}

/** How the kernel module is delivered: KMM needs KMM-layout images from a registry that has them. */
function checkDelivery(props: AuristorClientOptions, problems: Problems): void {
  if (props.delivery !== KmodDelivery.KMM) return;
  if (!props.kmmLayoutImages) {
    problems.push({ path: ['delivery'], message: 'delivery kmm makes KMM run "modprobe -d /opt yfs" from each image, so every image must hold '
      + 'yfs.ko under /opt/lib/modules/<kernel>/; AuriStor\'s SRO driver-container images do not, and KMM does not run the AuriStorFS '
      + `cache manager (docs/auristor.md). Set ${propRef('kmmLayoutImages')}: true once your registry holds such images` });
  } else if (props.kmmRegistry === undefined) {
    problems.push({ path: ['kmmRegistry'], message: 'delivery kmm loads KMM-layout images (<registry>/auristor-kmod-<kmodVersion>:<kernel>), which AuriStor '
      + `does not publish: set ${propRef('kmmRegistry')} to the registry holding yours` });
  }
}

/** The names of the cluster-wide objects: the CSI namespace and ClusterRoles (kmm, static) or SRO's namespace and ServiceAccounts. */
function checkClusterNames(props: AuristorClientOptions, problems: Problems): void {
  if (props.delivery !== KmodDelivery.SRO) {
    const ns = props.csiNamespace ?? DEFAULT_CSI_NAMESPACE;
    // the CSI ClusterRoles are per namespace: csiClusterRoleName(sidecar, ns)
    const problem = firstNameProblem([['Namespace', ns], ...CSI_CLUSTER_ROLE_SIDECARS.flatMap((sidecar) => [
      ['ClusterRole', csiClusterRoleName(sidecar, ns)], ['ClusterRoleBinding', csiClusterRoleBindingName(sidecar, ns)]] as Array<[string, string]>)]);
    if (problem) problems.push({ path: ['csiNamespace'], message: problem });
  } else {
    const problem = props.sroOperatorNamespace !== undefined ? objectNameProblem('Namespace', props.sroOperatorNamespace) : undefined;
    if (problem) problems.push({ path: ['sroOperatorNamespace'], message: problem });
    if (props.sroOperatorServiceAccounts?.length === 0) {
      problems.push({ path: ['sroOperatorServiceAccounts'], message: 'name at least one ServiceAccount SRO runs as' });
    }
    (props.sroOperatorServiceAccounts ?? []).forEach((account, index) => {
      const invalid = objectNameProblem('ServiceAccount', account);
      if (invalid) problems.push({ path: ['sroOperatorServiceAccounts', index], message: invalid });
    });
  }
  if (props.imagePullSecret !== undefined) {
    const problem = objectNameProblem('Secret', props.imagePullSecret);
    if (problem) problems.push({ path: ['imagePullSecret'], message: problem });
  }
  const config = props.clientConfig ?? {};
  for (const [field, kind] of [['configMap', 'ConfigMap'], ['cellServDbConfigMap', 'ConfigMap'], ['keytabSecret', 'Secret']] as const) {
    const value = config[field];
    const problem = value !== undefined ? objectNameProblem(kind, value) : undefined;
    if (problem) problems.push({ path: ['clientConfig', field], message: problem });
  }
  if (config.keytabSecret !== undefined && config.keytabHostPath !== undefined) {
    problems.push({ path: ['clientConfig', 'keytabHostPath'], message: 'keytabs come from keytabSecret or keytabHostPath, not both' });
  }
  const prefix = props.csi?.volumeNamePrefix;
  if (prefix !== undefined) {
    const problem = dns1123SubdomainProblem(prefix, 'volume name prefix');
    if (problem) problems.push({ path: ['csi', 'volumeNamePrefix'], message: problem });
  }
}

/** With kmm and static delivery one CSI controller serves every group: its version must be one. */
function checkCsiVersions(props: AuristorClientProps, problems: Problems): void {
  if (props.delivery === KmodDelivery.SRO || props.csiControllerVersion !== undefined) return;
  const differing = props.groups.findIndex((group) => group.csiVersion !== props.groups[0].csiVersion);
  if (differing <= 0) return;
  problems.push({ path: ['groups', differing, 'csiVersion'],
    message: `groups run different CSI versions (${props.groups.map((g) => `${g.name}: ${g.csiVersion}`).join(', ')}): `
      + `with delivery ${props.delivery} one CSI controller serves all groups; set ${propRef('csiControllerVersion')}` });
}

/**
 * The rulebook of {@link AuristorClient} (and of {@link AuristorClusterResources}, which takes the same
 * props): every problem of its props.
 */
export function auristorClientProblems(props: AuristorClientProps): PropProblem[] {
  const problems: Problems = [];
  checkDelivery(props, problems);
  checkClusterNames(props, problems);
  if (props.groups.length === 0) problems.push({ path: ['groups'], message: 'at least one node group' });
  props.groups.forEach((group, index) => problems.push(...nested(['groups', index], auristorGroupProblems(group, props.delivery))));
  for (const conflict of groupConflicts(props.groups, props.delivery, props.csiNamespace)) {
    problems.push({ path: ['groups', conflict.index, conflict.field, ...(conflict.item !== undefined ? [conflict.item] : [])], message: conflict.message });
  }
  checkCsiVersions(props, problems);
  problems.push(...tolerationListProblems(props.tolerations, ['tolerations'], props.delivery));
  checkSroVersion(props, problems);
  return problems;
}

/** The CSI version of the cluster-wide controller: the given one, else the one all groups share (the rulebook makes sure there is one). */
export function controllerCsiVersion(groups: readonly AuristorNodeGroup[], explicit?: string): string {
  return explicit ?? groups[0]?.csiVersion ?? '';
}

/** What the cluster-wide part claims: the CSI namespace (kmm and static). */
export function auristorClusterFootprint(props: AuristorClientOptions, construct: string): Footprint {
  const objects: ObjectClaim[] = props.delivery === KmodDelivery.SRO ? [] : [{
    kind: 'Namespace', name: props.csiNamespace ?? DEFAULT_CSI_NAMESPACE, path: ['csiNamespace'], what: 'the namespace of the AuriStorFS CSI controller', owner: 'the AuriStorFS CSI controller',
  }];
  return { construct, objects, nodeLabels: [] };
}

/** What one node group claims: its namespace and the labels of its listed nodes (the group label, KMM's version label). */
export function auristorGroupFootprint(group: AuristorNodeGroup, delivery: KmodDelivery, construct: string): Footprint {
  const resolved = resolveNodeGroup(group);
  const owner = `AuriStorFS group ${group.name}`;
  const objects: ObjectClaim[] = [{
    kind: 'Namespace', name: resolved.namespace, path: [group.namespace !== undefined ? 'namespace' : 'name'], what: `the namespace of ${owner}`, owner,
  }];
  const labelsOf = groupNodeLabels(group, delivery);
  const nodeLabels: NodeLabelClaim[] = resolved.nodes.flatMap((node) => Object.entries(labelsOf(node)).map(([key, value]) => ({
    node, key, value, path: ['name'], fixedKey: true,
    what: key === GROUP_LABEL ? 'the AuriStorFS node-group label' : 'the KMM ordered-upgrade version label',
  })));
  return { construct, objects, nodeLabels };
}

/** What a whole AuriStorFS client claims (the YAML path's one member), at paths of its props. */
export function auristorClientFootprint(props: AuristorClientProps, construct: string): Footprint {
  const cluster = auristorClusterFootprint(props, construct);
  const groups = props.groups.map((group, index) => {
    const part = auristorGroupFootprint(group, props.delivery, construct);
    const at = (path: readonly PropertyKey[]) => ['groups', index, ...path];
    return { objects: part.objects.map((o) => ({ ...o, path: at(o.path) })), nodeLabels: part.nodeLabels.map((l) => ({ ...l, path: at(l.path) })) };
  });
  return {
    construct,
    objects: [...cluster.objects, ...groups.flatMap((g) => g.objects)],
    nodeLabels: groups.flatMap((g) => g.nodeLabels),
  };
}
