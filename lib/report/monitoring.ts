import type { Manifest } from '../k8s/manifest';
import { code, table } from './markdown';

const SCRAPE_KINDS = new Set(['PodMonitor', 'ServiceMonitor']);
const isMonitoring = (m: Manifest) => m.metadata.labels?.['app.kubernetes.io/component'] === 'monitoring';

/**
 * The monitoring section of PLAN.md, read off the emitted objects: what Prometheus scrapes, the
 * alert list, and where the dashboards appear. Undefined when the output has no monitoring.
 */
export function monitoringSection(manifests: readonly Manifest[]): string | undefined {
  const scrapes = manifests.filter((m) => SCRAPE_KINDS.has(m.kind) && isMonitoring(m));
  if (scrapes.length === 0) return undefined;
  const labels = (m: Manifest) => Object.entries(m.metadata.labels ?? {})
    .filter(([k]) => !k.startsWith('app.kubernetes.io/')).map(([k, v]) => code(`${k}=${v}`)).join(', ') || 'none';
  const scrapeRows = scrapes.map((m) => {
    const endpoint = (m.spec.podMetricsEndpoints ?? m.spec.endpoints)[0];
    const selector = Object.entries(m.spec.selector.matchLabels as Record<string, string>).map(([k, v]) => `${k}=${v}`).join(',');
    return [`${m.kind} ${code(`${m.metadata.namespace}/${m.metadata.name}`)}`, code(selector), `${endpoint.scheme.toUpperCase()}, port ${code(endpoint.port)}, ${code(endpoint.path)}`, endpoint.interval];
  });
  const rules = manifests.filter((m) => m.kind === 'PrometheusRule' && isMonitoring(m));
  const alertRows = rules.flatMap((m) => (m.spec.groups as any[]).flatMap((g) => (g.rules as any[]).map((r) =>
    [code(r.alert), r.labels.severity, r.for, g.name.replace(/^.*-ais-/, ''), r.annotations.summary.replace(/\|/g, '\\|')])));
  const dashboards = manifests.filter((m) => m.kind === 'ConfigMap' && isMonitoring(m));
  const dashboardRows = dashboards.map((m) => {
    const [key, json] = Object.entries(m.data as Record<string, string>)[0];
    return [JSON.parse(json).title, code(`${m.metadata.namespace}/${m.metadata.name}`), code(key), labels(m)];
  });
  return [
    '## Monitoring',
    '',
    `Prometheus (prometheus-operator) scrapes aisnode's ${code('/metrics')} on the public ports and labels every series `
      + `${code('job=aistore')} and ${code('cluster')}; it must select these objects by their labels (${labels(scrapes[0])}). See docs/monitoring.md.`,
    '',
    table(['scraped by', 'selects', 'endpoint', 'interval'], scrapeRows),
    '',
    ...(alertRows.length ? [`Alerts (${alertRows.length}, PrometheusRule ${rules.map((r) => code(`${r.metadata.namespace}/${r.metadata.name}`)).join(', ')}):`, '',
      table(['alert', 'severity', 'for', 'group', 'summary'], alertRows), ''] : ['No alert rules.', '']),
    dashboardRows.length
      ? `Grafana dashboards (ConfigMaps the Grafana sidecar loads by their label):\n\n${table(['dashboard', 'ConfigMap', 'file', 'labels'], dashboardRows)}`
      : 'No dashboards.',
  ].join('\n');
}
