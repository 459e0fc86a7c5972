import { App } from 'cdk8s';
import type { ClusterConfig } from '../config/schema';

/**
 * Adds the charts of an AIS cluster run by the AIS operator (`ais.mode: operator`).
 * STUB: owned by the operator-mode work (issue 7); replaced there.
 */
export function addAisOperatorCharts(_app: App, config: ClusterConfig): void {
  throw new Error(`ais.mode: operator is not implemented yet (release ${config.name})`);
}
