/**
 * One named test per runbook defect of the AIS audit (/work/shared/audits/ais-2026-12-06.md, N4–N16):
 * the corrected runbook reaches the desired state in the simulator, and the audited runbook — the
 * same steps without the fix, or the old output where the output was the cause — fails there the way
 * the audit says it fails on a real cluster.
 */
import { describe, expect, it } from 'vitest';
import type { Runbook, Step } from '../../../lib/review/runbook/steps';
import { Manifest } from '../../../lib/k8s/manifest';
import { CHANGE_KINDS, configText, parseConfig } from '../../support/sim/changes';
import { MatrixConfig, Scenario, runScenario, scenarioOf, standaloneExamples } from '../../support/sim/matrix';
import { hasStep, moveAfter, withoutSteps } from '../../support/sim/mutate';
import { Output, SimOutcome, describeOutcome, reviewOf, succeeded } from '../../support/sim/scenario';

const EXAMPLES = standaloneExamples();
const LOCAL_PV = EXAMPLES.find((e) => e.id === 'local-pv.yaml')!;
const HTTPS = EXAMPLES.find((e) => e.id === 'https.yaml')!;
const kind = (id: string) => CHANGE_KINDS.find((k) => k.id === id)!;

function scenario(config: MatrixConfig, kindId: string): Scenario {
  const s = scenarioOf(config, kind(kindId));
  if (!s) throw new Error(`${kindId} does not apply to ${config.id}`);
  return s;
}

/** The scenario's only runbook, and that it succeeds as written. */
function fixed(s: Scenario): Runbook {
  expect(s.review.runbooks).toHaveLength(1);
  const [runbook] = s.review.runbooks;
  const outcome = runScenario(s, runbook, 'adversarial');
  expect(succeeded(outcome), describeOutcome(outcome)).toBe(true);
  return runbook;
}

/** Runs mutated steps; returns the outcome's account, which must be a failure. */
function audited(s: Scenario, runbook: Runbook, steps: readonly Step[]): { outcome: SimOutcome; account: string } {
  const outcome = runScenario(s, runbook, 'adversarial', steps);
  expect(succeeded(outcome), 'the audited runbook must fail').toBe(false);
  return { outcome, account: describeOutcome(outcome) };
}

/** An output as an older cdk8s-storage wrote it: each object patched. */
function patched(output: Output, patch: (m: Manifest) => Manifest): Output {
  return { ...output, objects: output.objects.map((m) => patch(structuredClone(m))) };
}

/** The output before proxies were OnDelete and the target startup probe asked /v1/health. */
function oldOutput(output: Output): Output {
  return patched(output, (m) => {
    if (m.kind !== 'StatefulSet') return m;
    if (m.metadata.labels?.['app.kubernetes.io/component'] === 'proxy') m.spec.updateStrategy = { type: 'RollingUpdate' };
    const probe = m.spec.template.spec.containers.find((c: any) => c.name === 'ais-node')?.startupProbe;
    if (m.metadata.labels?.['app.kubernetes.io/component'] === 'target' && probe?.httpGet) probe.httpGet.path = '/v1/health?readiness=true';
    return m;
  });
}

describe('audited runbook defects (ais audit 2026-12-06)', () => {
  it('N4 mountpath added: restarted targets use the new disk only via "mountpath attach"', () => {
    const s = scenario(LOCAL_PV, 'mountpath-added');
    const runbook = fixed(s);
    expect(hasStep(runbook.steps, /^attach/)).toBe(true);
    const { account } = audited(s, runbook, withoutSteps(runbook.steps, /^attach|^attached/));
    expect(account).toMatch(/uses .*the config says/);
  });

  it('N4 mountpath added: the new disk\'s marker exists before the first restart', () => {
    const s = scenario(LOCAL_PV, 'mountpath-added');
    const runbook = fixed(s);
    const { outcome } = audited(s, runbook, withoutSteps(runbook.steps, /^marker-/));
    expect(outcome.run.failure?.message).toMatch(/timed out/);
  });

  it('N4 mountpath renamed: the override config (after the detach) does not bring the old path back', () => {
    const s = scenario(LOCAL_PV, 'mountpath-renamed');
    const runbook = fixed(s);
    const { account } = audited(s, runbook, withoutSteps(runbook.steps, /^attach|^attached/));
    expect(account).toMatch(/uses .*the config says/);
  });

  it('mountpath removed on local PVs: detach before the sync, orphan-delete the StatefulSet', () => {
    const s = scenario(LOCAL_PV, 'mountpath-removed');
    const runbook = fixed(s);
    expect(audited(s, runbook, withoutSteps(runbook.steps, 'orphan-targets')).outcome.run.completed).toBe(false);
    expect(audited(s, runbook, withoutSteps(runbook.steps, 'detach')).account).not.toBe('ok');
    // the audited order: the targets restart on the new template before the detach
    expect(audited(s, runbook, moveAfter(runbook.steps, 'detach', 'roll-targets')).account).not.toBe('ok');
  });

  it('N5 cloud backend added: set through the API, then the targets restart', () => {
    const s = scenario(LOCAL_PV, 'cloud-backend-added');
    const runbook = fixed(s);
    expect(audited(s, runbook, withoutSteps(runbook.steps, 'config-backend')).account).toMatch(/backends/);
    expect(audited(s, runbook, withoutSteps(runbook.steps, 'roll-targets')).account).toMatch(/has backends/);
  });

  it('N5 tracing changed: "ais config cluster tracing.…", then every node restarts', () => {
    const s = scenario(LOCAL_PV, 'tracing-changed');
    const runbook = fixed(s);
    expect(audited(s, runbook, withoutSteps(runbook.steps, /^config-(cluster|applied)$/)).account).toMatch(/cluster config tracing\./);
    expect(audited(s, runbook, withoutSteps(runbook.steps, 'roll-targets')).account).toMatch(/runs tracing\..* \(restart required\)/);
  });

  it('N6 proxy template change: the proxies roll one at a time with one planned handover, no election', () => {
    const s = scenario(LOCAL_PV, 'proxy-resources-changed');
    const runbook = fixed(s);
    expect(hasStep(runbook.steps, 'handover-set')).toBe(true);
    const { account } = audited(s, runbook, withoutSteps(runbook.steps, /^handover-/));
    expect(account).toMatch(/unplanned-election|primary/);
    // the old output: both proxy StatefulSets RollingUpdate, rolled by the sync itself
    const before = oldOutput(s.before);
    const after = oldOutput(s.after);
    const old: Scenario = { ...s, before, after, review: reviewOf(before, after) };
    const outcomes = old.review.runbooks.map((r) => runScenario(old, r, 'adversarial'));
    expect(outcomes.some((o) => !succeeded(o)), 'RollingUpdate proxies roll with no handover').toBe(true);
  });

  it('N6 a target-count change restarts no proxy (-ntargets is read only by a primary starting a new cluster)', () => {
    const s = scenario(LOCAL_PV, 'target-added');
    const runbook = fixed(s);
    expect(hasStep(runbook.steps, 'roll-proxies')).toBe(false);
    const outcome = runScenario(s, runbook, 'random');
    expect(Object.values(outcome.world.pods).filter((p) => p.set.includes('proxy')).every((p) => p.restarts === 0 && p.ordinal >= 0)).toBe(true);
  });

  it('N7 protocol switch: the AIS state directories, the proxies\' included, are emptied on every node, unconditionally', () => {
    // the audited runbook emptied them only "if a pod still finds old state"; decommission cleans only the directory
    // each running pod uses (aistore ais/utils.go cleanupConfigDir) and a proxy that loads another cluster's map
    // refuses it (ais/earlystart.go, "Smap UUIDs don't match"). With proxy state per node (#20) no pod leaves a
    // directory behind on another node, so the simulator cannot show the failure; the steps must still be there.
    const s = scenario(LOCAL_PV, 'protocol-switched');
    const runbook = fixed(s);
    const nodes = [...new Set(s.before.objects.filter((m) => m.kind === 'Node').map((m) => m.metadata.name))];
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes) {
      const step = runbook.steps.find((st) => st.id === `state-${node}`) as Step & { action?: { verb: string; paths: string[] } } | undefined;
      expect(step, node).toBeDefined();
      expect(step!.action).toMatchObject({ verb: 'removeStateDirs' });
      expect(step!.action!.paths.some((p) => p.endsWith('/proxy')), JSON.stringify(step!.action)).toBe(true);
      expect(step!.when, 'unconditional').toBeUndefined();
    }
  });

  it('N14 review wording: a target-only change says nothing of the proxies rolling; a Node leaving the output keeps its labels (Prune=false)', () => {
    const targetsOnly = scenario(LOCAL_PV, 'target-resources-changed');
    const notes = targetsOnly.review.findings.filter((f) => f.rule === 'on-delete-restart');
    expect(notes.length).toBeGreaterThan(0);
    for (const note of notes) {
      expect(note.objects.join(' ')).not.toMatch(/proxy/);
      expect(`${note.title} ${note.consequence}`).not.toMatch(/proxies (roll|restart)/);
    }
    const replaced = scenario(LOCAL_PV, 'target-node-replaced');
    const runbook = fixed(replaced);
    const unlabel = runbook.steps.find((st) => st.id.startsWith('unlabel-'));
    expect(unlabel, 'the node that leaves the output is unlabelled by hand').toBeDefined();
    expect((unlabel as { why?: string }).why).toMatch(/leaves the output and Argo CD keeps Nodes \(Prune=false\)/);
  });

  it('N8 node maintenance: a target restarted in maintenance is not killed by its startup probe', () => {
    const s = scenario(LOCAL_PV, 'target-resources-changed');
    const runbook = fixed(s);
    const outcome = runScenario(s, runbook, 'random');
    expect(Object.values(outcome.world.pods).every((p) => p.restarts === 0)).toBe(true);
    // the old output's probe (readiness=true) fails while the target is in maintenance: killed, restarted, never out of maintenance
    const before = oldOutput(s.before);
    const after = oldOutput(s.after);
    const old: Scenario = { ...s, before, after, review: reviewOf(before, after) };
    const [oldRunbook] = old.review.runbooks;
    const slow = runScenario(old, oldRunbook, 'random');
    expect(succeeded(slow) && Object.values(slow.world.pods).every((p) => p.restarts === 0)).toBe(false);
  });

  it('N9 scale-down: no disk serves the decommissioned target\'s objects', () => {
    const s = scenario(LOCAL_PV, 'target-removed-first');
    const runbook = fixed(s);
    const wipes = /^(marker|wipe|claims|volumes)/;
    const { account } = audited(s, runbook, withoutSteps(runbook.steps, wipes));
    expect(account).not.toBe('ok');
  });

  it('N10 proxy removal: the primary is never deleted, removed proxies are decommissioned', () => {
    const s = scenario(LOCAL_PV, 'proxy-removed');
    const runbook = fixed(s);
    expect(audited(s, runbook, withoutSteps(runbook.steps, /^primary-off-removed/)).account).toMatch(/election|primary|stale|timed out/);
    expect(audited(s, runbook, withoutSteps(runbook.steps, /^decommission-/)).account).toMatch(/stale ID|map|timed out/);
  });

  it('N11 auto-sync with self-heal: suspended before "unlabel first", resumed at the end', () => {
    const config = parseConfig(LOCAL_PV.text);
    config.gitops = { argocd: { ...(config.gitops?.argocd ?? { repoURL: 'https://git.example.com/storage.git', path: 'dist' }), automated: true } };
    const s = scenario({ id: 'local-pv-automated', text: configText(config) }, 'target-node-replaced');
    const runbook = fixed(s);
    const suspend = runbook.steps.findIndex((x) => x.id.startsWith('suspend-'));
    const resume = runbook.steps.findIndex((x) => x.id.startsWith('resume-'));
    expect(suspend).toBeGreaterThan(-1);
    expect(suspend).toBeLessThan(runbook.steps.findIndex((x) => x.id.startsWith('unlabel-')));
    expect(resume).toBeGreaterThan(runbook.steps.findIndex((x) => x.id === 'sync'));
    expect(audited(s, runbook, withoutSteps(runbook.steps, /^suspend/)).account).not.toBe('ok');
    expect(audited(s, runbook, withoutSteps(runbook.steps, /^resume/)).account).toMatch(/automation/);
  });

  it('N12 node replacement: the old target ID leaves the cluster map', () => {
    const s = scenario(LOCAL_PV, 'target-node-replaced');
    const runbook = fixed(s);
    const { account } = audited(s, runbook, withoutSteps(runbook.steps, /^decommission-old|^old-gone|^healthy-after/));
    expect(account).toMatch(/flagged|stale ID|cluster map/);
  });

  it('N16 scale-up and replacement: the host is prepared (disk marker) before the pods land', () => {
    for (const id of ['target-added', 'target-node-replaced']) {
      const s = scenario(LOCAL_PV, id);
      const runbook = fixed(s);
      const { outcome } = audited(s, runbook, withoutSteps(runbook.steps, /^marker-spare/));
      expect(outcome.run.failure?.message, id).toMatch(/timed out/);
    }
  });

  it('local-PV disk removal and upgrades: the merge comes after the steps that must precede the sync', () => {
    const s = scenario(HTTPS, 'upgrade-5.0');
    const runbook = fixed(s);
    const ids = runbook.steps.map((x) => x.id);
    expect(ids.indexOf('backup-cluster')).toBeLessThan(ids.indexOf('merge'));
    expect(ids.indexOf('roll-proxies')).toBeLessThan(ids.indexOf('roll-targets'));
    expect(audited(s, runbook, moveAfter(runbook.steps, 'merge', 'roll-targets')).account).not.toBe('ok');
  });
});
