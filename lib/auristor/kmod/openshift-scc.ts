import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { AuristorComponent, auristorLabels } from '../names';

/** Props of {@link PrivilegedSccGrant}. */
export interface PrivilegedSccGrantProps {
  /** Namespace of the ServiceAccounts (and of the Role). */
  readonly namespace: string;

  /** ServiceAccounts (in `namespace`) whose pods run privileged. */
  readonly serviceAccounts: string[];

  /** Role of the pods that need it. */
  readonly component: AuristorComponent;

  /**
   * Name of the Role and RoleBinding.
   *
   * @default 'auristorfs-privileged-scc'
   */
  readonly name?: string;

  /**
   * Node group it belongs to (label `auristor.com/auristorfs-group`).
   *
   * @default - none
   */
  readonly group?: string;
}

/**
 * On OpenShift, lets ServiceAccounts run privileged pods: a Role allowing `use` of the built-in
 * SecurityContextConstraints `privileged` and a RoleBinding to the ServiceAccounts (what the SRO chart's
 * driver-container Role does; the chart's own CSI SCC is a subset of `privileged`).
 * Harmless on other Kubernetes distributions.
 */
export class PrivilegedSccGrant extends Construct {
  /** The L1 Role (escape hatch). */
  public readonly role: k8s.KubeRole;
  /** The L1 RoleBinding (escape hatch). */
  public readonly roleBinding: k8s.KubeRoleBinding;

  constructor(scope: Construct, id: string, props: PrivilegedSccGrantProps) {
    super(scope, id);
    const name = props.name ?? 'auristorfs-privileged-scc';
    const labels = auristorLabels(props.component, props.group);
    this.role = new k8s.KubeRole(this, 'Resource', {
      metadata: { name, namespace: props.namespace, labels },
      rules: [{ apiGroups: ['security.openshift.io'], resources: ['securitycontextconstraints'], resourceNames: ['privileged'], verbs: ['use'] }],
    });
    this.roleBinding = new k8s.KubeRoleBinding(this, 'Binding', {
      metadata: { name, namespace: props.namespace, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
      subjects: props.serviceAccounts.map((sa) => ({ kind: 'ServiceAccount', name: sa, namespace: props.namespace })),
    });
  }
}
