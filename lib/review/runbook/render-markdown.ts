import { RUNBOOK_SCRIPT_DIR, runbookScriptName, stepLabel, stepLines } from './render';
import { ShellWriter, helperText } from './shell';
import { Runbook } from './steps';

/**
 * A runbook as Markdown (PLAN.md, "Change runbook"): numbered steps, each command block runnable as
 * shown once the helpers ({@link runbookHelpersMarkdown}) are defined in the shell.
 * @param index its position in the review (names the script)
 */
export function runbookMarkdown(runbook: Runbook, index: number): string {
  const writer = new ShellWriter(runbook.scope);
  const lines = [
    `### ${runbook.title}`,
    '',
    `After ${runbook.source}. Script: \`${RUNBOOK_SCRIPT_DIR}/${runbookScriptName(index, runbook)}\` beside the output folder `
      + '(`--dry-run` prints every command, `--help` says more).',
    '',
  ];
  runbook.steps.forEach((step, i) => {
    lines.push(`${i + 1}. **${step.title}** (${stepLabel(step)})${step.why ? `: ${step.why}` : ''}`);
    if (step.kind === 'manual' && step.text !== step.title) lines.push('', `   ${step.text}`);
    const commands = stepLines(writer, step, { script: false, number: i + 1 });
    if (commands.length) lines.push('', '   ```console', ...commands.map((c) => `   ${c}`), '   ```');
  });
  if (runbook.leftovers?.length) lines.push('', 'Left for you to clean up:', '', ...runbook.leftovers.map((l) => `- ${l}`));
  return lines.join('\n');
}

/** The helper functions the runbooks' commands call, as one Markdown console block (paste it first). */
export function runbookHelpersMarkdown(runbooks: readonly Runbook[]): string {
  const names = new Set<string>();
  for (const runbook of runbooks) {
    const writer = new ShellWriter(runbook.scope);
    runbook.steps.forEach((step, i) => stepLines(writer, step, { script: false, number: i + 1 }));
    writer.helpers.forEach((name) => names.add(name));
  }
  if (names.size === 0) return '';
  return ['The commands call these shell functions (each script defines them too); paste them into your shell first:', '',
    '```console', helperText(names), '```'].join('\n');
}
