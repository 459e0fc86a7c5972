import * as fs from 'node:fs';
import * as path from 'node:path';

/** Thrown when the output directory holds something synth did not write and must not delete. */
export class OutputDirError extends Error {}

/** Reads the YAML files of an output directory (empty map when it does not exist). */
export function readOutputDir(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  if (!fs.existsSync(dir)) return files;
  for (const name of fs.readdirSync(dir).sort()) {
    if (name.endsWith('.yaml')) files.set(name, fs.readFileSync(path.join(dir, name), 'utf8'));
  }
  return files;
}

/** Refuses to replace a directory that holds anything but YAML files (a mistaken --out must not delete a repo). */
function assertReplaceable(dir: string): void {
  if (!fs.existsSync(dir)) return;
  if (!fs.statSync(dir).isDirectory()) throw new OutputDirError(`${dir} exists and is not a directory`);
  const foreign = fs.readdirSync(dir).filter((name) => !name.endsWith('.yaml') || !fs.statSync(path.join(dir, name)).isFile());
  if (foreign.length > 0) {
    throw new OutputDirError(`refusing to replace ${dir}: it holds ${foreign.slice(0, 5).join(', ')}${foreign.length > 5 ? ', ...' : ''}, `
      + 'which synth did not write; point --out at a directory of generated YAML only');
  }
}

/**
 * Replaces `dir` with exactly `files`, atomically: the new tree is written next to it and
 * swapped in with renames, so a failure leaves the previous output byte-for-byte as it was,
 * and files of objects that no longer exist disappear.
 */
export function writeOutputDir(dir: string, files: ReadonlyMap<string, string>): void {
  assertReplaceable(dir);
  const parent = path.dirname(path.resolve(dir));
  fs.mkdirSync(parent, { recursive: true });
  const staging = fs.mkdtempSync(path.join(parent, `.${path.basename(dir)}.new-`));
  try {
    fs.chmodSync(staging, 0o755);
    for (const [name, text] of files) fs.writeFileSync(path.join(staging, name), text);
    if (fs.existsSync(dir)) {
      const retired = staging.replace('.new-', '.old-');
      fs.renameSync(dir, retired);
      try {
        fs.renameSync(staging, dir);
      } catch (error) {
        fs.renameSync(retired, dir); // put the previous output back
        throw error;
      }
      fs.rmSync(retired, { recursive: true, force: true });
    } else {
      fs.renameSync(staging, dir);
    }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
