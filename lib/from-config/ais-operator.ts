import type { AisConfig } from '../config/ais-schema';
import type { OperatorSettingsConfig } from '../config/ais-operator-schema';
import type { ClusterConfig } from '../config/schema';
import { DEFAULT_CLUSTER_DOMAIN } from '../ais/defaults';
import { adaptAisCluster, aisCommonPaths, aisResources } from './ais';
import { AiStoreOptions, PublicNetDnsMode, ScaleDownMode } from '../ais/operator/aistore-props';
import { AisOperatorClusterProps } from '../ais/operator/cluster-props';
import { AisStateStorage, IssuerKind } from '../ais/operator/options';
import { AiStoreSecurityOptions } from '../ais/operator/security';
import type { Adapted, PathMap } from '../props/path-map';

function stateStorage(ais: AisConfig): AisStateStorage {
  switch (ais.operator?.stateStorage) {
    case 'emptyDir': return AisStateStorage.emptyDir();
    // without stateStorageClass the operator rulebook reports the empty class at ais.operator.stateStorage
    case 'pvc': return AisStateStorage.pvc(ais.operator.stateStorageClass ?? '');
    default: return AisStateStorage.hostPath(ais.statePath);
  }
}

/** The AIStore options that come from `ais:` beyond the shared cluster description and the security props. */
function aistoreOptions(config: ClusterConfig, ais: AisConfig): Omit<AiStoreOptions, keyof AiStoreSecurityOptions> {
  const operator = ais.operator;
  return {
    ports: ais.ports,
    stateStorage: stateStorage(ais),
    logsDir: ais.logsPath,
    // the CR field is deprecated: only set it when it differs from what the operator assumes
    clusterDomain: ais.clusterDomain === DEFAULT_CLUSTER_DOMAIN ? undefined : ais.clusterDomain,
    privileged: ais.privileged,
    proxyResources: aisResources(ais.proxies.resources),
    targetResources: aisResources(ais.targets.resources),
    disablePodAntiAffinity: operator?.disablePodAntiAffinity,
    proxyHostPort: operator?.proxyHostPort,
    publicNetDnsMode: operator?.publicNetDNSMode as PublicNetDnsMode | undefined,
    scaleDownMode: operator?.scaleDownMode as ScaleDownMode | undefined,
    cleanupMetadata: operator?.cleanupMetadata,
    cleanupData: operator?.cleanupData,
    operatorSkipVerifyCert: config.operator?.skipVerifyCert,
    adminClient: operator?.adminClient && {
      image: operator.adminClient.image, caConfigMap: operator.adminClient.caConfigMap, caKey: operator.adminClient.caKey,
    },
  };
}

function operatorSettings(settings: OperatorSettingsConfig): AisOperatorClusterProps['operatorSettings'] {
  const cert = settings.clientCert;
  return {
    namespace: settings.namespace,
    deploymentName: settings.deployment,
    skipVerifyCert: settings.skipVerifyCert,
    aisCAConfigMap: settings.aisCAConfigMap,
    authCAConfigMap: settings.authCAConfigMap,
    authTlsCacheTtl: settings.authTLSCacheTTL,
    clientCertificate: cert && {
      issuerName: cert.issuer.name, issuerKind: cert.issuer.kind as IssuerKind,
      perCluster: cert.perCluster, duration: cert.duration, renewBefore: cert.renewBefore,
    },
    operatorVersion: settings.version,
  };
}

/** Where each operator-only prop comes from in the config. */
function operatorPaths(): PathMap {
  const operator = ['ais', 'operator'];
  const settings = ['operator'];
  const cert = [...settings, 'clientCert'];
  return {
    stateStorage: [...operator, 'stateStorage'],
    logsDir: ['ais', 'logsPath'],
    disablePodAntiAffinity: [...operator, 'disablePodAntiAffinity'],
    proxyHostPort: [...operator, 'proxyHostPort'],
    publicNetDnsMode: [...operator, 'publicNetDNSMode'],
    scaleDownMode: [...operator, 'scaleDownMode'],
    cleanupMetadata: [...operator, 'cleanupMetadata'],
    cleanupData: [...operator, 'cleanupData'],
    operatorSkipVerifyCert: [...settings, 'skipVerifyCert'],
    adminClient: [...operator, 'adminClient'],
    operatorSettings: {
      $: settings,
      namespace: [...settings, 'namespace'],
      deploymentName: [...settings, 'deployment'],
      skipVerifyCert: [...settings, 'skipVerifyCert'],
      aisCAConfigMap: [...settings, 'aisCAConfigMap'],
      authCAConfigMap: [...settings, 'authCAConfigMap'],
      authTlsCacheTtl: [...settings, 'authTLSCacheTTL'],
      clientCertificate: {
        $: cert, issuerName: [...cert, 'issuer', 'name'], issuerKind: [...cert, 'issuer', 'kind'], perCluster: [...cert, 'perCluster'],
        duration: [...cert, 'duration'], renewBefore: [...cert, 'renewBefore'],
      },
      operatorVersion: [...settings, 'version'],
    },
  };
}

/**
 * What operator mode does with each key of the `ais:` section. A test keeps it complete, so a key
 * added to the schema is never silently dropped from the AIStore.
 */
export const AIS_KEYS_IN_OPERATOR_MODE: Readonly<Record<string, string>> = {
  mode: 'selects operator mode',
  images: 'nodeImage, initImage (pullPolicy is rejected: the operator always pulls)',
  imagePullSecrets: 'imagePullSecrets',
  statePath: 'stateStorage.hostPath.prefix',
  logsPath: 'logsDir',
  clusterDomain: 'clusterDomain, only when not cluster.local',
  proxies: 'size and nodeSelector of the proxies, resources (initialPrimary is rejected)',
  targets: 'size and nodeSelector of the targets, mounts, resources, local PVs',
  ports: 'servicePort, portPublic, portIntraControl, portIntraData; proxy and target hostPort',
  gateway: 'proxySpec.externalAccess annotations, MetalLB pool',
  externalLB: 'targetSpec.externalAccess',
  publicAddress: 'rejected unless nodeIP: publicNetDNSMode (ais.operator) says what the operator publishes',
  network: 'hostnameMap and publicNetDNSMode Node (per-node public addresses), targetSpec.hostNetwork, networkAttachment; '
    + 'the NetworkAttachmentDefinitions with a CNI config; with CSI certificates a hostnameMap entry per node IP',
  privileged: 'aisContainerSecurityContext.privileged',
  somaxconn: 'rejected unless the default: the operator sets no pod sysctl',
  preflight: 'the same preflight DaemonSet as standalone (it checks the hosts, whoever runs AIS)',
  nodeLabels: 'Node labels and the node selectors',
  operator: 'the operator-only AIStore fields',
  tls: 'tls.secretName or tls.certificate (issuerRef, mode secret|csi, additionalDNSNames, duration, renewBefore); '
    + 'configToUpdate.net.http use_https, skip_verify, client_auth_tls; selfSigned: the same CA chain as standalone, as issuerRef '
    + '(ipAddresses, caConfigMap and client auth that requires a certificate are rejected)',
  cloud: 'awsSecretName, gcpSecretName, ociSecretName',
  authn: 'authNSecretName',
  tracing: 'configToUpdate.tracing, tracingTokenSecretName',
  externalSecrets: 'the same ExternalSecrets as standalone',
  networkPolicy: 'the same NetworkPolicy as standalone (its selector matches the operator\'s pod labels)',
  targetDisruptionBudget: 'targetSpec.pdb (the operator creates the PodDisruptionBudget <name>-target)',
  monitoring: 'the same monitoring objects as standalone, for the operator\'s names (<name>-proxy, <name>-target; Services proxy-svc/target-svc); '
    + 'no legacy pod labels: the operator sets app: <name>, component: <role> itself',
};

/**
 * Maps a cluster config with `ais.mode: operator` to {@link AisOperatorClusterProps} and where each prop
 * comes from (constructs never read the file).
 */
export function adaptAisOperatorCluster(config: ClusterConfig): Adapted<AisOperatorClusterProps> {
  const ais = config.ais;
  if (!ais || ais.mode !== 'operator') throw new Error('the config has no ais: section with mode: operator');
  const common = adaptAisCluster(config).props;
  const props: AisOperatorClusterProps = {
    name: common.name,
    namespace: common.namespace,
    kubernetesVersion: common.kubernetesVersion,
    kubernetesFeatureGates: common.kubernetesFeatureGates,
    network: common.network,
    images: common.images,
    proxyNodes: common.proxyNodes,
    targetNodes: common.targetNodes,
    mountpaths: common.mountpaths,
    storage: common.storage,
    targetMedia: common.targetMedia,
    storageClassName: common.storageClassName,
    nodeLabels: common.nodeLabels,
    emitNodeLabels: common.emitNodeLabels,
    gateway: common.gateway,
    preflight: common.preflight,
    externalLoadBalancers: common.externalLoadBalancers,
    // the security props as standalone takes them (aisSecurityProps); the cluster maps them onto the AIStore
    tls: common.tls,
    credentials: common.credentials,
    tracing: common.tracing,
    externalSecrets: common.externalSecrets,
    networkPolicy: common.networkPolicy,
    targetDisruptionBudget: common.targetDisruptionBudget,
    monitoring: common.monitoring,
    ...aistoreOptions(config, ais),
    operatorSettings: config.operator && operatorSettings(config.operator),
  };
  return { props, paths: { ...aisCommonPaths(config, ais), ...operatorPaths() } };
}

/** Maps a cluster config with `ais.mode: operator` to {@link AisOperatorClusterProps} (see {@link adaptAisOperatorCluster}). */
export function aisOperatorClusterProps(config: ClusterConfig): AisOperatorClusterProps {
  return adaptAisOperatorCluster(config).props;
}
