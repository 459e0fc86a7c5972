import * as fs from 'node:fs';
import * as path from 'node:path';
import * as YAML from 'yaml';
import type { Manifest } from '../gitops/manifest';

/** Everything one synth would write, in memory. */
export interface PlannedOutput {
  /** the synced output dir: file name -> text */
  readonly files: ReadonlyMap<string, string>;
  /** files beside it (Argo CD Applications, the node label script), keyed by a '/'-path relative to the output dir */
  readonly beside: ReadonlyMap<string, string>;
}

/** Every file under a directory (recursively), by '/'-path relative to it; empty when it does not exist. */
export function readDirTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const name = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(name);
      else files.set(name, fs.readFileSync(path.join(dir, name), 'utf8'));
    }
  };
  if (fs.existsSync(dir) && fs.statSync(dir).isDirectory()) walk('');
  return files;
}

/** What is on disk now where the planned output would go: the whole output dir, and the planned beside files that exist. */
export function readCurrentOutput(out: string, planned: PlannedOutput): PlannedOutput {
  const beside = new Map<string, string>();
  for (const name of planned.beside.keys()) {
    const file = path.resolve(out, name);
    if (fs.existsSync(file)) beside.set(name, fs.readFileSync(file, 'utf8'));
  }
  return { files: readDirTree(out), beside };
}

function isKubernetesObject(value: any): value is Manifest {
  return !!value && typeof value === 'object' && typeof value.apiVersion === 'string' && typeof value.kind === 'string'
    && typeof value.metadata?.name === 'string';
}

/**
 * The Kubernetes objects of the YAML files of an output. Other files, and documents that are no
 * Kubernetes object (a stray kustomization.yaml), are left to the file diff.
 */
export function parseOutput(output: PlannedOutput): Manifest[] {
  const texts = [...output.files, ...output.beside].filter(([name]) => name.endsWith('.yaml') || name.endsWith('.yml')).map(([, text]) => text);
  return texts.flatMap((text) => YAML.parseAllDocuments(text).map((doc) => doc.toJS()).filter(isKubernetesObject));
}

/** Writes the beside files, each atomically (temporary file + rename), creating folders as needed. */
export function writeBesideFiles(out: string, beside: ReadonlyMap<string, string>): void {
  for (const [name, text] of beside) {
    const file = path.resolve(out, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temporary = path.join(path.dirname(file), `.${path.basename(file)}.new-${process.pid}`);
    fs.writeFileSync(temporary, text, { mode: name.endsWith('.sh') ? 0o755 : 0o644 });
    fs.renameSync(temporary, file);
  }
}

/**
 * How a file of the output is named in messages: relative to the folder holding the output dir
 * (`dist/ais-config.yaml`, `argocd/demo.yaml`), the way it sits in the Git repository.
 */
export function displayName(out: string, name: string): string {
  return path.posix.normalize(path.posix.join(path.basename(path.resolve(out)), name));
}
