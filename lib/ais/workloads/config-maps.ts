import { createHash } from 'node:crypto';
import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { AisComponent, aisLabels } from '../labels';
import { Mountpath } from '../storage/mountpath';
import { ResolvedAisPorts } from '../network/ports';
import { DEFAULT_CLUSTER_DOMAIN } from '../defaults';

/** Where the init container finds its inputs and writes the final config (the AIS operator's layout). */
export const CONFIG_PATHS = {
  /** AIS state directory (`confdir`): the node's hostPath state volume is mounted here */
  stateDir: '/etc/ais',
  templateDir: '/var/ais_config_template',
  globalDir: '/var/global_config',
  outputDir: '/var/ais_config',
  localFile: 'ais_local.json',
  clusterFile: 'ais.json',
} as const;

/**
 * The hostname map's key in `<cluster>-global-cm` (ais-init `-hostname_map_file`, mounted at the global
 * config directory; the AIS operator's name, ais-k8s v3.4.0 operator/internal/resources/aistore/cmn/volumes.go).
 */
export const HOSTNAME_MAP_FILE = 'hostname_map.json';

/**
 * Pod-template annotation with a hash of what an AIS pod reads from its ConfigMaps at every start,
 * so that changing it rolls the pods (as the operator's `config.aistore.nvidia.com/restart-hash`,
 * ais-k8s operator/internal/resources/aistore/cmn/config.go `HashRestartConfigs`).
 */
export const RESTART_HASH_ANNOTATION = 'cdk8s-storage.io/restart-hash';

export interface AisConfigMapsProps {
  /** cluster (release) name */
  readonly cluster: string;
  /** namespace of the cluster */
  readonly namespace: string;
  /** the four AIS ports */
  readonly ports: ResolvedAisPorts;
  /** target mountpaths; become `fspaths` of the target local config */
  readonly mountpaths: readonly Mountpath[];
  /** name of the pod that bootstraps as primary, e.g. `demo-proxy-primary-0` */
  readonly primaryPod: string;
  /** the headless service of the proxies, e.g. `demo-proxy` */
  readonly proxyService: string;
  /**
   * Kubernetes cluster DNS domain.
   * @default 'cluster.local'
   */
  readonly clusterDomain?: string;
  /**
   * AIS state directory inside the containers (`confdir`).
   * @default '/etc/ais'
   */
  readonly configDir?: string;
  /**
   * Use https for the bootstrap URLs (set together with `net.http.use_https` in `clusterConfig`).
   * @default false
   */
  readonly useHttps?: boolean;
  /**
   * Extra cluster config merged into the override (the operator's `configToUpdate`),
   * e.g. `{ net: { http: { use_https: true } } }`. Keys as AIS spells them.
   * @default - only the bootstrap URLs
   */
  readonly clusterConfig?: Record<string, unknown>;
  /**
   * ais-init's hostname map (public hostname → the comma list the node advertises), key
   * {@link HOSTNAME_MAP_FILE} of the global ConfigMap; ais-init reads it at every start, so it is part
   * of the restart hash.
   * @default - none
   */
  readonly hostnameMap?: Readonly<Record<string, string>>;
}

/** Deep-merges plain objects; `overrides` wins. Arrays and scalars are replaced. */
export function mergeConfig(base: Record<string, unknown>, overrides: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    const existing = result[key];
    const bothObjects = value && typeof value === 'object' && !Array.isArray(value) && existing && typeof existing === 'object' && !Array.isArray(existing);
    result[key] = bothObjects ? mergeConfig(existing as Record<string, unknown>, value as Record<string, unknown>) : value;
  }
  return result;
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * The AIS configuration as ConfigMaps, as the AIS operator lays it out:
 * `<cluster>-global-cm` (cluster config override, `ais.json`) and one local config template per role
 * (`<cluster>-proxy`, `<cluster>-target`, key `ais_local.json`) whose `${...}` placeholders the
 * init container fills in on each pod.
 */
export class AisConfigMaps extends Construct {
  public readonly global: k8s.KubeConfigMap;
  public readonly proxyTemplate: k8s.KubeConfigMap;
  public readonly targetTemplate: k8s.KubeConfigMap;
  /** the cluster config override as written into `ais.json` */
  public readonly clusterConfig: Record<string, unknown>;
  /**
   * Per role, a hash of its local config template (and of the hostname map, which ais-init applies to it): aisnode re-reads the local config at every start,
   * but the cluster config (`ais.json`) only on a node's very first start; afterwards it loads the
   * version it keeps in its state directory (aistore cmn/config.go `LoadConfig`), so a cluster-config
   * change reaches a running cluster through the AIS API (`ais config cluster`), not through a restart,
   * and is left out of the hash.
   */
  public readonly restartHash: Readonly<Record<'proxy' | 'target', string>>;

  constructor(scope: Construct, id: string, props: AisConfigMapsProps) {
    super(scope, id);
    const domain = props.clusterDomain ?? DEFAULT_CLUSTER_DOMAIN;
    const scheme = props.useHttps ? 'https' : 'http';
    const primaryUrl = `${scheme}://${props.primaryPod}.${props.proxyService}.${props.namespace}.svc.${domain}:${props.ports.intraControl}`;
    this.clusterConfig = mergeConfig({
      proxy: {
        primary_url: primaryUrl,
        original_url: primaryUrl,
        discovery_url: `${scheme}://${props.proxyService}.${props.namespace}.svc.${domain}:${props.ports.intraControl}`,
      },
    }, props.clusterConfig ?? {});
    const labels = aisLabels(props.cluster, AisComponent.CONFIG);

    const hostnameMap = props.hostnameMap ? json(Object.fromEntries(Object.entries(props.hostnameMap).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))) : undefined;
    this.global = new k8s.KubeConfigMap(this, 'Global', {
      metadata: { name: `${props.cluster}-global-cm`, namespace: props.namespace, labels },
      data: { [CONFIG_PATHS.clusterFile]: json(this.clusterConfig), ...(hostnameMap ? { [HOSTNAME_MAP_FILE]: hostnameMap } : {}) },
    });
    const localTemplate = (publicPort: number, extra: Record<string, unknown>) => json({
      confdir: props.configDir ?? CONFIG_PATHS.stateDir,
      log_dir: '/var/log/ais',
      host_net: {
        hostname: '${AIS_PUBLIC_HOSTNAME}',
        hostname_intra_control: '${AIS_INTRA_HOSTNAME}',
        hostname_intra_data: '${AIS_DATA_HOSTNAME}',
        // AIS reads the ports as JSON strings
        port: String(publicPort),
        port_intra_control: String(props.ports.intraControl),
        port_intra_data: String(props.ports.intraData),
      },
      ...extra,
    });
    const proxyLocal = localTemplate(props.ports.proxy, {});
    this.proxyTemplate = new k8s.KubeConfigMap(this, 'ProxyTemplate', {
      metadata: { name: `${props.cluster}-proxy`, namespace: props.namespace, labels },
      data: { [CONFIG_PATHS.localFile]: proxyLocal },
    });
    const fspaths = Object.fromEntries(props.mountpaths.map((m) => [m.path, m.label ?? '']));
    const targetLocal = localTemplate(props.ports.target, { fspaths });
    this.targetTemplate = new k8s.KubeConfigMap(this, 'TargetTemplate', {
      metadata: { name: `${props.cluster}-target`, namespace: props.namespace, labels },
      data: { [CONFIG_PATHS.localFile]: targetLocal },
    });
    const hash = (text: string) => createHash('sha256').update(text).update(hostnameMap ?? '').digest('hex').slice(0, 16);
    this.restartHash = { proxy: hash(proxyLocal), target: hash(targetLocal) };
  }
}
