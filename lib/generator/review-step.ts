import { ChangeReview, formatChangeReview, reviewChanges, scriptLabelsChanged } from '../review/change-review';
import { Manifest, objectKey } from '../k8s/manifest';
import type { PlannedOutput } from '../output/planned';
import { appliedObjectsIfUnchanged, objectsOfOutputs, readCurrentOutput } from '../output/planned-output';
import { labelScriptNodes } from '../review/runbooks/facts';

/** The node-label script beside the output (nodeLabels.output: script). */
export const LABEL_SCRIPT = '../label-nodes.sh';

/**
 * The review of an output against itself: nothing changed, every object unchanged. What
 * `reviewChanges(objects, objects)` returns (test/perf-equivalence.test.ts checks it on every example).
 */
export function unchangedReview(objects: readonly Manifest[]): ChangeReview {
  return { changes: [], findings: [], dangerous: false, unchanged: new Set(objects.map(objectKey)).size, runbooks: [], changeId: '', kmodNotes: [] };
}

/** The change review of the planned output against the previous one, or undefined when there is no previous output. */
export function reviewAgainstPrevious(out: string, planned: PlannedOutput): ChangeReview | undefined {
  const previous = readCurrentOutput(out, planned);
  if (previous.files.size === 0) return undefined;
  const scriptNodes = { previous: labelScriptNodes(previous.beside.get(LABEL_SCRIPT)), next: labelScriptNodes(planned.beside.get(LABEL_SCRIPT)) };
  const same = appliedObjectsIfUnchanged(previous, planned);
  if (same && !scriptLabelsChanged(scriptNodes)) return unchangedReview(same);
  const objects = objectsOfOutputs(previous, planned);
  return reviewChanges(objects.previous, objects.next, { scriptNodes });
}

/**
 * The review and why the synth refuses to write it. A different release than the previous output
 * is most often a new cluster written over another one's output (a newcomer's first config over
 * the reference dist/), so that case says first how to give it a folder of its own.
 */
export function formatRefusal(out: string, review: ChangeReview, synthCommand: string): string {
  const dangerous = review.findings.filter((f) => f.severity === 'dangerous').length;
  const newCluster = review.findings.some((f) => f.rule === 'release-or-namespace-renamed')
    ? `${out}/ holds the output of another release. A new cluster rather than a rename? Give it an output folder of its own `
      + `(its PLAN.md and argocd/ go beside it): \`${synthCommand.replace(/ --out \S+/, '')} --out my-gitops/dist\`.\n\n`
    : '';
  return `${newCluster}${formatChangeReview(review)}\n`
    + `Refusing to write ${out}/: ${dangerous} dangerous change${dangerous > 1 ? 's' : ''} (above). Nothing was written.\n`
    + `Do what each DANGEROUS finding says first (or undo the config change), then run \`${synthCommand} --allow-dangerous\`.`;
}
