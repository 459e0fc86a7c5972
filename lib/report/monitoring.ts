import { imageTag } from '../ais/compatibility';
import type { AisMonitoring } from '../ais/monitoring/monitoring';
import { ScrapeKind } from '../ais/monitoring/props';
import { ASSUMED_AISNODE_VERSION } from '../ais/monitoring/state-flags';
import type { Manifest } from '../k8s/manifest';
import { code, table } from './markdown';

const SCRAPE_KINDS = new Set(['PodMonitor', 'ServiceMonitor']);
const isMonitoring = (m: Manifest) => m.metadata.labels?.['app.kubernetes.io/component'] === 'monitoring';
const KPS_SELECTORS = 'prometheus.prometheusSpec.{podMonitor,serviceMonitor,rule}SelectorNilUsesHelmValues';

/**
 * Which Prometheus selects the monitors and rules, and why: kube-prometheus-stack selects them by
 * `release: <its Helm release>` unless its `*SelectorNilUsesHelmValues` are false (values.yaml; its
 * templates/prometheus/prometheus.yaml renders `matchLabels: {release: …}`), and all namespaces.
 */
function pickedUpBy(monitoring: AisMonitoring): string {
  const labels = monitoring.selectorLabels ?? {};
  const list = Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(', ');
  const kind = monitoring.scrapeKind === ScrapeKind.POD_MONITOR ? 'podMonitor' : 'serviceMonitor';
  const generic = `a Prometheus whose ${kind} and rule selectors match ${code(list)} and whose namespace selectors include `
    + `${code(monitoring.namespaces.monitors)} (monitors) and ${code(monitoring.namespaces.rules)} (rules)`;
  if (labels.release !== undefined) {
    return `kube-prometheus-stack installed as Helm release ${code(labels.release)} (its default selectors match ${code(`release=${labels.release}`)}, `
      + `its namespace selectors all namespaces), or ${generic}.`;
  }
  if (list) return `${generic}; a default kube-prometheus-stack selects only ${code('release=<its Helm release>')}, so not these.`;
  return `only a Prometheus that selects every monitor and rule (kube-prometheus-stack with ${code(`${KPS_SELECTORS}: false`)}); `
    + 'a default kube-prometheus-stack ignores them, and AISNotScraped cannot tell you, because the rule is not loaded either'
    + `${monitoring.selectorLabels === undefined ? ` (${code('selectorLabels')} is not set: set it to ${code('{release: <release>}')} for kube-prometheus-stack)` : ''}.`;
}

/** What the generator's notes say about the alerts: what is not emitted and why, the aisnode release assumed. */
function omitted(monitoring: AisMonitoring, aisnode: string | undefined): string[] {
  const lines = monitoring.omittedAlerts.map((o) => `- ${o.alerts.map(code).join(', ')}: ${o.reason}`);
  const assumed = `${ASSUMED_AISNODE_VERSION.major}.${ASSUMED_AISNODE_VERSION.minor}`;
  const version = monitoring.aisnodeVersionKnown || aisnode === undefined ? [] : [
    `The alerts assume aisnode ${assumed}: the aisnode image ${imageTag(aisnode) ? `tag ${code(imageTag(aisnode)!)} is not a version` : 'has no tag (digest only)'}, `
      + 'so the alerts on flags aisnode sets only from 5.0 on are not emitted.', ''];
  return lines.length ? [...version, 'Not emitted:', '', ...lines, ''] : version;
}

/**
 * The monitoring section of PLAN.md, read off the emitted objects and the built {@link AisMonitoring}: who
 * picks the monitors and rules up, what Prometheus scrapes, the alerts and what each needs, what is not
 * emitted and why, where the dashboards appear, how to run the rule tests. Undefined when the output has no monitoring.
 */
export function monitoringSection(manifests: readonly Manifest[], monitoring?: AisMonitoring, ruleTests?: string, aisnode?: string): string | undefined {
  const scrapes = manifests.filter((m) => SCRAPE_KINDS.has(m.kind) && isMonitoring(m));
  if (scrapes.length === 0) return undefined;
  const labels = (m: Manifest) => Object.entries(m.metadata.labels ?? {})
    .filter(([k]) => !k.startsWith('app.kubernetes.io/')).map(([k, v]) => code(`${k}=${v}`)).join(', ') || 'none';
  const scrapeRows = scrapes.map((m) => {
    const endpoint = (m.spec.podMetricsEndpoints ?? m.spec.endpoints)[0];
    const selector = Object.entries(m.spec.selector.matchLabels as Record<string, string>).map(([k, v]) => `${k}=${v}`).join(',');
    return [`${m.kind} ${code(`${m.metadata.namespace}/${m.metadata.name}`)}`, code(selector), `${endpoint.scheme.toUpperCase()}, port ${code(endpoint.port)}, ${code(endpoint.path)}`, endpoint.interval];
  });
  const needs = new Map(Object.entries(monitoring?.alertInputs ?? {}).map(([alert, inputs]) => [alert, inputs.join(', ')]));
  const rules = manifests.filter((m) => m.kind === 'PrometheusRule' && isMonitoring(m));
  const alertRows = rules.flatMap((m) => (m.spec.groups as any[]).flatMap((g) => (g.rules as any[]).map((r) =>
    [code(r.alert), r.labels.severity, r.for, g.name.replace(/^.*-ais-/, ''), needs.get(r.alert) ?? '', r.annotations.summary.replace(/\|/g, '\\|')])));
  const dashboards = manifests.filter((m) => m.kind === 'ConfigMap' && isMonitoring(m));
  const dashboardRows = dashboards.map((m) => {
    const [key, json] = Object.entries(m.data as Record<string, string>)[0];
    return [JSON.parse(json).title, code(`${m.metadata.namespace}/${m.metadata.name}`), code(key), labels(m)];
  });
  const folderAnnotation = dashboards.some((m) => Object.keys(m.metadata.annotations ?? {}).some((k) => !k.startsWith('argocd.argoproj.io/')));
  const onDelete = manifests.filter((m) => m.kind === 'StatefulSet' && m.spec.updateStrategy?.type === 'OnDelete');
  return [
    '## Monitoring',
    '',
    `Prometheus (prometheus-operator) scrapes aisnode's ${code('/metrics')} on the public ports and labels every series `
      + `${code('job=aistore')} and ${code('cluster')}. See docs/monitoring.md.`,
    '',
    ...(monitoring ? [`**Which Prometheus picks these up:** ${pickedUpBy(monitoring)}`, ''] : []),
    table(['scraped by', 'selects', 'endpoint', 'interval'], scrapeRows),
    '',
    ...(alertRows.length ? [`Alerts (${alertRows.length}, PrometheusRule ${rules.map((r) => code(`${r.metadata.namespace}/${r.metadata.name}`)).join(', ')}):`, '',
      table(['alert', 'severity', 'for', 'group', 'needs', 'summary'], alertRows), ''] : ['No alert rules.', '']),
    ...(monitoring ? omitted(monitoring, aisnode) : []),
    ...(ruleTests ? [`Unit tests of these alerts: run ${code(`promtool test rules ${ruleTests}/*.test.yaml`)} in the folder holding this file `
      + `(promtool 2.42 or later; the tests are written at the scrape interval when it divides a minute, else at 30s).`, ''] : []),
    ...(alertRows.length && onDelete.length ? [`kube-prometheus-stack's own ${code('KubeStatefulSetUpdateNotRolledOut')} fires for `
      + `${onDelete.map((s) => code(`${s.metadata.namespace}/${s.metadata.name}`)).join(', ')} 15 minutes after any change of its pod template until every pod of it `
      + 'is restarted (expected with OnDelete; docs/monitoring.md says how to silence it).', ''] : []),
    dashboardRows.length
      ? `Grafana dashboards (ConfigMaps the Grafana sidecar loads by their label):\n\n${table(['dashboard', 'ConfigMap', 'file', 'labels'], dashboardRows)}`
        + (folderAnnotation ? '\n\nThe Grafana sidecar reads a folder annotation only with kube-prometheus-stack values '
          + `${code('grafana.sidecar.dashboards.folderAnnotation: <annotation key>')} and ${code('grafana.sidecar.dashboards.provider.foldersFromFilesStructure: true')}; `
          + 'otherwise the dashboards land in "General".' : '')
      : 'No dashboards.',
  ].join('\n');
}
