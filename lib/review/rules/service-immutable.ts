import { Manifest, describeObject, groupKind } from '../../k8s/manifest';
import { deleteCommand } from './immutable-fields';
import { Finding, ReviewRule, isUpdate } from './types';

function clusterIP(manifest: Manifest): string | undefined {
  return manifest.spec?.clusterIP || manifest.spec?.clusterIPs?.[0] || undefined;
}

/** Why an update of a Service cannot be applied in place, or undefined. */
function serviceRejection(previous: Manifest, next: Manifest): string | undefined {
  const before = clusterIP(previous);
  const after = clusterIP(next);
  // the API server keeps the allocated clusterIP when the manifest omits it, so only a different
  // explicit value, or leaving headless ("None"), is a change it has to refuse
  if (after !== undefined && after !== before) {
    return `spec.clusterIP changes from ${before ?? '(allocated)'} to ${after}: spec.clusterIPs[0]: Invalid value: field is immutable`;
  }
  if (before === 'None' && after !== 'None') {
    return 'spec.clusterIP leaves None (headless): a headless Service cannot get a cluster IP in place';
  }
  const type = next.spec?.type ?? 'ClusterIP';
  if ((before === 'None' || after === 'None') && (type === 'NodePort' || type === 'LoadBalancer') && (previous.spec?.type ?? 'ClusterIP') !== type) {
    return `spec.type becomes ${type} on a headless Service: spec.clusterIPs[0]: Invalid value: "None": may not be set to 'None' for ${type} services`;
  }
  const lbClass = (m: Manifest) => m.spec?.loadBalancerClass;
  if (previous.spec?.type === 'LoadBalancer' && type === 'LoadBalancer' && lbClass(previous) !== lbClass(next)) {
    return 'spec.loadBalancerClass: Invalid value: field is immutable';
  }
  return undefined;
}

export const SERVICE_IMMUTABLE_RULE: ReviewRule = {
  id: 'service-immutable-fields',
  severity: 'recreate',
  why: 'a Service keeps the cluster IP it got at creation (or stays headless), a headless Service cannot become a '
    + 'NodePort or LoadBalancer, and a LoadBalancer keeps its loadBalancerClass',
  check: (input) => input.changes.filter(isUpdate).filter((c) => groupKind(c.next) === 'Service').flatMap((c): Finding[] => {
    const rejection = serviceRejection(c.previous, c.next);
    if (!rejection) return [];
    return [{
      rule: 'service-immutable-fields',
      severity: 'recreate',
      objects: [c.key],
      title: `${describeObject(c.next)}: ${rejection.split(':')[0]} cannot be changed in place`,
      consequence: `Kubernetes rejects the update (${rejection}); the sync fails at this object until it is deleted and created again`,
      action: `delete the Service (\`${deleteCommand(c.next)}\`) right before the sync; clients and `
        + 'pod DNS names that use it fail until Argo CD has created it again (seconds; a LoadBalancer may get another external IP)',
    }];
  }),
};
