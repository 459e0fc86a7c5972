/**
 * A scenario of an alert's promtool unit test: synthetic series, and which alerts fire at which
 * evaluation times. Every alert rule is defined together with its scenarios (alerts/types.ts).
 */
import type { InputSeries, Labels, SeriesShapes } from './series';

/**
 * What a scenario shows, so a test can require the cases each kind of alert needs: it fires, and it
 * stays silent on what must not page.
 */
export type ScenarioTag =
  /** the condition holds: the alert fires */
  | 'fires'
  /** the same series in another cluster (or job) */
  | 'other-cluster'
  | 'other-job'
  /** the condition holds for less than `for`, or is still pending one interval before `for` elapses */
  | 'short'
  /** flag alerts: other bits set, around the alert's own */
  | 'neighbour-bits'
  /** flag alerts: the other role's gauge has the bit */
  | 'other-role'
  /** first-increment alerts: a labelled counter that appears at 1 */
  | 'born-at-1'
  /** first-increment alerts: a fresh TSDB finds old counters */
  | 'fresh-tsdb'
  /** first-increment alerts: the counter goes back to 1 (container restart) or the pod is recreated */
  | 'restart'
  /** levels and ratios: just below and just above the threshold */
  | 'threshold'
  /** the same condition outside what the rule watches (another host, disk, mountpath, StatefulSet, namespace) */
  | 'out-of-scope'
  /** aisnode's default label shapes, and those with Enable-Detailed-Prom-Metrics */
  | 'default-labels'
  | 'detailed-labels';

/** The alerts firing at one evaluation time, each as the labels its expression yields (the rule's labels are added). */
export interface Expectation {
  /** seconds from the start of the series */
  readonly at: number;
  readonly firing: readonly Labels[];
}

export interface AlertScenario {
  /** what it shows, e.g. `the first checksum error (a child born at 1)` */
  readonly name: string;
  readonly tags: readonly ScenarioTag[];
  readonly series: readonly InputSeries[];
  readonly expect: readonly Expectation[];
  /** its series change what the others yield (an aggregation over them, `absent`, a count): it gets a test group of its own */
  readonly isolated?: boolean;
}

/** What scenarios are written with: the sample interval (seconds) and the cluster's series shapes. */
export interface ScenarioContext {
  readonly interval: number;
  readonly shapes: SeriesShapes;
}

/** Seconds of `n` minutes. */
export const minutes = (n: number): number => n * 60;

/**
 * The timeline of an alert on steady series: the condition holds from the start, is evaluated one interval
 * before `for` elapses (nothing fires yet) and a minute after (`end`); `late` is when a condition must start
 * to be younger than `for` at `end`.
 */
export interface SteadyTimeline {
  /** `for`, in seconds */
  readonly hold: number;
  readonly end: number;
  /** how long the series last */
  readonly length: number;
  readonly late: number;
  /** the expectations: nothing at `hold - interval` (when `for` is 2 minutes or more), `firing` at `end` */
  readonly expect: (firing: readonly Labels[]) => Expectation[];
}

export function steadyTimeline(holdSeconds: number, interval: number): SteadyTimeline {
  const end = holdSeconds + minutes(1);
  return {
    hold: holdSeconds, end, length: end + 2 * interval, late: end - holdSeconds + interval,
    expect: (firing) => [...(holdSeconds >= minutes(2) ? [{ at: holdSeconds - interval, firing: [] }] : []), { at: end, firing }],
  };
}
