/**
 * Day-2 runbooks of the change review: for each kind of change on the reference and the operator
 * example, the review prints the ordered steps (following the upstream procedure), PLAN.md carries
 * the same steps under "Change runbook", and every object a command names exists in the old or the
 * new output.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ChangeReview, Runbook, formatChangeReview, reviewChanges } from '../../lib/review/change-review';
import { Manifest } from '../../lib/k8s/manifest';
import { runbookMarkdown } from '../../lib/review/rules/runbook';
import { CHANGE_RUNBOOK_HEADING, changeRunbookSection, withChangeRunbook } from '../../lib/report/change-runbook';
import { ROOT, runCli, tempDir, writeConfig } from '../support/cli';
import { REFERENCE, edit, outputObjects, withLocalPV, withNode13 } from '../support/gitops';

const example = (name: string) => fs.readFileSync(path.join(ROOT, 'examples', name), 'utf8');
const OPERATOR = example('operator.yaml');
const HTTPS = example('https.yaml');
const LOCAL = withLocalPV(REFERENCE);

interface Scenario { name: string; before: string; after: string; runbooks: string[] }

/** Each change of issue 15, as a config edit, with the runbooks it must produce. */
const SCENARIOS: Scenario[] = [
  { name: 'target node swapped, local PVs', before: LOCAL, after: edit(LOCAL, /cpu07/g, 'cpu13'), runbooks: ['target-node-replaced'] },
  { name: 'target node swapped, hostPath', before: REFERENCE, after: edit(REFERENCE, /cpu07/g, 'cpu13'), runbooks: ['target-node-replaced'] },
  { name: 'target node swapped, operator mode', before: OPERATOR, after: edit(OPERATOR, /cpu07/g, 'cpu13'), runbooks: ['target-node-replaced'] },
  { name: 'target node removed (scale down), local PVs', before: LOCAL, after: edit(LOCAL, /(targets:\n +nodes: \[[^\]]*)cpu07, /, '$1'), runbooks: ['target-scale-down'] },
  { name: 'target node removed (scale down), operator', before: OPERATOR, after: edit(OPERATOR, /(targets:\n +nodes: \[[^\]]*)cpu07, /, '$1'), runbooks: ['target-scale-down'] },
  { name: 'target node added (scale up)', before: LOCAL, after: withNode13(LOCAL), runbooks: ['target-scale-up'] },
  { name: 'proxy node removed', before: REFERENCE, after: edit(REFERENCE, /(proxies:\n +nodes: \[[^\]]*)cpu07, /, '$1'), runbooks: ['proxy-node-removed'] },
  { name: 'mountpath added', before: REFERENCE, after: edit(REFERENCE, '/ais/sdj]', '/ais/sdj, /ais/sdk]'), runbooks: ['mountpath-changed'] },
  { name: 'mountpath removed', before: REFERENCE, after: edit(REFERENCE, ', /ais/sdj]', ']'), runbooks: ['mountpath-changed'] },
  { name: 'mountpath renamed', before: REFERENCE, after: edit(REFERENCE, '/ais/sdj]', '/ais/sdk]'), runbooks: ['mountpath-changed'] },
  { name: 'HTTPS switched off', before: HTTPS, after: edit(HTTPS, /  tls:\n(    .*\n)+/, ''), runbooks: ['protocol-switched'] },
  { name: 'certificate issuer changed', before: HTTPS, after: edit(HTTPS, 'name: ca-issuer', 'name: corp-issuer'), runbooks: ['certificate-issuer-changed'] },
  { name: 'certificate issuer changed, operator', before: OPERATOR, after: edit(OPERATOR, '{ name: ca-issuer }', '{ name: corp-issuer }'), runbooks: ['certificate-issuer-changed'] },
  { name: 'proxy node removed, operator', before: OPERATOR, after: edit(OPERATOR, /(proxies:\n +nodes: \[[^\]]*)cpu07, /, '$1'), runbooks: ['proxy-node-removed'] },
  { name: 'HTTPS switched on, operator', before: edit(OPERATOR, /  tls:\n(    .*\n)+/, ''), after: OPERATOR, runbooks: ['protocol-switched'] },
];

function review(s: Scenario): { review: ChangeReview; before: Manifest[]; after: Manifest[] } {
  const before = outputObjects(s.before);
  const after = outputObjects(s.after);
  return { review: reviewChanges(before, after), before, after };
}

/** Kinds kubectl takes, as the output spells them. */
const KINDS: Record<string, string> = {
  node: 'Node', pv: 'PersistentVolume', persistentvolume: 'PersistentVolume', statefulset: 'StatefulSet', aistore: 'AIStore',
  configmap: 'ConfigMap', service: 'Service', clusterissuer: 'ClusterIssuer', issuer: 'Issuer',
};

/**
 * The objects a shell command names, read back independently of how the runbook built it:
 * `kubectl <verb> <kind> <name>...`, `-n <namespace>`, `--field-selector spec.nodeName=<node>`,
 * pods `<statefulset>-<ordinal>`.
 */
function namedObjects(command: string): Array<{ kind: string; name: string }> {
  const names: Array<{ kind: string; name: string }> = [];
  for (const match of command.matchAll(/kubectl (?:get|delete|label|wait) (\w+) ([^|;$]*)/g)) {
    const kind = match[1] === 'pod' ? 'Pod' : KINDS[match[1]];
    // the names: the plain words right after the kind (flags, label keys, quoted variables end them)
    const words = match[2].trim().split(/\s+/);
    const end = words.findIndex((w) => !/^[a-z0-9][a-z0-9.-]*$/.test(w));
    if (kind) for (const name of words.slice(0, end < 0 ? words.length : end)) names.push({ kind, name });
  }
  for (const m of command.matchAll(/ -n ([a-z0-9-]+)/g)) names.push({ kind: 'Namespace', name: m[1] });
  for (const m of command.matchAll(/spec\.nodeName=([a-z0-9-]+)/g)) names.push({ kind: 'Node', name: m[1] });
  for (const m of command.matchAll(/for pod in ([a-z0-9 -]+);/g)) for (const name of m[1].trim().split(' ')) names.push({ kind: 'Pod', name });
  return names;
}

/** Whether an object of that kind and name is in the output (pods: a StatefulSet with that ordinal). */
function exists(objects: readonly Manifest[], kind: string, name: string): boolean {
  if (kind === 'Namespace') return objects.some((m) => m.metadata.namespace === name);
  if (kind === 'Pod') {
    const [, set, ordinal] = /^(.*)-(\d+)$/.exec(name) ?? [];
    return objects.some((m) => (m.kind === 'StatefulSet' && m.metadata.name === set && Number(ordinal) < m.spec.replicas)
      || (m.kind === 'AIStore' && `${m.metadata.name}-target` === set && Number(ordinal) < (m.spec.targetSpec?.size ?? m.spec.size))
      || (m.kind === 'AIStore' && `${m.metadata.name}-proxy` === set && Number(ordinal) < (m.spec.proxySpec?.size ?? m.spec.size)));
  }
  if (kind === 'ClusterIssuer' || kind === 'Issuer') return true; // created outside the output (a prerequisite)
  return objects.some((m) => m.kind === kind && m.metadata.name === name);
}

describe('runbooks for each day-2 change', () => {
  it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', (_, scenario) => {
    const { review: result, before, after } = review(scenario);
    expect(result.runbooks.map((r) => r.id)).toEqual(scenario.runbooks);
    for (const runbook of result.runbooks) {
      expect(runbook.steps.length).toBeGreaterThan(1);
      for (const step of runbook.steps) {
        for (const command of step.commands ?? []) {
          for (const { kind, name } of namedObjects(command)) {
            expect(exists(before, kind, name) || exists(after, kind, name), `${kind} ${name} in: ${command}`).toBe(true);
          }
        }
      }
    }
    const text = formatChangeReview(result);
    const plan = withChangeRunbook('# Plan\n', result, undefined);
    for (const runbook of result.runbooks) {
      expect(text).toContain(`Runbook: ${runbook.title}`);
      expect(plan).toContain(runbookMarkdown(runbook)); // PLAN.md carries the same steps
    }
    expect(text).not.toMatch(/<[a-z-]+>|\$\{/); // no placeholder, no unexpanded template
  });
});

describe('changes refused as dangerous, with the runbook that makes them safe', () => {
  it('HTTP <-> HTTPS on an existing cluster is dangerous: the state must be reset', () => {
    for (const scenario of SCENARIOS.filter((s) => s.runbooks.includes('protocol-switched'))) {
      const { review: result } = review(scenario);
      expect(result.dangerous, scenario.name).toBe(true);
      expect(result.findings.filter((f) => f.severity === 'dangerous').map((f) => f.rule)).toContain('protocol-switched');
    }
    const off = review(SCENARIOS.find((s) => s.name === 'HTTPS switched off')!).review;
    expect(off.findings.find((f) => f.rule === 'protocol-switched')!.title).toBe('AIS cluster secure (namespace ais) switches from HTTPS to HTTP');
    const steps = off.runbooks[0].steps;
    expect(steps.flatMap((s) => s.commands ?? [])).toContain('ais cluster decommission');
    expect(steps.map((s) => s.text).join('\n')).toContain('/etc/ais/ais/secure/proxy, /etc/ais/ais/secure/target on node1, node2, node3');
  });

  it('the release removed: what stays on the hosts and in the cluster, with names', () => {
    const before = outputObjects(LOCAL);
    const result = reviewChanges(before, []);
    const runbook = result.runbooks.find((r) => r.id === 'release-removed')!;
    expect(runbook.title).toBe('AIS cluster demo (namespace ais) removed from the output');
    const commands = runbook.steps.flatMap((s) => s.commands ?? []);
    expect(commands).toContain('ais cluster decommission');
    for (const command of commands) for (const { kind, name } of namedObjects(command)) expect(exists(before, kind, name), `${kind} ${name}`).toBe(true);
    expect(commands.find((c) => c.startsWith('kubectl delete pv '))).toContain('demo-cpu12-ais-sdj');
    expect(commands).toContain('kubectl label node cpu01 nvidia.com/ais-initial-primary-proxy- nvidia.com/ais-proxy- nvidia.com/ais-target-');
    expect(commands).toContain('kubectl label node cpu02 cpu03 cpu04 cpu05 cpu06 cpu07 cpu08 cpu09 cpu10 cpu11 cpu12 nvidia.com/ais-proxy- nvidia.com/ais-target-');
  });
});

describe('node replacement cpu07 -> cpu13 with local PVs: every step of ais-k8s docs/node_replacement.md', () => {
  const { review: result } = review(SCENARIOS[0]);
  const runbook = result.runbooks[0];
  const commands = runbook.steps.map((s) => (s.commands ?? []).join('\n'));
  const stepOf = (pattern: RegExp) => {
    const i = commands.findIndex((c) => pattern.test(c));
    if (i < 0) throw new Error(`no step runs ${pattern}`);
    return i;
  };
  const PVS = (node: string) => ['sda', 'sdb', 'sdc', 'sdd', 'sde', 'sdf', 'sdg', 'sdh', 'sdi', 'sdj'].map((d) => `demo-${node}-ais-${d}`);

  it('names the change', () => {
    expect(runbook.title).toBe('replace target node cpu07 by cpu13 (AIS cluster demo, namespace ais, local PersistentVolumes, standalone mode)');
    expect(runbook.source).toBe('ais-k8s docs/node_replacement.md');
  });

  it('has the upstream steps, in the upstream order, with the real names', () => {
    const steps = [
      // 1. drain the target through AIS, wait for the rebalance
      stepOf(/ais cluster add-remove-nodes start-maintenance "\$TARGET_ID"\nais show rebalance/),
      // 2. unlabel the old node
      stepOf(/^kubectl label node cpu07 nvidia\.com\/ais-proxy- nvidia\.com\/ais-target-$/),
      // 3. delete the pods (target and proxy on cpu07)
      stepOf(/^kubectl delete pod -n ais "\$TARGET_POD" "\$PROXY_POD"/),
      // 4. delete the PVCs read off the pod spec
      stepOf(/persistentVolumeClaim\.claimName}' \| xargs -r -n1 kubectl delete pvc -n ais/),
      // 5. delete the old node's data PVs
      stepOf(new RegExp(`^kubectl delete pv ${PVS('cpu07').join(' ')}$`)),
      // 6. label the replacement node (the sync)
      stepOf(/^kubectl get node cpu13 --show-labels$/),
      // 7. recreate the PVs (the same sync), checked
      stepOf(new RegExp(`^kubectl get pv ${PVS('cpu13').join(' ')}$`)),
      // 8. verify pods and claims
      stepOf(/kubectl get pvc -n ais/),
    ];
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(new Set(steps).size).toBe(8);
    expect(commands[0]).toContain('--field-selector spec.nodeName=cpu07');
    expect(runbook.steps[steps[5]].text).toContain('labels cpu13 (nvidia.com/ais-proxy=demo-ais-electable nvidia.com/ais-target=demo-ais)');
    expect(runbook.steps[steps[5]].text).toContain(`creates the PersistentVolumes ${PVS('cpu13').join(', ')}`);
  });

  it('PLAN.md carries the same runbook under "Change runbook"', () => {
    const plan = withChangeRunbook('# Plan: demo\n', result, undefined);
    expect(changeRunbookSection(plan)).toContain(runbookMarkdown(runbook));
    expect(plan).toContain(`${CHANGE_RUNBOOK_HEADING}\n`);
    for (const step of runbook.steps) for (const command of step.commands ?? []) expect(plan).toContain(`   ${command}\n`);
  });

  it('re-running on the same output keeps the section; a change without runbook drops it', () => {
    const plan = withChangeRunbook('# Plan: demo\n', result, undefined);
    const same = reviewChanges(outputObjects(SCENARIOS[0].after), outputObjects(SCENARIOS[0].after));
    expect(withChangeRunbook('# Plan: demo\n', same, plan)).toBe(plan);
    const resourcesOnly = reviewChanges(outputObjects(REFERENCE), outputObjects(edit(REFERENCE, '10.132.179.10-10.132.179.20', '10.132.179.10-10.132.179.21')));
    expect(withChangeRunbook('# Plan: demo\n', resourcesOnly, plan)).toBe('# Plan: demo\n');
  });
});

describe('scale-down says which ordinal goes', () => {
  it('local PVs: demo-target-11 goes, whatever node; the runbook decommissions the target on cpu07 and cleans its volumes', () => {
    const runbook = review(SCENARIOS[3]).review.runbooks[0] as Runbook;
    expect(runbook.title).toBe('remove target node cpu07 (AIS cluster demo, namespace ais): demo-target 12 → 11');
    expect(runbook.steps[0].text).toContain('Kubernetes deletes demo-target-11 (the highest ordinals), not necessarily the pods on cpu07');
    const all = runbook.steps.flatMap((s) => s.commands ?? []);
    expect(all).toContain('ais cluster add-remove-nodes decommission "$TARGET_ID_1"');
    expect(all).toContain(`kubectl delete pv --ignore-not-found ${['sda', 'sdb', 'sdc', 'sdd', 'sde', 'sdf', 'sdg', 'sdh', 'sdi', 'sdj'].map((d) => `demo-cpu07-ais-${d}`).join(' ')}`);
  });

  it('operator mode with scaleDownMode retain: the operator deletes targets without decommission, so the scale-down is dangerous', () => {
    const retain = edit(OPERATOR, 'scaleDownMode: safe_decommission', 'scaleDownMode: retain');
    const shrunk = edit(retain, /(targets:\n +nodes: \[[^\]]*)cpu07, /, '$1');
    const result = reviewChanges(outputObjects(retain), outputObjects(shrunk));
    expect(result.findings.filter((f) => f.severity === 'dangerous').map((f) => f.title)).toEqual(['AIStore ais/demo scales down from 12 to 11 targets']);
    expect(result.runbooks[0].steps.flatMap((s) => s.commands ?? []).join('\n')).toContain('ais cluster add-remove-nodes decommission "$LEAVING_ID_1"');
    // the default (safe_decommission): the operator decommissions first, no refusal
    expect(review(SCENARIOS[4]).review.dangerous).toBe(false);
  });

  it('operator mode: the operator decommissions the highest ordinals (scaleDownMode)', () => {
    const runbook = review(SCENARIOS[4]).review.runbooks[0];
    expect(runbook.steps[0].text).toContain('the operator decommissions the same highest ordinals first (scaleDownMode)');
    expect(runbook.steps.flatMap((s) => s.commands ?? [])).toContain('kubectl get pod -n ais demo-target-11 -o wide');
  });
});

describe('review quality (issue 17 item 7)', () => {
  it('removing the target PodDisruptionBudget is a plain removal, not dangerous', () => {
    const before = outputObjects(REFERENCE);
    const after = before.filter((m) => m.kind !== 'PodDisruptionBudget');
    const result = reviewChanges(before, after);
    expect(result.dangerous).toBe(false);
    expect(result.changes.map((c) => [c.object, c.verdict])).toEqual([['PodDisruptionBudget ais/demo-target', 'removed']]);
  });

  it('adding a target calls out the proxy restart (-ntargets) and the scale-up runbook', () => {
    const text = formatChangeReview(reviewChanges(outputObjects(REFERENCE), outputObjects(withNode13(REFERENCE))));
    expect(text).toContain('StatefulSet ais/demo-proxy: every proxy pod restarts on sync (new pod template: -ntargets=12 → -ntargets=13');
    expect(text).toContain('Runbook: add target node cpu13 (AIS cluster demo, namespace ais): demo-target 12 → 13');
  });

  it('repeated notes are grouped: "12 Nodes leave the output"', () => {
    const before = outputObjects(REFERENCE);
    const result = reviewChanges(before, before.filter((m) => m.kind !== 'Node'));
    const notes = result.findings.filter((f) => f.rule === 'retained-on-removal');
    expect(notes).toHaveLength(1);
    expect(notes[0].title).toMatch(/^12 Nodes leave the output but stay in the cluster \(Prune=false\): cpu01, cpu02, .*cpu12$/);
    expect(notes[0].action).toContain('kubectl label node cpu02 cpu03 cpu04 cpu05 cpu06 cpu07 cpu08 cpu09 cpu10 cpu11 cpu12 nvidia.com/ais-proxy- nvidia.com/ais-target-');
  });

  it('no message template of the review has a placeholder or an unexpanded ${...}', () => {
    const dir = path.join(ROOT, 'lib', 'review', 'rules');
    const files = [...fs.readdirSync(dir).map((f) => path.join(dir, f)), path.join(ROOT, 'lib', 'review', 'change-review.ts'), path.join(ROOT, 'lib', 'report', 'change-runbook.ts')];
    const offenders: string[] = [];
    for (const file of files) {
      const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node): void => {
        // a quoted string is never expanded: `${...}` in it is printed as is
        if (ts.isStringLiteral(node) && node.text.includes('${')) offenders.push(`${path.basename(file)}: ${node.getText()}`);
        if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
          for (const placeholder of node.text.match(/<(?:name|namespace|kind|node|pod|i|target-id|node-id|pv|claim)>/g) ?? []) offenders.push(`${path.basename(file)}: ${placeholder}`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(files.length).toBeGreaterThan(15);
    expect(offenders).toEqual([]);
  });
});

describe('the generator writes the runbook into PLAN.md', () => {
  /** PLAN.md wherever the generator puts it beside the output. */
  const planOf = (dir: string): string => {
    const found = fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => path.basename(f) === 'PLAN.md');
    expect(found).toHaveLength(1);
    return fs.readFileSync(path.join(dir, found[0]), 'utf8');
  };

  it('node swap: the synth prints the runbook and PLAN.md carries it; a re-run and --check keep it', () => {
    const dir = tempDir();
    const config = writeConfig(dir, LOCAL);
    const out = path.join(dir, 'dist');
    expect(runCli([config, '--out', out]).code).toBe(0);
    expect(planOf(dir)).not.toContain(CHANGE_RUNBOOK_HEADING);
    writeConfig(dir, edit(LOCAL, /cpu07/g, 'cpu13'));
    const swapped = runCli([config, '--out', out]);
    expect(swapped.code).toBe(0);
    expect(swapped.stdout).toContain('Runbook: replace target node cpu07 by cpu13');
    const plan = planOf(dir);
    expect(plan).toContain(`${CHANGE_RUNBOOK_HEADING}\n`);
    expect(plan).toContain('### replace target node cpu07 by cpu13 (AIS cluster demo, namespace ais, local PersistentVolumes, standalone mode)');
    expect(plan).toContain('   kubectl delete pv demo-cpu07-ais-sda demo-cpu07-ais-sdb');
    expect(runCli([config, '--out', out, '--check']).code).toBe(0);
    expect(runCli([config, '--out', out]).code).toBe(0);
    expect(planOf(dir)).toBe(plan);
  });
});
