import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { AisComponent, aisLabels, selectorLabels } from '../labels';
import { ResolvedAisPorts } from '../network/ports';
import { aisNames } from '../names';

export interface AisHeadlessServiceProps {
  readonly cluster: string;
  readonly namespace: string;
  readonly component: AisComponent.PROXY | AisComponent.TARGET;
  /** public port of the role */
  readonly publicPort: number;
  readonly ports: ResolvedAisPorts;
}

/**
 * The governing headless Service of a role (`<cluster>-proxy` / `<cluster>-target`): gives each pod
 * the DNS name AIS uses for intra-cluster traffic, published before the pod is ready.
 */
export function aisHeadlessService(scope: Construct, id: string, props: AisHeadlessServiceProps): k8s.KubeService {
  return new k8s.KubeService(scope, id, {
    metadata: {
      name: aisNames.headlessService(props.cluster, props.component),
      namespace: props.namespace,
      labels: aisLabels(props.cluster, props.component),
      annotations: { 'prometheus.io/scrape': 'true' },
    },
    spec: {
      clusterIp: 'None',
      publishNotReadyAddresses: true,
      selector: selectorLabels(props.cluster, props.component),
      ports: [
        { name: 'pub', port: props.publicPort, targetPort: k8s.IntOrString.fromNumber(props.publicPort), protocol: 'TCP' },
        { name: 'control', port: props.ports.intraControl, targetPort: k8s.IntOrString.fromNumber(props.ports.intraControl), protocol: 'TCP' },
        { name: 'data', port: props.ports.intraData, targetPort: k8s.IntOrString.fromNumber(props.ports.intraData), protocol: 'TCP' },
      ],
    },
  });
}
