/**
 * Exclusive lock files that name their holder. Node has no flock(2), so a lock is a file created
 * with O_CREAT|O_EXCL holding the holder's pid, command line and process start time. A lock whose
 * process is gone (kill -9, power cut) is stale and is taken over at once: the next open is never
 * slowed down by a crash. The start time guards against a recycled pid.
 *
 * Used for PGlite's folder (one process at a time: a second one fails at once, naming the
 * holder) and for the private PostgreSQL server's start/stop and client registry.
 */
import { closeSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';

export interface LockHolder {
  pid: number;
  /** The holder's command line (as in `ps`), for the message a second process prints. */
  command: string;
  /** Field 22 of /proc/<pid>/stat: tells a live holder from a recycled pid. */
  startTicks: string | null;
  since: string;
}

export class LockedError extends Error {
  override name = 'LockedError';
  constructor(
    message: string,
    readonly holder: LockHolder,
  ) {
    super(message);
  }
}

function startTicksOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function commandOf(pid: number): string {
  try {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
    return cmd.length > 300 ? `${cmd.slice(0, 297)}...` : cmd;
  } catch {
    return process.argv.join(' ');
  }
}

export function currentHolder(): LockHolder {
  return {
    pid: process.pid,
    command: commandOf(process.pid),
    startTicks: startTicksOf(process.pid),
    since: new Date().toISOString(),
  };
}

/** True while the process that wrote `holder` still runs (same pid, same start time). */
export function isAlive(holder: LockHolder): boolean {
  try {
    process.kill(holder.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const ticks = startTicksOf(holder.pid);
  return holder.startTicks === null || ticks === null || ticks === holder.startTicks;
}

/** The holder recorded in a lock file, or null when the file is absent or unreadable. */
export function readHolder(file: string): LockHolder | null {
  try {
    const h = JSON.parse(readFileSync(file, 'utf8')) as LockHolder;
    return typeof h.pid === 'number' ? h : null;
  } catch {
    return null;
  }
}

export function describeHolder(h: LockHolder): string {
  return `process ${h.pid} (${h.command}), since ${h.since}`;
}

export interface Lock {
  readonly file: string;
  release(): void;
}

const held = new Set<string>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // process.exit() and a normal end both run this; kill -9 does not, and the next open
  // recognises the dead holder instead.
  process.on('exit', () => {
    for (const f of held) removeIfMine(f);
  });
}

function removeIfMine(file: string): void {
  const h = readHolder(file);
  if (h && h.pid === process.pid) {
    try {
      unlinkSync(file);
    } catch {
      // already gone
    }
  }
  held.delete(file);
}

/**
 * Takes the lock or throws LockedError naming the live holder. `what` names the protected thing
 * in the message, e.g. "the embedded database /srv/seer/data/pglite".
 */
export function acquireLock(file: string, what: string): Lock {
  for (let attempt = 0; attempt < 20; attempt++) {
    const me = currentHolder();
    let fd: number;
    try {
      fd = openSync(file, 'wx', 0o644);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readHolder(file);
      if (holder === null) {
        // Being written right now by another process, or left empty by a crash mid-write.
        let age = 0;
        try {
          age = Date.now() - statSync(file).mtimeMs;
        } catch {
          continue; // removed meanwhile: try again
        }
        if (age < 2000) {
          sleepSync(20);
          continue;
        }
        takeOverStale(file);
        continue;
      }
      if (holder.pid === process.pid)
        throw new LockedError(`${what} is already open in this process`, holder);
      if (isAlive(holder)) {
        throw new LockedError(`${what} is in use by ${describeHolder(holder)}`, holder);
      }
      takeOverStale(file);
      continue;
    }
    try {
      writeSync(fd, `${JSON.stringify(me)}\n`);
    } finally {
      closeSync(fd);
    }
    held.add(file);
    installExitHook();
    return { file, release: () => removeIfMine(file) };
  }
  throw new Error(`could not take the lock ${file}`);
}

/**
 * Moves a stale lock aside (rename is atomic: of two processes doing this at once, one wins and
 * the other finds the file gone and simply tries again).
 */
function takeOverStale(file: string): void {
  const aside = `${file}.stale-${process.pid}`;
  try {
    renameSync(file, aside);
  } catch {
    return;
  }
  // If a live holder's fresh lock was moved by mistake (it replaced the stale one between our
  // read and our rename), put it back.
  const moved = readHolder(aside);
  if (moved && isAlive(moved)) {
    try {
      renameSync(aside, file);
    } catch {
      // nothing sensible left to do; the holder still runs and keeps its own record
    }
    return;
  }
  try {
    unlinkSync(aside);
  } catch {
    // gone already
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
export function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}
