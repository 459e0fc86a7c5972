import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { CsiSidecar } from './csi-images';
import { CsiWorkloadProps, SOCKET_VOLUME } from './csi-pod';
import { CSI_SOCKET, CsiConfigRole, CsiServiceType } from './csi-settings';
import { CsiWorkload } from './csi-workload';
import { placeOnAnyOf } from '../group';
import { AuristorComponent } from '../names';

/** Props of {@link CsiController}. */
export interface CsiControllerProps extends CsiWorkloadProps {
  /**
   * Label sets of the nodes the controller may run on: a node carrying every label of any one set
   * (one set: a pod `nodeSelector`; several: required node affinity, one term per set).
   *
   * @default - any node
   */
  readonly nodeSelectors?: readonly Readonly<Record<string, string>>[];
}

/**
 * The AuriStorFS CSI controller: ConfigMap `auristorfs-csi-controller-config` and StatefulSet
 * `auristorfs-csi-controller` (one replica; the AuriStorFS driver with csi-attacher v3.5.0,
 * csi-provisioner v3.2.1 and livenessprobe v2.7.0), as AuriStor's chart renders them.
 *
 * The pod mounts ConfigMap `auristorfs-csi-node-config` at `/root/appVar`, as the chart does; it must
 * exist in the same namespace. Run one controller per driver: the sidecars run without leader election.
 */
export class CsiController extends CsiWorkload {
  /** StatefulSet name. */
  public static readonly NAME = 'auristorfs-csi-controller';

  /** The L1 StatefulSet (escape hatch). */
  public readonly statefulSet: k8s.KubeStatefulSet;

  constructor(scope: Construct, id: string, props: CsiControllerProps) {
    super(scope, id, props, CsiConfigRole.CONTROLLER, AuristorComponent.CSI_CONTROLLER);
    const pod = this._pod;
    const socket = SOCKET_VOLUME.CONTROLLER;
    const provisionerArgs = ['-v=5', `--csi-address=${CSI_SOCKET}`];
    if (props.settings?.volumeNamePrefix !== undefined) provisionerArgs.push(`--volume-name-prefix=${props.settings.volumeNamePrefix}`);
    // passes the PVC name and namespace and the PV name to CreateVolume
    provisionerArgs.push('--extra-create-metadata=true');
    this.statefulSet = this._singleReplicaStatefulSet(CsiController.NAME, CsiController.NAME, props.namespace, placeOnAnyOf(props.nodeSelectors ?? []), {
      containers: [
        pod.driverContainer(CsiServiceType.CONTROLLER, CsiConfigRole.CONTROLLER, socket),
        pod.sidecar('csi-attacher', CsiSidecar.ATTACHER, socket, ['--v=5', `--csi-address=${CSI_SOCKET}`]),
        pod.sidecar('csi-provisioner', CsiSidecar.PROVISIONER, socket, provisionerArgs, { privileged: false }),
        pod.livenessProbe(socket),
      ],
      volumes: [{ name: socket, emptyDir: {} }, ...pod.sharedVolumes()],
    });
  }
}
