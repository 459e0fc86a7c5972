/** Shared setup of the AuriStorFS operations tests (issue #23): the examples in each mode, today's output, generated configs. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as YAML from 'yaml';
import type { Manifest } from '../../lib/k8s/manifest';
import { ROOT } from './cli';
import { sampleConfigs } from './config-generator';
import { manifestsOf } from './synth';

export const PHASED = fs.readFileSync(path.join(ROOT, 'examples', 'auristor-phased.yaml'), 'utf8');
export const STATIC = fs.readFileSync(path.join(ROOT, 'examples', 'auristor-static.yaml'), 'utf8');

/** The phased example in a delivery, its `auristor:` section edited as data. */
export function phased(delivery: 'sro' | 'kmm' | 'static', edit: (section: any) => void = () => {}): string {
  const doc = YAML.parse(PHASED);
  doc.auristor.delivery = delivery;
  edit(doc.auristor);
  return YAML.stringify(doc);
}

/** The phased example's nodes and the kernels they run. */
export const PHASED_NODES = [
  { name: 'cpu01', kernel: '4.18.0-372.9.1.el8.x86_64' },
  { name: 'cpu02', kernel: '4.18.0-372.9.1.el8.x86_64' },
  { name: 'cpu03', kernel: '4.18.0-305.49.1.el8_4.x86_64' },
  { name: 'cpu04', kernel: '4.18.0-305.57.1.el8_4.x86_64' },
];

/**
 * The output of main before issue #23 ("today's output" in the findings): examples/auristor-phased.yaml in each
 * delivery, examples/auristor-static.yaml (test/auristor/fixtures/before-23/SOURCE.md).
 */
export function outputBefore23(name: 'phased-sro' | 'phased-kmm' | 'phased-static' | 'auristor-static'): Manifest[] {
  const text = fs.readFileSync(path.join(ROOT, 'test', 'auristor', 'fixtures', 'before-23', `${name}.yaml`), 'utf8');
  return YAML.parseAllDocuments(text).map((d) => d.toJS() as Manifest);
}

/** Generated configs with an `auristor:` section (of a delivery), as text and parsed, with their output. */
export function generatedAuristorConfigs(count: number, seed: number, delivery?: string): Array<{ id: string; text: string; config: any; manifests: readonly Manifest[] }> {
  return sampleConfigs(count, seed)
    .map((c) => ({ ...c, config: YAML.parse(c.text) }))
    .filter((c) => c.config.auristor && (delivery === undefined || c.config.auristor.delivery === delivery))
    .map((c) => ({ ...c, manifests: manifestsOf(c.text) }));
}

/** The nodes a generated config's groups list, each on its group's first kernel. */
export function listedNodes(config: any): Array<{ name: string; kernel: string; labels?: Record<string, string> }> {
  return (config.auristor.groups as any[]).flatMap((g) => (g.nodes ?? []).map((name: string) => ({ name, kernel: g.kernels[0] })));
}
