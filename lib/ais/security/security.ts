import { Construct } from 'constructs';
import { DEFAULT_NETWORK_POLICY } from '../defaults';
import { AisCertificate, SelfSignedCa } from './cert-manager';
import { mergeConfig } from '../workloads/config-maps';
import { AisCredentialsProps, AisPodAdditions, AisTracingProps, aisCredentialWiring, secretRequirements } from './credentials';
import { AisDisruptionBudgetOptions, AisTargetDisruptionBudget } from '../workloads/disruption-budget';
import { AisExternalSecrets, AisExternalSecretsOptions } from './external-secrets';
import { AisNetworkPolicy } from '../network/network-policy';
import { ResolvedAisPorts } from '../network/ports';
import {
  AisTlsEndpoints, AisTlsProps, CertificateDelivery, IssuerReference, aisCertificateDnsNames, aisTlsHttpConfig, aisTlsVolumes,
  requiresClientCertificate, tlsSecretName, TlsClientAuth,
} from './tls';

/**
 * The security settings of an AIS cluster: HTTPS, credentials by reference, and the hardening
 * objects. Shared by the standalone {@link AisCluster} and the operator mode, which maps the same
 * props onto the AIStore resource.
 */
export interface AisSecurityProps {
  /**
   * Serve HTTPS on every AIS endpoint.
   * @default - plain HTTP
   */
  readonly tls?: AisTlsProps;
  /**
   * Cloud backend and AuthN credentials (Secret names).
   * @default - none
   */
  readonly credentials?: AisCredentialsProps;
  /**
   * OpenTelemetry tracing.
   * @default - off
   */
  readonly tracing?: AisTracingProps;
  /**
   * Create referenced Secrets with external-secrets.io ExternalSecrets.
   * @default - every referenced Secret must exist before sync
   */
  readonly externalSecrets?: AisExternalSecretsOptions;
  /**
   * Emit a NetworkPolicy that admits the intra-cluster ports only from the cluster's own AIS pods.
   * @default true
   */
  readonly networkPolicy?: boolean;
  /**
   * The targets' PodDisruptionBudget.
   * @default - enabled, maxUnavailable 1
   */
  readonly targetDisruptionBudget?: AisDisruptionBudgetOptions;
}

/** Where the security objects go: one scope (chart) per concern. */
export interface AisSecurityScopes {
  /** Certificate and issuers */
  readonly tls: Construct;
  /** ExternalSecrets */
  readonly secrets: Construct;
  /** NetworkPolicy and PodDisruptionBudget */
  readonly policies: Construct;
}

/** The cluster the security settings apply to. */
export interface AisSecurityTarget extends AisTlsEndpoints {
  readonly ports: ResolvedAisPorts;
  /**
   * IPs of the nodes whose targets run on the host network (the NetworkPolicy admits them).
   * @default - none
   */
  readonly hostNetworkPeers?: readonly string[];
  /** headless service of the proxies */
  readonly proxyService: string;
  /** headless service of the targets */
  readonly targetService: string;
}

/** What the security settings emitted, and what they add to the pods and the AIS config. */
export interface AisSecurity {
  readonly proxy: AisPodAdditions;
  readonly target: AisPodAdditions;
  /** net.http, backend and tracing sections of the cluster config override */
  readonly clusterConfig: Record<string, unknown>;
  readonly useHttps: boolean;
  /** probes check the TCP port only: AIS demands client certificates */
  readonly tcpProbes: boolean;
  readonly certificate?: AisCertificate;
  readonly selfSignedCa?: SelfSignedCa;
  readonly externalSecrets?: AisExternalSecrets;
  readonly networkPolicy?: AisNetworkPolicy;
  readonly targetDisruptionBudget?: AisTargetDisruptionBudget;
}

/** The objects both cluster kinds emit alike (see {@link addAisSharedSecurity}). */
export interface AisSharedSecurity {
  readonly selfSignedCa?: SelfSignedCa;
  /** the issuer that signs the cluster's certificate: the self-signed chain's CA Issuer, or the requested one */
  readonly issuer?: IssuerReference;
  readonly externalSecrets?: AisExternalSecrets;
  readonly networkPolicy?: AisNetworkPolicy;
}

/**
 * Emits what a standalone cluster and an operator-run one share: the
 * opt-in self-signed CA chain, the ExternalSecrets and the NetworkPolicy. The policy selects pods by
 * `app.kubernetes.io/name: <cluster>` and `app.kubernetes.io/component: proxy|target`, labels our
 * StatefulSets and the AIS operator's both put on the pods.
 */
export function addAisSharedSecurity(scopes: AisSecurityScopes,
  cluster: { cluster: string; namespace: string; ports: ResolvedAisPorts; hostNetworkPeers?: readonly string[] },
  props: AisSecurityProps): AisSharedSecurity {
  const base = { cluster: cluster.cluster, namespace: cluster.namespace };
  const request = props.tls?.certificate;
  const selfSignedCa = request?.selfSigned ? new SelfSignedCa(scopes.tls, 'SelfSignedCa', base) : undefined;
  const externalSecrets = props.externalSecrets
    ? new AisExternalSecrets(scopes.secrets, 'ExternalSecrets', { ...base, ...props.externalSecrets, secrets: secretRequirements(props) })
    : undefined;
  const networkPolicy = (props.networkPolicy ?? DEFAULT_NETWORK_POLICY)
    ? new AisNetworkPolicy(scopes.policies, 'NetworkPolicy', { ...base, ports: cluster.ports, hostNetworkPeers: cluster.hostNetworkPeers })
    : undefined;
  return { selfSignedCa, issuer: selfSignedCa?.issuer ?? request?.issuer, externalSecrets, networkPolicy };
}

/** Emits the security objects of a cluster into `scopes` and returns what the pods and config need. */
export function addAisSecurity(scopes: AisSecurityScopes, cluster: AisSecurityTarget, props: AisSecurityProps): AisSecurity {
  const { tls } = props;
  const base = { cluster: cluster.cluster, namespace: cluster.namespace };
  const shared = addAisSharedSecurity(scopes, cluster, props);
  const credentials = aisCredentialWiring(props.credentials, props.tracing);
  let clusterConfig = credentials.clusterConfig;
  let certificate: AisCertificate | undefined;
  if (tls) {
    const request = tls.certificate;
    const issuer = shared.issuer;
    if (request && issuer && request.delivery !== CertificateDelivery.CSI) {
      certificate = new AisCertificate(scopes.tls, 'Certificate', {
        ...base, name: `${cluster.cluster}-tls-cert`, secretName: tlsSecretName(cluster.cluster), issuer,
        dnsNames: aisCertificateDnsNames(cluster, request.additionalDnsNames),
        ipAddresses: [...new Set([...cluster.ipAddresses, ...(request.additionalIpAddresses ?? [])])],
        duration: request.duration, renewBefore: request.renewBefore,
      });
    }
    for (const [additions, service] of [[credentials.proxy, cluster.proxyService], [credentials.target, cluster.targetService]] as const) {
      additions.volumes.unshift(...aisTlsVolumes({ tls, endpoints: cluster, service, issuer }));
    }
    clusterConfig = mergeConfig(clusterConfig, { net: { http: aisTlsHttpConfig(tls) } });
  }
  const budget = props.targetDisruptionBudget ?? {};
  const targetDisruptionBudget = (budget.enabled ?? true)
    ? new AisTargetDisruptionBudget(scopes.policies, 'TargetDisruptionBudget', { ...base, ...budget })
    : undefined;
  return {
    proxy: credentials.proxy,
    target: credentials.target,
    clusterConfig,
    useHttps: tls !== undefined,
    tcpProbes: requiresClientCertificate(tls?.clientAuth ?? TlsClientAuth.NONE),
    certificate, selfSignedCa: shared.selfSignedCa, externalSecrets: shared.externalSecrets, networkPolicy: shared.networkPolicy, targetDisruptionBudget,
  };
}
