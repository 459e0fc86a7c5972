import { Volume, k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { AuristorMount } from './mount';
import { CSI_DRIVER_NAME } from '../names';

/**
 * An inline ephemeral AuriStorFS volume for a pod spec (AuriStor's `pod-evx.yaml`), for L1 pod specs:
 * `{ name, csi: { driver: auristorfs.csi.auristor.com, volumeAttributes } }`.
 */
export function auristorInlineVolume(name: string, mount: AuristorMount, options: { readonly readOnly?: boolean } = {}): k8s.Volume {
  return { name, csi: { driver: CSI_DRIVER_NAME, volumeAttributes: mount.attributes, readOnly: options.readOnly } };
}

/** The same inline ephemeral AuriStorFS volume as a cdk8s-plus `Volume`, to mount into cdk8s-plus containers. */
export function auristorPlusVolume(scope: Construct, id: string, name: string, mount: AuristorMount,
  options: { readonly readOnly?: boolean } = {}): Volume {
  return Volume.fromCsi(scope, id, CSI_DRIVER_NAME, { name, attributes: mount.attributes, readOnly: options.readOnly });
}
