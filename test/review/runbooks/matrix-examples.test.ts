/**
 * The runbook matrix on the standalone examples: every change kind that applies, every runbook of its
 * review, run in the simulator from the old output's steady state with a random and an adversarial
 * placement (target 0 and the primary on the node the change is about), reaches the new output's
 * desired state with no invariant broken on the way (test/support/sim/invariants.ts).
 */
import { describe, expect, it } from 'vitest';
import { CHANGE_KINDS, parseConfig } from '../../support/sim/changes';
import { runScenario, scenarioOf, standaloneExamples } from '../../support/sim/matrix';
import { describeOutcome, succeeded } from '../../support/sim/scenario';

const EXAMPLES = standaloneExamples();
/** Kinds that need something an example may not have (a second mountpath, TLS, a backend, a named issuer, three proxies...). */
const OPTIONAL = new Set(['target-removed-first', 'target-removed-last', 'proxy-removed', 'proxy-node-replaced', 'mountpath-removed', 'mountpath-renamed',
  'cloud-backend-added', 'cloud-backend-removed', 'tracing-added', 'authn-added', 'tls-skip-verify-changed', 'issuer-changed', 'target-node-replaced']);

describe('runbook matrix: standalone examples', () => {
  it('covers the standalone examples, and every change kind runs on at least one of them', () => {
    expect(EXAMPLES.map((e) => e.id)).toEqual(expect.arrayContaining(['minimal.yaml', 'reference.yaml', 'local-pv.yaml', 'https.yaml']));
    for (const kind of CHANGE_KINDS) expect(EXAMPLES.some((e) => scenarioOf(e, kind)), kind.id).toBe(true);
    for (const kind of CHANGE_KINDS.filter((k) => !OPTIONAL.has(k.id))) {
      for (const example of EXAMPLES) expect(scenarioOf(example, kind), `${kind.id} on ${example.id}`).toBeDefined();
    }
  });

  for (const example of EXAMPLES) {
    describe(example.id, () => {
      for (const kind of CHANGE_KINDS) {
        it(kind.id, () => {
          const scenario = scenarioOf(example, kind);
          if (!scenario) return;
          expect(scenario.review.runbooks.length, 'the review has a runbook').toBeGreaterThan(0);
          for (const runbook of scenario.review.runbooks) {
            for (const placement of ['random', 'adversarial'] as const) {
              const outcome = runScenario(scenario, runbook, placement);
              expect(succeeded(outcome), `${runbook.title} (${placement}):\n${describeOutcome(outcome)}`).toBe(true);
            }
          }
        }, 600_000);
      }
    });
  }

  it('a target node that is also the only proxy node is not replaced: the runbook refuses before changing anything', () => {
    const minimal = EXAMPLES.find((e) => e.id === 'minimal.yaml')!;
    const config = parseConfig(minimal.text);
    const node = config.ais.targets.nodes.at(-1);
    expect(config.ais.proxies.nodes).toEqual([node]);
    const next = structuredClone(config);
    next.ais.targets.nodes = next.ais.targets.nodes.map((n: string) => (n === node ? 'spare1' : n));
    next.ais.proxies.nodes = ['spare1'];
    if (next.ais.proxies.initialPrimary) next.ais.proxies.initialPrimary = 'spare1';
    const scenario = scenarioOf({ id: 'minimal-moved', text: minimal.text }, { id: 'only-proxy-moved', apply: () => ({ config: next, focus: node }) });
    const [runbook] = scenario!.review.runbooks;
    const outcome = runScenario(scenario!, runbook, 'random');
    expect(outcome.run.failure?.step).toBe('refuse-only-proxy');
    expect(outcome.run.failure?.message).toMatch(/initPID/);
    expect(outcome.world.git).toBe('old');
  });
});
