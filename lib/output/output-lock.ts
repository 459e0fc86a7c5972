import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { OutputDirError } from './ownership';

/**
 * One synth at a time per output: the lock is a file in the folder holding the output (which also
 * holds its PLAN.md and argocd/), created with O_EXCL, so a second synth on the same output fails
 * at once instead of both reporting success while one's files are lost. `--check` and `--diff`
 * take it too (they would read a half-swapped output), and fail fast as well.
 */
export const OUTPUT_LOCK = '.cdk8s-storage.lock';

/** Thrown when another live synth holds the lock of an output (nothing is written then). */
export class OutputLockedError extends OutputDirError {}

interface LockOwner {
  readonly pid: number;
  readonly host: string;
  /** the process's start time in clock ticks since boot (/proc/<pid>/stat field 22): tells a reused pid apart */
  readonly started?: string;
  readonly token: string;
}

/** The start time of a process (Linux /proc), undefined elsewhere or when it does not exist. */
function processStart(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name (field 2) is in parentheses and may hold spaces: count from after it
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, another user's
  }
}

/** Whether the owner recorded in a lock file is gone: dead, or its pid now names a later process. */
function isStale(owner: LockOwner): boolean {
  if (owner.host !== os.hostname()) return false; // another machine's synth on a shared folder: cannot tell
  if (!isAlive(owner.pid)) return true;
  const started = processStart(owner.pid);
  return owner.started !== undefined && started !== undefined && started !== owner.started;
}

function readOwner(file: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(fs.readFileSync(file, 'utf8'));
    return typeof owner?.pid === 'number' && typeof owner.host === 'string' ? owner : undefined;
  } catch {
    return undefined;
  }
}

/** A lock held by this process; `release()` removes it (only if it is still ours). */
export interface OutputLock {
  readonly file: string;
  /** throws when the lock file is no longer this process's (removed or taken over by hand) */
  assertHeld(): void;
  release(): void;
}

/**
 * Takes the lock of output folder `out`. A lock left by a synth that died (killed, power loss) is
 * taken over; a lock whose file is unreadable is taken over once it is older than a few seconds
 * (a synth writes it right after creating it). `create`: make the folder holding the output
 * when missing (a write); otherwise there is nothing to lock when it does not exist.
 */
export function lockOutput(out: string, { create }: { create: boolean }): OutputLock | undefined {
  return lockFolder(path.dirname(path.resolve(out)), `${out}/`, { create });
}

/**
 * Takes the lock of a folder synth writes in (`lockOutput`: the one holding an output; a fleet run:
 * the fleet root, for its FLEET.md, argocd/ and index). `shown` names what is being written in the
 * "another synth is writing" message.
 */
export function lockFolder(parent: string, shown: string, { create }: { create: boolean }): OutputLock | undefined {
  if (create) fs.mkdirSync(parent, { recursive: true });
  else if (!fs.existsSync(parent)) return undefined;
  const file = path.join(parent, OUTPUT_LOCK);
  const owner: LockOwner = { pid: process.pid, host: os.hostname(), started: processStart(process.pid), token: randomBytes(8).toString('hex') };
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx', 0o644);
      try {
        fs.writeSync(fd, `${JSON.stringify(owner)}\n`);
      } finally {
        fs.closeSync(fd);
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readOwner(file);
      const stale = holder ? isStale(holder) : ageSeconds(file) > 5;
      if (!stale || attempt > 0) {
        const who = holder ? `pid ${holder.pid}${holder.host === os.hostname() ? '' : ` on ${holder.host}`}` : 'a process that is starting';
        throw new OutputLockedError(`another synth is writing ${shown} (${who}). `
          + `Wait for it to finish; if no synth is running, delete ${path.relative(process.cwd(), file) || file}`);
      }
      fs.rmSync(file, { force: true }); // left by a synth that died
    }
  }
  const isOurs = () => readOwner(file)?.token === owner.token;
  return {
    file,
    assertHeld: () => {
      if (!isOurs()) throw new OutputLockedError(`the lock ${file} of ${shown} was removed or taken over while this synth ran; nothing was written`);
    },
    release: () => {
      if (isOurs()) fs.rmSync(file, { force: true });
    },
  };
}

function ageSeconds(file: string): number {
  try {
    return (Date.now() - fs.statSync(file).mtimeMs) / 1000;
  } catch {
    return Infinity;
  }
}
