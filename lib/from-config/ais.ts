import type { ClusterConfig } from '../config/schema';
import type { AisConfig } from '../config/ais-schema';
import { AisClusterProps } from '../ais/cluster-props';
import { AisResources } from '../ais/workloads/pod-inputs';
import { checkKubernetesVersion } from '../k8s/version';
import { DiskMedia, Mountpath, MountpathStorage } from '../ais/storage/mountpath';
import { AIS_MONITORING_PATHS, aisMonitoringOptions } from './ais-monitoring';
import { AisPublicAddress } from '../ais/workloads/public-address';
import { aisSecurityPaths, aisSecurityProps } from './ais-security';
import { aisNames } from '../ais/names';
import { AisNetworkOptions, AisTargetNetwork } from '../ais/network/addressing';
import { AttachmentCniType } from '../ais/network/attachments';
import type { Adapted, PathMap } from '../props/path-map';

/** The config's requests and limits of a role (standalone and operator mode alike). */
export function aisResources(spec: AisConfig['proxies']['resources']): AisResources | undefined {
  if (!spec) return undefined;
  const defined = (values?: { cpu?: string; memory?: string }) => values
    ? Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string] => entry[1] !== undefined))
    : undefined;
  return { requests: defined(spec.requests), limits: defined(spec.limits) };
}

/** The `ais.network` section as props: a bare IP is `{ip}`, a bare attachment name `{name}`. */
export function aisNetworkOptions(ais: AisConfig): AisNetworkOptions {
  const network = ais.network;
  return {
    nodes: Object.fromEntries(Object.entries(network.nodes).map(([node, a]) => [node, typeof a === 'string' ? { ip: a } : { ip: a.ip, public: a.public }])),
    targetNetwork: network.targets === 'hostNetwork' ? AisTargetNetwork.HOST : AisTargetNetwork.POD,
    attachments: network.attachments.map((a) => (typeof a === 'string' ? { name: a } : {
      name: a.name,
      cni: a.cni && { type: a.cni.type as AttachmentCniType, master: a.cni.master, mode: a.cni.mode, mtu: a.cni.mtu, ipam: a.cni.ipam },
    })),
  };
}

/** Where each prop of the AIS cluster description both modes share comes from in the config. */
export function aisCommonPaths(config: ClusterConfig, ais: AisConfig): PathMap {
  const labels = ['ais', 'nodeLabels'];
  // a node label value left out is derived from the release name: point there
  const label = (role: 'target' | 'proxy' | 'initialPrimary') => ({
    $: [...labels, role],
    key: [...labels, role, 'key'],
    value: ais.nodeLabels[role].value !== undefined ? [...labels, role, 'value'] : ['name'],
  });
  const mountpaths = ['ais', 'targets', 'mountpaths'];
  return {
    $: ['ais'],
    name: ['name'],
    namespace: ['namespace'],
    kubernetesVersion: ['kubernetesVersion'],
    kubernetesFeatureGates: { $: ['kubernetesFeatureGates'], podHostIPs: ['kubernetesFeatureGates', 'PodHostIPs'] },
    network: {
      $: ['ais', 'network'],
      // a node given as a bare IP is its ip
      nodes: ([node, field, ...rest]) => (node === undefined ? ['ais', 'network', 'nodes']
        : field === 'ip' && typeof ais.network.nodes[node as string] === 'string' ? ['ais', 'network', 'nodes', node]
          : ['ais', 'network', 'nodes', node, ...(field === undefined ? [] : [field]), ...rest]),
      targetNetwork: ['ais', 'network', 'targets'],
      // an attachment given as a bare name is its name
      attachments: ([index, field, ...rest]) => (index === undefined ? ['ais', 'network', 'attachments']
        : field === 'name' && typeof ais.network.attachments[index as number] === 'string' ? ['ais', 'network', 'attachments', index]
          : ['ais', 'network', 'attachments', index, ...(field === undefined ? [] : [field]), ...rest]),
    },
    images: { $: ['ais', 'images'], pullSecrets: ['ais', 'imagePullSecrets'], aisnode: ['ais', 'images', 'aisnode'], init: ['ais', 'images', 'init'],
      pullPolicy: ['ais', 'images', 'pullPolicy'], allowUnpinned: ['ais', 'images', 'allowUnpinned'] },
    proxyNodes: ['ais', 'proxies', 'nodes'],
    targetNodes: ['ais', 'targets', 'nodes'],
    // a mountpath written as a bare path is the path itself
    mountpaths: ([index, field, ...rest]) => (field === undefined || (field === 'path' && typeof config.ais?.targets.mountpaths[index as number] === 'string')
      ? [...mountpaths, ...(index === undefined ? [] : [index])] : [...mountpaths, index, field, ...rest]),
    storage: ['ais', 'targets', 'storage'],
    targetMedia: ['ais', 'targets', 'media'],
    storageClassName: ['ais', 'targets', 'storageClass'],
    diskMarker: ['ais', 'targets', 'diskMarker'],
    nodeLabels: { $: labels, target: label('target'), proxy: label('proxy'), initialPrimary: label('initialPrimary') },
    emitNodeLabels: [...labels, 'output'],
    gateway: ['ais', 'gateway'],
    preflight: ['ais', 'preflight'],
    externalLoadBalancers: ['ais', 'externalLB'],
    clusterDomain: ['ais', 'clusterDomain'],
    privileged: ['ais', 'privileged'],
    proxyResources: ['ais', 'proxies', 'resources'],
    targetResources: ['ais', 'targets', 'resources'],
    ports: ['ais', 'ports'],
    monitoring: AIS_MONITORING_PATHS,
    ...aisSecurityPaths(ais),
  };
}

/** Maps the `ais:` section of a cluster config to {@link AisClusterProps} and where each prop comes from (constructs never read the file). */
export function adaptAisCluster(config: ClusterConfig): Adapted<AisClusterProps> {
  const ais = config.ais;
  if (!ais) throw new Error('the config has no ais: section');
  const mountpaths: Mountpath[] = ais.targets.mountpaths.map((m) => (typeof m === 'string' ? { path: m } : m));
  const label = (spec: { key: string; value?: string }, fallback: string) => ({ key: spec.key, value: spec.value ?? fallback });
  const props: AisClusterProps = {
    name: config.name,
    namespace: config.namespace,
    kubernetesVersion: checkKubernetesVersion(config.kubernetesVersion),
    kubernetesFeatureGates: config.kubernetesFeatureGates && { podHostIPs: config.kubernetesFeatureGates.PodHostIPs },
    network: aisNetworkOptions(ais),
    images: { aisnode: ais.images.aisnode, init: ais.images.init, pullPolicy: ais.images.pullPolicy, pullSecrets: ais.imagePullSecrets,
      allowUnpinned: ais.images.allowUnpinned },
    proxyNodes: ais.proxies.nodes,
    initialPrimaryNode: ais.proxies.initialPrimary,
    targetNodes: ais.targets.nodes,
    mountpaths,
    storage: ais.targets.storage === 'localPV' ? MountpathStorage.LOCAL_PV : MountpathStorage.HOST_PATH,
    targetMedia: ais.targets.media === undefined ? undefined : ais.targets.media === 'hdd' ? DiskMedia.HDD : DiskMedia.NVME,
    storageClassName: ais.targets.storageClass,
    diskMarker: ais.targets.diskMarker,
    ports: ais.ports,
    nodeLabels: {
      target: label(ais.nodeLabels.target, aisNames.targetLabelValue(config.name)),
      proxy: label(ais.nodeLabels.proxy, aisNames.proxyLabelValue(config.name)),
      initialPrimary: label(ais.nodeLabels.initialPrimary, aisNames.initialPrimaryLabelValue(config.name)),
    },
    emitNodeLabels: ais.nodeLabels.output !== 'script',
    gateway: ais.gateway,
    externalLoadBalancers: ais.externalLB,
    publicAddress: ais.publicAddress === 'nodeName' ? AisPublicAddress.NODE_NAME : AisPublicAddress.NODE_IP,
    statePath: ais.statePath,
    logsPath: ais.logsPath,
    clusterDomain: ais.clusterDomain,
    privileged: ais.privileged,
    somaxconn: ais.somaxconn,
    preflight: ais.preflight,
    proxyResources: aisResources(ais.proxies.resources),
    targetResources: aisResources(ais.targets.resources),
    ...aisSecurityProps(ais),
    monitoring: aisMonitoringOptions(ais.monitoring),
  };
  const paths: PathMap = {
    ...aisCommonPaths(config, ais),
    initialPrimaryNode: ['ais', 'proxies', 'initialPrimary'],
    publicAddress: ['ais', 'publicAddress'],
    statePath: ['ais', 'statePath'],
    logsPath: ['ais', 'logsPath'],
    somaxconn: ['ais', 'somaxconn'],
  };
  return { props, paths };
}

/** Maps the `ais:` section of a cluster config to {@link AisClusterProps} (see {@link adaptAisCluster}). */
export function aisClusterProps(config: ClusterConfig): AisClusterProps {
  return adaptAisCluster(config).props;
}
