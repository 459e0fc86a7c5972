import { COMPONENT_LABEL } from '../k8s/app-labels';
import { Manifest, describeObject, groupKind, jsonEqual, objectKey } from '../k8s/manifest';
import { kmodImageRepository } from '../auristor/kmod/kernel-image';
import { AuristorComponent, GROUP_LABEL, KERNEL_VERSION_LABEL } from '../auristor/names';
import { compareNames } from '../k8s/name-order';
import {
  AuristorGroupFacts, AuristorProcedure, AuristorStep, auristorGroupFacts, groupUpgradeProcedure, renderStep,
} from './auristor-runbooks';
import { ALLOW_DANGEROUS } from './rules/types';

/**
 * What a sync of the new output does to the AuriStorFS kernel module (`yfs`) on which node: one classifier of the
 * kmod objects (KMM Modules, SRO SpecialResources, static kmod DaemonSets) and the label-only Nodes, read from the
 * previous and the new output. The change review's kmod rules (rules/kmod-replaced.ts) and the synth summary
 * ({@link describeKmodChanges}) both render it.
 *
 * A change is dangerous exactly when the sync itself makes something unload or reload `yfs` on a node (a mounted
 * `yfs` cannot be unloaded: the node's pods using AuriStorFS must be drained first); otherwise it is a note, with
 * the procedure that then swaps the module node by node. What reloads, by delivery:
 *
 * - KMM v2.6.0 (kubernetes-sigs/kernel-module-management): a node's version label moving (`module_reconciler.go`
 *   prepareNodeSchedulingData, `node_label_module_version_reconciler.go`), or leaving an emitted Node (Argo CD's
 *   server-side apply removes a label its field manager no longer applies); the module config (image, pull policy,
 *   modprobe, in-tree removals, TLS: `enableModuleOnNode`) changing for nodes labelled with the Module's version, or
 *   for every node when the Module has no version (`nmc_reconciler.go` ProcessModuleSpec: config differs, same
 *   kernel → unloader); the selector or a kernel mapping going; `version` added or removed (the webhook refuses it).
 *   Tolerations, `imageRepoSecret` and `serviceAccountName` are not part of the config: changing them reloads nothing.
 * - static kmod DaemonSets are OnDelete: a new template reloads nothing until each pod is deleted; a narrower node
 *   selector or a removed NoExecute toleration deletes pods, whose preStop hook unloads `yfs` (Kubernetes
 *   `pkg/controller/daemon/daemon_controller.go` NodeShouldRunDaemonPod).
 * - SRO re-renders its OnDelete kmod DaemonSets and never deletes a driver-container pod on a template change
 *   (openshift/special-resource-operator `pkg/lifecycle`, `controllers`): a new kmod image reloads nothing by itself;
 *   a selector change makes the DaemonSets leave nodes.
 * - any delivery: a node moving to another group, or losing the group label while its Node is still emitted.
 * - objects no longer emitted stay (`Prune=false`): nothing happens at the sync; deleting them later unloads `yfs`.
 */

/** What a sync does about the kmod, for the review: a dangerous change or a note, and what to do. */
export interface KmodChange {
  readonly severity: 'dangerous' | 'note';
  /** keys of the objects the finding is about (the ones that make the sync dangerous) */
  readonly objects: readonly string[];
  readonly title: string;
  readonly consequence: string;
  readonly action: string;
  /** the procedure to follow around the sync, with the change's names (the review's runbooks, PLAN.md) */
  readonly procedure?: AuristorProcedure;
}

const KMOD_KINDS = new Set(['kmm.sigs.x-k8s.io/Module', 'sro.openshift.io/SpecialResource', 'apps/DaemonSet']);
const KMM_VERSION_LABEL_PREFIX = 'kmm.node.kubernetes.io/version-module.';

const isKmod = (m: Manifest) => KMOD_KINDS.has(groupKind(m)) && m.metadata.labels?.[COMPONENT_LABEL] === AuristorComponent.KMOD;
const groupOf = (m: Manifest) => m.metadata.labels?.[GROUP_LABEL] ?? m.metadata.namespace ?? m.metadata.name;
const pairs = (selector: Record<string, string> | undefined, drop: string[] = []) => Object.entries(selector ?? {})
  .filter(([k]) => !drop.includes(k)).sort(([a], [b]) => compareNames(a, b)).map(([k, v]) => `${k}=${v}`).join(',');
const list = (items: readonly string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);

/** The module config KMM loads a kernel with (`enableModuleOnNode`), per kernel mapping key. */
function kmmConfigs(module: Manifest): Map<string, unknown> {
  const container = module.spec?.moduleLoader?.container ?? {};
  const configs = new Map<string, unknown>();
  for (const mapping of container.kernelMappings ?? []) {
    configs.set(mapping.literal ?? `regexp ${mapping.regexp}`, {
      image: mapping.containerImage ?? container.containerImage,
      pullPolicy: container.imagePullPolicy,
      modprobe: { ...container.modprobe, ...mapping.modprobe },
      inTree: mapping.inTreeModulesToRemove ?? container.inTreeModulesToRemove,
      tls: mapping.registryTLS ?? module.spec?.moduleLoader?.container?.registryTLS,
    });
  }
  return configs;
}

/** The version label of a Module on Nodes: `kmm.node.kubernetes.io/version-module.<namespace>.<name>`. */
const versionLabelOf = (module: Manifest) => `${KMM_VERSION_LABEL_PREFIX}${module.metadata.namespace}.${module.metadata.name}`;

/** Label-only Node objects by name. */
const nodesOf = (manifests: readonly Manifest[]) => new Map(manifests.filter((m) => m.kind === 'Node').map((m) => [m.metadata.name, m]));

/** The steps as advice: each step's text, with its commands, in one paragraph. */
function advice(steps: readonly AuristorStep[], group: AuristorGroupFacts | undefined): string {
  return steps.map((step) => {
    const rendered = renderStep(step, group);
    return `${rendered.text.charAt(0).toLowerCase()}${rendered.text.slice(1)}${rendered.commands?.length ? ` (\`${rendered.commands.join('`; `')}\`)` : ''}`;
  }).join('; ');
}

interface Side {
  readonly manifests: readonly Manifest[];
  readonly kmod: Map<string, Manifest>;
  readonly nodes: Map<string, Manifest>;
  readonly groups: Map<string, AuristorGroupFacts>;
}

function side(manifests: readonly Manifest[]): Side {
  return {
    manifests,
    kmod: new Map(manifests.filter(isKmod).map((m) => [objectKey(m), m])),
    nodes: nodesOf(manifests),
    groups: new Map(auristorGroupFacts(manifests).map((g) => [g.name, g])),
  };
}

/** Everything the sync of `next` over `previous` does to `yfs`, in a stable order. */
export function classifyKmodChanges(previous: readonly Manifest[], next: readonly Manifest[], recreated: ReadonlySet<string> = new Set()): KmodChange[] {
  const before = side(previous);
  const after = side(next);
  const changes: KmodChange[] = [];
  removedKmod(before, after, changes);
  deliverySwitch(before, after, changes);
  for (const [key, old] of before.kmod) {
    const now = after.kmod.get(key);
    if (!now) continue;
    if (recreated.has(key)) {
      changes.push({
        severity: 'dangerous', objects: [key],
        title: `kernel module object ${describeObject(now)} must be deleted and created again`,
        consequence: `deleting it unloads yfs on the nodes labelled ${pairs(selectorOf(old), [KERNEL_VERSION_LABEL])}`,
        action: `upgrade the group's nodes first: drain them (\`kubectl drain -l ${pairs(selectorOf(old), [KERNEL_VERSION_LABEL])} --ignore-daemonsets --delete-emptydir-data\`); then ${ALLOW_DANGEROUS}`,
      });
      continue;
    }
    if (old.kind === 'Module') moduleChanges(old, now, before, after, changes);
    else if (old.kind === 'SpecialResource') specialResourceChanges(old, now, after, changes);
  }
  staticChanges(before, after, recreated, changes);
  nodeChanges(before, after, changes);
  return changes;
}

function selectorOf(m: Manifest): Record<string, string> | undefined {
  if (m.kind === 'Module') return m.spec?.selector;
  if (m.kind === 'SpecialResource') return m.spec?.nodeSelector ?? m.spec?.set?.nodeSelector;
  return m.spec?.template?.spec?.nodeSelector;
}

/** Kmod objects no longer emitted: Argo CD keeps them (Prune=false), so the sync unloads nothing. */
function removedKmod(before: Side, after: Side, changes: KmodChange[]): void {
  const groupsAfter = new Set([...after.kmod.values()].map(groupOf));
  const removed = new Map<string, Manifest[]>();
  for (const [key, old] of before.kmod) {
    if (!after.kmod.has(key)) removed.set(groupOf(old), [...(removed.get(groupOf(old)) ?? []), old]);
  }
  for (const [group, objects] of removed) {
    const whole = !groupsAfter.has(group);
    const ids = objects.map(describeObject).join(', ');
    changes.push({
      severity: 'note', objects: objects.map(objectKey),
      title: whole ? `AuriStorFS group ${group} is removed: ${ids} no longer generated` : `AuriStorFS group ${group}: ${ids} no longer generated`,
      consequence: 'Argo CD leaves them in the cluster (Prune=false): the sync unloads nothing, and they keep yfs loaded where they run',
      action: `delete them by hand only once their nodes are drained (deleting ${objects.length === 1 ? 'it' : 'them'} unloads yfs there: `
        + `\`kubectl drain <node> --ignore-daemonsets --delete-emptydir-data\`, then \`kubectl delete ${objects.map((o) => `${o.kind.toLowerCase()}${o.metadata.namespace ? ` -n ${o.metadata.namespace}` : ''} ${o.metadata.name}`).join('`, `kubectl delete ')}\`)`,
    });
  }
}

/** A group whose kmod changes kind (sro, kmm, static): the new one loads on nodes the old one still serves. */
function deliverySwitch(before: Side, after: Side, changes: KmodChange[]): void {
  for (const [name, now] of after.groups) {
    const old = before.groups.get(name);
    if (!old || old.delivery === now.delivery) continue;
    const added = [...after.kmod.values()].filter((m) => groupOf(m) === name && !before.kmod.has(objectKey(m)));
    changes.push({
      severity: 'dangerous', objects: added.map(objectKey),
      title: `AuriStorFS group ${name} changes kmod delivery from ${old.delivery} to ${now.delivery}`,
      consequence: `the new ${now.delivery} objects load yfs on the group's nodes while the old ${old.delivery} objects (kept: Prune=false) still hold it there`,
      action: `drain the group's nodes (\`kubectl drain -l ${pairs(old.selector)} --ignore-daemonsets --delete-emptydir-data\`), delete the old kmod objects `
        + `(which unloads yfs), then ${ALLOW_DANGEROUS}; uncordon once the new module and the CSI node plugins run`,
    });
  }
}

/** KMM Module updates: selector, mappings, version, module config (v2.6.0, see the module comment). */
function moduleChanges(old: Manifest, now: Manifest, before: Side, after: Side, changes: KmodChange[]): void {
  const key = objectKey(now);
  const group = groupOf(now);
  const id = describeObject(now);
  const oldVersion: string | undefined = old.spec?.moduleLoader?.container?.version;
  const newVersion: string | undefined = now.spec?.moduleLoader?.container?.version;
  const selector = pairs(old.spec?.selector);
  if ((oldVersion === undefined) !== (newVersion === undefined)) {
    changes.push({
      severity: 'dangerous', objects: [key],
      title: `${id} ${newVersion === undefined ? 'drops' : 'gains'} the ordered-upgrade version`,
      // kubernetes-sigs/kernel-module-management v2.6.0 internal/webhook/module.go ValidateUpdate
      consequence: 'KMM\'s webhook refuses adding or removing version on an existing Module: the sync fails until the Module is deleted, which unloads yfs on every node of the group',
      action: `drain the group (\`kubectl drain -l ${selector} --ignore-daemonsets --delete-emptydir-data\`), stop the cache managers, delete the Module `
        + `(\`kubectl delete module -n ${now.metadata.namespace} ${now.metadata.name}\`), then ${ALLOW_DANGEROUS}; uncordon once yfs is loaded`,
    });
    return;
  }
  if (!jsonEqual(old.spec?.selector, now.spec?.selector)) {
    changes.push({
      severity: 'dangerous', objects: [key],
      title: `${id} changes its node selector from "${selector}" to "${pairs(now.spec?.selector)}"`,
      consequence: 'KMM unloads yfs on every node that leaves the selection (module_reconciler.go: actionDelete)',
      action: `drain the nodes that leave it first (\`kubectl drain <node> --ignore-daemonsets --delete-emptydir-data\`) and stop their cache managers; then ${ALLOW_DANGEROUS}`,
    });
  }
  const oldConfigs = kmmConfigs(old);
  const newConfigs = kmmConfigs(now);
  const dropped = [...oldConfigs.keys()].filter((kernel) => !newConfigs.has(kernel));
  if (dropped.length > 0) {
    changes.push({
      severity: 'dangerous', objects: [key],
      title: `${id} no longer maps kernel ${list(dropped)}`,
      consequence: `KMM unloads yfs on every node of the group running ${dropped.length === 1 ? 'it' : 'them'} (no kernel mapping: actionDelete)`,
      action: `move those nodes to a listed kernel first, or drain them and stop their cache managers; then ${ALLOW_DANGEROUS}`,
    });
  }
  const configChanged = [...oldConfigs].some(([kernel, config]) => newConfigs.has(kernel) && !jsonEqual(config, newConfigs.get(kernel)));
  if (!configChanged && oldVersion === newVersion) return;
  const facts = after.groups.get(group);
  if (newVersion === undefined) {
    if (!configChanged) return;
    changes.push({
      severity: 'dangerous', objects: [key],
      title: `${id} changes the module config of its nodes (no ordered-upgrade version)`,
      consequence: `KMM unloads and reloads yfs on every node labelled ${selector} at once (nmc_reconciler.go ProcessModuleSpec: new config, same kernel)`,
      action: `${advice([
        { kind: 'drain', node: `-l ${selector}` }, { kind: 'host', node: `-l ${selector}`, action: 'stop-cache-manager' },
        { kind: 'host', node: `-l ${selector}`, action: 'check-yfs-unused' },
      ], facts)}; then ${ALLOW_DANGEROUS}; then restart the CSI node plugins (\`kubectl delete pod -n ${now.metadata.namespace} -l app=auristorfs-csi-node\`) and uncordon`,
    });
    return;
  }
  // nodes whose label stays and equals the new version: KMM gives them the Module's (new) config
  const label = versionLabelOf(now);
  const reloaded = [...after.nodes.values()].filter((node) => {
    const was = before.nodes.get(node.metadata.name)?.metadata.labels?.[label];
    const is = node.metadata.labels?.[label];
    return is === newVersion && was === is;
  }).map((n) => n.metadata.name);
  if (reloaded.length > 0) {
    const revision = /-r(\d+)$/.exec(newVersion);
    const next = `${revision ? newVersion.slice(0, revision.index) : newVersion}-r${revision ? Number(revision[1]) + 1 : 1}`;
    const pins = reloaded.map((n) => `${n}: "${newVersion}"`).join(', ');
    changes.push({
      severity: 'dangerous', objects: [key],
      title: `${id} changes the module config of nodes ${list(reloaded)} at version ${newVersion}`,
      consequence: `KMM unloads and reloads yfs on ${list(reloaded)} at once: their version label equals the Module's version, and the config KMM loads them with changed (nmc_reconciler.go ProcessModuleSpec)`,
      action: `to reload them one at a time instead, also bump kmmRevision of group ${group} (Module version ${next}) and pin them to the version they run `
        + `(pinnedNodes: { ${pins} }): this sync then reloads no node; then follow the group's node-by-node runbook. Or drain ${list(reloaded)} `
        + `(\`kubectl drain ${reloaded.join(' ')} --ignore-daemonsets --delete-emptydir-data\`), stop their cache managers, and ${ALLOW_DANGEROUS}`,
    });
    return;
  }
  const moving = [...after.nodes.values()].some((node) => node.metadata.labels?.[label] === newVersion
    && before.nodes.get(node.metadata.name)?.metadata.labels?.[label] !== newVersion);
  // nodes whose label moves are the dangerous part (nodeChanges); the version bump itself is a note only without them
  if (oldVersion !== newVersion && facts && !moving) {
    const pinned = facts.nodes.filter((n) => facts.kmm?.nodeVersions[n] !== newVersion);
    const procedure = groupUpgradeProcedure({ ...facts, nodes: pinned }, newVersion);
    changes.push({
      severity: 'note', objects: [key],
      title: `${id} moves to version ${newVersion}; no node's version label moves with it`,
      consequence: `KMM reloads no node at this sync (every node keeps the module it runs: prepareNodeSchedulingData keeps a node whose label is not the Module's version); `
        + `a node gets ${newVersion} when its label moves (unpinned)`,
      action: `unpin one node at a time, each after draining it (runbook "${procedure.title}")`,
      procedure,
    });
  }
}

/** The parts of a SpecialResource that decide the kmod SRO renders (its image, volumes, chart). */
const sroKmod = (sr: Manifest) => ({ kmod: sr.spec?.set?.kmodDriverContainer, chart: sr.spec?.chart, names: sr.spec?.set?.kmodNames, run: sr.spec?.set?.runArgs });

/** SpecialResource updates: selector (dangerous), kmod (re-rendered OnDelete: a note and the node-by-node runbook). */
function specialResourceChanges(old: Manifest, now: Manifest, after: Side, changes: KmodChange[]): void {
  const key = objectKey(now);
  const id = describeObject(now);
  const group = groupOf(now);
  if (!jsonEqual(old.spec?.nodeSelector, now.spec?.nodeSelector) || !jsonEqual(old.spec?.set?.nodeSelector, now.spec?.set?.nodeSelector)) {
    changes.push({
      severity: 'dangerous', objects: [key],
      title: `${id} changes its node selector from "${pairs(old.spec?.nodeSelector)}" to "${pairs(now.spec?.nodeSelector)}"`,
      consequence: 'SRO merges it into its kmod DaemonSets\' node selector: their pods leave the nodes no longer selected, unloading yfs there',
      action: `drain the nodes that leave the group first (\`kubectl drain <node> --ignore-daemonsets --delete-emptydir-data\`); then ${ALLOW_DANGEROUS}`,
    });
    return;
  }
  if (jsonEqual(sroKmod(old), sroKmod(now))) return;
  const facts = after.groups.get(group);
  const image = (sr: Manifest) => {
    const i = sr.spec?.set?.kmodDriverContainer?.image ?? {};
    return kmodImageRepository(i.auristorRegistry, i.auristorKmodVersion);
  };
  const procedure = facts && groupUpgradeProcedure(facts);
  changes.push({
    severity: 'note', objects: [key],
    title: `${id}: new kmod (${image(old)} -> ${image(now)}${jsonEqual(old.spec?.set?.kmodDriverContainer, now.spec?.set?.kmodDriverContainer) ? ', chart' : ''}), loaded node by node`,
    consequence: 'SRO re-renders the kmod DaemonSet of each kernel it sees on untainted nodes (OnDelete) and deletes no pod: the sync reloads nothing; '
      + 'a node gets the new module when its driver-container pod is deleted',
    action: 'sync while the group\'s nodes are schedulable (SRO skips cordoned nodes), check that every kernel\'s driver-container DaemonSet '
      + `carries the new image (\`kubectl get ds -n ${now.spec?.namespace ?? now.metadata.name} -o wide\`), then ${procedure ? `follow the runbook "${procedure.title}"` : 'one node at a time'}`,
    procedure,
  });
  const csi = (sr: Manifest) => sr.spec?.set?.csiDriver?.image?.auristorCsiVersion;
  if (csi(old) !== csi(now)) {
    changes.push({
      severity: 'note', objects: [key],
      title: `${id} changes the kmod and the CSI version (${csi(old)} -> ${csi(now)}) in one commit`,
      // openshift/special-resource-operator controllers/resources.go ReconcileChartStates, pkg/poll/poll.go ForLifecycleAvailability
      consequence: 'SRO applies the chart\'s CSI state only after every driver-container pod runs the new template (the kmod state waits for its OnDelete pods), '
        + 'so the CSI node plugins roll after the last node is done (earlier, at random, with several kernels) and the SpecialResource shows errors meanwhile',
      action: 'prefer committing kmodVersion alone, doing the nodes, then committing csiVersion (it rolls the CSI node plugins at once)',
    });
  }
}

/** Static kmod DaemonSets, per group: OnDelete template changes are notes; what deletes pods is dangerous. */
function staticChanges(before: Side, after: Side, recreated: ReadonlySet<string>, changes: KmodChange[]): void {
  const notes = new Map<string, Manifest[]>();
  for (const [key, old] of before.kmod) {
    const now = after.kmod.get(key);
    if (!now || now.kind !== 'DaemonSet' || recreated.has(key)) continue;
    const id = describeObject(now);
    const [was, is] = [old.spec?.template?.spec ?? {}, now.spec?.template?.spec ?? {}];
    const onDelete = (m: Manifest) => m.spec?.updateStrategy?.type === 'OnDelete';
    if (!jsonEqual(was.nodeSelector, is.nodeSelector)) {
      changes.push({
        severity: 'dangerous', objects: [key],
        title: `${id} changes its node selector from "${pairs(was.nodeSelector)}" to "${pairs(is.nodeSelector)}"`,
        consequence: 'the DaemonSet deletes its pods on nodes it no longer selects (OnDelete does not keep them), and their preStop hook unloads yfs',
        action: `drain the nodes that leave it first (\`kubectl drain <node> --ignore-daemonsets --delete-emptydir-data\`); then ${ALLOW_DANGEROUS}`,
      });
      continue;
    }
    const noExecute = (spec: any) => (spec.tolerations ?? []).filter((t: any) => t.effect === 'NoExecute' || t.effect === undefined);
    const lost = noExecute(was).filter((t: any) => !noExecute(is).some((u: any) => jsonEqual(t, u)));
    if (lost.length > 0) {
      changes.push({
        severity: 'dangerous', objects: [key],
        title: `${id} stops tolerating ${lost.map((t: any) => `${t.key ?? '*'}${t.value ? `=${t.value}` : ''}:${t.effect ?? '*'}`).join(', ')}`,
        consequence: 'on nodes with that NoExecute taint its pods are evicted, and their preStop hook unloads yfs',
        action: `untaint those nodes or drain them first; then ${ALLOW_DANGEROUS}`,
      });
      continue;
    }
    const { tolerations: _a, ...wasRest } = was;
    const { tolerations: _b, ...isRest } = is;
    const templateChanged = !jsonEqual({ ...old.spec?.template, spec: wasRest }, { ...now.spec?.template, spec: isRest });
    if (onDelete(old) && !onDelete(now)) {
      changes.push({
        severity: 'dangerous', objects: [key],
        title: `${id} changes updateStrategy from OnDelete to ${now.spec?.updateStrategy?.type ?? 'RollingUpdate'}`,
        consequence: 'the DaemonSet replaces its pods by itself, unloading yfs node after node whatever runs there',
        action: `keep OnDelete; or drain the group first (\`kubectl drain -l ${pairs(is.nodeSelector, [KERNEL_VERSION_LABEL])} --ignore-daemonsets --delete-emptydir-data\`), then ${ALLOW_DANGEROUS}`,
      });
    } else if (templateChanged && !onDelete(now)) {
      changes.push({
        severity: 'dangerous', objects: [key],
        title: `kernel module object ${id} changes its pod template (updateStrategy ${now.spec?.updateStrategy?.type ?? 'RollingUpdate'})`,
        consequence: `the DaemonSet replaces its pods by itself: the AuriStorFS kernel module is unloaded or replaced on the nodes labelled ${pairs(is.nodeSelector)}; `
          + 'any of them with pods using AuriStorFS volumes at that moment crashes',
        action: `drain them first (\`kubectl drain -l ${pairs(is.nodeSelector)} --ignore-daemonsets --delete-emptydir-data\`), check that no AuriStorFS mount is left; then ${ALLOW_DANGEROUS}`,
      });
    } else if (templateChanged) {
      const group = groupOf(now);
      notes.set(group, [...(notes.get(group) ?? []), now]);
    }
  }
  for (const [group, daemonSets] of notes) {
    const facts = after.groups.get(group);
    const procedure = facts && groupUpgradeProcedure(facts);
    changes.push({
      severity: 'note', objects: daemonSets.map(objectKey),
      title: `AuriStorFS group ${group}: new kmod pod template for ${daemonSets.map(describeObject).join(', ')} (updateStrategy OnDelete)`,
      consequence: 'the sync reloads nothing: each node keeps its kmod pod, and gets the new template when that pod is deleted',
      action: procedure ? `node by node, follow the runbook "${procedure.title}"` : 'node by node: drain it, delete its kmod pod, restart its CSI node pod, uncordon',
      procedure,
    });
  }
}

/** Label-only Nodes: group label and KMM version label moving or going while the Node is still emitted. */
function nodeChanges(before: Side, after: Side, changes: KmodChange[]): void {
  const moved = new Map<string, Array<{ node: string; from: string; to: string }>>();
  for (const [name, old] of before.nodes) {
    const now = after.nodes.get(name);
    const oldGroup = old.metadata.labels?.[GROUP_LABEL];
    const newGroup = now?.metadata.labels?.[GROUP_LABEL];
    if (oldGroup !== undefined && !now) {
      changes.push({
        severity: 'note', objects: [objectKey(old)],
        title: `node ${name} leaves the output (it was in AuriStorFS group ${oldGroup})`,
        consequence: 'Argo CD keeps the Node and its labels (Prune=false): the node keeps the group\'s kmod; removing its labels by hand unloads yfs there',
        action: `drain ${name} before you remove its AuriStorFS labels (\`kubectl drain ${name} --ignore-daemonsets --delete-emptydir-data\`)`,
      });
      continue;
    }
    if (!now) continue;
    if (oldGroup !== undefined && oldGroup !== newGroup) {
      changes.push({
        severity: 'dangerous', objects: [objectKey(now)],
        title: newGroup === undefined ? `node ${name} loses the label ${GROUP_LABEL}=${oldGroup}` : `node ${name} moves from AuriStorFS group ${oldGroup} to ${newGroup}`,
        consequence: `${newGroup === undefined ? 'Argo CD\'s server-side apply removes the label at the sync' : 'its group label changes at the sync'}: `
          + `group ${oldGroup}'s kmod leaves the node (yfs unloaded)${newGroup === undefined ? '' : ` and group ${newGroup}'s arrives`}`,
        action: advice([{ kind: 'drain', node: name }], after.groups.get(oldGroup) ?? before.groups.get(oldGroup))
          + `, stop its cache manager if it runs on the host; then ${ALLOW_DANGEROUS}; uncordon once the node's kmod and CSI node plugin run`,
      });
      continue;
    }
    for (const [label, was] of Object.entries(old.metadata.labels ?? {})) {
      if (!label.startsWith(KMM_VERSION_LABEL_PREFIX)) continue;
      const is = now.metadata.labels?.[label];
      if (is === was) continue;
      const group = newGroup ?? oldGroup ?? '?';
      moved.set(group, [...(moved.get(group) ?? []), { node: name, from: was, to: is ?? '' }]);
    }
  }
  for (const [group, nodes] of moved) {
    const facts = after.groups.get(group);
    const version = facts?.kmm?.version;
    const effect = ({ node, from, to }: { node: string; from: string; to: string }) => (to === ''
      ? `${node} loses its version label (${from}): Argo CD's server-side apply removes it at the sync, and KMM unloads yfs there and loads nothing`
      : `${node}: KMM unloads yfs ${from} and ${to === version ? `loads ${to}` : `loads nothing (the Module is at version ${version ?? 'none'})`}`);
    const objects = nodes.map(({ node }) => objectKey(after.nodes.get(node)!));
    const names = nodes.map((n) => n.node);
    let action: string;
    let procedure: AuristorProcedure | undefined;
    if (nodes.length === 1 && facts && nodes[0].to === version) {
      const node = names[0];
      const steps = groupUpgradeProcedure({ ...facts, nodes: [node] }, version).steps;
      const at = steps.findIndex((s) => s.kind === 'sync');
      procedure = {
        id: `auristor-reload-${node}`,
        title: `reload yfs on node ${node} (AuriStorFS group ${group}, kmm) for this change`,
        source: 'kubernetes-sigs/kernel-module-management v2.6.0 ordered upgrade',
        group: facts,
        steps: steps.filter((s) => s.kind !== 'edit'),
      };
      action = `before the sync: ${advice(steps.slice(0, at).filter((s) => s.kind !== 'edit'), facts)}; then ${ALLOW_DANGEROUS}; after it: ${advice(steps.slice(at + 1), facts)}`;
    } else if (facts?.kmm && nodes.every((n) => n.to === version)) {
      const pins = nodes.map(({ node, from }) => `${node}: "${from}"`).join(', ');
      action = `pin them to the version they run (pinnedNodes: { ${pins} }), so that this sync reloads no node; then unpin one node at a time, each after draining it `
        + '(the runbook of the next synth)';
    } else {
      action = `drain ${list(names)} first (\`kubectl drain ${names.join(' ')} --ignore-daemonsets --delete-emptydir-data\`) and stop their cache managers; then ${ALLOW_DANGEROUS}`;
    }
    changes.push({
      severity: 'dangerous', objects,
      title: `KMM reloads yfs on node${names.length > 1 ? 's' : ''} ${list(names)} of AuriStorFS group ${group} (version label ${facts?.kmm?.versionLabel ?? ''})`,
      consequence: nodes.map(effect).join('; '),
      action,
      procedure,
    });
  }
}

/**
 * The synth summary: one line per thing the sync does to `yfs` (dangerous first), for the generator's output. Empty
 * when nothing of the kmod changes. The review's findings carry the same, with what to do.
 */
export function describeKmodChanges(previous: readonly Manifest[], next: readonly Manifest[], recreated?: ReadonlySet<string>): string[] {
  return kmodSummary(classifyKmodChanges(previous, next, recreated));
}

/** The summary lines of classified changes (see {@link describeKmodChanges}). */
export function kmodSummary(changes: readonly KmodChange[]): string[] {
  return [...changes.filter((c) => c.severity === 'dangerous'), ...changes.filter((c) => c.severity === 'note')]
    .map((c) => `AuriStorFS${c.severity === 'dangerous' ? ' (DANGEROUS)' : ''}: ${c.title}: ${c.consequence}`);
}
