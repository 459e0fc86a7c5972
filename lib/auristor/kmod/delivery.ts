/**
 * How the AuriStorFS kernel module reaches the nodes. The CSI driver is the same in every mode.
 * See docs/auristor.md for when to pick which.
 */
export enum KmodDelivery {
  /**
   * OpenShift Special Resource Operator: one `SpecialResource` per group; SRO renders AuriStor's chart
   * (kmod DaemonSet per kernel, CSI controller, node plugin, volume manager) in the group namespace.
   * The chart ConfigMap must be built with AuriStor's tooling.
   */
  SRO = 'sro',
  /**
   * Kernel Module Management: one `Module` per group loads `yfs` from KMM-layout images, one per full kernel
   * (`/opt/lib/modules/<kernel>/yfs.ko`), with KMM's ordered upgrade for groups given by node list; the CSI
   * objects are emitted here. KMM does not run the
   * AuriStorFS cache manager: not equivalent to the other modes.
   */
  KMM = 'kmm',
  /**
   * Plain YAML: what SRO would render, rendered here (one privileged kmod DaemonSet per group and
   * kernel, the CSI objects). Needs Node Feature Discovery's kernel label, AuriStor's images (RHEL-family
   * kernels) and a runtime that runs systemd in a container (CRI-O, not containerd).
   */
  STATIC = 'static',
}
