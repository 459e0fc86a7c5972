import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { AisComponent, aisLabels, selectorLabels } from '../labels';
import { Mountpath } from '../storage/mountpath';
import { NodeLabel } from '../nodes/node-label-scheme';
import { aisNames } from '../names';

/** Pinned image of the preflight check (a shell with `stat`). */
export const DEFAULT_PREFLIGHT_IMAGE = 'docker.io/library/busybox:1.36.1';

export interface AisPreflightProps {
  readonly cluster: string;
  readonly namespace: string;
  /** the label that marks target nodes */
  readonly targetLabel: NodeLabel;
  /** the mountpaths every target node must have */
  readonly mountpaths: readonly Mountpath[];
  /**
   * Image with a POSIX shell and `stat` (busybox is enough).
   * @default 'docker.io/library/busybox:1.36.1'
   */
  readonly image?: string;
}

/**
 * The check the preflight pod runs: every mountpath exists, is not on the root filesystem, and no
 * two mountpaths share a filesystem (device). It prints one line per finding and becomes Ready
 * only when all pass, so `kubectl get ds <cluster>-preflight` shows at a glance which target nodes
 * are prepared, and `kubectl logs` on a node says why not. Runs unprivileged on read-only host mounts.
 * `prefix` relocates the paths it reads (tests); `hold: false` exits instead of sleeping.
 */
export function preflightScript(mountpaths: readonly Mountpath[], options: { prefix?: string; hold?: boolean } = {}): string {
  const prefix = options.prefix ?? '';
  const checks = mountpaths.map((m) => `check ${m.path} ${prefix}/host${m.path}`).join('\n');
  return `set -u
ok=1
seen=""
root=$(stat -L -c %d ${prefix}/host-root)
check() {
  path=$1; dir=$2
  if [ ! -d "$dir" ]; then echo "FAIL $path: does not exist on node $NODE"; ok=0; return; fi
  dev=$(stat -L -c %d "$dir")
  if [ "$dev" = "$root" ]; then echo "FAIL $path: is on the root filesystem of node $NODE, not its own disk"; ok=0; return; fi
  case " $seen " in *" $dev "*) echo "FAIL $path: shares a filesystem with another mountpath on node $NODE"; ok=0; return;; esac
  seen="$seen $dev"
  echo "ok   $path: own filesystem (device $dev)"
}
${checks}
if [ "$ok" = 1 ]; then echo "all ${mountpaths.length} mountpaths ready on node $NODE"; touch ${prefix}/tmp/ready; fi
${options.hold ?? true ? 'exec sleep 2147483647' : 'exit 0'}
`;
}

/**
 * Opt-in preflight DaemonSet `<cluster>-preflight` on every target node: checks that each mountpath
 * exists and is its own filesystem before AIS targets start writing there.
 */
export class AisPreflight extends Construct {
  /** the L1 DaemonSet (escape hatch) */
  public readonly daemonSet: k8s.KubeDaemonSet;

  constructor(scope: Construct, id: string, props: AisPreflightProps) {
    super(scope, id);
    const labels = aisLabels(props.cluster, AisComponent.PREFLIGHT);
    const hostVolumes: Array<{ name: string; hostPath: string; mountPath: string }> = [
      { name: 'host-root', hostPath: '/', mountPath: '/host-root' },
      ...props.mountpaths.map((m) => ({ name: aisNames.preflightVolume(m.path), hostPath: m.path, mountPath: `/host${m.path}` })),
    ];
    this.daemonSet = new k8s.KubeDaemonSet(this, 'Resource', {
      metadata: { name: aisNames.preflightDaemonSet(props.cluster), namespace: props.namespace, labels },
      spec: {
        selector: { matchLabels: selectorLabels(props.cluster, AisComponent.PREFLIGHT) },
        template: {
          metadata: { labels },
          spec: {
            nodeSelector: { [props.targetLabel.key]: props.targetLabel.value },
            automountServiceAccountToken: false,
            securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
            containers: [{
              name: 'check-mountpaths',
              image: props.image ?? DEFAULT_PREFLIGHT_IMAGE,
              imagePullPolicy: 'IfNotPresent',
              command: ['/bin/sh', '-c', preflightScript(props.mountpaths)],
              env: [{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
              readinessProbe: { exec: { command: ['cat', '/tmp/ready'] }, periodSeconds: 10 },
              resources: { requests: { cpu: k8s.Quantity.fromString('10m'), memory: k8s.Quantity.fromString('16Mi') } },
              securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
              volumeMounts: [
                // HostToContainer: a disk mounted after the pod started is seen (delete the pod to re-check)
                ...hostVolumes.map((v) => ({ name: v.name, mountPath: v.mountPath, readOnly: true, mountPropagation: 'HostToContainer' })),
                { name: 'tmp', mountPath: '/tmp' },
              ],
            }],
            // type Directory: a missing mountpath keeps the pod from starting (an event names it) and is
            // never created on the root disk, where a target would later write
            volumes: [
              ...hostVolumes.map((v) => ({ name: v.name, hostPath: { path: v.hostPath, type: 'Directory' } })),
              { name: 'tmp', emptyDir: {} },
            ],
          },
        },
      },
    });
  }
}
