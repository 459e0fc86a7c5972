import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { AuristorComponent, auristorLabels } from './names';

/** Where the Special Resource Operator runs on OpenShift. */
export const DEFAULT_SRO_NAMESPACE = 'openshift-special-resource-operator';

/** Props of {@link SroCsiPermissions}. */
export interface SroCsiPermissionsProps {
  /**
   * Namespace of the Special Resource Operator (where pod `special-resource-controller-manager` runs);
   * its `default` ServiceAccount gets the permissions.
   *
   * @default 'openshift-special-resource-operator'
   */
  readonly operatorNamespace?: string;
}

/**
 * The extra CSI permissions SRO needs to create the AuriStorFS chart's RBAC (it can only grant what it
 * holds): ClusterRole `auristorfs-csi-extra-permission-cr` (csistoragecapacities, volumeattachments/status)
 * bound by `auristorfs-csi-extra-permission-crb` to SRO's `default` ServiceAccount — AuriStor's
 * `extraPermissionsClusterRole*.yaml` as `bin/addExtraPermissions` applies them.
 */
export class SroCsiPermissions extends Construct {
  /** The ServiceAccount namespace the binding names. */
  public readonly operatorNamespace: string;
  /** The L1 ClusterRole (escape hatch). */
  public readonly clusterRole: k8s.KubeClusterRole;
  /** The L1 ClusterRoleBinding (escape hatch). */
  public readonly clusterRoleBinding: k8s.KubeClusterRoleBinding;

  constructor(scope: Construct, id: string, props: SroCsiPermissionsProps = {}) {
    super(scope, id);
    this.operatorNamespace = props.operatorNamespace ?? DEFAULT_SRO_NAMESPACE;
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
      subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: this.operatorNamespace }],
    });
  }
}
