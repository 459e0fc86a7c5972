import type { IConstruct } from 'constructs';

/**
 * One problem in a construct's props, at the prop path that causes it (e.g. `['mountpaths', 2]`).
 * Errors stop the construct; warnings (e.g. an image outside the AIS compatibility matrix) do not.
 */
export interface PropProblem {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  /**
   * A warning does not stop the build.
   * @default 'error'
   */
  readonly severity?: 'error' | 'warning';
}

/** Renders a key path as `a.b[2].c`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let result = '';
  for (const part of path) {
    if (typeof part === 'number') result += `[${part}]`;
    else result += result ? `.${String(part)}` : String(part);
  }
  return result;
}

/** `a.b[2].c` as a key path (the inverse of {@link formatPath} for prop names without dots). */
export function parsePath(text: string): PropertyKey[] {
  const path: PropertyKey[] = [];
  for (const [, key, index] of text.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) path.push(index !== undefined ? Number(index) : key);
  return path;
}

const REFERENCE = /\u2039([^\u203a]*)\u203a/g;

/**
 * A reference to another prop inside a problem message, e.g. `set ${propRef('tls', 'caBundle')}`. Each
 * path renders it under its own name: the library as the prop path (`tls.caBundle`), the config loader
 * as the config key the prop comes from (`ais.tls.caConfigMap`).
 */
export function propRef(...path: PropertyKey[]): string {
  return `\u2039${formatPath(path)}\u203a`;
}

/** A problem message with its prop references rendered by `name` (default: the prop path). */
export function renderMessage(message: string, name: (path: readonly PropertyKey[]) => string = formatPath): string {
  return message.replace(REFERENCE, (_, path: string) => name(parsePath(path)));
}

export const isWarning = (problem: PropProblem): boolean => problem.severity === 'warning';

/** Metadata type of the warnings a construct records on its node (`node.metadata`, e.g. for a test or a CI check). */
export const PROP_WARNING_METADATA = 'cdk8s-storage:warning';

/** A problem as one line of an error or warning: `props.<path>: <message>`. */
function problemLine(problem: PropProblem): string {
  return `${problem.path.length ? `props.${formatPath(problem.path)}` : 'props'}: ${renderMessage(problem.message)}`;
}

/**
 * Throws one error listing every error among `problems` (`<construct> props.<path>: <message>`), so a
 * library user sees all of them at once and no construct is half-built from invalid props. Returns the
 * warnings; with a `scope` they are also recorded on its node as {@link PROP_WARNING_METADATA} metadata.
 */
export function assertNoProblems(construct: string, problems: readonly PropProblem[], scope?: IConstruct): PropProblem[] {
  const errors = problems.filter((p) => !isWarning(p));
  if (errors.length > 0) throw new Error(`${construct}: invalid props:\n${errors.map((p) => `  ${problemLine(p)}`).join('\n')}`);
  const warnings = problems.filter(isWarning);
  for (const warning of warnings) scope?.node.addMetadata(PROP_WARNING_METADATA, `${construct} ${problemLine(warning)}`);
  return warnings;
}

/** The problems of a nested prop object (`problems` at paths inside it, referring to props inside it) at paths from the enclosing props. */
export function nested(prefix: readonly PropertyKey[], problems: readonly PropProblem[]): PropProblem[] {
  return problems.map((p) => ({
    ...p,
    path: [...prefix, ...p.path],
    message: p.message.replace(REFERENCE, (_, path: string) => propRef(...prefix, ...parsePath(path))),
  }));
}
