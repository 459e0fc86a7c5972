/**
 * Props of a fleet: one definition rendered per site, delivered by one Argo CD ApplicationSet per product
 * (docs/fleet.md). The fleet config (`fleet.yaml`) is adapted to these in lib/from-config/fleet.ts.
 */

/** An Argo CD sync window (AppProject `spec.syncWindows[]`, argo-cd pkg/apis/application/v1alpha1/types.go SyncWindow). */
export interface FleetSyncWindow {
  /** `allow` or `deny` */
  readonly kind: 'allow' | 'deny';
  /** a five-field cron schedule (minute hour day-of-month month day-of-week), e.g. `0 22 * * 1-5` */
  readonly schedule: string;
  /** a Go duration, e.g. `6h` */
  readonly duration: string;
  /**
   * IANA time zone of the schedule.
   * @default 'UTC'
   */
  readonly timeZone?: string;
  /**
   * Also apply the window to manual syncs.
   * @default false
   */
  readonly manualSync?: boolean;
  /**
   * Description shown by Argo CD (at most 255 characters).
   * @default - `site <name>` for a site's window, none for a fleet-wide one
   */
  readonly description?: string;
}

/** One wave of a progressive rollout: a step of the ApplicationSets' RollingSync. */
export interface FleetRolloutWave {
  /** the wave's name, the value of the `cdk8s-storage.io/rollout-wave` label of its sites' Applications */
  readonly name: string;
  /**
   * How many of the wave's Applications sync at once: a count, or a percentage such as `25%`; 0 waits for a
   * person to sync (argo-cd applicationset/progressivesync/progressive_sync.go).
   * @default 1
   */
  readonly maxUpdate?: number | string;
}

/** One site of a fleet. */
export interface FleetSite {
  /** the site's name (a DNS label): its folder `sites/<name>/`, its Applications `<fleet>-<name>-<product>` */
  readonly name: string;
  /**
   * Region, a label value on its Applications (`cdk8s-storage.io/region`).
   * @default ''
   */
  readonly region?: string;
  /**
   * Rollout wave, one of the fleet's waves (required when the fleet has a rollout).
   * @default - none (only without a rollout)
   */
  readonly wave?: string;
  /**
   * The site's cluster as Argo CD knows it: a cluster name, or an API server URL when the fleet's
   * `destination` is `server`.
   * @default - the site's name
   */
  readonly cluster?: string;
  /**
   * Sync windows of the site's Applications (needs `createProject`).
   * @default - none
   */
  readonly syncWindows?: readonly FleetSyncWindow[];
}

/** A fleet: its sites and how Argo CD delivers them. */
export interface ArgoFleetProps {
  /** the fleet's name (a DNS label): prefixes the ApplicationSets, the Applications and the AppProject */
  readonly name: string;
  /** Git repository holding the fleet root */
  readonly repoURL: string;
  /**
   * Branch, tag or commit Argo CD follows.
   * @default 'HEAD'
   */
  readonly targetRevision?: string;
  /**
   * The fleet root (the folder holding fleet.yaml and sites/) in the repository.
   * @default '.'
   */
  readonly path?: string;
  /**
   * Namespace Argo CD runs in; the ApplicationSets and their Applications live there.
   * @default 'argocd'
   */
  readonly namespace?: string;
  /**
   * Argo CD project of the Applications (hard-coded in the ApplicationSets, never templated).
   * @default 'default'
   */
  readonly project?: string;
  /**
   * Emit the AppProject `project` (least privilege: the fleet's repository, the sites' clusters and
   * namespaces, the kinds the output holds; the sync windows).
   * @default false
   */
  readonly createProject?: boolean;
  /**
   * How sites name their cluster: `name` (Argo CD cluster name) or `server` (API server URL).
   * @default 'name'
   */
  readonly destination?: 'name' | 'server';
  /**
   * Sync automatically when Git changes (only without a rollout: RollingSync syncs itself).
   * @default false
   */
  readonly automated?: boolean;
  /**
   * With automated sync, delete objects removed from Git (data-bearing objects are never pruned).
   * @default false
   */
  readonly prune?: boolean;
  /**
   * With automated sync, undo changes made in the cluster by hand.
   * @default true
   */
  readonly selfHeal?: boolean;
  /**
   * Progressive rollout: one RollingSync step per wave, in this order.
   * @default - none: every site syncs on its own
   */
  readonly waves?: readonly FleetRolloutWave[];
  /**
   * Sync windows of every Application of the fleet (needs `createProject`).
   * @default - none
   */
  readonly syncWindows?: readonly FleetSyncWindow[];
  /** the sites, in order */
  readonly sites: readonly FleetSite[];
}
