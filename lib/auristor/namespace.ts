import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { retainOnDelete } from '../argo/argo-annotations';
import { auristorAppLabels } from './names';

/** Props of {@link AuristorNamespace}. */
export interface AuristorNamespaceProps {
  /** Namespace name. */
  readonly name: string;

  /**
   * Node group whose objects it holds (label `auristor.com/auristorfs-group`).
   *
   * @default - none
   */
  readonly group?: string;

  /**
   * Never prune or delete it from Argo CD (`Prune=false,Delete=false`). Deleting a namespace deletes the
   * kmod objects in it, which unloads the kernel module under running pods: retain namespaces that hold a kmod.
   *
   * @default false
   */
  readonly retain?: boolean;
}

/**
 * A namespace for AuriStorFS pods. They run privileged (kernel module, mount propagation), so the
 * namespace allows it under Pod Security Admission (`pod-security.kubernetes.io/enforce=privileged`, and
 * the same for audit and warn so no warnings are raised).
 */
export class AuristorNamespace extends Construct {
  /** Namespace name. */
  public readonly name: string;
  /** The L1 object (escape hatch). */
  public readonly apiObject: k8s.KubeNamespace;

  constructor(scope: Construct, id: string, props: AuristorNamespaceProps) {
    super(scope, id);
    this.name = props.name;
    const labels = auristorAppLabels(props.group);
    for (const mode of ['enforce', 'audit', 'warn']) labels[`pod-security.kubernetes.io/${mode}`] = 'privileged';
    this.apiObject = new k8s.KubeNamespace(this, 'Resource', { metadata: { name: props.name, labels } });
    if (props.retain) retainOnDelete(this.apiObject);
  }
}
