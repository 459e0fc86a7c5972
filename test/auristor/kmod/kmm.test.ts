import { describe, expect, it } from 'vitest';
import { ImagePullPolicy } from '../../../lib/auristor/csi/csi-pod';
import { KmodDelivery } from '../../../lib/auristor/kmod/delivery';
import { AuristorGroupResources } from '../../../lib/auristor/group-resources';
import { KMM_MODULE_NAME, kmmModuleNameProblem, kmmModuleVersionLabel, kmmReadyLabel } from '../../../lib/auristor/kmod/kmm-labels';
import { AuristorKmmModule } from '../../../lib/auristor/kmod/kmm-module';
import { auristorPrerequisites } from '../../../lib/auristor/prerequisites';
import { containers, expectValid, find, ids, synth } from '../../support/auristor';

const kernels = ['4.18.0-305.49.1.el8_4.x86_64', '4.18.0-372.9.1.el8.x86_64'];
const group = { name: 'group-1', kmodVersion: '2021.05-20', csiVersion: '2022.09-1', kernels };

describe('AuristorKmmModule', () => {
  it('maps each listed kernel literally to a KMM-layout image tagged with that full kernel and loads yfs on the group', async () => {
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
          // KMM's worker copies /opt/lib/modules/<node's full kernel> out of the image (v2.6.0
          // internal/pod/workerpodmanager.go addCopyCommand): one image per full kernel, KMM's ${KERNEL_FULL_VERSION} tag
          kernelMappings: [
            { literal: '4.18.0-305.49.1.el8_4.x86_64', containerImage: 'ghcr.io/auristor/auristor-kmod-2021.05-20:4.18.0-305.49.1.el8_4.x86_64' },
            { literal: '4.18.0-372.9.1.el8.x86_64', containerImage: 'ghcr.io/auristor/auristor-kmod-2021.05-20:4.18.0-372.9.1.el8.x86_64' },
          ],
        },
      },
      // N1: the node-lifecycle tolerations (kubectl drain's cordon, NotReady, unreachable), so that only a committed
      // change unloads yfs: KMM v2.6.0 internal/node/node.go IsNodeSchedulable drops a node with an untolerated taint
      tolerations: [
        { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists' },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists' },
      ],
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
      .toBe('registry.example.com/kmm/auristor-kmod-2021.05-20:4.18.0-305.49.1.el8_4.x86_64');
    expect(manifest.spec.moduleLoader.container.version).toBeUndefined();
    await expectValid(objects);
  });

  it('sets the ordered-upgrade version and names its node label', async () => {
    let module!: AuristorKmmModule;
    const objects = synth((chart) => { module = new AuristorKmmModule(chart, 'm', { group, version: '2021.05-20' }); });
    expect(find(objects, 'Module', 'auristorfs-kmod').spec.moduleLoader.container.version).toBe('2021.05-20');
    // kubernetes-sigs/kernel-module-management v2.6.0 internal/utils/kmmlabels.go GetModuleVersionLabelName
    expect(module.versionLabel).toBe('kmm.node.kubernetes.io/version-module.auristorfs-group-1.auristorfs-kmod');
    await expectValid(objects);
  });

  it('refuses a name + namespace KMM\'s webhook would reject (> 40 characters)', () => {
    // v2.6.0 internal/webhook/module.go validateModule: maxCombinedLength = 40
    const ok = { ...group, namespace: 'a'.repeat(25) };
    expect(() => synth((chart) => new AuristorKmmModule(chart, 'm', { group: ok }))).not.toThrow();
    expect(() => synth((chart) => new AuristorKmmModule(chart, 'm', { group: { ...group, namespace: 'a'.repeat(26) } })))
      .toThrowError(`AuriStorFS group group-1: the KMM Module ${'a'.repeat(26)}/auristorfs-kmod has name + namespace of 41 characters; `
        + `KMM's webhook admits at most 40 (its node labels such as kmm.node.kubernetes.io/${'a'.repeat(26)}.auristorfs-kmod.ready must fit in 63)`);
    // the 31-character group name of the issue: its ready label would not even be a valid label key
    expect(kmmModuleNameProblem(`auristorfs-${'g'.repeat(31)}`, KMM_MODULE_NAME)).toMatch(/combined length|name \+ namespace of 57/);
    expect(kmmModuleNameProblem('x', 'y'.repeat(60))).toMatch(/name \+ namespace of 61/);
    // at the limit, the longest label KMM derives still fits: version-module.<ns>.<name> has a 56-character name part
    const ns = 'n'.repeat(25);
    expect(kmmModuleNameProblem(ns, KMM_MODULE_NAME)).toBeUndefined();
    for (const key of [kmmReadyLabel(ns, KMM_MODULE_NAME), kmmModuleVersionLabel(ns, KMM_MODULE_NAME)]) {
      expect(key.split('/')[1].length).toBeLessThanOrEqual(63);
    }
  });
});

describe('AuristorGroupResources with KMM delivery', () => {
  it('emits the Module and a CSI node plugin on the group\'s nodes that waits for yfs', async () => {
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
      'ServiceAccount auristorfs-group-1/auristorfs-csi-node',
      'Role auristorfs-group-1/auristorfs-csi-privileged-scc',
      'RoleBinding auristorfs-group-1/auristorfs-csi-privileged-scc',
      'ConfigMap auristorfs-group-1/auristorfs-csi-node-config',
      'DaemonSet auristorfs-group-1/auristorfs-csi-node',
    ]);
    const module = find(objects, 'Module', 'auristorfs-kmod');
    expect(module.spec.imageRepoSecret).toEqual({ name: 'pull' });
    expect(module.spec.moduleLoader.serviceAccountName).toBe('auristorfs-kmod');
    // ordered upgrade: the Module's version, and the same value in the version label on every node of the group
    expect(module.spec.moduleLoader.container.version).toBe('2021.05-20');
    expect(find(objects, 'Node', 'cpu01').metadata.labels).toEqual({
      'auristor.com/auristorfs-group': 'group-1',
      'kmm.node.kubernetes.io/version-module.auristorfs-group-1.auristorfs-kmod': '2021.05-20',
    });
    // the kmod identity lives as long as the kmod: never pruned
    for (const kind of ['ServiceAccount', 'Role', 'RoleBinding']) {
      const name = kind === 'ServiceAccount' ? 'auristorfs-kmod' : 'auristorfs-kmod-privileged-scc';
      expect(find(objects, kind, name).metadata.annotations!['argocd.argoproj.io/sync-options']).toBe('Prune=false,Delete=false');
    }
    const node = find(objects, 'DaemonSet', 'auristorfs-csi-node');
    // N1: the group's selector only (KMM drops its ready label on a cordon), and the module gate static has
    expect(node.spec.template.spec.nodeSelector).toEqual({ 'auristor.com/auristorfs-group': 'group-1' });
    expect(node.spec.template.spec.initContainers.map((c: any) => c.name)).toEqual(['wait-for-kmod']);
    expect(containers(node).node.image).toBe('ghcr.io/auristor/auristorfs-csi:2022.09-1');
    expect(find(objects, 'ConfigMap', 'auristorfs-csi-node-config').data.externalVolumeManagerURL)
      .toBe('http://auristorfs-volume-manager.auristorfs-csi.svc');
    await expectValid(objects);
  });

  it('keeps pinned nodes on the version they run, so the group upgrades node by node', async () => {
    const objects = synth((chart) => new AuristorGroupResources(chart, 'g', {
      delivery: KmodDelivery.KMM, group: { ...group, nodes: ['cpu01', 'cpu02'], pinnedNodes: { cpu02: '2021.05-15' } },
    }));
    const label = 'kmm.node.kubernetes.io/version-module.auristorfs-group-1.auristorfs-kmod';
    // KMM v2.6.0 module_reconciler.go prepareNodeSchedulingData: a node whose version label differs from the Module's
    // version keeps what it runs; one whose label equals it gets the Module's image
    expect(find(objects, 'Node', 'cpu01').metadata.labels![label]).toBe('2021.05-20');
    expect(find(objects, 'Node', 'cpu02').metadata.labels![label]).toBe('2021.05-15');
    expect(find(objects, 'Module', 'auristorfs-kmod').spec.moduleLoader.container.version).toBe('2021.05-20');
    await expectValid(objects);
  });

  it('gives a selector-defined group no version (no node labels of ours to drive it)', () => {
    const objects = synth((chart) => new AuristorGroupResources(chart, 'g', {
      delivery: KmodDelivery.KMM, group: { ...group, nodeSelector: { 'example.com/rack': 'r1' } },
    }));
    expect(find(objects, 'Module', 'auristorfs-kmod').spec.moduleLoader.container.version).toBeUndefined();
  });
});

describe('auristorPrerequisites per delivery', () => {
  const clientConfig = { configMap: 'etc-yfs', cellServDbConfigMap: 'usr-share-yfs', keytabSecret: 'etc-yfs-keytabs' };
  const groups = [{ ...group, nodes: ['cpu01'] }];
  const names = (delivery: KmodDelivery) => auristorPrerequisites({ delivery, clientConfig, groups, imagePullSecret: 'pull' })
    .map((p) => `${p.kind} ${p.namespace ? `${p.namespace}/` : ''}${p.name}`);

  it('kmm: the operator CRD and the pull secret, none of the client config objects KMM never mounts', () => {
    expect(names(KmodDelivery.KMM)).toEqual([
      'CustomResourceDefinition modules.kmm.sigs.x-k8s.io',
      'Secret auristorfs-group-1/pull',
    ]);
  });

  it('static and sro: the client config objects their kmod pods mount', () => {
    for (const delivery of [KmodDelivery.STATIC, KmodDelivery.SRO]) {
      expect(names(delivery)).toEqual(expect.arrayContaining([
        'ConfigMap auristorfs-group-1/etc-yfs', 'ConfigMap auristorfs-group-1/usr-share-yfs', 'Secret auristorfs-group-1/etc-yfs-keytabs',
      ]));
    }
  });
});
