import { AisSecurityProps } from '../security/security';
import { AisTlsProps, IssuerReference, requiresClientCertificate, TlsClientAuth } from '../security/tls';
import { AiStoreClusterOptions, AiStoreOptions } from './aistore';
import { AisTls } from './options';

type SecurityKey = Exclude<keyof AiStoreOptions, keyof AiStoreClusterOptions>;

/** The AIStore fields that the security props set (every key present, so a spread overrides). */
export type AiStoreSecurityOptions = { readonly [K in SecurityKey]: AiStoreOptions[K] | undefined };

/**
 * Throws for TLS settings the AIStore cannot carry: IP SANs (the operator's certificate has DNS
 * names only), a CA bundle of our own (the operator mounts only the certificate at /var/certs and
 * points `client_ca_tls` at its `ca.crt`), and client-auth modes that demand a certificate from
 * every client (the operator's probes are HTTPS GETs from kubelet, which has none).
 */
export function checkOperatorTls(tls: AisTlsProps): void {
  if (tls.certificate?.additionalIpAddresses?.length) {
    throw new Error('the AIStore certificate takes DNS names only (tls.certificate.additionalDNSNames): give the addresses DNS names');
  }
  if (tls.caBundle) {
    throw new Error('the AIS operator trusts the ca.crt of the certificate only; it cannot mount a CA bundle ConfigMap into the AIS pods');
  }
  if (requiresClientCertificate(tls.clientAuth ?? TlsClientAuth.NONE)) {
    throw new Error('the AIS operator probes HTTPS without a client certificate: client auth must not require one (use VERIFY_IF_GIVEN)');
  }
}

function aisTls(tls: AisTlsProps, issuer: IssuerReference | undefined): AisTls {
  checkOperatorTls(tls);
  const request = tls.certificate;
  if (!request) return AisTls.fromSecret(tls.secretName ?? '');
  if (!issuer) throw new Error('a cert-manager certificate needs an issuer (or selfSigned)');
  return AisTls.certManager({
    issuerName: issuer.name, issuerKind: issuer.kind, mode: request.delivery, additionalDnsNames: request.additionalDnsNames,
    duration: request.duration, renewBefore: request.renewBefore,
  });
}

/**
 * The AIStore fields for the security props a standalone cluster takes (one description, two
 * modes): `tls` (`issuer` is the issuer that signs, e.g. the self-signed chain's CA Issuer),
 * `net.http` skip-verify and client auth, cloud and AuthN Secret names, tracing and the targets'
 * PodDisruptionBudget. The self-signed chain, ExternalSecrets and NetworkPolicy are objects of their
 * own: see `addAisSharedSecurity`.
 */
export function aistoreSecurityOptions(props: AisSecurityProps, issuer?: IssuerReference): AiStoreSecurityOptions {
  const { tls, credentials = {}, tracing } = props;
  return {
    tls: tls && aisTls(tls, issuer),
    skipVerify: tls && (tls.skipVerify ?? false),
    clientAuthTls: tls && (tls.clientAuth ?? TlsClientAuth.NONE),
    awsSecretName: credentials.awsSecretName,
    gcpSecretName: credentials.gcpSecretName,
    ociSecretName: credentials.ociSecretName,
    authNSecretName: credentials.authnSecretName,
    // the CRD types sampler_probability as a string
    tracing: tracing && { ...tracing, samplerProbability: tracing.samplerProbability === undefined ? undefined : String(tracing.samplerProbability) },
    pdb: props.targetDisruptionBudget ?? {},
  };
}
