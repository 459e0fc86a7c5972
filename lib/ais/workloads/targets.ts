import { DEFAULT_DISK_MARKER } from '../defaults';
import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { aisPodTemplate } from './daemon-pod';
import { AisVolume } from './pod-inputs';
import { AisDaemonProps, podDefaults, stateAndLogVolumes } from './daemon-props';
import { aisHeadlessService } from './headless-service';
import { AisComponent, aisLabels, legacyPodLabels, selectorLabels } from '../labels';
import { localVolumeSelector } from '../storage/local-volumes';
import { Mountpath, MountpathStorage } from '../storage/mountpath';
import { aisStatefulSet } from './statefulset';
import { aisNames } from '../names';

export interface AisTargetsProps extends AisDaemonProps {
  /** number of target nodes (one target each) */
  readonly replicas: number;
  /** the mountpaths, identical on every target node */
  readonly mountpaths: readonly Mountpath[];
  /**
   * How targets reach the mountpaths.
   * @default MountpathStorage.HOST_PATH
   */
  readonly storage?: MountpathStorage;
  /**
   * StorageClass of the local PersistentVolumes (LOCAL_PV storage).
   * @default - `<cluster>-local`
   */
  readonly storageClassName?: string;
  /**
   * Each target publishes the IP of its own LoadBalancer (`<cluster>-target-<i>`) instead of its node IP.
   * @default false
   */
  readonly externalAccess?: boolean;
  /**
   * Directory that exists on each mounted mountpath filesystem and not under an empty mount point
   * (the host-prep checklist creates it after mounting: `mkdir <mountpath>/<diskMarker>`). Each target
   * mounts `<mountpath>/<diskMarker>` as a hostPath of type `Directory`, so kubelet does not start a
   * target whose disk is not mounted (the pod waits in ContainerCreating, an event names the path)
   * instead of AIS writing into the empty mount point on the root disk. `false`: no check.
   * @default '.ais-disk'
   */
  readonly diskMarker?: string | false;
  /**
   * Run the targets on the node's network: their intra-cluster names (pod DNS names, written by
   * ais-init) resolve to the node's Kubernetes IP, so intra-cluster traffic uses that network.
   * @default false
   */
  readonly hostNetwork?: boolean;
}

export { DEFAULT_DISK_MARKER };

/** Where the disk-marker volumes are mounted (read-only) in the aisnode container. */
export const DISK_CHECK_DIR = '/var/run/ais-disk-check';

/** A read-only hostPath volume of type Directory per mountpath, on `<mountpath>/<marker>`. */
export function diskMarkerVolumes(mountpaths: readonly Mountpath[], marker: string): AisVolume[] {
  return mountpaths.map((m, i) => AisVolume.fromHostPath(`disk-check-${i}`, `${m.path}/${marker}`, `${DISK_CHECK_DIR}/${i}`));
}

/**
 * AIS targets (storage), one per labelled node, in the StatefulSet `<cluster>-target` with
 * hostPort = target port, every mountpath mounted at its own path, and `OnDelete` updates
 * (a target restarts only when you delete its pod: no rolling restart of the whole storage tier).
 */
export class AisTargets extends Construct {
  public readonly service: k8s.KubeService;
  public readonly statefulSet: k8s.KubeStatefulSet;
  public readonly serviceName: string;

  constructor(scope: Construct, id: string, props: AisTargetsProps) {
    super(scope, id);
    // a direct-use guard: the AIS rulebook (lib/ais/cluster-checks.ts) refuses such props before this construct is built
    if (props.mountpaths.length === 0) throw new Error('targets need at least one mountpath');
    const { cluster } = props;
    const storage = props.storage ?? MountpathStorage.HOST_PATH;
    this.serviceName = aisNames.headlessService(cluster, AisComponent.TARGET);
    this.service = aisHeadlessService(this, 'Service', {
      cluster, namespace: props.namespace, component: AisComponent.TARGET, publicPort: props.ports.target, ports: props.ports,
    });
    const selector = selectorLabels(cluster, AisComponent.TARGET);
    const dataVolumes: AisVolume[] = props.mountpaths.map((m) => AisVolume._fromKube(
      // hostPath type Directory only checks that the mount point exists (it does when the disk is not
      // mounted too): the disk-marker volumes below are the real check;
      // with local PVs the StatefulSet's volumeClaimTemplate of the same name provides the volume
      storage === MountpathStorage.HOST_PATH
        ? { name: aisNames.mountpathVolume(m.path), hostPath: { path: m.path, type: 'Directory' } }
        : undefined,
      { name: aisNames.mountpathVolume(m.path), mountPath: m.path },
    ));
    const template = aisPodTemplate({
      ...podDefaults(props),
      role: 'target', service: this.serviceName,
      podLabels: { ...aisLabels(cluster, AisComponent.TARGET), ...(props.legacyPodLabels ? legacyPodLabels('target') : {}) },
      antiAffinityLabels: selector,
      publicPort: props.ports.target,
      hostPort: props.ports.target,
      nodeSelector: { [props.labelScheme.target.key]: props.labelScheme.target.value },
      volumes: [
        ...stateAndLogVolumes(props, 'target'), ...dataVolumes,
        ...(props.diskMarker === false ? [] : diskMarkerVolumes(props.mountpaths, props.diskMarker ?? DEFAULT_DISK_MARKER)),
        ...(props.extraVolumes ?? []),
      ],
      externalAccess: props.externalAccess,
      hostNetwork: props.hostNetwork,
      intraPorts: { control: props.ports.intraControl, data: props.ports.intraData },
      // no CNI runs for a host-network pod: Multus attaches nothing
      networkAttachments: props.hostNetwork ? undefined : props.networkAttachments,
    });

    this.statefulSet = aisStatefulSet(this, 'Resource', {
      name: aisNames.targetStatefulSet(cluster), namespace: props.namespace, replicas: props.replicas,
      serviceName: this.serviceName, selector, labels: aisLabels(cluster, AisComponent.TARGET), template,
      updateStrategy: { type: 'OnDelete' },
      volumeClaimTemplates: storage === MountpathStorage.LOCAL_PV
        ? props.mountpaths.map((m) => ({
          metadata: { name: aisNames.mountpathVolume(m.path) },
          spec: {
            accessModes: ['ReadWriteOnce'],
            storageClassName: props.storageClassName ?? aisNames.localStorageClass(cluster),
            selector: { matchLabels: localVolumeSelector(cluster, m.path) },
            resources: { requests: { storage: k8s.Quantity.fromString(m.size ?? '1Gi') } },
          },
        }))
        : undefined,
    });
  }
}
