import * as fs from 'node:fs';
import * as path from 'node:path';
import * as YAML from 'yaml';
import { MANAGED_BY, MANAGED_BY_LABEL } from '../k8s/app-labels';
import type { PlannedOutput } from './planned';
import { compareNames } from '../k8s/name-order';

/** Thrown when synth would delete or replace something it did not write (nothing is written then). */
export class OutputDirError extends Error {}

/**
 * The index of the files synth wrote for one output folder, kept inside it: the synced files by
 * name, the files beside the folder (PLAN.md, argocd/, operator values) by a '/'-path relative to
 * it (`../PLAN.md`). Synth replaces or deletes only the files listed here. Argo CD's directory
 * source reads only *.yaml, *.yml, *.json and *.jsonnet files, so this file is never applied.
 */
export const OWNED_FILES_INDEX = '.cdk8s-storage-files';

const INDEX_HEADER = '# Files cdk8s-storage wrote for this folder (beside it: ../name). Synth replaces or deletes only these.\n';

/** The text of the index for an output of `files` (in the folder) and `beside` files. */
export function ownedFilesIndex(files: Iterable<string>, beside: Iterable<string>): string {
  const names = [...files].filter((name) => name !== OWNED_FILES_INDEX).concat([...beside]).sort();
  return INDEX_HEADER + names.map((name) => `${name}\n`).join('');
}

/** The planned output with its index added to the folder's files. */
export function withOwnedFilesIndex(planned: PlannedOutput): PlannedOutput {
  const files = new Map(planned.files);
  files.set(OWNED_FILES_INDEX, ownedFilesIndex(planned.files.keys(), planned.beside.keys()));
  return { ...planned, files: new Map([...files].sort(([a], [b]) => compareNames(a, b))) };
}

/**
 * Beside files are named relative to the output folder and lie in the folder holding it, so they
 * start with `../` and climb no further (an edited index cannot send a deletion elsewhere).
 */
const isBeside = (name: string) => {
  const normal = path.posix.normalize(name);
  return normal.startsWith('../') && !normal.slice(3).split('/').includes('..');
};

/** The names the index of `out` lists; undefined when there is no index (no output, or one written before indexes). */
export function readOwnedFiles(out: string): Set<string> | undefined {
  const file = path.join(out, OWNED_FILES_INDEX);
  if (!fs.existsSync(file)) return undefined;
  return new Set(fs.readFileSync(file, 'utf8').split('\n').filter((line) => line !== '' && !line.startsWith('#')));
}

const isApplication = (object: any) => object?.apiVersion?.startsWith('argoproj.io/') && object.kind === 'Application';
const sourceOf = (application: any) => `${application.spec?.source?.repoURL} ${application.spec?.source?.path}`;

/**
 * Argo CD Applications we generated (managed-by label) that sync the same repository folder as
 * a planned one, in the same folder, under another file name: left by a release rename (also by
 * versions that kept no index). They still sync the output, so they are part of it until removed.
 */
function strayApplications(out: string, planned: PlannedOutput): string[] {
  const applications = [...planned.beside.keys()].flatMap((name) => (planned.objects?.get(name) ?? []).filter(isApplication).map((app) => ({ name, app })));
  const sources = new Set(applications.map(({ app }) => sourceOf(app)));
  const stray: string[] = [];
  for (const folder of new Set(applications.map(({ name }) => path.posix.dirname(name)))) {
    const dir = path.resolve(out, folder);
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) continue;
    for (const file of fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
      const name = `${folder}/${file}`;
      if (planned.beside.has(name)) continue;
      let objects: any[];
      try {
        objects = YAML.parseAllDocuments(fs.readFileSync(path.join(dir, file), 'utf8')).map((doc) => doc.toJS());
      } catch {
        continue;
      }
      const ours = objects.some((o) => isApplication(o) && o.metadata?.labels?.[MANAGED_BY_LABEL] === MANAGED_BY && sources.has(sourceOf(o)));
      if (ours) stray.push(name);
    }
  }
  return stray;
}

/**
 * The beside files of the previous output that this synth does not write: those the index lists,
 * and Applications generated for the same output under another name (see strayApplications).
 */
export function staleBesideFiles(out: string, planned: PlannedOutput): string[] {
  const listed = [...readOwnedFiles(out) ?? []].filter((name) => isBeside(name) && !planned.beside.has(name));
  return [...new Set([...listed, ...strayApplications(out, planned)])]
    .filter((name) => fs.existsSync(path.resolve(out, name)) && fs.statSync(path.resolve(out, name)).isFile()).sort();
}

/** Whether `inner` is `outer` or lies inside it. */
export function isWithin(inner: string, outer: string): boolean {
  const relative = path.relative(outer, inner);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * A folder `--out` may name instead, for the refusal's hint: `dist`, else `<config name>/dist`, else
 * `<config name>-2/dist`…; one that is free (absent, empty, or an output synth wrote), never one
 * holding the config, the working directory or a parent of it (following the hint never loops).
 */
function usableOutFolder(configFile: string, cwd: string): string {
  const config = path.resolve(cwd, configFile);
  const name = path.basename(config).replace(/\.[^.]*$/, '');
  const candidates = [path.join(cwd, 'dist'), path.join(cwd, name, 'dist'), ...[2, 3, 4, 5].map((n) => path.join(cwd, `${name}-${n}`, 'dist'))]
    .filter((dir) => !isWithin(config, dir) && !isWithin(cwd, dir));
  const free = (dir: string) => !fs.existsSync(dir)
    || (fs.statSync(dir).isDirectory() && (fs.readdirSync(dir).length === 0 || fs.existsSync(path.join(dir, OWNED_FILES_INDEX))));
  return path.relative(cwd, candidates.find(free) ?? candidates[0]).split(path.sep).join('/');
}

/**
 * Refuses an output folder that synth must never replace: one holding the config file, the
 * working directory (`--out .`) or a parent of either. Replacing it would delete the config (or
 * the repository) and renaming the working directory fails anyway. The refusal ends with the
 * command to run instead, `rerun(folder)` (the caller renders it as the user started synth).
 */
export function assertOutputLocation(out: string, configFile: string, rerun: (out: string) => string = (folder) => `--out ${folder}`,
  cwd: string = process.cwd()): void {
  const dir = path.resolve(out);
  const instead = () => `point --out at a folder of its own: \`${rerun(usableOutFolder(configFile, cwd))}\``;
  if (isWithin(path.resolve(configFile), dir)) {
    throw new OutputDirError(`refusing --out ${out}: it holds the config file ${configFile}, and synth replaces the whole folder; ${instead()}`);
  }
  if (isWithin(cwd, dir)) {
    throw new OutputDirError(`refusing --out ${out}: it is the working directory or a parent of it, and synth replaces the whole folder; ${instead()}`);
  }
  // the folders above the output are created as needed: each one that exists must be a folder
  for (let above = path.dirname(dir); above !== path.dirname(above); above = path.dirname(above)) {
    if (!fs.existsSync(above)) continue;
    if (!fs.statSync(above).isDirectory()) {
      throw new OutputDirError(`refusing --out ${out}: ${path.relative(cwd, above) || above} is a file, not a folder`);
    }
    break;
  }
}

/** Before indexes: a beside file is ours when it says so (PLAN.md, label-nodes.sh and the operator files carry a header). */
const saysGenerated = (text: string) => text.includes('cdk8s-storage');

/** The output folder beside `out` whose index lists `file`, for the message. */
function claimedBy(out: string, file: string): string | undefined {
  const parent = path.dirname(path.resolve(out));
  for (const entry of fs.readdirSync(parent, { withFileTypes: true })) {
    const sibling = path.join(parent, entry.name);
    if (!entry.isDirectory() || sibling === path.resolve(out)) continue;
    const owned = readOwnedFiles(sibling);
    if (owned && [...owned].some((name) => path.resolve(sibling, name) === file)) return sibling;
  }
  return undefined;
}

/**
 * Checks, before anything is written, that the output replaces only what synth wrote for this
 * output folder: every entry of the folder is listed in its index (without an index, from an
 * earlier version: is a file this synth writes), and every beside file that exists is listed too
 * (without an index: says it was generated). Throws an OutputDirError naming every other file.
 * @returns the beside files the previous synth wrote that this one does not (to delete after writing)
 */
export function checkOwnership(out: string, planned: PlannedOutput): { stale: string[] } {
  const dir = path.resolve(out);
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) throw new OutputDirError(`${out} exists and is not a directory`);
  const owned = readOwnedFiles(dir);
  const problems: string[] = [];
  if (fs.existsSync(dir)) {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => compareNames(a.name, b.name))) {
      if (entry.name === OWNED_FILES_INDEX) continue;
      const ours = entry.isFile() && (owned ? owned.has(entry.name) : planned.files.has(entry.name));
      if (!ours) problems.push(`  ${path.join(out, entry.name)}${entry.isDirectory() ? '/' : ''}`);
    }
  }
  for (const name of planned.beside.keys()) {
    const file = path.resolve(dir, name);
    if (!fs.existsSync(file)) continue;
    const ours = owned ? owned.has(name) : (fs.existsSync(dir) && saysGenerated(fs.readFileSync(file, 'utf8'))) || planned.beside.get(name) === fs.readFileSync(file, 'utf8');
    if (ours) continue;
    const other = claimedBy(dir, file);
    problems.push(`  ${path.relative(process.cwd(), file) || file}${other ? ` (written for the output ${path.relative(process.cwd(), other) || other}/)` : ''}`);
  }
  if (problems.length > 0) {
    throw new OutputDirError([
      `refusing to write ${out}/: synth replaces only files it wrote for this output (listed in ${path.join(out, OWNED_FILES_INDEX)}), and these are not:`,
      ...problems,
      ...(owned || !fs.existsSync(dir) ? [] : [`(${out}/ has no ${OWNED_FILES_INDEX}: it was written by an earlier version or by hand; delete the files above if they are old generated output)`]),
      'Move them away, or point --out at a folder of its own (each output folder needs its own parent folder for PLAN.md and argocd/).',
    ].join('\n'));
  }
  return { stale: staleBesideFiles(out, planned) };
}

/** Deletes beside files the previous synth wrote and this one does not (an old Application after a rename), and folders they leave empty. */
export function removeStaleBesideFiles(out: string, stale: readonly string[]): void {
  for (const name of stale) {
    const file = path.resolve(out, name);
    fs.rmSync(file, { force: true });
    // and the folders it leaves empty, up to the one holding the output
    const top = path.dirname(path.resolve(out));
    for (let folder = path.dirname(file); folder !== top && folder.startsWith(top) && fs.existsSync(folder) && fs.readdirSync(folder).length === 0; folder = path.dirname(folder)) {
      fs.rmdirSync(folder);
    }
  }
}

/** What {@link writeSelfOwnedFiles} did to a file. */
export type SelfOwnedWrite = 'added' | 'updated' | 'unchanged';

/**
 * Writes files that say in their own content that synth wrote them (no index lists them: e.g. the editor schema
 * written into a repository, lib/generator/editor-schema.ts; `what` names them in the refusal): each is added when missing, replaced only when
 * `isOurs` says the file there is ours, and left as is when it already holds the text. Anything else in the way
 * makes it throw an OutputDirError naming every such file, before anything is written.
 * @returns what it did to each file (by the keys of `files`)
 */
export function writeSelfOwnedFiles(what: string, files: ReadonlyMap<string, string>, isOurs: (text: string) => boolean): Map<string, SelfOwnedWrite> {
  const done = new Map<string, SelfOwnedWrite>();
  const foreign: string[] = [];
  for (const [file, text] of files) {
    if (!fs.existsSync(file)) done.set(file, 'added');
    else if (!fs.statSync(file).isFile()) foreign.push(`  ${file}/`);
    else {
      const current = fs.readFileSync(file, 'utf8');
      if (current === text) done.set(file, 'unchanged');
      else if (isOurs(current)) done.set(file, 'updated');
      else foreign.push(`  ${file}`);
    }
  }
  if (foreign.length > 0) {
    throw new OutputDirError([`refusing to write ${what}: synth replaces only files it wrote, and these are not:`, ...foreign,
      'Move them away, or give another folder.'].join('\n'));
  }
  for (const [file, text] of files) {
    if (done.get(file) === 'unchanged') continue;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temporary = path.join(path.dirname(file), `.${path.basename(file)}.new`);
    fs.writeFileSync(temporary, text);
    fs.renameSync(temporary, file); // never a half-written schema in the editor's way
  }
  return done;
}
