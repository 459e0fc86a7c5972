import type { k8s } from 'cdk8s-plus-28';
import { FAILOVER_TOLERATION_SECONDS, KMM_LIFECYCLE_TOLERATIONS } from './defaults';

/** How a toleration matches a taint's value. */
export enum TolerationOperator {
  /** the taint's value equals the toleration's */
  EQUAL = 'Equal',
  /** any value of the key (and, without a key, any taint) */
  EXISTS = 'Exists',
}

/** What a taint does to pods that do not tolerate it. */
export enum TaintEffect {
  NO_SCHEDULE = 'NoSchedule',
  PREFER_NO_SCHEDULE = 'PreferNoSchedule',
  NO_EXECUTE = 'NoExecute',
}

/**
 * A taint the AuriStorFS pods of a group tolerate, e.g. `{ key: 'dedicated', value: 'storage', effect:
 * TaintEffect.NO_SCHEDULE }` for nodes tainted `dedicated=storage:NoSchedule`. Kubernetes' toleration, without
 * `tolerationSeconds`: an evicted kmod pod unloads `yfs` under pods that may still use it.
 */
export interface AuristorToleration {
  /**
   * Taint key.
   *
   * @default - every key (needs `operator: Exists`)
   */
  readonly key?: string;

  /**
   * How the value is matched.
   *
   * @default TolerationOperator.EQUAL
   */
  readonly operator?: TolerationOperator;

  /**
   * Taint value (`operator: Equal`).
   *
   * @default ''
   */
  readonly value?: string;

  /**
   * Taint effect.
   *
   * @default - every effect
   */
  readonly effect?: TaintEffect;

  /**
   * Not accepted (the rulebook refuses any value): with `NoExecute`, the kubelet would evict a kmod pod after this
   * many seconds, and its preStop hook unloads `yfs` under pods that may still use it; KMM ignores it and keeps
   * serving the node with an evicted worker.
   *
   * @default - none
   */
  readonly tolerationSeconds?: number;
}

/** A toleration as the pod spec / Module spec takes it. */
export function k8sToleration(toleration: AuristorToleration): k8s.Toleration {
  return {
    key: toleration.key,
    operator: toleration.operator,
    value: toleration.value,
    effect: toleration.effect,
  };
}

/** Tolerations in first-seen order without repeats (the same key, operator, value and effect). */
export function uniqueTolerations<T extends k8s.Toleration>(tolerations: readonly T[]): T[] {
  const seen = new Set<string>();
  return tolerations.filter((t) => {
    const id = JSON.stringify([t.key ?? '', t.operator ?? 'Equal', t.value ?? '', t.effect ?? '', t.tolerationSeconds ?? null]);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** The tolerations of a KMM Module: the node-lifecycle set (drain, NotReady, unreachable), then the group's. */
export function kmmModuleTolerations(group: readonly AuristorToleration[]): k8s.Toleration[] {
  return uniqueTolerations([...KMM_LIFECYCLE_TOLERATIONS.map((t) => ({ ...t })), ...group.map(k8sToleration)]);
}

/**
 * The tolerations of the cluster-wide CSI controller and volume manager: every group's (they run on any group
 * node), then NotReady/unreachable NoExecute for {@link FAILOVER_TOLERATION_SECONDS} seconds, so the taint manager
 * evicts them from a failed node that soon and their Deployment starts them elsewhere.
 */
export function failoverTolerations(groups: ReadonlyArray<readonly AuristorToleration[]>): k8s.Toleration[] {
  return uniqueTolerations([
    ...groups.flat().map(k8sToleration),
    ...['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'].map((key) => ({
      key, operator: TolerationOperator.EXISTS, effect: TaintEffect.NO_EXECUTE, tolerationSeconds: FAILOVER_TOLERATION_SECONDS,
    })),
  ]);
}

/** The tolerations of a group's pods: its own when given (`[]`: none), else the client's. */
export function groupTolerations(group: { readonly tolerations?: readonly AuristorToleration[] }, client?: readonly AuristorToleration[]): readonly AuristorToleration[] {
  return group.tolerations ?? client ?? [];
}
