import * as z from 'zod';
import {
  AIS_VALUE_LIMITS, DEFAULT_CA_BUNDLE_KEY, DEFAULT_EXTERNAL_SECRETS_REFRESH, DEFAULT_NETWORK_POLICY, DEFAULT_TARGET_MAX_UNAVAILABLE, DEFAULT_TRACING_TOKEN_KEY,
} from '../ais/defaults';
import { dnsSubdomain, fail, goDuration, ipv4 } from './primitives';

type Context = z.core.$RefinementCtx<any>;

/** A DNS name for a certificate: a DNS-1123 subdomain, optionally with a leading `*.` wildcard. */
const certificateDnsName = z.string().regex(/^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
  'a DNS name such as ais.example.com or *.ais.example.com');

/** A key of a Secret or ConfigMap. */
const dataKey = z.string().regex(/^[-._a-zA-Z0-9]+$/, "a Secret or ConfigMap key: letters, digits, '-', '_' and '.'");

const issuance = z.strictObject({
  issuer: z.strictObject({
    name: dnsSubdomain.describe('name of the issuer'),
    kind: z.enum(['ClusterIssuer', 'Issuer']).default('ClusterIssuer').describe('kind of the issuer; an Issuer lives in the cluster namespace'),
  }).optional().describe('an existing cert-manager issuer'),
  selfSigned: z.boolean().default(false).describe('opt-in bootstrap chain: selfSigned ClusterIssuer → CA Certificate → CA Issuer'),
  duration: goDuration.optional().describe("certificate lifetime; default cert-manager's (90 days)"),
  renewBefore: goDuration.optional().describe("renew this long before expiry; default cert-manager's (a third of the lifetime)"),
}).describe('how cert-manager issues the certificate: an issuer or a self-signed CA, lifetime and renewal');

export const TLS_CLIENT_AUTH_MODES = ['none', 'request', 'requireAny', 'verifyIfGiven', 'requireAndVerify'] as const;

/** `ais.tls`: HTTPS for every AIS endpoint. */
export const tlsSchema = z.strictObject({
  certManager: issuance.optional().describe('cert-manager issues a Certificate; its Secret is mounted'),
  csi: issuance.optional().describe('the cert-manager CSI driver issues one certificate per pod'),
  existingSecret: dnsSubdomain.optional().describe('an existing TLS Secret (keys tls.crt, tls.key, ca.crt)'),
  dnsNames: z.array(certificateDnsName).default([]).describe("extra DNS names of the certificate (e.g. the gateway's external DNS name)"),
  ipAddresses: z.array(ipv4).default([]).describe('extra IP addresses of the certificate'),
  nodeIPs: z.unknown().optional().describe('removed: give node IPs in ais.network.nodes'),
  clientsVerify: z.boolean().optional()
    .describe('whether clients and the ais CLI verify the AIS certificate (default: assumed). AIS verifies it itself unless skipVerify, '
      + 'so the certificate must name every address proxies and targets advertise unless skipVerify: true and clientsVerify: false'),
  clientAuth: z.enum(TLS_CLIENT_AUTH_MODES).default('none').describe('client certificates: none, or mutual TLS (Go tls.ClientAuthType)'),
  skipVerify: z.boolean().default(false).describe("AIS nodes do not verify each other's certificates"),
  caConfigMap: z.strictObject({
    name: dnsSubdomain.describe('name of the ConfigMap'),
    key: dataKey.default(DEFAULT_CA_BUNDLE_KEY).describe('key of the CA bundle in it'),
  }).optional()
    .describe("an existing ConfigMap with the CA bundle AIS trusts (instead of the secret's ca.crt)"),
}).describe('HTTPS for every AIS endpoint: where the certificate comes from (certManager, csi or existingSecret) and how it is checked');

/** The security keys of the `ais:` section; spread into its schema. */
export const aisSecurityShape = {
  tls: tlsSchema.optional(),
  cloud: z.strictObject({
    awsSecretName: dnsSubdomain.optional().describe('Secret with the AWS credentials'),
    gcpSecretName: dnsSubdomain.optional().describe('Secret with the GCP credentials'),
    ociSecretName: dnsSubdomain.optional().describe('Secret with the OCI credentials'),
  }).optional().describe('cloud backend credentials: names of existing Secrets (mounted into the targets)'),
  authn: z.strictObject({ signingKeySecretName: dnsSubdomain.describe('name of the Secret') }).optional()
    .describe('AuthN: the Secret with the JWT signing key (key SIGNING-KEY) the proxies verify tokens with'),
  tracing: z.strictObject({
    exporterEndpoint: z.string().regex(/^[^\s:/]+:[0-9]{1,5}$/, 'a host:port such as otel-collector.monitoring:4317')
      .describe('gRPC exporter endpoint, host:port'),
    serviceNamePrefix: z.string().min(1).optional().describe('prefix of the service name the spans carry'),
    samplerProbability: z.number().min(0, 'a probability from 0 to 1').max(1, 'a probability from 0 to 1').optional()
      .describe('share of requests traced, from 0 to 1'),
    skipVerify: z.boolean().default(false).describe("do not verify the exporter's certificate"),
    tokenSecretName: dnsSubdomain.optional().describe("Secret holding the exporter's auth token"),
    tokenKey: dataKey.default(DEFAULT_TRACING_TOKEN_KEY).describe('key of the token in that Secret'),
    tokenHeader: z.string().min(1).optional().describe('header the token is sent in, e.g. lightstep-access-token'),
  }).optional().describe('OpenTelemetry tracing'),
  externalSecrets: z.strictObject({
    store: z.strictObject({
      name: dnsSubdomain.describe('name of the store'),
      kind: z.enum(['ClusterSecretStore', 'SecretStore']).default('ClusterSecretStore').describe('kind of the store'),
    }).describe('the secret store the entries come from'),
    refreshInterval: goDuration.default(DEFAULT_EXTERNAL_SECRETS_REFRESH).describe('how often the Secrets are refreshed from the store'),
    remoteKeys: z.record(z.string(), z.string().min(1, 'a key in the secret store'))
      .describe('Secret name → key of the entry in the store (each Secret key is a property of that entry)'),
  }).optional().describe('create the referenced Secrets with external-secrets.io ExternalSecrets from a store'),
  networkPolicy: z.boolean().default(DEFAULT_NETWORK_POLICY).describe("NetworkPolicy: intra-cluster ports only from this cluster's AIS pods"),
  targetDisruptionBudget: z.strictObject({
    enabled: z.boolean().default(true).describe('emit the PodDisruptionBudget'),
    maxUnavailable: z.union([z.number().meta({ type: 'integer', minimum: 0 }), z.string().meta({ pattern: AIS_VALUE_LIMITS.maxUnavailablePercentPattern })],
      { error: 'a count such as 1 or a percentage such as 10%' }).default(DEFAULT_TARGET_MAX_UNAVAILABLE).describe('targets that may be down by eviction at once: a count or a percentage; 0 makes every kubectl drain of a target node hang'),
  }).prefault({}).describe('PodDisruptionBudget of the targets'),
};

const securitySection = z.object(aisSecurityShape);
/** The security keys of a parsed `ais:` section. */
export type AisSecurityConfig = z.output<typeof securitySection>;

/**
 * The TLS keys that have no prop of their own: the config spells the certificate's source as one of
 * three keys (the props as a certificate or a Secret name) and keeps the extra SANs beside them, where
 * an existing Secret has no use for them. Every other TLS rule is the AIS rulebook's.
 */
export function checkTlsKeys(section: AisSecurityConfig, ctx: Context): void {
  const tls = section.tls;
  if (!tls) return;
  if (tls.nodeIPs !== undefined) {
    fail(ctx, ['tls', 'nodeIPs'], 'node IPs moved to ais.network.nodes (node: ip, or node: {ip}): proxies advertise them too, not only targets');
  }
  if (tls.certManager && tls.csi) fail(ctx, ['tls', 'csi'], 'certManager and csi are alternatives; keep one');
  if (tls.existingSecret && !tls.certManager && !tls.csi) {
    for (const key of ['dnsNames', 'ipAddresses'] as const) {
      if (tls[key].length > 0) fail(ctx, ['tls', key], `${key} apply to certificates cert-manager issues; the existing secret ${tls.existingSecret} has its own`);
    }
  }
}
