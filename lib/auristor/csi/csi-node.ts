import { DEFAULT_KUBELET_DIR } from '../defaults';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { CsiSidecar } from './csi-images';
import { CsiWorkloadProps, SOCKET_VOLUME } from './csi-pod';
import { CSI_SOCKET, CsiConfigRole, CsiServiceType } from './csi-settings';
import { CsiWorkload } from './csi-workload';
import { AuristorComponent, CSI_PLUGIN_DIR_NAME } from '../names';
import { AURISTOR_RESOURCES } from '../resources';
import { AuristorToleration, k8sToleration } from '../tolerations';

/** Props of {@link CsiNode}. */
export interface CsiNodeProps extends CsiWorkloadProps {
  /**
   * Labels a node must carry to run the node plugin (the group's selector). Never KMM's module-ready label: KMM
   * removes it on a taint it does not tolerate and keeps it across a reboot (v2.6.0 `nmc_reconciler.go`
   * UpdateNodeLabels), while the plugin must stay as long as volumes are mounted (it is the only way to unmount
   * them) and must not start before `yfs` is loaded (`waitForKernelModule`).
   *
   * @default - every node
   */
  readonly nodeSelector?: Record<string, string>;

  /**
   * Kernel module that must be loaded before the node plugin starts. When set, an init container
   * (the AuriStorFS CSI image, `sh` and `grep`) waits until it appears in `/proc/modules`. It runs again whenever
   * the pod sandbox is recreated, e.g. after a node reboot.
   *
   * @default - no wait
   */
  readonly waitForKernelModule?: string;

  /**
   * Taints of the group's nodes the node plugin tolerates (the DaemonSet controller adds the node-lifecycle ones,
   * including the cordon, itself: Kubernetes `pkg/controller/daemon/util/daemonset_util.go`
   * AddOrUpdateDaemonPodTolerations).
   *
   * @default - none
   */
  readonly tolerations?: readonly AuristorToleration[];

  /**
   * Root directory of the kubelet on the nodes: the plugin socket goes to `<kubeletDir>/plugins/csi.auristor.com`,
   * the registration socket to `<kubeletDir>/plugins_registry`, and the driver mounts volumes under
   * `<kubeletDir>/pods` (the same path inside the container, since the kubelet passes host paths).
   *
   * @default '/var/lib/kubelet'
   */
  readonly kubeletDir?: string;
}

export { DEFAULT_KUBELET_DIR };

/**
 * The AuriStorFS CSI node plugin: ConfigMap `auristorfs-csi-node-config` and DaemonSet
 * `auristorfs-csi-node` (the AuriStorFS driver with Bidirectional mount propagation into the kubelet
 * pods directory, node-driver-registrar v2.5.1 registering `/var/lib/kubelet/plugins/csi.auristor.com/csi.sock`,
 * and livenessprobe v2.7.0), as AuriStor's chart renders them.
 */
export class CsiNode extends CsiWorkload {
  /** DaemonSet name. */
  public static readonly NAME = 'auristorfs-csi-node';

  /** The L1 DaemonSet (escape hatch). */
  public readonly daemonSet: k8s.KubeDaemonSet;

  constructor(scope: Construct, id: string, props: CsiNodeProps) {
    // its ConfigMap is also the one mounted at /root/appVar
    super(scope, id, props, CsiConfigRole.NODE, AuristorComponent.CSI_NODE);
    const pod = this._pod;
    const socket = SOCKET_VOLUME.NODE;
    const kubeletDir = props.kubeletDir ?? DEFAULT_KUBELET_DIR;
    const pluginDir = `${kubeletDir}/plugins/${CSI_PLUGIN_DIR_NAME}`;
    // No preStop hook on the registrar: its image is distroless (no shell), and on SIGTERM it removes its own
    // socket `<plugins_registry>/<driver>-reg.sock` (kubernetes-csi/node-driver-registrar v2.5.1 `Dockerfile`,
    // `cmd/csi-node-driver-registrar/node_register.go` removeRegSocket). AuriStor's chart has an `rm -rf` hook,
    // which can only fail.
    const registrar = pod.sidecar('node-driver-registrar', CsiSidecar.NODE_DRIVER_REGISTRAR, socket,
      ['--v=5', `--csi-address=${CSI_SOCKET}`, `--kubelet-registration-path=${pluginDir}/csi.sock`], {
        env: [{ name: 'KUBE_NODE_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } }],
        extraMounts: [{ name: 'registration-dir', mountPath: '/registration/' }],
      });
    const initContainers: k8s.Container[] = [];
    if (props.waitForKernelModule !== undefined) {
      const module = props.waitForKernelModule;
      initContainers.push({
        name: 'wait-for-kmod',
        image: pod.image,
        imagePullPolicy: pod.pullPolicy,
        command: ['/bin/sh', '-c',
          `until grep -q '^${module} ' /proc/modules; do echo "waiting for kernel module ${module}"; sleep 5; done`],
        resources: AURISTOR_RESOURCES.sidecar,
      });
    }
    const { selector, podLabels } = this._selectorAndPodLabels(CsiNode.NAME);
    this.daemonSet = new k8s.KubeDaemonSet(this, 'Resource', {
      metadata: { name: CsiNode.NAME, namespace: props.namespace, labels: this._labels },
      spec: {
        selector,
        template: {
          metadata: { labels: podLabels },
          spec: {
            ...pod.podDefaults(),
            nodeSelector: props.nodeSelector,
            tolerations: props.tolerations?.length ? props.tolerations.map(k8sToleration) : undefined,
            initContainers: initContainers.length > 0 ? initContainers : undefined,
            containers: [
              pod.driverContainer(CsiServiceType.NODE, CsiConfigRole.NODE, socket,
                [{ name: 'volume-mountpoint-dir', mountPath: `${kubeletDir}/pods`, mountPropagation: 'Bidirectional' }]),
              registrar,
              pod.livenessProbe(socket),
            ],
            volumes: [
              { name: 'registration-dir', hostPath: { path: `${kubeletDir}/plugins_registry`, type: 'Directory' } },
              { name: socket, hostPath: { path: pluginDir, type: 'DirectoryOrCreate' } },
              { name: 'volume-mountpoint-dir', hostPath: { path: `${kubeletDir}/pods`, type: 'Directory' } },
              ...pod.sharedVolumes(),
            ],
          },
        },
      },
    });
  }
}
