import type { ClusterConfig } from '../config/schema';
import type { AisConfig } from '../config/ais-schema';
import { AisClusterProps } from '../ais/cluster';
import { AisResources } from '../ais/workloads/pod-inputs';
import { checkKubernetesVersion } from '../k8s/version';
import { Mountpath, MountpathStorage } from '../ais/storage/mountpath';
import { aisMonitoringOptions } from './ais-monitoring';
import { AisPublicAddress } from '../ais/workloads/public-address';
import { aisSecurityProps } from './ais-security';
import { aisNames } from '../ais/names';

/** The config's requests and limits of a role (standalone and operator mode alike). */
export function aisResources(spec: AisConfig['proxies']['resources']): AisResources | undefined {
  if (!spec) return undefined;
  const defined = (values?: { cpu?: string; memory?: string }) => values
    ? Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string] => entry[1] !== undefined))
    : undefined;
  return { requests: defined(spec.requests), limits: defined(spec.limits) };
}

/** Maps the `ais:` section of a cluster config to {@link AisClusterProps} (constructs never read the file). */
export function aisClusterProps(config: ClusterConfig): AisClusterProps {
  const ais = config.ais;
  if (!ais) throw new Error('the config has no ais: section');
  const mountpaths: Mountpath[] = ais.targets.mountpaths.map((m) => (typeof m === 'string' ? { path: m } : m));
  const label = (spec: { key: string; value?: string }, fallback: string) => ({ key: spec.key, value: spec.value ?? fallback });
  return {
    name: config.name,
    namespace: config.namespace,
    kubernetesVersion: checkKubernetesVersion(config.kubernetesVersion),
    images: { aisnode: ais.images.aisnode, init: ais.images.init, pullPolicy: ais.images.pullPolicy, pullSecrets: ais.imagePullSecrets,
      allowUnpinned: ais.images.allowUnpinned },
    proxyNodes: ais.proxies.nodes,
    initialPrimaryNode: ais.proxies.initialPrimary,
    targetNodes: ais.targets.nodes,
    mountpaths,
    storage: ais.targets.storage === 'localPV' ? MountpathStorage.LOCAL_PV : MountpathStorage.HOST_PATH,
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
}
