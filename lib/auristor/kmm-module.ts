import { Construct } from 'constructs';
import { Module } from '../../imports/kmm.sigs.x-k8s.io';
import { SyncOption, addSyncOptions, retainOnDelete } from '../gitops/argo-annotations';
import { ImagePullPolicy } from './csi-pod';
import { AuristorNodeGroup, resolveNodeGroup } from './group';
import { kmodImage } from './kernel-image';
import { AuristorComponent, KERNEL_MODULE, auristorLabels } from './names';

/** Props of {@link AuristorKmmModule}. */
export interface AuristorKmmModuleProps {
  /** The node group: the Module lives in its namespace and selects its nodes. */
  readonly group: AuristorNodeGroup;

  /**
   * Module name. KMM labels each node where the module is loaded
   * `kmm.node.kubernetes.io/<namespace>.<name>.ready`.
   *
   * @default 'auristorfs-kmod'
   */
  readonly name?: string;

  /**
   * Registry of the KMM-layout kmod images, named like AuriStor's
   * (`<registry>/auristor-kmod-<kmodVersion>:<tag>`).
   *
   * @default - the group's registry
   */
  readonly registry?: string;

  /**
   * Pull policy of the kmod images.
   *
   * @default ImagePullPolicy.IF_NOT_PRESENT
   */
  readonly imagePullPolicy?: ImagePullPolicy;

  /**
   * Secret (in the group namespace) KMM pulls the kmod images with.
   *
   * @default - none
   */
  readonly imageRepoSecret?: string;

  /**
   * ServiceAccount of KMM's worker pods (on OpenShift it needs the privileged SCC).
   *
   * @default - KMM's default
   */
  readonly serviceAccountName?: string;
}

/**
 * A KMM `Module` (`kmm.sigs.x-k8s.io/v1beta1`) that loads `yfs` on a node group: one `literal` kernel
 * mapping per listed kernel to the image AuriStor's tag rule gives, `modprobe.moduleName: yfs`, selector
 * = the group's node selector.
 *
 * KMM runs `modprobe -d /opt yfs` from the image, so each image must hold `yfs.ko` under
 * `/opt/lib/modules/<kernel>/` (KMM's image layout) — AuriStor's SRO driver-container images (systemd
 * `/sbin/init` that loads the module and runs the cache manager) do not follow it. KMM loads the module
 * only: it neither mounts the client configuration nor runs the AuriStorFS cache manager.
 *
 * Marked `Prune=false,Delete=false`: deleting a Module makes KMM unload the module on every node.
 */
export class AuristorKmmModule extends Construct {
  /** Module name. */
  public readonly name: string;
  /** Namespace of the Module. */
  public readonly namespace: string;
  /** Node label KMM sets (value "") where the module is loaded; gate pods that need `yfs` on it. */
  public readonly readyLabel: string;
  /** The image mapped for each listed kernel. */
  public readonly kmodImages: Record<string, string>;
  /** The L1 object (escape hatch). */
  public readonly apiObject: Module;

  constructor(scope: Construct, id: string, props: AuristorKmmModuleProps) {
    super(scope, id);
    const group = resolveNodeGroup(props.group);
    this.name = props.name ?? 'auristorfs-kmod';
    this.namespace = group.namespace;
    this.readyLabel = `kmm.node.kubernetes.io/${this.namespace}.${this.name}.ready`;
    const registry = props.registry ?? group.registry;
    this.kmodImages = Object.fromEntries(group.kernels.map((kernel) => [kernel, kmodImage(registry, group.kmodVersion, kernel)]));
    this.apiObject = new Module(this, 'Resource', {
      metadata: { name: this.name, namespace: this.namespace, labels: auristorLabels(AuristorComponent.KMOD, group.name) },
      spec: {
        selector: { ...group.nodeSelector },
        imageRepoSecret: props.imageRepoSecret !== undefined ? { name: props.imageRepoSecret } : undefined,
        moduleLoader: {
          serviceAccountName: props.serviceAccountName,
          container: {
            modprobe: { moduleName: KERNEL_MODULE },
            imagePullPolicy: props.imagePullPolicy ?? ImagePullPolicy.IF_NOT_PRESENT,
            kernelMappings: group.kernels.map((kernel) => ({ literal: kernel, containerImage: this.kmodImages[kernel] })),
          },
        },
      },
    });
    retainOnDelete(this.apiObject);
    addSyncOptions(this.apiObject, SyncOption.SKIP_DRY_RUN_ON_MISSING_RESOURCE);
  }
}
