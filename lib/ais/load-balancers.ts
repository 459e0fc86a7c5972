import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { AisComponent, aisLabels, selectorLabels } from './labels';

/** MetalLB annotation that requests a fixed IP for a LoadBalancer service (MetalLB >= 0.14). */
export const METALLB_IPS_ANNOTATION = 'metallb.io/loadBalancerIPs';
/** MetalLB annotation that picks the pool a LoadBalancer service gets its IP from. */
export const METALLB_POOL_ANNOTATION = 'metallb.io/address-pool';

export interface LoadBalancerAddressing {
  /**
   * Ask MetalLB for the address through its annotations (else `spec.loadBalancerIP`).
   * @default false
   */
  readonly metallb?: boolean;
  /**
   * MetalLB pool to allocate from.
   * @default - any pool
   */
  readonly metallbPool?: string;
  /**
   * Extra annotations on every LoadBalancer service.
   * @default - none
   */
  readonly annotations?: Record<string, string>;
}

/** Annotations of a LoadBalancer service: the extra ones, plus MetalLB's pool and fixed IP when MetalLB assigns it. */
export function loadBalancerAnnotations(addressing: LoadBalancerAddressing, ip?: string): Record<string, string> {
  const annotations: Record<string, string> = { ...addressing.annotations };
  if (addressing.metallb && addressing.metallbPool) annotations[METALLB_POOL_ANNOTATION] = addressing.metallbPool;
  if (addressing.metallb && ip) annotations[METALLB_IPS_ANNOTATION] = ip;
  return annotations;
}

function loadBalancerService(scope: Construct, id: string, options: LoadBalancerAddressing & {
  name: string; namespace: string; labels: Record<string, string>; selector: Record<string, string>; port: number; ip?: string;
}): k8s.KubeService {
  const annotations = loadBalancerAnnotations(options, options.ip);
  return new k8s.KubeService(scope, id, {
    metadata: {
      name: options.name, namespace: options.namespace, labels: options.labels,
      annotations: Object.keys(annotations).length ? annotations : undefined,
    },
    spec: {
      type: 'LoadBalancer',
      loadBalancerIp: !options.metallb ? options.ip : undefined,
      selector: options.selector,
      ports: [{ name: 'pub', port: options.port, targetPort: k8s.IntOrString.fromNumber(options.port), protocol: 'TCP' }],
    },
  });
}

export interface AisGatewayProps extends LoadBalancerAddressing {
  readonly cluster: string;
  readonly namespace: string;
  /** proxy public port */
  readonly port: number;
  /**
   * Fixed external IP of the gateway.
   * @default - allocated by the load balancer implementation
   */
  readonly loadBalancerIP?: string;
}

/** The client entry point: a LoadBalancer `<cluster>-proxy-lb` in front of all proxies. */
export class AisGateway extends Construct {
  /** Name of the gateway service of a cluster. */
  public static serviceName(cluster: string): string {
    return `${cluster}-proxy-lb`;
  }

  public readonly service: k8s.KubeService;

  constructor(scope: Construct, id: string, props: AisGatewayProps) {
    super(scope, id);
    this.service = loadBalancerService(this, 'Resource', {
      ...props, name: AisGateway.serviceName(props.cluster), labels: aisLabels(props.cluster, AisComponent.GATEWAY),
      selector: selectorLabels(props.cluster, AisComponent.PROXY), ip: props.loadBalancerIP,
    });
  }
}

export interface AisTargetLoadBalancersProps extends LoadBalancerAddressing {
  readonly cluster: string;
  readonly namespace: string;
  /** number of targets */
  readonly replicas: number;
  /** target public port */
  readonly port: number;
  /**
   * Fixed external IP per target ordinal (index i → `<cluster>-target-i`).
   * @default - allocated by the load balancer implementation
   */
  readonly loadBalancerIPs?: readonly string[];
}

/**
 * One LoadBalancer per target, `<cluster>-target-<i>`, selecting the pod of that ordinal.
 * The init container looks the service up by pod name and publishes its IP as the target's
 * public hostname, so clients redirected to a target reach it from outside the cluster.
 */
export class AisTargetLoadBalancers extends Construct {
  public readonly services: readonly k8s.KubeService[];

  constructor(scope: Construct, id: string, props: AisTargetLoadBalancersProps) {
    super(scope, id);
    const services: k8s.KubeService[] = [];
    for (let ordinal = 0; ordinal < props.replicas; ordinal++) {
      const podName = `${props.cluster}-target-${ordinal}`;
      services.push(loadBalancerService(this, podName, {
        ...props, name: podName, labels: aisLabels(props.cluster, AisComponent.TARGET_LB),
        selector: { ...selectorLabels(props.cluster, AisComponent.TARGET), 'statefulset.kubernetes.io/pod-name': podName },
        ip: props.loadBalancerIPs?.[ordinal],
      }));
    }
    this.services = services;
  }
}
