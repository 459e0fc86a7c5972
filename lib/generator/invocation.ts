import * as path from 'node:path';

/**
 * How the generator was started, so every command it prints runs as shown where the user typed it:
 * - `npm run <script>` whose script is the bare generator (`cdk8s-storage`, or the clone's
 *   `node bin/cdk8s-storage.js`): `npm run <script> -- <args>` (npm keeps options after `--` only);
 * - `npx cdk8s-storage`, or the bin of a local install (any path through node_modules): `npx cdk8s-storage <args>`;
 * - `cdk8s-storage` on PATH (a global install): `cdk8s-storage <args>`;
 * - `node path/to/bin/cdk8s-storage.js`: the same, with the path from the working directory.
 * An npm script with arguments of its own, or pnpm/yarn (their argument rules differ), falls back to
 * the direct form with the full command line (npm passes the script's arguments before the user's).
 */
export type Invocation =
  | { readonly form: 'npm-script'; readonly script: string }
  | { readonly form: 'npx' }
  | { readonly form: 'path' }
  | { readonly form: 'node'; readonly script: string };

/** What the in-process callers (tests, the library) get: the form the README teaches. */
export const NPM_RUN_SYNTH: Invocation = { form: 'npm-script', script: 'synth' };

/** The generator as an npm script runs it: the bin name, or node on the clone's bin/ file, with nothing after it. */
const BARE_GENERATOR = /^(?:cdk8s-storage|node (?:\.\/)?bin\/cdk8s-storage\.js)$/;

export function detectInvocation(argv1: string, env: NodeJS.ProcessEnv, cwd: string): Invocation {
  const npm = (env.npm_config_user_agent ?? '').startsWith('npm/');
  if (npm && (env.npm_command === 'run' || env.npm_command === 'run-script') && env.npm_lifecycle_event
    && BARE_GENERATOR.test((env.npm_lifecycle_script ?? '').trim())) {
    return { form: 'npm-script', script: env.npm_lifecycle_event };
  }
  // npx runs the bin from a node_modules folder (the project's, or npx's cache): its path says so, where
  // npm's variables cannot (a child of `npx vitest` inherits npm_command=exec)
  const script = path.resolve(cwd, argv1);
  if (script.split(path.sep).includes('node_modules')) return { form: 'npx' };
  if (path.basename(script) === 'cdk8s-storage') return { form: 'path' };
  const relative = path.relative(cwd, script);
  return { form: 'node', script: relative.startsWith('..') ? script : relative.split(path.sep).join('/') };
}

/** A command line argument as a POSIX shell reads it back. */
export const shellWord = (arg: string) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);

/** The generator's command with `args`, as the user types it in the way they started it. */
export function commandLine(invocation: Invocation, args: readonly string[]): string {
  const words = args.map(shellWord);
  switch (invocation.form) {
    case 'npm-script': return [`npm run ${shellWord(invocation.script)}`, ...(words.length ? ['--', ...words] : [])].join(' ');
    case 'npx': return ['npx cdk8s-storage', ...words].join(' ');
    case 'path': return ['cdk8s-storage', ...words].join(' ');
    case 'node': return ['node', shellWord(invocation.script), ...words].join(' ');
  }
}

/** `argv` without the options named (and the value of those that take one). */
export function withoutOptions(argv: readonly string[], drop: readonly string[], withValue: readonly string[] = []): string[] {
  const kept: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (withValue.includes(argv[i])) i++;
    else if (!drop.includes(argv[i])) kept.push(argv[i]);
  }
  return kept;
}
