import { describe, expect, it } from 'vitest';
import { createManualClock } from './clock';
import { createHeldClock } from './held-clock';

const T0 = new Date('2000-01-03T00:00:00Z');
const later = (h: number) => new Date(T0.getTime() + h * 3_600_000);

describe('held clock', () => {
  it('stands still until released, then follows the new clock', async () => {
    const held = createHeldClock(T0);
    expect(held.now()).toEqual(T0);
    let woke = false;
    const sleeping = held.sleepUntil(later(1)).then(() => {
      woke = true;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(woke).toBe(false);
    const manual = createManualClock(T0);
    held.release(manual);
    expect(held.released).toBe(true);
    await new Promise((r) => setTimeout(r, 5));
    expect(woke).toBe(false); // released, but the new clock has not reached t yet
    manual.set(later(1));
    await sleeping;
    expect(woke).toBe(true);
    expect(held.now()).toEqual(later(1));
    expect(() => held.release(manual)).toThrow(/already released/);
  });

  it('returns at once for instants not after start, and aborts a sleeper', async () => {
    const held = createHeldClock(T0);
    await held.sleepUntil(T0);
    const ac = new AbortController();
    const p = held.sleepUntil(later(5), ac.signal);
    ac.abort(new Error('stop'));
    await expect(p).rejects.toThrow('stop');
  });
});
