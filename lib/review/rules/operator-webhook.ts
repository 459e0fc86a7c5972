import { UpdateRefusal, aistoreUpdateRefusal } from '../../ais/operator/update-rules';
import { describeObject } from '../../k8s/manifest';
import { isAisClusterResource } from '../../argo/roles';
import { Finding, ReviewRule, isUpdate } from './types';

/** What to do instead, per refused field: the config key the user changed and how to get there. */
function instead(refusal: UpdateRefusal, aistore: { metadata: { name: string; namespace?: string } }): string {
  const fields = refusal.fields.join(', ');
  if (refusal.fields.includes('targetSpec.mounts')) {
    return 'keep the mountpaths of this cluster as they are (undo the mountpaths edit): the operator creates the target '
      + 'StatefulSet\'s volumeClaimTemplates from targetSpec.mounts once. To use other disks, deploy a second AIStore (another '
      + 'release name, other nodes or paths) and copy the buckets (`ais cp`), then retire this one';
  }
  if (refusal.fields.includes('proxySpec.hostPort')) {
    return 'this AIStore was created before proxies listened on hostPort, and the operator cannot add it. Either keep it as it is: set '
      + 'ais.operator.proxyHostPort: false (proxies keep advertising their pod IP, so the ais CLI works only inside the pod network and verified HTTPS '
      + 'fails through non-primary proxies), synth and commit; or recreate the AIStore with hostPort: with ais.operator.cleanupMetadata not true, '
      + `\`kubectl delete aistore -n ${aistore.metadata.namespace ?? 'default'} ${aistore.metadata.name}\` (the operator shuts AIS down and keeps metadata and data; `
      + 'a guess, not traced end to end), then run synth with --allow-dangerous, commit and sync: the operator creates the cluster again on the same '
      + 'state directories and disks';
  }
  if (refusal.fields.includes('targetSpec.hostNetwork')) {
    return 'the operator cannot move the targets of an existing AIStore to the host network: undo the network.targets change, or deploy a second '
      + 'AIStore on the host network and copy the buckets (`ais cp`), then retire this one';
  }
  if (refusal.fields.some((f) => f.endsWith('.nodeSelector'))) {
    return 'keep nodeLabels as they are: move AIS between nodes by changing the node lists (the labels on the Nodes), not the label keys';
  }
  return `undo the change of ${fields}: the operator sets ${refusal.spec} up when it creates the cluster. To change it, deploy `
    + 'a second AIStore with the new setting and copy the buckets (`ais cp`), then retire this one';
}

/** Updates of an AIStore the operator's admission webhook refuses: the Argo CD sync fails at it. */
export const OPERATOR_WEBHOOK_RULE: ReviewRule = {
  id: 'operator-webhook-refuses-update',
  severity: 'dangerous',
  why: 'the AIS operator\'s validating webhook (ais-k8s aistore_webhook.go, ValidateUpdate) refuses every change to proxySpec '
    + 'and targetSpec except size, annotations, labels, env, resources, securityContext, capabilities, '
    + 'aisContainerSecurityContext, autoScale, pvcRetentionPolicy, probes, tolerations (targets also pdb and scaleDownMode), '
    + 'and refuses changes to enableExternalLB and stateStorage.pvc.storageClass',
  check: (input) => input.changes.filter(isUpdate).filter((c) => isAisClusterResource(c.next)).flatMap((c): Finding[] => {
    const refusal = aistoreUpdateRefusal(c.previous, c.next);
    if (!refusal) return [];
    return [{
      rule: OPERATOR_WEBHOOK_RULE.id,
      severity: 'dangerous',
      objects: [c.key],
      title: `${describeObject(c.next)}: the AIS operator refuses changes to ${refusal.fields.map((f) => `spec.${f}`).join(', ')}`,
      consequence: `the admission webhook answers "${refusal.message}": the Argo CD sync fails at this object and the cluster `
        + 'keeps its old spec (the rest of the sync may apply, leaving it half changed)',
      action: instead(refusal, c.next),
    }];
  }),
};
