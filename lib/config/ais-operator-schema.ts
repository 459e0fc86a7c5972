import { CompatibilityProblem, aisCompatibilityProblems } from '../ais/compatibility';
import { z } from 'zod';
import { GO_DURATION, goDurationSeconds } from '../k8s/duration';
import { dnsLabel, dnsSubdomain, image, isPinnedImage } from './primitives';

/**
 * Config keys that only exist when the AIS operator runs the cluster (`ais.mode: operator`):
 * `ais.operator` (fields of the AIStore resource with no standalone equivalent) and the
 * top-level `operator:` section (settings of the operator install itself).
 */

export const goDuration = z.string().regex(GO_DURATION, 'a duration such as 30m, 1h or 8760h');

const issuerSchema = z.strictObject({
  name: dnsSubdomain.describe('name of the cert-manager Issuer or ClusterIssuer'),
  kind: z.enum(['Issuer', 'ClusterIssuer']).default('ClusterIssuer').describe('kind of the issuer'),
}).describe('a cert-manager Issuer or ClusterIssuer');

/** `ais.operator`: AIStore fields that standalone mode has no use for. */
export const aisOperatorSchema = z.strictObject({
  publicNetDNSMode: z.enum(['IP', 'Node', 'Pod']).optional()
    .describe('which public address targets and proxies publish with hostPort: host IP, node DNS name or pod DNS name'),
  cleanupMetadata: z.boolean().optional().describe('on AIStore deletion, remove cluster and bucket metadata (full decommission)'),
  cleanupData: z.boolean().optional().describe('on AIStore deletion, also delete user data; needs cleanupMetadata'),
  disablePodAntiAffinity: z.boolean().optional().describe('let several targets share a node (the operator keeps one per node otherwise)'),
  scaleDownMode: z.enum(['decommission', 'retain', 'safe_decommission']).optional().describe('what scaling targets down does with their data'),
  stateStorage: z.enum(['hostPath', 'emptyDir', 'pvc']).default('hostPath')
    .describe('where AIS keeps its state: hostPath under ais.statePath, an emptyDir, or a PVC per pod'),
  stateStorageClass: dnsSubdomain.optional().describe('StorageClass of the state PVCs (stateStorage: pvc); must exist before the AIStore is created'),
  adminClient: z.strictObject({
    image: image.describe('pinned ais-util image, e.g. docker.io/aistorage/ais-util:v4.9'),
    caConfigMap: dnsSubdomain.optional().describe('ConfigMap in the cluster namespace with the CA bundle the client trusts (HTTPS clusters)'),
    caKey: z.string().min(1).optional().describe("key of the CA bundle in that ConfigMap; default the operator's `trust-bundle.pem`"),
  }).optional().describe('an admin client Deployment `<name>-client` with the AIS CLI, SDK and aisloader'),
}).describe('AIStore fields of operator mode (ais.mode: operator) that standalone mode has no use for');

/** Top-level `operator:`: settings of the AIS operator install (its Deployment), not of one cluster. */
export const operatorSettingsSchema = z.strictObject({
  namespace: dnsLabel.default('ais-operator-system').describe('namespace the operator runs in'),
  deployment: dnsSubdomain.default('ais-operator-controller-manager')
    .describe('name of the operator Deployment (Helm release `ais-operator` and the kustomize install both give this)'),
  skipVerifyCert: z.boolean().optional()
    .describe('skip verifying AIS certificates (spec.operatorSkipVerifyCrt, and the OPERATOR_SKIP_VERIFY_CRT fallback)'),
  aisCAConfigMap: dnsSubdomain.optional().describe('ConfigMap (operator namespace) with CA certificates (.crt/.pem) for AIS, mounted at /etc/ais/ca'),
  authCAConfigMap: dnsSubdomain.optional()
    .describe('ConfigMap (operator namespace) with CA certificates for the auth service, mounted at /etc/ssl/certs/auth-ca'),
  version: z.string().regex(/^v\d+\.\d+\.\d+$/, 'a release version like v2.19.0').optional()
    .describe('the AIS operator version that runs the cluster, e.g. v2.19.0: checked against the AIS compatibility matrix (ais-k8s docs/COMPATIBILITY.md)'),
  authTLSCacheTTL: goDuration.optional().describe('how long the operator caches auth TLS config (OPERATOR_AUTH_TLS_CACHE_TTL), at least 1m'),
  clientCert: z.strictObject({
    issuer: issuerSchema,
    perCluster: z.boolean().default(false)
      .describe('one certificate per cluster (`--ais-client-cert-per-cluster`) instead of the shared `operator-tls`'),
    duration: goDuration.optional().describe("certificate lifetime; default cert-manager's (90 days)"),
    renewBefore: goDuration.optional().describe("renew this long before expiry; default cert-manager's (a third of the lifetime)"),
  }).optional().describe('a cert-manager client certificate for mTLS from the operator to AIS'),
}).describe('settings of the AIS operator install (its Deployment), not of one cluster');

export type AisOperatorConfig = z.output<typeof aisOperatorSchema>;
export type OperatorSettingsConfig = z.output<typeof operatorSettingsSchema>;

type Context = z.core.$RefinementCtx<any>;

/** Where each input of the compatibility check sits in the config. */
export const COMPATIBILITY_PATHS: Record<CompatibilityProblem['input'], PropertyKey[]> = {
  aisnode: ['ais', 'images', 'aisnode'], init: ['ais', 'images', 'init'], operatorVersion: ['operator', 'version'],
};

function fail(ctx: Context, path: PropertyKey[], message: string): void {
  ctx.addIssue({ code: 'custom', path, message, params: { sentence: true }, input: undefined });
}

/** The parts of the `ais:` section the mode checks read. */
interface AisModeView {
  mode: 'standalone' | 'operator';
  operator?: AisOperatorConfig;
  images: { pullPolicy?: string; allowUnpinned: boolean };
  proxies: { initialPrimary?: string };
  somaxconn?: number | false;
  publicAddress?: string;
  gateway?: { loadBalancerIP?: string; metallb: boolean };
  tls?: { ipAddresses: string[]; nodeIPs?: Record<string, string>; caConfigMap?: object; clientAuth: string };
}

/** Client-auth modes in which AIS rejects a client without a certificate (kubelet's probes among them). */
const CERTIFICATE_REQUIRED = ['requireAny', 'requireAndVerify'];

/** HTTPS settings the AIStore cannot carry. */
function checkOperatorTls(ctx: Context, tls: NonNullable<AisModeView['tls']>): void {
  if (tls.ipAddresses.length > 0) {
    fail(ctx, ['tls', 'ipAddresses'], 'the AIStore certificate takes DNS names only (the operator adds the service and pod names itself): '
      + 'give these addresses DNS names in tls.dnsNames, or remove this key in operator mode');
  }
  if (Object.keys(tls.nodeIPs ?? {}).length > 0) {
    fail(ctx, ['tls', 'nodeIPs'], 'the AIS operator puts every node\'s public host into the certificate itself; remove this key in operator mode');
  }
  if (tls.caConfigMap) {
    fail(ctx, ['tls', 'caConfigMap'], 'the AIS operator points client_ca_tls at the ca.crt of the certificate and mounts no CA bundle into the AIS pods: '
      + 'use an issuer whose ca.crt is the CA to trust (a CA issuer); for the admin client use ais.operator.adminClient.caConfigMap');
  }
  if (CERTIFICATE_REQUIRED.includes(tls.clientAuth)) {
    fail(ctx, ['tls', 'clientAuth'], `clientAuth ${tls.clientAuth} rejects every client without a certificate, and the operator's probes are HTTPS requests `
      + 'from kubelet without one, so no AIS pod would become ready: use verifyIfGiven in operator mode (standalone mode probes the TCP port)');
  }
}

function checkOperatorSection(ctx: Context, section: AisModeView): void {
  const operator = section.operator;
  if (!operator) return;
  // the AIStore webhook (CEL rule): cleanupData requires cleanupMetadata
  if (operator.cleanupData && !operator.cleanupMetadata) {
    fail(ctx, ['operator', 'cleanupData'], 'cleanupData: true needs cleanupMetadata: true (the operator rejects the AIStore otherwise)');
  }
  if (operator.stateStorage === 'pvc' && !operator.stateStorageClass) {
    fail(ctx, ['operator', 'stateStorage'], 'stateStorage: pvc needs stateStorageClass (an existing StorageClass for the state volumes)');
  }
  if (operator.stateStorage !== 'pvc' && operator.stateStorageClass) {
    fail(ctx, ['operator', 'stateStorageClass'], `stateStorageClass only applies to stateStorage: pvc, not ${operator.stateStorage}`);
  }
  const adminImage = operator.adminClient?.image;
  if (adminImage && !section.images.allowUnpinned && !isPinnedImage(adminImage)) {
    fail(ctx, ['operator', 'adminClient', 'image'], `image ${adminImage} is not pinned; use an explicit version tag or digest (or set images.allowUnpinned: true)`);
  }
}

/**
 * Keys that belong to one mode only. Standalone rejects `ais.operator`; operator mode rejects the
 * standalone keys whose meaning the operator cannot honour.
 */
export function checkAisModeKeys(section: AisModeView, ctx: Context): void {
  if (section.mode !== 'operator') {
    if (section.operator) fail(ctx, ['operator'], 'ais.operator applies only to ais.mode: operator');
    return;
  }
  if (section.proxies?.initialPrimary) {
    fail(ctx, ['proxies', 'initialPrimary'], 'the AIS operator has no initial primary: proxy-0 becomes primary on whichever proxy node it is scheduled; remove this key in operator mode');
  }
  if (section.somaxconn !== undefined && section.somaxconn !== 65535) {
    fail(ctx, ['somaxconn'], 'the AIS operator sets no pod sysctl (its pods keep the node default); remove this key in operator mode');
  }
  if (section.publicAddress !== undefined && section.publicAddress !== 'nodeIP') {
    fail(ctx, ['publicAddress'], 'the AIS operator chooses what targets advertise (its publicNetDNSMode); remove this key in operator mode');
  }
  if (section.images?.pullPolicy) {
    fail(ctx, ['images', 'pullPolicy'], 'the AIS operator always pulls AIS images with imagePullPolicy Always; remove this key in operator mode');
  }
  if (section.gateway?.loadBalancerIP && section.gateway.metallb === false) {
    fail(ctx, ['gateway', 'loadBalancerIP'], 'in operator mode the operator creates the gateway LoadBalancer and only takes annotations: '
      + 'keep gateway.metallb: true, or request the IP through gateway.annotations for your load balancer');
  }
  if (section.tls) checkOperatorTls(ctx, section.tls);
  checkOperatorSection(ctx, section);
}

/**
 * The top-level `operator:` section needs a cluster run by the operator; TTL floor as the operator
 * applies it; AIS client auth needs the operator's client certificate.
 */
export function checkOperatorSettings(config: { ais?: { mode: string; tls?: { clientAuth: string } }; operator?: OperatorSettingsConfig }, ctx: Context): void {
  const clientAuth = config.ais?.tls?.clientAuth ?? 'none';
  // with client_auth_tls above 0 the operator answers AIS's certificate request from its client certificate directory
  if (config.ais?.mode === 'operator' && clientAuth !== 'none' && !config.operator?.clientCert) {
    fail(ctx, ['ais', 'tls', 'clientAuth'], `with clientAuth ${clientAuth} AIS asks the operator for a client certificate and the operator's `
      + 'requests fail without one: add operator.clientCert (from an issuer AIS trusts)');
  }
  if (!config.operator) return;
  if (config.ais && config.operator.version) {
    const images = (config.ais as { images?: { aisnode: string; init: string } }).images;
    for (const problem of images ? aisCompatibilityProblems({ ...images, operatorVersion: config.operator.version }) : []) {
      if (problem.severity === 'error') fail(ctx, COMPATIBILITY_PATHS[problem.input], problem.message);
    }
  }
  if (config.ais?.mode !== 'operator') {
    fail(ctx, ['operator'], 'the operator: section configures the AIS operator install and needs ais.mode: operator');
  }
  const ttl = config.operator.authTLSCacheTTL;
  if (ttl && (goDurationSeconds(ttl) ?? 0) < 60) {
    fail(ctx, ['operator', 'authTLSCacheTTL'], `authTLSCacheTTL ${ttl} is below the operator's minimum of 1m (it would use 1m)`);
  }
}
