import { App } from 'cdk8s';
import { AisCluster } from '../ais/cluster';
import { AisOperatorCluster } from '../ais/operator/cluster';
import type { ClusterConfig } from '../config/schema';
import { AdaptedConfig, adaptConfig } from '../from-config/check';
import { addAuristorClientCharts } from '../from-config/auristor';
import { GitOpsOptions, applyGitOps } from '../gitops/apply';

/**
 * Builds the cdk8s app for a validated cluster config: every chart, then the GitOps policy over all objects.
 * @param config the config, or what its adapters built (`loadConfig(...).adapted`: the props are built once)
 * @param app the app to add the charts to; default a new one
 * @param options the GitOps options (health gates: a fleet with a rollout, or `gitops.argocd.healthChecks`)
 */
export function buildApp(config: ClusterConfig | AdaptedConfig, app: App = new App(), options: GitOpsOptions = {}): App {
  const adapted = 'config' in config ? config : adaptConfig(config);
  if (adapted.ais?.mode === 'standalone') new AisCluster(app, 'ais', adapted.ais.props);
  if (adapted.ais?.mode === 'operator') new AisOperatorCluster(app, 'ais', adapted.ais.props);
  if (adapted.auristor) addAuristorClientCharts(app, adapted.auristor.props, adapted.auristorStorage);
  applyGitOps(app, adapted.argoApplications?.props, options);
  return app;
}
