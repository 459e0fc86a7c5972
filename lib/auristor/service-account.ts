import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { AuristorComponent, auristorLabels } from './names';

/** Props of {@link AuristorServiceAccount}. */
export interface AuristorServiceAccountProps {
  /** ServiceAccount name, e.g. `auristorfs-csi`. */
  readonly name: string;

  /** Namespace of the ServiceAccount. */
  readonly namespace: string;

  /** Role of the pods that run as it. */
  readonly component: AuristorComponent;

  /**
   * Image pull secrets (names of Secrets in the same namespace) the pods running as it use.
   *
   * @default - none
   */
  readonly imagePullSecrets?: string[];

  /**
   * Node group it belongs to (label `auristor.com/auristorfs-group`).
   *
   * @default - none
   */
  readonly group?: string;
}

/** A ServiceAccount of AuriStorFS pods, carrying the image pull secrets for private registries. */
export class AuristorServiceAccount extends Construct {
  /** ServiceAccount name. */
  public readonly name: string;
  /** Namespace. */
  public readonly namespace: string;
  /** The L1 object (escape hatch). */
  public readonly apiObject: k8s.KubeServiceAccount;

  constructor(scope: Construct, id: string, props: AuristorServiceAccountProps) {
    super(scope, id);
    this.name = props.name;
    this.namespace = props.namespace;
    const secrets = props.imagePullSecrets ?? [];
    this.apiObject = new k8s.KubeServiceAccount(this, 'Resource', {
      metadata: { name: props.name, namespace: props.namespace, labels: auristorLabels(props.component, props.group) },
      imagePullSecrets: secrets.length > 0 ? secrets.map((name) => ({ name })) : undefined,
    });
  }
}
