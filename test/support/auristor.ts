/** Helpers for the AuriStorFS tests: synthesize constructs and pick objects out of the result. */
import { App, Chart, Testing } from 'cdk8s';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as YAML from 'yaml';
import { expect } from 'vitest';
import { auristorSchema, type AuristorConfigInput } from '../../lib/config/auristor-schema';
import { clusterConfigSchema, type ClusterConfig } from '../../lib/config/schema';
import { type Manifest, validateAll } from './schema';

/** Synthesizes whatever `build` adds to a fresh chart. */
export function synth(build: (chart: Chart) => void): Manifest[] {
  const chart = Testing.chart();
  build(chart);
  return Testing.synth(chart) as Manifest[];
}

/** All objects of an app, chart by chart. */
export function synthApp(app: App): Manifest[] {
  return app.charts.flatMap((chart) => chart.toJson() as Manifest[]);
}

/** The one object of that kind and name (and namespace, when given); fails the test when absent or repeated. */
export function find(objects: Manifest[], kind: string, name: string, namespace?: string): Manifest {
  const found = objects.filter((o) => o.kind === kind && o.metadata.name === name && (namespace === undefined || o.metadata.namespace === namespace));
  expect(found.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`), `${kind} ${namespace ?? ''}/${name}`).toHaveLength(1);
  return found[0];
}

/** `kind namespace/name` of every object, in output order. */
export function ids(objects: Manifest[]): string[] {
  return objects.map((o) => `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`);
}

/** Asserts every object is valid against its schema (core kinds, vendored CRDs). */
export async function expectValid(objects: Manifest[]): Promise<void> {
  expect(objects.length).toBeGreaterThan(0);
  expect(await validateAll(objects)).toEqual([]);
}

/** The containers of a workload's pod template, by name. */
export function containers(workload: Manifest): Record<string, any> {
  return Object.fromEntries(workload.spec.template.spec.containers.map((c: any) => [c.name, c]));
}

/** A config file of the repository, parsed. */
export function readExample(name: string): any {
  return YAML.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'examples', name), 'utf8'));
}

/** A cluster config with the given `auristor:` section, defaults applied. */
export function clusterConfig(auristor: AuristorConfigInput, name = 'demo'): ClusterConfig {
  return clusterConfigSchema.parse({ name, auristor });
}

/** Parses an `auristor:` section; the issues as `path: message` lines when invalid. */
export function auristorIssues(section: unknown): string[] {
  const result = auristorSchema.safeParse(section);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

/** A valid one-group section to vary in tests. */
export function oneGroup(overrides: Record<string, unknown> = {}, group: Record<string, unknown> = {}): any {
  return {
    delivery: 'static',
    groups: [{ name: 'group-1', nodes: ['cpu01'], kmodVersion: '2021.05-20', csiVersion: '2022.09-1', kernels: ['4.18.0-305.49.1.el8_4.x86_64'], ...group }],
    ...overrides,
  };
}
