import { Manifest, describeObject } from '../../k8s/manifest';
import { CONFIG_PATHS } from '../../ais/workloads/config-maps';
import { isAisStatefulSet } from '../../argo/roles';
import { ALLOW_DANGEROUS, Finding, ReviewRule, isUpdate } from './types';

/** Where aisnode keeps its state (config_dir) inside the container. */
export const AIS_STATE_DIR = CONFIG_PATHS.stateDir;

/** Host directory of the volume mounted at the AIS state directory, if it is a hostPath. */
export function stateHostPath(statefulSet: Manifest): string | undefined {
  const podSpec = statefulSet.spec?.template?.spec ?? {};
  const mount = (podSpec.containers ?? []).flatMap((c: any) => c.volumeMounts ?? []).find((m: any) => m.mountPath === AIS_STATE_DIR);
  return mount ? (podSpec.volumes ?? []).find((v: any) => v.name === mount.name)?.hostPath?.path : undefined;
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
    if (before === undefined || before === after) return [];
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
