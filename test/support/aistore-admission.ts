/**
 * What the API server and the AIS operator's admission webhook check on an AIStore beyond the
 * OpenAPI schema (which `validateManifest` covers):
 * - the CRD's CEL rules (`x-kubernetes-validations`), each mirrored by a predicate keyed on its
 *   exact rule text, so an updated CRD with a new rule fails `celRulesWithoutPredicate` instead of
 *   being skipped;
 * - the spec-only part of the webhook (ais-k8s operator/api/aistore/v1beta1/aistore_validation.go
 *   ValidateSpec): errors, and the deprecation warnings it returns on acceptance.
 * Cluster-dependent webhook checks (nodes matching selectors, StorageClasses existing, access
 * reviews) need a live cluster and are not mirrored.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as YAML from 'yaml';
import { aistoreUpdateRefusal } from '../../lib/ais/operator/update-rules';

type Obj = Record<string, any>;

const has = (o: Obj | undefined, key: string) => o !== undefined && o !== null && o[key] !== undefined;

/** CEL rule text → the same rule in JavaScript, over the object the rule is attached to. */
const CEL_PREDICATES: Record<string, (self: Obj) => boolean> = {
  '(has(self.targetSpec.size) && has(self.proxySpec.size)) || has(self.size)':
    (self) => (has(self.targetSpec, 'size') && has(self.proxySpec, 'size')) || has(self, 'size'),
  '!has(self.cleanupData) || !self.cleanupData || (has(self.cleanupMetadata) && self.cleanupMetadata)':
    (self) => !has(self, 'cleanupData') || !self.cleanupData || (has(self, 'cleanupMetadata') && self.cleanupMetadata),
  '[has(self.hostPath), has(self.pvc), has(self.emptyDir)].filter(x, x).size() == 1':
    (self) => [has(self, 'hostPath'), has(self, 'pvc'), has(self, 'emptyDir')].filter(Boolean).length === 1,
  '[has(self.secretName), has(self.certificate)].filter(x, x).size() <= 1':
    (self) => [has(self, 'secretName'), has(self, 'certificate')].filter(Boolean).length <= 1,
  'has(self.profileRef) || (has(self.usernamePassword) != has(self.tokenExchange))':
    (self) => has(self, 'profileRef') || (has(self, 'usernamePassword') !== has(self, 'tokenExchange')),
};

interface CelRule { rule: string; message: string }

let aistoreSchema: Obj | undefined;
function schema(): Obj {
  if (!aistoreSchema) {
    const file = path.resolve(__dirname, '..', '..', 'crds', 'ais.nvidia.com_aistores.yaml');
    const crd = YAML.parse(fs.readFileSync(file, 'utf8'));
    aistoreSchema = crd.spec.versions.find((v: Obj) => v.name === 'v1beta1').schema.openAPIV3Schema;
  }
  return aistoreSchema!;
}

function visitRules(node: Obj | undefined, value: unknown, where: string, visit: (rule: CelRule, self: any, where: string) => void): void {
  if (!node || value === undefined || value === null) return;
  for (const rule of node['x-kubernetes-validations'] ?? []) visit(rule, value, where);
  if (node.properties && typeof value === 'object') {
    for (const [key, child] of Object.entries<Obj>(node.properties)) visitRules(child, (value as Obj)[key], where ? `${where}.${key}` : key, visit);
  }
  if (node.items && Array.isArray(value)) value.forEach((item, i) => visitRules(node.items, item, `${where}[${i}]`, visit));
}

/** Every CEL rule in the vendored CRD that has no JavaScript predicate here (should be none). */
export function celRulesWithoutPredicate(): string[] {
  const missing: string[] = [];
  const walk = (node: Obj | undefined): void => {
    if (!node || typeof node !== 'object') return;
    for (const rule of node['x-kubernetes-validations'] ?? []) if (!CEL_PREDICATES[rule.rule]) missing.push(rule.rule);
    Object.values(node.properties ?? {}).forEach((child) => walk(child as Obj));
    walk(node.items);
  };
  walk(schema());
  return missing;
}

/** CEL rule violations of an AIStore, as `path: message`. */
export function celViolations(aistore: Obj): string[] {
  const problems: string[] = [];
  visitRules(schema(), aistore, '', (rule, self, where) => {
    const predicate = CEL_PREDICATES[rule.rule];
    if (!predicate) problems.push(`${where || '/'}: no predicate for CEL rule ${rule.rule}`);
    else if (!predicate(self)) problems.push(`${where || '/'}: ${rule.message}`);
  });
  return problems;
}

export interface Admission { errors: string[]; warnings: string[] }

const VALID_PORT = (p: unknown) => Number.isInteger(Number(p)) && Number(p) >= 1 && Number(p) <= 65535;

/** The webhook's spec-only ValidateSpec: what it rejects and what it warns about. */
export function webhookAdmission(aistore: Obj): Admission {
  const spec = aistore.spec ?? {};
  const errors: string[] = [...celViolations(aistore)];
  const warnings: string[] = [];
  const auth = spec.auth ?? {};
  const deprecated: Array<[boolean, string]> = [
    [has(auth, 'serviceURL'), 'spec.auth.serviceURL'], [has(auth, 'usernamePassword'), 'spec.auth.usernamePassword'],
    [has(auth, 'tokenExchange'), 'spec.auth.tokenExchange'], [has(auth, 'tls'), 'spec.auth.tls'],
    [has(spec, 'clusterDomain'), 'spec.clusterDomain'], [has(spec, 'hostpathPrefix'), 'spec.hostpathPrefix'],
    [has(spec, 'stateStorageClass'), 'spec.stateStorageClass'], [spec.enableExternalLB === true, 'spec.enableExternalLB'],
    [has(spec.proxySpec, 'capabilities'), 'spec.proxySpec.capabilities'], [has(spec.targetSpec, 'capabilities'), 'spec.targetSpec.capabilities'],
  ];
  for (const [inUse, field] of deprecated) if (inUse) warnings.push(`${field} is deprecated`);
  for (const role of ['proxySpec', 'targetSpec'] as const) {
    const size = spec[role]?.size;
    if (size !== undefined && size <= 0 && spec.size !== -1 && size !== -1) errors.push(`invalid ${role} size ${size}`);
    for (const port of ['servicePort', 'portPublic', 'portIntraControl', 'portIntraData']) {
      if (!VALID_PORT(spec[role]?.[port])) errors.push(`spec.${role}.${port}: invalid port ${spec[role]?.[port]}`);
    }
  }
  if ((spec.targetSpec?.size === undefined || spec.proxySpec?.size === undefined) && (spec.size === undefined || spec.size <= -2 || spec.size === 0)) {
    errors.push('cluster size is not specified or invalid');
  }
  if (!spec.stateStorage && !spec.stateStorageClass && !spec.hostpathPrefix) errors.push('AIS spec does not define stateStorage');
  if (spec.shutdownCluster && has(spec.stateStorage, 'emptyDir')) errors.push('shutdownCluster cannot be enabled with stateStorage.emptyDir');
  const http = spec.configToUpdate?.net?.http ?? {};
  const conflicts = ['server_crt', 'server_key', 'client_ca_tls'].filter((k) => has(spec, 'tls') && has(http, k));
  if (conflicts.length) errors.push(`configToUpdate.net.http.[${conflicts.join(',')}] cannot be set together with spec.tls`);
  const scaleDown = spec.targetSpec?.scaleDownMode ?? 'safe_decommission';
  if (scaleDown === 'safe_decommission' && spec.configToUpdate?.rebalance?.enabled === false) warnings.push('rebalance disabled with safe_decommission');
  return { errors, warnings };
}

/** The webhook's ValidateUpdate beyond ValidateSpec: the update rules, one implementation (lib/ais/operator/update-rules.ts). */
export function webhookUpdateAdmission(previous: Obj, next: Obj): Admission {
  const admission = webhookAdmission(next);
  const refusal = aistoreUpdateRefusal(previous, next);
  return refusal ? { ...admission, errors: [...admission.errors, refusal.message] } : admission;
}
