/**
 * Mutation testing of the runbooks in the simulator (local-pv example, where every part of a runbook
 * applies: claims, volumes, markers, maintenance): dropping any step that acts (kubectl, ais, argocd,
 * a loop, the merge, a disk marker) or moving the merge after the rollouts makes the runbook fail —
 * it stops at one of its own checks, or the end state is not the new output's. Not mutated: the
 * metadata backups and the backend disables, which the model does not need (docs/gitops.md, limits).
 */
import { describe, expect, it } from 'vitest';
import type { Step } from '../../../lib/review/runbook/steps';
import { CHANGE_KINDS } from '../../support/sim/changes';
import { runScenario, scenarioOf, standaloneExamples } from '../../support/sim/matrix';
import { succeeded } from '../../support/sim/scenario';

const LOCAL_PV = standaloneExamples().find((e) => e.id === 'local-pv.yaml')!;
const KINDS = ['target-node-replaced', 'target-removed-last', 'target-added', 'proxy-removed', 'proxy-added', 'mountpath-added', 'mountpath-removed',
  'tracing-changed', 'cloud-backend-added', 'proxy-resources-changed', 'upgrade-5.0'];

/** Steps whose absence the model must notice. */
const acts = (step: Step): boolean =>
  (['kubectl', 'ais', 'argocd', 'forEach'].includes(step.kind) || (step.kind === 'manual' && step.action === 'merge') || (step.kind === 'host' && step.id.startsWith('marker-')))
  && !(step.kind === 'ais' && ['backupMetadata', 'disableBackend'].includes(step.action.verb));

describe('runbook mutations (local-pv)', () => {
  for (const id of KINDS) {
    it(`${id}: every acting step dropped, and the merge moved after the rollouts, fail`, () => {
      const scenario = scenarioOf(LOCAL_PV, CHANGE_KINDS.find((k) => k.id === id)!)!;
      expect(scenario.review.runbooks.length).toBeGreaterThan(0);
      const survivors: string[] = [];
      let mutants = 0;
      for (const runbook of scenario.review.runbooks) {
        const steps = runbook.steps;
        expect(succeeded(runScenario(scenario, runbook, 'adversarial'))).toBe(true);
        steps.forEach((step, i) => {
          if (!acts(step)) return;
          mutants++;
          if (succeeded(runScenario(scenario, runbook, 'adversarial', steps.filter((_, j) => j !== i)))) survivors.push(`drop ${step.id}`);
        });
        const merge = steps.findIndex((s) => s.id === 'merge');
        const last = steps.reduce((at, s, j) => (['forEach', 'kubectl', 'ais'].includes(s.kind) ? j : at), -1);
        if (merge >= 0 && last > merge + 2) {
          mutants++;
          const moved = [...steps.slice(0, merge), ...steps.slice(merge + 1, last + 1), steps[merge], ...steps.slice(last + 1)];
          if (succeeded(runScenario(scenario, runbook, 'adversarial', moved))) survivors.push('merge moved after the rollouts');
        }
      }
      expect(mutants).toBeGreaterThanOrEqual(2);
      expect(survivors).toEqual([]);
    }, 600_000);
  }
});
