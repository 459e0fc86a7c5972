import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { retainOnDelete } from '../../argo/argo-annotations';
import { allConstructs } from '../../k8s/bulk-objects';

/** Marks every API object under `scope` `Prune=false,Delete=false` (e.g. a kmod and everything it runs as). */
export function retainAll(scope: IConstruct): void {
  for (const child of allConstructs(scope)) {
    if (child instanceof ApiObject) retainOnDelete(child);
  }
}
