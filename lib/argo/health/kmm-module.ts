/**
 * Argo CD health script for `kmm.sigs.x-k8s.io/Module` (argocd-cm key `resource.customizations.health.kmm.sigs.x-k8s.io_Module`).
 * Reads `status.moduleLoader` (KMM v2.6.0 api/v1beta1/module_types.go; internal/controllers/module_reconciler.go
 * moduleUpdateWorkerPodsStatus: nodesMatchingSelectorNumber = the nodes the selector and tolerations match,
 * desiredNumber = the nodes that get the module, availableNumber = those whose loaded config is the desired one).
 * A matching node that gets no module (its kernel has no mapping, or it lacks the version label while the Module
 * has a version: prepareNodeSchedulingData) is Degraded: it will never load without a change.
 */
export const KMM_MODULE_HEALTH_LUA = `-- cdk8s-storage: health of kmm.sigs.x-k8s.io/Module from status.moduleLoader
local loader = nil
if obj.status ~= nil then loader = obj.status.moduleLoader end
if loader == nil then return { status = "Progressing", message = "waiting for KMM" } end
local matching = loader.nodesMatchingSelectorNumber or 0
local desired = loader.desiredNumber or 0
local available = loader.availableNumber or 0
if desired < matching then
  return { status = "Degraded", message = (matching - desired) .. " of " .. matching
    .. " selected nodes get no module: no kernel mapping for their kernel, or no version label while the Module has a version" }
end
if available < desired then
  return { status = "Progressing", message = available .. " of " .. desired .. " nodes run the module as configured" }
end
return { status = "Healthy", message = "module loaded on " .. available .. " nodes" }
`;
