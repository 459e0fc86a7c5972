/**
 * Argo CD health script for `ais.nvidia.com/AIStore` (argocd-cm key `resource.customizations.health.ais.nvidia.com_AIStore`).
 * Argo CD ships none (argo-cd 37ee009 resource_customizations/ has no ais.nvidia.com), so without it an
 * AIStore counts as nothing toward its Application's health (controller/health.go setApplicationHealth skips a
 * nil health).
 *
 * Reads what the AIS operator writes (ais-k8s v3.4.0 operator/api/aistore/v1beta1/aistore_types.go: `status.state`
 * ClusterState values, `status.conditions` with type Ready; internal/controller/aistore/cluster_controller.go
 * sets Ready False with reason Upgrading while the pods roll, and Ready True with state Ready once the AIS
 * cluster answers healthy). The status has no `observedGeneration`: right after a sync, until the operator
 * reconciles, the previous Ready can still show (docs/fleet.md, "Limits").
 */
export const AISTORE_HEALTH_LUA = `-- cdk8s-storage: health of ais.nvidia.com/AIStore from status.state and the Ready condition
local hs = {}
local st = obj.status
if st == nil or st.state == nil or st.state == "" then
  hs.status = "Progressing"
  hs.message = "waiting for the AIS operator to pick up the cluster"
  return hs
end
local ready = nil
if st.conditions ~= nil then
  for _, condition in ipairs(st.conditions) do
    if condition.type == "Ready" then ready = condition end
  end
end
local state = st.state
if state == "Ready" then
  if ready ~= nil and ready.status == "True" then
    hs.status = "Healthy"
    hs.message = "AIS cluster ready"
    return hs
  end
  hs.status = "Progressing"
  hs.message = "state Ready but the Ready condition is not True"
  return hs
end
if state == "Shutdown" then
  hs.status = "Suspended"
  hs.message = "AIS cluster shut down (spec.shutdownCluster)"
  return hs
end
if state == "Decommissioning" or state == "CleaningResources" or state == "HostCleanup" or state == "Finalized" then
  hs.status = "Degraded"
  hs.message = "AIS cluster is being decommissioned (" .. state .. ")"
  return hs
end
hs.status = "Progressing"
hs.message = "AIS cluster " .. state
if ready ~= nil and ready.message ~= nil and ready.message ~= "" then hs.message = hs.message .. ": " .. ready.message end
return hs
`;
