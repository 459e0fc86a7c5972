import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { retainOnDelete } from '../gitops/argo-annotations';
import { AisComponent, aisLabels } from './labels';
import { Mountpath, mountpathSlug } from './mountpath';

/** Label on each local PV naming its mountpath, so a claim for /ais/sda only binds an /ais/sda disk. */
export const MOUNTPATH_LABEL = 'ais.nvidia.com/mountpath';

/** The labels a target's claim for `path` selects. */
export function localVolumeSelector(cluster: string, path: string): Record<string, string> {
  return { [MOUNTPATH_LABEL]: mountpathSlug(path), 'ais.nvidia.com/cluster': cluster };
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
}

/**
 * Local PersistentVolumes for targets: a no-provisioner StorageClass (WaitForFirstConsumer,
 * Retain) and one PV `<cluster>-<node>-<mountpath>` per node and mountpath, pinned to its node.
 * Data-bearing: Argo CD never prunes or deletes them.
 */
export class AisLocalVolumes extends Construct {
  public readonly storageClass: k8s.KubeStorageClass;
  public readonly volumes: readonly k8s.KubePersistentVolume[];

  constructor(scope: Construct, id: string, props: AisLocalVolumesProps) {
    super(scope, id);
    const storageClassName = props.storageClassName ?? `${props.cluster}-local`;
    const labels = aisLabels(props.cluster, AisComponent.STORAGE);
    this.storageClass = new k8s.KubeStorageClass(this, 'StorageClass', {
      metadata: { name: storageClassName, labels },
      provisioner: 'kubernetes.io/no-provisioner',
      volumeBindingMode: 'WaitForFirstConsumer',
      reclaimPolicy: 'Retain',
    });
    retainOnDelete(this.storageClass);
    const volumes: k8s.KubePersistentVolume[] = [];
    for (const node of props.nodes) {
      for (const mountpath of props.mountpaths) {
        if (!mountpath.size) throw new Error(`local PersistentVolume for ${mountpath.path} needs a size`);
        const volume = new k8s.KubePersistentVolume(this, `${node}${mountpath.path}`, {
          metadata: {
            name: `${props.cluster}-${node}-${mountpathSlug(mountpath.path)}`,
            labels: { ...labels, ...localVolumeSelector(props.cluster, mountpath.path) },
          },
          spec: {
            capacity: { storage: k8s.Quantity.fromString(mountpath.size) },
            accessModes: ['ReadWriteOnce'],
            volumeMode: 'Filesystem',
            persistentVolumeReclaimPolicy: 'Retain',
            storageClassName,
            local: { path: mountpath.path },
            nodeAffinity: {
              required: {
                nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }],
              },
            },
          },
        });
        retainOnDelete(volume);
        volumes.push(volume);
      }
    }
    this.volumes = volumes;
  }
}
