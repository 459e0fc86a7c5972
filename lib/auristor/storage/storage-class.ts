import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { AuristorMount } from './mount';
import { objectNameProblem } from '../../k8s/names';
import { assertNoProblems } from '../../props/problems';
import { Footprint, declareFootprint } from '../../props/footprint';
import { AuristorComponent, CSI_DRIVER_NAME, auristorLabels } from '../names';

/** What happens to a dynamically provisioned PersistentVolume when its claim is deleted (`reclaimPolicy`). */
export enum AuristorReclaimPolicy {
  /** the volume is deleted with its claim */
  DELETE = 'Delete',
  /** the volume stays, Released, until an administrator reclaims it */
  RETAIN = 'Retain',
}

/** Props of {@link AuristorStorageClass}. */
export interface AuristorStorageClassProps {
  /** StorageClass name. */
  readonly name: string;

  /** What the claims of this class mount. */
  readonly mount: AuristorMount;

  /**
   * What happens to a provisioned PersistentVolume when its claim is deleted.
   *
   * @default AuristorReclaimPolicy.DELETE (AuriStor's example)
   */
  readonly reclaimPolicy?: AuristorReclaimPolicy;
}

/** What an AuriStorFS StorageClass claims: its name. */
export function storageClassFootprint(props: AuristorStorageClassProps): Footprint {
  return { construct: 'AuristorStorageClass', objects: [{ kind: 'StorageClass', name: props.name, path: ['name'], what: `the AuriStorFS StorageClass ${props.name}`, owner: 'the AuriStorFS storage' }], nodeLabels: [] };
}

/**
 * A StorageClass for dynamically provisioned AuriStorFS volumes (AuriStor's `storageClass-dvx.yaml`):
 * provisioner `auristorfs.csi.auristor.com`, the mount as parameters, binding when the first pod is
 * scheduled (the volume is then published on a node that has the kmod). Claims are `ReadWriteMany`;
 * their storage request is ignored.
 */
export class AuristorStorageClass extends Construct {
  /** StorageClass name. */
  public readonly name: string;
  /** The L1 object (escape hatch). */
  public readonly apiObject: k8s.KubeStorageClass;
  /** the StorageClass it claims (the GitOps rulebook checks it against the app's other constructs) */
  public readonly footprint: Footprint;

  constructor(scope: Construct, id: string, props: AuristorStorageClassProps) {
    super(scope, id);
    const problem = objectNameProblem('StorageClass', props.name);
    assertNoProblems('AuristorStorageClass', problem ? [{ path: ['name'], message: problem }] : []);
    this.name = props.name;
    this.footprint = declareFootprint(this, storageClassFootprint(props));
    this.apiObject = new k8s.KubeStorageClass(this, 'Resource', {
      metadata: { name: props.name, labels: auristorLabels(AuristorComponent.STORAGE) },
      provisioner: CSI_DRIVER_NAME,
      parameters: props.mount.attributes,
      reclaimPolicy: props.reclaimPolicy ?? AuristorReclaimPolicy.DELETE,
      volumeBindingMode: 'WaitForFirstConsumer',
    });
  }
}
