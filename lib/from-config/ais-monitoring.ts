import type { MonitoringConfig } from '../config/monitoring-schema';
import { AisMonitoringOptions, ScrapeKind } from '../ais/monitoring/props';

/** Maps `ais.monitoring` to {@link AisMonitoringOptions} (constructs never read the file). */
export function aisMonitoringOptions(monitoring: MonitoringConfig | undefined): AisMonitoringOptions | undefined {
  if (!monitoring) return undefined;
  const { groups, ...thresholds } = monitoring.alerts;
  return {
    scrapeKind: monitoring.scrape.kind === 'ServiceMonitor' ? ScrapeKind.SERVICE_MONITOR : ScrapeKind.POD_MONITOR,
    scrapeInterval: monitoring.scrape.interval,
    selectorLabels: monitoring.selectorLabels,
    namespace: monitoring.namespace,
    alertGroups: groups,
    thresholds,
    dashboards: {
      enabled: monitoring.dashboards.enabled,
      label: monitoring.dashboards.label,
      annotations: Object.keys(monitoring.dashboards.annotations).length ? monitoring.dashboards.annotations : undefined,
    },
    legacyPodLabels: monitoring.legacyPodLabels,
    clientCertificateSecret: monitoring.clientCertificateSecret,
  };
}
