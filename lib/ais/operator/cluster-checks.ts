import { goDurationSeconds } from '../../k8s/duration';
import { dns1123LabelProblem } from '../../k8s/names';
import { PropProblem, propRef } from '../../props/problems';
import {
  aisCommonProblems, certificateLifetimeProblems, compatibilityProblems, unpinnedImageProblem,
} from '../cluster-checks';
import { DEFAULT_KUBERNETES_VERSION, acceptsPodHostIPs } from '../../k8s/version';
import { DEFAULT_NAMESPACE, DEFAULT_PRIVILEGED, DEFAULT_STATE_PATH } from '../defaults';
import { AisTargetNetwork, certificateVerified, hasPublicLists } from '../network/addressing';
import { CertificateDelivery, requiresClientCertificate, TlsClientAuth } from '../security/tls';
import { PublicNetDnsMode } from './aistore-props';
import { OPERATOR_HOST_IPS_SINCE, compareVersions, operatorFloor } from './crd-versions';
import { AisStateStorage } from './options';
import type { AisImages } from '../workloads/daemon-pod';
import type { AiStoreOptions, AiStoreResourceProps } from './aistore-props';
import type { AisOperatorClusterProps } from './cluster-props';
import { operatorClientSecretName } from './operator-settings';

/**
 * The rulebook of the operator-run {@link AisOperatorCluster}: the rules it shares with a standalone
 * cluster (lib/ais/cluster-checks.ts, in operator mode: the names the AIS operator derives), what the
 * AIStore resource cannot carry, the operator's own rules (its webhook, its TLS cache floor, its client
 * certificate) and the AIS compatibility matrix for the declared operator version. Also the rules of the
 * AIStore resource alone ({@link aiStoreResourceProblems}), which {@link AiStoreResource} runs.
 */

type Problems = PropProblem[];

/** The config spelling of a client-auth mode (`REQUIRE_ANY` → `requireAny`). */
function clientAuthName(mode: TlsClientAuth): string {
  return TlsClientAuth[mode].toLowerCase().replace(/_(.)/g, (_, c: string) => c.toUpperCase());
}

/** The operator's minimum OPERATOR_AUTH_TLS_CACHE_TTL (ais-k8s v3.4.0 operator/internal/services/authn_api.go getTLSConfigCacheTTL): shorter values become 1m. */
const OPERATOR_MIN_AUTH_TLS_CACHE_TTL_SECONDS = 60;

/**
 * HTTPS settings the AIStore cannot carry: IP SANs (the operator's certificate has DNS names only), a CA bundle of our own (the operator mounts
 * only the certificate at /var/certs and points `client_ca_tls` at its `ca.crt`), and client-auth modes
 * that demand a certificate from every client (the operator's probes are HTTPS GETs from kubelet, which
 * has none); and client auth without the operator's own client certificate.
 */
function checkTls(props: AisOperatorClusterProps, problems: Problems): void {
  const tls = props.tls;
  if (!tls) return;
  if (tls.certificate?.additionalIpAddresses?.length) {
    problems.push({ path: ['tls', 'certificate', 'additionalIpAddresses'], message: 'the AIStore certificate takes DNS names only (the operator adds the service and pod names itself): '
      + `give these addresses DNS names in ${propRef('tls', 'certificate', 'additionalDnsNames')}, or remove this key in operator mode` });
  }
  if (tls.caBundle) {
    problems.push({ path: ['tls', 'caBundle'], message: 'the AIS operator points client_ca_tls at the ca.crt of the certificate and mounts no CA bundle into the AIS pods: '
      + `use an issuer whose ca.crt is the CA to trust (a CA issuer); for the admin client use ${propRef('adminClient', 'caConfigMap')}` });
  }
  const clientAuth = tls.clientAuth ?? TlsClientAuth.NONE;
  if (requiresClientCertificate(clientAuth)) {
    problems.push({ path: ['tls', 'clientAuth'], message: `clientAuth ${clientAuthName(clientAuth)} rejects every client without a certificate, and the operator's probes are HTTPS requests `
      + 'from kubelet without one, so no AIS pod would become ready: use verifyIfGiven in operator mode (standalone mode probes the TCP port)' });
  } else if (clientAuth !== TlsClientAuth.NONE && !props.operatorSettings?.clientCertificate) {
    // with client_auth_tls above 0 the operator answers AIS's certificate request from its client certificate directory
    problems.push({ path: ['tls', 'clientAuth'], message: `with clientAuth ${clientAuthName(clientAuth)} AIS asks the operator for a client certificate and the operator's `
      + `requests fail without one: add ${propRef('operatorSettings', 'clientCertificate')} (from an issuer AIS trusts)` });
  }
}

/** What the operator does with the AIS images and the gateway itself. */
function checkOperatorOwned(props: AisOperatorClusterProps, problems: Problems): void {
  if (props.images?.pullPolicy) {
    problems.push({ path: ['images', 'pullPolicy'], message: 'the AIS operator always pulls AIS images with imagePullPolicy Always; remove this key in operator mode' });
  }
  const gateway = props.gateway;
  if (gateway?.loadBalancerIP && gateway.metallb === false) {
    problems.push({ path: ['gateway', 'loadBalancerIP'], message: 'in operator mode the operator creates the gateway LoadBalancer and only takes annotations: '
      + `keep ${propRef('gateway', 'metallb')}: true, or request the IP through ${propRef('gateway', 'annotations')} for your load balancer` });
  }
}

/**
 * The AIStore fields both the cluster and the resource take: cleanup (the AIStore webhook's CEL rule:
 * cleanupData requires cleanupMetadata), auth (one way to authenticate), state storage and the admin client image.
 */
function aiStoreOptionsProblems(options: Pick<AiStoreOptions, 'cleanupData' | 'cleanupMetadata' | 'auth' | 'stateStorage' | 'adminClient'>,
  images: AisImages | undefined): PropProblem[] {
  const problems: Problems = [];
  if (options.cleanupData && !options.cleanupMetadata) {
    problems.push({ path: ['cleanupData'], message: 'cleanupData: true needs cleanupMetadata: true (the operator rejects the AIStore otherwise)' });
  }
  const auth = options.auth;
  if (auth && (auth.profileName === undefined) === (auth.usernamePasswordSecret === undefined)) {
    problems.push({ path: ['auth'], message: 'auth needs exactly one of profileName or usernamePasswordSecret' });
  }
  const state = options.stateStorage?._toSpec();
  if (state?.hostPath && !state.hostPath.prefix.startsWith('/')) {
    problems.push({ path: ['stateStorage'], message: `the state hostPath prefix must be an absolute path, got "${state.hostPath.prefix}"` });
  }
  if (state?.pvc && !state.pvc.storageClass) {
    problems.push({ path: ['stateStorage'], message: 'state storage on PVCs needs a StorageClass (an existing StorageClass for the state volumes)' });
  }
  const adminImage = options.adminClient?.image;
  const unpinned = adminImage !== undefined ? unpinnedImageProblem(adminImage, images?.allowUnpinned) : undefined;
  if (unpinned) problems.push({ path: ['adminClient', 'image'], message: unpinned });
  return problems;
}

/** The operator install: its TLS cache floor, and the client certificate (cert-manager's lifetime rules, its Secret as a volume name). */
function checkOperatorSettings(props: AisOperatorClusterProps, problems: Problems): void {
  const settings = props.operatorSettings;
  if (!settings) return;
  const ttl = settings.authTlsCacheTtl;
  if (ttl !== undefined) {
    const seconds = goDurationSeconds(ttl);
    if (seconds === undefined) problems.push({ path: ['operatorSettings', 'authTlsCacheTtl'], message: `${ttl} is not a duration such as 1h or 30m` });
    else if (seconds < OPERATOR_MIN_AUTH_TLS_CACHE_TTL_SECONDS) {
      problems.push({ path: ['operatorSettings', 'authTlsCacheTtl'], message: `${propRef('operatorSettings', 'authTlsCacheTtl')} ${ttl} is below the operator's minimum of 1m (it would use 1m)` });
    }
  }
  const cert = settings.clientCertificate;
  if (!cert) return;
  problems.push(...certificateLifetimeProblems(['operatorSettings', 'clientCertificate'], cert.duration, cert.renewBefore));
  if (cert.perCluster) {
    const secret = operatorClientSecretName(props.name, props.namespace ?? DEFAULT_NAMESPACE, true);
    const problem = dns1123LabelProblem(secret, 'client certificate Secret (a volume name of the operator Deployment)');
    if (problem) problems.push({ path: ['operatorSettings', 'clientCertificate', 'perCluster'], message: `${problem}; use the shared certificate or a shorter cluster name or namespace` });
  }
}

/**
 * The AIStore fields (dotted spec paths) whose presence depends on the props and which not every operator
 * release knows (lib/ais/operator/crd-versions.ts): what {@link AisOperatorCluster} emits for these props.
 */
export function aiStoreFieldsUsed(props: AisOperatorClusterProps): string[] {
  const paths = ['proxySpec.externalAccess']; // the gateway LoadBalancer, always
  const state = (props.stateStorage ?? AisStateStorage.hostPath(DEFAULT_STATE_PATH))._toSpec();
  paths.push(state.emptyDir ? 'stateStorage.emptyDir' : state.pvc ? 'stateStorage.pvc' : 'stateStorage.hostPath');
  if (props.privileged ?? DEFAULT_PRIVILEGED) paths.push('proxySpec.aisContainerSecurityContext', 'targetSpec.aisContainerSecurityContext');
  if (props.externalLoadBalancers) paths.push('targetSpec.externalAccess');
  if (props.operatorSkipVerifyCert !== undefined) paths.push('operatorSkipVerifyCrt');
  if (props.scaleDownMode !== undefined) paths.push('targetSpec.scaleDownMode');
  if (props.auth?.profileName !== undefined) paths.push('auth.profileRef');
  if (props.auth?.caCertPath !== undefined) paths.push('auth.tls');
  if (props.publicNetDnsMode !== undefined || hasPublicLists(props.network)) paths.push('publicNetDNSMode');
  if (props.adminClient) paths.push('adminClient');
  if (props.targetDisruptionBudget?.enabled ?? true) paths.push('targetSpec.pdb');
  if (props.tls) paths.push('tls');
  return paths;
}

/** The operator release the AIStore needs (every field it uses is in that release's CRD). */
export function aiStoreOperatorFloor(props: AisOperatorClusterProps): string {
  return operatorFloor(aiStoreFieldsUsed(props)).version;
}

/** The declared operator version knows every AIStore field we emit. */
function checkOperatorFloor(props: AisOperatorClusterProps, problems: Problems): void {
  const version = props.operatorSettings?.operatorVersion;
  if (version === undefined || !/^v\d+\.\d+\.\d+$/.test(version)) return;
  const floor = operatorFloor(aiStoreFieldsUsed(props));
  // oldest first: the version each field needs, in the order a reader upgrades through
  const newer = floor.fields.filter(([, since]) => compareVersions(since, version) > 0).sort(([, a], [, b]) => compareVersions(a, b));
  if (newer.length === 0) return;
  problems.push({ path: ['operatorSettings', 'operatorVersion'], message: `the AIStore uses ${newer.map(([path, since]) => `spec.${path} (CRD from ${since})`).join(', ')}; `
    + `operator ${version}'s CRD prunes what it does not know and its webhook then refuses the AIStore (errUndefinedStateStorage at v2.19.0): `
    + `use operator ${floor.version} or later (ais-k8s operator/config/base/crd/ais.nvidia.com_aistores.yaml, per tag)` });
}

/**
 * Kubernetes 1.28 refuses the operator's pods: every operator from v2.10.0 gives both roles' init containers
 * `HOST_IPS` from `status.hostIPs`, which a 1.28 API server accepts only with the PodHostIPs feature gate
 * (alpha, off by default; kubernetes v1.28 pkg/api/pod/util.go `GetValidationOptionsFromPodSpecAndMeta`).
 */
function checkKubernetesVersion(props: AisOperatorClusterProps, problems: Problems): void {
  const version = props.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION;
  if (acceptsPodHostIPs(version, props.kubernetesFeatureGates)) return;
  const operator = props.operatorSettings?.operatorVersion;
  if (operator !== undefined && compareVersions(operator, OPERATOR_HOST_IPS_SINCE) < 0) return;
  problems.push({ path: ['kubernetesVersion'], message: `Kubernetes ${version}${props.kubernetesVersion === undefined ? ' (the default)' : ''} refuses the AIS operator's pods: `
    + `the operator (${OPERATOR_HOST_IPS_SINCE} and later, cmn/env.go CommonInitEnv) sets HOST_IPS from status.hostIPs, which a 1.28 API server accepts only with `
    + `the PodHostIPs feature gate (off by default). Set ${propRef('kubernetesVersion')} "1.29" or later, or, if your API servers run with `
    + `--feature-gates=PodHostIPs=true, say so: ${propRef('kubernetesFeatureGates', 'podHostIPs')}: true` });
}

/**
 * Addresses in operator mode: host-network targets need a deterministic public hostname (the operator
 * always sets HOST_NETWORK=true, and in IP mode ais-init then clears the hostname so that aisnode picks
 * any local IP: aistore cmd/aisinit/main.go, ais-k8s target/statefulset.go `NewInitContainerEnv`); per-node
 * public lists are keyed by node name (Node mode); two targets on one node would bind the same host ports;
 * CSI certificates name node addresses only through the hostname map; proxies without hostPort advertise
 * their pod IP, which no certificate names.
 */
function checkAddresses(props: AisOperatorClusterProps, problems: Problems): void {
  const lists = hasPublicLists(props.network);
  const mode = props.publicNetDnsMode ?? (lists ? PublicNetDnsMode.NODE : PublicNetDnsMode.IP);
  const hostTargets = props.network?.targetNetwork === AisTargetNetwork.HOST;
  if (lists && props.publicNetDnsMode !== undefined && props.publicNetDnsMode !== PublicNetDnsMode.NODE) {
    problems.push({ path: ['publicNetDnsMode'], message: `per-node public addresses (${propRef('network', 'nodes')}) go through the hostname map keyed by node name: `
      + 'publicNetDNSMode must be Node (or left out)' });
  }
  if (hostTargets && mode === PublicNetDnsMode.IP) {
    problems.push({ path: ['network', 'targetNetwork'], message: 'with host-network targets the operator sets HOST_NETWORK=true, and in IP mode ais-init then clears '
      + 'the public hostname so that aisnode advertises whichever local IP it finds first (no certificate can name it): give per-node public addresses in '
      + `${propRef('network', 'nodes')}, or set ${propRef('publicNetDnsMode')}: Node` });
  }
  if (hostTargets && props.disablePodAntiAffinity) {
    problems.push({ path: ['disablePodAntiAffinity'], message: 'two host-network targets on one node would bind the same host ports: keep one target per node' });
  }
  const tls = props.tls;
  if (!tls || !certificateVerified(tls)) return;
  if (props.proxyHostPort === false) {
    problems.push({ path: ['proxyHostPort'], message: 'without proxySpec.hostPort each proxy advertises its pod IP, which no certificate names: non-primary proxies '
      + 'fail to forward control-plane requests to the primary (aistore ais/prxrev.go forwardCP) and the ais CLI fails after its first call. Recreate the '
      + `AIStore with hostPort (see the change review), or set ${propRef('tls', 'skipVerify')}: true with ${propRef('tls', 'clientsVerify')}: false` });
  }
  if (tls.certificate?.delivery === CertificateDelivery.CSI && mode === PublicNetDnsMode.IP && !lists) {
    const nodes = [...new Set([...props.proxyNodes, ...props.targetNodes])].filter((n) => props.network?.nodes?.[n]?.ip === undefined);
    if (nodes.length) {
      problems.push({ path: ['network', 'nodes'], message: 'the operator builds CSI certificates without node addresses (ais-k8s cmn/volumes.go getTLSCSIVolumeSource); '
        + `they reach it through spec.hostnameMap, which needs each node IP: give the ip of ${nodes.join(', ')}, or set ${propRef('publicNetDnsMode')}: Node` });
    }
  }
}

/**
 * The rulebook of {@link AisOperatorCluster}: every problem of its props, errors and (the compatibility
 * matrix's) warnings.
 */
export function aisOperatorClusterProblems(props: AisOperatorClusterProps): PropProblem[] {
  const problems = aisCommonProblems(props, 'operator');
  checkTls(props, problems);
  checkOperatorOwned(props, problems);
  problems.push(...aiStoreOptionsProblems(props, props.images));
  checkOperatorSettings(props, problems);
  checkAddresses(props, problems);
  checkKubernetesVersion(props, problems);
  const compatibility = compatibilityProblems(props, props.operatorSettings?.operatorVersion);
  problems.push(...compatibility);
  // one error at the operator version: the matrix's, else the CRD's
  if (!compatibility.some((p) => p.severity === 'error')) checkOperatorFloor(props, problems);
  return problems;
}

/** The rules of the AIStore resource's own props (the cluster's rules guarantee them for the AIStore it builds). */
export function aiStoreResourceProblems(props: AiStoreResourceProps): PropProblem[] {
  const problems: Problems = [];
  for (const [field, role, replicas] of [['proxyReplicas', 'proxy', props.proxyReplicas], ['targetReplicas', 'target', props.targetReplicas]] as const) {
    if (!Number.isInteger(replicas) || replicas < 1) problems.push({ path: [field], message: `${role} replicas must be a whole number of at least 1, got ${replicas}` });
  }
  if (props.mounts.length === 0) problems.push({ path: ['mounts'], message: 'targets need at least one mount' });
  props.mounts.forEach((mount, index) => {
    if (props.mounts.findIndex((m) => m.path === mount.path) !== index) problems.push({ path: ['mounts', index], message: `mount ${mount.path} is listed twice` });
    else if (!mount.useHostPath && (!mount.size || !mount.storageClass)) {
      problems.push({ path: ['mounts', index], message: `mount ${mount.path} claims a PersistentVolume and needs both size and storageClass (or useHostPath: true)` });
    }
  });
  if (!props.tls && (props.skipVerify !== undefined || props.clientAuthTls !== undefined)) {
    problems.push({ path: [props.skipVerify !== undefined ? 'skipVerify' : 'clientAuthTls'], message: 'skipVerify and clientAuthTls only apply to an HTTPS cluster: give tls too' });
  }
  const tls = props.tls?._toSpec();
  if (tls && !tls.secretName && !tls.certificate?.issuerRef.name) {
    problems.push({ path: ['tls'], message: 'the certificate needs an existing Secret or a cert-manager issuer: name it' });
  }
  problems.push(...aiStoreOptionsProblems(props, props.images));
  return problems;
}
