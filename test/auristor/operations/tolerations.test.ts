/** Issue #23 N2: groups on tainted nodes (kmm, static), refused with SRO. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toleratesTaint } from '../../../lib/k8s/tolerations';
import type { Manifest } from '../../../lib/k8s/manifest';
import { AuristorModel, Taint } from '../../support/auristor-model';
import { PHASED_NODES, generatedAuristorConfigs, outputBefore23, phased } from '../../support/auristor-ops';
import { configProblems } from '../../support/config-problems';
import { runCli, tempDir, writeConfig } from '../../support/cli';
import { manifestsOf, planOf } from '../../support/synth';

const DEDICATED: Taint = { key: 'dedicated', value: 'storage', effect: 'NoSchedule' };
const tolerations = [{ key: 'dedicated', value: 'storage', effect: 'NoSchedule' }];

/** The model with every node tainted, after a sync of `output`. */
function tainted(output: readonly Manifest[], taint: Taint = DEDICATED): AuristorModel {
  const model = new AuristorModel(PHASED_NODES);
  for (const node of model.nodes.values()) node.taints.push(taint);
  model.sync(output);
  return model;
}

const podSpecs = (output: readonly Manifest[]) => output.filter((m) => ['Deployment', 'DaemonSet'].includes(m.kind)).map((m) => [`${m.kind} ${m.metadata.namespace}/${m.metadata.name}`, m.spec.template.spec] as const);

describe('N2 tolerations', () => {
  it.each(['static', 'kmm'] as const)('N2 %s: configured tolerations reach Module, kmod and CSI node DaemonSets, controller and volume manager', (delivery) => {
    const output = manifestsOf(phased(delivery, (s) => { s.tolerations = tolerations; }));
    const model = tainted(output);
    // KMM v2.6.0 IsNodeSchedulable with the Module's tolerations; Kubernetes NodeShouldRunDaemonPod with the pod's
    for (const node of model.nodes.values()) {
      expect(node.yfs, node.name).toBeDefined();
      expect([...node.csi.values()], node.name).toEqual(['running']);
    }
    // the scheduler's TaintToleration: every AuriStorFS pod tolerates the taint
    for (const [id, spec] of podSpecs(output)) expect((spec.tolerations ?? []).some((t: any) => toleratesTaint(t, DEDICATED)), id).toBe(true);
    if (delivery === 'kmm') {
      for (const module of output.filter((m) => m.kind === 'Module')) expect(module.spec.tolerations).toContainEqual(tolerations[0]);
    }
  });

  it.each([['static', 'phased-static'], ['kmm', 'phased-kmm']] as const)('N2 on today\'s %s output: a tainted group gets no kmod and no CSI node plugin', (_, fixture) => {
    const model = tainted(outputBefore23(fixture));
    for (const node of model.nodes.values()) {
      expect(node.yfs).toBeUndefined();
      expect(node.csi.size).toBe(0);
    }
  });

  it('N2 group tolerations replace the section\'s (and [] tolerates none)', () => {
    const output = manifestsOf(phased('static', (s) => {
      s.tolerations = tolerations;
      s.groups[0].tolerations = [];
      s.groups[1].tolerations = [{ key: 'nvidia.com/gpu', operator: 'Exists' }];
    }));
    const of = (ns: string) => output.filter((m) => m.kind === 'DaemonSet' && m.metadata.namespace === ns).map((m) => m.spec.template.spec.tolerations);
    expect(of('auristorfs-group-1').every((t) => t === undefined)).toBe(true);
    expect(of('auristorfs-group-2').every((t) => JSON.stringify(t) === JSON.stringify([{ key: 'nvidia.com/gpu', operator: 'Exists' }]))).toBe(true);
    // the shared controller runs on any group node: the union of the groups' tolerations, then the 30 s failover ones
    const controller = output.find((m) => m.kind === 'Deployment' && m.metadata.name === 'auristorfs-csi-controller')!;
    expect(controller.spec.template.spec.tolerations.map((t: any) => t.key)).toEqual(['nvidia.com/gpu', 'node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']);
  });

  it('N2 every configured toleration appears on each node-level pod of generated kmm and static configs', () => {
    const configs = generatedAuristorConfigs(80, 2321).filter((c) => c.config.auristor.delivery !== 'sro');
    let tolerated = 0;
    for (const { id, config, manifests } of configs) {
      const section = config.auristor;
      for (const group of section.groups) {
        const expected = group.tolerations ?? section.tolerations ?? [];
        const ns = group.namespace ?? `auristorfs-${group.name}`;
        for (const ds of manifests.filter((m) => m.kind === 'DaemonSet' && m.metadata.namespace === ns)) {
          expect(ds.spec.template.spec.tolerations ?? [], `${id} ${ds.metadata.name}`).toEqual(expected);
        }
        const module = manifests.find((m) => m.kind === 'Module' && m.metadata.namespace === ns);
        if (module) expect(module.spec.tolerations.slice(3), id).toEqual(expected);
        tolerated += expected.length;
      }
    }
    expect(tolerated).toBeGreaterThan(3);
  });

  it('N2 tolerationSeconds, an empty key with Equal, a value with Exists are errors at line:col', () => {
    const text = phased('static', (s) => {
      s.tolerations = [
        { key: 'dedicated', effect: 'NoExecute', tolerationSeconds: 300 },
        { value: 'storage' },
        { key: 'gpu', operator: 'Exists', value: 'a100' },
      ];
    });
    expect(configProblems(text).map((p) => p.replace(/: .*/, '').replace(/^cluster\.yaml:\d+:\d+/, 'at'))).toEqual([
      'at', 'at', 'at',
    ]);
    expect(configProblems(text).map((p) => p.split(': ')[1])).toEqual([
      'auristor.tolerations[0].tolerationSeconds', 'auristor.tolerations[1].operator', 'auristor.tolerations[2].value',
    ]);
  });

  it('N2 sro refuses tolerations at line:col (CLI: exit 1, nothing written)', () => {
    const dir = tempDir();
    const out = path.join(dir, 'dist');
    const text = phased('sro', (s) => { s.tolerations = tolerations; });
    const result = runCli([writeConfig(dir, text), '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cluster\.yaml:\d+:\d+: auristor\.tolerations: delivery sro cannot serve tainted nodes: SRO skips every node with a NoSchedule or NoExecute taint/);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('N2 PLAN lists the taints each pod tolerates', () => {
    const plan = planOf(phased('kmm', (s) => { s.tolerations = tolerations; }));
    expect(plan).toContain('| group-2 | Module: `node.kubernetes.io/unschedulable:NoSchedule`, `node.kubernetes.io/not-ready:*`, `node.kubernetes.io/unreachable:*`, `dedicated=storage:NoSchedule` | CSI node plugin: `dedicated=storage:NoSchedule` |');
    expect(plan).toContain('CSI controller and volume manager: `dedicated=storage:NoSchedule`; not-ready and unreachable for 30 s');
    expect(planOf(phased('sro'))).toContain('SRO serves no node with a NoSchedule or NoExecute taint, whatever its pods tolerate');
  });
});
