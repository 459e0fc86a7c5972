import * as fs from 'node:fs';
import * as path from 'node:path';
import { OWNED_FILES_INDEX } from './ownership';

/**
 * Temporary folders of writeOutputDir (lib/output/write-dir.ts) that a synth killed mid-write
 * (SIGKILL, power loss) left beside the output: `.<out>.new-XXXXXX` (the new tree being written)
 * and `.<out>.old-XXXXXX` (the previous output, between the two renames of the swap). Ours by
 * name and shape: the mkdtemp name, a folder of plain files only.
 */
export interface Leftover {
  readonly path: string;
  readonly kind: 'new' | 'old';
  /** whether it has the shape synth writes (plain files only): only those are removed or restored */
  readonly ours: boolean;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The leftover temporary folders of output `out`, by name. */
export function findLeftovers(out: string): Leftover[] {
  const parent = path.dirname(path.resolve(out));
  const pattern = new RegExp(`^\\.${escape(path.basename(path.resolve(out)))}\\.(new|old)-[A-Za-z0-9]{6}$`);
  let names: string[];
  try {
    names = fs.readdirSync(parent).sort();
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const match = pattern.exec(name);
    const full = path.join(parent, name);
    if (!match || !fs.lstatSync(full).isDirectory()) return [];
    const ours = fs.readdirSync(full, { withFileTypes: true }).every((entry) => entry.isFile());
    return [{ path: full, kind: match[1] as 'new' | 'old', ours }];
  });
}

/** How the next synth dealt with leftovers, for its report. */
export interface LeftoverCleanup {
  readonly removed: string[];
  /** a previous output put back where it was (the synth died between the swap's two renames) */
  readonly restored?: string;
  /** matching folders not of our shape: named, not touched */
  readonly foreign: string[];
}

/**
 * Under the output's lock, before anything reads the output: puts back a previous output whose
 * swap was cut between its two renames (the output folder is missing, its `.old-` copy is whole),
 * and removes every other leftover of ours. The write then replaces the output as usual.
 */
export function cleanLeftovers(out: string): LeftoverCleanup {
  const leftovers = findLeftovers(out);
  const removed: string[] = [];
  let restored: string | undefined;
  if (!fs.existsSync(out)) {
    const previous = leftovers.find((l) => l.kind === 'old' && l.ours && fs.existsSync(path.join(l.path, OWNED_FILES_INDEX)));
    if (previous) {
      fs.renameSync(previous.path, out);
      restored = previous.path;
    }
  }
  for (const leftover of leftovers) {
    if (!leftover.ours || leftover.path === restored) continue;
    fs.rmSync(leftover.path, { recursive: true, force: true });
    removed.push(leftover.path);
  }
  return { removed, restored, foreign: leftovers.filter((l) => !l.ours).map((l) => l.path) };
}
