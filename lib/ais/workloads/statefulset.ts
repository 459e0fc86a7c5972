import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';

export interface AisStatefulSetProps {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Record<string, string>;
  readonly selector: Record<string, string>;
  readonly replicas: number;
  /** the governing headless service */
  readonly serviceName: string;
  readonly template: k8s.PodTemplateSpec;
  /** @default - RollingUpdate */
  readonly updateStrategy?: k8s.StatefulSetUpdateStrategy;
  /** @default - none */
  readonly volumeClaimTemplates?: k8s.KubePersistentVolumeClaimProps[];
}

/** A StatefulSet as AIS runs them: parallel pod management, stable identity per pod. */
export function aisStatefulSet(scope: Construct, id: string, props: AisStatefulSetProps): k8s.KubeStatefulSet {
  return new k8s.KubeStatefulSet(scope, id, {
    metadata: { name: props.name, namespace: props.namespace, labels: props.labels },
    spec: {
      replicas: props.replicas,
      serviceName: props.serviceName,
      podManagementPolicy: 'Parallel',
      selector: { matchLabels: props.selector },
      updateStrategy: props.updateStrategy,
      template: props.template,
      volumeClaimTemplates: props.volumeClaimTemplates,
    },
  });
}
