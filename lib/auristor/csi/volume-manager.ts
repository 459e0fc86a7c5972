import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { CsiWorkloadProps } from './csi-pod';
import { CsiConfigRole, VOLUME_MANAGER_PORT } from './csi-settings';
import { CsiWorkload } from './csi-workload';
import { placeOnAnyOf } from '../group';
import { AuristorComponent } from '../names';
import { AURISTOR_RESOURCES } from '../resources';
import { AuristorToleration, failoverTolerations } from '../tolerations';

/** Props of {@link VolumeManager}. */
export interface VolumeManagerProps extends CsiWorkloadProps {
  /**
   * Label sets of the nodes the volume manager may run on: a node carrying every label of any one
   * set (one set: a pod `nodeSelector`; several: required node affinity, one term per set).
   *
   * @default - any node
   */
  readonly nodeSelectors?: readonly Readonly<Record<string, string>>[];

  /**
   * Taints of the nodes it may run on that it tolerates (every group's); it also tolerates NotReady and
   * unreachable nodes for 30 s only, so the taint manager evicts it from a failed node and a new pod starts elsewhere.
   *
   * @default - none besides the 30 s failover ones
   */
  readonly tolerations?: readonly AuristorToleration[];
}

/**
 * The AuriStorFS volume manager, the API the CSI controller and node plugins consult about
 * volumes: Service `auristorfs-volume-manager` (port 80), ConfigMap `auristorfs-volume-manager-config`
 * and Deployment `auristorfs-api` (the AuriStorFS CSI image with `VOLUME_MANAGER=true`): one replica, replaced
 * with `Recreate` (never two at once: whether it keeps state is not known), evicted from a NotReady or unreachable
 * node after 30 s so that a new pod starts elsewhere. AuriStor's chart runs it as a one-replica StatefulSet, which a
 * failed node stops until its pod is force-deleted.
 *
 * AuriStor's chart declares container port 8080 while the Service targets 80 and the server listens on
 * `apiServerPort` 80; here the declared port is 80, the port actually served (declared ports are informational).
 */
export class VolumeManager extends CsiWorkload {
  /** Service name; the CSI pods reach `http://auristorfs-volume-manager[.<namespace>.svc]`. */
  public static readonly SERVICE_NAME = 'auristorfs-volume-manager';
  /** Deployment name. */
  public static readonly NAME = 'auristorfs-api';

  /** The L1 Service (escape hatch). */
  public readonly service: k8s.KubeService;
  /** The L1 Deployment (escape hatch). */
  public readonly deployment: k8s.KubeDeployment;

  constructor(scope: Construct, id: string, props: VolumeManagerProps) {
    super(scope, id, props, CsiConfigRole.VOLUME_MANAGER, AuristorComponent.VOLUME_MANAGER);
    const pod = this._pod;
    const { selector, podLabels } = this._selectorAndPodLabels(VolumeManager.SERVICE_NAME);
    this.service = new k8s.KubeService(this, 'Service', {
      metadata: { name: VolumeManager.SERVICE_NAME, namespace: props.namespace, labels: podLabels },
      spec: {
        type: 'ClusterIP',
        ports: [{ name: 'auristorfs-api', port: 80, targetPort: k8s.IntOrString.fromNumber(VOLUME_MANAGER_PORT) }],
        selector: selector.matchLabels,
      },
    });
    this.deployment = this._deployment(VolumeManager.NAME, VolumeManager.SERVICE_NAME, props.namespace, placeOnAnyOf(props.nodeSelectors ?? []), {
      containers: [{
        name: 'auristorfs-volume-manager',
        image: pod.image,
        imagePullPolicy: pod.pullPolicy,
        securityContext: { privileged: true },
        envFrom: [{ configMapRef: { name: CsiConfigRole.VOLUME_MANAGER } }],
        resources: AURISTOR_RESOURCES.driver,
        env: [
          { name: 'VOLUME_MANAGER', value: 'true' },
          { name: 'KUBE_NODE_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } },
        ],
        ports: [{ name: 'auristorfs-api', containerPort: VOLUME_MANAGER_PORT, protocol: 'TCP' }],
      }],
      tolerations: failoverTolerations([props.tolerations ?? []]),
    }, { replicas: 1, strategy: { type: 'Recreate' } });
  }
}
