import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { AisComponent, aisLabels } from './labels';
import { parseAddressPool, rangesWithout } from '../net/address-pool';
import { LoadBalancerAddressing } from './network/load-balancers';
import { MetalLbAddressPool } from './network/metallb';
import { AisPreflight } from './workloads/preflight';
import { AisNodeLabels } from './nodes/node-labels';
import { AisNodeLabelScheme, resolveNodeLabelScheme } from './nodes/node-label-scheme';
import { AisClusterCommonProps } from './cluster-props';
import { DEFAULT_NAMESPACE } from './defaults';

/**
 * Pod Security admission level of the namespace: AIS pods mount hostPath volumes (state, mountpaths),
 * use hostPort (targets), an unsafe sysctl and (by default) privileged containers, all of which the
 * `baseline` level forbids (kubernetes staging/src/k8s.io/pod-security-admission/policy
 * check_hostPathVolumes.go, check_hostPorts.go, check_sysctls.go, check_privileged.go), so a cluster
 * that enforces baseline or restricted by default would reject every AIS pod.
 */
export const POD_SECURITY_PRIVILEGED: Readonly<Record<string, string>> = { 'pod-security.kubernetes.io/enforce': 'privileged' };

export interface AisSharedCharts {
  readonly name: string;
  readonly namespace: string;
  readonly labelScheme: AisNodeLabelScheme;
  readonly nodeLabels?: AisNodeLabels;
  readonly metallb?: MetalLbAddressPool;
  /** the gateway's own pool (see `separateGatewayPool`) */
  readonly gatewayPool?: MetalLbAddressPool;
  /** how LoadBalancer services of the cluster get their addresses */
  readonly addressing: LoadBalancerAddressing;
  /** how the gateway LoadBalancer gets its address (its own pool, when separate) */
  readonly gatewayAddressing: LoadBalancerAddressing;
}

/**
 * Resolves name, namespace and label scheme (the props passed the cluster's rulebook), and adds the charts both
 * cluster kinds (standalone and operator) share, each its own file: `<id>-namespace` (the Namespace),
 * `<id>-node-labels` (label-only Node objects) and `<id>-metallb` (the address pool, when MetalLB
 * serves `gateway.addressPool`) and, opt-in, `<id>-preflight` (the mountpath check). No chart namespace: namespaced objects name theirs, cluster-scoped
 * ones (Node, PV, StorageClass) must have none.
 */
export function addSharedCharts(scope: Construct, props: AisClusterCommonProps, initialPrimaryNode?: string,
  options: { readonly separateGatewayPool?: boolean } = {}): AisSharedCharts {
  const name = props.name;
  const namespace = props.namespace ?? DEFAULT_NAMESPACE;
  const labelScheme = resolveNodeLabelScheme(name, props.nodeLabels);
  if (props.createNamespace ?? true) {
    new k8s.KubeNamespace(new Chart(scope, 'namespace'), 'Namespace', {
      metadata: { name: namespace, labels: { ...aisLabels(name, AisComponent.RBAC), ...POD_SECURITY_PRIVILEGED } },
    });
  }
  const nodeLabels = (props.emitNodeLabels ?? true)
    ? new AisNodeLabels(new Chart(scope, 'node-labels'), 'NodeLabels', {
      proxyNodes: props.proxyNodes, targetNodes: props.targetNodes, initialPrimaryNode, scheme: labelScheme,
    })
    : undefined;
  const gateway = props.gateway ?? {};
  const metallb = gateway.metallb ?? gateway.addressPool !== undefined;
  const poolName = `${name}-ais`;
  const gatewayPoolName = `${name}-ais-gateway`;
  const range = gateway.addressPool ? parseAddressPool(gateway.addressPool) : undefined;
  // the gateway IP in a pool of its own, out of the one the unpinned target LoadBalancers draw from
  const separate = metallb && options.separateGatewayPool === true && range !== undefined && gateway.loadBalancerIP !== undefined;
  const metallbChart = metallb && gateway.addressPool ? new Chart(scope, 'metallb') : undefined;
  const labels = aisLabels(name, AisComponent.NETWORK);
  const pool = metallbChart && gateway.addressPool
    ? new MetalLbAddressPool(metallbChart, 'AddressPool', {
      name: poolName, addresses: separate ? rangesWithout(range!, gateway.loadBalancerIP!) : [gateway.addressPool], labels,
    })
    : undefined;
  const gatewayPool = metallbChart && separate
    ? new MetalLbAddressPool(metallbChart, 'GatewayPool', { name: gatewayPoolName, addresses: [`${gateway.loadBalancerIP}/32`], labels })
    : undefined;
  if (props.preflight) {
    new AisPreflight(new Chart(scope, 'preflight'), 'Preflight', {
      cluster: name, namespace, targetLabel: labelScheme.target, mountpaths: props.mountpaths,
    });
  }
  const addressing = { metallb, metallbPool: pool ? poolName : undefined, annotations: gateway.annotations };
  return {
    name, namespace, labelScheme, nodeLabels, metallb: pool, gatewayPool, addressing,
    gatewayAddressing: gatewayPool ? { ...addressing, metallbPool: gatewayPoolName } : addressing,
  };
}
