import { ConfigError, formatProblem } from '../../lib/config/errors';
import { parseConfig } from '../../lib/from-config/load';

/** The `file:line:col: path: message` lines the loader reports for `text` (none when it is valid). */
export function configProblems(text: string, file = 'cluster.yaml'): string[] {
  try {
    parseConfig(text, file);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map(formatProblem);
    throw error;
  }
  return [];
}

/** `base` with `from` replaced by `to`; fails loudly when `from` is not there (a stale test edit). */
export function editConfig(base: string, from: string, to: string): string {
  if (!base.includes(from)) throw new Error(`test setup: ${from} not in the base config`);
  return base.replace(from, to);
}
