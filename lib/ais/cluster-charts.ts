import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { AisComponent, aisLabels } from './labels';
import { LoadBalancerAddressing } from './load-balancers';
import { MetalLbAddressPool } from './metallb';
import { AisNodeLabels } from './node-labels';
import { AisNodeLabelScheme } from './node-label-scheme';

/** What both cluster kinds (standalone and operator) emit around their AIS daemons. */
export interface AisSharedChartsProps {
  readonly name: string;
  readonly namespace: string;
  readonly createNamespace: boolean;
  readonly emitNodeLabels: boolean;
  readonly proxyNodes: readonly string[];
  readonly targetNodes: readonly string[];
  /** the node labelled initial primary; undefined in operator mode */
  readonly initialPrimaryNode?: string;
  readonly labelScheme: AisNodeLabelScheme;
  readonly gateway: { readonly addressPool?: string; readonly metallb?: boolean; readonly annotations?: Record<string, string> };
}

export interface AisSharedCharts {
  readonly nodeLabels?: AisNodeLabels;
  readonly metallb?: MetalLbAddressPool;
  /** how LoadBalancer services of the cluster get their addresses */
  readonly addressing: LoadBalancerAddressing;
}

/**
 * The charts both cluster kinds share, each its own file: `<id>-namespace` (the Namespace),
 * `<id>-node-labels` (label-only Node objects) and `<id>-metallb` (the address pool, when MetalLB
 * serves `gateway.addressPool`). No chart namespace: namespaced objects name theirs, cluster-scoped
 * ones (Node, PV, StorageClass) must have none.
 */
export function addSharedCharts(scope: Construct, props: AisSharedChartsProps): AisSharedCharts {
  if (props.createNamespace) {
    new k8s.KubeNamespace(new Chart(scope, 'namespace'), 'Namespace', {
      metadata: { name: props.namespace, labels: aisLabels(props.name, AisComponent.RBAC) },
    });
  }
  const nodeLabels = props.emitNodeLabels
    ? new AisNodeLabels(new Chart(scope, 'node-labels'), 'NodeLabels', {
      proxyNodes: props.proxyNodes, targetNodes: props.targetNodes,
      initialPrimaryNode: props.initialPrimaryNode, scheme: props.labelScheme,
    })
    : undefined;
  const gateway = props.gateway;
  const metallb = gateway.metallb ?? gateway.addressPool !== undefined;
  const poolName = `${props.name}-ais`;
  const pool = metallb && gateway.addressPool
    ? new MetalLbAddressPool(new Chart(scope, 'metallb'), 'AddressPool', {
      name: poolName, addresses: [gateway.addressPool], labels: aisLabels(props.name, AisComponent.NETWORK),
    })
    : undefined;
  return { nodeLabels, metallb: pool, addressing: { metallb, metallbPool: pool ? poolName : undefined, annotations: gateway.annotations } };
}
