import { ConfigProblem } from '../config/errors';
import { ConfigLocator, parseConfigDocument, readConfigFile } from '../config/load';
import type { ClusterConfig } from '../config/schema';
import { AdaptedConfig, checkConfig } from './check';

/** A valid config file: the config, its construct props (built once), and the warnings it deserves. */
export interface CheckedConfig {
  readonly config: ClusterConfig;
  readonly adapted: AdaptedConfig;
  /** e.g. an AIS image outside the compatibility matrix, located like errors (`file:line:col: path: warning: ...`) */
  readonly warnings: readonly ConfigProblem[];
  /** where a config key path is in the file */
  readonly locate: ConfigLocator;
}

/**
 * Parses cluster config text and checks it with the schema and every rulebook; `file` is only used in
 * messages. Throws `ConfigError` with every problem of the file, each at its key's line:col.
 */
export function parseConfigText(text: string, file: string): CheckedConfig {
  const parsed = parseConfigDocument(text, file, checkConfig);
  return { config: parsed.config, adapted: parsed.result, warnings: parsed.warnings, locate: parsed.locate };
}

/** Reads and checks a cluster config file (see {@link parseConfigText}). */
export function loadConfig(file: string): CheckedConfig {
  return parseConfigText(readConfigFile(file), file);
}

/** Parses and checks cluster config text (see {@link parseConfigText}); the config only. */
export function parseConfig(text: string, file: string): ClusterConfig {
  return parseConfigText(text, file).config;
}

/** Reads and checks a cluster config file; the config only. */
export function loadConfigFile(file: string): ClusterConfig {
  return loadConfig(file).config;
}
