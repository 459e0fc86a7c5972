/**
 * Issue #23, KMM delivery: a drain, an ordered upgrade node by node, a reboot and a pinned node on a new kernel, run
 * against the node model (test/support/auristor-model.ts: KMM v2.6.0, Kubernetes 1.28 DaemonSets, Argo CD
 * server-side apply) with the typed procedures the review, PLAN.md and the docs print. Each finding's test also runs
 * on today's output (test/auristor/fixtures/before-23) and shows the failure there.
 */
import fc from 'fast-check';
import * as YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { AuristorModel, runProcedure } from '../../support/auristor-model';
import {
  AuristorProcedure, AuristorStep, auristorGroupFacts, groupUpgradeProcedure, nodeMaintenanceProcedure, pinnedNodeRecovery,
} from '../../../lib/review/auristor-runbooks';
import { reviewChanges } from '../../../lib/review/change-review';
import type { Manifest } from '../../../lib/k8s/manifest';
import { PHASED_NODES, generatedAuristorConfigs, listedNodes, outputBefore23, phased } from '../../support/auristor-ops';
import { manifestsOf } from '../../support/synth';

const READY = (ns: string) => `kmm.node.kubernetes.io/${ns}.auristorfs-kmod.ready`;

/** A model running `manifests` on `nodes`, every node with its cache manager and `pods` pods mounting AuriStorFS. */
function running(nodes: ReadonlyArray<{ name: string; kernel: string; labels?: Record<string, string> }>, manifests: readonly Manifest[], pods = 2): AuristorModel {
  const model = new AuristorModel(nodes);
  model.sync(manifests);
  for (const node of model.nodes.values()) {
    if (node.yfs === undefined) continue;
    node.afsd = true;
    model.mount(node.name, pods);
  }
  model.takeReloads();
  return model;
}

/** A config as data, whose edits the procedures' edit steps apply, and its output. */
class Config {
  constructor(public doc: any, private readonly kmodVersion?: string) {}
  text(): string { return YAML.stringify(this.doc); }
  output(): readonly Manifest[] { return manifestsOf(this.text()); }
  edit(step: Extract<AuristorStep, { kind: 'edit' }>): void {
    const group = this.doc.auristor.groups.find((g: any) => g.name === step.edit.group);
    if (step.edit.type === 'pin-all') {
      if (this.kmodVersion) group.kmodVersion = this.kmodVersion;
      group.pinnedNodes = { ...step.edit.nodes };
    } else {
      delete group.pinnedNodes?.[step.edit.node];
      if (group.pinnedNodes && Object.keys(group.pinnedNodes).length === 0) delete group.pinnedNodes;
    }
  }
}

/** Runs a procedure over `config` on the model (config edits applied to `config`, syncs reviewed first). */
function run(model: AuristorModel, procedure: AuristorProcedure, config: Config, previous: readonly Manifest[], newKernel?: string): readonly Manifest[] {
  const context = { edit: (s: any) => config.edit(s), output: () => config.output(), previous, newKernel };
  runProcedure(model, procedure, context);
  return context.previous;
}

const problems = (model: AuristorModel) => [...model.crashes, ...model.stuck, ...model.early, ...model.failed];

describe('N1 kmm: drains', () => {
  it('N1 kmm: a cordoned node keeps yfs, its ready label and its CSI node plugin', () => {
    const model = running(PHASED_NODES, manifestsOf(phased('kmm')));
    model.drain('cpu03');
    const node = model.node('cpu03');
    // KMM v2.6.0 internal/node/node.go IsNodeSchedulable with the Module's tolerations; Kubernetes
    // daemonset_util.go AddOrUpdateDaemonPodTolerations (the cordon) for the CSI DaemonSet
    expect(node.yfs).toBeDefined();
    expect(node.labels[READY('auristorfs-group-2')]).toBe('');
    expect([...node.csi.values()]).toEqual(['running']);
    expect(node.workloads).toBe(0);
    expect(problems(model)).toEqual([]);
  });

  it('N1 on today\'s output: the drain deadlocks (KMM drops the ready label, the CSI pod goes, the pods cannot unmount)', () => {
    const model = running(PHASED_NODES, outputBefore23('phased-kmm'));
    model.drain('cpu03');
    expect([...model.stuck]).toEqual(['cpu03: 2 pod(s) stay Terminating: no registered CSI plugin to unmount their volumes']);
    expect([...model.crashes]).toEqual(['cpu03: KMM unloader unloads yfs while 2 pod(s) mount AuriStorFS and the cache manager runs']);
  });

  it('N1 kmm: the CSI node plugin is selected by the group only and waits for yfs (phased and generated kmm configs)', () => {
    const outputs = [manifestsOf(phased('kmm')), ...generatedAuristorConfigs(60, 2312, 'kmm').map((c) => c.manifests)];
    expect(outputs.length).toBeGreaterThan(5);
    for (const output of outputs) {
      for (const ds of output.filter((m) => m.kind === 'DaemonSet' && m.metadata.name === 'auristorfs-csi-node')) {
        expect(Object.keys(ds.spec.template.spec.nodeSelector).filter((k) => k.endsWith('.ready'))).toEqual([]);
        expect(ds.spec.template.spec.initContainers.map((c: any) => c.name)).toEqual(['wait-for-kmod']);
      }
      for (const module of output.filter((m) => m.kind === 'Module')) {
        expect(module.spec.tolerations.slice(0, 3).map((t: any) => t.key)).toEqual(['node.kubernetes.io/unschedulable', 'node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']);
      }
    }
    const before = outputBefore23('phased-kmm').find((m) => m.kind === 'DaemonSet' && m.metadata.name === 'auristorfs-csi-node')!;
    expect(Object.keys(before.spec.template.spec.nodeSelector)).toContain(READY('auristorfs-group-1'));
  });

  it('N1 kmm: the documented per-node upgrade completes with no crash and no stuck pod (phased example)', () => {
    const config = new Config(YAML.parse(phased('kmm')), '2021.05-20');
    const first = config.output();
    const model = running(PHASED_NODES, first);
    const group2 = auristorGroupFacts(first).find((g) => g.name === 'group-2')!;
    const procedure = groupUpgradeProcedure(group2, '2021.05-20', { pinFirst: true });
    run(model, procedure, config, first);
    expect(problems(model)).toEqual([]);
    for (const node of ['cpu03', 'cpu04']) {
      expect(model.node(node).yfs).toMatch(/auristor-kmod-2021\.05-20:/);
      expect(model.versionReady(node, 'auristorfs-group-2')).toBe('2021.05-20');
      expect([...model.node(node).csi.values()]).toEqual(['running']);
    }
    // the other group's nodes kept their module and their pods throughout
    expect([model.node('cpu01').workloads, model.node('cpu01').yfs]).toEqual([2, expect.stringMatching(/2021\.05-20:4\.18\.0-372/)]);
    expect(config.doc.auristor.groups[1].pinnedNodes).toBeUndefined();
  });

  it('N1 kmm: the per-node upgrade of every node-list group of generated kmm configs completes cleanly', () => {
    const configs = generatedAuristorConfigs(80, 2313, 'kmm');
    let groups = 0;
    for (const generated of configs) {
      const config = new Config(structuredClone(generated.config), '2021.05-21');
      let previous = generated.manifests;
      const model = running(listedNodes(generated.config), previous);
      for (const facts of auristorGroupFacts(previous).filter((g) => g.nodes.length > 0)) {
        previous = run(model, groupUpgradeProcedure(facts, undefined, { pinFirst: true }), config, previous);
        groups += 1;
        for (const node of facts.nodes) expect(model.node(node).yfs, `${generated.id} ${node}`).toMatch(/auristor-kmod-2021\.05-21:/);
      }
      expect(problems(model), generated.id).toEqual([]);
    }
    expect(groups).toBeGreaterThan(5);
  });

  it('N1 mutation: the procedure without the drain crashes; unpin before drain crashes', () => {
    const start = () => {
      const config = new Config(YAML.parse(phased('kmm')), '2021.05-20');
      const first = config.output();
      const facts = auristorGroupFacts(first).find((g) => g.name === 'group-2')!;
      return { config, first, model: running(PHASED_NODES, first), procedure: groupUpgradeProcedure(facts, '2021.05-20', { pinFirst: true }) };
    };
    const withoutDrain = start();
    run(withoutDrain.model, { ...withoutDrain.procedure, steps: withoutDrain.procedure.steps.filter((s) => s.kind !== 'drain') }, withoutDrain.config, withoutDrain.first);
    expect([...withoutDrain.model.crashes][0]).toMatch(/^cpu03: KMM unloader unloads yfs while 2 pod\(s\) mount AuriStorFS/);

    const early = start();
    const steps = [...early.procedure.steps];
    // move cpu03's unpin and its sync before its drain
    const at = steps.findIndex((s) => s.kind === 'edit' && s.edit.type === 'unpin');
    const moved = steps.splice(at, 2);
    steps.splice(steps.findIndex((s) => s.kind === 'drain'), 0, ...moved);
    run(early.model, { ...early.procedure, steps }, early.config, early.first);
    expect([...early.model.crashes][0]).toMatch(/^cpu03: KMM unloader unloads yfs while 2 pod\(s\) mount AuriStorFS/);
  });
});

describe('N11 kmm/static: a fast reboot', () => {
  it.each(['kmm', 'static'] as const)('N11 %s: after a reboot the CSI plugin registers only once yfs is loaded, and the documented maintenance passes', (delivery) => {
    const output = manifestsOf(phased(delivery));
    const model = running(PHASED_NODES, output);
    const facts = auristorGroupFacts(output).find((g) => g.name === 'group-2')!;
    if (delivery === 'static') for (const n of model.nodes.values()) n.afsd = true;
    runProcedure(model, nodeMaintenanceProcedure(facts, 'cpu03'), { edit: () => {}, output: () => output, previous: output });
    expect(problems(model)).toEqual([]);
    expect(model.node('cpu03').bootId).toBe(2);
    expect([...model.node('cpu03').csi.values()]).toEqual(['running']);
  });

  it('N11 on today\'s kmm output: the CSI plugin starts before KMM reloads yfs', () => {
    const model = running(PHASED_NODES, outputBefore23('phased-kmm'));
    model.reboot('cpu04');
    expect([...model.early]).toEqual(['cpu04: after the reboot the CSI node plugin registers before yfs is loaded']);
  });
});

describe('N9 kmm: a pinned node on a new kernel', () => {
  it('N9 model: a pinned node rebooted into a new kernel has no yfs; the documented recovery restores it', () => {
    const NEW_KERNEL = '4.18.0-305.65.1.el8_4.x86_64';
    const config = new Config(YAML.parse(phased('kmm', (s) => {
      s.groups[1].kmodVersion = '2021.05-20';
      s.groups[1].pinnedNodes = { cpu03: '2021.05-15', cpu04: '2021.05-15' };
      s.groups[1].kernels.push(NEW_KERNEL);
    })));
    // cpu03 ran 2021.05-15 before the pinned bump
    const model = running(PHASED_NODES, manifestsOf(phased('kmm', (s) => { s.groups[1].kernels.push(NEW_KERNEL); })));
    let previous = config.output();
    model.sync(previous);
    model.drain('cpu03');
    model.node('cpu03').afsd = false;
    model.reboot('cpu03', NEW_KERNEL);
    // KMM v2.6.0 prepareNodeSchedulingData keeps the old config (old kernel) for a pinned node: modprobe for the new kernel fails
    expect(model.node('cpu03').yfs).toBeUndefined();
    const facts = auristorGroupFacts(previous).find((g) => g.name === 'group-2')!;
    previous = run(model, pinnedNodeRecovery(facts, 'cpu03'), config, previous);
    expect(problems(model)).toEqual([]);
    expect(model.node('cpu03').yfs).toBe(`registry.example.com/auristorfs-kmm/auristor-kmod-2021.05-20:${NEW_KERNEL}`);
    expect(model.versionReady('cpu03', 'auristorfs-group-2')).toBe('2021.05-20');
  });
});

describe('N7 the classifier agrees with the model', () => {
  /** One edit of the phased kmm config (as data); it may make the config invalid (then skipped). */
  const edits: Array<[string, (s: any, n: number) => void]> = [
    ['bump the kmod version with every node pinned to what it runs', (s, n) => {
      const g = s.groups[n % 2];
      const version = g.kmmRevision ? `${g.kmodVersion}-r${g.kmmRevision}` : g.kmodVersion;
      g.pinnedNodes = Object.fromEntries(g.nodes.map((node: string) => [node, g.pinnedNodes?.[node] ?? version]));
      g.kmodVersion = `2021.05-${40 + n}`;
    }],
    ['pin a node to an old version', (s, n) => { const g = s.groups[n % 2]; g.pinnedNodes = { ...g.pinnedNodes, [g.nodes[g.nodes.length - 1]]: '2021.05-9' }; }],
    ['unpin a node', (s, n) => { const g = s.groups[n % 2]; const pinned = Object.keys(g.pinnedNodes ?? {}); if (pinned.length) { delete g.pinnedNodes[pinned[0]]; if (!Object.keys(g.pinnedNodes).length) delete g.pinnedNodes; } }],
    ['bump the kmod version', (s, n) => { const g = s.groups[n % 2]; g.kmodVersion = `2021.05-${30 + n}`; }],
    ['bump kmmRevision', (s, n) => { const g = s.groups[n % 2]; g.kmmRevision = (g.kmmRevision ?? 0) + 1; }],
    ['toggle the pull policy', (s) => { s.imagePullPolicy = s.imagePullPolicy === 'Always' ? 'IfNotPresent' : 'Always'; }],
    ['move the KMM registry', (s, n) => { s.kmm.registry = `registry${n % 3}.example.com/auristorfs-kmm`; }],
    ['toggle tolerations', (s) => { s.tolerations = s.tolerations?.length ? [] : [{ key: 'dedicated', value: 'storage', effect: 'NoSchedule' }]; }],
    ['move a node to the other group', (s, n) => {
      const [from, to] = n % 2 ? [s.groups[0], s.groups[1]] : [s.groups[1], s.groups[0]];
      if (from.nodes.length < 2) return;
      const node = from.nodes.pop();
      delete from.pinnedNodes?.[node];
      to.nodes.push(node);
      // the node keeps its kernel: the group it joins must map it (a node without a mapping has nothing to reload)
      const kernel = PHASED_NODES.find((p) => p.name === node)!.kernel;
      if (!to.kernels.includes(kernel)) to.kernels.push(kernel);
    }],
    // once: after kmm -> static the KMM Module stays (Prune=false) with its unloader retrying under the static kmod,
    // which the model does not follow further (the review calls any switch dangerous)
    ['switch delivery to static', (s) => { s.delivery = 'static'; }],
  ];

  it('N7 classifier agrees with the model: random edit sequences, dangerous exactly when the model unloads or reloads yfs at the sync', () => {
    let checked = 0;
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: edits.length - 1 }), fc.nat(9)), { minLength: 3, maxLength: 8 }), (sequence) => {
      const doc = YAML.parse(phased('kmm'));
      let previous = manifestsOf(YAML.stringify(doc));
      const model = new AuristorModel(PHASED_NODES);
      model.sync(previous);
      model.takeReloads();
      let pinnedToUnknown = false;
      for (const [index, n] of sequence) {
        const candidate = structuredClone(doc);
        edits[index][1](candidate.auristor, n);
        let next: readonly Manifest[];
        try {
          next = manifestsOf(YAML.stringify(candidate));
        } catch {
          continue; // the rulebook refuses this config (e.g. a pin equal to the Module's version)
        }
        Object.assign(doc, candidate);
        const review = reviewChanges(previous, next);
        model.sync(next);
        const reloads = model.takeReloads();
        const dangerous = review.findings.filter((f) => f.rule === 'kmod-removed-or-replaced');
        const why = `${edits[index][0]}: review ${dangerous.map((f) => f.title).join('; ') || 'not dangerous'}; model ${reloads.join('; ') || 'no reload'}`;
        // a node once pinned to a version the Module never had runs nothing, which two outputs cannot show: from then
        // on the review may call a label move dangerous that only loads (the model knows); it never misses one
        if (reloads.length > 0 || !pinnedToUnknown) expect(dangerous.length > 0, why).toBe(reloads.length > 0);
        if (edits[index][0] === 'pin a node to an old version') pinnedToUnknown = true;
        previous = next;
        checked += 1;
      }
    }), { numRuns: 30, seed: 2323 });
    expect(checked).toBeGreaterThan(80);
  });
});
