import { Manifest, describeObject } from '../../k8s/manifest';
import { CONFIG_PATHS } from '../../ais/workloads/config-maps';
import { isAisStatefulSet } from '../../argo/roles';
import { ALLOW_DANGEROUS, Finding, ReviewRule, isUpdate } from './types';

/** Where aisnode keeps its state (config_dir) inside the container. */
export const AIS_STATE_DIR = CONFIG_PATHS.stateDir;

function stateMount(statefulSet: Manifest): any {
  const podSpec = statefulSet.spec?.template?.spec ?? {};
  return (podSpec.containers ?? []).flatMap((c: any) => c.volumeMounts ?? []).find((m: any) => m.mountPath === AIS_STATE_DIR);
}

/** Host directory of the volume mounted at the AIS state directory, if it is a hostPath. */
export function stateHostPath(statefulSet: Manifest): string | undefined {
  const mount = stateMount(statefulSet);
  return mount ? (statefulSet.spec?.template?.spec?.volumes ?? []).find((v: any) => v.name === mount.name)?.hostPath?.path : undefined;
}

/** Whether each pod keeps its state in a sub-directory of the host directory (`subPathExpr: $(MY_POD)`) rather than in the directory itself. */
export function stateDirectoryPerPod(statefulSet: Manifest): boolean {
  return stateMount(statefulSet)?.subPathExpr !== undefined;
}

/** The host directory holding a node's AIS state moves (statePath, namespace or release changed). */
export const STATE_DIRECTORY_MOVED_RULE: ReviewRule = {
  id: 'state-directory-moved',
  severity: 'dangerous',
  why: 'each AIS node keeps its identity (node ID), the cluster map and bucket metadata in its state directory: a node '
    + 'restarted on an empty directory joins as a new node, and a whole cluster restarted so has lost its metadata',
  check: (input) => input.changes.filter(isUpdate).filter((c) => isAisStatefulSet(c.next)).flatMap((c): Finding[] => {
    const before = stateHostPath(c.previous);
    const after = stateHostPath(c.next);
    if (before === undefined) return [];
    if (before === after && stateDirectoryPerPod(c.previous) && !stateDirectoryPerPod(c.next)) {
      return [{
        rule: STATE_DIRECTORY_MOVED_RULE.id,
        severity: 'dangerous',
        objects: [c.key],
        title: `${describeObject(c.next)}: AIS state moves from a sub-directory of ${before} per pod to ${before} itself, one per node`,
        consequence: 'a proxy restarted with the new spec finds no state in the node\'s directory: it rejoins through primary_url without its cluster map, '
          + 'and the primary pod restarted so may start a cluster of its own. The proxy ID is per node (aistore ais/proxy.go initPID), so the node\'s '
          + 'directory must hold the state of the proxy pod that runs there now',
        action: `before syncing, copy on every proxy node the state of the proxy pod running there into ${before} (the runbook below); then ${ALLOW_DANGEROUS}`,
      }];
    }
    if (before === after) return [];
    return [{
      rule: STATE_DIRECTORY_MOVED_RULE.id,
      severity: 'dangerous',
      objects: [c.key],
      title: `${describeObject(c.next)}: AIS state directory on the host moves from ${before} to ${after ?? '(no host directory)'}`,
      consequence: 'pods restarted with the new spec start without their node ID and cluster map: they join as new nodes '
        + '(or form a new, empty cluster), and the objects on the mountpaths are no longer known to the cluster',
      action: `undo the change, or copy ${before} to ${after ?? 'the new location'} on every node while the pods are stopped `
        + `(targets are OnDelete: stop one, copy, start it); then ${ALLOW_DANGEROUS}`,
    }];
  }),
};
