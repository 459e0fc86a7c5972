import { DEFAULT_CA_BUNDLE_KEY } from '../defaults';
import { k8s } from 'cdk8s-plus-28';
import { AisVolume } from '../workloads/pod-inputs';

/** Where the AIS pods find their certificate (`tls.crt`, `tls.key`, `ca.crt`), as the AIS operator mounts it. */
export const TLS_MOUNT_PATH = '/var/certs';
/** Where a CA bundle ConfigMap is mounted (the AIS operator's admin client uses the same path). */
export const CA_BUNDLE_MOUNT_PATH = '/etc/ais-ca';
export { DEFAULT_CA_BUNDLE_KEY };
/** Driver name of the cert-manager CSI driver. */
export const CERT_MANAGER_CSI_DRIVER = 'csi.cert-manager.io';
/** Files cert-manager writes into a TLS secret (and the CSI driver into its volume). */
export const TLS_SECRET_KEYS = ['tls.crt', 'tls.key', 'ca.crt'] as const;
/** Key usages AIS certificates need: every node serves TLS and dials its peers with the same certificate. */
export const AIS_CERTIFICATE_USAGES = ['digital signature', 'key encipherment', 'server auth', 'client auth'] as const;

/** Kind of a cert-manager issuer. */
export enum IssuerKind {
  /** namespaced: issues only in its own namespace */
  ISSUER = 'Issuer',
  /** cluster-scoped */
  CLUSTER_ISSUER = 'ClusterIssuer',
}

/** A cert-manager issuer (the AIS CR's `tls.certificate.issuerRef`). */
export interface IssuerReference {
  readonly name: string;
  /**
   * Issuer or ClusterIssuer.
   * @default IssuerKind.CLUSTER_ISSUER
   */
  readonly kind?: IssuerKind;
}

/** How cert-manager delivers the certificate (the AIS CR's `tls.certificate.mode`). */
export enum CertificateDelivery {
  /** one `Certificate`; cert-manager keeps its Secret `<cluster>-tls`, mounted by every pod */
  SECRET = 'secret',
  /** the cert-manager CSI driver issues a certificate per pod, on the node; no Secret */
  CSI = 'csi',
}

/**
 * Whether AIS asks clients for a certificate: the Go `tls.ClientAuthType` AIS reads from
 * `net.http.client_auth_tls`. Modes that require a certificate also apply to kubelet, which has none:
 * with them the probes check the TCP port only.
 */
export enum TlsClientAuth {
  NONE = 0,
  REQUEST = 1,
  REQUIRE_ANY = 2,
  VERIFY_IF_GIVEN = 3,
  REQUIRE_AND_VERIFY = 4,
}

/** Whether a client-auth mode rejects a client without a certificate (kubelet's probes among them). */
export function requiresClientCertificate(mode: TlsClientAuth): boolean {
  return mode === TlsClientAuth.REQUIRE_ANY || mode === TlsClientAuth.REQUIRE_AND_VERIFY;
}

/** A certificate cert-manager issues for the cluster (the AIS CR's `tls.certificate`). */
export interface AisCertificateRequest {
  /**
   * The issuer. Leave unset only with `selfSigned`.
   * @default - none
   */
  readonly issuer?: IssuerReference;
  /**
   * Bootstrap a private CA: selfSigned ClusterIssuer → CA Certificate → CA Issuer, which then issues.
   * @default false
   */
  readonly selfSigned?: boolean;
  /**
   * Certificate + Secret, or the CSI driver.
   * @default CertificateDelivery.SECRET
   */
  readonly delivery?: CertificateDelivery;
  /**
   * Lifetime, a Go duration (e.g. `2160h`).
   * @default - cert-manager's default (90 days)
   */
  readonly duration?: string;
  /**
   * When to renew before expiry, a Go duration.
   * @default - cert-manager's default (a third of the lifetime)
   */
  readonly renewBefore?: string;
  /**
   * DNS names beyond the cluster's own service names (e.g. the gateway's external DNS name).
   * @default - none
   */
  readonly additionalDnsNames?: readonly string[];
  /**
   * IP addresses beyond the LoadBalancer IPs we know (e.g. target node IPs clients are redirected to).
   * @default - none
   */
  readonly additionalIpAddresses?: readonly string[];
}

/** A ConfigMap holding a PEM CA bundle (the AIS CR's `adminClient.caConfigMap`). */
export interface CaBundleReference {
  readonly configMapName: string;
  /** @default 'trust-bundle.pem' */
  readonly key?: string;
}

/** HTTPS for an AIS cluster (what the AIS CR spells as `tls` plus `configToUpdate.net.http`). */
export interface AisTlsProps {
  /**
   * An existing `kubernetes.io/tls` Secret with `tls.crt`, `tls.key` and `ca.crt`; exclusive with `certificate`.
   * @default - none
   */
  readonly secretName?: string;
  /**
   * Let cert-manager issue the certificate; exclusive with `secretName`.
   * @default - none
   */
  readonly certificate?: AisCertificateRequest;
  /**
   * Client certificates (mutual TLS).
   * @default TlsClientAuth.NONE
   */
  readonly clientAuth?: TlsClientAuth;
  /**
   * AIS nodes accept each other's certificates unverified (`net.http.skip_verify`).
   * @default false
   */
  readonly skipVerify?: boolean;
  /**
   * The CA bundle AIS trusts for peers and client certificates (`client_ca_tls`).
   * @default - `ca.crt` of the certificate
   */
  readonly caBundle?: CaBundleReference;
  /**
   * Whether clients and the `ais` CLI verify the AIS certificate. AIS verifies it itself unless
   * `skipVerify` (non-primary proxies forward every control-plane request to the primary's public
   * address), so a certificate we issue must name every address a proxy or target advertises unless
   * nobody verifies: `skipVerify: true` with `clientsVerify: false`.
   * @default - assumed: they verify
   */
  readonly clientsVerify?: boolean;
}

/** Where the cluster answers, for certificate SANs. */
export interface AisTlsEndpoints {
  readonly cluster: string;
  readonly namespace: string;
  readonly clusterDomain: string;
  /** service names pods and clients reach the cluster by: the headless services and the gateway */
  readonly services: readonly string[];
  /** headless services whose pods get a wildcard name (`*.<service>.<ns>.svc.<domain>`) */
  readonly podServices: readonly string[];
  /** external IPs we know (gateway, per-target LoadBalancers, the IPs proxies and targets advertise) */
  readonly ipAddresses: readonly string[];
  /**
   * Host names proxies and targets advertise (node names in `AisPublicAddress.NODE_NAME` mode, names in per-node `public` lists).
   * @default - none
   */
  readonly hostnames?: readonly string[];
}

/** Name of the Secret cert-manager keeps the certificate in (the AIS operator's `<cr>-tls`). */
export const tlsSecretName = (cluster: string): string => `${cluster}-tls`;

/** Every AIS certificate covers: each service short, namespaced and fully qualified, and each pod by wildcard. */
export function aisCertificateDnsNames(endpoints: AisTlsEndpoints, additional: readonly string[] = []): string[] {
  const { namespace, clusterDomain } = endpoints;
  const names = endpoints.services.flatMap((s) => [s, `${s}.${namespace}`, `${s}.${namespace}.svc`, `${s}.${namespace}.svc.${clusterDomain}`]);
  names.push(...endpoints.podServices.map((s) => `*.${s}.${namespace}.svc.${clusterDomain}`), ...(endpoints.hostnames ?? []), ...additional);
  return [...new Set(names)];
}

/** The `net.http` section of the AIS cluster config for HTTPS. */
export function aisTlsHttpConfig(tls: AisTlsProps): Record<string, unknown> {
  const caPath = tls.caBundle
    ? `${CA_BUNDLE_MOUNT_PATH}/${tls.caBundle.key ?? DEFAULT_CA_BUNDLE_KEY}`
    : `${TLS_MOUNT_PATH}/ca.crt`;
  return {
    use_https: true,
    server_crt: `${TLS_MOUNT_PATH}/tls.crt`,
    server_key: `${TLS_MOUNT_PATH}/tls.key`,
    client_ca_tls: caPath,
    client_auth_tls: tls.clientAuth ?? TlsClientAuth.NONE,
    skip_verify: tls.skipVerify ?? false,
  };
}

/** The CSI driver's volume attributes for one pod: its own DNS name first, then the cluster's. */
function csiAttributes(request: AisCertificateRequest, issuer: IssuerReference, dnsNames: readonly string[],
  ipAddresses: readonly string[]): Record<string, string> {
  const attributes: Record<string, string> = {
    'csi.cert-manager.io/issuer-name': issuer.name,
    'csi.cert-manager.io/issuer-kind': issuer.kind ?? IssuerKind.CLUSTER_ISSUER,
    'csi.cert-manager.io/issuer-group': 'cert-manager.io',
    'csi.cert-manager.io/dns-names': dnsNames.join(','),
    'csi.cert-manager.io/key-usages': AIS_CERTIFICATE_USAGES.join(','),
  };
  if (ipAddresses.length) attributes['csi.cert-manager.io/ip-sans'] = ipAddresses.join(',');
  if (request.duration) attributes['csi.cert-manager.io/duration'] = request.duration;
  if (request.renewBefore) attributes['csi.cert-manager.io/renew-before'] = request.renewBefore;
  return attributes;
}

/** What a TLS setting adds to the pods of one role. */
export interface AisTlsPodOptions {
  readonly tls: AisTlsProps;
  readonly endpoints: AisTlsEndpoints;
  /** the role's headless service (the pod's own DNS name is `<pod>.<service>.<ns>.svc.<domain>`) */
  readonly service: string;
  /** the issuer that actually signs (the self-signed chain's CA issuer, or the request's) */
  readonly issuer?: IssuerReference;
}

/** The certificate volume (read-only at /var/certs) and, with a CA bundle, its ConfigMap volume. */
export function aisTlsVolumes(options: AisTlsPodOptions): AisVolume[] {
  const { tls } = options;
  const request = tls.certificate;
  let source: Partial<k8s.Volume>;
  if (request?.delivery === CertificateDelivery.CSI) {
    // the AIS rulebook makes a certificate name its issuer or opt in to the self-signed chain, which has one
    if (!options.issuer) throw new Error('aisTlsVolumes: the CSI driver needs an issuer');
    const { namespace, clusterDomain } = options.endpoints;
    const own = `\${POD_NAME}.${options.service}.${namespace}.svc.${clusterDomain}`;
    const names = [own, ...aisCertificateDnsNames(options.endpoints, request.additionalDnsNames)];
    const ips = [...new Set([...options.endpoints.ipAddresses, ...(request.additionalIpAddresses ?? [])])];
    source = { csi: { driver: CERT_MANAGER_CSI_DRIVER, readOnly: true, volumeAttributes: csiAttributes(request, options.issuer, names, ips) } };
  } else {
    source = { secret: { secretName: tls.secretName ?? tlsSecretName(options.endpoints.cluster), defaultMode: 0o400 } };
  }
  const volumes: AisVolume[] = [AisVolume._fromKube({ name: 'tls-certs', ...source }, { name: 'tls-certs', mountPath: TLS_MOUNT_PATH, readOnly: true })];
  if (tls.caBundle) {
    const key = tls.caBundle.key ?? DEFAULT_CA_BUNDLE_KEY;
    volumes.push(AisVolume._fromKube(
      { name: 'ais-ca', configMap: { name: tls.caBundle.configMapName, items: [{ key, path: key }], defaultMode: 0o644 } },
      { name: 'ais-ca', mountPath: CA_BUNDLE_MOUNT_PATH, readOnly: true },
    ));
  }
  return volumes;
}
