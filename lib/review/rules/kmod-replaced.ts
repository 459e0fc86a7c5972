import { Manifest, changedPaths, describeObject, groupKind } from '../../k8s/manifest';
import { isKmodObject } from '../../argo/roles';
import { ALLOW_DANGEROUS, Finding, ObjectChange, ReviewRule } from './types';

const onDelete = (m: Manifest) => m.spec?.updateStrategy?.type === 'OnDelete';

/** What a change does to the kernel module on the nodes, or undefined when it leaves it alone. */
function kmodEffect(change: ObjectChange, recreated: ReadonlySet<string>): string | undefined {
  if (change.action === 'added') return undefined;
  if (change.action === 'removed') return 'removed from the output';
  if (recreated.has(change.key)) return 'must be deleted and created again';
  const paths = changedPaths(change.previous!.spec, change.next!.spec, 'spec');
  if (paths.length === 0) return undefined;
  // a DaemonSet that updates OnDelete keeps its running pods (and the loaded module) until someone deletes them
  const templateOnly = paths.every((p) => p.startsWith('spec.template'));
  if (groupKind(change.next!) === 'apps/DaemonSet' && onDelete(change.previous!) && onDelete(change.next!) && templateOnly) return undefined;
  return `changes ${paths.slice(0, 3).join(', ')}${paths.length > 3 ? ', ...' : ''}`;
}

/**
 * The nodes a kernel-module object loads its module on, as `key=value` pairs: a DaemonSet's pod
 * nodeSelector, a KMM Module's `selector`, a SRO SpecialResource's `nodeSelector` (at the top of
 * its spec, or in the chart values it sets).
 */
export function kmodNodeSelector(manifest: Manifest): string[] {
  const spec = manifest.spec ?? {};
  const selector = spec.template?.spec?.nodeSelector ?? spec.selector ?? spec.nodeSelector ?? spec.set?.nodeSelector;
  return Object.entries<string>(selector?.matchLabels ?? selector ?? {}).map(([k, v]) => `${k}=${v}`);
}

function nodesOf(manifest: Manifest): string {
  const pairs = kmodNodeSelector(manifest);
  return pairs.length > 0 ? `the nodes labelled ${pairs.join(', ')}` : 'the nodes it selects';
}

/** The drain command for every node of a kmod object, by its label selector. */
export function drainCommand(manifest: Manifest): string {
  const pairs = kmodNodeSelector(manifest);
  return pairs.length > 0
    ? `kubectl drain -l ${pairs.join(',')} --ignore-daemonsets --delete-emptydir-data`
    : 'kubectl drain NODE --ignore-daemonsets --delete-emptydir-data';
}

/**
 * What to do before syncing, by who swaps the module (docs/auristor.md, "Phased upgrade"):
 * - a DaemonSet swaps it as its pods are replaced: drain the group first;
 * - SRO renders kmod DaemonSets only for kernels of nodes without NoSchedule/NoExecute taints
 *   (openshift/special-resource-operator release-4.10 pkg/cache/cache.go), so cordoning the group first keeps the
 *   old module: sync while the nodes are schedulable, then drain and swap one node at a time;
 * - KMM v2.6 treats a cordoned node as unselected and unloads there (kernel-module-management internal/node/node.go
 *   GetNodesListBySelector), and with a Module `version` reloads only nodes whose version label moves
 *   (ordered upgrade): pin the nodes, then move them one at a time.
 */
function kmodAction(previous: Manifest, next: Manifest | undefined): string {
  const drain = `\`${drainCommand(previous)}\``;
  const idle = '`lsmod | grep yfs` shows no users';
  if (previous.kind === 'SpecialResource' && next) {
    return `do not cordon the group before the sync (SRO renders kmod DaemonSets only for nodes without NoSchedule taints): ${ALLOW_DANGEROUS} `
      + `while ${nodesOf(previous)} are schedulable; then one node at a time: drain it, check that ${idle}, delete its `
      + `driver-container pod in namespace ${previous.spec?.namespace ?? previous.metadata.name}, wait for the new module, uncordon (docs/auristor.md, "Phased upgrade")`;
  }
  if (previous.kind === 'Module' && next) {
    const ordered = next.spec?.moduleLoader?.container?.version !== undefined;
    return ordered
      ? 'pin every node of the group to the version it runs (`pinnedNodes`), so that the sync reloads no node; '
        + `${ALLOW_DANGEROUS}; then one node at a time: drain it (KMM unloads yfs on a cordoned node once ${idle}), `
        + 'remove it from `pinnedNodes`, commit and sync, uncordon (docs/auristor.md, "Phased upgrade")'
      : `KMM reloads yfs on every node of the group at once (no ordered-upgrade version): drain the group first (${drain}; `
        + `KMM unloads yfs on cordoned nodes once ${idle}); then ${ALLOW_DANGEROUS}; uncordon once the new module is loaded`;
  }
  return `upgrade one node group at a time: cordon and drain its nodes (${drain}), check `
    + `that no AuriStorFS mount is left (${idle}); then ${ALLOW_DANGEROUS}; uncordon once the new module is loaded`;
}

/** A kernel-module object removed, replaced or changed so that the module is reloaded on nodes. */
export const KMOD_REPLACED_RULE: ReviewRule = {
  id: 'kmod-removed-or-replaced',
  severity: 'dangerous',
  why: 'unloading or replacing the AuriStorFS kernel module on a node whose pods use AuriStorFS volumes crashes the node; '
    + 'SRO, KMM and a RollingUpdate DaemonSet all swap the module as soon as their object changes',
  check: (input) => input.changes.filter((c) => isKmodObject(c.previous ?? c.next!)).flatMap((c): Finding[] => {
    const effect = kmodEffect(c, input.recreated);
    if (!effect) return [];
    const object = describeObject(c.previous ?? c.next!);
    return [{
      rule: KMOD_REPLACED_RULE.id,
      severity: 'dangerous',
      objects: [c.key],
      title: `kernel module object ${object} ${effect}`,
      consequence: `the AuriStorFS kernel module is unloaded or replaced on ${nodesOf(c.previous ?? c.next!)}; `
        + 'any of them with pods using AuriStorFS volumes at that moment crashes'
        + (c.action === 'removed' ? '. Argo CD does not prune it (Prune=false): it keeps running until deleted by hand, and the app shows OutOfSync' : ''),
      action: kmodAction(c.previous ?? c.next!, c.next),
    }];
  }),
};
