import { KmodDelivery } from './delivery';

/**
 * Kernel → kmod image mapping, the rule AuriStor's SRO chart applies
 * (`chart/templates/1000-driver-container.yaml` in github.com/auristor/sro-auristor-client).
 *
 * AuriStor publishes one driver-container image per kmod release and kernel stream:
 * `<registry>/auristor-kmod-<kmodVersion>:<tag>`, where the tag is the running kernel (`uname -r`)
 * without its z-stream: `4.18.0-305.49.1.el8_4.x86_64` → `4.18.0-305.el8.x86_64`.
 * The chart splits the kernel on `.` and joins fields 0, 1, 2, field 5 up to its first `_`, and
 * field 6; it therefore only works for kernels of exactly that shape (RHEL 8/9 z-stream kernels).
 * Any other kernel fails here with an error naming it, where SRO would fail to render.
 */

/**
 * `<major>.<minor>.<patch>-<build>` `.<z>.<z>` `.<dist>[_<minor>]` `.<arch>`; the groups keep what the tag keeps.
 */
const KERNEL_RULE = /^(\d+\.\d+\.\d+-\d+)\.\d+\.\d+\.([a-z]+\d*)(?:_\d+)?\.([a-z0-9_]+)$/;

/** The shape a kernel must have, for error messages. */
export const KERNEL_RULE_DESCRIPTION =
  '<major>.<minor>.<patch>-<build>.<z>.<z>.<dist>[_<minor>].<arch>, e.g. 4.18.0-305.49.1.el8_4.x86_64 (tag 4.18.0-305.el8.x86_64)';

/** What keeps a kernel from having an AuriStor kmod image tag, or undefined when it fits (the AuriStorFS rulebook checks every kernel with it). */
export function kmodImageTagProblem(kernel: string): string | undefined {
  return KERNEL_RULE.test(kernel) ? undefined : `kernel ${kernel} does not fit the AuriStor kmod image tag rule: expected ${KERNEL_RULE_DESCRIPTION}`;
}

/**
 * The kmod image tag for a running kernel.
 *
 * @param kernel the node's kernel, as `uname -r` and the NFD label `feature.node.kubernetes.io/kernel-version.full` show it
 * @returns the tag, e.g. `4.18.0-305.el8.x86_64` for `4.18.0-305.49.1.el8_4.x86_64`
 * @throws when the kernel does not fit the rule (the message names the kernel and the expected shape)
 */
export function kmodImageTag(kernel: string): string {
  const match = KERNEL_RULE.exec(kernel);
  if (!match) throw new Error(kmodImageTagProblem(kernel));
  const [, release, dist, arch] = match;
  return `${release}.${dist}.${arch}`;
}

/** The image repository of an AuriStorFS kmod release: `<registry>/auristor-kmod-<kmodVersion>`. */
export function kmodImageRepository(registry: string, kmodVersion: string): string {
  return `${registry}/auristor-kmod-${kmodVersion}`;
}

/**
 * The AuriStorFS kmod driver-container image for a kernel:
 * `<registry>/auristor-kmod-<kmodVersion>:<kmodImageTag(kernel)>`,
 * e.g. `ghcr.io/auristor/auristor-kmod-2021.05-20:4.18.0-305.el8.x86_64`.
 */
export function kmodImage(registry: string, kmodVersion: string, kernel: string): string {
  return `${kmodImageRepository(registry, kmodVersion)}:${kmodImageTag(kernel)}`;
}

/**
 * The image of a KMM-layout kmod for one kernel, following KMM's convention of one image per full kernel
 * version (the `${KERNEL_FULL_VERSION}` tag of KMM's documentation, written out):
 * `<registry>/auristor-kmod-<kmodVersion>:<kernel>`, e.g.
 * `registry.example.com/auristorfs/auristor-kmod-2021.05-20:4.18.0-305.49.1.el8_4.x86_64`. KMM's worker copies
 * `/opt/lib/modules/<the node's kernel>` out of it (kubernetes-sigs/kernel-module-management v2.6.0
 * `internal/pod/workerpodmanager.go`), so the image holds exactly that directory for its tag.
 */
export function kmmKmodImage(registry: string, kmodVersion: string, kernel: string): string {
  return `${kmodImageRepository(registry, kmodVersion)}:${kernel}`;
}

/**
 * The kmod image a delivery loads for a kernel: AuriStor's driver container (sro, static) or the KMM-layout
 * image for that full kernel (kmm, from `kmmRegistry` when given).
 */
export function deliveredKmodImage(delivery: KmodDelivery, registry: string, kmodVersion: string, kernel: string, kmmRegistry?: string): string {
  return delivery === KmodDelivery.KMM
    ? kmmKmodImage(kmmRegistry ?? registry, kmodVersion, kernel)
    : kmodImage(registry, kmodVersion, kernel);
}
