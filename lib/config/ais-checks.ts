import type { z } from 'zod';
import { AisPublicAddress, targetsWithoutSan, targetsWithoutSanMessage } from '../ais/workloads/public-address';

/*
 * The cross-field rules of the `ais:` section on nodes, mountpaths, ports, gateway and images are
 * rules of the cluster's props, shared with the constructs: lib/ais/cluster-checks.ts, run by the
 * loader through lib/config/prop-checks.ts. What stays here reads keys only the config has.
 */

export type Context = z.core.$RefinementCtx<any>;

/** Reports a problem at `path` as a full sentence (the loader prints it as is). */
export function fail(ctx: Context, path: PropertyKey[], message: string): void {
  ctx.addIssue({ code: 'custom', path, message, params: { sentence: true }, input: undefined });
}

/** The parsed `ais:` section as the cross-checks see it (before they run). */
interface AisSection {
  proxies: { nodes: string[] };
  targets: { nodes: string[] };
  ports: { target: number };
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

/** Cross-field rules of the `ais:` section that read config-only keys; each problem points at the offending key. */
export function checkAisSection(section: AisSection, ctx: Context): void {
  checkTargetAddresses(ctx, section);
}
