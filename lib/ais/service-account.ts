import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { AisComponent, aisLabels } from './labels';

export interface AisServiceAccountProps {
  readonly cluster: string;
  readonly namespace: string;
  /**
   * Let the pods read Services (the init container looks up each target's LoadBalancer IP).
   * @default false
   */
  readonly readServices?: boolean;
  /**
   * Image pull secrets attached to the account.
   * @default - none
   */
  readonly imagePullSecrets?: readonly string[];
}

/**
 * The service account `<cluster>-sa` of the AIS pods, and, only when the pods need the API,
 * a Role `<cluster>-role` naming exactly what they read (no wildcards) with its RoleBinding.
 */
export class AisServiceAccount extends Construct {
  public readonly serviceAccount: k8s.KubeServiceAccount;
  public readonly role?: k8s.KubeRole;
  public readonly name: string;

  constructor(scope: Construct, id: string, props: AisServiceAccountProps) {
    super(scope, id);
    this.name = `${props.cluster}-sa`;
    const metadata = (name: string) => ({ name, namespace: props.namespace, labels: aisLabels(props.cluster, AisComponent.RBAC) });
    this.serviceAccount = new k8s.KubeServiceAccount(this, 'Resource', {
      metadata: metadata(this.name),
      automountServiceAccountToken: false,
      imagePullSecrets: props.imagePullSecrets?.length ? props.imagePullSecrets.map((name) => ({ name })) : undefined,
    });
    if (props.readServices) {
      this.role = new k8s.KubeRole(this, 'Role', {
        metadata: metadata(`${props.cluster}-role`),
        rules: [{ apiGroups: [''], resources: ['services'], verbs: ['get', 'list', 'watch'] }],
      });
      new k8s.KubeRoleBinding(this, 'Binding', {
        metadata: metadata(`${props.cluster}-rb`),
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: `${props.cluster}-role` },
        subjects: [{ kind: 'ServiceAccount', name: this.name, namespace: props.namespace }],
      });
    }
  }
}
