import * as fs from 'node:fs';
import * as path from 'node:path';
import { referenceExamplePath } from '../config/reference-example';
import { ChangeReview, formatChangeReview, reviewChanges, scriptLabelsChanged } from '../review/change-review';
import { Manifest, objectKey } from '../k8s/manifest';
import type { PlannedOutput } from '../output/planned';
import { appliedObjectsIfUnchanged, objectsOfOutputs, readCurrentOutput } from '../output/planned-output';
import { labelScriptNodes } from '../review/runbooks/facts';
import { RUNBOOK_SCRIPT_DIR } from '../review/runbook/render';

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
 * A folder for the output of a new cluster that was pointed at another release's output: `dist`
 * beside the config (unless that is the working directory or the package's examples), else beside
 * the refused folder named after the release; never the refused folder, inside it, the working
 * directory or a parent of it, nor a folder that already holds anything (following the hint never loops).
 */
export function suggestOutputFolder(refusedOut: string, configFile: string, release: string, cwd = process.cwd()): string | undefined {
  const refused = path.resolve(cwd, refusedOut);
  const configDir = path.dirname(path.resolve(cwd, configFile));
  const besideConfig = configDir === cwd || configDir === path.dirname(referenceExamplePath()) ? [] : [path.join(configDir, 'dist')];
  const candidates = [...besideConfig, path.join(path.dirname(refused), release, 'dist'), path.join(cwd, release, 'dist'), path.join(cwd, `${release}-new`, 'dist')];
  const inside = (dir: string, outer: string) => dir === outer || dir.startsWith(outer + path.sep);
  const usable = candidates.find((dir) => !inside(dir, refused) && !inside(cwd, dir)
    && (!fs.existsSync(dir) || fs.readdirSync(dir).length === 0));
  if (!usable) return undefined;
  const relative = path.relative(cwd, usable);
  return relative.startsWith('..') ? usable : relative.split(path.sep).join('/');
}

/**
 * Where the runbook scripts of the output `out` are, as the path the user types from the working
 * directory (they go beside the output folder, not beside the working directory), for the review text.
 */
export function runbookScriptsOf(out: string, written: boolean, cwd = process.cwd()): { folder: string; written: boolean } {
  const folder = path.relative(cwd, path.join(path.dirname(path.resolve(cwd, out)), RUNBOOK_SCRIPT_DIR));
  return { folder: folder.split(path.sep).join('/'), written };
}

/** The commands a refusal offers, rendered for the way the generator was started. */
export interface RefusalCommands {
  /** the same synth with --allow-dangerous */
  readonly allowDangerous: string;
  /** the same synth into a folder of its own (for a new cluster), when one can be suggested */
  readonly newFolder?: string;
}

/**
 * The review and why the synth refuses to write it. A different release than the previous output
 * is most often a new cluster written over another one's output (a newcomer's first config over
 * the reference dist/), so that case says first how to give it a folder of its own.
 */
export function formatRefusal(out: string, review: ChangeReview, commands: RefusalCommands): string {
  const dangerous = review.findings.filter((f) => f.severity === 'dangerous').length;
  const newCluster = review.findings.some((f) => f.rule === 'release-or-namespace-renamed')
    ? `${out}/ holds the output of another release. A new cluster rather than a rename? Give it an output folder of its own `
      + `(its PLAN.md and argocd/ go beside it)${commands.newFolder ? `: \`${commands.newFolder}\`` : ''}.\n\n`
    : '';
  return `${newCluster}${formatChangeReview(review, { runbookScripts: runbookScriptsOf(out, false) })}\n`
    + `Refusing to write ${out}/: ${dangerous} dangerous change${dangerous > 1 ? 's' : ''} (above). Nothing was written.\n`
    + `Do what each DANGEROUS finding says first (or undo the config change), then run \`${commands.allowDangerous}\`.`;
}
