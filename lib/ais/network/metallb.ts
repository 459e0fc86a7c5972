import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';

/** MetalLB releases the output works with (see the annotation keys in load-balancers.ts). */
export const METALLB_VERSIONS = '0.13 to 0.16';

/** MetalLB itself must be installed: its CRD, with the releases that read what we emit. */
export const METALLB_PREREQUISITE = {
  kind: 'CustomResourceDefinition',
  name: 'ipaddresspools.metallb.io',
  // IPAddressPool/L2Advertisement metallb.io/v1beta1 exist from 0.13; the annotation prefix metallb.io/ from 0.14.9
  purpose: `MetalLB ${METALLB_VERSIONS}, which gives the LoadBalancers their IPs (both annotation prefixes are set: `
    + 'metallb.universe.tf/ for releases before 0.14.9, metallb.io/ after)',
} as const;

export interface MetalLbAddressPoolProps {
  /** name of the IPAddressPool (and prefix of the L2Advertisement) */
  readonly name: string;
  /** address ranges or CIDRs, e.g. `10.132.179.10-10.132.179.20` */
  readonly addresses: readonly string[];
  /**
   * Namespace MetalLB runs in.
   * @default 'metallb-system'
   */
  readonly namespace?: string;
  /**
   * Let MetalLB hand these addresses to any LoadBalancer service (false: only to services that ask for the pool).
   * @default false
   */
  readonly autoAssign?: boolean;
  /**
   * Extra labels.
   * @default - none
   */
  readonly labels?: Record<string, string>;
}

/**
 * A MetalLB layer-2 address pool: `IPAddressPool` + `L2Advertisement` (metallb.io/v1beta1,
 * MetalLB >= 0.13; older MetalLB used a ConfigMap).
 */
export class MetalLbAddressPool extends Construct {
  public readonly pool: ApiObject;
  public readonly advertisement: ApiObject;

  constructor(scope: Construct, id: string, props: MetalLbAddressPoolProps) {
    super(scope, id);
    const namespace = props.namespace ?? 'metallb-system';
    this.pool = new ApiObject(this, 'Pool', {
      apiVersion: 'metallb.io/v1beta1',
      kind: 'IPAddressPool',
      metadata: { name: props.name, namespace, labels: props.labels },
      spec: { addresses: [...props.addresses], autoAssign: props.autoAssign ?? false },
    });
    this.advertisement = new ApiObject(this, 'L2', {
      apiVersion: 'metallb.io/v1beta1',
      kind: 'L2Advertisement',
      metadata: { name: props.name, namespace, labels: props.labels },
      spec: { ipAddressPools: [props.name] },
    });
  }
}
