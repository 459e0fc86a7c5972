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
  /** @internal Builds the pod's containers and volumes. */
  protected readonly _pod: CsiPodBuilder;
  /** @internal Labels of the workload's objects. */
  protected readonly _labels: Record<string, string>;

  protected constructor(scope: Construct, id: string, props: CsiWorkloadProps, role: CsiConfigRole, component: AuristorComponent) {
    super(scope, id);
    this._pod = new CsiPodBuilder(props);
    this.image = this._pod.image;
    this._labels = auristorLabels(component, props.group);
    this.config = new CsiConfigMap(this, 'Config', { namespace: props.namespace, role, settings: props.settings, component, group: props.group });
  }

  /**
   * @internal The one-replica StatefulSet AuriStor's chart runs the controller and the volume manager in
   * (`serviceName: auristorfs-csi-svc`, a Service the chart never creates), pods selected by `app: <app>`.
   */
  protected _singleReplicaStatefulSet(name: string, app: string, namespace: string, placement: NodePlacement | undefined,
    pod: Pick<k8s.PodSpec, 'containers' | 'volumes'>): k8s.KubeStatefulSet {
    const { selector, podLabels } = this._selectorAndPodLabels(app);
    return new k8s.KubeStatefulSet(this, 'Resource', {
      metadata: { name, namespace, labels: this._labels },
      spec: {
        serviceName: 'auristorfs-csi-svc',
        replicas: 1,
        selector,
        template: { metadata: { labels: podLabels }, spec: { ...this._pod.podDefaults(), ...placement, ...pod } },
      },
    });
  }

  /** @internal Selector and pod labels for pods selected by `app: <app>`. */
  protected _selectorAndPodLabels(app: string): { selector: { matchLabels: Record<string, string> }; podLabels: Record<string, string> } {
    return { selector: { matchLabels: { app } }, podLabels: { app, ...this._labels } };
  }
}
