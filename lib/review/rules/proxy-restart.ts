import { changedPaths, describeObject } from '../../k8s/manifest';
import { isAisStatefulSet } from '../../argo/roles';
import { Finding, ReviewRule, isUpdate } from './types';

/** Why a pod template changed, in words, from the paths that changed. */
function cause(previous: any, next: any): string {
  const args = (m: any) => (m.spec?.template?.spec?.containers ?? []).flatMap((c: any) => c.args ?? []) as string[];
  const ntargets = (m: any) => args(m).find((a) => a.startsWith('-ntargets='));
  if (ntargets(previous) !== ntargets(next)) return `${ntargets(previous) ?? 'no -ntargets'} → ${ntargets(next) ?? 'no -ntargets'} (the target count changed)`;
  return changedPaths(previous.spec?.template, next.spec?.template, 'spec.template').slice(0, 3).join(', ');
}

/**
 * A new pod template on AIS proxies that update with RollingUpdate (the default): the sync
 * restarts every proxy, the primary included.
 */
export const PROXY_RESTART_RULE: ReviewRule = {
  id: 'proxy-rolling-restart',
  severity: 'note',
  why: 'proxy StatefulSets update RollingUpdate: any pod template change (an image, a resource, -ntargets when a target is '
    + 'added or removed) makes Kubernetes restart each proxy, the primary included, which moves the primary role',
  check: (input) => input.changes.filter(isUpdate)
    .filter((c) => isAisStatefulSet(c.next, 'proxy') && (c.next.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate')
    .filter((c) => !input.recreated.has(c.key) && changedPaths(c.previous.spec?.template, c.next.spec?.template).length > 0)
    .map((c): Finding => ({
      rule: PROXY_RESTART_RULE.id,
      severity: 'note',
      objects: [c.key],
      title: `${describeObject(c.next)}: every proxy pod restarts on sync (new pod template: ${cause(c.previous, c.next)})`,
      consequence: 'Kubernetes replaces the proxies one at a time, the primary included: while the primary restarts another '
        + 'proxy is elected and clients of the gateway see retried or failed requests for seconds',
      action: `sync at a quiet time and watch the rollout (\`kubectl rollout status statefulset ${c.next.metadata.name} -n ${c.next.metadata.namespace}\`, \`ais show cluster proxy\`)`,
    })),
};
