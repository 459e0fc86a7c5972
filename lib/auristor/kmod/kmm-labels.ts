/**
 * Names KMM derives from a Module's namespace and name (kubernetes-sigs/kernel-module-management v2.6.0,
 * `internal/utils/kmmlabels.go`), and the length rule its webhook enforces. The `AuristorKmmModule` construct
 * and the config schema both check names with {@link kmmModuleNameProblem}.
 */

/** Name of the AuriStorFS KMM Module in each group namespace. */
export const KMM_MODULE_NAME = 'auristorfs-kmod';

/**
 * Longest `name + namespace` of a Module: KMM's validating webhook (`internal/webhook/module.go`
 * validateModule, `maxCombinedLength`) rejects longer ones on create and update, so that its internal node label
 * `beta.kmm.node.kubernetes.io/version-device-plugin.<namespace>.<name>` fits in a 63-character name part.
 */
export const MAX_KMM_NAME_AND_NAMESPACE = 40;

/** Node label KMM sets (value "") where the Module's kernel module is loaded (GetKernelModuleReadyNodeLabel). */
export function kmmReadyLabel(namespace: string, name: string): string {
  return `kmm.node.kubernetes.io/${namespace}.${name}.ready`;
}

/**
 * Node label that drives KMM's ordered upgrade (GetModuleVersionLabelName): a node loads the Module only while
 * this label's value equals the Module's `version`; changing the value on one node unloads and reloads the module
 * there (`docs/mkdocs/documentation/ordered_upgrade.md`).
 */
export function kmmModuleVersionLabel(namespace: string, name: string): string {
  return `kmm.node.kubernetes.io/version-module.${namespace}.${name}`;
}

/** Node label KMM sets to the loaded `version` once a node runs it (GetKernelModuleVersionReadyNodeLabel). */
export function kmmVersionReadyLabel(namespace: string, name: string): string {
  return `kmm.node.kubernetes.io/${namespace}.${name}.version.ready`;
}

/**
 * Why KMM cannot take a Module of this name in this namespace, or undefined when it can: KMM's webhook limit on
 * `name + namespace`. Within it every node label key KMM derives (the longest, `version-module.<ns>.<name>`, has
 * a name part of at most 56 characters) fits the 63-character limit.
 */
export function kmmModuleNameProblem(namespace: string, name: string): string | undefined {
  const combined = namespace.length + name.length;
  if (combined <= MAX_KMM_NAME_AND_NAMESPACE) return undefined;
  return `the KMM Module ${namespace}/${name} has name + namespace of ${combined} characters; KMM's webhook admits at most `
    + `${MAX_KMM_NAME_AND_NAMESPACE} (its node labels such as ${kmmReadyLabel(namespace, name)} must fit in 63)`;
}
