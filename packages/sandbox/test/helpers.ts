import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readManifest } from '@seer/core/registry';
import { createMemoryBarSource } from '../src/broker/sql-bar-source';
import type { Bar, ModelManifest, PlatformCaps } from '../src/types';

export const REPO = fileURLToPath(new URL('../../..', import.meta.url));
export const ABUSE_DIR = join(REPO, 'examples/abuse');
export const FIXTURES = fileURLToPath(new URL('./fixtures', import.meta.url));

export const T0 = Date.UTC(2026, 0, 1);
export const HOUR = 3_600_000;
/** as_of in the middle of an hour: the last visible bar opened at T0 + 499h. */
export const AS_OF = new Date(T0 + 500 * HOUR + 30 * 60_000);

export function makeBars(n: number, seed = 1): Bar[] {
  const bars: Bar[] = [];
  let price = 100 * seed;
  for (let i = 0; i < n; i++) {
    const next = price * (1 + 0.01 * Math.sin(i * 0.7 + seed));
    bars.push({
      ts: new Date(T0 + i * HOUR),
      open: price,
      high: Math.max(price, next) * 1.001,
      low: Math.min(price, next) * 0.999,
      close: next,
      volume: i % 13 === 0 ? null : 1000 + i,
    });
    price = next;
  }
  return bars;
}

/** 1,000 hourly bars: half of them lie after AS_OF and must never be served. */
export const SOURCE = createMemoryBarSource({
  'BTC-USD': { '1h': makeBars(1000, 1) },
  'ETH-USD': { '1h': makeBars(1000, 2) },
  'SECRET-USD': { '1h': makeBars(1000, 3) },
});

/**
 * Small limits so hostile cases end quickly. The wall clock is generous relative to CPU so
 * that a CPU hog hits its CPU limit before the wall clock, and a run importing numpy + pandas
 * finishes, even on a 2-core box shared with a load average of 25-30.
 */
export const TEST_CAPS: Partial<PlatformCaps> = {
  wallSlackMs: 1500,
  wallPerCpuSecond: 15,
  maxStderrBytes: 64 * 1024,
  maxLogBytes: 64 * 1024,
  tmpMb: 32,
};

export function manifestOf(dir: string, override: Partial<ModelManifest> = {}): ModelManifest {
  const { name: _n, version: _v, ...m } = readManifest(dir);
  return { ...m, ...override };
}

export function uidProcessCount(uid: number): number {
  try {
    return execFileSync('ps', ['-o', 'pid=', '-u', String(uid)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean).length;
  } catch {
    return 0; // ps exits 1 when nothing matches
  }
}

export function postgresAlive(): boolean {
  try {
    execFileSync('pg_isready', ['-h', '127.0.0.1', '-p', '5432'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const CANARY_DIR = '/var/lib/seer-abuse-canary';
export const CANARY = 'CANARY-7f3a9e-do-not-leak';
export function canaryIntact(): boolean {
  const f = join(CANARY_DIR, 'platform.key');
  return existsSync(f) && readFileSync(f, 'utf8') === CANARY;
}

/** Whether this host's kernel serves i386 `int 0x80` system calls at all (no sandbox involved). */
export const INT80_SERVED: boolean = (() => {
  const r = spawnSync(
    '/usr/bin/python3',
    [
      '-I',
      '-c',
      'import ctypes,mmap\nm=mmap.mmap(-1,4096,prot=7)\nm.write(bytes([0xB8,20,0,0,0,0xCD,0x80,0xC3]))\n' +
        'ctypes.CFUNCTYPE(ctypes.c_long)(ctypes.addressof(ctypes.c_char.from_buffer(m)))()',
    ],
    { env: {}, stdio: 'ignore' },
  );
  return r.signal !== 'SIGSEGV';
})();
