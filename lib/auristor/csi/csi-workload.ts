import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { CsiConfigMap } from './csi-config-map';
import { CsiPodBuilder, CsiWorkloadProps } from './csi-pod';
import { CsiConfigRole } from './csi-settings';
import { NodePlacement } from '../group';
import { AuristorComponent, auristorLabels } from '../names';

/**
 * Base of the AuriStorFS CSI workloads (controller, node plugin, volume manager): the AuriStorFS CSI
 * image, the workload's settings ConfigMap and the labels of its objects.
 */
export abstract class CsiWorkload extends Construct {
  /** The AuriStorFS CSI image it runs. */
  public readonly image: string;
  /** The settings ConfigMap. */
  public readonly config: CsiConfigMap;
  /** Builds the pod's containers and volumes. */
  protected readonly pod: CsiPodBuilder;
  /** Labels of the workload's objects. */
  protected readonly labels: Record<string, string>;

  protected constructor(scope: Construct, id: string, props: CsiWorkloadProps, role: CsiConfigRole, component: AuristorComponent) {
    super(scope, id);
    this.pod = new CsiPodBuilder(props);
    this.image = this.pod.image;
    this.labels = auristorLabels(component, props.group);
    this.config = new CsiConfigMap(this, 'Config', { namespace: props.namespace, role, settings: props.settings, component, group: props.group });
  }

  /**
   * The one-replica StatefulSet AuriStor's chart runs the controller and the volume manager in
   * (`serviceName: auristorfs-csi-svc`, a Service the chart never creates), pods selected by `app: <app>`.
   */
  protected singleReplicaStatefulSet(name: string, app: string, namespace: string, placement: NodePlacement | undefined,
    pod: Pick<k8s.PodSpec, 'containers' | 'volumes'>): k8s.KubeStatefulSet {
    const { selector, podLabels } = this.selectorAndPodLabels(app);
    return new k8s.KubeStatefulSet(this, 'Resource', {
      metadata: { name, namespace, labels: this.labels },
      spec: {
        serviceName: 'auristorfs-csi-svc',
        replicas: 1,
        selector,
        template: { metadata: { labels: podLabels }, spec: { ...this.pod.podDefaults(), ...placement, ...pod } },
      },
    });
  }

  /** Selector and pod labels for pods selected by `app: <app>`. */
  protected selectorAndPodLabels(app: string): { selector: { matchLabels: Record<string, string> }; podLabels: Record<string, string> } {
    return { selector: { matchLabels: { app } }, podLabels: { app, ...this.labels } };
  }
}
