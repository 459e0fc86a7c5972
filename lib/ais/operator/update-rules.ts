/**
 * What the AIS operator's admission webhook refuses when an existing AIStore is updated
 * (NVIDIA/ais-k8s operator/internal/webhook/aistore/v1beta1/aistore_webhook.go, ValidateUpdate):
 * - `validateProxyUpdate` / `validateTargetUpdate`: after `allowDaemonSpecUpdates` copied the
 *   allow-listed fields (and, for targets, `pdb` and `scaleDownMode`) from the new spec onto the
 *   old one, any remaining difference in `proxySpec` / `targetSpec` is refused;
 * - `enableExternalLB` may not change;
 * - `validateStateStorageUpdate`: `StateStoragePVCStorageClass()` (`stateStorage.pvc.storageClass`,
 *   else the deprecated `stateStorageClass` when `stateStorage` is unset) may not change to a
 *   non-empty value.
 * The errors are `errCannotUpdateSpec`'s text. Works on plain JSON (the emitted AIStore).
 */

type Obj = Record<string, any>;

/** `allowDaemonSpecUpdates`: DaemonSpec fields (JSON names) that may change on an existing cluster. */
export const DAEMON_SPEC_UPDATABLE: readonly string[] = [
  'size', 'annotations', 'labels', 'env', 'resources', 'securityContext', 'capabilities',
  'aisContainerSecurityContext', 'autoScale', 'pvcRetentionPolicy', 'probes', 'tolerations',
];

/** `validateTargetUpdate`: target-only fields that may change besides the DaemonSpec ones. */
export const TARGET_SPEC_UPDATABLE: readonly string[] = [...DAEMON_SPEC_UPDATABLE, 'pdb', 'scaleDownMode'];

/** One refusal of the webhook: the spec it names, the fields that differ, and its error text. */
export interface UpdateRefusal {
  /** `proxySpec`, `targetSpec`, `enableExternalLB` or `stateStorage.pvc.storageClass` */
  readonly spec: string;
  /** JSON paths under `spec` whose change is refused */
  readonly fields: readonly string[];
  /** what the webhook answers (errCannotUpdateSpec, without Go's deep.Equal diff text) */
  readonly message: string;
}

/**
 * Go's equality.Semantic.DeepEqual after JSON decoding: omitted, null, empty maps and empty
 * slices are the same. (An empty object also stands for an empty struct; a nil and a non-nil
 * pointer to an empty struct, which Go tells apart, are not distinguished: we never emit either.)
 */
function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value as Obj).every((k) => isEmpty((value as Obj)[k]));
}

function semanticEqual(a: unknown, b: unknown): boolean {
  if (isEmpty(a) && isEmpty(b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => semanticEqual(x, b[i]));
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    return [...new Set([...Object.keys(a as Obj), ...Object.keys(b as Obj)])].every((k) => semanticEqual((a as Obj)[k], (b as Obj)[k]));
  }
  return a === b;
}

const message = (spec: string) => `cannot update spec "${spec}" for an existing cluster`;

function daemonRefusal(spec: 'proxySpec' | 'targetSpec', prev: Obj | undefined, next: Obj | undefined): UpdateRefusal | undefined {
  const allowed = spec === 'targetSpec' ? TARGET_SPEC_UPDATABLE : DAEMON_SPEC_UPDATABLE;
  const keys = [...new Set([...Object.keys(prev ?? {}), ...Object.keys(next ?? {})])].filter((k) => !allowed.includes(k)).sort();
  const fields = keys.filter((k) => !semanticEqual(prev?.[k], next?.[k])).map((k) => `${spec}.${k}`);
  return fields.length > 0 ? { spec, fields, message: message(spec) } : undefined;
}

function statePvcStorageClass(spec: Obj): string | undefined {
  if (spec.stateStorage) return spec.stateStorage.pvc ? (spec.stateStorage.pvc.storageClass ?? '') : undefined;
  return spec.stateStorageClass;
}

/**
 * The webhook's answer to updating AIStore `prev` to `next`: the first refusal, in the order
 * ValidateUpdate checks, or undefined when it admits the update.
 */
export function aistoreUpdateRefusal(prev: Obj, next: Obj): UpdateRefusal | undefined {
  const before = prev.spec ?? {};
  const after = next.spec ?? {};
  const daemon = daemonRefusal('proxySpec', before.proxySpec, after.proxySpec)
    ?? daemonRefusal('targetSpec', before.targetSpec, after.targetSpec);
  if (daemon) return daemon;
  if ((before.enableExternalLB ?? false) !== (after.enableExternalLB ?? false)) {
    return { spec: 'enableExternalLB', fields: ['enableExternalLB'], message: message('enableExternalLB') };
  }
  const storageClass = statePvcStorageClass(after);
  if (storageClass !== undefined && storageClass !== statePvcStorageClass(before)) {
    return { spec: 'stateStorage.pvc.storageClass', fields: ['stateStorage'], message: message('stateStorage.pvc.storageClass') };
  }
  return undefined;
}
