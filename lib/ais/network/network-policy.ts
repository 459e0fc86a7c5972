import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { AisComponent, aisLabels } from '../labels';
import { COMPONENT_LABEL, NAME_LABEL } from '../../k8s/app-labels';
import { ResolvedAisPorts } from './ports';

export interface AisNetworkPolicyProps {
  readonly cluster: string;
  readonly namespace: string;
  readonly ports: ResolvedAisPorts;
  /**
   * IPs of nodes whose targets run on the host network: their intra-cluster traffic comes from the
   * node IP, which no pod selector matches (a policy selects pods by label, and a host-network pod's
   * traffic carries the node's address), so each is admitted by an `ipBlock` `<ip>/32`.
   * @default - none
   */
  readonly hostNetworkPeers?: readonly string[];
}

/** Selects the proxies and targets of one cluster (and nothing else in the namespace). */
export function aisPodSelector(cluster: string): k8s.LabelSelector {
  return {
    matchLabels: { [NAME_LABEL]: cluster },
    matchExpressions: [{ key: COMPONENT_LABEL, operator: 'In', values: [AisComponent.PROXY, AisComponent.TARGET] }],
  };
}

/**
 * The NetworkPolicy `<cluster>-ais-ingress` over the cluster's proxies and targets: the
 * intra-cluster control and data ports (51082/51083) admit only this cluster's own AIS pods; the
 * public proxy and target ports (51080/51081) stay open to every client. Egress is not restricted
 * (cloud backends, DNS, AuthN, tracing).
 */
export class AisNetworkPolicy extends Construct {
  public readonly apiObject: k8s.KubeNetworkPolicy;

  constructor(scope: Construct, id: string, props: AisNetworkPolicyProps) {
    super(scope, id);
    const selector = aisPodSelector(props.cluster);
    const tcp = (port: number): k8s.NetworkPolicyPort => ({ port: k8s.IntOrString.fromNumber(port), protocol: 'TCP' });
    this.apiObject = new k8s.KubeNetworkPolicy(this, 'Resource', {
      metadata: { name: `${props.cluster}-ais-ingress`, namespace: props.namespace, labels: aisLabels(props.cluster, AisComponent.NETWORK) },
      spec: {
        podSelector: selector,
        policyTypes: ['Ingress'],
        ingress: [
          { from: [{ podSelector: selector }, ...(props.hostNetworkPeers ?? []).map((ip) => ({ ipBlock: { cidr: `${ip}/32` } }))],
            ports: [tcp(props.ports.intraControl), tcp(props.ports.intraData)] },
          { ports: [tcp(props.ports.proxy), tcp(props.ports.target)] },
        ],
      },
    });
  }
}
