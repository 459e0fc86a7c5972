/**
 * The generator as a real process (bin/cdk8s-storage.js, the built bundle), for the tests of what
 * only a process shows: signals, kills, concurrent runs, locks (test/generator/interrupts.test.ts,
 * fleet-interrupts.test.ts).
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './cli';

export const BIN = path.join(ROOT, 'bin', 'cdk8s-storage.js');

export interface Exit { code: number | null; signal: NodeJS.Signals | null; stderr: string }

/** Starts a synth (`--quiet`) without waiting: the child, and a promise of how it ended. */
export function start(args: string[], cwd: string): { child: ReturnType<typeof spawn>; exit: Promise<Exit> } {
  const child = spawn(process.execPath, [BIN, ...args, '--quiet'], { cwd });
  let stderr = '';
  child.stderr!.on('data', (chunk) => { stderr += chunk; });
  const exit = new Promise<Exit>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr })));
  return { child, exit };
}

/** Runs a synth to its end. */
export const synth = (args: string[], cwd: string) => spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });

/** Runs a synth to its end without blocking the test file (so that independent trials run at once). */
export function synthAsync(args: readonly string[], cwd: string, env?: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return runAsync(process.execPath, [BIN, ...args], cwd, env);
}

/** Runs a program to its end without blocking the test file: its exit status and output. */
export function runAsync(file: string, args: readonly string[], cwd: string, env?: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(file, args, { cwd, env: env ?? process.env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => { stdout += chunk; });
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}

/** The folder's files, name → text (the output folder), for comparing whole outputs. */
export const snapshot = (dir: string) => Object.fromEntries(fs.readdirSync(dir).sort().map((name) => [name, fs.readFileSync(path.join(dir, name), 'utf8')]));

/** What synth left in a folder besides its own files: temporary folders, the lock. */
export const strays = (dir: string) => fs.readdirSync(dir).filter((name) => name.startsWith('.') && name !== '.git');
