/**
 * PLAN.md's Monitoring section: which Prometheus picks the monitors and rules up and why (audit M2), what each
 * alert reads, which alerts are not emitted and why (audit M1, M3), the Grafana folder settings (audit L2) and
 * kube-prometheus-stack's OnDelete alert (audit L1).
 */
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../lib/from-config/load';
import { edit } from '../support/gitops';
import { MONITORING_EXAMPLE } from '../support/monitoring';
import { planOf } from '../support/synth';

const monitoringPlan = (text: string) => {
  const plan = planOf(text);
  return plan.slice(plan.indexOf('## Monitoring'), plan.indexOf('\n## ', plan.indexOf('## Monitoring') + 1));
};
const selectors = (labels: string) => edit(MONITORING_EXAMPLE, /    selectorLabels:\n      release: prometheus .*\n/, labels);

describe('PLAN.md: which Prometheus picks the monitors and rules up', () => {
  it('a release label: that kube-prometheus-stack release, or a Prometheus selecting the labels in these namespaces', () => {
    expect(monitoringPlan(MONITORING_EXAMPLE)).toContain('**Which Prometheus picks these up:** kube-prometheus-stack installed as Helm release `prometheus` '
      + '(its default selectors match `release=prometheus`, its namespace selectors all namespaces), or a Prometheus whose podMonitor and rule selectors '
      + 'match `release=prometheus` and whose namespace selectors include `ais` (monitors) and `monitoring` (rules).');
  });

  it('other labels: a Prometheus selecting them, not a default kube-prometheus-stack', () => {
    expect(monitoringPlan(selectors('    selectorLabels: { team: storage }\n'))).toContain('**Which Prometheus picks these up:** a Prometheus whose podMonitor and rule selectors '
      + 'match `team=storage` and whose namespace selectors include `ais` (monitors) and `monitoring` (rules); a default kube-prometheus-stack selects only `release=<its Helm release>`, so not these.');
  });

  it('none given or {}: only a Prometheus that selects all, and AISNotScraped cannot tell; unset is a synth warning', () => {
    const all = 'only a Prometheus that selects every monitor and rule (kube-prometheus-stack with `prometheus.prometheusSpec.{podMonitor,serviceMonitor,rule}SelectorNilUsesHelmValues: false`); '
      + 'a default kube-prometheus-stack ignores them, and AISNotScraped cannot tell you, because the rule is not loaded either';
    expect(monitoringPlan(selectors('    selectorLabels: {}\n'))).toContain(`**Which Prometheus picks these up:** ${all}.`);
    expect(monitoringPlan(selectors(''))).toContain(`**Which Prometheus picks these up:** ${all} (\`selectorLabels\` is not set: set it to \`{release: <release>}\` for kube-prometheus-stack).`);
    const warnings = (text: string) => parseConfigText(text, 'cluster.yaml').warnings.map((w) => `${w.path}: ${w.message}`);
    expect(warnings(selectors(''))).toEqual([expect.stringMatching(/^ais\.monitoring\.selectorLabels: warning: no labels for Prometheus to select the monitors and rules by/)]);
    expect(warnings(selectors('    selectorLabels: {}\n'))).toEqual([]);
  });
});

describe('PLAN.md: the alerts', () => {
  it('lists what each alert reads, and what aisnode v4.9 over HTTP with HDDs does not get and why', () => {
    const plan = monitoringPlan(edit(MONITORING_EXAMPLE, /  tls:\n(    .*\n)+/, ''));
    expect(plan).toContain('| alert | severity | for | group | needs | summary |');
    expect(plan).toContain('| `AISMountpathFull` | critical | 5m | capacity | node-exporter |');
    expect(plan).toContain('| `AISPodRestarting` | warning | 0s | kubernetes | kube-state-metrics |');
    const notEmitted = plan.slice(plan.indexOf('Not emitted:'), plan.indexOf('\n\n', plan.indexOf('Not emitted:') + 14));
    expect(notEmitted.split('\n').slice(2)).toEqual([
      '- `AISProxyVoteInProgress`, `AISTargetVoteInProgress`: aisnode never sets it in state_flags',
      '- `AISTargetRebalanceInterrupted`, `AISTargetResilvering`, `AISTargetResilverInterrupted`: set from aisnode 5.0 on',
      '- `AISProxyNodeRestarted`, `AISProxyMaintenanceMode`: set only on targets',
      '- `AISProxyCertWillSoonExpire`, `AISTargetCertWillSoonExpire`, `AISProxyCertificateExpired`, `AISTargetCertificateExpired`, `AISProxyCertificateInvalid`, `AISTargetCertificateInvalid`: set only over HTTPS',
      '- `AISDiskReadLatencyHigh`, `AISDiskWriteLatencyHigh`: the targets\' disks are HDDs: the latency alerts are for NVMe',
    ]);
  });

  it('a digest-only aisnode image is taken as 4.9, and PLAN.md says so', () => {
    const digest = edit(MONITORING_EXAMPLE, /^ais:\n/m, `ais:\n  images: { aisnode: docker.io/aistorage/aisnode@sha256:${'0f'.repeat(32)} }\n`);
    expect(monitoringPlan(digest)).toContain('The alerts assume aisnode 4.9: the aisnode image has no tag (digest only), so the alerts on flags aisnode sets only from 5.0 on are not emitted.');
    expect(monitoringPlan(MONITORING_EXAMPLE)).not.toContain('The alerts assume aisnode');
  });

  it('without the disk media, no disk saturation alert and the reason', () => {
    expect(monitoringPlan(edit(MONITORING_EXAMPLE, /    media: hdd.*\n/, ''))).toContain('- `AISDiskSaturated`, `AISDiskReadLatencyHigh`, `AISDiskWriteLatencyHigh`: the targets\' disk media (hdd or nvme) is not set');
  });

  it('names kube-prometheus-stack\'s KubeStatefulSetUpdateNotRolledOut for the OnDelete targets, and the two Grafana values a folder annotation needs', () => {
    const plan = monitoringPlan(MONITORING_EXAMPLE);
    expect(plan).toMatch(/kube-prometheus-stack's own `KubeStatefulSetUpdateNotRolledOut` fires for [^\n]*`ais\/demo-target` 15 minutes after any change of its pod template/);
    expect(plan).toContain('`grafana.sidecar.dashboards.folderAnnotation: <annotation key>` and `grafana.sidecar.dashboards.provider.foldersFromFilesStructure: true`');
    expect(monitoringPlan(edit(MONITORING_EXAMPLE, /      annotations: \{ grafana_folder: AIStore \}\n/, ''))).not.toContain('folderAnnotation');
  });
});
