import type { MonitoringConfig } from '../config/monitoring-schema';
import { AisMonitoringOptions, ScrapeKind } from '../ais/monitoring/props';
import type { PathMap } from '../props/path-map';

const AT = ['ais', 'monitoring'];

/** Where each monitoring prop comes from in the config. */
export const AIS_MONITORING_PATHS: PathMap = {
  $: AT,
  scrapeKind: [...AT, 'scrape', 'kind'],
  scrapeInterval: [...AT, 'scrape', 'interval'],
  selectorLabels: [...AT, 'selectorLabels'],
  namespace: [...AT, 'namespace'],
  alertGroups: [...AT, 'alerts', 'groups'],
  thresholds: [...AT, 'alerts'],
  dashboards: [...AT, 'dashboards'],
  legacyPodLabels: [...AT, 'legacyPodLabels'],
  clientCertificateSecret: [...AT, 'clientCertificateSecret'],
};

/** Maps `ais.monitoring` to {@link AisMonitoringOptions} (constructs never read the file); see {@link AIS_MONITORING_PATHS}. */
export function aisMonitoringOptions(monitoring: MonitoringConfig | undefined): AisMonitoringOptions | undefined {
  if (!monitoring) return undefined;
  const { groups, ...thresholds } = monitoring.alerts;
  // thresholds left out stay unset: the rulebook tells one set for the other media from the default
  return {
    scrapeKind: monitoring.scrape.kind === 'ServiceMonitor' ? ScrapeKind.SERVICE_MONITOR : ScrapeKind.POD_MONITOR,
    scrapeInterval: monitoring.scrape.interval,
    selectorLabels: monitoring.selectorLabels,
    namespace: monitoring.namespace,
    alertGroups: groups,
    thresholds: Object.fromEntries(Object.entries(thresholds).filter(([, value]) => value !== undefined)),
    dashboards: {
      enabled: monitoring.dashboards.enabled,
      label: monitoring.dashboards.label,
      annotations: Object.keys(monitoring.dashboards.annotations).length ? monitoring.dashboards.annotations : undefined,
    },
    legacyPodLabels: monitoring.legacyPodLabels,
    clientCertificateSecret: monitoring.clientCertificateSecret,
  };
}
