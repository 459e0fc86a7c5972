import { goDurationSeconds } from '../k8s/duration';
import { isPinnedImage } from '../k8s/images';
import {
  clip, derivedNameProblem, dns1123LabelProblem, dns1123SubdomainProblem, labelValueProblem, maxNameLength, objectNameProblem, qualifiedNameProblem,
} from '../k8s/names';
import { portProblem } from '../k8s/ports';
import { quantityValue } from '../k8s/quantity';
import { parseAddressPool, poolContains, poolSize } from '../net/address-pool';
import { Footprint, NodeLabelClaim, ObjectClaim } from '../props/footprint';
import { PropProblem, propRef } from '../props/problems';
import { AisClusterCommonProps, AisClusterProps } from './cluster-props';
import { aisCompatibilityProblems } from './compatibility';
import {
  AIS_VALUE_LIMITS, ALL_ALERT_GROUPS, AlertGroup, DEFAULT_ALERT_THRESHOLDS, DEFAULT_DISK_MARKER, DEFAULT_IMAGES, DEFAULT_NAMESPACE, DEFAULT_SCRAPE_INTERVAL,
  MAX_SCRAPE_INTERVAL_SECONDS, NVME_LATENCY_LIMITS_MS,
} from './defaults';
import { scrapeCa, scrapeClientCertificate } from './monitoring/scrape-tls';
import { aisNames } from './names';
import { AisPorts, resolvePorts } from './network/ports';
import { AisResources } from './workloads/pod-inputs';
import { AIS_NODE_LABEL_ROLES, AisNodeLabelScheme, resolveNodeLabelScheme } from './nodes/node-label-scheme';
import { aisOperatorNames, aisOperatorObjectNames } from './operator/names';
import { secretRequirements } from './security/credentials';
import { AisSecurityProps } from './security/security';
import { AisCertificateRequest, AisTlsProps, TlsClientAuth } from './security/tls';
import { LocalVolumeLayout, helmMountpathName, localVolumeNamer, localVolumeSelector } from './storage/local-volumes';
import { DiskMedia, MountpathStorage } from './storage/mountpath';
import { AisPublicAddress } from './workloads/public-address';
import { aisAddressing, certificateVerified, hasPublicLists } from './network/addressing';
import { aisNetworkProblems } from './network/network-checks';

/**
 * The AIS rulebook: every rule an AIS cluster's props must follow before any object is built (the
 * cross-field rules, the API server's limits on every name and label derived from them, cert-manager's
 * and the AIS operator's rules, the compatibility matrix as warnings). {@link aisClusterProblems} is the
 * rulebook of the standalone {@link AisCluster}; the operator-run cluster's (lib/ais/operator/cluster-checks.ts)
 * adds its own rules to {@link aisCommonProblems}. The constructs throw with these problems (prop paths);
 * the config loader reports them at the YAML keys the props came from (lib/from-config/check.ts).
 */

/** Who runs the cluster: we emit the StatefulSets (standalone), or the AIS operator names its own objects. */
export type AisClusterMode = 'standalone' | 'operator';

/** The props both AIS rulebooks read: what both cluster kinds are made of, their security props and resources. */
export interface AisCommonCheckProps extends AisClusterCommonProps, AisSecurityProps {
  /**
   * Kubernetes cluster DNS domain.
   * @default 'cluster.local'
   */
  readonly clusterDomain?: string;
  /**
   * AIS ports.
   * @default - 51080 proxy, 51081 target, 51082 intra control, 51083 intra data
   */
  readonly ports?: AisPorts;
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
}

type Problems = PropProblem[];

/** cert-manager's webhook minimums (v1.19.6 pkg/apis/certmanager/v1/const.go MinimumCertificateDuration, MinimumRenewBefore). */
export const CERT_MANAGER_MIN_DURATION_SECONDS = 3600;
export const CERT_MANAGER_MIN_RENEW_BEFORE_SECONDS = 300;
/** cert-manager's default certificate lifetime (90 days, DefaultCertificateDuration) when `duration` is unset. */
const CERT_MANAGER_DEFAULT_DURATION_SECONDS = 90 * 24 * 3600;

/** The layout of the local PVs each mode emits. */
export const LOCAL_VOLUME_LAYOUT: Readonly<Record<AisClusterMode, LocalVolumeLayout>> = {
  standalone: LocalVolumeLayout.CDK8S_STORAGE,
  operator: LocalVolumeLayout.AIS_HELM,
};

/**
 * The node label scheme of the props, and which values are the ones derived from the cluster name (not
 * given, or given as the same value): they are checked with the name.
 */
function labelScheme(props: AisClusterCommonProps): { scheme: AisNodeLabelScheme; derived: Set<typeof AIS_NODE_LABEL_ROLES[number]> } {
  const scheme = resolveNodeLabelScheme(props.name, props.nodeLabels);
  const defaults = resolveNodeLabelScheme(props.name);
  return { scheme, derived: new Set(AIS_NODE_LABEL_ROLES.filter((role) => scheme[role].value === defaults[role].value)) };
}

/**
 * The names derived from the cluster name, as [kind, name] (`label value` for a name used as one):
 * the objects we emit in standalone mode, the ones the AIS operator creates in operator mode, and in
 * both the label values that carry the name.
 */
function derivedNames(props: AisClusterCommonProps, mode: AisClusterMode): Array<[string, string]> {
  const cluster = props.name;
  const targets = props.targetNodes.length;
  const named: Array<[string, string]> = [['label value', cluster], ['Service', aisNames.gatewayService(cluster)]];
  if (mode === 'standalone') {
    named.push(
      ['StatefulSet', aisNames.proxyPrimaryStatefulSet(cluster)], ['StatefulSet', aisNames.proxyStatefulSet(cluster)],
      ['StatefulSet', aisNames.targetStatefulSet(cluster)],
      ['Service', aisNames.headlessService(cluster, 'proxy')], ['Service', aisNames.headlessService(cluster, 'target')],
    );
    if (props.externalLoadBalancers) named.push(['Service', aisNames.targetPod(cluster, Math.max(targets - 1, 0))]);
  } else {
    // the operator names its StatefulSets, Services, RBAC and ConfigMaps after the AIStore
    named.push(...aisOperatorObjectNames(cluster, targets));
    if (props.externalLoadBalancers) named.push(['Service', aisOperatorNames.targetPod(cluster, Math.max(targets - 1, 0))]);
  }
  if (props.preflight) named.push(['DaemonSet', aisNames.preflightDaemonSet(cluster)]);
  if (props.storage === MountpathStorage.LOCAL_PV && !props.storageClassName) named.push(['StorageClass', aisNames.localStorageClass(cluster)]);
  const { scheme, derived } = labelScheme(props);
  for (const role of derived) named.push(['label value', scheme[role].value]);
  return named;
}

/**
 * The cluster name: within the longest name the mode allows (one error that names the limit, from the
 * name that binds it), then a DNS-1123 label whose derived names the API server accepts.
 */
function checkName(props: AisClusterCommonProps, mode: AisClusterMode, problems: Problems): void {
  const cluster = props.name;
  const named = derivedNames(props, mode);
  let limit = Infinity;
  let binding: [string, string] | undefined;
  for (const [kind, name] of named) {
    const max = maxNameLength(kind) - (name.length - cluster.length);
    if (max < limit) [limit, binding] = [max, [kind, name]];
  }
  if (binding && cluster.length > limit) {
    const [kind, name] = binding;
    const why = kind === 'StatefulSet' ? ', or its pods never start (kubernetes/kubernetes#64023)' : '';
    // clip() names the length of a value it cuts
    const length = cluster.length > 60 ? clip(cluster) : `${cluster} has ${cluster.length} characters`;
    problems.push({ path: ['name'], message: `cluster name ${length}; at most ${limit} in ${mode} mode `
      + `(${kind} <name>${name.slice(cluster.length)}: at most ${maxNameLength(kind)}${why})` });
    return;
  }
  const own = dns1123LabelProblem(cluster, 'cluster name');
  if (own) {
    problems.push({ path: ['name'], message: own });
    return;
  }
  // the first broken name says it all (they share the cluster name)
  const problem = named.map(([kind, name]) => derivedNameProblem(kind, name)).find((p) => p !== undefined);
  if (problem) problems.push({ path: ['name'], message: `${problem} (derived from the cluster name ${cluster})` });
}

function checkNodes(props: AisClusterCommonProps & { initialPrimaryNode?: string }, problems: Problems): void {
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

/** The names derived from one mountpath: our pod volume and PV label (standalone), the operator's claim (operator, local PVs), the preflight volume. */
function mountpathNameProblem(props: AisClusterCommonProps, mode: AisClusterMode, path: string): string | undefined {
  const localPV = props.storage === MountpathStorage.LOCAL_PV;
  if (mode === 'standalone') {
    const volume = aisNames.mountpathVolume(path);
    const problem = dns1123LabelProblem(volume, 'volume name') ?? (localPV ? labelValueProblem(volume, 'PersistentVolume label value') : undefined);
    if (problem) return `${problem} (derived from mountpath ${clip(path)}); use a shorter path`;
  } else if (localPV) {
    // the operator names the volumeClaimTemplate (and pod volume) after the AIStore and the path, and the
    // StatefulSet controller each claim `<template>-<statefulset>-<ordinal>` (aisOperatorNames)
    const template = aisOperatorNames.mountClaimTemplate(props.name, path);
    const problem = dns1123LabelProblem(template, "the operator's volume name")
      ?? objectNameProblem('PersistentVolumeClaim', aisOperatorNames.mountClaim(props.name, path, Math.max(props.targetNodes.length - 1, 0)))
      ?? labelValueProblem(localVolumeSelector(props.name, path, LOCAL_VOLUME_LAYOUT.operator).mpath, 'PersistentVolume label value');
    if (problem) return `${problem} (derived from the cluster name and mountpath ${clip(path)}); use a shorter path of lowercase letters, digits and '-'`;
  }
  if (props.preflight) {
    const problem = dns1123LabelProblem(aisNames.preflightVolume(path), 'preflight volume name');
    if (problem) return `${problem} (derived from mountpath ${clip(path)}); use a shorter path`;
  }
  return undefined;
}

function checkMountpaths(props: AisClusterCommonProps, mode: AisClusterMode, problems: Problems): void {
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
    } else if (props.mountpaths[index].size !== undefined && quantityValue(props.mountpaths[index].size!) === undefined) {
      problems.push({ path: [...where, 'size'], message: `size ${props.mountpaths[index].size} is not a Kubernetes quantity such as 10Ti` });
    }
    if (mode === 'standalone') {
      const volume = aisNames.mountpathVolume(path);
      const clash = volumeOf.get(volume);
      if (clash !== undefined) {
        problems.push({ path: where, message: `mountpaths ${clash} and ${path} both give the volume name ${volume}`
          + `${localPV ? ' (and the same PersistentVolume names)' : ''}; rename one of the directories` });
      }
      volumeOf.set(volume, path);
    }
    const nameProblem = mountpathNameProblem(props, mode, path);
    if (nameProblem) problems.push({ path: where, message: nameProblem });
  });
  if (!localPV) return;
  if (props.storageClassName !== undefined) {
    const invalid = objectNameProblem('StorageClass', props.storageClassName);
    if (invalid) problems.push({ path: ['storageClassName'], message: invalid });
  }
  checkLocalVolumeNames(props, mode, paths, problems);
}

/** One PersistentVolume per node and mountpath: each node whose longest PV name breaks the limit, once. */
function checkLocalVolumeNames(props: AisClusterCommonProps, mode: AisClusterMode, paths: readonly string[], problems: Problems): void {
  const layout = LOCAL_VOLUME_LAYOUT[mode];
  // the mountpath with the longest slug gives each node's longest PV name
  const slug = (path: string) => (layout === LocalVolumeLayout.AIS_HELM ? helmMountpathName(path) : aisNames.mountpathVolume(path)).length;
  const longest = paths.filter((p) => p.startsWith('/')).reduce((a, b) => (slug(b) > slug(a) ? b : a), paths[0] ?? '/');
  const name = localVolumeNamer(layout, props.name, longest);
  props.targetNodes.forEach((node, index) => {
    const invalid = objectNameProblem('PersistentVolume', name(node));
    if (invalid) problems.push({ path: ['targetNodes', index], message: `${invalid} (the local PV of node ${clip(node)} and mountpath ${clip(longest)})` });
  });
}

function checkGateway(props: AisClusterCommonProps, problems: Problems): void {
  const gateway = props.gateway;
  for (const key of Object.keys(gateway?.annotations ?? {})) {
    const invalid = qualifiedNameProblem(key, 'annotation key');
    if (invalid) problems.push({ path: ['gateway', 'annotations', key], message: invalid });
  }
  if (!gateway?.addressPool) {
    if (props.externalLoadBalancers) {
      problems.push({ path: ['externalLoadBalancers'], message: `per-target LoadBalancers need ${propRef('gateway', 'addressPool')} with one external IP per target plus one for the gateway` });
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

/** An image that is not pinned (unless unpinned images are allowed). */
export function unpinnedImageProblem(image: string, allowUnpinned: boolean | undefined): string | undefined {
  return allowUnpinned || isPinnedImage(image) ? undefined
    : `image ${image} is not pinned; use an explicit version tag or digest (or set ${propRef('images', 'allowUnpinned')}: true)`;
}

/** Pinned images, and (warnings) the AIS compatibility matrix on the image tags; the operator rulebook adds the operator version. */
function checkImages(props: AisClusterCommonProps, problems: Problems): void {
  const images = props.images;
  if (!images) return;
  for (const role of ['aisnode', 'init'] as const) {
    const problem = unpinnedImageProblem(images[role], images.allowUnpinned);
    if (problem) problems.push({ path: ['images', role], message: problem });
  }
}

/** Where each input of the compatibility check sits in the props. */
export const COMPATIBILITY_PROP_PATHS = {
  aisnode: ['images', 'aisnode'], init: ['images', 'init'], operatorVersion: ['operatorSettings', 'operatorVersion'],
} as const;

/** The AIS images (and the operator version) against the AIS compatibility matrix: its warnings, and its errors. */
export function compatibilityProblems(props: AisClusterCommonProps, operatorVersion?: string): PropProblem[] {
  const images = props.images ?? DEFAULT_IMAGES;
  return aisCompatibilityProblems({ aisnode: images.aisnode, init: images.init, operatorVersion }).map((problem) => ({
    path: COMPATIBILITY_PROP_PATHS[problem.input], message: problem.message, severity: problem.severity,
  }));
}

/** Label keys and values, and roles that put different values under one key on a node that has both roles. */
function checkNodeLabels(props: AisClusterCommonProps & { initialPrimaryNode?: string }, problems: Problems): void {
  const { scheme, derived } = labelScheme(props);
  const roles = AIS_NODE_LABEL_ROLES;
  for (const role of roles) {
    const key = qualifiedNameProblem(scheme[role].key, 'label key');
    if (key) problems.push({ path: ['nodeLabels', role, 'key'], message: key });
    // a value derived from the cluster name is checked with the name
    const value = derived.has(role) ? undefined : labelValueProblem(scheme[role].value);
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
  for (const part of ['requests', 'limits'] as const) {
    for (const [name, quantity] of Object.entries(resources?.[part] ?? {})) {
      if (quantityValue(quantity) === undefined) {
        problems.push({ path: [field, part, name], message: `${name} ${quantity} is not a Kubernetes quantity such as 4, 500m or 16Gi` });
      }
    }
  }
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

/**
 * A certificate's lifetime as cert-manager's webhook admits it (cert-manager v1.19.6
 * internal/apis/certmanager/validation/certificate.go ValidateDuration): duration at least 1h, renewBefore
 * at least 5m and shorter than the duration (cert-manager's 90 days when unset). `path`: where both fields sit.
 */
export function certificateLifetimeProblems(path: readonly PropertyKey[], duration?: string, renewBefore?: string): PropProblem[] {
  const problems: Problems = [];
  const seconds = duration !== undefined ? goDurationSeconds(duration) : CERT_MANAGER_DEFAULT_DURATION_SECONDS;
  if (seconds === undefined) problems.push({ path: [...path, 'duration'], message: `duration ${duration} is not a duration such as 2160h` });
  else if (seconds < CERT_MANAGER_MIN_DURATION_SECONDS) {
    problems.push({ path: [...path, 'duration'], message: `duration ${duration} is shorter than cert-manager's minimum of 1h (its webhook rejects the Certificate)` });
  }
  if (renewBefore === undefined) return problems;
  const renew = goDurationSeconds(renewBefore);
  if (renew === undefined) problems.push({ path: [...path, 'renewBefore'], message: `renewBefore ${renewBefore} is not a duration such as 360h` });
  else if (renew < CERT_MANAGER_MIN_RENEW_BEFORE_SECONDS) {
    problems.push({ path: [...path, 'renewBefore'], message: `renewBefore ${renewBefore} is shorter than cert-manager's minimum of 5m (its webhook rejects the Certificate)` });
  } else if (seconds !== undefined && renew >= seconds) {
    problems.push({ path: [...path, 'renewBefore'], message: `renewBefore ${renewBefore} must be shorter than duration ${duration ?? '2160h (cert-manager\'s default)'}` });
  }
  return problems;
}

/** Whether the TLS props name exactly one valid certificate source (the rules below pass). */
function validTlsSource(tls: AisTlsProps): boolean {
  const request = tls.certificate;
  return (tls.secretName === undefined) !== (request === undefined) && (!request || (request.issuer !== undefined) !== (request.selfSigned === true));
}

/** Exactly one certificate source; a cert-manager request names its issuer or opts in to a self-signed CA; its lifetime. */
function checkTls(tls: AisTlsProps, problems: Problems): void {
  const request: AisCertificateRequest | undefined = tls.certificate;
  if (tls.secretName === undefined && request === undefined) {
    problems.push({ path: ['tls'], message: `choose where the certificate comes from: ${propRef('tls', 'certificate')} (cert-manager issues it) `
      + `or ${propRef('tls', 'secretName')} (an existing TLS Secret)` });
  } else if (tls.secretName !== undefined && request !== undefined) {
    problems.push({ path: ['tls', 'secretName'], message: `${propRef('tls', 'certificate')} and ${propRef('tls', 'secretName')} are alternatives; keep one` });
  }
  if (!request) return;
  if (request.issuer && request.selfSigned) {
    problems.push({ path: ['tls', 'certificate', 'selfSigned'], message: 'selfSigned creates its own issuer; remove it or the issuer' });
  } else if (!request.issuer && !request.selfSigned) {
    problems.push({ path: ['tls', 'certificate'], message: 'name the cert-manager issuer ({issuer: {name, kind}}) or opt in to a self-signed CA (selfSigned: true)' });
  }
  problems.push(...certificateLifetimeProblems(['tls', 'certificate'], request.duration, request.renewBefore));
}

/** Tracing with a token needs the header it is sent in. */
function checkTracing(props: AisSecurityProps, problems: Problems): void {
  const tracing = props.tracing;
  if (tracing?.tokenSecretName && !tracing.tokenHeader) {
    problems.push({ path: ['tracing', 'tokenSecretName'], message: `a tracing token needs ${propRef('tracing', 'tokenHeader')}, the header it is sent in (e.g. lightstep-access-token)` });
  }
}

/** ExternalSecrets create Secrets the cluster reads: at least one, and only those. */
function checkExternalSecrets(props: AisSecurityProps, problems: Problems): void {
  const external = props.externalSecrets;
  if (!external) return;
  const referenced = secretRequirements(props).map((s) => s.name);
  const names = Object.keys(external.remoteKeys);
  if (names.length === 0) problems.push({ path: ['externalSecrets', 'remoteKeys'], message: 'map at least one secret name to its key in the store' });
  for (const name of names.filter((n) => !referenced.includes(n))) {
    problems.push({ path: ['externalSecrets', 'remoteKeys', name], message: referenced.length
      ? `secret ${name} is not used by this cluster; the secrets it uses are ${referenced.join(', ')}`
      : `secret ${name} is not used by this cluster, which references no secret (TLS secret, cloud, AuthN or tracing token)` });
  }
}

/** The targets' PodDisruptionBudget: a count of at least 0 or a percentage. */
function checkDisruptionBudget(props: AisSecurityProps, problems: Problems): void {
  const max = props.targetDisruptionBudget?.maxUnavailable;
  if (max === undefined) return;
  if (typeof max === 'number' ? !Number.isInteger(max) || max < 0 : !new RegExp(AIS_VALUE_LIMITS.maxUnavailablePercentPattern).test(max)) {
    problems.push({ path: ['targetDisruptionBudget', 'maxUnavailable'], message: `expected a count such as 1 or a percentage such as 10%, got ${JSON.stringify(max)}` });
  }
}

/**
 * What makes alerts silent without an error: no selector labels (a default kube-prometheus-stack selects
 * monitors and rules by `release: <its release>`, values.yaml `*SelectorNilUsesHelmValues: true`, and then
 * ignores them, AISNotScraped included), no disk media (no disk saturation alert), a threshold of the other
 * media, a scrape interval too long for the 5-minute rate windows. Warnings.
 */
function monitoringWarnings(props: AisCommonCheckProps, problems: Problems): void {
  const monitoring = props.monitoring!;
  const warn = (path: PropertyKey[], message: string) => problems.push({ path, message, severity: 'warning' });
  if (monitoring.selectorLabels === undefined) {
    warn(['monitoring', 'selectorLabels'], 'no labels for Prometheus to select the monitors and rules by: a default kube-prometheus-stack selects them '
      + 'only by `release: <its Helm release>` (prometheus.prometheusSpec.{podMonitor,serviceMonitor,rule}SelectorNilUsesHelmValues: true), so it ignores '
      + 'them, and AISNotScraped cannot tell (the rule is not loaded either): set {release: <release>}, or {} if your Prometheus selects every monitor and rule');
  }
  const capacity = (monitoring.alertGroups ?? ALL_ALERT_GROUPS).includes(AlertGroup.CAPACITY);
  if (capacity && props.targetMedia === undefined) {
    warn(['targetMedia'], 'the disk media of the targets is not set, so no disk saturation alert is emitted: set hdd (disk utilisation alert) or nvme (latency alerts)');
  }
  const thresholds = monitoring.thresholds ?? {};
  const other = props.targetMedia === DiskMedia.HDD ? (['nvmeReadLatencyMs', 'nvmeWriteLatencyMs'] as const)
    : props.targetMedia === DiskMedia.NVME ? (['diskUtilPercent'] as const) : [];
  for (const key of other.filter((k) => thresholds[k] !== undefined)) {
    warn(['monitoring', 'thresholds', key], `has no effect: the targets' disks are ${props.targetMedia === DiskMedia.HDD ? 'HDDs' : 'NVMe'} (${propRef('targetMedia')})`);
  }
  const interval = goDurationSeconds(monitoring.scrapeInterval ?? DEFAULT_SCRAPE_INTERVAL);
  if (interval !== undefined && interval > MAX_SCRAPE_INTERVAL_SECONDS) {
    warn(['monitoring', 'scrapeInterval'], `over ${MAX_SCRAPE_INTERVAL_SECONDS}s, the alert rules' 5-minute rate windows (and Grafana's $__rate_interval) hold fewer than 4 samples: rates and ratios get noisy or empty`);
  }
}

/** Alert thresholds in order and in range; with HTTPS, what Prometheus needs must be derivable from the TLS props; {@link monitoringWarnings}. */
function checkMonitoring(props: AisCommonCheckProps, problems: Problems): void {
  const monitoring = props.monitoring;
  if (!monitoring) return;
  const t = { ...DEFAULT_ALERT_THRESHOLDS, ...monitoring.thresholds };
  if (t.mountpathUsedWarningPercent >= t.mountpathUsedCriticalPercent) {
    problems.push({ path: ['monitoring', 'thresholds', 'mountpathUsedWarningPercent'], message: `the warning fill level must be below ${propRef('monitoring', 'thresholds', 'mountpathUsedCriticalPercent')}` });
  }
  if (t.retryRatioWarning >= t.retryRatioCritical) {
    problems.push({ path: ['monitoring', 'thresholds', 'retryRatioWarning'], message: `the warning ratio must be below ${propRef('monitoring', 'thresholds', 'retryRatioCritical')}` });
  }
  const { minimum, maximum } = NVME_LATENCY_LIMITS_MS;
  for (const key of ['nvmeReadLatencyMs', 'nvmeWriteLatencyMs'] as const) {
    if (!(t[key] >= minimum && t[key] <= maximum)) {
      problems.push({ path: ['monitoring', 'thresholds', key], message: `expected milliseconds from ${minimum} to ${maximum}, got ${t[key]}` });
    }
  }
  monitoringWarnings(props, problems);
  // a TLS source that is itself wrong has its own problem; what monitoring needs is judged on a valid one
  const tls = props.tls;
  if (!tls || !validTlsSource(tls)) return;
  if (!scrapeCa(tls, props.name)) {
    problems.push({ path: ['monitoring'], message: 'monitoring over HTTPS needs the CA Prometheus verifies AIS with, and certificates from the CSI driver leave no Secret '
      + `holding it: set the CA bundle ConfigMap (${propRef('tls', 'caBundle')})` });
  }
  const issuer = tls.certificate?.issuer ?? (tls.certificate?.selfSigned ? { name: 'the self-signed CA issuer' } : undefined);
  if (!scrapeClientCertificate(tls, issuer, monitoring.clientCertificateSecret)) {
    problems.push({ path: ['monitoring'], message: `AIS demands client certificates (${propRef('tls', 'clientAuth')} ${TlsClientAuth[tls.clientAuth ?? TlsClientAuth.NONE]}), so Prometheus needs one, `
      + `and no cert-manager issuer is configured to issue it: set ${propRef('monitoring', 'clientCertificateSecret')} to a kubernetes.io/tls Secret signed by a CA AIS trusts` });
  }
}

/**
 * The four AIS ports: valid and distinct. aisnode refuses a public and an intra-cluster listener on one
 * IP and port (aistore v1.4.9 ais/htrun.go `mustDiffer`; v1.5.0 cmn/config.go `validatePubIntra`: public
 * and intra endpoints must differ), and a pod (host-network targets: a node) cannot bind one port twice.
 */
function checkPorts(props: AisCommonCheckProps, problems: Problems): void {
  const entries = Object.entries(resolvePorts(props.ports)) as Array<[string, number]>;
  entries.forEach(([name, value], index) => {
    const invalid = portProblem(value);
    if (invalid) {
      problems.push({ path: ['ports', name], message: invalid });
      return;
    }
    const clash = entries.slice(0, index).find(([, other]) => other === value);
    if (clash) problems.push({ path: ['ports', name], message: `port ${value} is used for both ${clash[0]} and ${name}; AIS ports must be distinct` });
  });
}

/**
 * The rules both cluster kinds share, in `mode`: names, nodes, mountpaths and local PVs, gateway,
 * images (and the compatibility matrix's image warnings), node labels, cluster domain, resources, TLS,
 * tracing, ExternalSecrets, the targets' PodDisruptionBudget and monitoring.
 */
export function aisCommonProblems(props: AisCommonCheckProps, mode: AisClusterMode): PropProblem[] {
  const problems: Problems = [];
  checkName(props, mode, problems);
  if (props.namespace !== undefined) {
    const namespace = dns1123LabelProblem(props.namespace, 'namespace');
    if (namespace) problems.push({ path: ['namespace'], message: namespace });
  }
  checkNodes(props, problems);
  checkMountpaths(props, mode, problems);
  checkGateway(props, problems);
  checkImages(props, problems);
  checkNodeLabels(props, problems);
  if (props.clusterDomain !== undefined) {
    const domain = dns1123SubdomainProblem(props.clusterDomain, 'cluster domain');
    if (domain) problems.push({ path: ['clusterDomain'], message: `${domain} (it is part of the AIS pods' DNS names)` });
  }
  checkResources('proxyResources', props.proxyResources, problems);
  checkResources('targetResources', props.targetResources, problems);
  checkPorts(props, problems);
  problems.push(...aisNetworkProblems(props));
  if (props.tls) checkTls(props.tls, problems);
  checkTracing(props, problems);
  checkExternalSecrets(props, problems);
  checkDisruptionBudget(props, problems);
  checkMonitoring(props, problems);
  return problems;
}

/**
 * With HTTPS from a certificate we issue and anybody verifying it, the certificate must name every address a
 * proxy or target advertises: AIS itself dials the primary's public URL from every other proxy (aistore v1.4.9
 * ais/prxrev.go `forwardCP`, verifying unless `net.http.skip_verify`, cmn/client.go `NewTLS`), a primary
 * restarted without state confirms the running one there (ais/earlystart.go `tryConfirmPrimaryViaConfig`),
 * the `ais` CLI re-targets itself there (cmd/cli/cli/smap.go `getClusterMap`) and clients are redirected to the
 * targets. In node IP mode those addresses are the node IPs, which only the config can tell.
 */
function checkCertificateNames(props: AisClusterProps, problems: Problems): void {
  const tls = props.tls;
  if (!tls?.certificate || !certificateVerified(tls)) return;
  const addressing = aisAddressing({
    proxyNodes: props.proxyNodes, targetNodes: props.targetNodes, publicAddress: props.publicAddress, network: props.network,
    externalLoadBalancers: props.externalLoadBalancers,
  });
  const missing = addressing.unknownPublic;
  if (missing.length === 0) return;
  const ports = resolvePorts(props.ports);
  problems.push({ path: ['network', 'nodes'], message: `proxies and targets advertise https://<node IP>:${ports.proxy} and :${ports.target}, and the certificate must name `
    + `each node IP: non-primary proxies forward every control-plane request to the primary's address and verify it (aistore ais/prxrev.go forwardCP), `
    + `the ais CLI re-targets itself there (cmd/cli getClusterMap) and clients are redirected to the targets. Give the ip of ${missing.join(', ')} in `
    + `${propRef('network', 'nodes')}, or set ${propRef('publicAddress')}: nodeName (node names resolve for clients; the certificate names them), `
    + `or ${propRef('tls', 'skipVerify')}: true with ${propRef('tls', 'clientsVerify')}: false if nobody verifies` });
}

/** Per-node public lists are keyed by node name in ais-init's hostname map: publicAddress has no say. */
function checkPublicAddress(props: AisClusterProps, problems: Problems): void {
  if (props.publicAddress === AisPublicAddress.NODE_NAME && hasPublicLists(props.network)) {
    problems.push({ path: ['publicAddress'], message: `with per-node public addresses (${propRef('network', 'nodes')}) each node advertises its list; `
      + 'remove publicAddress: nodeName (or the lists)' });
  }
}

/** The disk marker: one directory name on each mountpath filesystem. */
function checkDiskMarker(props: AisClusterProps, problems: Problems): void {
  const marker = props.diskMarker ?? DEFAULT_DISK_MARKER;
  if (marker === false) return;
  if (!new RegExp(AIS_VALUE_LIMITS.diskMarkerPattern).test(marker)) {
    problems.push({ path: ['diskMarker'], message: `expected one directory name (letters, digits, '.', '_', '-'), such as ${DEFAULT_DISK_MARKER}, or false, got ${JSON.stringify(marker)}` });
  }
}

/** What the kernel accepts for `net.core.somaxconn` (an int; below 128 the AIS host playbooks' own floor). */
function checkSomaxconn(props: AisClusterProps, problems: Problems): void {
  const value = props.somaxconn;
  if (value === undefined || value === false) return;
  const { minimum, maximum } = AIS_VALUE_LIMITS.somaxconn;
  if (!Number.isInteger(value) || value < minimum || value > maximum) {
    problems.push({ path: ['somaxconn'], message: `expected a listen backlog from ${minimum} to ${maximum} (or false for no pod sysctl), got ${value}` });
  }
}

/**
 * The rulebook of the standalone {@link AisCluster}: {@link aisCommonProblems} in standalone mode, what
 * proxies and targets advertise (and the certificate names) over HTTPS, the disk marker and the listen backlog, and (as
 * warnings) the AIS images against the compatibility matrix.
 */
export function aisClusterProblems(props: AisClusterProps): PropProblem[] {
  const problems = aisCommonProblems(props, 'standalone');
  checkPublicAddress(props, problems);
  checkCertificateNames(props, problems);
  checkDiskMarker(props, problems);
  checkSomaxconn(props, problems);
  if (props.useHttps && !props.tls && props.monitoring) {
    problems.push({ path: ['monitoring'], message: `monitoring over HTTPS needs ${propRef('tls')} (the CA Prometheus verifies AIS with); HTTPS from extra volumes alone cannot tell it` });
  }
  problems.push(...compatibilityProblems(props).filter((p) => p.severity === 'warning'));
  return problems;
}

/** What an AIS cluster claims: its namespace, local StorageClass and PVs, and the node labels that place its pods. */
export function aisClusterFootprint(props: AisClusterCommonProps, mode: AisClusterMode, construct: string): Footprint {
  const objects: ObjectClaim[] = [];
  const namespace = props.namespace ?? DEFAULT_NAMESPACE;
  if (props.createNamespace ?? true) objects.push({ kind: 'Namespace', name: namespace, path: ['namespace'], what: 'the namespace of the AIS cluster', owner: 'the AIS cluster' });
  if (props.storage === MountpathStorage.LOCAL_PV) {
    const storageClass = props.storageClassName ?? aisNames.localStorageClass(props.name);
    objects.push({ kind: 'StorageClass', name: storageClass, path: props.storageClassName !== undefined ? ['storageClassName'] : ['name'], what: 'the AIS local StorageClass', owner: 'the AIS cluster' });
    for (const path of props.mountpaths.map((m) => m.path)) {
      const name = localVolumeNamer(LOCAL_VOLUME_LAYOUT[mode], props.name, path);
      props.targetNodes.forEach((node, index) => objects.push({
        kind: 'PersistentVolume', name: name(node), path: ['targetNodes', index], what: `the AIS local PV of node ${node} and mountpath ${path}`, owner: 'the AIS cluster',
      }));
    }
  }
  const nodeLabels: NodeLabelClaim[] = [];
  if (props.emitNodeLabels ?? true) {
    const { scheme } = labelScheme(props);
    const label = (role: 'target' | 'proxy' | 'initialPrimary', node: string) => nodeLabels.push({
      node, key: scheme[role].key, value: scheme[role].value, path: ['nodeLabels', role, 'key'], what: `the AIS ${role} label`,
    });
    props.targetNodes.forEach((node) => label('target', node));
    props.proxyNodes.forEach((node) => label('proxy', node));
    const primary = (props as { initialPrimaryNode?: string }).initialPrimaryNode ?? props.proxyNodes[0];
    if (mode === 'standalone' && primary !== undefined) label('initialPrimary', primary);
  }
  return { construct, objects, nodeLabels, ownsNames: [props.name] };
}
