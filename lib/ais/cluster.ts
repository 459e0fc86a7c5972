import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { DEFAULT_KUBERNETES_VERSION, KubernetesFeatureGates, KubernetesVersion, checkKubernetesVersion } from '../k8s/version';
import { allocateAddresses, parseAddressPool } from '../net/address-pool';
import { Footprint, declareFootprint } from '../props/footprint';
import { PropProblem, assertNoProblems } from '../props/problems';
import { aisClusterFootprint, aisClusterProblems } from './cluster-checks';
import { AisConfigMaps, RESTART_HASH_ANNOTATION, mergeConfig } from './workloads/config-maps';
import { AisImages } from './workloads/daemon-pod';
import { DEFAULT_CLUSTER_DOMAIN, DEFAULT_DISK_MARKER, DEFAULT_IMAGES, DEFAULT_LEGACY_POD_LABELS, DEFAULT_SOMAXCONN, DEFAULT_STATE_PATH } from './defaults';
import { aisnodeRelease } from './compatibility';
import { targetMaxUnavailable } from './workloads/disruption-budget';
import { AisDaemonProps } from './workloads/daemon-props';
import { addSharedCharts } from './cluster-charts';
import { AisClusterFacts, AisClusterProps, AisGatewayOptions } from './cluster-props';
import type { Prerequisite } from '../k8s/prerequisite';
import { aisClusterPrerequisites } from './prerequisites';
import { Mountpath } from './storage/mountpath';
import { AisTlsProps } from './security/tls';
import { AisGateway, AisTargetLoadBalancers } from './network/load-balancers';
import { AisLocalVolumes } from './storage/local-volumes';
import { MetalLbAddressPool } from './network/metallb';
import { DiskMedia, MountpathStorage } from './storage/mountpath';
import { AisNodeLabels } from './nodes/node-labels';
import { AisNodeLabelScheme } from './nodes/node-label-scheme';
import { ResolvedAisPorts, resolvePorts } from './network/ports';
import { AisProxies } from './workloads/proxies';
import { AisPublicAddress } from './workloads/public-address';
import { AisSecurity, addAisSecurity } from './security/security';
import { AisServiceAccount } from './workloads/service-account';
import { AisTargets } from './workloads/targets';
import { AisMonitoring } from './monitoring/monitoring';
import { scrapeTls } from './monitoring/scrape-tls';
import { AisAddressing, AisNetworkOptions, aisAddressing } from './network/addressing';
import { AisNetworkAttachments } from './network/attachments';

export { DEFAULT_IMAGES };

export type { AisClusterCommonProps, AisClusterFacts, AisClusterProps, AisGatewayOptions } from './cluster-props';

/**
 * A whole standalone AIStore cluster: node labels, config, proxies, targets, services and
 * (optionally) local PVs, a MetalLB pool and Multus NetworkAttachmentDefinitions. Each concern is its own chart,
 * so the generator writes one file per concern: `<id>-namespace`, `<id>-node-labels`, `<id>-config`,
 * `<id>-proxies`, `<id>-targets`, `<id>-services`, `<id>-storage`, `<id>-metallb`, `<id>-network`.
 */
export class AisCluster extends Construct implements AisClusterFacts {
  public readonly name: string;
  public readonly images: AisImages;
  public readonly proxyNodes: readonly string[];
  public readonly targetNodes: readonly string[];
  public readonly mountpaths: readonly Mountpath[];
  public readonly storage: MountpathStorage;
  public readonly targetMedia?: DiskMedia;
  public readonly externalLoadBalancers: boolean;
  public readonly gatewayOptions: AisGatewayOptions;
  public readonly metallbAssignsAddresses: boolean;
  public readonly clusterDomain: string;
  public readonly tls?: AisTlsProps;
  public readonly targetDisruptionBudget: { readonly enabled: boolean; readonly maxUnavailable: number | string };
  public readonly preflight: boolean;
  public readonly prerequisites: readonly Prerequisite[];
  public readonly addressing: AisAddressing;
  public readonly network: AisNetworkOptions;
  public readonly kubernetesVersion: KubernetesVersion;
  public readonly kubernetesFeatureGates: KubernetesFeatureGates;
  /** the NetworkAttachmentDefinitions of attachments given with a CNI config */
  public readonly networkAttachments?: AisNetworkAttachments;
  /** host directory under which each AIS pod keeps its state */
  public readonly statePath: string;
  /** what each proxy and target advertises (without per-node public lists) */
  public readonly publicAddress: AisPublicAddress;
  /** the pods' `net.core.somaxconn` sysctl; false: none */
  public readonly somaxconn: number | false;
  /** the directory that proves a mountpath is mounted; false: no check */
  public readonly diskMarker: string | false;
  public readonly namespace: string;
  public readonly ports: ResolvedAisPorts;
  public readonly labelScheme: AisNodeLabelScheme;
  public readonly initialPrimaryNode: string;
  public readonly proxies: AisProxies;
  public readonly targets: AisTargets;
  public readonly config: AisConfigMaps;
  public readonly gateway: AisGateway;
  public readonly serviceAccount: AisServiceAccount;
  /** HTTPS, credential and hardening objects, and what they add to the pods */
  public readonly security: AisSecurity;
  public readonly nodeLabels?: AisNodeLabels;
  public readonly targetLoadBalancers?: AisTargetLoadBalancers;
  public readonly localVolumes?: AisLocalVolumes;
  public readonly metallb?: MetalLbAddressPool;
  public readonly monitoring?: AisMonitoring;
  /** the namespace, local StorageClass and PVs and node labels this cluster claims (the GitOps rulebook checks them against the app's other constructs) */
  public readonly footprint: Footprint;
  /** what the rulebook warns about (the AIS compatibility matrix), also recorded as node metadata */
  public readonly warnings: readonly PropProblem[];

  constructor(scope: Construct, id: string, props: AisClusterProps) {
    super(scope, id);
    this.warnings = assertNoProblems('AisCluster', aisClusterProblems(props), this);
    this.footprint = declareFootprint(this, aisClusterFootprint(props, 'standalone', 'AisCluster'));
    checkKubernetesVersion(props.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION);
    this.initialPrimaryNode = props.initialPrimaryNode ?? props.proxyNodes[0];
    const shared = addSharedCharts(this, props, this.initialPrimaryNode);
    this.name = shared.name;
    this.namespace = shared.namespace;
    this.labelScheme = shared.labelScheme;
    this.ports = resolvePorts(props.ports);
    // no chart namespace: namespaced objects name theirs, cluster-scoped ones (Node, PV, StorageClass) must have none
    const chart = (chartId: string) => new Chart(this, chartId);
    const storage = props.storage ?? MountpathStorage.HOST_PATH;
    const externalLB = props.externalLoadBalancers ?? false;
    const gateway = props.gateway ?? {};
    this.nodeLabels = shared.nodeLabels;
    this.metallb = shared.metallb;
    this.images = props.images ?? DEFAULT_IMAGES;
    this.proxyNodes = props.proxyNodes;
    this.targetNodes = props.targetNodes;
    this.mountpaths = props.mountpaths;
    this.storage = storage;
    this.targetMedia = props.targetMedia;
    this.externalLoadBalancers = externalLB;
    this.gatewayOptions = gateway;
    this.metallbAssignsAddresses = shared.addressing.metallb ?? false;
    this.clusterDomain = props.clusterDomain ?? DEFAULT_CLUSTER_DOMAIN;
    this.tls = props.tls;
    this.targetDisruptionBudget = { enabled: props.targetDisruptionBudget?.enabled ?? true, maxUnavailable: targetMaxUnavailable(props.targetDisruptionBudget ?? {}) };
    this.preflight = props.preflight ?? false;
    this.statePath = props.statePath ?? DEFAULT_STATE_PATH;
    this.publicAddress = props.publicAddress ?? AisPublicAddress.NODE_IP;
    this.somaxconn = props.somaxconn ?? DEFAULT_SOMAXCONN;
    this.diskMarker = props.diskMarker ?? DEFAULT_DISK_MARKER;
    this.prerequisites = aisClusterPrerequisites(props, this.namespace, this.metallbAssignsAddresses);
    this.network = props.network ?? {};
    this.kubernetesVersion = props.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION;
    this.kubernetesFeatureGates = props.kubernetesFeatureGates ?? {};
    this.addressing = aisAddressing({
      proxyNodes: props.proxyNodes, targetNodes: props.targetNodes, publicAddress: this.publicAddress, network: this.network, externalLoadBalancers: externalLB,
    });
    const addressing = this.addressing;

    const configChart = chart('config');
    this.serviceAccount = new AisServiceAccount(configChart, 'ServiceAccount', {
      cluster: this.name, namespace: this.namespace, readServices: externalLB, imagePullSecrets: props.images?.pullSecrets,
    });
    const range = externalLB && gateway.addressPool ? parseAddressPool(gateway.addressPool) : undefined;
    const targetIPs = range
      ? allocateAddresses(range, props.targetNodes.length, gateway.loadBalancerIP ? [gateway.loadBalancerIP] : [])
      : undefined;
    const proxyService = `${this.name}-proxy`;
    const targetService = `${this.name}-target`;
    this.security = addAisSecurity({ tls: chart('tls'), secrets: chart('external-secrets'), policies: chart('policies') }, {
      cluster: this.name, namespace: this.namespace, clusterDomain: props.clusterDomain ?? DEFAULT_CLUSTER_DOMAIN, ports: this.ports,
      proxyService, targetService, services: [proxyService, targetService, AisGateway.serviceName(this.name)],
      podServices: [proxyService, targetService],
      // what every proxy and target advertises (the certificate names each address AIS, the CLI and clients dial)
      ipAddresses: [...new Set([...(gateway.loadBalancerIP ? [gateway.loadBalancerIP] : []), ...(targetIPs ?? []), ...addressing.publicSans.ipAddresses])],
      hostnames: addressing.publicSans.dnsNames.length ? addressing.publicSans.dnsNames : undefined,
      hostNetworkPeers: addressing.hostNetworkTargetIPs,
    }, props);
    const useHttps = props.useHttps ?? this.security.useHttps;
    const daemon: AisDaemonProps = {
      cluster: this.name, namespace: this.namespace, images: props.images ?? DEFAULT_IMAGES, ports: this.ports,
      labelScheme: this.labelScheme, statePath: props.statePath, logsPath: props.logsPath, clusterDomain: props.clusterDomain,
      privileged: props.privileged, somaxconn: props.somaxconn, serviceAccountName: this.serviceAccount.name, useHttps,
      kubernetesVersion: props.kubernetesVersion, kubernetesFeatureGates: props.kubernetesFeatureGates,
      tcpProbes: this.security.tcpProbes, publicAddress: this.publicAddress,
      legacyPodLabels: props.monitoring ? (props.monitoring.legacyPodLabels ?? DEFAULT_LEGACY_POD_LABELS) : false,
    };
    this.config = new AisConfigMaps(configChart, 'Config', {
      cluster: this.name, namespace: this.namespace, ports: this.ports, mountpaths: props.mountpaths,
      primaryPod: AisProxies.primaryPodName(this.name), proxyService,
      clusterDomain: props.clusterDomain, useHttps, clusterConfig: mergeConfig(this.security.clusterConfig, props.clusterConfig ?? {}),
      hostnameMap: addressing.hostnameMap,
    });
    const extra = (role: 'proxy' | 'target') => ({
      podAnnotations: { [RESTART_HASH_ANNOTATION]: this.config.restartHash[role] },
      extraVolumes: [...this.security[role].volumes, ...(props.extraVolumes?.[role] ?? [])],
      extraEnv: { ...this.security[role].env, ...props.extraEnv?.[role] },
    });
    this.proxies = new AisProxies(chart('proxies'), 'Proxies', {
      ...daemon, replicas: props.proxyNodes.length, targetCount: props.targetNodes.length, resources: props.proxyResources, ...extra('proxy'),
      hostnameMap: addressing.proxy.hostnameMap, networkAttachments: addressing.proxy.attachments,
    });
    this.targets = new AisTargets(chart('targets'), 'Targets', {
      ...daemon, replicas: props.targetNodes.length, mountpaths: props.mountpaths, storage,
      storageClassName: props.storageClassName, externalAccess: externalLB, resources: props.targetResources, diskMarker: props.diskMarker,
      hostnameMap: addressing.target.hostnameMap, hostNetwork: addressing.target.hostNetwork, networkAttachments: addressing.target.attachments,
      ...extra('target'),
    });
    if (this.network.attachments?.some((a) => a.cni)) {
      this.networkAttachments = new AisNetworkAttachments(chart('network'), 'Attachments', {
        cluster: this.name, namespace: this.namespace, attachments: this.network.attachments,
      });
    }

    if (storage === MountpathStorage.LOCAL_PV) {
      this.localVolumes = new AisLocalVolumes(chart('storage'), 'LocalVolumes', {
        cluster: this.name, nodes: props.targetNodes, mountpaths: props.mountpaths, storageClassName: props.storageClassName,
      });
    }

    if (props.monitoring) {
      const clusterDomain = props.clusterDomain ?? DEFAULT_CLUSTER_DOMAIN;
      this.monitoring = new AisMonitoring(chart('monitoring'), 'Monitoring', {
        ...props.monitoring, cluster: this.name, clusterNamespace: this.namespace, ports: this.ports,
        proxyStatefulSets: [this.proxies.primary, ...(this.proxies.electable ? [this.proxies.electable] : [])].map((s) => s.name),
        targetStatefulSet: this.targets.statefulSet.name, mountpaths: props.mountpaths.map((m) => m.path),
        targetNodes: props.targetNodes, media: props.targetMedia, aisnodeVersion: aisnodeRelease((props.images ?? DEFAULT_IMAGES).aisnode),
        tls: props.tls ? scrapeTls({
          cluster: this.name, namespace: this.namespace, clusterDomain, tls: props.tls,
          issuer: this.security.selfSignedCa?.issuer ?? props.tls.certificate?.issuer, clientCertificateSecret: props.monitoring.clientCertificateSecret,
        }) : undefined,
      });
    }

    const lbAddressing = shared.addressing;
    const servicesChart = chart('services');
    this.gateway = new AisGateway(servicesChart, 'Gateway', {
      ...lbAddressing, cluster: this.name, namespace: this.namespace, port: this.ports.proxy, loadBalancerIP: gateway.loadBalancerIP,
    });
    if (externalLB) {
      this.targetLoadBalancers = new AisTargetLoadBalancers(servicesChart, 'TargetLoadBalancers', {
        ...lbAddressing, cluster: this.name, namespace: this.namespace, port: this.ports.target, replicas: props.targetNodes.length,
        loadBalancerIPs: targetIPs,
      });
    }
  }
}
