import { App } from 'cdk8s';
import type { ClusterConfig } from '../config/schema';

/**
 * Applies the GitOps policy (sync waves, sync options, Argo CD Application) to every object of the app.
 * Called once, after all charts were added. STUB: owned by the GitOps work (issue 6); replaced there.
 */
export function applyGitOps(_app: App, _config: ClusterConfig): void {}
