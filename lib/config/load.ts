import * as fs from 'node:fs';
import * as YAML from 'yaml';
import type * as z from 'zod';
import { clip } from '../k8s/names';
import { ConfigError, ConfigProblem, formatPath } from './errors';
import { clusterConfigSchema, ClusterConfig } from './schema';
import { closestKey } from './suggest';
import { compareNames } from '../k8s/name-order';

type Issue = z.core.$ZodIssue;

/** zod's message for an issue it has no words for; never shown as is. */
const ZOD_PLACEHOLDER = 'Invalid input';

/** A problem found in a parsed config (by the rulebooks, on the props it builds), at the config key it comes from. */
export interface ConfigPathProblem {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  /** @default 'error' */
  readonly severity?: 'error' | 'warning';
}

/**
 * The rules beyond the schema, run by the layer that builds props from the config (lib/from-config/check.ts:
 * the rulebooks of the constructs, through each adapter's path map): every problem of a parsed config, at
 * config keys, and what it built on the way (so the props are built once).
 */
export type ConfigCheck<T> = (config: ClusterConfig) => { readonly problems: readonly ConfigPathProblem[]; readonly result: T };

/** A valid config, the warnings it deserves (not errors: the synth goes on), and what the check built. */
export interface ParsedConfig<T> {
  readonly config: ClusterConfig;
  readonly warnings: readonly ConfigProblem[];
  readonly result: T;
}

const isWarning = (problem: ConfigPathProblem) => problem.severity === 'warning';

/** Reads a config file; a file that cannot be read is a {@link ConfigError}. */
export function readConfigFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory, expected a YAML file' : `cannot be read (${code})`;
    throw new ConfigError([{ file, line: 0, column: 0, path: '', message: reason }]);
  }
}

/** A position in a file, for a problem. */
export interface Located {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/**
 * Where a problem at a config key path points: the value when it exists (or its key `key`), else the key of
 * the deepest mapping that does exist. One YAML document gives one (see {@link documentLocator}); a fleet's
 * merged site config points into the file that supplied each value (lib/config/fleet-merge.ts).
 */
export type ConfigLocator = (path: readonly PropertyKey[], key?: string) => Located;

/** One parsed YAML file: its document (for positions) and its plain value. */
export interface YamlSource {
  readonly file: string;
  readonly doc: YAML.Document;
  readonly value: unknown;
  /** line:col of an offset in the file */
  readonly at: (offset: number | undefined) => { line: number; column: number };
}

/** Parses YAML text; a syntax error, an undefined alias or an alias bomb is a {@link ConfigError} at its line:col. */
export function parseYamlSource(text: string, file: string): YamlSource {
  const lineCounter = new YAML.LineCounter();
  const doc = YAML.parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number | undefined) => {
    if (offset === undefined) return { line: 0, column: 0 };
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  if (doc.errors.length > 0) {
    throw new ConfigError(doc.errors.map((error) => ({
      file, path: '', ...at(error.pos[0]), message: `invalid YAML: ${clip(error.message.split('\n')[0], 200)}`,
    })));
  }
  return { file, doc, value: toPlainValue(doc, file, at), at };
}

/** Locates key paths in one document, below `prefix` (a sub-tree of the file, e.g. `defaults:` of a fleet file). */
export function documentLocator(source: YamlSource, prefix: readonly PropertyKey[] = []): ConfigLocator {
  return (path, key) => ({ file: source.file, ...source.at(locate(source.doc, [...prefix, ...path], key)) });
}

/** Whether a plain value is a mapping (a YAML map). */
export function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Parses and validates cluster config text with the schema and `check`; `file` is only used in
 * messages. Throws {@link ConfigError} with every problem of the file, each at its key's line:col.
 */
export function parseConfigDocument<T>(text: string, file: string, check: ConfigCheck<T>): ParsedConfig<T> {
  const source = parseYamlSource(text, file);
  if (!isMapping(source.value)) {
    throw new ConfigError([{ file, ...source.at(source.doc.contents?.range?.[0] ?? 0), path: '',
      message: 'expected a mapping with at least `name:` and an `ais:` or `auristor:` section' }]);
  }
  return validateConfigValue(source.value, documentLocator(source), check);
}

/**
 * Validates a cluster config value (a mapping) with the schema and `check`, every problem located by
 * `locator`. Throws {@link ConfigError} with every problem; returns the config and its warnings.
 */
export function validateConfigValue<T>(value: object, locator: ConfigLocator, check: ConfigCheck<T>): ParsedConfig<T> {
  const located = (problem: ConfigPathProblem): ConfigProblem => ({
    ...locator(problem.path), path: formatPath(problem.path), message: isWarning(problem) ? `warning: ${problem.message}` : problem.message,
  });
  const result = clusterConfigSchema.safeParse(value);
  if (result.success) {
    const checked = check(result.data);
    const errors = checked.problems.filter((p) => !isWarning(p)).map(located);
    if (errors.length > 0) throw new ConfigError(sortProblems(errors));
    return { config: result.data, warnings: sortProblems(checked.problems.filter(isWarning).map(located)), result: checked.result };
  }
  const problems = schemaIssueProblems(clusterConfigSchema, result.error.issues, value, locator);
  problems.push(...crossFieldProblems(value, result.error.issues, problems, check).map(located));
  throw new ConfigError(sortProblems(problems));
}

/** The problems of a schema's issues, each in words and located. */
export function schemaIssueProblems(schema: z.ZodType, issues: readonly Issue[], value: unknown, locator: ConfigLocator): ConfigProblem[] {
  return issues.flatMap((issue) => describeIssue(schema, issue, value, locator));
}

/** yaml's limit on how far aliases may expand (its `maxAliasCount`, default 100): far above any real config, far below an alias bomb. */
const MAX_ALIAS_COUNT = 100;

/** The document as plain data; an undefined alias or an alias bomb is a problem at the alias, not a crash. */
function toPlainValue(doc: YAML.Document, file: string, at: (offset: number | undefined) => { line: number; column: number }): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    let unresolved: YAML.Alias | undefined;
    let first: YAML.Alias | undefined;
    YAML.visit(doc, {
      Alias(_, alias) {
        first ??= alias;
        if (!unresolved && alias.resolve(doc) === undefined) unresolved = alias;
      },
    });
    const message = unresolved
      ? `alias *${clip(unresolved.source)} refers to no anchor: define &${clip(unresolved.source)} before it`
      : 'the YAML aliases expand too far (an alias bomb?); write the values out';
    if (!unresolved && !/alias/i.test((error as Error).message)) throw error;
    throw new ConfigError([{ file, ...at((unresolved ?? first)?.range?.[0]), path: '', message }]);
  }
}

/**
 * "All problems at once": when the file has type or enum errors, the cross-field and prop checks
 * do not run on it. Run them on a copy without the invalid keys (defaults apply in their place),
 * keeping only the problems of keys that are themselves valid.
 */
function crossFieldProblems(value: object, issues: readonly Issue[], reported: readonly ConfigProblem[], check: ConfigCheck<unknown>): ConfigPathProblem[] {
  const removed: PropertyKey[][] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') removed.push(...issue.keys.map((key) => [...issue.path, key]));
    else removed.push([...issue.path]);
  }
  // an invalid list item or the whole file cannot be dropped without shifting or losing what the checks read
  if (removed.some((path) => path.length === 0 || typeof path[path.length - 1] === 'number')) return [];
  const copy = structuredClone(value) as Record<PropertyKey, unknown>;
  for (const path of removed) {
    const parent = path.slice(0, -1).reduce<any>((node, key) => (node && typeof node === 'object' ? node[key] : undefined), copy);
    if (parent && typeof parent === 'object') delete parent[path[path.length - 1] as string];
  }
  const prefix = (a: readonly PropertyKey[], b: readonly PropertyKey[]) => a.every((key, i) => b[i] === key);
  // a problem at, inside or above a dropped key is about what we changed, not about the file
  const touched = (path: readonly PropertyKey[]) => removed.some((r) => prefix(r, path) || prefix(path, r));
  const seen = new Set(reported.map((p) => `${p.path}\0${p.message}`));
  const again = clusterConfigSchema.safeParse(copy);
  const found: ConfigPathProblem[] = again.success
    ? check(again.data).problems.filter((p) => !isWarning(p))
    : again.error.issues.filter((issue) => issue.code === 'custom' && issue.params?.sentence).map((issue) => ({ path: issue.path, message: issue.message }));
  return found.filter((p) => !touched(p.path) && !seen.has(`${formatPath(p.path)}\0${p.message}`));
}

/** Problems in reading order: by file, line, column, key path. */
export function sortProblems(problems: readonly ConfigProblem[]): ConfigProblem[] {
  return [...problems].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column || compareNames(a.path, b.path));
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
  return typeof value === 'string' ? JSON.stringify(clip(value)) : JSON.stringify(value);
}

/** The plain value at a key path (undefined when absent). */
export function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let node: any = value;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = node[key as string];
  }
  return node;
}

function describeIssue(schema: z.ZodType, issue: Issue, value: unknown, locator: ConfigLocator): ConfigProblem[] {
  const path = issue.path;
  const problem = (message: string, key?: string, subPath = path): ConfigProblem => ({
    ...locator(subPath, key), path: formatPath(key ? [...subPath, key] : subPath), message,
  });
  const got = describeValue(valueAt(value, path));
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeysAt(schema, path);
      return issue.keys.map((key) => {
        const suggestion = closestKey(key, known);
        const hint = suggestion ? `did you mean \`${suggestion}\`?` : `expected one of: ${known.join(', ')}`;
        return problem(`unknown key \`${clip(key)}\`; ${hint}`, key);
      });
    }
    case 'invalid_type':
      if (valueAt(value, path) === undefined) return [problem(`is required (expected ${issue.expected})`)];
      return [problem(`expected ${issue.expected}, got ${got}`)];
    case 'invalid_key':
      // a record key that breaks its rule: say which key and what a key must be (zod's own message is a placeholder)
      return issue.issues.map((inner) => problem(inner.code === 'custom' && inner.params?.sentence ? inner.message
        : `key ${JSON.stringify(clip(String(issue.path[issue.path.length - 1] ?? '')))} is not valid: expected ${inner.message}`));
    case 'invalid_union': {
      if (issue.message !== ZOD_PLACEHOLDER) return [problem(`expected ${issue.message}, got ${got}`)];
      // zod's own message is a placeholder: say what each alternative expects
      const expected = issue.errors.map((branch) => branch[0]).filter((first) => first !== undefined).map((first) => (
        first.code === 'invalid_type' ? first.expected : first.code === 'invalid_value' ? first.values.map((v) => JSON.stringify(v)).join(' | ') : first.message));
      return [problem(`expected ${[...new Set(expected)].join(' or ')}, got ${got}`)];
    }
    case 'invalid_value':
      return [problem(`expected one of ${issue.values.map((v) => JSON.stringify(v)).join(' | ')}, got ${got}`)];
    case 'custom':
      return [problem(issue.params?.sentence ? issue.message : `expected ${issue.message}, got ${got}`)];
    default:
      return [problem(issue.message === ZOD_PLACEHOLDER ? `is not valid, got ${got}` : `expected ${issue.message}, got ${got}`)];
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
