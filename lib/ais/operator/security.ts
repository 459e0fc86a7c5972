import { AisSecurityProps } from '../security/security';
import { AisTlsProps, IssuerReference, TlsClientAuth } from '../security/tls';
import { AiStoreClusterOptions, AiStoreOptions } from './aistore-props';
import { AisTls } from './options';

type SecurityKey = Exclude<keyof AiStoreOptions, keyof AiStoreClusterOptions>;

/** The AIStore fields that the security props set (every key present, so a spread overrides). */
export type AiStoreSecurityOptions = { readonly [K in SecurityKey]: AiStoreOptions[K] | undefined };

/**
 * `spec.tls` of the AIStore: the existing Secret, or a cert-manager certificate from `issuer` (the
 * operator rulebook, lib/ais/operator/cluster-checks.ts, has refused what the AIStore cannot carry).
 */
function aisTls(tls: AisTlsProps, issuer: IssuerReference | undefined): AisTls {
  const request = tls.certificate;
  if (!request) return AisTls.fromSecret(tls.secretName ?? '');
  return AisTls.certManager({
    issuerName: issuer?.name ?? '', issuerKind: issuer?.kind, mode: request.delivery, additionalDnsNames: request.additionalDnsNames,
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
