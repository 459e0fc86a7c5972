import { RUNBOOK_SCRIPT_DIR, runbookScriptName, stepLabel, stepLines } from './render';
import { ShellWriter } from './shell';
import { Runbook, Step } from './steps';

/** One numbered step as text: `N. [kind] title: why`, then its commands after `$`. */
function stepText(writer: ShellWriter, step: Step, number: string, pad: string): string[] {
  const lines = [`${pad}${number}. [${stepLabel(step)}] ${step.title}${step.why ? `: ${step.why}` : ''}`];
  if (step.kind === 'manual' && step.text !== step.title) lines.push(`${pad}     ${step.text}`);
  for (const line of stepLines(writer, step, { script: false, number: 0 })) lines.push(`${pad}     $ ${line}`);
  return lines;
}

/**
 * A runbook as text for the terminal, under the change review: the title, where it comes from, the
 * script that runs it, then the numbered steps with their commands (the script's own lines).
 * @param index its position in the review (names the script)
 */
export function runbookText(runbook: Runbook, index: number): string[] {
  const writer = new ShellWriter(runbook.scope);
  const lines = [
    `Runbook: ${runbook.title}`,
    `  (after ${runbook.source})`,
    `  Script: ${RUNBOOK_SCRIPT_DIR}/${runbookScriptName(index, runbook)} beside the output folder (--dry-run prints every command, --help says more)`,
  ];
  runbook.steps.forEach((step, i) => lines.push(...stepText(writer, step, String(i + 1), '  ')));
  if (runbook.leftovers?.length) lines.push('  Left for you to clean up:', ...runbook.leftovers.map((l) => `    - ${l}`));
  return lines;
}
