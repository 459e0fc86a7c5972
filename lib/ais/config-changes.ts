/**
 * How a change of the AIS cluster config (`ais.json`) reaches a running cluster (aistore v1.4.9).
 * A node reads `ais.json` only at its very first start; afterwards it loads the copy it keeps in its
 * state directory (`cmn/config.go` `LoadConfig`), so a changed ConfigMap changes nothing on a
 * running cluster. Changes go through the API instead, which versions, persists and sends them to
 * every node (`ais/prxclu.go` `setCluCfgPersistent`); some keys take effect only after a restart.
 * One row per kind of key: the command, and which nodes must restart.
 */

/**
 * Keys that take effect only after the nodes restart, matched as substrings of the key as the CLI
 * and the primary do (`cmn/config.go` `ConfigRestartRequired`; `cmn/cos/setkvs.go` `ContainsAnyMatch`).
 */
export const RESTART_REQUIRED_KEYS = ['memsys', 'net', 'tracing', 'timeout.cplane_operation', 'timeout.max_keepalive'] as const;

/** One changed key and how to apply it. */
export interface ClusterConfigChange {
  /** dotted key (`tracing.exporter_endpoint`), or `backend` for the whole backend section */
  readonly key: string;
  /** the new value as `ais config cluster` takes it; undefined when the key was removed */
  readonly value?: string;
  /**
   * - `cli`: `ais config cluster KEY=VALUE` (leaf keys of the cluster config: `config_hdlr.go` `setCluConfigHandler`);
   * - `rest`: the REST `set-config` action with the section as JSON (`backend` is no CLI key: its fields are `json:"-"`,
   *   and the provider map is assigned whole: `cmn/config.go` `BackendConf`);
   * - `manual`: removed keys AIS keeps (no default known here) and keys no command may change in place
   */
  readonly via: 'cli' | 'rest' | 'manual';
  /** which nodes must restart for it to take effect */
  readonly restart: 'none' | 'all' | 'targets';
  /** for `manual`: what to do */
  readonly note?: string;
}

/** Keys a runbook of their own handles (the protocol switch) or that only change with a rename. */
const NOT_CONFIG = [/^net\.http\.use_https$/, /^proxy\./];

/** The leaves of a config object as dotted keys (an empty object is a leaf). */
export function configLeaves(config: unknown, prefix = ''): Map<string, unknown> {
  const leaves = new Map<string, unknown>();
  if (config && typeof config === 'object' && !Array.isArray(config) && Object.keys(config).length > 0) {
    for (const [key, value] of Object.entries(config)) {
      for (const [k, leaf] of configLeaves(value, prefix ? `${prefix}.${key}` : key)) leaves.set(k, leaf);
    }
  } else if (prefix) leaves.set(prefix, config);
  return leaves;
}

const restartFor = (key: string): 'none' | 'all' => (RESTART_REQUIRED_KEYS.some((k) => key.includes(k)) ? 'all' : 'none');

/** A scalar as `ais config cluster` takes it. */
const scalar = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/**
 * The changes between two cluster configs, each with its command and restart class. Values are the
 * new config's, as JSON scalars print them.
 */
export function clusterConfigChanges(before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>): ClusterConfigChange[] {
  const changes: ClusterConfigChange[] = [];
  const backendBefore = JSON.stringify(before.backend ?? {});
  const backendAfter = JSON.stringify(after.backend ?? {});
  if (backendBefore !== backendAfter) {
    // cloud backends are set up at target start from config.backend (ais/target.go initBuiltTagged), with the credentials mounted
    changes.push({ key: 'backend', value: backendAfter, via: 'rest', restart: 'targets' });
  }
  const old = configLeaves({ ...before, backend: undefined });
  const now = configLeaves({ ...after, backend: undefined });
  for (const key of [...new Set([...old.keys(), ...now.keys()])].sort()) {
    if (key.startsWith('backend') || NOT_CONFIG.some((pattern) => pattern.test(key))) continue;
    const was = old.get(key);
    const is = now.get(key);
    if (JSON.stringify(was) === JSON.stringify(is)) continue;
    if (is === undefined) {
      if (key === 'tracing.enabled' || key.startsWith('tracing.')) {
        if (!changes.some((c) => c.key === 'tracing.enabled')) changes.push({ key: 'tracing.enabled', value: 'false', via: 'cli', restart: 'all' });
        continue;
      }
      changes.push({ key, via: 'manual', restart: restartFor(key), note: `${key} left the config, but AIS keeps its value: set it back to the AIS default with \`ais config cluster ${key}=VALUE\`` });
      continue;
    }
    const leafObject = typeof is === 'object' && is !== null;
    changes.push({ key, value: leafObject ? JSON.stringify(is) : scalar(is), via: leafObject ? 'rest' : 'cli', restart: restartFor(key) });
  }
  return changes;
}
