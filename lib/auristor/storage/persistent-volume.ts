import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { AuristorMount } from './mount';
import { objectNameProblem } from '../../k8s/names';
import { assertNoProblems } from '../../props/problems';
import { Footprint, declareFootprint } from '../../props/footprint';
import { AuristorComponent, CSI_DRIVER_NAME, auristorLabels } from '../names';
import type { AuristorClientNodes } from '../client-nodes';

/** Props of {@link AuristorPersistentVolume}. */
export interface AuristorPersistentVolumeProps {
  /** PersistentVolume name. */
  readonly name: string;

  /** What the volume mounts. */
  readonly mount: AuristorMount;

  /**
   * CSI volume handle, unique among the driver's volumes.
   *
   * @default - the PersistentVolume name
   */
  readonly volumeHandle?: string;

  /**
   * StorageClass name claims must request to bind it.
   *
   * @default '' (no class: only claims with `storageClassName: ""` bind it)
   */
  readonly storageClassName?: string;

  /**
   * Reserve the volume for one claim (`spec.claimRef`).
   *
   * @default - any matching claim may bind it
   */
  readonly claim?: { readonly namespace: string; readonly name: string };

  /**
   * Mount read-only.
   *
   * @default false
   */
  readonly readOnly?: boolean;

  /**
   * The AuriStorFS client nodes (`AuristorClusterResources.clientNodes`): the volume's `nodeAffinity`, so every pod
   * using it is scheduled on a node with the client (Kubernetes `pkg/scheduler/framework/plugins/volumebinding/
   * binder.go` checkBoundClaims). A PersistentVolume's node affinity can be set once and never changed: the terms
   * say "any labelled group" (`Exists`), so adding or removing such groups leaves them as they are.
   *
   * @default - no restriction: a pod may land on a node without the client and wait in ContainerCreating
   */
  readonly clientNodes?: AuristorClientNodes;
}

/** What an AuriStorFS PersistentVolume claims: its name. */
export function persistentVolumeFootprint(props: AuristorPersistentVolumeProps): Footprint {
  return { construct: 'AuristorPersistentVolume', objects: [{ kind: 'PersistentVolume', name: props.name, path: ['name'], what: `the AuriStorFS PersistentVolume ${props.name}`, owner: 'the AuriStorFS storage' }], nodeLabels: [] };
}

/**
 * A statically provisioned AuriStorFS PersistentVolume (AuriStor's `pv-svx.yaml`): `ReadWriteMany`,
 * reclaim policy `Retain` (the AuriStorFS volume outlives the Kubernetes objects), and a nominal 1Mi
 * capacity, which the driver ignores.
 */
export class AuristorPersistentVolume extends Construct {
  /** PersistentVolume name. */
  public readonly name: string;
  /** The L1 object (escape hatch). */
  public readonly apiObject: k8s.KubePersistentVolume;
  /** the PersistentVolume it claims (the GitOps rulebook checks it against the app's other constructs) */
  public readonly footprint: Footprint;

  constructor(scope: Construct, id: string, props: AuristorPersistentVolumeProps) {
    super(scope, id);
    const problems = [
      { path: ['name'], message: objectNameProblem('PersistentVolume', props.name) },
      { path: ['claim', 'namespace'], message: props.claim && objectNameProblem('Namespace', props.claim.namespace) },
      { path: ['claim', 'name'], message: props.claim && objectNameProblem('PersistentVolumeClaim', props.claim.name) },
    ];
    assertNoProblems('AuristorPersistentVolume', problems.filter((p): p is { path: string[]; message: string } => p.message !== undefined));
    this.name = props.name;
    this.footprint = declareFootprint(this, persistentVolumeFootprint(props));
    this.apiObject = new k8s.KubePersistentVolume(this, 'Resource', {
      metadata: { name: props.name, labels: auristorLabels(AuristorComponent.STORAGE) },
      spec: {
        accessModes: ['ReadWriteMany'],
        capacity: { storage: k8s.Quantity.fromString('1Mi') },
        persistentVolumeReclaimPolicy: 'Retain',
        nodeAffinity: props.clientNodes?.nodeSelectorTerms().length
          ? { required: { nodeSelectorTerms: props.clientNodes.nodeSelectorTerms() } } : undefined,
        storageClassName: props.storageClassName ?? '',
        claimRef: props.claim ? { namespace: props.claim.namespace, name: props.claim.name } : undefined,
        csi: {
          driver: CSI_DRIVER_NAME,
          volumeHandle: props.volumeHandle ?? props.name,
          volumeAttributes: props.mount.attributes,
          readOnly: props.readOnly,
        },
      },
    });
  }
}
