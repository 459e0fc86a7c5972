import type { ConfigLocator } from '../config/load';
import { ConfigProblem, formatPath, formatProblem } from '../config/errors';
import { AdaptedConfig, aisUpgradeConfigProblems } from '../from-config/check';
import { ChangeReview, aisnodeImageChanges } from '../review/change-review';

/**
 * The AIS upgrade-path problems of a change (a downgrade, a 4.x → 5.1+ jump past the 5.0 bridge), located in the
 * config: the aisnode image of the previous output (the object the change updates) against the config's. Not
 * overridable by `--allow-dangerous`: either way aisnode refuses to start (lib/ais/upgrade-path.ts).
 */
export function upgradePathProblems(review: ChangeReview | undefined, adapted: AdaptedConfig, locate: ConfigLocator): ConfigProblem[] {
  if (!review) return [];
  return aisnodeImageChanges(review.changes).flatMap((change) => aisUpgradeConfigProblems(adapted, change.previous))
    .map((problem) => ({ ...locate(problem.path), path: formatPath(problem.path), message: problem.message }));
}

/** What the synth prints when it refuses an upgrade path (`target`: the output folder, or the fleet): each problem at its line:col, and why no flag overrides it. */
export function formatUpgradeRefusal(target: string, problems: readonly ConfigProblem[], diffOnly = false): string {
  return [
    ...problems.map(formatProblem),
    `${diffOnly ? 'synth would refuse to write' : 'Refusing to write'} ${target}: the aisnode image change breaks AIS's upgrade path (above).${diffOnly ? '' : ' Nothing was written.'} `
      + '--allow-dangerous does not override it: aisnode would refuse to start. Change the image as the message says.',
  ].join('\n');
}
