/**
 * The scenarios of the runbook matrix: a config (a standalone example or a generated one) and a change
 * kind → both outputs and the review's runbooks. Operator mode is out of the simulator's scope (the
 * operator model only passes; docs/gitops.md says so).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sampleConfigs } from '../config-generator';
import { CHANGE_KINDS, Change, ChangeKind, Config, configText, parseConfig } from './changes';
import { Output, SimOptions, SimOutcome, outputOf, reviewOf, simulate, worldOf } from './scenario';
import { deepFreeze } from './world';
import type { ChangeReview } from '../../../lib/review/change-review';
import type { Runbook, Step } from '../../../lib/review/runbook/steps';

export interface MatrixConfig {
  readonly id: string;
  readonly text: string;
}

export interface Scenario {
  readonly config: MatrixConfig;
  readonly kind: ChangeKind;
  readonly change: Change;
  readonly before: Output;
  readonly after: Output;
  readonly review: ChangeReview;
}

const EXAMPLES = path.join(__dirname, '../../../examples');

/** Each config text parsed once (every change kind starts from it; frozen: the kinds edit copies). */
const parsedConfigs = new Map<string, Config>();
function parsedConfig(text: string): Config {
  if (!parsedConfigs.has(text)) parsedConfigs.set(text, deepFreeze(parseConfig(text)));
  return parsedConfigs.get(text)!;
}

const standalone = (text: string) => {
  const config = parsedConfig(text);
  return config?.ais !== undefined && config.ais.mode !== 'operator';
};

/** The standalone AIS examples (examples/*.yaml with an `ais` cluster not in operator mode). */
export function standaloneExamples(): MatrixConfig[] {
  return fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml')).sort()
    .map((f) => ({ id: f, text: fs.readFileSync(path.join(EXAMPLES, f), 'utf8') }))
    .filter((c) => standalone(c.text));
}

/** `count` generated standalone AIS configs (test/support/config-generator.ts), the same for the same seed. */
export function generatedConfigs(count: number, seed: number): MatrixConfig[] {
  const configs: MatrixConfig[] = [];
  for (let sample = count * 2; configs.length < count; sample *= 2) {
    configs.splice(0, configs.length, ...sampleConfigs(sample, seed).filter((c) => standalone(c.text)).slice(0, count));
  }
  return configs;
}

/** Scenarios made so far, by kind and config: the matrix tests ask for the same ones again (each is the same every time). */
const scenarios = new WeakMap<ChangeKind, Map<string, Scenario | undefined>>();

/** The scenario of a change kind on a config, or undefined when the kind does not apply to it (frozen: callers share it). */
export function scenarioOf(config: MatrixConfig, kind: ChangeKind): Scenario | undefined {
  const byConfig = scenarios.get(kind) ?? new Map<string, Scenario | undefined>();
  scenarios.set(kind, byConfig);
  const key = `${config.id}\n${config.text}`;
  if (!byConfig.has(key)) byConfig.set(key, makeScenario(config, kind));
  return byConfig.get(key);
}

function makeScenario(config: MatrixConfig, kind: ChangeKind): Scenario | undefined {
  const change = kind.apply(parsedConfig(config.text));
  if (!change) return undefined;
  const before = outputOf(config.text);
  const after = outputOf(configText(change.config));
  return deepFreeze({ config, kind, change, before, after, review: reviewOf(before, after) });
}

/** Every scenario of a config. */
export const scenariosOf = (config: MatrixConfig): Scenario[] =>
  CHANGE_KINDS.map((kind) => scenarioOf(config, kind)).filter((s): s is Scenario => s !== undefined);

/** Runs one runbook of a scenario (or mutated steps of it) from the old output's steady state. */
export function runScenario(scenario: Scenario, runbook: Runbook, placement: SimOptions['placement'], steps?: readonly Step[], seed = 1): SimOutcome {
  const world = worldOf(scenario.before, scenario.after, { seed, placement, focus: scenario.change.focus, outage: scenario.kind.outage });
  return simulate(world, runbook, scenario.after, steps);
}
