/**
 * Runbooks as data. A runbook is an ordered list of typed steps; the change review prints it
 * (render-text), PLAN.md carries it (render-markdown), synth writes it as a bash script beside the
 * output (render-bash), and the test suite executes the same steps in a simulator of Kubernetes,
 * Argo CD and AIS. No step sleeps: time passes only in a `wait`, which has a timeout.
 *
 * Every step names real objects (pods, nodes, PersistentVolumes, Applications); what is known only at
 * run time (the pod that runs on a node, an AIS node ID) is looked up by a `resolve` step into a
 * shell variable, or found in the cluster map by pod name when a command needs it.
 */

import type { AisRole } from '../../ais/workloads/daemon-pod';

export type { AisRole };

/** A shell variable holding a value found at run time (set by a `resolve` step or a `forEach`). */
export interface Variable {
  /** the variable's name: upper case letters, digits and `_` */
  readonly var: string;
}

/** A pod, by name or by the variable holding its name. */
export type PodName = string | Variable;

/** A Kubernetes node, by name or by the variable holding it. */
export type NodeName = string | Variable;

/** An Argo CD Application, by name or by the variable holding it (the script's `--app`). */
export type AppName = string | Variable;

/**
 * An AIS node, found in the cluster map by the pod that runs (or ran) it: its intra-control hostname
 * is the pod's DNS name (`<pod>.<service>.<namespace>.svc.<domain>`, written by ais-init), the test
 * the AIS operator uses too (ais-k8s `proxy_controller.go` `hostnameMatchesPod`).
 */
export interface AisNodeRef {
  readonly pod: PodName;
  /**
   * Which entry, when the map holds two for one pod: the one in maintenance (the ID of a target whose
   * disks are gone, kept by the primary: aistore `ais/kalive.go`) or the active one.
   * @default - the entry of that pod, whichever it is
   */
  readonly state?: 'active' | 'maintenance';
}

/** What a `resolve` step looks up. */
export type Lookup =
  /** the name of the pod of an AIS role running on a node (empty when none runs there) */
  | { readonly kind: 'podOnNode'; readonly role: AisRole; readonly node: string }
  /** the pod running the primary proxy */
  | { readonly kind: 'primaryPod' }
  /** a Ready, electable proxy pod not among `pods` (the first by name): the primary's next home */
  | { readonly kind: 'proxyNotIn'; readonly pods: readonly PodName[] }
  /** the node a pod runs on */
  | { readonly kind: 'nodeOfPod'; readonly pod: PodName };

/** The AIS flags a condition can ask for (aistore `core/meta/smap.go`: Maint=4, Decomm=8, MaintPostReb=16). */
export type AisFlags = 'none' | 'maintenance' | 'maintenancePostRebalance';

/** A fact about the live system that holds or not; each has a shell predicate and a simulator rule. */
export type Condition =
  /** Running and Ready */
  | { readonly kind: 'podReady'; readonly pod: PodName }
  /** its aisnode container passed its startup probe (Ready or not: a target in maintenance is never Ready) */
  | { readonly kind: 'podStarted'; readonly pod: PodName }
  /** scheduled on that node */
  | { readonly kind: 'podOnNode'; readonly pod: PodName; readonly node: NodeName }
  /** created from its StatefulSet's current template (the update revision) */
  | { readonly kind: 'podUpdated'; readonly pod: PodName }
  /** no such pod */
  | { readonly kind: 'podAbsent'; readonly pod: PodName }
  /** every replica Ready and at the update revision */
  | { readonly kind: 'statefulSetReady'; readonly name: string }
  /** the node's labels: a value, or `null` for absent */
  | { readonly kind: 'nodeLabels'; readonly node: NodeName; readonly labels: Readonly<Record<string, string | null>> }
  /** a field of a live object (`kubectl get <resource> -o jsonpath=...`) has this value: a fingerprint */
  | { readonly kind: 'liveField'; readonly resource: string; readonly namespace?: string; readonly jsonPath: string; readonly value: string }
  /** no such object */
  | { readonly kind: 'objectAbsent'; readonly resource: string; readonly namespace?: string }
  /** the PodDisruptionBudget allows this many more disruptions */
  | { readonly kind: 'pdbAllows'; readonly name: string; readonly count: number }
  /** the node is in the cluster map */
  | { readonly kind: 'aisPresent'; readonly node: AisNodeRef }
  /** the node is not in the cluster map */
  | { readonly kind: 'aisAbsent'; readonly node: AisNodeRef }
  /** the node's maintenance flags */
  | { readonly kind: 'aisFlags'; readonly node: AisNodeRef; readonly flags: AisFlags }
  /** the cluster map has exactly this many proxies and targets, none in maintenance or decommission */
  | { readonly kind: 'aisHealthy'; readonly proxies: number; readonly targets: number }
  /** the cluster map has at least this many nodes of a role */
  | { readonly kind: 'aisCount'; readonly role: AisRole; readonly atLeast: number }
  /** the primary proxy does not run in any of these pods */
  | { readonly kind: 'primaryNotIn'; readonly pods: readonly PodName[] }
  /** the primary answers through the URL the CLI follows (the primary's public URL) */
  | { readonly kind: 'primaryReachable' }
  /** no global rebalance runs */
  | { readonly kind: 'noRebalance' }
  /** the target's enabled mountpaths are exactly these */
  | { readonly kind: 'mountpaths'; readonly node: AisNodeRef; readonly paths: readonly string[] }
  /** a key of the cluster config has this value (as `ais config cluster KEY --json` prints it) */
  | { readonly kind: 'clusterConfig'; readonly key: string; readonly value: string }
  /** the Application syncs automatically (or not) */
  | { readonly kind: 'argoAutomated'; readonly app: AppName; readonly automated: boolean }
  /** the Application is Synced and Healthy */
  | { readonly kind: 'argoSyncedHealthy'; readonly app: AppName }
  /** a test on a node's filesystem, run through the host-exec template */
  | { readonly kind: 'hostPath'; readonly node: NodeName; readonly path: string; readonly test: HostPathTest }
  /** the condition does not hold */
  | { readonly kind: 'not'; readonly condition: Condition }
  /** all of them hold */
  | { readonly kind: 'all'; readonly conditions: readonly Condition[] };

/**
 * `mounted`: a filesystem is mounted there (`mountpoint -q`); `directory`: it exists;
 * `fresh`: no AIS volume metadata (`.ais.vmd`) and no AIS node ID (`user.ais.daemon_id` xattr).
 */
export type HostPathTest = 'mounted' | 'directory' | 'fresh';

/** What a `kubectl` step does. */
export type KubectlAction =
  | { readonly verb: 'deletePod'; readonly namespace: string; readonly pod: PodName }
  /** label a Node (overwriting) */
  | { readonly verb: 'label'; readonly node: NodeName; readonly labels: Readonly<Record<string, string>> }
  /** remove labels from a Node */
  | { readonly verb: 'unlabel'; readonly node: NodeName; readonly keys: readonly string[] }
  | { readonly verb: 'cordon'; readonly node: NodeName }
  | { readonly verb: 'uncordon'; readonly node: NodeName }
  /** evict the node's pods (obeys PodDisruptionBudgets) */
  | { readonly verb: 'drain'; readonly node: NodeName }
  /**
   * delete objects by name (`kubectl delete <resource> [-n ns] names... --ignore-not-found`; a name may hold a
   * variable as `${NAME}`); `wait: false` returns at once (a claim stays Terminating while a pod uses it)
   */
  | { readonly verb: 'delete'; readonly resource: string; readonly namespace?: string; readonly names: readonly PodName[]; readonly wait?: boolean }
  /**
   * stop Argo CD tracking objects the output no longer has but keeps (Prune=false): an extraneous tracked
   * object keeps the Application OutOfSync (argo-cd controller/state.go); drops Argo CD's tracking label
   * (`app.kubernetes.io/instance`) and annotation (`argocd.argoproj.io/tracking-id`), whichever the
   * installation uses
   */
  | { readonly verb: 'untrack'; readonly resource: string; readonly namespace?: string; readonly names: readonly string[] }
  /**
   * make the Released PersistentVolumes of these claims Available again (their claim reference removed), so a new
   * claim binds them: a Released volume is never bound again (Retain reclaim policy)
   */
  | { readonly verb: 'releaseVolumesOf'; readonly namespace: string; readonly claims: readonly string[] }
  /** delete the PersistentVolumes whose claim reference names one of these claims (Released volumes keep it) */
  | { readonly verb: 'deleteVolumesOf'; readonly namespace: string; readonly claims: readonly string[] }
  /** delete a StatefulSet but keep its pods (`--cascade=orphan`): the next sync recreates it, and it adopts them */
  | { readonly verb: 'orphanStatefulSet'; readonly namespace: string; readonly name: string };

/** What an `ais` step does (the AIS CLI of v4.9; lib/review/runbook/ais-cli.ts spells it). */
export type AisAction =
  | { readonly verb: 'startMaintenance'; readonly node: AisNodeRef; readonly rebalance: boolean }
  | { readonly verb: 'stopMaintenance'; readonly node: AisNodeRef; readonly rebalance: boolean }
  | { readonly verb: 'decommission'; readonly node: AisNodeRef; readonly rmUserData: boolean }
  | { readonly verb: 'setPrimary'; readonly node: AisNodeRef }
  | { readonly verb: 'attachMountpath'; readonly node: AisNodeRef; readonly path: string; readonly label?: string }
  | { readonly verb: 'detachMountpath'; readonly node: AisNodeRef; readonly path: string }
  /** `ais config cluster KEY=VALUE...` */
  | { readonly verb: 'configCluster'; readonly values: ReadonlyArray<readonly [string, string]> }
  /** the REST `set-config` action with a partial cluster config (for keys the CLI does not take, e.g. `backend`) */
  | { readonly verb: 'setConfigJson'; readonly value: Readonly<Record<string, unknown>> }
  | { readonly verb: 'enableBackend'; readonly provider: string }
  | { readonly verb: 'disableBackend'; readonly provider: string }
  /** every node removes its AIS metadata and stops */
  | { readonly verb: 'decommissionCluster'; readonly rmUserData: boolean }
  /** saves the cluster config, the cluster map and the bucket metadata as JSON into a local folder */
  | { readonly verb: 'backupMetadata'; readonly directory: string };

/** The sync policy of an Application (Git's), to restore after a runbook. */
export interface ArgoSyncPolicy {
  readonly prune: boolean;
  readonly selfHeal: boolean;
}

/** What an `argocd` step does. */
export type ArgoAction =
  /** stop automated sync (`--sync-policy none`) */
  | { readonly verb: 'suspend'; readonly app: AppName }
  /** restore automated sync as Git has it */
  | { readonly verb: 'resume'; readonly app: AppName; readonly policy: ArgoSyncPolicy }
  /** sync now; `async` returns once the sync started (a later `wait` follows) */
  | { readonly verb: 'sync'; readonly app: AppName; readonly prune: boolean; readonly async: boolean };

/**
 * What a `host` step does on a node (through the script's `--host-exec` template, or by hand). Paths may
 * name a variable as `${NAME}` (e.g. a pod's state directory).
 */
export type HostAction =
  /** the disk marker directory on each mounted mountpath (the targets' `disk-check` hostPath volumes need it) */
  | { readonly verb: 'mkdirMarker'; readonly paths: readonly string[]; readonly marker: string }
  /** a directory (e.g. the AIS state directory) */
  | { readonly verb: 'mkdir'; readonly path: string }
  /** empties a mountpath, keeping the marker */
  | { readonly verb: 'wipeMountpath'; readonly path: string; readonly marker?: string }
  /** removes the contents of AIS state directories */
  | { readonly verb: 'removeStateDirs'; readonly paths: readonly string[] }
  /** copies the contents of one state directory into another, keeping owners and modes (`cp -a FROM/. TO/`) */
  | { readonly verb: 'copyStateDir'; readonly from: string; readonly to: string }
  /** archives the AIS metadata of the node (state directories, `.ais.*` files and `user.ais.*` xattrs of each mountpath) */
  | { readonly verb: 'backupMetadata'; readonly statePaths: readonly string[]; readonly mountpaths: readonly string[]; readonly archive: string }
  | { readonly verb: 'unmount'; readonly path: string };

/** Fields every step has. */
export interface StepBase {
  /** short id, unique in the runbook (`start-maintenance-old`), used by tests and in messages */
  readonly id: string;
  /** what it does, with the real names */
  readonly title: string;
  /** why it is needed: what goes wrong without it */
  readonly why?: string;
  /** the upstream functions or documents it relies on (`aistore ais/prxclu.go rmNode`) */
  readonly cite?: readonly string[];
  /**
   * Run only when this holds just before the step (e.g. move the primary only if it is among the pods).
   * @default - always
   */
  readonly when?: Condition;
  /**
   * Steps with the same group may run in any order among themselves.
   * @default - none: order matters
   */
  readonly group?: string;
}

/** A condition that must hold to go on: checked once, the runbook stops when it does not hold. */
export interface CheckStep extends StepBase {
  readonly kind: 'check';
  readonly condition: Condition;
  /** what is wrong and what to do, when it does not hold */
  readonly failMessage: string;
}

/** Looks a value up into a shell variable. */
export interface ResolveStep extends StepBase {
  readonly kind: 'resolve';
  readonly variable: string;
  readonly lookup: Lookup;
}

/** Waits until a condition holds, polling; fails after the timeout. */
export interface WaitStep extends StepBase {
  readonly kind: 'wait';
  readonly condition: Condition;
  readonly timeoutSeconds: number;
}

export interface KubectlStep extends StepBase {
  readonly kind: 'kubectl';
  readonly action: KubectlAction;
}

export interface AisStep extends StepBase {
  readonly kind: 'ais';
  readonly action: AisAction;
}

export interface ArgoStep extends StepBase {
  readonly kind: 'argocd';
  readonly action: ArgoAction;
}

export interface HostStep extends StepBase {
  readonly kind: 'host';
  readonly node: NodeName;
  readonly action: HostAction;
}

/**
 * Work a person does: `merge` (merge the change into the branch Argo CD syncs: the boundary between
 * the old and the new output), or `work` (on a node or elsewhere, described in `text`).
 */
export interface ManualStep extends StepBase {
  readonly kind: 'manual';
  readonly action: 'merge' | 'work';
  readonly text: string;
  /** the node the work is on, if any */
  readonly node?: NodeName;
}

/** The same steps for each item, in order; the item is in `variable`. */
export interface ForEachStep extends StepBase {
  readonly kind: 'forEach';
  readonly variable: string;
  readonly items: readonly string[];
  /** run the body for an item only when this holds (with the item in `variable`), e.g. "not yet updated": makes the loop resumable */
  readonly unless?: Condition;
  readonly body: readonly Step[];
}

/**
 * A shell command outside the AIS model (e.g. an AuriStorFS kernel-module procedure): rendered as
 * is; the simulator refuses it. `effect` says whether it changes anything (false: a read).
 */
export interface CommandStep extends StepBase {
  readonly kind: 'command';
  readonly commands: readonly string[];
  readonly effect: boolean;
}

/** One step of a runbook. */
export type Step = CheckStep | ResolveStep | WaitStep | KubectlStep | AisStep | ArgoStep | HostStep | ManualStep | ForEachStep | CommandStep;

/** The kinds of steps. */
export type StepKind = Step['kind'];

/** A day-2 procedure with the real names of the change under review. */
export interface Runbook {
  /** which procedure (e.g. `target-node-replaced`): the script is named after it */
  readonly id: string;
  readonly title: string;
  /** where the procedure comes from (upstream documents and functions) */
  readonly source: string;
  /** namespace of the pods the steps name, and the labels that select each AIS role's pods */
  readonly scope: RunbookScope;
  readonly steps: readonly Step[];
  /** what the runbook leaves on hosts for a person to clean up (disks holding old data, state directories) */
  readonly leftovers?: readonly string[];
}

/** Where a runbook acts. */
export interface RunbookScope {
  readonly namespace: string;
  /**
   * Label selector of each AIS role's pods (`app.kubernetes.io/name=demo,app.kubernetes.io/component=target`).
   * @default - no AIS pods
   */
  readonly podSelectors?: Readonly<Record<AisRole, string>>;
  /**
   * Tools the steps need beyond bash (kubectl, ais, jq, argocd, curl).
   * @default - derived from the step kinds
   */
  readonly tools?: readonly string[];
}

/** Whether a step changes anything (a check, a lookup and a wait do not). */
export function isEffectful(step: Step): boolean {
  switch (step.kind) {
    case 'check': case 'resolve': case 'wait': return false;
    case 'manual': return step.action === 'merge';
    case 'command': return step.effect;
    case 'forEach': return step.body.some(isEffectful);
    default: return true;
  }
}

/** A variable reference. */
export const v = (name: string): Variable => ({ var: name });

/** Whether a name is a variable reference. */
export function isVariable(value: unknown): value is Variable {
  return typeof value === 'object' && value !== null && typeof (value as Variable).var === 'string';
}
