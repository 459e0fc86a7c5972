import { KmodChange, classifyKmodChanges } from '../kmod-changes';
import { Finding, ReviewInput, ReviewRule } from './types';

/** The kmod classification of one review (both rules read it; the input's outputs are diffed once). */
const classified = new WeakMap<ReviewInput, KmodChange[]>();

/** What the sync of this change does to `yfs` on the nodes (lib/review/kmod-changes.ts), once per review. */
export function kmodChangesOf(input: ReviewInput): KmodChange[] {
  let changes = classified.get(input);
  if (!changes) {
    changes = input.changes.length === 0 ? [] : classifyKmodChanges(input.previous, input.next, input.recreated);
    classified.set(input, changes);
  }
  return changes;
}

const finding = (rule: string) => (change: KmodChange): Finding => ({
  rule, severity: change.severity, objects: change.objects, title: change.title, consequence: change.consequence, action: change.action,
});

/** A sync that unloads or reloads the AuriStorFS kernel module on a node: refused without --allow-dangerous. */
export const KMOD_REPLACED_RULE: ReviewRule = {
  id: 'kmod-removed-or-replaced',
  severity: 'dangerous',
  why: 'unloading or replacing the AuriStorFS kernel module on a node whose pods use AuriStorFS volumes crashes the node; '
    + 'this sync itself would make KMM, a DaemonSet or SRO unload or reload it on the nodes named',
  check: (input) => kmodChangesOf(input).filter((c) => c.severity === 'dangerous').map(finding(KMOD_REPLACED_RULE.id)),
};

/** A kmod change the sync applies without reloading anything, and how the module then reaches each node. */
export const KMOD_NODE_BY_NODE_RULE: ReviewRule = {
  id: 'kmod-node-by-node',
  severity: 'note',
  why: 'static and SRO kmod DaemonSets are OnDelete, KMM reloads only nodes whose version label moves, and objects no longer '
    + 'emitted are kept (Prune=false): the new module reaches each node only through the node-by-node procedure',
  check: (input) => kmodChangesOf(input).filter((c) => c.severity === 'note').map(finding(KMOD_NODE_BY_NODE_RULE.id)),
};
