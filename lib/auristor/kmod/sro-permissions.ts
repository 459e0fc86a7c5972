import { DEFAULT_SRO_NAMESPACE, DEFAULT_SRO_SERVICE_ACCOUNTS } from '../defaults';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { AuristorComponent, auristorLabels } from '../names';

export { DEFAULT_SRO_NAMESPACE, DEFAULT_SRO_SERVICE_ACCOUNTS };


/** Props of {@link SroCsiPermissions}. */
export interface SroCsiPermissionsProps {
  /**
   * Namespace of the Special Resource Operator (where pod `special-resource-controller-manager` runs).
   *
   * @default 'openshift-special-resource-operator'
   */
  readonly operatorNamespace?: string;

  /**
   * ServiceAccounts (in `operatorNamespace`) SRO runs as; all of them get the permissions.
   *
   * @default ['special-resource-controller-manager', 'default'] (SRO 4.10 and later, SRO 4.9)
   */
  readonly serviceAccounts?: readonly string[];
}

/**
 * The extra CSI permissions SRO needs to create the AuriStorFS chart's RBAC (it can only grant what it
 * holds): ClusterRole `auristorfs-csi-extra-permission-cr` (csistoragecapacities, volumeattachments/status)
 * bound by `auristorfs-csi-extra-permission-crb` to the ServiceAccounts SRO runs as — AuriStor's
 * `extraPermissionsClusterRole*.yaml` as `bin/addExtraPermissions` applies them, except that AuriStor binds
 * only `default`, which SRO 4.10 and later no longer runs as.
 */
export class SroCsiPermissions extends Construct {
  /** The ServiceAccount namespace the binding names. */
  public readonly operatorNamespace: string;
  /** The ServiceAccounts the binding names. */
  public readonly serviceAccounts: readonly string[];
  /** The L1 ClusterRole (escape hatch). */
  public readonly clusterRole: k8s.KubeClusterRole;
  /** The L1 ClusterRoleBinding (escape hatch). */
  public readonly clusterRoleBinding: k8s.KubeClusterRoleBinding;

  constructor(scope: Construct, id: string, props: SroCsiPermissionsProps = {}) {
    super(scope, id);
    this.operatorNamespace = props.operatorNamespace ?? DEFAULT_SRO_NAMESPACE;
    this.serviceAccounts = [...new Set(props.serviceAccounts ?? DEFAULT_SRO_SERVICE_ACCOUNTS)];
    // a direct-use guard: the AuriStorFS rulebook (lib/auristor/client-checks.ts) refuses such props before this construct is built
    if (this.serviceAccounts.length === 0) throw new Error('SroCsiPermissions: name at least one ServiceAccount SRO runs as');
    const labels = auristorLabels(AuristorComponent.CSI_DRIVER);
    const name = 'auristorfs-csi-extra-permission-cr';
    this.clusterRole = new k8s.KubeClusterRole(this, 'Resource', {
      metadata: { name, labels },
      rules: [
        { apiGroups: ['storage.k8s.io'], resources: ['csistoragecapacities'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] },
        { apiGroups: ['storage.k8s.io'], resources: ['volumeattachments/status'], verbs: ['patch'] },
      ],
    });
    this.clusterRoleBinding = new k8s.KubeClusterRoleBinding(this, 'Binding', {
      metadata: { name: 'auristorfs-csi-extra-permission-crb', labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
      subjects: this.serviceAccounts.map((sa) => ({ kind: 'ServiceAccount', name: sa, namespace: this.operatorNamespace })),
    });
  }
}
