import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { aisPodTemplate } from './daemon-pod';
import { AisDaemonProps, podDefaults, stateAndLogVolumes } from './daemon-props';
import { aisHeadlessService } from './headless-service';
import { AisComponent, aisLabels, legacyPodLabels, selectorLabels } from './labels';
import { aisStatefulSet } from './statefulset';

/** Label that tells the two proxy StatefulSets apart (both share the role's selector labels). */
export const PROXY_SET_LABEL = 'cdk8s-storage.io/proxy-set';

export interface AisProxiesProps extends AisDaemonProps {
  /** number of proxy nodes (one proxy each); one of them is the initial primary */
  readonly replicas: number;
  /** number of targets, passed to aisnode as `-ntargets` (the primary waits for them at startup) */
  readonly targetCount: number;
}

/**
 * AIS proxies (gateways), one per labelled node:
 * - `<cluster>-proxy-primary`: one pod on the node labelled initial primary; the cluster config
 *   names it as primary URL, so the cluster bootstraps from a known node;
 * - `<cluster>-proxy`: the other, electable proxies on the proxy-labelled nodes, kept off the
 *   initial primary node by node affinity;
 * - the headless service `<cluster>-proxy` that governs both.
 * A required pod anti-affinity over all proxies keeps one proxy per node.
 */
export class AisProxies extends Construct {
  public readonly service: k8s.KubeService;
  public readonly primary: k8s.KubeStatefulSet;
  /** undefined when the cluster has a single proxy */
  public readonly electable?: k8s.KubeStatefulSet;
  /** pod that bootstraps the cluster as primary */
  public readonly primaryPodName: string;
  public readonly serviceName: string;

  constructor(scope: Construct, id: string, props: AisProxiesProps) {
    super(scope, id);
    if (props.replicas < 1) throw new Error(`proxy replicas must be at least 1, got ${props.replicas}`);
    const { cluster, labelScheme } = props;
    this.serviceName = `${cluster}-proxy`;
    this.service = aisHeadlessService(this, 'Service', {
      cluster, namespace: props.namespace, component: AisComponent.PROXY, publicPort: props.ports.proxy, ports: props.ports,
    });
    const roleSelector = selectorLabels(cluster, AisComponent.PROXY);
    const volumes = [...stateAndLogVolumes(props, 'proxy'), ...(props.extraVolumes ?? [])];

    const proxySet = (setName: 'primary' | 'electable', name: string, replicas: number,
      nodeSelector: Record<string, string>, nodeAffinity?: k8s.NodeAffinity) => {
      const selector = { ...roleSelector, [PROXY_SET_LABEL]: setName };
      return aisStatefulSet(this, setName === 'primary' ? 'Primary' : 'Electable', {
        name, namespace: props.namespace, replicas, serviceName: this.serviceName, selector,
        labels: { ...aisLabels(cluster, AisComponent.PROXY), [PROXY_SET_LABEL]: setName },
        template: aisPodTemplate({
          ...podDefaults(props),
          role: 'proxy', service: this.serviceName,
          podLabels: { ...aisLabels(cluster, AisComponent.PROXY), [PROXY_SET_LABEL]: setName, ...(props.legacyPodLabels ? legacyPodLabels('proxy') : {}) },
          antiAffinityLabels: roleSelector,
          publicPort: props.ports.proxy,
          nodeSelector, nodeAffinity,
          extraArgs: [`-ntargets=${props.targetCount}`],
          volumes,
        }),
      });
    };

    this.primary = proxySet('primary', `${cluster}-proxy-primary`, 1, {
      [labelScheme.proxy.key]: labelScheme.proxy.value,
      [labelScheme.initialPrimary.key]: labelScheme.initialPrimary.value,
    });
    this.primaryPodName = `${cluster}-proxy-primary-0`;
    if (props.replicas > 1) {
      this.electable = proxySet('electable', `${cluster}-proxy`, props.replicas - 1,
        { [labelScheme.proxy.key]: labelScheme.proxy.value },
        {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{
              matchExpressions: [{ key: labelScheme.initialPrimary.key, operator: 'NotIn', values: [labelScheme.initialPrimary.value] }],
            }],
          },
        });
    }
  }
}
