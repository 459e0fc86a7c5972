import { describe, expect, it } from 'vitest';
import { ImagePullPolicy } from '../../../lib/auristor/csi/csi-pod';
import { CacheManager, CsiLogLevel } from '../../../lib/auristor/csi/csi-settings';
import { KmodDelivery } from '../../../lib/auristor/kmod/delivery';
import { AuristorGroupResources } from '../../../lib/auristor/group-resources';
import { AuristorSpecialResource } from '../../../lib/auristor/kmod/special-resource';
import { SroCsiPermissions } from '../../../lib/auristor/kmod/sro-permissions';
import { expectValid, find, ids, synth } from '../../support/auristor';

const group = { name: 'group-1', kmodVersion: '2021.05-20', csiVersion: '2022.09-1', kernels: ['4.18.0-305.49.1.el8_4.x86_64'] };

describe('AuristorSpecialResource', () => {
  it('follows AuriStor naming: name = spec.namespace = chart name, chart from cm://<ns>/<ns>-chart', async () => {
    let sr!: AuristorSpecialResource;
    const objects = synth((chart) => { sr = new AuristorSpecialResource(chart, 'sr', { group }); });
    const manifest = find(objects, 'SpecialResource', 'auristorfs-group-1');
    expect(manifest.apiVersion).toBe('sro.openshift.io/v1beta1');
    expect(manifest.metadata.namespace).toBeUndefined(); // cluster-scoped
    expect(manifest.spec.namespace).toBe('auristorfs-group-1');
    expect(manifest.spec.chart).toEqual({
      name: 'auristorfs-group-1',
      version: '0.0.6',
      repository: { name: 'auristorfs-group-1-chart', url: 'cm://auristorfs-group-1/auristorfs-group-1-chart' },
    });
    expect(sr.chartConfigMap).toBe('auristorfs-group-1-chart');
    // SRO lists only nodes matching spec.nodeSelector (release-4.9/4.10 pkg/cache/cache.go Nodes) and merges it into the
    // kmod DaemonSets' pod node selector (pkg/resource/resource.go SetNodeSelectorTerms): the group's kernels, the group's nodes
    expect(manifest.spec.nodeSelector).toEqual({ 'auristor.com/auristorfs-group': 'group-1' });
    expect(sr.kmodImages).toEqual({ '4.18.0-305.49.1.el8_4.x86_64': 'ghcr.io/auristor/auristor-kmod-2021.05-20:4.18.0-305.el8.x86_64' });
    await expectValid(objects);
  });

  it('carries the chart values SRO merges: embedded Values object, yfs, group selector, images, volumes', () => {
    const [manifest] = synth((chart) => new AuristorSpecialResource(chart, 'sr', {
      group: { ...group, registry: 'registry.example.com/auristor' },
      clientConfig: { cellServDbConfigMap: 'usr-share-yfs', keytabHostPath: '/etc/yfs-keytabs' },
      imagePullPolicy: ImagePullPolicy.ALWAYS,
      sidecarRegistry: 'registry.example.com/sig-storage',
    }));
    const set = manifest.spec.set;
    // spec.set is x-kubernetes-embedded-resource: the API server requires apiVersion and kind
    expect(set.kind).toBe('Values');
    expect(set.apiVersion).toBe('sro.openshift.io/v1beta1');
    expect(set.kmodNames).toEqual(['yfs']);
    expect(set.runArgs).toEqual({ platform: 'openshift-container-platform' });
    expect(set.nodeSelector).toEqual({ 'auristor.com/auristorfs-group': 'group-1' });
    expect(manifest.spec.nodeSelector).toEqual(set.nodeSelector);
    expect(set.kmodDriverContainer.image).toEqual({
      auristorRegistry: 'registry.example.com/auristor', auristorKmodVersion: '2021.05-20', kmodImagePullPolicy: 'Always',
    });
    expect(set.kmodDriverContainer.mapVolumes).toEqual([
      { label: 'yfs-cache', target: '/var/cache/yfs', hostPath: { path: '/var/cache/yfs' } },
      { label: 'etc-yfs', target: '/etc/yfs', configMap: { name: 'etc-yfs' } },
      { label: 'usr-share-yfs', target: '/usr/share/yfs', configMap: { name: 'usr-share-yfs' } },
      { label: 'etc-yfs-keytabs', target: '/etc/yfs-keytabs', hostPath: { path: '/etc/yfs-keytabs' } },
    ]);
    expect(set.csiDriver.image).toEqual({
      auristorRegistry: 'registry.example.com/auristor', auristorCsiVersion: '2022.09-1', csiDriverImagePullPolicy: 'Always',
      k8sSigStorageRegistry: 'registry.example.com/sig-storage', k8sSigStorageImagePullPolicy: 'Always',
    });
    // defaults: auristor cache manager, INFO, no SELinux mount, debug off
    expect(set.csiDriver.cacheManager).toEqual({ defaultCacheManager: 'auristor' });
    expect(set.csiDriver.afsMount).toEqual({ mountSeLinuxFS: 'false' });
    expect(set.csiDriver.logging).toEqual({ logLevel: 'INFO' });
    expect(set.csiDriver.debug).toEqual({ debugShowMounts: false, debugShowExecs: false, debugShowCsiRequests: false });
    expect(set.csiDriver.persistentVolumeNaming).toBeUndefined();
  });

  it('maps CSI settings and a keytab Secret', () => {
    const [manifest] = synth((chart) => new AuristorSpecialResource(chart, 'sr', {
      group: { ...group, namespace: 'auristorfs-client', nodeSelector: { 'example.com/afs': 'yes' } },
      clientConfig: { configMap: 'yfs-conf', keytabSecret: 'keytabs', cacheHostPath: '/data/yfs-cache' },
      csi: {
        cacheManager: CacheManager.KAFS, logLevel: CsiLogLevel.DEBUG, seLinuxMountOptions: '-o context=system_u:object_r:container_file_t:s0',
        volumeNamePrefix: 'afs', afsRootDir: '/afs', debug: true,
      },
      chartVersion: '0.0.5',
    }));
    expect(manifest.metadata.name).toBe('auristorfs-client');
    expect(manifest.spec.chart.version).toBe('0.0.5');
    const set = manifest.spec.set;
    expect(set.nodeSelector).toEqual({ 'example.com/afs': 'yes' });
    expect(set.kmodDriverContainer.mapVolumes).toEqual([
      { label: 'yfs-cache', target: '/var/cache/yfs', hostPath: { path: '/data/yfs-cache' } },
      { label: 'etc-yfs', target: '/etc/yfs', configMap: { name: 'yfs-conf' } },
      { label: 'etc-yfs-keytabs', target: '/etc/yfs-keytabs', secret: { name: 'keytabs' } },
    ]);
    expect(set.csiDriver.cacheManager).toEqual({ defaultCacheManager: 'kafs', afsRootDir: '/afs' });
    expect(set.csiDriver.afsMount).toEqual({ mountSeLinuxFS: 'true', auristorfsMountOptions: '-o context=system_u:object_r:container_file_t:s0' });
    expect(set.csiDriver.logging).toEqual({ logLevel: 'DEBUG' });
    expect(set.csiDriver.debug).toEqual({ debugShowMounts: true, debugShowExecs: true, debugShowCsiRequests: true });
    expect(set.csiDriver.persistentVolumeNaming).toEqual({ volumeNamePrefix: 'afs' });
  });

  it('is never pruned nor deleted by Argo CD and may sync before the SRO CRD exists', () => {
    const [manifest] = synth((chart) => new AuristorSpecialResource(chart, 'sr', { group }));
    expect(manifest.metadata.annotations!['argocd.argoproj.io/sync-options']).toBe('Prune=false,Delete=false,SkipDryRunOnMissingResource=true');
    expect(manifest.metadata.labels).toEqual({
      'app.kubernetes.io/name': 'auristorfs-client', 'app.kubernetes.io/part-of': 'auristorfs', 'app.kubernetes.io/managed-by': 'cdk8s-storage',
      'app.kubernetes.io/component': 'kmod', 'auristor.com/auristorfs-group': 'group-1',
    });
  });

  it('rejects names SRO cannot use and kernels outside the tag rule', () => {
    expect(() => synth((chart) => new AuristorSpecialResource(chart, 'sr', { group: { ...group, namespace: 'auristorfs-a-very-long-group-name' } })))
      .toThrowError('SpecialResource name "auristorfs-a-very-long-group-name" is longer than 29 characters');
    expect(() => synth((chart) => new AuristorSpecialResource(chart, 'sr', { group: { ...group, kernels: ['5.15.0-91-generic'] } })))
      .toThrowError(/kernel 5.15.0-91-generic does not fit/);
  });
});

describe('SroCsiPermissions', () => {
  it('binds the extra CSI permissions to the ServiceAccounts SRO 4.10+ and 4.9 run as', async () => {
    const objects = synth((chart) => new SroCsiPermissions(chart, 'p', { operatorNamespace: 'sro' }));
    expect(find(objects, 'ClusterRole', 'auristorfs-csi-extra-permission-cr').rules).toEqual([
      { apiGroups: ['storage.k8s.io'], resources: ['csistoragecapacities'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] },
      { apiGroups: ['storage.k8s.io'], resources: ['volumeattachments/status'], verbs: ['patch'] },
    ]);
    const binding = find(objects, 'ClusterRoleBinding', 'auristorfs-csi-extra-permission-crb');
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'auristorfs-csi-extra-permission-cr' });
    // openshift/special-resource-operator bundle/4.10/manifests/...clusterserviceversion.yaml: clusterPermissions and the
    // deployment use ServiceAccount special-resource-controller-manager; bundle/4.9: default. Neither grants escalate,
    // so SRO can only create the chart's CSI Roles when the permissions are bound to the account it runs as.
    expect(binding.subjects).toEqual([
      { kind: 'ServiceAccount', name: 'special-resource-controller-manager', namespace: 'sro' },
      { kind: 'ServiceAccount', name: 'default', namespace: 'sro' },
    ]);
    const defaults = synth((chart) => new SroCsiPermissions(chart, 'p'));
    expect(find(defaults, 'ClusterRoleBinding', 'auristorfs-csi-extra-permission-crb').subjects.map((s: any) => s.namespace))
      .toEqual(['openshift-special-resource-operator', 'openshift-special-resource-operator']);
    const only410 = synth((chart) => new SroCsiPermissions(chart, 'p', { serviceAccounts: ['special-resource-controller-manager'] }));
    expect(find(only410, 'ClusterRoleBinding', 'auristorfs-csi-extra-permission-crb').subjects)
      .toEqual([{ kind: 'ServiceAccount', name: 'special-resource-controller-manager', namespace: 'openshift-special-resource-operator' }]);
    expect(() => synth((chart) => new SroCsiPermissions(chart, 'p', { serviceAccounts: [] }))).toThrowError(/at least one ServiceAccount/);
    await expectValid(objects);
  });
});

describe('AuristorGroupResources with SRO delivery', () => {
  it('emits what the scripts create before SRO: namespace, node labels, CSI ServiceAccount; then the SpecialResource', async () => {
    const objects = synth((chart) => new AuristorGroupResources(chart, 'g', {
      delivery: KmodDelivery.SRO, imagePullSecret: 'mirror-pull', group: { ...group, nodes: ['cpu01', 'cpu02'] },
    }));
    expect(ids(objects)).toEqual([
      'Namespace auristorfs-group-1',
      'Node cpu01',
      'Node cpu02',
      'ServiceAccount auristorfs-group-1/auristorfs-csi',
      'SpecialResource auristorfs-group-1',
    ]);
    expect(find(objects, 'ServiceAccount', 'auristorfs-csi').imagePullSecrets).toEqual([{ name: 'mirror-pull' }]);
    const namespace = find(objects, 'Namespace', 'auristorfs-group-1');
    expect(namespace.metadata.labels!['pod-security.kubernetes.io/enforce']).toBe('privileged');
    expect(namespace.metadata.annotations!['argocd.argoproj.io/sync-options']).toBe('Prune=false,Delete=false');
    await expectValid(objects);
  });
});
