import type { ApiObject } from 'cdk8s';
import type { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { Module } from '../../../imports/kmm.sigs.x-k8s.io';
import { SyncOption, addSyncOptions, retainOnDelete } from '../../argo/argo-annotations';
import { ImagePullPolicy } from '../csi/csi-pod';
import { AuristorNodeGroup, resolveNodeGroup } from '../group';
import { kmmKmodImage } from './kernel-image';
import { KMM_MODULE_NAME, kmmModuleNameProblem, kmmModuleVersionLabel, kmmReadyLabel } from './kmm-labels';
import { AuristorComponent, KERNEL_MODULE, auristorLabels } from '../names';
import { AuristorToleration, kmmModuleTolerations } from '../tolerations';

/** Props of {@link AuristorKmmModule}. */
export interface AuristorKmmModuleProps {
  /** The node group: the Module lives in its namespace and selects its nodes. */
  readonly group: AuristorNodeGroup;

  /**
   * Module name. KMM labels each node where the module is loaded
   * `kmm.node.kubernetes.io/<namespace>.<name>.ready`; name + namespace must not exceed 40 characters.
   *
   * @default 'auristorfs-kmod'
   */
  readonly name?: string;

  /**
   * Registry of the KMM-layout kmod images (`<registry>/auristor-kmod-<kmodVersion>:<kernel>`). AuriStor
   * publishes none: these are images you build.
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

  /**
   * KMM ordered upgrade: the Module's `moduleLoader.container.version`. KMM then loads the module only on nodes
   * whose label `kmm.node.kubernetes.io/version-module.<namespace>.<name>` equals it, keeps the loaded module on
   * nodes whose label holds another value, and reloads a node when its label changes. Every node of the group
   * must carry the label (see `GroupNodeLabels`). KMM's webhook refuses to add or remove `version` on an existing
   * Module.
   *
   * @default - no version: a new image makes KMM unload and reload `yfs` on every node of the group at once
   */
  readonly version?: string;

  /**
   * Taints of the group's nodes KMM keeps serving (`spec.tolerations`), after the ones every Module gets: the cordon
   * of a drain and a NotReady or unreachable node. KMM drops a node whose NoSchedule/NoExecute taints the Module
   * does not tolerate and unloads `yfs` there (v2.6.0 `internal/node/node.go` IsNodeSchedulable from
   * `module_reconciler.go` Reconcile and `nmc_reconciler.go` Reconcile); the worker pods carry them too
   * (`internal/pod/workerpodmanager.go`). Changing them reloads nothing (they are not part of the node's module
   * config, `module_reconciler.go` enableModuleOnNode).
   *
   * @default - the node-lifecycle tolerations only
   */
  readonly tolerations?: readonly AuristorToleration[];
}

/**
 * A KMM `Module` (`kmm.sigs.x-k8s.io/v1beta1`) that loads `yfs` on a node group: one `literal` kernel
 * mapping per listed kernel to a KMM-layout image tagged with that full kernel version, `modprobe.moduleName:
 * yfs`, selector = the group's node selector, and optionally a `version` for KMM's ordered upgrade.
 *
 * The image contract is KMM's (kubernetes-sigs/kernel-module-management v2.6.0): the worker pod's init container
 * runs `/bin/sh -c "mkdir -p …; cp -R /opt/lib/modules/<node kernel> …"` in the image
 * (`internal/pod/workerpodmanager.go` addCopyCommand), then the worker runs `modprobe -vd <copy>/opt yfs`
 * (`internal/worker/worker.go`). So each image holds `/opt/lib/modules/<kernel>/` with `yfs.ko` and the
 * `modules.dep` of `depmod -b /opt <kernel>`, plus `sh`, `mkdir` and `cp`. AuriStor's published SRO
 * driver-container images do not follow it, and KMM loads the module only: it neither mounts the client
 * configuration nor runs the AuriStorFS cache manager.
 *
 * It tolerates the cordon of `kubectl drain` and a NotReady or unreachable node (besides `tolerations`), so that
 * only what is committed (a node's version label, the selector, kernel mappings, the module config) unloads `yfs`:
 * a drained node keeps its module, and its CSI node plugin, until the commit that moves its version label.
 *
 * Marked `Prune=false,Delete=false`: deleting a Module makes KMM unload the module on every node.
 *
 * @throws when name + namespace exceed KMM's 40 characters
 */
export class AuristorKmmModule extends Construct {
  /** Module name. */
  public readonly name: string;
  /** Namespace of the Module. */
  public readonly namespace: string;
  /** Node label KMM sets (value "") where the module is loaded; gate pods that need `yfs` on it. */
  public readonly readyLabel: string;
  /** Node label of KMM's ordered upgrade (used when `version` is set). */
  public readonly versionLabel: string;
  /** The ordered-upgrade version, if any. */
  public readonly version?: string;
  /** The image mapped for each listed kernel. */
  public readonly kmodImages: Record<string, string>;
  /** `spec.tolerations`: the node-lifecycle set, then the group's. */
  public readonly tolerations: readonly k8s.Toleration[];
  /** The L1 object (escape hatch). */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: AuristorKmmModuleProps) {
    super(scope, id);
    const group = resolveNodeGroup(props.group);
    this.name = props.name ?? KMM_MODULE_NAME;
    this.namespace = group.namespace;
    const problem = kmmModuleNameProblem(this.namespace, this.name);
    // a direct-use guard: the AuriStorFS rulebook (lib/auristor/client-checks.ts) refuses such props before this construct is built
    if (problem !== undefined) throw new Error(`AuriStorFS group ${group.name}: ${problem}`);
    this.readyLabel = kmmReadyLabel(this.namespace, this.name);
    this.versionLabel = kmmModuleVersionLabel(this.namespace, this.name);
    this.version = props.version;
    const registry = props.registry ?? group.registry;
    this.kmodImages = Object.fromEntries(group.kernels.map((kernel) => [kernel, kmmKmodImage(registry, group.kmodVersion, kernel)]));
    this.tolerations = kmmModuleTolerations(props.tolerations ?? []);
    this.apiObject = new Module(this, 'Resource', {
      metadata: { name: this.name, namespace: this.namespace, labels: auristorLabels(AuristorComponent.KMOD, group.name) },
      spec: {
        selector: { ...group.nodeSelector },
        imageRepoSecret: props.imageRepoSecret !== undefined ? { name: props.imageRepoSecret } : undefined,
        tolerations: this.tolerations.map((t) => ({ ...t })),
        moduleLoader: {
          serviceAccountName: props.serviceAccountName,
          container: {
            modprobe: { moduleName: KERNEL_MODULE },
            imagePullPolicy: props.imagePullPolicy ?? ImagePullPolicy.IF_NOT_PRESENT,
            version: props.version,
            kernelMappings: group.kernels.map((kernel) => ({ literal: kernel, containerImage: this.kmodImages[kernel] })),
          },
        },
      },
    });
    retainOnDelete(this.apiObject);
    addSyncOptions(this.apiObject, SyncOption.SKIP_DRY_RUN_ON_MISSING_RESOURCE);
  }
}
