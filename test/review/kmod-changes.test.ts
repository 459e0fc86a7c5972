import { Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { addAuristorCharts } from '../../lib/from-config/auristor';
import { DRAIN_RULE, describeKmodChanges } from '../../lib/review/kmod-changes';
import { type Manifest } from '../support/schema';
import { clusterConfig, readExample, synthApp } from '../support/auristor';

/** The objects the generator would commit for the example, changed by `edit` and with the given delivery. */
function generate(delivery: string, edit: (section: any) => void = () => {}): Manifest[] {
  const section = structuredClone(readExample('auristor-phased.yaml').auristor);
  section.delivery = delivery;
  edit(section);
  const app = Testing.app();
  addAuristorCharts(app, clusterConfig(section));
  return synthApp(app);
}

const rule = ': drain pods using AuriStorFS volumes first (`lsmod | grep yfs`)';

describe('describeKmodChanges', () => {
  it('states the drain rule', () => {
    expect(DRAIN_RULE).toBe('drain pods using AuriStorFS volumes first (`lsmod | grep yfs`)');
  });

  it.each(['sro', 'kmm', 'static'])('is silent when nothing changes, or only safe additions (%s)', (delivery) => {
    expect(describeKmodChanges(generate(delivery), generate(delivery))).toEqual([]);
    const added = generate(delivery, (s) => {
      s.groups[1].kernels.push('4.18.0-305.65.1.el8_4.x86_64');
      s.groups[1].nodes.push('cpu05');
      s.groups.push({ name: 'group-3', nodes: ['cpu09'], kmodVersion: '2021.05-20', csiVersion: '2022.09-1', kernels: ['4.18.0-372.9.1.el8.x86_64'] });
      s.csi.logLevel = 'DEBUG';
    });
    expect(describeKmodChanges(generate(delivery), added)).toEqual([]);
  });

  it('static: a kmod version bump replaces each kernel\'s image, loaded when the OnDelete pods are deleted', () => {
    const bumped = generate('static', (s) => { s.groups[1].kmodVersion = '2021.05-20'; });
    expect(describeKmodChanges(generate('static'), bumped)).toEqual([
      'AuriStorFS group group-2: DaemonSet auristorfs-group-2/auristorfs-kmod-4-18-0-305-49-1-el8-4-x86-64 replaces the kmod for kernel 4.18.0-305.49.1.el8_4.x86_64, '
        + 'ghcr.io/auristor/auristor-kmod-2021.05-15:4.18.0-305.el8.x86_64 -> ghcr.io/auristor/auristor-kmod-2021.05-20:4.18.0-305.el8.x86_64 '
        + '(updateStrategy OnDelete: the new module loads when you delete each node\'s kmod pod)' + rule,
      'AuriStorFS group group-2: DaemonSet auristorfs-group-2/auristorfs-kmod-4-18-0-305-57-1-el8-4-x86-64 replaces the kmod for kernel 4.18.0-305.57.1.el8_4.x86_64, '
        + 'ghcr.io/auristor/auristor-kmod-2021.05-15:4.18.0-305.el8.x86_64 -> ghcr.io/auristor/auristor-kmod-2021.05-20:4.18.0-305.el8.x86_64 '
        + '(updateStrategy OnDelete: the new module loads when you delete each node\'s kmod pod)' + rule,
    ]);
  });

  it('sro: a registry or kmod version change replaces the SpecialResource\'s kmod', () => {
    const moved = generate('sro', (s) => { s.groups[0].registry = 'mirror.example.com/auristor'; });
    expect(describeKmodChanges(generate('sro'), moved)).toEqual([
      // SRO skips tainted (cordoned) nodes when it renders (release-4.10 pkg/cache/cache.go) and AuriStor's kmod
      // DaemonSet is OnDelete (chart/templates/1000-driver-container.yaml): the review says how the module really swaps
      'AuriStorFS group group-1: SpecialResource auristorfs-group-1 replaces the kmod for every kernel, '
        + 'ghcr.io/auristor/auristor-kmod-2021.05-20 -> mirror.example.com/auristor/auristor-kmod-2021.05-20 '
        + '(SRO re-renders the kmod DaemonSets only for kernels of nodes without NoSchedule/NoExecute taints, and they are OnDelete: '
        + 'sync while the group\'s nodes are schedulable, then drain one node at a time and delete its driver-container pod; '
        + 'docs/auristor.md, "Phased upgrade")' + rule,
    ]);
  });

  it('kmm: a dropped kernel mapping unloads the module on nodes still running that kernel', () => {
    const dropped = generate('kmm', (s) => { s.groups[1].kernels = ['4.18.0-305.57.1.el8_4.x86_64']; });
    expect(describeKmodChanges(generate('kmm'), dropped)).toEqual([
      'AuriStorFS group group-2: Module auristorfs-group-2/auristorfs-kmod no longer loads yfs for kernel 4.18.0-305.49.1.el8_4.x86_64; nodes running it lose the module' + rule,
    ]);
  });

  it('static: a dropped kernel leaves its DaemonSet behind (never pruned) until deleted by hand', () => {
    const dropped = generate('static', (s) => { s.groups[1].kernels = ['4.18.0-305.57.1.el8_4.x86_64']; });
    expect(describeKmodChanges(generate('static'), dropped)).toEqual([
      'AuriStorFS group group-2: DaemonSet auristorfs-group-2/auristorfs-kmod-4-18-0-305-49-1-el8-4-x86-64 is no longer generated; '
        + 'Argo CD leaves it running (Prune=false) until you delete it, which unloads yfs on its nodes' + rule,
    ]);
  });

  it.each([
    ['sro', 'SpecialResource auristorfs-group-2'],
    ['kmm', 'Module auristorfs-group-2/auristorfs-kmod'],
    ['static', 'DaemonSet auristorfs-group-2/auristorfs-kmod-4-18-0-305-49-1-el8-4-x86-64, DaemonSet auristorfs-group-2/auristorfs-kmod-4-18-0-305-57-1-el8-4-x86-64'],
  ])('%s: a removed group is called out, and its nodes leaving it', (delivery, objects) => {
    const removed = generate(delivery, (s) => { s.groups.pop(); });
    expect(describeKmodChanges(generate(delivery), removed)).toEqual([
      `AuriStorFS group group-2 is removed: ${objects} no longer generated; Argo CD leaves them running (Prune=false) until you delete them, `
        + 'which unloads yfs on the group\'s nodes' + rule,
      'node cpu03 is no longer listed in AuriStorFS group group-2; its label stays (Prune=false), and removing it by hand unloads the group\'s kmod there' + rule,
      'node cpu04 is no longer listed in AuriStorFS group group-2; its label stays (Prune=false), and removing it by hand unloads the group\'s kmod there' + rule,
    ]);
  });

  it('a node moving to another group gets the other group\'s kmod', () => {
    const moved = generate('static', (s) => {
      s.groups[1].nodes = ['cpu04'];
      s.groups[0].nodes.push('cpu03');
    });
    expect(describeKmodChanges(generate('static'), moved)).toEqual([
      'node cpu03 moves from AuriStorFS group group-2 to group-1: its kmod is replaced by the other group\'s' + rule,
    ]);
  });

  it('a node selector change and a delivery switch are called out', () => {
    const selected = generate('kmm', (s) => {
      delete s.groups[0].nodes;
      s.groups[0].nodeSelector = { 'example.com/rack': 'r1' };
    });
    expect(describeKmodChanges(generate('kmm'), selected)).toEqual([
      // KMM v2.6.0 internal/webhook/module.go ValidateUpdate: "cannot update to or from an empty version"
      'AuriStorFS group group-1: Module auristorfs-group-1/auristorfs-kmod drops the ordered-upgrade version; KMM\'s webhook refuses '
        + 'adding or removing version on an existing Module, so the sync fails until you delete the Module, which unloads yfs on every '
        + 'node of the group' + rule,
      'AuriStorFS group group-1: Module auristorfs-group-1/auristorfs-kmod changes its node selector from '
        + '"auristor.com/auristorfs-group=group-1" to "example.com/rack=r1"; nodes leaving the selection lose the module' + rule,
      'node cpu01 is no longer listed in AuriStorFS group group-1; its label stays (Prune=false), and removing it by hand unloads the group\'s kmod there' + rule,
      'node cpu02 is no longer listed in AuriStorFS group group-1; its label stays (Prune=false), and removing it by hand unloads the group\'s kmod there' + rule,
    ]);
    const switched = describeKmodChanges(generate('static'), generate('sro'));
    expect(switched).toContain('AuriStorFS group group-1 changes kmod delivery from DaemonSet to SpecialResource: '
      + 'until the old objects are deleted both load yfs on the same nodes' + rule);
    expect(switched).toContain('AuriStorFS group group-1: DaemonSet auristorfs-group-1/auristorfs-kmod-4-18-0-372-9-1-el8-x86-64 is no longer generated; '
      + 'Argo CD leaves it running (Prune=false) until you delete it, which unloads yfs on its nodes' + rule);
  });

  it('kmm: a Module without a new version reloads every node at once, and the review says so', () => {
    // a selector-defined group: no version label of ours, so no ordered upgrade
    const selected = (s: any) => { delete s.groups[1].nodes; s.groups[1].nodeSelector = { 'example.com/rack': 'r2' }; };
    const bumped = generate('kmm', (s) => { selected(s); s.groups[1].kmodVersion = '2021.05-20'; });
    const warnings = describeKmodChanges(generate('kmm', selected), bumped);
    expect(warnings).toHaveLength(2);
    for (const warning of warnings) {
      expect(warning).toMatch(/^AuriStorFS group group-2: Module auristorfs-group-2\/auristorfs-kmod replaces the kmod for kernel .* \(the Module has no new version for KMM's ordered upgrade: KMM unloads and reloads yfs on every node of the group at once\)/);
    }
  });

  it('kmm: a version bump with every node pinned reloads nothing; unpinning one node reloads that node only', () => {
    const pinned = generate('kmm', (s) => { s.groups[1].kmodVersion = '2021.05-20'; s.groups[1].pinnedNodes = { cpu03: '2021.05-15', cpu04: '2021.05-15' }; });
    const first = describeKmodChanges(generate('kmm'), pinned);
    expect(first.filter((w) => w.startsWith('node '))).toEqual([]);
    expect(first[0]).toBe('AuriStorFS group group-2: Module auristorfs-group-2/auristorfs-kmod maps kernel 4.18.0-305.49.1.el8_4.x86_64 to '
      + 'registry.example.com/auristorfs-kmm/auristor-kmod-2021.05-20:4.18.0-305.49.1.el8_4.x86_64 (was '
      + 'registry.example.com/auristorfs-kmm/auristor-kmod-2021.05-15:4.18.0-305.49.1.el8_4.x86_64) at version 2021.05-20; '
      + 'KMM reloads yfs only on nodes whose version label changes to it' + rule);
    const one = generate('kmm', (s) => { s.groups[1].kmodVersion = '2021.05-20'; s.groups[1].pinnedNodes = { cpu04: '2021.05-15' }; });
    expect(describeKmodChanges(pinned, one)).toEqual([
      'node cpu03: KMM unloads yfs 2021.05-15 and loads 2021.05-20 (label kmm.node.kubernetes.io/version-module.auristorfs-group-2.auristorfs-kmod: '
        + '2021.05-15 -> 2021.05-20)' + rule,
    ]);
  });

  it('kmm: a node pinned to a version the Module does not have loses the module', () => {
    const pinned = generate('kmm', (s) => { s.groups[1].pinnedNodes = { cpu04: '2021.05-9' }; });
    // KMM v2.6.0 node_label_module_version_reconciler + prepareNodeSchedulingData: the label change unloads the
    // module, and a label that differs from the Module's version loads nothing
    expect(describeKmodChanges(generate('kmm'), pinned)).toEqual([
      'node cpu04: KMM unloads yfs 2021.05-15 and loads nothing (the group\'s Module is at version 2021.05-15) '
        + '(label kmm.node.kubernetes.io/version-module.auristorfs-group-2.auristorfs-kmod: 2021.05-15 -> 2021.05-9)' + rule,
    ]);
  });

  it('ignores objects that do not load the module', () => {
    const other: Manifest = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'x', labels: { 'app.kubernetes.io/component': 'csi-node' } }, spec: {} };
    expect(describeKmodChanges([other], [])).toEqual([]);
  });
});
