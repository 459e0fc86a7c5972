import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChangeReview, REVIEW_RULES, Verdict, formatChangeReview, reviewChanges } from '../../lib/review/change-review';
import { objectsOfOutputs } from '../../lib/output/planned-output';
import { Manifest } from '../../lib/k8s/manifest';
import { REFERENCE, edit, outputObjects, withExternalLB, withLocalPV, withNode13 } from '../support/gitops';
import { synthConfig } from '../support/synth';
import { EXAMPLES } from '../support/cli';

const BEFORE = outputObjects(REFERENCE);

/** Review of the reference output against the output of an edited config. */
const reviewConfig = (config: string, before: Manifest[] = BEFORE) => reviewChanges(before, outputObjects(config));

/** `Kind namespace/name` -> verdict, for every changed object. */
const verdicts = (review: ChangeReview): Record<string, Verdict> => Object.fromEntries(review.changes.map((c) => [c.object, c.verdict]));
const rules = (review: ChangeReview, severity: string) => review.findings.filter((f) => f.severity === severity).map((f) => f.rule);
const finding = (review: ChangeReview, rule: string) => {
  const found = review.findings.find((f) => f.rule === rule);
  if (!found) throw new Error(`no ${rule} finding among ${review.findings.map((f) => f.rule).join(', ') || 'none'}`);
  return found;
};

/** A copy of `manifests` in which `change` edited one object (a deep copy of it). */
function changed(manifests: readonly Manifest[], kind: string, name: string, change: (m: any) => void): Manifest[] {
  let hit = false;
  const result = manifests.map((m) => {
    if (m.kind !== kind || m.metadata.name !== name) return m;
    hit = true;
    const copy = structuredClone(m);
    change(copy);
    return copy;
  });
  if (!hit) throw new Error(`no ${kind} ${name} to change`);
  return result;
}

const without = (manifests: readonly Manifest[], kind: string, name: string) => {
  const result = manifests.filter((m) => !(m.kind === kind && m.metadata.name === name));
  if (result.length === manifests.length) throw new Error(`no ${kind} ${name} to remove`);
  return result;
};

describe('change review on config edits of the reference example', () => {
  it('adding a node is an in-place change: a Node added, the StatefulSets scaled; the proxies (OnDelete) do not roll for -ntargets', () => {
    const review = reviewConfig(withNode13(REFERENCE));
    expect(review.dangerous).toBe(false);
    expect(review.findings.map((f) => f.title)).toEqual([
      'StatefulSet ais/demo-proxy: new pod template, applied only to pods you delete (updateStrategy OnDelete)',
      'StatefulSet ais/demo-proxy-primary: new pod template, applied only to pods you delete (updateStrategy OnDelete)',
    ]);
    expect(review.runbooks.map((r) => r.title)).toEqual(['add target node cpu13 (demo-target 12 → 13); add proxy node cpu13 (AIS cluster demo, namespace ais)']);
    // -ntargets is read only by a primary that starts a new cluster (aistore ais/earlystart.go primaryStartup): no proxy restarts
    expect(review.runbooks[0].steps.some((s) => s.id === 'roll-proxies')).toBe(false);
    expect(verdicts(review)).toEqual({
      'Node cpu13': 'added',
      'StatefulSet ais/demo-proxy': 'in-place',
      'StatefulSet ais/demo-proxy-primary': 'in-place',
      'StatefulSet ais/demo-target': 'in-place',
    });
    expect(review.changes.find((c) => c.object === 'StatefulSet ais/demo-target')!.paths).toEqual(['spec.replicas']);
  });

  it('removing a mountpath is dangerous, on the target StatefulSet and its config', () => {
    const review = reviewConfig(edit(REFERENCE, ', /ais/sdj]', ']'));
    expect(review.dangerous).toBe(true);
    expect(rules(review, 'dangerous')).toEqual(['mountpath-removed']);
    expect(verdicts(review)).toEqual({ 'ConfigMap ais/demo-target': 'dangerous', 'StatefulSet ais/demo-target': 'dangerous' });
    const found = finding(review, 'mountpath-removed');
    expect(found.title).toBe('mountpath /ais/sdj removed from the targets of AIS cluster demo (namespace ais) (ConfigMap ais/demo-target, StatefulSet ais/demo-target)');
    expect(found.action).toContain('ais storage mountpath detach TARGET_ID=/ais/sdj');
    expect(rules(review, 'note')).toEqual(['on-delete-restart']);
  });

  it('renaming a mountpath removes the old one: dangerous', () => {
    const review = reviewConfig(edit(REFERENCE, '/ais/sdj]', '/ais/sdk]'));
    expect(review.findings.filter((f) => f.severity === 'dangerous').map((f) => f.title))
      .toEqual(['mountpath /ais/sdj removed from the targets of AIS cluster demo (namespace ais) (ConfigMap ais/demo-target, StatefulSet ais/demo-target)']);
  });

  it('adding a mountpath is in place; targets pick it up when restarted one by one', () => {
    const review = reviewConfig(edit(REFERENCE, '/ais/sdj]', '/ais/sdj, /ais/sdk]'));
    expect(review.dangerous).toBe(false);
    expect(verdicts(review)).toEqual({ 'ConfigMap ais/demo-target': 'in-place', 'StatefulSet ais/demo-target': 'in-place' });
    expect(finding(review, 'on-delete-restart').action).toContain('demo-target-0, demo-target-1,');
    expect(finding(review, 'on-delete-restart').action).toContain('demo-target-11 (`kubectl delete pod demo-target-0 -n ais`');
  });

  it('renaming the release is dangerous: a second cluster beside the running one', () => {
    const review = reviewConfig(edit(REFERENCE, /^name: demo$/m, 'name: demo2'));
    expect(rules(review, 'dangerous')).toEqual(['release-or-namespace-renamed', 'ais-proxy-target-removed-or-replaced']);
    expect(finding(review, 'release-or-namespace-renamed').title).toBe('AIS cluster demo (namespace ais) renamed to AIS cluster demo2 (namespace ais)');
    expect(verdicts(review)['StatefulSet ais/demo-target']).toBe('dangerous');
    expect(verdicts(review)['StatefulSet ais/demo2-target']).toBe('dangerous');
  });

  it('moving the cluster to another namespace is dangerous too', () => {
    const review = reviewConfig(edit(REFERENCE, /^namespace: ais$/m, 'namespace: storage'));
    expect(finding(review, 'release-or-namespace-renamed').title).toBe('AIS cluster demo (namespace ais) renamed to AIS cluster demo (namespace storage)');
    expect(finding(review, 'retained-on-removal').title).toBe('Namespace ais leaves the output but stays in the cluster (Prune=false)');
  });

  it('taking a node out of the targets is dangerous: the highest ordinal goes, wherever it runs', () => {
    const config = edit(REFERENCE, /(targets:\n +nodes: \[[^\]]*), cpu12\]/, '$1]');
    const review = reviewConfig(config);
    expect(rules(review, 'dangerous')).toEqual(['target-scale-down']);
    const found = finding(review, 'target-scale-down');
    expect(found.title).toBe('StatefulSet ais/demo-target scales down from 12 to 11 targets');
    expect(found.consequence).toContain('Kubernetes deletes pod demo-target-11');
    expect(verdicts(review)['Node cpu12']).toBe('in-place'); // it keeps its proxy labels, loses the target label
  });

  it('a node removed from the config keeps its labels (Prune=false): the review says how to remove them', () => {
    const review = reviewConfig(edit(REFERENCE, /, cpu12\]/g, ']'));
    expect(finding(review, 'retained-on-removal').action)
      .toContain('(`kubectl label node cpu12 nvidia.com/ais-proxy- nvidia.com/ais-target-`)');
    expect(verdicts(review)['Node cpu12']).toBe('removed');
  });

  it('enabling per-target LoadBalancers on an existing cluster is dangerous', () => {
    const review = reviewConfig(withExternalLB(REFERENCE));
    expect(rules(review, 'dangerous')).toEqual(['external-lb-toggled']);
    expect(finding(review, 'external-lb-toggled').title).toBe('per-target LoadBalancers enabled on the existing AIS cluster demo (namespace ais) (externalLB)');
    expect(verdicts(review)['Service ais/demo-target-0']).toBe('dangerous');
    expect(verdicts(review)['Service ais/demo-target-11']).toBe('dangerous');
  });

  it('disabling them is dangerous; adding a node with them on is not a toggle', () => {
    const withLB = outputObjects(withExternalLB(REFERENCE));
    expect(finding(reviewConfig(edit(REFERENCE, '10.132.179.10-10.132.179.20', '10.132.179.10-10.132.179.40'), withLB), 'external-lb-toggled').title)
      .toBe('per-target LoadBalancers disabled on the existing AIS cluster demo (namespace ais) (externalLB)');
    const grown = reviewConfig(withNode13(withExternalLB(REFERENCE)), withLB);
    expect(grown.dangerous).toBe(false);
    expect(verdicts(grown)['Service ais/demo-target-12']).toBe('added');
  });

  it('moving the state directory is dangerous: nodes would start without their identity', () => {
    const review = reviewConfig(edit(REFERENCE, 'statePath: /etc/ais', 'statePath: /var/lib/ais'));
    expect(rules(review, 'dangerous')).toEqual(['state-directory-moved', 'state-directory-moved', 'state-directory-moved']);
    expect(review.findings.map((f) => f.title)).toContain(
      'StatefulSet ais/demo-target: AIS state directory on the host moves from /etc/ais/ais/demo/target to /var/lib/ais/ais/demo/target');
  });

  it('switching targets to local PVs needs a new StatefulSet (volumeClaimTemplates): a target object replaced, dangerous', () => {
    const review = reviewConfig(withLocalPV(REFERENCE));
    expect(rules(review, 'recreate')).toEqual(['statefulset-immutable-fields']);
    expect(finding(review, 'statefulset-immutable-fields').title).toBe('StatefulSet ais/demo-target: spec.volumeClaimTemplates cannot be changed in place');
    expect(finding(review, 'ais-proxy-target-removed-or-replaced').title).toBe('AIS proxy/target objects must be replaced: StatefulSet ais/demo-target');
    expect(verdicts(review)['StatefulSet ais/demo-target']).toBe('dangerous');
    expect(verdicts(review)['PersistentVolume demo-cpu01-ais-sda']).toBe('added');
  });

  it('nothing changed: nothing to review', () => {
    const review = reviewConfig(REFERENCE);
    expect(review).toEqual({ changes: [], findings: [], dangerous: false, unchanged: BEFORE.length, runbooks: [], changeId: '', kmodNotes: [] });
    expect(formatChangeReview(review)).toBe(`Change review: no changes (${BEFORE.length} objects unchanged).\n`);
  });
});

describe('needs-recreate rules (changes Kubernetes refuses to apply in place)', () => {
  const LOCAL = outputObjects(withLocalPV(REFERENCE));
  const LB = outputObjects(withExternalLB(REFERENCE));

  it('a StatefulSet serviceName or podManagementPolicy', () => {
    const review = reviewChanges(BEFORE, changed(BEFORE, 'StatefulSet', 'demo-proxy', (s) => { s.spec.podManagementPolicy = 'OrderedReady'; }));
    expect(finding(review, 'statefulset-immutable-fields').title).toBe('StatefulSet ais/demo-proxy: spec.podManagementPolicy cannot be changed in place');
    expect(finding(review, 'statefulset-immutable-fields').consequence).toContain("updates to statefulset spec for fields other than 'replicas'");
    // a proxy StatefulSet: replacing it is dangerous too
    expect(verdicts(review)).toEqual({ 'StatefulSet ais/demo-proxy': 'dangerous' });
  });

  it('a Service leaving headless, or becoming a LoadBalancer while headless', () => {
    const headless = changed(BEFORE, 'Service', 'demo-proxy', (s) => { delete s.spec.clusterIP; });
    expect(finding(reviewChanges(BEFORE, headless), 'service-immutable-fields').title).toBe('Service ais/demo-proxy: spec.clusterIP leaves None (headless) cannot be changed in place');
    const lb = changed(BEFORE, 'Service', 'demo-target', (s) => { s.spec.type = 'LoadBalancer'; });
    expect(finding(reviewChanges(BEFORE, lb), 'service-immutable-fields').consequence).toContain("may not be set to 'None' for LoadBalancer services");
  });

  it('a Service clusterIP or loadBalancerClass: needs recreate, not dangerous for the gateway', () => {
    const pinned = changed(BEFORE, 'Service', 'demo-proxy-lb', (s) => { s.spec.clusterIP = '10.96.0.10'; });
    expect(verdicts(reviewChanges(BEFORE, pinned))).toEqual({ 'Service ais/demo-proxy-lb': 'needs-recreate' });
    const withClass = changed(BEFORE, 'Service', 'demo-proxy-lb', (s) => { s.spec.loadBalancerClass = 'metallb.io/metallb'; });
    expect(finding(reviewChanges(BEFORE, withClass), 'service-immutable-fields').consequence).toContain('spec.loadBalancerClass: Invalid value: field is immutable');
    // ports and annotations change in place
    const ports = changed(BEFORE, 'Service', 'demo-proxy-lb', (s) => { s.spec.ports[0].port = 8080; });
    expect(verdicts(reviewChanges(BEFORE, ports))).toEqual({ 'Service ais/demo-proxy-lb': 'in-place' });
  });

  it('a PersistentVolume source; its capacity changes in place', () => {
    const moved = changed(LOCAL, 'PersistentVolume', 'demo-cpu01-ais-sda', (pv) => { pv.spec.local.path = '/mnt/sda'; });
    const review = reviewChanges(LOCAL, moved);
    expect(finding(review, 'persistentvolume-spec').title).toBe('PersistentVolume demo-cpu01-ais-sda: spec.local.path cannot be changed in place');
    expect(verdicts(review)).toEqual({ 'PersistentVolume demo-cpu01-ais-sda': 'needs-recreate' });
    const grown = changed(LOCAL, 'PersistentVolume', 'demo-cpu01-ais-sda', (pv) => { pv.spec.capacity.storage = '12Ti'; });
    expect(verdicts(reviewChanges(LOCAL, grown))).toEqual({ 'PersistentVolume demo-cpu01-ais-sda': 'in-place' });
  });

  it('a local StorageClass binding mode', () => {
    const review = reviewChanges(LOCAL, changed(LOCAL, 'StorageClass', 'demo-local', (sc) => { sc.volumeBindingMode = 'Immediate'; }));
    expect(finding(review, 'storageclass-fields').title).toBe('StorageClass demo-local: volumeBindingMode cannot be changed in place');
  });

  it('a RoleBinding roleRef', () => {
    const review = reviewChanges(LB, changed(LB, 'RoleBinding', 'demo-rb', (rb) => { rb.roleRef.name = 'other-role'; }));
    expect(finding(review, 'rolebinding-roleref').title).toBe('RoleBinding ais/demo-rb: roleRef.name cannot be changed in place');
  });

  const extra = (m: Manifest) => [...BEFORE, m];
  const job: Manifest = {
    apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'demo-cleanup', namespace: 'ais' },
    spec: { parallelism: 1, template: { spec: { containers: [{ name: 'c', image: 'busybox:1.36' }], restartPolicy: 'Never' } } },
  };

  it('a Job template; its parallelism changes in place', () => {
    const image = changed(extra(job), 'Job', 'demo-cleanup', (j) => { j.spec.template.spec.containers[0].image = 'busybox:1.37'; });
    expect(finding(reviewChanges(extra(job), image), 'job-template').title)
      .toBe('Job ais/demo-cleanup: spec.template.spec.containers[0].image cannot be changed in place');
    const wider = changed(extra(job), 'Job', 'demo-cleanup', (j) => { j.spec.parallelism = 2; });
    expect(verdicts(reviewChanges(extra(job), wider))).toEqual({ 'Job ais/demo-cleanup': 'in-place' });
  });

  it('an immutable ConfigMap; a mutable one changes in place', () => {
    const frozen: Manifest = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'auristor-cell', namespace: 'ais' }, immutable: true, data: { CellServDB: 'a' } };
    const edited = changed(extra(frozen), 'ConfigMap', 'auristor-cell', (c) => { c.data.CellServDB = 'b'; });
    expect(finding(reviewChanges(extra(frozen), edited), 'immutable-configmap').title).toBe('ConfigMap ais/auristor-cell is immutable: data.CellServDB cannot be changed');
    const mutable = changed(BEFORE, 'ConfigMap', 'demo-global-cm', (c) => { c.data['ais.json'] = '{}\n'; });
    expect(verdicts(reviewChanges(BEFORE, mutable))).toEqual({ 'ConfigMap ais/demo-global-cm': 'in-place' });
  });

  it('a PersistentVolumeClaim spec other than its size, and a DaemonSet selector', () => {
    const claim: Manifest = {
      apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'logs', namespace: 'ais' },
      spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'a', resources: { requests: { storage: '1Gi' } } },
    };
    expect(finding(reviewChanges(extra(claim), changed(extra(claim), 'PersistentVolumeClaim', 'logs', (c) => { c.spec.storageClassName = 'b'; })), 'persistentvolumeclaim-spec').title)
      .toBe('PersistentVolumeClaim ais/logs: spec.storageClassName cannot be changed in place');
    expect(verdicts(reviewChanges(extra(claim), changed(extra(claim), 'PersistentVolumeClaim', 'logs', (c) => { c.spec.resources.requests.storage = '2Gi'; }))))
      .toEqual({ 'PersistentVolumeClaim ais/logs': 'in-place' });
    const csi: Manifest = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'csi-node', namespace: 'auristor' }, spec: { selector: { matchLabels: { a: '1' } } } };
    expect(finding(reviewChanges(extra(csi), changed(extra(csi), 'DaemonSet', 'csi-node', (d) => { d.spec.selector.matchLabels.a = '2'; })), 'workload-selector').title)
      .toBe('DaemonSet auristor/csi-node: spec.selector.matchLabels.a cannot be changed in place');
  });
});

describe('dangerous rules on objects the config alone cannot reach', () => {
  it('an AIS target StatefulSet removed from the output', () => {
    const review = reviewChanges(BEFORE, without(BEFORE, 'StatefulSet', 'demo-target'));
    expect(rules(review, 'dangerous')).toEqual(['ais-proxy-target-removed-or-replaced']);
    expect(finding(review, 'ais-proxy-target-removed-or-replaced').title).toBe('AIS proxy/target objects removed: StatefulSet ais/demo-target');
  });

  const kmod = (updateStrategy: string, image: string): Manifest => ({
    apiVersion: 'apps/v1', kind: 'DaemonSet',
    metadata: { name: 'auristorfs-kmod-group-1', namespace: 'auristorfs-group-1', labels: { 'app.kubernetes.io/component': 'kmod' } },
    spec: {
      selector: { matchLabels: { app: 'kmod' } }, updateStrategy: { type: updateStrategy },
      template: { spec: { nodeSelector: { 'auristor.com/auristorfs-group': 'group-1' }, containers: [{ name: 'kmod', image }] } },
    },
  });
  const OLD = 'ghcr.io/auristor/auristor-kmod-2021.05-20:4.18.0-305.el8.x86_64';
  const NEW = 'ghcr.io/auristor/auristor-kmod-2021.05-21:4.18.0-305.el8.x86_64';

  it('a kmod DaemonSet that rolls a new module onto nodes', () => {
    const review = reviewChanges([kmod('RollingUpdate', OLD)], [kmod('RollingUpdate', NEW)]);
    expect(rules(review, 'dangerous')).toEqual(['kmod-removed-or-replaced']);
    expect(finding(review, 'kmod-removed-or-replaced').title)
      .toBe('kernel module object DaemonSet auristorfs-group-1/auristorfs-kmod-group-1 changes its pod template (updateStrategy RollingUpdate)');
    expect(finding(review, 'kmod-removed-or-replaced').consequence).toContain('replaced on the nodes labelled auristor.com/auristorfs-group=group-1; ');
    expect(finding(review, 'kmod-removed-or-replaced').action).toContain('kubectl drain -l auristor.com/auristorfs-group=group-1 --ignore-daemonsets');
  });

  it('a kmod DaemonSet updated OnDelete changes nothing on the nodes until its pods are deleted', () => {
    const review = reviewChanges([kmod('OnDelete', OLD)], [kmod('OnDelete', NEW)]);
    expect(review.dangerous).toBe(false);
    // the kmod rules own kernel module DaemonSets (on-delete-restart is the AIS targets'): one note per group
    expect(rules(review, 'note')).toEqual(['kmod-node-by-node']);
    expect(finding(review, 'kmod-node-by-node').consequence).toBe('the sync reloads nothing: each node keeps its kmod pod, and gets the new template when that pod is deleted');
  });

  it('a SpecialResource removed (kept by Argo CD: nothing unloads at the sync), or a KMM Module changed', () => {
    const sro: Manifest = {
      apiVersion: 'sro.openshift.io/v1beta1', kind: 'SpecialResource',
      metadata: { name: 'auristorfs-group-1', labels: { 'app.kubernetes.io/component': 'kmod' }, annotations: { 'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false' } },
      spec: { namespace: 'auristorfs-group-1', set: { nodeSelector: { 'auristor.com/auristorfs-group': 'group-1' } } },
    };
    // Prune=false: the sync leaves the SpecialResource (and SRO's kmod) in place; deleting it later unloads yfs
    const removed = reviewChanges([sro], []);
    expect(removed.dangerous).toBe(false);
    expect(rules(removed, 'note')).toEqual(['retained-on-removal', 'kmod-node-by-node']);
    expect(finding(removed, 'kmod-node-by-node').consequence).toContain('Argo CD leaves them in the cluster (Prune=false): the sync unloads nothing');
    const module = (image: string): Manifest => ({ apiVersion: 'kmm.sigs.x-k8s.io/v1beta1', kind: 'Module', metadata: { name: 'yfs', namespace: 'kmm', labels: { 'app.kubernetes.io/component': 'kmod' } },
      spec: { selector: { 'example.com/rack': 'r1' }, moduleLoader: { container: { kernelMappings: [{ regexp: '^.+$', containerImage: image }] } } } });
    expect(verdicts(reviewChanges([module(OLD)], [module(NEW)]))).toEqual({ 'Module kmm/yfs': 'dangerous' });
    expect(finding(reviewChanges([module(OLD)], [module(NEW)]), 'kmod-removed-or-replaced').action)
      .toMatch(/^drain the nodes example.com\/rack=r1: .*kubectl drain -l example.com\/rack=r1 --ignore-daemonsets --delete-emptydir-data.*--allow-dangerous/);
    expect(verdicts(reviewChanges([], [module(NEW)]))).toEqual({ 'Module kmm/yfs': 'added' });
  });
});

describe('kernel modules, on config edits of the AuriStorFS examples', () => {
  const example = (name: string) => fs.readFileSync(path.join(EXAMPLES, name), 'utf8');
  const PHASED = example('auristor-phased.yaml');
  const STATIC = example('auristor-static.yaml');

  it('SRO: a new kmod release for a group is a note: SRO re-renders OnDelete DaemonSets and reloads nothing', () => {
    // was dangerous; SRO never deletes a driver-container pod on a template change (openshift/special-resource-operator
    // pkg/lifecycle, controllers) and AuriStor's kmod DaemonSet is OnDelete: the sync itself unloads nothing
    const review = reviewChanges(outputObjects(PHASED), outputObjects(edit(PHASED, 'kmodVersion: "2021.05-15"', 'kmodVersion: "2021.05-20"')));
    expect(review.dangerous).toBe(false);
    expect(verdicts(review)).toEqual({ 'SpecialResource auristorfs-group-2': 'in-place' });
    // SRO renders only for untainted nodes: cordoning first would keep the old module
    expect(finding(review, 'kmod-node-by-node').action).toMatch(/^sync while the group's nodes are schedulable .*then follow the runbook "upgrade AuriStorFS group group-2 node by node \(sro/);
    expect(review.runbooks.map((r) => r.title)).toEqual(['upgrade AuriStorFS group group-2 node by node (sro: deleting one node\'s kmod pod at a time)']);
  });

  it('SRO: dropping a group leaves its SpecialResource (Prune=false): a note, nothing unloads at the sync', () => {
    // was dangerous; the SpecialResource is kept, so SRO keeps the kmod loaded until someone deletes it
    const review = reviewChanges(outputObjects(PHASED), outputObjects(edit(PHASED, /    - name: group-2[\s\S]*?(?=  storageClasses:)/, '')));
    expect(verdicts(review)['SpecialResource auristorfs-group-2']).toBe('removed');
    expect(rules(review, 'note')).toContain('retained-on-removal');
    expect(rules(review, 'note')).toContain('kmod-node-by-node');
  });

  it('KMM: a new kmod release without pins moves every node\'s version label: dangerous, and the advice pins them', () => {
    const kmm = edit(PHASED, 'delivery: sro', 'delivery: kmm');
    const review = reviewChanges(outputObjects(kmm), outputObjects(edit(kmm, 'kmodVersion: "2021.05-15"', 'kmodVersion: "2021.05-20"')));
    expect(review.dangerous).toBe(true);
    expect(review.changes.filter((c) => c.verdict === 'dangerous').map((c) => c.object)).toEqual(['Node cpu03', 'Node cpu04']);
    expect(finding(review, 'kmod-removed-or-replaced').action)
      .toMatch(/^pin them to the version they run \(pinnedNodes: \{ cpu03: "2021.05-15", cpu04: "2021.05-15" \}\), so that this sync reloads no node/);
  });

  it('static DaemonSets update OnDelete: a new kmod release waits for each drained node (with the CSI pod restart)', () => {
    const review = reviewChanges(outputObjects(STATIC), outputObjects(edit(STATIC, 'kmodVersion: "2021.05-20"', 'kmodVersion: "2021.05-21"')));
    expect(review.dangerous).toBe(false);
    expect(Object.values(verdicts(review))).toEqual(['in-place']);
    // N10: the runbook restarts the node's CSI pod after the kmod pod (a selector group: one node at a time, $NODE)
    const steps = review.runbooks[0].steps.flatMap((s) => (s.kind === 'command' ? s.commands : []));
    expect(steps).toContain('kubectl drain "$NODE" --ignore-daemonsets --delete-emptydir-data');
    expect(steps.findIndex((c) => c.includes('-l app=auristorfs-csi-node'))).toBeGreaterThan(steps.findIndex((c) => c.includes('-l app.kubernetes.io/component=kmod')));
  });
});

describe('the review as text', () => {
  it('a one-screen summary first (what to do, in order; the runbooks), then the objects, the findings and the runbook steps', () => {
    const text = formatChangeReview(reviewConfig(edit(REFERENCE, ', /ais/sdj]', ']')));
    const lines = text.split('\n');
    expect(lines.slice(0, 6)).toEqual([
      `Change review: 2 dangerous (${BEFORE.length - 2} objects unchanged)`,
      'In order:',
      '  1. DANGEROUS: mountpath /ais/sdj removed from the targets of AIS cluster demo (namespace ais) (ConfigMap ais/demo-target, StatefulSet ais/demo-target) [mountpath-removed]',
      '  2. Note: StatefulSet ais/demo-target: new pod template, applied only to pods you delete (updateStrategy OnDelete) [on-delete-restart]',
      'Runbooks (below, and in PLAN.md under "Change runbook"):',
      '  - remove mountpaths /ais/sdj (AIS cluster demo, namespace ais)',
    ]);
    expect(lines).toContain('  X ConfigMap ais/demo-target  dangerous: data.ais_local.json');
    expect(lines).toContain('1. DANGEROUS: mountpath /ais/sdj removed from the targets of AIS cluster demo (namespace ais) (ConfigMap ais/demo-target, StatefulSet ais/demo-target) [mountpath-removed]');
    // the first "Do first" is the first thing to do
    expect(lines.find((l) => l.startsWith('  Do first:') || l.startsWith('  To do:'))).toMatch(/^  Do first: detach the mountpath.*run synth again with --allow-dangerous, commit, and sync\.$/);
    expect(text).toContain('ais storage mountpath detach "$node_id=/ais/sdj"');
  });

  it('runs every needs-recreate rule before the rules that ask which objects must be recreated', () => {
    const severities = REVIEW_RULES.map((r) => r.severity);
    expect(severities.lastIndexOf('recreate')).toBeLessThan(severities.indexOf('dangerous'));
    expect(new Set(REVIEW_RULES.map((r) => r.id)).size).toBe(REVIEW_RULES.length);
  });
});

describe('reading two outputs for the review', () => {
  it('reuses the rendered object for a document unchanged on both sides, and parses the documents that differ', () => {
    const previous = synthConfig(REFERENCE);
    const next = synthConfig(withNode13(REFERENCE));
    const asFiles = (o: typeof next) => ({ files: o.files, beside: o.beside });
    const fast = objectsOfOutputs(asFiles(previous), { ...asFiles(next), objects: next.objectsByFile });
    const parsed = objectsOfOutputs(asFiles(previous), asFiles(next));
    expect(fast).toEqual(parsed);
    const configMap = (objects: Manifest[]) => objects.find((m) => m.kind === 'ConfigMap' && m.metadata.name === 'demo-target');
    expect(configMap(fast.previous)).toBe(configMap(fast.next)); // unchanged: one object, not parsed
    const node13 = next.manifests.find((m) => m.metadata.name === 'cpu13');
    expect(fast.next.find((m) => m.metadata.name === 'cpu13')).not.toBe(node13); // new: parsed from its YAML
    expect(reviewChanges(fast.previous, fast.next)).toEqual(reviewChanges(parsed.previous, parsed.next));
  });
});
