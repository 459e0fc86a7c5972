import { compareNames } from '../k8s/name-order';
import { COMPONENT_LABEL } from '../k8s/app-labels';
import { Manifest, groupKind } from '../k8s/manifest';
import { CsiController } from '../auristor/csi/csi-controller';
import { CsiNode } from '../auristor/csi/csi-node';
import { kmmModuleVersionLabel, kmmVersionReadyLabel } from '../auristor/kmod/kmm-labels';
import { AuristorComponent, GROUP_LABEL, KERNEL_VERSION_LABEL } from '../auristor/names';
import { Runbook, RunbookStep } from './rules/runbook';
import { ALLOW_DANGEROUS } from './rules/types';

/**
 * The AuriStorFS procedures as typed steps: how a node of a group gets a new kmod, how a node is maintained or
 * rebooted, and how to recover, per delivery. One module for the change review's runbooks and advice, PLAN.md and
 * the docs' examples (a test compares them), all built from the emitted objects ({@link auristorGroupFacts}).
 * The tests' node model executes the same steps (test/support/auristor-model.ts).
 */

/** The kmod delivery of a group, as its objects show it. */
export type AuristorDelivery = 'sro' | 'kmm' | 'static';

/** What the procedures need to know about one AuriStorFS node group, read from the emitted objects. */
export interface AuristorGroupFacts {
  readonly delivery: AuristorDelivery;
  /** group name (label `auristor.com/auristorfs-group`) */
  readonly name: string;
  readonly namespace: string;
  /** the group's node selector (kernel label excluded) */
  readonly selector: Readonly<Record<string, string>>;
  /** nodes of the group we emit Node objects for, in output order (none for a selector-defined group) */
  readonly nodes: readonly string[];
  /** kmm: the Module's name, `version` (ordered upgrade) and its node labels */
  readonly kmm?: {
    readonly module: string;
    readonly version?: string;
    readonly versionLabel: string;
    readonly versionReadyLabel: string;
    /** node → the value of its version label */
    readonly nodeVersions: Readonly<Record<string, string>>;
  };
  /** static: the kmod DaemonSets, kernel → name */
  readonly kmodDaemonSets: Readonly<Record<string, string>>;
}

const KMOD_KINDS = ['sro.openshift.io/SpecialResource', 'kmm.sigs.x-k8s.io/Module', 'apps/DaemonSet'];

const withoutKernel = (selector: Record<string, string> | undefined) =>
  Object.fromEntries(Object.entries(selector ?? {}).filter(([key]) => key !== KERNEL_VERSION_LABEL));

/** The AuriStorFS groups of an output, in output order, from their kmod objects and Nodes. */
export function auristorGroupFacts(manifests: readonly Manifest[]): AuristorGroupFacts[] {
  type Group = { delivery?: AuristorDelivery; namespace: string; selector: Record<string, string>; module?: Manifest; daemonSets: Record<string, string> };
  const groups = new Map<string, Group>();
  for (const m of manifests) {
    if (!KMOD_KINDS.includes(groupKind(m)) || m.metadata.labels?.[COMPONENT_LABEL] !== AuristorComponent.KMOD) continue;
    const name = m.metadata.labels?.[GROUP_LABEL];
    if (name === undefined) continue;
    const namespace = m.kind === 'SpecialResource' ? m.spec?.namespace ?? m.metadata.name : m.metadata.namespace ?? '';
    const group: Group = groups.get(name) ?? { namespace, selector: {}, daemonSets: {} };
    if (m.kind === 'SpecialResource') Object.assign(group, { delivery: 'sro', selector: withoutKernel(m.spec?.nodeSelector) });
    if (m.kind === 'Module') Object.assign(group, { delivery: 'kmm', selector: withoutKernel(m.spec?.selector), module: m });
    if (m.kind === 'DaemonSet') {
      const nodeSelector: Record<string, string> = m.spec?.template?.spec?.nodeSelector ?? {};
      Object.assign(group, { delivery: 'static', selector: withoutKernel(nodeSelector) });
      group.daemonSets[nodeSelector[KERNEL_VERSION_LABEL] ?? ''] = m.metadata.name;
    }
    groups.set(name, group);
  }
  const nodes = manifests.filter((m) => m.kind === 'Node');
  return [...groups].filter(([, g]) => g.delivery !== undefined).map(([name, g]) => {
    const members = nodes.filter((n) => n.metadata.labels?.[GROUP_LABEL] === name).map((n) => n.metadata.name);
    let kmm: AuristorGroupFacts['kmm'];
    if (g.module) {
      const versionLabel = kmmModuleVersionLabel(g.namespace, g.module.metadata.name);
      const nodeVersions = Object.fromEntries(nodes.filter((n) => members.includes(n.metadata.name) && n.metadata.labels?.[versionLabel] !== undefined)
        .map((n) => [n.metadata.name, n.metadata.labels![versionLabel]]));
      kmm = {
        module: g.module.metadata.name,
        version: g.module.spec?.moduleLoader?.container?.version,
        versionLabel,
        versionReadyLabel: kmmVersionReadyLabel(g.namespace, g.module.metadata.name),
        nodeVersions,
      };
    }
    return { delivery: g.delivery!, name, namespace: g.namespace, selector: g.selector, nodes: members, kmm, kmodDaemonSets: g.daemonSets };
  });
}

/** The namespace of the cluster-wide CSI controller (kmm and static), if the output has it. */
export function csiControllerNamespace(manifests: readonly Manifest[]): string | undefined {
  return manifests.find((m) => m.kind === 'Deployment' && m.metadata.name === CsiController.NAME)?.metadata.namespace;
}

/** A change to the config a step asks for (the user edits the YAML). */
export type ConfigEdit =
  | { readonly type: 'unpin'; readonly group: string; readonly node: string; readonly newKernel?: boolean }
  | { readonly type: 'pin-all'; readonly group: string; readonly nodes: Readonly<Record<string, string>> };

/** Something the person on the host does (no command of ours reaches the host). */
export type HostAction = 'stop-cache-manager' | 'start-cache-manager' | 'check-yfs-unused' | 'check-yfs-loaded' | 'node-work';

/** What must be true before the next step. */
export type WaitCondition =
  | { readonly type: 'kmm-version-ready'; readonly version?: string }
  | { readonly type: 'sro-rendered' }
  | { readonly type: 'kmod-pod-ready' }
  | { readonly type: 'driver-container-ready' }
  | { readonly type: 'csi-pod-ready' };

/** One step of an AuriStorFS procedure. `node` is a node name, or `$NODE` (set by a `pick-node` step). */
export type AuristorStep =
  | { readonly kind: 'drain'; readonly node: string }
  | { readonly kind: 'uncordon'; readonly node: string }
  | { readonly kind: 'host'; readonly node: string; readonly action: HostAction }
  | { readonly kind: 'edit'; readonly edit: ConfigEdit }
  | { readonly kind: 'sync'; readonly dangerous: boolean }
  | { readonly kind: 'delete-kmod-pod'; readonly node: string }
  | { readonly kind: 'restart-csi-pod'; readonly node: string }
  | { readonly kind: 'wait'; readonly node: string; readonly until: WaitCondition }
  | { readonly kind: 'taint-out-of-service'; readonly node: string }
  | { readonly kind: 'untaint-out-of-service'; readonly node: string }
  | { readonly kind: 'delete-old-workloads'; readonly namespace: string; readonly statefulSets: readonly string[] };

/** An AuriStorFS procedure: its steps for one group (and node), with where it comes from. */
export interface AuristorProcedure {
  readonly id: string;
  readonly title: string;
  readonly source: string;
  readonly group?: AuristorGroupFacts;
  readonly steps: readonly AuristorStep[];
}

const KMM_SOURCE = 'kubernetes-sigs/kernel-module-management v2.6.0 docs/mkdocs/documentation/ordered_upgrade.md, with the tolerations our Module carries';
const STATIC_SOURCE = 'AuriStor sro-auristor-client 2022.09-1 (kmod DaemonSet updateStrategy OnDelete), rendered statically';
const SRO_SOURCE = 'AuriStor sro-auristor-client 2022.09-1 "rolling updates" and openshift/special-resource-operator pkg/cache/cache.go (tainted nodes are skipped)';

/** The steps that move one node of a group to the group's new kmod, after the commit that changes the kmod (if any). */
function nodeUpgradeSteps(group: AuristorGroupFacts, node: string, version?: string): AuristorStep[] {
  const finish: AuristorStep[] = [
    { kind: 'restart-csi-pod', node },
    { kind: 'wait', node, until: { type: 'csi-pod-ready' } },
    { kind: 'uncordon', node },
  ];
  switch (group.delivery) {
    case 'kmm':
      return [
        { kind: 'drain', node },
        { kind: 'host', node, action: 'stop-cache-manager' },
        { kind: 'host', node, action: 'check-yfs-unused' },
        { kind: 'edit', edit: { type: 'unpin', group: group.name, node } },
        { kind: 'sync', dangerous: true },
        { kind: 'wait', node, until: { type: 'kmm-version-ready', version } },
        { kind: 'host', node, action: 'start-cache-manager' },
        ...finish,
      ];
    case 'static':
    case 'sro':
      return [
        { kind: 'drain', node },
        { kind: 'delete-kmod-pod', node },
        { kind: 'wait', node, until: { type: group.delivery === 'static' ? 'kmod-pod-ready' : 'driver-container-ready' } },
        { kind: 'host', node, action: 'check-yfs-loaded' },
        ...finish,
      ];
  }
}

/** The variable that stands for "the next node" in the procedures of a selector-defined group. */
export const NEXT_NODE = '$NODE';

/**
 * How a group's nodes get the kmod the (already synced) output gives the group, node by node: kmm unpins one node
 * per commit (ordered upgrade), static and sro delete each node's kmod pod (OnDelete). A kmm group given by a
 * selector has no ordered upgrade: the whole group is drained for one sync ({@link kmmWholeGroupUpgrade}).
 */
export function groupUpgradeProcedure(group: AuristorGroupFacts, version?: string, options: { readonly pinFirst?: boolean } = {}): AuristorProcedure {
  const nodes = group.nodes.length > 0 ? group.nodes : [NEXT_NODE];
  if (group.delivery === 'kmm' && group.kmm?.version === undefined) return kmmWholeGroupUpgrade(group);
  const what = group.delivery === 'kmm' ? `${version ? `to version ${version}, ` : ''}unpinning one node per commit` : 'deleting one node\'s kmod pod at a time';
  const first: AuristorStep[] = [];
  if (group.delivery === 'kmm' && options.pinFirst) {
    first.push({ kind: 'edit', edit: { type: 'pin-all', group: group.name, nodes: Object.fromEntries(group.nodes.map((n) => [n, group.kmm?.nodeVersions[n] ?? ''])) } },
      { kind: 'sync', dangerous: false });
  }
  if (group.delivery === 'sro') first.push({ kind: 'wait', node: '', until: { type: 'sro-rendered' } });
  return {
    id: `auristor-upgrade-${group.name}`,
    title: `upgrade AuriStorFS group ${group.name} node by node (${group.delivery}: ${what})`,
    source: group.delivery === 'kmm' ? KMM_SOURCE : group.delivery === 'static' ? STATIC_SOURCE : SRO_SOURCE,
    group,
    steps: [...first, ...nodes.flatMap((node) => nodeUpgradeSteps(group, node, version))],
  };
}

/** A kmm group given by a selector: its Module has no version, so one sync reloads every node; drain them all first. */
export function kmmWholeGroupUpgrade(group: AuristorGroupFacts): AuristorProcedure {
  const all = selectorText(group.selector);
  return {
    id: `auristor-upgrade-${group.name}`,
    title: `upgrade AuriStorFS group ${group.name} (kmm, nodes ${all}: no ordered upgrade, every node at once)`,
    source: KMM_SOURCE,
    group,
    steps: [
      { kind: 'drain', node: `-l ${all}` },
      { kind: 'host', node: `-l ${all}`, action: 'stop-cache-manager' },
      { kind: 'host', node: `-l ${all}`, action: 'check-yfs-unused' },
      { kind: 'sync', dangerous: true },
      { kind: 'wait', node: `-l ${all}`, until: { type: 'kmm-version-ready' } },
      { kind: 'host', node: `-l ${all}`, action: 'start-cache-manager' },
      { kind: 'restart-csi-pod', node: `-l ${all}` },
      { kind: 'uncordon', node: `-l ${all}` },
    ],
  };
}

/**
 * Node maintenance or a reboot (a kernel of the group's `kernels`): the kmod stays loaded through the drain (kmm:
 * the Module tolerates the cordon; static and sro: a DaemonSet pod), and after the reboot the CSI node plugin starts
 * only once `yfs` is loaded (kmm, static: its init container runs again with the new pod sandbox). SRO: uncordon
 * before the kmod can come back (SRO renders only for untainted nodes), then restart the CSI pod by hand (the chart's
 * has no `yfs` gate).
 */
export function nodeMaintenanceProcedure(group: AuristorGroupFacts, node = group.nodes[0] ?? NEXT_NODE): AuristorProcedure {
  const steps: AuristorStep[] = group.delivery === 'sro'
    ? [
      { kind: 'drain', node },
      { kind: 'host', node, action: 'node-work' },
      { kind: 'uncordon', node },
      { kind: 'wait', node, until: { type: 'driver-container-ready' } },
      { kind: 'host', node, action: 'check-yfs-loaded' },
      { kind: 'restart-csi-pod', node },
      { kind: 'wait', node, until: { type: 'csi-pod-ready' } },
    ]
    : [
      { kind: 'drain', node },
      ...(group.delivery === 'kmm' ? [{ kind: 'host', node, action: 'stop-cache-manager' } as const] : []),
      { kind: 'host', node, action: 'node-work' },
      // KMM keeps its ready labels across a reboot (nmc_reconciler.go UpdateNodeLabels): look at the node itself
      group.delivery === 'kmm' ? { kind: 'host', node, action: 'check-yfs-loaded' } : { kind: 'wait', node, until: { type: 'kmod-pod-ready' } },
      ...(group.delivery === 'kmm' ? [{ kind: 'host', node, action: 'start-cache-manager' } as const] : []),
      { kind: 'wait', node, until: { type: 'csi-pod-ready' } },
      { kind: 'uncordon', node },
    ];
  return {
    id: `auristor-maintenance-${group.name}`,
    title: `maintain or reboot node ${node} of AuriStorFS group ${group.name} (${group.delivery})`,
    source: group.delivery === 'sro' ? SRO_SOURCE : group.delivery === 'kmm' ? KMM_SOURCE : STATIC_SOURCE,
    group,
    steps,
  };
}

/**
 * kmm: a pinned node that booted a new kernel has no `yfs`: KMM keeps the old config (old kernel) for it and the
 * old version has no image for the new kernel (v2.6.0 `module_reconciler.go` prepareNodeSchedulingData,
 * `nmc_reconciler.go` ProcessModuleSpec). Unpinning it makes KMM drop the stale status and load the Module's version
 * for the new kernel (which must be in `kernels`).
 */
export function pinnedNodeRecovery(group: AuristorGroupFacts, node: string): AuristorProcedure {
  return {
    id: `auristor-pinned-recovery-${node}`,
    title: `recover pinned node ${node} of AuriStorFS group ${group.name} after it booted a new kernel (kmm)`,
    source: KMM_SOURCE,
    group,
    steps: [
      { kind: 'drain', node },
      { kind: 'edit', edit: { type: 'unpin', group: group.name, node, newKernel: true } },
      { kind: 'sync', dangerous: true },
      { kind: 'wait', node, until: { type: 'kmm-version-ready', version: group.kmm?.version } },
      { kind: 'host', node, action: 'start-cache-manager' },
      { kind: 'restart-csi-pod', node },
      { kind: 'wait', node, until: { type: 'csi-pod-ready' } },
      { kind: 'uncordon', node },
    ],
  };
}

/**
 * sro, one group: the chart's CSI controller is a one-replica StatefulSet; a dead node keeps its pod until it is
 * deleted or the node is tainted out-of-service (Kubernetes non-graceful node shutdown, GA in 1.28).
 */
export function sroDeadNodeRecovery(group: AuristorGroupFacts, node = group.nodes[0] ?? NEXT_NODE): AuristorProcedure {
  return {
    id: `auristor-sro-dead-node-${group.name}`,
    title: `SRO group ${group.name}: the CSI controller or volume manager was on node ${node}, which is down`,
    source: 'Kubernetes 1.28 non-graceful node shutdown (node.kubernetes.io/out-of-service)',
    group,
    steps: [
      { kind: 'taint-out-of-service', node },
      { kind: 'host', node, action: 'node-work' },
      { kind: 'untaint-out-of-service', node },
    ],
  };
}

function selectorText(selector: Readonly<Record<string, string>>): string {
  return Object.entries(selector).sort(([a], [b]) => compareNames(a, b)).map(([k, v]) => `${k}=${v}`).join(',');
}

const nodeArg = (node: string) => (node.startsWith('-l ') ? node : node === NEXT_NODE ? '"$NODE"' : node);
const fieldNode = (node: string) => (node === NEXT_NODE ? '"spec.nodeName=$NODE"' : `spec.nodeName=${node}`);

/** One step as the text and commands of a runbook, with the group's real names. */
export function renderStep(step: AuristorStep, group: AuristorGroupFacts | undefined): RunbookStep {
  const ns = group?.namespace ?? '';
  const where = (node: string) => (node.startsWith('-l ') ? `the nodes ${node.slice(3)}` : node === NEXT_NODE ? 'the node' : node);
  switch (step.kind) {
    case 'drain': {
      const keeps = group?.delivery === 'kmm'
        ? 'yfs stays loaded (the Module tolerates the cordon) and the CSI node plugin stays (a DaemonSet pod), so drained pods unmount their AuriStorFS volumes'
        : 'the kmod and the CSI node plugin stay (DaemonSet pods), so drained pods unmount their AuriStorFS volumes';
      return { text: `Drain ${where(step.node)}: ${keeps}`, commands: [`kubectl drain ${nodeArg(step.node)} --ignore-daemonsets --delete-emptydir-data`] };
    }
    case 'uncordon':
      return { text: `Uncordon ${where(step.node)}`, commands: [`kubectl uncordon ${nodeArg(step.node)}`] };
    case 'host':
      return { text: hostText(step.action, where(step.node), group) };
    case 'edit':
      return { text: editText(step.edit) };
    case 'sync':
      return { text: step.dangerous
        ? `Run synth: the change review names exactly this reload as DANGEROUS; then ${ALLOW_DANGEROUS}`
        : 'Run synth (the change review shows no DANGEROUS change), commit, and sync' };
    case 'delete-kmod-pod':
      return group?.delivery === 'sro'
        ? {
          text: `Delete the driver-container pod on ${where(step.node)}: its DaemonSet (OnDelete) starts one with the new image, which loads the new yfs`,
          commands: [`kubectl delete -n ${ns} $(kubectl get pods -n ${ns} --field-selector ${fieldNode(step.node)} -o name | grep driver-container)`],
        }
        : {
          text: `Delete the kmod pod on ${where(step.node)}: its preStop hook stops the cache manager and unloads yfs, then the DaemonSet (OnDelete) starts one with the new image`,
          commands: [`kubectl delete pod -n ${ns} -l ${COMPONENT_LABEL}=${AuristorComponent.KMOD} --field-selector ${fieldNode(step.node)}`],
        };
    case 'restart-csi-pod':
      return {
        text: `Restart the CSI node plugin on ${where(step.node)}, so that it starts against the loaded yfs${group?.delivery === 'sro' ? '' : ' (its init container waits for yfs)'}`,
        commands: [`kubectl delete pod -n ${ns} -l app=${CsiNode.NAME} ${step.node.startsWith('-l ') ? '' : `--field-selector ${fieldNode(step.node)}`}`.trimEnd()],
      };
    case 'wait':
      return waitStep(step.until, step.node, group);
    case 'taint-out-of-service':
      return {
        text: `Once ${step.node} is really off, taint it out-of-service: Kubernetes deletes its pods and detaches its volumes, and the chart's StatefulSets start their pods on another node of the group`,
        commands: [`kubectl taint node ${nodeArg(step.node)} node.kubernetes.io/out-of-service=nodeshutdown:NoExecute`],
      };
    case 'untaint-out-of-service':
      return { text: `When ${step.node} is back, remove the taint`, commands: [`kubectl taint node ${nodeArg(step.node)} node.kubernetes.io/out-of-service=nodeshutdown:NoExecute-`] };
    case 'delete-old-workloads':
      return {
        text: 'Right after the sync, delete the StatefulSets the controller and volume manager ran in before (Argo CD deletes them only with pruning on); until then they run beside the new Deployments',
        commands: [`kubectl delete statefulset -n ${step.namespace} ${step.statefulSets.join(' ')}`],
      };
  }
}

function hostText(action: HostAction, node: string, group: AuristorGroupFacts | undefined): string {
  switch (action) {
    case 'stop-cache-manager':
      return `On ${node}, stop the AuriStorFS cache manager (the host service: KMM does not run it), so that nothing holds yfs`;
    case 'start-cache-manager':
      return `On ${node}, start the AuriStorFS cache manager again, now that yfs is loaded`;
    case 'check-yfs-unused':
      return `On ${node}, check that \`lsmod | grep '^yfs '\` shows a use count of 0 (no mount, no cache manager)`;
    case 'check-yfs-loaded':
      return `On ${node}, check that \`lsmod | grep '^yfs '\` shows the module loaded`;
    case 'node-work':
      return `Do the work on ${node} (reboot, OS or kernel update: a new kernel must be in the group's kernels${group?.delivery === 'kmm' ? ' and the node not pinned' : ''})`;
  }
}

function editText(edit: ConfigEdit): string {
  switch (edit.type) {
    case 'unpin':
      return `In the config, ${edit.newKernel ? `add the kernel ${edit.node} now runs to kernels of group ${edit.group} (if missing) and ` : ''}remove ${edit.node} from pinnedNodes of group ${edit.group}`;
    case 'pin-all':
      return `In the config, set the group's new kmodVersion (or bump its kmmRevision) and pin every node of group ${edit.group} to the version it runs: `
        + `pinnedNodes: { ${Object.entries(edit.nodes).map(([n, v]) => `${n}: "${v}"`).join(', ')} }`;
  }
}

/** Waits for the pods to be Ready, also while the DaemonSet has not created them yet (`kubectl wait` finds no pod then). */
const untilReady = (pods: string) => `until kubectl wait pod ${pods} --for=condition=Ready --timeout=10m; do sleep 5; done`;

function waitStep(until: WaitCondition, node: string, group: AuristorGroupFacts | undefined): RunbookStep {
  const ns = group?.namespace ?? '';
  const selector = node.startsWith('-l ') ? `-l ${node.slice(3)}` : '';
  const at = node.startsWith('-l ') ? '' : ` --field-selector ${fieldNode(node)}`;
  switch (until.type) {
    case 'sro-rendered':
      return {
        text: 'With the group\'s nodes schedulable (SRO skips cordoned nodes), check that the driver-container DaemonSet of every kernel carries the new image',
        commands: [`kubectl get ds -n ${ns} -o custom-columns=NAME:.metadata.name,IMAGE:.spec.template.spec.containers[0].image`],
      };
    case 'kmm-version-ready': {
      const label = group?.kmm?.versionReadyLabel ?? '';
      return {
        text: `Wait until KMM reports ${until.version ?? 'the Module\'s version'} loaded on ${node.startsWith('-l ') ? 'every node' : node} (label ${label})`,
        commands: [`kubectl get node ${selector || nodeArg(node)} -L ${label}`],
      };
    }
    case 'kmod-pod-ready':
      return {
        text: `Wait until the kmod pod on ${node.startsWith('-l ') ? 'every node' : node} runs`,
        commands: [untilReady(`-n ${ns} -l ${COMPONENT_LABEL}=${AuristorComponent.KMOD}${at}`)],
      };
    case 'driver-container-ready':
      return {
        text: `Wait until the driver-container pod on ${node} runs the new image`,
        commands: [`kubectl get pods -n ${ns} -o wide --field-selector ${fieldNode(node)}`],
      };
    case 'csi-pod-ready':
      return {
        text: `Wait until the CSI node plugin on ${node.startsWith('-l ') ? 'every node' : node} is Ready (registered with the kubelet)`,
        commands: [untilReady(`-n ${ns} -l app=${CsiNode.NAME}${at}`)],
      };
  }
}

/** A procedure as a runbook of the review and PLAN.md. */
export function procedureRunbook(procedure: AuristorProcedure): Runbook {
  const pick: RunbookStep[] = procedure.steps.some((s) => 'node' in s && s.node === NEXT_NODE) && procedure.group
    ? [{
      text: 'The steps below are for one node; do them for each node of the group in turn, with the shell variable NODE set to its name (e.g. `NODE=cpu07`)',
      commands: [`kubectl get nodes -l ${selectorText(procedure.group.selector)}`],
    }]
    : [];
  return {
    id: procedure.id,
    title: procedure.title,
    source: procedure.source,
    steps: [...pick, ...procedure.steps.map((step) => renderStep(step, procedure.group))],
  };
}

/**
 * A procedure as one shell block (docs/auristor.md shows these for the phased example): each step's commands, and
 * the steps without a command (host work, config edits, the sync) as `#` comments.
 */
export function procedureConsole(procedure: AuristorProcedure): string[] {
  return procedureRunbook(procedure).steps.flatMap((step) => (step.commands?.length ? step.commands : [`# ${step.text}`]));
}
