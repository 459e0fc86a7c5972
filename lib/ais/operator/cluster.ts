import { Chart } from 'cdk8s';
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
import { aisOperatorClusterProblems } from './cluster-checks';
import { AisOperatorClusterProps } from './cluster-props';
import { AisOperatorSettings } from './operator-settings';
import { aistoreSecurityOptions } from './security';

export type { AisOperatorClusterProps } from './cluster-props';

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
    // no initial primary: the operator makes proxy-0 primary wherever it is scheduled
    const shared = addSharedCharts(this, props);
    this.name = shared.name;
    this.namespace = shared.namespace;
    this.labelScheme = shared.labelScheme;
    const gateway = props.gateway ?? {};
    this.nodeLabels = shared.nodeLabels;
    this.metallb = shared.metallb;

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
    this.security = addAisSharedSecurity({ tls: new Chart(this, 'tls'), secrets: new Chart(this, 'external-secrets'), policies: new Chart(this, 'policies') },
      { cluster: this.name, namespace: this.namespace, ports }, props);
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
      gatewayLoadBalancer: true,
      gatewayAnnotations: loadBalancerAnnotations(shared.addressing, gateway.loadBalancerIP),
      targetLoadBalancers: props.externalLoadBalancers ?? false,
      // one annotation set for all target LoadBalancers: MetalLB picks each IP from the pool
      targetLoadBalancerAnnotations: loadBalancerAnnotations(shared.addressing),
    });
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
