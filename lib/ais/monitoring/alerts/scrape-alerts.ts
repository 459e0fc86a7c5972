import { AlertGroup } from '../../defaults';
import { aisScope } from '../promql';
import { AlertScenario, ScenarioContext, steadyTimeline } from '../rule-tests/scenario';
import { InputSeries, withoutName } from '../rule-tests/series';
import { STALE, durationSeconds, hold, missing } from '../rule-tests/timeline';
import { AlertDefinition, AlertFacts, AlertRule } from './types';

/** Prometheus cannot scrape an AIS pod, or scrapes none of the cluster at all. */
export function scrapeAlerts(facts: AlertFacts): AlertDefinition[] {
  const scope = aisScope(facts.cluster);
  const failing: AlertRule = {
    alert: 'AISScrapeFailing', expr: `up{${scope}} == 0`, for: '5m', labels: { severity: 'critical' },
    annotations: { summary: 'Prometheus cannot scrape AIS {{ $labels.pod }}',
      description: 'the node is down or /metrics fails: check the pod, and the scrape CA and client certificate with HTTPS' },
  };
  const absent: AlertRule = {
    alert: 'AISNotScraped', expr: `absent(up{${scope}})`, for: '15m', labels: { severity: 'warning', cluster: facts.cluster },
    annotations: { summary: `Prometheus scrapes no AIS node of cluster ${facts.cluster}`,
      description: 'Prometheus loads this rule but selects no monitor: check the PodMonitors/ServiceMonitors (their labels, namespace and TLS Secrets) and that the pods run' },
  };
  const failingScenarios = ({ interval, shapes }: ScenarioContext): AlertScenario[] => {
    const { length, late, expect } = steadyTimeline(durationSeconds(failing.for), interval);
    const up = (index: number, values: InputSeries['values'], extra: { cluster?: string; job?: string } = {}): InputSeries =>
      ({ labels: shapes.up({ role: 'target', index, ...extra }), values });
    const down = up(0, [hold(0, length)]);
    return [
      { name: 'a target down', tags: ['fires'], series: [down], expect: expect([withoutName(down.labels)]) },
      { name: 'up; down for less than `for`', tags: ['threshold', 'short'], series: [up(1, [hold(1, length)]), up(2, [hold(1, late), hold(0, length - late)])],
        expect: expect([]) },
      { name: 'another cluster, another job', tags: ['other-cluster', 'other-job'],
        series: [up(0, [hold(0, length)], { cluster: `${facts.cluster}-other` }), up(0, [hold(0, length)], { job: 'other' })], expect: expect([]) },
    ];
  };
  const absentScenarios = ({ interval, shapes }: ScenarioContext): AlertScenario[] => {
    const { length, late, expect } = steadyTimeline(durationSeconds(absent.for), interval);
    const up = (value: number, extra: { cluster?: string; job?: string } = {}): InputSeries =>
      ({ labels: shapes.up({ role: 'target', index: 0, ...extra }), values: [hold(value, length)] });
    return [
      { name: 'only another cluster and another job are scraped', tags: ['fires', 'other-cluster', 'other-job'], isolated: true,
        series: [up(1, { cluster: `${facts.cluster}-other` }), up(1, { job: 'other' })], expect: expect([{ cluster: facts.cluster, job: 'aistore' }]) },
      { name: 'scraped, failing and not', tags: ['threshold'], isolated: true, series: [up(0), { ...up(1), labels: shapes.up({ role: 'proxy', index: 0 }) }], expect: expect([]) },
      { name: 'gone for less than `for`', tags: ['short'], isolated: true,
        series: [{ labels: shapes.up({ role: 'target', index: 0 }), values: [hold(1, late), STALE, missing(length - late - interval)] }], expect: expect([]) },
    ];
  };
  return [
    { group: AlertGroup.SCRAPE, kind: 'scrape', needs: ['Prometheus'], rule: failing, scenarios: failingScenarios },
    { group: AlertGroup.SCRAPE, kind: 'scrape', needs: ['Prometheus'], rule: absent, scenarios: absentScenarios },
  ];
}
