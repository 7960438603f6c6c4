/**
 * One host uid per jail. RLIMIT_NPROC and the kernel's other per-user counts are per uid: when
 * every run shares one uid, one model's thread or process bomb uses up the allowance of every
 * run beside it. A pool hands each jail a uid of its own from a range (SANDBOX_UID_RANGE) and
 * takes it back once the jail is gone. Lock files (`<lockDir>/<uid>`, holding the owner's pid,
 * created exclusively) keep two worker processes on one host from handing out the same uid;
 * locks of dead processes are swept when a pool is created.
 */
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { SandboxError } from '../types';

export interface UidRange {
  first: number;
  count: number;
}

export interface UidPool {
  /** A uid no other live jail of any pool on this host holds; throws when the range is used up. */
  acquire(): number;
  release(uid: number): void;
  /** True when every jail gets its own uid (false: one fixed uid shared by all). */
  readonly perRun: boolean;
  readonly range: UidRange;
}

/** Parse `FIRST-LAST` (inclusive) as written in SANDBOX_UID_RANGE. */
export function parseUidRange(text: string): UidRange | null {
  const m = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(text);
  if (!m) return null;
  const first = Number(m[1]);
  const last = Number(m[2]);
  if (first < 1 || last < first || last > 2_147_483_646) return null;
  return { first, count: last - first + 1 };
}

/** Default: 4,096 uids in a block systemd leaves unused (docs/SANDBOX.md). */
export const DEFAULT_UID_RANGE: UidRange = { first: 2_000_000_000, count: 4096 };

export function defaultLockDir(): string {
  return existsSync('/run') && process.getuid?.() === 0 ? '/run/seer-sandbox-uids' : '/tmp/seer-sandbox-uids';
}

/** A pool that always answers the same uid (tests, or an operator who opts out). */
export function sharedUid(uid: number): UidPool {
  return { acquire: () => uid, release: () => {}, perRun: false, range: { first: uid, count: 1 } };
}

export function createUidPool(range: UidRange, lockDir = defaultLockDir()): UidPool {
  mkdirSync(lockDir, { recursive: true, mode: 0o700 });
  const st = lstatSync(lockDir);
  const me = process.geteuid?.() ?? 0;
  if (!st.isDirectory() || st.uid !== me || (st.mode & 0o022) !== 0) {
    throw new SandboxError(
      'sandbox_unavailable',
      `${lockDir} must be a folder owned by uid ${me} and writable by nobody else (it holds the sandbox uid locks)`,
    );
  }
  // Sweep locks whose owner died without releasing them.
  for (const name of readdirSync(lockDir)) {
    const owner = Number(safeRead(join(lockDir, name)));
    if (owner && !existsSync(`/proc/${owner}`)) {
      try {
        unlinkSync(join(lockDir, name));
      } catch {
        // gone already
      }
    }
  }
  const mine = new Set<number>();
  let next = 0;
  return {
    perRun: true,
    range,
    acquire() {
      for (let i = 0; i < range.count; i++) {
        const uid = range.first + ((next + i) % range.count);
        if (mine.has(uid)) continue;
        try {
          writeFileSync(join(lockDir, String(uid)), String(process.pid), { flag: 'wx', mode: 0o600 });
        } catch {
          continue; // held by another process
        }
        mine.add(uid);
        next = (next + i + 1) % range.count;
        return uid;
      }
      throw new SandboxError(
        'sandbox_unavailable',
        `every uid of the sandbox range ${range.first}-${range.first + range.count - 1} is in use (SANDBOX_UID_RANGE)`,
      );
    },
    release(uid) {
      if (!mine.delete(uid)) return;
      try {
        unlinkSync(join(lockDir, String(uid)));
      } catch {
        // swept
      }
    },
  };
}

function safeRead(p: string): string {
  try {
    return readFileSync(p, 'utf8').trim();
  } catch {
    return '';
  }
}
