import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { AuristorComponent, CSI_DRIVER_NAME, auristorLabels } from '../names';

/**
 * Pod Security level OpenShift (4.13 and later) checks a pod with an inline ephemeral volume of a CSI driver
 * against, read from the driver's label `security.openshift.io/csi-ephemeral-volume-profile`; without the
 * label the driver counts as `privileged`.
 */
export enum CsiEphemeralVolumeProfile {
  RESTRICTED = 'restricted',
  BASELINE = 'baseline',
  PRIVILEGED = 'privileged',
}

/** The CSIDriver label OpenShift's CSI inline volume admission reads. */
export const CSI_EPHEMERAL_VOLUME_PROFILE_LABEL = 'security.openshift.io/csi-ephemeral-volume-profile';

/** Props of {@link AuristorCsiDriver}. */
export interface AuristorCsiDriverProps {
  /**
   * OpenShift's CSI inline ephemeral volume profile of the driver (label
   * `security.openshift.io/csi-ephemeral-volume-profile`).
   *
   * @default - no label: OpenShift admits inline AuriStorFS volumes only in `privileged` namespaces
   */
  readonly ephemeralVolumeProfile?: CsiEphemeralVolumeProfile;
}

/**
 * The cluster-scoped `CSIDriver` object `auristorfs.csi.auristor.com` (AuriStor's
 * `auristorfs-csi-driver.yaml`): persistent and inline ephemeral volumes, pod info on mount, attach
 * required. One per cluster, shared by every node group and delivery mode.
 */
export class AuristorCsiDriver extends Construct {
  /** Driver name. */
  public readonly name = CSI_DRIVER_NAME;
  /** The L1 object (escape hatch). */
  public readonly apiObject: k8s.KubeCsiDriver;

  constructor(scope: Construct, id: string, props: AuristorCsiDriverProps = {}) {
    super(scope, id);
    const labels = auristorLabels(AuristorComponent.CSI_DRIVER);
    if (props.ephemeralVolumeProfile !== undefined) labels[CSI_EPHEMERAL_VOLUME_PROFILE_LABEL] = props.ephemeralVolumeProfile;
    this.apiObject = new k8s.KubeCsiDriver(this, 'Resource', {
      metadata: { name: CSI_DRIVER_NAME, labels },
      spec: {
        attachRequired: true,
        podInfoOnMount: true,
        volumeLifecycleModes: ['Persistent', 'Ephemeral'],
      },
    });
  }
}
