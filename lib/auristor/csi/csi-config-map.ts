import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { CsiConfigRole, CsiSettings, csiConfigData } from './csi-settings';
import { AuristorComponent, auristorLabels } from '../names';

/** Props of {@link CsiConfigMap}. */
export interface CsiConfigMapProps {
  /** Namespace of the ConfigMap. */
  readonly namespace: string;

  /** Which ConfigMap of AuriStor's chart this is (its name and keys). */
  readonly role: CsiConfigRole;

  /**
   * CSI driver settings.
   *
   * @default - AuriStor's defaults (auristor cache manager, INFO, no SELinux options)
   */
  readonly settings?: CsiSettings;

  /**
   * Role label of the ConfigMap.
   *
   * @default AuristorComponent.CSI_DRIVER
   */
  readonly component?: AuristorComponent;

  /**
   * Node group the ConfigMap belongs to (label `auristor.com/auristorfs-group`).
   *
   * @default - none
   */
  readonly group?: string;
}

/**
 * A settings ConfigMap of the AuriStorFS CSI pods (`auristorfs-csi-controller-config`,
 * `auristorfs-csi-node-config` or `auristorfs-volume-manager-config`), read through `envFrom` and,
 * for the node one, mounted at `/root/appVar`.
 */
export class CsiConfigMap extends Construct {
  /** ConfigMap name. */
  public readonly name: string;
  /** The L1 object (escape hatch). */
  public readonly apiObject: k8s.KubeConfigMap;

  constructor(scope: Construct, id: string, props: CsiConfigMapProps) {
    super(scope, id);
    this.name = props.role;
    this.apiObject = new k8s.KubeConfigMap(this, 'Resource', {
      metadata: {
        name: this.name,
        namespace: props.namespace,
        labels: auristorLabels(props.component ?? AuristorComponent.CSI_DRIVER, props.group),
      },
      data: csiConfigData(props.role, props.settings),
    });
  }
}
