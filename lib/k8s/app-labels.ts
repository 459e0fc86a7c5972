/**
 * Kubernetes' recommended labels (`app.kubernetes.io/*`), as every product we emit uses them:
 * the change review, the ownership index and the security lint read them back.
 */
export const NAME_LABEL = 'app.kubernetes.io/name';
export const COMPONENT_LABEL = 'app.kubernetes.io/component';
export const PART_OF_LABEL = 'app.kubernetes.io/part-of';
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY = 'cdk8s-storage';
