import {
  dns1123LabelProblem, dns1123SubdomainProblem, labelValueProblem, objectNameProblem, qualifiedNameProblem,
} from '../k8s/names';
import { PropProblem } from '../props/problems';
import type { AuristorClientProps } from './client';
import { DEFAULT_CSI_NAMESPACE, groupConflicts } from './client-options';
import { CSI_CLUSTER_ROLE_SIDECARS, csiClusterRoleBindingName, csiClusterRoleName } from './csi/csi-rbac';
import { KmodDelivery } from './kmod/delivery';
import { kmodDaemonSetNameProblem } from './kmod/kmod-daemonset';
import { KMM_MODULE_NAME, kmmModuleNameProblem, kmmModuleVersionLabel, kmmReadyLabel, kmmVersionReadyLabel } from './kmod/kmm-labels';
import { specialResourceNameProblem, sroChartConfigMapName } from './kmod/special-resource';
import { AuristorNodeGroup, resolveNodeGroup } from './group';
import { kmmModuleVersion } from './node-labels';

/**
 * The API server's (and SRO's, KMM's) limits on every name and label the AuriStorFS constructs derive from their
 * props, computed with the constructs' own naming functions. One implementation: {@link AuristorClient} throws with
 * these problems (prop paths), the config loader reports them at the YAML keys (`lib/config/prop-checks.ts`).
 */

type Problems = PropProblem[];

/** The first problem of the named objects, as [kind, name]. */
function firstNameProblem(named: ReadonlyArray<readonly [string, string]>): string | undefined {
  return named.map(([kind, name]) => objectNameProblem(kind, name)).find((p) => p !== undefined);
}

/** Problems of one node group, at paths inside the group (`['namespace']`, `['kernels', 2]`...). */
export function auristorGroupProblems(group: AuristorNodeGroup, delivery: KmodDelivery): PropProblem[] {
  const problems: Problems = [];
  const resolved = resolveNodeGroup(group);
  const name = dns1123LabelProblem(group.name, 'group name') ?? labelValueProblem(group.name, 'group label value');
  if (name) problems.push({ path: ['name'], message: name });
  // a default namespace is derived from the group name: report it there
  const namespaceAt = group.namespace !== undefined ? 'namespace' : 'name';
  const derived = group.namespace !== undefined ? '' : ' (the default namespace auristorfs-<name> comes from the group name)';
  const ns = resolved.namespace;
  let namespace = objectNameProblem('Namespace', ns);
  if (!namespace && delivery === KmodDelivery.SRO) {
    namespace = specialResourceNameProblem(ns) ?? objectNameProblem('ConfigMap', sroChartConfigMapName(ns));
  }
  if (!namespace && delivery === KmodDelivery.KMM) {
    namespace = kmmModuleNameProblem(ns, KMM_MODULE_NAME)
      ?? [kmmReadyLabel, kmmModuleVersionLabel, kmmVersionReadyLabel].map((label) => qualifiedNameProblem(label(ns, KMM_MODULE_NAME), 'KMM node label key'))
        .find((p) => p !== undefined);
  }
  if (namespace && !name) problems.push({ path: [namespaceAt], message: `${namespace}${derived}; shorten the group's namespace` });
  resolved.nodes.forEach((node, index) => {
    const problem = objectNameProblem('Node', node);
    if (problem) problems.push({ path: ['nodes', index], message: problem });
  });
  for (const [key, value] of Object.entries(group.nodeSelector ?? {})) {
    const problem = qualifiedNameProblem(key, 'label key') ?? labelValueProblem(value);
    if (problem) problems.push({ path: ['nodeSelector', key], message: problem });
  }
  group.kernels.forEach((kernel, index) => {
    // the value of the node label feature.node.kubernetes.io/kernel-version.full the kmod pods select on
    const problem = labelValueProblem(kernel, 'kernel (a node label value)')
      ?? (delivery === KmodDelivery.STATIC ? kmodDaemonSetNameProblem(kernel) : undefined);
    if (problem) problems.push({ path: ['kernels', index], message: problem });
  });
  if (kmmModuleVersion(resolved, delivery) !== undefined) {
    const version = labelValueProblem(group.kmodVersion, 'kmodVersion (the KMM version node label value)');
    if (version) problems.push({ path: ['kmodVersion'], message: version });
  }
  for (const [node, version] of Object.entries(resolved.pinnedNodes)) {
    const problem = labelValueProblem(version, 'pinned version (a node label value)');
    if (problem) problems.push({ path: ['pinnedNodes', node], message: problem });
  }
  return problems;
}

/** Every problem of an {@link AuristorClient}'s props: names, labels, and conflicts between groups. */
export function auristorClientProblems(props: AuristorClientProps): PropProblem[] {
  const problems: Problems = [];
  const sro = props.delivery === KmodDelivery.SRO;
  if (!sro) {
    const ns = props.csiNamespace ?? DEFAULT_CSI_NAMESPACE;
    const problem = firstNameProblem([['Namespace', ns], ...CSI_CLUSTER_ROLE_SIDECARS.flatMap((sidecar) => [
      ['ClusterRole', csiClusterRoleName(sidecar, ns)], ['ClusterRoleBinding', csiClusterRoleBindingName(sidecar, ns)]] as Array<[string, string]>)]);
    if (problem) problems.push({ path: ['csiNamespace'], message: problem });
  } else {
    const problem = props.sroOperatorNamespace !== undefined ? objectNameProblem('Namespace', props.sroOperatorNamespace) : undefined;
    if (problem) problems.push({ path: ['sroOperatorNamespace'], message: problem });
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
  const prefix = props.csi?.volumeNamePrefix;
  if (prefix !== undefined) {
    const problem = dns1123SubdomainProblem(prefix, 'volume name prefix');
    if (problem) problems.push({ path: ['csi', 'volumeNamePrefix'], message: problem });
  }
  props.groups.forEach((group, index) => {
    for (const problem of auristorGroupProblems(group, props.delivery)) problems.push({ path: ['groups', index, ...problem.path], message: problem.message });
  });
  for (const conflict of groupConflicts(props.groups, props.delivery, props.csiNamespace)) {
    problems.push({ path: ['groups', conflict.index, conflict.field, ...(conflict.item !== undefined ? [conflict.item] : [])], message: conflict.message });
  }
  return problems;
}
