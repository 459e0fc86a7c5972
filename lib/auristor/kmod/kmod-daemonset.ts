import { DEFAULT_KMOD_GRACE_PERIOD_SECONDS } from '../defaults';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { retainOnDelete } from '../../argo/argo-annotations';
import { AuristorClientConfig, clientConfigVolumes, podVolume, volumeMount } from '../client-config';
import { ImagePullPolicy } from '../csi/csi-pod';
import { DEFAULT_AURISTOR_REGISTRY } from '../group';
import { kmodImage } from './kernel-image';
import { AuristorComponent, KERNEL_MODULE, KERNEL_VERSION_LABEL, KMOD_SERVICE_ACCOUNT, auristorLabels } from '../names';
import { AURISTOR_RESOURCES } from '../resources';
import { AuristorToleration, k8sToleration } from '../tolerations';

/** Props of {@link KmodDaemonSet}. */
export interface KmodDaemonSetProps {
  /** Namespace of the DaemonSet (the group's). */
  readonly namespace: string;

  /** Node group (label `auristor.com/auristorfs-group` on the object). */
  readonly group: string;

  /** Labels selecting the group's nodes; the DaemonSet adds the kernel label to them. */
  readonly nodeSelector: Record<string, string>;

  /** Kernel (`uname -r`) of the nodes this DaemonSet serves, e.g. `4.18.0-305.49.1.el8_4.x86_64`. */
  readonly kernel: string;

  /** AuriStorFS kmod release, e.g. `2021.05-20`. */
  readonly kmodVersion: string;

  /**
   * Registry holding `auristor-kmod-<kmodVersion>`.
   *
   * @default 'ghcr.io/auristor'
   */
  readonly registry?: string;

  /**
   * Client configuration, keytabs and cache mapped into the container.
   *
   * @default - ConfigMap `etc-yfs` at /etc/yfs, cache at /var/cache/yfs
   */
  readonly clientConfig?: AuristorClientConfig;

  /**
   * ServiceAccount of the pods (it carries image pull secrets; on OpenShift it needs the privileged SCC).
   *
   * @default 'auristorfs-kmod'
   */
  readonly serviceAccountName?: string;

  /**
   * Pull policy of the kmod image.
   *
   * @default ImagePullPolicy.IF_NOT_PRESENT
   */
  readonly imagePullPolicy?: ImagePullPolicy;

  /**
   * Seconds the preStop hook gets to stop the cache manager and unload the module before the kubelet kills the
   * container (the hook's time counts against the pod's grace period).
   *
   * @default 60 (AuriStor's chart gives 10, which a cache manager flushing its cache can exceed)
   */
  readonly terminationGracePeriodSeconds?: number;

  /**
   * Taints of the group's nodes the kmod pods tolerate (the DaemonSet controller adds the node-lifecycle ones
   * itself: Kubernetes `pkg/controller/daemon/util/daemonset_util.go` AddOrUpdateDaemonPodTolerations).
   *
   * @default - none
   */
  readonly tolerations?: readonly AuristorToleration[];
}

/** The DaemonSet name for a kernel: `auristorfs-kmod-<kernel with . and _ as ->`. */
export function kmodDaemonSetName(kernel: string): string {
  const name = kmodDaemonSetNameOf(kernel);
  const problem = kmodDaemonSetNameProblem(kernel);
  if (problem) throw new Error(problem);
  return name;
}

function kmodDaemonSetNameOf(kernel: string): string {
  return `auristorfs-kmod-${kernel.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')}`;
}

/** Why a kernel's DaemonSet name does not work (its pods carry it in 63-character label values), or undefined. */
export function kmodDaemonSetNameProblem(kernel: string): string | undefined {
  const name = kmodDaemonSetNameOf(kernel);
  return name.length > 63 ? `kernel "${kernel}" gives the DaemonSet name "${name}", longer than 63 characters` : undefined;
}

export { DEFAULT_KMOD_GRACE_PERIOD_SECONDS };

/**
 * systemd units of the kmod image that load the module and run the cache manager: the kmods-via-containers
 * framework names its template unit `kmods-via-containers@` (the SRO example charts stop
 * `kmods-via-containers@<name>`, openshift/special-resource-operator release-4.10
 * `charts/example/simple-kmod-0.0.1/templates/1000-driver-container.yaml`), AuriStor's chart stops
 * `kmod-via-containers@<SpecialResource name>` (`chart/templates/1000-driver-container.yaml`, tag 2022.09-1).
 * The instance name is fixed inside the image, so both are matched by glob.
 */
export const KMOD_UNIT_PATTERNS: readonly string[] = ['kmods-via-containers@*', 'kmod-via-containers@*'];

/** The preStop script: stop the cache manager unit(s), then unload the module, retrying until it is gone. */
export function kmodPreStopScript(module: string): string {
  return [
    'echo "$(date) stopping the AuriStorFS client" | tee -a /tmp/STOPPING',
    `systemctl stop ${KMOD_UNIT_PATTERNS.map((unit) => `'${unit}'`).join(' ')} 2>&1 | tee -a /tmp/STOPPING`,
    `while lsmod | grep -q '^${module} '; do`,
    `  echo "$(date) ${module} still loaded, rmmod ${module}" | tee -a /tmp/STOPPING`,
    `  rmmod ${module} 2>&1 | tee -a /tmp/STOPPING`,
    '  sleep 1',
    'done',
    `echo "$(date) ${module} unloaded" | tee -a /tmp/STOPPING`,
    '',
  ].join('\n');
}

/**
 * The AuriStorFS kmod for one kernel on one node group, the DaemonSet SRO renders from AuriStor's chart
 * (`1000-driver-container.yaml`), rendered statically: AuriStor's driver-container image for the kernel
 * runs `/sbin/init` (systemd loads `yfs` and starts the cache manager) privileged, with the client
 * configuration, keytab and cache volumes; nodes are selected by the group selector and NFD's
 * `feature.node.kubernetes.io/kernel-version.full=<kernel>`; the preStop hook stops the client and
 * unloads `yfs`.
 *
 * The container runs systemd as PID 1, which needs a runtime with a systemd mode (CRI-O's setupSystemd in
 * `server/container_create_linux.go`; containerd has none), and AuriStor's images exist for RHEL-family kernels only.
 *
 * `updateStrategy: OnDelete` (as the chart): changing the image never restarts a kmod pod by itself;
 * the new module is loaded when someone deletes the node's pod after draining the node.
 * Marked `Prune=false,Delete=false`.
 */
export class KmodDaemonSet extends Construct {
  /** DaemonSet name. */
  public readonly name: string;
  /** The kmod image. */
  public readonly image: string;
  /** The L1 DaemonSet (escape hatch). */
  public readonly apiObject: k8s.KubeDaemonSet;

  constructor(scope: Construct, id: string, props: KmodDaemonSetProps) {
    super(scope, id);
    this.name = kmodDaemonSetName(props.kernel);
    this.image = kmodImage(props.registry ?? DEFAULT_AURISTOR_REGISTRY, props.kmodVersion, props.kernel);
    const volumes = clientConfigVolumes(props.clientConfig);
    const labels = auristorLabels(AuristorComponent.KMOD, props.group);
    const selector = { app: this.name };
    this.apiObject = new k8s.KubeDaemonSet(this, 'Resource', {
      metadata: { name: this.name, namespace: props.namespace, labels },
      spec: {
        updateStrategy: { type: 'OnDelete' },
        selector: { matchLabels: selector },
        template: {
          metadata: { labels: { ...selector, ...labels } },
          spec: {
            serviceAccountName: props.serviceAccountName ?? KMOD_SERVICE_ACCOUNT,
            // evicted last under node pressure: an evicted kmod pod leaves the module without its cache manager
            priorityClassName: 'system-node-critical',
            terminationGracePeriodSeconds: props.terminationGracePeriodSeconds ?? DEFAULT_KMOD_GRACE_PERIOD_SECONDS,
            nodeSelector: { ...props.nodeSelector, [KERNEL_VERSION_LABEL]: props.kernel },
            tolerations: props.tolerations?.length ? props.tolerations.map(k8sToleration) : undefined,
            containers: [{
              name: 'kmod',
              image: this.image,
              imagePullPolicy: props.imagePullPolicy ?? ImagePullPolicy.IF_NOT_PRESENT,
              command: ['/sbin/init'],
              securityContext: { privileged: true },
              lifecycle: { preStop: { exec: { command: ['/bin/sh', '-c', kmodPreStopScript(KERNEL_MODULE)] } } },
              resources: AURISTOR_RESOURCES.kmod,
              volumeMounts: volumes.map(volumeMount),
            }],
            volumes: volumes.map(podVolume),
          },
        },
      },
    });
    retainOnDelete(this.apiObject);
  }
}
