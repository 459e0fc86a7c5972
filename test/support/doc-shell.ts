/**
 * The shell of the README and docs, as a reader meets it (issue 25 item 4): the shell and console
 * blocks of a Markdown file with their `<!-- doc-test: ... -->` markers, a fresh copy of the
 * repository to run them in, the docs' `npm run synth -- …` run through the built bundle as the
 * npm script does, and the check that a transcript's output is what the command prints.
 * Used by test/docs/shell-blocks.test.ts (every block) and the docs tests that run one doc's
 * commands with more assertions (quick-start, fleet-docs, monitoring-docs).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, tempDir } from './cli';

export const BIN = path.join(ROOT, 'bin', 'cdk8s-storage.js');

/** A fenced block a reader runs in a shell: ```sh/bash/shell/console, or an untagged transcript (its first line `$ …`). */
export interface ShellBlock {
  /** `docs/fleet.md:88`: the file and the line of the opening fence */
  readonly where: string;
  readonly lang: string;
  /** the text of the `<!-- doc-test: … -->` comment on the line before the fence, if any */
  readonly marker?: string;
  readonly body: string;
}

const SHELL_LANGS = new Set(['sh', 'bash', 'shell', 'console']);

/** Every shell block of a Markdown file of the repository (README.md, docs/*.md), in order. */
export function shellBlocks(file: string): ShellBlock[] {
  const lines = fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n');
  const blocks: ShellBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const fence = /^```(\S*)$/.exec(lines[i]);
    if (!fence) continue;
    const end = lines.indexOf('```', i + 1);
    if (end < 0) throw new Error(`${file}:${i + 1}: unclosed code block`);
    const body = lines.slice(i + 1, end).join('\n');
    const lang = fence[1];
    if (SHELL_LANGS.has(lang) || (lang === '' && body.startsWith('$ '))) {
      const marker = /^<!-- doc-test: (.*) -->$/.exec(lines[i - 1] ?? '')?.[1];
      blocks.push({ where: `${file}:${i + 1}`, lang, marker, body });
    }
    i = end;
  }
  return blocks;
}

/** A transcript shows commands as `$ cmd` lines followed by what they print. */
export const isTranscript = (block: ShellBlock) => block.body.split('\n').some((line) => line.startsWith('$ '));

/** The commands of a block that is not a transcript: its lines, comments dropped, `\` continuations joined. */
export function blockCommands(body: string): string[] {
  return body.replace(/\\\n\s*/g, '').split('\n').map((line) => line.replace(/(^|\s+)#.*$/, '').trim()).filter(Boolean);
}

/** A fresh copy of the repository: its committed files (`git ls-files`), as a clone has them. */
export function freshCopy(prefix = 'cdk8s-storage-clone-'): string {
  const copy = tempDir(prefix);
  const files = spawnSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).stdout.split('\0').filter(Boolean);
  for (const file of files) {
    if (!fs.existsSync(path.join(ROOT, file))) continue; // deleted in the working tree
    fs.mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, file), path.join(copy, file));
  }
  return copy;
}

/**
 * `npm run synth -- args` is `node bin/cdk8s-storage.js args` (package.json), run with the variables npm sets
 * for a script (the generator prints its hints in the form it was started with: lib/generator/invocation.ts).
 */
const NPM_SCRIPT_ENV = { npm_config_user_agent: 'npm/11 node/v20', npm_command: 'run', npm_lifecycle_event: 'synth', npm_lifecycle_script: 'node bin/cdk8s-storage.js' };

/** Runs one documented command in `cwd` with bash, `npm run synth` through the built bundle; `$BIN` names the bin. */
export function runDocCommand(command: string, cwd: string, env: NodeJS.ProcessEnv = {}) {
  const translated = command.replace(/\bnpm run synth(?: --(?=\s|$))?/g, `node ${BIN}`);
  return spawnSync('bash', ['-c', translated], { cwd, encoding: 'utf8', env: { ...process.env, BIN, ...NPM_SCRIPT_ENV, ...env } });
}

/**
 * Why a transcript's output lines are not what the command printed, or undefined when they are: each line must
 * appear, in order, in stdout + stderr (`...` skips any lines), so a number quoted from a command ("21 objects")
 * must be the number it prints.
 */
export function transcriptMismatch(expected: readonly string[], printed: string): string | undefined {
  const lines = printed.split('\n');
  let at = 0;
  for (const line of expected.filter((l) => l.trim() !== '...' && l.trim() !== '')) {
    const found = lines.indexOf(line, at);
    if (found < 0) return `not printed (in order): ${line}\n--- printed:\n${printed}`;
    at = found + 1;
  }
  return undefined;
}
