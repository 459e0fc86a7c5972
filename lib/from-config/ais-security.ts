import type { AisSecurityConfig } from '../config/ais-security-schema';
import type { PathMap } from '../props/path-map';
import { SecretStoreKind } from '../ais/security/external-secrets';
import { AisSecurityProps } from '../ais/security/security';
import { AisCertificateRequest, CertificateDelivery, IssuerKind, TlsClientAuth } from '../ais/security/tls';

const CLIENT_AUTH: Record<NonNullable<AisSecurityConfig['tls']>['clientAuth'], TlsClientAuth> = {
  none: TlsClientAuth.NONE,
  request: TlsClientAuth.REQUEST,
  requireAny: TlsClientAuth.REQUIRE_ANY,
  verifyIfGiven: TlsClientAuth.VERIFY_IF_GIVEN,
  requireAndVerify: TlsClientAuth.REQUIRE_AND_VERIFY,
};

function tlsProps(tls: NonNullable<AisSecurityConfig['tls']>): AisSecurityProps['tls'] {
  const request = tls.certManager ?? tls.csi;
  const certificate: AisCertificateRequest | undefined = request && {
    issuer: request.issuer && { name: request.issuer.name, kind: request.issuer.kind === 'Issuer' ? IssuerKind.ISSUER : IssuerKind.CLUSTER_ISSUER },
    selfSigned: request.selfSigned,
    delivery: tls.csi ? CertificateDelivery.CSI : CertificateDelivery.SECRET,
    duration: request.duration,
    renewBefore: request.renewBefore,
    additionalDnsNames: tls.dnsNames,
    additionalIpAddresses: tls.ipAddresses,
  };
  return {
    secretName: tls.existingSecret,
    certificate,
    clientAuth: CLIENT_AUTH[tls.clientAuth],
    skipVerify: tls.skipVerify,
    caBundle: tls.caConfigMap && { configMapName: tls.caConfigMap.name, key: tls.caConfigMap.key },
    clientsVerify: tls.clientsVerify,
  };
}

/**
 * Maps the security keys of the `ais:` section (`tls`, `cloud`, `authn`, `tracing`,
 * `externalSecrets`, `networkPolicy`, `targetDisruptionBudget`) to {@link AisSecurityProps}, for the
 * standalone cluster and the operator mode alike.
 */
export function aisSecurityProps(ais: AisSecurityConfig): AisSecurityProps {
  const external = ais.externalSecrets;
  return {
    tls: ais.tls && tlsProps(ais.tls),
    credentials: {
      awsSecretName: ais.cloud?.awsSecretName,
      gcpSecretName: ais.cloud?.gcpSecretName,
      ociSecretName: ais.cloud?.ociSecretName,
      authnSecretName: ais.authn?.signingKeySecretName,
    },
    tracing: ais.tracing,
    externalSecrets: external && {
      store: { name: external.store.name, kind: external.store.kind === 'SecretStore' ? SecretStoreKind.SECRET_STORE : SecretStoreKind.CLUSTER_SECRET_STORE },
      refreshInterval: external.refreshInterval,
      remoteKeys: external.remoteKeys,
    },
    networkPolicy: ais.networkPolicy,
    targetDisruptionBudget: ais.targetDisruptionBudget,
  };
}

const AT = ['ais'];

/** Where each security prop ({@link aisSecurityProps}) comes from in the config. */
export function aisSecurityPaths(ais: AisSecurityConfig): PathMap {
  const tls = [...AT, 'tls'];
  const request = [...tls, ais.tls?.csi ? 'csi' : 'certManager'];
  return {
    tls: {
      $: tls,
      secretName: [...tls, 'existingSecret'],
      certificate: {
        $: request,
        issuer: [...request, 'issuer'],
        selfSigned: [...request, 'selfSigned'],
        delivery: request,
        duration: [...request, 'duration'],
        renewBefore: [...request, 'renewBefore'],
        additionalDnsNames: [...tls, 'dnsNames'],
        additionalIpAddresses: [...tls, 'ipAddresses'],
      },
      clientAuth: [...tls, 'clientAuth'],
      skipVerify: [...tls, 'skipVerify'],
      caBundle: { $: [...tls, 'caConfigMap'], configMapName: [...tls, 'caConfigMap', 'name'], key: [...tls, 'caConfigMap', 'key'] },
      clientsVerify: [...tls, 'clientsVerify'],
    },
    credentials: {
      awsSecretName: [...AT, 'cloud', 'awsSecretName'],
      gcpSecretName: [...AT, 'cloud', 'gcpSecretName'],
      ociSecretName: [...AT, 'cloud', 'ociSecretName'],
      authnSecretName: [...AT, 'authn', 'signingKeySecretName'],
    },
    tracing: [...AT, 'tracing'],
    externalSecrets: [...AT, 'externalSecrets'],
    networkPolicy: [...AT, 'networkPolicy'],
    targetDisruptionBudget: [...AT, 'targetDisruptionBudget'],
  };
}
