import { ALL_PODS_UPDATED, ROLLOUT_HEALTH_ANNOTATION } from '../health-gates';

/**
 * Argo CD health script for `apps/StatefulSet` (argocd-cm key `resource.customizations.health.apps_StatefulSet`).
 *
 * An override replaces Argo CD's built-in check for every StatefulSet of that Argo CD (argo-cd 37ee009
 * gitops-engine/pkg/health/health.go GetResourceHealth: the override first; a script that returns nothing
 * yields an empty status, util/lua/lua.go ExecuteHealthLua, and never falls back). So the script gives every
 * StatefulSet without our annotation the built-in verdicts, branch by branch as
 * gitops-engine/pkg/health/health_statefulset.go getAppsv1StatefulSetHealth decides them (messages are ours).
 *
 * With the annotation, an OnDelete StatefulSet is Healthy only when every pod runs the update revision and is
 * ready: `updatedReplicas` counts the created, non-terminating pods of the update revision, `replicas` every pod
 * including terminating ones (Kubernetes 1.28 pkg/controller/statefulset/stateful_set_control.go
 * updateStatefulSet status counting); `currentRevision` is not compared, since for OnDelete it never advances
 * (stateful_set_utils.go completeRollingUpdate only runs for RollingUpdate).
 *
 * Lua 5.1 with the base and table libraries only: Argo CD opens no string or math library for argocd-cm scripts
 * (util/lua/lua.go runLuaWithResourceActionParameters).
 */
export const STATEFULSET_HEALTH_LUA = `-- cdk8s-storage: health of apps/StatefulSet (the built-in verdicts, plus the rollout gate of ${ROLLOUT_HEALTH_ANNOTATION})
local hs = {}
local spec = obj.spec or {}
local st = obj.status or {}
local generation = obj.metadata.generation or 0
local observed = st.observedGeneration or 0
if observed == 0 or generation > observed then
  hs.status = "Progressing"
  hs.message = "generation " .. generation .. " not observed yet by the StatefulSet controller"
  return hs
end
local ready = st.readyReplicas or 0
local updated = st.updatedReplicas or 0
local strategy = spec.updateStrategy or {}
local annotations = obj.metadata.annotations or {}
if strategy.type == "OnDelete" and annotations["${ROLLOUT_HEALTH_ANNOTATION}"] == "${ALL_PODS_UPDATED}" then
  local want = spec.replicas or 1
  local revision = st.updateRevision or "?"
  if updated < want or ready < want or (st.replicas or 0) ~= want then
    hs.status = "Progressing"
    hs.message = updated .. " of " .. want .. " pods run revision " .. revision .. ", " .. ready .. " ready, " .. (st.replicas or 0)
      .. " exist: delete the others one at a time, each after the last is ready (updateStrategy OnDelete)"
    return hs
  end
  if st.availableReplicas ~= nil and st.availableReplicas < want then
    hs.status = "Progressing"
    hs.message = st.availableReplicas .. " of " .. want .. " pods available"
    return hs
  end
  hs.status = "Healthy"
  hs.message = "all " .. want .. " pods run revision " .. revision
  return hs
end
if spec.replicas ~= nil and ready < spec.replicas then
  hs.status = "Progressing"
  hs.message = (spec.replicas - ready) .. " of " .. spec.replicas .. " pods not ready"
  return hs
end
if strategy.type == "RollingUpdate" and strategy.rollingUpdate ~= nil then
  local partition = strategy.rollingUpdate.partition
  if spec.replicas ~= nil and partition ~= nil and updated < spec.replicas - partition then
    hs.status = "Progressing"
    hs.message = updated .. " of " .. (spec.replicas - partition) .. " pods updated (partition " .. partition .. ")"
    return hs
  end
  hs.status = "Healthy"
  hs.message = updated .. " pods updated"
  return hs
end
if strategy.type == "OnDelete" then
  hs.status = "Healthy"
  hs.message = ready .. " pods ready (OnDelete: revisions not checked)"
  return hs
end
if st.updateRevision ~= st.currentRevision then
  hs.status = "Progressing"
  hs.message = updated .. " pods at revision " .. (st.updateRevision or "?") .. ": rolling update in progress"
  return hs
end
hs.status = "Healthy"
hs.message = (st.currentReplicas or 0) .. " pods at revision " .. (st.currentRevision or "?")
return hs
`;
