/**
 * The AuriStorFS runbooks (text form, lib/review/auristor-runbooks.ts) as the review carries them: typed
 * runbooks of `command` steps (the commands as printed) and work by hand, after the AIS runbooks; their
 * scripts pass bash -n and ShellCheck like the AIS runbooks' (test/review/runbooks/scripts.test.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { changeRunbookScripts } from '../../../lib/report/change-runbook';
import { reviewChanges } from '../../../lib/review/change-review';
import { runbookText } from '../../../lib/review/runbook/render-text';
import { edit, outputObjects } from '../../support/gitops';
import { shellProblems } from '../../support/shellcheck';

const example = (name: string) => fs.readFileSync(path.join(__dirname, '../../../examples', name), 'utf8');

describe('AuriStorFS runbooks in the typed review', () => {
  const cases: Array<[string, string, string, RegExp]> = [
    ['auristor-static.yaml', 'kmodVersion: "2021.05-20"', 'kmodVersion: "2021.05-21"', /^upgrade AuriStorFS group compute node by node \(static/],
    ['auristor-phased.yaml', 'kmodVersion: "2021.05-15"', 'kmodVersion: "2021.05-20"', /^upgrade AuriStorFS group group-2 node by node \(sro/],
  ];
  for (const [file, from, to, title] of cases) {
    it(`${file}: ${from} → ${to}: the runbook prints its commands, and its script passes bash -n and shellcheck`, () => {
      const config = example(file);
      const review = reviewChanges(outputObjects(config), outputObjects(edit(config, from, to)));
      expect(review.runbooks.map((r) => r.title)).toEqual([expect.stringMatching(title)]);
      const [runbook] = review.runbooks;
      expect(runbook.steps.map((s) => s.kind)).toContain('command');
      expect(runbook.steps.some((s) => s.kind === 'manual' && s.action === 'work' && /lsmod/.test(s.text))).toBe(true);
      const text = runbookText(runbook, 0).join('\n');
      expect(text).toMatch(/\$ kubectl drain \S+ --ignore-daemonsets --delete-emptydir-data/);
      const scripts = changeRunbookScripts(review, new Map());
      expect(scripts.size).toBe(1);
      for (const [name, script] of scripts) {
        expect(script).toContain('kubectl drain');
        expect(shellProblems(script, path.basename(name))).toBe('');
      }
    });
  }
});
