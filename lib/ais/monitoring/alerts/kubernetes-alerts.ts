import { AlertGroup } from '../../defaults';
import { exactRegex, quote, regexLiteral } from '../promql';
import { AlertScenario, Expectation, ScenarioContext, minutes, steadyTimeline } from '../rule-tests/scenario';
import { InputSeries, Labels, withoutName } from '../rule-tests/series';
import { durationSeconds, hold } from '../rule-tests/timeline';
import { AlertDefinition, AlertFacts, AlertRule } from './types';

/** `<role>` StatefulSets with fewer ready replicas than wanted (kube-state-metrics), ours by name only. */
function statefulSetAlert(facts: AlertFacts, role: 'Proxy' | 'Target', sets: readonly string[], severity: 'warning' | 'critical'): AlertDefinition {
  const ns = `namespace=${quote(facts.clusterNamespace)}`;
  const sel = `${ns}, statefulset=~${regexLiteral(sets)}`;
  const rule: AlertRule = {
    alert: `AIS${role}StatefulSetUnavailable`, for: '5m', labels: { severity, cluster: facts.cluster },
    expr: `kube_statefulset_replicas{${sel}} - kube_statefulset_status_replicas_ready{${sel}} > 0`,
    annotations: {
      summary: `StatefulSet {{ $labels.namespace }}/{{ $labels.statefulset }} has ${role.toLowerCase()} pods that are not ready`,
      description: `\`kubectl -n {{ $labels.namespace }} describe statefulset {{ $labels.statefulset }}\`${role === 'Target' ? '; a missing target makes its objects unavailable' : ''}`,
    },
  };
  const scenarios = ({ interval, shapes }: ScenarioContext): AlertScenario[] => {
    const { length, late, expect } = steadyTimeline(durationSeconds(rule.for), interval);
    const statefulSet = (namespace: string, name: string, ready: number, from = 0): InputSeries[] => [
      { labels: shapes.kubeStateMetrics('kube_statefulset_replicas', { namespace, statefulset: name }), values: [hold(3, length)] },
      { labels: shapes.kubeStateMetrics('kube_statefulset_status_replicas_ready', { namespace, statefulset: name }),
        values: from ? [hold(3, from), hold(ready, length - from)] : [hold(ready, length)] },
    ];
    const unavailable = sets.map((name) => statefulSet(facts.clusterNamespace, name, 2));
    return [
      { name: `one pod of ${sets.join(', ')} not ready`, tags: ['fires'], series: unavailable.flat(), expect: expect(unavailable.map((s) => withoutName(s[0].labels))) },
      { name: 'every pod ready', tags: ['threshold'], isolated: true, series: sets.flatMap((name) => statefulSet(facts.clusterNamespace, name, 3)), expect: expect([]) },
      { name: `the same name in another namespace, another StatefulSet (${sets[0]}-lb, other-${role.toLowerCase()})`, tags: ['out-of-scope'],
        series: [...statefulSet(`${facts.clusterNamespace}-other`, sets[0], 0), ...statefulSet(facts.clusterNamespace, `${sets[0]}-lb`, 0),
          ...statefulSet(facts.clusterNamespace, `other-${role.toLowerCase()}`, 0)], expect: expect([]) },
      { name: 'not ready for less than `for`', tags: ['short'], isolated: true, series: statefulSet(facts.clusterNamespace, sets[0], 2, late), expect: expect([]) },
    ];
  };
  return { group: AlertGroup.KUBERNETES, kind: 'kubernetes', needs: ['kube-state-metrics'], rule, scenarios };
}

/**
 * Three or more restarts of the ais-node container in 30 minutes. `>= 3`, not `> 2`: `increase` extrapolates to
 * the window's edges, and with Prometheus 3's left-open windows two restarts read as slightly more than 2.
 */
function podRestartingAlert(facts: AlertFacts): AlertDefinition {
  const pods = `(${exactRegex([...facts.proxyStatefulSets, facts.targetStatefulSet])})-[0-9]+`;
  const rule: AlertRule = {
    alert: 'AISPodRestarting', for: '0s', labels: { severity: 'warning', cluster: facts.cluster },
    expr: `increase(kube_pod_container_status_restarts_total{namespace=${quote(facts.clusterNamespace)}, pod=~${quote(pods)}, container="ais-node"}[30m]) >= 3`,
    annotations: {
      summary: 'AIS pod {{ $labels.namespace }}/{{ $labels.pod }} restarted 3 or more times in 30 minutes',
      description: '`kubectl logs --previous` of the ais-node container; a config or mountpath problem keeps it crash-looping',
    },
  };
  const scenarios = ({ interval, shapes }: ScenarioContext): AlertScenario[] => {
    const length = minutes(50) + 2 * interval;
    const target = shapes.podName('target', 0);
    /** `restarts` restarts of `container` in `pod`, one every 2 minutes from `from` on */
    const restarts = (namespace: string, pod: string, container: string, count: number, from = minutes(10)): InputSeries => ({
      labels: shapes.kubeStateMetrics('kube_pod_container_status_restarts_total', { namespace, pod, uid: `uid-${pod}`, container }),
      values: [hold(0, from), ...Array.from({ length: count }, (_, i) => hold(i + 1, minutes(2))), hold(count, length - from - count * minutes(2))],
    });
    const fires = restarts(facts.clusterNamespace, target, 'ais-node', 3);
    const at = (firing: readonly Labels[]): Expectation[] => [{ at: minutes(9), firing: [] }, { at: minutes(17), firing }, { at: minutes(50), firing: [] }];
    return [
      { name: '3 restarts of ais-node in 30 minutes', tags: ['fires', 'threshold'], series: [fires], expect: at([withoutName(fires.labels)]) },
      { name: '2 restarts, counted from a full window (where Prometheus 3 extrapolates)', tags: ['threshold'],
        series: [restarts(facts.clusterNamespace, shapes.podName('target', 1), 'ais-node', 2, minutes(25))], expect: at([]) },
      { name: 'the init containers, another namespace, a pod of another name', tags: ['out-of-scope'], series: [
        restarts(facts.clusterNamespace, target, 'ais-init', 3), restarts(facts.clusterNamespace, target, 'populate-env', 3),
        restarts(`${facts.clusterNamespace}-other`, target, 'ais-node', 3), restarts(facts.clusterNamespace, `${facts.targetStatefulSet}-lb-0`, 'ais-node', 3),
      ], expect: at([]) },
    ];
  };
  return { group: AlertGroup.KUBERNETES, kind: 'kubernetes', needs: ['kube-state-metrics'], rule, scenarios };
}

/** Our StatefulSets not ready, and the aisnode container restarting (kube-state-metrics). */
export function kubernetesAlerts(facts: AlertFacts): AlertDefinition[] {
  return [
    statefulSetAlert(facts, 'Proxy', facts.proxyStatefulSets, 'warning'),
    statefulSetAlert(facts, 'Target', [facts.targetStatefulSet], 'critical'),
    podRestartingAlert(facts),
  ];
}
