import type { AisRole } from '../../workloads/daemon-pod';
import { AlertGroup } from '../../defaults';
import { AISNODE_METRICS, aisnodeMetricName } from '../aisnode-metrics';
import { aisScope } from '../promql';
import { AlertScenario, ScenarioContext, steadyTimeline } from '../rule-tests/scenario';
import { InputSeries, PodRef, withoutName } from '../rule-tests/series';
import { Segment, durationSeconds, hold } from '../rule-tests/timeline';
import { NodeStateFlag, flagNotAlerted, flagSetExpr, flagValue, flagsAlerted, NODE_STATE_FLAGS } from '../state-flags';
import { AlertDefinition, AlertFacts, OmittedAlerts } from './types';

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const ROLES: readonly AisRole[] = ['proxy', 'target'];
/** NodeStarted | ClusterStarted: a healthy node (cmn/cos/node_state.go IsOK). */
const STARTED = 6;
const ALL_BITS = 2 ** NODE_STATE_FLAGS.length - 1;

export const flagAlertName = (role: AisRole, flag: NodeStateFlag): string => `AIS${capital(role)}${flag.name}`;

/**
 * The scenarios of a flag alert: the bit alone, among others and above bit 23 fire; every other bit, the
 * neighbours, the other role's gauge, another cluster or job, a bit set for less than `for` do not.
 */
function flagScenarios(role: AisRole, flag: NodeStateFlag, { interval, shapes }: ScenarioContext): AlertScenario[] {
  const bit = flagValue(flag);
  const { hold: hold_, length, late, expect: times } = steadyTimeline(durationSeconds(flag.for), interval);
  const at = (value: number | Segment[], pod: PodRef): InputSeries => ({
    labels: shapes.aisnode(AISNODE_METRICS.stateFlags, pod),
    values: typeof value === 'number' ? [hold(value, length)] : value,
  });
  const pod = (index: number, extra: Partial<PodRef> = {}): PodRef => ({ role, index, ...extra });
  const firing = [at(bit, pod(0)), at(bit | STARTED, pod(1)), at(ALL_BITS, pod(2)), at(2 ** 24 + bit, pod(3))];
  const below = bit / 2;
  const above = bit * 2;
  const quiet = [ALL_BITS - bit, STARTED, 0, bit - 1, ALL_BITS - (2 * bit - 1), below | STARTED, above | STARTED, below | above | STARTED]
    .map((value, i) => at(value, pod(4 + i)));
  const other = role === 'proxy' ? 'target' : 'proxy';
  const short = [at([hold(STARTED, late), hold(bit | STARTED, length - late)], pod(12))];
  if (hold_ > interval) short.push(at([hold(bit | STARTED, hold_ - interval), hold(STARTED, length - hold_ + interval)], pod(13)));
  return [
    { name: 'the bit alone, with NodeStarted|ClusterStarted, with every bit, with a bit above 23', tags: ['fires'], series: firing,
      expect: times(firing.map((s) => withoutName(s.labels))) },
    { name: 'every other bit, only the started bits, none, all lower, all higher bits, a neighbour, both neighbours', tags: ['neighbour-bits'], series: quiet, expect: times([]) },
    { name: `the ${other}s' gauge with the bit`, tags: ['other-role'], series: [at(bit | STARTED, { role: other, index: 0 })], expect: times([]) },
    { name: 'another cluster, another job', tags: ['other-cluster', 'other-job'],
      series: [at(bit | STARTED, pod(0, { cluster: `${shapes.facts.cluster}-other` })), at(bit | STARTED, pod(0, { job: 'other' }))], expect: times([]) },
    { name: 'set for less than `for` (at the end, and at the start then cleared)', tags: ['short'], series: short, expect: times([]) },
  ];
}

/** `AIS<Role><Flag>` for every warning/critical flag the role's aisnode sets in `ais_<role>_state_flags`. */
export function stateFlagAlerts(facts: AlertFacts): AlertDefinition[] {
  const node = { version: facts.aisnodeVersion, https: facts.https };
  return ROLES.flatMap((role) => flagsAlerted(role, node).map((flag): AlertDefinition => ({
    group: AlertGroup.STATE_FLAGS, kind: 'flag', needs: ['aisnode'],
    rule: {
      alert: flagAlertName(role, flag),
      expr: flagSetExpr(`${aisnodeMetricName(role, AISNODE_METRICS.stateFlags)}{${aisScope(facts.cluster)}}`, flag),
      for: flag.for,
      labels: { severity: flag.severity as 'critical' | 'warning', flag: flag.name },
      annotations: { summary: `AIS ${role} {{ $labels.pod }}: ${flag.summary}`, description: flag.description },
    },
    scenarios: (context) => flagScenarios(role, flag, context),
  })));
}

/** Flags about a target's own work (its disks, space, rebalance and resilver): no proxy alert is missed for them. */
const TARGET_WORK = new Set(['Rebalancing', 'RebalanceInterrupted', 'Resilvering', 'ResilverInterrupted', 'OOS', 'LowCapacity', 'DiskFault', 'DiskOOS', 'DiskLowCapacity']);

/** The flag alerts this cluster does not get, grouped by reason (proxies' alerts for a target's own work are not listed). */
export function omittedFlagAlerts(facts: AlertFacts): OmittedAlerts[] {
  const node = { version: facts.aisnodeVersion, https: facts.https };
  const byReason = new Map<string, string[]>();
  for (const flag of NODE_STATE_FLAGS.filter((f) => f.severity !== 'info')) {
    for (const role of ROLES) {
      const why = flagNotAlerted(flag, role, node);
      if (!why || (role === 'proxy' && TARGET_WORK.has(flag.name))) continue;
      // one line per kind of reason; the setters go with the flag
      const reason = why.replace(/ \(.*\)$/, '');
      byReason.set(reason, [...(byReason.get(reason) ?? []), flagAlertName(role, flag)]);
    }
  }
  return [...byReason].map(([reason, alerts]) => ({ alerts, reason }));
}
