import { ApiObject, App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import type { AuristorConfig } from '../config/auristor-schema';
import type { ClusterConfig } from '../config/schema';
import { AuristorClientProps } from '../auristor/client-props';
import { AuristorClusterResources } from '../auristor/cluster-resources';
import type { AuristorClientNodes } from '../auristor/client-nodes';
import { CsiEphemeralVolumeProfile } from '../auristor/csi/csi-driver';
import { ImagePullPolicy } from '../auristor/csi/csi-pod';
import { CacheManager, CsiLogLevel } from '../auristor/csi/csi-settings';
import { KmodDelivery, SroVersion } from '../auristor/kmod/delivery';
import { AuristorToleration, TaintEffect, TolerationOperator } from '../auristor/tolerations';
import { AuristorGroupResources } from '../auristor/group-resources';
import { AuristorMount } from '../auristor/storage/mount';
import { AuristorPersistentVolume, AuristorPersistentVolumeProps } from '../auristor/storage/persistent-volume';
import { AuristorReclaimPolicy, AuristorStorageClass, AuristorStorageClassProps } from '../auristor/storage/storage-class';
import type { Adapted, PathMap } from '../props/path-map';
import { allConstructs } from '../k8s/bulk-objects';

/** Id (and output file name) of the chart holding the cluster-wide AuriStorFS objects. */
export const AURISTOR_CHART_ID = 'auristor';

/** Id (and output file name) of a node group's chart: `auristor-<group>`. */
export function auristorGroupChartId(group: string): string {
  return `${AURISTOR_CHART_ID}-${group}`;
}

const AT = ['auristor'];

/** Where each {@link AuristorClientProps} prop comes from in the `auristor:` section. */
function auristorPaths(section: AuristorConfig): PathMap {
  const csi = [...AT, 'csi'];
  return {
    $: AT,
    delivery: [...AT, 'delivery'],
    registry: [...AT, 'registry'],
    sidecarRegistry: [...AT, 'sidecarRegistry'],
    imagePullPolicy: [...AT, 'imagePullPolicy'],
    imagePullSecret: [...AT, 'imagePullSecret'],
    openshift: [...AT, 'openshift'],
    clientConfig: { $: [...AT, 'clientConfig'], cellServDbConfigMap: [...AT, 'clientConfig', 'cellServDb'], configMap: [...AT, 'clientConfig', 'configMap'],
      keytabSecret: [...AT, 'clientConfig', 'keytabSecret'], keytabHostPath: [...AT, 'clientConfig', 'keytabHostPath'], cacheHostPath: [...AT, 'clientConfig', 'cacheHostPath'] },
    csi: { $: csi, cacheManager: [...AT, 'cacheManager'], logLevel: [...csi, 'logLevel'], seLinuxMountOptions: [...csi, 'seLinuxMountOptions'],
      volumeNamePrefix: [...csi, 'volumeNamePrefix'], afsRootDir: [...csi, 'afsRootDir'], debug: [...csi, 'debug'] },
    csiNamespace: [...csi, 'namespace'],
    csiControllerVersion: [...csi, 'controllerVersion'],
    sroChartVersion: [...AT, 'sro', 'chartVersion'],
    sroVersion: [...AT, 'sro', 'version'],
    tolerations: [...AT, 'tolerations'],
    sroOperatorNamespace: [...AT, 'sro', 'operatorNamespace'],
    sroOperatorServiceAccounts: [...AT, 'sro', 'serviceAccounts'],
    kubeletDir: [...AT, 'kubeletDir'],
    kmodTerminationGracePeriodSeconds: [...AT, 'static', 'terminationGracePeriodSeconds'],
    csiEphemeralVolumeProfile: [...csi, 'ephemeralVolumeProfile'],
    kmmRegistry: [...AT, 'kmm', 'registry'],
    kmmLayoutImages: [...AT, 'kmm', 'kmmLayoutImages'],
    // a group without its own registry takes the section's
    groups: ([index, field, ...rest]) => (field === 'registry' && section.groups[index as number]?.registry === undefined
      ? [...AT, 'registry'] : [...AT, 'groups', ...(index === undefined ? [] : [index]), ...(field === undefined ? [] : [field]), ...rest]),
  };
}

/** Maps the `auristor:` config section to {@link AuristorClientProps} and where each prop comes from (constructs never see the raw config). */
export function adaptAuristorClient(section: AuristorConfig): Adapted<AuristorClientProps> {
  return { props: auristorClientProps(section), paths: auristorPaths(section) };
}

/** Maps the `auristor:` config section to construct props (see {@link adaptAuristorClient}). */
export function auristorClientProps(section: AuristorConfig): AuristorClientProps {
  return {
    delivery: section.delivery as KmodDelivery,
    registry: section.registry,
    sidecarRegistry: section.sidecarRegistry,
    imagePullPolicy: section.imagePullPolicy as ImagePullPolicy,
    imagePullSecret: section.imagePullSecret,
    openshift: section.openshift,
    clientConfig: {
      configMap: section.clientConfig.configMap,
      cellServDbConfigMap: section.clientConfig.cellServDb,
      keytabSecret: section.clientConfig.keytabSecret,
      keytabHostPath: section.clientConfig.keytabHostPath,
      cacheHostPath: section.clientConfig.cacheHostPath,
    },
    csi: {
      cacheManager: section.cacheManager as CacheManager,
      logLevel: section.csi.logLevel as CsiLogLevel,
      seLinuxMountOptions: section.csi.seLinuxMountOptions,
      volumeNamePrefix: section.csi.volumeNamePrefix,
      afsRootDir: section.csi.afsRootDir,
      debug: section.csi.debug,
    },
    csiNamespace: section.csi.namespace,
    csiControllerVersion: section.csi.controllerVersion,
    sroChartVersion: section.sro.chartVersion,
    sroVersion: section.sro.version as SroVersion | undefined,
    tolerations: section.tolerations.map(tolerationOf),
    sroOperatorNamespace: section.sro.operatorNamespace,
    sroOperatorServiceAccounts: section.sro.serviceAccounts,
    kubeletDir: section.kubeletDir,
    kmodTerminationGracePeriodSeconds: section.static.terminationGracePeriodSeconds,
    csiEphemeralVolumeProfile: section.csi.ephemeralVolumeProfile as CsiEphemeralVolumeProfile | undefined,
    kmmRegistry: section.kmm.registry,
    kmmLayoutImages: section.kmm.kmmLayoutImages,
    groups: section.groups.map((group) => ({
      name: group.name,
      namespace: group.namespace,
      nodes: group.nodes,
      nodeSelector: group.nodeSelector,
      kmodVersion: group.kmodVersion,
      csiVersion: group.csiVersion,
      registry: group.registry ?? section.registry,
      kernels: group.kernels,
      pinnedNodes: group.pinnedNodes,
      kmmRevision: group.kmmRevision,
      tolerations: group.tolerations?.map(tolerationOf),
    })),
  };
}

function tolerationOf(toleration: AuristorConfig['tolerations'][number]): AuristorToleration {
  return { ...toleration, operator: toleration.operator as TolerationOperator | undefined, effect: toleration.effect as TaintEffect | undefined };
}

function mountOf(item: { mountType: 'volume' | 'root'; cell?: string; volume?: string }): AuristorMount {
  return item.mountType === 'root' ? AuristorMount.root() : AuristorMount.volume(item.cell!, item.volume!);
}

/** The StorageClasses and PersistentVolumes of the `auristor:` section (objects of their own, beside the client). */
export interface AuristorStorageProps {
  readonly storageClasses: readonly AuristorStorageClassProps[];
  readonly persistentVolumes: readonly AuristorPersistentVolumeProps[];
}

/** Maps `auristor.storageClasses` and `auristor.persistentVolumes` to construct props. */
export function auristorStorageProps(section: AuristorConfig): AuristorStorageProps {
  return {
    storageClasses: section.storageClasses.map((sc) => ({ name: sc.name, mount: mountOf(sc), reclaimPolicy: sc.reclaimPolicy as AuristorReclaimPolicy })),
    persistentVolumes: section.persistentVolumes.map((pv) => ({
      name: pv.name, mount: mountOf(pv), volumeHandle: pv.volumeHandle, storageClassName: pv.storageClassName, claim: pv.claim, readOnly: pv.readOnly || undefined,
    })),
  };
}

/** Where each storage object's props come from in the config, by kind and index. */
export function auristorStoragePaths(kind: 'storageClasses' | 'persistentVolumes', index: number): PathMap {
  return { $: [...AT, kind, index] , name: [...AT, kind, index, 'name'] };
}

/** Adds the configured StorageClasses and PersistentVolumes, placed on the client's nodes. */
function addStorage(scope: Construct, storage: AuristorStorageProps, clientNodes: AuristorClientNodes): void {
  if (storage.storageClasses.length === 0 && storage.persistentVolumes.length === 0) return;
  const parent = new Construct(scope, 'Storage');
  for (const sc of storage.storageClasses) new AuristorStorageClass(parent, `StorageClass-${sc.name}`, { ...sc, clientNodes });
  for (const pv of storage.persistentVolumes) new AuristorPersistentVolume(parent, `PersistentVolume-${pv.name}`, { ...pv, clientNodes });
}

/** Node objects other charts of the app already emit (e.g. AIS node labels), by node name. */
function existingNodeObjects(app: App): Map<string, ApiObject> {
  const nodes = new Map<string, ApiObject>();
  for (const child of allConstructs(app)) {
    if (ApiObject.isApiObject(child) && child.apiVersion === 'v1' && child.kind === 'Node' && child.name) nodes.set(child.name, child);
  }
  return nodes;
}

/**
 * Adds the AuriStorFS client charts (props from {@link auristorClientProps}) to the app: chart `auristor` with the
 * cluster-wide objects (CSIDriver, CSI controller and volume manager or SRO permissions, StorageClasses,
 * PersistentVolumes), and one chart `auristor-<group>` per node group (namespace, node labels, kmod, CSI
 * node plugin), in the order of the groups. Returns the charts added.
 *
 * A node that another chart already labels with a partial Node object (AIS) gets the group label on that
 * object: Argo CD rejects two manifests for the same Node in one application.
 */
export function addAuristorClientCharts(app: App, props: AuristorClientProps, storage: AuristorStorageProps = { storageClasses: [], persistentVolumes: [] }): Chart[] {
  const cluster = new Chart(app, AURISTOR_CHART_ID);
  const resources = new AuristorClusterResources(cluster, 'Cluster', props);
  addStorage(cluster, storage, resources.clientNodes);
  const charts = [cluster];
  const labelled = existingNodeObjects(app);
  for (const group of props.groups) {
    const elsewhere = (group.nodes ?? []).filter((name) => labelled.has(name));
    const chart = new Chart(app, auristorGroupChartId(group.name));
    const resources = new AuristorGroupResources(chart, 'Group', { ...props, group, nodesLabelledElsewhere: elsewhere });
    for (const node of elsewhere) {
      for (const [key, value] of Object.entries(resources.nodeLabels(node))) labelled.get(node)!.metadata.addLabel(key, value);
    }
    charts.push(chart);
  }
  return charts;
}

/** Adds the AuriStorFS client charts described by `config.auristor` (see {@link addAuristorClientCharts}); none without that section. */
export function addAuristorCharts(app: App, config: ClusterConfig): Chart[] {
  const section = config.auristor;
  return section ? addAuristorClientCharts(app, auristorClientProps(section), auristorStorageProps(section)) : [];
}
