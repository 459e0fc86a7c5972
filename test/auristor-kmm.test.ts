import { describe, expect, it } from 'vitest';
import { ImagePullPolicy } from '../lib/auristor/csi-pod';
import { KmodDelivery } from '../lib/auristor/delivery';
import { AuristorGroupResources } from '../lib/auristor/group-resources';
import { AuristorKmmModule } from '../lib/auristor/kmm-module';
import { containers, expectValid, find, ids, synth } from './support/auristor';

const kernels = ['4.18.0-305.49.1.el8_4.x86_64', '4.18.0-372.9.1.el8.x86_64'];
const group = { name: 'group-1', kmodVersion: '2021.05-20', csiVersion: '2022.09-1', kernels };

describe('AuristorKmmModule', () => {
  it('maps each listed kernel literally to its kmod image and loads yfs on the group', async () => {
    let module!: AuristorKmmModule;
    const objects = synth((chart) => { module = new AuristorKmmModule(chart, 'm', { group }); });
    const manifest = find(objects, 'Module', 'auristorfs-kmod', 'auristorfs-group-1');
    expect(manifest.apiVersion).toBe('kmm.sigs.x-k8s.io/v1beta1');
    expect(manifest.spec).toEqual({
      selector: { 'auristor.com/auristorfs-group': 'group-1' },
      moduleLoader: {
        container: {
          modprobe: { moduleName: 'yfs' },
          imagePullPolicy: 'IfNotPresent',
          kernelMappings: [
            { literal: '4.18.0-305.49.1.el8_4.x86_64', containerImage: 'ghcr.io/auristor/auristor-kmod-2021.05-20:4.18.0-305.el8.x86_64' },
            { literal: '4.18.0-372.9.1.el8.x86_64', containerImage: 'ghcr.io/auristor/auristor-kmod-2021.05-20:4.18.0-372.el8.x86_64' },
          ],
        },
      },
    });
    expect(module.readyLabel).toBe('kmm.node.kubernetes.io/auristorfs-group-1.auristorfs-kmod.ready');
    expect(manifest.metadata.annotations!['argocd.argoproj.io/sync-options']).toBe('Prune=false,Delete=false,SkipDryRunOnMissingResource=true');
    await expectValid(objects);
  });

  it('takes a KMM-layout registry, pull secret, ServiceAccount and a node selector', async () => {
    const objects = synth((chart) => new AuristorKmmModule(chart, 'm', {
      group: { ...group, nodeSelector: { 'node-role.kubernetes.io/worker': '' } },
      name: 'yfs', registry: 'registry.example.com/kmm', imageRepoSecret: 'pull', serviceAccountName: 'auristorfs-kmod',
      imagePullPolicy: ImagePullPolicy.ALWAYS,
    }));
    const manifest = find(objects, 'Module', 'yfs');
    expect(manifest.spec.selector).toEqual({ 'node-role.kubernetes.io/worker': '' });
    expect(manifest.spec.imageRepoSecret).toEqual({ name: 'pull' });
    expect(manifest.spec.moduleLoader.serviceAccountName).toBe('auristorfs-kmod');
    expect(manifest.spec.moduleLoader.container.imagePullPolicy).toBe('Always');
    expect(manifest.spec.moduleLoader.container.kernelMappings[0].containerImage)
      .toBe('registry.example.com/kmm/auristor-kmod-2021.05-20:4.18.0-305.el8.x86_64');
    await expectValid(objects);
  });
});

describe('AuristorGroupResources with KMM delivery', () => {
  it('emits the Module and a CSI node plugin that only runs where KMM reports yfs loaded', async () => {
    const objects = synth((chart) => new AuristorGroupResources(chart, 'g', {
      delivery: KmodDelivery.KMM, openshift: true, imagePullSecret: 'pull', group: { ...group, nodes: ['cpu01'] },
    }));
    expect(ids(objects)).toEqual([
      'Namespace auristorfs-group-1',
      'Node cpu01',
      'ServiceAccount auristorfs-group-1/auristorfs-kmod',
      'Role auristorfs-group-1/auristorfs-kmod-privileged-scc',
      'RoleBinding auristorfs-group-1/auristorfs-kmod-privileged-scc',
      'Module auristorfs-group-1/auristorfs-kmod',
      'ServiceAccount auristorfs-group-1/auristorfs-csi',
      'Role auristorfs-group-1/auristorfs-csi-privileged-scc',
      'RoleBinding auristorfs-group-1/auristorfs-csi-privileged-scc',
      'ConfigMap auristorfs-group-1/auristorfs-csi-node-config',
      'DaemonSet auristorfs-group-1/auristorfs-csi-node',
    ]);
    const module = find(objects, 'Module', 'auristorfs-kmod');
    expect(module.spec.imageRepoSecret).toEqual({ name: 'pull' });
    expect(module.spec.moduleLoader.serviceAccountName).toBe('auristorfs-kmod');
    // the kmod identity lives as long as the kmod: never pruned
    for (const kind of ['ServiceAccount', 'Role', 'RoleBinding']) {
      const name = kind === 'ServiceAccount' ? 'auristorfs-kmod' : 'auristorfs-kmod-privileged-scc';
      expect(find(objects, kind, name).metadata.annotations!['argocd.argoproj.io/sync-options']).toBe('Prune=false,Delete=false');
    }
    const node = find(objects, 'DaemonSet', 'auristorfs-csi-node');
    expect(node.spec.template.spec.nodeSelector).toEqual({
      'auristor.com/auristorfs-group': 'group-1',
      'kmm.node.kubernetes.io/auristorfs-group-1.auristorfs-kmod.ready': '',
    });
    expect(node.spec.template.spec.initContainers).toBeUndefined();
    expect(containers(node).node.image).toBe('ghcr.io/auristor/auristorfs-csi:2022.09-1');
    expect(find(objects, 'ConfigMap', 'auristorfs-csi-node-config').data.externalVolumeManagerURL)
      .toBe('http://auristorfs-volume-manager.auristorfs-csi.svc');
    await expectValid(objects);
  });
});
