import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as YAML from 'yaml';
import { expect } from 'vitest';
import { run } from '../../lib/generator/cli';
import { readDirTree } from '../../lib/output/planned-output';
import type { Manifest } from '../../lib/k8s/manifest';

export const ROOT = path.resolve(__dirname, '..', '..');
export const EXAMPLES = path.join(ROOT, 'examples');

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the generator in-process, capturing its output. */
export function runCli(argv: string[], env: NodeJS.ProcessEnv = {}): CliResult {
  const out: string[] = [];
  const err: string[] = [];
  const code = run(argv, { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/**
 * stderr without synth's editor-schema warnings: a config copied from examples/ into a scratch folder keeps its
 * `../schema/…` modeline, which does not resolve there (test/generator/editor-schema.test.ts tests the warning).
 */
export const withoutSchemaWarnings = (stderr: string) => stderr.split('\n').filter((line) => !line.includes(': warning: the editor schema ')).join('\n');

/** A fresh temporary directory, removed by the OS eventually. */
export function tempDir(prefix = 'cdk8s-storage-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Writes a config file into `dir` and returns its path. */
export function writeConfig(dir: string, text: string, name = 'cluster.yaml'): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

/** Every YAML file of a directory, name → text. */
export function readTree(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const name of fs.readdirSync(dir).sort()) result[name] = fs.readFileSync(path.join(dir, name), 'utf8');
  return result;
}

/** All objects of all YAML files in a directory. */
export function readManifests(dir: string): Manifest[] {
  return Object.entries(readTree(dir))
    .filter(([name]) => name.endsWith('.yaml'))
    .flatMap(([, text]) => YAML.parseAllDocuments(text).map((d) => d.toJS() as Manifest));
}

/** Finds one object by kind and name, failing loudly when absent. */
export function find(manifests: readonly Manifest[], kind: string, name: string): Manifest {
  const found = manifests.find((m) => m.kind === kind && m.metadata.name === name);
  if (!found) throw new Error(`no ${kind}/${name} among ${manifests.map((m) => `${m.kind}/${m.metadata.name}`).join(', ')}`);
  return found;
}

/** Everything under a directory with modification times: proof that a run wrote nothing. */
export function snapshot(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, text] of readDirTree(dir)) result[name] = `${fs.statSync(path.join(dir, name)).mtimeMs} ${text}`;
  return result;
}

/** A repository folder holding a config and the output it produced (`dist/`, and `argocd/` when configured). */
export function repoWith(config: string): { repo: string; config: string; out: string } {
  const repo = tempDir();
  const file = writeConfig(repo, config);
  const out = path.join(repo, 'dist');
  const first = runCli([file, '--out', out]);
  expect(first.code, first.stderr).toBe(0);
  return { repo, config: file, out };
}
