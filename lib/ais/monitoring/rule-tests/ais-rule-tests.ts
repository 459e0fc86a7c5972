import { AisMonitoring, monitoringInternals } from '../monitoring';
import { alertRuleTestFiles } from './promtool-files';

/**
 * The promtool unit tests of every alert an {@link AisMonitoring} emits, by file name: per alert
 * `<alert>.rules.yaml` and `<alert>.test.yaml`, on series shaped like aisnode v4.9's. Run them with
 * `promtool test rules *.test.yaml` in the folder holding them (the generator writes them with
 * `monitoring.ruleTests`; docs/monitoring.md, "Testing the rules").
 */
export function aisAlertRuleTests(monitoring: AisMonitoring): ReadonlyMap<string, string> {
  const { props, alerts } = monitoringInternals(monitoring);
  return alertRuleTestFiles({
    cluster: monitoring.cluster,
    scrapeInterval: monitoring.scrapeInterval,
    alerts,
    facts: {
      cluster: props.cluster, clusterNamespace: props.clusterNamespace, proxyStatefulSets: props.proxyStatefulSets,
      targetStatefulSet: props.targetStatefulSet, targetNodes: props.targetNodes, ports: props.ports, scrapeKind: monitoring.scrapeKind,
    },
  });
}
