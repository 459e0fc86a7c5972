import { CSI_CONTROLLER_REPLICAS } from '../defaults';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { CsiSidecar } from './csi-images';
import { CsiWorkloadProps, SOCKET_VOLUME } from './csi-pod';
import { CSI_SOCKET, CsiConfigRole, CsiServiceType } from './csi-settings';
import { CsiWorkload } from './csi-workload';
import { placeOnAnyOf } from '../group';
import { AuristorComponent } from '../names';
import { AuristorToleration, failoverTolerations } from '../tolerations';

export { CSI_CONTROLLER_REPLICAS };

/** Props of {@link CsiController}. */
export interface CsiControllerProps extends CsiWorkloadProps {
  /**
   * Label sets of the nodes the controller may run on: a node carrying every label of any one set
   * (one set: a pod `nodeSelector`; several: required node affinity, one term per set).
   *
   * @default - any node
   */
  readonly nodeSelectors?: readonly Readonly<Record<string, string>>[];

  /**
   * Replicas. The attacher and the provisioner elect a leader (`--leader-election`, Leases in the pod namespace):
   * one acts, the others wait and take over within about 15-20 s of the leader's last renewal
   * (kubernetes-csi external-provisioner v3.2.1 and external-attacher v3.5.0: lease 15 s, retry 5 s).
   *
   * @default 2
   */
  readonly replicas?: number;

  /**
   * Taints of the nodes it may run on that it tolerates (every group's); it also tolerates NotReady and
   * unreachable nodes for 30 s only, so the taint manager evicts it from a failed node and a new pod starts elsewhere.
   *
   * @default - none besides the 30 s failover ones
   */
  readonly tolerations?: readonly AuristorToleration[];
}

/**
 * The AuriStorFS CSI controller: ConfigMap `auristorfs-csi-controller-config` and Deployment
 * `auristorfs-csi-controller` (the AuriStorFS driver with csi-attacher v3.5.0, csi-provisioner v3.2.1 and
 * livenessprobe v2.7.0, as AuriStor's chart renders them), 2 replicas whose sidecars elect a leader, preferably on
 * different nodes. AuriStor's chart runs one replica in a StatefulSet, which a failed node stops until its pod is
 * force-deleted; its Roles for the sidecars' Leases are emitted by {@link CsiRbac}.
 *
 * The pod mounts ConfigMap `auristorfs-csi-node-config` at `/root/appVar`, as the chart does; it must
 * exist in the same namespace.
 */
export class CsiController extends CsiWorkload {
  /** Deployment name. */
  public static readonly NAME = 'auristorfs-csi-controller';

  /** The L1 Deployment (escape hatch). */
  public readonly deployment: k8s.KubeDeployment;

  constructor(scope: Construct, id: string, props: CsiControllerProps) {
    super(scope, id, props, CsiConfigRole.CONTROLLER, AuristorComponent.CSI_CONTROLLER);
    const pod = this._pod;
    const socket = SOCKET_VOLUME.CONTROLLER;
    // csi-lib-utils leaderelection: Lease in the pod's namespace (external-provisioner v3.2.1
    // cmd/csi-provisioner/csi-provisioner.go, external-attacher v3.5.0 cmd/csi-attacher/main.go)
    const leaderElection = '--leader-election';
    const provisionerArgs = ['-v=5', `--csi-address=${CSI_SOCKET}`, leaderElection];
    if (props.settings?.volumeNamePrefix !== undefined) provisionerArgs.push(`--volume-name-prefix=${props.settings.volumeNamePrefix}`);
    // passes the PVC name and namespace and the PV name to CreateVolume
    provisionerArgs.push('--extra-create-metadata=true');
    const app = CsiController.NAME;
    this.deployment = this._deployment(CsiController.NAME, app, props.namespace, placeOnAnyOf(props.nodeSelectors ?? []), {
      containers: [
        pod.driverContainer(CsiServiceType.CONTROLLER, CsiConfigRole.CONTROLLER, socket),
        pod.sidecar('csi-attacher', CsiSidecar.ATTACHER, socket, ['--v=5', `--csi-address=${CSI_SOCKET}`, leaderElection]),
        pod.sidecar('csi-provisioner', CsiSidecar.PROVISIONER, socket, provisionerArgs, { privileged: false }),
        pod.livenessProbe(socket),
      ],
      volumes: [{ name: socket, emptyDir: {} }, ...pod.sharedVolumes()],
      tolerations: failoverTolerations([props.tolerations ?? []]),
    }, { replicas: props.replicas ?? CSI_CONTROLLER_REPLICAS }, {
      // preferred, so that a one-node lab still runs both replicas
      preferredDuringSchedulingIgnoredDuringExecution: [{
        weight: 100,
        podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app } } },
      }],
    });
  }
}
