/**
 * Argo CD health script for `sro.openshift.io/SpecialResource` (argocd-cm key
 * `resource.customizations.health.sro.openshift.io_SpecialResource`). Reads the conditions SRO 4.11+ writes
 * (special-resource-operator release-4.11 and master internal/controllers/state/statusupdater.go SetAsProgressing,
 * SetAsErrored, SetAsReady; api/v1beta1/specialresource_types.go condition types Ready, Progressing, Errored).
 *
 * SRO 4.9 and 4.10 write no conditions, only `status.state` (release-4.10 controllers/status.go): nothing tells
 * when the module is loaded, so the script returns nothing and the SpecialResource is not assessed (an empty
 * status, util/lua/lua.go ExecuteHealthLua; an empty status never makes the Application worse,
 * gitops-engine/pkg/health/health.go IsWorse).
 */
export const SPECIAL_RESOURCE_HEALTH_LUA = `-- cdk8s-storage: health of sro.openshift.io/SpecialResource from its Ready, Progressing and Errored conditions
local found = {}
local any = false
if obj.status ~= nil and obj.status.conditions ~= nil then
  for _, condition in ipairs(obj.status.conditions) do
    found[condition.type] = condition
    any = true
  end
end
if not any then
  if obj.status ~= nil and obj.status.state ~= nil then return nil end
  return { status = "Progressing", message = "waiting for the Special Resource Operator" }
end
local function isTrue(kind) return found[kind] ~= nil and found[kind].status == "True" end
local function messageOf(kind, fallback)
  if found[kind] ~= nil and found[kind].message ~= nil and found[kind].message ~= "" then return found[kind].message end
  return fallback
end
if isTrue("Errored") then return { status = "Degraded", message = messageOf("Errored", "SRO reports an error") } end
if isTrue("Ready") then return { status = "Healthy", message = "SpecialResource reconciled" } end
return { status = "Progressing", message = messageOf("Progressing", "waiting for the Special Resource Operator") }
`;
