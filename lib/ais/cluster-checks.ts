import { isPinnedImage } from '../k8s/images';
import {
  clip, dns1123LabelProblem, dns1123SubdomainProblem, labelValueProblem, objectNameProblem, qualifiedNameProblem,
} from '../k8s/names';
import { PropProblem } from '../props/problems';
import { goDurationSeconds } from '../k8s/duration';
import { quantityValue } from '../k8s/quantity';
import { parseAddressPool, poolContains, poolSize } from '../net/address-pool';
import { AisClusterCommonProps } from './cluster-props';
import { MountpathStorage } from './storage/mountpath';
import { aisNames } from './names';
import { aisOperatorNames, aisOperatorObjectNames } from './operator/names';
import { AIS_NODE_LABEL_ROLES, resolveNodeLabelScheme } from './nodes/node-label-scheme';
import { AisPorts, resolvePorts } from './network/ports';
import { AisCertificateRequest, AisTlsProps } from './security/tls';
import { AisResources } from './workloads/pod-inputs';

/**
 * The rules an AIS cluster's props must follow before any object is built: the cross-field
 * rules of the config file and the API server's limits on every name and label we derive from
 * them. One implementation: the constructs throw with these problems (prop paths), the config
 * loader reports them at the YAML keys the props came from (`lib/config/prop-checks.ts`).
 */
export interface AisClusterCheckProps extends AisClusterCommonProps {
  /**
   * Standalone only: the proxy node that bootstraps as primary.
   * @default - the first proxy node
   */
  readonly initialPrimaryNode?: string;
  /**
   * Standalone only: the AIS ports.
   * @default - 51080 proxy, 51081 target, 51082 intra control, 51083 intra data
   */
  readonly ports?: AisPorts;
  /**
   * Kubernetes cluster DNS domain.
   * @default 'cluster.local'
   */
  readonly clusterDomain?: string;
  /**
   * Resources of the proxies' aisnode container.
   * @default - requests cpu 500m, memory 1Gi
   */
  readonly proxyResources?: AisResources;
  /**
   * Resources of the targets' aisnode container.
   * @default - requests cpu 500m, memory 1Gi
   */
  readonly targetResources?: AisResources;
  /**
   * HTTPS.
   * @default - plain HTTP
   */
  readonly tls?: AisTlsProps;
}

type Problems = PropProblem[];

/** cert-manager's webhook minimums: internal/apis/certmanager/validation/certificate.go ValidateDuration, pkg/apis/certmanager/v1/const.go. */
export const CERT_MANAGER_MIN_DURATION_SECONDS = 3600;
export const CERT_MANAGER_MIN_RENEW_BEFORE_SECONDS = 300;
/** cert-manager's default certificate lifetime (90 days) when `duration` is unset. */
const CERT_MANAGER_DEFAULT_DURATION_SECONDS = 90 * 24 * 3600;

function checkNames(props: AisClusterCheckProps, standalone: boolean, problems: Problems): void {
  const cluster = props.name;
  const own = dns1123LabelProblem(cluster, 'cluster name');
  if (own) {
    problems.push({ path: ['name'], message: own });
    return;
  }
  const named: Array<[string, string]> = [['Service', aisNames.gatewayService(cluster)]];
  if (standalone) {
    named.push(
      ['StatefulSet', aisNames.proxyPrimaryStatefulSet(cluster)], ['StatefulSet', aisNames.proxyStatefulSet(cluster)],
      ['StatefulSet', aisNames.targetStatefulSet(cluster)],
      ['Service', aisNames.headlessService(cluster, 'proxy')], ['Service', aisNames.headlessService(cluster, 'target')],
    );
    if (props.externalLoadBalancers) named.push(['Service', aisNames.targetPod(cluster, props.targetNodes.length - 1)]);
    if (props.preflight) named.push(['DaemonSet', aisNames.preflightDaemonSet(cluster)]);
  } else {
    // the operator names its StatefulSets, Services, RBAC and ConfigMaps after the AIStore
    named.push(...aisOperatorObjectNames(cluster, props.targetNodes.length));
    if (props.externalLoadBalancers) named.push(['Service', aisOperatorNames.targetPod(cluster, props.targetNodes.length - 1)]);
  }
  if (props.storage === MountpathStorage.LOCAL_PV && !props.storageClassName) named.push(['StorageClass', aisNames.localStorageClass(cluster)]);
  // the first broken name says it all (they share the cluster name)
  const problem = named.map(([kind, name]) => objectNameProblem(kind, name)).find((p) => p !== undefined);
  if (problem) problems.push({ path: ['name'], message: `${problem} (derived from the cluster name ${cluster})` });
  if (props.namespace !== undefined) {
    const namespace = dns1123LabelProblem(props.namespace, 'namespace');
    if (namespace) problems.push({ path: ['namespace'], message: namespace });
  }
}

function checkNodes(props: AisClusterCheckProps, problems: Problems): void {
  for (const [field, nodes] of [['proxyNodes', props.proxyNodes], ['targetNodes', props.targetNodes]] as const) {
    if (nodes.length === 0) problems.push({ path: [field], message: 'at least one node' });
    nodes.forEach((node, index) => {
      const invalid = dns1123SubdomainProblem(node, 'node name');
      if (invalid) problems.push({ path: [field, index], message: invalid });
      else if (nodes.indexOf(node) !== index) {
        problems.push({ path: [field, index], message: `node ${node} is listed twice; AIS runs one proxy and one target per node` });
      }
    });
  }
  const primary = props.initialPrimaryNode;
  if (primary !== undefined && !props.proxyNodes.includes(primary)) {
    problems.push({ path: ['initialPrimaryNode'], message: `initial primary ${primary} is not one of the proxy nodes (${props.proxyNodes.join(', ')})` });
  }
}

/** Mountpath rules; `names`: also the names we derive from them (standalone: our volumes and PVs). */
function checkMountpaths(props: AisClusterCheckProps, names: boolean, problems: Problems): void {
  const paths = props.mountpaths.map((m) => m.path);
  const localPV = props.storage === MountpathStorage.LOCAL_PV;
  if (paths.length === 0) problems.push({ path: ['mountpaths'], message: 'at least one mountpath' });
  const volumeOf = new Map<string, string>();
  paths.forEach((path, index) => {
    const where = ['mountpaths', index];
    if (!path.startsWith('/')) {
      problems.push({ path: where, message: `mountpath ${path} is not an absolute path (starting with /)` });
      return;
    }
    if (path === '/') problems.push({ path: where, message: 'mountpath / is the root filesystem; each mountpath must be its own filesystem, e.g. /ais/sda' });
    const first = paths.indexOf(path);
    if (first !== index) {
      problems.push({ path: where, message: `mountpath ${path} is listed twice (also at mountpaths[${first}]); mountpaths must be distinct` });
      return;
    }
    const parent = paths.find((other) => other !== path && other !== '/' && path.startsWith(`${other}/`));
    if (parent) problems.push({ path: where, message: `mountpath ${path} is nested inside ${parent}; mountpaths must not contain each other` });
    if (localPV && !props.mountpaths[index].size) {
      problems.push({ path: where, message: 'local PersistentVolumes need a capacity: write the mountpath as {path: ..., size: 10Ti}' });
    }
    if (!names) {
      if (localPV) checkOperatorClaim(props, path, where, problems);
      return;
    }
    const volume = aisNames.mountpathVolume(path);
    const clash = volumeOf.get(volume);
    if (clash !== undefined) {
      problems.push({ path: where, message: `mountpaths ${clash} and ${path} both give the volume name ${volume}`
        + `${localPV ? ' (and the same PersistentVolume names)' : ''}; rename one of the directories` });
    }
    volumeOf.set(volume, path);
    const volumeProblem = dns1123LabelProblem(volume, 'volume name') ?? (localPV ? labelValueProblem(volume, 'PersistentVolume label value') : undefined)
      ?? (props.preflight ? dns1123LabelProblem(aisNames.preflightVolume(path), 'preflight volume name') : undefined);
    if (volumeProblem) problems.push({ path: where, message: `${volumeProblem} (derived from mountpath ${clip(path)}); use a shorter path` });
  });
  if (!localPV) return;
  if (props.storageClassName !== undefined) {
    const invalid = objectNameProblem('StorageClass', props.storageClassName);
    if (invalid) problems.push({ path: ['storageClassName'], message: invalid });
  }
  if (!names) return;
  // one PersistentVolume per node and mountpath: report each node whose PV name breaks the limit once
  // the mountpath with the longest volume name gives each node's longest PV name
  const longest = paths.reduce((a, b) => (aisNames.mountpathVolume(b).length > aisNames.mountpathVolume(a).length ? b : a), paths[0] ?? '/');
  props.targetNodes.forEach((node, index) => {
    const invalid = objectNameProblem('PersistentVolume', aisNames.localVolume(props.name, node, longest));
    if (invalid) problems.push({ path: ['targetNodes', index], message: `${invalid} (the local PV of node ${clip(node)} and mountpath ${clip(longest)})` });
  });
}

/**
 * Operator mode, PVC-backed mount: the operator names the volumeClaimTemplate (and pod volume) after the AIStore and
 * the path, and the StatefulSet controller each claim `<template>-<statefulset>-<ordinal>` (aisOperatorNames).
 */
function checkOperatorClaim(props: AisClusterCheckProps, path: string, where: PropertyKey[], problems: Problems): void {
  const template = aisOperatorNames.mountClaimTemplate(props.name, path);
  const problem = dns1123LabelProblem(template, "the operator's volume name")
    ?? objectNameProblem('PersistentVolumeClaim', aisOperatorNames.mountClaim(props.name, path, Math.max(props.targetNodes.length - 1, 0)));
  if (problem) problems.push({ path: where, message: `${problem} (derived from the cluster name and mountpath ${clip(path)}); use a shorter path of lowercase letters, digits and '-'` });
}

function checkPorts(ports: AisPorts | undefined, problems: Problems): void {
  const entries = Object.entries(resolvePorts(ports)) as Array<[string, number]>;
  entries.forEach(([name, value], index) => {
    if (!Number.isInteger(value) || value < 1 || value > 65535) {
      problems.push({ path: ['ports', name], message: `port ${value} is not a port from 1 to 65535` });
      return;
    }
    const clash = entries.slice(0, index).find(([, other]) => other === value);
    if (clash) problems.push({ path: ['ports', name], message: `port ${value} is used for both ${clash[0]} and ${name}; AIS ports must be distinct` });
  });
}

function checkGateway(props: AisClusterCheckProps, problems: Problems): void {
  const gateway = props.gateway;
  for (const key of Object.keys(gateway?.annotations ?? {})) {
    const invalid = qualifiedNameProblem(key, 'annotation key');
    if (invalid) problems.push({ path: ['gateway', 'annotations', key], message: invalid });
  }
  if (!gateway?.addressPool) {
    if (props.externalLoadBalancers) {
      problems.push({ path: ['externalLoadBalancers'], message: 'per-target LoadBalancers need gateway.addressPool with one external IP per target plus one for the gateway' });
    }
    return;
  }
  const pool = parseAddressPool(gateway.addressPool);
  if (!pool) {
    problems.push({ path: ['gateway', 'addressPool'],
      message: `expected an address range such as 10.132.179.10-10.132.179.20 or a CIDR such as 10.132.179.0/28, got ${JSON.stringify(gateway.addressPool)}` });
    return;
  }
  if (gateway.loadBalancerIP && !poolContains(pool, gateway.loadBalancerIP)) {
    problems.push({ path: ['gateway', 'loadBalancerIP'], message: `gateway IP ${gateway.loadBalancerIP} is outside the address pool ${gateway.addressPool}` });
  }
  const needed = props.externalLoadBalancers ? props.targetNodes.length + 1 : 1;
  if (poolSize(pool) < needed) {
    problems.push({ path: ['gateway', 'addressPool'], message: `address pool ${gateway.addressPool} has ${poolSize(pool)} addresses but ${needed} are needed`
      + (props.externalLoadBalancers ? ` (${props.targetNodes.length} targets with per-target LoadBalancers + 1 gateway)` : '') });
  }
}

function checkImages(props: AisClusterCheckProps, problems: Problems): void {
  const images = props.images;
  if (!images || images.allowUnpinned) return;
  for (const role of ['aisnode', 'init'] as const) {
    if (!isPinnedImage(images[role])) {
      problems.push({ path: ['images', role], message: `image ${images[role]} is not pinned; use an explicit version tag or digest (or set images.allowUnpinned: true)` });
    }
  }
}

/** Label keys and values, and roles that put different values under one key on a node that has both roles. */
function checkNodeLabels(props: AisClusterCheckProps, problems: Problems): void {
  const scheme = resolveNodeLabelScheme(props.name, props.nodeLabels);
  const roles = AIS_NODE_LABEL_ROLES;
  for (const role of roles) {
    const key = qualifiedNameProblem(scheme[role].key, 'label key');
    if (key) problems.push({ path: ['nodeLabels', role, 'key'], message: key });
    const value = labelValueProblem(scheme[role].value);
    if (value) problems.push({ path: ['nodeLabels', role, 'value'], message: value });
  }
  const primary = props.initialPrimaryNode ?? props.proxyNodes[0];
  const nodesOf = { target: props.targetNodes, proxy: props.proxyNodes, initialPrimary: primary !== undefined ? [primary] : [] };
  roles.forEach((role, index) => {
    for (const other of roles.slice(0, index)) {
      if (scheme[role].key !== scheme[other].key || scheme[role].value === scheme[other].value) continue;
      const shared = nodesOf[role].find((node) => nodesOf[other].includes(node));
      if (shared === undefined) continue;
      problems.push({ path: ['nodeLabels', role, 'key'], message: `the ${role} and ${other} labels share the key ${scheme[role].key} with different values `
        + `(${scheme[role].value}, ${scheme[other].value}), and node ${shared} has both roles: a node holds one value per key, so one role would never schedule` });
    }
  });
}

function checkResources(field: 'proxyResources' | 'targetResources', resources: AisResources | undefined, problems: Problems): void {
  for (const [name, limit] of Object.entries(resources?.limits ?? {})) {
    const request = resources?.requests?.[name];
    if (request === undefined) continue;
    const [requested, limited] = [request, limit];
    const [requestValue, limitValue] = [quantityValue(requested), quantityValue(limited)];
    if (requestValue !== undefined && limitValue !== undefined && requestValue > limitValue) {
      problems.push({ path: [field, 'requests', name], message: `the ${name} request ${requested} is greater than its limit ${limited}; the API server rejects the pod (requests must not exceed limits)` });
    }
  }
}

function checkCertificate(request: AisCertificateRequest | undefined, problems: Problems): void {
  if (!request) return;
  const path = ['tls', 'certificate'];
  const duration = request.duration !== undefined ? goDurationSeconds(request.duration) : CERT_MANAGER_DEFAULT_DURATION_SECONDS;
  const renewBefore = request.renewBefore !== undefined ? goDurationSeconds(request.renewBefore) : undefined;
  if (duration === undefined) problems.push({ path: [...path, 'duration'], message: `duration ${request.duration} is not a duration such as 2160h` });
  else if (duration < CERT_MANAGER_MIN_DURATION_SECONDS) {
    problems.push({ path: [...path, 'duration'], message: `duration ${request.duration} is shorter than cert-manager's minimum of 1h (its webhook rejects the Certificate)` });
  }
  if (request.renewBefore === undefined) return;
  if (renewBefore === undefined) problems.push({ path: [...path, 'renewBefore'], message: `renewBefore ${request.renewBefore} is not a duration such as 360h` });
  else if (renewBefore < CERT_MANAGER_MIN_RENEW_BEFORE_SECONDS) {
    problems.push({ path: [...path, 'renewBefore'], message: `renewBefore ${request.renewBefore} is shorter than cert-manager's minimum of 5m (its webhook rejects the Certificate)` });
  } else if (duration !== undefined && renewBefore >= duration) {
    problems.push({ path: [...path, 'renewBefore'], message: `renewBefore ${request.renewBefore} must be shorter than duration ${request.duration ?? '2160h (cert-manager\'s default)'}` });
  }
}

/**
 * Every problem of an AIS cluster's props. `standalone`: the props of {@link AisCluster} (we emit
 * the StatefulSets and Services), else of the operator-run cluster (the operator names its own).
 */
export function aisClusterProblems(props: AisClusterCheckProps, standalone = true): PropProblem[] {
  const problems: Problems = [];
  checkNames(props, standalone, problems);
  checkNodes(props, problems);
  checkMountpaths(props, standalone, problems);
  if (standalone) checkPorts(props.ports, problems);
  checkGateway(props, problems);
  checkImages(props, problems);
  checkNodeLabels(props, problems);
  if (props.clusterDomain !== undefined) {
    const domain = dns1123SubdomainProblem(props.clusterDomain, 'cluster domain');
    if (domain) problems.push({ path: ['clusterDomain'], message: `${domain} (it is part of the AIS pods' DNS names)` });
  }
  checkResources('proxyResources', props.proxyResources, problems);
  checkResources('targetResources', props.targetResources, problems);
  checkCertificate(props.tls?.certificate, problems);
  return problems;
}
