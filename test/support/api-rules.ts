/**
 * The rules a Kubernetes 1.28 API server (and the admission webhooks we target) enforces beyond
 * the OpenAPI schemas, checked on emitted objects:
 * - names per kind (k8s.io/apimachinery validation.go; StatefulSet ≤ 52 for its pods'
 *   controller-revision-hash label, kubernetes/kubernetes#64023), namespaces, label keys and
 *   values, annotation keys (ValidateObjectMeta);
 * - pod specs: unique container/volume names that are DNS-1123 labels, every volumeMount naming
 *   a volume, requests ≤ limits (pkg/apis/core/validation ValidatePodSpec / ValidateResourceRequirements);
 * - cert-manager Certificates: duration ≥ 1h, renewBefore ≥ 5m and < duration
 *   (cert-manager internal/apis/certmanager/validation/certificate.go ValidateDuration);
 * - tolerations of pod specs and KMM Modules (ValidateTolerations; KMM v2.6.0 internal/webhook/module.go
 *   validateTolerations), StorageClass allowedTopologies (ValidateTopologySelectorTerm: In only, a label key, non-empty
 *   duplicate-free values, one expression per key) and node-selector terms of pod and PersistentVolume node affinity
 *   (ValidateNodeSelectorRequirement: In/NotIn need values, Exists/DoesNotExist forbid them, values are label values);
 * - one object per apiVersion group, kind, namespace and name.
 */
import {
  dns1123LabelProblem, objectNameProblem, labelValueProblem, qualifiedNameProblem,
} from '../../lib/k8s/names';
import { quantityValue } from '../../lib/k8s/quantity';
import { goDurationSeconds } from '../../lib/k8s/duration';
import { tolerationProblems } from '../../lib/k8s/tolerations';
import type { Manifest } from './schema';

function metadataProblems(where: string, metadata: any): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries<string>(metadata?.labels ?? {})) {
    const p = qualifiedNameProblem(key, 'label key') ?? labelValueProblem(String(value));
    if (p) problems.push(`${where}: ${p}`);
  }
  for (const key of Object.keys(metadata?.annotations ?? {})) {
    const p = qualifiedNameProblem(key, 'annotation key');
    if (p) problems.push(`${where}: ${p}`);
  }
  return problems;
}

function podSpecProblems(where: string, spec: any, claimTemplates: readonly string[]): string[] {
  const problems: string[] = [];
  const volumes = new Set<string>(claimTemplates);
  for (const volume of spec?.volumes ?? []) {
    const p = dns1123LabelProblem(volume.name, 'volume name');
    if (p) problems.push(`${where}: ${p}`);
    if (volumes.has(volume.name)) problems.push(`${where}: volume ${volume.name} is listed twice`);
    volumes.add(volume.name);
  }
  return [...problems, ...containerProblems(where, spec, volumes)];
}

function containerProblems(where: string, spec: any, volumes: Set<string>): string[] {
  const problems: string[] = [];
  const names = new Set<string>();
  for (const container of [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])]) {
    const at = `${where} container ${container.name}`;
    const p = dns1123LabelProblem(container.name, 'container name');
    if (p) problems.push(`${at}: ${p}`);
    if (names.has(container.name)) problems.push(`${at}: container name used twice`);
    names.add(container.name);
    for (const mount of container.volumeMounts ?? []) {
      if (!volumes.has(mount.name)) problems.push(`${at}: volumeMount ${mount.name} names no volume`);
    }
    for (const [resource, limit] of Object.entries<string | number>(container.resources?.limits ?? {})) {
      const request = container.resources?.requests?.[resource];
      if (request !== undefined && quantityValue(request)! > quantityValue(limit)!) problems.push(`${at}: ${resource} request ${request} > limit ${limit}`);
    }
  }
  return problems;
}

function tolerationsProblems(where: string, tolerations: any[] | undefined): string[] {
  return (tolerations ?? []).flatMap((t, i) => tolerationProblems(t).map((p) => `${where} tolerations[${i}].${p.field}: ${p.message}`));
}

function nodeSelectorTermProblems(where: string, terms: any[] | undefined): string[] {
  if (terms !== undefined && terms.length === 0) return [`${where}: nodeSelectorTerms must have at least one term`];
  return (terms ?? []).flatMap((term, i) => (term.matchExpressions ?? []).flatMap((r: any) => {
    const at = `${where} term ${i} ${r.key}`;
    const problems: string[] = [];
    const key = qualifiedNameProblem(r.key, 'label key');
    if (key) problems.push(`${at}: ${key}`);
    const values: string[] = r.values ?? [];
    if (['In', 'NotIn'].includes(r.operator) && values.length === 0) problems.push(`${at}: ${r.operator} needs values`);
    else if (['Exists', 'DoesNotExist'].includes(r.operator) && values.length > 0) problems.push(`${at}: ${r.operator} takes no values`);
    else if (!['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'].includes(r.operator)) problems.push(`${at}: operator ${r.operator}`);
    for (const value of values) {
      const p = labelValueProblem(value);
      if (p) problems.push(`${at}: ${p}`);
    }
    return problems;
  }));
}

function topologyProblems(where: string, terms: any[] | undefined): string[] {
  return (terms ?? []).flatMap((term, i) => {
    const keys = (term.matchLabelExpressions ?? []).map((e: any) => e.key);
    const problems: string[] = keys.length !== new Set(keys).size ? [`${where} allowedTopologies[${i}]: a key twice`] : [];
    for (const e of term.matchLabelExpressions ?? []) {
      const key = qualifiedNameProblem(e.key, 'label key');
      if (key) problems.push(`${where} allowedTopologies[${i}]: ${key}`);
      if (!e.values?.length) problems.push(`${where} allowedTopologies[${i}] ${e.key}: values must be non-empty`);
      else if (new Set(e.values).size !== e.values.length) problems.push(`${where} allowedTopologies[${i}] ${e.key}: values repeat`);
    }
    return problems;
  });
}

function podTemplateOf(manifest: Manifest): any {
  const spec = (manifest as any).spec;
  if (manifest.kind === 'Pod') return { metadata: manifest.metadata, spec };
  return spec?.template;
}

function certificateProblems(where: string, spec: any): string[] {
  const duration = spec?.duration !== undefined ? goDurationSeconds(spec.duration)! : 90 * 24 * 3600;
  const problems: string[] = [];
  if (duration < 3600) problems.push(`${where}: duration ${spec.duration} < 1h`);
  if (spec?.renewBefore !== undefined) {
    const renewBefore = goDurationSeconds(spec.renewBefore)!;
    if (renewBefore < 300) problems.push(`${where}: renewBefore ${spec.renewBefore} < 5m`);
    if (renewBefore >= duration) problems.push(`${where}: renewBefore ${spec.renewBefore} >= duration`);
  }
  return problems;
}

/** Every problem the API server or the named webhooks would find in `manifests` (empty when none). */
export function apiServerProblems(manifests: readonly Manifest[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const manifest of manifests) {
    const name = manifest.metadata?.name ?? '';
    const where = `${manifest.kind}/${name}`;
    const nameProblem = objectNameProblem(manifest.kind, name);
    if (nameProblem) problems.push(`${where}: ${nameProblem}`);
    const namespace = manifest.metadata?.namespace;
    if (namespace !== undefined) {
      const p = dns1123LabelProblem(namespace, 'namespace');
      if (p) problems.push(`${where}: ${p}`);
    }
    const group = manifest.apiVersion.includes('/') ? manifest.apiVersion.split('/')[0] : '';
    const key = `${group}/${manifest.kind}/${namespace ?? ''}/${name}`;
    if (seen.has(key)) problems.push(`${where}: emitted twice (${key})`);
    seen.add(key);
    problems.push(...metadataProblems(where, manifest.metadata));
    const claimTemplates: string[] = ((manifest as any).spec?.volumeClaimTemplates ?? []).map((claim: any) => claim.metadata?.name ?? '');
    for (const claim of claimTemplates) {
      const p = dns1123LabelProblem(claim, 'volumeClaimTemplate name');
      if (p) problems.push(`${where}: ${p}`);
    }
    const template = podTemplateOf(manifest);
    if (template?.spec) {
      problems.push(...metadataProblems(`${where} pod template`, template.metadata), ...podSpecProblems(where, template.spec, claimTemplates));
      problems.push(...tolerationsProblems(where, template.spec.tolerations));
      problems.push(...nodeSelectorTermProblems(`${where} nodeAffinity`, template.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms));
    }
    if (manifest.kind === 'Module') problems.push(...tolerationsProblems(where, (manifest as any).spec?.tolerations));
    if (manifest.kind === 'PersistentVolume') problems.push(...nodeSelectorTermProblems(`${where} nodeAffinity`, (manifest as any).spec?.nodeAffinity?.required?.nodeSelectorTerms));
    if (manifest.kind === 'StorageClass') problems.push(...topologyProblems(where, (manifest as any).allowedTopologies));
    if (manifest.kind === 'Certificate' && group === 'cert-manager.io') problems.push(...certificateProblems(where, (manifest as any).spec));
  }
  return problems;
}
