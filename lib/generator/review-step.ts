import { ChangeReview, formatChangeReview, reviewChanges } from '../gitops/change-review';
import { PlannedOutput, objectsOfOutputs, readCurrentOutput } from './planned-output';

/** The change review of the planned output against the previous one, or undefined when there is no previous output. */
export function reviewAgainstPrevious(out: string, planned: PlannedOutput): ChangeReview | undefined {
  const previous = readCurrentOutput(out, planned);
  if (previous.files.size === 0) return undefined;
  const objects = objectsOfOutputs(previous, planned);
  return reviewChanges(objects.previous, objects.next);
}

/** The review and why the synth refuses to write it. */
export function formatRefusal(out: string, review: ChangeReview): string {
  const dangerous = review.findings.filter((f) => f.severity === 'dangerous').length;
  return `${formatChangeReview(review)}\n`
    + `Refusing to write ${out}/: ${dangerous} dangerous change${dangerous > 1 ? 's' : ''} (above). Nothing was written.\n`
    + 'Do what each DANGEROUS finding says first (or undo the config change), then run again with --allow-dangerous.';
}
