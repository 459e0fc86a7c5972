import { ApiObject, App } from 'cdk8s';
import type { ClusterConfig } from '../config/schema';
import { SYNC_WAVE_ANNOTATION, addSyncOptions } from './argo-annotations';
import { Manifest } from './manifest';
import { syncOptionsFor } from './sync-option-rules';
import { syncWaveRow } from './sync-waves';

/** Every API object of the app, chart by chart, in construct order. */
export function allApiObjects(app: App): ApiObject[] {
  return app.charts.flatMap((chart) => chart.node.findAll().filter(ApiObject.isApiObject));
}

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
 * Applies the GitOps policy (sync waves, sync options, Argo CD Application) to every object of the app.
 * Called once, after all charts were added.
 */
export function applyGitOps(app: App, _config: ClusterConfig): void {
  applySyncPolicy(app);
}
