import { App } from 'cdk8s';
import type { ClusterConfig } from '../config/schema';
import { allApiObjects } from './all-api-objects';
import { SYNC_WAVE_ANNOTATION, addSyncOptions } from './argo-annotations';
import { addArgoApplications } from './argo-applications';
import { Manifest } from './manifest';
import { assertUniqueObjects, mergeSharedNodes } from './shared-nodes';
import { syncOptionsFor } from './sync-option-rules';
import { syncWaveRow } from './sync-waves';

export { allApiObjects } from './all-api-objects';

/**
 * Sets the sync wave (from `SYNC_WAVES`, overriding any set by a construct: the table is the
 * single source) and adds the sync options (from `SYNC_OPTION_RULES`, merged with those a
 * construct already set) on every object of the app.
 */
export function applySyncPolicy(app: App): void {
  for (const object of allApiObjects(app)) {
    const manifest = object.toJson() as Manifest;
    object.metadata.addAnnotation(SYNC_WAVE_ANNOTATION, String(syncWaveRow(manifest).wave));
    const options = syncOptionsFor(manifest);
    if (options.length > 0) addSyncOptions(object, ...options);
  }
}

/**
 * Applies the GitOps policy to the app, once, after all charts were added: one partial Node per
 * node, no object twice, the Argo CD Application(s) when `gitops.argocd` is set, and sync waves
 * and sync options on every object.
 */
export function applyGitOps(app: App, config: ClusterConfig): void {
  mergeSharedNodes(app);
  assertUniqueObjects(app);
  addArgoApplications(app, config);
  applySyncPolicy(app);
}
