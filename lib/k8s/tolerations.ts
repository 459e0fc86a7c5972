import { labelValueProblem, qualifiedNameProblem } from './names';

/**
 * The Kubernetes 1.28 API server's rules for a pod toleration (`pkg/apis/core/validation/validation.go`
 * ValidateTolerations), which KMM's webhook also applies to a Module's `spec.tolerations`
 * (kubernetes-sigs/kernel-module-management v2.6.0 `internal/webhook/module.go` validateTolerations).
 */

/** A toleration as the API takes it (field names of `core/v1.Toleration`). */
export interface TolerationFields {
  readonly key?: string;
  readonly operator?: string;
  readonly value?: string;
  readonly effect?: string;
  readonly tolerationSeconds?: number;
}

/** The taint effects a toleration may name (empty: every effect). */
export const TAINT_EFFECTS: readonly string[] = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** Toleration operators (empty means `Equal`). */
export const TOLERATION_OPERATORS: readonly string[] = ['Equal', 'Exists'];

/** What the API server refuses in one toleration, field by field (empty when it passes). */
export function tolerationProblems(toleration: TolerationFields): Array<{ readonly field: keyof TolerationFields; readonly message: string }> {
  const problems: Array<{ field: keyof TolerationFields; message: string }> = [];
  const key = toleration.key ?? '';
  const operator = toleration.operator ?? 'Equal';
  if (key !== '') {
    const problem = qualifiedNameProblem(key, 'toleration key');
    if (problem) problems.push({ field: 'key', message: problem });
  } else if (operator !== 'Exists') {
    problems.push({ field: 'operator', message: 'a toleration without a key matches every taint and needs operator Exists' });
  }
  if (!TOLERATION_OPERATORS.includes(operator)) {
    problems.push({ field: 'operator', message: `operator ${JSON.stringify(operator)} is not Equal or Exists` });
  } else if (operator === 'Exists' && (toleration.value ?? '') !== '') {
    problems.push({ field: 'value', message: 'operator Exists matches every value of the key: remove the value' });
  } else if (operator === 'Equal' && toleration.value !== undefined) {
    const problem = labelValueProblem(toleration.value, 'toleration value');
    if (problem) problems.push({ field: 'value', message: problem });
  }
  if (toleration.effect !== undefined && toleration.effect !== '' && !TAINT_EFFECTS.includes(toleration.effect)) {
    problems.push({ field: 'effect', message: `effect ${JSON.stringify(toleration.effect)} is not one of ${TAINT_EFFECTS.join(', ')}` });
  }
  if (toleration.tolerationSeconds !== undefined && toleration.effect !== 'NoExecute') {
    problems.push({ field: 'tolerationSeconds', message: 'tolerationSeconds applies to effect NoExecute only' });
  }
  return problems;
}

/**
 * Whether `toleration` tolerates `taint` (core/v1 `Toleration.ToleratesTaint`): an empty effect matches every
 * effect, an empty key with `Exists` every key, `Exists` every value, `Equal` (or empty) the same value.
 */
export function toleratesTaint(toleration: TolerationFields, taint: { readonly key: string; readonly value?: string; readonly effect: string }): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if ((toleration.key ?? '') !== '' && toleration.key !== taint.key) return false;
  const operator = toleration.operator || 'Equal';
  return operator === 'Exists' || (toleration.value ?? '') === (taint.value ?? '');
}
