import { Runbook as TypedRunbook, Step } from '../runbook/steps';
import { ReviewInput } from './types';

/**
 * Runbooks in text form: each step a sentence and the commands that do it. The AuriStorFS procedures
 * (lib/review/auristor-runbooks.ts) are written so, and checked by their own node model
 * (test/support/auristor-model.ts); the change review turns them into typed runbooks ({@link typedRunbook})
 * of `manual` and `command` steps, which the AIS simulator does not run. The AIS runbooks are typed
 * from the start (lib/review/runbooks).
 */

/** One step of a runbook: what to do and why, then the commands that do it. */
export interface RunbookStep {
  readonly text: string;
  /** shell commands, run in order (kubectl against the cluster) */
  readonly commands?: readonly string[];
}

/** The ordered steps of a day-2 procedure, with the real object names of the change under review. */
export interface Runbook {
  /** which procedure (e.g. `auristor-group-upgrade`) */
  readonly id: string;
  readonly title: string;
  /** where the procedure comes from (upstream document) */
  readonly source: string;
  readonly steps: readonly RunbookStep[];
}

/** Writes the text runbooks one kind of change needs. */
export interface RunbookRule {
  readonly id: string;
  readonly runbooks: (input: ReviewInput) => Runbook[];
}

/** Whether every command only reads (`kubectl get`, `kubectl wait`, a wait loop around it). */
const readsOnly = (commands: readonly string[]) => commands.every((c) => /^(kubectl (get|wait) |until kubectl wait )/.test(c));

/**
 * A text runbook as a typed one, for the review, PLAN.md and the scripts: a step with commands is a
 * `command` step (rendered as is), a step without is work `by hand` (the script asks for it to be done).
 */
export function typedRunbook(runbook: Runbook): TypedRunbook {
  return {
    id: runbook.id,
    title: runbook.title,
    source: runbook.source,
    scope: { namespace: '', tools: runbook.steps.some((s) => s.commands?.length) ? ['kubectl'] : [] },
    steps: runbook.steps.map((step, i): Step => (step.commands?.length
      ? { id: `step-${i + 1}`, kind: 'command', title: step.text, commands: step.commands, effect: !readsOnly(step.commands) }
      : { id: `step-${i + 1}`, kind: 'manual', action: 'work', title: step.text, text: step.text })),
  };
}

/** A runbook as Markdown (PLAN.md's AuriStorFS procedures). */
export function runbookMarkdown(runbook: Runbook): string {
  const lines = [`### ${runbook.title}`, '', `After ${runbook.source}.`, ''];
  runbook.steps.forEach((step, i) => {
    lines.push(`${i + 1}. ${step.text}`);
    if (step.commands?.length) lines.push('', '   ```console', ...step.commands.map((c) => `   ${c}`), '   ```');
  });
  return lines.join('\n');
}
