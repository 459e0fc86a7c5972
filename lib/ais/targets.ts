import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { AisVolume, aisPodTemplate } from './daemon-pod';
import { AisDaemonProps, podDefaults, stateAndLogVolumes } from './daemon-props';
import { aisHeadlessService } from './headless-service';
import { AisComponent, aisLabels, legacyPodLabels, selectorLabels } from './labels';
import { localVolumeSelector } from './local-volumes';
import { Mountpath, MountpathStorage, mountpathSlug } from './mountpath';
import { aisStatefulSet } from './statefulset';

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
    if (props.mountpaths.length === 0) throw new Error('targets need at least one mountpath');
    const { cluster } = props;
    const storage = props.storage ?? MountpathStorage.HOST_PATH;
    this.serviceName = `${cluster}-target`;
    this.service = aisHeadlessService(this, 'Service', {
      cluster, namespace: props.namespace, component: AisComponent.TARGET, publicPort: props.ports.target, ports: props.ports,
    });
    const selector = selectorLabels(cluster, AisComponent.TARGET);
    const dataVolumes: AisVolume[] = props.mountpaths.map((m) => ({
      // hostPath type Directory: if the disk is not mounted the pod waits instead of writing to the root disk;
      // with local PVs the StatefulSet's volumeClaimTemplate of the same name provides the volume
      volume: storage === MountpathStorage.HOST_PATH
        ? { name: mountpathSlug(m.path), hostPath: { path: m.path, type: 'Directory' } }
        : undefined,
      mount: { name: mountpathSlug(m.path), mountPath: m.path },
    }));
    const template = aisPodTemplate({
      ...podDefaults(props),
      role: 'target', service: this.serviceName,
      podLabels: { ...aisLabels(cluster, AisComponent.TARGET), ...(props.legacyPodLabels ? legacyPodLabels('target') : {}) },
      antiAffinityLabels: selector,
      publicPort: props.ports.target,
      hostPort: props.ports.target,
      nodeSelector: { [props.labelScheme.target.key]: props.labelScheme.target.value },
      volumes: [...stateAndLogVolumes(props, 'target'), ...dataVolumes, ...(props.extraVolumes ?? [])],
      externalAccess: props.externalAccess,
    });

    this.statefulSet = aisStatefulSet(this, 'Resource', {
      name: `${cluster}-target`, namespace: props.namespace, replicas: props.replicas,
      serviceName: this.serviceName, selector, labels: aisLabels(cluster, AisComponent.TARGET), template,
      updateStrategy: { type: 'OnDelete' },
      volumeClaimTemplates: storage === MountpathStorage.LOCAL_PV
        ? props.mountpaths.map((m) => ({
          metadata: { name: mountpathSlug(m.path) },
          spec: {
            accessModes: ['ReadWriteOnce'],
            storageClassName: props.storageClassName ?? `${cluster}-local`,
            selector: { matchLabels: localVolumeSelector(cluster, m.path) },
            resources: { requests: { storage: k8s.Quantity.fromString(m.size ?? '1Gi') } },
          },
        }))
        : undefined,
    });
  }
}
