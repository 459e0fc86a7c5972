import { shellMessage, shellQuote } from './ais-cli';
import { ShellWriter, describeCondition } from './shell';
import { Runbook, Step, isEffectful } from './steps';

/**
 * What the three renderers share: the shell lines of each step (the script runs exactly the lines the
 * review and PLAN.md print) and the numbering. `script` adds what only a script does: keeping a
 * variable given with `--var`, stopping at the merge with `--until-merge`.
 */

/** Where the scripts of a change's runbooks go, relative to the folder holding the output folder. */
export const RUNBOOK_SCRIPT_DIR = 'runbooks';

/** The file name of the script of the `index`-th runbook of a review (0-based): `01-target-node-replaced.sh`. */
export function runbookScriptName(index: number, runbook: Pick<Runbook, 'id'>): string {
  return `${String(index + 1).padStart(2, '0')}-${runbook.id}.sh`;
}

/** Seconds between two polls of a wait. */
export const POLL_SECONDS = 5;

/** Options of {@link stepLines}. */
export interface LineOptions {
  /** the script form (else the form printed in the review and PLAN.md) */
  readonly script: boolean;
  /** the step's number, for the resume hint of the merge step */
  readonly number: number;
}

const indent = (lines: readonly string[], by = '  ') => lines.map((line) => (line === '' ? line : `${by}${line}`));

/** The shell lines of a wait: poll, fail at the timeout (no helper: a reader sees the whole loop). */
function waitLines(writer: ShellWriter, step: Extract<Step, { kind: 'wait' }>): string[] {
  const predicate = writer.predicate(step.condition);
  const what = `${step.title} (${describeCondition(step.condition)})`;
  writer.helpers.add('die');
  return [
    `deadline=$((SECONDS + ${step.timeoutSeconds}))`,
    `until ${predicate}; do`,
    `  [ "$SECONDS" -lt "$deadline" ] || die ${shellMessage(`timed out after ${step.timeoutSeconds}s waiting for: ${what}`)}`,
    `  sleep ${POLL_SECONDS}`,
    'done',
  ];
}

/** The shell lines of one step (a forEach: the loop with its body). */
export function stepLines(writer: ShellWriter, step: Step, options: LineOptions): string[] {
  const lines = bodyLines(writer, step, options);
  if (!step.when) return lines;
  return [`if ${writer.predicate(step.when)}; then`, ...indent(lines), 'else', `  echo ${shellMessage(`skipped: not needed (${describeCondition(step.when)} does not hold)`)}`, 'fi'];
}

function bodyLines(writer: ShellWriter, step: Step, options: LineOptions): string[] {
  switch (step.kind) {
    case 'check':
      writer.helpers.add('die');
      return [`${writer.predicate(step.condition)} || die ${shellMessage(step.failMessage)}`];
    case 'resolve': {
      writer.helpers.add('die');
      const lookup = writer.lookup(step.variable, step.lookup);
      const found = `[ -n "$${step.variable}" ] || die ${shellQuote(`nothing found: ${step.title}`
        + (options.script ? `; when resuming after it moved, pass --var ${step.variable}=NAME` : ''))}`;
      if (!options.script) return [lookup, found];
      return [`if [ -z "\${${step.variable}:-}" ]; then`, `  ${lookup}`, 'fi', found, `remember ${step.variable}`];
    }
    case 'wait': return waitLines(writer, step);
    case 'manual': {
      if (!options.script) return [];
      writer.helpers.add('confirm');
      const say = `echo ${textWord(step.text)}`;
      if (step.action === 'work') return [say, `confirm ${textWord(`Done: ${step.title}?`)}`];
      return [
        say,
        'if [ "$UNTIL_MERGE" = 1 ]; then',
        `  echo "stopped before the merge (--until-merge): merge, then run $0 --from-step ${options.number + 1}"`,
        '  exit 0',
        'fi',
        'confirm \'Merged into the branch Argo CD syncs?\'',
      ];
    }
    case 'forEach': {
      const body = step.body.flatMap((inner) => [
        `echo "  $${step.variable}: ${inner.title.replace(/["$`\\]/g, '\\$&')}"`,
        ...stepLines(writer, inner, options),
      ]);
      if (step.items.length === 1) {
        // one item: no loop (ShellCheck SC2043 refuses a loop that runs once)
        const [item] = step.items;
        if (!step.unless) return [`${step.variable}=${shellQuote(item)}`, ...body];
        return [`${step.variable}=${shellQuote(item)}`, `if ${writer.predicate(step.unless)}; then`, `  echo "  $${step.variable}: already done"`, 'else', ...indent(body), 'fi'];
      }
      const lines: string[] = [];
      lines.push(`for ${step.variable} in ${step.items.map(shellQuote).join(' ')}; do`);
      if (step.unless) lines.push(`  if ${writer.predicate(step.unless)}; then echo "  $${step.variable}: already done"; continue; fi`);
      lines.push(...indent(body));
      lines.push('done');
      return lines;
    }
    case 'command': {
      // a text runbook's command as printed: a command substitution left unquoted splits into several names on purpose
      const lines = writer.commands(step);
      return options.script && lines.some((line) => /(^|[\s=])\$\(/.test(line)) ? ['# shellcheck disable=SC2046', ...lines] : lines;
    }
    default:
      return writer.commands(step);
  }
}

/**
 * Text as one shell word for `echo`: single-quoted, or double-quoted with `$` and backquotes escaped when it
 * shows code in backquotes (ShellCheck SC2016 takes single-quoted backquotes for a forgotten expansion).
 */
export function textWord(text: string): string {
  return /[`$]/.test(text) ? `"${text.replace(/[\\"`$]/g, '\\$&')}"` : shellQuote(text);
}

/** `[kind]` labels of the text and Markdown forms. */
export function stepLabel(step: Step): string {
  if (step.kind === 'manual') return step.action === 'merge' ? 'merge' : 'by hand';
  if (step.kind === 'forEach') return `each of ${step.items.length}`;
  return step.kind;
}

/** The steps that change something, for tests and the summary. */
export function effectfulSteps(runbook: Runbook): Step[] {
  return runbook.steps.filter(isEffectful);
}
