import { DEFAULT_KUBERNETES_VERSION, KubernetesFeatureGates, KubernetesVersion, acceptsPodHostIPs } from '../../k8s/version';
import { AisImages, AisPodSpecOptions, AisRole } from './daemon-pod';
import { AisEnvValue, AisResources, AisVolume, kubeEnv, kubeResources } from './pod-inputs';
import { AisNodeLabelScheme } from '../nodes/node-label-scheme';
import { ResolvedAisPorts } from '../network/ports';
import { CONFIG_PATHS } from './config-maps';
import { AisPublicAddress } from './public-address';
import { DEFAULT_CLUSTER_DOMAIN, DEFAULT_PRIVILEGED, DEFAULT_SOMAXCONN, DEFAULT_STATE_PATH } from '../defaults';

/** Props shared by {@link AisProxies} and {@link AisTargets}. */
export interface AisDaemonProps {
  /** cluster (release) name; prefixes object names */
  readonly cluster: string;
  /** namespace of the cluster */
  readonly namespace: string;
  readonly images: AisImages;
  readonly ports: ResolvedAisPorts;
  /** node labels that place the pods */
  readonly labelScheme: AisNodeLabelScheme;
  /**
   * Host directory for AIS state: each node keeps its proxy's state in `<statePath>/<namespace>/<cluster>/proxy`
   * (the proxy ID is per node) and each target pod in `<statePath>/<namespace>/<cluster>/target/<pod>`.
   * @default '/etc/ais'
   */
  readonly statePath?: string;
  /**
   * Host directory for logs (same layout as state).
   * @default - an emptyDir (logs go with the pod)
   */
  readonly logsPath?: string;
  /**
   * Kubernetes cluster DNS domain.
   * @default 'cluster.local'
   */
  readonly clusterDomain?: string;
  /**
   * Run aisnode privileged (the AIS Helm chart does; needed for some disk and network tuning).
   * @default true
   */
  readonly privileged?: boolean;
  /**
   * `net.core.somaxconn` pod sysctl (an unsafe sysctl: kubelet needs
   * `--allowed-unsafe-sysctls=net.core.somaxconn`, else it rejects the pod with `SysctlForbidden`);
   * `false` sets none (the pod inherits the namespace's default, 4096 on recent kernels).
   * @default 65535
   */
  readonly somaxconn?: number | false;
  /**
   * Kubernetes minor version the output is applied to.
   * @default '1.28'
   */
  readonly kubernetesVersion?: KubernetesVersion;
  /**
   * Feature gates of the API servers beyond the version's defaults.
   * @default - the version's defaults
   */
  readonly kubernetesFeatureGates?: KubernetesFeatureGates;
  /**
   * Service account of the pods.
   * @default - the namespace's default service account
   */
  readonly serviceAccountName?: string;
  /**
   * aisnode container resources.
   * @default - requests cpu 500m, memory 1Gi
   */
  readonly resources?: AisResources;
  /**
   * Serve HTTPS (probes switch to HTTPS).
   * @default false
   */
  readonly useHttps?: boolean;
  /**
   * Probe the public port over TCP only (mutual TLS that demands client certificates: kubelet has none).
   * @default false
   */
  readonly tcpProbes?: boolean;
  /**
   * Extra volumes for the aisnode container (certificates, credentials).
   * @default - none
   */
  readonly extraVolumes?: readonly AisVolume[];
  /**
   * Extra env vars for the aisnode container, by name.
   * @default - none
   */
  readonly extraEnv?: Readonly<Record<string, AisEnvValue>>;
  /**
   * Annotations of the pod template (a change rolls the pods), e.g. `RESTART_HASH_ANNOTATION`.
   * @default - none
   */
  readonly podAnnotations?: Record<string, string>;
  /**
   * What the pods advertise (without `hostnameMap`: with it, the node name is the map's key).
   * @default AisPublicAddress.NODE_IP
   */
  readonly publicAddress?: AisPublicAddress;
  /**
   * ais-init replaces the public hostname by the node's entry in the hostname map of the cluster's
   * global ConfigMap (per-node public addresses; the pods advertise through the node name, the map's key).
   * @default false
   */
  readonly hostnameMap?: boolean;
  /**
   * Multus attachments (NetworkAttachmentDefinition names) of the pods.
   * @default - none
   */
  readonly networkAttachments?: readonly string[];
  /**
   * Add the legacy labels `app: ais`, `component: <role>` to the pods (never to a selector): what
   * upstream monitoring (ais-k8s Alloy) discovers AIS pods by.
   * @default false
   */
  readonly legacyPodLabels?: boolean;
}

export { DEFAULT_SOMAXCONN };

/**
 * Host directory volumes for state and logs. Logs go to one subdirectory per pod. State: one
 * subdirectory per target pod (a target's identity travels with its disks and pod), one directory per
 * node for the proxy, whose ID on Kubernetes is a hash of the node name (aistore v1.4.9 ais/proxy.go
 * `initPID`, cmn/cos `HashK8sProxyID`): whichever proxy pod runs on a node finds that node's proxy
 * state, as the AIS operator mounts it (ais-k8s v3.4.0 cmn/volumes.go `getHostMountSubPath`: a sub-path for targets only).
 */
export function stateAndLogVolumes(props: AisDaemonProps, role: AisRole): AisVolume[] {
  const hostDir = (prefix: string) => `${prefix}/${props.namespace}/${props.cluster}/${role}`;
  const volumes: AisVolume[] = [AisVolume._fromKube(
    { name: 'state-mount', hostPath: { path: hostDir(props.statePath ?? DEFAULT_STATE_PATH), type: 'DirectoryOrCreate' } },
    { name: 'state-mount', mountPath: CONFIG_PATHS.stateDir, ...(role === 'target' ? { subPathExpr: '$(MY_POD)' } : {}) },
  )];
  volumes.push(props.logsPath
    ? AisVolume._fromKube(
      { name: 'logs-dir', hostPath: { path: hostDir(props.logsPath), type: 'DirectoryOrCreate' } },
      { name: 'logs-dir', mountPath: '/var/log/ais', subPathExpr: '$(MY_POD)' },
    )
    : AisVolume._fromKube({ name: 'logs-dir', emptyDir: {} }, { name: 'logs-dir', mountPath: '/var/log/ais' }));
  return volumes;
}

/** The pod options both roles take straight from their props, with defaults applied. */
export function podDefaults(props: AisDaemonProps): Pick<AisPodSpecOptions,
  'cluster' | 'images' | 'extraEnv' | 'podAnnotations' | 'privileged' | 'somaxconn' | 'podHostIPs' | 'resources' | 'serviceAccountName' | 'useHttps'
  | 'tcpProbes' | 'clusterDomain' | 'publicHostnameField' | 'hostnameMap' | 'networkAttachments'> {
  return {
    // per-node public lists are keyed by node name (AIS_PUBLIC_DNS_MODE=Node)
    publicHostnameField: props.hostnameMap || props.publicAddress === AisPublicAddress.NODE_NAME ? 'spec.nodeName' : 'status.hostIP',
    hostnameMap: props.hostnameMap,
    networkAttachments: props.networkAttachments,
    cluster: props.cluster,
    images: props.images,
    extraEnv: props.extraEnv && kubeEnv(props.extraEnv),
    podAnnotations: props.podAnnotations,
    privileged: props.privileged ?? DEFAULT_PRIVILEGED,
    somaxconn: props.somaxconn === false ? undefined : props.somaxconn ?? DEFAULT_SOMAXCONN,
    podHostIPs: acceptsPodHostIPs(props.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION, props.kubernetesFeatureGates),
    resources: props.resources && kubeResources(props.resources),
    serviceAccountName: props.serviceAccountName,
    useHttps: props.useHttps,
    tcpProbes: props.tcpProbes,
    clusterDomain: props.clusterDomain ?? DEFAULT_CLUSTER_DOMAIN,
  };
}
