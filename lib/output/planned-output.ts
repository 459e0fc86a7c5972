import * as fs from 'node:fs';
import * as path from 'node:path';
import * as YAML from 'yaml';
import type { Manifest } from '../k8s/manifest';
import { staleBesideFiles } from './ownership';
import type { PlannedOutput } from './planned';
import { compareNames } from '../k8s/name-order';

/** Every file under a directory (recursively), by '/'-path relative to it; empty when it does not exist. */
export function readDirTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true }).sort((a, b) => compareNames(a.name, b.name))) {
      const name = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(name);
      else files.set(name, fs.readFileSync(path.join(dir, name), 'utf8'));
    }
  };
  if (fs.existsSync(dir) && fs.statSync(dir).isDirectory()) walk('');
  return files;
}

/** One file beside the output as it is on disk, if it exists. */
export function readBesideFile(out: string, name: string): string | undefined {
  const file = path.resolve(out, name);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
}

/**
 * What is on disk now where the planned output would go: the whole output dir, and the beside
 * files that exist among those planned and the stale ones the previous synth wrote (an
 * Application left from a release rename is part of what Argo CD applies now).
 */
export function readCurrentOutput(out: string, planned: PlannedOutput): PlannedOutput {
  const beside = new Map<string, string>();
  for (const name of [...planned.beside.keys(), ...staleBesideFiles(out, planned)]) {
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
 * The folder beside the output where the generator writes promtool rule tests (`monitoring.ruleTests`): YAML
 * that is no manifest, which the change review never reads (an Argo CD Application never points at it either).
 */
export const RULE_TESTS_FOLDER = 'monitoring-tests';

/** YAML of the output or beside it that holds manifests (the Argo CD Applications, Helm values and patches; not the rule tests). */
const isManifestYaml = (name: string) => (name.endsWith('.yaml') || name.endsWith('.yml')) && !name.startsWith(`../${RULE_TESTS_FOLDER}/`);

/** The documents of a YAML stream as the generator writes them (separated by `---` lines). */
function documents(text: string): string[] {
  return text.split(/^---\n/m).filter((doc) => doc.trim() !== '');
}

/** Parses one YAML stream; documents that are no Kubernetes object (a stray kustomization.yaml) are skipped. */
function parseStream(text: string): Manifest[] {
  return YAML.parseAllDocuments(text).map((doc) => doc.toJS()).filter(isKubernetesObject);
}

/** Beside the output, only the Argo CD Applications are objects Argo CD applies (not Helm values or patches). */
const isApplied = (output: PlannedOutput) => (name: string, object: Manifest) => output.files.has(name) || object.apiVersion.startsWith('argoproj.io/');

/**
 * The objects Argo CD applies from two outputs (the output dir and the Applications beside it),
 * for the change review. YAML parsing is the slow part of
 * a review (seconds for 10,000 objects), so a document whose text is the same on both sides is
 * not parsed: it is the object it was rendered from, on both sides. The documents that differ are
 * parsed on both sides, so that a change is never an artefact of rendering versus parsing.
 * `parse` parses one document (the test simulator memoises it: its outputs share most documents).
 */
export function objectsOfOutputs(previous: PlannedOutput, next: PlannedOutput, parse: (doc: string) => unknown = YAML.parse): { previous: Manifest[]; next: Manifest[] } {
  const rendered = new Map<string, Manifest>();
  for (const [name, text] of [...next.files, ...next.beside]) {
    const objects = next.objects?.get(name);
    const docs = isManifestYaml(name) ? documents(text) : [];
    if (objects && objects.length === docs.length) docs.forEach((doc, i) => rendered.set(doc, objects[i]));
  }
  const previousDocs = new Set<string>();
  const objects = (output: PlannedOutput, side: 'previous' | 'next'): Manifest[] => [...output.files, ...output.beside]
    .filter(([name]) => isManifestYaml(name))
    .flatMap(([name, text]) => {
      const docs = documents(text);
      if (side === 'previous') docs.forEach((doc) => previousDocs.add(doc));
      const known = docs.map((doc) => (side === 'next' && !previousDocs.has(doc) ? undefined : rendered.get(doc)));
      let parsed: Manifest[];
      if (known.every((object) => object !== undefined)) parsed = known as Manifest[];
      else {
        // parse the documents not known; a stream we cannot split cleanly is parsed whole
        try {
          parsed = docs.flatMap((doc, i) => known[i] ?? [parse(doc)].filter(isKubernetesObject));
        } catch {
          parsed = parseStream(text);
        }
      }
      return parsed.filter((object) => isApplied(output)(name, object));
    });
  const before = objects(previous, 'previous');
  return { previous: before, next: objects(next, 'next') };
}

/** The YAML files of an output that the review reads: the output dir and the YAML beside it. */
function yamlTexts(output: PlannedOutput): Map<string, string> {
  return new Map([...output.files, ...output.beside].filter(([name]) => isManifestYaml(name)));
}

/**
 * When every YAML text the review reads is the same on both sides (the common case: synth on an
 * unchanged config), the objects Argo CD applies from `next`, taken from what it was rendered from;
 * otherwise (or when some file's objects are not known) undefined. Same texts are the same
 * objects on both sides, so the review has nothing to compare: on 12,000 objects this saves
 * splitting, matching and diffing ~9 MB of YAML (about 0.25 s).
 */
export function appliedObjectsIfUnchanged(previous: PlannedOutput, next: PlannedOutput): Manifest[] | undefined {
  const before = yamlTexts(previous);
  const after = yamlTexts(next);
  if (before.size !== after.size) return undefined;
  for (const [name, text] of after) if (before.get(name) !== text) return undefined;
  const applied: Manifest[] = [];
  for (const [name] of after) {
    const objects = next.objects?.get(name);
    if (!objects) return undefined;
    for (const object of objects) if (isApplied(next)(name, object)) applied.push(object);
  }
  return applied;
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
