import { ApiObject } from 'cdk8s';
import { setBulkAnnotation } from '../k8s/bulk-objects';
import type { Manifest } from '../k8s/manifest';

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

/**
 * The value of one annotation of an object, as `metadata.toJson()` renders it. cdk8s has no
 * `getAnnotation`; rendering the whole metadata through cdk8s's resolver for one key cost ~0.3 s on
 * 12,000 objects, so a plain string value is read directly, and anything else (a token, an
 * unexpected cdk8s internals layout) goes through `toJson()` as before.
 */
export function annotationOf(object: ApiObject, key: string): string | undefined {
  const annotations = (object.metadata as unknown as { annotations?: Record<string, unknown> }).annotations;
  if (annotations !== null && typeof annotations === 'object' && annotations.constructor === Object) {
    const value = annotations[key];
    if (value === undefined || typeof value === 'string') return value;
  }
  return object.metadata.toJson().annotations?.[key];
}

/** A sync-options annotation value with `options` added to `existing` (no duplicates, stable order). */
function mergedSyncOptions(existing: string | undefined, options: readonly SyncOption[]): string {
  const merged = existing ? existing.split(',').map((o) => o.trim()) : [];
  for (const option of options) if (!merged.includes(option)) merged.push(option);
  return merged.join(',');
}

/** Adds sync options to an object, keeping any it already has (no duplicates, stable order). */
export function addSyncOptions(object: ApiObject, ...options: SyncOption[]): void {
  object.metadata.addAnnotation(SYNC_OPTIONS_ANNOTATION, mergedSyncOptions(annotationOf(object, SYNC_OPTIONS_ANNOTATION), options));
}

/** {@link addSyncOptions} for an object kept as its manifest (lib/k8s/bulk-objects.ts). */
export function addManifestSyncOptions(manifest: Manifest, ...options: SyncOption[]): void {
  setBulkAnnotation(manifest, SYNC_OPTIONS_ANNOTATION, mergedSyncOptions(manifest.metadata.annotations?.[SYNC_OPTIONS_ANNOTATION], options));
}

/** The sync options of an object that holds data or state: Argo CD never prunes it nor deletes it with the app. */
const RETAIN = [SyncOption.PRUNE_FALSE, SyncOption.DELETE_FALSE];

/** Marks an object that holds data or state: Argo CD never prunes it nor deletes it with the app. */
export function retainOnDelete(object: ApiObject): void {
  addSyncOptions(object, ...RETAIN);
}

/** The annotations {@link retainOnDelete} sets on an object that has none, for one kept as its manifest (lib/k8s/bulk-objects.ts). */
export function retainedAnnotations(): Record<string, string> {
  return { [SYNC_OPTIONS_ANNOTATION]: mergedSyncOptions(undefined, RETAIN) };
}
