/** Parsed command line of the generator. */
export interface CliOptions {
  /** config file; undefined = the built-in reference example */
  readonly config?: string;
  /** output directory */
  readonly out: string;
  readonly quiet: boolean;
  readonly help: boolean;
}

/** Thrown for a malformed command line (exit code 2). */
export class UsageError extends Error {}

export const USAGE = `Usage: npm run synth -- [config.yaml] [options]

Reads a cluster config (default: the built-in reference example, examples/reference.yaml),
validates it and writes the Kubernetes YAML to the output directory, replacing it atomically.

Options:
  --config <file>   the cluster config (same as the positional argument)
  --out <dir>       output directory (default: dist, or $CDK8S_OUTDIR under \`cdk8s synth\`)
  --quiet           print nothing but errors
  --help            show this help

Exit codes: 0 written; 1 invalid config or output refused (nothing written); 2 bad command line.`;

export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): CliOptions {
  let config: string | undefined;
  let out: string | undefined;
  let quiet = false;
  let help = false;
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
    else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    else if (config === undefined) config = arg;
    else throw new UsageError(`unexpected argument ${arg} (one config file at a time)`);
  }
  return { config, out: out ?? env.CDK8S_OUTDIR ?? 'dist', quiet, help };
}
