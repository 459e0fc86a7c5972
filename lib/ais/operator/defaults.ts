/**
 * The defaults of the AIS operator settings, in one place: {@link AisOperatorSettings} applies them
 * and the config schema shows them (`operator:`). lib/config may import this module (and
 * lib/ais/defaults.ts) and nothing else of lib/ais, so it imports nothing.
 */

/** Namespace of the AIS operator (its Helm chart and kustomize install both use it). */
export const DEFAULT_OPERATOR_NAMESPACE = 'ais-operator-system';
/** Name of the operator Deployment (Helm release `ais-operator` and the kustomize install both give it). */
export const DEFAULT_OPERATOR_DEPLOYMENT = 'ais-operator-controller-manager';
