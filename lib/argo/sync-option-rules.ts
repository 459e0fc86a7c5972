import { SyncOption } from './argo-annotations';
import { Manifest, apiGroup, groupKind } from '../k8s/manifest';
import { isAisClusterResource, isCustomResource, isKmodObject, isLocalStorageClass } from './roles';

/** One rule of the per-object sync options: which objects get which options, and why. */
export interface SyncOptionRule {
  /** short name of the objects, used in docs */
  readonly objects: string;
  readonly matches: (manifest: Manifest) => boolean;
  readonly options: readonly SyncOption[];
  readonly why: string;
}

const RETAIN = [SyncOption.PRUNE_FALSE, SyncOption.DELETE_FALSE] as const;

const DATA_BEARING_KINDS = new Set(['PersistentVolume', 'PersistentVolumeClaim', 'Namespace']);

/** THE sync-option rules; an object gets the options of every rule it matches. */
export const SYNC_OPTION_RULES: readonly SyncOptionRule[] = [
  {
    objects: 'Nodes (label-only partial objects)',
    matches: (m) => groupKind(m) === 'Node',
    options: [SyncOption.SERVER_SIDE_APPLY, ...RETAIN],
    why: 'we only own some labels of a Node: server-side apply patches them and leaves the rest of the Node alone, '
      + 'and a Node must never be deleted because it left the config or the Application was deleted',
  },
  {
    objects: 'PersistentVolumes, PersistentVolumeClaims, Namespaces, local StorageClasses, the AIStore resource',
    matches: (m) => DATA_BEARING_KINDS.has(groupKind(m)) || isLocalStorageClass(m) || isAisClusterResource(m),
    options: RETAIN,
    why: 'deleting them deletes or orphans stored data (a Namespace takes its PVCs along, the AIS operator tears '
      + 'down the cluster with its resource); removing them is a decision for a person, not for a sync',
  },
  {
    objects: 'kernel module objects (component kmod, SpecialResource, Module)',
    matches: isKmodObject,
    options: RETAIN,
    why: 'unloading the AuriStorFS kernel module under running pods crashes the node; drain first, then delete by hand',
  },
  {
    objects: 'Argo CD ApplicationSets and AppProjects (a fleet)',
    matches: (m) => groupKind(m) === 'argoproj.io/ApplicationSet' || groupKind(m) === 'argoproj.io/AppProject',
    options: RETAIN,
    why: 'an Application that syncs the fleet\'s argocd/ folder and stops listing an ApplicationSet must not delete it: '
      + 'deleting an ApplicationSet unlinks or deletes every site\'s Application, and a project its Applications name',
  },
  {
    objects: 'custom resources whose CRD an operator installs',
    // Argo CD's own kinds exist wherever Argo CD runs
    matches: (m) => isCustomResource(m) && apiGroup(m.apiVersion) !== 'argoproj.io',
    options: [SyncOption.SKIP_DRY_RUN_ON_MISSING_RESOURCE],
    why: 'the dry run of a custom resource fails while its operator has not yet installed the CRD; '
      + 'skipping it lets the rest of the sync go on and the resource applies once the CRD exists',
  },
];

/** The sync options an object should carry, in rule order, without duplicates. */
export function syncOptionsFor(manifest: Manifest): SyncOption[] {
  const options: SyncOption[] = [];
  for (const rule of SYNC_OPTION_RULES) {
    if (!rule.matches(manifest)) continue;
    for (const option of rule.options) if (!options.includes(option)) options.push(option);
  }
  return options;
}
