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

/**
 * The Special Resource Operator release a cluster runs (sro delivery). 4.9 and 4.10 keep one node list for every
 * SpecialResource (openshift/special-resource-operator release-4.9/4.10 `pkg/cache/cache.go` Nodes, re-listed only
 * when a polled DaemonSet's count differs), so a second group's SpecialResource can render from the first group's
 * nodes and kernels; 4.11 lists nodes per SpecialResource (release-4.11 `pkg/runtime/runtime.go`
 * GetRuntimeInformation → `pkg/clients/clients.go` GetNodesByLabels), as 4.12 to 4.17, which ship the 4.11 operator.
 */
export enum SroVersion {
  V4_9 = '4.9',
  V4_10 = '4.10',
  /** 4.11 and later */
  V4_11 = '4.11',
}
