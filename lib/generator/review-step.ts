import { ChangeReview, formatChangeReview, reviewChanges } from '../gitops/change-review';
import { Manifest, objectKey } from '../gitops/manifest';
import { PlannedOutput, appliedObjectsIfUnchanged, objectsOfOutputs, readCurrentOutput } from './planned-output';

/**
 * The review of an output against itself: nothing changed, every object unchanged. What
 * `reviewChanges(objects, objects)` returns (test/perf-equivalence.test.ts checks it on every example).
 */
export function unchangedReview(objects: readonly Manifest[]): ChangeReview {
  return { changes: [], findings: [], dangerous: false, unchanged: new Set(objects.map(objectKey)).size, runbooks: [] };
}

/** The change review of the planned output against the previous one, or undefined when there is no previous output. */
export function reviewAgainstPrevious(out: string, planned: PlannedOutput): ChangeReview | undefined {
  const previous = readCurrentOutput(out, planned);
  if (previous.files.size === 0) return undefined;
  const same = appliedObjectsIfUnchanged(previous, planned);
  if (same) return unchangedReview(same);
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
