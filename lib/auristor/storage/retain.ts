import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { retainOnDelete } from '../../argo/argo-annotations';

/** Marks every API object under `scope` `Prune=false,Delete=false` (e.g. a kmod and everything it runs as). */
export function retainAll(scope: IConstruct): void {
  for (const child of scope.node.findAll()) {
    if (child instanceof ApiObject) retainOnDelete(child);
  }
}
