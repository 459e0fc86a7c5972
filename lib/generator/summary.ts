import * as path from 'node:path';
import type { Manifest } from '../k8s/manifest';
import { compareNames } from '../k8s/name-order';

/** A short table of what was written: files and objects per kind. */
export function formatSummary(out: string, files: ReadonlyMap<string, string>, manifests: readonly Manifest[]): string {
  const counts = new Map<string, number>();
  for (const manifest of manifests) counts.set(manifest.kind, (counts.get(manifest.kind) ?? 0) + 1);
  const width = Math.max(...[...counts.keys()].map((k) => k.length), 4);
  const rows = [...counts].sort(([a], [b]) => compareNames(a, b)).map(([kind, n]) => `  ${kind.padEnd(width)}  ${n}`);
  return [`wrote ${files.size} files, ${manifests.length} objects to ${out}/`, ...rows].join('\n');
}

/** Folders with more files than this are shown as `folder/ (N files)`. */
const MAX_LISTED_PER_FOLDER = 5;

/** A short list of the beside files written and removed, as they sit next to the output folder. */
export function formatBesideFiles(out: string, beside: Iterable<string>, removed: readonly string[]): string[] {
  const shown = (names: Iterable<string>) => {
    const list = [...names].map((name) => path.posix.normalize(name).replace(/^\.\.\//, ''));
    const perFolder = new Map<string, number>();
    for (const name of list) perFolder.set(path.posix.dirname(name), (perFolder.get(path.posix.dirname(name)) ?? 0) + 1);
    const big = (name: string) => path.posix.dirname(name) !== '.' && perFolder.get(path.posix.dirname(name))! > MAX_LISTED_PER_FOLDER;
    const folders = [...new Set(list.filter(big).map((name) => path.posix.dirname(name)))].map((folder) => `${folder}/ (${perFolder.get(folder)} files)`);
    return [...list.filter((name) => !big(name)), ...folders].join(', ');
  };
  const folder = path.dirname(out) === '.' ? '' : ` in ${path.dirname(out)}/`;
  const lines = [`wrote beside it${folder}: ${shown(beside)}`];
  if (removed.length) lines.push(`removed (written by the previous synth, no longer produced): ${shown(removed)}`);
  return lines;
}
