import * as path from 'node:path';
import { ConfigError, formatProblem } from '../config/errors';
import { loadConfig } from '../from-config/load';
import { referenceExamplePath } from '../config/reference-example';
import { formatChangeReview } from '../review/change-review';
import { buildApp } from './build';
import { checkOutput } from './check';
import { parseArgs, synthCommand, usage, UsageError } from './cli-args';
import { commandLine, Invocation, NPM_RUN_SYNTH, withoutOptions } from './invocation';
import { findLeftovers } from '../output/leftovers';
import { cleanLeftoversReported, leftoverDiffWarning, leftoversCheckLine } from './leftover-report';
import { lockOutput, OutputLock } from '../output/output-lock';
import { cdk8sScratchProblem, copyToCdk8sScratch } from './cdk8s-cli';
import { formatPrerequisites } from '../k8s/prerequisite';
import type { PlannedOutput } from '../output/planned';
import { writeBesideFiles } from '../output/planned-output';
import { assertOutputLocation, checkOwnership, removeStaleBesideFiles } from '../output/ownership';
import { formatRefusal, runbookScriptsOf, suggestOutputFolder } from './review-step';
import { formatUpgradeRefusal, upgradePathProblems } from './upgrade-step';
import { healthSettingsFiles, planOutput, reviewPlan } from './plan-output';
import { isFleetFile, runFleet } from './fleet';
import { editorSchemaWarnings, writeEditorSchemas } from './editor-schema';
import { formatBesideFiles, formatSummary } from './summary';
import { subjectPrerequisites } from '../report/subjects';
import type { SynthOutput } from '../gitops/synthesize';
import { OutputDirError, writeOutputDir } from '../output/write-dir';

/** Refuses, before anything is written, an output that would replace what synth did not write; returns the stale beside files. */
function checkWritable(out: string, configFile: string, planned: PlannedOutput, rerun: (out: string) => string): { stale: string[] } {
  assertOutputLocation(out, configFile, rerun);
  return checkOwnership(out, planned);
}

/** Where the CLI writes; injectable for tests. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env?: NodeJS.ProcessEnv;
  /** how the generator was started, for the commands it prints @default `npm run synth` */
  readonly invocation?: Invocation;
}

const PROCESS_IO: CliIo = {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
};

/**
 * How PLAN.md names the config: relative to the folder holding PLAN.md (the folder holding the
 * output), so the file is the same whatever the working directory and however the path is spelled.
 */
function configSource(configFile: string, out: string): string {
  return path.relative(path.dirname(path.resolve(out)), path.resolve(configFile)).split(path.sep).join('/');
}

/** Runs the generator; returns the process exit code. User mistakes never produce a stack trace. */
export function run(argv: readonly string[], io: CliIo = PROCESS_IO): number {
  let writing = false;
  let lock: OutputLock | undefined;
  const invocation = io.invocation ?? NPM_RUN_SYNTH;
  try {
    const options = parseArgs(argv, io.env ?? process.env);
    if (options.help) {
      io.stdout(usage(invocation));
      return 0;
    }
    if (options.writeSchema !== undefined) {
      io.stdout(writeEditorSchemas(options.writeSchema, options.config, options.config !== undefined && isFleetFile(options.config)));
      return 0;
    }
    const configFile = options.config ?? referenceExamplePath();
    const scratchProblem = options.cdk8sOutdir && cdk8sScratchProblem(options.cdk8sOutdir, options.out, configFile, synthCommand(invocation, options.argv));
    if (scratchProblem) {
      io.stderr(scratchProblem);
      return 1;
    }
    if (isFleetFile(configFile)) return runFleet(options, configFile, io);
    if (options.allowDangerousSites || options.removeSites.length > 0) {
      throw new UsageError(`${options.allowDangerousSites ? '--allow-dangerous=<sites>' : '--remove-site'} is for a fleet file (one with a fleet: section); ${configFile} is a cluster config`);
    }
    // the same synth into another folder, as the user started it
    const rerunInto = (out: string) => synthCommand(invocation, withoutOptions(options.argv, [], ['--out', '-o']), ['--out', out]);
    const { config, adapted, warnings, locate } = loadConfig(configFile);
    // one synth at a time per output; then what an earlier synth killed mid-write left is dealt with
    if (!options.check && !options.diff) assertOutputLocation(options.out, configFile, rerunInto); // before the lock makes its folder
    lock = lockOutput(options.out, { create: !options.check && !options.diff });
    const leftovers = options.check || options.diff ? findLeftovers(options.out) : [];
    if (!options.check && !options.diff) cleanLeftoversReported(options.out, options.out, io.stderr);
    for (const warning of [...warnings, ...editorSchemaWarnings(configFile, false, invocation)]) io.stderr(formatProblem(warning));
    const healthChecks = adapted.argoApplications !== undefined && config.gitops?.argocd?.healthChecks === true;
    const app = buildApp(adapted, undefined, { healthGates: healthChecks });
    const settings = (output: SynthOutput) => (healthChecks ? healthSettingsFiles(config.gitops!.argocd!.namespace, output.manifests) : new Map<string, string>());
    const { output, subjects, planned } = planOutput(app, config, configSource(configFile, options.out), settings);
    const addRunbooks = () => reviewPlan(options.out, planned);
    if (options.check) {
      addRunbooks();
      const result = checkOutput(options.out, planned, options.config ?? 'the reference example', synthCommand(invocation, options.argv));
      if (leftovers.length > 0) io.stderr(leftoversCheckLine(leftovers));
      const ok = result.upToDate && leftovers.length === 0;
      (ok ? io.stdout : io.stderr)(result.report);
      return ok ? 0 : 1;
    }
    // the runbook scripts are beside files too: planned before the ownership check
    const review = addRunbooks();
    const { stale } = options.diff ? { stale: [] } : checkWritable(options.out, configFile, planned, rerunInto);
    const upgradeProblems = upgradePathProblems(review, adapted, locate);
    if (upgradeProblems.length > 0) {
      io.stderr(formatUpgradeRefusal(`${options.out}/`, upgradeProblems, options.diff));
      return 1;
    }
    const refused = review !== undefined && review.dangerous && !options.allowDangerous;
    if (options.diff) {
      for (const leftover of leftovers) io.stderr(leftoverDiffWarning(leftover));
      io.stdout(review ? formatChangeReview(review, { runbookScripts: runbookScriptsOf(options.out, false) }) : `no previous output in ${options.out}/: every object would be added`);
      if (refused) io.stdout('synth would refuse this change without --allow-dangerous');
      return refused ? 1 : 0;
    }
    if (refused) {
      const newFolder = suggestOutputFolder(options.out, configFile, config.name);
      io.stderr(formatRefusal(options.out, review, {
        allowDangerous: synthCommand(invocation, options.argv, ['--allow-dangerous']),
        newFolder: newFolder && rerunInto(newFolder),
      }));
      return 1;
    }
    lock?.assertHeld();
    writing = true;
    writeOutputDir(options.out, planned.files);
    writeBesideFiles(options.out, planned.beside);
    removeStaleBesideFiles(options.out, stale);
    if (options.cdk8sOutdir) copyToCdk8sScratch(options.cdk8sOutdir, planned.files);
    if (!options.quiet) {
      io.stdout(formatSummary(options.out, output.files, output.manifests));
      io.stdout(formatBesideFiles(options.out, planned.beside.keys(), stale).join('\n'));
      const prerequisites = formatPrerequisites(subjectPrerequisites(subjects));
      if (prerequisites) io.stdout(prerequisites);
      if (review) io.stdout(formatChangeReview(review, { runbookScripts: runbookScriptsOf(options.out, true) }));
      for (const note of review?.kmodNotes ?? []) io.stdout(note);
      if (review?.dangerous) io.stdout('written with --allow-dangerous: do what the DANGEROUS findings say before Argo CD syncs');
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`error: ${error.message}\n\n${usage(invocation)}`);
      return 2;
    }
    if (error instanceof ConfigError || error instanceof OutputDirError) {
      io.stderr(error.message);
      io.stderr('nothing was written');
      return 1;
    }
    // anything else (a file system error, an input no check foresaw) is still a message, not a stack trace
    if (!(error instanceof Error) || (io.env ?? process.env).CDK8S_STORAGE_DEBUG) throw error;
    io.stderr(`error: ${error.message}`);
    io.stderr(writing
      ? 'synth stopped while writing: the output folder is replaced in one step, but check the files beside it (git status)'
      : 'nothing was written');
    io.stderr(`(to see where it was raised: \`CDK8S_STORAGE_DEBUG=1 ${commandLine(invocation, argv)}\`; please report it if your config caused it)`);
    return 1;
  } finally {
    lock?.release();
  }
}
