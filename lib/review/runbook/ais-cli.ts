/**
 * The AIS CLI commands the runbooks run, spelled as `ais` v4.9 takes them (aistore tag v1.4.9,
 * `cmd/cli/cli`): the only place that knows their syntax. Every command that changes the cluster
 * and has a `--yes` flag gets it: without it the CLI asks for confirmation, and with stdin at its end
 * (a script, a pipeline) `confirm` asks again forever (`cmd/cli/cli/utils.go` `confirm`, `readValue`).
 */

/** `ais cluster add-remove-nodes ...` (`cluster_hdlr.go` `clusterCmdsFlags`, `nodeMaintShutDecommHandler`; `const.go` `cmdMembership`). */
const MEMBERSHIP = 'ais cluster add-remove-nodes';

/** Quotes a word for bash when it needs it (single quotes; a quote inside is closed and escaped). */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * A message for bash in double quotes: `${NAME}` references expand (so a message names the pod a
 * variable holds), everything else is literal.
 */
export function shellMessage(text: string): string {
  return `"${text.replace(/[\\"`]|\$(?!\{[A-Z][A-Z0-9_]*\})/g, '\\$&')}"`;
}

/** `start-maintenance`: a target's objects move to the others (rebalance) unless `--no-rebalance`; refused for the primary. */
export function startMaintenance(id: string, rebalance: boolean): string {
  return `${MEMBERSHIP} start-maintenance ${id}${rebalance ? '' : ' --no-rebalance'} --yes`;
}

/** `stop-maintenance`: takes the node back (it must answer; a 503 is fine: aistore `ais/prxclu.go` `stopMaintenance`). */
export function stopMaintenance(id: string, rebalance: boolean): string {
  return `${MEMBERSHIP} stop-maintenance ${id}${rebalance ? '' : ' --no-rebalance'} --yes`;
}

/**
 * `decommission`: removes the node from the cluster for good (after a rebalance, for a target); the node
 * deletes its AIS metadata and, with `--rm-user-data`, every mountpath's content (aistore `fs/deleted.go`
 * `Decommission`).
 */
export function decommission(id: string, rmUserData: boolean): string {
  return `${MEMBERSHIP} decommission ${id}${rmUserData ? ' --rm-user-data' : ''} --yes`;
}

/** `set-primary` within the cluster (`cluster_hdlr.go` `setPrimaryHandler`; `--force` only joins another cluster). No prompt. */
export function setPrimary(id: string): string {
  return `ais cluster set-primary ${id}`;
}

/** `ais storage mountpath attach NODE_ID=MOUNTPATH [--label L]` (`storage_hdlr.go` `mpathAction`). No prompt. */
export function attachMountpath(idAndPath: string, label?: string): string {
  return `ais storage mountpath attach ${idAndPath}${label ? ` --label ${shellQuote(label)}` : ''}`;
}

/** `ais storage mountpath detach NODE_ID=MOUNTPATH`: resilvers the mountpath's objects onto the others first. No prompt. */
export function detachMountpath(idAndPath: string): string {
  return `ais storage mountpath detach ${idAndPath}`;
}

/**
 * `ais config cluster KEY=VALUE...` (`config_hdlr.go` `setCluConfigHandler`): leaf keys of the cluster
 * config only; the change is versioned, persisted and sent to every node. No prompt.
 */
export function configCluster(values: ReadonlyArray<readonly [string, string]>): string {
  return `ais config cluster ${values.map(([k, value]) => shellQuote(`${k}=${value}`)).join(' ')}`;
}

/** `ais advanced enable-backend PROVIDER` / `disable-backend` (`advanced_hdlr.go`): toggles a configured backend. */
export function toggleBackend(enable: boolean, provider: string): string {
  return `ais advanced ${enable ? 'enable' : 'disable'}-backend ${shellQuote(provider)}`;
}

/** `ais cluster decommission --yes`: every node removes its AIS metadata and stops (`cluster_hdlr.go` `clusterDecommissionHandler`). */
export function decommissionCluster(rmUserData: boolean): string {
  return `ais cluster decommission${rmUserData ? ' --rm-user-data' : ''} --yes`;
}

/** The cluster map as JSON (`show_hdlr.go` `showSmapHandler`; `teb.SmapHelper.forMarshal` prints the raw map). */
export const SHOW_SMAP = 'ais show cluster smap --json';
/** The cluster config as JSON. */
export const SHOW_CLUSTER_CONFIG = 'ais show config cluster --json';
/** The bucket metadata as JSON. */
export const SHOW_BMD = 'ais show cluster bmd --json';
