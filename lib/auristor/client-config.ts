import { DEFAULT_CACHE_HOST_PATH, DEFAULT_CLIENT_CONFIG_MAP } from './defaults';
import { k8s } from 'cdk8s-plus-28';

/**
 * Where the AuriStorFS cache manager in the kmod pod finds its configuration, keytabs and cache.
 * Only names and host paths: the files themselves live in ConfigMaps/Secrets created outside this
 * library (AuriStor's `examples/volumeMaps/createMaps`), which must exist before the kmod pods start.
 */
export interface AuristorClientConfig {
  /**
   * ConfigMap holding `yfs-client.conf`, mounted at `/etc/yfs`.
   *
   * @default 'etc-yfs'
   */
  readonly configMap?: string;

  /**
   * ConfigMap holding `cellservdb.conf`, mounted at `/usr/share/yfs`.
   *
   * @default - not mounted (the image's own /usr/share/yfs is used)
   */
  readonly cellServDbConfigMap?: string;

  /**
   * Secret holding the keytabs, mounted at `/etc/yfs-keytabs` (keytabs shared by all nodes of the group).
   * At most one of `keytabSecret` and `keytabHostPath`.
   *
   * @default - no keytabs
   */
  readonly keytabSecret?: string;

  /**
   * Host directory holding per-node keytabs (placed by e.g. a MachineConfig), mounted at `/etc/yfs-keytabs`.
   *
   * @default - no keytabs
   */
  readonly keytabHostPath?: string;

  /**
   * Host directory of the AuriStorFS disk cache, mounted at `/var/cache/yfs`.
   *
   * @default '/var/cache/yfs'
   */
  readonly cacheHostPath?: string;
}

/**
 * One directory mapped into the kmod container: AuriStor's `kmodDriverContainer.mapVolumes` entry.
 * Exactly one of `hostPath`, `configMap` and `secret` is set.
 */
export interface MappedVolume {
  /** volume name */
  readonly label: string;
  /** mount path in the kmod container */
  readonly target: string;
  /** host directory */
  readonly hostPath?: string;
  /** ConfigMap name */
  readonly configMap?: string;
  /** Secret name */
  readonly secret?: string;
}

/** Where the cache manager keeps its disk cache in the kmod container. */
const CACHE_DIR = '/var/cache/yfs';

/** The mapped volumes of a client config, in AuriStor's order: cache, config, CellServDB, keytabs (from the Secret; the rulebook refuses both sources). */
export function clientConfigVolumes(config: AuristorClientConfig = {}): MappedVolume[] {
  const volumes: MappedVolume[] = [
    { label: 'yfs-cache', target: CACHE_DIR, hostPath: config.cacheHostPath ?? DEFAULT_CACHE_HOST_PATH },
    { label: 'etc-yfs', target: '/etc/yfs', configMap: config.configMap ?? DEFAULT_CLIENT_CONFIG_MAP },
  ];
  if (config.cellServDbConfigMap !== undefined) {
    volumes.push({ label: 'usr-share-yfs', target: '/usr/share/yfs', configMap: config.cellServDbConfigMap });
  }
  if (config.keytabSecret !== undefined) {
    volumes.push({ label: 'etc-yfs-keytabs', target: '/etc/yfs-keytabs', secret: config.keytabSecret });
  } else if (config.keytabHostPath !== undefined) {
    volumes.push({ label: 'etc-yfs-keytabs', target: '/etc/yfs-keytabs', hostPath: config.keytabHostPath });
  }
  return volumes;
}

/** A mapped volume as a pod volume (the cache directory is created when missing, a keytab directory must exist). */
export function podVolume(volume: MappedVolume): k8s.Volume {
  if (volume.configMap !== undefined) return { name: volume.label, configMap: { name: volume.configMap } };
  if (volume.secret !== undefined) return { name: volume.label, secret: { secretName: volume.secret } };
  const type = volume.label === 'yfs-cache' ? 'DirectoryOrCreate' : 'Directory';
  return { name: volume.label, hostPath: { path: volume.hostPath!, type } };
}

/** A mapped volume as a container volume mount. */
export function volumeMount(volume: MappedVolume): k8s.VolumeMount {
  return { name: volume.label, mountPath: volume.target };
}
