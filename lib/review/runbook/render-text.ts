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
 * @param script the folder of the scripts as the user reaches it from where synth ran (so the path
 *   runs as printed), and whether this synth wrote them; without it, the path beside the output folder
 */
export function runbookText(runbook: Runbook, index: number, script?: { readonly folder: string; readonly written: boolean }): string[] {
  const writer = new ShellWriter(runbook.scope);
  const name = runbookScriptName(index, runbook);
  const where = script ? `${script.folder}/${name}${script.written ? '' : ' once synth writes this change'}` : `${RUNBOOK_SCRIPT_DIR}/${name} beside the output folder`;
  const lines = [
    `Runbook: ${runbook.title}`,
    `  (after ${runbook.source})`,
    `  Script: ${where} (--dry-run prints every command, --help says more)`,
  ];
  runbook.steps.forEach((step, i) => lines.push(...stepText(writer, step, String(i + 1), '  ')));
  if (runbook.leftovers?.length) lines.push('  Left for you to clean up:', ...runbook.leftovers.map((l) => `    - ${l}`));
  return lines;
}
