import type { ChangeReview } from '../review/change-review';
import { RUNBOOK_SCRIPT_DIR, runbookScriptName } from '../review/runbook/render';
import { runbookScript } from '../review/runbook/render-bash';
import { runbookHelpersMarkdown, runbookMarkdown } from '../review/runbook/render-markdown';

/** The heading of the PLAN.md section that carries the runbooks of the last change. */
export const CHANGE_RUNBOOK_HEADING = '## Change runbook';

/** The "Change runbook" section of a PLAN.md text, if it has one (it is always the last section). */
export function changeRunbookSection(plan: string | undefined): string | undefined {
  const at = plan?.indexOf(`\n${CHANGE_RUNBOOK_HEADING}\n`) ?? -1;
  return at < 0 ? undefined : plan!.slice(at + 1);
}

/**
 * PLAN.md with the runbooks of the change under review, as its last section: the steps with the
 * real names, to be done around the sync of this output. When the review sees no change (a
 * re-run, `--check`), the section of the previous PLAN.md is kept: it still describes the change
 * that produced this output. A change that needs no runbook drops it.
 */
export function withChangeRunbook(plan: string, review: ChangeReview | undefined, previousPlan: string | undefined): string {
  if (review === undefined) return plan;
  const section = review.changes.length === 0 && review.runbooks.length === 0
    ? changeRunbookSection(previousPlan)
    : review.runbooks.length === 0 ? undefined
      : [
        CHANGE_RUNBOOK_HEADING,
        '',
        'The change this output makes to the running cluster needs these steps, in this order, around the Argo CD sync '
          + '(the review printed them too). Each runbook is also a script beside the output folder, which runs the same commands, '
          + 'waits with timeouts, and refuses to start when the cluster does not run the previous output.',
        '',
        runbookHelpersMarkdown(review.runbooks),
        '',
        ...review.runbooks.map((runbook, i) => runbookMarkdown(runbook, i)).join('\n\n').split('\n'),
      ].join('\n') + '\n';
  return section ? `${plan}\n${section}` : plan;
}

/**
 * The runbook scripts of a change, by their path beside the output (`../runbooks/01-<id>.sh`). When the
 * review sees no change, the scripts of the previous synth (`previous`, read from disk) stay as they are:
 * they still belong to the change that produced this output.
 */
export function changeRunbookScripts(review: ChangeReview | undefined, previous: ReadonlyMap<string, string>): Map<string, string> {
  if (review === undefined) return new Map();
  if (review.changes.length === 0 && review.runbooks.length === 0) return new Map(previous);
  return new Map(review.runbooks.map((runbook, i) => {
    const name = runbookScriptName(i, runbook);
    return [`../${RUNBOOK_SCRIPT_DIR}/${name}`, runbookScript(runbook, { name, change: review.changeId })] as const;
  }));
}

/** Whether a beside file is a runbook script. */
export function isRunbookScript(name: string): boolean {
  return name.startsWith(`../${RUNBOOK_SCRIPT_DIR}/`) && name.endsWith('.sh');
}
