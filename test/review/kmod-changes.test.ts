import { Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { addAuristorCharts } from '../../lib/from-config/auristor';
import { KmodChange, classifyKmodChanges, describeKmodChanges } from '../../lib/review/kmod-changes';
import { reviewChanges } from '../../lib/review/change-review';
import { type Manifest } from '../support/schema';
import { clusterConfig, readExample, synthApp } from '../support/auristor';

/** The objects the generator would commit for the example, changed by `edit` and with the given delivery. */
function generate(delivery: string, edit: (section: any) => void = () => {}, extraNodes: Manifest[] = []): Manifest[] {
  const section = structuredClone(readExample('auristor-phased.yaml').auristor);
  section.delivery = delivery;
  edit(section);
  const app = Testing.app();
  addAuristorCharts(app, clusterConfig(section));
  return [...synthApp(app), ...extraNodes];
}

const summary = (changes: KmodChange[]) => changes.map((c) => `${c.severity}: ${c.title}`);
const VERSION_LABEL = 'kmm.node.kubernetes.io/version-module.auristorfs-group-2.auristorfs-kmod';

describe('the kmod classifier: what the sync does to yfs on which node', () => {
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

  it('static: a kmod version bump is a note: OnDelete, the node-by-node runbook restarts each CSI pod', () => {
    const changes = classifyKmodChanges(generate('static'), generate('static', (s) => { s.groups[1].kmodVersion = '2021.05-20'; }));
    expect(summary(changes)).toEqual([
      'note: AuriStorFS group group-2: new kmod pod template for DaemonSet auristorfs-group-2/auristorfs-kmod-4-18-0-305-49-1-el8-4-x86-64, '
        + 'DaemonSet auristorfs-group-2/auristorfs-kmod-4-18-0-305-57-1-el8-4-x86-64 (updateStrategy OnDelete)',
    ]);
    expect(changes[0].procedure!.steps.map((s) => `${s.kind} ${'node' in s ? s.node : ''}`)).toEqual([
      'drain cpu03', 'delete-kmod-pod cpu03', 'wait cpu03', 'host cpu03', 'restart-csi-pod cpu03', 'wait cpu03', 'uncordon cpu03',
      'drain cpu04', 'delete-kmod-pod cpu04', 'wait cpu04', 'host cpu04', 'restart-csi-pod cpu04', 'wait cpu04', 'uncordon cpu04',
    ]);
  });

  it('sro: a registry or kmod version change is a note (SRO re-renders OnDelete DaemonSets, deletes no pod)', () => {
    const changes = classifyKmodChanges(generate('sro'), generate('sro', (s) => { s.groups[0].registry = 'mirror.example.com/auristor'; }));
    expect(summary(changes)).toEqual([
      'note: SpecialResource auristorfs-group-1: new kmod (ghcr.io/auristor/auristor-kmod-2021.05-20 -> mirror.example.com/auristor/auristor-kmod-2021.05-20), loaded node by node',
    ]);
    expect(changes[0].action).toMatch(/^sync while the group's nodes are schedulable \(SRO skips cordoned nodes\)/);
  });

  it('N6 sro: a SpecialResource changing the kmod and the CSI version in one commit gets a note on the CSI timing', () => {
    const changes = classifyKmodChanges(generate('sro'), generate('sro', (s) => { s.groups[1].kmodVersion = '2021.05-20'; s.groups[1].csiVersion = '2022.09-1'; }));
    const note = changes.find((c) => c.title.includes('changes the kmod and the CSI version'))!;
    expect(note.severity).toBe('note');
    // openshift/special-resource-operator controllers/resources.go ReconcileChartStates + pkg/poll/poll.go ForLifecycleAvailability
    expect(note.consequence).toContain('SRO applies the chart\'s CSI state only after every driver-container pod runs the new template');
    expect(note.action).toBe('prefer committing kmodVersion alone, doing the nodes, then committing csiVersion (it rolls the CSI node plugins at once)');
  });

  it('sro: a selector change makes SRO\'s DaemonSets leave nodes: dangerous', () => {
    const changes = classifyKmodChanges(generate('sro'), generate('sro', (s) => { delete s.groups[0].nodes; s.groups[0].nodeSelector = { 'example.com/rack': 'r1' }; }));
    expect(summary(changes)).toContain('dangerous: SpecialResource auristorfs-group-1 changes its node selector from "auristor.com/auristorfs-group=group-1" to "example.com/rack=r1"');
  });

  it('kmm: a dropped kernel mapping unloads the module on nodes still running that kernel: dangerous', () => {
    const changes = classifyKmodChanges(generate('kmm'), generate('kmm', (s) => { s.groups[1].kernels = ['4.18.0-305.57.1.el8_4.x86_64']; }));
    expect(summary(changes)).toEqual(['dangerous: Module auristorfs-group-2/auristorfs-kmod no longer maps kernel 4.18.0-305.49.1.el8_4.x86_64']);
  });

  it('static: a dropped kernel leaves its DaemonSet behind (Prune=false): a note, nothing unloads at the sync', () => {
    const changes = classifyKmodChanges(generate('static'), generate('static', (s) => { s.groups[1].kernels = ['4.18.0-305.57.1.el8_4.x86_64']; }));
    expect(summary(changes)).toEqual(['note: AuriStorFS group group-2: DaemonSet auristorfs-group-2/auristorfs-kmod-4-18-0-305-49-1-el8-4-x86-64 no longer generated']);
  });

  it.each([
    ['sro', 'SpecialResource auristorfs-group-2'],
    ['kmm', 'Module auristorfs-group-2/auristorfs-kmod'],
    ['static', 'DaemonSet auristorfs-group-2/auristorfs-kmod-4-18-0-305-49-1-el8-4-x86-64, DaemonSet auristorfs-group-2/auristorfs-kmod-4-18-0-305-57-1-el8-4-x86-64'],
  ])('%s: a removed group and its Nodes leave the output but stay (Prune=false): notes', (delivery, objects) => {
    const changes = classifyKmodChanges(generate(delivery), generate(delivery, (s) => { s.groups.pop(); }));
    expect(summary(changes)).toEqual([
      `note: AuriStorFS group group-2 is removed: ${objects} no longer generated`,
      'note: node cpu03 leaves the output (it was in AuriStorFS group group-2)',
      'note: node cpu04 leaves the output (it was in AuriStorFS group group-2)',
    ]);
  });

  it('a node moving to another group gets the other group\'s kmod: dangerous, the Node is the gated object', () => {
    const changes = classifyKmodChanges(generate('static'), generate('static', (s) => { s.groups[1].nodes = ['cpu04']; s.groups[0].nodes.push('cpu03'); }));
    expect(summary(changes)).toEqual(['dangerous: node cpu03 moves from AuriStorFS group group-2 to group-1']);
    expect(changes[0].objects).toEqual(['Node cpu03']);
  });

  it('N8: a node leaving an AuriStorFS group while AIS still emits its Node loses the group label at the sync: dangerous', () => {
    const aisNode = (labels: Record<string, string>): Manifest => ({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'cpu04', labels } });
    for (const delivery of ['kmm', 'static', 'sro']) {
      const before = generate(delivery).map((m) => (m.kind === 'Node' && m.metadata.name === 'cpu04'
        ? { ...m, metadata: { ...m.metadata, labels: { ...m.metadata.labels, 'nvidia.com/ais-target': 'demo-ais' } } } : m));
      const after = generate(delivery, (s) => { s.groups[1].nodes = ['cpu03']; }, [aisNode({ 'nvidia.com/ais-target': 'demo-ais' })]);
      const changes = classifyKmodChanges(before, after);
      // Kubernetes server-side apply removes the label Argo CD's field manager no longer applies; Prune=false keeps whole objects only
      expect(summary(changes)).toEqual(['dangerous: node cpu04 loses the label auristor.com/auristorfs-group=group-2']);
      expect(changes[0].consequence).toContain('Argo CD\'s server-side apply removes the label at the sync');
    }
  });

  it('N8 kmm -> sro: the version label is removed at the sync and KMM unloads: dangerous, no "stays (Prune=false)"', () => {
    const changes = classifyKmodChanges(generate('kmm'), generate('sro', (s) => { s.sro = { version: '4.11' }; }));
    const nodes = changes.filter((c) => c.title.startsWith('KMM reloads'));
    expect(nodes.map((c) => [c.severity, c.objects])).toEqual([
      ['dangerous', ['Node cpu01', 'Node cpu02']], ['dangerous', ['Node cpu03', 'Node cpu04']],
    ]);
    // KMM v2.6.0 module_version_label_action_table.go (module label missing, worker label present) -> prepareNodeSchedulingData actionDelete
    expect(nodes[1].consequence).toContain('cpu03 loses its version label (2021.05-15): Argo CD\'s server-side apply removes it at the sync, and KMM unloads yfs there');
    expect(describeKmodChanges(generate('kmm'), generate('sro', (s) => { s.sro = { version: '4.11' }; })).join('\n')).not.toContain('stays (Prune=false)');
    expect(summary(changes)).toContain('dangerous: AuriStorFS group group-1 changes kmod delivery from kmm to sro');
  });

  it('a static -> sro switch loads a second kmod on the same nodes: dangerous', () => {
    const changes = classifyKmodChanges(generate('static'), generate('sro', (s) => { s.sro = { version: '4.11' }; }));
    expect(summary(changes).filter((c) => c.startsWith('dangerous'))).toEqual([
      'dangerous: AuriStorFS group group-1 changes kmod delivery from static to sro',
      'dangerous: AuriStorFS group group-2 changes kmod delivery from static to sro',
    ]);
  });

  it('kmm: nodes -> nodeSelector drops the Module version (the webhook refuses it) and the Nodes leave the output', () => {
    const changes = classifyKmodChanges(generate('kmm'), generate('kmm', (s) => { delete s.groups[0].nodes; s.groups[0].nodeSelector = { 'example.com/rack': 'r1' }; }));
    expect(summary(changes)).toEqual([
      // KMM v2.6.0 internal/webhook/module.go ValidateUpdate: "cannot update to or from an empty version"
      'dangerous: Module auristorfs-group-1/auristorfs-kmod drops the ordered-upgrade version',
      'note: node cpu01 leaves the output (it was in AuriStorFS group group-1)',
      'note: node cpu02 leaves the output (it was in AuriStorFS group group-1)',
    ]);
  });

  it('kmm: a Module without version reloads every node of the group at once on a new image: dangerous', () => {
    const selected = (s: any) => { delete s.groups[1].nodes; s.groups[1].nodeSelector = { 'example.com/rack': 'r2' }; };
    const changes = classifyKmodChanges(generate('kmm', selected), generate('kmm', (s) => { selected(s); s.groups[1].kmodVersion = '2021.05-20'; }));
    expect(summary(changes)).toEqual(['dangerous: Module auristorfs-group-2/auristorfs-kmod changes the module config of its nodes (no ordered-upgrade version)']);
    expect(changes[0].consequence).toContain('KMM unloads and reloads yfs on every node labelled example.com/rack=r2 at once');
  });

  it('N7 kmm: a fully pinned version bump is in place (a note); unpinning one node is dangerous and names only that node', () => {
    const pinned = generate('kmm', (s) => { s.groups[1].kmodVersion = '2021.05-20'; s.groups[1].pinnedNodes = { cpu03: '2021.05-15', cpu04: '2021.05-15' }; });
    // KMM v2.6.0 module_reconciler.go prepareNodeSchedulingData: a node whose worker label differs from the Module's
    // version keeps its NodeModulesConfig entry (no change): nothing reloads
    const bump = reviewChanges(generate('kmm'), pinned);
    expect(bump.dangerous).toBe(false);
    expect(bump.findings.map((f) => `${f.severity}: ${f.title}`)).toEqual([
      'note: Module auristorfs-group-2/auristorfs-kmod moves to version 2021.05-20; no node\'s version label moves with it',
    ]);
    expect(bump.runbooks.map((r) => r.title)).toEqual(['upgrade AuriStorFS group group-2 node by node (kmm: to version 2021.05-20, unpinning one node per commit)']);
    const one = generate('kmm', (s) => { s.groups[1].kmodVersion = '2021.05-20'; s.groups[1].pinnedNodes = { cpu04: '2021.05-15' }; });
    const unpin = reviewChanges(pinned, one);
    expect(unpin.dangerous).toBe(true);
    expect(unpin.changes.filter((c) => c.verdict === 'dangerous').map((c) => c.object)).toEqual(['Node cpu03']);
    expect(unpin.findings[0].consequence).toBe('cpu03: KMM unloads yfs 2021.05-15 and loads 2021.05-20');
    // the advice is the typed procedure: drain (the Module tolerates the cordon), stop the cache manager, sync, restart the CSI pod, uncordon
    expect(unpin.findings[0].action).toMatch(/^before the sync: drain cpu03: .*`kubectl drain cpu03 --ignore-daemonsets --delete-emptydir-data`.*stop the AuriStorFS cache manager.*then run synth again with --allow-dangerous, commit, and sync; after it: .*kubectl delete pod -n auristorfs-group-2 -l app=auristorfs-csi-node --field-selector spec.nodeName=cpu03.*kubectl uncordon cpu03/);
    expect(unpin.findings[0].action).not.toMatch(/cordon(ed)? node.*unload/i);
  });

  it('kmm: a node pinned to a version the Module does not have loses the module: dangerous', () => {
    const changes = classifyKmodChanges(generate('kmm'), generate('kmm', (s) => { s.groups[1].pinnedNodes = { cpu04: '2021.05-9' }; }));
    expect(changes.map((c) => c.consequence)).toEqual(['cpu04: KMM unloads yfs 2021.05-15 and loads nothing (the Module is at version 2021.05-15)']);
  });

  it.each([
    ['imagePullPolicy', (s: any) => { s.imagePullPolicy = 'Always'; }],
    ['kmm.registry', (s: any) => { s.kmm.registry = 'mirror.example.com/auristorfs-kmm'; }],
  ])('N7 kmm: a %s change reloads the nodes at the Module version; the advice (kmmRevision + pins) passes the rulebook and then reviews in place', (_, change) => {
    const review = reviewChanges(generate('kmm'), generate('kmm', change));
    expect(review.findings.filter((f) => f.severity === 'dangerous').map((f) => f.title)).toEqual([
      'Module auristorfs-group-1/auristorfs-kmod changes the module config of nodes cpu01 and cpu02 at version 2021.05-20',
      'Module auristorfs-group-2/auristorfs-kmod changes the module config of nodes cpu03 and cpu04 at version 2021.05-15',
    ]);
    expect(review.findings[1].action).toMatch(/^to reload them one at a time instead, also bump kmmRevision of group group-2 \(Module version 2021.05-15-r1\) and pin them to the version they run \(pinnedNodes: \{ cpu03: "2021.05-15", cpu04: "2021.05-15" \}\)/);
    // following the advice: the rulebook accepts the pins (they differ from the Module's new version) and nothing reloads
    const followed = generate('kmm', (s) => {
      change(s);
      s.groups[0].kmmRevision = 1;
      s.groups[0].pinnedNodes = { cpu01: '2021.05-20', cpu02: '2021.05-20' };
      s.groups[1].kmmRevision = 1;
      s.groups[1].pinnedNodes = { cpu03: '2021.05-15', cpu04: '2021.05-15' };
    });
    const after = reviewChanges(generate('kmm'), followed);
    expect(after.dangerous).toBe(false);
    expect(find(followed, 'Node', 'cpu03').metadata.labels![VERSION_LABEL]).toBe('2021.05-15');
    expect(find(followed, 'Module', 'auristorfs-kmod', 'auristorfs-group-2').spec.moduleLoader.container.version).toBe('2021.05-15-r1');
  });

  it('N7 kmm: a tolerations-only Module change is in place (not part of KMM\'s module config)', () => {
    const review = reviewChanges(generate('kmm'), generate('kmm', (s) => { s.tolerations = [{ key: 'dedicated', value: 'storage', effect: 'NoSchedule' }]; }));
    expect(review.dangerous).toBe(false);
    expect(review.findings.filter((f) => f.rule.startsWith('kmod'))).toEqual([]);
    expect(review.changes.find((c) => c.object === 'Module auristorfs-group-1/auristorfs-kmod')!.verdict).toBe('in-place');
  });

  it('static: narrowing a kmod DaemonSet\'s nodeSelector is dangerous (OnDelete does not protect leaving nodes)', () => {
    // Kubernetes pkg/controller/daemon/daemon_controller.go NodeShouldRunDaemonPod: a node the selector no longer
    // matches loses its daemon pod whatever the update strategy; the kmod pod's preStop unloads yfs
    const before = generate('static');
    const after = before.map((m) => (m.kind === 'DaemonSet' && m.metadata.name === 'auristorfs-kmod-4-18-0-305-49-1-el8-4-x86-64'
      ? { ...m, spec: { ...m.spec, template: { ...m.spec.template, spec: { ...m.spec.template.spec, nodeSelector: { ...m.spec.template.spec.nodeSelector, 'example.com/rack': 'r2' } } } } } : m));
    const review = reviewChanges(before, after);
    expect(review.dangerous).toBe(true);
    expect(review.findings[0].consequence).toBe('the DaemonSet deletes its pods on nodes it no longer selects (OnDelete does not keep them), and their preStop hook unloads yfs');
  });

  it('static: tolerations added to the kmod DaemonSets are in place, with no restart advice', () => {
    const review = reviewChanges(generate('static'), generate('static', (s) => { s.tolerations = [{ key: 'dedicated', value: 'storage', effect: 'NoSchedule' }]; }));
    expect(review.dangerous).toBe(false);
    expect(review.findings.filter((f) => f.rule.startsWith('kmod'))).toEqual([]);
  });

  it('ignores objects that do not load the module', () => {
    const other: Manifest = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'x', labels: { 'app.kubernetes.io/component': 'csi-node' } }, spec: {} };
    expect(describeKmodChanges([other], [])).toEqual([]);
  });
});

function find(objects: readonly Manifest[], kind: string, name: string, namespace?: string): Manifest {
  const found = objects.filter((o) => o.kind === kind && o.metadata.name === name && (namespace === undefined || o.metadata.namespace === namespace));
  expect(found).toHaveLength(1);
  return found[0];
}
