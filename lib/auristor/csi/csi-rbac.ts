import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { AuristorComponent, CSI_SERVICE_ACCOUNT, auristorLabels } from '../names';

/** Cluster permissions of the external-provisioner. */
const PROVISIONER_CLUSTER_RULES: k8s.PolicyRule[] = [
  { apiGroups: [''], resources: ['persistentvolumes'], verbs: ['get', 'list', 'watch', 'create', 'delete'] },
  { apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['get', 'list', 'watch', 'update'] },
  { apiGroups: ['storage.k8s.io'], resources: ['storageclasses'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: [''], resources: ['events'], verbs: ['list', 'watch', 'create', 'update', 'patch'] },
  { apiGroups: ['storage.k8s.io'], resources: ['csinodes'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['storage.k8s.io'], resources: ['volumeattachments'], verbs: ['get', 'list', 'watch'] },
];

/** Cluster permissions of the external-attacher. */
const ATTACHER_CLUSTER_RULES: k8s.PolicyRule[] = [
  { apiGroups: [''], resources: ['persistentvolumes'], verbs: ['get', 'list', 'watch', 'patch'] },
  { apiGroups: ['storage.k8s.io'], resources: ['csinodes'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['storage.k8s.io'], resources: ['volumeattachments'], verbs: ['get', 'list', 'watch', 'patch'] },
  { apiGroups: ['storage.k8s.io'], resources: ['volumeattachments/status'], verbs: ['patch'] },
];

/**
 * What the sidecars' leader election needs in their namespace: Leases (kubernetes-csi external-provisioner v3.2.1
 * and external-attacher v3.5.0 `deploy/kubernetes/rbac.yaml`, "if (and only if)" leader election is on), with the
 * verbs of AuriStor's chart (`chart/templates/2000-csi-driver.yaml`).
 */
const LEASE_RULES: k8s.PolicyRule[] = [
  { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'watch', 'list', 'delete', 'update', 'create'] },
];

/** The leader-election Roles and RoleBindings, with the names of AuriStor's chart: [role, binding]. */
export const CSI_LEASE_ROLES: ReadonlyArray<readonly [string, string]> = [
  ['auristorfs-csi-external-provisioner-r', 'auristorfs-csi-external-provisioner-rb'],
  ['auristorfs-csi-external-attacher-r', 'auristorfs-csi-external-attacher-role-rb'],
];

/** Props of {@link CsiRbac}. */
export interface CsiRbacProps {
  /** Namespace of the CSI controller: its Roles live there and the ClusterRole names end with it. */
  readonly namespace: string;

  /**
   * Further namespaces whose CSI ServiceAccount (`serviceAccountName`) gets the same cluster permissions.
   *
   * @default - only `namespace`
   */
  readonly serviceAccountNamespaces?: string[];

  /**
   * Name of the CSI ServiceAccount in each namespace.
   *
   * @default 'auristorfs-csi'
   */
  readonly serviceAccountName?: string;

  /**
   * Node group it belongs to (label `auristor.com/auristorfs-group`).
   *
   * @default - none
   */
  readonly group?: string;

  /**
   * Grant the sidecars' leader election its Leases in `namespace` (Roles and RoleBindings named as AuriStor's chart,
   * with only the lease rules).
   *
   * @default true
   */
  readonly leaderElection?: boolean;
}

/**
 * The cluster permissions of the AuriStorFS CSI controller's sidecars, named as in AuriStor's chart:
 * ClusterRoles `auristorfs-csi-external-{provisioner,attacher}-cr-<namespace>` with ClusterRoleBindings
 * `…-crb-<namespace>`.
 *
 * and, for leader election, the namespaced Roles `auristorfs-csi-external-provisioner-r` and
 * `auristorfs-csi-external-attacher-r` with their RoleBindings, as AuriStor's chart names them, restricted to Leases:
 * the chart's provisioner Role also grants CSIStorageCapacities, pods and ReplicaSets, which only storage capacity
 * tracking (`--enable-capacity`) uses, and the controller does not run it.
 */
export class CsiRbac extends Construct {
  /** The ClusterRoles (provisioner, attacher), escape hatch. */
  public readonly clusterRoles: k8s.KubeClusterRole[];
  /** The ClusterRoleBindings (provisioner, attacher), escape hatch. */
  public readonly clusterRoleBindings: k8s.KubeClusterRoleBinding[];
  /** The leader-election Roles (provisioner, attacher), escape hatch. */
  public readonly roles: k8s.KubeRole[] = [];
  /** The leader-election RoleBindings (provisioner, attacher), escape hatch. */
  public readonly roleBindings: k8s.KubeRoleBinding[] = [];

  constructor(scope: Construct, id: string, props: CsiRbacProps) {
    super(scope, id);
    const ns = props.namespace;
    const sa = props.serviceAccountName ?? CSI_SERVICE_ACCOUNT;
    const labels = auristorLabels(AuristorComponent.CSI_CONTROLLER, props.group);
    const subjectNamespaces = [ns, ...(props.serviceAccountNamespaces ?? []).filter((other) => other !== ns)];
    const subjects = subjectNamespaces.map((namespace) => ({ kind: 'ServiceAccount', name: sa, namespace }));

    this.clusterRoles = [];
    this.clusterRoleBindings = [];
    const clusterRoles: Array<[string, k8s.PolicyRule[]]> = [
      ['provisioner', PROVISIONER_CLUSTER_RULES],
      ['attacher', ATTACHER_CLUSTER_RULES],
    ];
    for (const [sidecar, rules] of clusterRoles) {
      const role = csiClusterRoleName(sidecar, ns);
      const binding = csiClusterRoleBindingName(sidecar, ns);
      this.clusterRoles.push(new k8s.KubeClusterRole(this, role, { metadata: { name: role, labels }, rules }));
      this.clusterRoleBindings.push(new k8s.KubeClusterRoleBinding(this, binding, {
        metadata: { name: binding, labels },
        subjects,
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
      }));
    }
    if (props.leaderElection === false) return;
    for (const [role, binding] of CSI_LEASE_ROLES) {
      this.roles.push(new k8s.KubeRole(this, role, { metadata: { name: role, namespace: ns, labels }, rules: LEASE_RULES }));
      this.roleBindings.push(new k8s.KubeRoleBinding(this, binding, {
        metadata: { name: binding, namespace: ns, labels },
        subjects: [{ kind: 'ServiceAccount', name: sa, namespace: ns }],
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: role },
      }));
    }
  }
}

/** The CSI sidecars that get a ClusterRole and ClusterRoleBinding per namespace. */
export const CSI_CLUSTER_ROLE_SIDECARS = ['provisioner', 'attacher'] as const;

/** ClusterRole of a CSI sidecar for the ServiceAccount of one namespace (AuriStor's chart naming). */
export function csiClusterRoleName(sidecar: string, namespace: string): string {
  return `auristorfs-csi-external-${sidecar}-cr-${namespace}`;
}

/** ClusterRoleBinding of {@link csiClusterRoleName}. */
export function csiClusterRoleBindingName(sidecar: string, namespace: string): string {
  return `auristorfs-csi-external-${sidecar}-crb-${namespace}`;
}
