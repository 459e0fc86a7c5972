import { AlertGroup } from '../../defaults';
import { AISNODE_METRICS, AisnodeMetric, aisnodeMetricName } from '../aisnode-metrics';
import { aisScope, firstIncrement } from '../promql';
import { AlertScenario, ScenarioContext, ScenarioTag, minutes } from '../rule-tests/scenario';
import { ChildLabels, InputSeries, PodRef, pick } from '../rule-tests/series';
import { STALE, durationSeconds, hold, missing } from '../rule-tests/timeline';
import { AlertDefinition, AlertFacts, AlertRule } from './types';

/** A counter watched for its first increment, and the child label set its scenarios use. */
interface WatchedCounter {
  readonly metric: AisnodeMetric;
  readonly child: ChildLabels;
}

interface FirstIncrementAlert {
  readonly rule: Omit<AlertRule, 'expr'>;
  readonly counters: readonly WatchedCounter[];
  readonly window: string;
  readonly by: readonly string[];
  /** extra scenarios on pods from index 6 on (same timeline) */
  readonly extra?: (timeline: FirstIncrementTimeline, context: ScenarioContext) => AlertScenario[];
}

/** When the counters of the scenarios are born and when they are evaluated. */
interface FirstIncrementTimeline {
  /** when the new children appear (a window and 5 minutes after the start, so `up offset <window>` exists) */
  readonly birth: number;
  readonly length: number;
  /** whether a time one interval before `for` elapses is checked (the alert is pending then) */
  readonly pendingChecked: boolean;
  /** the evaluation times, and whether a first increment at `birth` fires then (always before `birth`) */
  readonly times: readonly { readonly at: number; readonly fires: boolean }[];
}

function timeline(window: number, hold_: number, interval: number): FirstIncrementTimeline {
  const birth = window + minutes(5);
  return {
    birth, length: birth + window + minutes(2), pendingChecked: hold_ >= minutes(2),
    times: [
      { at: minutes(1), fires: false },
      // a fresh TSDB's counters are younger than the window until it has passed: with a `for`, that is when a lost guard pages
      ...(hold_ > 0 ? [{ at: window - minutes(1), fires: false }] : []),
      { at: birth - minutes(1), fires: false },
      ...(hold_ >= minutes(2) ? [{ at: birth + hold_ - interval, fires: false }] : []),
      { at: birth + hold_ + minutes(1), fires: true },
      { at: birth + window + minutes(1), fires: false },
    ],
  };
}

/**
 * The scenarios every first-increment alert has: a child born at 1 after the pod was scraped for a while
 * fires, as do an increment of a counter with history, a recreated pod's and a restarted container's first
 * error; a fresh TSDB that finds old counters, a flat counter, another cluster or job do not; and the alert
 * resolves a window after the error.
 */
function firstIncrementScenarios(spec: FirstIncrementAlert, context: ScenarioContext): AlertScenario[] {
  const { interval, shapes } = context;
  const t = timeline(durationSeconds(spec.window), durationSeconds(spec.rule.for), interval);
  const { metric, child } = spec.counters[0];
  const pod = (index: number, extra: Partial<PodRef> = {}): PodRef => ({ role: 'target', index, ...extra });
  const upAlways = (p: PodRef): InputSeries => ({ labels: shapes.up(p), values: [hold(1, t.length)] });
  const bornAt1 = (p: PodRef, c: WatchedCounter = spec.counters[0]): InputSeries =>
    ({ labels: shapes.aisnode(c.metric, p, c.child), values: [missing(t.birth), hold(1, t.length - t.birth)] });
  const firing = (p: PodRef, fires: boolean) => t.times.map(({ at, fires: now }) => ({
    at, firing: fires && now ? [pick(shapes.aisnode(metric, p, child), spec.by)] : [],
  }));
  const scenario = (name: string, tags: ScenarioTag[], p: PodRef, series: InputSeries[], fires: boolean): AlertScenario =>
    ({ name, tags, series, expect: firing(p, fires) });
  const counter = (p: PodRef) => shapes.aisnode(metric, p, child);

  const old = pod(4);
  const recreated = pod(4, { recreated: true });
  const down = t.birth - minutes(5);
  const restart = t.birth - minutes(3);
  const scenarios = [
    // with a `for`, the times include one interval before it elapses: pending, not firing
    scenario('the first error: a child born at 1 on a pod scraped for more than a window', ['fires', 'born-at-1', ...(t.pendingChecked ? ['short' as const] : [])],
      pod(0), [upAlways(pod(0)), bornAt1(pod(0))], true),
    scenario('a fresh TSDB (Prometheus restarted on an emptyDir) finds a counter at 3', ['fresh-tsdb'], pod(1),
      [upAlways(pod(1)), { labels: counter(pod(1)), values: [hold(3, t.length)] }], false),
    scenario('a counter with history increments', ['fires'], pod(2),
      [upAlways(pod(2)), { labels: counter(pod(2)), values: [hold(2, t.birth), hold(3, t.length - t.birth)] }], true),
    scenario('a flat counter', ['fresh-tsdb'], pod(3), [upAlways(pod(3)), { labels: counter(pod(3)), values: [hold(2, t.length)] }], false),
    scenario('the pod is recreated (new IP): the first error after that is born at 1', ['fires', 'restart'], pod(4), [
      { labels: shapes.up(old), values: [hold(1, down), STALE] },
      { labels: counter(old), values: [hold(2, down), STALE] },
      { labels: shapes.up(recreated), values: [missing(down + interval), hold(1, t.length - down - interval)] },
      bornAt1(recreated),
    ], true),
    scenario('the container restarts (same labels): the counter comes back at 1', ['fires', 'restart'], pod(5), [
      { labels: shapes.up(pod(5)), values: [hold(1, restart), hold(0, minutes(3)), hold(1, t.length - t.birth)] },
      { labels: counter(pod(5)), values: [hold(2, restart), STALE, missing(minutes(3) - interval), hold(1, t.length - t.birth)] },
    ], true),
    // pods of their own: the alert drops `job`, so a leak would show as an alert of pod 10 or 11
    { name: 'the same first error in another cluster and another job', tags: ['other-cluster', 'other-job'] as ScenarioTag[],
      series: [pod(10, { cluster: `${shapes.facts.cluster}-other` }), pod(11, { job: 'other' })].flatMap((p) => [upAlways(p), bornAt1(p)]),
      expect: firing(pod(10), false) },
  ];
  return [...scenarios, ...(spec.extra?.(t, context) ?? [])];
}

function firstIncrementAlert(facts: AlertFacts, spec: FirstIncrementAlert): AlertDefinition {
  const scope = aisScope(facts.cluster);
  const one = (c: WatchedCounter) => firstIncrement(`${aisnodeMetricName('target', c.metric)}{${scope}}`, `up{${scope}}`, spec.window, spec.by);
  const expr = spec.counters.length === 1 ? one(spec.counters[0]) : spec.counters.map((c) => `(${one(c)})`).join(' or ');
  return { group: AlertGroup.ERRORS, kind: 'first-increment', needs: ['aisnode'], rule: { ...spec.rule, expr }, scenarios: (context) => firstIncrementScenarios(spec, context) };
}

const BUCKET = { bucket: 'ais://b' };

/** Checksum, I/O and filesystem-health errors: first increments of counters born at 1. */
export function errorAlerts(facts: AlertFacts): AlertDefinition[] {
  const byPod = ['cluster', 'pod'];
  const ioGet = { metric: AISNODE_METRICS.errIoGetCount, child: { vlabs: BUCKET } };
  const ioPut = { metric: AISNODE_METRICS.errIoPutCount, child: { vlabs: BUCKET } };
  const ioDel = { metric: AISNODE_METRICS.errIoDelCount, child: {} };
  const mountpath = (path: string) => `mp[${path}, ${path.split('/').pop() || 'sda'}, hdd]`;
  return [
    firstIncrementAlert(facts, {
      counters: [{ metric: AISNODE_METRICS.errPutCksumCount, child: { vlabs: BUCKET } }], window: '10m', by: byPod,
      rule: { alert: 'AISChecksumErrors', for: '0s', labels: { severity: 'critical' }, annotations: {
        summary: 'AIS target {{ $labels.pod }} received objects whose checksum did not match',
        description: 'corruption in transit or on the client: check the client, the network path and `ais show job` for failing copies; '
          + 'the alert fires once per first error and resolves after 10 minutes' } },
    }),
    firstIncrementAlert(facts, {
      counters: [ioGet, ioPut, ioDel], window: '10m', by: byPod,
      rule: { alert: 'AISIOErrors', for: '5m', labels: { severity: 'warning' }, annotations: {
        summary: 'AIS target {{ $labels.pod }} has local I/O errors',
        description: 'check the kernel log of the node and `ais storage mountpath show`; the FSHC disables failing mountpaths' } },
      extra: (t, { shapes }) => {
        const expect = (index: number) => t.times.map(({ at, fires }) => ({ at, firing: fires ? [pick(shapes.up({ role: 'target', index }), byPod)] : [] }));
        const up = (index: number): InputSeries => ({ labels: shapes.up({ role: 'target', index }), values: [hold(1, t.length)] });
        const born = (index: number, c: WatchedCounter): InputSeries =>
          ({ labels: shapes.aisnode(c.metric, { role: 'target', index }, c.child), values: [missing(t.birth), hold(1, t.length - t.birth)] });
        return [
          { name: 'a first GET I/O error on a bucket that has a PUT I/O counter already (same labels but the name)', tags: ['fires', 'born-at-1'],
            series: [up(6), { labels: shapes.aisnode(ioPut.metric, { role: 'target', index: 6 }, ioPut.child), values: [hold(2, t.length)] }, born(6, ioGet)], expect: expect(6) },
          { name: 'a first DEL I/O error (no bucket label by default)', tags: ['fires', 'default-labels'], series: [up(7), born(7, ioDel)], expect: expect(7) },
          { name: 'a first DEL I/O error with Enable-Detailed-Prom-Metrics (bucket label)', tags: ['fires', 'detailed-labels'],
            series: [up(8), born(8, { metric: ioDel.metric, child: { vlabs: BUCKET, detailed: true } })], expect: expect(8) },
          { name: 'a first PUT I/O error', tags: ['fires', 'born-at-1'], series: [up(9), born(9, ioPut)], expect: expect(9) },
        ];
      },
    }),
    firstIncrementAlert(facts, {
      counters: [{ metric: AISNODE_METRICS.errFshcCount, child: { vlabs: { mountpath: mountpath(facts.mountpaths[0]) } } }], window: '30m', by: [...byPod, 'mountpath'],
      rule: { alert: 'AISFilesystemHealthCheck', for: '0s', labels: { severity: 'warning' }, annotations: {
        summary: 'AIS ran the filesystem health checker on {{ $labels.pod }} {{ $labels.mountpath }}',
        description: 'an I/O error triggered it; `ais storage mountpath show` tells whether the mountpath was disabled (AISTargetDiskFault fires then)' } },
    }),
  ];
}
