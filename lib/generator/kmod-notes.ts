import * as fs from 'node:fs';
import * as path from 'node:path';
import * as YAML from 'yaml';
import { describeKmodChanges } from '../auristor/kmod/kmod-changes';
import type { Manifest } from './synthesize';

/**
 * Every AuriStorFS kmod that this synth replaces or removes compared with the previous output in
 * `out` (also those the change review lets through, e.g. an OnDelete DaemonSet whose new image only
 * loads when its pods are deleted), each with the drain rule. Empty without a previous output.
 */
export function kmodNotes(out: string, next: readonly Manifest[]): string[] {
  if (!fs.existsSync(out)) return [];
  const previous = fs.readdirSync(out)
    .filter((name) => name.startsWith('auristor') && name.endsWith('.yaml'))
    .flatMap((name) => YAML.parseAllDocuments(fs.readFileSync(path.join(out, name), 'utf8')).map((d) => d.toJS() as Manifest));
  return describeKmodChanges(previous, [...next]);
}
