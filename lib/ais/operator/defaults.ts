/**
 * The defaults of the AIS operator settings, in one place: {@link AisOperatorSettings} applies them
 * and the config schema shows them (`operator:`). lib/config may import this module (and
 * lib/ais/defaults.ts) and nothing else of lib/ais, so it imports nothing.
 */

/** Namespace of the AIS operator (its Helm chart and kustomize install both use it). */
export const DEFAULT_OPERATOR_NAMESPACE = 'ais-operator-system';
/** Name of the operator Deployment (Helm release `ais-operator` and the kustomize install both give it). */
export const DEFAULT_OPERATOR_DEPLOYMENT = 'ais-operator-controller-manager';

/**
 * Startup-probe failures the targets' aisnode tolerates (× 5 s period = 30 min), set through
 * `targetSpec.probes.startup.failureThreshold` (read by the operator's `NewStartupProbe`, ais-k8s
 * operator/internal/resources/aistore/cmn/res.go, field present from v3.2.0). The operator's startup
 * probe asks readiness, which a target restarted in AIS maintenance never passes (aistore ais/htrun.go
 * `isReady`): the operator puts each target in maintenance before restarting it and never takes it out
 * (target_controllers.go `prepareTargetForRollout`), so with the default 30 (150 s) kubelet would kill
 * it again and again before the change runbook's stop-maintenance can reach it (audit N8).
 */
export const TARGET_STARTUP_FAILURE_THRESHOLD = 360;
