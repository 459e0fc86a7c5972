import type { Manifest } from './synthesize';

/** A short table of what was written: files and objects per kind. */
export function formatSummary(out: string, files: ReadonlyMap<string, string>, manifests: readonly Manifest[]): string {
  const counts = new Map<string, number>();
  for (const manifest of manifests) counts.set(manifest.kind, (counts.get(manifest.kind) ?? 0) + 1);
  const width = Math.max(...[...counts.keys()].map((k) => k.length), 4);
  const rows = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([kind, n]) => `  ${kind.padEnd(width)}  ${n}`);
  return [`wrote ${files.size} files, ${manifests.length} objects to ${out}/`, ...rows].join('\n');
}
