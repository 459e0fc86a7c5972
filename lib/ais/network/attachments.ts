import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { AisComponent, aisLabels } from '../labels';

/**
 * Multus attachments of the AIS pods. Multus reads the pod annotation {@link MULTUS_NETWORKS_ANNOTATION}
 * (comma-separated NetworkAttachmentDefinition names in the pod's namespace) and adds one interface per
 * name, configured by the definition's CNI config (multus-cni v4.3.0 pkg/k8sclient/k8sclient.go
 * `GetNetworkDelegates`, `getKubernetesDelegate`); the AIS operator sets the same annotation from
 * `spec.networkAttachment` (ais-k8s v3.4.0 operator/internal/resources/aistore/cmn/statefulset.go
 * `PrepareAnnotations`). AIS sends traffic over an attachment only to addresses it advertises: the
 * per-node `public` lists (see addressing.ts).
 */
export const MULTUS_NETWORKS_ANNOTATION = 'k8s.v1.cni.cncf.io/networks';

/** The CNI plugin that makes the attachment's interface (containernetworking/plugins v1.9.1 plugins/main). */
export enum AttachmentCniType {
  /** a macvlan sub-interface of `master` (plugins/main/macvlan) */
  MACVLAN = 'macvlan',
  /** an ipvlan sub-interface of `master` (plugins/main/ipvlan) */
  IPVLAN = 'ipvlan',
}

/** Modes each plugin accepts (macvlan.go `modeFromString`, ipvlan.go `modeFromString`). */
export const ATTACHMENT_CNI_MODES: Readonly<Record<AttachmentCniType, readonly string[]>> = {
  [AttachmentCniType.MACVLAN]: ['bridge', 'private', 'vepa', 'passthru'],
  [AttachmentCniType.IPVLAN]: ['l2', 'l3', 'l3s'],
};

/** Addresses of the attachment's interfaces from whereabouts (cluster-wide IPAM; k8snetworkplumbingwg/whereabouts v0.9.4 pkg/types/types.go `IPAMConfig`). */
export interface AttachmentIpam {
  /** the CIDR pod addresses come from, e.g. `10.11.0.0/24` */
  readonly range: string;
  /**
   * CIDRs of the range never handed out (the nodes' own addresses, the gateway).
   * @default - none
   */
  readonly exclude?: readonly string[];
  /**
   * Default gateway of the interface.
   * @default - none
   */
  readonly gateway?: string;
}

/** The CNI config of a NetworkAttachmentDefinition we emit. */
export interface AttachmentCniConfig {
  readonly type: AttachmentCniType;
  /** host interface the sub-interfaces hang off, e.g. `ens7f1` */
  readonly master: string;
  /**
   * Plugin mode ({@link ATTACHMENT_CNI_MODES}).
   * @default - the plugin's default (macvlan bridge, ipvlan l2)
   */
  readonly mode?: string;
  /**
   * MTU of the interface.
   * @default - the master's
   */
  readonly mtu?: number;
  /** whereabouts IPAM */
  readonly ipam: AttachmentIpam;
}

/** One Multus attachment of the AIS pods. */
export interface AisNetworkAttachment {
  /** name of the NetworkAttachmentDefinition in the cluster's namespace */
  readonly name: string;
  /**
   * Emit the NetworkAttachmentDefinition with this CNI config.
   * @default - none: the definition exists before sync
   */
  readonly cni?: AttachmentCniConfig;
}

/** CNI spec version of the emitted configs (multus, whereabouts and the reference plugins all read it). */
export const ATTACHMENT_CNI_VERSION = '0.3.1';

/** The CNI config JSON of an attachment (Multus replaces `name` with the definition's namespaced name, pkg/types/conf.go `LoadDelegateNetConf`). */
export function attachmentCniJson(name: string, cni: AttachmentCniConfig): string {
  return JSON.stringify({
    cniVersion: ATTACHMENT_CNI_VERSION,
    name,
    type: cni.type,
    master: cni.master,
    ...(cni.mode !== undefined ? { mode: cni.mode } : {}),
    ...(cni.mtu !== undefined ? { mtu: cni.mtu } : {}),
    ipam: {
      type: 'whereabouts',
      range: cni.ipam.range,
      ...(cni.ipam.exclude?.length ? { exclude: [...cni.ipam.exclude] } : {}),
      ...(cni.ipam.gateway !== undefined ? { gateway: cni.ipam.gateway } : {}),
    },
  });
}

export interface AisNetworkAttachmentsProps {
  readonly cluster: string;
  readonly namespace: string;
  readonly attachments: readonly AisNetworkAttachment[];
}

/** The NetworkAttachmentDefinitions (k8s.cni.cncf.io/v1) of the attachments that carry a CNI config. */
export class AisNetworkAttachments extends Construct {
  /** the emitted definitions, by attachment name */
  public readonly definitions: ReadonlyMap<string, ApiObject>;

  constructor(scope: Construct, id: string, props: AisNetworkAttachmentsProps) {
    super(scope, id);
    const definitions = new Map<string, ApiObject>();
    for (const attachment of props.attachments) {
      if (!attachment.cni) continue;
      definitions.set(attachment.name, new ApiObject(this, attachment.name, {
        apiVersion: 'k8s.cni.cncf.io/v1',
        kind: 'NetworkAttachmentDefinition',
        metadata: { name: attachment.name, namespace: props.namespace, labels: aisLabels(props.cluster, AisComponent.NETWORK) },
        spec: { config: attachmentCniJson(attachment.name, attachment.cni) },
      }));
    }
    this.definitions = definitions;
  }
}

/** Whether any attachment uses whereabouts (an emitted definition does). */
export function usesWhereabouts(attachments: readonly AisNetworkAttachment[]): boolean {
  return attachments.some((a) => a.cni !== undefined);
}
