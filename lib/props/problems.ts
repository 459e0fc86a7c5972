/** One problem in a construct's props, at the prop path that causes it (e.g. `['mountpaths', 2]`). */
export interface PropProblem {
  readonly path: readonly PropertyKey[];
  readonly message: string;
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

/**
 * Throws one error listing every problem (`<construct> props.<path>: <message>`), so a library user
 * sees all of them at once and no construct is half-built from invalid props.
 */
export function assertNoProblems(construct: string, problems: readonly PropProblem[]): void {
  if (problems.length === 0) return;
  const lines = problems.map((p) => `  ${p.path.length ? `props.${formatPath(p.path)}` : 'props'}: ${p.message}`);
  throw new Error(`${construct}: invalid props:\n${lines.join('\n')}`);
}
