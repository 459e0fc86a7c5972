import { App } from 'cdk8s';
import { AisCluster } from '../ais/cluster';
import { aisClusterProps } from '../from-config/ais';
import { addAisOperatorCharts } from '../from-config/ais-operator';
import { addAuristorCharts } from '../from-config/auristor';
import type { ClusterConfig } from '../config/schema';
import { applyGitOps } from '../gitops/apply';
import { argoApplicationsProps } from '../from-config/gitops';

/**
 * Builds the cdk8s app for a validated cluster config: every chart, then the GitOps policy over all objects.
 * @param app the app to add the charts to; default a new one
 */
export function buildApp(config: ClusterConfig, app: App = new App()): App {
  if (config.ais?.mode === 'standalone') new AisCluster(app, 'ais', aisClusterProps(config));
  if (config.ais?.mode === 'operator') addAisOperatorCharts(app, config);
  addAuristorCharts(app, config);
  applyGitOps(app, argoApplicationsProps(config));
  return app;
}
