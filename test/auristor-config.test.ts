import { describe, expect, it } from 'vitest';
import { auristorSchema } from '../lib/config/auristor-schema';
import { auristorIssues, oneGroup } from './support/auristor';

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
      clientConfig: { configMap: 'etc-yfs', cacheHostPath: '/var/cache/yfs' },
      csi: { namespace: 'auristorfs-csi', logLevel: 'INFO', debug: false },
      sro: { chartVersion: '0.0.6', operatorNamespace: 'openshift-special-resource-operator',
        serviceAccounts: ['special-resource-controller-manager', 'default'] },
      static: { terminationGracePeriodSeconds: 60 },
      kmm: { kmmLayoutImages: false },
      groups: [{ name: 'group-1', nodes: ['cpu01'], kmodVersion: '2021.05-20', csiVersion: '2022.09-1', kernels: ['4.18.0-305.49.1.el8_4.x86_64'] }],
      storageClasses: [],
      persistentVolumes: [],
    });
  });

  it('accepts every documented field', () => {
    expect(auristorIssues({
      ...oneGroup({ delivery: 'kmm' }, { namespace: 'afs-g1', registry: 'mirror.example.com:5000/auristor' }),
      registry: 'mirror.example.com/auristor', sidecarRegistry: 'mirror.example.com/sig-storage', imagePullPolicy: 'Always',
      imagePullSecret: 'mirror-pull', cacheManager: 'kafs', openshift: true, kubeletDir: '/data/kubelet',
      clientConfig: { configMap: 'etc-yfs', cellServDb: 'usr-share-yfs', keytabHostPath: '/etc/yfs-keytabs', cacheHostPath: '/var/cache/yfs' },
      csi: { controllerVersion: '2022.09-1', namespace: 'afs-csi', logLevel: 'DEBUG', seLinuxMountOptions: '-o context=x', volumeNamePrefix: 'afs', afsRootDir: '/afs', debug: true,
        ephemeralVolumeProfile: 'baseline' },
      sro: { chartVersion: '0.0.5', operatorNamespace: 'sro', serviceAccounts: ['special-resource-controller-manager'] },
      static: { terminationGracePeriodSeconds: 120 },
      kmm: { kmmLayoutImages: true, registry: 'mirror.example.com/kmm' },
      storageClasses: [{ name: 'afs-demo', cell: 'auristor.com', volume: 'k8s.demo', reclaimPolicy: 'Retain' }, { name: 'afs-root', mountType: 'root' }],
      persistentVolumes: [{ name: 'afs-pv', cell: 'auristor.com', volume: 'k8s.demo', volumeHandle: 'h', storageClassName: 'manual', claim: { namespace: 'web', name: 'c' }, readOnly: true }],
    })).toEqual([]);
  });
});

describe('auristor config section: mistakes', () => {
  it.each([
    ['no delivery', { ...oneGroup(), delivery: undefined }, 'delivery: how the kernel module reaches the nodes: sro, kmm or static'],
    ['unknown delivery (the DESIGN sketch\'s name)', oneGroup({ delivery: 'daemonset' }), 'delivery: how the kernel module reaches the nodes: sro, kmm or static'],
    ['no groups', oneGroup({ groups: [] }), 'groups: at least one node group'],
    ['kmod version read as a number', oneGroup({}, { kmodVersion: 2021.05 }),
      'groups.0.kmodVersion: YAML reads 2021.05 as a number; quote the version ("2021.05-20")'],
    ['bad kernel', oneGroup({}, { kernels: ['5.15.0-91-generic'] }),
      'groups.0.kernels.0: kernel 5.15.0-91-generic does not fit the AuriStor kmod image tag rule: expected '
        + '<major>.<minor>.<patch>-<build>.<z>.<z>.<dist>[_<minor>].<arch>, e.g. 4.18.0-305.49.1.el8_4.x86_64 (tag 4.18.0-305.el8.x86_64)'],
    ['no kernels', oneGroup({}, { kernels: [] }), 'groups.0.kernels: at least one kernel (uname -r of the group\'s nodes)'],
    ['kernel listed twice', oneGroup({}, { kernels: ['4.18.0-305.49.1.el8_4.x86_64', '4.18.0-305.49.1.el8_4.x86_64'] }),
      'groups.0.kernels.1: kernel 4.18.0-305.49.1.el8_4.x86_64 is listed twice'],
    ['nodes and nodeSelector', oneGroup({}, { nodeSelector: { a: 'b' } }), 'groups.0.nodeSelector: give the group\'s nodes or a nodeSelector, not both'],
    ['neither nodes nor nodeSelector', oneGroup({}, { nodes: undefined }), 'groups.0: give the group\'s nodes (nodes: [...]) or a nodeSelector'],
    ['empty nodeSelector', oneGroup({}, { nodes: undefined, nodeSelector: {} }), 'groups.0.nodeSelector: an empty nodeSelector would select every node'],
    ['misspelt group key', oneGroup({}, { kernel: [] }), 'groups.0: Unrecognized key: "kernel"'],
    ['both keytab sources', oneGroup({ clientConfig: { keytabSecret: 'k', keytabHostPath: '/etc/yfs-keytabs' } }),
      'clientConfig.keytabHostPath: keytabs come from keytabSecret or keytabHostPath, not both'],
    ['kmm without KMM-layout images', oneGroup({ delivery: 'kmm' }),
      'delivery: delivery kmm makes KMM run "modprobe -d /opt yfs" from each image, so every image must hold yfs.ko under '
        + '/opt/lib/modules/<kernel>/; AuriStor\'s SRO driver-container images do not, and KMM does not run the AuriStorFS cache manager '
        + '(docs/auristor.md). Set kmm.kmmLayoutImages: true once your registry holds such images'],
    ['kmm without a registry of KMM-layout images', oneGroup({ delivery: 'kmm', kmm: { kmmLayoutImages: true } }),
      'kmm.registry: delivery kmm loads KMM-layout images (<registry>/auristor-kmod-<kmodVersion>:<kernel>), which AuriStor does not '
        + 'publish: set kmm.registry to the registry holding yours'],
    // KMM v2.6.0 internal/webhook/module.go validateModule: name + namespace <= 40
    ['pinned node outside the group', oneGroup({ delivery: 'kmm', kmm: { kmmLayoutImages: true, registry: 'r.example.com/kmm' } },
      { pinnedNodes: { cpu09: '2021.05-15' } }),
    'groups.0.pinnedNodes.cpu09: node cpu09 is not in the group\'s nodes; only nodes we label can be pinned'],
    ['pinned node without kmm', oneGroup({}, { pinnedNodes: { cpu01: '2021.05-15' } }),
      'groups.0.pinnedNodes.cpu01: pinnedNodes is KMM\'s ordered upgrade and needs delivery kmm, not static'],
    ['node pinned to the group\'s own version', oneGroup({ delivery: 'kmm', kmm: { kmmLayoutImages: true, registry: 'r.example.com/kmm' } },
      { pinnedNodes: { cpu01: '2021.05-20' } }),
    'groups.0.pinnedNodes.cpu01: node cpu01 is pinned to 2021.05-20, the group\'s kmodVersion: remove it from pinnedNodes'],
    ['no SRO ServiceAccount', oneGroup({ delivery: 'sro', sro: { serviceAccounts: [] } }), 'sro.serviceAccounts: at least one ServiceAccount'],
    ['root mount with a cell', oneGroup({ storageClasses: [{ name: 'r', mountType: 'root', cell: 'auristor.com' }] }),
      'storageClasses.0.cell: mountType root mounts the whole AuriStorFS root: remove cell'],
    ['volume mount without a volume', oneGroup({ persistentVolumes: [{ name: 'p', cell: 'auristor.com' }] }),
      'persistentVolumes.0.volume: mountType volume mounts one volume of one cell: give the volume'],
  ])('%s', (_what, section, issue) => {
    expect(auristorIssues(section)).toEqual([issue]);
  });

  it('reports conflicts between groups at the later group', () => {
    const second = { name: 'group-2', nodes: ['cpu02', 'cpu01'], namespace: 'auristorfs-group-1', kmodVersion: '2021.05-20', csiVersion: '2022.09-1', kernels: ['4.18.0-305.49.1.el8_4.x86_64'] };
    expect(auristorIssues({ ...oneGroup(), groups: [oneGroup().groups[0], second] })).toEqual([
      'groups.1.namespace: namespace auristorfs-group-1 is already used by group 1; each group needs its own',
      'groups.1.nodes.1: node cpu01 is already in group group-1; a node belongs to one group (one kmod)',
    ]);
    expect(auristorIssues({ ...oneGroup(), groups: [oneGroup().groups[0], { ...second, name: 'group-1', namespace: 'auristorfs-csi', nodes: ['cpu09'] }] })).toEqual([
      'groups.1.name: group name group-1 is already used by group 1',
      'groups.1.namespace: namespace auristorfs-csi is the CSI controller namespace; each group needs its own',
    ]);
  });

  it('asks for the controller version when static or kmm groups run different CSI versions, not with SRO', () => {
    const groups = [oneGroup().groups[0], { ...oneGroup().groups[0], name: 'group-2', nodes: ['cpu02'], csiVersion: '2022.08-1' }];
    expect(auristorIssues({ delivery: 'static', groups })).toEqual([
      'groups.1.csiVersion: groups run different CSI versions (group-1: 2022.09-1, group-2: 2022.08-1): '
        + 'with delivery static one CSI controller serves all groups; set csi.controllerVersion',
    ]);
    expect(auristorIssues({ delivery: 'static', groups, csi: { controllerVersion: '2022.09-1' } })).toEqual([]);
    expect(auristorIssues({ delivery: 'sro', groups })).toEqual([]);
  });

  it('reports repeated StorageClass and PersistentVolume names', () => {
    const sc = { name: 'afs', mountType: 'root' };
    expect(auristorIssues(oneGroup({ storageClasses: [sc, sc], persistentVolumes: [sc, sc] }))).toEqual([
      'storageClasses.1.name: StorageClass afs is listed twice',
      'persistentVolumes.1.name: PersistentVolume afs is listed twice',
    ]);
  });
});
