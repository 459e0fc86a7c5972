import { Manifest, changedPaths, describeObject, groupKind } from '../../k8s/manifest';
import { Finding, ReviewRule, isUpdate } from './types';

/** A kind whose fields Kubernetes refuses to update in place. */
interface ImmutableFieldsSpec {
  readonly id: string;
  readonly kinds: readonly string[];
  /** the immutable part of the object (a projection compared before and after; `previous` is the object before) */
  readonly immutable: (manifest: Manifest, previous: Manifest) => unknown;
  /** where the projection sits, to name the changed fields */
  readonly at: string;
  readonly why: string;
  /** the API server's answer */
  readonly rejection: string;
  /** what to do, with the object's own name in the commands */
  readonly action: (manifest: Manifest) => string;
}

function without(value: Record<string, unknown> | undefined, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([k]) => !keys.includes(k)));
}

function only(value: Record<string, unknown> | undefined, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([k]) => keys.includes(k)));
}

function immutableFieldsRule(spec: ImmutableFieldsSpec): ReviewRule {
  return {
    id: spec.id,
    severity: 'recreate',
    why: spec.why,
    check: (input) => input.changes.filter(isUpdate)
      .filter((c) => spec.kinds.includes(groupKind(c.next)))
      .flatMap((c): Finding[] => {
        const paths = changedPaths(spec.immutable(c.previous, c.previous), spec.immutable(c.next, c.previous), spec.at);
        if (paths.length === 0) return [];
        return [{
          rule: spec.id,
          severity: 'recreate',
          objects: [c.key],
          title: `${describeObject(c.next)}: ${paths.join(', ')} cannot be changed in place`,
          consequence: `Kubernetes rejects the update (${spec.rejection}); the sync fails at this object until it is deleted and created again`,
          action: spec.action(c.next),
        }];
      }),
  };
}

/** Fields of a StatefulSet spec that may change (the API server's list). */
const STATEFULSET_MUTABLE = ['replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'];

/**
 * Fields of a PersistentVolume spec that may change; the volume source, volumeMode and nodeAffinity may not, except
 * that a nodeAffinity may be set once on a volume that has none (Kubernetes 1.28 `pkg/apis/core/validation`
 * ValidatePersistentVolumeUpdate: "may not be changed once set").
 */
const PV_MUTABLE = ['capacity', 'accessModes', 'claimRef', 'persistentVolumeReclaimPolicy', 'storageClassName', 'mountOptions', 'volumeAttributesClassName'];
const pvImmutable = (m: Manifest, previous: Manifest) =>
  without(m.spec, previous.spec?.nodeAffinity === undefined ? [...PV_MUTABLE, 'nodeAffinity'] : PV_MUTABLE);

/** Fields of a Job spec that may change. */
const JOB_MUTABLE = ['parallelism', 'activeDeadlineSeconds', 'suspend', 'ttlSecondsAfterFinished'];

/** `kubectl delete <kind> <name> [-n <namespace>]` for this object. */
export function deleteCommand(m: Manifest, flags = ''): string {
  const ns = m.metadata.namespace ? ` -n ${m.metadata.namespace}` : '';
  return `kubectl delete ${m.kind.toLowerCase()} ${m.metadata.name}${ns}${flags}`;
}

const ORPHAN_AND_RECREATE = (m: Manifest) => `delete it without its pods (\`${deleteCommand(m, ' --cascade=orphan')}\`), `
  + 'then sync: Argo CD creates it anew and it adopts the running pods if its selector still matches them';

export const IMMUTABLE_FIELD_RULES: readonly ReviewRule[] = [
  immutableFieldsRule({
    id: 'statefulset-immutable-fields',
    kinds: ['apps/StatefulSet'],
    immutable: (m) => without(m.spec, STATEFULSET_MUTABLE),
    at: 'spec',
    why: 'the API server allows only replicas, ordinals, template, updateStrategy, persistentVolumeClaimRetentionPolicy and '
      + 'minReadySeconds to change on a StatefulSet; selector, serviceName, volumeClaimTemplates and podManagementPolicy are fixed at creation',
    rejection: "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', "
      + "'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    action: ORPHAN_AND_RECREATE,
  }),
  immutableFieldsRule({
    id: 'workload-selector',
    kinds: ['apps/Deployment', 'apps/DaemonSet', 'apps/ReplicaSet'],
    immutable: (m) => m.spec?.selector,
    at: 'spec.selector',
    why: 'apps/v1 fixes the label selector of Deployments, DaemonSets and ReplicaSets at creation',
    rejection: 'spec.selector: Invalid value: field is immutable',
    action: (m) => `${ORPHAN_AND_RECREATE(m)}; with a new selector the old pods are not adopted: delete them once the new ones run`,
  }),
  immutableFieldsRule({
    id: 'job-template',
    kinds: ['batch/Job'],
    immutable: (m) => without(m.spec, JOB_MUTABLE),
    at: 'spec',
    why: 'a Job\'s pod template, selector and completions are fixed at creation; only parallelism, deadlines, suspend and TTL may change',
    rejection: 'spec.template: Invalid value: field is immutable',
    action: (m) => `delete the finished Job (\`${deleteCommand(m)}\`), then sync to run the new one`,
  }),
  immutableFieldsRule({
    id: 'persistentvolume-spec',
    kinds: ['PersistentVolume'],
    immutable: pvImmutable,
    at: 'spec',
    why: 'a PersistentVolume\'s volume source (local path, hostPath, ...) and volumeMode are fixed at creation, its nodeAffinity once set',
    rejection: 'spec.persistentvolumesource: Forbidden: spec.persistentvolumesource is immutable after creation',
    action: (m) => `stop the pod using the volume, delete the claim${m.spec?.claimRef?.name ? ` (${m.spec.claimRef.namespace}/${m.spec.claimRef.name})` : ''} `
      + `and the PersistentVolume by hand (\`${deleteCommand(m)}\`; Argo CD never deletes them: Prune=false), then sync; the data on `
      + 'the disk stays (reclaim policy Retain) but check that the new path holds it',
  }),
  immutableFieldsRule({
    id: 'persistentvolumeclaim-spec',
    kinds: ['PersistentVolumeClaim'],
    immutable: (m) => without(m.spec, ['resources', 'volumeAttributesClassName']),
    at: 'spec',
    why: 'a PersistentVolumeClaim can only grow its storage request once bound; everything else is fixed',
    rejection: 'spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims',
    action: (m) => `stop the pods using the claim, delete it by hand (\`${deleteCommand(m)}\`; Prune=false keeps it otherwise), then sync`,
  }),
  immutableFieldsRule({
    id: 'rolebinding-roleref',
    kinds: ['rbac.authorization.k8s.io/RoleBinding', 'rbac.authorization.k8s.io/ClusterRoleBinding'],
    immutable: (m) => m.roleRef,
    at: 'roleRef',
    why: 'a binding\'s roleRef is fixed at creation',
    rejection: 'roleRef: Invalid value: cannot change roleRef',
    action: (m) => `delete the binding (\`${deleteCommand(m)}\`), then sync; the subjects lack the permissions in between`,
  }),
  immutableFieldsRule({
    id: 'storageclass-fields',
    kinds: ['storage.k8s.io/StorageClass'],
    immutable: (m) => only(m, ['provisioner', 'parameters', 'reclaimPolicy', 'volumeBindingMode']),
    at: '',
    why: 'a StorageClass\'s provisioner, parameters, reclaimPolicy and volumeBindingMode are fixed at creation',
    rejection: 'Forbidden: updates to provisioner / parameters / reclaimPolicy / volumeBindingMode are forbidden',
    action: (m) => `delete the StorageClass by hand (\`${deleteCommand(m)}\`; Prune=false keeps it otherwise; bound volumes are not affected), then sync`,
  }),
];
