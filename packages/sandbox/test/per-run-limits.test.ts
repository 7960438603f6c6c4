/**
 * One identity and one set of limits per run: a thread bomb beside a benign model. Each jail
 * gets a uid of its own from the range, so RLIMIT_NPROC is the bomb's own budget and not the
 * neighbour's; with cgroups the run's pids.max bounds it as well.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createBwrapSandbox, type SandboxStrategy } from '../src/bwrap-sandbox';
import { cgroupsAvailable } from '../src/host/cgroup';
import { createUidPool, parseUidRange } from '../src/host/uids';
import type { Sandbox, SandboxResult } from '../src/types';
import { AS_OF, FIXTURES, manifestOf, SOURCE, TEST_CAPS, uidProcessCount } from './helpers';

const BOMB = join(FIXTURES, 'thread_bomb');
const HAPPY = join(FIXTURES, 'happy');
/** A small range of its own, so this file's uids are easy to check afterwards. */
const RANGE = { first: 2_000_100_000, count: 8 };
const CAPS = { ...TEST_CAPS, maxPids: 24, wallPerCpuSecond: 12 };

const open: Sandbox[] = [];
afterAll(async () => {
  await Promise.all(open.map((s) => s.close()));
  for (const d of [`/tmp/seer-uid-test-${process.pid}`, `/tmp/seer-uid-test-open-${process.pid}`])
    rmSync(d, { recursive: true, force: true });
});

async function bombBesideBenign(strategy: SandboxStrategy, cgroups: boolean) {
  const sandbox = await createBwrapSandbox({
    strategy,
    cgroups,
    uidRange: RANGE,
    caps: CAPS,
    concurrency: 2,
  });
  open.push(sandbox);
  const run = (dir: string) =>
    sandbox.run({ packageDir: dir, manifest: manifestOf(dir), asOf: AS_OF, mode: 'live', source: SOURCE });
  const bomb = run(BOMB);
  // Let the bomb take every thread it can before the benign run starts its own jail.
  await new Promise((r) => setTimeout(r, 1500));
  const benign: SandboxResult = await run(HAPPY);
  const b = await bomb;
  return { benign, bomb: b };
}

/** Threads the bomb got before thread creation failed (it reports on stderr). */
const heldThreads = (r: SandboxResult) => {
  const m = /^BLOCKED:threads:(\d+):/m.exec(r.stderr);
  return m ? Number(m[1]) : null;
};

describe('a thread bomb beside a benign model', () => {
  it('cold jails, rlimits only (no cgroups): each run has its own uid and RLIMIT_NPROC', async () => {
    const { benign, bomb } = await bombBesideBenign('cold', false);
    expect(benign.ok, JSON.stringify(benign).slice(0, 2000)).toBe(true);
    expect(bomb.ok).toBe(false);
    const held = heldThreads(bomb);
    expect(held, JSON.stringify(bomb).slice(0, 2000)).not.toBeNull();
    // RLIMIT_NPROC of its own uid = pids + 4 for bwrap: main thread + bwrap + 26 threads here.
    // (Its address space would allow ~40: with a shared uid the bomb gets past this bound.)
    expect(held!).toBeLessThanOrEqual(CAPS.maxPids + 4);
  }, 180_000);

  it.runIf(cgroupsAvailable())(
    'fork runs: the cgroup pids.max bounds the bomb; the template survives',
    async () => {
      const { benign, bomb } = await bombBesideBenign('fork', true);
      expect(benign.ok, JSON.stringify(benign).slice(0, 2000)).toBe(true);
      expect(bomb.ok).toBe(false);
      expect(heldThreads(bomb)!).toBeLessThanOrEqual(CAPS.maxPids);
    },
    180_000,
  );

  it('gives every uid back: no process of the range is left, no lock either', async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
    // A killed jail's threads are reaped by the kernel a moment after its pid 1 exits.
    const inRange = () => [...Array(RANGE.count).keys()].some((i) => uidProcessCount(RANGE.first + i) > 0);
    for (let i = 0; i < 40 && inRange(); i++) await new Promise((r) => setTimeout(r, 50));
    for (let uid = RANGE.first; uid < RANGE.first + RANGE.count; uid++) {
      const ps = () => execFileSync('ps', ['-eo', 'uid,pid,stat,args']).toString();
      expect(uidProcessCount(uid), ps()).toBe(0);
    }
    const locks = readdirSync('/run/seer-sandbox-uids').filter((n) => {
      const uid = Number(n);
      return uid >= RANGE.first && uid < RANGE.first + RANGE.count;
    });
    expect(locks).toEqual([]);
  }, 60_000);
});

describe('production start-up', () => {
  it('refuses to start without per-run cgroups when they are required, naming the opt-out', async () => {
    await expect(
      createBwrapSandbox({ cgroups: false, requireCgroups: true, uidRange: RANGE }),
    ).rejects.toThrow(/SANDBOX_ALLOW_NO_CGROUPS=true/);
    const ok = await createBwrapSandbox({ cgroups: false, requireCgroups: false, uidRange: RANGE });
    await ok.close();
  });

  it('refuses a uid range smaller than the jails it must run at once', async () => {
    await expect(
      createBwrapSandbox({ uidRange: { first: 2_000_100_100, count: 2 }, concurrency: 4 }),
    ).rejects.toThrow(/needs at least 5/);
  });
});

describe('uid pool', () => {
  it('hands out distinct uids across pools (processes) and takes them back', () => {
    const dir = `/tmp/seer-uid-test-${process.pid}`;
    const range = { first: 2_000_200_000, count: 3 };
    const a = createUidPool(range, dir);
    const b = createUidPool(range, dir);
    const got = [a.acquire(), b.acquire(), a.acquire()];
    expect(new Set(got).size).toBe(3);
    expect(() => b.acquire()).toThrow(/every uid of the sandbox range/);
    a.release(got[0]!);
    expect(b.acquire()).toBe(got[0]);
    expect(parseUidRange('10-19')).toEqual({ first: 10, count: 10 });
    expect(parseUidRange('0-5')).toBeNull();
    expect(parseUidRange('x')).toBeNull();
  });

  it('refuses a lock folder someone else could write', async () => {
    const { mkdirSync, chmodSync } = await import('node:fs');
    const dir = `/tmp/seer-uid-test-open-${process.pid}`;
    mkdirSync(dir, { recursive: true });
    chmodSync(dir, 0o777);
    expect(() => createUidPool({ first: 2_000_300_000, count: 2 }, dir)).toThrow(/writable by nobody else/);
  });
});
