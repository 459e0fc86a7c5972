import * as fs from 'node:fs';
import * as path from 'node:path';
import { aisClusterProps } from '../ais/from-config';
import { nodeLabelScript } from '../ais/node-labels';
import { operatorSideFiles } from '../ais/operator-from-config';
import { resolveNodeLabelScheme } from '../ais/node-label-scheme';
import { ConfigError } from '../config/errors';
import { loadConfigFile } from '../config/load';
import { referenceExamplePath } from '../config/reference-example';
import type { ClusterConfig } from '../config/schema';
import { formatChangeReview } from '../gitops/change-review';
import { buildApp } from './build';
import { checkOutput } from './check';
import { parseArgs, USAGE, UsageError } from './cli-args';
import { formatPrerequisites } from '../ais/prerequisites';
import { PlannedOutput, writeBesideFiles } from './planned-output';
import { assertOutputLocation, checkOwnership, removeStaleBesideFiles, withOwnedFilesIndex } from './ownership';
import { configPrerequisites } from './prerequisites';
import { formatRefusal, reviewAgainstPrevious } from './review-step';
import { formatSummary } from './summary';
import { kmodNotes } from './kmod-notes';
import { planReport } from '../report/plan';
import { synthesize } from './synthesize';
import { OutputDirError, writeOutputDir } from './write-dir';

/** Refuses, before anything is written, an output that would replace what synth did not write; returns the stale beside files. */
function checkWritable(out: string, configFile: string, planned: PlannedOutput): { stale: string[] } {
  assertOutputLocation(out, configFile);
  return checkOwnership(out, planned);
}

/** Where the CLI writes; injectable for tests. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env?: NodeJS.ProcessEnv;
}

const PROCESS_IO: CliIo = {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
};

/** Files written beside the output directory (never inside it: dist/ stays pure YAML for Argo CD). */
function sideFiles(config: ClusterConfig): Map<string, string> {
  const files = new Map<string, string>();
  if (config.ais && config.ais.nodeLabels.output !== 'manifests') {
    const props = aisClusterProps(config);
    files.set('label-nodes.sh', nodeLabelScript({
      proxyNodes: props.proxyNodes, targetNodes: props.targetNodes,
      // the AIS operator has no initial primary (proxy-0 is primary)
      initialPrimaryNode: config.ais.mode === 'standalone' ? props.initialPrimaryNode ?? props.proxyNodes[0] : undefined,
      scheme: resolveNodeLabelScheme(config.name, props.nodeLabels),
    }));
  }
  return files;
}

/** A command line argument as a POSIX shell reads it back. */
const shellWord = (arg: string) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);

/** The synth command that writes what `--check` or `--diff` compared: the same arguments without the question. */
function synthCommand(argv: readonly string[]): string {
  const args = argv.filter((arg) => arg !== '--check' && arg !== '--diff').map(shellWord);
  return `npm run synth${args.length ? ` -- ${args.join(' ')}` : ''}`;
}

/**
 * How PLAN.md names the config: relative to the folder holding PLAN.md (the folder holding the
 * output), so the file is the same whatever the working directory and however the path is spelled.
 */
function configSource(configFile: string, out: string): string {
  return path.relative(path.dirname(path.resolve(out)), path.resolve(configFile)).split(path.sep).join('/');
}

/** A short list of the beside files written and removed, as they sit next to the output folder. */
function formatBesideFiles(out: string, beside: Iterable<string>, removed: readonly string[]): string[] {
  const shown = (names: Iterable<string>) => [...names].map((name) => path.posix.normalize(name).replace(/^\.\.\//, '')).join(', ');
  const folder = path.dirname(out) === '.' ? '' : ` in ${path.dirname(out)}/`;
  const lines = [`wrote beside it${folder}: ${shown(beside)}`];
  if (removed.length) lines.push(`removed (written by the previous synth, no longer produced): ${shown(removed)}`);
  return lines;
}

/**
 * Under `cdk8s synth`, cdk8s-cli deletes $CDK8S_OUTDIR before it starts the generator. That folder
 * is a scratch copy (cdk8s.yaml: output); when it is the real output, the previous output is gone
 * and the change review cannot protect it: refuse, with one line.
 */
function cdk8sScratchProblem(scratch: string, out: string, configFile: string): string | undefined {
  const dir = path.resolve(scratch);
  const overlaps = [path.resolve(out), path.resolve(configFile)].some((p) => {
    const a = path.relative(dir, p);
    const b = path.relative(p, dir);
    return a === '' || !a.startsWith('..') || !b.startsWith('..');
  });
  if (!overlaps) return undefined;
  return `error: cdk8s synth --output ${scratch} deleted ${scratch}/ before starting the generator, so the change review cannot see the previous output; `
    + `nothing was written: restore it (git checkout -- ${scratch}) and run \`npm run synth\` (plain \`npx cdk8s synth\` writes its copy to a scratch folder and is safe)`;
}

/** Copies the YAML of the output to cdk8s-cli's scratch folder, for its listing, --stdout and validation plugins. */
function copyToCdk8sScratch(scratch: string, files: ReadonlyMap<string, string>): void {
  fs.mkdirSync(scratch, { recursive: true });
  for (const [name, text] of files) if (name.endsWith('.yaml')) fs.writeFileSync(path.join(scratch, name), text);
}

/** Runs the generator; returns the process exit code. User mistakes never produce a stack trace. */
export function run(argv: readonly string[], io: CliIo = PROCESS_IO): number {
  try {
    const options = parseArgs(argv, io.env ?? process.env);
    if (options.help) {
      io.stdout(USAGE);
      return 0;
    }
    const configFile = options.config ?? referenceExamplePath();
    const scratchProblem = options.cdk8sOutdir && cdk8sScratchProblem(options.cdk8sOutdir, options.out, configFile);
    if (scratchProblem) {
      io.stderr(scratchProblem);
      return 1;
    }
    const config = loadConfigFile(configFile);
    const app = buildApp(config);
    const output = synthesize(app);
    const besideOutput = (files: Map<string, string>) => [...files].map(([name, text]) => [`../${name}`, text] as const);
    const plan = new Map([['PLAN.md', planReport(config, output.manifests, configSource(configFile, options.out))]]);
    const planned = withOwnedFilesIndex({
      files: output.files,
      beside: new Map([...output.beside, ...besideOutput(sideFiles(config)), ...besideOutput(operatorSideFiles(app)), ...besideOutput(plan)]),
      objects: output.objectsByFile,
    });
    if (options.check) {
      const result = checkOutput(options.out, planned, options.config ?? 'the reference example', synthCommand(options.argv));
      (result.upToDate ? io.stdout : io.stderr)(result.report);
      return result.upToDate ? 0 : 1;
    }
    const { stale } = options.diff ? { stale: [] } : checkWritable(options.out, configFile, planned);
    const review = reviewAgainstPrevious(options.out, planned);
    const notes = config.auristor ? kmodNotes(options.out, output.manifests) : [];
    const refused = review !== undefined && review.dangerous && !options.allowDangerous;
    if (options.diff) {
      io.stdout(review ? formatChangeReview(review) : `no previous output in ${options.out}/: every object would be added`);
      if (refused) io.stdout('synth would refuse this change without --allow-dangerous');
      return refused ? 1 : 0;
    }
    if (refused) {
      io.stderr(formatRefusal(options.out, review, synthCommand(options.argv)));
      return 1;
    }
    writeOutputDir(options.out, planned.files);
    writeBesideFiles(options.out, planned.beside);
    removeStaleBesideFiles(options.out, stale);
    if (options.cdk8sOutdir) copyToCdk8sScratch(options.cdk8sOutdir, planned.files);
    if (!options.quiet) {
      io.stdout(formatSummary(options.out, output.files, output.manifests));
      io.stdout(formatBesideFiles(options.out, planned.beside.keys(), stale).join('\n'));
      const prerequisites = formatPrerequisites(configPrerequisites(config));
      if (prerequisites) io.stdout(prerequisites);
      if (review) io.stdout(formatChangeReview(review));
      for (const note of notes) io.stdout(note);
      if (review?.dangerous) io.stdout('written with --allow-dangerous: do what the DANGEROUS findings say before Argo CD syncs');
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`error: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof ConfigError || error instanceof OutputDirError) {
      io.stderr(error.message);
      io.stderr('nothing was written');
      return 1;
    }
    throw error;
  }
}
