import type { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import * as ais from '../../../imports/ais.nvidia.com';
import { retainOnDelete } from '../../argo/argo-annotations';
import { AisImages, DEFAULT_AISNODE_REQUESTS } from '../workloads/daemon-pod';
import { AisResources } from '../workloads/pod-inputs';
import { AisDisruptionBudgetOptions, targetMaxUnavailable } from '../workloads/disruption-budget';
import { AisComponent, aisLabels } from '../labels';
import { AisPorts, ResolvedAisPorts, resolvePorts } from '../network/ports';
import {
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

/** Directory the tracing token Secret is mounted at in AIS pods (operator layout). */
export const TRACING_TOKEN_DIR = '/var/traces';

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
   * @default - the operator's default, PublicNetDnsMode.IP
   */
  readonly publicNetDnsMode?: PublicNetDnsMode;
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
}

function fromPorts<P, D, C, S>(publicPort: number, ports: ResolvedAisPorts,
  types: { p: { fromNumber(n: number): P }; d: { fromNumber(n: number): D }; c: { fromNumber(n: number): C }; s: { fromNumber(n: number): S } }) {
  return {
    servicePort: types.s.fromNumber(publicPort),
    portPublic: types.p.fromNumber(publicPort),
    portIntraControl: types.c.fromNumber(ports.intraControl),
    portIntraData: types.d.fromNumber(ports.intraData),
  };
}

function quantities<T>(values: Record<string, string> | undefined, type: { fromString(s: string): T }): Record<string, T> | undefined {
  return values ? Object.fromEntries(Object.entries(values).map(([name, value]) => [name, type.fromString(value)])) : undefined;
}

function annotated(enabled: boolean, annotations?: Record<string, string>) {
  if (!enabled) return undefined;
  return { annotations: annotations && Object.keys(annotations).length ? { ...annotations } : undefined };
}

function validate(props: AiStoreResourceProps): void {
  for (const [role, replicas] of [['proxy', props.proxyReplicas], ['target', props.targetReplicas]] as const) {
    if (!Number.isInteger(replicas) || replicas < 1) throw new Error(`${role} replicas must be a whole number of at least 1, got ${replicas}`);
  }
  if (props.mounts.length === 0) throw new Error('targets need at least one mount');
  props.mounts.forEach((mount, index) => {
    if (props.mounts.findIndex((m) => m.path === mount.path) !== index) throw new Error(`mount ${mount.path} is listed twice`);
    if (!mount.useHostPath && (!mount.size || !mount.storageClass)) {
      throw new Error(`mount ${mount.path} claims a PersistentVolume and needs both size and storageClass (or useHostPath: true)`);
    }
  });
  if (props.cleanupData && !props.cleanupMetadata) throw new Error('cleanupData requires cleanupMetadata (the operator rejects the AIStore otherwise)');
  const auth = props.auth;
  if (auth && (auth.profileName === undefined) === (auth.usernamePasswordSecret === undefined)) {
    throw new Error('auth needs exactly one of profileName or usernamePasswordSecret');
  }
  if (!props.tls && (props.skipVerify !== undefined || props.clientAuthTls !== undefined)) {
    throw new Error('skipVerify and clientAuthTls only apply to an HTTPS cluster: give tls too');
  }
}

/**
 * The `AIStore` resource (ais.nvidia.com/v1beta1) the AIS operator turns into a cluster:
 * sizes, node selectors, ports, mounts, state storage, images, external access, HTTPS, cloud
 * credentials, auth, tracing and the admin client. Holds data: Argo CD never prunes or deletes
 * it (deleting it decommissions the cluster).
 */
export class AiStoreResource extends Construct {
  /** the L1 object (escape hatch: `apiObject.addJsonPatch(...)`) */
  public readonly apiObject: ApiObject;
  public readonly name: string;
  public readonly namespace: string;
  public readonly ports: ResolvedAisPorts;
  /** whether the cluster serves HTTPS */
  public readonly useHttps: boolean;

  constructor(scope: Construct, id: string, props: AiStoreResourceProps) {
    super(scope, id);
    validate(props);
    this.name = props.name;
    this.namespace = props.namespace ?? 'ais';
    this.ports = resolvePorts(props.ports);
    this.useHttps = props.tls !== undefined;
    const privileged = (props.privileged ?? true) ? { privileged: true } : undefined;
    const sameSize = props.proxyReplicas === props.targetReplicas;
    const proxyResources: AisResources = props.proxyResources ?? { requests: DEFAULT_AISNODE_REQUESTS };
    const targetResources: AisResources = props.targetResources ?? { requests: DEFAULT_AISNODE_REQUESTS };
    const max = props.pdb && (props.pdb.enabled ?? true) ? targetMaxUnavailable(props.pdb) : undefined;
    const pdb = max === undefined ? undefined : {
      enabled: true,
      maxUnavailable: typeof max === 'number'
        ? ais.AiStoreSpecTargetSpecPdbMaxUnavailable.fromNumber(max) : ais.AiStoreSpecTargetSpecPdbMaxUnavailable.fromString(max),
    };

    this.apiObject = new ais.AiStore(this, 'Resource', {
      metadata: { name: this.name, namespace: this.namespace, labels: aisLabels(this.name, AisComponent.CLUSTER) },
      spec: {
        size: sameSize ? props.proxyReplicas : undefined,
        nodeImage: props.images.aisnode,
        initImage: props.images.init,
        imagePullSecrets: props.images.pullSecrets?.length ? props.images.pullSecrets.map((name) => ({ name })) : undefined,
        proxySpec: {
          size: sameSize ? undefined : props.proxyReplicas,
          ...fromPorts(this.ports.proxy, this.ports, {
            s: ais.AiStoreSpecProxySpecServicePort, p: ais.AiStoreSpecProxySpecPortPublic,
            c: ais.AiStoreSpecProxySpecPortIntraControl, d: ais.AiStoreSpecProxySpecPortIntraData,
          }),
          nodeSelector: props.proxyNodeSelector,
          aisContainerSecurityContext: privileged,
          resources: {
            requests: quantities(proxyResources.requests, ais.AiStoreSpecProxySpecResourcesRequests),
            limits: quantities(proxyResources.limits, ais.AiStoreSpecProxySpecResourcesLimits),
          },
          externalAccess: annotated(props.gatewayLoadBalancer ?? true, props.gatewayAnnotations),
        },
        targetSpec: {
          size: sameSize ? undefined : props.targetReplicas,
          ...fromPorts(this.ports.target, this.ports, {
            s: ais.AiStoreSpecTargetSpecServicePort, p: ais.AiStoreSpecTargetSpecPortPublic,
            c: ais.AiStoreSpecTargetSpecPortIntraControl, d: ais.AiStoreSpecTargetSpecPortIntraData,
          }),
          hostPort: this.ports.target,
          nodeSelector: props.targetNodeSelector,
          aisContainerSecurityContext: privileged,
          resources: {
            requests: quantities(targetResources.requests, ais.AiStoreSpecTargetSpecResourcesRequests),
            limits: quantities(targetResources.limits, ais.AiStoreSpecTargetSpecResourcesLimits),
          },
          mounts: props.mounts.map((m) => ({
            path: m.path,
            label: m.label,
            useHostPath: m.useHostPath ? true : undefined,
            size: m.useHostPath || !m.size ? undefined : ais.AiStoreSpecTargetSpecMountsSize.fromString(m.size),
            storageClass: m.useHostPath ? undefined : m.storageClass,
            selector: !m.useHostPath && m.selector ? { matchLabels: { ...m.selector } } : undefined,
          })),
          disablePodAntiAffinity: props.disablePodAntiAffinity,
          pdb,
          scaleDownMode: props.scaleDownMode as string as ais.AiStoreSpecTargetSpecScaleDownMode | undefined,
          externalAccess: annotated(props.targetLoadBalancers ?? false, props.targetLoadBalancerAnnotations),
        },
        stateStorage: (props.stateStorage ?? AisStateStorage.hostPath('/etc/ais'))._toSpec(),
        logsDir: props.logsDir,
        clusterDomain: props.clusterDomain,
        publicNetDnsMode: props.publicNetDnsMode as string as ais.AiStoreSpecPublicNetDnsMode | undefined,
        cleanupMetadata: props.cleanupMetadata,
        cleanupData: props.cleanupData,
        tls: props.tls?._toSpec(),
        operatorSkipVerifyCrt: props.operatorSkipVerifyCert,
        awsSecretName: props.awsSecretName,
        gcpSecretName: props.gcpSecretName,
        ociSecretName: props.ociSecretName,
        auth: props.auth && {
          profileRef: props.auth.profileName ? { name: props.auth.profileName } : undefined,
          serviceUrl: props.auth.serviceUrl,
          usernamePassword: props.auth.usernamePasswordSecret
            ? { secretName: props.auth.usernamePasswordSecret, secretNamespace: props.auth.usernamePasswordSecretNamespace }
            : undefined,
          tls: props.auth.caCertPath ? { caCertPath: props.auth.caCertPath } : undefined,
        },
        authNSecretName: props.authNSecretName,
        tracingTokenSecretName: props.tracing?.tokenSecretName,
        adminClient: props.adminClient && {
          image: props.adminClient.image,
          caConfigMap: props.adminClient.caConfigMap ? { name: props.adminClient.caConfigMap, key: props.adminClient.caKey } : undefined,
        },
        configToUpdate: this.configToUpdate(props),
      },
    });
    retainOnDelete(this.apiObject);
  }

  /** `net.http` for HTTPS (the operator writes the certificate paths) and `tracing`. */
  private configToUpdate(props: AiStoreResourceProps): ais.AiStoreSpecConfigToUpdate | undefined {
    const tracing = props.tracing;
    if (!props.tls && !tracing) return undefined;
    return {
      net: props.tls ? { http: { useHttps: true, skipVerify: props.skipVerify ?? false, clientAuthTls: props.clientAuthTls ?? 0 } } : undefined,
      tracing: tracing && {
        enabled: true,
        exporterEndpoint: tracing.exporterEndpoint,
        exporterAuth: tracing.tokenSecretName
          ? { tokenFile: `${TRACING_TOKEN_DIR}/${tracing.tokenKey ?? 'token'}`, tokenHeader: tracing.tokenHeader }
          : undefined,
        samplerProbability: tracing.samplerProbability,
        serviceNamePrefix: tracing.serviceNamePrefix,
        skipVerify: tracing.skipVerify,
      },
    };
  }
}
