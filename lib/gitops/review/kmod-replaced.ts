import { Manifest, changedPaths, describeObject, groupKind } from '../manifest';
import { isKmodObject } from '../roles';
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
      action: `upgrade one node group at a time: cordon and drain its nodes (\`${drainCommand(c.previous ?? c.next!)}\`), check `
        + `that no AuriStorFS mount is left (\`lsmod | grep yfs\` shows no users); then ${ALLOW_DANGEROUS}; uncordon once the new module is loaded`,
    }];
  }),
};
