import { describe, expect, it } from 'vitest';
import { createManualClock } from './clock';
import { runPacedReplay } from './paced-replay';

const T0 = new Date('2000-01-03T00:00:00Z');
const demo = { env: 'development' as const, demo: true };

describe('paced replay', () => {
  it('steps the clock and waits for each step’s work before the next', async () => {
    const clock = createManualClock(T0);
    const seen: string[] = [];
    let inFlight = 0;
    await runPacedReplay({
      config: demo,
      clock,
      stepMs: 15 * 60_000,
      minRealMsPerStep: 0,
      until: new Date('2000-01-03T01:00:00Z'),
      signal: new AbortController().signal,
      afterStep: async (now) => {
        inFlight++;
        expect(inFlight).toBe(1); // never two steps at once
        await new Promise((r) => setTimeout(r, 5));
        seen.push(now.toISOString().slice(11, 16));
        inFlight--;
      },
    });
    expect(seen).toEqual(['00:15', '00:30', '00:45', '01:00']);
    expect(clock.now()).toEqual(new Date('2000-01-03T01:00:00Z'));
  });

  it('holds each step for at least the minimum real time, and keeps going after a failed step', async () => {
    const clock = createManualClock(T0);
    const errors: unknown[] = [];
    const started = Date.now();
    await runPacedReplay({
      config: demo,
      clock,
      stepMs: 60_000,
      minRealMsPerStep: 30,
      until: new Date(T0.getTime() + 3 * 60_000),
      signal: new AbortController().signal,
      afterStep: async (now) => {
        if (now.getTime() === T0.getTime() + 60_000) throw new Error('db hiccup');
      },
      onError: (e) => errors.push(e),
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(85);
    expect(errors).toHaveLength(1);
    expect(clock.now().getTime()).toBe(T0.getTime() + 3 * 60_000);
  });

  it('is refused outside demo configurations and in production', async () => {
    const base = {
      clock: createManualClock(T0),
      stepMs: 1,
      minRealMsPerStep: 0,
      signal: new AbortController().signal,
      afterStep: async () => {},
    };
    await expect(runPacedReplay({ ...base, config: { env: 'development', demo: false } })).rejects.toThrow(
      /only available on demo instances/,
    );
    await expect(runPacedReplay({ ...base, config: { env: 'production', demo: true } })).rejects.toThrow(
      /refused when NODE_ENV=production/,
    );
  });

  it('stops when aborted', async () => {
    const clock = createManualClock(T0);
    const ac = new AbortController();
    let steps = 0;
    const p = runPacedReplay({
      config: demo,
      clock,
      stepMs: 1000,
      minRealMsPerStep: 10,
      signal: ac.signal,
      afterStep: async () => {
        steps++;
      },
    });
    await new Promise((r) => setTimeout(r, 50));
    ac.abort();
    await p;
    const after = steps;
    await new Promise((r) => setTimeout(r, 40));
    expect(steps).toBe(after);
    expect(after).toBeGreaterThan(1);
  });
});
