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
   * @internal The Deployment the controller and the volume manager run in (AuriStor's chart has one-replica
   * StatefulSets, whose pod on a failed node is not replaced until someone force-deletes it), pods selected by
   * `app: <app>`, placed by `placement`, tolerating `tolerations`.
   */
  protected _deployment(name: string, app: string, namespace: string, placement: NodePlacement,
    pod: Pick<k8s.PodSpec, 'containers' | 'volumes' | 'tolerations'>, spec: Pick<k8s.DeploymentSpec, 'replicas' | 'strategy'>,
    podAntiAffinity?: k8s.PodAntiAffinity): k8s.KubeDeployment {
    const { selector, podLabels } = this._selectorAndPodLabels(app);
    const affinity = podAntiAffinity ? { ...placement.affinity, podAntiAffinity } : placement.affinity;
    return new k8s.KubeDeployment(this, 'Resource', {
      metadata: { name, namespace, labels: this._labels },
      spec: {
        ...spec,
        selector,
        template: {
          metadata: { labels: podLabels },
          spec: { ...this._pod.podDefaults(), nodeSelector: placement.nodeSelector, affinity, ...pod },
        },
      },
    });
  }

  /** @internal Selector and pod labels for pods selected by `app: <app>`. */
  protected _selectorAndPodLabels(app: string): { selector: { matchLabels: Record<string, string> }; podLabels: Record<string, string> } {
    return { selector: { matchLabels: { app } }, podLabels: { app, ...this._labels } };
  }
}
