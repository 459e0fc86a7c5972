import * as fs from 'node:fs';
import * as path from 'node:path';
import { OWNED_FILES_INDEX, OutputDirError, checkOwnership, ownedFilesIndex } from './ownership';

export { OutputDirError };

/** Reads the YAML files of an output directory (empty map when it does not exist). */
export function readOutputDir(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  if (!fs.existsSync(dir)) return files;
  for (const name of fs.readdirSync(dir).sort()) {
    if (name.endsWith('.yaml')) files.set(name, fs.readFileSync(path.join(dir, name), 'utf8'));
  }
  return files;
}

/** An output folder written next to its destination, not yet swapped in. */
export interface StagedDir {
  readonly dir: string;
  readonly staging: string;
}

/**
 * Writes `files` (with the index of what the folder holds, lib/output/ownership.ts) into a new folder next to
 * `dir`, after checking that `dir` holds only what synth wrote. Nothing in `dir` changes until {@link commitStagedDirs}.
 */
export function stageOutputDir(dir: string, files: ReadonlyMap<string, string>): StagedDir {
  const indexed = files.has(OWNED_FILES_INDEX) ? files : new Map([...files, [OWNED_FILES_INDEX, ownedFilesIndex(files.keys(), [])]]);
  checkOwnership(dir, { files: indexed, beside: new Map() });
  const parent = path.dirname(path.resolve(dir));
  fs.mkdirSync(parent, { recursive: true });
  const staging = fs.mkdtempSync(path.join(parent, `.${path.basename(dir)}.new-`));
  try {
    fs.chmodSync(staging, 0o755);
    for (const [name, text] of indexed) fs.writeFileSync(path.join(staging, name), text);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  return { dir, staging };
}

/** Removes staged folders that will not be committed. */
export function discardStaged(staged: readonly StagedDir[]): void {
  for (const { staging } of staged) fs.rmSync(staging, { recursive: true, force: true });
}

/**
 * Swaps every staged folder in with renames. If one swap fails, the folders already swapped get their previous
 * content back, so either every folder is new or every folder is as it was.
 */
export function commitStagedDirs(staged: readonly StagedDir[]): void {
  const done: Array<{ dir: string; retired?: string }> = [];
  try {
    for (const { dir, staging } of staged) {
      if (fs.existsSync(dir)) {
        const retired = staging.replace('.new-', '.old-');
        fs.renameSync(dir, retired);
        try {
          fs.renameSync(staging, dir);
        } catch (error) {
          fs.renameSync(retired, dir); // put the previous output back
          throw error;
        }
        done.push({ dir, retired });
      } else {
        fs.renameSync(staging, dir);
        done.push({ dir });
      }
    }
  } catch (error) {
    for (const { dir, retired } of done.reverse()) {
      fs.rmSync(dir, { recursive: true, force: true });
      if (retired) fs.renameSync(retired, dir);
    }
    discardStaged(staged);
    throw error;
  }
  for (const { retired } of done) if (retired) fs.rmSync(retired, { recursive: true, force: true });
}

/**
 * Replaces `dir` with exactly `files`, atomically: the new tree is written next to it and
 * swapped in with renames, so a failure leaves the previous output byte-for-byte as it was,
 * and files of objects that no longer exist disappear. The folder gets an index of what it holds
 * (lib/output/ownership.ts); a folder holding anything its index does not list is refused.
 */
export function writeOutputDir(dir: string, files: ReadonlyMap<string, string>): void {
  commitStagedDirs([stageOutputDir(dir, files)]);
}
