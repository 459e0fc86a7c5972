import type { Manifest } from '../k8s/manifest';
import { groupKind } from '../k8s/manifest';
import { AISTORE_HEALTH_LUA } from './health/aistore';
import { DAEMONSET_HEALTH_LUA } from './health/daemonset';
import { KMM_MODULE_HEALTH_LUA } from './health/kmm-module';
import { SPECIAL_RESOURCE_HEALTH_LUA } from './health/special-resource';
import { STATEFULSET_HEALTH_LUA } from './health/statefulset';
import { ALL_PODS_UPDATED, ROLLOUT_HEALTH_ANNOTATION } from './health-gates';

/** One health script: the kind it judges and when the output needs it. */
export interface HealthScript {
  /** `group/Kind` (core: `Kind`) */
  readonly groupKind: string;
  readonly lua: string;
  /**
   * Whether an output needs it: a custom resource's script whenever the kind is there (Argo CD has none of its
   * own); a built-in kind's only for the objects that carry the rollout gate (it replaces Argo CD's check).
   */
  readonly neededBy: (manifest: Manifest) => boolean;
}

const gated = (manifest: Manifest) => manifest.metadata.annotations?.[ROLLOUT_HEALTH_ANNOTATION] === ALL_PODS_UPDATED;
const ofKind = (kind: string, also: (m: Manifest) => boolean = () => true) => (m: Manifest) => groupKind(m) === kind && also(m);

/** THE health scripts, by kind. */
export const HEALTH_SCRIPTS: readonly HealthScript[] = [
  { groupKind: 'apps/StatefulSet', lua: STATEFULSET_HEALTH_LUA, neededBy: ofKind('apps/StatefulSet', gated) },
  { groupKind: 'apps/DaemonSet', lua: DAEMONSET_HEALTH_LUA, neededBy: ofKind('apps/DaemonSet', gated) },
  { groupKind: 'ais.nvidia.com/AIStore', lua: AISTORE_HEALTH_LUA, neededBy: ofKind('ais.nvidia.com/AIStore') },
  { groupKind: 'sro.openshift.io/SpecialResource', lua: SPECIAL_RESOURCE_HEALTH_LUA, neededBy: ofKind('sro.openshift.io/SpecialResource') },
  { groupKind: 'kmm.sigs.x-k8s.io/Module', lua: KMM_MODULE_HEALTH_LUA, neededBy: ofKind('kmm.sigs.x-k8s.io/Module') },
];

/**
 * The argocd-cm key of a kind's health script: `resource.customizations.health.<group>_<Kind>` (core group:
 * `<Kind>`); argo-cd 37ee009 util/settings/settings.go appendResourceOverridesFromSplitKeys / convertToOverrideKey.
 */
export function healthKey(kindOf: string): string {
  const slash = kindOf.lastIndexOf('/');
  return `resource.customizations.health.${slash < 0 ? kindOf : `${kindOf.slice(0, slash)}_${kindOf.slice(slash + 1)}`}`;
}

/** The health scripts some object of `manifests` needs, in table order. */
export function neededHealthScripts(manifests: Iterable<Manifest>): HealthScript[] {
  const needed = new Set<HealthScript>();
  for (const manifest of manifests) for (const script of HEALTH_SCRIPTS) if (!needed.has(script) && script.neededBy(manifest)) needed.add(script);
  return HEALTH_SCRIPTS.filter((s) => needed.has(s));
}

/**
 * Argo CD reads its settings from ConfigMaps labelled `app.kubernetes.io/part-of: argocd`
 * (util/settings/settings.go partOfArgoCDSelector) and picks up changes without a restart.
 */
const ARGOCD_SETTINGS_LABELS = { 'app.kubernetes.io/name': 'argocd-cm', 'app.kubernetes.io/part-of': 'argocd' };

/** The key of argocd-cmd-params-cm that turns progressive syncs on (argo-cd docs/operator-manual/applicationset/Progressive-Syncs.md). */
export const PROGRESSIVE_SYNCS_PARAM = 'applicationsetcontroller.enable.progressive.syncs';

/** The argocd-cm data the scripts need: one key per kind. */
export function healthData(scripts: readonly HealthScript[]): Record<string, string> {
  return Object.fromEntries(scripts.map((s) => [healthKey(s.groupKind), s.lua]));
}

/**
 * The partial argocd-cm with the health scripts, to apply with server-side apply (its field manager then owns
 * only these keys): `kubectl apply --server-side --field-manager=cdk8s-storage -f argocd-cm-health.yaml`.
 */
export function argocdCmHealth(namespace: string, scripts: readonly HealthScript[]): Manifest {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'argocd-cm', namespace, labels: { ...ARGOCD_SETTINGS_LABELS } }, data: healthData(scripts) };
}

/** The partial argocd-cmd-params-cm that turns progressive syncs on (the ApplicationSet controller reads it at start: restart it). */
export function argocdCmdParams(namespace: string): Manifest {
  return {
    apiVersion: 'v1', kind: 'ConfigMap',
    metadata: { name: 'argocd-cmd-params-cm', namespace, labels: { 'app.kubernetes.io/name': 'argocd-cmd-params-cm', 'app.kubernetes.io/part-of': 'argocd' } },
    data: { [PROGRESSIVE_SYNCS_PARAM]: 'true' },
  };
}

/**
 * The same settings as values of the Argo CD Helm chart: every key under `configs.cm` becomes an argocd-cm key,
 * every key under `configs.params` an argocd-cmd-params-cm key (argo-helm charts/argo-cd templates/_helpers.tpl,
 * argo-cd.config.cm and argo-cd.config.params).
 */
export function argocdHelmValues(scripts: readonly HealthScript[], progressiveSyncs: boolean): Record<string, unknown> {
  return { configs: { cm: healthData(scripts), ...(progressiveSyncs ? { params: { [PROGRESSIVE_SYNCS_PARAM]: 'true' } } : {}) } };
}
