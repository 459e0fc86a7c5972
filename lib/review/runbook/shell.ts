import * as cli from './ais-cli';
import { shellMessage, shellQuote } from './ais-cli';
import { compareNames } from '../../k8s/name-order';
import {
  AisAction, AisNodeRef, AppName, ArgoAction, Condition, HostAction, HostPathTest, KubectlAction, Lookup, NodeName, PodName, RunbookScope, Step, isVariable,
} from './steps';

/**
 * The shell form of steps: each condition is a predicate (a command that succeeds when it holds), each
 * action a few command lines. They call small bash functions (the helpers below) rather than repeat
 * pipelines: the script defines the helpers it uses, and PLAN.md prints them once above the runbooks,
 * so every command runs as shown. What each helper reads is cited on it.
 */

/** A helper function: its bash text and the helpers it calls. */
interface Helper {
  readonly needs: readonly string[];
  readonly text: string;
}

/** The flags of a maintenance or decommission entry, as jq computes them from `flags` (jq has no bit operators). */
const JQ_NODES = '(.pmap // {}), (.tmap // {}) | .[] | select(.intra_control_net.node_ip_addr | startswith($pod + "."))';
/** jq: the entries of `$pod` in state `$state` (any, active, maintenance: Maint or Decomm set). */
const JQ_ENTRIES = `${JQ_NODES} | select($state == "any" or ((((.flags / 4) | floor) % 4 != 0) == ($state == "maintenance")))`;

const HELPERS: Readonly<Record<string, Helper>> = {
  die: { needs: [], text: 'die() { printf \'error: %s\\n\' "$*" >&2; exit 1; }' },
  confirm: {
    needs: ['die'],
    text: [
      'confirm() { # QUESTION: goes on only on an explicit yes',
      '  local answer',
      '  printf \'%s [y/N] \' "$1" >&2',
      '  read -r answer || die "no answer (stdin closed): $1"',
      '  case $answer in y|Y|yes) return 0 ;; *) die "stopped: $1 (answered \'$answer\')" ;; esac',
      '}',
    ].join('\n'),
  },
  host_exec: {
    needs: ['die', 'confirm'],
    text: [
      'host_exec() { # NODE COMMAND: runs COMMAND on NODE through the --host-exec template, or asks you to',
      '  local node=$1 command=$2',
      '  if [ -n "${HOST_EXEC:-}" ]; then',
      '    # shellcheck disable=SC2086 # the template is split into words on purpose (e.g. ssh root@{node} --)',
      '    ${HOST_EXEC//\\{node\\}/$node} "$command"',
      '  elif [ "${ASSUME_YES:-0}" = 1 ]; then',
      '    die "this step runs on node $node: pass --host-exec \'ssh root@{node} --\' (or run without --yes)"',
      '  else',
      '    printf \'On node %s, run as root:\\n    %s\\n\' "$node" "$command" >&2',
      '    confirm "Done on $node, and it succeeded?"',
      '  fi',
      '}',
    ].join('\n'),
  },
  // kubectl: pod status fields of Kubernetes 1.28 (core/v1 PodStatus, ContainerStatus.started)
  pod_ready: { needs: [], text: 'pod_ready() { [ "$(kubectl get pod -n "$1" "$2" -o jsonpath=\'{.status.conditions[?(@.type=="Ready")].status}\' 2>/dev/null)" = True ]; }' },
  pod_started: { needs: [], text: 'pod_started() { [ "$(kubectl get pod -n "$1" "$2" -o jsonpath=\'{.status.containerStatuses[?(@.name=="ais-node")].started}\' 2>/dev/null)" = true ]; }' },
  pod_on_node: { needs: [], text: 'pod_on_node() { [ "$(kubectl get pod -n "$1" "$2" -o jsonpath=\'{.spec.nodeName}\' 2>/dev/null)" = "$3" ]; }' },
  pod_absent: { needs: [], text: 'pod_absent() { [ -z "$(kubectl get pod -n "$1" "$2" --ignore-not-found -o name)" ]; }' },
  pod_updated: {
    needs: [],
    text: [
      'pod_updated() { # NAMESPACE POD: the pod runs its StatefulSet\'s update revision (controller-revision-hash label, status.updateRevision)',
      '  local owner revision',
      '  owner=$(kubectl get pod -n "$1" "$2" -o jsonpath=\'{.metadata.ownerReferences[?(@.kind=="StatefulSet")].name}\' 2>/dev/null) || return 1',
      '  revision=$(kubectl get statefulset -n "$1" "$owner" -o jsonpath=\'{.status.updateRevision}\')',
      '  [ -n "$revision" ] && [ "$(kubectl get pod -n "$1" "$2" -o jsonpath=\'{.metadata.labels.controller-revision-hash}\')" = "$revision" ]',
      '}',
    ].join('\n'),
  },
  sts_ready: {
    needs: [],
    text: [
      'sts_ready() { # NAMESPACE STATEFULSET: every replica Ready and at the update revision',
      '  kubectl get statefulset -n "$1" "$2" -o json | jq -e \'(.status.observedGeneration // 0) == .metadata.generation',
      '    and (.status.readyReplicas // 0) == .spec.replicas and (.status.updatedReplicas // 0) == .spec.replicas\' >/dev/null',
      '}',
    ].join('\n'),
  },
  pod_on: {
    needs: [],
    text: 'pod_on() { kubectl get pod -n "$1" -l "$2" --field-selector "spec.nodeName=$3" -o json | jq -r \'[.items[].metadata.name] | first // empty\'; }',
  },
  node_labels_are: {
    needs: [],
    text: [
      'node_labels_are() { # NODE KEY=VALUE|KEY-...: the node has exactly these values (KEY-: no such label)',
      '  local node=$1 labels pair',
      '  shift',
      '  labels=$(kubectl get node "$node" -o json | jq -c \'.metadata.labels\')',
      '  for pair in "$@"; do',
      '    case $pair in',
      '      *-) [ "$(jq -r --arg k "${pair%-}" \'.[$k] // "<none>"\' <<<"$labels")" = "<none>" ] || return 1 ;;',
      '      *) [ "$(jq -r --arg k "${pair%%=*}" \'.[$k] // "<none>"\' <<<"$labels")" = "${pair#*=}" ] || return 1 ;;',
      '    esac',
      '  done',
      '}',
    ].join('\n'),
  },
  live_field_is: {
    needs: [],
    text: [
      'live_field_is() { # RESOURCE NAMESPACE JSONPATH VALUE (NAMESPACE empty: cluster-scoped)',
      '  [ "$(kubectl get "$1" ${2:+-n "$2"} -o "jsonpath=$3" 2>/dev/null)" = "$4" ]',
      '}',
    ].join('\n'),
  },
  object_absent: { needs: [], text: 'object_absent() { [ -z "$(kubectl get "$1" ${2:+-n "$2"} --ignore-not-found -o name)" ]; }' },
  delete_volumes_of: {
    needs: [],
    text: [
      'delete_volumes_of() { # NAMESPACE CLAIM...: deletes the PersistentVolumes claimed by these claims (a Released volume keeps its claimRef)',
      '  local ns=$1',
      '  shift',
      '  kubectl get pv -o json | jq -r --arg ns "$ns" --args \'.items[] | select(.spec.claimRef.namespace == $ns and (.spec.claimRef.name | IN($ARGS.positional[]))) | .metadata.name\' "$@" \\',
      '    | xargs -r kubectl delete pv --ignore-not-found',
      '}',
    ].join('\n'),
  },
  release_volumes_of: {
    needs: [],
    text: [
      'release_volumes_of() { # NAMESPACE CLAIM...: makes the Released volumes of these claims Available again (drops their claimRef)',
      '  local ns=$1 pv',
      '  shift',
      '  for pv in $(kubectl get pv -o json | jq -r --arg ns "$ns" --args \'.items[] | select(.status.phase == "Released" and .spec.claimRef.namespace == $ns and (.spec.claimRef.name | IN($ARGS.positional[]))) | .metadata.name\' "$@"); do',
      '    kubectl patch pv "$pv" --type json -p \'[{"op": "remove", "path": "/spec/claimRef"}]\'',
      '  done',
      '}',
    ].join('\n'),
  },
  pdb_allows: { needs: [], text: 'pdb_allows() { [ "$(kubectl get pdb -n "$1" "$2" -o jsonpath=\'{.status.disruptionsAllowed}\')" -ge "$3" ]; }' },
  ready_proxy_not_in: {
    needs: ['ais_lookup', 'ais_flags'],
    text: [
      'ready_proxy_not_in() { # NAMESPACE SELECTOR POD...: the first Ready proxy pod (by name) not among the PODs, that AIS may elect',
      '  local ns=$1 selector=$2 pod id',
      '  shift 2',
      '  for pod in $(kubectl get pod -n "$ns" -l "$selector" -o json | jq -r \'.items[] | select(any(.status.conditions[]?; .type == "Ready" and .status == "True")) | .metadata.name\' | sort); do',
      '    case " $* " in *" $pod "*) continue ;; esac',
      '    id=$(ais_lookup "$pod" active)',
      '    # flag NonElectable = 1 (aistore core/meta/smap.go)',
      '    [ -n "$id" ] && [ $(( $(ais_flags "$pod" active) & 1 )) -eq 0 ] && { printf \'%s\\n\' "$pod"; return 0; }',
      '  done',
      '  return 1',
      '}',
    ].join('\n'),
  },
  // AIS: the cluster map as `ais show cluster smap --json` prints it (aistore core/meta/smap.go Smap, snode_wire.go Snode)
  ais_lookup: {
    needs: [],
    text: [
      'ais_lookup() { # POD [active|maintenance]: the AIS node ID of the pod, empty when none (its intra-control hostname is the pod\'s DNS name)',
      `  ${cli.SHOW_SMAP} | jq -r --arg pod "$1" --arg state "\${2:-any}" '[${JQ_ENTRIES} | .daemon_id] | first // empty'`,
      '}',
    ].join('\n'),
  },
  ais_id: {
    needs: ['ais_lookup', 'die'],
    text: [
      'ais_id() { # POD [active|maintenance]: the AIS node ID of the pod; fails when the map has none',
      '  local id',
      '  id=$(ais_lookup "$@")',
      '  [ -n "$id" ] || die "no AIS node of pod $1${2:+ ($2)} in the cluster map"',
      '  printf \'%s\\n\' "$id"',
      '}',
    ].join('\n'),
  },
  ais_flags: {
    needs: [],
    text: [
      'ais_flags() { # POD [active|maintenance]: the flags of its cluster-map entry (NonElectable=1, Maint=4, Decomm=8, MaintPostReb=16)',
      `  ${cli.SHOW_SMAP} | jq -r --arg pod "$1" --arg state "\${2:-any}" '[${JQ_ENTRIES} | .flags] | first // empty'`,
      '}',
    ].join('\n'),
  },
  ais_flags_are: {
    needs: ['ais_flags'],
    text: [
      'ais_flags_are() { # POD STATE none|maintenance|maintenancePostRebalance',
      '  local flags',
      '  flags=$(ais_flags "$1" "$2")',
      '  [ -n "$flags" ] || return 1',
      '  case $3 in',
      '    none) [ $((flags & 28)) -eq 0 ] ;;',
      '    maintenance) [ $((flags & 4)) -ne 0 ] ;;',
      '    maintenancePostRebalance) [ $((flags & 16)) -ne 0 ] ;;',
      '  esac',
      '}',
    ].join('\n'),
  },
  ais_present: { needs: ['ais_lookup'], text: 'ais_present() { [ -n "$(ais_lookup "$@")" ]; }' },
  ais_absent: { needs: ['ais_lookup'], text: 'ais_absent() { [ -z "$(ais_lookup "$@")" ]; }' },
  ais_healthy: {
    needs: [],
    text: [
      'ais_healthy() { # PROXIES TARGETS: the map has exactly these, none in maintenance or decommission',
      `  ${cli.SHOW_SMAP} | jq -e --argjson p "$1" --argjson t "$2" '((.pmap // {}) | length) == $p and ((.tmap // {}) | length) == $t`,
      '    and ([(.pmap // {}), (.tmap // {}) | .[] | select(((.flags / 4) | floor) % 8 != 0)] | length) == 0\' >/dev/null',
      '}',
    ].join('\n'),
  },
  ais_count: {
    needs: [],
    text: `ais_count() { [ "$(${cli.SHOW_SMAP} | jq --arg role "$1" '[(if $role == "proxy" then .pmap else .tmap end) // {} | .[]] | length')" -ge "$2" ]; }`,
  },
  primary_pod: {
    needs: [],
    text: `primary_pod() { ${cli.SHOW_SMAP} | jq -r '.proxy_si.intra_control_net.node_ip_addr | split(".")[0]'; }`,
  },
  primary_not_in: {
    needs: ['primary_pod'],
    text: [
      'primary_not_in() { # POD...: the primary runs in none of them',
      '  local primary pod',
      '  primary=$(primary_pod)',
      '  for pod in "$@"; do [ "$primary" != "$pod" ] || return 1; done',
      '}',
    ].join('\n'),
  },
  primary_reachable: {
    needs: [],
    text: [
      'primary_reachable() { # the CLI sends every request that needs a node to the primary\'s public URL (aistore cmd/cli/cli/smap.go getClusterMap)',
      '  local primary',
      `  primary=$(${cli.SHOW_SMAP} | jq -r '.proxy_si.daemon_id') || return 1`,
      '  timeout 30 ais show cluster smap "$primary" --json >/dev/null 2>&1',
      '}',
    ].join('\n'),
  },
  no_rebalance: {
    needs: [],
    text: [
      'no_rebalance() { # ais show rebalance: "not running" or the last one "completed" (aistore cmd/cli/cli/reb_hdlr.go showRebalanceHandler)',
      '  local out',
      '  out=$(ais show rebalance 2>&1) || return 1',
      '  case $out in *"not running"*|*completed*) return 0 ;; *) return 1 ;; esac',
      '}',
    ].join('\n'),
  },
  mountpaths_are: {
    needs: ['ais_lookup'],
    text: [
      'mountpaths_are() { # POD STATE PATH...: the target\'s available mountpaths are exactly these, none waiting to detach (apc.MountpathList)',
      '  local id pod=$1 state=$2',
      '  shift 2',
      '  id=$(ais_lookup "$pod" "$state")',
      '  [ -n "$id" ] || return 1',
      '  [ "$(ais show storage mountpath "$id" --json | jq -r \'.[0].Mpl | select((.waiting_dd // []) | length == 0) | (.available // []) | sort | join(" ")\')" \\',
      '    = "$(printf \'%s\\n\' "$@" | sort | paste -sd \' \' -)" ]',
      '}',
    ].join('\n'),
  },
  cluster_config_is: {
    needs: [],
    text: `cluster_config_is() { [ "$(${cli.SHOW_CLUSTER_CONFIG} | jq -r --arg k "$1" 'getpath($k | split(".")) | tostring')" = "$2" ]; }`,
  },
  ais_set_config_json: {
    needs: [],
    text: [
      'ais_set_config_json() { # JSON: the REST set-config action with a partial cluster config, sent to the primary (aistore api/cluster.go SetClusterConfigUsingMsg)',
      '  local url',
      `  url=$(${cli.SHOW_SMAP} | jq -r '.proxy_si.public_net.direct_url')`,
      '  # AIS_CURL_ARGS: extra curl options, e.g. --cacert ca.crt, or -H "Authorization: Bearer $TOKEN" with AuthN',
      '  # shellcheck disable=SC2086 # split on purpose',
      '  curl -fsS ${AIS_CURL_ARGS:-} -X PUT -H \'Content-Type: application/json\' "$url/v1/cluster" -d "{\\"action\\":\\"set-config\\",\\"value\\":$1}"',
      '}',
    ].join('\n'),
  },
  ais_backup: {
    needs: [],
    text: [
      'ais_backup() { # DIRECTORY: cluster config, cluster map and bucket metadata as JSON (aistore docs/configuration.md, Upgrades and metadata backup)',
      '  mkdir -p "$1"',
      `  ${cli.SHOW_CLUSTER_CONFIG} >"$1/cluster-config.json"`,
      `  ${cli.SHOW_SMAP} >"$1/smap.json"`,
      `  ${cli.SHOW_BMD} >"$1/bmd.json"`,
      '}',
    ].join('\n'),
  },
  // Argo CD: `argocd app get -o json` (the Application object)
  argo_automated: {
    needs: [],
    text: 'argo_automated() { [ "$(argocd app get "$1" -o json | jq -r \'.spec.syncPolicy.automated != null\')" = "$2" ]; }',
  },
  argo_synced_healthy: {
    needs: [],
    text: 'argo_synced_healthy() { argocd app get "$1" -o json | jq -e \'.status.sync.status == "Synced" and .status.health.status == "Healthy"\' >/dev/null; }',
  },
};

/** The helpers named, with the helpers they call, in a stable order. */
export function helperClosure(names: Iterable<string>): string[] {
  const all = new Set<string>();
  const add = (name: string) => {
    if (all.has(name)) return;
    const helper = HELPERS[name];
    if (!helper) throw new Error(`no shell helper ${name}`);
    all.add(name);
    helper.needs.forEach(add);
  };
  for (const name of names) add(name);
  return Object.keys(HELPERS).filter((name) => all.has(name));
}

/** The bash text of helpers (with the helpers they call). */
export function helperText(names: Iterable<string>): string {
  return helperClosure(names).map((name) => HELPERS[name].text).join('\n');
}

/** Every helper, for PLAN.md. */
export const ALL_HELPERS: readonly string[] = Object.keys(HELPERS);

/** A pod name as a shell word (a variable is quoted: `"$TARGET_POD"`). */
export function podWord(pod: PodName): string {
  return isVariable(pod) ? `"$${pod.var}"` : shellQuote(pod);
}

/** A node name as a shell word. */
export function nodeWord(node: NodeName): string {
  return isVariable(node) ? `"$${node.var}"` : shellQuote(node);
}

/** A host path, where `${NAME}` names a variable: literal words single-quoted, with a variable double-quoted. */
export function pathWord(path: string): string {
  return /\$\{[A-Z]/.test(path) ? shellMessage(path) : shellQuote(path);
}

/** An Application name as a shell word. */
export function appWord(app: AppName): string {
  return isVariable(app) ? `"$${app.var}"` : shellQuote(app);
}

const describePod = (pod: PodName) => (isVariable(pod) ? `${'$'}{${pod.var}}` : pod);
const describeApp = (app: AppName) => (isVariable(app) ? `${'$'}{${app.var}}` : app);
const describeRef = (ref: AisNodeRef) => `${describePod(ref.pod)}${ref.state ? ` (${ref.state})` : ''}`;

/** Collects the helpers a piece of shell calls. */
export class ShellWriter {
  readonly helpers = new Set<string>();
  readonly tools = new Set<string>();

  constructor(readonly scope: RunbookScope) {}

  private use(...names: string[]): void {
    for (const name of names) this.helpers.add(name);
  }

  private selector(role: 'proxy' | 'target'): string {
    const selector = this.scope.podSelectors?.[role];
    if (!selector) throw new Error(`runbook scope has no ${role} pod selector`);
    return selector;
  }

  /** A shell command that succeeds when the condition holds. */
  predicate(condition: Condition): string {
    const ns = shellQuote(this.scope.namespace);
    const ref = (r: AisNodeRef) => `${podWord(r.pod)} ${r.state ?? 'any'}`;
    switch (condition.kind) {
      case 'podReady': this.kube(); this.use('pod_ready'); return `pod_ready ${ns} ${podWord(condition.pod)}`;
      case 'podStarted': this.kube(); this.use('pod_started'); return `pod_started ${ns} ${podWord(condition.pod)}`;
      case 'podOnNode': this.kube(); this.use('pod_on_node'); return `pod_on_node ${ns} ${podWord(condition.pod)} ${nodeWord(condition.node)}`;
      case 'podUpdated': this.kube(); this.use('pod_updated'); return `pod_updated ${ns} ${podWord(condition.pod)}`;
      case 'podAbsent': this.kube(); this.use('pod_absent'); return `pod_absent ${ns} ${podWord(condition.pod)}`;
      case 'statefulSetReady': this.kube(); this.jq(); this.use('sts_ready'); return `sts_ready ${ns} ${shellQuote(condition.name)}`;
      case 'nodeLabels':
        this.kube(); this.jq(); this.use('node_labels_are');
        return `node_labels_are ${nodeWord(condition.node)} ${Object.entries(condition.labels).sort(([a], [b]) => compareNames(a, b))
          .map(([k, value]) => shellQuote(value === null ? `${k}-` : `${k}=${value}`)).join(' ')}`;
      case 'liveField':
        this.kube(); this.use('live_field_is');
        return `live_field_is ${shellQuote(condition.resource)} ${condition.namespace ? shellQuote(condition.namespace) : "''"} ${shellQuote(condition.jsonPath)} ${shellQuote(condition.value)}`;
      case 'objectAbsent':
        this.kube(); this.use('object_absent');
        return `object_absent ${shellQuote(condition.resource)} ${condition.namespace ? shellQuote(condition.namespace) : "''"}`;
      case 'pdbAllows': this.kube(); this.use('pdb_allows'); return `pdb_allows ${ns} ${shellQuote(condition.name)} ${condition.count}`;
      case 'aisPresent': this.ais(); this.use('ais_present'); return `ais_present ${ref(condition.node)}`;
      case 'aisAbsent': this.ais(); this.use('ais_absent'); return `ais_absent ${ref(condition.node)}`;
      case 'aisFlags': this.ais(); this.use('ais_flags_are'); return `ais_flags_are ${ref(condition.node)} ${condition.flags}`;
      case 'aisHealthy': this.ais(); this.use('ais_healthy'); return `ais_healthy ${condition.proxies} ${condition.targets}`;
      case 'aisCount': this.ais(); this.use('ais_count'); return `ais_count ${condition.role} ${condition.atLeast}`;
      case 'primaryNotIn': this.ais(); this.use('primary_not_in'); return `primary_not_in ${condition.pods.map(podWord).join(' ')}`;
      case 'primaryReachable': this.ais(); this.use('primary_reachable'); return 'primary_reachable';
      case 'noRebalance': this.ais(); this.use('no_rebalance'); return 'no_rebalance';
      case 'mountpaths': this.ais(); this.use('mountpaths_are'); return `mountpaths_are ${ref(condition.node)} ${condition.paths.map(shellQuote).join(' ')}`;
      case 'clusterConfig': this.ais(); this.use('cluster_config_is'); return `cluster_config_is ${shellQuote(condition.key)} ${shellQuote(condition.value)}`;
      case 'argoAutomated': this.argo(); this.use('argo_automated'); return `argo_automated ${appWord(condition.app)} ${condition.automated}`;
      case 'argoSyncedHealthy': this.argo(); this.use('argo_synced_healthy'); return `argo_synced_healthy ${appWord(condition.app)}`;
      case 'hostPath': this.use('host_exec'); return `host_exec ${nodeWord(condition.node)} ${commandWord(hostTest(condition.test, condition.path))}`;
      case 'not': return `! ${this.predicate(condition.condition)}`;
      case 'all': return `{ ${condition.conditions.map((c) => this.predicate(c)).join(' && ')}; }`;
    }
  }

  /** The command line that stores a lookup's result in a variable. */
  lookup(variable: string, lookup: Lookup): string {
    const ns = shellQuote(this.scope.namespace);
    switch (lookup.kind) {
      case 'podOnNode': this.kube(); this.jq(); this.use('pod_on'); return `${variable}=$(pod_on ${ns} ${shellQuote(this.selector(lookup.role))} ${shellQuote(lookup.node)})`;
      case 'primaryPod': this.ais(); this.use('primary_pod'); return `${variable}=$(primary_pod)`;
      case 'nodeOfPod': this.kube(); return `${variable}=$(kubectl get pod -n ${ns} ${podWord(lookup.pod)} -o jsonpath='{.spec.nodeName}')`;
      case 'proxyNotIn':
        this.ais(); this.kube(); this.use('ready_proxy_not_in', 'ais_flags');
        return `${variable}=$(ready_proxy_not_in ${ns} ${shellQuote(this.selector('proxy'))} ${lookup.pods.map(podWord).join(' ')})`;
    }
  }

  /** The command lines of an action step (everything but check, resolve, wait, manual, forEach). */
  commands(step: Step): string[] {
    switch (step.kind) {
      case 'kubectl':
        this.kube();
        if (step.action.verb === 'deleteVolumesOf') { this.jq(); this.use('delete_volumes_of'); }
        if (step.action.verb === 'releaseVolumesOf') { this.jq(); this.use('release_volumes_of'); }
        return [kubectl(step.action)];
      case 'ais': this.ais(); return this.aisCommands(step.action);
      case 'argocd': this.argo(); return [argocd(step.action)];
      case 'host': this.use('host_exec'); return [`host_exec ${nodeWord(step.node)} ${commandWord(hostCommand(step.action))}`];
      case 'command': return [...step.commands];
      default: throw new Error(`no commands for a ${step.kind} step`);
    }
  }

  private aisCommands(action: AisAction): string[] {
    const id = (ref: AisNodeRef): string[] => {
      this.use('ais_id');
      return [`node_id=$(ais_id ${podWord(ref.pod)} ${ref.state ?? 'any'})`];
    };
    switch (action.verb) {
      case 'startMaintenance': return [...id(action.node), cli.startMaintenance('"$node_id"', action.rebalance)];
      case 'stopMaintenance': return [...id(action.node), cli.stopMaintenance('"$node_id"', action.rebalance)];
      case 'decommission': return [...id(action.node), cli.decommission('"$node_id"', action.rmUserData)];
      case 'setPrimary': return [...id(action.node), cli.setPrimary('"$node_id"')];
      case 'attachMountpath': return [...id(action.node), cli.attachMountpath(`"$node_id=${action.path}"`, action.label)];
      case 'detachMountpath': return [...id(action.node), cli.detachMountpath(`"$node_id=${action.path}"`)];
      case 'configCluster': return [cli.configCluster(action.values)];
      case 'setConfigJson': this.tools.add('curl'); this.use('ais_set_config_json'); return [`ais_set_config_json ${shellQuote(JSON.stringify(action.value))}`];
      case 'enableBackend': return [cli.toggleBackend(true, action.provider)];
      case 'disableBackend': return [cli.toggleBackend(false, action.provider)];
      case 'decommissionCluster': return [cli.decommissionCluster(action.rmUserData)];
      case 'backupMetadata': this.use('ais_backup'); return [`ais_backup ${shellQuote(action.directory)}`];
    }
  }

  private kube(): void { this.tools.add('kubectl'); }
  private jq(): void { this.tools.add('jq'); }
  private ais(): void { this.tools.add('ais'); this.tools.add('jq'); }
  private argo(): void { this.tools.add('argocd'); this.tools.add('jq'); }
}

/** A kubectl command line. */
export function kubectl(action: KubectlAction): string {
  switch (action.verb) {
    case 'deletePod': return `kubectl delete pod -n ${shellQuote(action.namespace)} ${podWord(action.pod)} --ignore-not-found`;
    case 'label': return `kubectl label node ${nodeWord(action.node)} ${Object.entries(action.labels).sort(([a], [b]) => compareNames(a, b)).map(([k, value]) => shellQuote(`${k}=${value}`)).join(' ')} --overwrite`;
    case 'unlabel': return `kubectl label node ${nodeWord(action.node)} ${[...action.keys].sort().map((k) => shellQuote(`${k}-`)).join(' ')}`;
    case 'cordon': return `kubectl cordon ${nodeWord(action.node)}`;
    case 'uncordon': return `kubectl uncordon ${nodeWord(action.node)}`;
    case 'drain': return `kubectl drain ${nodeWord(action.node)} --ignore-daemonsets --delete-emptydir-data --timeout=1800s`;
    case 'delete': return `kubectl delete ${shellQuote(action.resource)}${action.namespace ? ` -n ${shellQuote(action.namespace)}` : ''} ${action.names.map((n) => (isVariable(n) ? podWord(n) : pathWord(n))).join(' ')} --ignore-not-found${action.wait === false ? ' --wait=false' : ''}`;
    case 'releaseVolumesOf': return `release_volumes_of ${shellQuote(action.namespace)} ${action.claims.map(pathWord).join(' ')}`;
    case 'untrack': {
      const target = `${shellQuote(action.resource)}${action.namespace ? ` -n ${shellQuote(action.namespace)}` : ''} ${action.names.map(shellQuote).join(' ')}`;
      return `kubectl label ${target} app.kubernetes.io/instance- && kubectl annotate ${target} argocd.argoproj.io/tracking-id-`;
    }
    case 'deleteVolumesOf': return `delete_volumes_of ${shellQuote(action.namespace)} ${action.claims.map(pathWord).join(' ')}`;
    case 'orphanStatefulSet': return `kubectl delete statefulset -n ${shellQuote(action.namespace)} ${shellQuote(action.name)} --cascade=orphan`;
  }
}

/** An argocd command line (argo-cd v2.10 and v3.1 `cmd/argocd/commands/app.go`, `cmd/util/app.go` `SetAppSpecOptions`). */
export function argocd(action: ArgoAction): string {
  switch (action.verb) {
    case 'suspend': return `argocd app set ${appWord(action.app)} --sync-policy none`;
    case 'resume': return `argocd app set ${appWord(action.app)} --sync-policy automated${action.policy.prune ? ' --auto-prune' : ''}${action.policy.selfHeal ? ' --self-heal' : ''}`;
    case 'sync': return `argocd app sync ${appWord(action.app)}${action.prune ? ' --prune' : ''}${action.async ? ' --async' : ' --timeout 1800'}`;
  }
}

/** The shell test of a host path. */
export function hostTest(test: HostPathTest, path: string): string {
  const p = hostPathWord(path);
  switch (test) {
    case 'mounted': return `mountpoint -q ${p}`;
    case 'directory': return `test -d ${p}`;
    // no AIS volume metadata and no node ID (aistore cmn/fname/fname.go .ais.vmd; fs/xattr_unix.go user.ais.daemon_id)
    case 'fresh': return `test ! -e ${p}/.ais.vmd && ! getfattr --absolute-names -n user.ais.daemon_id ${p} >/dev/null 2>&1`;
  }
}

/** A path in a host command: a variable in it (`${NAME}`) is expanded by the admin's shell before the command goes to the node. */
const hostPathWord = (path: string) => (/\$\{[A-Z]/.test(path) ? path : shellQuote(path));

/** A host command as one shell word: double-quoted when it names a variable (expanded before it reaches the node). */
export function commandWord(command: string): string {
  return /\$\{[A-Z]/.test(command) ? shellMessage(command) : shellQuote(command);
}

/** The shell command of a host action (run as root on the node). */
export function hostCommand(action: HostAction): string {
  switch (action.verb) {
    // only on the mounted filesystem: a marker on the root disk would let the target write there
    case 'mkdirMarker': return action.paths.map((p) => `mountpoint -q ${hostPathWord(p)} && mkdir -p ${hostPathWord(`${p}/${action.marker}`)}`).join(' && ');
    case 'mkdir': return `mkdir -p ${hostPathWord(action.path)}`;
    case 'wipeMountpath': {
      const p = hostPathWord(action.path);
      const keep = action.marker ? ` ! -name ${shellQuote(action.marker)}` : '';
      return `mountpoint -q ${p} && find ${p} -mindepth 1 -maxdepth 1${keep} -exec rm -rf {} + && { setfattr -x user.ais.daemon_id ${p} 2>/dev/null || true; }`;
    }
    case 'removeStateDirs': return action.paths.map((p) => `{ test ! -e ${hostPathWord(p)} || find ${hostPathWord(p)} -mindepth 1 -delete; }`).join(' && ');
    case 'copyStateDir': return `cp -a ${hostPathWord(`${action.from}/.`)} ${hostPathWord(`${action.to}/`)}`;
    case 'backupMetadata': {
      const files = [...action.statePaths, ...action.mountpaths.map((m) => `${m}/.ais.*`)].join(' ');
      const xattrs = action.mountpaths.map((m) => `getfattr -d -m '^user\\.ais\\.' ${shellQuote(m)}`).join('; ');
      return `{ ${xattrs}; } >${shellQuote(`${action.archive}.xattrs`)} 2>/dev/null; tar czf ${shellQuote(action.archive)} ${files} ${shellQuote(`${action.archive}.xattrs`)}`;
    }
    case 'unmount': return `umount ${hostPathWord(action.path)}`;
  }
}

/** One line describing a condition, for messages. */
export function describeCondition(condition: Condition): string {
  switch (condition.kind) {
    case 'podReady': return `pod ${describePod(condition.pod)} Ready`;
    case 'podStarted': return `pod ${describePod(condition.pod)} started`;
    case 'podOnNode': return `pod ${describePod(condition.pod)} on ${describePod(condition.node)}`;
    case 'podUpdated': return `pod ${describePod(condition.pod)} at its StatefulSet's update revision`;
    case 'podAbsent': return `pod ${describePod(condition.pod)} gone`;
    case 'statefulSetReady': return `StatefulSet ${condition.name} Ready and updated`;
    case 'nodeLabels': return `node ${describePod(condition.node)} labels ${Object.entries(condition.labels).map(([k, value]) => (value === null ? `${k}-` : `${k}=${value}`)).join(' ')}`;
    case 'liveField': return `${condition.resource} ${condition.jsonPath} = ${condition.value}`;
    case 'objectAbsent': return `${condition.resource} gone`;
    case 'pdbAllows': return `PodDisruptionBudget ${condition.name} allows ${condition.count} disruption${condition.count === 1 ? '' : 's'}`;
    case 'aisPresent': return `AIS node of ${describeRef(condition.node)} in the cluster map`;
    case 'aisAbsent': return `AIS node of ${describeRef(condition.node)} out of the cluster map`;
    case 'aisFlags': return `AIS node of ${describeRef(condition.node)} flags ${condition.flags}`;
    case 'aisHealthy': return `cluster map: ${condition.proxies} proxies and ${condition.targets} targets, none in maintenance`;
    case 'aisCount': return `at least ${condition.atLeast} ${condition.role === 'proxy' ? 'proxies' : 'targets'} in the cluster map`;
    case 'primaryNotIn': return `primary not in ${condition.pods.map(describePod).join(', ')}`;
    case 'primaryReachable': return 'primary reachable at its public URL';
    case 'noRebalance': return 'no rebalance running';
    case 'mountpaths': return `mountpaths of ${describeRef(condition.node)} = ${condition.paths.join(', ')}`;
    case 'clusterConfig': return `cluster config ${condition.key} = ${condition.value}`;
    case 'argoAutomated': return `Application ${describeApp(condition.app)} ${condition.automated ? 'automated' : 'not automated'}`;
    case 'argoSyncedHealthy': return `Application ${describeApp(condition.app)} Synced and Healthy`;
    case 'hostPath': return `${condition.path} ${condition.test} on ${describePod(condition.node)}`;
    case 'not': return `not (${describeCondition(condition.condition)})`;
    case 'all': return condition.conditions.map(describeCondition).join(' and ');
  }
}
