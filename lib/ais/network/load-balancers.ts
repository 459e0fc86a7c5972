import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { AisComponent, aisLabels, selectorLabels } from '../labels';
import { Wire } from '../../k8s/wire';
import { aisNames } from '../names';

/** MetalLB annotation that requests a fixed IP for a LoadBalancer service (key prefix read from MetalLB 0.14.9). */
export const METALLB_IPS_ANNOTATION = 'metallb.io/loadBalancerIPs';
/** MetalLB annotation that picks the pool a LoadBalancer service gets its IP from (key prefix read from MetalLB 0.14.9). */
export const METALLB_POOL_ANNOTATION = 'metallb.io/address-pool';
/**
 * The same two keys with the prefix MetalLB read before 0.14.9 (and still reads, deprecated): with
 * only the new keys an older MetalLB ignores both, and a pool with `autoAssign: false` never gives the
 * gateway its IP. Both are written.
 */
export const METALLB_LEGACY_IPS_ANNOTATION = 'metallb.universe.tf/loadBalancerIPs';
export const METALLB_LEGACY_POOL_ANNOTATION = 'metallb.universe.tf/address-pool';

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
  if (addressing.metallb && addressing.metallbPool) {
    annotations[METALLB_POOL_ANNOTATION] = addressing.metallbPool;
    annotations[METALLB_LEGACY_POOL_ANNOTATION] = addressing.metallbPool;
  }
  if (addressing.metallb && ip) {
    annotations[METALLB_IPS_ANNOTATION] = ip;
    annotations[METALLB_LEGACY_IPS_ANNOTATION] = ip;
  }
  return annotations;
}

/**
 * The fields of a Service spec written here, in wire format (see {@link Wire}): cdk8s-plus's
 * `loadBalancerIp` is `loadBalancerIP` on the wire.
 */
type LoadBalancerWireSpec = Wire<Pick<k8s.ServiceSpec, 'type' | 'selector' | 'ports'>> & { readonly loadBalancerIP?: string };

/**
 * A LoadBalancer Service, as a plain cdk8s `ApiObject` with its spec in wire format: the same bytes as
 * `k8s.KubeService` without cdk8s-plus's converters on each rendering (one per target in large fleets).
 */
function loadBalancerService(scope: Construct, id: string, options: LoadBalancerAddressing & {
  name: string; namespace: string; labels: Record<string, string>; selector: Record<string, string>; port: number; ip?: string;
}): ApiObject {
  const annotations = loadBalancerAnnotations(options, options.ip);
  const spec: LoadBalancerWireSpec = {
    type: 'LoadBalancer',
    loadBalancerIP: !options.metallb ? options.ip : undefined,
    selector: options.selector,
    ports: [{ name: 'pub', port: options.port, targetPort: options.port, protocol: 'TCP' }],
  };
  return new ApiObject(scope, id, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: options.name, namespace: options.namespace, labels: options.labels,
      annotations: Object.keys(annotations).length ? annotations : undefined,
    },
    spec,
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
    return aisNames.gatewayService(cluster);
  }

  /** the `v1` `Service` API object */
  public readonly service: ApiObject;

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
  /** the `v1` `Service` API objects, by ordinal */
  public readonly services: readonly ApiObject[];

  constructor(scope: Construct, id: string, props: AisTargetLoadBalancersProps) {
    super(scope, id);
    const services: ApiObject[] = [];
    for (let ordinal = 0; ordinal < props.replicas; ordinal++) {
      const podName = aisNames.targetPod(props.cluster, ordinal);
      services.push(loadBalancerService(this, podName, {
        ...props, name: podName, labels: aisLabels(props.cluster, AisComponent.TARGET_LB),
        selector: { ...selectorLabels(props.cluster, AisComponent.TARGET), 'statefulset.kubernetes.io/pod-name': podName },
        ip: props.loadBalancerIPs?.[ordinal],
      }));
    }
    this.services = services;
  }
}
