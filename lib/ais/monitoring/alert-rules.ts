import { DEFAULT_ALERT_THRESHOLDS } from '../defaults';
import { DiskMedia } from '../storage/mountpath';
import { capacityAlerts } from './alerts/capacity-alerts';
import { errorAlerts } from './alerts/error-alerts';
import { kubernetesAlerts } from './alerts/kubernetes-alerts';
import { rateLimitAlerts } from './alerts/rate-limit-alerts';
import { scrapeAlerts } from './alerts/scrape-alerts';
import { omittedFlagAlerts, stateFlagAlerts } from './alerts/state-flag-alerts';
import { AlertDefinition, AlertFacts, AlertRule, OmittedAlerts, RuleGroup } from './alerts/types';
import { AisAlertThresholds, AisMonitoringProps, AlertGroup, ALL_ALERT_GROUPS } from './props';
import { ASSUMED_AISNODE_VERSION } from './state-flags';

export type { AlertDefinition, AlertFacts, AlertInput, AlertKind, AlertRule, OmittedAlerts, RuleGroup } from './alerts/types';

export const DEFAULT_THRESHOLDS: Required<AisAlertThresholds> = DEFAULT_ALERT_THRESHOLDS;

/** What the alert builders read of the props, defaults applied. */
export function alertFacts(props: AisMonitoringProps): AlertFacts {
  return {
    cluster: props.cluster, clusterNamespace: props.clusterNamespace, proxyStatefulSets: props.proxyStatefulSets,
    targetStatefulSet: props.targetStatefulSet, targetNodes: props.targetNodes, mountpaths: props.mountpaths, media: props.media,
    aisnodeVersion: props.aisnodeVersion ?? ASSUMED_AISNODE_VERSION, https: props.tls !== undefined,
    thresholds: { ...DEFAULT_THRESHOLDS, ...props.thresholds },
  };
}

const BUILDERS: Record<AlertGroup, (facts: AlertFacts) => AlertDefinition[]> = {
  [AlertGroup.STATE_FLAGS]: stateFlagAlerts,
  [AlertGroup.ERRORS]: errorAlerts,
  [AlertGroup.CAPACITY]: capacityAlerts,
  [AlertGroup.RATE_LIMIT]: rateLimitAlerts,
  [AlertGroup.KUBERNETES]: kubernetesAlerts,
  [AlertGroup.SCRAPE]: scrapeAlerts,
};

/** The enabled groups, in {@link ALL_ALERT_GROUPS} order. */
export function enabledAlertGroups(props: AisMonitoringProps): AlertGroup[] {
  const enabled = props.alertGroups ?? ALL_ALERT_GROUPS;
  return ALL_ALERT_GROUPS.filter((g) => enabled.includes(g));
}

/** Every alert of the enabled groups, each with the scenarios of its promtool unit test. */
export function aisAlertDefinitions(props: AisMonitoringProps): AlertDefinition[] {
  const facts = alertFacts(props);
  return enabledAlertGroups(props).flatMap((g) => BUILDERS[g](facts));
}

/** The PrometheusRule group name of an alert group. */
export const ruleGroupName = (cluster: string, group: AlertGroup): string => `${cluster}-ais-${group}`;

/** The alert rules of a cluster, one group per enabled {@link AlertGroup}. */
export function aisAlertGroups(props: AisMonitoringProps, definitions: readonly AlertDefinition[] = aisAlertDefinitions(props)): RuleGroup[] {
  return enabledAlertGroups(props).map((g) => ({ name: ruleGroupName(props.cluster, g), rules: definitions.filter((d) => d.group === g).map((d) => d.rule) }));
}

/** The alerts of the enabled groups this cluster does not get, and why. */
export function omittedAlerts(props: AisMonitoringProps): OmittedAlerts[] {
  const facts = alertFacts(props);
  const groups = enabledAlertGroups(props);
  const omitted: OmittedAlerts[] = [];
  if (groups.includes(AlertGroup.STATE_FLAGS)) omitted.push(...omittedFlagAlerts(facts));
  if (groups.includes(AlertGroup.CAPACITY)) {
    const nvme = ['AISDiskReadLatencyHigh', 'AISDiskWriteLatencyHigh'];
    if (facts.media === DiskMedia.HDD) omitted.push({ alerts: nvme, reason: 'the targets\' disks are HDDs: the latency alerts are for NVMe' });
    if (facts.media === DiskMedia.NVME) omitted.push({ alerts: ['AISDiskSaturated'], reason: 'the targets\' disks are NVMe, whose disk_util pegs near 100% with headroom left' });
    if (facts.media === undefined) omitted.push({ alerts: ['AISDiskSaturated', ...nvme], reason: 'the targets\' disk media (hdd or nvme) is not set' });
  }
  return omitted;
}

/** An alert rule as the PrometheusRule (and a promtool rule file) holds it. */
export const ruleObject = (rule: AlertRule): Record<string, unknown> => ({
  alert: rule.alert, expr: rule.expr, for: rule.for, labels: { ...rule.labels }, annotations: { ...rule.annotations },
});
