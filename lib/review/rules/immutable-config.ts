import { changedPaths, describeObject, groupKind } from '../../k8s/manifest';
import { deleteCommand } from './immutable-fields';
import { Finding, ReviewRule, isUpdate } from './types';

/** ConfigMaps and Secrets created with `immutable: true`. */
export const IMMUTABLE_CONFIG_RULE: ReviewRule = {
  id: 'immutable-configmap',
  severity: 'recreate',
  why: 'a ConfigMap or Secret created with immutable: true can never change its data, nor become mutable again',
  check: (input) => input.changes.filter(isUpdate)
    .filter((c) => ['ConfigMap', 'Secret'].includes(groupKind(c.next)) && c.previous.immutable === true)
    .flatMap((c): Finding[] => {
      const project = (m: typeof c.next) => ({ immutable: m.immutable, data: m.data, binaryData: m.binaryData, stringData: m.stringData });
      const paths = changedPaths(project(c.previous), project(c.next));
      if (paths.length === 0) return [];
      return [{
        rule: 'immutable-configmap',
        severity: 'recreate',
        objects: [c.key],
        title: `${describeObject(c.next)} is immutable: ${paths.join(', ')} cannot be changed`,
        consequence: 'Kubernetes rejects the update (data: Forbidden: field is immutable when `immutable` is set); the sync fails at this object',
        action: `delete it (\`${deleteCommand(c.next)}\`) right before the sync; running pods keep the `
          + 'old content until they restart, pods starting in between wait for it',
      }];
    }),
};
