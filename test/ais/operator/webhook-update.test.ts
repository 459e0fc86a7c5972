/**
 * Parity with the AIS operator's admission webhook on updates (ais-k8s
 * operator/internal/webhook/aistore/v1beta1/aistore_webhook.go: ValidateUpdate,
 * allowDaemonSpecUpdates, validateTargetUpdate, validateStateStorageUpdate, errCannotUpdateSpec):
 * every field of proxySpec and targetSpec in the vendored CRD is changed on the operator example's
 * AIStore; exactly the allow-listed ones pass the review.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { reviewChanges } from '../../../lib/review/change-review';
import { Manifest } from '../../../lib/k8s/manifest';
import { ROOT } from '../../support/cli';
import { edit, outputObjects } from '../../support/gitops';
import { webhookUpdateAdmission } from '../../support/aistore-admission';

type Obj = Record<string, any>;

const OPERATOR = fs.readFileSync(path.join(ROOT, 'examples', 'operator.yaml'), 'utf8');
const BEFORE = outputObjects(OPERATOR);
const AISTORE = BEFORE.find((m) => m.kind === 'AIStore')!;
const CRD = YAML.parse(fs.readFileSync(path.join(ROOT, 'crds', 'ais.nvidia.com_aistores.yaml'), 'utf8'));
const SPEC_SCHEMA = CRD.spec.versions.find((v: Obj) => v.name === 'v1beta1').schema.openAPIV3Schema.properties.spec.properties;

/** The webhook's allow-list (aistore_webhook.go allowDaemonSpecUpdates; validateTargetUpdate adds pdb, scaleDownMode), by JSON name. */
const ALLOWED = {
  proxySpec: ['size', 'annotations', 'labels', 'env', 'resources', 'securityContext', 'capabilities',
    'aisContainerSecurityContext', 'autoScale', 'pvcRetentionPolicy', 'probes', 'tolerations'],
  targetSpec: ['size', 'annotations', 'labels', 'env', 'resources', 'securityContext', 'capabilities',
    'aisContainerSecurityContext', 'autoScale', 'pvcRetentionPolicy', 'probes', 'tolerations', 'pdb', 'scaleDownMode'],
};

/** A value of the schema's type that differs from `current`. */
function mutate(schema: Obj, current: unknown): unknown {
  if (schema.enum) return schema.enum.find((v: unknown) => v !== current) ?? `${String(current)}-changed`;
  if (schema['x-kubernetes-int-or-string'] || schema.type === 'integer') return (Number(current) || 0) + 1;
  if (schema.type === 'boolean') return !current;
  if (schema.type === 'string') return `${current ?? ''}changed`;
  if (schema.type === 'array') return [...((current as unknown[]) ?? []), mutate(schema.items ?? { type: 'string' }, undefined)];
  if (schema.properties) {
    const key = Object.keys(schema.properties).sort()[0];
    return { ...(current as Obj ?? {}), [key]: mutate(schema.properties[key], (current as Obj)?.[key]) };
  }
  return { ...(current as Obj ?? {}), changed: 'yes' }; // a map (additionalProperties)
}

function withSpec(change: (spec: Obj) => void): Manifest[] {
  return BEFORE.map((m) => {
    if (m !== AISTORE) return m;
    const copy = structuredClone(m) as Obj;
    change(copy.spec);
    return copy as Manifest;
  });
}

const refused = (after: Manifest[]) => reviewChanges(BEFORE, after).findings.filter((f) => f.rule === 'operator-webhook-refuses-update');

describe('operator webhook parity: proxySpec/targetSpec updates', () => {
  for (const role of ['proxySpec', 'targetSpec'] as const) {
    const fields = Object.keys(SPEC_SCHEMA[role].properties).sort();
    it.each(fields)(`${role}.%s: refused unless allow-listed`, (field) => {
      const after = withSpec((spec) => { spec[role][field] = mutate(SPEC_SCHEMA[role].properties[field], spec[role][field]); });
      const next = after.find((m) => m.kind === 'AIStore')!;
      const allowed = ALLOWED[role].includes(field);
      const findings = refused(after);
      expect(findings.length, `${role}.${field}`).toBe(allowed ? 0 : 1);
      const admission = webhookUpdateAdmission(AISTORE, next);
      if (allowed) {
        expect(admission.errors.filter((e) => e.startsWith('cannot update'))).toEqual([]);
      } else {
        expect(admission.errors).toContain(`cannot update spec "${role}" for an existing cluster`);
        expect(findings[0].title).toContain(`spec.${role}.${field}`);
        expect(findings[0].consequence).toContain(`cannot update spec "${role}" for an existing cluster`);
        expect(reviewChanges(BEFORE, after).dangerous).toBe(true);
      }
    });
  }

  it('the allow-list is a subset of the CRD fields (a renamed field fails here)', () => {
    for (const role of ['proxySpec', 'targetSpec'] as const) {
      for (const field of ALLOWED[role]) expect(Object.keys(SPEC_SCHEMA[role].properties), `${role}.${field}`).toContain(field);
    }
  });

  it('enableExternalLB may not change; stateStorage.pvc.storageClass may not change to a new class', () => {
    expect(refused(withSpec((spec) => { spec.enableExternalLB = true; }))[0].consequence).toContain('cannot update spec "enableExternalLB"');
    expect(refused(withSpec((spec) => { spec.stateStorage = { pvc: { storageClass: 'fast' } }; }))[0].consequence)
      .toContain('cannot update spec "stateStorage.pvc.storageClass"');
    // leaving the PVC for hostPath is allowed (validateStateStorageUpdate checks only a non-nil new class)
    expect(refused(withSpec((spec) => { spec.stateStorage = { hostPath: { prefix: '/var/lib/ais' } }; }))).toEqual([]);
  });

  it('top-level fields outside proxySpec/targetSpec (size, images, config) pass', () => {
    expect(refused(withSpec((spec) => { spec.size = 13; spec.nodeImage = 'docker.io/aistorage/aisnode:v4.8'; }))).toEqual([]);
  });
});

describe('operator webhook parity on config edits of the operator example', () => {
  it('adding a mountpath changes targetSpec.mounts: refused by the webhook, so refused by the review', () => {
    const after = outputObjects(edit(OPERATOR, '      - { path: /ais/sdj, size: 16Ti }\n', '      - { path: /ais/sdj, size: 16Ti }\n      - { path: /ais/sdk, size: 16Ti }\n'));
    const review = reviewChanges(BEFORE, after);
    expect(review.dangerous).toBe(true);
    const finding = review.findings.find((f) => f.rule === 'operator-webhook-refuses-update')!;
    expect(finding.title).toBe('AIStore ais/demo: the AIS operator refuses changes to spec.targetSpec.mounts');
    expect(finding.action).toContain('keep the mountpaths of this cluster as they are');
  });

  it('adding a node (spec.size) and changing resources pass', () => {
    const grown = edit(edit(OPERATOR, /cpu11, cpu12\]/g, 'cpu11, cpu12, cpu13]'), '10.132.179.10-10.132.179.30', '10.132.179.10-10.132.179.31');
    expect(reviewChanges(BEFORE, outputObjects(grown)).findings.map((f) => f.rule)).not.toContain('operator-webhook-refuses-update');
  });
});
