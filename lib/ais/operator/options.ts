import * as ais from '../../../imports/ais.nvidia.com';
import { Mountpath } from '../storage/mountpath';
import { CertificateDelivery, IssuerKind } from '../security/tls';

/** Where each AIS pod keeps its state (`/etc/ais` in the container: config, cluster map). */
export class AisStateStorage {
  /** A host directory per pod under `<prefix>/<namespace>/<cluster>/<role>` (survives pod and cluster restarts); `prefix` is absolute. */
  public static hostPath(prefix: string): AisStateStorage {
    return new AisStateStorage({ hostPath: { prefix } });
  }

  /** An emptyDir: state is lost with the pod (test clusters only). */
  public static emptyDir(): AisStateStorage {
    return new AisStateStorage({ emptyDir: {} });
  }

  /** A PVC `<namespace>-<cluster>-state` per pod from an existing StorageClass (named: not empty). */
  public static pvc(storageClass: string): AisStateStorage {
    return new AisStateStorage({ pvc: { storageClass } });
  }

  private constructor(private readonly spec: ais.AiStoreSpecStateStorage) {}

  /** @internal the AIStore `spec.stateStorage` */
  public _toSpec(): ais.AiStoreSpecStateStorage {
    return this.spec;
  }
}

/**
 * How the operator delivers a cert-manager certificate to the pods (`tls.certificate.mode`): the
 * same enum as standalone TLS uses. SECRET: the operator creates Certificate `<cluster>-tls-cert` and
 * pods mount its Secret `<cluster>-tls`; CSI: the cert-manager CSI driver issues a certificate per
 * pod when it mounts (needs csi-driver).
 */
export { CertificateDelivery as TlsCertificateMode };

/** A cert-manager issuer kind: the same enum as standalone TLS uses. */
export { IssuerKind };

export interface AisCertManagerTlsOptions {
  /** name of the Issuer or ClusterIssuer */
  readonly issuerName: string;
  /** @default IssuerKind.CLUSTER_ISSUER */
  readonly issuerKind?: IssuerKind;
  /** @default CertificateDelivery.SECRET */
  readonly mode?: CertificateDelivery;
  /**
   * Extra DNS names in the certificate (the operator adds the service and pod names itself).
   * @default - none
   */
  readonly additionalDnsNames?: readonly string[];
  /**
   * Certificate lifetime, a Go duration such as `8760h`.
   * @default - cert-manager's default
   */
  readonly duration?: string;
  /**
   * When to renew, a Go duration such as `720h`.
   * @default - cert-manager's default
   */
  readonly renewBefore?: string;
}

/**
 * Where the HTTPS certificate of the cluster comes from (`spec.tls`). The operator mounts it at
 * `/var/certs` and writes the `server_crt`/`server_key`/`client_ca_tls` paths itself.
 */
export class AisTls {
  /** An existing Secret with `tls.crt`, `tls.key` (and `ca.crt` for client auth). */
  public static fromSecret(secretName: string): AisTls {
    return new AisTls({ secretName });
  }

  /** A certificate from a cert-manager issuer, created and renewed for the cluster's names by the operator. */
  public static certManager(options: AisCertManagerTlsOptions): AisTls {
    return new AisTls({
      certificate: {
        issuerRef: { name: options.issuerName, kind: (options.issuerKind ?? IssuerKind.CLUSTER_ISSUER) as string as ais.AiStoreSpecTlsCertificateIssuerRefKind },
        mode: (options.mode ?? CertificateDelivery.SECRET) as string as ais.AiStoreSpecTlsCertificateMode,
        additionalDnsNames: options.additionalDnsNames?.length ? [...options.additionalDnsNames] : undefined,
        duration: options.duration,
        renewBefore: options.renewBefore,
      },
    });
  }

  private constructor(private readonly spec: ais.AiStoreSpecTls) {}

  /** @internal the AIStore `spec.tls` */
  public _toSpec(): ais.AiStoreSpecTls {
    return this.spec;
  }
}

/** How the operator authenticates to AIS when AuthN is enabled (`spec.auth`). */
export interface AisOperatorAuth {
  /**
   * A cluster-scoped AIStoreAuthProfile holding the auth provider (the operator's current way).
   * @default - none: give usernamePasswordSecret
   */
  readonly profileName?: string;
  /**
   * AuthN service URL (deprecated by the operator in favour of profiles).
   * @default - the operator's default, https://ais-authn.ais:52001
   */
  readonly serviceUrl?: string;
  /**
   * Secret with the AuthN admin credentials (keys `SU-NAME`, `SU-PASS`).
   * @default - none: give profileName
   */
  readonly usernamePasswordSecret?: string;
  /**
   * Namespace of that Secret.
   * @default - the cluster namespace
   */
  readonly usernamePasswordSecretNamespace?: string;
  /**
   * CA certificate file (in the operator pod) trusted for the AuthN service.
   * @default - system CAs and the auth CA ConfigMap at /etc/ssl/certs/auth-ca
   */
  readonly caCertPath?: string;
}

/** OpenTelemetry tracing of AIS requests (`configToUpdate.tracing`). */
export interface AisTracing {
  /** OTLP exporter endpoint, host:port */
  readonly exporterEndpoint: string;
  /**
   * Secret with the exporter token, mounted at /var/traces.
   * @default - no token
   */
  readonly tokenSecretName?: string;
  /**
   * Key of the token in that Secret.
   * @default 'token'
   */
  readonly tokenKey?: string;
  /**
   * Header that carries the token.
   * @default - the exporter's default
   */
  readonly tokenHeader?: string;
  /**
   * Fraction of requests traced, e.g. "0.1".
   * @default - AIS's default
   */
  readonly samplerProbability?: string;
  /**
   * Prefix of the service name in traces.
   * @default - AIS's default
   */
  readonly serviceNamePrefix?: string;
  /**
   * Skip verifying the exporter's certificate.
   * @default false
   */
  readonly skipVerify?: boolean;
}

/** The optional admin client Deployment `<cluster>-client` (AIS CLI, SDK, aisloader). */
export interface AisAdminClient {
  /**
   * Pinned ais-util image.
   * @default - the operator's default, docker.io/aistorage/ais-util:latest (unpinned)
   */
  readonly image?: string;
  /**
   * ConfigMap in the cluster namespace with the CA bundle the client trusts.
   * @default - system CAs only
   */
  readonly caConfigMap?: string;
  /**
   * Key of the CA bundle in that ConfigMap.
   * @default - the operator's default, trust-bundle.pem
   */
  readonly caKey?: string;
}

/** A target mountpath as the operator mounts it. */
export interface AisOperatorMount extends Mountpath {
  /**
   * Mount a host directory (`<path>/<namespace>/<cluster>/target`) instead of claiming a PersistentVolume.
   * @default false
   */
  readonly useHostPath?: boolean;
  /**
   * StorageClass of the claim (PVC mounts).
   * @default - required for PVC mounts
   */
  readonly storageClass?: string;
  /**
   * Labels of the PersistentVolumes the claim may bind (PVC mounts).
   * @default - any PV of the storage class
   */
  readonly selector?: Record<string, string>;
}

