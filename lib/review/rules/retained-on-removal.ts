import { SYNC_OPTIONS_ANNOTATION, SyncOption } from '../../argo/argo-annotations';
import { Manifest, groupKind, objectKey } from '../../k8s/manifest';
import { Finding, ReviewRule } from './types';

function keptByArgo(manifest: Manifest): boolean {
  const options = manifest.metadata.annotations?.[SYNC_OPTIONS_ANNOTATION] ?? '';
  return options.split(',').map((o) => o.trim()).includes(SyncOption.PRUNE_FALSE);
}

const plural = (kind: string, n: number) => (n === 1 ? kind : kind.endsWith('s') ? `${kind}es` : `${kind}s`);

/** The commands that clean up a group of kept objects of one kind and namespace, with their names. */
function cleanup(objects: readonly Manifest[]): string {
  const first = objects[0];
  if (groupKind(first) === 'Node') {
    const bySet = new Map<string, string[]>();
    for (const node of objects) {
      const labels = Object.keys(node.metadata.labels ?? {}).sort().map((k) => `${k}-`).join(' ');
      const names = bySet.get(labels) ?? [];
      names.push(node.metadata.name);
      bySet.set(labels, names);
    }
    const commands = [...bySet].map(([labels, names]) => `\`kubectl label node ${names.join(' ')} ${labels}\``).join(', ');
    return `the nodes keep our labels, and AIS pods may still be scheduled there: once they are drained, remove the labels (${commands})`;
  }
  const ns = first.metadata.namespace ? ` -n ${first.metadata.namespace}` : '';
  return `delete ${objects.length === 1 ? 'it' : 'them'} by hand once you are sure ${objects.length === 1 ? 'its' : 'their'} data is no longer needed `
    + `(\`kubectl delete ${first.kind.toLowerCase()}${ns} ${objects.map((m) => m.metadata.name).join(' ')}\`)`;
}

/**
 * Removed objects that Argo CD keeps (Prune=false): the cluster is not changed, someone must clean
 * up. One finding per kind and namespace, naming every object.
 */
export const RETAINED_ON_REMOVAL_RULE: ReviewRule = {
  id: 'retained-on-removal',
  severity: 'note',
  why: 'objects marked Prune=false (Nodes, volumes, local StorageClasses, kmods, Namespaces, the AIStore resource) are '
    + 'never deleted by a sync: removing them from the output leaves them in the cluster and the app OutOfSync',
  check: (input) => {
    const groups = new Map<string, Manifest[]>();
    for (const change of input.changes) {
      if (change.action !== 'removed' || !keptByArgo(change.previous!)) continue;
      const m = change.previous!;
      const group = `${groupKind(m)} ${m.metadata.namespace ?? ''}`;
      const members = groups.get(group) ?? [];
      members.push(m);
      groups.set(group, members);
    }
    return [...groups.values()].map((objects): Finding => {
      const first = objects[0];
      const where = first.metadata.namespace ? ` in namespace ${first.metadata.namespace}` : '';
      const names = objects.map((m) => m.metadata.name).join(', ');
      return {
        rule: RETAINED_ON_REMOVAL_RULE.id,
        severity: 'note',
        objects: objects.map(objectKey),
        title: objects.length === 1
          ? `${first.kind} ${first.metadata.namespace ? `${first.metadata.namespace}/` : ''}${first.metadata.name} leaves the output but stays in the cluster (Prune=false)`
          : `${objects.length} ${plural(first.kind, objects.length)}${where} leave the output but stay in the cluster (Prune=false): ${names}`,
        consequence: 'Argo CD does not delete them; the Application shows them as OutOfSync (to be pruned) until they are deleted by hand',
        action: cleanup(objects),
      };
    });
  },
};
