import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { retainOnDelete, retainedAnnotations } from '../../argo/argo-annotations';
import { BulkItem, BulkObjects, BulkShape, bulkMetadata } from '../../k8s/bulk-objects';
import { AisComponent, aisLabels } from '../labels';
import { Mountpath } from './mountpath';
import { Wire } from '../../k8s/wire';
import { aisNames } from '../names';

/** Label on each local PV naming its mountpath, so a claim for /ais/sda only binds an /ais/sda disk. */
export const MOUNTPATH_LABEL = 'ais.nvidia.com/mountpath';

/**
 * How local PersistentVolumes are named, labelled and sourced. PV specs are immutable, so a
 * layout must stay the same for the life of a cluster.
 */
export enum LocalVolumeLayout {
  /**
   * `<cluster>-<node>-<mountpath>`, a `local` volume, selected by
   * `ais.nvidia.com/mountpath` + `ais.nvidia.com/cluster` (standalone clusters).
   */
  CDK8S_STORAGE = 'cdk8s-storage',
  /**
   * Exactly what the AIS Helm chart `create-target-pv` creates: `<node>-pv-<mountpath>`, a `hostPath`
   * volume labelled `type: local`, `cluster: <cluster>`, `mpath: pv-<mountpath>`, and selected by
   * `mpath` alone (the selector the `ais-cluster` chart writes into the AIStore mounts). PVs made
   * by the Helm tooling are adopted as they are.
   */
  AIS_HELM = 'ais-helm',
}

/** `/ais/nvme0n1` → `ais-nvme0n1`, as the AIS Helm charts sanitize a mount path (`[^a-z0-9.-]+` → `-`). */
export function helmMountpathName(path: string): string {
  return path.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '');
}

/** The labels a target's claim for `path` selects. */
export function localVolumeSelector(cluster: string, path: string, layout = LocalVolumeLayout.CDK8S_STORAGE): Record<string, string> {
  if (layout === LocalVolumeLayout.AIS_HELM) return { mpath: `pv-${helmMountpathName(path)}` };
  return { [MOUNTPATH_LABEL]: aisNames.mountpathVolume(path), 'ais.nvidia.com/cluster': cluster };
}

/**
 * The fields of a PersistentVolume spec written here, in wire format (see {@link Wire}): each has
 * the same name in cdk8s-plus's camelCase and in the Kubernetes API.
 */
type PersistentVolumeWireSpec = Wire<Pick<k8s.PersistentVolumeSpec,
  'accessModes' | 'capacity' | 'hostPath' | 'local' | 'nodeAffinity' | 'persistentVolumeReclaimPolicy' | 'storageClassName' | 'volumeMode'>>;
type VolumeSource = Pick<PersistentVolumeWireSpec, 'hostPath' | 'local' | 'volumeMode'>;

/**
 * Name (per node), extra labels and volume source of the PVs of one mountpath in a layout: the
 * same for every node, so computed once per mountpath (cdk8s copies the labels into each object).
 */
function volumeShape(layout: LocalVolumeLayout, cluster: string, path: string): {
  name: (node: string) => string; labels: Record<string, string>; source: VolumeSource;
} {
  if (layout === LocalVolumeLayout.AIS_HELM) {
    return {
      name: localVolumeNamer(layout, cluster, path),
      labels: { type: 'local', cluster, ...localVolumeSelector(cluster, path, layout) },
      source: { hostPath: { path } },
    };
  }
  return {
    name: localVolumeNamer(layout, cluster, path),
    labels: localVolumeSelector(cluster, path, layout),
    source: { local: { path }, volumeMode: 'Filesystem' },
  };
}

/** The name of the local PV of each node for one mountpath in a layout (what the rulebooks check). */
export function localVolumeNamer(layout: LocalVolumeLayout, cluster: string, path: string): (node: string) => string {
  if (layout === LocalVolumeLayout.AIS_HELM) {
    const suffix = `-pv-${helmMountpathName(path)}`;
    return (node) => `${node}${suffix}`;
  }
  return (node) => aisNames.localVolume(cluster, node, path);
}

/**
 * The PVs of one mountpath as their manifests, as `ApiObject.toJson()` renders them (apiVersion,
 * kind, metadata, spec; every map's keys sorted), each pinned to its node: the holes are its name and node.
 */
function volumeManifests(scope: Construct, layout: LocalVolumeLayout, cluster: string, mountpath: Mountpath,
  commonLabels: Record<string, string>, storageClassName: string): BulkShape & { readonly name: (node: string) => string } {
  const shape = volumeShape(layout, cluster, mountpath.path);
  const metadata = bulkMetadata(scope, { ...commonLabels, ...shape.labels });
  const fields = (node: string): PersistentVolumeWireSpec => ({
    accessModes: ['ReadWriteOnce'],
    capacity: { storage: mountpath.size! },
    ...shape.source,
    nodeAffinity: {
      required: {
        nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }],
      },
    },
    persistentVolumeReclaimPolicy: 'Retain',
    storageClassName,
  });
  const order = Object.keys(fields('')).sort() as Array<keyof PersistentVolumeWireSpec>;
  const retained = Object.freeze(retainedAnnotations());
  return {
    name: shape.name,
    manifest: ([name, node]) => {
      const unsorted = fields(node);
      const spec: Record<string, unknown> = {};
      for (const key of order) spec[key] = unsorted[key];
      return { apiVersion: 'v1', kind: 'PersistentVolume', metadata: metadata(name, retained), spec };
    },
  };
}

export interface AisLocalVolumesProps {
  readonly cluster: string;
  /** nodes that run a target */
  readonly nodes: readonly string[];
  /** mountpaths, each with a size */
  readonly mountpaths: readonly Mountpath[];
  /**
   * Name of the StorageClass.
   * @default - `<cluster>-local`
   */
  readonly storageClassName?: string;
  /**
   * Naming, labels and volume source of the PVs.
   * @default LocalVolumeLayout.CDK8S_STORAGE
   */
  readonly layout?: LocalVolumeLayout;
}

/**
 * Local PersistentVolumes for targets: a no-provisioner StorageClass (WaitForFirstConsumer,
 * Retain) and one PV per node and mountpath, pinned to its node (names per {@link LocalVolumeLayout}).
 * Data-bearing: Argo CD never prunes or deletes them.
 *
 * The PVs are plain cdk8s `ApiObject`s with their spec in wire format (no cdk8s-plus converters;
 * test/perf-equivalence.test.ts checks the bytes against `k8s.KubePersistentVolume`), kept as their
 * rendered manifests until something asks for them as constructs (lib/k8s/bulk-objects.ts): they
 * are most of the objects of a large fleet (10,000 at 1000 targets × 10 mountpaths).
 */
export class AisLocalVolumes extends Construct {
  public readonly storageClass: k8s.KubeStorageClass;
  public readonly layout: LocalVolumeLayout;
  private readonly bulk: BulkObjects;
  private readonly volumeObjects: ApiObject[] = [];

  constructor(scope: Construct, id: string, props: AisLocalVolumesProps) {
    super(scope, id);
    this.layout = props.layout ?? LocalVolumeLayout.CDK8S_STORAGE;
    const storageClassName = props.storageClassName ?? aisNames.localStorageClass(props.cluster);
    const labels = aisLabels(props.cluster, AisComponent.STORAGE);
    this.storageClass = new k8s.KubeStorageClass(this, 'StorageClass', {
      metadata: { name: storageClassName, labels },
      provisioner: 'kubernetes.io/no-provisioner',
      volumeBindingMode: 'WaitForFirstConsumer',
      reclaimPolicy: 'Retain',
    });
    retainOnDelete(this.storageClass);
    const items: BulkItem[] = [];
    const ids: string[] = [];
    const shapes = props.mountpaths.map((mountpath) => {
      // a direct-use guard: the AIS rulebooks refuse local PVs without a size before this construct is built
      if (!mountpath.size) throw new Error(`local PersistentVolume for ${mountpath.path} needs a size`);
      return volumeManifests(this, this.layout, props.cluster, mountpath, labels, storageClassName);
    });
    for (const node of props.nodes) {
      for (let i = 0; i < shapes.length; i++) {
        ids.push(`${node}${props.mountpaths[i].path}`);
        items.push({ shape: shapes[i], holes: [shapes[i].name(node), node] });
      }
    }
    this.bulk = new BulkObjects(this, items, ({ apiVersion, kind, metadata, spec }, index) => {
      const volume = new ApiObject(this, ids[index], { apiVersion, kind, metadata: { ...metadata }, spec });
      this.volumeObjects.push(volume);
      return volume;
    });
  }

  /** the PersistentVolumes (`v1` `PersistentVolume` API objects), one per node and mountpath */
  public get volumes(): readonly ApiObject[] {
    this.bulk.materialize();
    return this.volumeObjects;
  }
}
