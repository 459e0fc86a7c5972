/**
 * The Kubernetes minor versions the output can target, and what each one's API server accepts
 * where that differs from 1.28 (the schema the output is built against: cdk8s-plus-28).
 */
export const KUBERNETES_VERSIONS = ['1.28', '1.29', '1.30', '1.31', '1.32', '1.33'] as const;
export type KubernetesVersion = typeof KUBERNETES_VERSIONS[number];
export const DEFAULT_KUBERNETES_VERSION: KubernetesVersion = '1.28';

const minor = (version: KubernetesVersion) => Number(version.split('.')[1]);

/** Throws unless `version` is one of {@link KUBERNETES_VERSIONS}. */
export function checkKubernetesVersion(version: string): KubernetesVersion {
  if (!(KUBERNETES_VERSIONS as readonly string[]).includes(version)) {
    throw new Error(`unsupported Kubernetes version ${version}: expected one of ${KUBERNETES_VERSIONS.join(', ')}`);
  }
  return version as KubernetesVersion;
}

/** Feature gates of the API servers that change what the output may use (each off unless the version enables it). */
export interface KubernetesFeatureGates {
  /**
   * `PodHostIPs` is on (`--feature-gates=PodHostIPs=true`; default from 1.29): the downward-API field `status.hostIPs` is accepted.
   * @default - the version's default
   */
  readonly podHostIPs?: boolean;
}

/**
 * Whether the API server accepts the downward-API field `status.hostIPs` in env `fieldRef`s.
 * Feature gate `PodHostIPs`: alpha (off by default) in 1.28, beta (on) from 1.29
 * (kubernetes pkg/features/kube_features.go; pkg/apis/core/validation/validation.go
 * validateEnvVarValueFrom accepts it only with PodValidationOptions.AllowHostIPsField).
 */
export function acceptsPodHostIPs(version: KubernetesVersion, gates: KubernetesFeatureGates = {}): boolean {
  return minor(version) >= 29 || gates.podHostIPs === true;
}

/**
 * Downward-API field paths a container env `fieldRef` may name on this version
 * (kubernetes pkg/apis/core/validation/validation.go validEnvDownwardAPIFieldPathExpressions at v1.28;
 * `metadata.labels['k']` / `metadata.annotations['k']` subscripts are allowed besides).
 */
export function downwardApiEnvFields(version: KubernetesVersion, gates: KubernetesFeatureGates = {}): ReadonlySet<string> {
  const fields = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName',
    'status.hostIP', 'status.podIP', 'status.podIPs'];
  return new Set(acceptsPodHostIPs(version, gates) ? [...fields, 'status.hostIPs'] : fields);
}
