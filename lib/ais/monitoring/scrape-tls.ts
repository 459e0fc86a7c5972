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
 * How Prometheus scrapes an HTTPS cluster: the CA that signed the AIS certificate, the name to verify
 * (a service name on the certificate, as Prometheus dials pod IPs) and, when AIS demands client
 * certificates, the one Prometheus presents. Throws, saying what to set, when the output cannot tell.
 */
export function scrapeTls(input: ScrapeTlsInput): AisScrapeTls {
  const { tls, cluster } = input;
  const request = tls.certificate;
  let ca: AisScrapeTls['ca'];
  if (tls.caBundle) {
    ca = { configMap: { name: tls.caBundle.configMapName, key: tls.caBundle.key ?? DEFAULT_CA_BUNDLE_KEY } };
  } else if (tls.secretName) {
    ca = { secret: { name: tls.secretName, key: 'ca.crt' } };
  } else if (request && request.delivery !== CertificateDelivery.CSI) {
    ca = { secret: { name: tlsSecretName(cluster), key: 'ca.crt' } };
  } else if (request?.selfSigned) {
    ca = { secret: { name: `${cluster}-ca`, key: 'ca.crt' } };
  } else {
    throw new Error('monitoring over HTTPS needs the CA Prometheus verifies AIS with, and certificates from the CSI driver leave no Secret '
      + 'holding it: set the CA bundle ConfigMap (ais.tls.caConfigMap)');
  }
  const host = (role: string) => `${cluster}-${role}.${input.namespace}.svc.${input.clusterDomain}`;
  let clientCertificate: AisScrapeTls['clientCertificate'];
  const clientAuth = tls.clientAuth ?? TlsClientAuth.NONE;
  if (requiresClientCertificate(clientAuth)) {
    if (input.clientCertificateSecret) clientCertificate = { secretName: input.clientCertificateSecret };
    else if (input.issuer) clientCertificate = { issuer: input.issuer };
    else {
      throw new Error(`AIS demands client certificates (tls.clientAuth ${TlsClientAuth[clientAuth]}), so Prometheus needs one, and no cert-manager issuer `
        + 'is configured to issue it: set monitoring.clientCertificateSecret to a kubernetes.io/tls Secret signed by a CA AIS trusts');
    }
  }
  return { ca, serverName: { proxy: host('proxy'), target: host('target') }, clientCertificate };
}
