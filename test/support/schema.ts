/**
 * Strict schema validation for every object we emit, as a Kubernetes 1.28 API server with
 * `fieldValidation=Strict` would do it:
 *
 * - Core kinds: the Kubernetes 1.28 API definitions (test/schemas/k8s-1.28/_definitions.json, the
 *   file `cdk8s import k8s@1.28` reads), looked up by `x-kubernetes-group-version-kind`.
 * - Custom resources: the `openAPIV3Schema` of the vendored CRDs (crds/ for the kinds we import,
 *   test/schemas/crds/ for cert-manager, Argo CD, external-secrets, MetalLB, prometheus-operator);
 *   their `metadata` against the 1.28 ObjectMeta definition.
 *
 * Strict means: every object schema that lists `properties` is closed (an unknown field, which the
 * server would reject or silently drop, is an error here); int-or-string accepts both; a Quantity
 * accepts a string or a number, as the API server's JSON decoding does.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import * as YAML from 'yaml';

import type { Manifest } from '../../lib/k8s/manifest';

export type { Manifest };

const ROOT = path.resolve(__dirname, '..', '..');
const CRD_DIRS = [path.join(ROOT, 'crds'), path.join(ROOT, 'test', 'schemas', 'crds')];
const K8S_DEFINITIONS = path.join(ROOT, 'test', 'schemas', 'k8s-1.28', '_definitions.json');
const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

/** Closes every object schema that lists properties; widens int-or-string and Quantity. */
function strict(schema: any): any {
  if (Array.isArray(schema)) return schema.map(strict);
  if (!schema || typeof schema !== 'object') return schema;
  const result: any = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' || key === 'patternProperties' || key === 'definitions') {
      result[key] = Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, strict(v)]));
    } else {
      result[key] = strict(value);
    }
  }
  if (result.properties && result.additionalProperties === undefined
    && !result['x-kubernetes-preserve-unknown-fields'] && !result['x-kubernetes-embedded-resource']) {
    result.additionalProperties = false;
  }
  if (result['x-kubernetes-int-or-string'] || result.format === 'int-or-string') {
    delete result.type;
    delete result.format;
    result.anyOf = result.anyOf ?? [{ type: 'integer' }, { type: 'string' }];
  }
  return result;
}

/**
 * CRD patterns are Go (RE2) regular expressions: a leading `(?i)` (also right after `^`, as in the
 * PrometheusRule's `^(?i)(abort|warn)?$`) is a flag there, not a group.
 */
function goRegExp(pattern: string, flags: string): RegExp {
  const caseless = /^(\^?)\(\?i\)/.exec(pattern);
  return caseless ? new RegExp(caseless[1] + pattern.slice(caseless[0].length), `${flags}i`) : new RegExp(pattern, flags);
}
goRegExp.code = 'goRegExp';

function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

interface Validators {
  readonly ajv: Ajv;
  /** `group/version/kind` (group '' for the core group) -> validator, compiled on first use */
  readonly byKind: Map<string, () => ValidateFunction>;
  /** `group/kind` of a custom resource -> its validators by version, compiled on first use */
  readonly crds: Map<string, () => Map<string, ValidateFunction>>;
  readonly objectMeta: ValidateFunction;
}

let validators: Validators | undefined;

function loadValidators(): Validators {
  if (validators) return validators;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, code: { regExp: goRegExp } });
  const definitions = strict(JSON.parse(fs.readFileSync(K8S_DEFINITIONS, 'utf8'))).definitions;
  // A Quantity is a string in the definitions; the API server also decodes a JSON number into one.
  definitions['io.k8s.apimachinery.pkg.api.resource.Quantity'] = { anyOf: [{ type: 'string' }, { type: 'number' }] };
  ajv.addSchema({ $id: 'k8s', definitions });
  const byKind = new Map<string, () => ValidateFunction>();
  for (const [name, definition] of Object.entries<any>(definitions)) {
    for (const gvk of definition['x-kubernetes-group-version-kind'] ?? []) {
      byKind.set(`${gvk.group}/${gvk.version}/${gvk.kind}`, once(() => ajv.getSchema(`k8s#/definitions/${name}`)!));
    }
  }
  const crds = new Map<string, () => Map<string, ValidateFunction>>();
  // CRD files are parsed when one of their kinds is first validated (the ApplicationSet CRD alone is 1.4 MB of YAML)
  for (const dir of CRD_DIRS) {
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      const group = /^ {2}group: (\S+)$/m.exec(text)?.[1];
      const kind = /^ {4}kind: (\S+)$/m.exec(text)?.[1];
      if (!group || !kind) throw new Error(`${file}: no spec.group and spec.names.kind found`);
      crds.set(`${group}/${kind}`, once(() => compileCrd(ajv, path.join(dir, file))));
    }
  }
  validators = { ajv, byKind, crds, objectMeta: ajv.getSchema(`k8s#/definitions/${OBJECT_META}`)! };
  return validators;
}

/**
 * Stricter than the ApplicationSet CRD, on purpose: we emit only Git generators, so the generator schema keeps
 * only `git` (the matrix and merge generators nest every other generator twice, which makes the compiled schema
 * seven times slower to build and accepts nothing we emit).
 */
function onlyGitGenerators(crd: any): void {
  if (crd.spec.names.kind !== 'ApplicationSet') return;
  for (const version of crd.spec.versions) {
    const items = version.schema.openAPIV3Schema.properties.spec.properties.generators.items;
    items.properties = { git: items.properties.git };
  }
}

/** Compiles every version of a CRD file, by version name. */
function compileCrd(ajv: Ajv, file: string): Map<string, ValidateFunction> {
  const byVersion = new Map<string, ValidateFunction>();
  for (const doc of YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
    const crd = doc.toJS();
    if (crd?.kind !== 'CustomResourceDefinition') continue;
    onlyGitGenerators(crd);
    for (const version of crd.spec.versions) {
      const schema = strict(version.schema.openAPIV3Schema);
      // apiVersion and kind are checked by the API server itself; metadata against ObjectMeta (below)
      schema.properties = { ...schema.properties, apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' } };
      byVersion.set(version.name, ajv.compile(schema));
    }
  }
  return byVersion;
}

function describe(where: string, validate: ValidateFunction, prefix = ''): string[] {
  return (validate.errors ?? []).map((error) => `${where}: ${prefix}${error.instancePath || '/'} ${error.message} ${JSON.stringify(error.params)}`);
}

/** Validates one object; returns the list of problems (empty when valid). */
export function validateManifestSync(manifest: Manifest): string[] {
  const where = `${manifest.kind}/${manifest.metadata?.name}`;
  const problems: string[] = [];
  if (!manifest.metadata?.name) problems.push(`${where}: metadata.name is required`);
  const [group, version] = manifest.apiVersion.includes('/') ? manifest.apiVersion.split('/') : ['', manifest.apiVersion];
  const { byKind, crds, objectMeta } = loadValidators();
  const validate = byKind.get(`${group}/${version}/${manifest.kind}`)?.() ?? crds.get(`${group}/${manifest.kind}`)?.().get(version);
  if (!validate) return [`${where}: no schema known for ${manifest.apiVersion} ${manifest.kind}`];
  if (!validate(manifest)) problems.push(...describe(where, validate));
  if (group !== '' && !group.endsWith('.k8s.io') && !objectMeta(manifest.metadata ?? {})) {
    problems.push(...describe(where, objectMeta, '/metadata'));
  }
  return problems;
}

/** Validates one object; returns the list of problems (empty when valid). */
export async function validateManifest(manifest: Manifest): Promise<string[]> {
  return validateManifestSync(manifest);
}

/** Validates many objects; returns all problems. */
export async function validateAll(manifests: Manifest[]): Promise<string[]> {
  return manifests.flatMap(validateManifestSync);
}
