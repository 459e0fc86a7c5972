import { DEFAULT_TARGET_MAX_UNAVAILABLE } from '../defaults';
import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { AisComponent, aisLabels, selectorLabels } from '../labels';

/** The targets' PodDisruptionBudget. */
export interface AisDisruptionBudgetOptions {
  /**
   * Emit the PodDisruptionBudget.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Targets that eviction (node drains, autoscalers) may take down at once: a count, or a
   * percentage such as `10%`. The default 1 lets `kubectl drain` proceed one target node at a time
   * (the evicted target stays Pending on its cordoned node, so a second drain waits until the first
   * node is back); 0 blocks every drain of a target node (the AIS operator emits no budget unless asked).
   * Put the target in AIS maintenance first (PLAN.md, node maintenance): AIS then moves its data away in a planned rebalance.
   * @default 1
   */
  readonly maxUnavailable?: number | string;
}

export interface AisTargetDisruptionBudgetProps extends AisDisruptionBudgetOptions {
  readonly cluster: string;
  readonly namespace: string;
}

/** `maxUnavailable` (a count of at least 0 or a percentage: the AIS rulebook checks it), default 1. */
export function targetMaxUnavailable(options: AisDisruptionBudgetOptions): number | string {
  return options.maxUnavailable ?? DEFAULT_TARGET_MAX_UNAVAILABLE;
}

/**
 * The PodDisruptionBudget `<cluster>-target` (the AIS operator's name,
 * ais-k8s operator/internal/resources/aistore/target/pdb.go): at most one target evicted at a time by default.
 */
export class AisTargetDisruptionBudget extends Construct {
  public readonly apiObject: k8s.KubePodDisruptionBudget;

  constructor(scope: Construct, id: string, props: AisTargetDisruptionBudgetProps) {
    super(scope, id);
    const max = targetMaxUnavailable(props);
    this.apiObject = new k8s.KubePodDisruptionBudget(this, 'Resource', {
      metadata: { name: `${props.cluster}-target`, namespace: props.namespace, labels: aisLabels(props.cluster, AisComponent.TARGET) },
      spec: {
        maxUnavailable: typeof max === 'number' ? k8s.IntOrString.fromNumber(max) : k8s.IntOrString.fromString(max),
        selector: { matchLabels: selectorLabels(props.cluster, AisComponent.TARGET) },
      },
    });
  }
}
