import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { AuristorMount } from './mount';
import { objectNameProblem } from '../../k8s/names';
import { assertNoProblems } from '../../props/problems';
import { Footprint, declareFootprint } from '../../props/footprint';
import { AuristorComponent, CSI_DRIVER_NAME, auristorLabels } from '../names';
import type { AuristorClientNodes } from '../client-nodes';

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

  /**
   * The AuriStorFS client nodes (`AuristorClusterResources.clientNodes`): the class's `allowedTopologies`, so the
   * scheduler puts the first pod of each claim on a node with the client (Kubernetes
   * `pkg/scheduler/framework/plugins/volumebinding/binder.go` checkVolumeProvisions).
   *
   * @default - no restriction: a pod may land on a node without the client and wait in ContainerCreating
   */
  readonly clientNodes?: AuristorClientNodes;
}

/** What an AuriStorFS StorageClass claims: its name. */
export function storageClassFootprint(props: AuristorStorageClassProps): Footprint {
  return { construct: 'AuristorStorageClass', objects: [{ kind: 'StorageClass', name: props.name, path: ['name'], what: `the AuriStorFS StorageClass ${props.name}`, owner: 'the AuriStorFS storage' }], nodeLabels: [] };
}

/**
 * A StorageClass for dynamically provisioned AuriStorFS volumes (AuriStor's `storageClass-dvx.yaml`):
 * provisioner `auristorfs.csi.auristor.com`, the mount as parameters, binding when the first pod is
 * scheduled, restricted to the client nodes (`clientNodes`), so the volume is published on a node with the kmod.
 * Claims are `ReadWriteMany`; their storage request is ignored. Pods that use the claim later are not placed by
 * it (the provisioned volume has no node affinity): give them `auristorClientNodeAffinity`.
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
      allowedTopologies: props.clientNodes?.topologySelectorTerms().length ? props.clientNodes.topologySelectorTerms() : undefined,
    });
  }
}
