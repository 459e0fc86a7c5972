import { App } from 'cdk8s';
import type { ClusterConfig } from '../config/schema';

/**
 * Adds the AuriStorFS client charts described by `config.auristor` to the app.
 * STUB: owned by the AuriStorFS work (issue 5); replaced there.
 */
export function addAuristorCharts(_app: App, _config: ClusterConfig): void {}
