/**
 * The runbook matrix on 32 generated standalone configs (test/support/config-generator.ts, seed 21):
 * every change kind that applies, every runbook, one placement per config (alternating random and
 * adversarial), reaches the new output's desired state in the simulator with no invariant broken.
 */
import { describe, expect, it } from 'vitest';
import { CHANGE_KINDS } from '../../support/sim/changes';
import { generatedConfigs, runScenario, scenarioOf } from '../../support/sim/matrix';
import { describeOutcome, succeeded } from '../../support/sim/scenario';

const CONFIGS = generatedConfigs(32, 21);

describe('runbook matrix: generated configs', () => {
  it('runs 30+ generated configs, and each change kind on most of them', () => {
    expect(CONFIGS.length).toBeGreaterThanOrEqual(30);
    for (const kind of CHANGE_KINDS.filter((k) => ['target-added', 'proxy-added', 'target-resources-changed', 'upgrade-5.0', 'protocol-switched', 'mountpath-added'].includes(k.id))) {
      expect(CONFIGS.filter((c) => scenarioOf(c, kind)).length, kind.id).toBeGreaterThanOrEqual(30);
    }
    // it synthesizes (and memoises for the per-config tests below) most of the matrix's before/after
    // outputs: ~15 s on a quiet 2-core machine, past the 60 s default when other work shares the cores
  }, 300_000);

  CONFIGS.forEach((config, i) => {
    const placement = i % 2 === 0 ? 'random' : 'adversarial';
    it(`${config.id} (${placement})`, () => {
      const failures: string[] = [];
      for (const kind of CHANGE_KINDS) {
        const scenario = scenarioOf(config, kind);
        if (!scenario) continue;
        if (scenario.review.runbooks.length === 0) failures.push(`${kind.id}: no runbook`);
        for (const runbook of scenario.review.runbooks) {
          const outcome = runScenario(scenario, runbook, placement, undefined, i + 1);
          if (!succeeded(outcome)) failures.push(`${kind.id}: ${runbook.title}:\n${describeOutcome(outcome)}`);
        }
      }
      expect(failures, `${config.text}`).toEqual([]);
    }, 600_000);
  });
});
