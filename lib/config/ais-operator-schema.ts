import * as z from 'zod';
import { DEFAULT_OPERATOR_DEPLOYMENT, DEFAULT_OPERATOR_NAMESPACE } from '../ais/operator/defaults';
import { DEFAULT_SOMAXCONN } from '../ais/defaults';
import { dnsLabel, dnsSubdomain, fail, goDuration, image } from './primitives';

/**
 * Config keys that only exist when the AIS operator runs the cluster (`ais.mode: operator`):
 * `ais.operator` (fields of the AIStore resource with no standalone equivalent) and the
 * top-level `operator:` section (settings of the operator install itself).
 */


const issuerSchema = z.strictObject({
  name: dnsSubdomain.describe('name of the cert-manager Issuer or ClusterIssuer'),
  kind: z.enum(['Issuer', 'ClusterIssuer']).default('ClusterIssuer').describe('kind of the issuer'),
}).describe('a cert-manager Issuer or ClusterIssuer');

/** `ais.operator`: AIStore fields that standalone mode has no use for. */
export const aisOperatorSchema = z.strictObject({
  publicNetDNSMode: z.enum(['IP', 'Node', 'Pod']).optional()
    .describe('which public address targets and proxies publish with hostPort: host IP, node DNS name or pod DNS name'),
  proxyHostPort: z.boolean().default(true)
    .describe('proxySpec.hostPort: proxies advertise a node address the ais CLI and the other proxies reach; false keeps the pod IP '
      + '(an existing AIStore, whose webhook refuses adding hostPort; not with verified HTTPS)'),
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
  namespace: dnsLabel.default(DEFAULT_OPERATOR_NAMESPACE).describe('namespace the operator runs in'),
  deployment: dnsSubdomain.default(DEFAULT_OPERATOR_DEPLOYMENT)
    .describe('name of the operator Deployment (Helm release `ais-operator` and the kustomize install both give this)'),
  skipVerifyCert: z.boolean().optional()
    .describe('skip verifying AIS certificates (spec.operatorSkipVerifyCrt, and the OPERATOR_SKIP_VERIFY_CRT fallback)'),
  aisCAConfigMap: dnsSubdomain.optional().describe('ConfigMap (operator namespace) with CA certificates (.crt/.pem) for AIS, mounted at /etc/ais/ca'),
  authCAConfigMap: dnsSubdomain.optional()
    .describe('ConfigMap (operator namespace) with CA certificates for the auth service, mounted at /etc/ssl/certs/auth-ca'),
  version: z.string().regex(/^v\d+\.\d+\.\d+$/, 'a release version like v3.4.0').optional()
    .describe('the AIS operator version that runs the cluster, e.g. v3.4.0: checked against the AIS compatibility matrix (ais-k8s docs/COMPATIBILITY.md) '
      + 'and against the AIStore fields the output uses (each operator release\'s CRD)'),
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

/** The parts of the `ais:` section the mode checks read. */
interface AisModeView {
  mode: 'standalone' | 'operator';
  operator?: AisOperatorConfig;
  proxies: { initialPrimary?: string };
  somaxconn?: number | false;
  publicAddress?: string;
}

/**
 * Keys that belong to one mode only: the config's `ais:` section describes both modes, and a key the
 * other mode's construct has no prop for is refused here (every rule on the props themselves is the
 * AIS rulebooks'). Standalone rejects `ais.operator`; operator mode rejects the standalone keys the
 * operator cannot honour.
 */
export function checkAisModeKeys(section: AisModeView, ctx: Context): void {
  if (section.mode !== 'operator') {
    if (section.operator) fail(ctx, ['operator'], 'ais.operator applies only to ais.mode: operator');
    return;
  }
  if (section.proxies?.initialPrimary) {
    fail(ctx, ['proxies', 'initialPrimary'], 'the AIS operator has no initial primary: proxy-0 becomes primary on whichever proxy node it is scheduled; remove this key in operator mode');
  }
  if (section.somaxconn !== undefined && section.somaxconn !== DEFAULT_SOMAXCONN) {
    fail(ctx, ['somaxconn'], 'the AIS operator sets no pod sysctl (its pods keep the node default); remove this key in operator mode');
  }
  if (section.publicAddress !== undefined && section.publicAddress !== 'nodeIP') {
    fail(ctx, ['publicAddress'], 'the AIS operator chooses what targets advertise (its publicNetDNSMode); remove this key in operator mode');
  }
  const operator = section.operator;
  if (operator && operator.stateStorage !== 'pvc' && operator.stateStorageClass) {
    fail(ctx, ['operator', 'stateStorageClass'], `stateStorageClass only applies to stateStorage: pvc, not ${operator.stateStorage}`);
  }
}

/** The top-level `operator:` section configures the operator of a cluster it runs. */
export function checkOperatorSection(config: { ais?: { mode: string }; operator?: OperatorSettingsConfig }, ctx: Context): void {
  if (config.operator && config.ais?.mode !== 'operator') {
    fail(ctx, ['operator'], 'the operator: section configures the AIS operator install and needs ais.mode: operator');
  }
}
