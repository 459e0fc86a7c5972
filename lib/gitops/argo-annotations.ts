import { ApiObject } from 'cdk8s';

/** Argo CD annotation that orders objects within one Application (lower first, default "0"). */
export const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';
/** Argo CD annotation carrying per-object sync options, comma-joined. */
export const SYNC_OPTIONS_ANNOTATION = 'argocd.argoproj.io/sync-options';

/** Argo CD per-object sync options we use. */
export enum SyncOption {
  /** never delete the object when it disappears from Git */
  PRUNE_FALSE = 'Prune=false',
  /** keep the object when the Application itself is deleted */
  DELETE_FALSE = 'Delete=false',
  /** apply with server-side apply (partial objects such as label-only Nodes) */
  SERVER_SIDE_APPLY = 'ServerSideApply=true',
  /** let a custom resource sync before an operator has installed its CRD */
  SKIP_DRY_RUN_ON_MISSING_RESOURCE = 'SkipDryRunOnMissingResource=true',
}

/** Adds sync options to an object, keeping any it already has (no duplicates, stable order). */
export function addSyncOptions(object: ApiObject, ...options: SyncOption[]): void {
  const existing: string | undefined = object.metadata.toJson().annotations?.[SYNC_OPTIONS_ANNOTATION];
  const merged = existing ? existing.split(',').map((o) => o.trim()) : [];
  for (const option of options) if (!merged.includes(option)) merged.push(option);
  object.metadata.addAnnotation(SYNC_OPTIONS_ANNOTATION, merged.join(','));
}

/** Marks an object that holds data or state: Argo CD never prunes it nor deletes it with the app. */
export function retainOnDelete(object: ApiObject): void {
  addSyncOptions(object, SyncOption.PRUNE_FALSE, SyncOption.DELETE_FALSE);
}
