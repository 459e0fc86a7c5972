import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { AuristorComponent, CSI_DRIVER_NAME, auristorLabels } from './names';

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

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.apiObject = new k8s.KubeCsiDriver(this, 'Resource', {
      metadata: { name: CSI_DRIVER_NAME, labels: auristorLabels(AuristorComponent.CSI_DRIVER) },
      spec: {
        attachRequired: true,
        podInfoOnMount: true,
        volumeLifecycleModes: ['Persistent', 'Ephemeral'],
      },
    });
  }
}
