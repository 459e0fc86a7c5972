import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { retainOnDelete } from '../gitops/argo-annotations';
import { AuristorClientConfig, clientConfigVolumes, podVolume, volumeMount } from './client-config';
import { ImagePullPolicy } from './csi-pod';
import { DEFAULT_AURISTOR_REGISTRY } from './group';
import { kmodImage } from './kernel-image';
import { AuristorComponent, KERNEL_MODULE, KERNEL_VERSION_LABEL, KMOD_SERVICE_ACCOUNT, auristorLabels } from './names';
import { AURISTOR_RESOURCES } from './resources';

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
   * Seconds the preStop hook gets to stop the cache manager and unload the module.
   *
   * @default 10 (as AuriStor's chart)
   */
  readonly terminationGracePeriodSeconds?: number;
}

/** The DaemonSet name for a kernel: `auristorfs-kmod-<kernel with . and _ as ->`. */
export function kmodDaemonSetName(kernel: string): string {
  const name = `auristorfs-kmod-${kernel.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')}`;
  if (name.length > 63) throw new Error(`kernel "${kernel}" gives the DaemonSet name "${name}", longer than 63 characters`);
  return name;
}

/** The preStop script: stop the cache manager unit(s), then unload the module, retrying until it is gone. */
function preStopScript(module: string): string {
  return [
    'echo "$(date) stopping the AuriStorFS client" | tee -a /tmp/STOPPING',
    // the kmod image's systemd unit that loads the module and runs the cache manager; instance name varies
    "systemctl stop 'kmod-via-containers@*' 2>&1 | tee -a /tmp/STOPPING",
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
            terminationGracePeriodSeconds: props.terminationGracePeriodSeconds ?? 10,
            nodeSelector: { ...props.nodeSelector, [KERNEL_VERSION_LABEL]: props.kernel },
            containers: [{
              name: 'kmod',
              image: this.image,
              imagePullPolicy: props.imagePullPolicy ?? ImagePullPolicy.IF_NOT_PRESENT,
              command: ['/sbin/init'],
              securityContext: { privileged: true },
              lifecycle: { preStop: { exec: { command: ['/bin/sh', '-c', preStopScript(KERNEL_MODULE)] } } },
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
