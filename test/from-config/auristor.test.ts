import { Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { AURISTOR_CHART_ID, addAuristorCharts, auristorGroupChartId } from '../../lib/from-config/auristor';
import { clusterConfigSchema } from '../../lib/config/schema';
import { toYamlStream } from '../../lib/output/yaml';
import { type Manifest } from '../support/schema';
import { clusterConfig, containers, expectValid, find, ids, readExample } from '../support/auristor';

/** Charts (id -> objects) the generator writes for the phased example with the given delivery. */
function charts(delivery: string, example = 'auristor-phased.yaml'): Map<string, Manifest[]> {
  const config = readExample(example);
  config.auristor.delivery = delivery;
  const app = Testing.app();
  addAuristorCharts(app, clusterConfigSchema.parse(config));
  return new Map(app.charts.map((chart) => [chart.node.id, chart.toJson() as Manifest[]]));
}

const all = (byChart: Map<string, Manifest[]>) => [...byChart.values()].flat();
const SYNC_OPTIONS = 'argocd.argoproj.io/sync-options';
const KERNEL = 'feature.node.kubernetes.io/kernel-version.full';
const GROUP = 'auristor.com/auristorfs-group';

describe('addAuristorCharts', () => {
  it('adds nothing without an auristor section', () => {
    const app = Testing.app();
    const aisOnly = { name: 'demo', ais: { proxies: { nodes: ['n1'] }, targets: { nodes: ['n1'], mountpaths: ['/ais/a'] } } };
    expect(addAuristorCharts(app, clusterConfigSchema.parse(aisOnly))).toEqual([]);
    expect(app.charts).toEqual([]);
  });

  it.each(['sro', 'kmm', 'static'])('%s: one chart for the cluster, one per group, with stable ids', (delivery) => {
    expect([...charts(delivery).keys()]).toEqual(['auristor', 'auristor-group-1', 'auristor-group-2']);
    expect(AURISTOR_CHART_ID).toBe('auristor');
    expect(auristorGroupChartId('group-2')).toBe('auristor-group-2');
  });

  it.each(['sro', 'kmm', 'static'])('%s: every object is schema-valid, explicitly named and labelled with its role', async (delivery) => {
    const objects = all(charts(delivery));
    await expectValid(objects);
    for (const o of objects.filter((x) => x.kind !== 'Node')) {
      expect(o.metadata.labels?.['app.kubernetes.io/name'], ids([o])[0]).toBe('auristorfs-client');
      // Argo CD owns app.kubernetes.io/instance
      expect(o.metadata.labels?.['app.kubernetes.io/instance']).toBeUndefined();
    }
    // no cdk8s hash suffixes: every name is one we chose
    expect(objects.filter((o) => /-[0-9a-f]{8}$/.test(o.metadata.name)).map((o) => o.metadata.name)).toEqual([]);
    // label-only Nodes for the listed nodes, applied server-side and never pruned or deleted
    const nodes = objects.filter((o) => o.kind === 'Node');
    // with kmm also KMM's ordered-upgrade label, = the group's Module version
    const version = (group: number, v: string): Record<string, string> => (delivery === 'kmm'
      ? { [`kmm.node.kubernetes.io/version-module.auristorfs-group-${group}.auristorfs-kmod`]: v } : {});
    expect(nodes.map((n) => [n.metadata.name, n.metadata.labels])).toEqual([
      ['cpu01', { [GROUP]: 'group-1', ...version(1, '2021.05-20') }], ['cpu02', { [GROUP]: 'group-1', ...version(1, '2021.05-20') }],
      ['cpu03', { [GROUP]: 'group-2', ...version(2, '2021.05-15') }], ['cpu04', { [GROUP]: 'group-2', ...version(2, '2021.05-15') }],
    ]);
    for (const node of nodes) {
      expect(Object.keys(node).sort()).toEqual(['apiVersion', 'kind', 'metadata']);
      expect(node.metadata.annotations).toEqual({ [SYNC_OPTIONS]: 'ServerSideApply=true,Prune=false,Delete=false' });
    }
    // whatever loads the module, and the namespaces holding it, are never pruned
    const kmod = objects.filter((o) => o.metadata.labels?.['app.kubernetes.io/component'] === 'kmod');
    expect(kmod.length).toBeGreaterThan(0);
    for (const o of [...kmod, find(objects, 'Namespace', 'auristorfs-group-1'), find(objects, 'Namespace', 'auristorfs-group-2')]) {
      expect(o.metadata.annotations?.[SYNC_OPTIONS], ids([o])[0]).toMatch(/^Prune=false,Delete=false/);
    }
    find(objects, 'CSIDriver', 'auristorfs.csi.auristor.com');
    expect(find(objects, 'StorageClass', 'auristorfs-k8s-demo').parameters)
      .toEqual({ 'mount-type': 'volume', 'cell-name': 'auristor.com', 'volume-name': 'k8s.demo' });
    expect(find(objects, 'StorageClass', 'auristorfs-root').parameters).toEqual({ 'mount-type': 'root' });
  });

  it.each(['sro', 'kmm', 'static'])('%s: output is byte-identical across runs', (delivery) => {
    const yaml = () => [...charts(delivery).values()].map((objects) => toYamlStream(objects)).join('\n');
    expect(yaml()).toBe(yaml());
  });

  it('sro: a SpecialResource per group with its versions; cluster chart has the CSIDriver and SRO permissions', () => {
    const byChart = charts('sro');
    expect(ids(byChart.get('auristor')!)).toEqual([
      'CSIDriver auristorfs.csi.auristor.com',
      'ClusterRole auristorfs-csi-extra-permission-cr',
      'ClusterRoleBinding auristorfs-csi-extra-permission-crb',
      'StorageClass auristorfs-k8s-demo',
      'StorageClass auristorfs-root',
    ]);
    const [g1, g2] = ['auristor-group-1', 'auristor-group-2'].map((id) => find(byChart.get(id)!, 'SpecialResource', id.replace('auristor-', 'auristorfs-')));
    expect(g1.spec.set.nodeSelector).toEqual({ [GROUP]: 'group-1' });
    expect(g1.spec.nodeSelector).toEqual({ [GROUP]: 'group-1' });
    expect(g2.spec.nodeSelector).toEqual({ [GROUP]: 'group-2' });
    expect(g1.spec.set.kmodDriverContainer.image.auristorKmodVersion).toBe('2021.05-20');
    expect(g1.spec.set.csiDriver.image.auristorCsiVersion).toBe('2022.09-1');
    expect(g2.spec.set.nodeSelector).toEqual({ [GROUP]: 'group-2' });
    expect(g2.spec.set.kmodDriverContainer.image.auristorKmodVersion).toBe('2021.05-15');
    expect(g2.spec.set.csiDriver.image.auristorCsiVersion).toBe('2022.02-2');
    const binding = find(byChart.get('auristor')!, 'ClusterRoleBinding', 'auristorfs-csi-extra-permission-crb');
    expect(binding.subjects.map((s: any) => s.name)).toEqual(['special-resource-controller-manager', 'default']);
    expect(g1.spec.set.csiDriver.afsMount).toEqual({ mountSeLinuxFS: 'true', auristorfsMountOptions: '-o context=system_u:object_r:container_file_t:s0' });
    expect(g1.spec.set.kmodDriverContainer.mapVolumes.map((v: any) => v.label)).toEqual(['yfs-cache', 'etc-yfs', 'usr-share-yfs', 'etc-yfs-keytabs']);
  });

  it('kmm: kernel mappings give each kernel its image tag; CSI node plugins on the group\'s nodes, waiting for yfs', () => {
    const byChart = charts('kmm');
    const m2 = find(byChart.get('auristor-group-2')!, 'Module', 'auristorfs-kmod', 'auristorfs-group-2');
    expect(m2.spec.selector).toEqual({ [GROUP]: 'group-2' });
    expect(m2.spec.moduleLoader.container.kernelMappings).toEqual([
      { literal: '4.18.0-305.49.1.el8_4.x86_64', containerImage: 'registry.example.com/auristorfs-kmm/auristor-kmod-2021.05-15:4.18.0-305.49.1.el8_4.x86_64' },
      { literal: '4.18.0-305.57.1.el8_4.x86_64', containerImage: 'registry.example.com/auristorfs-kmm/auristor-kmod-2021.05-15:4.18.0-305.57.1.el8_4.x86_64' },
    ]);
    expect(m2.spec.moduleLoader.container.version).toBe('2021.05-15');
    const m1 = find(byChart.get('auristor-group-1')!, 'Module', 'auristorfs-kmod', 'auristorfs-group-1');
    expect(m1.spec.moduleLoader.container.kernelMappings).toEqual([
      { literal: '4.18.0-372.9.1.el8.x86_64', containerImage: 'registry.example.com/auristorfs-kmm/auristor-kmod-2021.05-20:4.18.0-372.9.1.el8.x86_64' },
    ]);
    const node2 = find(byChart.get('auristor-group-2')!, 'DaemonSet', 'auristorfs-csi-node');
    expect(node2.spec.template.spec.nodeSelector).toEqual({ [GROUP]: 'group-2' });
    expect(node2.spec.template.spec.initContainers.map((c: any) => c.name)).toEqual(['wait-for-kmod']);
    expect(containers(node2).node.image).toBe('ghcr.io/auristor/auristorfs-csi:2022.02-2');
    const controller = find(byChart.get('auristor')!, 'Deployment', 'auristorfs-csi-controller', 'auristorfs-csi');
    expect(containers(controller).controller.image).toBe('ghcr.io/auristor/auristorfs-csi:2022.09-1');
  });

  it('maps kubeletDir, the kmod grace period, the CSIDriver profile label and SRO\'s ServiceAccounts from the config', () => {
    const config = readExample('auristor-phased.yaml');
    Object.assign(config.auristor, {
      delivery: 'static', kubeletDir: '/data/kubelet', static: { terminationGracePeriodSeconds: 90 },
      csi: { ...config.auristor.csi, ephemeralVolumeProfile: 'restricted' },
    });
    const app = Testing.app();
    addAuristorCharts(app, clusterConfigSchema.parse(config));
    const objects = app.charts.flatMap((chart) => chart.toJson() as Manifest[]);
    expect(find(objects, 'CSIDriver', 'auristorfs.csi.auristor.com').metadata.labels!['security.openshift.io/csi-ephemeral-volume-profile'])
      .toBe('restricted');
    const node = find(objects, 'DaemonSet', 'auristorfs-csi-node', 'auristorfs-group-1');
    expect(containers(node)['node-driver-registrar'].args).toContain('--kubelet-registration-path=/data/kubelet/plugins/csi.auristor.com/csi.sock');
    const kmod = objects.find((o) => o.kind === 'DaemonSet' && o.metadata.labels?.['app.kubernetes.io/component'] === 'kmod')!;
    expect(kmod.spec.template.spec.terminationGracePeriodSeconds).toBe(90);

    const sro = readExample('auristor-phased.yaml');
    Object.assign(sro.auristor, { sro: { version: '4.11', serviceAccounts: ['special-resource-controller-manager'] } });
    const sroApp = Testing.app();
    addAuristorCharts(sroApp, clusterConfigSchema.parse(sro));
    const sroObjects = sroApp.charts.flatMap((chart) => chart.toJson() as Manifest[]);
    expect(find(sroObjects, 'ClusterRoleBinding', 'auristorfs-csi-extra-permission-crb').subjects)
      .toEqual([{ kind: 'ServiceAccount', name: 'special-resource-controller-manager', namespace: 'openshift-special-resource-operator' }]);
  });

  it('static: a kmod DaemonSet per group and kernel, selected by group label and kernel', () => {
    const byChart = charts('static');
    expect(ids(byChart.get('auristor-group-1')!)).toEqual([
      'Namespace auristorfs-group-1',
      'Node cpu01',
      'Node cpu02',
      'ServiceAccount auristorfs-group-1/auristorfs-kmod',
      'DaemonSet auristorfs-group-1/auristorfs-kmod-4-18-0-372-9-1-el8-x86-64',
      'ServiceAccount auristorfs-group-1/auristorfs-csi-node',
      'ConfigMap auristorfs-group-1/auristorfs-csi-node-config',
      'DaemonSet auristorfs-group-1/auristorfs-csi-node',
    ]);
    const kmods = all(byChart).filter((o) => o.kind === 'DaemonSet' && o.metadata.labels?.['app.kubernetes.io/component'] === 'kmod');
    expect(kmods.map((ds) => [ds.spec.template.spec.nodeSelector, containers(ds).kmod.image])).toEqual([
      [{ [GROUP]: 'group-1', [KERNEL]: '4.18.0-372.9.1.el8.x86_64' }, 'ghcr.io/auristor/auristor-kmod-2021.05-20:4.18.0-372.el8.x86_64'],
      [{ [GROUP]: 'group-2', [KERNEL]: '4.18.0-305.49.1.el8_4.x86_64' }, 'ghcr.io/auristor/auristor-kmod-2021.05-15:4.18.0-305.el8.x86_64'],
      [{ [GROUP]: 'group-2', [KERNEL]: '4.18.0-305.57.1.el8_4.x86_64' }, 'ghcr.io/auristor/auristor-kmod-2021.05-15:4.18.0-305.el8.x86_64'],
    ]);
    for (const ds of kmods) {
      expect(ds.spec.template.spec.volumes.map((v: any) => [v.name, v.configMap?.name ?? v.secret?.secretName ?? v.hostPath?.path])).toEqual([
        ['yfs-cache', '/var/cache/yfs'], ['etc-yfs', 'etc-yfs'], ['usr-share-yfs', 'usr-share-yfs'], ['etc-yfs-keytabs', 'etc-yfs-keytabs'],
      ]);
    }
  });

  it('the static example: a selector-defined group, host keytabs, a reserved static PersistentVolume', async () => {
    const byChart = charts('static', 'auristor-static.yaml');
    expect([...byChart.keys()]).toEqual(['auristor', 'auristor-compute']);
    const objects = all(byChart);
    expect(objects.filter((o) => o.kind === 'Node')).toEqual([]);
    const ds = find(objects, 'DaemonSet', 'auristorfs-kmod-4-18-0-305-49-1-el8-4-x86-64', 'auristorfs-compute');
    expect(ds.spec.template.spec.nodeSelector).toEqual({ 'node-role.kubernetes.io/compute': '', [KERNEL]: '4.18.0-305.49.1.el8_4.x86_64' });
    expect(ds.spec.template.spec.volumes.at(-1)).toEqual({ name: 'etc-yfs-keytabs', hostPath: { path: '/etc/yfs-keytabs', type: 'Directory' } });
    expect(find(objects, 'PersistentVolume', 'auristorfs-k8s-demo').spec.claimRef).toEqual({ namespace: 'web', name: 'k8s-demo' });
    await expectValid(objects);
  });

  it('maps config fields to the objects: registry override, pull secret, openshift, CSI options', () => {
    const app = Testing.app();
    addAuristorCharts(app, clusterConfig({
      delivery: 'static', registry: 'mirror.example.com/auristor', imagePullSecret: 'mirror', openshift: true, imagePullPolicy: 'Always',
      csi: { namespace: 'afs-csi', volumeNamePrefix: 'afs', logLevel: 'ERROR' }, cacheManager: 'kafs',
      groups: [{ name: 'g', nodes: ['n1'], kmodVersion: '2021.05-20', csiVersion: '2022.09-1', kernels: ['4.18.0-305.49.1.el8_4.x86_64'], registry: 'other.example.com/a' }],
    }));
    const objects = app.charts.flatMap((chart) => chart.toJson() as Manifest[]);
    const kmod = find(objects, 'DaemonSet', 'auristorfs-kmod-4-18-0-305-49-1-el8-4-x86-64');
    expect(containers(kmod).kmod.image).toBe('other.example.com/a/auristor-kmod-2021.05-20:4.18.0-305.el8.x86_64');
    expect(containers(kmod).kmod.imagePullPolicy).toBe('Always');
    expect(containers(find(objects, 'Deployment', 'auristorfs-csi-controller', 'afs-csi')).controller.image).toBe('mirror.example.com/auristor/auristorfs-csi:2022.09-1');
    expect(containers(find(objects, 'Deployment', 'auristorfs-csi-controller', 'afs-csi'))['csi-provisioner'].args).toContain('--volume-name-prefix=afs');
    expect(find(objects, 'ConfigMap', 'auristorfs-csi-node-config', 'auristorfs-g').data).toMatchObject({ defaultCacheManager: 'kafs', logLevel: 'ERROR' });
    expect(find(objects, 'ServiceAccount', 'auristorfs-kmod', 'auristorfs-g').imagePullSecrets).toEqual([{ name: 'mirror' }]);
    expect(find(objects, 'ServiceAccount', 'auristorfs-csi', 'afs-csi').imagePullSecrets).toEqual([{ name: 'mirror' }]);
    expect(objects.filter((o) => o.metadata.name.endsWith('privileged-scc')).length).toBe(6);
  });
});
