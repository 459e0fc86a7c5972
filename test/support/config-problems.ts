import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError, formatProblem } from '../../lib/config/errors';
import { loadFleet } from '../../lib/from-config/fleet';
import { parseConfig } from '../../lib/from-config/load';
import { tempDir } from './cli';

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

/** The lines the loader prints for a fleet file (sites inline), as `fleet.yaml:line:col: ...`. */
export function fleetProblems(text: string, files: Record<string, string> = {}): string[] {
  const dir = tempDir('fleet-checks-');
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  fs.writeFileSync(path.join(dir, 'fleet.yaml'), text);
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    loadFleet('fleet.yaml');
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map(formatProblem);
  } finally {
    process.chdir(cwd);
  }
}
