import * as path from 'node:path';
import { Leftover, cleanLeftovers } from '../output/leftovers';

/** A leftover's path as the user would type it from here. */
const shown = (file: string) => `${path.relative(process.cwd(), file)}/`;

/**
 * Under the output's lock, before anything reads the output: what a synth killed mid-write left
 * beside `out` is removed (or the previous output put back), and each action is said on stderr.
 * `outShown` names the output as the user knows it. The single-output run and each site of a fleet
 * run call it.
 */
export function cleanLeftoversReported(out: string, outShown: string, stderr: (text: string) => void): void {
  const cleanup = cleanLeftovers(out);
  if (cleanup.restored) stderr(`${outShown}/ was missing after an interrupted synth: put back the previous output from ${path.relative(process.cwd(), cleanup.restored)}`);
  for (const removed of cleanup.removed) stderr(`removed ${shown(removed)}, left by an interrupted synth`);
  for (const foreign of cleanup.foreign) stderr(`warning: ${shown(foreign)} is named like synth's temporary folders but holds sub-folders: left alone`);
}

/** What `--check` says of leftovers (they make it fail: `git add -A` would commit them). */
export function leftoversCheckLine(leftovers: readonly Leftover[]): string {
  return `left by an interrupted synth (the next synth removes them): ${leftovers.map((l) => shown(l.path)).join(', ')}`;
}

/** What `--diff` says of a leftover (it reads the output, writes nothing). */
export function leftoverDiffWarning(leftover: Leftover): string {
  return `warning: ${shown(leftover.path)} was left by an interrupted synth (the next synth removes it)`;
}
