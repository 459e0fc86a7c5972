import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { AisComponent, aisLabels } from '../labels';
import { IssuerKind } from './options';
import { DEFAULT_OPERATOR_DEPLOYMENT, DEFAULT_OPERATOR_NAMESPACE } from './defaults';

/** Where the operator reads CA certificates for AIS (any .crt/.pem file). */
export const OPERATOR_AIS_CA_DIR = '/etc/ais/ca';
/** Where the operator reads CA certificates for the auth service. */
export const OPERATOR_AUTH_CA_DIR = '/etc/ssl/certs/auth-ca';
/** The operator's default client certificate directory (`--ais-client-cert-path`), Secret `operator-tls`. */
export const OPERATOR_CLIENT_CERT_DIR = '/etc/operator/tls';
export { DEFAULT_OPERATOR_NAMESPACE };

/** Root of the per-cluster client certificates (`<root>/<namespace>/<cluster>/tls.crt`); kept apart from the default mount. */
export const OPERATOR_PER_CLUSTER_CERT_DIR = '/etc/operator/cluster-tls';
/** The Secret the operator mounts at /etc/operator/tls by default (optional: absent means no client cert). */
export const OPERATOR_CLIENT_SECRET = 'operator-tls';

/**
 * The ais-operator Helm chart's own manager args (chart 3.4.0); Helm replaces the whole list when
 * values set it, so extra flags are appended to these.
 */
export const HELM_CHART_MANAGER_ARGS: readonly string[] = [
  '--health-probe-bind-address=:8081',
  '--metrics-cert-path=/tmp/k8s-metrics-server/metrics-certs',
  '--metrics-bind-address=:8443',
  '--webhook-cert-path=/tmp/k8s-webhook-server/serving-certs',
  '--leader-elect',
];

/**
 * The Secret of the operator's client certificate: the shared `operator-tls`, or one per cluster
 * `operator-tls-<namespace>-<cluster>`, which is also a volume name of the operator Deployment (a
 * DNS-1123 label: the operator rulebook checks it).
 */
export function operatorClientSecretName(cluster: string, clusterNamespace: string, perCluster?: boolean): string {
  return perCluster ? `${OPERATOR_CLIENT_SECRET}-${clusterNamespace}-${cluster}` : OPERATOR_CLIENT_SECRET;
}

export interface OperatorClientCertificateOptions {
  /** cert-manager issuer of the client certificate (one that AIS's `client_ca_tls` trusts) */
  readonly issuerName: string;
  /** @default IssuerKind.CLUSTER_ISSUER */
  readonly issuerKind?: IssuerKind;
  /**
   * One certificate per cluster, read from `<cert dir>/<namespace>/<cluster>` (`--ais-client-cert-per-cluster`).
   * @default false - the shared Secret `operator-tls` at /etc/operator/tls
   */
  readonly perCluster?: boolean;
  /** @default - cert-manager's default */
  readonly duration?: string;
  /** @default - cert-manager's default */
  readonly renewBefore?: string;
}

export interface AisOperatorSettingsProps {
  /** the AIS cluster these settings serve */
  readonly cluster: string;
  /** namespace of that cluster */
  readonly clusterNamespace: string;
  /**
   * Namespace of the operator.
   * @default 'ais-operator-system'
   */
  readonly namespace?: string;
  /**
   * Name of the operator Deployment.
   * @default 'ais-operator-controller-manager'
   */
  readonly deploymentName?: string;
  /**
   * OPERATOR_SKIP_VERIFY_CRT (the fallback for clusters without `spec.operatorSkipVerifyCrt`).
   * @default - unset: the install's value
   */
  readonly skipVerifyCert?: boolean;
  /**
   * ConfigMap (operator namespace) with CA certificates for AIS, mounted at /etc/ais/ca.
   * @default - the install's default, `ais-operator-ais-ca` (optional)
   */
  readonly aisCAConfigMap?: string;
  /**
   * ConfigMap (operator namespace) with CA certificates for the auth service, mounted at /etc/ssl/certs/auth-ca.
   * @default - the install's default, `ais-operator-auth-ca` (optional)
   */
  readonly authCAConfigMap?: string;
  /**
   * OPERATOR_AUTH_TLS_CACHE_TTL, a Go duration of at least 1m.
   * @default - the operator's default, 6h
   */
  readonly authTlsCacheTtl?: string;
  /**
   * A client certificate for mTLS from the operator to AIS.
   * @default - none
   */
  readonly clientCertificate?: OperatorClientCertificateOptions;
  /**
   * The AIS operator version that runs the cluster, e.g. `v2.19.0`: the AIS images are checked against
   * the AIS compatibility matrix for it (ais-k8s docs/COMPATIBILITY.md; too old an operator is an error).
   * @default - unknown: only the image checks of the matrix (warnings)
   */
  readonly operatorVersion?: string;
}

/**
 * Settings of the AIS operator install for one cluster. What Kubernetes can hold as objects is
 * emitted (the cert-manager client Certificate, in the operator namespace); what changes the
 * operator Deployment is offered as Helm values for the ais-operator chart ({@link helmValues})
 * and as a strategic-merge patch of the Deployment ({@link deploymentPatch}) for kustomize or a
 * Helm post-renderer, with {@link extraManagerArgs} for the flags a patch cannot append.
 */
export class AisOperatorSettings extends Construct {
  public readonly namespace: string;
  public readonly deploymentName: string;
  /** the client Certificate, when one is configured */
  public readonly clientCertificate?: ApiObject;
  /** Secret of the client certificate */
  public readonly clientSecretName?: string;

  private readonly props: AisOperatorSettingsProps;

  constructor(scope: Construct, id: string, props: AisOperatorSettingsProps) {
    super(scope, id);
    this.props = props;
    this.namespace = props.namespace ?? DEFAULT_OPERATOR_NAMESPACE;
    this.deploymentName = props.deploymentName ?? DEFAULT_OPERATOR_DEPLOYMENT;
    const cert = props.clientCertificate;
    if (!cert) return;
    this.clientSecretName = operatorClientSecretName(props.cluster, props.clusterNamespace, cert.perCluster);
    this.clientCertificate = new ApiObject(this, 'ClientCertificate', {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: {
        name: cert.perCluster ? this.clientSecretName : 'operator-tls-cert',
        namespace: this.namespace,
        labels: aisLabels(props.cluster, AisComponent.OPERATOR),
      },
      spec: {
        secretName: this.clientSecretName,
        commonName: 'ais-operator',
        usages: ['client auth', 'digital signature', 'key encipherment'],
        duration: cert.duration,
        renewBefore: cert.renewBefore,
        issuerRef: { name: cert.issuerName, kind: cert.issuerKind ?? IssuerKind.CLUSTER_ISSUER, group: 'cert-manager.io' },
      },
    });
  }

  /** Directory the operator reads this cluster's client certificate from. */
  public get clientCertDir(): string | undefined {
    if (!this.props.clientCertificate) return undefined;
    return this.props.clientCertificate.perCluster
      ? `${OPERATOR_PER_CLUSTER_CERT_DIR}/${this.props.clusterNamespace}/${this.props.cluster}`
      : OPERATOR_CLIENT_CERT_DIR;
  }

  /** Manager flags beyond the install's own (per-cluster client certificates). */
  public get extraManagerArgs(): string[] {
    return this.props.clientCertificate?.perCluster
      ? [`--ais-client-cert-path=${OPERATOR_PER_CLUSTER_CERT_DIR}`, '--ais-client-cert-per-cluster']
      : [];
  }

  private env(): Array<{ name: string; value: string }> {
    const env: Array<{ name: string; value: string }> = [];
    if (this.props.skipVerifyCert !== undefined) env.push({ name: 'OPERATOR_SKIP_VERIFY_CRT', value: String(this.props.skipVerifyCert) });
    if (this.props.authTlsCacheTtl) env.push({ name: 'OPERATOR_AUTH_TLS_CACHE_TTL', value: this.props.authTlsCacheTtl });
    return env;
  }

  /** Values for the ais-operator Helm chart (chart 3.4.0 keys). The TTL and a per-cluster certificate need {@link deploymentPatch}. */
  public helmValues(): Record<string, unknown> {
    const manager: Record<string, unknown> = {};
    if (this.props.skipVerifyCert !== undefined) manager.env = { operatorSkipVerifyCrt: String(this.props.skipVerifyCert) };
    if (this.props.aisCAConfigMap) manager.aisCAConfigmapName = this.props.aisCAConfigMap;
    if (this.props.authCAConfigMap) manager.authCAConfigmapName = this.props.authCAConfigMap;
    if (this.extraManagerArgs.length) manager.args = [...HELM_CHART_MANAGER_ARGS, ...this.extraManagerArgs];
    return { controllerManager: { manager } };
  }

  /**
   * A strategic-merge patch of the operator Deployment: env vars, the CA ConfigMaps and the
   * per-cluster client certificate. Lists merge by name, so patches of several clusters compose.
   */
  public deploymentPatch(): Record<string, unknown> {
    const mounts: Array<Record<string, unknown>> = [];
    const volumes: Array<Record<string, unknown>> = [];
    const caVolume = (name: string, configMap: string | undefined, mountPath: string) => {
      if (!configMap) return;
      mounts.push({ name, mountPath, readOnly: true });
      volumes.push({ name, configMap: { name: configMap, optional: true } });
    };
    caVolume('ais-ca', this.props.aisCAConfigMap, OPERATOR_AIS_CA_DIR);
    caVolume('auth-ca', this.props.authCAConfigMap, OPERATOR_AUTH_CA_DIR);
    if (this.props.clientCertificate?.perCluster && this.clientSecretName) {
      mounts.push({ name: this.clientSecretName, mountPath: this.clientCertDir, readOnly: true });
      volumes.push({ name: this.clientSecretName, secret: { secretName: this.clientSecretName, defaultMode: 0o644 } });
    }
    const container: Record<string, unknown> = { name: 'manager' };
    if (this.env().length) container.env = this.env();
    if (mounts.length) container.volumeMounts = mounts;
    return {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: this.deploymentName, namespace: this.namespace },
      spec: { template: { spec: { containers: [container], ...(volumes.length ? { volumes } : {}) } } },
    };
  }
}
