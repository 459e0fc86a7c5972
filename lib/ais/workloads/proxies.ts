import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { aisPodTemplate } from './daemon-pod';
import { AisDaemonProps, podDefaults, stateAndLogVolumes } from './daemon-props';
import { aisHeadlessService } from './headless-service';
import { AisComponent, aisLabels, legacyPodLabels, selectorLabels } from '../labels';
import { aisStatefulSet } from './statefulset';
import { aisNames } from '../names';

/** Label that tells the two proxy StatefulSets apart (both share the role's selector labels). */
export const PROXY_SET_LABEL = 'cdk8s-storage.io/proxy-set';

export interface AisProxiesProps extends AisDaemonProps {
  /** number of proxy nodes (one proxy each); one of them is the initial primary */
  readonly replicas: number;
  /** number of targets, passed to aisnode as `-ntargets` (the primary waits for them at startup) */
  readonly targetCount: number;
  /**
   * Listen on hostPort = proxy port and advertise a node address (`publicAddress`, or the hostname
   * map), as the AIS Helm chart's proxies do: the `ais` CLI re-targets itself at the primary's public
   * address after its first call (aistore cmd/cli/cli/smap.go `getClusterMap`) and every non-primary
   * proxy forwards control-plane requests there (ais/prxrev.go `forwardCP`), so it must be reachable and,
   * with HTTPS, named by the certificate. `false`: each proxy advertises its pod IP.
   * @default true
   */
  readonly hostPort?: boolean;
}

/**
 * AIS proxies (gateways), one per proxy-labelled node:
 * - `<cluster>-proxy-primary`: one pod that the cluster config names as primary URL, so the cluster
 *   bootstraps from a known pod; it *prefers* the node labelled initial primary;
 * - `<cluster>-proxy`: the other, electable proxies, which *prefer* the other proxy nodes;
 * - the headless service `<cluster>-proxy` that governs both.
 * A required pod anti-affinity over all proxies keeps one proxy per node. Each proxy listens on hostPort =
 * proxy port and advertises its node's address (see `hostPort`); its state lives in one directory per
 * node (the proxy ID is per node), shared by whichever proxy pod runs there.
 *
 * The initial-primary label steers scheduling only (preferred node affinity, weight 100): with every
 * proxy node free, the primary pod lands on the labelled node and bootstraps the cluster there. Once
 * AIS runs, removing the label, moving `initialPrimary` or losing that node pins nothing: a primary pod
 * that must be recreated goes to any free proxy node (AIS elects a new primary meanwhile, and the
 * restarted pod, named by `primary_url` but without local state, first asks the `discovery_url`
 * peers and joins their cluster: aistore ais/earlystart.go `determineRole`, `tryConfirmPrimaryViaConfig`). The trade-off: if a proxy node is
 * unavailable at the very first start, the bootstrap may happen on another proxy node.
 */
export class AisProxies extends Construct {
  /** The pod that bootstraps a cluster as primary (`primary_url` names it). */
  public static primaryPodName(cluster: string): string {
    return `${aisNames.proxyPrimaryStatefulSet(cluster)}-0`;
  }

  public readonly service: k8s.KubeService;
  public readonly primary: k8s.KubeStatefulSet;
  /** undefined when the cluster has a single proxy */
  public readonly electable?: k8s.KubeStatefulSet;
  /** pod that bootstraps the cluster as primary */
  public readonly primaryPodName: string;
  public readonly serviceName: string;

  constructor(scope: Construct, id: string, props: AisProxiesProps) {
    super(scope, id);
    // a direct-use guard: the AIS rulebook (lib/ais/cluster-checks.ts) refuses such props before this construct is built
    if (props.replicas < 1) throw new Error(`proxy replicas must be at least 1, got ${props.replicas}`);
    const { cluster, labelScheme } = props;
    this.serviceName = aisNames.headlessService(cluster, AisComponent.PROXY);
    this.service = aisHeadlessService(this, 'Service', {
      cluster, namespace: props.namespace, component: AisComponent.PROXY, publicPort: props.ports.proxy, ports: props.ports,
    });
    const roleSelector = selectorLabels(cluster, AisComponent.PROXY);
    const volumes = [...stateAndLogVolumes(props, 'proxy'), ...(props.extraVolumes ?? [])];

    const nodeSelector = { [labelScheme.proxy.key]: labelScheme.proxy.value };
    const preferInitialPrimary = (operator: 'In' | 'NotIn'): k8s.NodeAffinity => ({
      preferredDuringSchedulingIgnoredDuringExecution: [{
        weight: 100,
        preference: { matchExpressions: [{ key: labelScheme.initialPrimary.key, operator, values: [labelScheme.initialPrimary.value] }] },
      }],
    });
    const proxySet = (setName: 'primary' | 'electable', name: string, replicas: number, nodeAffinity: k8s.NodeAffinity) => {
      const selector = { ...roleSelector, [PROXY_SET_LABEL]: setName };
      return aisStatefulSet(this, setName === 'primary' ? 'Primary' : 'Electable', {
        name, namespace: props.namespace, replicas, serviceName: this.serviceName, selector,
        // proxies restart only when deleted, one at a time with a planned primary handover (the change runbook; the
        // operator's order: ais-k8s proxy_controller.go handleProxyRollout): two RollingUpdate sets would restart at
        // once, the primary with them (audit N6), and a target-count change (-ntargets, read only by a primary that
        // starts a new cluster: aistore ais/earlystart.go primaryStartup) would restart every proxy
        updateStrategy: { type: 'OnDelete' },
        labels: { ...aisLabels(cluster, AisComponent.PROXY), [PROXY_SET_LABEL]: setName },
        template: aisPodTemplate({
          ...podDefaults(props),
          role: 'proxy', service: this.serviceName,
          podLabels: { ...aisLabels(cluster, AisComponent.PROXY), [PROXY_SET_LABEL]: setName, ...(props.legacyPodLabels ? legacyPodLabels('proxy') : {}) },
          antiAffinityLabels: roleSelector,
          publicPort: props.ports.proxy,
          hostPort: (props.hostPort ?? true) ? props.ports.proxy : undefined,
          nodeSelector, nodeAffinity,
          extraArgs: [`-ntargets=${props.targetCount}`],
          volumes,
        }),
      });
    };

    this.primary = proxySet('primary', aisNames.proxyPrimaryStatefulSet(cluster), 1, preferInitialPrimary('In'));
    this.primaryPodName = AisProxies.primaryPodName(cluster);
    if (props.replicas > 1) {
      this.electable = proxySet('electable', aisNames.proxyStatefulSet(cluster), props.replicas - 1, preferInitialPrimary('NotIn'));
    }
  }
}
