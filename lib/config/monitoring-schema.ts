import { z } from 'zod';
import { scrapeTls } from '../ais/monitoring/scrape-tls';
import { aisSecurityProps } from '../from-config/ais-security';
import { AlertGroup } from '../ais/monitoring/props';
import { Context, fail } from './ais-checks';
import type { AisSecurityConfig } from './ais-security-schema';
import { dnsLabel, dnsSubdomain, labelKey, labelValue } from './primitives';

/** A Prometheus duration, e.g. 30s, 1m, 1m30s. */
const promDuration = z.string().regex(/^(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?$/, 'a duration such as 30s, 1m or 1m30s')
  .refine((d) => d !== '', 'a duration such as 30s, 1m or 1m30s');
const labels = z.record(labelKey, labelValue);
const percent = z.number().min(1, 'a percentage from 1 to 100').max(100, 'a percentage from 1 to 100');
const ratio = z.number().gt(0, 'a ratio above 0, e.g. 0.01 for 1%').lt(1, 'a ratio below 1, e.g. 0.05 for 5%');

/** `ais.monitoring`: Prometheus scraping, alert rules and Grafana dashboards (docs/monitoring.md). Absent: no monitoring. */
export const monitoringSchema = z.strictObject({
  scrape: z.strictObject({
    kind: z.enum(['PodMonitor', 'ServiceMonitor']).default('PodMonitor')
      .describe('PodMonitor selects the pods; ServiceMonitor the headless Services (never the LoadBalancers)'),
    interval: promDuration.default('30s').describe('scrape interval'),
  }).prefault({}).describe('how Prometheus scrapes /metrics on the public ports'),
  selectorLabels: labels.default({})
    .describe('labels your Prometheus selects monitors and rules by, e.g. {release: prometheus} for kube-prometheus-stack'),
  namespace: dnsLabel.optional().describe('namespace of the PrometheusRule and dashboard ConfigMaps; default the cluster namespace'),
  alerts: z.strictObject({
    groups: z.array(z.enum(Object.values(AlertGroup) as [AlertGroup, ...AlertGroup[]])).default([...Object.values(AlertGroup)])
      .describe('alert groups to emit: stateFlags, errors, capacity, rateLimit, kubernetes, scrape'),
    mountpathUsedWarningPercent: percent.default(80).describe('mountpath fill level that warns'),
    mountpathUsedCriticalPercent: percent.default(90).describe('mountpath fill level that is critical'),
    diskUtilPercent: percent.default(95).describe('disk I/O utilisation that warns after 15 minutes'),
    retryRatioWarning: ratio.default(0.01).describe('share of GETs/PUTs retried because a remote backend rate-limits, warning'),
    retryRatioCritical: ratio.default(0.05).describe('the same share, critical'),
  }).prefault({}).describe('which alert rules, and their thresholds'),
  dashboards: z.strictObject({
    enabled: z.boolean().default(true).describe('emit the Grafana dashboards as ConfigMaps'),
    label: labels.default({ grafana_dashboard: '1' }).describe('label the Grafana sidecar loads dashboard ConfigMaps by'),
    annotations: z.record(z.string(), z.string()).default({}).describe('annotations on the dashboard ConfigMaps, e.g. the sidecar folder annotation'),
  }).prefault({}).describe('Grafana dashboards'),
  legacyPodLabels: z.boolean().default(true)
    .describe('add app: ais and component: proxy|target to the pods (not the selectors), as upstream AIS monitoring selects them'),
  clientCertificateSecret: dnsSubdomain.optional()
    .describe('existing TLS Secret Prometheus presents when tls.clientAuth demands client certificates; default one cert-manager issues'),
}).describe('Prometheus scraping, alert rules and Grafana dashboards for prometheus-operator (kube-prometheus-stack)');

export type MonitoringConfig = z.output<typeof monitoringSchema>;

interface MonitoringSection extends AisSecurityConfig {
  clusterDomain: string;
  monitoring?: MonitoringConfig;
}

/**
 * Cross-field rules of `ais.monitoring`: thresholds in order; with HTTPS,
 * what Prometheus needs must be derivable (the same check the construct runs).
 */
export function checkAisMonitoring(section: MonitoringSection, ctx: Context): void {
  const monitoring = section.monitoring;
  if (!monitoring) return;
  const alerts = monitoring.alerts;
  if (alerts.mountpathUsedWarningPercent >= alerts.mountpathUsedCriticalPercent) {
    fail(ctx, ['monitoring', 'alerts', 'mountpathUsedWarningPercent'], 'the warning fill level must be below mountpathUsedCriticalPercent');
  }
  if (alerts.retryRatioWarning >= alerts.retryRatioCritical) {
    fail(ctx, ['monitoring', 'alerts', 'retryRatioWarning'], 'the warning ratio must be below retryRatioCritical');
  }
  if (!section.tls) return;
  const tls = aisSecurityProps(section).tls!;
  try {
    // the namespace and names do not matter for what is derivable
    const issuer = tls.certificate?.issuer ?? (tls.certificate?.selfSigned ? { name: 'the self-signed CA issuer' } : undefined);
    scrapeTls({ cluster: 'x', namespace: 'x', clusterDomain: section.clusterDomain, tls, issuer,
      clientCertificateSecret: monitoring.clientCertificateSecret });
  } catch (error) {
    fail(ctx, ['monitoring'], (error as Error).message);
  }
}
