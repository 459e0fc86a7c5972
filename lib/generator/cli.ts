import { aisClusterProps } from '../ais/from-config';
import { nodeLabelScript } from '../ais/node-labels';
import { operatorSideFiles } from '../ais/operator-from-config';
import { resolveNodeLabelScheme } from '../ais/node-label-scheme';
import { ConfigError, formatProblem } from '../config/errors';
import { loadConfigFileWithWarnings } from '../config/load';
import { referenceExamplePath } from '../config/reference-example';
import type { ClusterConfig } from '../config/schema';
import { formatChangeReview } from '../gitops/change-review';
import { buildApp } from './build';
import { checkOutput } from './check';
import { parseArgs, USAGE, UsageError } from './cli-args';
import { formatPrerequisites } from '../ais/prerequisites';
import { readBesideFile, writeBesideFiles } from './planned-output';
import { configPrerequisites } from './prerequisites';
import { formatRefusal, reviewAgainstPrevious } from './review-step';
import { formatSummary } from './summary';
import { kmodNotes } from './kmod-notes';
import { planReport } from '../report/plan';
import { withChangeRunbook } from '../report/change-runbook';
import { synthesize } from './synthesize';
import { OutputDirError, writeOutputDir } from './write-dir';

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

/** Runs the generator; returns the process exit code. User mistakes never produce a stack trace. */
export function run(argv: readonly string[], io: CliIo = PROCESS_IO): number {
  try {
    const options = parseArgs(argv, io.env ?? process.env);
    if (options.help) {
      io.stdout(USAGE);
      return 0;
    }
    const { config, warnings } = loadConfigFileWithWarnings(options.config ?? referenceExamplePath());
    for (const warning of warnings) io.stderr(formatProblem(warning));
    const app = buildApp(config);
    const output = synthesize(app);
    const besideOutput = (files: Map<string, string>) => [...files].map(([name, text]) => [`../${name}`, text] as const);
    const plan = new Map([['PLAN.md', planReport(config, output.manifests, options.config ?? 'examples/reference.yaml (built-in)')]]);
    const planned = {
      files: output.files,
      beside: new Map([...output.beside, ...besideOutput(sideFiles(config)), ...besideOutput(operatorSideFiles(app)), ...besideOutput(plan)]),
      objects: output.objectsByFile,
    };
    const review = reviewAgainstPrevious(options.out, planned);
    planned.beside.set('../PLAN.md', withChangeRunbook(plan.get('PLAN.md')!, review, readBesideFile(options.out, '../PLAN.md')));
    if (options.check) {
      const result = checkOutput(options.out, planned, options.config ?? 'the reference example');
      (result.upToDate ? io.stdout : io.stderr)(result.report);
      return result.upToDate ? 0 : 1;
    }
    const notes = config.auristor ? kmodNotes(options.out, output.manifests) : [];
    const refused = review !== undefined && review.dangerous && !options.allowDangerous;
    if (options.diff) {
      io.stdout(review ? formatChangeReview(review) : `no previous output in ${options.out}/: every object would be added`);
      if (refused) io.stdout('synth would refuse this change without --allow-dangerous');
      return refused ? 1 : 0;
    }
    if (refused) {
      io.stderr(formatRefusal(options.out, review));
      return 1;
    }
    writeOutputDir(options.out, planned.files);
    writeBesideFiles(options.out, planned.beside);
    if (!options.quiet) {
      io.stdout(formatSummary(options.out, output.files, output.manifests));
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
