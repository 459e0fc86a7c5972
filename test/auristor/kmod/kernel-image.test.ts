import { describe, expect, it } from 'vitest';
import { CsiSidecar, csiDriverImage, sidecarImage } from '../../../lib/auristor/csi/csi-images';
import { kmodImage, kmodImageRepository, kmodImageTag } from '../../../lib/auristor/kmod/kernel-image';

describe('kmodImageTag: kernel -> AuriStor kmod image tag', () => {
  it.each([
    // AuriStor's documented example: z-stream 49.1 and the _4 minor suffix are dropped
    ['4.18.0-305.49.1.el8_4.x86_64', '4.18.0-305.el8.x86_64'],
    ['4.18.0-305.19.1.el8_4.x86_64', '4.18.0-305.el8.x86_64'],
    // RHEL 8.6: no _minor suffix on the dist field
    ['4.18.0-372.9.1.el8.x86_64', '4.18.0-372.el8.x86_64'],
    // RHEL 9, two-digit minor, other architectures
    ['5.14.0-284.30.1.el9_2.x86_64', '5.14.0-284.el9.x86_64'],
    ['4.18.0-553.16.1.el8_10.aarch64', '4.18.0-553.el8.aarch64'],
    ['5.14.0-70.13.1.el9_0.ppc64le', '5.14.0-70.el9.ppc64le'],
  ])('%s -> %s', (kernel, tag) => {
    expect(kmodImageTag(kernel)).toBe(tag);
  });

  it.each([
    ['4.18.0-80.el8.x86_64', 'GA kernel without z-stream (5 fields; the SRO chart cannot render it either)'],
    ['6.3.5-200.fc38.x86_64', 'Fedora'],
    ['5.15.0-91-generic', 'Ubuntu'],
    ['4.18.0-305.49.1.rt7.121.el8_4.x86_64', 'real-time kernel with extra fields'],
    ['5.14.0-284.30.1.el9_2.x86_64+debug', 'debug kernel variant'],
    ['4.18.0-305.49.1.el8_4', 'no architecture'],
    ['', 'empty'],
  ])('rejects %s (%s) with an error naming the kernel and the rule', (kernel) => {
    expect(() => kmodImageTag(kernel)).toThrowError(
      `kernel ${kernel} does not fit the AuriStor kmod image tag rule: expected <major>.<minor>.<patch>-<build>.<z>.<z>.<dist>[_<minor>].<arch>`,
    );
  });
});

describe('image references', () => {
  it('kmod image = <registry>/auristor-kmod-<kmodVersion>:<tag>', () => {
    expect(kmodImage('ghcr.io/auristor', '2021.05-20', '4.18.0-305.49.1.el8_4.x86_64'))
      .toBe('ghcr.io/auristor/auristor-kmod-2021.05-20:4.18.0-305.el8.x86_64');
    expect(kmodImageRepository('registry.example.com:5000/mirror', '2021.05-20'))
      .toBe('registry.example.com:5000/mirror/auristor-kmod-2021.05-20');
    expect(() => kmodImage('ghcr.io/auristor', '2021.05-20', '5.15.0-91-generic')).toThrowError(/kernel 5.15.0-91-generic does not fit/);
  });

  it('CSI driver and the pinned sig-storage sidecars', () => {
    expect(csiDriverImage('ghcr.io/auristor', '2022.09-1')).toBe('ghcr.io/auristor/auristorfs-csi:2022.09-1');
    const registry = 'registry.k8s.io/sig-storage';
    expect([CsiSidecar.ATTACHER, CsiSidecar.PROVISIONER, CsiSidecar.NODE_DRIVER_REGISTRAR, CsiSidecar.LIVENESS_PROBE].map((s) => sidecarImage(registry, s)))
      .toEqual([
        'registry.k8s.io/sig-storage/csi-attacher:v3.5.0',
        'registry.k8s.io/sig-storage/csi-provisioner:v3.2.1',
        'registry.k8s.io/sig-storage/csi-node-driver-registrar:v2.5.1',
        'registry.k8s.io/sig-storage/livenessprobe:v2.7.0',
      ]);
  });
});
