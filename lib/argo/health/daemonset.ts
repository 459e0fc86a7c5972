import { ALL_PODS_UPDATED, ROLLOUT_HEALTH_ANNOTATION } from '../health-gates';

/**
 * Argo CD health script for `apps/DaemonSet` (argocd-cm key `resource.customizations.health.apps_DaemonSet`).
 * Like {@link STATEFULSET_HEALTH_LUA}: it replaces the built-in check for every DaemonSet, so it gives the
 * built-in verdicts (argo-cd 37ee009 gitops-engine/pkg/health/health_daemonset.go getAppsv1DaemonSetHealth)
 * to every DaemonSet without our annotation. With it, an OnDelete DaemonSet (a static-delivery kmod, whose
 * new module loads only when its pod is deleted) is Healthy only when every scheduled pod is updated and available.
 */
export const DAEMONSET_HEALTH_LUA = `-- cdk8s-storage: health of apps/DaemonSet (the built-in verdicts, plus the rollout gate of ${ROLLOUT_HEALTH_ANNOTATION})
local hs = {}
local spec = obj.spec or {}
local st = obj.status or {}
local generation = obj.metadata.generation or 0
if generation > (st.observedGeneration or 0) then
  hs.status = "Progressing"
  hs.message = "generation " .. generation .. " not observed yet by the DaemonSet controller"
  return hs
end
local desired = st.desiredNumberScheduled or 0
local updated = st.updatedNumberScheduled or 0
local available = st.numberAvailable or 0
local strategy = spec.updateStrategy or {}
local annotations = obj.metadata.annotations or {}
if strategy.type == "OnDelete" then
  if annotations["${ROLLOUT_HEALTH_ANNOTATION}"] ~= "${ALL_PODS_UPDATED}" then
    hs.status = "Healthy"
    hs.message = updated .. " of " .. desired .. " pods updated (OnDelete: not waited for)"
    return hs
  end
  if updated < desired or available < desired then
    hs.status = "Progressing"
    hs.message = updated .. " of " .. desired .. " pods updated, " .. available .. " available: drain each node, then delete its pod (updateStrategy OnDelete)"
    return hs
  end
  hs.status = "Healthy"
  hs.message = "all " .. desired .. " pods updated and available"
  return hs
end
if updated < desired then
  hs.status = "Progressing"
  hs.message = updated .. " of " .. desired .. " pods updated"
  return hs
end
if available < desired then
  hs.status = "Progressing"
  hs.message = available .. " of " .. desired .. " updated pods available"
  return hs
end
hs.status = "Healthy"
hs.message = "all " .. desired .. " pods updated and available"
return hs
`;
