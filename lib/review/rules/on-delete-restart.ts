import { Manifest, changedPaths, describeObject } from '../../k8s/manifest';
import { isKmodObject } from '../../argo/roles';
import { RESTART_HASH_ANNOTATION } from '../../ais/workloads/config-maps';
import { Finding, ReviewRule, isUpdate } from './types';

const configChanged = (previous: Manifest, next: Manifest) =>
  previous.spec?.template?.metadata?.annotations?.[RESTART_HASH_ANNOTATION] !== next.spec?.template?.metadata?.annotations?.[RESTART_HASH_ANNOTATION];

function restartAdvice(workload: Manifest): string {
  const where = `-n ${workload.metadata.namespace ?? 'default'}`;
  const pods = Array.from({ length: workload.spec?.replicas ?? 1 }, (_, i) => `${workload.metadata.name}-${i}`);
  return `after the sync, restart the pods one at a time, ${pods.join(', ')} (\`kubectl delete pod ${pods[0]} ${where}\`, and so on), `
    + 'waiting each time until the cluster is healthy again (`ais show cluster`)';
}

/** prometheus-operator objects in the output: a kube-prometheus-stack likely evaluates its default rules on this cluster. */
const monitored = (objects: readonly Manifest[]) => objects.some((m) => m.apiVersion.startsWith('monitoring.coreos.com/'));

/**
 * kube-prometheus-stack's KubeStatefulSetUpdateNotRolledOut (templates/prometheus/rules-1.14/kubernetes-apps.yaml:
 * current and update revision differ, not all replicas updated, no progress in 5 minutes; for 15 minutes) fires
 * for an OnDelete StatefulSet after any template change until every pod is restarted.
 */
const updateNotRolledOut = (workload: Manifest) => `; kube-prometheus-stack's KubeStatefulSetUpdateNotRolledOut fires for `
  + `${workload.metadata.namespace ?? 'default'}/${workload.metadata.name} 15 minutes after the sync until every pod is restarted (expected with OnDelete)`;

/**
 * A pod template change on a workload that updates OnDelete (AIS targets): nothing restarts by itself. Kernel module
 * DaemonSets are the kmod rules' (rules/kmod-replaced.ts: their node-by-node runbook).
 */
export const ON_DELETE_RESTART_RULE: ReviewRule = {
  id: 'on-delete-restart',
  severity: 'note',
  why: 'AIS targets and proxies update OnDelete so that a sync never restarts the storage tier nor the primary: a new pod template '
    + 'only takes effect when each pod is deleted (the change runbook does it: targets through maintenance, proxies with one primary handover)',
  check: (input) => input.changes.filter(isUpdate)
    .filter((c) => c.next.spec?.updateStrategy?.type === 'OnDelete' && !input.recreated.has(c.key) && !isKmodObject(c.next))
    .filter((c) => changedPaths(c.previous.spec?.template, c.next.spec?.template).length > 0)
    .map((c): Finding => ({
      rule: ON_DELETE_RESTART_RULE.id,
      severity: 'note',
      objects: [c.key],
      title: `${describeObject(c.next)}: new pod template, applied only to pods you delete (updateStrategy OnDelete)`,
      consequence: 'running pods keep the old spec; new and restarted pods get the new one'
        + (configChanged(c.previous, c.next) ? ' (the local AIS config changed: its restart-hash annotation takes effect only as you delete the pods)' : '')
        + (c.next.kind === 'StatefulSet' && monitored(input.next) ? updateNotRolledOut(c.next) : ''),
      action: restartAdvice(c.next),
    })),
};
