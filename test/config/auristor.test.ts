import { describe, expect, it } from 'vitest';
import { auristorSchema } from '../../lib/config/auristor-schema';
import { auristorIssues, oneGroup } from '../support/auristor';

describe('auristor config section: defaults', () => {
  it('fills in AuriStor\'s defaults around a minimal group', () => {
    const section = auristorSchema.parse(oneGroup());
    expect(section).toEqual({
      delivery: 'static',
      registry: 'ghcr.io/auristor',
      sidecarRegistry: 'registry.k8s.io/sig-storage',
      imagePullPolicy: 'IfNotPresent',
      cacheManager: 'auristor',
      openshift: false,
      kubeletDir: '/var/lib/kubelet',
      tolerations: [],
      clientConfig: { configMap: 'etc-yfs', cacheHostPath: '/var/cache/yfs' },
      csi: { namespace: 'auristorfs-csi', logLevel: 'INFO', debug: false },
      sro: { chartVersion: '0.0.6', operatorNamespace: 'openshift-special-resource-operator',
        serviceAccounts: ['special-resource-controller-manager', 'default'] },
      static: { terminationGracePeriodSeconds: 60 },
      kmm: { kmmLayoutImages: false },
      groups: [{ name: 'group-1', nodes: ['cpu01'], kmodVersion: '2021.05-20', csiVersion: '2022.09-1', kernels: ['4.18.0-305.49.1.el8_4.x86_64'], kmmRevision: 0 }],
      storageClasses: [],
      persistentVolumes: [],
    });
  });

  it('accepts every documented field', () => {
    expect(auristorIssues({
      ...oneGroup({ delivery: 'kmm' }, { namespace: 'afs-g1', registry: 'mirror.example.com:5000/auristor', kmmRevision: 1,
        tolerations: [{ key: 'gpu', operator: 'Exists', effect: 'NoExecute' }] }),
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'storage', effect: 'NoSchedule' }],
      registry: 'mirror.example.com/auristor', sidecarRegistry: 'mirror.example.com/sig-storage', imagePullPolicy: 'Always',
      imagePullSecret: 'mirror-pull', cacheManager: 'kafs', openshift: true, kubeletDir: '/data/kubelet',
      clientConfig: { configMap: 'etc-yfs', cellServDb: 'usr-share-yfs', keytabHostPath: '/etc/yfs-keytabs', cacheHostPath: '/var/cache/yfs' },
      csi: { controllerVersion: '2022.09-1', namespace: 'afs-csi', logLevel: 'DEBUG', seLinuxMountOptions: '-o context=x', volumeNamePrefix: 'afs', afsRootDir: '/afs', debug: true,
        ephemeralVolumeProfile: 'baseline' },
      sro: { version: '4.11', chartVersion: '0.0.5', operatorNamespace: 'sro', serviceAccounts: ['special-resource-controller-manager'] },
      static: { terminationGracePeriodSeconds: 120 },
      kmm: { kmmLayoutImages: true, registry: 'mirror.example.com/kmm' },
      storageClasses: [{ name: 'afs-demo', cell: 'auristor.com', volume: 'k8s.demo', reclaimPolicy: 'Retain' }, { name: 'afs-root', mountType: 'root' }],
      persistentVolumes: [{ name: 'afs-pv', cell: 'auristor.com', volume: 'k8s.demo', volumeHandle: 'h', storageClassName: 'manual', claim: { namespace: 'web', name: 'c' }, readOnly: true }],
    })).toEqual([]);
  });
});

/*
 * The schema's own part of the section: value types, enums, the keys of one mount type, and a group that names
 * neither nodes nor a selector. Every other rule of the section is the AuriStorFS rulebook's, tested on both paths
 * from one case table (test/auristor/client-checks.test.ts).
 */
describe('auristor config section: what the schema itself refuses', () => {
  it.each([
    ['no delivery', { ...oneGroup(), delivery: undefined }, 'delivery: how the kernel module reaches the nodes: sro, kmm or static'],
    ['unknown delivery (the DESIGN sketch\'s name)', oneGroup({ delivery: 'daemonset' }), 'delivery: how the kernel module reaches the nodes: sro, kmm or static'],
    ['kmod version read as a number', oneGroup({}, { kmodVersion: 2021.05 }),
      'groups.0.kmodVersion: YAML reads 2021.05 as a number; quote the version ("2021.05-20")'],
    ['neither nodes nor nodeSelector', oneGroup({}, { nodes: undefined }), 'groups.0: give the group\'s nodes (nodes: [...]) or a nodeSelector'],
    ['misspelt group key', oneGroup({}, { kernel: [] }), 'groups.0: Unrecognized key: "kernel"'],
    ['root mount with a cell', oneGroup({ storageClasses: [{ name: 'r', mountType: 'root', cell: 'auristor.com' }] }),
      'storageClasses.0.cell: mountType root mounts the whole AuriStorFS root: remove cell'],
    ['volume mount without a volume', oneGroup({ persistentVolumes: [{ name: 'p', cell: 'auristor.com' }] }),
      'persistentVolumes.0.volume: mountType volume mounts one volume of one cell: give the volume'],
  ])('%s', (_what, section, issue) => {
    expect(auristorIssues(section)).toEqual([issue]);
  });
});
