import { formatChangeReview, reviewChanges } from '../review/change-review';
import { formatDiffSummary, unifiedDiff } from '../review/unified-diff';
import { runbookScriptsOf } from './review-step';
import type { PlannedOutput } from '../output/planned';
import { displayName, objectsOfOutputs, readCurrentOutput } from '../output/planned-output';

export interface CheckResult {
  /** whether the files on disk are exactly what the config produces */
  readonly upToDate: boolean;
  readonly report: string;
}

/** Both sides of an output by display name, for one diff. */
function byDisplayName(out: string, output: PlannedOutput): Map<string, string> {
  return new Map([...output.files].map(([name, text]) => [displayName(out, name), text] as const)
    .concat([...output.beside].map(([name, text]) => [displayName(out, name), text] as const)));
}

/**
 * `synth --check`: compares what the config produces with what is on disk (the committed
 * output), without writing anything. Out of date: a per-file summary, the unified diff and what
 * syncing the regenerated output would do, and the synth command (the same flags) that regenerates it.
 */
export function checkOutput(out: string, planned: PlannedOutput, configName: string, synthCommand: string): CheckResult {
  const current = readCurrentOutput(out, planned);
  const diffs = unifiedDiff(byDisplayName(out, current), byDisplayName(out, planned), { labels: ['committed/', 'generated/'] });
  const total = planned.files.size + planned.beside.size;
  if (diffs.length === 0) return { upToDate: true, report: `${out}/ is up to date with ${configName} (${total} files).` };
  const objects = objectsOfOutputs(current, planned);
  const review = reviewChanges(objects.previous, objects.next);
  return {
    upToDate: false,
    report: [
      `${out}/ is out of date: it is not what ${configName} produces. Nothing was written.`,
      formatDiffSummary(diffs),
      formatChangeReview(review, { runbookScripts: runbookScriptsOf(out, false) }),
      `Run \`${synthCommand}\`, review, and commit the result.`,
    ].join('\n'),
  };
}
