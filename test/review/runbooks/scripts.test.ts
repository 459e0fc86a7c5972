/**
 * The runbook scripts of every change kind on every standalone example (what synth writes as
 * runbooks/NN-id.sh beside the output) pass `bash -n` and ShellCheck (Debian's shellcheck; a missing
 * ShellCheck fails the test), start with `set -euo pipefail`, and carry the change's id.
 */
import { describe, expect, it } from 'vitest';
import { changeRunbookScripts } from '../../../lib/report/change-runbook';
import { CHANGE_KINDS } from '../../support/sim/changes';
import { scenarioOf, standaloneExamples } from '../../support/sim/matrix';
import { shellProblemsOf } from '../../support/shellcheck';

describe('runbook scripts of the matrix', () => {
  for (const example of standaloneExamples()) {
    it(`${example.id}: every change kind's scripts pass bash -n and shellcheck`, async () => {
      // judged together (a few ShellCheck processes over all of them), each by its change kind and name
      const scripts = new Map<string, string>();
      for (const kind of CHANGE_KINDS) {
        const scenario = scenarioOf(example, kind);
        if (!scenario) continue;
        for (const [name, text] of changeRunbookScripts(scenario.review, new Map())) {
          expect(name).toMatch(/^\.\.\/runbooks\/\d\d-[a-z0-9-]+\.sh$/);
          expect(text).toContain('set -euo pipefail');
          expect(text).toContain(scenario.review.changeId);
          const file = `${kind.id}/${name.split('/').pop()}`;
          expect(scripts.has(file), file).toBe(false);
          scripts.set(file, text);
        }
      }
      expect(scripts.size).toBeGreaterThan(10);
      const problems = [...(await shellProblemsOf(scripts)).values()].filter(Boolean);
      expect(problems).toEqual([]);
    }, 600_000);
  }
});
