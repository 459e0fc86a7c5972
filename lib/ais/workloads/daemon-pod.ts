import { k8s } from 'cdk8s-plus-28';
import { CONFIG_PATHS, HOSTNAME_MAP_FILE } from './config-maps';
import { MULTUS_NETWORKS_ANNOTATION } from '../network/attachments';
import { AisVolume } from './pod-inputs';

/** The two AIS daemon roles. */
export type AisRole = 'proxy' | 'target';


/** Container images and how to pull them. */
export interface AisImages {
  /** aisnode image, pinned, e.g. docker.io/aistorage/aisnode:v4.9 */
  readonly aisnode: string;
  /** ais-init image (same version as aisnode), e.g. docker.io/aistorage/ais-init:v4.9 */
  readonly init: string;
  /**
   * Image pull policy of both containers.
   * @default 'IfNotPresent'
   */
  readonly pullPolicy?: string;
  /**
   * Names of existing image pull secrets.
   * @default - none
   */
  readonly pullSecrets?: readonly string[];
  /**
   * Accept an image without a tag or with the `latest` tag.
   * @default false
   */
  readonly allowUnpinned?: boolean;
}

/** Everything that shapes the pod of one AIS daemon role. */
export interface AisPodSpecOptions {
  readonly cluster: string;
  readonly role: AisRole;
  /** labels of the pod (must include the workload's selector labels) */
  readonly podLabels: Record<string, string>;
  /** labels shared by all pods of the role: the required anti-affinity keeps one such pod per node */
  readonly antiAffinityLabels: Record<string, string>;
  readonly images: AisImages;
  /** headless service of the role, `MY_SERVICE` for the init container */
  readonly service: string;
  /** the role's public port (container port = service port) */
  readonly publicPort: number;
  /** hostPort to expose the public port on the node, if any */
  readonly hostPort?: number;
  /**
   * With a hostPort: the downward-API field ais-init takes the public hostname from (`AIS_PUBLIC_HOSTNAME`);
   * `spec.nodeName` also sets `AIS_PUBLIC_DNS_MODE=Node` (aistore cmd/aisinit/main.go, as the operator's node-name mode).
   * @default 'status.hostIP'
   */
  readonly publicHostnameField?: 'status.hostIP' | 'spec.nodeName';
  /**
   * ais-init replaces the public hostname by its entry in the cluster's hostname map
   * (`-hostname_map_file`, aistore cmd/aisinit/main.go `getMappedHostname`).
   * @default false
   */
  readonly hostnameMap?: boolean;
  /**
   * Run on the node's network: all three AIS ports are declared with hostPort = containerPort (the
   * scheduler's NodePorts filter then keeps two such pods apart), DNS through the cluster
   * (`ClusterFirstWithHostNet`, for the pod DNS names in the AIS config), and no `net.*` pod sysctl
   * (kubelet refuses it with host networking: pkg/kubelet/sysctl/allowlist.go `validateSysctl`).
   * @default false
   */
  readonly hostNetwork?: boolean;
  /** the intra-cluster ports (declared with hostPort on the host network) */
  readonly intraPorts?: { readonly control: number; readonly data: number };
  /**
   * Multus attachments (NetworkAttachmentDefinition names) of the pod.
   * @default - none
   */
  readonly networkAttachments?: readonly string[];
  readonly nodeSelector: Record<string, string>;
  /** extra node affinity (e.g. keep electable proxies off the initial primary node) */
  readonly nodeAffinity?: k8s.NodeAffinity;
  /** arguments appended to aisnode (e.g. `-ntargets=12` on proxies) */
  readonly extraArgs?: readonly string[];
  /** env vars appended to the init container */
  readonly extraInitEnv?: readonly k8s.EnvVar[];
  /** env vars appended to the aisnode container */
  readonly extraEnv?: readonly k8s.EnvVar[];
  /** volumes mounted by the aisnode container (state, mountpaths, certificates, credentials) */
  readonly volumes: readonly AisVolume[];
  readonly privileged: boolean;
  /** value of the `net.core.somaxconn` pod sysctl (kubelet must allow it); none when undefined */
  readonly somaxconn?: number;
  /** the API server accepts the downward-API field `status.hostIPs` (Kubernetes >= 1.29) */
  readonly podHostIPs: boolean;
  /** annotations of the pod template (e.g. the config hash that rolls pods when the config changes) */
  readonly podAnnotations?: Record<string, string>;
  readonly resources?: k8s.ResourceRequirements;
  readonly serviceAccountName?: string;
  /** probe over https */
  readonly useHttps?: boolean;
  /** probe the TCP port only (AIS demands client certificates, which kubelet cannot present) */
  readonly tcpProbes?: boolean;
  /** Kubernetes cluster DNS domain */
  readonly clusterDomain: string;
  /** value of ENABLE_EXTERNAL_ACCESS: each target publishes its own LoadBalancer IP */
  readonly externalAccess?: boolean;
}

const fieldEnv = (name: string, fieldPath: string): k8s.EnvVar => ({ name, valueFrom: { fieldRef: { fieldPath } } });

function publicHostnameEnv(field: 'status.hostIP' | 'spec.nodeName'): k8s.EnvVar[] {
  const hostname = fieldEnv('AIS_PUBLIC_HOSTNAME', field);
  return field === 'spec.nodeName' ? [hostname, { name: 'AIS_PUBLIC_DNS_MODE', value: 'Node' }] : [hostname];
}

/** MY_NODE, MY_POD, K8S_NS: the identity both containers read. */
const COMMON_ENV: readonly k8s.EnvVar[] = [
  fieldEnv('MY_NODE', 'spec.nodeName'),
  fieldEnv('MY_POD', 'metadata.name'),
  fieldEnv('K8S_NS', 'metadata.namespace'),
];

/** Requests of the aisnode container when none are given, in both modes: schedulable with a known footprint. */
export const DEFAULT_AISNODE_REQUESTS: Readonly<Record<'cpu' | 'memory', string>> = { cpu: '500m', memory: '1Gi' };
const DEFAULT_RESOURCES: k8s.ResourceRequirements = {
  requests: { cpu: k8s.Quantity.fromString(DEFAULT_AISNODE_REQUESTS.cpu), memory: k8s.Quantity.fromString(DEFAULT_AISNODE_REQUESTS.memory) },
};
const INIT_RESOURCES: k8s.ResourceRequirements = {
  requests: { cpu: k8s.Quantity.fromString('100m'), memory: k8s.Quantity.fromString('64Mi') },
  limits: { cpu: k8s.Quantity.fromString('1'), memory: k8s.Quantity.fromString('256Mi') },
};

function probe(path: string, port: number, scheme: 'HTTP' | 'HTTPS' | 'TCP', timing: Partial<k8s.Probe>): k8s.Probe {
  const target = k8s.IntOrString.fromNumber(port);
  return {
    ...(scheme === 'TCP' ? { tcpSocket: { port: target } } : { httpGet: { path, port: target, scheme } }),
    periodSeconds: 5,
    timeoutSeconds: 5,
    successThreshold: 1,
    ...timing,
  };
}

/**
 * The pod of an AIS daemon, laid out as the AIS operator does: init container `populate-env`
 * (ais-init) renders `/var/ais_config/{ais.json,ais_local.json}` from the ConfigMaps, then
 * `ais-node` runs `aisnode` with `/v1/health` probes.
 */
export function aisPodTemplate(options: AisPodSpecOptions): k8s.PodTemplateSpec {
  const { role } = options;
  const scheme = options.tcpProbes ? 'TCP' : options.useHttps ? 'HTTPS' : 'HTTP';
  const hostNetwork = options.hostNetwork ?? false;
  const annotations = options.networkAttachments?.length
    ? { ...options.podAnnotations, [MULTUS_NETWORKS_ANNOTATION]: options.networkAttachments.join(',') }
    : options.podAnnotations;
  const hostPort = hostNetwork ? options.publicPort : options.hostPort;
  const initEnv: k8s.EnvVar[] = [
    // the operator passes HOST_IPS for future ais-init versions (ais-k8s operator cmn/env.go CommonInitEnv);
    // ais-init v4.9 does not read it, and a 1.28 API server rejects the field (feature gate PodHostIPs)
    ...(options.podHostIPs ? [fieldEnv('HOST_IPS', 'status.hostIPs')] : []),
    { name: 'AIS_K8S_CLUSTER_DOMAIN', value: options.clusterDomain },
    { name: 'ENABLE_EXTERNAL_ACCESS', value: options.externalAccess ? 'true' : 'false' },
    ...COMMON_ENV,
    { name: 'MY_SERVICE', value: options.service },
    ...(hostPort && !options.externalAccess ? publicHostnameEnv(options.publicHostnameField ?? 'status.hostIP') : []),
    ...(options.extraInitEnv ?? []),
  ];
  const configMount: k8s.VolumeMount = { name: 'config-mount', mountPath: CONFIG_PATHS.outputDir };
  const pullPolicy = options.images.pullPolicy ?? 'IfNotPresent';
  const ports: k8s.ContainerPort[] = [{ name: 'http', containerPort: options.publicPort, hostPort, protocol: 'TCP' }];
  if (hostNetwork && options.intraPorts) {
    ports.push(
      { name: 'intra-control', containerPort: options.intraPorts.control, hostPort: options.intraPorts.control, protocol: 'TCP' },
      { name: 'intra-data', containerPort: options.intraPorts.data, hostPort: options.intraPorts.data, protocol: 'TCP' },
    );
  }
  const somaxconn = hostNetwork ? undefined : options.somaxconn;

  return {
    metadata: { labels: options.podLabels, annotations },
    spec: {
      hostNetwork: hostNetwork || undefined,
      dnsPolicy: hostNetwork ? 'ClusterFirstWithHostNet' : undefined,
      serviceAccountName: options.serviceAccountName,
      // aisnode reads its own Pod at start and ais-init may read Services (see AisServiceAccount)
      automountServiceAccountToken: true,
      imagePullSecrets: options.images.pullSecrets?.length ? options.images.pullSecrets.map((name) => ({ name })) : undefined,
      nodeSelector: options.nodeSelector,
      affinity: {
        nodeAffinity: options.nodeAffinity,
        podAntiAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [{
            labelSelector: { matchLabels: options.antiAffinityLabels },
            topologyKey: 'kubernetes.io/hostname',
          }],
        },
      },
      securityContext: {
        sysctls: somaxconn !== undefined ? [{ name: 'net.core.somaxconn', value: String(somaxconn) }] : undefined,
        seccompProfile: { type: 'RuntimeDefault' },
      },
      initContainers: [{
        name: 'populate-env',
        image: options.images.init,
        imagePullPolicy: pullPolicy,
        args: [
          `-role=${role}`,
          `-local_config_template=${CONFIG_PATHS.templateDir}/${CONFIG_PATHS.localFile}`,
          `-output_local_config=${CONFIG_PATHS.outputDir}/${CONFIG_PATHS.localFile}`,
          `-cluster_config_override=${CONFIG_PATHS.globalDir}/${CONFIG_PATHS.clusterFile}`,
          `-output_cluster_config=${CONFIG_PATHS.outputDir}/${CONFIG_PATHS.clusterFile}`,
          ...(options.hostnameMap ? [`-hostname_map_file=${CONFIG_PATHS.globalDir}/${HOSTNAME_MAP_FILE}`] : []),
        ],
        env: initEnv,
        resources: INIT_RESOURCES,
        securityContext: {
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        },
        volumeMounts: [
          { name: 'config-template', mountPath: CONFIG_PATHS.templateDir, readOnly: true },
          { name: 'config-global', mountPath: CONFIG_PATHS.globalDir, readOnly: true },
          configMount,
        ],
      }],
      containers: [{
        name: 'ais-node',
        image: options.images.aisnode,
        imagePullPolicy: pullPolicy,
        command: ['aisnode'],
        args: [
          `-config=${CONFIG_PATHS.outputDir}/${CONFIG_PATHS.clusterFile}`,
          `-local_config=${CONFIG_PATHS.outputDir}/${CONFIG_PATHS.localFile}`,
          `-role=${role}`,
          ...(options.extraArgs ?? []),
        ],
        env: [...COMMON_ENV, ...(options.extraEnv ?? [])],
        ports,
        livenessProbe: probe('/v1/health', options.publicPort, scheme, { initialDelaySeconds: 60, failureThreshold: 10 }),
        readinessProbe: probe('/v1/health?readiness=true', options.publicPort, scheme, { failureThreshold: 5 }),
        // targets start on plain health: a target restarted in AIS maintenance is never ready (aistore ais/htrun.go isReady,
        // ais/prxclu.go httpclupost keeps its flags), and a startup probe on readiness would kill it every 150 s before
        // stop-maintenance can reach it (audit N8); /v1/health answers 200 once it started (ais/tgtcp.go healthHandler)
        startupProbe: probe(role === 'target' ? '/v1/health' : '/v1/health?readiness=true', options.publicPort, scheme, { failureThreshold: 30 }),
        resources: options.resources ?? DEFAULT_RESOURCES,
        securityContext: options.privileged
          ? { privileged: true }
          : { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
        volumeMounts: [configMount, ...options.volumes.map((v) => v._mount)],
      }],
      volumes: [
        { name: 'config-template', configMap: { name: `${options.cluster}-${role}`, defaultMode: 0o644 } },
        { name: 'config-global', configMap: { name: `${options.cluster}-global-cm`, defaultMode: 0o644 } },
        { name: 'config-mount', emptyDir: {} },
        ...options.volumes.flatMap((v) => (v._volume ? [v._volume] : [])),
      ],
    },
  };
}
