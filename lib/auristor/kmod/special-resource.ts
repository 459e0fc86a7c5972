import { DEFAULT_SRO_CHART_VERSION } from '../defaults';
import type { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { SpecialResource } from '../../../imports/sro.openshift.io';
import { SyncOption, addSyncOptions, retainOnDelete } from '../../argo/argo-annotations';
import { AuristorClientConfig, MappedVolume, clientConfigVolumes } from '../client-config';
import { DEFAULT_SIDECAR_REGISTRY } from '../csi/csi-images';
import { ImagePullPolicy } from '../csi/csi-pod';
import { CacheManager, CsiLogLevel, CsiSettings } from '../csi/csi-settings';
import { AuristorNodeGroup, resolveNodeGroup } from '../group';
import { kmodImage } from './kernel-image';
import { AuristorComponent, KERNEL_MODULE, auristorLabels } from '../names';

export { DEFAULT_SRO_CHART_VERSION };

/**
 * Longest SpecialResource name: SRO names the kmod DaemonSet `<name>-driver-container-<16 hex digits>`
 * and copies that name into the `app` label, whose values are at most 63 characters.
 */
export const MAX_SPECIAL_RESOURCE_NAME = 63 - '-driver-container-'.length - 16;

/** Why SRO cannot take a SpecialResource of this name, or undefined when it can. */
export function specialResourceNameProblem(name: string): string | undefined {
  return name.length > MAX_SPECIAL_RESOURCE_NAME
    ? `SpecialResource name "${name}" is longer than ${MAX_SPECIAL_RESOURCE_NAME} characters: `
      + `SRO derives the label value "${name}-driver-container-<16 hex digits>" from it, which must fit in 63`
    : undefined;
}

/** The ConfigMap holding a SpecialResource's chart (AuriStor's scripts: `<name>-chart`). */
export function sroChartConfigMapName(name: string): string {
  return `${name}-chart`;
}

/** Props of {@link AuristorSpecialResource}. */
export interface AuristorSpecialResourceProps {
  /** The node group; its namespace names the SpecialResource, the chart and the chart ConfigMap. */
  readonly group: AuristorNodeGroup;

  /**
   * Client configuration mapped into the kmod driver container.
   *
   * @default - ConfigMap `etc-yfs` at /etc/yfs, cache at /var/cache/yfs
   */
  readonly clientConfig?: AuristorClientConfig;

  /**
   * CSI driver settings.
   *
   * @default - AuriStor's defaults (auristor cache manager, INFO, no SELinux options)
   */
  readonly csi?: CsiSettings;

  /**
   * Version of AuriStor's SRO chart packaged in the chart ConfigMap (`.spec.chart.version`); it must
   * equal the version in that chart's `Chart.yaml`.
   *
   * @default '0.0.6'
   */
  readonly chartVersion?: string;

  /**
   * Registry of the sig-storage sidecars (chart value `k8sSigStorageRegistry`).
   *
   * @default 'registry.k8s.io/sig-storage'
   */
  readonly sidecarRegistry?: string;

  /**
   * Pull policy of the kmod, CSI and sidecar images.
   *
   * @default ImagePullPolicy.IF_NOT_PRESENT
   */
  readonly imagePullPolicy?: ImagePullPolicy;
}

/** A mapped volume in the chart's `mapVolumes` form. */
function chartMapVolume(volume: MappedVolume): Record<string, unknown> {
  const source = volume.hostPath !== undefined ? { hostPath: { path: volume.hostPath } }
    : volume.configMap !== undefined ? { configMap: { name: volume.configMap } }
      : { secret: { name: volume.secret } };
  return { label: volume.label, target: volume.target, ...source };
}

/**
 * The cluster-scoped `SpecialResource` (`sro.openshift.io/v1beta1`) that makes SRO install the AuriStorFS
 * kmod and CSI driver on one node group, as AuriStor's `auristorfs-client-special-resource.yaml`: name,
 * `spec.namespace` and chart name all equal the group namespace, the chart comes from ConfigMap
 * `<namespace>-chart` (`cm://<namespace>/<namespace>-chart`), and `spec.set` carries the chart values.
 *
 * The chart ConfigMap holds AuriStor's packaged Helm chart and is NOT emitted here: AuriStor's
 * `bin/buildSpecialResourceChart` builds it (see docs/auristor.md).
 *
 * The top-level `spec.nodeSelector` is the group's selector, as is `set.nodeSelector`: SRO lists the nodes
 * matching `spec.nodeSelector` that carry no NoSchedule/NoExecute taint (openshift/special-resource-operator
 * release-4.9/4.10 `pkg/cache/cache.go` Nodes), renders the kernel-affine kmod DaemonSet once per kernel
 * among them, and merges `spec.nodeSelector` into the DaemonSets' pod node selectors (`pkg/resource/resource.go`
 * SetNodeSelectorTerms). Without it SRO would render a kmod DaemonSet for every kernel of the cluster and wait
 * forever for the ones with no pods. `set.nodeSelector` is the chart value AuriStor's templates put on the
 * CSI workloads (SRO does not merge its selector into StatefulSets).
 *
 * Marked `Prune=false,Delete=false`: deleting it makes SRO remove the kmod from every node of the group.
 */
export class AuristorSpecialResource extends Construct {
  /** SpecialResource name = namespace = chart name. */
  public readonly name: string;
  /** Name of the ConfigMap (in `name`'s namespace) that must hold the packaged chart. */
  public readonly chartConfigMap: string;
  /** The kmod image SRO will pull for each listed kernel. */
  public readonly kmodImages: Record<string, string>;
  /** The L1 object (escape hatch). */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: AuristorSpecialResourceProps) {
    super(scope, id);
    const group = resolveNodeGroup(props.group);
    this.name = group.namespace;
    const problem = specialResourceNameProblem(this.name);
    // a direct-use guard: the AuriStorFS rulebook (lib/auristor/client-checks.ts) refuses such props before this construct is built
    if (problem) throw new Error(problem);
    this.chartConfigMap = sroChartConfigMapName(this.name);
    this.kmodImages = Object.fromEntries(group.kernels.map((kernel) => [kernel, kmodImage(group.registry, group.kmodVersion, kernel)]));
    const pullPolicy = props.imagePullPolicy ?? ImagePullPolicy.IF_NOT_PRESENT;
    const csi = props.csi ?? {};
    const debug = csi.debug ?? false;

    const csiDriver: Record<string, unknown> = {
      image: {
        auristorRegistry: group.registry,
        auristorCsiVersion: group.csiVersion,
        csiDriverImagePullPolicy: pullPolicy,
        k8sSigStorageRegistry: props.sidecarRegistry ?? DEFAULT_SIDECAR_REGISTRY,
        k8sSigStorageImagePullPolicy: pullPolicy,
      },
      cacheManager: { defaultCacheManager: csi.cacheManager ?? CacheManager.AURISTOR, afsRootDir: csi.afsRootDir },
      afsMount: csi.seLinuxMountOptions !== undefined
        ? { mountSeLinuxFS: 'true', auristorfsMountOptions: csi.seLinuxMountOptions }
        : { mountSeLinuxFS: 'false' },
      logging: { logLevel: csi.logLevel ?? CsiLogLevel.INFO },
      debug: { debugShowMounts: debug, debugShowExecs: debug, debugShowCsiRequests: debug },
    };
    if (csi.volumeNamePrefix !== undefined) csiDriver.persistentVolumeNaming = { volumeNamePrefix: csi.volumeNamePrefix };
    if (csi.volumeManagerUrl !== undefined) csiDriver.microServices = { externalVolumeManagerURL: csi.volumeManagerUrl };

    this.apiObject = new SpecialResource(this, 'Resource', {
      metadata: { name: this.name, labels: auristorLabels(AuristorComponent.KMOD, group.name) },
      spec: {
        namespace: this.name,
        nodeSelector: { ...group.nodeSelector },
        chart: {
          name: this.name,
          version: props.chartVersion ?? DEFAULT_SRO_CHART_VERSION,
          repository: { name: this.chartConfigMap, url: `cm://${this.name}/${this.chartConfigMap}` },
        },
        set: {
          // spec.set is an embedded resource: it needs apiVersion and kind
          kind: 'Values',
          apiVersion: 'sro.openshift.io/v1beta1',
          kmodNames: [KERNEL_MODULE],
          runArgs: { platform: 'openshift-container-platform' },
          nodeSelector: { ...group.nodeSelector },
          kmodDriverContainer: {
            image: { auristorRegistry: group.registry, auristorKmodVersion: group.kmodVersion, kmodImagePullPolicy: pullPolicy },
            mapVolumes: clientConfigVolumes(props.clientConfig).map(chartMapVolume),
          },
          csiDriver,
        },
      },
    });
    retainOnDelete(this.apiObject);
    addSyncOptions(this.apiObject, SyncOption.SKIP_DRY_RUN_ON_MISSING_RESOURCE);
  }
}
