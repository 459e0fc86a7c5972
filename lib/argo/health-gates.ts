import type { Manifest } from '../k8s/manifest';
import { groupKind } from '../k8s/manifest';

/**
 * The rollout gate of an OnDelete workload. Argo CD's built-in health calls an `OnDelete` StatefulSet or
 * DaemonSet Healthy as soon as its pods are ready, without looking at revisions (argo-cd 37ee009
 * gitops-engine/pkg/health/health_statefulset.go getAppsv1StatefulSetHealth, health_daemonset.go
 * getAppsv1DaemonSetHealth), so a progressive sync (applicationset/progressivesync/progressive_sync.go
 * UpdateApplicationSetApplicationStatus: the next step waits for Healthy) would race ahead of the restart a
 * person does pod by pod. An object carrying this annotation is judged by our health script instead
 * (lib/argo/health/statefulset.ts, daemonset.ts): Healthy only when every pod runs the update revision.
 */
export const ROLLOUT_HEALTH_ANNOTATION = 'cdk8s-storage.io/rollout-health';
/** The value of {@link ROLLOUT_HEALTH_ANNOTATION} that asks for the revision check. */
export const ALL_PODS_UPDATED = 'all-pods-updated';

/** One row of the health-gate table: which objects get the annotation, and why. */
export interface HealthGateRule {
  readonly objects: string;
  readonly matches: (manifest: Manifest) => boolean;
  readonly why: string;
}

const onDelete = (manifest: Manifest) => manifest.spec?.updateStrategy?.type === 'OnDelete';

/** THE health-gate rules (kinds whose health script reads the annotation). */
export const HEALTH_GATE_RULES: readonly HealthGateRule[] = [
  {
    objects: 'OnDelete StatefulSets (AIS targets)',
    matches: (m) => groupKind(m) === 'apps/StatefulSet' && onDelete(m),
    why: 'a target restarts only when a person deletes its pod (no sync restarts storage); the site is done when every pod runs the new revision',
  },
  {
    objects: 'OnDelete DaemonSets (static-delivery AuriStorFS kmods)',
    matches: (m) => groupKind(m) === 'apps/DaemonSet' && onDelete(m),
    why: 'a new kernel module loads only when its pod is deleted after the node was drained',
  },
];

/** Kinds a health gate can apply to: the only ones whose role probe needs the update strategy. */
export const HEALTH_GATE_KINDS: ReadonlySet<string> = new Set(['apps/StatefulSet', 'apps/DaemonSet']);

/** Whether an object should carry the rollout-health annotation. */
export function needsHealthGate(manifest: Manifest): boolean {
  return HEALTH_GATE_RULES.some((rule) => rule.matches(manifest));
}
