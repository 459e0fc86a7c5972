import { shellQuote } from './ais-cli';
import { stepLabel, stepLines, textWord } from './render';
import { ShellWriter, helperText } from './shell';
import { Runbook, Step } from './steps';

/** What the script's header says about the change it belongs to. */
export interface ScriptHeader {
  /** the script's file name (`01-target-node-replaced.sh`) */
  readonly name: string;
  /** identifies the change (old output → new output), e.g. a digest of both */
  readonly change: string;
}

const comment = (text: string) => text.split('\n').map((line) => `# ${line}`.trimEnd());

/** Wraps text at about 100 columns for comments. */
function wrap(text: string, width = 98): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

function usage(runbook: Runbook, header: ScriptHeader, steps: number, needsApp: boolean): string[] {
  return [
    'usage() {',
    '  cat <<\'USAGE\'',
    `Usage: ./${header.name} [options]`,
    '',
    ...wrap(`Runs the runbook "${runbook.title}" step by step (${steps} steps), stopping at the first step that fails or`
      + ' finds the cluster not as the runbook expects. It refuses to start when the live state is not the old output\'s.'),
    '',
    'Options:',
    '  --dry-run            print every step and its commands; run nothing (not even reads)',
    '  --from-step N        start at step N (resume: the lookups of earlier steps run again)',
    '  --until-merge        stop before the merge step (exit 0); merge, then run with --from-step',
    '  --yes                no questions; steps on nodes then need --host-exec (the merge step still asks)',
    '  --host-exec TEMPLATE run node steps with TEMPLATE, {node} replaced: e.g. \'ssh root@{node} --\'',
    ...(needsApp ? ['  --app NAME           the Argo CD Application that syncs this output (the config has no gitops.argocd)'] : []),
    '  --var NAME=VALUE     a value an earlier run looked up (printed when it stopped)',
    '  -h, --help           this text',
    '',
    `Needs: ${scriptTools(runbook).join(', ')}, on a machine whose requests reach the pod network`,
    '(the ais CLI sends most requests to the primary proxy\'s own URL, a pod IP).',
    'USAGE',
    '}',
  ];
}

/** The tools a runbook's commands run. */
export function scriptTools(runbook: Runbook): string[] {
  const writer = new ShellWriter(runbook.scope);
  runbook.steps.forEach((step, i) => stepLines(writer, step, { script: true, number: i + 1 }));
  return [...new Set([...(runbook.scope.tools ?? []), ...writer.tools])].sort();
}

/** Whether any step names an Application by the `ARGO_APP` variable (set by `--app`). */
function usesAppVariable(steps: readonly Step[]): boolean {
  return JSON.stringify(steps).includes('"var":"ARGO_APP"');
}

/**
 * A runbook as a bash script: `set -euo pipefail`, one function per step (its lines are the ones the
 * review and PLAN.md print), real waits with timeouts, `--dry-run`, resume from a step, and a message
 * naming the step and the resume command when it stops. Deterministic.
 */
export function runbookScript(runbook: Runbook, header: ScriptHeader): string {
  const writer = new ShellWriter(runbook.scope);
  const functions: string[] = [];
  runbook.steps.forEach((step, i) => {
    const number = i + 1;
    const body = stepLines(writer, step, { script: true, number });
    functions.push(
      ...(step.why ? comment(`${number}. ${step.title}: ${step.why}`).flatMap((line) => wrap(line.slice(2)).map((l) => `# ${l}`)) : [`# ${number}. ${step.title}`]),
      ...(step.cite?.length ? [`# (${step.cite.join('; ')})`] : []),
      `step_${number}() {`,
      ...(body.length ? body.map((line) => `  ${line}`) : ['  :']),
      '}',
      '',
    );
  });
  writer.helpers.add('die');
  const needsApp = usesAppVariable(runbook.steps);
  const tools = scriptTools(runbook);
  const titles = runbook.steps.map((s) => textWord(`${s.title} [${stepLabel(s)}]`));
  const kinds = runbook.steps.map((s) => s.kind);
  const lines = [
    '#!/usr/bin/env bash',
    ...comment(`Runbook: ${runbook.title}`),
    ...comment(`After ${runbook.source}.`).flatMap((line) => wrap(line.slice(2)).map((l) => `# ${l}`)),
    `# Written by cdk8s-storage with the output of change ${header.change}; synth replaces or deletes it with the next change.`,
    `# Needs: ${tools.join(', ')}. --help for the options.`,
    'set -euo pipefail',
    '',
    ...usage(runbook, header, runbook.steps.length, needsApp),
    '',
    helperText(writer.helpers),
    '',
    'DRY_RUN=0',
    'FROM_STEP=1',
    'UNTIL_MERGE=0',
    'ASSUME_YES=0',
    'HOST_EXEC=',
    ...(needsApp ? ['ARGO_APP=${ARGO_APP:-}'] : []),
    'RESOLVED=()',
    'while [ $# -gt 0 ]; do',
    '  case $1 in',
    '    --dry-run) DRY_RUN=1 ;;',
    '    --from-step) FROM_STEP=${2:?--from-step needs a step number}; shift ;;',
    '    --until-merge) UNTIL_MERGE=1 ;;',
    '    --yes) ASSUME_YES=1 ;;',
    '    --host-exec) HOST_EXEC=${2:?--host-exec needs a template}; shift ;;',
    ...(needsApp ? ['    --app) ARGO_APP=${2:?--app needs a name}; shift ;;'] : []),
    '    --var)',
    '      [[ ${2:-} =~ ^[A-Z][A-Z0-9_]*=.+$ ]] || die "--var needs NAME=VALUE"',
    '      printf -v "${2%%=*}" \'%s\' "${2#*=}"',
    '      shift ;;',
    '    -h|--help) usage; exit 0 ;;',
    '    *) die "unknown argument $1 (see --help)" ;;',
    '  esac',
    '  shift',
    'done',
    `if ! [[ $FROM_STEP =~ ^[0-9]+$ ]] || [ "$FROM_STEP" -lt 1 ] || [ "$FROM_STEP" -gt ${runbook.steps.length} ]; then`,
    `  die "--from-step takes 1 to ${runbook.steps.length}"`,
    'fi',
    // without a merge step nothing reads UNTIL_MERGE but the option is still taken (ShellCheck SC2034)
    runbook.steps.some((s) => s.kind === 'manual' && s.action === 'merge') ? 'export HOST_EXEC ASSUME_YES' : 'export HOST_EXEC ASSUME_YES UNTIL_MERGE',
    '',
    'remember() { # NAME: a looked-up value, printed and kept for the resume hint',
    '  RESOLVED+=(--var "$1=${!1}")',
    '  echo "  $1=${!1}"',
    '}',
    '',
    'STEP=0',
    'on_exit() {',
    '  local status=$?',
    '  if [ "$status" -ne 0 ] && [ "$STEP" -gt 0 ]; then',
    '    echo >&2',
    '    echo "stopped at step $STEP: ${TITLES[STEP]}" >&2',
    '    echo "fix the cause, then resume with: $0 --from-step $STEP ${RESOLVED[*]}" >&2',
    ...(runbook.steps.some((s) => s.kind === 'argocd' && s.action.verb === 'suspend')
      ? ['    echo "automated sync of the Application(s) stays suspended until the last steps resume it" >&2'] : []),
    '  fi',
    '}',
    'trap on_exit EXIT',
    '',
    ...functions,
    `TITLES=('' ${titles.join(' ')})`,
    `KINDS=('' ${kinds.join(' ')})`,
    `STEPS=${runbook.steps.length}`,
    '',
    'if [ "$DRY_RUN" = 0 ]; then',
    // one tool: no loop (ShellCheck SC2043 refuses a loop that runs once)
    ...(tools.length === 1 ? [`  command -v ${tools[0]} >/dev/null || die "this runbook needs ${tools[0]} on the PATH"`] : [
      `  for tool in ${tools.join(' ')}; do`,
      '    command -v "$tool" >/dev/null || die "this runbook needs $tool on the PATH"',
      '  done',
    ]),
    ...(needsApp ? ['  [ -n "$ARGO_APP" ] || die "pass --app NAME: the Argo CD Application that syncs this output"'] : []),
    'fi',
    'for ((n = 1; n <= STEPS; n++)); do',
    '  if [ "$n" -lt "$FROM_STEP" ]; then',
    '    # a resumed run looks up again what earlier steps found',
    '    if [ "$DRY_RUN" = 0 ] && [ "${KINDS[n]}" = resolve ]; then "step_$n"; fi',
    '    continue',
    '  fi',
    '  STEP=$n',
    '  printf \'\\n== step %s/%s: %s\\n\' "$n" "$STEPS" "${TITLES[n]}"',
    '  if [ "$DRY_RUN" = 1 ]; then',
    '    declare -f "step_$n" | sed \'1,2d;$d\'',
    '  else',
    '    "step_$n"',
    '  fi',
    'done',
    'STEP=0',
    'echo',
    `echo ${shellQuote(`done: ${runbook.title}`)}`,
    ...(runbook.leftovers?.length ? ['echo \'Left for you to clean up:\'', ...runbook.leftovers.map((l) => `echo ${shellQuote(`  - ${l}`)}`)] : []),
  ];
  return `${lines.join('\n')}\n`;
}
