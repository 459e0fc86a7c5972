import { SYNC_OPTIONS_ANNOTATION, SyncOption } from '../argo-annotations';
import { Manifest, describeObject, groupKind } from '../manifest';
import { Finding, ReviewRule } from './types';

function keptByArgo(manifest: Manifest): boolean {
  const options = manifest.metadata.annotations?.[SYNC_OPTIONS_ANNOTATION] ?? '';
  return options.split(',').map((o) => o.trim()).includes(SyncOption.PRUNE_FALSE);
}

function cleanup(manifest: Manifest): string {
  if (groupKind(manifest) === 'Node') {
    const labels = Object.keys(manifest.metadata.labels ?? {}).map((k) => `${k}-`).join(' ');
    return `the node keeps its labels, and pods may still be scheduled there: remove them when the node is drained (\`kubectl label node ${manifest.metadata.name} ${labels}\`)`;
  }
  return 'delete it by hand once you are sure its data is no longer needed';
}

/** Removed objects that Argo CD keeps (Prune=false): the cluster is not changed, someone must clean up. */
export const RETAINED_ON_REMOVAL_RULE: ReviewRule = {
  id: 'retained-on-removal',
  severity: 'note',
  why: 'objects marked Prune=false (Nodes, volumes, local StorageClasses, kmods, Namespaces, the AIStore resource) are '
    + 'never deleted by a sync: removing them from the output leaves them in the cluster and the app OutOfSync',
  check: (input) => input.changes.filter((c) => c.action === 'removed' && keptByArgo(c.previous!)).map((c): Finding => ({
    rule: RETAINED_ON_REMOVAL_RULE.id,
    severity: 'note',
    objects: [c.key],
    title: `${describeObject(c.previous!)} leaves the output but stays in the cluster (Prune=false)`,
    consequence: 'Argo CD does not delete it; the Application shows it as OutOfSync (to be pruned) until it is deleted by hand',
    action: cleanup(c.previous!),
  })),
};
