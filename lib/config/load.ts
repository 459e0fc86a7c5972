import * as fs from 'node:fs';
import * as YAML from 'yaml';
import type { z } from 'zod';
import { aisCompatibilityProblems } from '../ais/compatibility';
import { COMPATIBILITY_PATHS } from './ais-operator-schema';
import { ConfigError, ConfigProblem, formatPath } from './errors';
import { clusterConfigSchema, ClusterConfig } from './schema';
import { closestKey } from './suggest';

type Issue = z.core.$ZodIssue;

/** Reads, parses and validates a cluster config file. Throws {@link ConfigError} for any user mistake. */
export function loadConfigFile(file: string): ClusterConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory, expected a YAML file' : `cannot be read (${code})`;
    throw new ConfigError([{ file, line: 0, column: 0, path: '', message: reason }]);
  }
  return parseConfig(text, file);
}

/** A config file, validated, with the warnings it deserves (not errors: the synth goes on). */
export function loadConfigFileWithWarnings(file: string): { config: ClusterConfig; warnings: ConfigProblem[] } {
  const config = loadConfigFile(file);
  return { config, warnings: configWarnings(fs.readFileSync(file, 'utf8'), file, config) };
}

/**
 * Warnings on a valid config, located like errors: the AIS images (and the declared operator
 * version) checked against the AIS compatibility matrix; its errors are schema errors.
 */
export function configWarnings(text: string, file: string, config: ClusterConfig): ConfigProblem[] {
  if (!config.ais) return [];
  const lineCounter = new YAML.LineCounter();
  const doc = YAML.parseDocument(text, { lineCounter });
  const problems = aisCompatibilityProblems({ ...config.ais.images, operatorVersion: config.operator?.version })
    .filter((p) => p.severity === 'warning')
    .map((p) => {
      const at = locate(doc, COMPATIBILITY_PATHS[p.input]);
      const pos = at === undefined ? { line: 0, col: 0 } : lineCounter.linePos(at);
      return { file, line: pos.line, column: pos.col, path: formatPath(COMPATIBILITY_PATHS[p.input]), message: `warning: ${p.message}` };
    });
  return sortProblems(problems);
}

/** Parses and validates cluster config text; `file` is only used in messages. */
export function parseConfig(text: string, file: string): ClusterConfig {
  const lineCounter = new YAML.LineCounter();
  const doc = YAML.parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number | undefined) => {
    if (offset === undefined) return { line: 0, column: 0 };
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };

  if (doc.errors.length > 0) {
    throw new ConfigError(doc.errors.map((error) => ({
      file, path: '', ...at(error.pos[0]), message: `invalid YAML: ${error.message.split('\n')[0]}`,
    })));
  }
  const value = doc.toJS();
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError([{ file, ...at(doc.contents?.range?.[0] ?? 0), path: '',
      message: 'expected a mapping with at least `name:` and an `ais:` or `auristor:` section' }]);
  }

  const result = clusterConfigSchema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.flatMap((issue) => describeIssue(issue, doc, file, at));
  throw new ConfigError(sortProblems(problems));
}

function sortProblems(problems: ConfigProblem[]): ConfigProblem[] {
  return [...problems].sort((a, b) => a.line - b.line || a.column - b.column || a.path.localeCompare(b.path));
}

/** Position of the key `key` inside the mapping at `path`, if both exist. */
function keyOffset(doc: YAML.Document, path: readonly PropertyKey[], key: PropertyKey): number | undefined {
  const node = path.length === 0 ? doc.contents : doc.getIn(path as unknown[], true);
  if (!YAML.isMap(node)) return undefined;
  const pair = node.items.find((item) => YAML.isScalar(item.key) && item.key.value === key);
  return pair && YAML.isNode(pair.key) ? pair.key.range?.[0] : undefined;
}

/**
 * Where to point for a problem at `path`: the value when it exists (or the named `key` of it),
 * else the key of the deepest mapping that does exist (a missing child is reported at its parent's key).
 */
function locate(doc: YAML.Document, path: readonly PropertyKey[], key?: string): number | undefined {
  if (key !== undefined) {
    const offset = keyOffset(doc, path, key);
    if (offset !== undefined) return offset;
  }
  for (let depth = path.length; depth >= 1; depth--) {
    const node = doc.getIn(path.slice(0, depth) as unknown[], true) as YAML.Node | undefined;
    if (!node) continue;
    if (depth === path.length) return node.range?.[0];
    return keyOffset(doc, path.slice(0, depth - 1), path[depth - 1]) ?? node.range?.[0];
  }
  return doc.contents?.range?.[0];
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return JSON.stringify(value);
}

function valueAt(doc: YAML.Document, path: readonly PropertyKey[]): unknown {
  const node = doc.getIn(path as unknown[], true);
  return YAML.isNode(node) ? node.toJSON() : node;
}

function describeIssue(issue: Issue, doc: YAML.Document, file: string,
  at: (offset: number | undefined) => { line: number; column: number }): ConfigProblem[] {
  const path = issue.path;
  const problem = (message: string, key?: string, subPath = path): ConfigProblem => ({
    file, ...at(locate(doc, subPath, key)), path: formatPath(key ? [...subPath, key] : subPath), message,
  });
  const got = describeValue(valueAt(doc, path));
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeysAt(clusterConfigSchema, path);
      return issue.keys.map((key) => {
        const suggestion = closestKey(key, known);
        const hint = suggestion ? `did you mean \`${suggestion}\`?` : `expected one of: ${known.join(', ')}`;
        return problem(`unknown key \`${key}\`; ${hint}`, key);
      });
    }
    case 'invalid_type':
      if (valueAt(doc, path) === undefined) return [problem(`is required (expected ${issue.expected})`)];
      return [problem(`expected ${issue.expected}, got ${got}`)];
    case 'invalid_value':
      return [problem(`expected one of ${issue.values.map((v) => JSON.stringify(v)).join(' | ')}, got ${got}`)];
    case 'custom':
      return [problem(issue.params?.sentence ? issue.message : `expected ${issue.message}, got ${got}`)];
    default:
      return [problem(`expected ${issue.message}, got ${got}`)];
  }
}

/** The keys the schema accepts for the mapping at `path` (for "did you mean" hints). */
export function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  const keys = new Set<string>();
  const visit = (node: any, rest: readonly PropertyKey[]): void => {
    const def = node?._zod?.def;
    if (!def) return;
    switch (def.type) {
      case 'optional': case 'default': case 'prefault': case 'nullable': case 'readonly': case 'catch':
        return visit(def.innerType, rest);
      case 'pipe':
        return visit(def.in, rest);
      case 'union':
        return def.options.forEach((option: any) => visit(option, rest));
      case 'array':
        return typeof rest[0] === 'number' ? visit(def.element, rest.slice(1)) : undefined;
      case 'object':
        if (rest.length === 0) Object.keys(def.shape).forEach((k) => keys.add(k));
        else if (def.shape[rest[0] as string]) visit(def.shape[rest[0] as string], rest.slice(1));
        return undefined;
      default:
        return undefined;
    }
  };
  visit(schema, path);
  return [...keys];
}
