/**
 * The fleet rules of the GitOps rulebook, from the shared case table (test/rulebooks/fleet-cases.ts): each row once
 * through the library (ArgoFleet refuses the props) and once through fleet.yaml (the exact `file:line:col: path:
 * message` line the loader prints).
 */
import { App, Chart } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { ArgoFleet } from '../../lib/gitops/fleet';
import { cronProblem } from '../../lib/gitops/fleet-checks';
import { expectLibrary, expectedLine } from '../rulebooks/cases';
import { FLEET_CASES, FLEET_PROPS, FLEET_YAML } from '../rulebooks/fleet-cases';
import { fleetProblems } from '../support/config-problems';

describe('fleet rules (GitOps rulebook)', () => {
  it('the base case is valid both ways', () => {
    expect(() => new ArgoFleet(new Chart(new App(), 'c'), 'f', { ...FLEET_PROPS, outputs: [] })).not.toThrow();
    expect(fleetProblems(FLEET_YAML)).toEqual([]);
  });

  describe.each(FLEET_CASES)('$rule', (row) => {
    it('library: ArgoFleet refuses the props', () => {
      expectLibrary(row, () => new ArgoFleet(new Chart(new App(), 'c'), 'f', { ...row.props, outputs: [] }), 'ArgoFleet');
    });
    it('fleet.yaml: the loader points at the key', () => {
      expect(fleetProblems(row.yaml!.text)).toEqual([expectedLine(row.yaml!.text, row.yaml!, row.problem.message, 'fleet.yaml')]);
    });
  });

  it('cron: lists, ranges, steps and names pass (robfig/cron standard fields)', () => {
    for (const ok of ['0 22 * * 1-5', '*/15 0-6 1,15 * *', '0 0 * jan-mar mon', '30 2 ? * SUN']) expect(cronProblem(ok), ok).toBeUndefined();
    for (const bad of ['60 * * * *', '* * 0 * *', '* * * 13 *', '* * * * 7', '*/0 * * * *', '5-1 * * * *']) expect(cronProblem(bad), bad).toBeDefined();
  });
});
