/**
 * A scenario end to end: a config and a change → both outputs (as the generator writes them, with the
 * node-label script when the labels are not in the output) → the change review's runbooks → each run
 * in the simulator from the old output's running state → the end state checked against the new output.
 */
import * as YAML from 'yaml';
import { AisCluster } from '../../../lib/ais/cluster';
import { nodeLabelScript } from '../../../lib/ais/nodes/node-labels';
import { parseConfigText } from '../../../lib/from-config/load';
import { buildApp } from '../../../lib/generator/build';
import { synthesize } from '../../../lib/gitops/synthesize';
import { Manifest } from '../../../lib/k8s/manifest';
import { objectsOfOutputs } from '../../../lib/output/planned-output';
import { planSubjects } from '../../../lib/report/subjects';
import { ChangeReview, reviewChanges } from '../../../lib/review/change-review';
import type { Runbook, Step } from '../../../lib/review/runbook/steps';
import { labelScriptNodes } from '../../../lib/review/runbooks/facts';
import { RunResult, runSteps } from './engine';
import { DEFAULT_APP, initialWorld, nodeLabels, prepareHost } from './from-output';
import { endProblems } from './invariants';
import { World, deepFreeze } from './world';

/** What the generator writes for a config, as the review reads it. */
export interface Output {
  readonly objects: Manifest[];
  /** Nodes read from label-nodes.sh (nodeLabels.output: script or both) */
  readonly scriptNodes: Manifest[];
  /** AIS node-label keys of the cluster */
  readonly labelKeys: string[];
}

const cache = new Map<string, Output>();

/**
 * The outputs of a config and of its changes share most YAML documents: each distinct document text is
 * parsed once (the same text parses to the same object), frozen since scenarios share it.
 */
const parsedDocuments = new Map<string, unknown>();
function parseDocument(doc: string): unknown {
  if (!parsedDocuments.has(doc)) parsedDocuments.set(doc, deepFreeze(YAML.parse(doc)));
  return parsedDocuments.get(doc);
}

/** The output of a config text (cached: the matrix synthesizes each config once). */
export function outputOf(text: string): Output {
  const cached = cache.get(text);
  if (cached) return cached;
  const { config, adapted } = parseConfigText(text, 'sim.yaml');
  const app = buildApp(adapted);
  const output = synthesize(app);
  const objects = objectsOfOutputs({ files: new Map(), beside: new Map() }, { files: output.files, beside: output.beside, objects: output.objectsByFile }, parseDocument).next;
  const ais = planSubjects(app).ais;
  let scriptNodes: Manifest[] = [];
  if (ais && config.ais?.nodeLabels.output !== 'manifests') {
    scriptNodes = labelScriptNodes(nodeLabelScript({
      proxyNodes: ais.proxyNodes, targetNodes: ais.targetNodes,
      initialPrimaryNode: ais instanceof AisCluster ? ais.initialPrimaryNode : undefined, scheme: ais.labelScheme,
    }));
  }
  const labelKeys = ais ? [...new Set([ais.labelScheme.proxy.key, ais.labelScheme.target.key, ais.labelScheme.initialPrimary.key])] : [];
  const result = { objects, scriptNodes, labelKeys };
  cache.set(text, result);
  return result;
}

/** The review of a change between two configs, as synth makes it. */
export function reviewOf(before: Output, after: Output): ChangeReview {
  return reviewChanges(before.objects, after.objects, { scriptNodes: { previous: before.scriptNodes, next: after.scriptNodes } });
}

export interface SimOptions {
  readonly seed: number;
  readonly placement: 'random' | 'adversarial';
  readonly focus?: string;
  /** no availability check (a runbook that takes the cluster down on purpose) */
  readonly outage?: boolean;
}

export interface SimOutcome {
  readonly run: RunResult;
  /** end-state problems (empty: the new output runs as desired) */
  readonly problems: readonly string[];
  readonly world: World;
}

/** The world of the old output, steady. */
export function worldOf(before: Output, after: Output, options: SimOptions): World {
  const world = initialWorld({
    old: before.objects, next: after.objects, seed: options.seed, placement: options.placement, focusNode: options.focus,
    scriptNodes: { previous: before.scriptNodes, next: after.scriptNodes },
  });
  if (options.outage) (world as { checking?: boolean }).checking = false;
  return world;
}

/** Runs a runbook (or mutated steps of it) and checks the end state. */
export function simulate(world: World, runbook: Runbook, after: Output, steps?: readonly Step[]): SimOutcome {
  const run = runSteps(world, runbook, prepareHost, { ARGO_APP: DEFAULT_APP }, steps);
  const problems = run.completed ? endProblems(world, { nodeLabelKeys: after.labelKeys, scriptLabels: nodeLabels(after.objects, after.scriptNodes) }) : [];
  return { run, problems, world };
}

/** A one-line account of an outcome, for failure messages. */
export function describeOutcome(outcome: SimOutcome): string {
  const parts: string[] = [];
  if (outcome.run.failure) parts.push(`stopped at ${outcome.run.failure.step}: ${outcome.run.failure.message}`);
  if (outcome.run.violations.length) parts.push(`violations: ${outcome.run.violations.map((v) => `[${v.kind}] ${v.text}`).join('; ')}`);
  if (outcome.problems.length) parts.push(`end state: ${outcome.problems.join('; ')}`);
  return parts.join('\n') || 'ok';
}

/** Whether an outcome is a success: the runbook completed, nothing was violated, the end state is the desired one. */
export const succeeded = (outcome: SimOutcome) => outcome.run.completed && outcome.run.violations.length === 0 && outcome.problems.length === 0;
