/**
 * Which AIS operator release first has each AIStore field we emit: the first NVIDIA/ais-k8s tag whose
 * CRD (`operator/config/base/crd/ais.nvidia.com_aistores.yaml`) lists the path, read tag by tag from
 * v2.8.0 (the oldest operator the AIS 4.x line allows, docs/COMPATIBILITY.md) to v3.4.0. An older CRD
 * prunes (or, with strict field validation, refuses) a field it does not know; the pruned AIStore then
 * fails the operator's webhook (e.g. v2.19.0 `validateStateStorage` → `errUndefinedStateStorage` without
 * the v3 `stateStorage`). Facts as data: one row per path, the longest matching prefix applies.
 */
export const AISTORE_FIELD_SINCE: ReadonlyArray<readonly [path: string, since: string]> = [
  // present in every tag the AIS 4.x line allows
  ['size', 'v2.8.0'], ['nodeImage', 'v2.8.0'], ['initImage', 'v2.8.0'], ['imagePullSecrets', 'v2.8.0'],
  ['proxySpec', 'v2.8.0'], ['targetSpec', 'v2.8.0'], ['logsDir', 'v2.8.0'], ['clusterDomain', 'v2.8.0'],
  ['hostnameMap', 'v2.8.0'], ['networkAttachment', 'v2.8.0'], ['cleanupMetadata', 'v2.8.0'], ['cleanupData', 'v2.8.0'],
  ['awsSecretName', 'v2.8.0'], ['gcpSecretName', 'v2.8.0'], ['ociSecretName', 'v2.8.0'], ['authNSecretName', 'v2.8.0'],
  ['tracingTokenSecretName', 'v2.8.0'], ['auth', 'v2.8.0'], ['configToUpdate', 'v2.8.0'],
  // added later
  ['auth.tls', 'v2.9.0'],
  ['publicNetDNSMode', 'v2.10.0'],
  ['adminClient', 'v2.11.0'],
  ['targetSpec.pdb', 'v2.12.0'],
  ['tls', 'v2.14.0'],
  ['stateStorage', 'v3.0.0'],
  ['proxySpec.aisContainerSecurityContext', 'v3.0.0'], ['targetSpec.aisContainerSecurityContext', 'v3.0.0'],
  ['proxySpec.externalAccess', 'v3.1.0'], ['targetSpec.externalAccess', 'v3.1.0'],
  ['stateStorage.emptyDir', 'v3.2.0'], ['operatorSkipVerifyCrt', 'v3.2.0'], ['targetSpec.scaleDownMode', 'v3.2.0'],
  ['auth.profileRef', 'v3.3.0'],
];

/** A version `v1.2.3` as numbers (undefined when it is none). */
export function parseVersion(version: string): [number, number, number] | undefined {
  const match = /^v?(\d+)\.(\d+)(?:\.(\d+))?$/.exec(version);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)] : undefined;
}

/** Compares two versions (`v2.19.0` < `v3.2.0`); unparsable ones sort first. */
export function compareVersions(a: string, b: string): number {
  const [x, y] = [parseVersion(a) ?? [0, 0, 0], parseVersion(b) ?? [0, 0, 0]];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

/** The first operator release whose CRD has `path` (a dotted AIStore spec path), by its longest listed prefix; undefined: not listed. */
export function fieldSince(path: string): string | undefined {
  let best: readonly [string, string] | undefined;
  for (const row of AISTORE_FIELD_SINCE) {
    if ((path === row[0] || path.startsWith(`${row[0]}.`)) && (!best || row[0].length > best[0].length)) best = row;
  }
  return best?.[1];
}

/** The operator release that knows every one of `paths`, and the paths that need it. */
export function operatorFloor(paths: readonly string[]): { readonly version: string; readonly fields: ReadonlyArray<readonly [string, string]> } {
  const fields = paths.map((p) => [p, fieldSince(p) ?? 'v2.8.0'] as const);
  const version = fields.reduce((max, [, since]) => (compareVersions(since, max) > 0 ? since : max), 'v2.8.0');
  return { version, fields };
}

/**
 * The first operator release that gives the init containers `HOST_IPS` from `status.hostIPs`
 * (ais-k8s v2.10.0 operator/pkg/resources/cmn/env.go `CommonInitEnv`; still so at v3.4.0
 * operator/internal/resources/aistore/cmn/env.go), which a Kubernetes 1.28 API server refuses without
 * the PodHostIPs feature gate.
 */
export const OPERATOR_HOST_IPS_SINCE = 'v2.10.0';
