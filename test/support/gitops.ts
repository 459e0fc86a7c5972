/**
 * Config edits and output helpers shared by the GitOps tests (test/gitops-*.test.ts). Each
 * edit changes the reference example the way a user would, and fails loudly when the example
 * no longer has the text it edits.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { objectsOfOutputs } from '../../lib/output/planned-output';
import { Manifest } from '../../lib/k8s/manifest';
import { ROOT } from './cli';
import { synthConfig } from './synth';

export const REFERENCE = fs.readFileSync(path.join(ROOT, 'examples', 'reference.yaml'), 'utf8');

/** Replaces `from` by `to` in a config text; throws when `from` is not there (so an edit can never silently do nothing). */
export function edit(text: string, from: string | RegExp, to: string | ((match: string, ...groups: string[]) => string)): string {
  const result = text.replace(from, to as (match: string, ...groups: string[]) => string);
  if (result === text) throw new Error(`the config has no ${String(from)} to replace`);
  return result;
}

/** Adds keys under `ais:` (two-space indented YAML lines). */
export function withAisKeys(text: string, lines: string): string {
  return edit(text, /^ais:\n/m, `ais:\n${lines}`);
}

/** Turns on per-target LoadBalancers, with an address pool large enough for 13 targets + the gateway. */
export function withExternalLB(text: string): string {
  return withAisKeys(edit(text, '10.132.179.10-10.132.179.20', '10.132.179.10-10.132.179.40'), '  externalLB: true\n');
}

/** The reference's node list with one more node (cpu13) for proxies and targets. */
export function withNode13(text: string): string {
  return edit(text, /cpu11, cpu12\]/g, 'cpu11, cpu12, cpu13]');
}

/** Appends a `gitops:` section. */
export function withGitops(text: string, section: string): string {
  return `${text.trimEnd()}\ngitops:\n${section}`;
}

/** The objects a config produces, parsed back from its YAML files as the CLI reads a previous output. */
export function outputObjects(config: string): Manifest[] {
  const output = synthConfig(config);
  return objectsOfOutputs({ files: new Map(), beside: new Map() }, { files: output.files, beside: output.beside }).next;
}

/** Targets on local PersistentVolumes (one per node and mountpath, 10Ti each) instead of hostPath volumes. */
export function withLocalPV(text: string): string {
  return edit(text, /^( +)mountpaths: \[([^\]]*)\]/m, (_: string, indent: string, list: string) =>
    `${indent}storage: localPV\n${indent}mountpaths: [${list.split(', ').map((p) => `{path: ${p}, size: 10Ti}`).join(', ')}]`);
}
