/** Monitoring of a config built in memory: the AisMonitoring construct, its PrometheusRule, its rule tests. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import * as YAML from 'yaml';
import type { AlertDefinition } from '../../lib/ais/monitoring/alert-rules';
import { AisMonitoring, monitoringInternals } from '../../lib/ais/monitoring/monitoring';
import type { AisMonitoringProps } from '../../lib/ais/monitoring/props';
import { aisAlertRuleTests } from '../../lib/ais/monitoring/rule-tests/ais-rule-tests';
import { parseConfigText } from '../../lib/from-config/load';
import { buildApp } from '../../lib/generator/build';
import { synthesize } from '../../lib/gitops/synthesize';
import type { Manifest } from '../../lib/k8s/manifest';
import { EXAMPLES } from './cli';
import { PromtoolFileResult, testRules, writeFiles } from './promtool';

export const MONITORING_EXAMPLE = fs.readFileSync(path.join(EXAMPLES, 'monitoring.yaml'), 'utf8');

export interface BuiltMonitoring {
  readonly monitoring: AisMonitoring;
  /** what it was built from, and its alerts with their scenarios */
  readonly props: AisMonitoringProps;
  readonly alerts: readonly AlertDefinition[];
  readonly manifests: readonly Manifest[];
  /** the alert rules of the emitted PrometheusRule(s), by name */
  readonly rules: ReadonlyMap<string, any>;
}

/** Builds a config text; fails when it has no monitoring. */
export function buildMonitoring(text: string): BuiltMonitoring {
  const app = buildApp(parseConfigText(text, 'cluster.yaml').adapted);
  const monitoring = app.node.findAll().find((c): c is AisMonitoring => c instanceof AisMonitoring);
  if (!monitoring) throw new Error('the config has no ais.monitoring');
  const manifests = synthesize(app).manifests;
  const rules = new Map<string, any>(manifests.filter((m) => m.kind === 'PrometheusRule')
    .flatMap((m) => (m.spec.groups as any[]).flatMap((g) => (g.rules as any[]).map((r) => [r.alert, r] as const))));
  return { monitoring, manifests, rules, ...monitoringInternals(monitoring) };
}

/** The PrometheusRule groups of the output as one Prometheus rule file (what `promtool check rules` reads). */
export function ruleFileOf(manifests: readonly Manifest[]): string {
  return YAML.stringify({ groups: manifests.filter((m) => m.kind === 'PrometheusRule').flatMap((m) => m.spec.groups) }, { lineWidth: 0 });
}

/**
 * Runs the promtool tests of several builds in one promtool process, each in a folder of its own; files of
 * identical rule and test text (variants that change nothing for an alert) run once.
 * @returns per build, per alert: the result
 */
export function runAlertTests(dir: string, builds: ReadonlyArray<{ id: string; files: ReadonlyMap<string, string> }>): Map<string, Map<string, PromtoolFileResult>> {
  const byContent = new Map<string, string>();
  const run: string[] = [];
  const alertsOf = new Map<string, Map<string, string>>();
  for (const { id, files } of builds) {
    writeFiles(path.join(dir, id), files);
    const alerts = new Map<string, string>();
    for (const name of [...files.keys()].filter((n) => n.endsWith('.test.yaml'))) {
      const alert = name.replace(/\.test\.yaml$/, '');
      const hash = createHash('sha256').update(files.get(name)!).update(files.get(`${alert}.rules.yaml`) ?? '').digest('hex');
      if (!byContent.has(hash)) {
        byContent.set(hash, `${id}/${name}`);
        run.push(`${id}/${name}`);
      }
      alerts.set(alert, byContent.get(hash)!);
    }
    alertsOf.set(id, alerts);
  }
  const results = testRules(dir, run);
  return new Map([...alertsOf].map(([id, alerts]) => [id, new Map([...alerts].map(([alert, file]) => [alert, results.get(file)!]))]));
}

const ruleTests = new WeakMap<BuiltMonitoring, ReadonlyMap<string, string>>();

/** The rule tests of a build (made once per build). */
export function ruleTestsOf(built: BuiltMonitoring): ReadonlyMap<string, string> {
  if (!ruleTests.has(built)) ruleTests.set(built, aisAlertRuleTests(built.monitoring));
  return ruleTests.get(built)!;
}

/** The emitted alerts of a build that have no promtool unit test among `files` (name → text, as aisAlertRuleTests returns). */
export function untestedAlerts(built: BuiltMonitoring, files: ReadonlyMap<string, string>): string[] {
  return [...built.rules.keys()].filter((alert) => !files.has(`${alert}.test.yaml`) || !files.has(`${alert}.rules.yaml`)).sort();
}
