import { k8s } from 'cdk8s-plus-28';

/** Cache manager the CSI driver mounts AuriStorFS volumes through. */
export enum CacheManager {
  /** the AuriStorFS (yfs) cache manager */
  AURISTOR = 'auristor',
  /** the in-kernel kAFS client */
  KAFS = 'kafs',
}

/** Log level of the AuriStorFS CSI driver and volume manager. */
export enum CsiLogLevel {
  DEBUG = 'DEBUG',
  INFO = 'INFO',
  WARNING = 'WARNING',
  ERROR = 'ERROR',
  FATAL = 'FATAL',
}

/** URL of the volume manager Service in the same namespace (AuriStor's chart default). */
export const DEFAULT_VOLUME_MANAGER_URL = 'http://auristorfs-volume-manager';

/** Port the volume manager API listens on (AuriStor's chart: `apiServerPort: "80"`). */
export const VOLUME_MANAGER_PORT = 80;

/** Settings of the AuriStorFS CSI driver (AuriStor's `csiDriver` chart values). */
export interface CsiSettings {
  /**
   * Cache manager used for mounts.
   *
   * @default CacheManager.AURISTOR
   */
  readonly cacheManager?: CacheManager;

  /**
   * Log level.
   *
   * @default CsiLogLevel.INFO
   */
  readonly logLevel?: CsiLogLevel;

  /**
   * Mount options for SELinux nodes, e.g. `-o context=system_u:object_r:container_file_t:s0`
   * (AuriStor's sample; OpenShift needs it). Setting it also sets `IS_MOUNT_SELINUX=true`.
   *
   * @default - no SELinux context mount
   */
  readonly seLinuxMountOptions?: string;

  /**
   * Prefix of dynamically provisioned PersistentVolume names (external-provisioner `--volume-name-prefix`).
   *
   * @default - the provisioner's default, `pvc`
   */
  readonly volumeNamePrefix?: string;

  /**
   * Host directory where the AuriStorFS root (`/afs`) is mounted; when set, the CSI pods mount it at `/root/afs`.
   *
   * @default - not mounted
   */
  readonly afsRootDir?: string;

  /**
   * Log every mount, exec and CSI request (AuriStor's `debugShowMounts`, `debugShowExecs`, `debugShowCsiRequests`).
   *
   * @default false
   */
  readonly debug?: boolean;

  /**
   * URL the CSI pods reach the volume manager at.
   *
   * @default 'http://auristorfs-volume-manager' (the volume manager in the same namespace)
   */
  readonly volumeManagerUrl?: string;
}

/** The role a CSI ConfigMap configures; its value is the ConfigMap name AuriStor's chart uses. */
export enum CsiConfigRole {
  CONTROLLER = 'auristorfs-csi-controller-config',
  NODE = 'auristorfs-csi-node-config',
  VOLUME_MANAGER = 'auristorfs-volume-manager-config',
}

/**
 * The ConfigMap data AuriStor's chart renders for a role (key for key, as strings).
 * The volume manager always gets `defaultCacheManager: auristor`, as in the chart.
 */
export function csiConfigData(role: CsiConfigRole, settings: CsiSettings = {}): Record<string, string> {
  const debug = String(settings.debug ?? false);
  const logging = { logLevel: settings.logLevel ?? CsiLogLevel.INFO, flattenLog: 'false' };
  if (role === CsiConfigRole.VOLUME_MANAGER) {
    return {
      defaultCacheManager: CacheManager.AURISTOR,
      apiServerPort: String(VOLUME_MANAGER_PORT),
      ...logging,
      debugShowMounts: debug,
      debugShowExecs: debug,
    };
  }
  return {
    externalVolumeManagerURL: settings.volumeManagerUrl ?? DEFAULT_VOLUME_MANAGER_URL,
    defaultCacheManager: settings.cacheManager ?? CacheManager.AURISTOR,
    ...logging,
    ...(role === CsiConfigRole.CONTROLLER ? { pvUIDLength: '10' } : {}),
    debugShowCsiRequests: debug,
    debugShowMounts: debug,
    debugShowExecs: debug,
  };
}

/** What a CSI driver container serves. */
export enum CsiServiceType {
  CONTROLLER = 'Controller',
  NODE = 'Node',
}

/** Path of the CSI socket inside the CSI containers. */
export const CSI_SOCKET = '/csi/csi.sock';

/** Environment of the CSI driver container (controller or node), as AuriStor's chart sets it. */
export function csiDriverEnv(serviceType: CsiServiceType, settings: CsiSettings = {}): k8s.EnvVar[] {
  return [
    { name: 'SERVICE_TYPE', value: serviceType },
    { name: 'KUBERNETES_NODE_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } },
    { name: 'CSI_DOMAIN_SOCKET', value: CSI_SOCKET },
    { name: 'IS_MOUNT_SELINUX', value: String(settings.seLinuxMountOptions !== undefined) },
    // the chart's default for unset options is a single space
    { name: 'AURISTORFS_MOUNT_OPTIONS', value: settings.seLinuxMountOptions ?? ' ' },
  ];
}
