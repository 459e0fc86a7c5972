import { COMPONENT_LABEL } from '../../k8s/app-labels';
import { Manifest, objectKey } from '../../k8s/manifest';
import { AuristorComponent } from '../../auristor/names';
import { procedureRunbook } from '../auristor-runbooks';
import { kmodChangesOf } from './kmod-replaced';
import { Runbook, RunbookRule } from './runbook';
import { Finding, ReviewInput, ReviewRule } from './types';

const CONTROL_PLANE = [AuristorComponent.CSI_CONTROLLER, AuristorComponent.VOLUME_MANAGER] as string[];
const isControlPlane = (m: Manifest | undefined, kind: string) => m?.kind === kind && CONTROL_PLANE.includes(m.metadata.labels?.[COMPONENT_LABEL] ?? '');

/** The AuriStorFS CSI controller and volume manager StatefulSets that the output replaces by Deployments of the same name. */
function replacedStatefulSets(input: ReviewInput): Manifest[] {
  const added = new Set(input.changes.filter((c) => c.action === 'added' && isControlPlane(c.next, 'Deployment'))
    .map((c) => `${c.next!.metadata.namespace}/${c.next!.metadata.name}`));
  return input.changes.filter((c) => c.action === 'removed' && isControlPlane(c.previous, 'StatefulSet')
    && added.has(`${c.previous!.metadata.namespace}/${c.previous!.metadata.name}`)).map((c) => c.previous!);
}

/**
 * The first synth over an output whose AuriStorFS CSI controller and volume manager ran in StatefulSets (AuriStor's
 * chart layout): the new Deployments start beside them, and the StatefulSets go only when Argo CD prunes them.
 */
export const AURISTOR_CONTROL_PLANE_RULE: ReviewRule = {
  id: 'auristor-controller-to-deployment',
  severity: 'note',
  why: 'the AuriStorFS CSI controller (2 replicas, leader election) and volume manager now run in Deployments, which a failed node '
    + 'does not stop; the StatefulSets they replace are only deleted by an Argo CD prune or by hand',
  check: (input) => {
    const old = replacedStatefulSets(input);
    if (old.length === 0) return [];
    const ns = old[0].metadata.namespace ?? '';
    return [{
      rule: AURISTOR_CONTROL_PLANE_RULE.id,
      severity: 'note',
      objects: old.map(objectKey),
      title: `AuriStorFS ${old.map((m) => m.metadata.name).join(' and ')} move from StatefulSets to Deployments (namespace ${ns})`,
      consequence: 'the sync creates the Deployments beside the old StatefulSets; until those are deleted, old and new controllers act side by side '
        + '(as AuriStor\'s own multi-group layout does) and the volume manager Service sends requests to both volume managers',
      action: `right after the sync, unless Argo CD prunes them: \`kubectl delete statefulset -n ${ns} ${old.map((m) => m.metadata.name).join(' ')}\``,
    } satisfies Finding];
  },
};

/** The runbooks of the AuriStorFS findings: each kmod procedure once, then the controller move. */
export const AURISTOR_RUNBOOKS: RunbookRule = {
  id: 'auristor-runbooks',
  runbooks: (input) => {
    const runbooks: Runbook[] = [];
    const seen = new Set<string>();
    for (const change of kmodChangesOf(input)) {
      if (!change.procedure || seen.has(change.procedure.id)) continue;
      seen.add(change.procedure.id);
      runbooks.push(procedureRunbook(change.procedure));
    }
    const old = replacedStatefulSets(input);
    if (old.length > 0) {
      runbooks.push(procedureRunbook({
        id: 'auristor-controller-to-deployment',
        title: `remove the AuriStorFS StatefulSets ${old.map((m) => m.metadata.name).join(' and ')} (now Deployments)`,
        source: 'the change review (auristor-controller-to-deployment)',
        steps: [{ kind: 'delete-old-workloads', namespace: old[0].metadata.namespace ?? '', statefulSets: old.map((m) => m.metadata.name) }],
      }));
    }
    return runbooks;
  },
};
