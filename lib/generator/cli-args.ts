import { DEFAULT_SCHEMA_DIR } from './editor-schema';
import { commandLine, Invocation, NPM_RUN_SYNTH, withoutOptions } from './invocation';

/** Parsed command line of the generator. */
export interface CliOptions {
  /** config file; undefined = the built-in reference example */
  readonly config?: string;
  /** output directory */
  readonly out: string;
  readonly quiet: boolean;
  readonly help: boolean;
  /** compare the output on disk with what the config produces; write nothing */
  readonly check: boolean;
  /** print the change review against the previous output; write nothing */
  readonly diff: boolean;
  /** write even when the change review finds dangerous changes */
  readonly allowDangerous: boolean;
  /**
   * fleet mode: the sites whose dangerous changes are accepted (`--allow-dangerous=<site>[,<site>]`)
   * @default - none
   */
  readonly allowDangerousSites?: readonly string[];
  /** fleet mode: sites gone from the fleet file whose output synth may delete (`--remove-site=<site>`) */
  readonly removeSites: readonly string[];
  /** whether `--out` was given (a fleet writes to the folder holding the fleet file unless it is) */
  readonly outGiven: boolean;
  /**
   * the scratch folder of `cdk8s synth` ($CDK8S_OUTDIR), which cdk8s-cli deletes before it runs
   * the generator: never the output, only a copy of it for cdk8s-cli's listing and validation
   * @default - not run by cdk8s-cli
   */
  readonly cdk8sOutdir?: string;
  /**
   * write the editor schemas into this folder and print the config's modeline (`--write-schema[=<dir>]`); nothing else runs
   * @default - not asked
   */
  readonly writeSchema?: string;
  /** the command line as given, to repeat in hints */
  readonly argv: readonly string[];
}

/** Thrown for a malformed command line (exit code 2). */
export class UsageError extends Error {}

/** The help text, its first line in the form the generator was started with. */
export const usage = (invocation: Invocation = NPM_RUN_SYNTH) => `Usage: ${commandLine(invocation, ['[config.yaml]', '[options]']).replace(/'/g, '')}

Reads a cluster config (default: the built-in reference example, examples/reference.yaml)
or a fleet file (a config with a fleet: section: every site, one run; docs/fleet.md),
validates it and writes the Kubernetes YAML to the output directory, replacing it atomically.
When a previous output exists, it first reviews what the change will do to the cluster and
refuses dangerous changes (see docs/gitops.md). Beside the output directory (never inside it)
it writes PLAN.md, the plan report, and when configured the Argo CD Applications (argocd/),
label-nodes.sh and the AIS operator values and patches. It replaces or deletes only files it
wrote for that output (listed in <out>/.cdk8s-storage-files) and refuses to run when anything
else is in the way. Under \`cdk8s synth\` it does the same and copies the YAML to $CDK8S_OUTDIR.

Options:
  --config <file>     the cluster config (same as the positional argument)
  --out <dir>         output directory (default: dist; PLAN.md and argocd/ go to the folder holding it);
                      for a fleet, the fleet root (default: the folder holding the fleet file)
  --check             compare the output on disk with what the config produces (CI); write nothing
  --diff              print the change review against the previous output; write nothing
  --allow-dangerous   write even when the change review finds dangerous changes
  --allow-dangerous=<site>[,<site>]
                      fleet: write the dangerous changes of these sites (each site by name)
  --remove-site=<site>
                      fleet: delete the output of a site that left the fleet file (repeat for more);
                      nothing running is deleted (see docs/fleet.md)
  --write-schema[=<dir>]
                      write the editor schemas (JSON Schema) into <dir> (default: ${DEFAULT_SCHEMA_DIR}/ of the working
                      directory; a re-run updates them) and print the modeline that points the config at them
  --quiet             print nothing but errors
  --help              show this help

Exit codes: 0 written / up to date / change accepted; 1 invalid config, output refused
(dangerous change, nothing written), --check found differences, or --diff found a change
synth would refuse; 2 bad command line.`;

export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): CliOptions {
  let config: string | undefined;
  let out: string | undefined;
  let quiet = false;
  let help = false;
  let check = false;
  let diff = false;
  let allowDangerous = false;
  let allowDangerousSites: string[] | undefined;
  const removeSites: string[] = [];
  let writeSchema: string | undefined;
  const sites = (arg: string, list: string) => {
    const names = list.split(',').map((name) => name.trim());
    if (names.some((name) => name === '')) throw new UsageError(`${arg} needs site names, e.g. ${arg.split('=')[0]}=eu-west-1,us-east-1`);
    return names;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    if (arg === '--out' || arg === '-o') out = value();
    else if (arg === '--config' || arg === '-c') config = value();
    else if (arg === '--quiet' || arg === '-q') quiet = true;
    else if (arg === '--help' || arg === '-h') help = true;
    else if (arg === '--check') check = true;
    else if (arg === '--diff') diff = true;
    else if (arg === '--allow-dangerous') allowDangerous = true;
    else if (arg.startsWith('--allow-dangerous=')) allowDangerousSites = [...(allowDangerousSites ?? []), ...sites(arg, arg.slice('--allow-dangerous='.length))];
    else if (arg === '--remove-site') removeSites.push(...sites(arg, value()));
    else if (arg.startsWith('--remove-site=')) removeSites.push(...sites(arg, arg.slice('--remove-site='.length)));
    else if (arg === '--write-schema') writeSchema = DEFAULT_SCHEMA_DIR;
    else if (arg.startsWith('--write-schema=') && arg.length > '--write-schema='.length) writeSchema = arg.slice('--write-schema='.length);
    else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    else if (config === undefined) config = arg;
    else throw new UsageError(`unexpected argument ${arg} (one config file at a time)`);
  }
  if (check && diff) throw new UsageError('--check and --diff are two different questions: give one');
  const withSchema = [out !== undefined && '--out', check && '--check', diff && '--diff', allowDangerous && '--allow-dangerous',
    allowDangerousSites && '--allow-dangerous=<sites>', removeSites.length > 0 && '--remove-site'].filter(Boolean);
  if (writeSchema !== undefined && withSchema.length > 0) {
    throw new UsageError(`--write-schema only writes the editor schemas (give the folder as --write-schema=<dir>): drop ${withSchema.join(', ')}`);
  }
  return {
    config, out: out ?? 'dist', outGiven: out !== undefined, quiet, help, check, diff, allowDangerous, allowDangerousSites, removeSites,
    cdk8sOutdir: env.CDK8S_OUTDIR || undefined, writeSchema, argv,
  };
}

/**
 * The synth command that writes what `--check` or `--diff` compared (the same arguments without the
 * question), with `extra` options, in the form the generator was started with.
 */
export function synthCommand(invocation: Invocation, argv: readonly string[], extra: readonly string[] = []): string {
  return commandLine(invocation, [...withoutOptions(argv, ['--check', '--diff']), ...extra]);
}
