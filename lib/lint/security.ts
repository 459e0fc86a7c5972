import { COMPONENT_LABEL, PART_OF_LABEL } from '../k8s/app-labels';
import { isPinnedImage } from '../k8s/images';

/** What the security lint reads: any Kubernetes object as written to YAML. */
export interface LintedObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly labels?: Record<string, string> };
  readonly [field: string]: any;
}

/** The rules of the security lint. */
export enum SecurityRule {
  /** a Secret that carries data: secrets are referenced, never generated */
  SECRET_DATA = 'secret-data',
  /** a PEM block, private key, or a string that looks like a token or cloud key, anywhere */
  KEY_MATERIAL = 'key-material',
  /** an image with the `latest` tag or no tag */
  UNPINNED_IMAGE = 'unpinned-image',
  /** a privileged container outside the allowed data paths */
  PRIVILEGED = 'privileged',
  /** an RBAC rule with `*`, or a binding to cluster-admin */
  RBAC_WILDCARD = 'rbac-wildcard',
  /** a container without cpu and memory requests */
  RESOURCE_REQUESTS = 'resource-requests',
}

export interface SecurityViolation {
  readonly rule: SecurityRule;
  /** `Kind namespace/name` */
  readonly object: string;
  /** where in the object, e.g. `spec.template.spec.containers[0]` */
  readonly path: string;
  readonly message: string;
}

/**
 * `app.kubernetes.io/component` values of the AuriStorFS client whose containers may run
 * privileged: they load a kernel module or mount file systems for other pods.
 */
export const AURISTOR_PRIVILEGED_COMPONENTS: readonly string[] = ['kmod', 'csi-node', 'csi-controller', 'volume-manager'];

/** Strings that are secret material or look like it. */
const KEY_PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  [/-----BEGIN [A-Z0-9 ]+-----/, 'a PEM block'],
  [/LS0tLS1CRUdJTi/, 'a base64-encoded PEM block'],
  [/"private_key"\s*:/, 'a private key field (GCP service account key)'],
  [/\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\./, 'a JSON Web Token'],
  [/\b(AKIA|ASIA)[0-9A-Z]{16}\b/, 'an AWS access key id'],
  [/aws_secret_access_key\s*[=:]\s*\S/i, 'an AWS secret access key'],
  [/\bgh[pousr]_[A-Za-z0-9]{36,}\b/, 'a GitHub token'],
  [/\bxox[abposr]-[A-Za-z0-9-]{10,}/, 'a Slack token'],
  [/\bBearer\s+[A-Za-z0-9._~+/-]{20,}/, 'a bearer token'],
];

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job']);

/** The pod spec of a workload and where it sits, if the object has one. */
function podSpecOf(object: LintedObject): { spec: any; path: string } | undefined {
  if (object.kind === 'Pod') return object.spec ? { spec: object.spec, path: 'spec' } : undefined;
  if (object.kind === 'CronJob') {
    const spec = object.spec?.jobTemplate?.spec?.template?.spec;
    return spec ? { spec, path: 'spec.jobTemplate.spec.template.spec' } : undefined;
  }
  const spec = WORKLOAD_KINDS.has(object.kind) ? object.spec?.template?.spec : undefined;
  return spec ? { spec, path: 'spec.template.spec' } : undefined;
}

/** Labels of the object and of its pod template. */
function labelsOf(object: LintedObject): Record<string, string> {
  return { ...object.metadata.labels, ...object.spec?.template?.metadata?.labels };
}

/** Visits every value of a JSON tree with its path (`a.b[2].c`). */
function walk(value: unknown, path: string, visit: (value: unknown, path: string, key: string) => void, key = ''): void {
  visit(value, path, key);
  if (Array.isArray(value)) value.forEach((item, i) => walk(item, `${path}[${i}]`, visit, key));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k, visit, k);
  }
}

/** Whether a privileged container is on an allowed data path (see docs/security.md). */
function privilegeAllowed(object: LintedObject, containerName: string, path: string): boolean {
  const labels = labelsOf(object);
  if (AURISTOR_PRIVILEGED_COMPONENTS.includes(labels[COMPONENT_LABEL])) return true;
  return object.kind === 'StatefulSet' && labels[PART_OF_LABEL] === 'aistore'
    && ['proxy', 'target'].includes(labels[COMPONENT_LABEL])
    && containerName === 'ais-node' && /^spec\.template\.spec\.containers\[\d+\]$/.test(path);
}

/** The requests (cpu, memory) that `resources` lacks. */
function missingRequests(resources: { requests?: Record<string, unknown> } | undefined): string[] {
  const requests = resources?.requests ?? {};
  return ['cpu', 'memory'].filter((r) => requests[r] === undefined);
}

function lintObject(object: LintedObject): Array<Omit<SecurityViolation, 'object'>> {
  const found: Array<Omit<SecurityViolation, 'object'>> = [];
  const add = (rule: SecurityRule, path: string, message: string) => found.push({ rule, path, message });

  if (object.kind === 'Secret' && ['data', 'stringData'].some((f) => Object.keys(object[f] ?? {}).length > 0)) {
    add(SecurityRule.SECRET_DATA, object.data ? 'data' : 'stringData', 'a Secret with data: reference an existing Secret or create it with an ExternalSecret');
  }
  walk(object, '', (value, path, key) => {
    if (typeof value === 'string') {
      const match = KEY_PATTERNS.find(([pattern]) => pattern.test(value));
      if (match) add(SecurityRule.KEY_MATERIAL, path, `${match[1]}: secret material must never be in generated YAML`);
      if ((key === 'image' || /[a-z]Image$/.test(key)) && !isPinnedImage(value)) {
        add(SecurityRule.UNPINNED_IMAGE, path, `image ${value} is not pinned: use a version tag or a digest`);
      }
    } else if (value && typeof value === 'object' && !Array.isArray(value)) {
      const container = value as { name?: string; securityContext?: { privileged?: boolean } };
      if (container.securityContext?.privileged === true && !privilegeAllowed(object, container.name ?? '', path)) {
        add(SecurityRule.PRIVILEGED, path, `container ${container.name ?? '(unnamed)'} is privileged; only ais-node of AIS proxies/targets and AuriStorFS kmod/CSI containers may be`);
      }
    }
  });
  if (['Role', 'ClusterRole'].includes(object.kind)) {
    (object.rules ?? []).forEach((rule: Record<string, unknown>, i: number) => {
      for (const field of ['apiGroups', 'resources', 'verbs', 'resourceNames', 'nonResourceURLs']) {
        const values = rule[field];
        if (Array.isArray(values) && values.some((v) => typeof v === 'string' && v.includes('*'))) {
          add(SecurityRule.RBAC_WILDCARD, `rules[${i}].${field}`, `wildcard in ${field}: name exactly what is needed`);
        }
      }
    });
  }
  if (['RoleBinding', 'ClusterRoleBinding'].includes(object.kind) && object.roleRef?.kind === 'ClusterRole' && object.roleRef?.name === 'cluster-admin') {
    add(SecurityRule.RBAC_WILDCARD, 'roleRef', 'binds cluster-admin (every verb on every resource)');
  }
  // an AIStore (AIS operator): each role's resources are those of its aisnode container
  if (object.kind === 'AIStore' && object.apiVersion.startsWith('ais.nvidia.com/')) {
    for (const [field, role] of [['proxySpec', 'proxies'], ['targetSpec', 'targets']] as const) {
      const missing = missingRequests(object.spec?.[field]?.resources);
      if (missing.length) add(SecurityRule.RESOURCE_REQUESTS, `spec.${field}.resources`, `container ais-node of the ${role} requests no ${missing.join(' and ')}`);
    }
  }
  const pod = podSpecOf(object);
  for (const field of ['initContainers', 'containers'] as const) {
    (pod?.spec[field] ?? []).forEach((container: any, i: number) => {
      const missing = missingRequests(container.resources);
      if (missing.length) add(SecurityRule.RESOURCE_REQUESTS, `${pod!.path}.${field}[${i}]`, `container ${container.name} requests no ${missing.join(' and ')}`);
    });
  }
  return found;
}

/** `StatefulSet ais/demo-target`, `ClusterRole aggregate-reader`. */
export function objectName(object: LintedObject): string {
  return `${object.kind} ${object.metadata.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata.name}`;
}

/**
 * The security lint: pure, objects in → violations out, each naming the object, the rule and the
 * place. It reads an operator-run cluster from its `AIStore`: images (`nodeImage`, `initImage`,
 * `image`) and the aisnode resources of `proxySpec` / `targetSpec` (`aisContainerSecurityContext`
 * is the aisnode container of proxies and targets, so it may be privileged). Rules: {@link SecurityRule}. Privileged containers are allowed in exactly two places:
 * container `ais-node` of an AIS proxy/target StatefulSet (the data path, privileged when the
 * config says so), and any container of an object or pod template labelled
 * `app.kubernetes.io/component` kmod, csi-node, csi-controller or volume-manager (the AuriStorFS
 * client, which loads a kernel module and mounts file systems for other pods).
 */
export function lintSecurity(objects: readonly LintedObject[]): SecurityViolation[] {
  return objects.flatMap((object) => lintObject(object).map((v) => ({ ...v, object: objectName(object) })));
}

/** One line per violation: `StatefulSet ais/demo-target: privileged at spec...: message`. */
export function formatViolations(violations: readonly SecurityViolation[]): string {
  return violations.map((v) => `${v.object}: ${v.rule} at ${v.path}: ${v.message}`).join('\n');
}
