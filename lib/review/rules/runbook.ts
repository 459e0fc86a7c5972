import { Manifest, groupKind } from '../../k8s/manifest';
import { AisClusterFacts, podSelector } from './ais-clusters';
import { ReviewInput } from './types';

/** One step of a runbook: what to do and why, then the commands that do it. */
export interface RunbookStep {
  readonly text: string;
  /** shell commands, run in order (kubectl against the cluster, `ais` against the AIS gateway) */
  readonly commands?: readonly string[];
}

/** The ordered steps of a day-2 procedure, with the real object names of the change under review. */
export interface Runbook {
  /** which procedure (e.g. `target-node-replaced`) */
  readonly id: string;
  readonly title: string;
  /** where the procedure comes from (upstream document) */
  readonly source: string;
  readonly steps: readonly RunbookStep[];
}

/** Writes the runbooks one kind of change needs. */
export interface RunbookRule {
  readonly id: string;
  readonly runbooks: (input: ReviewInput, before: ReadonlyMap<string, AisClusterFacts>, after: ReadonlyMap<string, AisClusterFacts>) => Runbook[];
}

/** Labels a Node object of the previous output had and the new output no longer gives it. */
export function labelsToRemove(input: ReviewInput, node: string): string[] {
  const find = (objects: readonly Manifest[]) => objects.find((m) => groupKind(m) === 'Node' && m.metadata.name === node);
  const before = Object.keys(find(input.previous)?.metadata.labels ?? {});
  const after = find(input.next)?.metadata.labels ?? {};
  return before.filter((k) => after[k] === undefined).sort();
}

/** `kubectl label node` commands taking off what the new output no longer gives `nodes`, nodes with the same labels together. */
export function unlabelCommands(input: ReviewInput, nodes: readonly string[]): string[] {
  const bySet = new Map<string, string[]>();
  for (const node of nodes) {
    const labels = labelsToRemove(input, node).map((k) => `${k}-`).join(' ');
    if (!labels) continue;
    const names = bySet.get(labels) ?? [];
    names.push(node);
    bySet.set(labels, names);
  }
  return [...bySet].map(([labels, names]) => `kubectl label node ${names.join(' ')} ${labels}`);
}

/** `kubectl get pod` for the pod of `role` on `node`, into a shell variable. */
export function podOnNode(cluster: AisClusterFacts, role: 'proxy' | 'target', node: string, variable: string): string {
  return `${variable}=$(kubectl get pod -n ${cluster.namespace} -l ${podSelector(cluster, role)} --field-selector spec.nodeName=${node} `
    + '-o jsonpath=\'{.items[0].metadata.name}\')';
}

/**
 * The AIS node ID of a pod, into a shell variable: `ais show cluster` prints it first, as `t[ID]`
 * or `p[ID]` plus a status suffix (`[P]` primary, `[x]` in maintenance), with the pod name in
 * column `K8s POD` (aistore v1.4.9 cmd/cli/teb/daeclu.go, utils.go fmtStatusSID); the CLI takes
 * `t[ID]` as the ID (core/meta/smap.go N2ID).
 */
export function aisNodeId(role: 'proxy' | 'target', pod: string, variable: string): string {
  return `${variable}=$(ais show cluster ${role} -H | awk -v pod="${pod}" '{for (i = 2; i <= NF; i++) if ($i == pod) print $1}' | grep -o '^[pt]\\[[^]]*\\]')`;
}

/** A runbook as text for the terminal, indented under the review. */
export function formatRunbook(runbook: Runbook): string[] {
  const lines = [`Runbook: ${runbook.title}`, `  (after ${runbook.source})`];
  runbook.steps.forEach((step, i) => {
    lines.push(`  ${i + 1}. ${step.text}`);
    for (const command of step.commands ?? []) lines.push(`       $ ${command}`);
  });
  return lines;
}

/** A runbook as Markdown (PLAN.md, section "Change runbook"). */
export function runbookMarkdown(runbook: Runbook): string {
  const lines = [`### ${runbook.title}`, '', `After ${runbook.source}.`, ''];
  runbook.steps.forEach((step, i) => {
    lines.push(`${i + 1}. ${step.text}`);
    if (step.commands?.length) lines.push('', '   ```console', ...step.commands.map((c) => `   ${c}`), '   ```');
  });
  return lines.join('\n');
}
