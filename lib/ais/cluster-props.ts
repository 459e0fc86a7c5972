import type { KubernetesFeatureGates, KubernetesVersion } from '../k8s/version';
import type { AisAddressing, AisNetworkOptions } from './network/addressing';
import type { AisPorts } from './network/ports';
import type { AisPublicAddress } from './workloads/public-address';
import type { AisSecurityProps } from './security/security';
import type { AisEnvValue, AisResources, AisVolume } from './workloads/pod-inputs';
import { AisImages } from './workloads/daemon-pod';
import { DiskMedia, Mountpath, MountpathStorage } from './storage/mountpath';
import { AisMonitoringOptions } from './monitoring/props';
import { AisNodeLabelScheme, AisNodeLabelSchemeProps } from './nodes/node-label-scheme';
import type { ResolvedAisPorts } from './network/ports';
import type { AisTlsProps } from './security/tls';
import type { Prerequisite } from '../k8s/prerequisite';

/** The gateway's external address. */
export interface AisGatewayOptions {
  /**
   * Fixed external IP of the gateway LoadBalancer.
   * @default - allocated by the load balancer implementation
   */
  readonly loadBalancerIP?: string;
  /**
   * Address pool (range or CIDR) for the gateway and per-target LoadBalancers.
   * @default - no pool: addresses come from whatever pool the load balancer has
   */
  readonly addressPool?: string;
  /**
   * Emit a MetalLB IPAddressPool + L2Advertisement for `addressPool`, and request addresses with MetalLB annotations.
   * @default true when addressPool is set
   */
  readonly metallb?: boolean;
  /**
   * Extra annotations on the LoadBalancer services.
   * @default - none
   */
  readonly annotations?: Record<string, string>;
}

/** What a standalone cluster ({@link AisCluster}) and an operator-run one (`AisOperatorCluster`) are both made of. */
export interface AisClusterCommonProps {
  /** cluster (release) name, a DNS-1123 label; prefixes every object name */
  readonly name: string;
  /**
   * Namespace of the cluster.
   * @default 'ais'
   */
  readonly namespace?: string;
  /**
   * Kubernetes minor version the output is applied to: fields it does not accept are left out.
   * @default '1.28'
   */
  readonly kubernetesVersion?: KubernetesVersion;
  /**
   * Feature gates the cluster's API servers run with beyond the version's defaults (they widen what
   * the output may use, e.g. `status.hostIPs` on 1.28 with `PodHostIPs`).
   * @default - the version's defaults
   */
  readonly kubernetesFeatureGates?: KubernetesFeatureGates;
  /**
   * Emit the Namespace object.
   * @default true
   */
  readonly createNamespace?: boolean;
  /**
   * aisnode and ais-init images (pinned, same version).
   * @default - docker.io/aistorage/aisnode:v4.9 and docker.io/aistorage/ais-init:v4.9
   */
  readonly images?: AisImages;
  /** nodes that run a proxy, one each */
  readonly proxyNodes: readonly string[];
  /** nodes that run a target, one each */
  readonly targetNodes: readonly string[];
  /** mountpaths, identical on every target node */
  readonly mountpaths: readonly Mountpath[];
  /**
   * How targets reach their mountpaths.
   * @default MountpathStorage.HOST_PATH
   */
  readonly storage?: MountpathStorage;
  /**
   * What the targets' mountpath disks are: with monitoring, HDDs get the disk utilisation alert and NVMe
   * the latency alerts (unset: neither, and a warning).
   * @default - unknown
   */
  readonly targetMedia?: DiskMedia;
  /**
   * Directory on each mounted mountpath filesystem whose presence proves the disk is mounted
   * (standalone mode; see `AisTargetsProps.diskMarker`); `false`: no check.
   * @default '.ais-disk'
   */
  readonly diskMarker?: string | false;
  /**
   * StorageClass of local PVs.
   * @default - `<name>-local`
   */
  readonly storageClassName?: string;
  /**
   * Node label keys/values.
   * @default - the planning worksheet's labels
   */
  readonly nodeLabels?: AisNodeLabelSchemeProps;
  /**
   * Emit label-only Node objects (false when nodes are labelled another way, e.g. the generated script).
   * @default true
   */
  readonly emitNodeLabels?: boolean;
  /**
   * The gateway LoadBalancer.
   * @default - a LoadBalancer with an allocated IP
   */
  readonly gateway?: AisGatewayOptions;
  /**
   * Emit the preflight DaemonSet `<name>-preflight` that checks on every target node that each
   * mountpath exists and is its own filesystem (file `<id>-preflight`).
   * @default false
   */
  readonly preflight?: boolean;
  /**
   * One LoadBalancer per target (N+1 external IPs). Cannot be toggled on an existing cluster.
   * @default false
   */
  readonly externalLoadBalancers?: boolean;
  /**
   * Prometheus scraping, alert rules and Grafana dashboards (file `<id>-monitoring`); standalone
   * clusters also get the legacy pod labels upstream AIS monitoring selects on (the AIS operator sets its own).
   * @default - no monitoring
   */
  readonly monitoring?: AisMonitoringOptions;
  /**
   * Node addresses, host-network targets and Multus attachments (see lib/ais/network/addressing.ts).
   * @default - pod network, node addresses known only at run time
   */
  readonly network?: AisNetworkOptions;
}

/** Props of a standalone cluster (see {@link AisClusterCommonProps} for what operator mode shares); the security settings (HTTPS, credentials, hardening) come from {@link AisSecurityProps}. */
export interface AisClusterProps extends AisClusterCommonProps, AisSecurityProps {
  /**
   * The proxy node that bootstraps the cluster as primary.
   * @default - the first proxy node
   */
  readonly initialPrimaryNode?: string;
  /**
   * AIS ports.
   * @default - 51080 proxy, 51081 target, 51082 intra control, 51083 intra data
   */
  readonly ports?: AisPorts;
  /**
   * Extra AIS cluster config (the operator's `configToUpdate`), keys as AIS spells them.
   * @default - none
   */
  readonly clusterConfig?: Record<string, unknown>;
  /**
   * Resources of the proxies' aisnode container.
   * @default - requests cpu 500m, memory 1Gi
   */
  readonly proxyResources?: AisResources;
  /**
   * Resources of the targets' aisnode container.
   * @default - requests cpu 500m, memory 1Gi
   */
  readonly targetResources?: AisResources;
  /** @default '/etc/ais' */
  readonly statePath?: string;
  /** @default - emptyDir */
  readonly logsPath?: string;
  /** @default 'cluster.local' */
  readonly clusterDomain?: string;
  /** @default true */
  readonly privileged?: boolean;
  /**
   * `net.core.somaxconn` pod sysctl; `false` for none (see `AisDaemonProps.somaxconn`).
   * @default 65535
   */
  readonly somaxconn?: number | false;
  /**
   * Serve HTTPS with certificates mounted by `extraVolumes` (prefer `tls`, which does it all).
   * @default - true when `tls` is set
   */
  readonly useHttps?: boolean;
  /**
   * Extra volumes for proxies and targets (certificates), and for targets only (cloud credentials).
   * @default - none
   */
  readonly extraVolumes?: {
    /** @default - none */
    readonly proxy?: readonly AisVolume[];
    /** @default - none */
    readonly target?: readonly AisVolume[];
  };
  /**
   * What each proxy and target advertises to clients, the `ais` CLI and each other (without per-node
   * `network.nodes.<node>.public` lists).
   * @default AisPublicAddress.NODE_IP
   */
  readonly publicAddress?: AisPublicAddress;
  /**
   * Extra env vars for proxies and targets, by name (they override the security settings' of the same name).
   * @default - none
   */
  readonly extraEnv?: {
    /** @default - none */
    readonly proxy?: Readonly<Record<string, AisEnvValue>>;
    /** @default - none */
    readonly target?: Readonly<Record<string, AisEnvValue>>;
  };
}

/**
 * What a built AIS cluster (standalone {@link AisCluster} or operator-run `AisOperatorCluster`)
 * resolved its props to, defaults applied: what PLAN.md and other reports on the build read.
 */
export interface AisClusterFacts {
  /** cluster (release) name */
  readonly name: string;
  readonly namespace: string;
  /** aisnode and ais-init images */
  readonly images: AisImages;
  readonly proxyNodes: readonly string[];
  readonly targetNodes: readonly string[];
  readonly mountpaths: readonly Mountpath[];
  /** how targets reach their mountpaths */
  readonly storage: MountpathStorage;
  /** what the targets' disks are, if given */
  readonly targetMedia?: DiskMedia;
  readonly ports: ResolvedAisPorts;
  /** the node labels that place proxies and targets */
  readonly labelScheme: AisNodeLabelScheme;
  /** one LoadBalancer per target */
  readonly externalLoadBalancers: boolean;
  /** the gateway options as given (fixed IP, address pool) */
  readonly gatewayOptions: AisGatewayOptions;
  /** whether MetalLB assigns the LoadBalancer IPs (pool annotations; a pool object when `addressPool` is set) */
  readonly metallbAssignsAddresses: boolean;
  /** the Kubernetes cluster DNS domain AIS names pods in */
  readonly clusterDomain: string;
  /** HTTPS settings as given; undefined: HTTP */
  readonly tls?: AisTlsProps;
  /** the targets' PodDisruptionBudget */
  readonly targetDisruptionBudget: { readonly enabled: boolean; readonly maxUnavailable: number | string };
  /** whether the preflight DaemonSet checks the mountpaths */
  readonly preflight: boolean;
  /** what must exist in the cluster before the first sync (the output only names it) */
  readonly prerequisites: readonly Prerequisite[];
  /** what every node advertises on which network, and how the pods are wired for it */
  readonly addressing: AisAddressing;
  /** the network options as given */
  readonly network: AisNetworkOptions;
  /** the Kubernetes minor version the output is applied to */
  readonly kubernetesVersion: KubernetesVersion;
  /** feature gates of the API servers beyond the version's defaults, as given */
  readonly kubernetesFeatureGates: KubernetesFeatureGates;
}
