/**
 * The runbook scripts of every change kind on every standalone example (what synth writes as
 * runbooks/NN-id.sh beside the output) pass `bash -n` and ShellCheck (Debian's shellcheck; a missing
 * ShellCheck fails the test), start with `set -euo pipefail`, and carry the change's id.
 */
import { describe, expect, it } from 'vitest';
import { changeRunbookScripts } from '../../../lib/report/change-runbook';
import { CHANGE_KINDS } from '../../support/sim/changes';
import { scenarioOf, standaloneExamples } from '../../support/sim/matrix';
import { shellProblems } from '../../support/shellcheck';

describe('runbook scripts of the matrix', () => {
  for (const example of standaloneExamples()) {
    it(`${example.id}: every change kind's scripts pass bash -n and shellcheck`, () => {
      const problems: string[] = [];
      let scripts = 0;
      for (const kind of CHANGE_KINDS) {
        const scenario = scenarioOf(example, kind);
        if (!scenario) continue;
        for (const [name, text] of changeRunbookScripts(scenario.review, new Map())) {
          scripts++;
          expect(name).toMatch(/^\.\.\/runbooks\/\d\d-[a-z0-9-]+\.sh$/);
          expect(text).toContain('set -euo pipefail');
          expect(text).toContain(scenario.review.changeId);
          const found = shellProblems(text, `${kind.id}.sh`);
          if (found) problems.push(found);
        }
      }
      expect(scripts).toBeGreaterThan(10);
      expect(problems).toEqual([]);
    }, 600_000);
  }
});
