import { Chart } from 'cdk8s';
import { DEFAULT_KUBERNETES_VERSION, KubernetesFeatureGates, KubernetesVersion } from '../../k8s/version';
import { Footprint, declareFootprint } from '../../props/footprint';
import { PropProblem, assertNoProblems } from '../../props/problems';
import { LOCAL_VOLUME_LAYOUT, aisClusterFootprint } from '../cluster-checks';
import { aisNames } from '../names';
import { Construct } from 'constructs';
import { DEFAULT_CLUSTER_DOMAIN, DEFAULT_IMAGES } from '../defaults';
import { addSharedCharts } from '../cluster-charts';
import { AisClusterFacts, AisGatewayOptions } from '../cluster-props';
import type { Prerequisite } from '../../k8s/prerequisite';
import type { AisImages } from '../workloads/daemon-pod';
import type { Mountpath } from '../storage/mountpath';
import type { ResolvedAisPorts } from '../network/ports';
import type { AisTlsProps } from '../security/tls';
import { aisOperatorPrerequisites } from './prerequisites';
import { targetMaxUnavailable } from '../workloads/disruption-budget';
import { loadBalancerAnnotations } from '../network/load-balancers';
import { AisLocalVolumes, localVolumeSelector } from '../storage/local-volumes';
import { MetalLbAddressPool } from '../network/metallb';
import { DiskMedia, MountpathStorage } from '../storage/mountpath';
import { aisnodeRelease } from '../compatibility';
import { resolvePorts } from '../network/ports';
import { AisNodeLabels } from '../nodes/node-labels';
import { AisNodeLabelScheme } from '../nodes/node-label-scheme';
import { AisSharedSecurity, addAisSharedSecurity } from '../security/security';
import { AisMonitoring } from '../monitoring/monitoring';
import { scrapeTls } from '../monitoring/scrape-tls';
import { AiStoreResource } from './aistore';
import { aiStoreOperatorFloor, aisOperatorClusterProblems } from './cluster-checks';
import { AisOperatorClusterProps } from './cluster-props';
import { AisOperatorSettings } from './operator-settings';
import { aistoreSecurityOptions } from './security';
import { AisAddressing, AisNetworkOptions, AisTargetNetwork, aisAddressing, certificateVerified, hasPublicLists } from '../network/addressing';
import { AisNetworkAttachments } from '../network/attachments';
import { AisPublicAddress } from '../workloads/public-address';
import { CertificateDelivery } from '../security/tls';
import { PublicNetDnsMode } from './aistore-props';

export type { AisOperatorClusterProps } from './cluster-props';

/**
 * The AIStore's `hostnameMap`: per-node public lists keyed by node name (Node mode); else, when the CSI
 * driver issues each pod's certificate and anybody verifies it, an identity entry per AIS node so that the
 * operator names its address (ais-k8s v3.4.0 cmn/volumes.go `getTLSCSIVolumeSource` builds the CSI SANs
 * without node hosts, from `hostnameMap` values among others: cmn/certificate.go `buildCertificateSANs`):
 * the node IP in IP mode (the map's key is then `status.hostIP`), the node name in Node mode.
 */
function operatorHostnameMap(props: AisOperatorClusterProps, addressing: AisAddressing, mode: PublicNetDnsMode): Record<string, string> | undefined {
  if (addressing.hostnameMap) return { ...addressing.hostnameMap };
  const tls = props.tls;
  if (tls?.certificate?.delivery !== CertificateDelivery.CSI || !certificateVerified(tls) || mode === PublicNetDnsMode.POD) return undefined;
  const hosts = addressing.nodes.flatMap((n) => (mode === PublicNetDnsMode.NODE ? [n.node] : n.ip ? [n.ip] : []));
  return hosts.length ? Object.fromEntries(hosts.map((h) => [h, h])) : undefined;
}

/**
 * A whole AIStore cluster run by the AIS operator, from the same description as a standalone
 * {@link AisCluster}: the same Namespace, node labels (no initial-primary label: the operator makes
 * proxy-0 primary) and MetalLB pool, then the `AIStore` resource whose node selectors are those labels,
 * the local PVs its claims bind (AIS Helm `create-target-pv` layout) and the operator settings.
 * Charts, one file each: `<id>-namespace`, `<id>-node-labels`, `<id>-aistore`, `<id>-storage`,
 * `<id>-metallb`, `<id>-tls` (self-signed CA chain), `<id>-external-secrets`, `<id>-policies` (NetworkPolicy), `<id>-operator`.
 */
export class AisOperatorCluster extends Construct implements AisClusterFacts {
  public readonly name: string;
  public readonly images: AisImages;
  public readonly proxyNodes: readonly string[];
  public readonly targetNodes: readonly string[];
  public readonly mountpaths: readonly Mountpath[];
  public readonly storage: MountpathStorage;
  public readonly targetMedia?: DiskMedia;
  public readonly ports: ResolvedAisPorts;
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
  /** the MetalLB pool of the gateway alone (per-target LoadBalancers, whose IPs MetalLB picks, cannot take it) */
  public readonly gatewayPool?: MetalLbAddressPool;
  /** the oldest AIS operator release whose AIStore CRD has every field this AIStore uses (lib/ais/operator/crd-versions.ts) */
  public readonly operatorVersionFloor: string;
  /** the public address mode the AIStore asks for (`spec.publicNetDNSMode`, the operator's default IP when unset) */
  public readonly publicNetDnsMode: PublicNetDnsMode;
  public readonly namespace: string;
  public readonly labelScheme: AisNodeLabelScheme;
  public readonly aistore: AiStoreResource;
  public readonly nodeLabels?: AisNodeLabels;
  public readonly localVolumes?: AisLocalVolumes;
  public readonly metallb?: MetalLbAddressPool;
  public readonly operatorSettings?: AisOperatorSettings;
  /** the self-signed CA chain, ExternalSecrets and NetworkPolicy (the operator makes the Certificate and PDB from the AIStore) */
  public readonly security: AisSharedSecurity;
  public readonly monitoring?: AisMonitoring;
  /** the namespace, local StorageClass and PVs and node labels this cluster claims (the GitOps rulebook checks them against the app's other constructs) */
  public readonly footprint: Footprint;
  /** what the rulebook warns about (the AIS compatibility matrix), also recorded as node metadata */
  public readonly warnings: readonly PropProblem[];

  constructor(scope: Construct, id: string, props: AisOperatorClusterProps) {
    super(scope, id);
    this.warnings = assertNoProblems('AisOperatorCluster', aisOperatorClusterProblems(props), this);
    this.footprint = declareFootprint(this, aisClusterFootprint(props, 'operator', 'AisOperatorCluster'));
    // no initial primary: the operator makes proxy-0 primary wherever it is scheduled; the target
    // LoadBalancers cannot be pinned (one annotation map for all, ais-k8s target/services.go), so the gateway
    // IP gets a pool of its own that they cannot draw from (metallb controller/service.go allocateIPs)
    const shared = addSharedCharts(this, props, undefined, { separateGatewayPool: props.externalLoadBalancers ?? false });
    this.name = shared.name;
    this.namespace = shared.namespace;
    this.labelScheme = shared.labelScheme;
    const gateway = props.gateway ?? {};
    this.nodeLabels = shared.nodeLabels;
    this.metallb = shared.metallb;
    this.gatewayPool = shared.gatewayPool;

    const localPV = (props.storage ?? MountpathStorage.HOST_PATH) === MountpathStorage.LOCAL_PV;
    const storageClass = props.storageClassName ?? aisNames.localStorageClass(this.name);
    const layout = LOCAL_VOLUME_LAYOUT.operator;
    const ports = resolvePorts(props.ports);
    this.images = props.images ?? DEFAULT_IMAGES;
    this.proxyNodes = props.proxyNodes;
    this.targetNodes = props.targetNodes;
    this.mountpaths = props.mountpaths;
    this.storage = props.storage ?? MountpathStorage.HOST_PATH;
    this.targetMedia = props.targetMedia;
    this.ports = ports;
    this.externalLoadBalancers = props.externalLoadBalancers ?? false;
    this.gatewayOptions = gateway;
    this.metallbAssignsAddresses = shared.addressing.metallb ?? false;
    this.clusterDomain = props.clusterDomain ?? DEFAULT_CLUSTER_DOMAIN;
    this.tls = props.tls;
    this.targetDisruptionBudget = { enabled: props.targetDisruptionBudget?.enabled ?? true, maxUnavailable: targetMaxUnavailable(props.targetDisruptionBudget ?? {}) };
    this.preflight = props.preflight ?? false;
    this.prerequisites = aisOperatorPrerequisites(props, this.namespace, this.metallbAssignsAddresses);
    this.operatorVersionFloor = aiStoreOperatorFloor(props);
    this.network = props.network ?? {};
    this.kubernetesVersion = props.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION;
    this.kubernetesFeatureGates = props.kubernetesFeatureGates ?? {};
    const lists = hasPublicLists(this.network);
    // per-node public addresses: ais-init's hostname map keyed by node name (publicNetDNSMode Node)
    this.publicNetDnsMode = props.publicNetDnsMode ?? (lists ? PublicNetDnsMode.NODE : PublicNetDnsMode.IP);
    this.addressing = aisAddressing({
      proxyNodes: props.proxyNodes, targetNodes: props.targetNodes, network: this.network, externalLoadBalancers: this.externalLoadBalancers,
      publicAddress: this.publicNetDnsMode === PublicNetDnsMode.NODE ? AisPublicAddress.NODE_NAME : AisPublicAddress.NODE_IP,
      proxyHostPort: props.proxyHostPort ?? true,
    });
    this.security = addAisSharedSecurity({ tls: new Chart(this, 'tls'), secrets: new Chart(this, 'external-secrets'), policies: new Chart(this, 'policies') },
      { cluster: this.name, namespace: this.namespace, ports, hostNetworkPeers: this.addressing.hostNetworkTargetIPs }, props);
    this.aistore = new AiStoreResource(new Chart(this, 'aistore'), 'AIStore', {
      ...props,
      ...aistoreSecurityOptions(props, this.security.issuer),
      namespace: this.namespace,
      images: props.images ?? DEFAULT_IMAGES,
      proxyReplicas: props.proxyNodes.length,
      targetReplicas: props.targetNodes.length,
      proxyNodeSelector: { [this.labelScheme.proxy.key]: this.labelScheme.proxy.value },
      targetNodeSelector: { [this.labelScheme.target.key]: this.labelScheme.target.value },
      mounts: props.mountpaths.map((m) => (localPV
        ? { ...m, storageClass, selector: localVolumeSelector(this.name, m.path, layout) }
        : { ...m, useHostPath: true })),
      publicNetDnsMode: props.publicNetDnsMode ?? (lists ? PublicNetDnsMode.NODE : undefined),
      targetHostNetwork: this.addressing.targetNetwork === AisTargetNetwork.HOST,
      hostnameMap: operatorHostnameMap(props, this.addressing, this.publicNetDnsMode),
      networkAttachments: (this.network.attachments ?? []).map((a) => a.name),
      gatewayLoadBalancer: true,
      gatewayAnnotations: loadBalancerAnnotations(shared.gatewayAddressing, gateway.loadBalancerIP),
      targetLoadBalancers: props.externalLoadBalancers ?? false,
      // one annotation set for all target LoadBalancers: MetalLB picks each IP from the pool
      targetLoadBalancerAnnotations: loadBalancerAnnotations(shared.addressing),
    });
    if (this.network.attachments?.some((a) => a.cni)) {
      this.networkAttachments = new AisNetworkAttachments(new Chart(this, 'network'), 'Attachments', {
        cluster: this.name, namespace: this.namespace, attachments: this.network.attachments,
      });
    }
    if (localPV) {
      this.localVolumes = new AisLocalVolumes(new Chart(this, 'storage'), 'LocalVolumes', {
        cluster: this.name, nodes: props.targetNodes, mountpaths: props.mountpaths, storageClassName: storageClass, layout,
      });
    }
    if (props.monitoring) {
      // the operator's names and labels: StatefulSets <cr>-proxy/<cr>-target, headless Services labelled proxy-svc/target-svc
      this.monitoring = new AisMonitoring(new Chart(this, 'monitoring'), 'Monitoring', {
        ...props.monitoring, cluster: this.name, clusterNamespace: this.namespace, ports,
        proxyStatefulSets: [`${this.name}-proxy`], targetStatefulSet: `${this.name}-target`, mountpaths: props.mountpaths.map((m) => m.path),
        targetNodes: props.targetNodes, media: props.targetMedia, aisnodeVersion: aisnodeRelease((props.images ?? DEFAULT_IMAGES).aisnode),
        headlessServiceComponents: { proxy: 'proxy-svc', target: 'target-svc' },
        tls: props.tls ? scrapeTls({
          cluster: this.name, namespace: this.namespace, clusterDomain: props.clusterDomain ?? DEFAULT_CLUSTER_DOMAIN, tls: props.tls,
          issuer: this.security.issuer, clientCertificateSecret: props.monitoring.clientCertificateSecret,
        }) : undefined,
      });
    }
    if (props.operatorSettings) {
      this.operatorSettings = new AisOperatorSettings(new Chart(this, 'operator'), 'Settings', {
        ...props.operatorSettings, cluster: this.name, clusterNamespace: this.namespace,
      });
    }
  }
}
