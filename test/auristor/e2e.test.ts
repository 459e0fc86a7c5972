import * as fs from 'node:fs';
import * as path from 'node:path';
import * as YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { describeKmodChanges } from '../../lib/review/kmod-changes';
import { Manifest } from '../../lib/k8s/manifest';
import { containers, expectValid, find, ids } from '../support/auristor';
import { runCli, tempDir, writeConfig } from '../support/cli';
import { synthConfig } from '../support/synth';

const EXAMPLE = path.resolve(__dirname, '..', '..', 'examples', 'auristor-phased.yaml');
const KERNEL = 'feature.node.kubernetes.io/kernel-version.full';
const GROUP = 'auristor.com/auristorfs-group';

/** The phased example with its delivery replaced, as config text. */
function phased(delivery: string, edit: (doc: YAML.Document) => void = () => {}): string {
  const doc = YAML.parseDocument(fs.readFileSync(EXAMPLE, 'utf8'));
  doc.setIn(['auristor', 'delivery'], delivery);
  edit(doc);
  return String(doc);
}

/** Objects of one output file. */
function parseFile(text: string | undefined): Manifest[] {
  expect(text).toBeDefined();
  return YAML.parseAllDocuments(text!).map((d) => d.toJS() as Manifest);
}

describe('examples/auristor-phased.yaml through the generator', () => {
  it.each(['sro', 'kmm', 'static'])('%s: one file per chart, every object schema-valid', async (delivery) => {
    const { files, manifests } = synthConfig(phased(delivery), 'auristor-phased.yaml');
    expect([...files.keys()]).toEqual(['auristor-group-1.yaml', 'auristor-group-2.yaml', 'auristor.yaml']);
    await expectValid([...manifests]);
    // the files hold exactly the synthesized objects
    expect([...files.values()].flatMap(parseFile)).toHaveLength(manifests.length);
  });

  it('sro: group selectors, versions and the chart reference per group', () => {
    const { files } = synthConfig(phased('sro'));
    const g1 = parseFile(files.get('auristor-group-1.yaml'));
    const g2 = parseFile(files.get('auristor-group-2.yaml'));
    expect(ids(g1)).toEqual(['Namespace auristorfs-group-1', 'Node cpu01', 'Node cpu02', 'ServiceAccount auristorfs-group-1/auristorfs-csi', 'SpecialResource auristorfs-group-1']);
    const sr2 = find(g2, 'SpecialResource', 'auristorfs-group-2');
    expect(sr2.spec.chart.repository.url).toBe('cm://auristorfs-group-2/auristorfs-group-2-chart');
    expect(sr2.spec.set.nodeSelector).toEqual({ [GROUP]: 'group-2' });
    expect(sr2.spec.nodeSelector).toEqual({ [GROUP]: 'group-2' });
    // releases AuriStor's sro-auristor-client documents (tags 2022.08-1 and 2022.09-1)
    expect(sr2.spec.set.kmodDriverContainer.image.auristorKmodVersion).toBe('2021.05-15');
    expect(sr2.spec.set.csiDriver.image.auristorCsiVersion).toBe('2022.02-2');
    expect(find(g1, 'SpecialResource', 'auristorfs-group-1').spec.set.kmodDriverContainer.image.auristorKmodVersion).toBe('2021.05-20');
  });

  it('kmm: one KMM-layout image per full kernel, from the (placeholder) KMM registry', () => {
    const { files } = synthConfig(phased('kmm'));
    const mappings = (file: string) => find(parseFile(files.get(file)), 'Module', 'auristorfs-kmod').spec.moduleLoader.container.kernelMappings;
    expect(mappings('auristor-group-1.yaml')).toEqual([
      { literal: '4.18.0-372.9.1.el8.x86_64', containerImage: 'registry.example.com/auristorfs-kmm/auristor-kmod-2021.05-20:4.18.0-372.9.1.el8.x86_64' },
    ]);
    expect(mappings('auristor-group-2.yaml')).toEqual([
      { literal: '4.18.0-305.49.1.el8_4.x86_64', containerImage: 'registry.example.com/auristorfs-kmm/auristor-kmod-2021.05-15:4.18.0-305.49.1.el8_4.x86_64' },
      { literal: '4.18.0-305.57.1.el8_4.x86_64', containerImage: 'registry.example.com/auristorfs-kmm/auristor-kmod-2021.05-15:4.18.0-305.57.1.el8_4.x86_64' },
    ]);
  });

  it('kmm: upgrading group-2 node by node with pinnedNodes reloads only the unpinned node', () => {
    const before = synthConfig(phased('kmm')).manifests;
    const step1 = synthConfig(phased('kmm', (doc) => {
      doc.setIn(['auristor', 'groups', 1, 'kmodVersion'], '2021.05-20');
      doc.setIn(['auristor', 'groups', 1, 'pinnedNodes'], doc.createNode({ cpu04: '2021.05-15' }));
    })).manifests;
    const label = 'kmm.node.kubernetes.io/version-module.auristorfs-group-2.auristorfs-kmod';
    expect(find([...step1], 'Node', 'cpu03').metadata.labels![label]).toBe('2021.05-20');
    expect(find([...step1], 'Node', 'cpu04').metadata.labels![label]).toBe('2021.05-15');
    // the version bump itself reloads no node (KMM v2.6.0 prepareNodeSchedulingData keeps cpu04, whose label is
    // not the Module's version); the label that moves reloads cpu03, and only it
    expect(describeKmodChanges(before, step1)).toEqual([
      `AuriStorFS (DANGEROUS): KMM reloads yfs on node cpu03 of AuriStorFS group group-2 (version label ${label}): `
        + 'cpu03: KMM unloads yfs 2021.05-15 and loads 2021.05-20',
    ]);
  });

  it('static: kmod DaemonSets per group and kernel, never pruned; CSI node plugin per group', () => {
    const { files } = synthConfig(phased('static'));
    const g2 = parseFile(files.get('auristor-group-2.yaml'));
    const kmods = g2.filter((o) => o.kind === 'DaemonSet' && o.metadata.labels?.['app.kubernetes.io/component'] === 'kmod');
    expect(kmods.map((ds) => [ds.metadata.name, ds.spec.template.spec.nodeSelector, containers(ds).kmod.image])).toEqual([
      ['auristorfs-kmod-4-18-0-305-49-1-el8-4-x86-64', { [GROUP]: 'group-2', [KERNEL]: '4.18.0-305.49.1.el8_4.x86_64' },
        'ghcr.io/auristor/auristor-kmod-2021.05-15:4.18.0-305.el8.x86_64'],
      ['auristorfs-kmod-4-18-0-305-57-1-el8-4-x86-64', { [GROUP]: 'group-2', [KERNEL]: '4.18.0-305.57.1.el8_4.x86_64' },
        'ghcr.io/auristor/auristor-kmod-2021.05-15:4.18.0-305.el8.x86_64'],
    ]);
    for (const ds of kmods) expect(ds.metadata.annotations?.['argocd.argoproj.io/sync-options']).toBe('Prune=false,Delete=false');
    expect(containers(find(g2, 'DaemonSet', 'auristorfs-csi-node')).node.image).toBe('ghcr.io/auristor/auristorfs-csi:2022.02-2');
    const cluster = parseFile(files.get('auristor.yaml'));
    expect(containers(find(cluster, 'Deployment', 'auristorfs-csi-controller')).controller.image).toBe('ghcr.io/auristor/auristorfs-csi:2022.09-1');
  });

  it('upgrading group-2 to group-1\'s releases is called out: the OnDelete kmods of group-2, node by node', () => {
    const before = synthConfig(phased('static')).manifests;
    const after = synthConfig(phased('static', (doc) => {
      doc.setIn(['auristor', 'groups', 1, 'kmodVersion'], '2021.05-20');
      doc.setIn(['auristor', 'groups', 1, 'csiVersion'], '2022.09-1');
    })).manifests;
    expect(describeKmodChanges(before, after)).toEqual([
      'AuriStorFS: AuriStorFS group group-2: new kmod pod template for DaemonSet auristorfs-group-2/auristorfs-kmod-4-18-0-305-49-1-el8-4-x86-64, '
        + 'DaemonSet auristorfs-group-2/auristorfs-kmod-4-18-0-305-57-1-el8-4-x86-64 (updateStrategy OnDelete): the sync reloads nothing: each node keeps its kmod pod, '
        + 'and gets the new template when that pod is deleted',
    ]);
  });
});

describe('AIS and AuriStorFS on the same nodes', () => {
  it('one Node object per node carries both the AIS and the AuriStorFS group labels', async () => {
    const text = `name: demo
ais:
  proxies: { nodes: [cpu01] }
  targets: { nodes: [cpu01, cpu02], mountpaths: [/ais/sda] }
auristor:
  delivery: static
  groups:
    - { name: group-1, nodes: [cpu01, cpu05], kmodVersion: "2021.05-20", csiVersion: "2022.09-1", kernels: [4.18.0-305.49.1.el8_4.x86_64] }
`;
    const { files, manifests } = synthConfig(text);
    const nodes = manifests.filter((m) => m.kind === 'Node');
    expect(nodes.map((n) => [n.metadata.name, n.metadata.labels])).toEqual([
      ['cpu01', { 'nvidia.com/ais-target': 'demo-ais', 'nvidia.com/ais-proxy': 'demo-ais-electable', 'nvidia.com/ais-initial-primary-proxy': 'demo-ais', [GROUP]: 'group-1' }],
      ['cpu02', { 'nvidia.com/ais-target': 'demo-ais' }],
      ['cpu05', { [GROUP]: 'group-1' }],
    ]);
    expect(ids(parseFile(files.get('auristor-group-1.yaml'))).filter((id) => id.startsWith('Node'))).toEqual(['Node cpu05']);
    await expectValid([...manifests]);
  });

  it('with kmm the shared Node object also carries KMM\'s ordered-upgrade label', () => {
    const text = `name: demo
ais:
  proxies: { nodes: [cpu01] }
  targets: { nodes: [cpu01], mountpaths: [/ais/sda] }
auristor:
  delivery: kmm
  kmm: { kmmLayoutImages: true, registry: registry.example.com/kmm }
  groups:
    - { name: g1, nodes: [cpu01, cpu05], kmodVersion: "2021.05-20", csiVersion: "2022.09-1", kernels: [4.18.0-305.49.1.el8_4.x86_64] }
`;
    const { manifests } = synthConfig(text);
    const label = 'kmm.node.kubernetes.io/version-module.auristorfs-g1.auristorfs-kmod';
    expect(manifests.filter((m) => m.kind === 'Node').map((n) => [n.metadata.name, n.metadata.labels![label]]))
      .toEqual([['cpu01', '2021.05-20'], ['cpu05', '2021.05-20']]);
  });
});

describe('the generator refuses names KMM cannot take', () => {
  it('a 31-character group name with kmm: exit code 1, file:line:col, nothing written', () => {
    const dir = tempDir();
    const out = path.join(dir, 'dist');
    const text = phased('kmm', (doc) => doc.setIn(['auristor', 'groups', 1, 'name'], 'g'.repeat(31)));
    const result = runCli([writeConfig(dir, text), '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`cluster.yaml:36:13: auristor.groups[1].name: the KMM Module auristorfs-${'g'.repeat(31)}/auristorfs-kmod `
      + 'has name + namespace of 57 characters; KMM\'s webhook admits at most 40');
    expect(fs.existsSync(out)).toBe(false);
  });
});
