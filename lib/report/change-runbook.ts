import type { ChangeReview } from '../review/change-review';
import { runbookMarkdown } from '../review/rules/runbook';

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
  const section = review.changes.length === 0
    ? changeRunbookSection(previousPlan)
    : review.runbooks.length === 0 ? undefined
      : [
        CHANGE_RUNBOOK_HEADING,
        '',
        'The change this output makes to the running cluster needs these steps, in this order, around the Argo CD sync '
          + '(the review printed them too). Names are the real ones; shell variables are filled in by the commands before them.',
        '',
        ...review.runbooks.map(runbookMarkdown).join('\n\n').split('\n'),
      ].join('\n') + '\n';
  return section ? `${plan}\n${section}` : plan;
}
