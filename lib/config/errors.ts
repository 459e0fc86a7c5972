/** One problem in a cluster config file, located precisely. */
export interface ConfigProblem {
  /** file the problem is in */
  readonly file: string;
  /** 1-based line, 0 when unknown */
  readonly line: number;
  /** 1-based column, 0 when unknown */
  readonly column: number;
  /** key path, e.g. `ais.targets.mountpaths[2]` (empty for the whole file) */
  readonly path: string;
  /** what is wrong and what is expected */
  readonly message: string;
  /**
   * In a fleet: the sites whose config has the problem (one problem in the shared defaults is printed once, for all of them).
   * @default - not a fleet
   */
  readonly sites?: readonly string[];
}

/** Thrown for a user mistake in a config file; the CLI prints it without a stack trace. */
export class ConfigError extends Error {
  constructor(public readonly problems: readonly ConfigProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ConfigError';
  }
}

/** `file:line:col: path: message` — the form editors and CI logs turn into links. */
export function formatProblem(problem: ConfigProblem): string {
  const where = problem.line > 0 ? `${problem.file}:${problem.line}:${problem.column}` : problem.file;
  const sites = problem.sites?.length ? ` (site${problem.sites.length > 1 ? 's' : ''} ${problem.sites.join(', ')})` : '';
  return `${problem.path ? `${where}: ${problem.path}: ${problem.message}` : `${where}: ${problem.message}`}${sites}`;
}

export { formatPath } from '../props/problems';
