import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { AisComponent, aisLabels } from '../labels';
import { AIS_CERTIFICATE_USAGES, IssuerKind, IssuerReference } from './tls';

const API_VERSION = 'cert-manager.io/v1';

// Wire types of the cert-manager.io/v1 fields we set (a misspelt field is a compile error instead of
// a field the API server drops); the tests validate the objects strictly against cert-manager's CRDs.
export interface IssuerRefWire { readonly name: string; readonly kind: string; readonly group: string }
export interface CertificateSpec {
  readonly secretName: string;
  readonly secretTemplate?: { readonly labels: Record<string, string> };
  readonly issuerRef: IssuerRefWire;
  readonly isCA?: boolean;
  readonly commonName?: string;
  readonly dnsNames?: string[];
  readonly ipAddresses?: string[];
  readonly usages?: string[];
  readonly duration?: string;
  readonly renewBefore?: string;
  readonly privateKey?: { readonly algorithm: 'RSA' | 'ECDSA' | 'Ed25519'; readonly size?: number };
}
interface IssuerSpec { readonly ca: { readonly secretName: string } }
interface ClusterIssuerSpec { readonly selfSigned: Record<string, never> }

export const issuerRef = (issuer: IssuerReference): IssuerRefWire => ({ name: issuer.name, kind: issuer.kind ?? IssuerKind.CLUSTER_ISSUER, group: 'cert-manager.io' });

export interface AisCertificateProps {
  readonly cluster: string;
  readonly namespace: string;
  /** name of the Certificate */
  readonly name: string;
  /** Secret cert-manager writes `tls.crt`, `tls.key` and `ca.crt` to */
  readonly secretName: string;
  readonly issuer: IssuerReference;
  readonly dnsNames: readonly string[];
  /** @default - none */
  readonly ipAddresses?: readonly string[];
  /** @default - cert-manager's default (90 days) */
  readonly duration?: string;
  /** @default - cert-manager's default (a third of the lifetime) */
  readonly renewBefore?: string;
}

/**
 * The cert-manager `Certificate` of an AIS cluster (the AIS operator's `<cr>-tls-cert`): one
 * certificate every proxy and target serves and dials its peers with, so it is valid for server and
 * client auth. cert-manager renews it in place; AIS reloads the files.
 */
export class AisCertificate extends Construct {
  public readonly apiObject: ApiObject;
  public readonly secretName: string;

  constructor(scope: Construct, id: string, props: AisCertificateProps) {
    super(scope, id);
    // a direct-use guard: a cluster always gives its service names
    if (props.dnsNames.length === 0) throw new Error(`certificate ${props.name} needs at least one DNS name`);
    this.secretName = props.secretName;
    const labels = aisLabels(props.cluster, AisComponent.TLS);
    const spec: CertificateSpec = {
      secretName: props.secretName,
      secretTemplate: { labels },
      issuerRef: issuerRef(props.issuer),
      dnsNames: [...props.dnsNames],
      ipAddresses: props.ipAddresses?.length ? [...props.ipAddresses] : undefined,
      usages: [...AIS_CERTIFICATE_USAGES],
      duration: props.duration,
      renewBefore: props.renewBefore,
    };
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: API_VERSION, kind: 'Certificate', metadata: { name: props.name, namespace: props.namespace, labels }, spec,
    });
  }
}

export interface SelfSignedCaProps {
  readonly cluster: string;
  readonly namespace: string;
  /**
   * Lifetime of the CA certificate.
   * @default '87600h' (10 years: rotating a private CA re-issues every certificate it signed)
   */
  readonly duration?: string;
}

/**
 * A private CA bootstrapped by cert-manager (opt-in): the selfSigned ClusterIssuer `<cluster>-selfsigned`
 * signs the CA Certificate `<cluster>-ca` (Secret `<cluster>-ca`), which backs the namespaced CA
 * Issuer `<cluster>-ca-issuer` that issues the cluster's certificates. Clients trust `ca.crt` of
 * Secret `<cluster>-ca` (or of the server certificate's Secret).
 */
export class SelfSignedCa extends Construct {
  /** the issuer to request certificates from */
  public readonly issuer: IssuerReference;
  public readonly clusterIssuer: ApiObject;
  public readonly caCertificate: ApiObject;
  public readonly caIssuer: ApiObject;

  constructor(scope: Construct, id: string, props: SelfSignedCaProps) {
    super(scope, id);
    const labels = aisLabels(props.cluster, AisComponent.TLS);
    const selfSigned = `${props.cluster}-selfsigned`;
    const ca = `${props.cluster}-ca`;
    this.issuer = { name: `${props.cluster}-ca-issuer`, kind: IssuerKind.ISSUER };

    const clusterIssuerSpec: ClusterIssuerSpec = { selfSigned: {} };
    this.clusterIssuer = new ApiObject(this, 'SelfSigned', {
      apiVersion: API_VERSION, kind: 'ClusterIssuer', metadata: { name: selfSigned, labels }, spec: clusterIssuerSpec,
    });
    const caSpec: CertificateSpec = {
      isCA: true,
      commonName: `${props.cluster} AIStore CA`,
      secretName: ca,
      secretTemplate: { labels },
      duration: props.duration ?? '87600h',
      privateKey: { algorithm: 'ECDSA', size: 256 },
      issuerRef: issuerRef({ name: selfSigned, kind: IssuerKind.CLUSTER_ISSUER }),
    };
    this.caCertificate = new ApiObject(this, 'CaCertificate', {
      apiVersion: API_VERSION, kind: 'Certificate', metadata: { name: ca, namespace: props.namespace, labels }, spec: caSpec,
    });
    const issuerSpec: IssuerSpec = { ca: { secretName: ca } };
    this.caIssuer = new ApiObject(this, 'CaIssuer', {
      apiVersion: API_VERSION, kind: 'Issuer', metadata: { name: this.issuer.name, namespace: props.namespace, labels }, spec: issuerSpec,
    });
  }
}
