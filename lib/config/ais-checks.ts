import type { z } from 'zod';

/*
 * The cross-field rules of the `ais:` section (nodes, mountpaths, ports, gateway, images) are rules
 * of the cluster's props, shared with the constructs: lib/ais/cluster-checks.ts, run by the loader
 * through lib/config/prop-checks.ts.
 */

export type Context = z.core.$RefinementCtx<any>;

/** Reports a problem at `path` as a full sentence (the loader prints it as is). */
export function fail(ctx: Context, path: PropertyKey[], message: string): void {
  ctx.addIssue({ code: 'custom', path, message, params: { sentence: true }, input: undefined });
}
