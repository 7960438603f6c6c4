import { describe, expect, it } from 'vitest';
import { testConfig } from '../config';
import { AppError } from '../errors';
import { createManualClock, delay, systemClock } from './clock';
import { assertReplayAllowed, createReplayClock } from './replay-clock';

const demo = { env: 'development' as const, demo: true };

describe('systemClock', () => {
  it('tells real time and sleeps until an instant', async () => {
    const before = Date.now();
    expect(Math.abs(systemClock.now().getTime() - before)).toBeLessThan(1000);
    await systemClock.sleepUntil(new Date(Date.now() + 30));
    expect(Date.now() - before).toBeGreaterThanOrEqual(30);
    await systemClock.sleepUntil(new Date(0)); // the past: at once
  });

  it('aborts a sleep', async () => {
    const ac = new AbortController();
    const p = systemClock.sleepUntil(new Date(Date.now() + 60_000), ac.signal);
    ac.abort(new Error('stop'));
    await expect(p).rejects.toThrow('stop');
    await expect(delay(10, ac.signal)).rejects.toThrow('stop');
  });
});

describe('manual clock', () => {
  it('wakes sleepers when time reaches them, in any order, and never goes back', async () => {
    const c = createManualClock(new Date('2024-01-01T00:00:00Z'));
    const woke: string[] = [];
    const a = c.sleepUntil(new Date('2024-01-01T02:00:00Z')).then(() => woke.push('a'));
    const b = c.sleepUntil(new Date('2024-01-01T01:00:00Z')).then(() => woke.push('b'));
    expect(c.pending).toBe(2);
    c.advance(3_599_999);
    await Promise.resolve();
    expect(woke).toEqual([]);
    c.advance(1);
    await b;
    expect(woke).toEqual(['b']);
    c.set(new Date('2024-01-01T05:00:00Z'));
    await a;
    expect(woke).toEqual(['b', 'a']);
    expect(c.pending).toBe(0);
    expect(() => c.set(new Date('2024-01-01T00:00:00Z'))).toThrow(/backwards/);
  });

  it('drops an aborted sleeper', async () => {
    const c = createManualClock(new Date(0));
    const ac = new AbortController();
    const p = c.sleepUntil(new Date(1000), ac.signal);
    ac.abort(new Error('bye'));
    await expect(p).rejects.toThrow('bye');
    expect(c.pending).toBe(0);
  });
});

describe('replay clock', () => {
  it('is refused in production and outside demo mode, with a clear error', () => {
    const prod = () =>
      createReplayClock({ config: { env: 'production', demo: true }, start: new Date(0), msPerSimHour: 1 });
    expect(prod).toThrow(AppError);
    expect(prod).toThrow(/NODE_ENV=production/);
    expect(() => assertReplayAllowed({ env: 'development', demo: false })).toThrow(/SEER_DEMO=true/);
    expect(() => assertReplayAllowed(testConfig())).toThrow(/SEER_DEMO/);
    expect(() => assertReplayAllowed(testConfig({ demo: true }))).not.toThrow();
  });

  it('runs simulated time at the configured speed from the start instant', () => {
    let real = 1_000_000;
    const clock = createReplayClock({
      config: demo,
      start: new Date('1999-01-04T00:00:00Z'),
      msPerSimHour: 100,
      realNow: () => real,
    });
    expect(clock.speed).toBe(36_000);
    expect(clock.now().toISOString()).toBe('1999-01-04T00:00:00.000Z');
    real += 250; // 2.5 simulated hours
    expect(clock.now().toISOString()).toBe('1999-01-04T02:30:00.000Z');
  });

  it('sleeps the scaled real time until a simulated instant', async () => {
    let real = 0;
    const waits: number[] = [];
    const clock = createReplayClock({
      config: demo,
      start: new Date('1999-01-04T00:00:00Z'),
      msPerSimHour: 1000,
      realNow: () => real,
      realDelay: async (ms) => {
        waits.push(ms);
        real += ms;
      },
    });
    await clock.sleepUntil(new Date('1999-01-04T03:00:00Z'));
    expect(waits).toEqual([3000]);
    expect(clock.now().toISOString()).toBe('1999-01-04T03:00:00.000Z');
    await clock.sleepUntil(new Date('1999-01-04T01:00:00Z'));
    expect(waits).toHaveLength(1);
  });

  it('really advances in real time', async () => {
    const clock = createReplayClock({
      config: demo,
      start: new Date('2000-01-01T00:00:00Z'),
      msPerSimHour: 10,
    });
    const t0 = Date.now();
    await clock.sleepUntil(new Date('2000-01-01T05:00:00Z'));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(40);
    expect(clock.now().getTime()).toBeGreaterThanOrEqual(new Date('2000-01-01T05:00:00Z').getTime());
  });

  it('rejects a nonsensical speed or start', () => {
    expect(() => createReplayClock({ config: demo, start: new Date(0), msPerSimHour: 0 })).toThrow(
      /positive/,
    );
    expect(() => createReplayClock({ config: demo, start: new Date(Number.NaN), msPerSimHour: 5 })).toThrow(
      /start/,
    );
  });
});

describe('clockFromConfig', () => {
  it('is the system clock unless a demo sets SEER_REPLAY_START', async () => {
    const { clockFromConfig } = await import('./from-config');
    const { loadConfig } = await import('../config');
    expect(clockFromConfig(testConfig())).toBe(systemClock);
    const cfg = loadConfig({
      NODE_ENV: 'development',
      SEER_DEMO: 'true',
      SEER_REPLAY_START: '1999-01-04T00:00:00Z',
      SEER_REPLAY_MS_PER_HOUR: '500',
    });
    const clock = clockFromConfig(cfg);
    expect(clock).not.toBe(systemClock);
    expect(Math.abs(clock.now().getTime() - Date.parse('1999-01-04T00:00:00Z'))).toBeLessThan(3_600_000);
    // Even a hand-built config cannot get a replay clock in production.
    expect(() => clockFromConfig({ ...cfg, env: 'production' })).toThrow(/production/);
  });

  it('config refuses a replay start outside demo mode, in production, or malformed', async () => {
    const { loadConfig } = await import('../config');
    expect(() => loadConfig({ SEER_REPLAY_START: '1999-01-04T00:00:00Z' })).toThrow(/SEER_DEMO=true/);
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        SEER_DEMO: 'true',
        DATABASE_URL: 'postgres://x@h/db',
        SEER_REPLAY_START: '1999-01-04T00:00:00Z',
      }),
    ).toThrow(/production/);
    expect(() => loadConfig({ SEER_DEMO: 'true', SEER_REPLAY_START: '1999-01-04' })).toThrow(/ISO 8601 UTC/);
    expect(() => loadConfig({ SEER_DEMO: 'true', SEER_REPLAY_MS_PER_HOUR: '0' })).toThrow(
      /SEER_REPLAY_MS_PER_HOUR/,
    );
  });
});
