import { AlertGroup } from '../../defaults';
import { AISNODE_METRICS, AisnodeMetric, aisnodeMetricName } from '../aisnode-metrics';
import { aisScope } from '../promql';
import { AlertScenario, Expectation, ScenarioContext, ScenarioTag, minutes } from '../rule-tests/scenario';
import { InputSeries, Labels } from '../rule-tests/series';
import { grow, hold } from '../rule-tests/timeline';
import { AlertDefinition, AlertFacts, AlertRule } from './types';

/** Remote requests a second in the scenarios. */
const REQUESTS = 100;
const FOR = '5m';
/** A ratio as a percentage without float noise (0.07 → 7). */
const percent = (ratio: number) => Number((ratio * 100).toPrecision(12));
const plain = (value: number) => Number(value.toPrecision(12));

interface RetryRatio {
  readonly op: 'get' | 'put';
  readonly retries: AisnodeMetric;
  /** every remote request: only remote backends rate-limit */
  readonly requests: AisnodeMetric;
  readonly by: readonly string[];
}

/**
 * GET: retries per bucket over remote GETs, which always carry `bucket` (ais/tgtimpl.go rgetstats).
 * PUT: per cluster, as remote PUTs carry `bucket` only with Enable-Detailed-Prom-Metrics (ais/tgtobj.go putOI.stats).
 */
const RATIOS: readonly RetryRatio[] = [
  { op: 'get', retries: AISNODE_METRICS.ratelimRetryGetCount, requests: AISNODE_METRICS.remoteGetCount, by: ['cluster', 'bucket'] },
  { op: 'put', retries: AISNODE_METRICS.ratelimRetryPutCount, requests: AISNODE_METRICS.remotePutCount, by: ['cluster'] },
];

/**
 * Scenarios of one ratio alert at threshold `ratio`: 1.2 × the threshold fires with aisnode's default label shapes
 * and with detailed metrics, 0.8 × does not, nor retries without remote requests, nor a burst shorter than `for`, nor
 * another cluster. The PUT ratio sums over the cluster, so each of its scenarios has a test group of its own.
 */
function ratioScenarios(spec: RetryRatio, ratio: number, { interval, shapes }: ScenarioContext): AlertScenario[] {
  const end = minutes(11);
  const length = end + 2 * interval;
  const late = end - minutes(3);
  const perBucket = spec.by.includes('bucket');
  const times = (firing: readonly Labels[]): Expectation[] => [{ at: minutes(5) - interval, firing: [] }, { at: end, firing }];
  /** pod `index` of `cluster` sending REQUESTS remote requests a second to `bucket`, `share` of them retried (from `from` on) */
  const traffic = (index: number, bucket: string, share: number, options: { detailed?: boolean; remote?: boolean; from?: number; cluster?: string; job?: string } = {}): InputSeries[] => {
    const pod = { role: 'target' as const, index, cluster: options.cluster, job: options.job };
    const vlabs = (metric: AisnodeMetric) => ({
      ...(metric.labels.includes('bucket') || (options.detailed && metric.detailedLabels?.includes('bucket')) ? { bucket } : {}),
      ...(metric.constLabels?.includes('backend') ? { backend: 'aws' } : {}),
    });
    const all = spec.op === 'get' ? AISNODE_METRICS.getCount : AISNODE_METRICS.putCount;
    const from = options.from ?? 0;
    return [
      { labels: shapes.aisnode(all, pod, { vlabs: vlabs(all), detailed: options.detailed }), values: [grow(0, 2 * REQUESTS, length)] },
      ...(options.remote === false ? [] : [{ labels: shapes.aisnode(spec.requests, pod, { vlabs: vlabs(spec.requests), detailed: options.detailed }), values: [grow(0, REQUESTS, length)] }]),
      { labels: shapes.aisnode(spec.retries, pod, { vlabs: vlabs(spec.retries), detailed: options.detailed }),
        values: from ? [hold(0, from), grow(0, share * REQUESTS, length - from)] : [grow(0, share * REQUESTS, length)] },
    ];
  };
  const cluster = shapes.facts.cluster;
  const result = (bucket: string): Labels => (perBucket ? { cluster, bucket } : { cluster });
  const scenario = (name: string, tags: ScenarioTag[], series: InputSeries[], firing: readonly Labels[] = []): AlertScenario =>
    ({ name, tags, series, expect: times(firing), isolated: !perBucket });
  return [
    scenario(`${plain(1.2 * ratio)} of the remote ${spec.op.toUpperCase()}s retried, default label shapes`, ['fires', 'threshold', 'default-labels'],
      traffic(0, 's3://above', 1.2 * ratio), [result('s3://above')]),
    scenario('the same with Enable-Detailed-Prom-Metrics', ['fires', 'detailed-labels'], traffic(1, 's3://detailed', 1.2 * ratio, { detailed: true }), [result('s3://detailed')]),
    scenario(`${plain(0.8 * ratio)} retried`, ['threshold'], traffic(2, 's3://below', 0.8 * ratio)),
    scenario('retries, but no remote requests', ['out-of-scope'], traffic(3, 's3://local', 1.2 * ratio, { remote: false })),
    scenario('retried for less than `for`', ['short'], traffic(4, 's3://burst', 3 * ratio, { from: late })),
    { ...scenario('another cluster', ['other-cluster'], traffic(0, 's3://above', 1.2 * ratio, { cluster: `${cluster}-other` })), isolated: false },
    scenario('another job', ['other-job'], traffic(5, 's3://other-job', 1.2 * ratio, { job: 'other' })),
  ];
}

/** Share of remote GETs and PUTs retried because the backend rate-limits, warning and critical. */
export function rateLimitAlerts(facts: AlertFacts): AlertDefinition[] {
  const scope = aisScope(facts.cluster);
  const t = facts.thresholds;
  return RATIOS.flatMap((spec) => ([['Warning', 'warning', t.retryRatioWarning], ['Critical', 'critical', t.retryRatioCritical]] as const).map(([suffix, severity, ratio]) => {
    const sum = `sum by (${spec.by.join(', ')})`;
    const rate = (metric: AisnodeMetric) => `rate(${aisnodeMetricName('target', metric)}{${scope}}[5m])`;
    const upper = spec.op.toUpperCase();
    const rule: AlertRule = {
      alert: `AIS${upper}RetryRatio${suffix}`,
      expr: `${sum} (${rate(spec.retries)}) / (${sum} (${rate(spec.requests)}) > 0) > ${ratio}`,
      for: FOR, labels: { severity },
      annotations: spec.op === 'get'
        ? { summary: `over ${percent(ratio)}% of remote GETs from bucket {{ $labels.bucket }} are retried: the remote backend rate-limits`,
          description: 'lower the request rate or raise the backend quota; see the bucket\'s rate_limit settings' }
        : { summary: `over ${percent(ratio)}% of remote PUTs of AIS cluster {{ $labels.cluster }} are retried: a remote backend rate-limits`,
          description: 'aisnode counts remote PUTs per bucket only with Enable-Detailed-Prom-Metrics, so this ratio is per cluster: '
            + 'the Overview dashboard\'s "Rate-limited retries" panel shows the buckets; lower the request rate or raise the backend quota' },
    };
    return { group: AlertGroup.RATE_LIMIT, kind: 'ratio', needs: ['aisnode'], rule, scenarios: (context) => ratioScenarios(spec, ratio, context) } satisfies AlertDefinition;
  }));
}
