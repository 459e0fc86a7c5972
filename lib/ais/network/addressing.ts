import { AisPublicAddress } from '../workloads/public-address';
import type { AisNetworkAttachment } from './attachments';

/**
 * The addressing model of an AIS cluster, one pure function of its props ({@link aisAddressing}): for
 * each node and role the address it advertises on the public network, where its intra-cluster names
 * resolve, how the pods are wired for it (hostPort, host network, ais-init env and hostname map, Multus
 * attachments) and which names a certificate must carry because somebody dials them with TLS
 * verification. Every emitted address field comes from here, in both modes.
 *
 * What AIS does with the addresses (aistore v1.4.9 = aisnode/ais-init v4.9):
 * - ais-init (cmd/aisinit/main.go `main`) sets `host_net.hostname_intra_control` and `_intra_data` to the
 *   pod's DNS name `<pod>.<service>.<ns>.svc.<domain>` unconditionally (template values are discarded), and
 *   the public `host_net.hostname` from `AIS_PUBLIC_HOSTNAME` (`AIS_PUBLIC_DNS_MODE` IP or Node), then
 *   replaces it by `-hostname_map_file`'s entry for it (`getMappedHostname`: the public hostname only).
 * - aisnode (ais/htrun.go `initPhase1`, ais/utils.go `multihome`) takes a comma list there as the primary
 *   public address plus `pub_extra` (public multi-homing); without a hostname it picks the pod IP.
 * - Who dials the public address, verifying TLS unless `net.http.skip_verify`: every non-primary proxy for
 *   each control-plane request (ais/prxrev.go `forwardCP`, to the primary's public URL); a primary restarted
 *   without state (ais/earlystart.go `tryConfirmPrimaryViaConfig`); joins and keepalive retries of every node
 *   (ais/htrun.go `join`, `slowKalive`, `reqHealth`); the `ais` CLI after its first call (cmd/cli/cli/smap.go
 *   `getClusterMap`) and clients redirected to targets.
 * - The proxy ID on Kubernetes is a hash of the node name (ais/proxy.go `initPID`): proxy state is per node.
 */

/** Where the targets run: the pod network, or the node's own network stack. */
export enum AisTargetNetwork {
  /** the pod network (the CNI's interface); the public port is reached through hostPort */
  POD = 'pod',
  /**
   * The node's network (`hostNetwork: true`): the intra-cluster names ais-init writes (pod DNS names)
   * resolve to the node's Kubernetes IP, so rebalance, mirroring and erasure coding traffic runs on
   * the network of `kubelet --node-ip`.
   */
  HOST = 'hostNetwork',
}

/** The addresses of one node. */
export interface AisNodeAddresses {
  /**
   * The node's Kubernetes IP (`status.hostIP`, the kubelet's `--node-ip`): what its proxy and target
   * advertise in `AisPublicAddress.NODE_IP` mode (so a certificate we issue names it), and where
   * host-network targets listen for intra-cluster traffic.
   * @default - unknown: known only at run time
   */
  readonly ip?: string;
  /**
   * What the node's proxy and target advertise to clients, the CLI and each other instead: host
   * addresses of the node (IPs or DNS names). The first is the primary public address; more than one
   * is AIS public multi-homing (redirects spread over all of them). Given for one node, give it for every AIS node.
   * @default - the node IP or node name (see `AisPublicAddress`)
   */
  readonly public?: readonly string[];
}

/** The networks of an AIS cluster beyond the defaults (pod network, node addresses discovered at run time). */
export interface AisNetworkOptions {
  /**
   * Node name → its addresses.
   * @default - none
   */
  readonly nodes?: Readonly<Record<string, AisNodeAddresses>>;
  /**
   * Where the targets run.
   * @default AisTargetNetwork.POD
   */
  readonly targetNetwork?: AisTargetNetwork;
  /**
   * Multus attachments of the AIS pods (pod annotation `k8s.v1.cni.cncf.io/networks`): extra interfaces
   * for public multi-homing; host-network targets get none (no CNI runs for them).
   * @default - none
   */
  readonly attachments?: readonly AisNetworkAttachment[];
}

/** What decides the addresses. */
export interface AisAddressingInput {
  readonly proxyNodes: readonly string[];
  readonly targetNodes: readonly string[];
  /** @default AisPublicAddress.NODE_IP */
  readonly publicAddress?: AisPublicAddress;
  /** @default - none */
  readonly network?: AisNetworkOptions;
  /** targets advertise their own LoadBalancer IP @default false */
  readonly externalLoadBalancers?: boolean;
  /**
   * Proxies listen on a hostPort and advertise a node address; `false`: they advertise their pod IP
   * (an existing AIS operator cluster whose webhook refuses adding `proxySpec.hostPort`).
   * @default true
   */
  readonly proxyHostPort?: boolean;
}

/** How the pods of one role are wired for their addresses. */
export interface AisRoleWiring {
  /**
   * The downward-API field `AIS_PUBLIC_HOSTNAME` comes from (`spec.nodeName` also sets
   * `AIS_PUBLIC_DNS_MODE=Node`); undefined: the target's own LoadBalancer IP (ais-init `fetchExternalIP`).
   */
  readonly hostnameField?: 'status.hostIP' | 'spec.nodeName';
  /** ais-init reads the hostname map (`-hostname_map_file`) */
  readonly hostnameMap: boolean;
  /** the pods run on the node's network */
  readonly hostNetwork: boolean;
  /** Multus attachments of the pods */
  readonly attachments: readonly string[];
}

/** A value known only at run time, as PLAN.md names it. */
export type RuntimeAddress = { readonly runtime: 'status.hostIP' | 'LoadBalancer IP' | 'pod IP' };

/** One node's addresses, as the cluster will have them. */
export interface AisNodeNetwork {
  readonly node: string;
  /** the node's Kubernetes IP, when given */
  readonly ip?: string;
  /** what its proxy advertises (undefined: no proxy on the node) */
  readonly proxy?: readonly string[] | RuntimeAddress;
  /** what its target advertises (undefined: no target on the node) */
  readonly target?: readonly string[] | RuntimeAddress;
  /** what the intra-cluster names of its pods resolve to */
  readonly intra: { readonly proxy?: 'pod IP'; readonly target?: 'pod IP' | 'node IP' };
}

/** The addressing of a cluster (see {@link aisAddressing}). */
export interface AisAddressing {
  readonly proxy: AisRoleWiring;
  readonly target: AisRoleWiring;
  /** ais-init's hostname map: node name → the comma list its pods advertise; undefined: none */
  readonly hostnameMap?: Readonly<Record<string, string>>;
  /** every AIS node (proxies and targets, in node-list order) */
  readonly nodes: readonly AisNodeNetwork[];
  /**
   * Names that every AIS node's public address puts into a certificate (targets with their own
   * LoadBalancer excluded: their IPs come from the pool).
   */
  readonly publicSans: { readonly ipAddresses: readonly string[]; readonly dnsNames: readonly string[] };
  /** AIS nodes whose public address is known only at run time (node IP mode without `ip`), in order */
  readonly unknownPublic: readonly string[];
  /** IPs of the host-network target nodes (the NetworkPolicy admits them to the intra-cluster ports) */
  readonly hostNetworkTargetIPs: readonly string[];
  /** whether the targets run on the node's network */
  readonly targetNetwork: AisTargetNetwork;
}

/** A literal IPv4 address (as opposed to a DNS name): it goes into a certificate's IP SANs. */
export function isIPv4(host: string): boolean {
  return /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(host);
}

/** Whether a runtime-only address. */
export function isRuntime(address: readonly string[] | RuntimeAddress | undefined): address is RuntimeAddress {
  return address !== undefined && !Array.isArray(address);
}

/** Every AIS node once, proxies first (node-list order). */
export function aisNodeNames(input: Pick<AisAddressingInput, 'proxyNodes' | 'targetNodes'>): string[] {
  return [...new Set([...input.proxyNodes, ...input.targetNodes])];
}

/** Whether any node has a per-node public list (then every AIS node advertises through the hostname map). */
export function hasPublicLists(network: AisNetworkOptions | undefined): boolean {
  return Object.values(network?.nodes ?? {}).some((n) => n.public !== undefined);
}

/**
 * The addressing of a cluster: proxies advertise a node address through hostPort (as the AIS Helm chart
 * does: `proxySpec.hostPort`, and the operator's `AIS_PUBLIC_HOSTNAME` ← `status.hostIP`, ais-k8s v3.4.0
 * operator/internal/resources/aistore/proxy/statefulset.go `NewInitContainerEnv`), targets the same or their
 * LoadBalancer IP; per-node `public` lists go through ais-init's hostname map keyed by node name
 * (`AIS_PUBLIC_DNS_MODE=Node`, `AIS_PUBLIC_HOSTNAME` ← `spec.nodeName`).
 */
export function aisAddressing(input: AisAddressingInput): AisAddressing {
  const network = input.network ?? {};
  const addresses = network.nodes ?? {};
  const byName = input.publicAddress === AisPublicAddress.NODE_NAME;
  const lists = hasPublicLists(network);
  const externalLB = input.externalLoadBalancers ?? false;
  const targetNetwork = network.targetNetwork ?? AisTargetNetwork.POD;
  const hostTargets = targetNetwork === AisTargetNetwork.HOST;
  const attachments = (network.attachments ?? []).map((a) => a.name);
  const field = lists || byName ? 'spec.nodeName' : 'status.hostIP';
  const all = aisNodeNames(input);
  const hostnameMap = lists
    ? Object.fromEntries(all.map((node) => [node, (addresses[node]?.public ?? []).join(',')]))
    : undefined;
  const advertised = (node: string): readonly string[] | RuntimeAddress => {
    if (lists) return addresses[node]?.public ?? [];
    if (byName) return [node];
    const ip = addresses[node]?.ip;
    return ip ? [ip] : { runtime: 'status.hostIP' };
  };
  const proxyHostPort = input.proxyHostPort ?? true;
  const nodes: AisNodeNetwork[] = all.map((node) => {
    const isProxy = input.proxyNodes.includes(node);
    const isTarget = input.targetNodes.includes(node);
    return {
      node,
      ip: addresses[node]?.ip,
      proxy: isProxy ? (proxyHostPort ? advertised(node) : { runtime: 'pod IP' }) : undefined,
      target: isTarget ? (externalLB ? { runtime: 'LoadBalancer IP' } : advertised(node)) : undefined,
      intra: { proxy: isProxy ? 'pod IP' : undefined, target: isTarget ? (hostTargets ? 'node IP' : 'pod IP') : undefined },
    };
  });
  const known = nodes.flatMap((n) => [n.proxy, n.target]).filter((a): a is readonly string[] => a !== undefined && !isRuntime(a)).flat();
  const unique = [...new Set(known)];
  return {
    proxy: { hostnameField: proxyHostPort ? field : undefined, hostnameMap: lists && proxyHostPort, hostNetwork: false, attachments },
    target: { hostnameField: externalLB ? undefined : field, hostnameMap: lists && !externalLB, hostNetwork: hostTargets, attachments: hostTargets ? [] : attachments },
    hostnameMap,
    nodes,
    publicSans: { ipAddresses: unique.filter(isIPv4), dnsNames: unique.filter((h) => !isIPv4(h)) },
    unknownPublic: nodes.filter((n) => (n.proxy && isRuntime(n.proxy) && n.proxy.runtime === 'status.hostIP')
      || (n.target && isRuntime(n.target) && n.target.runtime === 'status.hostIP')).map((n) => n.node),
    hostNetworkTargetIPs: hostTargets ? input.targetNodes.flatMap((n) => (addresses[n]?.ip ? [addresses[n].ip!] : [])) : [],
    targetNetwork,
  };
}

/**
 * Whether anybody verifies the certificate: AIS itself unless `skipVerify` (it dials the primary's and
 * its peers' public URLs, aistore cmn/client.go `NewTLS`), clients and the `ais` CLI unless they are
 * known not to (`clientsVerify: false`).
 */
export function certificateVerified(tls: { readonly skipVerify?: boolean; readonly clientsVerify?: boolean }): boolean {
  return !(tls.skipVerify === true && tls.clientsVerify === false);
}
