import { goDurationSeconds } from '../../k8s/duration';
import { dns1123LabelProblem } from '../../k8s/names';
import { PropProblem, propRef } from '../../props/problems';
import {
  aisCommonProblems, certificateLifetimeProblems, compatibilityProblems, unpinnedImageProblem,
} from '../cluster-checks';
import { DEFAULT_NAMESPACE } from '../defaults';
import { requiresClientCertificate, TlsClientAuth } from '../security/tls';
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
 * HTTPS settings the AIStore cannot carry: IP SANs (the operator's certificate has DNS names only), node
 * IPs (the operator puts every node's public host in itself), a CA bundle of our own (the operator mounts
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
  if (Object.keys(tls.nodeIPs ?? {}).length > 0) {
    problems.push({ path: ['tls', 'nodeIPs'], message: 'the AIS operator puts every node\'s public host into the certificate itself; remove this key in operator mode' });
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
 * The rulebook of {@link AisOperatorCluster}: every problem of its props, errors and (the compatibility
 * matrix's) warnings.
 */
export function aisOperatorClusterProblems(props: AisOperatorClusterProps): PropProblem[] {
  const problems = aisCommonProblems(props, 'operator');
  checkTls(props, problems);
  checkOperatorOwned(props, problems);
  problems.push(...aiStoreOptionsProblems(props, props.images));
  checkOperatorSettings(props, problems);
  problems.push(...compatibilityProblems(props, props.operatorSettings?.operatorVersion));
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
