/**
 * Issue #23 N3 (placement), N4 (CSI control plane), N5 (SRO 4.9/4.10 with two groups), N10 (PLAN.md per mode) and
 * the first synth over the output of main before #23 (test/auristor/fixtures/before-23). Each finding's test also
 * shows the defect on that output.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../../lib/k8s/manifest';
import { reviewChanges } from '../../../lib/review/change-review';
import { STATIC, generatedAuristorConfigs, outputBefore23, phased } from '../../support/auristor-ops';
import { ROOT, runCli, tempDir, writeConfig } from '../../support/cli';
import { manifestsOf, planOf } from '../../support/synth';

type Labels = Readonly<Record<string, string>>;
type Requirement = { key: string; operator?: string; values?: string[] };

/** Kubernetes `pkg/apis/core/v1/helper` MatchNodeSelectorTerms: any term, every requirement of it. */
function matchesTerms(terms: ReadonlyArray<{ matchExpressions?: Requirement[]; matchLabelExpressions?: Requirement[] }>, labels: Labels): boolean {
  return terms.some((term) => [...(term.matchExpressions ?? []), ...(term.matchLabelExpressions ?? [])].every((r) => {
    const has = Object.prototype.hasOwnProperty.call(labels, r.key);
    switch (r.operator ?? 'In') { // a topology selector's requirement is `In` (MatchTopologySelectorTerms)
      case 'In': return has && r.values!.includes(labels[r.key]);
      case 'NotIn': return !has || !r.values!.includes(labels[r.key]);
      case 'Exists': return has;
      case 'DoesNotExist': return !has;
      default: throw new Error(`operator ${r.operator}`);
    }
  }));
}

/** Whether a StorageClass admits a node (no `allowedTopologies`: every node; volumebinding checkVolumeProvisions). */
const storageClassAdmits = (sc: Manifest, labels: Labels) => sc.allowedTopologies === undefined || matchesTerms(sc.allowedTopologies, labels);
/** Whether a PersistentVolume admits a node (no node affinity: every node; volumebinding CheckNodeAffinity). */
const pvAdmits = (pv: Manifest, labels: Labels) => pv.spec.nodeAffinity === undefined || matchesTerms(pv.spec.nodeAffinity.required.nodeSelectorTerms, labels);

const ofKind = (output: readonly Manifest[], kind: string) => output.filter((m) => m.kind === kind);
const GROUP = 'auristor.com/auristorfs-group';
const OUTSIDE: Labels = { 'kubernetes.io/hostname': 'gpu01' };

const withPv = (delivery: 'sro' | 'kmm' | 'static') => phased(delivery, (s) => {
  s.persistentVolumes = [{ name: 'auristorfs-data', cell: 'auristor.com', volume: 'data', claim: { namespace: 'web', name: 'data' } }];
});

describe('N3 placement: pods using AuriStorFS run on client nodes only', () => {
  it.each(['sro', 'kmm', 'static'] as const)('N3 %s: StorageClasses admit only client nodes', (delivery) => {
    const classes = ofKind(manifestsOf(phased(delivery)), 'StorageClass');
    expect(classes.length).toBe(2);
    for (const sc of classes) {
      for (const group of ['group-1', 'group-2']) expect(storageClassAdmits(sc, { [GROUP]: group }), `${sc.metadata.name} ${group}`).toBe(true);
      expect(storageClassAdmits(sc, OUTSIDE), sc.metadata.name).toBe(false);
    }
  });

  it('N3 on today\'s output: the StorageClasses admit every node', () => {
    const classes = ofKind(outputBefore23('phased-sro'), 'StorageClass');
    expect(classes.length).toBe(2);
    for (const sc of classes) expect(storageClassAdmits(sc, OUTSIDE)).toBe(true);
  });

  it('N3 static PVs require a client node: node-list group (Exists) and selector group (node-role.kubernetes.io/compute: "")', () => {
    const [listed] = ofKind(manifestsOf(withPv('static')), 'PersistentVolume');
    expect(pvAdmits(listed, { [GROUP]: 'group-2' })).toBe(true);
    expect(pvAdmits(listed, OUTSIDE)).toBe(false);
    const [selected] = ofKind(manifestsOf(STATIC), 'PersistentVolume');
    expect(pvAdmits(selected, { 'node-role.kubernetes.io/compute': '' })).toBe(true);
    expect(pvAdmits(selected, { 'node-role.kubernetes.io/worker': '' })).toBe(false);
    // today's: no node affinity, every node
    const [before] = ofKind(outputBefore23('auristor-static'), 'PersistentVolume');
    expect(pvAdmits(before, OUTSIDE)).toBe(true);
  });

  it('N3 PV nodeAffinity is unchanged when a node-list group is added, and the review sees no recreation', () => {
    const before = manifestsOf(withPv('static'));
    const doc = YAML.parse(withPv('static'));
    doc.auristor.groups.push({ ...doc.auristor.groups[1], name: 'group-3', nodes: ['cpu05'] });
    const after = manifestsOf(YAML.stringify(doc));
    const pv = (output: readonly Manifest[]) => ofKind(output, 'PersistentVolume')[0].spec.nodeAffinity;
    expect(pv(after)).toEqual(pv(before));
    expect(pvAdmits(ofKind(after, 'PersistentVolume')[0], { [GROUP]: 'group-3' })).toBe(true);
    expect(reviewChanges(before, after).findings.filter((f) => f.severity === 'recreate')).toEqual([]);
  });

  it('N3 adding nodeAffinity to an existing PV is in place; changing it needs recreation', () => {
    // Kubernetes ValidatePersistentVolumeUpdate: nodeAffinity may go from nil to set (1.28 validation.go), not change
    const added = reviewChanges(outputBefore23('auristor-static'), manifestsOf(STATIC));
    expect(added.findings.filter((f) => f.severity === 'recreate' || f.severity === 'dangerous')).toEqual([]);
    const moved = manifestsOf(STATIC.replace('node-role.kubernetes.io/compute: ""', 'node-role.kubernetes.io/storage: ""'));
    const changed = reviewChanges(manifestsOf(STATIC), moved);
    expect(changed.findings.filter((f) => f.severity === 'recreate').flatMap((f) => f.objects)).toContain('PersistentVolume auristorfs-k8s-demo');
  });

  it('N3 PLAN\'s workload affinity block parses and selects exactly the client nodes', () => {
    for (const text of [phased('kmm'), STATIC]) {
      const plan = planOf(text);
      const block = /### Where pods using AuriStorFS run[\s\S]*?```yaml\n([\s\S]*?)```/.exec(plan)?.[1];
      expect(block).toBeDefined();
      const terms = YAML.parse(block!).affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms;
      const client: Labels = text === STATIC ? { 'node-role.kubernetes.io/compute': '' } : { [GROUP]: 'group-1' };
      expect(matchesTerms(terms, client)).toBe(true);
      expect(matchesTerms(terms, OUTSIDE)).toBe(false);
    }
  });

  it('N3 generated configs: every StorageClass and PV admits each group\'s nodes and rejects a non-group node', () => {
    let checked = 0;
    for (const { id, config, manifests } of generatedAuristorConfigs(60, 2323)) {
      const groupLabels = (config.auristor.groups as any[]).map((g) => (g.nodeSelector ? { ...g.nodeSelector } : { [GROUP]: g.name }));
      const auristor = [...ofKind(manifests, 'StorageClass'), ...ofKind(manifests, 'PersistentVolume')]
        .filter((m) => (m.provisioner ?? m.spec?.csi?.driver) === 'auristorfs.csi.auristor.com');
      for (const object of auristor) {
        const admits = object.kind === 'StorageClass' ? storageClassAdmits : pvAdmits;
        for (const labels of groupLabels) expect(admits(object, labels), `${id} ${object.metadata.name} ${JSON.stringify(labels)}`).toBe(true);
        expect(admits(object, OUTSIDE), `${id} ${object.metadata.name}`).toBe(false);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(5);
  });
});

describe('N4 the CSI control plane survives one node', () => {
  const controller = (output: readonly Manifest[]) => output.find((m) => m.metadata.name === 'auristorfs-csi-controller' && ['Deployment', 'StatefulSet'].includes(m.kind))!;
  const volumeManager = (output: readonly Manifest[]) => output.find((m) => m.metadata.name === 'auristorfs-api' && ['Deployment', 'StatefulSet'].includes(m.kind))!;
  const args = (workload: Manifest, container: string) => workload.spec.template.spec.containers.find((c: any) => c.name === container)?.args ?? [];

  it.each(['kmm', 'static'] as const)('N4 %s: the controller is a 2-replica Deployment whose sidecars elect a leader', (delivery) => {
    const output = manifestsOf(phased(delivery));
    const c = controller(output);
    expect([c.kind, c.spec.replicas]).toEqual(['Deployment', 2]);
    // external-attacher / external-provisioner: --leader-election takes a Lease in the pod's namespace
    for (const sidecar of ['csi-attacher', 'csi-provisioner']) expect(args(c, sidecar), sidecar).toContain('--leader-election');
    const leases = ofKind(output, 'Role').filter((r) => r.metadata.namespace === c.metadata.namespace
      && r.rules.some((rule: any) => rule.apiGroups.includes('coordination.k8s.io') && rule.resources.includes('leases')));
    expect(leases.length).toBeGreaterThan(0);
    for (const role of leases) {
      const verbs = role.rules.find((rule: any) => rule.resources.includes('leases')).verbs;
      expect(verbs).toEqual(expect.arrayContaining(['create', 'get', 'update']));
      const binding = ofKind(output, 'RoleBinding').find((b) => b.roleRef.name === role.metadata.name && b.metadata.namespace === role.metadata.namespace);
      expect(binding?.subjects.map((s: any) => s.name)).toContain(c.spec.template.spec.serviceAccountName);
    }
    expect(c.spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey).toBe('kubernetes.io/hostname');
  });

  it.each(['kmm', 'static'] as const)('N4 %s: the volume manager is a Recreate Deployment that leaves an unreachable node after 30 s', (delivery) => {
    const vm = volumeManager(manifestsOf(phased(delivery)));
    expect([vm.kind, vm.spec.replicas, vm.spec.strategy.type]).toEqual(['Deployment', 1, 'Recreate']);
    // taint manager (pkg/controller/tainteviction): a pod tolerating the NoExecute taint for N s is evicted after N s,
    // and the ReplicaSet replaces it; a StatefulSet pod is not replaced until the node is gone or the pod force-deleted
    for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
      expect(vm.spec.template.spec.tolerations).toContainEqual({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 });
    }
  });

  it.each(['phased-kmm', 'phased-static', 'auristor-static'] as const)('N4 on today\'s output (%s): single-replica StatefulSets without leader election', (name) => {
    const before = outputBefore23(name);
    const c = controller(before);
    expect([c.kind, c.spec.replicas]).toEqual(['StatefulSet', 1]);
    expect(args(c, 'csi-attacher')).not.toContain('--leader-election');
    expect(volumeManager(before).kind).toBe('StatefulSet');
  });

  it('N4 docs give the SRO out-of-service recovery', () => {
    const docs = fs.readFileSync(path.join(ROOT, 'docs', 'auristor.md'), 'utf8');
    expect(docs).toContain('kubectl taint node cpu01 node.kubernetes.io/out-of-service=nodeshutdown:NoExecute\n');
    expect(docs).toContain('kubectl taint node cpu01 node.kubernetes.io/out-of-service=nodeshutdown:NoExecute-\n');
  });
});

describe('N5 SRO 4.9 and 4.10 cannot serve two groups', () => {
  const synth = (edit: (section: any) => void) => {
    const dir = tempDir();
    const out = path.join(dir, 'dist');
    const result = runCli([writeConfig(dir, phased('sro', edit)), '--out', out]);
    return { ...result, written: fs.existsSync(out) };
  };

  it.each(['4.9', '4.10'])('N5 sro %s refuses a second group at groups[1].name with the workaround (CLI, exit 1, nothing written)', (version) => {
    const result = synth((s) => { s.sro.version = version; });
    expect(result.code).toBe(1);
    expect(result.written).toBe(false);
    expect(result.stderr).toMatch(new RegExp(`cluster\\.yaml:\\d+:\\d+: auristor\\.groups\\[1\\]\\.name: SRO ${version.replace('.', '\\.')} keeps one node list for every SpecialResource`));
    expect(result.stderr).toContain('Use SRO 4.11 or later (sro.version: "4.11"), one group, or delivery static');
  });

  it('N5 4.11 accepts two groups; sro.version is required with two groups; an unquoted 4.10 gets the quote hint', () => {
    expect(synth(() => {}).code).toBe(0);
    const missing = synth((s) => { delete s.sro; });
    expect([missing.code, missing.written]).toEqual([1, false]);
    expect(missing.stderr).toMatch(/auristor\.groups\[1\]\.name: with two or more groups, say which SRO release runs/);
    const number = synth((s) => { s.sro.version = 4.10; });
    expect(number.stderr).toMatch(/auristor\.sro\.version: YAML reads 4\.1 as a number; quote the SRO release \("4\.10"\)/);
  });

  it('N5 on today\'s output: the phased example emits two SpecialResources, with no SRO release to check', () => {
    expect(ofKind(outputBefore23('phased-sro'), 'SpecialResource').length).toBe(2);
  });
});

describe('N10 PLAN.md per mode', () => {
  // main before #23, lib/report/plan.ts: one line for every delivery, wrong for sro (D2) and kmm (N1)
  const GENERIC = 'Before a group\'s kmod changes, drain pods using AuriStorFS volumes from its nodes first';

  it.each(['sro', 'kmm', 'static'] as const)('N10 %s: the delivery\'s procedure, no generic drain-first line', (delivery) => {
    const plan = planOf(phased(delivery));
    expect(plan).not.toContain(GENERIC);
    expect(plan).toContain(`How the kmod changes on a node (\`${delivery}\` delivery)`);
    expect(plan).toContain(`#### upgrade AuriStorFS group group-1 node by node (${delivery}:`);
  });

  it('N10 kmm: the node table shows KMM version labels, pinned nodes and their versions; each unpin comes after that node\'s drain', () => {
    const plan = planOf(phased('kmm', (s) => { s.groups[1].pinnedNodes = { cpu03: '2021.05-10' }; }));
    expect(plan).toContain('`kmm.node.kubernetes.io/version-module.auristorfs-group-2.auristorfs-kmod=2021.05-10`');
    expect(plan).toContain('| `cpu03` | group-2 | `2021.05-10` | `2021.05-15` | no kernel or OS update until unpinned |');
    const drained: string[] = [];
    for (const line of plan.split('\n')) {
      const drain = /^\d+\. Drain (\S+):/.exec(line);
      if (drain) drained.push(drain[1]);
      const unpin = /^\d+\. In the config, remove (\S+) from pinnedNodes/.exec(line);
      if (unpin) expect(drained, line).toContain(unpin[1]);
    }
    // only the pinned node of group-2 is upgraded; cpu04 already runs the Module's version
    expect(plan).not.toContain('remove cpu04 from pinnedNodes');
  });

  it('N10 static: the keytabHostPath directory is on the host checklist', () => {
    expect(planOf(STATIC)).toContain('- [ ] the directory `/etc/yfs-keytabs` with the node\'s keytabs on every AuriStorFS node (a hostPath of type Directory');
  });

  it('N10 static OnDelete: the review\'s runbook for a kmod bump restarts the CSI node pod after the kmod pod', () => {
    const before = manifestsOf(phased('static'));
    const after = manifestsOf(phased('static', (s) => { s.groups[1].kmodVersion = '2021.05-20'; }));
    const text = JSON.stringify(reviewChanges(before, after).runbooks);
    const kmod = text.indexOf('--field-selector spec.nodeName=cpu03');
    const csi = text.indexOf('-l app=auristorfs-csi-node --field-selector spec.nodeName=cpu03');
    expect(kmod).toBeGreaterThan(-1);
    expect(csi).toBeGreaterThan(kmod);
  });
});

describe('first synth over the output of main before #23', () => {
  it.each([
    ['phased-sro', () => phased('sro')], ['phased-kmm', () => phased('kmm')], ['phased-static', () => phased('static')], ['auristor-static', () => STATIC],
  ] as const)('%s: not dangerous, nothing recreated, and the notes name the old StatefulSets to delete', (name, text) => {
    const review = reviewChanges(outputBefore23(name), manifestsOf(text()));
    expect(review.findings.filter((f) => f.severity === 'dangerous' || f.severity === 'recreate').map((f) => f.title)).toEqual([]);
    const moved = review.findings.filter((f) => f.rule === 'auristor-controller-to-deployment');
    if (name === 'phased-sro') {
      expect(moved).toEqual([]);
    } else {
      expect(moved.flatMap((f) => f.objects)).toEqual(['apps/StatefulSet auristorfs-csi/auristorfs-api', 'apps/StatefulSet auristorfs-csi/auristorfs-csi-controller']);
      expect(JSON.stringify(review.runbooks)).toContain('kubectl delete statefulset -n auristorfs-csi');
    }
  });
});

describe('N1 and N6 wording: review and docs follow the per-mode procedure', () => {
  const DOCS = fs.readFileSync(path.join(ROOT, 'docs', 'auristor.md'), 'utf8');

  it('N1 review: kmm advice for an unpin is drain → (sync) → uncordon, and never says KMM unloads on a cordoned node', () => {
    const pinned = (pins: Record<string, string>) => manifestsOf(phased('kmm', (s) => { s.groups[1].kmodVersion = '2021.05-20'; s.groups[1].pinnedNodes = pins; }));
    const review = reviewChanges(pinned({ cpu03: '2021.05-15', cpu04: '2021.05-15' }), pinned({ cpu04: '2021.05-15' }));
    const [finding] = review.findings.filter((f) => f.severity === 'dangerous');
    expect(finding.objects).toEqual(['Node cpu03']);
    const action = finding.action;
    const at = (text: string) => action.indexOf(text);
    expect(at('drain cpu03')).toBeGreaterThan(-1);
    expect(at('--allow-dangerous')).toBeGreaterThan(at('drain cpu03'));
    expect(at('kubectl uncordon cpu03')).toBeGreaterThan(at('--allow-dangerous'));
    // main before #23, lib/review/rules/kmod-replaced.ts: "drain it (KMM unloads yfs on a cordoned node ...)"
    expect(JSON.stringify(review)).not.toMatch(/unloads yfs on a cordoned node/);
  });

  it('N1 docs: the kmm drain keeps yfs and the CSI plugin; no "so the CSI node pod leaves"', () => {
    expect(DOCS).not.toContain('so the CSI node pod leaves');
    expect(DOCS).toContain('A drain changes nothing of that: the Module tolerates the\ncordon.');
  });

  it('N6 docs: SRO applies the CSI version after the last driver-container pod, so csiVersion is its own commit', () => {
    // main before #23 docs step 1: the sync "rolls the chart's CSI node DaemonSet to a new csiVersion"
    expect(DOCS).not.toMatch(/rolls the chart's CSI node DaemonSet to a new `csiVersion`/);
    expect(DOCS).toContain('3. Then commit the new `csiVersion`. SRO applies the chart\'s states in order and waits in the kmod state until every\n   driver-container pod runs the current template');
  });
});
