/**
 * Schema validation for every object we emit.
 *
 * - Core Kubernetes kinds: the `kubernetes-models` classes (OpenAPI of Kubernetes 1.27, the newest
 *   release line that is not newer than the 1.28 API we target; the L1 types come from
 *   cdk8s-plus-28's 1.28 import and the type checker holds them).
 * - Custom resources whose CRD we vendor (crds/): ajv against the CRD's openAPIV3Schema, made strict
 *   the way the API server prunes (an unknown field, which the server would silently drop, is an
 *   error here).
 * - cert-manager, Argo CD and external-secrets objects: the `@kubernetes-models/*` classes generated
 *   from those projects' CRDs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import * as YAML from 'yaml';

import type { Manifest } from '../../lib/gitops/manifest';

export type { Manifest };

const CRD_DIR = path.resolve(__dirname, '..', '..', 'crds');

/** Makes a structural CRD schema reject unknown fields (what the API server would prune). */
function strict(schema: any): any {
  if (Array.isArray(schema)) return schema.map(strict);
  if (!schema || typeof schema !== 'object') return schema;
  const result: any = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' || key === 'patternProperties') {
      result[key] = Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, strict(v)]));
    } else {
      result[key] = strict(value);
    }
  }
  if (result.type === 'object' && result.properties && result.additionalProperties === undefined
    && !result['x-kubernetes-preserve-unknown-fields'] && !result['x-kubernetes-embedded-resource']) {
    result.additionalProperties = false;
  }
  if (result['x-kubernetes-int-or-string']) {
    delete result.type;
    result.anyOf = result.anyOf ?? [{ type: 'integer' }, { type: 'string' }];
  }
  return result;
}

let crdValidators: Map<string, ValidateFunction> | undefined;

function loadCrdValidators(): Map<string, ValidateFunction> {
  if (crdValidators) return crdValidators;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  crdValidators = new Map();
  for (const file of fs.readdirSync(CRD_DIR).filter((f) => f.endsWith('.yaml'))) {
    for (const doc of YAML.parseAllDocuments(fs.readFileSync(path.join(CRD_DIR, file), 'utf8'))) {
      const crd = doc.toJS();
      if (crd?.kind !== 'CustomResourceDefinition') continue;
      for (const version of crd.spec.versions) {
        const schema = strict(version.schema.openAPIV3Schema);
        // apiVersion/kind/metadata are checked by the API server itself, not the CRD schema
        schema.properties = { ...schema.properties, apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' } };
        crdValidators.set(`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`, ajv.compile(schema));
      }
    }
  }
  return crdValidators;
}

/** Packages generated from third-party CRDs (ESM only, so loaded with import()). */
const MODEL_PACKAGES: Record<string, string> = {
  'cert-manager.io': '@kubernetes-models/cert-manager/cert-manager.io',
  'argoproj.io': '@kubernetes-models/argo-cd/argoproj.io',
  'external-secrets.io': '@kubernetes-models/external-secrets/external-secrets.io',
};

async function modelClass(apiVersion: string, kind: string): Promise<any> {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  let modulePath: string;
  if (MODEL_PACKAGES[group]) modulePath = `${MODEL_PACKAGES[group]}/${version}`;
  else if (group === '') modulePath = `kubernetes-models/${version}`;
  else if (group.endsWith('.k8s.io') || !group.includes('.')) modulePath = `kubernetes-models/${group}/${version}`;
  else return undefined;
  try {
    const mod = await import(modulePath);
    return mod[kind];
  } catch {
    return undefined;
  }
}

/** Validates one object; returns the list of problems (empty when valid). */
export async function validateManifest(manifest: Manifest): Promise<string[]> {
  const where = `${manifest.kind}/${manifest.metadata?.name}`;
  const problems: string[] = [];
  if (!manifest.metadata?.name) problems.push(`${where}: metadata.name is required`);
  const [group, version] = manifest.apiVersion.includes('/') ? manifest.apiVersion.split('/') : ['', manifest.apiVersion];
  const crd = loadCrdValidators().get(`${group}/${version}/${manifest.kind}`);
  if (crd) {
    if (!crd(manifest)) {
      for (const error of crd.errors ?? []) problems.push(`${where}: ${error.instancePath || '/'} ${error.message} ${JSON.stringify(error.params)}`);
    }
    return problems;
  }
  const Model = await modelClass(manifest.apiVersion, manifest.kind);
  if (!Model) return [`${where}: no schema known for ${manifest.apiVersion} ${manifest.kind}`];
  try {
    new Model(manifest).validate();
  } catch (error) {
    problems.push(`${where}: ${(error as Error).message}`);
  }
  return problems;
}

/** Validates many objects; returns all problems. */
export async function validateAll(manifests: Manifest[]): Promise<string[]> {
  const problems: string[] = [];
  for (const manifest of manifests) problems.push(...(await validateManifest(manifest)));
  return problems;
}
