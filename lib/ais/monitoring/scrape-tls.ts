import { CertificateDelivery, DEFAULT_CA_BUNDLE_KEY, IssuerReference, AisTlsProps, TlsClientAuth, requiresClientCertificate, tlsSecretName } from '../security/tls';
import { AisScrapeTls } from './props';

export interface ScrapeTlsInput {
  readonly cluster: string;
  readonly namespace: string;
  readonly clusterDomain: string;
  /** the cluster's HTTPS settings */
  readonly tls: AisTlsProps;
  /** the issuer that signs the cluster's certificate (the self-signed chain's CA Issuer or the requested one) */
  readonly issuer?: IssuerReference;
  /** an existing client certificate Secret for Prometheus */
  readonly clientCertificateSecret?: string;
}

/**
 * The CA Prometheus verifies AIS with: the CA bundle ConfigMap, else the `ca.crt` of the certificate's
 * Secret (an existing one, the one cert-manager keeps, or the self-signed chain's CA); undefined when
 * there is none to read (certificates from the CSI driver leave no Secret).
 */
export function scrapeCa(tls: AisTlsProps, cluster: string): AisScrapeTls['ca'] | undefined {
  const request = tls.certificate;
  if (tls.caBundle) return { configMap: { name: tls.caBundle.configMapName, key: tls.caBundle.key ?? DEFAULT_CA_BUNDLE_KEY } };
  if (tls.secretName) return { secret: { name: tls.secretName, key: 'ca.crt' } };
  if (request && request.delivery !== CertificateDelivery.CSI) return { secret: { name: tlsSecretName(cluster), key: 'ca.crt' } };
  if (request?.selfSigned) return { secret: { name: `${cluster}-ca`, key: 'ca.crt' } };
  return undefined;
}

/**
 * The client certificate Prometheus presents: none when AIS does not demand one; else the given Secret,
 * or one the issuer issues; undefined when it needs one and neither is there.
 */
export function scrapeClientCertificate(tls: AisTlsProps, issuer: IssuerReference | undefined, secret: string | undefined):
  AisScrapeTls['clientCertificate'] | 'none' | undefined {
  if (!requiresClientCertificate(tls.clientAuth ?? TlsClientAuth.NONE)) return 'none';
  if (secret) return { secretName: secret };
  return issuer ? { issuer } : undefined;
}

/**
 * How Prometheus scrapes an HTTPS cluster: the CA that signed the AIS certificate, the name to verify
 * (a service name on the certificate, as Prometheus dials pod IPs) and, when AIS demands client
 * certificates, the one Prometheus presents. The AIS rulebooks refuse props from which either cannot be
 * told (lib/ais/cluster-checks.ts), so a failure here is a bug.
 */
export function scrapeTls(input: ScrapeTlsInput): AisScrapeTls {
  const { tls, cluster } = input;
  const ca = scrapeCa(tls, cluster);
  const clientCertificate = scrapeClientCertificate(tls, input.issuer, input.clientCertificateSecret);
  if (!ca || !clientCertificate) throw new Error('scrapeTls: the props were not checked (aisClusterProblems)');
  const host = (role: string) => `${cluster}-${role}.${input.namespace}.svc.${input.clusterDomain}`;
  return { ca, serverName: { proxy: host('proxy'), target: host('target') }, clientCertificate: clientCertificate === 'none' ? undefined : clientCertificate };
}
