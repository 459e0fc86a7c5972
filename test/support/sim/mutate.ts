/** Mutations of a runbook's steps (forEach bodies included): what the mutation tests run. */
import type { Step } from '../../../lib/review/runbook/steps';

const matches = (step: Step, id: string | RegExp) => (typeof id === 'string' ? step.id === id : id.test(step.id));

/** The steps without those whose id matches (at any depth). */
export function withoutSteps(steps: readonly Step[], id: string | RegExp): Step[] {
  return steps.filter((s) => !matches(s, id)).map((s) => (s.kind === 'forEach' ? { ...s, body: withoutSteps(s.body, id) } : s));
}

/** The top-level step `id` moved to just after the step `anchor`. */
export function moveAfter(steps: readonly Step[], id: string, anchor: string): Step[] {
  const step = steps.find((s) => s.id === id);
  if (!step || !steps.some((s) => s.id === anchor)) throw new Error(`no step ${step ? anchor : id}`);
  const rest = steps.filter((s) => s !== step);
  const at = rest.findIndex((s) => s.id === anchor);
  return [...rest.slice(0, at + 1), step, ...rest.slice(at + 1)];
}

/** Whether any step matches (at any depth). */
export function hasStep(steps: readonly Step[], id: string | RegExp): boolean {
  return steps.some((s) => matches(s, id) || (s.kind === 'forEach' && hasStep(s.body, id)));
}
