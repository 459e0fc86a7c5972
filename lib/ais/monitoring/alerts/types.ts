import type { AlertGroup } from '../../defaults';
import type { DiskMedia } from '../../storage/mountpath';
import type { AisAlertThresholds } from '../props';
import type { AlertScenario, ScenarioContext } from '../rule-tests/scenario';
import type { AisnodeVersion } from '../state-flags';

/** One alerting rule of a PrometheusRule (prometheus-operator `spec.groups[].rules[]`). */
export interface AlertRule {
  readonly alert: string;
  readonly expr: string;
  readonly for: string;
  readonly labels: { readonly severity: 'critical' | 'warning'; readonly [key: string]: string };
  /**
   * `summary` (one line) and `description` (what to check first), the annotations Alertmanager receivers
   * render; templates use `{{ $labels.<name> }}` only (no `$value`), so tests can assert the exact text.
   */
  readonly annotations: { readonly summary: string; readonly description: string };
}

export interface RuleGroup {
  readonly name: string;
  readonly rules: readonly AlertRule[];
}

/** What an alert's expression reads. */
export type AlertInput = 'aisnode' | 'node-exporter' | 'kube-state-metrics' | 'Prometheus';

/** The kinds of alert, each with the silent cases its tests must have (test/ais/monitoring/rule-tests.test.ts). */
export type AlertKind = 'flag' | 'first-increment' | 'level' | 'ratio' | 'kubernetes' | 'scrape' | 'node-metrics';

/** An alert rule together with the scenarios its promtool unit test runs: no rule without them. */
export interface AlertDefinition {
  readonly group: AlertGroup;
  readonly kind: AlertKind;
  readonly rule: AlertRule;
  readonly needs: readonly AlertInput[];
  readonly scenarios: (context: ScenarioContext) => readonly AlertScenario[];
}

/** Alerts this cluster does not get, and why (PLAN.md lists them). */
export interface OmittedAlerts {
  /** the alert names */
  readonly alerts: readonly string[];
  /** why they are not emitted, e.g. `set from aisnode 5.0 on` */
  readonly reason: string;
}

/** What the alert builders know about the cluster, defaults applied. */
export interface AlertFacts {
  readonly cluster: string;
  readonly clusterNamespace: string;
  readonly proxyStatefulSets: readonly string[];
  readonly targetStatefulSet: string;
  readonly targetNodes: readonly string[];
  readonly mountpaths: readonly string[];
  readonly media?: DiskMedia;
  /** the aisnode release (ASSUMED_AISNODE_VERSION when the image tag tells none) */
  readonly aisnodeVersion: AisnodeVersion;
  readonly https: boolean;
  readonly thresholds: Required<AisAlertThresholds>;
}
