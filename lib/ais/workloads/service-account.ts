import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { AisComponent, aisLabels } from '../labels';

export interface AisServiceAccountProps {
  readonly cluster: string;
  readonly namespace: string;
  /**
   * Let the pods read Services (with external access, ais-init looks up each target's LoadBalancer IP).
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
 * What the AIS pods call on the API server, and nothing more (no wildcards, no writes):
 * - `get` on `pods`: aisnode v4.9 reads its own Pod at start (aistore cmn/k8s/k8s.go `Init`, called
 *   from ais/daemon.go) and exits if it cannot; without a token it takes itself for a non-Kubernetes
 *   deployment and a target then rejects its public hostname (ais/htrun.go `initPhase1`);
 * - `get` on `services` when targets publish their LoadBalancer IP: ais-init reads the Service named
 *   like its pod (aistore cmd/aisinit/main.go `fetchExternalIP`).
 * The AIS operator grants more (operator/internal/resources/aistore/cmn/rbac.go: pods and services
 * get/list/watch/create/update/delete, pods/log get) because ETL creates pods; standalone mode runs no ETL.
 * No `resourceNames`: the Role stays the same when the cluster scales.
 */
export function aisRoleRules(readServices: boolean): k8s.PolicyRule[] {
  return [
    { apiGroups: [''], resources: ['pods'], verbs: ['get'] },
    ...(readServices ? [{ apiGroups: [''], resources: ['services'], verbs: ['get'] }] : []),
  ];
}

/**
 * The service account `<cluster>-sa` of the AIS pods (no token by default: the AIS pods ask for
 * one), the Role `<cluster>-role` with {@link aisRoleRules} and its RoleBinding `<cluster>-rb`.
 */
export class AisServiceAccount extends Construct {
  public readonly serviceAccount: k8s.KubeServiceAccount;
  public readonly role: k8s.KubeRole;
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
    this.role = new k8s.KubeRole(this, 'Role', {
      metadata: metadata(`${props.cluster}-role`),
      rules: aisRoleRules(props.readServices ?? false),
    });
    new k8s.KubeRoleBinding(this, 'Binding', {
      metadata: metadata(`${props.cluster}-rb`),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: `${props.cluster}-role` },
      subjects: [{ kind: 'ServiceAccount', name: this.name, namespace: props.namespace }],
    });
  }
}
