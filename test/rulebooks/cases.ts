/**
 * The shared case table of the rulebooks: one row per rule (each place a rulebook reports a problem),
 * from which two tests are generated: the library path (the construct refuses the props, naming the
 * prop path and the message) and the YAML path (the loader prints exactly `file:line:col: path: message`,
 * the line:col being where the row's `at` text starts in the config). A rule the config cannot express
 * (a prop with no config key) has no YAML row; a rule whose value the schema already refuses (a format)
 * gives the schema's message at the same key (`schema: true`).
 */
import { expect } from 'vitest';
import { PropProblem, formatPath, renderMessage } from '../../lib/props/problems';
import { configProblems } from '../support/config-problems';

/** What the library reports: the prop path (`tls.secretName`) and the message. */
export interface LibraryProblem {
  readonly path: string;
  readonly message: string;
}

/** What the loader reports: the key path, the text its line:col points at, and the message. */
export interface YamlProblem {
  readonly path: string;
  /** the text the problem points at (its first occurrence, or the given one, counting from 1) */
  readonly at: string | readonly [string, number];
  /** @default - the library's message */
  readonly message?: string;
  /** the schema refuses the value before the rulebook sees it (a format): its message, at the same key */
  readonly schema?: boolean;
}

export interface RuleCase<P> {
  /** the rule, in words */
  readonly rule: string;
  /** the props the library test builds the construct with */
  readonly props: P;
  readonly problem: LibraryProblem;
  /** the config the YAML test loads, and what the loader says; none when no config key expresses the props */
  readonly yaml?: { readonly text: string } & YamlProblem;
  /** a warning (the build goes on), not an error */
  readonly warning?: boolean;
}

/** `text` with `from` replaced by `to`; fails loudly when `from` is not there (a stale case). */
export function edit(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`case setup: ${JSON.stringify(from)} not in the config`);
  return text.replace(from, to);
}

/** 1-based line and column of the `occurrence`-th `needle` in `text`. */
export function positionOf(text: string, needle: string, occurrence = 1): { line: number; column: number } {
  let index = -1;
  for (let i = 0; i < occurrence; i++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`case setup: ${JSON.stringify(needle)} (occurrence ${occurrence}) not in the config`);
  }
  const before = text.slice(0, index).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** The line the loader prints for a case. */
export function expectedLine(text: string, problem: YamlProblem, libraryMessage: string, file = 'cluster.yaml'): string {
  const [needle, occurrence] = typeof problem.at === 'string' ? [problem.at, 1] : problem.at;
  const { line, column } = positionOf(text, needle, occurrence);
  return `${file}:${line}:${column}: ${problem.path}: ${problem.message ?? libraryMessage}`;
}

/** The YAML test of a case: exactly that line (errors), or a valid file that warns exactly that (warnings). */
export function expectYaml(row: RuleCase<unknown>, warnings: (text: string) => string[]): void {
  const yaml = row.yaml!;
  const line = expectedLine(yaml.text, yaml, row.problem.message);
  if (row.warning) {
    expect(configProblems(yaml.text)).toEqual([]);
    expect(warnings(yaml.text)).toContain(line.replace(`${yaml.path}: `, `${yaml.path}: warning: `));
  } else {
    expect(configProblems(yaml.text)).toEqual([line]);
  }
}

/** The library test of a case: the construct throws with the problem's line, or (a warning) builds and records it. */
export function expectLibrary(row: RuleCase<unknown>, build: () => object, construct: string): void {
  const line = `  props.${row.problem.path}: ${row.problem.message}`;
  if (row.warning) {
    const built = build() as { warnings?: readonly PropProblem[] };
    expect((built.warnings ?? []).map((w) => `  props.${formatPath(w.path)}: ${renderMessage(w.message)}`)).toContain(line);
    return;
  }
  let message = '';
  try {
    build();
  } catch (error) {
    message = (error as Error).message;
  }
  expect(message.split('\n')[0]).toBe(`${construct}: invalid props:`);
  expect(message.split('\n')).toContain(line);
}
