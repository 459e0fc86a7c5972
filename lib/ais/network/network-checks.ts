import { dns1123SubdomainProblem } from '../../k8s/names';
import { PropProblem, propRef } from '../../props/problems';
import type { AisClusterCommonProps } from '../cluster-props';
import { DEFAULT_NETWORK_POLICY } from '../defaults';
import { AisNetworkOptions, AisTargetNetwork, aisNodeNames, hasPublicLists, isIPv4 } from './addressing';
import { ATTACHMENT_CNI_MODES, AisNetworkAttachment } from './attachments';

/**
 * The network part of the AIS rulebook (run by `aisCommonProblems`, lib/ais/cluster-checks.ts): what
 * the node addresses, host-network targets and Multus attachments must be for ais-init, aisnode,
 * Kubernetes and Multus to accept them. The rules that depend on the mode (certificate names,
 * the operator's fields) are in the mode's rulebook.
 */

type Problems = PropProblem[];

/** What the network rules read. */
export interface AisNetworkCheckProps extends Pick<AisClusterCommonProps, 'proxyNodes' | 'targetNodes' | 'network' | 'externalLoadBalancers'> {
  /** @default true */
  readonly networkPolicy?: boolean;
}

/** A Linux interface name: at most 15 bytes (IFNAMSIZ - 1), no '/', ':' or white space (net/core/dev.c `dev_valid_name`). */
const INTERFACE_NAME = /^[^/:\s]{1,15}$/;

function parseCidr(cidr: string): { base: number; bits: number } | undefined {
  const [ip, bits, extra] = cidr.split('/');
  if (extra !== undefined || !isIPv4(ip) || !/^\d{1,2}$/.test(bits ?? '') || Number(bits) > 32) return undefined;
  return { base: ip.split('.').reduce((n, part) => n * 256 + Number(part), 0), bits: Number(bits) };
}

function inCidr(ip: string, cidr: { base: number; bits: number }): boolean {
  const value = ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
  const size = 2 ** (32 - cidr.bits);
  return Math.floor(value / size) === Math.floor(cidr.base / size);
}

/** A public host: an IPv4 address or a DNS-1123 subdomain (no list separator: aisnode splits the hostname at ',', ais/utils.go `multihome`). */
function publicHostProblem(host: string): string | undefined {
  if (isIPv4(host)) return undefined;
  return dns1123SubdomainProblem(host, 'public address')?.concat(' (an IPv4 address or a DNS name; one address per list entry)');
}

function checkNodeAddresses(props: AisNetworkCheckProps, network: AisNetworkOptions, problems: Problems): void {
  const nodes = network.nodes ?? {};
  const known = aisNodeNames(props);
  const at = (node: string, ...rest: PropertyKey[]) => ['network', 'nodes', node, ...rest];
  const ipOwner = new Map<string, string>();
  const publicOwner = new Map<string, string>();
  for (const [node, addresses] of Object.entries(nodes)) {
    if (!known.includes(node)) {
      problems.push({ path: at(node), message: `node ${node} runs no AIS pod (proxies and targets: ${known.join(', ')})` });
      continue;
    }
    if (addresses.ip !== undefined) {
      if (!isIPv4(addresses.ip)) problems.push({ path: at(node, 'ip'), message: `expected an IPv4 address such as 10.132.179.21, got ${JSON.stringify(addresses.ip)}` });
      else if (ipOwner.has(addresses.ip)) {
        problems.push({ path: at(node, 'ip'), message: `${addresses.ip} is also the IP of node ${ipOwner.get(addresses.ip)}: each node has its own Kubernetes IP (status.hostIP)` });
      } else ipOwner.set(addresses.ip, node);
    }
    const list = addresses.public;
    if (list === undefined) continue;
    if (list.length === 0) problems.push({ path: at(node, 'public'), message: 'at least one address (or leave public out)' });
    list.forEach((host, index) => {
      const invalid = publicHostProblem(host);
      if (invalid) {
        problems.push({ path: at(node, 'public', index), message: invalid });
      } else if (list.indexOf(host) !== index) {
        problems.push({ path: at(node, 'public', index), message: `${host} is listed twice: aisnode exits on a duplicated public address (aistore ais/utils.go multihome)` });
      } else if (publicOwner.has(host)) {
        problems.push({ path: at(node, 'public', index), message: `${host} is also a public address of node ${publicOwner.get(host)}: AIS refuses a node whose address another node `
          + 'already has (duplicate IPs, aistore core/meta/smap.go isDupNet)' });
      } else publicOwner.set(host, node);
    });
  }
  if (hasPublicLists(network)) {
    const missing = known.filter((node) => nodes[node]?.public === undefined);
    if (missing.length) {
      problems.push({ path: ['network', 'nodes'], message: `per-node public addresses go through ais-init's hostname map, keyed by node name: give public for `
        + `${missing.join(', ')} too (a node without an entry would advertise its bare node name)` });
    }
    if (props.externalLoadBalancers) {
      problems.push({ path: ['network', 'nodes'], message: `targets with their own LoadBalancer (${propRef('externalLoadBalancers')}) advertise its IP, not per-node public `
        + 'addresses: remove the public lists or the per-target LoadBalancers' });
    }
  }
  const hostTargets = network.targetNetwork === AisTargetNetwork.HOST;
  if (hostTargets && (props.networkPolicy ?? DEFAULT_NETWORK_POLICY)) {
    const missing = props.targetNodes.filter((node) => nodes[node]?.ip === undefined);
    if (missing.length) {
      problems.push({ path: ['network', 'nodes'], message: `host-network targets reach the proxies' intra-cluster ports from their node IP, which the NetworkPolicy's `
        + `pod selector does not match: give the ip of ${missing.join(', ')} (the policy admits each as an ipBlock), or set ${propRef('networkPolicy')}: false` });
    }
  }
}

function checkAttachments(attachments: readonly AisNetworkAttachment[], problems: Problems): void {
  attachments.forEach((attachment, index) => {
    const at = (...rest: PropertyKey[]) => ['network', 'attachments', index, ...rest];
    const invalid = dns1123SubdomainProblem(attachment.name, 'NetworkAttachmentDefinition name');
    if (invalid) problems.push({ path: at('name'), message: invalid });
    else if (attachments.findIndex((a) => a.name === attachment.name) !== index) {
      problems.push({ path: at('name'), message: `attachment ${attachment.name} is listed twice` });
    }
    const cni = attachment.cni;
    if (!cni) return;
    if (!INTERFACE_NAME.test(cni.master)) {
      problems.push({ path: at('cni', 'master'), message: `expected a host interface name such as ens7f1 (at most 15 characters, no '/', ':' or spaces), got ${JSON.stringify(cni.master)}` });
    }
    const modes = ATTACHMENT_CNI_MODES[cni.type];
    if (cni.mode !== undefined && !modes.includes(cni.mode)) {
      problems.push({ path: at('cni', 'mode'), message: `the ${cni.type} plugin takes mode ${modes.join(', ')}, not ${cni.mode} (containernetworking/plugins ${cni.type}.go modeFromString)` });
    }
    if (cni.mtu !== undefined && (!Number.isInteger(cni.mtu) || cni.mtu < 68 || cni.mtu > 65535)) {
      problems.push({ path: at('cni', 'mtu'), message: `expected an MTU from 68 to 65535, got ${cni.mtu}` });
    }
    const range = parseCidr(cni.ipam.range);
    if (!range) {
      problems.push({ path: at('cni', 'ipam', 'range'), message: `expected a CIDR such as 10.11.0.0/24, got ${JSON.stringify(cni.ipam.range)}` });
    } else if (cni.ipam.gateway !== undefined && !(isIPv4(cni.ipam.gateway) && inCidr(cni.ipam.gateway, range))) {
      problems.push({ path: at('cni', 'ipam', 'gateway'), message: `gateway ${cni.ipam.gateway} is not an address of the range ${cni.ipam.range}` });
    }
    (cni.ipam.exclude ?? []).forEach((cidr, i) => {
      if (!parseCidr(cidr)) problems.push({ path: at('cni', 'ipam', 'exclude', i), message: `expected a CIDR such as 10.11.0.1/32, got ${JSON.stringify(cidr)}` });
    });
  });
}

/**
 * Node addresses, host-network targets and attachments, in both modes: addresses of AIS nodes only,
 * valid and unique (aisnode refuses a duplicated public address and AIS a node whose address another node
 * has), per-node public lists for every AIS node or none, not with per-target LoadBalancers; host-network
 * targets' IPs for the NetworkPolicy; attachment names and CNI configs the plugins accept.
 */
export function aisNetworkProblems(props: AisNetworkCheckProps): PropProblem[] {
  const problems: Problems = [];
  const network = props.network;
  if (!network) return problems;
  checkNodeAddresses(props, network, problems);
  checkAttachments(network.attachments ?? [], problems);
  return problems;
}
