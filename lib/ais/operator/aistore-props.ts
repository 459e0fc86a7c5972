import type { AisImages } from '../workloads/daemon-pod';
import type { AisResources } from '../workloads/pod-inputs';
import type { AisDisruptionBudgetOptions } from '../workloads/disruption-budget';
import type { AisPorts } from '../network/ports';
import type {
  AisAdminClient, AisOperatorAuth, AisOperatorMount, AisStateStorage, AisTls, AisTracing,
} from './options';

/** Which public address AIS daemons publish when reached through hostPort. */
export enum PublicNetDnsMode {
  /** the node's IP (the operator's default) */
  IP = 'IP',
  /** the node's DNS name */
  NODE = 'Node',
  /** the pod's DNS name */
  POD = 'Pod',
}

/** What scaling targets down does with their data. */
export enum ScaleDownMode {
  /** rebalance data away, remove the target, keep its disks' data (the operator's default) */
  SAFE_DECOMMISSION = 'safe_decommission',
  /** rebalance data away, remove the target and delete its data */
  DECOMMISSION = 'decommission',
  /** put the target in maintenance and keep its data on the node */
  RETAIN = 'retain',
}

/**
 * The AIStore's own settings (ports, state and log storage, resources, scaling, cleanup, operator access):
 * what the L3 `AisOperatorCluster` takes beside the security props it shares with a standalone cluster.
 */
export interface AiStoreClusterOptions {
  /**
   * AIS ports. Service port = public port; targets also bind the target port on their node (hostPort).
   * @default - 51080 proxy, 51081 target, 51082 intra control, 51083 intra data
   */
  readonly ports?: AisPorts;
  /**
   * Where AIS state lives.
   * @default AisStateStorage.hostPath('/etc/ais')
   */
  readonly stateStorage?: AisStateStorage;
  /**
   * Host directory for AIS logs (`<logsDir>/<namespace>/<cluster>/<role>`).
   * @default - an emptyDir
   */
  readonly logsDir?: string;
  /**
   * Kubernetes DNS domain; only set it when it differs from the operator's (the field is deprecated).
   * @default - the domain the operator is configured with or discovers
   */
  readonly clusterDomain?: string;
  /**
   * Run aisnode privileged (as the AIS Helm chart does).
   * @default true
   */
  readonly privileged?: boolean;
  /**
   * Resources of the proxies' aisnode container.
   * @default - requests cpu 500m, memory 1Gi, as standalone (the operator adds an ephemeral-storage request)
   */
  readonly proxyResources?: AisResources;
  /**
   * Resources of the targets' aisnode container.
   * @default - requests cpu 500m, memory 1Gi, as standalone (the operator adds an ephemeral-storage request)
   */
  readonly targetResources?: AisResources;
  /**
   * Let several targets share a node.
   * @default false
   */
  readonly disablePodAntiAffinity?: boolean;
  /**
   * Public address AIS daemons publish.
   * @default - the operator's default, PublicNetDnsMode.IP; PublicNetDnsMode.NODE with per-node public addresses
   */
  readonly publicNetDnsMode?: PublicNetDnsMode;
  /**
   * Proxies listen on hostPort = proxy port (`proxySpec.hostPort`) and advertise a node address, which the
   * `ais` CLI and the other proxies dial (the operator then sets `AIS_PUBLIC_HOSTNAME`, ais-k8s v3.4.0
   * proxy/statefulset.go `NewInitContainerEnv`). `false` keeps the pod IP, for an existing AIStore whose
   * webhook refuses adding the field (ais-k8s aistore_webhook.go `validateProxyUpdate`).
   * @default true
   */
  readonly proxyHostPort?: boolean;
  /**
   * What scaling targets down does with their data.
   * @default - the operator's default, ScaleDownMode.SAFE_DECOMMISSION
   */
  readonly scaleDownMode?: ScaleDownMode;
  /**
   * On deletion of the AIStore, remove cluster and bucket metadata.
   * @default - unset: the operator shuts AIS down and keeps metadata
   */
  readonly cleanupMetadata?: boolean;
  /**
   * On deletion of the AIStore, delete user data too; needs cleanupMetadata.
   * @default - unset: data stays on the disks
   */
  readonly cleanupData?: boolean;
  /**
   * Whether the operator skips verifying AIS certificates (`spec.operatorSkipVerifyCrt`).
   * @default - unset: the operator's OPERATOR_SKIP_VERIFY_CRT, else verify
   */
  readonly operatorSkipVerifyCert?: boolean;
  /**
   * How the operator authenticates to an AuthN-enabled AIS.
   * @default - no authentication
   */
  readonly auth?: AisOperatorAuth;
  /**
   * An admin client Deployment `<name>-client`.
   * @default - none
   */
  readonly adminClient?: AisAdminClient;
}

/** The AIStore features of {@link AiStoreResource}: its own settings and the security fields (HTTPS, cloud and AuthN Secrets, tracing, PodDisruptionBudget). */
export interface AiStoreOptions extends AiStoreClusterOptions {
  /**
   * The targets' PodDisruptionBudget `<name>-target`, which the operator creates (`targetSpec.pdb`).
   * @default - none (the operator's default)
   */
  readonly pdb?: AisDisruptionBudgetOptions;
  /**
   * Serve HTTPS with this certificate (sets `configToUpdate.net.http.use_https`).
   * @default - plain HTTP
   */
  readonly tls?: AisTls;
  /**
   * AIS skips verifying peer certificates (`net.http.skip_verify`; HTTPS only).
   * @default false
   */
  readonly skipVerify?: boolean;
  /**
   * Client certificate policy of AIS (`net.http.client_auth_tls`, Go tls.ClientAuthType; HTTPS only).
   * Above 0 the operator presents its client certificate (`operator-tls`).
   * @default 0
   */
  readonly clientAuthTls?: number;
  /**
   * Secret with AWS `config` and `credentials`, mounted at /root/.aws on targets.
   * @default - no AWS backend
   */
  readonly awsSecretName?: string;
  /**
   * Secret with GCP `gcp.json`, mounted at /var/gcp on targets.
   * @default - no GCP backend
   */
  readonly gcpSecretName?: string;
  /**
   * Secret with OCI `config`, mounted at /root/.oci on targets.
   * @default - no OCI backend
   */
  readonly ociSecretName?: string;
  /**
   * Secret with AuthN's JWT signing key (`SIGNING-KEY`), given to the proxies.
   * @default - none
   */
  readonly authNSecretName?: string;
  /**
   * OpenTelemetry tracing.
   * @default - no tracing
   */
  readonly tracing?: AisTracing;
}

export interface AiStoreResourceProps extends AiStoreOptions {
  /** cluster (release) name: the AIStore name; the operator creates `<name>-proxy`, `<name>-target`, ... */
  readonly name: string;
  /**
   * Namespace of the cluster.
   * @default 'ais'
   */
  readonly namespace?: string;
  /** aisnode and ais-init images (the operator always pulls them with `Always`) */
  readonly images: AisImages;
  /** number of proxies, one per proxy node */
  readonly proxyReplicas: number;
  /** number of targets, one per target node */
  readonly targetReplicas: number;
  /**
   * Node labels a node needs to run a proxy.
   * @default - any node
   */
  readonly proxyNodeSelector?: Record<string, string>;
  /**
   * Node labels a node needs to run a target.
   * @default - any node
   */
  readonly targetNodeSelector?: Record<string, string>;
  /** target mountpaths, identical on every target node */
  readonly mounts: readonly AisOperatorMount[];
  /**
   * A LoadBalancer `<name>-proxy-lb` in front of the proxies (`proxySpec.externalAccess`).
   * @default true
   */
  readonly gatewayLoadBalancer?: boolean;
  /**
   * Annotations of the gateway LoadBalancer (e.g. MetalLB pool and IP).
   * @default - none
   */
  readonly gatewayAnnotations?: Record<string, string>;
  /**
   * One LoadBalancer `<name>-target-<i>` per target (`targetSpec.externalAccess`); cannot be toggled on an existing cluster.
   * @default false
   */
  readonly targetLoadBalancers?: boolean;
  /**
   * Annotations of every target LoadBalancer.
   * @default - none
   */
  readonly targetLoadBalancerAnnotations?: Record<string, string>;
  /**
   * Targets on the node's network (`targetSpec.hostNetwork`).
   * @default false
   */
  readonly targetHostNetwork?: boolean;
  /**
   * ais-init's hostname map (`spec.hostnameMap`: public hostname → comma list of what the node advertises);
   * the operator also puts every value into the certificate.
   * @default - none
   */
  readonly hostnameMap?: Readonly<Record<string, string>>;
  /**
   * Multus attachments of the pods (`spec.networkAttachment`, comma-joined).
   * @default - none
   */
  readonly networkAttachments?: readonly string[];
}
