import type { z } from 'zod';
import { parseAddressPool, poolContains, poolSize } from '../net/address-pool';
import { AisPublicAddress, targetsWithoutSan, targetsWithoutSanMessage } from '../ais/public-address';
import { isPinnedImage } from './primitives';

/** The parsed `ais:` section as the cross-checks see it (before they run). */
interface AisSection {
  images: { aisnode: string; init: string; allowUnpinned: boolean };
  proxies: { nodes: string[]; initialPrimary?: string };
  targets: { nodes: string[]; mountpaths: Array<string | { path: string; size?: string }>; storage: string };
  ports: { proxy: number; target: number; intraControl: number; intraData: number };
  gateway?: { loadBalancerIP?: string; addressPool?: string };
  externalLB: boolean;
  mode: string;
  publicAddress: string;
  tls?: { certManager?: object; csi?: object; nodeIPs: Record<string, string>; clientsVerify?: boolean };
}

/** With HTTPS from a certificate we issue and clients that verify it, every address a target advertises must be in it. */
function checkTargetAddresses(ctx: Context, section: AisSection): void {
  const tls = section.tls;
  if (section.mode !== 'standalone' || !tls || !(tls.certManager || tls.csi)) return;
  const known = new Set([...section.targets.nodes, ...section.proxies.nodes]);
  for (const node of Object.keys(tls.nodeIPs).filter((n) => !known.has(n))) {
    fail(ctx, ['tls', 'nodeIPs', node], `node ${node} runs no AIS pod (proxies and targets: ${[...known].join(', ')})`);
  }
  const missing = targetsWithoutSan({
    targetNodes: section.targets.nodes, publicAddress: section.publicAddress as AisPublicAddress, externalAccess: section.externalLB,
    nodeIPs: tls.nodeIPs, clientsVerify: tls.clientsVerify === true,
  });
  if (missing.length) fail(ctx, ['tls'], targetsWithoutSanMessage(missing, section.ports.target));
}

export type Context = z.core.$RefinementCtx<any>;

/** Reports a problem at `path` as a full sentence (the loader prints it as is). */
export function fail(ctx: Context, path: PropertyKey[], message: string): void {
  ctx.addIssue({ code: 'custom', path, message, params: { sentence: true }, input: undefined });
}

function checkUniqueNodes(ctx: Context, nodes: string[], path: PropertyKey[]): void {
  nodes.forEach((node, index) => {
    if (nodes.indexOf(node) !== index) fail(ctx, [...path, index], `node ${node} is listed twice; AIS runs one proxy and one target per node`);
  });
}

function checkMountpaths(ctx: Context, section: AisSection): void {
  const paths = section.targets.mountpaths.map((m) => (typeof m === 'string' ? m : m.path));
  paths.forEach((path, index) => {
    const where = ['targets', 'mountpaths', index];
    if (path === '/') fail(ctx, where, 'mountpath / is the root filesystem; each mountpath must be its own filesystem, e.g. /ais/sda');
    const first = paths.indexOf(path);
    if (first !== index) {
      fail(ctx, where, `mountpath ${path} is listed twice (also at mountpaths[${first}]); mountpaths must be distinct`);
      return;
    }
    const parent = paths.find((other) => other !== path && other !== '/' && path.startsWith(`${other}/`));
    if (parent) fail(ctx, where, `mountpath ${path} is nested inside ${parent}; mountpaths must not contain each other`);
  });
  if (section.targets.storage === 'localPV') {
    section.targets.mountpaths.forEach((m, index) => {
      if (typeof m === 'string' || !m.size) {
        fail(ctx, ['targets', 'mountpaths', index], 'local PersistentVolumes need a capacity: write the mountpath as {path: ..., size: 10Ti}');
      }
    });
  }
}

function checkPorts(ctx: Context, section: AisSection): void {
  const entries = Object.entries(section.ports) as Array<[string, number]>;
  entries.forEach(([name, value], index) => {
    const clash = entries.slice(0, index).find(([, other]) => other === value);
    if (clash) fail(ctx, ['ports', name], `port ${value} is used for both ${clash[0]} and ${name}; AIS ports must be distinct`);
  });
}

function checkGateway(ctx: Context, section: AisSection): void {
  const gateway = section.gateway;
  if (!gateway?.addressPool) {
    if (section.externalLB) fail(ctx, ['externalLB'], 'per-target LoadBalancers need gateway.addressPool with one external IP per target plus one for the gateway');
    return;
  }
  const pool = parseAddressPool(gateway.addressPool);
  if (!pool) {
    fail(ctx, ['gateway', 'addressPool'], `expected an address range such as 10.132.179.10-10.132.179.20 or a CIDR such as 10.132.179.0/28, got "${gateway.addressPool}"`);
    return;
  }
  if (gateway.loadBalancerIP && !poolContains(pool, gateway.loadBalancerIP)) {
    fail(ctx, ['gateway', 'loadBalancerIP'], `gateway IP ${gateway.loadBalancerIP} is outside the address pool ${gateway.addressPool}`);
  }
  const needed = section.externalLB ? section.targets.nodes.length + 1 : 1;
  if (poolSize(pool) < needed) {
    fail(ctx, ['gateway', 'addressPool'], `address pool ${gateway.addressPool} has ${poolSize(pool)} addresses but ${needed} are needed`
      + (section.externalLB ? ` (${section.targets.nodes.length} targets with per-target LoadBalancers + 1 gateway)` : ''));
  }
}

/** Cross-field rules of the `ais:` section; each problem points at the offending key. */
export function checkAisSection(section: AisSection, ctx: Context): void {
  checkUniqueNodes(ctx, section.proxies.nodes, ['proxies', 'nodes']);
  checkUniqueNodes(ctx, section.targets.nodes, ['targets', 'nodes']);
  const primary = section.proxies.initialPrimary;
  if (primary && !section.proxies.nodes.includes(primary)) {
    fail(ctx, ['proxies', 'initialPrimary'], `initial primary ${primary} is not one of the proxy nodes (${section.proxies.nodes.join(', ')})`);
  }
  checkMountpaths(ctx, section);
  checkPorts(ctx, section);
  checkGateway(ctx, section);
  checkTargetAddresses(ctx, section);
  for (const role of ['aisnode', 'init'] as const) {
    if (!section.images.allowUnpinned && !isPinnedImage(section.images[role])) {
      fail(ctx, ['images', role], `image ${section.images[role]} is not pinned; use an explicit version tag or digest (or set images.allowUnpinned: true)`);
    }
  }
}
