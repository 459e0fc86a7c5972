/**
 * Proxy state from one sub-directory per pod (outputs before #20: `subPathExpr: $(MY_POD)` on the proxies'
 * state mount) to the node's directory: the first synth over such an output gets a runbook that copies
 * each proxy pod's state into its node's directory before the proxies restart, and it runs in the
 * simulator from the old output's steady state to the new output; its script passes bash -n and ShellCheck.
 * The simulator does not model what goes wrong without the copy (a proxy that rejoins without its
 * cluster map, a restarted primary that starts a cluster of its own): the runbook without it also
 * passes there, so no mutation test; the reason is the state-directory-moved finding's (aistore
 * ais/earlystart.go primaryStartup).
 */
import { describe, expect, it } from 'vitest';
import { Manifest } from '../../../lib/k8s/manifest';
import { changeRunbookScripts } from '../../../lib/report/change-runbook';
import { runbookText } from '../../../lib/review/runbook/render-text';
import type { Step } from '../../../lib/review/runbook/steps';
import { parseConfig } from '../../support/sim/changes';
import { Scenario, runScenario, standaloneExamples } from '../../support/sim/matrix';
import { Output, describeOutcome, outputOf, reviewOf, succeeded } from '../../support/sim/scenario';
import { shellProblems } from '../../support/shellcheck';

const isProxySet = (m: Manifest) => m.kind === 'StatefulSet' && m.metadata.labels?.['app.kubernetes.io/component'] === 'proxy';

/** The output as cdk8s-storage wrote it before proxy state per node: each proxy pod in a sub-directory named after it. */
function perPodProxyState(output: Output): Output {
  return {
    ...output,
    objects: output.objects.map((m) => {
      if (!isProxySet(m)) return m;
      const set = structuredClone(m);
      for (const c of set.spec.template.spec.containers) {
        for (const mount of c.volumeMounts ?? []) if (mount.mountPath === '/etc/ais') mount.subPathExpr = '$(MY_POD)';
      }
      return set;
    }),
  };
}

const flat = (steps: readonly Step[]): Step[] => steps.flatMap((s) => (s.kind === 'forEach' ? [s, ...flat(s.body)] : [s]));

describe('proxy state per node (#20) on the typed runbooks', () => {
  for (const example of standaloneExamples().filter((e) => ['local-pv.yaml', 'reference.yaml'].includes(e.id))) {
    it(`${example.id}: the per-pod proxy state is copied into each node's directory before the proxies restart`, () => {
      const after = outputOf(example.text);
      const before = perPodProxyState(after);
      const review = reviewOf(before, after);
      expect(review.findings.filter((f) => f.rule === 'state-directory-moved').map((f) => f.severity)).toContain('dangerous');
      expect(review.runbooks).toHaveLength(1);
      const [runbook] = review.runbooks;
      const steps = flat(runbook.steps);
      const ids = runbook.steps.map((s) => s.id);
      // the copy comes before the merge, the proxies roll after the sync
      expect(ids.indexOf('proxy-state-per-node')).toBeGreaterThan(-1);
      expect(ids.indexOf('proxy-state-per-node')).toBeLessThan(ids.indexOf('merge'));
      expect(ids.indexOf('roll-proxies') > ids.indexOf('sync') || ids.indexOf('restart-proxy') > ids.indexOf('sync')).toBe(true);
      const copy = steps.find((s) => s.id === 'copy-state');
      expect(copy).toMatchObject({ kind: 'host', action: { verb: 'copyStateDir', from: expect.stringMatching(/\/proxy\/\$\{POD\}$/), to: expect.stringMatching(/\/proxy$/) } });
      const text = runbookText(runbook, 0).join('\n');
      expect(text).toMatch(/host_exec "\$PROXY_NODE" "cp -a \/etc\/ais\/[a-z-]+\/[a-z0-9-]+\/proxy\/\$\{POD\}\/\. \/etc\/ais\/[a-z-]+\/[a-z0-9-]+\/proxy\/"/);
      expect(runbook.leftovers?.join('\n')).toMatch(/per-pod sub-directories of .*\/proxy/);

      const scenario: Scenario = {
        config: example, kind: { id: 'proxy-state-per-node', apply: () => undefined }, change: { config: parseConfig(example.text) }, before, after, review,
      };
      for (const placement of ['random', 'adversarial'] as const) {
        const outcome = runScenario(scenario, runbook, placement);
        expect(succeeded(outcome), describeOutcome(outcome)).toBe(true);
        // every proxy node's own directory now holds the cluster map
        for (const pod of Object.values(outcome.world.pods).filter((p) => p.set.includes('proxy'))) {
          const dir = Object.keys(outcome.world.hosts[pod.node!].stateDirs).find((k) => k.endsWith('/proxy'));
          expect(dir && outcome.world.hosts[pod.node!].stateDirs[dir].smapUuid, `${pod.name} on ${pod.node}`).toBeTruthy();
        }
      }

      for (const [name, script] of changeRunbookScripts(review, new Map())) expect(shellProblems(script, name.split('/').pop())).toBe('');
    }, 300_000);
  }
});
