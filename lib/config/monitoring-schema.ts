import * as z from 'zod';
import {
  ALL_ALERT_GROUPS, AlertGroup, DEFAULT_ALERT_THRESHOLDS, DEFAULT_DASHBOARD_LABEL, DEFAULT_LEGACY_POD_LABELS, DEFAULT_SCRAPE_INTERVAL, NVME_LATENCY_LIMITS_MS,
} from '../ais/defaults';
import { dnsLabel, dnsSubdomain, labelKey, labelValue } from './primitives';

/** A Prometheus duration, e.g. 30s, 1m, 1m30s. */
const promDuration = z.string().regex(/^(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?$/, 'a duration such as 30s, 1m or 1m30s')
  .refine((d) => d !== '', 'a duration such as 30s, 1m or 1m30s');
const labels = z.record(labelKey, labelValue);
const percent = z.number().min(1, 'a percentage from 1 to 100').max(100, 'a percentage from 1 to 100');
const ratio = z.number().gt(0, 'a ratio above 0, e.g. 0.01 for 1%').lt(1, 'a ratio below 1, e.g. 0.05 for 5%');
const { minimum, maximum } = NVME_LATENCY_LIMITS_MS;
const latency = z.number().min(minimum, `milliseconds from ${minimum} to ${maximum}`).max(maximum, `milliseconds from ${minimum} to ${maximum}`);

/** `ais.monitoring`: Prometheus scraping, alert rules and Grafana dashboards (docs/monitoring.md). Absent: no monitoring. */
export const monitoringSchema = z.strictObject({
  scrape: z.strictObject({
    kind: z.enum(['PodMonitor', 'ServiceMonitor']).default('PodMonitor')
      .describe('PodMonitor selects the pods; ServiceMonitor the headless Services (never the LoadBalancers)'),
    interval: promDuration.default(DEFAULT_SCRAPE_INTERVAL).describe('scrape interval'),
  }).prefault({}).describe('how Prometheus scrapes /metrics on the public ports'),
  selectorLabels: labels.optional()
    .describe('labels your Prometheus selects monitors and rules by, e.g. {release: prometheus} for kube-prometheus-stack; '
      + '{} if it selects all; unset is a warning (a default kube-prometheus-stack ignores unlabelled objects)'),
  namespace: dnsLabel.optional().describe('namespace of the PrometheusRule and dashboard ConfigMaps; default the cluster namespace'),
  alerts: z.strictObject({
    groups: z.array(z.enum(Object.values(AlertGroup) as [AlertGroup, ...AlertGroup[]])).default([...ALL_ALERT_GROUPS])
      .describe('alert groups to emit: stateFlags, errors, capacity, rateLimit, kubernetes, scrape'),
    mountpathUsedWarningPercent: percent.default(DEFAULT_ALERT_THRESHOLDS.mountpathUsedWarningPercent).describe('mountpath fill level that warns'),
    mountpathUsedCriticalPercent: percent.default(DEFAULT_ALERT_THRESHOLDS.mountpathUsedCriticalPercent).describe('mountpath fill level that is critical'),
    diskUtilPercent: percent.optional().describe(`HDD targets: disk I/O utilisation that warns after 15 minutes; default ${DEFAULT_ALERT_THRESHOLDS.diskUtilPercent}`),
    nvmeReadLatencyMs: latency.optional().describe(`NVMe targets: read latency (ms) that warns after 10 minutes; default ${DEFAULT_ALERT_THRESHOLDS.nvmeReadLatencyMs}`),
    nvmeWriteLatencyMs: latency.optional().describe(`NVMe targets: write latency (ms) that warns after 10 minutes; default ${DEFAULT_ALERT_THRESHOLDS.nvmeWriteLatencyMs}`),
    retryRatioWarning: ratio.default(DEFAULT_ALERT_THRESHOLDS.retryRatioWarning).describe('share of GETs/PUTs retried because a remote backend rate-limits, warning'),
    retryRatioCritical: ratio.default(DEFAULT_ALERT_THRESHOLDS.retryRatioCritical).describe('the same share, critical'),
  }).prefault({}).describe('which alert rules, and their thresholds'),
  dashboards: z.strictObject({
    enabled: z.boolean().default(true).describe('emit the Grafana dashboards as ConfigMaps'),
    label: labels.default({ ...DEFAULT_DASHBOARD_LABEL }).describe('label the Grafana sidecar loads dashboard ConfigMaps by'),
    annotations: z.record(z.string(), z.string()).default({}).describe('annotations on the dashboard ConfigMaps, e.g. the sidecar folder annotation'),
  }).prefault({}).describe('Grafana dashboards'),
  legacyPodLabels: z.boolean().default(DEFAULT_LEGACY_POD_LABELS)
    .describe('add app: ais and component: proxy|target to the pods (not the selectors), as the ais-k8s Alloy configuration selects them'),
  ruleTests: z.boolean().default(false)
    .describe('write promtool unit tests of the alert rules beside the output, in monitoring-tests/<name>/ (PLAN.md prints the command)'),
  clientCertificateSecret: dnsSubdomain.optional()
    .describe('existing TLS Secret Prometheus presents when tls.clientAuth demands client certificates; default one cert-manager issues'),
}).describe('Prometheus scraping, alert rules and Grafana dashboards for prometheus-operator (kube-prometheus-stack)');

export type MonitoringConfig = z.output<typeof monitoringSchema>;
