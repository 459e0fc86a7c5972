import { k8s } from 'cdk8s-plus-28';

const requests = (cpu: string, memory: string): k8s.ResourceRequirements => ({
  requests: { cpu: k8s.Quantity.fromString(cpu), memory: k8s.Quantity.fromString(memory) },
});

/**
 * Resource requests of the AuriStorFS client containers, so the scheduler accounts for them and
 * they are not the first evicted under pressure. Sized from the upstream CSI sidecars' own
 * manifests (a few millicores, tens of MiB); the kmod container runs the cache manager.
 */
export const AURISTOR_RESOURCES = {
  /** the AuriStorFS CSI driver (controller, node plugin, volume manager) */
  driver: requests('50m', '128Mi'),
  /** sig-storage sidecars and the wait-for-kmod init container */
  sidecar: requests('10m', '32Mi'),
  /** the kmod container (module load + AuriStorFS cache manager) */
  kmod: requests('100m', '256Mi'),
} as const;
