import { k8s } from 'cdk8s-plus-28';
import { CsiSidecar, DEFAULT_SIDECAR_REGISTRY, csiDriverImage, sidecarImage } from './csi-images';
import { CSI_SOCKET, CsiConfigRole, CsiServiceType, CsiSettings, csiDriverEnv } from './csi-settings';
import { DEFAULT_AURISTOR_REGISTRY } from '../group';
import { CSI_SERVICE_ACCOUNT } from '../names';
import { AURISTOR_RESOURCES } from '../resources';

/** Image pull policy of the AuriStorFS containers. */
export enum ImagePullPolicy {
  ALWAYS = 'Always',
  IF_NOT_PRESENT = 'IfNotPresent',
  NEVER = 'Never',
}

/** Props shared by the AuriStorFS CSI workloads (controller, node plugin, volume manager). */
export interface CsiWorkloadProps {
  /** Namespace of the workload. */
  readonly namespace: string;

  /** AuriStorFS CSI driver release, the `auristorfs-csi` image tag, e.g. `2022.09-1`. */
  readonly csiVersion: string;

  /**
   * Registry holding `auristorfs-csi`.
   *
   * @default 'ghcr.io/auristor'
   */
  readonly registry?: string;

  /**
   * CSI driver settings.
   *
   * @default - AuriStor's defaults (auristor cache manager, INFO, no SELinux options)
   */
  readonly settings?: CsiSettings;

  /**
   * Registry of the sig-storage sidecars.
   *
   * @default 'registry.k8s.io/sig-storage'
   */
  readonly sidecarRegistry?: string;

  /**
   * Pull policy of every container.
   *
   * @default ImagePullPolicy.IF_NOT_PRESENT
   */
  readonly imagePullPolicy?: ImagePullPolicy;

  /**
   * ServiceAccount the pods run as (it carries the image pull secrets).
   *
   * @default 'auristorfs-csi'
   */
  readonly serviceAccountName?: string;

  /**
   * Node group the workload belongs to (label `auristor.com/auristorfs-group`).
   *
   * @default - none (a cluster-wide workload)
   */
  readonly group?: string;
}

/** Volume name of the CSI socket directory. */
export const SOCKET_VOLUME = { CONTROLLER: 'controller-socket-dir', NODE: 'node-socket-dir' } as const;

const APP_VAR_VOLUME = 'app-var';
const AFS_ROOT_VOLUME = 'afs-root';

/** Builds the containers and volumes of an AuriStorFS CSI pod, the way AuriStor's chart writes them. */
export class CsiPodBuilder {
  public readonly image: string;
  public readonly pullPolicy: ImagePullPolicy;
  private readonly sidecarRegistry: string;
  private readonly settings: CsiSettings;

  constructor(private readonly props: CsiWorkloadProps) {
    this.image = csiDriverImage(props.registry ?? DEFAULT_AURISTOR_REGISTRY, props.csiVersion);
    this.pullPolicy = props.imagePullPolicy ?? ImagePullPolicy.IF_NOT_PRESENT;
    this.sidecarRegistry = props.sidecarRegistry ?? DEFAULT_SIDECAR_REGISTRY;
    this.settings = props.settings ?? {};
  }

  /**
   * The AuriStorFS CSI driver container: privileged, settings from `configMap` (envFrom), the socket
   * directory at `/csi`, then `extraMounts`, the AFS root when configured, and the node ConfigMap at
   * `/root/appVar` (the chart mounts the node ConfigMap there in the controller too).
   */
  public driverContainer(serviceType: CsiServiceType, configMap: CsiConfigRole, socketVolume: string,
    extraMounts: k8s.VolumeMount[] = []): k8s.Container {
    const mounts: k8s.VolumeMount[] = [{ name: socketVolume, mountPath: '/csi' }, ...extraMounts];
    if (this.settings.afsRootDir !== undefined) mounts.push({ name: AFS_ROOT_VOLUME, mountPath: '/root/afs' });
    mounts.push({ name: APP_VAR_VOLUME, mountPath: '/root/appVar' });
    return {
      name: serviceType === CsiServiceType.CONTROLLER ? 'controller' : 'node',
      image: this.image,
      imagePullPolicy: this.pullPolicy,
      securityContext: { privileged: true },
      envFrom: [{ configMapRef: { name: configMap } }],
      env: csiDriverEnv(serviceType, this.settings),
      resources: AURISTOR_RESOURCES.driver,
      volumeMounts: mounts,
    };
  }

  /** A sig-storage sidecar talking to the driver over the socket in `socketVolume`. */
  public sidecar(name: string, sidecar: CsiSidecar, socketVolume: string, args: string[],
    options: { privileged?: boolean; extraMounts?: k8s.VolumeMount[]; env?: k8s.EnvVar[] } = {}): k8s.Container {
    return {
      name,
      image: sidecarImage(this.sidecarRegistry, sidecar),
      imagePullPolicy: this.pullPolicy,
      securityContext: options.privileged === false ? undefined : { privileged: true },
      args,
      env: options.env,
      resources: AURISTOR_RESOURCES.sidecar,
      volumeMounts: [{ name: socketVolume, mountPath: '/csi' }, ...(options.extraMounts ?? [])],
    };
  }

  /** The livenessprobe sidecar (health port 9898), as in the controller and the node plugin. */
  public livenessProbe(socketVolume: string): k8s.Container {
    return this.sidecar('liveness-probe', CsiSidecar.LIVENESS_PROBE, socketVolume,
      [`--csi-address=${CSI_SOCKET}`, '--probe-timeout=3s', '--health-port=9898']);
  }

  /** The volumes every AuriStorFS CSI driver container mounts besides its socket: AFS root (optional) and app-var. */
  public sharedVolumes(): k8s.Volume[] {
    const volumes: k8s.Volume[] = [];
    if (this.settings.afsRootDir !== undefined) {
      volumes.push({ name: AFS_ROOT_VOLUME, hostPath: { path: this.settings.afsRootDir, type: 'Directory' } });
    }
    volumes.push({ name: APP_VAR_VOLUME, configMap: { name: CsiConfigRole.NODE } });
    return volumes;
  }

  /** Pod-level settings common to the CSI pods: ServiceAccount, cluster-critical priority, 3 s grace period. */
  public podDefaults(): Pick<k8s.PodSpec, 'serviceAccountName' | 'priorityClassName' | 'terminationGracePeriodSeconds'> {
    return {
      serviceAccountName: this.props.serviceAccountName ?? CSI_SERVICE_ACCOUNT,
      priorityClassName: 'system-cluster-critical',
      terminationGracePeriodSeconds: 3,
    };
  }
}
