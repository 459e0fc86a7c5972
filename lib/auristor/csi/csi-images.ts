import { DEFAULT_SIDECAR_REGISTRY } from '../defaults';
/**
 * Container images of the AuriStorFS CSI driver: AuriStor's driver image and the Kubernetes
 * sig-storage sidecars pinned by AuriStor's chart 0.0.5/0.0.6 (`chart/README.md`).
 */

export { DEFAULT_SIDECAR_REGISTRY };

/** A sig-storage sidecar image (name and tag) used by the AuriStorFS CSI pods. */
export enum CsiSidecar {
  /** external-attacher, in the controller */
  ATTACHER = 'csi-attacher:v3.5.0',
  /** external-provisioner, in the controller */
  PROVISIONER = 'csi-provisioner:v3.2.1',
  /** node-driver-registrar, in the node plugin */
  NODE_DRIVER_REGISTRAR = 'csi-node-driver-registrar:v2.5.1',
  /** livenessprobe, in the controller and the node plugin */
  LIVENESS_PROBE = 'livenessprobe:v2.7.0',
}

/** `<registry>/<sidecar>`, e.g. `registry.k8s.io/sig-storage/csi-attacher:v3.5.0`. */
export function sidecarImage(registry: string, sidecar: CsiSidecar): string {
  return `${registry}/${sidecar}`;
}

/** The AuriStorFS CSI driver image: `<registry>/auristorfs-csi:<csiVersion>`, e.g. `ghcr.io/auristor/auristorfs-csi:2022.09-1`. */
export function csiDriverImage(registry: string, csiVersion: string): string {
  return `${registry}/auristorfs-csi:${csiVersion}`;
}
