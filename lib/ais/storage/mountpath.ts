/** One AIS mountpath: a filesystem mounted at the same path on every target node. */
export interface Mountpath {
  /** absolute path, e.g. /ais/sda; must be its own filesystem (distinct fsid), XFS tested */
  readonly path: string;
  /**
   * Disk label. Mountpaths that share one physical disk (dev clusters) carry the same label.
   * @default - no label
   */
  readonly label?: string;
  /**
   * Capacity of the filesystem, e.g. 10Ti. Required for local PersistentVolumes.
   * @default - unknown
   */
  readonly size?: string;
}

/** How target pods reach their mountpaths. */
export enum MountpathStorage {
  /** one hostPath volume per mountpath (type Directory: the mount must exist) */
  HOST_PATH = 'hostPath',
  /** one local PersistentVolume per node and mountpath, claimed through volumeClaimTemplates */
  LOCAL_PV = 'localPV',
}

/** `/ais/sda` → `ais-sda`: a DNS label naming the mountpath in volume and object names. */
export function mountpathSlug(path: string): string {
  const slug = path.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return slug || 'root';
}

/** What the targets' mountpath disks are: it decides which disk saturation signal is alerted on (docs/monitoring.md). */
export enum DiskMedia {
  /** rotational disks: aisnode's `disk_util` (busy time) is the saturation signal */
  HDD = 'hdd',
  /** NVMe: `disk_util` pegs near 100 % with headroom left, so the request latency (node-exporter await) is */
  NVME = 'nvme',
}
